/* IPv4: route lookup (through the policy rules), source selection, output,
 * input with local delivery or forwarding, netfilter hooks on the way. */
#include "backends/sim/net/net-private.h"
#include "core/conf.h"
#include "core/fib.h"
#include "core/route-lookup.h"
#include "core/netfilter/nf-hook.h"
#include "core/netns.h"
#include "core/sysctl.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

static gboolean
usable(const NnsRoute *r, gpointer data)
{
  NnsDevice *bind = data;
  if (r->dev && !r->dev->admin_up && r->type != RTN_LOCAL)
    return FALSE;
  /* A bound socket still has the local table's answers. */
  return !bind || !r->dev || r->dev == bind || r->type == RTN_LOCAL || r->table == RT_TABLE_LOCAL;
}

/* fib_props[type].error: a route that answers with an error. */
static int
type_errno(const NnsRoute *r)
{
  switch (r->type) {
  case RTN_BLACKHOLE: return -EINVAL;
  case RTN_UNREACHABLE: return -EHOSTUNREACH;
  case RTN_PROHIBIT: return -EACCES;
  default: return 0;
  }
}

/* What the host sends: from lo (iif 1), through the bound device if any,
 * with the source when it is known. */
static NnsFlow
out_flow(const NnsInet *dst, const NnsInet *src, NnsDevice *bind)
{
  NnsFlow fl = { .dst = *dst, .iif = 1, .oif = bind ? bind->ifindex : 0 };
  if (src && src->family == AF_INET && nns_inet4_host(src) != 0)
    fl.src = *src;
  return fl;
}

/* ip_route_output_key_hash_rcu: 0 with the route and its path in *res;
 * 1 when the lookup failed but a device is bound, the destination being
 * then taken to be on its link; or -errno. */
static int
route_output(NnsNetns *ns, const NnsInet *dst, const NnsInet *src, NnsDevice *bind, NnsFibResult *res)
{
  NnsFlow fl = out_flow(dst, src, bind);
  gboolean found = nns_route_lookup_flow4(ns, &fl, usable, bind, res);
  int err = found ? type_errno(res->route) : res->error;
  if (err)
    return bind ? 1 : err;
  /* fib_select_path: with a bound device the lookup chose the path. */
  if (!bind)
    nns_route_select_path4(ns, res, fl.src.family ? &fl.src : NULL, dst, fl.src.family ? &fl.src : NULL);
  return 0;
}

gboolean
nns_ip_is_local(NnsNetns *ns, const NnsInet *addr)
{
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, addr, NULL, NULL);
  return r && r->type == RTN_LOCAL;
}

gboolean
nns_ip_is_broadcast(NnsNetns *ns, const NnsInet *addr)
{
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, addr, NULL, NULL);
  return nns_inet4_host(addr) == 0xffffffffu || (r && r->type == RTN_BROADCAST && r->dst_len == 32);
}

/* inet_select_addr: a primary address of the device in the same subnet as
 * `near`, else its first primary, else any in the namespace. */
gboolean
nns_ip_select_addr(NnsNetns *ns, NnsDevice *dev, const NnsInet *near, NnsInet *out)
{
  if (dev) {
    for (guint i = 0; i < dev->addrs4->len; i++) {
      NnsAddress *a = g_ptr_array_index(dev->addrs4, i);
      if (!(a->flags & IFA_F_SECONDARY) && near && nns_inet_same_prefix(&a->local, near, a->prefixlen)) {
        *out = a->local;
        return TRUE;
      }
    }
    for (guint i = 0; i < dev->addrs4->len; i++) {
      NnsAddress *a = g_ptr_array_index(dev->addrs4, i);
      if (!(a->flags & IFA_F_SECONDARY) && a->scope == RT_SCOPE_UNIVERSE) {
        *out = a->local;
        return TRUE;
      }
    }
  }
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *other = devs->pdata[d];
    for (guint i = 0; i < other->addrs4->len; i++) {
      NnsAddress *a = g_ptr_array_index(other->addrs4, i);
      if (a->scope == RT_SCOPE_UNIVERSE) {
        *out = a->local;
        return TRUE;
      }
    }
  }
  return FALSE;
}

