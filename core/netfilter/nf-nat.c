/* NAT: bindings made on a flow's first packet, applied to all of them. */
#include "core/netfilter/nf-nat.h"
#include "core/netns.h"

#include <netinet/in.h>
#include <string.h>

void
nns_nf_packet_tuple(const NnsNfPacket *pkt, NnsNfTuple *t)
{
  memset(t, 0, sizeof *t);
  t->src = nns_inet4_be(&pkt->saddr);
  t->dst = nns_inet4_be(&pkt->daddr);
  t->proto = pkt->proto;
  if (pkt->proto == IPPROTO_ICMP) {
    t->sport = pkt->icmp_id;
    t->dport = pkt->icmp_type;
  } else if (pkt->proto == IPPROTO_TCP || pkt->proto == IPPROTO_UDP) {
    t->sport = pkt->sport;
    t->dport = pkt->dport;
  }
}

/* inet_select_addr: the device's first primary universe address, one on
 * the destination's subnet preferred. */
static gboolean
device_address(NnsNetns *ns, const char *dev_name, guint32 towards, guint32 *out)
{
  NnsDevice *dev = dev_name ? nns_netns_device_by_name(ns, dev_name) : NULL;
  if (!dev)
    return FALSE;
  gboolean found = FALSE;
  for (guint i = 0; i < dev->addrs4->len; i++) {
    NnsAddress *a = dev->addrs4->pdata[i];
    if (a->flags & 0x01 /* IFA_F_SECONDARY */ || a->scope > 0)
      continue;
    guint32 mask = a->prefixlen ? g_htonl(~0u << (32 - a->prefixlen)) : 0;
    if (!found || ((nns_inet4_be(&a->local) ^ towards) & mask) == 0) {
      *out = nns_inet4_be(&a->local);
      if (found)
        return TRUE;
      found = TRUE;
    }
  }
  return found;
}

/* The port (or ICMP id) field a manip of this type changes. */
static guint16 *
manip_port(NnsNfTuple *t, NnsNfManip manip)
{
  if (t->proto == IPPROTO_ICMP)
    return &t->sport;
  return manip == NNS_NF_MANIP_SRC ? &t->sport : &t->dport;
}

/* get_unique_tuple: keep the port if the result is free, else walk the
 * range (or the unprivileged ports) for one that is. */
static gboolean
make_unique(NnsNfConntrack *ct, NnsNfConn *conn, NnsNfTuple *t, NnsNfManip manip, const NnsNfNatRange *r)
{
  gboolean ported = t->proto == IPPROTO_TCP || t->proto == IPPROTO_UDP || t->proto == IPPROTO_ICMP;
  guint16 *port = manip_port(t, manip);
  NnsNfTuple reply;
  if (ported && r->has_ports && (*port < r->min_port || *port > r->max_port))
    *port = r->min_port;
  nns_nf_tuple_invert(t, &reply);
  if (!nns_nf_conntrack_tuple_taken(ct, &reply, conn))
    return TRUE;
  if (!ported || manip == NNS_NF_MANIP_DST)
    return FALSE;
  guint lo = r->has_ports ? r->min_port : (t->proto == IPPROTO_ICMP ? 0 : 1024);
  guint hi = r->has_ports ? r->max_port : 65535;
  guint span = hi - lo + 1, start = *port;
  for (guint k = 1; k <= span; k++) {
    *port = lo + (start - lo + k) % span;
    nns_nf_tuple_invert(t, &reply);
    if (!nns_nf_conntrack_tuple_taken(ct, &reply, conn))
      return TRUE;
  }
  return FALSE;
}

