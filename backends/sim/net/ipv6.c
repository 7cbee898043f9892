/* IPv6: routing with the namespace's IPv6 routes (the same lookup as
 * `ip -6 route get`), source selection, output through neighbour discovery,
 * input with local delivery, multicast groups, or forwarding when
 * net.ipv6.conf.all.forwarding is set; ip6tables' hooks on the way, for
 * the kernel's own neighbour discovery and MLD as for the rest. */
#include "backends/sim/net/net-private.h"
#include "backends/sim/net/pmtu.h"
#include "backends/sim/sim-routes.h"
#include "core/conf.h"
#include "core/mcast.h"
#include "core/address.h"
#include "core/netns.h"
#include "core/sysctl.h"
#include "core/netfilter/nf-hook.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

gboolean
nns_ip6_is_link_local(const NnsInet *a)
{
  return a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80;
}

gboolean
nns_ip6_is_multicast(const NnsInet *a)
{
  return a->bytes[0] == 0xff;
}

NnsInet
nns_ip6_solicited_node(const NnsInet *a)
{
  return nns_mcast_solicited_node(a);
}

/* The address on `dev`, tentative ones included when asked. */
NnsAddress *
nns_ip6_dev_addr(NnsDevice *dev, const NnsInet *addr, gboolean tentative_too)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (nns_inet_equal(&a->local, addr) && (tentative_too || !(nns_address_flags(a) & IFA_F_TENTATIVE)))
      return a;
  }
  return NULL;
}

gboolean
nns_ip6_is_local(NnsNetns *ns, const NnsInet *addr)
{
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *dev = devs->pdata[d];
    /* A down device has no IPv6 addresses, except lo's ::1 kept as the kernel keeps it. */
    if (dev->admin_up && nns_ip6_dev_addr(dev, addr, FALSE))
      return TRUE;
  }
  return FALSE;
}

/* ipv6_chk_mcast_addr: the groups on the device's list (core/mcast.h):
 * all-nodes, and the solicited-node group of each address, joined while
 * still tentative for DAD, unless the device is NOARP. */
static gboolean
joined(NnsDevice *dev, const NnsInet *group)
{
  return nns_mcast_joined(dev, group);
}

/* The flow a datagram is routed as (rt6_multipath_hash's keys): an
 * ICMPv6 error's is the datagram it quotes (ip6_multipath_l3_keys; an
 * ICMPv6 one: the engine sends nothing else).  The engine's datagrams
 * carry no flow label, as with net.ipv6.auto_flowlabels 0. */
static NnsFlow
frame_flow(const NnsFrame *f)
{
  NnsFlow fl = { .dst = f->ip_dst, .iif = 1, .proto = f->proto };
  if (f->ip_src.family == AF_INET6)
    fl.src = f->ip_src;
  /* icmpv6_is_err: destination unreachable (1) to parameter problem (4). */
  gboolean error = f->proto == NNS_IPPROTO_ICMPV6 && f->icmp_type >= 1 && f->icmp_type <= 4;
  if (error) {
    fl.hash_src = f->orig_src;
    fl.hash_dst = f->orig_dst;
  }
  return fl;
}

static gboolean
route(NnsNetns *ns, const NnsFlow *flow, NnsDevice *oif, NnsRoute *r)
{
  NnsFlow fl = *flow;
  fl.oif = oif ? oif->ifindex : 0;
  if (!nns_sim_route6_lookup(ns, &fl, oif, r))
    return FALSE;
  /* A route through a device that is down is no route. */
  return !(r->dev && !r->dev->admin_up && r->type != RTN_LOCAL);
}

static int
route_errno(const NnsRoute *r, gboolean found)
{
  if (!found)
    return -ENETUNREACH;
  switch (r->type) {
  case RTN_BLACKHOLE: return -EINVAL;
  case RTN_UNREACHABLE: return -EHOSTUNREACH;
  case RTN_PROHIBIT: return -EACCES;
  default: return 0;
  }
}

