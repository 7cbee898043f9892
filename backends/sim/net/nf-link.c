/* What netfilter sees of a frame: the IP and ICMP header fields both
 * families share, and beyond them the link header and packet type of one
 * received (xt_mac, xt_pkttype, LOG's MAC=), the socket of one sent
 * (xt_owner). */
#include "backends/sim/net/net-private.h"

#include <string.h>

void
nns_nf_fill_link(NnsNfPacket *p, const NnsFrame *f, NnsDevice *in)
{
  if (!in) {
    /* Sent here: ping's socket is a process's (root's, as every process
     * of netnsim), replies and errors leave from the kernel's own. */
    p->sock = f->from_user ? NNS_NF_SOCK_USER : NNS_NF_SOCK_KERNEL;
    p->uid = p->gid = 0;
    p->pkt_type = NNS_NF_PKT_HOST;
    return;
  }
  p->has_mac = TRUE;
  memcpy(p->mac, f->dst, 6);
  memcpy(p->mac + 6, f->src, 6);
  p->mac[12] = (guint8) (f->ethertype >> 8);
  p->mac[13] = (guint8) f->ethertype;
  p->in_ether = in->kind != NNS_KIND_LOOPBACK && in->kind != NNS_KIND_IPIP;
  /* eth_type_trans; a copy looped back through lo is PACKET_LOOPBACK,
   * which xt_pkttype calls broadcast (IPv4 broadcasts are what loop). */
  static const guint8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  if (in->kind == NNS_KIND_LOOPBACK)
    p->pkt_type = f->broadcast ? NNS_NF_PKT_BROADCAST : NNS_NF_PKT_HOST;
  else if (memcmp(f->dst, bcast, 6) == 0)
    p->pkt_type = NNS_NF_PKT_BROADCAST;
  else if (f->dst[0] & 1)
    p->pkt_type = NNS_NF_PKT_MULTICAST;
  else if (memcmp(f->dst, in->mac, 6) == 0)
    p->pkt_type = NNS_NF_PKT_HOST;
  else
    p->pkt_type = NNS_NF_PKT_OTHERHOST;
}

void
nns_nf_fill_packet(NnsNfPacket *p, int family, const NnsFrame *f, NnsDevice *in, NnsDevice *out)
{
  memset(p, 0, sizeof *p);
  p->family = family;
  p->proto = f->proto;
  p->saddr = f->ip_src;
  p->daddr = f->ip_dst;
  p->icmp_type = f->icmp_type;
  p->icmp_code = f->icmp_code;
  p->icmp_id = f->icmp_id;
  p->icmp_seq = f->icmp_seq;
  p->in_dev = in ? in->name : NULL;
  p->out_dev = out ? out->name : NULL;
  p->len = f->ip_len;
  p->ttl = f->ttl;
  nns_nf_fill_link(p, f, in);
}
