/* ICMPv6: echo replies, errors (destination unreachable, packet too big,
 * time exceeded), delivery to the ping sockets, path MTUs learnt, and
 * neighbour discovery handed to ndisc. */
#include "backends/sim/net/net-private.h"
#include "core/netns.h"

#include <string.h>

static gboolean
is_error(guint8 type)
{
  return type < 128;
}

void
nns_icmp6_receive(NnsEngine *e, NnsNetns *ns, NnsDevice *dev, const NnsFrame *f)
{
  if (f->proto != NNS_IPPROTO_ICMPV6)
    return;
  switch (f->icmp_type) {
  case NNS_ND_NEIGHBOUR_SOLICIT:
  case NNS_ND_NEIGHBOUR_ADVERT:
    nns_ndisc_receive(e, dev, f);
    break;
  case NNS_ICMP6_ECHO_REQUEST: {
    /* Echo to a group (ping ff02::1): the kernel answers (and loops its
     * own answer back) under a rate limit not modelled: no answer. */
    if (nns_ip6_is_multicast(&f->ip_dst))
      return;
    NnsFrame reply = nns_icmp_echo_reply_frame(f, NNS_ICMP6_ECHO_REPLY);
    nns_ip6_output(e, ns, &reply, NULL);
    break;
  }
  case NNS_ICMP6_ECHO_REPLY:
    nns_icmp_deliver_echo_reply(e, ns, f, 40);
    break;
  case NNS_ICMP6_PKT_TOOBIG:
    /* icmpv6_err: whatever datagram of ours it quotes (an echo reply
     * too), the path to its destination learns the MTU. */
    nns_ip6_learn_pmtu(ns, &f->orig_dst, &f->orig_src, f->icmp_mtu);
    if (f->orig_type == NNS_ICMP6_ECHO_REQUEST)
      nns_icmp_deliver_error(e, ns, f);
    break;
  case NNS_ICMP6_DEST_UNREACH:
  case NNS_ICMP6_TIME_EXCEEDED:
    if (f->orig_type == NNS_ICMP6_ECHO_REQUEST)
      nns_icmp_deliver_error(e, ns, f);
    break;
  default:
    break;
  }
}

static void send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type,
                       guint8 code, guint mtu);

void
nns_icmp6_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type, guint8 code)
{
  send_error(e, ns, in_dev, orig, type, code, 0);
}

void
nns_icmp6_send_pkt_too_big(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint mtu)
{
  send_error(e, ns, in_dev, orig, NNS_ICMP6_PKT_TOOBIG, 0, mtu);
}

static void
send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type, guint8 code,
           guint mtu)
{
  /* Never an error about an error, nor to a group or the unspecified address. */
  if (orig->proto == NNS_IPPROTO_ICMPV6 && is_error(orig->icmp_type))
    return;
  if (nns_ip6_is_multicast(&orig->ip_dst) || orig->ip_src.family != AF_INET6)
    return;
  static const guint8 unspecified[16] = { 0 };
  if (memcmp(orig->ip_src.bytes, unspecified, 16) == 0)
    return;
  if (in_dev == NULL && nns_ip6_is_local(ns, &orig->ip_src)) {
    /* Our own datagram failed here (neighbour discovery). */
    if (orig->icmp_type == NNS_ICMP6_ECHO_REQUEST)
      nns_icmp_deliver_own_error(e, ns, orig, type, code);
    return;
  }
  /* As much of the datagram as fits in 1280 bytes. */
  NnsFrame err = nns_icmp_error_frame(orig, NNS_IPPROTO_ICMPV6, type, code, 48, 1280);
  err.icmp_mtu = (guint16) mtu;
  err.scope_ifindex = orig->scope_ifindex;
  /* From the address the datagram was sent to when it is ours, else the
   * source address toward its sender. */
  if (nns_ip6_is_local(ns, &orig->ip_dst))
    err.ip_src = orig->ip_dst;
  nns_ip6_output(e, ns, &err, NULL);
}