/* The device a link-local destination's scope names, or the bound one. */
static NnsDevice *
output_dev(NnsNetns *ns, const NnsFrame *f, NnsDevice *bind_dev)
{
  if (f->scope_ifindex && nns_ip6_is_link_local(&f->ip_dst))
    return nns_netns_device_by_index(ns, f->scope_ifindex);
  return bind_dev;
}

/* ip6_dst_lookup_tail with no source yet: the source of the route the
 * lookup found (the destination itself for a local one). */
static void
route_source(const NnsRoute *r, const NnsInet *dst, NnsInet *src)
{
  if (r->type == RTN_LOCAL) {
    *src = *dst;
    return;
  }
  if (!nns_sim_route6_source(r->dev, dst, src))
    memset(src, 0, sizeof *src), src->family = AF_INET6;
}

int
nns_ip6_route_source(NnsNetns *ns, const NnsInet *dst, int scope_ifindex, NnsDevice *bind_dev, guint8 proto,
                     NnsInet *src)
{
  NnsFrame probe = { .ip_dst = *dst, .scope_ifindex = scope_ifindex, .proto = proto };
  NnsFlow fl = frame_flow(&probe);
  NnsRoute r;
  gboolean found = route(ns, &fl, output_dev(ns, &probe, bind_dev), &r);
  int err = route_errno(&r, found);
  if (err)
    return err;
  route_source(&r, dst, src);
  return 0;
}

/* ip6_mtu: a unicast route's live exception for `dst`, else its device's
 * MTU. */
static guint
path_mtu(NnsNetns *ns, const NnsRoute *r, const NnsInet *dst)
{
  NnsPmtuException ex;
  if (r->type == RTN_UNICAST && r->info_id && nns_pmtu_find(ns, r->info_id, 0, dst, &ex))
    return ex.mtu;
  return r->dev ? r->dev->mtu : 0;
}

guint
nns_ip6_route_mtu(NnsNetns *ns, const NnsFrame *f, NnsDevice *bind_dev)
{
  NnsDevice *oif = output_dev(ns, f, bind_dev);
  NnsFlow fl = frame_flow(f);
  NnsRoute r;
  if (route_errno(&r, route(ns, &fl, oif, &r)) != 0)
    return oif ? oif->mtu : 0;
  if (r.type == RTN_LOCAL) {
    NnsDevice *lo = nns_netns_device_by_index(ns, 1);
    return lo ? lo->mtu : 0;
  }
  return path_mtu(ns, &r, &f->ip_dst);
}

void
nns_ip6_learn_pmtu(NnsNetns *ns, const NnsInet *daddr, const NnsInet *saddr, guint mtu)
{
  /* ip6_update_pmtu: the quoted datagram's flow (the engine's are ICMPv6)
   * chooses the path, among multipath siblings too. */
  NnsFlow fl = { .dst = *daddr, .iif = 1, .proto = NNS_IPPROTO_ICMPV6 };
  if (saddr->family == AF_INET6)
    fl.src = *saddr;
  NnsRoute r;
  if (!route(ns, &fl, NULL, &r) || r.type != RTN_UNICAST || !r.dev)
    return;
  nns_pmtu6_learn(ns, r.info_id, 0, r.dev->mtu, daddr, mtu);
}

static void
fill_nf6(NnsNfPacket *p, const NnsFrame *f, NnsDevice *in, NnsDevice *out)
{
  nns_nf_fill_packet(p, AF_INET6, f, in, out);
  if (p->saddr.family != AF_INET6)
    p->saddr.family = AF_INET6;       /* DAD's unspecified source */
}

/* One ip6tables hook: FALSE when the packet is dropped (a REJECT answers
 * with its ICMPv6 error first, as nf_send_unreach6 does). */
