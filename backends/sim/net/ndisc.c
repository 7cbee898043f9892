/* IPv6 neighbour discovery (RFC 4861 as ndisc.c does it): solicitations
 * and advertisements on the neighbour state machine ARP uses (arp.c), as
 * the kernel's nd_tbl shares neigh.c with arp_tbl. */
#include "backends/sim/net/net-private.h"
#include "core/conf.h"
#include "core/address.h"
#include "core/neigh.h"
#include "core/sysctl.h"

#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <string.h>

/* include/net/neighbour.h: the states that hold a link-layer address. */
#define NUD_VALID (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)

/* IPv6 header, the 24 bytes of NS/NA, an 8-byte link-layer address option. */
#define ND_LEN (40 + 24 + 8)

static void
fill(NnsFrame *f, NnsDevice *dev, guint8 type)
{
  memset(f, 0, sizeof *f);
  f->ethertype = NNS_ETH_P_IPV6;
  f->proto = NNS_IPPROTO_ICMPV6;
  f->icmp_type = type;
  f->ttl = 255;
  f->ip_len = ND_LEN;
  f->nd_has_lladdr = TRUE;
  memcpy(f->nd_lladdr, dev->mac, 6);
  memcpy(f->src, dev->mac, 6);
  f->scope_ifindex = dev->ifindex;
}

static gboolean
link_local(NnsDevice *dev, NnsInet *out)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (nns_ip6_is_link_local(&a->local) && !(nns_address_flags(a) & IFA_F_TENTATIVE)) {
      *out = a->local;
      return TRUE;
    }
  }
  return FALSE;
}

/* ndisc_recv_na: every advertisement taken says whether its sender routes. */
static void
set_router(NnsNeigh *n, const NnsFrame *f)
{
  if (f->nd_flags & NNS_ND_NA_ROUTER)
    n->flags |= NTF_ROUTER;
  else
    n->flags &= (guint8) ~NTF_ROUTER;
}

void
nns_ndisc_solicit(NnsEngine *e, NnsNeigh *n, const NnsInet *hint)
{
  NnsDevice *dev = n->dev;
  NnsFrame ns;
  fill(&ns, dev, NNS_ND_NEIGHBOUR_SOLICIT);
  ns.nd_target = n->addr;
  /* ndisc_solicit: from the waiting datagram's source when it is ours
   * on this device (not a forwarded one), else from the device's
   * link-local address; with neither usable the kernel sends nothing. */
  if (hint && hint->family == AF_INET6 && nns_ip6_dev_addr(dev, hint, FALSE))
    ns.ip_src = *hint;
  else if (!link_local(dev, &ns.ip_src))
    return;
  if (n->has_mac && n->state != NUD_INCOMPLETE) {
    /* A probe of a known neighbour goes to it alone. */
    ns.ip_dst = n->addr;
    memcpy(ns.dst, n->mac, 6);
    if (nns_ip6_local_out(e, dev->ns, &ns, dev))
      nns_net_xmit(e, dev, &ns);
    return;
  }
  ns.ip_dst = nns_ip6_solicited_node(&n->addr);
  nns_ip6_output_multicast(e, dev, &ns);
}

/* ndisc_recv_ns: the router flag is the receiving device's forwarding. */
static gboolean
is_router(NnsDevice *dev)
{
  return nns_conf_dev(dev, AF_INET6, "forwarding") != 0;
}