int
nns_ip_route_source(NnsNetns *ns, const NnsInet *dst, const NnsInet *given, NnsDevice *bind_dev, gboolean broadcast,
                    NnsInet *src)
{
  if (nns_ip_is_broadcast(ns, dst) && !broadcast)
    return -EACCES;
  NnsFibResult res;
  int rc = route_output(ns, dst, given, bind_dev, &res);
  if (rc == 1) {
    /* ip_route_output_key_hash_rcu: with an output device and no route
     * through it, the destination is taken to be on its link, the source
     * any address of link scope or wider. */
    if (!nns_ip_select_addr(ns, bind_dev, NULL, src))
      memset(src, 0, sizeof *src), src->family = AF_INET;
    return 0;
  }
  if (rc)
    return rc;
  NnsRoute *r = res.route;
  if (r->type == RTN_BROADCAST) {
    if (!broadcast)
      return -EACCES;
    *src = r->prefsrc;
    return 0;
  }
  if (r->type == RTN_LOCAL) {
    *src = nns_ip_is_local(ns, dst) ? *dst : r->prefsrc;
    return 0;
  }
  if (r->has_prefsrc)
    *src = r->prefsrc;
  else if (!nns_ip_select_addr(ns, res.dev, res.has_gateway ? &res.gateway : dst, src))
    memset(src, 0, sizeof *src), src->family = AF_INET;
  return 0;
}

static void
fill_nf(NnsNfPacket *p, const NnsFrame *f, NnsDevice *in, NnsDevice *out)
{
  nns_nf_fill_packet(p, AF_INET, f, in, out);
  /* An ICMP error's quoted datagram (conntrack's RELATED). */
  if (f->icmp_type == NNS_ICMP_DEST_UNREACH || f->icmp_type == NNS_ICMP_TIME_EXCEEDED) {
    p->has_inner = TRUE;
    p->inner_proto = NNS_IPPROTO_ICMP;
    p->inner_saddr = f->orig_src;
    p->inner_daddr = f->orig_dst;
    p->inner_sport = p->inner_dport = f->orig_id;
  }
  p->ip_id = f->ip_id;
  p->df = f->df;
}

guint16
nns_ip_ident(const NnsFrame *f)
{
  /* The kernel picks IP IDs at random (recorded: forwarded echo requests
   * carried 32865, 32903); a hash of the datagram keeps runs identical. */
  guint32 h = nns_inet4_host(&f->ip_src) * 2654435761u;
  h ^= nns_inet4_host(&f->ip_dst) + 0x9e3779b9u + (h << 6) + (h >> 2);
  h ^= ((guint32) f->icmp_type << 24 | (guint32) f->icmp_id << 8 | f->proto) + (h << 6) + (h >> 2);
  h ^= (guint32) f->icmp_seq * 40503u;
  return (guint16) (h ^ (h >> 16));
}

static void
take_nf(NnsFrame *f, const NnsNfPacket *p)
{
  f->ip_src = p->saddr;
  f->ip_dst = p->daddr;
  f->icmp_id = p->icmp_id;
  if (p->has_inner) {
    f->orig_src = p->inner_saddr;
    f->orig_dst = p->inner_daddr;
    f->orig_id = p->inner_sport;
  }
}

/* One hook: FALSE when the packet is dropped (a REJECT answers first). */
static gboolean
hook(NnsEngine *e, NnsNetns *ns, NnsNfHook h, NnsNfPacket *p, NnsFrame *f, NnsDevice *in)
{
  NnsNfReject rej = { 0 };
  NnsNfVerdict v = nns_nf_hook(ns, h, p, &rej);
  if (v == NNS_NF_ACCEPT) {
    take_nf(f, p);
    return TRUE;
  }
  if (v == NNS_NF_REJECT && !rej.tcp_reset)
    nns_icmp_send_error(e, ns, in, f, rej.icmp_type, rej.icmp_code);
  return FALSE;
}

/* ip_finish_output / ip_forward's MTU check: a datagram larger than the
 * device's MTU is cut into fragments, unless it says Don't Fragment: a
 * router then answers Frag needed with the MTU, a sender drops it (ping
 * asks nns_ip_route_mtu first and reports EMSGSIZE itself).  Fragments
 * travel as one frame that counts as many (nns_frame_packets); one cut
 * again by a router counts as the whole datagram cut at the smaller MTU. */
static gboolean
fit_mtu(NnsEngine *e, NnsNetns *ns, NnsDevice *out, NnsFrame *f, NnsDevice *in)
{
  if (!out || f->ip_len <= out->mtu)
    return TRUE;
  if (f->df) {
    if (in)
      nns_icmp_send_frag_needed(e, ns, in, f, out->mtu);
    return FALSE;
  }
  f->frag_mtu = (guint16) (f->frag_mtu ? MIN(f->frag_mtu, out->mtu) : out->mtu);
  return TRUE;
}

/* The exception of a unicast route's path for `dst`, if one lives. */
static gboolean
route_exception(NnsNetns *ns, const NnsFibResult *res, const NnsInet *dst, NnsPmtuException *ex)
{
  return res->route && res->route->type == RTN_UNICAST && res->dev &&
         nns_pmtu_find(ns, res->route->info_id, res->nh, dst, ex);
}