static gboolean
hook6(NnsEngine *e, NnsNetns *ns, NnsNfHook h, NnsNfPacket *p, const NnsFrame *f, NnsDevice *in)
{
  NnsNfReject rej = { 0 };
  NnsNfVerdict v = nns_nf_hook(ns, h, p, &rej);
  if (v == NNS_NF_ACCEPT)
    return TRUE;
  if (v == NNS_NF_REJECT && !rej.tcp_reset)
    nns_icmp6_send_error(e, ns, in, f, rej.icmp_type, rej.icmp_code);
  return FALSE;
}

gboolean
nns_ip6_local_out(NnsEngine *e, NnsNetns *ns, const NnsFrame *f, NnsDevice *out)
{
  NnsNfPacket p;
  fill_nf6(&p, f, NULL, out);
  return hook6(e, ns, NNS_NF_OUTPUT, &p, f, NULL) && hook6(e, ns, NNS_NF_POSTROUTING, &p, f, NULL);
}

/* A multicast datagram leaves `dev` for the group's MAC 33:33:xx:xx:xx:xx,
 * through OUTPUT and POSTROUTING (neighbour discovery and MLD too). */
void
nns_ip6_output_multicast(NnsEngine *e, NnsDevice *dev, NnsFrame *f)
{
  if (!nns_ip6_local_out(e, dev->ns, f, dev))
    return;
  f->ethertype = NNS_ETH_P_IPV6;
  f->dst[0] = f->dst[1] = 0x33;
  memcpy(f->dst + 2, f->ip_dst.bytes + 12, 4);
  memcpy(f->src, dev->mac, 6);
  nns_net_xmit(e, dev, f);
}

int
nns_ip6_output(NnsEngine *e, NnsNetns *ns, NnsFrame *f, NnsDevice *bind_dev)
{
  NnsDevice *oif = output_dev(ns, f, bind_dev);
  if (nns_ip6_is_multicast(&f->ip_dst)) {
    if (!oif)
      return -ENETUNREACH;
    nns_ip6_output_multicast(e, oif, f);
    return 0;
  }
  NnsFlow fl = frame_flow(f);
  NnsRoute r;
  gboolean found = route(ns, &fl, oif, &r);
  int err = route_errno(&r, found);
  if (err)
    return err;
  f->ethertype = NNS_ETH_P_IPV6;
  if (!f->ttl)
    f->ttl = 64;
  if (f->ip_src.family != AF_INET6)
    route_source(&r, &f->ip_dst, &f->ip_src);
  if (r.type == RTN_LOCAL) {
    /* Datagrams to ourselves loop through lo (which must be up). */
    NnsDevice *lo = nns_netns_device_by_index(ns, 1);
    if (!nns_ip6_local_out(e, ns, f, lo))
      return 0;
    memset(f->dst, 0, 6);
    nns_net_xmit(e, lo, f);
    return 0;
  }
  /* ip6_finish_output: what does not fit the path's MTU leaves in
   * fragments (a sender that must not fragment asked first: ping). */
  guint mtu = path_mtu(ns, &r, &f->ip_dst);
  if (mtu && f->ip_len > mtu)
    f->frag_mtu = (guint16) (f->frag_mtu ? MIN(f->frag_mtu, mtu) : mtu);
  if (!nns_ip6_local_out(e, ns, f, r.dev))
    return 0;
  NnsInet nh = r.has_gateway ? r.gateway : f->ip_dst;
  nns_arp_output(e, r.dev, &nh, f);
  return 0;
}

static gboolean
forwarding(NnsNetns *ns)
{
  /* ip6_forward: all's switch, not the device's. */
  return nns_conf_all(ns, AF_INET6, "forwarding") != 0;
}

