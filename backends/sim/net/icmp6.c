/* ICMPv6: echo replies, errors (destination unreachable, time exceeded),
 * delivery to the ping sockets, and neighbour discovery handed to ndisc. */
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
    NnsFrame reply = *f;
    reply.icmp_type = NNS_ICMP6_ECHO_REPLY;
    reply.ip_src = f->ip_dst;
    reply.ip_dst = f->ip_src;
    reply.ttl = 64;
    reply.hops = 0;
    nns_ip6_output(e, ns, &reply, NULL);
    break;
  }
  case NNS_ICMP6_ECHO_REPLY: {
    NnsSockEvent ev = {
      .kind = NNS_SOCK_ECHO_REPLY, .seq = f->icmp_seq, .ttl = f->ttl, .from = f->ip_src,
      .at_us = nns_engine_now(e), .rtt_us = nns_engine_now(e) - f->sent_us, .len = f->ip_len - 40u,
      .ifindex = f->scope_ifindex,
    };
    nns_engine_deliver_icmp(e, ns, &ev, f->icmp_id);
    break;
  }
  case NNS_ICMP6_DEST_UNREACH:
  case NNS_ICMP6_TIME_EXCEEDED: {
    if (f->orig_type != NNS_ICMP6_ECHO_REQUEST)
      return;
    NnsSockEvent ev = {
      .kind = NNS_SOCK_ICMP_ERROR, .seq = f->orig_seq, .type = f->icmp_type, .code = f->icmp_code,
      .from = f->ip_src, .at_us = nns_engine_now(e), .ifindex = f->scope_ifindex,
    };
    nns_engine_deliver_icmp(e, ns, &ev, f->orig_id);
    break;
  }
  default:
    break;
  }
}

void
nns_icmp6_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint8 type, guint8 code)
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
    /* Our own datagram failed here (neighbour discovery): the error goes
     * to ourselves through lo, lost while lo is down. */
    NnsDevice *lo = nns_netns_device_by_index(ns, 1);
    if (orig->icmp_type != NNS_ICMP6_ECHO_REQUEST || !lo || !lo->admin_up)
      return;
    NnsSockEvent ev = {
      .kind = NNS_SOCK_ICMP_ERROR, .seq = orig->icmp_seq, .type = type, .code = code,
      .from = orig->ip_src, .at_us = nns_engine_now(e),
    };
    nns_engine_deliver_icmp(e, ns, &ev, orig->icmp_id);
    return;
  }
  /* icmp6_send quotes as much of the datagram as fits in 1280 bytes. */
  NnsFrame err = { .proto = NNS_IPPROTO_ICMPV6, .ttl = 64 };
  err.ip_len = (guint16) (48 + MIN(orig->ip_len, 1280 - 48));
  err.icmp_type = type;
  err.icmp_code = code;
  err.ip_dst = orig->ip_src;
  err.scope_ifindex = orig->scope_ifindex;
  err.orig_src = orig->ip_src;
  err.orig_dst = orig->ip_dst;
  err.orig_type = orig->icmp_type;
  err.orig_id = orig->icmp_id;
  err.orig_seq = orig->icmp_seq;
  /* From the address the datagram was sent to when it is ours, else the
   * source address toward its sender. */
  if (nns_ip6_is_local(ns, &orig->ip_dst))
    err.ip_src = orig->ip_dst;
  nns_ip6_output(e, ns, &err, NULL);
}