guint
nns_ip_route_mtu(NnsNetns *ns, const NnsInet *dst, NnsDevice *bind_dev, gboolean *locked)
{
  NnsFibResult res;
  NnsPmtuException ex;
  *locked = FALSE;
  if (route_output(ns, dst, NULL, bind_dev, &res) != 0)
    return bind_dev ? bind_dev->mtu : 0;
  /* ipv4_mtu: the exception's MTU while it lives, else the device's. */
  if (route_exception(ns, &res, dst, &ex)) {
    *locked = ex.locked;
    return ex.mtu;
  }
  NnsDevice *dev = res.route->type == RTN_LOCAL ? nns_netns_device_by_index(ns, 1) : res.dev;
  return dev ? dev->mtu : 0;
}

void
nns_ip_learn_pmtu(NnsNetns *ns, const NnsInet *daddr, const NnsInet *saddr, guint mtu)
{
  NnsFibResult res;
  if (route_output(ns, daddr, saddr, NULL, &res) != 0 || res.route->type != RTN_UNICAST || !res.dev)
    return;
  nns_pmtu_learn(ns, res.route->info_id, res.nh, res.dev->mtu, daddr, mtu);
}

static void
send_via(NnsEngine *e, NnsNetns *ns, const NnsFibResult *res, NnsFrame *f, NnsDevice *in, NnsNfPacket *p)
{
  p->out_dev = res->dev ? res->dev->name : NULL;
  if (!fit_mtu(e, ns, res->dev, f, in))
    return;
  if (!hook(e, ns, NNS_NF_POSTROUTING, p, f, in))
    return;
  NnsInet nh = res->has_gateway ? res->gateway : f->ip_dst;
  nns_arp_output(e, res->dev, &nh, f);
}

int
nns_ip_output(NnsEngine *e, NnsNetns *ns, NnsFrame *f, NnsDevice *bind_dev)
{
  gboolean bcast = nns_ip_is_broadcast(ns, &f->ip_dst);
  NnsFibResult res = { 0 };
  NnsInet src = f->ip_src;
  int rc;
  if (bcast && !f->broadcast) {
    rc = bind_dev ? 1 : -EACCES;
  } else {
    /* connect(): the source first, then the route for it (ip_route_connect). */
    if (src.family != AF_INET && nns_ip_route_source(ns, &f->ip_dst, NULL, bind_dev, f->broadcast, &src) != 0)
      memset(&src, 0, sizeof src);
    rc = route_output(ns, &f->ip_dst, &src, bind_dev, &res);
    if (rc == 0 && res.route->type == RTN_BROADCAST && !bcast)
      rc = -EACCES;
  }
  if (rc < 0)
    return rc;
  NnsRoute *r = rc == 0 ? res.route : NULL;
  f->ethertype = NNS_ETH_P_IP;
  if (!f->ttl)
    f->ttl = 64;
  if (f->ip_src.family != AF_INET) {
    if (src.family != AF_INET)
      nns_ip_route_source(ns, &f->ip_dst, NULL, bind_dev, f->broadcast, &src);
    if (src.family == AF_INET)
      f->ip_src = src;
  }
  if (!f->ip_id)
    f->ip_id = nns_ip_ident(f);
  if (!r) {
    NnsNfPacket p;
    fill_nf(&p, f, NULL, bind_dev);
    if (hook(e, ns, NNS_NF_OUTPUT, &p, f, NULL) && hook(e, ns, NNS_NF_POSTROUTING, &p, f, NULL))
      nns_arp_output(e, bind_dev, &f->ip_dst, f);
    return 0;
  }
  if (r->type == RTN_BROADCAST) {
    /* A broadcast leaves its device for every host of the link, and
     * ip_mc_output loops a copy back to ourselves. */
    NnsNfPacket p;
    fill_nf(&p, f, NULL, res.dev);
    if (!hook(e, ns, NNS_NF_OUTPUT, &p, f, NULL) || !hook(e, ns, NNS_NF_POSTROUTING, &p, f, NULL))
      return 0;
    NnsFrame copy = *f;
    memcpy(f->src, res.dev->mac, 6);
    memset(f->dst, 0xff, 6);
    nns_net_xmit(e, res.dev, f);
    memset(copy.dst, 0, 6);
    nns_net_xmit(e, nns_netns_device_by_index(ns, 1), &copy);
    return 0;
  }
  /* A datagram we make that may be cut is cut to the path's MTU here
   * (ip_append_data), not at a router. */
  NnsPmtuException ex;
  if (!f->df && route_exception(ns, &res, &f->ip_dst, &ex) && f->ip_len > ex.mtu)
    f->frag_mtu = (guint16) (f->frag_mtu ? MIN(f->frag_mtu, ex.mtu) : ex.mtu);
  NnsNfPacket p;
  NnsDevice *out = r->type == RTN_LOCAL ? nns_netns_device_by_index(ns, 1) : res.dev;
  fill_nf(&p, f, NULL, out);
  if (!hook(e, ns, NNS_NF_OUTPUT, &p, f, NULL))
    return 0;
  if (r->type == RTN_LOCAL) {
    /* Datagrams to ourselves loop through lo (which must be up). */
    if (!hook(e, ns, NNS_NF_POSTROUTING, &p, f, NULL))
      return 0;
    memset(f->dst, 0, 6);
    nns_net_xmit(e, out, f);
    return 0;
  }
  send_via(e, ns, &res, f, NULL, &p);
  return 0;
}