static void
forward(NnsEngine *e, NnsDevice *dev, NnsFrame *f, NnsNfPacket *p)
{
  NnsNetns *ns = dev->ns;
  NnsFlow fl = frame_flow(f);
  NnsRoute r;
  gboolean found = route(ns, &fl, NULL, &r);
  /* ip6_route_input: no route, or an unreachable one, answers even on a
   * host that does not forward (ip6_pkt_discard); prohibit likewise. */
  if (!found || r.type == RTN_UNREACHABLE || r.type == RTN_THROW) {
    nns_icmp6_send_error(e, ns, dev, f, NNS_ICMP6_DEST_UNREACH, NNS_ICMP6_NOROUTE);
    return;
  }
  if (r.type == RTN_PROHIBIT) {
    nns_icmp6_send_error(e, ns, dev, f, NNS_ICMP6_DEST_UNREACH, NNS_ICMP6_ADM_PROHIBITED);
    return;
  }
  if (r.type != RTN_UNICAST || !forwarding(ns) || dev->kind == NNS_KIND_LOOPBACK)
    return;
  /* Link-local addresses never leave their link. */
  if (nns_ip6_is_link_local(&f->ip_src) || nns_ip6_is_link_local(&f->ip_dst))
    return;
  if (f->ttl <= 1) {
    nns_icmp6_send_error(e, ns, dev, f, NNS_ICMP6_TIME_EXCEEDED, 0);
    return;
  }
  /* ip6_pkt_too_big: a router never fragments; what does not fit the
   * outgoing link (each fragment of a datagram cut by its sender, else
   * the whole) is answered with Packet too big and the link's MTU. */
  if (r.dev && nns_frame_largest_packet(f) > r.dev->mtu) {
    nns_icmp6_send_pkt_too_big(e, ns, dev, f, MAX(r.dev->mtu, NNS_IPV6_MIN_MTU));
    return;
  }
  /* ip6_forward decrements the hop limit before the FORWARD hook. */
  f->ttl--;
  p->ttl = f->ttl;
  p->out_dev = r.dev ? r.dev->name : NULL;
  if (!hook6(e, ns, NNS_NF_FORWARD, p, f, dev) || !hook6(e, ns, NNS_NF_POSTROUTING, p, f, dev))
    return;
  f->scope_ifindex = 0;
  NnsInet nh = r.has_gateway ? r.gateway : f->ip_dst;
  nns_arp_output(e, r.dev, &nh, f);
}

void
nns_ip6_receive(NnsEngine *e, NnsDevice *dev, NnsFrame *f)
{
  NnsNetns *ns = dev->ns;
  /* The datagram remembers where it came in: answers to a link-local
   * source go back out there. */
  f->scope_ifindex = dev->ifindex;
  if (dev->kind == NNS_KIND_LOOPBACK) {
    /* Looped back to one of our link-local addresses: its device is the
     * scope the answer reports (ping of our own fe80::...%va). */
    f->scope_ifindex = 0;
    g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
    for (guint d = 0; d < devs->len && nns_ip6_is_link_local(&f->ip_dst); d++)
      if (nns_ip6_dev_addr(devs->pdata[d], &f->ip_dst, FALSE))
        f->scope_ifindex = ((NnsDevice *) devs->pdata[d])->ifindex;
  }
  NnsNfPacket p;
  fill_nf6(&p, f, dev, NULL);
  if (!hook6(e, ns, NNS_NF_PREROUTING, &p, f, dev))
    return;
  if (nns_ip6_is_multicast(&f->ip_dst)) {
    if (joined(dev, &f->ip_dst) && hook6(e, ns, NNS_NF_INPUT, &p, f, dev))
      nns_icmp6_receive(e, ns, dev, f);
    return;
  }
  if (nns_ip6_is_local(ns, &f->ip_dst)) {
    if (hook6(e, ns, NNS_NF_INPUT, &p, f, dev))
      nns_icmp6_receive(e, ns, dev, f);
    return;
  }
  /* A tentative address takes nothing but DAD (multicast, above). */
  if (nns_ip6_dev_addr(dev, &f->ip_dst, TRUE))
    return;
  forward(e, dev, f, &p);
}
