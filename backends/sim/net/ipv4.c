/* IPv4: route lookup (local table, then main), source selection, output,
 * input with local delivery or forwarding, netfilter hooks on the way. */
#include "backends/sim/net/net-private.h"
#include "core/conf.h"
#include "core/fib.h"
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
  return !bind || !r->dev || r->dev == bind || r->type == RTN_LOCAL;
}

static NnsRoute *
route_lookup(NnsNetns *ns, const NnsInet *dst, NnsDevice *bind)
{
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, dst, usable, NULL);
  if (r && (r->type == RTN_LOCAL || r->type == RTN_BROADCAST))
    return r;
  r = nns_fib_lookup(ns->fib, RT_TABLE_MAIN, dst, usable, bind);
  if (r && r->type == RTN_THROW)
    return NULL;
  return r;
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

static int
route_errno(const NnsRoute *r)
{
  if (!r)
    return -ENETUNREACH;
  switch (r->type) {
  case RTN_BLACKHOLE: return -EINVAL;
  case RTN_UNREACHABLE: return -EHOSTUNREACH;
  case RTN_PROHIBIT: return -EACCES;
  case RTN_BROADCAST: return -EACCES;
  default: return 0;
  }
}

int
nns_ip_route_source(NnsNetns *ns, const NnsInet *dst, NnsDevice *bind_dev, gboolean broadcast, NnsInet *src)
{
  if (nns_ip_is_broadcast(ns, dst) && !broadcast)
    return -EACCES;
  NnsRoute *r = route_lookup(ns, dst, bind_dev);
  if (!r && bind_dev) {
    /* ip_route_output_key_hash_rcu: with an output device and no route
     * through it, the destination is taken to be on its link, the source
     * any address of link scope or wider. */
    if (!nns_ip_select_addr(ns, bind_dev, NULL, src))
      memset(src, 0, sizeof *src), src->family = AF_INET;
    return 0;
  }
  int err = route_errno(r);
  if (err == -EACCES && r->type == RTN_BROADCAST && broadcast)
    err = 0;
  if (err)
    return err;
  if (r->type == RTN_BROADCAST) {
    *src = r->prefsrc;
    return 0;
  }
  if (r->type == RTN_LOCAL) {
    *src = nns_ip_is_local(ns, dst) ? *dst : r->prefsrc;
    return 0;
  }
  if (r->has_prefsrc)
    *src = r->prefsrc;
  else if (!nns_ip_select_addr(ns, r->dev, r->has_gateway ? &r->gateway : dst, src))
    memset(src, 0, sizeof *src), src->family = AF_INET;
  return 0;
}

