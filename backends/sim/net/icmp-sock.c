/* What ICMP and ICMPv6 do alike: echo replies, the events ping's socket
 * hears, and the frame of an error about a datagram. */
#include "backends/sim/net/net-private.h"
#include "core/netns.h"

NnsFrame
nns_icmp_echo_reply_frame(const NnsFrame *request, guint8 reply_type)
{
  NnsFrame reply = *request;
  reply.icmp_type = reply_type;
  reply.ip_src = request->ip_dst;
  reply.ip_dst = request->ip_src;
  reply.ttl = 64;
  reply.hops = 0;
  reply.from_user = FALSE;    /* icmp_reply: the kernel's own socket */
  reply.frag_mtu = 0;         /* a datagram of its own, cut again if it must be */
  return reply;
}

void
nns_icmp_deliver_echo_reply(NnsEngine *e, NnsNetns *ns, const NnsFrame *f, guint header_len)
{
  NnsSockEvent ev = {
    .kind = NNS_SOCK_ECHO_REPLY, .seq = f->icmp_seq, .ttl = f->ttl, .from = f->ip_src,
    .at_us = nns_engine_now(e), .rtt_us = nns_engine_now(e) - f->sent_us, .len = f->ip_len - header_len,
    .ifindex = f->scope_ifindex,
  };
  nns_engine_deliver_icmp(e, ns, &ev, f->icmp_id);
}

void
nns_icmp_deliver_error(NnsEngine *e, NnsNetns *ns, const NnsFrame *f)
{
  NnsSockEvent ev = {
    .kind = NNS_SOCK_ICMP_ERROR, .seq = f->orig_seq, .type = f->icmp_type, .code = f->icmp_code,
    .from = f->ip_src, .at_us = nns_engine_now(e), .ifindex = f->scope_ifindex, .mtu = f->icmp_mtu,
  };
  nns_engine_deliver_icmp(e, ns, &ev, f->orig_id);
}

void
nns_icmp_deliver_own_error(NnsEngine *e, NnsNetns *ns, const NnsFrame *orig, guint8 type, guint8 code)
{
  /* The error travels to ourselves through lo: lost while lo is down. */
  NnsDevice *lo = nns_netns_device_by_index(ns, 1);
  if (!lo || !lo->admin_up)
    return;
  NnsSockEvent ev = {
    .kind = NNS_SOCK_ICMP_ERROR, .seq = orig->icmp_seq, .type = type, .code = code,
    .from = orig->ip_src, .at_us = nns_engine_now(e),
  };
  nns_engine_deliver_icmp(e, ns, &ev, orig->icmp_id);
}

NnsFrame
nns_icmp_error_frame(const NnsFrame *orig, guint8 proto, guint8 type, guint8 code, guint header_len, guint limit)
{
  /* The kernel quotes the datagram up to `limit` bytes in all (576 for
   * icmp_send, 1280 for icmp6_send). */
  NnsFrame err = { .proto = proto, .ttl = 64 };
  err.ip_len = (guint16) (header_len + MIN(orig->ip_len, limit - header_len));
  err.icmp_type = type;
  err.icmp_code = code;
  err.ip_dst = orig->ip_src;
  err.orig_src = orig->ip_src;
  err.orig_dst = orig->ip_dst;
  err.orig_type = orig->icmp_type;
  err.orig_id = orig->icmp_id;
  err.orig_seq = orig->icmp_seq;
  return err;
}
