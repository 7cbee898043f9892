/* ICMP: echo replies, errors, and delivery to the ping sockets. */
#include "backends/sim/net/net-private.h"
#include "core/netns.h"

#include <string.h>

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
    NnsFrame reply = *f;
    reply.icmp_type = NNS_ICMP_ECHOREPLY;
    reply.ip_src = f->ip_dst;
    reply.ip_dst = f->ip_src;
    reply.ttl = 64;
    reply.hops = 0;
    /* icmp_reply's socket does no path MTU discovery: no DF, a fresh ID. */
    reply.df = FALSE;
    reply.ip_id = 0;
    nns_ip_output(e, ns, &reply, NULL);
    break;
  }
  case NNS_ICMP_ECHOREPLY: {
    NnsSockEvent ev = {
      .kind = NNS_SOCK_ECHO_REPLY, .seq = f->icmp_seq, .ttl = f->ttl, .from = f->ip_src,
      .at_us = nns_engine_now(e), .rtt_us = nns_engine_now(e) - f->sent_us, .len = f->ip_len - 20,
    };
    nns_engine_deliver_icmp(e, ns, &ev, f->icmp_id);
    break;
  }
  case NNS_ICMP_DEST_UNREACH:
  case NNS_ICMP_TIME_EXCEEDED: {
    if (f->orig_type != NNS_ICMP_ECHO)
      return;
    NnsSockEvent ev = {
      .kind = NNS_SOCK_ICMP_ERROR, .seq = f->orig_seq, .type = f->icmp_type, .code = f->icmp_code,
      .from = f->ip_src, .at_us = nns_engine_now(e),
    };
    nns_engine_deliver_icmp(e, ns, &ev, f->orig_id);
    break;
  }
  default:
    break;
  }
}

void
nns_icmp_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type, guint8 code)
{
  /* Never an error about an error. */
  if (orig->proto == NNS_IPPROTO_ICMP && orig->icmp_type != NNS_ICMP_ECHO && orig->icmp_type != NNS_ICMP_ECHOREPLY)
    return;
  if (in_dev == NULL && nns_ip_is_local(ns, &orig->ip_src)) {
    /* Our own datagram failed here (ARP, REJECT in OUTPUT): the socket
     * hears it from our own address. */
    NnsDevice *lo = nns_netns_device_by_index(ns, 1);
    /* The error travels to ourselves through lo: lost while lo is down. */
    if (orig->icmp_type != NNS_ICMP_ECHO || !lo || !lo->admin_up)
      return;
    NnsSockEvent ev = {
      .kind = NNS_SOCK_ICMP_ERROR, .seq = orig->icmp_seq, .type = type, .code = code,
      .from = orig->ip_src, .at_us = nns_engine_now(e),
    };
    nns_engine_deliver_icmp(e, ns, &ev, orig->icmp_id);
    return;
  }
  /* icmp_send quotes the datagram up to 576 bytes in all (recorded in
   * pkt-router: a Time to live exceeded about an 84-byte echo is 112). */
  NnsFrame err = { .proto = NNS_IPPROTO_ICMP, .ttl = 64 };
  err.ip_len = (guint16) (28 + MIN(orig->ip_len, 576 - 28));
  err.icmp_type = type;
  err.icmp_code = code;
  err.ip_dst = orig->ip_src;
  err.orig_src = orig->ip_src;
  err.orig_dst = orig->ip_dst;
  err.orig_type = orig->icmp_type;
  err.orig_id = orig->icmp_id;
  err.orig_seq = orig->icmp_seq;
  /* icmp_send answers from the address of the interface it came in on. */
  if (in_dev) {
    for (guint i = 0; i < in_dev->addrs4->len; i++) {
      NnsAddress *a = g_ptr_array_index(in_dev->addrs4, i);
      err.ip_src = a->local;
      break;
    }
  }
  nns_ip_output(e, ns, &err, NULL);
}