static void
fill_nf(NnsNfPacket *p, const NnsFrame *f, NnsDevice *in, NnsDevice *out)
{
  memset(p, 0, sizeof *p);
  p->family = AF_INET;
  p->proto = f->proto;
  p->saddr = f->ip_src;
  p->daddr = f->ip_dst;
  p->icmp_type = f->icmp_type;
  p->icmp_code = f->icmp_code;
  p->icmp_id = f->icmp_id;
  if (f->icmp_type == NNS_ICMP_DEST_UNREACH || f->icmp_type == NNS_ICMP_TIME_EXCEEDED) {
    p->has_inner = TRUE;
    p->inner_proto = NNS_IPPROTO_ICMP;
    p->inner_saddr = f->orig_src;
    p->inner_daddr = f->orig_dst;
    p->inner_sport = p->inner_dport = f->orig_id;
  }
  p->in_dev = in ? in->name : NULL;
  p->out_dev = out ? out->name : NULL;
  p->len = f->ip_len;
  p->ttl = f->ttl;
  p->ip_id = f->ip_id;
  p->df = f->df;
  p->icmp_seq = f->icmp_seq;
  if (in) {
    p->has_mac = TRUE;
    memcpy(p->mac, f->dst, 6);
    memcpy(p->mac + 6, f->src, 6);
    p->mac[12] = (guint8) (f->ethertype >> 8);
    p->mac[13] = (guint8) f->ethertype;
  }
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

guint
nns_ip_route_mtu(NnsNetns *ns, const NnsInet *dst, NnsDevice *bind_dev)
{
  NnsRoute *r = route_lookup(ns, dst, bind_dev);
  NnsDevice *dev = !r ? bind_dev : r->type == RTN_LOCAL ? nns_netns_device_by_index(ns, 1) : r->dev;
  return dev ? dev->mtu : 0;
}

static void
send_via(NnsEngine *e, NnsNetns *ns, NnsRoute *r, NnsFrame *f, NnsDevice *in, NnsNfPacket *p)
{
  p->out_dev = r->dev ? r->dev->name : NULL;
  if (!fit_mtu(e, ns, r->dev, f, in))
    return;
  if (!hook(e, ns, NNS_NF_POSTROUTING, p, f, in))
    return;
  NnsInet nh = r->has_gateway ? r->gateway : f->ip_dst;
  nns_arp_output(e, r->dev, &nh, f);
}

int
nns_ip_output(NnsEngine *e, NnsNetns *ns, NnsFrame *f, NnsDevice *bind_dev)
{
  gboolean bcast = nns_ip_is_broadcast(ns, &f->ip_dst);
  NnsRoute *r = bcast && !f->broadcast ? NULL : route_lookup(ns, &f->ip_dst, bind_dev);
  int err = bcast && !f->broadcast ? -EACCES : route_errno(r);
  if (!r && bind_dev)
    err = 0; /* on the bound device's link, as nns_ip_route_source says */
  else if (bcast && r && r->type == RTN_BROADCAST)
    err = 0;
  if (err)
    return err;
  f->ethertype = NNS_ETH_P_IP;
  if (!f->ttl)
    f->ttl = 64;
  if (f->ip_src.family != AF_INET)
    nns_ip_route_source(ns, &f->ip_dst, bind_dev, f->broadcast, &f->ip_src);
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
    fill_nf(&p, f, NULL, r->dev);
    if (!hook(e, ns, NNS_NF_OUTPUT, &p, f, NULL) || !hook(e, ns, NNS_NF_POSTROUTING, &p, f, NULL))
      return 0;
    NnsFrame copy = *f;
    memcpy(f->src, r->dev->mac, 6);
    memset(f->dst, 0xff, 6);
    nns_net_xmit(e, r->dev, f);
    memset(copy.dst, 0, 6);
    nns_net_xmit(e, nns_netns_device_by_index(ns, 1), &copy);
    return 0;
  }
  NnsNfPacket p;
  NnsDevice *out = r->type == RTN_LOCAL ? nns_netns_device_by_index(ns, 1) : r->dev;
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
  send_via(e, ns, r, f, NULL, &p);
  return 0;
}

NnsDevice *
nns_ip_unicast_route_dev(NnsNetns *ns, const NnsInet *dst)
{
  NnsRoute *r = route_lookup(ns, dst, NULL);
  return r && r->type == RTN_UNICAST ? r->dev : NULL;
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
  NnsRoute *r = route_lookup(ns, &f->ip_dst, NULL);
  int err = route_errno(r);
  if (err || r->type == RTN_LOCAL) {
    nns_nf_packet_discard(&p);
    if (!r)
      nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_DEST_UNREACH, 0);
    else if (r->type == RTN_UNREACHABLE)
      nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_DEST_UNREACH, 1);
    else if (r->type == RTN_PROHIBIT)
      nns_icmp_send_error(e, ns, dev, f, NNS_ICMP_DEST_UNREACH, 13);
    return;
  }
  p.out_dev = r->dev ? r->dev->name : NULL;
  p.ttl = (guint8) (f->ttl - 1);      /* ip_forward decrements before the hook */
  if (!hook(e, ns, NNS_NF_FORWARD, &p, f, dev))
    return;
  f->ttl--;
  f->hops = f->hops;
  send_via(e, ns, r, f, dev, &p);
}