gboolean
nns_nf_nat_setup(NnsNetns *ns, NnsNfConntrack *ct, NnsNfConn *conn, const NnsNfTarget *target,
                 const NnsNfPacket *pkt)
{
  NnsNfManip manip = target->kind == NNS_NF_TARGET_SNAT || target->kind == NNS_NF_TARGET_MASQUERADE
                         ? NNS_NF_MANIP_SRC : NNS_NF_MANIP_DST;
  NnsNfNatRange r = target->nat;
  if (target->kind == NNS_NF_TARGET_MASQUERADE) {
    if (!device_address(ns, pkt->out_dev, nns_inet4_be(&pkt->daddr), &r.min_addr))
      return FALSE;
    r.has_addr = TRUE;
  } else if (target->kind == NNS_NF_TARGET_REDIRECT) {
    if (pkt->in_dev) {
      if (!device_address(ns, pkt->in_dev, nns_inet4_be(&pkt->saddr), &r.min_addr))
        return FALSE;
    } else {
      r.min_addr = g_htonl(0x7f000001);
    }
    r.has_addr = TRUE;
  }
  /* The tuple as the packet now is: the inverse of the current reply. */
  NnsNfTuple t;
  nns_nf_tuple_invert(&conn->tuple[NNS_NF_DIR_REPLY], &t);
  if (r.has_addr) {
    if (manip == NNS_NF_MANIP_SRC)
      t.src = r.min_addr;
    else
      t.dst = r.min_addr;
  }
  if (!make_unique(ct, conn, &t, manip, &r))
    return FALSE;
  NnsNfTuple reply;
  nns_nf_tuple_invert(&t, &reply);
  if (memcmp(&reply, &conn->tuple[NNS_NF_DIR_REPLY], sizeof reply) != 0) {
    conn->tuple[NNS_NF_DIR_REPLY] = reply;
    conn->status |= manip == NNS_NF_MANIP_SRC ? NNS_NF_IPS_SRC_NAT : NNS_NF_IPS_DST_NAT;
  }
  return TRUE;
}

static void
manip_packet(NnsNfPacket *pkt, const NnsNfTuple *target, NnsNfManip manip, gboolean ports)
{
  if (manip == NNS_NF_MANIP_SRC) {
    pkt->saddr = nns_inet4_from_be(target->src);
    if (ports && pkt->proto == IPPROTO_ICMP)
      pkt->icmp_id = target->sport;
    else if (ports && (pkt->proto == IPPROTO_TCP || pkt->proto == IPPROTO_UDP))
      pkt->sport = target->sport;
  } else {
    pkt->daddr = nns_inet4_from_be(target->dst);
    /* icmp_manip_pkt sets the echo id whatever the manip type. */
    if (ports && pkt->proto == IPPROTO_ICMP)
      pkt->icmp_id = target->sport;
    else if (ports && (pkt->proto == IPPROTO_TCP || pkt->proto == IPPROTO_UDP))
      pkt->dport = target->dport;
  }
}

static guint
status_bit(int dir, NnsNfManip manip)
{
  guint bit = manip == NNS_NF_MANIP_SRC ? NNS_NF_IPS_SRC_NAT : NNS_NF_IPS_DST_NAT;
  if (dir == NNS_NF_DIR_REPLY)
    bit ^= NNS_NF_IPS_SRC_NAT | NNS_NF_IPS_DST_NAT;
  return bit;
}

void
nns_nf_nat_packet(const NnsNfConn *conn, int dir, NnsNfManip manip, NnsNfPacket *pkt)
{
  if (!(conn->status & status_bit(dir, manip)))
    return;
  NnsNfTuple target;
  nns_nf_tuple_invert(&conn->tuple[!dir], &target);
  manip_packet(pkt, &target, manip, TRUE);
}

void
nns_nf_nat_icmp_reply(const NnsNfConn *conn, int dir, NnsNfManip manip, NnsNfPacket *pkt)
{
  if (!(conn->status & status_bit(dir, manip)))
    return;
  /* The quoted header gets the opposite manip, from the other direction's
   * tuple as it is, so that it reads as the packet its sender sent. */
  const NnsNfTuple *inner = &conn->tuple[!dir];
  if (manip == NNS_NF_MANIP_SRC) {
    pkt->inner_daddr = nns_inet4_from_be(inner->dst);
    if (inner->proto == IPPROTO_ICMP)
      pkt->inner_sport = pkt->inner_dport = inner->sport;
    else
      pkt->inner_dport = inner->dport;
  } else {
    pkt->inner_saddr = nns_inet4_from_be(inner->src);
    pkt->inner_sport = inner->sport;
    if (inner->proto == IPPROTO_ICMP)
      pkt->inner_dport = inner->sport;
  }
  NnsNfTuple target;
  nns_nf_tuple_invert(&conn->tuple[!dir], &target);
  manip_packet(pkt, &target, manip, FALSE);
}