static void
receive_ns(NnsEngine *e, NnsDevice *dev, const NnsFrame *f)
{
  NnsAddress *target = nns_ip6_dev_addr(dev, &f->nd_target, TRUE);
  if (!target)
    return;
  static const guint8 unspecified[16] = { 0 };
  gboolean dad = memcmp(f->ip_src.bytes, unspecified, 16) == 0;
  /* Someone probing an address we are still probing: the simulation has
   * no duplicates to detect, so both stay (no dadfailed). */
  if (nns_address_flags(target) & IFA_F_TENTATIVE)
    return;
  NnsFrame na;
  fill(&na, dev, NNS_ND_NEIGHBOUR_ADVERT);
  na.nd_target = f->nd_target;
  na.ip_src = f->nd_target;
  na.nd_flags = NNS_ND_NA_OVERRIDE | (is_router(dev) ? NNS_ND_NA_ROUTER : 0);
  if (dad) {
    /* Defend the address to all nodes. */
    static const NnsInet all_nodes = { .family = AF_INET6, .bytes = { 0xff, 0x02, [15] = 1 } };
    na.ip_dst = all_nodes;
    nns_ip6_output_multicast(e, dev, &na);
    return;
  }
  if (!f->nd_has_lladdr)
    return;
  /* neigh_event_ns: the asker becomes a neighbour, STALE, unless its
   * entry already holds this address in a valid state. */
  NnsNeigh *n = nns_neigh_ensure(dev->ns, dev, &f->ip_src);
  if (!(n->state & (NUD_PERMANENT | NUD_NOARP))) {
    gboolean same = n->has_mac && memcmp(n->mac, f->nd_lladdr, 6) == 0;
    if (!same || !(n->state & NUD_VALID)) {
      gboolean was_incomplete = n->state == NUD_INCOMPLETE;
      memcpy(n->mac, f->nd_lladdr, 6);
      n->has_mac = TRUE;
      n->state = NUD_STALE;
      n->updated_us = nns_engine_now(e);
      if (was_incomplete)
        nns_neigh_flush_queue(e, n);
    }
  }
  na.nd_flags |= NNS_ND_NA_SOLICITED;
  na.ip_dst = f->ip_src;
  /* ndisc_recv_ns: the answer to a unicast solicitation (a probe) carries
   * no link-layer option and does not override (recorded: 64 bytes). */
  if (!nns_ip6_is_multicast(&f->ip_dst)) {
    na.nd_has_lladdr = FALSE;
    na.ip_len = 40 + 24;
    na.nd_flags &= (guint8) ~NNS_ND_NA_OVERRIDE;
  }
  /* The answer goes through the neighbour entry: STALE turns DELAY. */
  if (nns_ip6_local_out(e, dev->ns, &na, dev))
    nns_arp_output(e, dev, &f->ip_src, &na);
}

static void
receive_na(NnsEngine *e, NnsDevice *dev, const NnsFrame *f)
{
  NnsNeigh *n = nns_neigh_lookup(dev->ns, dev->ifindex, &f->nd_target);
  if (!n || (n->state & (NUD_PERMANENT | NUD_NOARP)))
    return;
  if (!f->nd_has_lladdr && !n->has_mac)
    return;
  const guint8 *mac = f->nd_has_lladdr ? f->nd_lladdr : n->mac;
  gboolean same = n->has_mac && memcmp(n->mac, mac, 6) == 0;
  if (f->nd_flags & NNS_ND_NA_SOLICITED) {
    if (same || (f->nd_flags & NNS_ND_NA_OVERRIDE) || n->state == NUD_INCOMPLETE) {
      set_router(n, f);
      nns_neigh_confirm_and_flush(e, n, mac);
    }
    return;
  }
  /* Unsolicited: a new address is taken, unconfirmed. */
  if (!same && (n->state == NUD_INCOMPLETE || (f->nd_flags & NNS_ND_NA_OVERRIDE))) {
    gboolean was_incomplete = n->state == NUD_INCOMPLETE;
    set_router(n, f);
    memcpy(n->mac, mac, 6);
    n->has_mac = TRUE;
    n->state = NUD_STALE;
    n->updated_us = nns_engine_now(e);
    if (was_incomplete)
      nns_neigh_flush_queue(e, n);
  }
}

void
nns_ndisc_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *f)
{
  /* RFC 4861 7.1: neighbour discovery never crossed a router. */
  if (f->ttl != 255)
    return;
  if (f->icmp_type == NNS_ND_NEIGHBOUR_SOLICIT)
    receive_ns(e, dev, f);
  else if (f->icmp_type == NNS_ND_NEIGHBOUR_ADVERT)
    receive_na(e, dev, f);
}