/* ip_route_input for a datagram that came in on `in`; the path of a
 * multipath route by the hash of its addresses (an ICMP error's: the
 * datagram it is about, as ip_multipath_l3_keys reads them). */
static gboolean
route_input(NnsNetns *ns, const NnsFrame *f, NnsDevice *in, NnsFibResult *res)
{
  NnsFlow fl = { .dst = f->ip_dst, .iif = in ? in->ifindex : 1 };
  if (f->ip_src.family == AF_INET)
    fl.src = f->ip_src;
  if (!nns_route_lookup_flow4(ns, &fl, usable, NULL, res))
    return FALSE;
  gboolean inner = f->proto == NNS_IPPROTO_ICMP &&
                   (f->icmp_type == NNS_ICMP_DEST_UNREACH || f->icmp_type == NNS_ICMP_TIME_EXCEEDED);
  if (inner)
    nns_route_select_path4(ns, res, &f->orig_src, &f->orig_dst, NULL);
  else
    nns_route_select_path4(ns, res, &f->ip_src, &f->ip_dst, NULL);
  return TRUE;
}

NnsDevice *
nns_ip_unicast_route_dev(NnsNetns *ns, const NnsInet *dst, const NnsInet *src, NnsDevice *in)
{
  NnsFrame probe = { .ip_dst = *dst, .ip_src = *src };
  NnsFibResult res;
  if (!route_input(ns, &probe, in, &res))
    return NULL;
  return res.route->type == RTN_UNICAST ? res.dev : NULL;
}

/* IN_DEV_FORWARD: the device a packet came in on forwards it or not
 * (net.ipv4.conf.DEV.forwarding; ip_forward sets every device's). */
gboolean
nns_ip_forwarding(NnsDevice *in)
{
  return nns_conf_dev(in, AF_INET, "forwarding") != 0;
}

void
nns_ip_receive(NnsEngine *e, NnsDevice *dev, NnsFrame *f)
{
  NnsNetns *ns = dev->ns;
  NnsNfPacket p;
  fill_nf(&p, f, dev, NULL);
  if (!hook(e, ns, NNS_NF_PREROUTING, &p, f, dev))
    return;
  if (nns_ip_is_local(ns, &f->ip_dst) || nns_ip_is_broadcast(ns, &f->ip_dst)) {
    if (!hook(e, ns, NNS_NF_INPUT, &p, f, dev))
      return;
    nns_icmp_receive(e, ns, dev, f);
    return;
  }
  if (!nns_ip_forwarding(dev) || dev->kind == NNS_KIND_LOOPBACK) {
    nns_nf_packet_discard(&p);
    return;
  }
  if (f->ttl <= 1) {
    nns_nf_packet_discard(&p);
    nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_TIME_EXCEEDED, 0);
    return;
  }
  NnsFibResult res;
  gboolean found = route_input(ns, f, dev, &res);
  NnsRoute *r = found ? res.route : NULL;
  int err = found ? type_errno(r) : res.error;
  if (err || r->type == RTN_LOCAL || r->type == RTN_BROADCAST) {
    nns_nf_packet_discard(&p);
    /* ip_error: what the lookup said, as an ICMP error. */
    if (err == -ENETUNREACH)
      nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_DEST_UNREACH, 0);
    else if (err == -EHOSTUNREACH)
      nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_DEST_UNREACH, 1);
    else if (err == -EACCES)
      nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_DEST_UNREACH, 13);
    return;
  }
  p.out_dev = res.dev ? res.dev->name : NULL;
  p.ttl = (guint8) (f->ttl - 1);      /* ip_forward decrements before the hook */
  if (!hook(e, ns, NNS_NF_FORWARD, &p, f, dev))
    return;
  f->ttl--;
  f->hops = f->hops;
  send_via(e, ns, &res, f, dev, &p);
}
