/* ICMP: echo replies, errors, and delivery to the ping sockets. */
#include "backends/sim/net/net-private.h"
#include "core/netns.h"

void
nns_icmp_receive(NnsEngine *e, NnsNetns *ns, NnsDevice *dev, const NnsFrame *f)
{
  (void) dev;
  if (f->proto != NNS_IPPROTO_ICMP)
    return;
  switch (f->icmp_type) {
  case NNS_ICMP_ECHO: {
    if (nns_ip_is_broadcast(ns, &f->ip_dst))
      return; /* icmp_echo_ignore_broadcasts */
    NnsFrame reply = nns_icmp_echo_reply_frame(f, NNS_ICMP_ECHOREPLY);
    /* icmp_reply's socket does no path MTU discovery: no DF, a fresh ID. */
    reply.df = FALSE;
    reply.ip_id = 0;
    nns_ip_output(e, ns, &reply, NULL);
    break;
  }
  case NNS_ICMP_ECHOREPLY:
    nns_icmp_deliver_echo_reply(e, ns, f, 20);
    break;
  case NNS_ICMP_DEST_UNREACH:
  case NNS_ICMP_TIME_EXCEEDED:
    /* icmp_err: a Frag needed about an ICMP datagram of ours teaches the
     * path's MTU, socket or not. */
    if (f->icmp_type == NNS_ICMP_DEST_UNREACH && f->icmp_code == NNS_ICMP_FRAG_NEEDED &&
        f->orig_type == NNS_ICMP_ECHO && nns_ip_is_local(ns, &f->orig_src))
      nns_ip_learn_pmtu(ns, &f->orig_dst, &f->orig_src, f->icmp_mtu);
    if (f->orig_type == NNS_ICMP_ECHO)
      nns_icmp_deliver_error(e, ns, f);
    break;
  default:
    break;
  }
}

static void send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type,
                       guint8 code, guint mtu);

void
nns_icmp_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type, guint8 code)
{
  send_error(e, ns, in_dev, orig, type, code, 0);
}

void
nns_icmp_send_frag_needed(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint mtu)
{
  send_error(e, ns, in_dev, orig, NNS_ICMP_DEST_UNREACH, NNS_ICMP_FRAG_NEEDED, mtu);
}

static void
send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type, guint8 code,
           guint mtu)
{
  /* Never an error about an error. */
  if (orig->proto == NNS_IPPROTO_ICMP && orig->icmp_type != NNS_ICMP_ECHO && orig->icmp_type != NNS_ICMP_ECHOREPLY)
    return;
  if (in_dev == NULL && nns_ip_is_local(ns, &orig->ip_src)) {
    /* Our own datagram failed here (ARP, REJECT in OUTPUT). */
    if (orig->icmp_type == NNS_ICMP_ECHO)
      nns_icmp_deliver_own_error(e, ns, orig, type, code);
    return;
  }
  /* 576 bytes in all (recorded in pkt-router: a Time to live exceeded
   * about an 84-byte echo is 112). */
  NnsFrame err = nns_icmp_error_frame(orig, NNS_IPPROTO_ICMP, type, code, 28, 576);
  err.icmp_mtu = (guint16) mtu;
  /* icmp_send answers from the address of the interface it came in on. */
  if (in_dev && in_dev->addrs4->len > 0)
    err.ip_src = ((NnsAddress *) g_ptr_array_index(in_dev->addrs4, 0))->local;
  nns_ip_output(e, ns, &err, NULL);
}
