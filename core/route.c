#include "core/route.h"
#include "core/address.h"
#include "core/fib.h"
#include "core/netns.h"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

static gboolean
route_same(const NnsRoute *a, const NnsRoute *b)
{
  return a->family == b->family && a->table == b->table && a->type == b->type &&
         a->dst_len == b->dst_len && nns_inet_equal(&a->dst, &b->dst) && a->dev == b->dev &&
         a->priority == b->priority && a->has_gateway == b->has_gateway &&
         (!a->has_gateway || nns_inet_equal(&a->gateway, &b->gateway));
}

NnsRoute *
nns_route_add(NnsNetns *ns, const NnsRoute *spec)
{
  GPtrArray *same = nns_fib_exact(ns->fib, spec->table, &spec->dst, spec->dst_len);
  for (guint i = 0; same && i < same->len; i++)
    if (route_same(g_ptr_array_index(same, i), spec))
      return NULL;
  NnsRoute *r = g_memdup2(spec, sizeof *spec);
  nns_fib_insert(ns->fib, r);
  return r;
}

/* fib_magic: a route the kernel adds for an interface address. */
static void
add_kernel_route(NnsAddress *a, guint8 type, guint32 table, const NnsInet *dst, guint8 dst_len, const NnsInet *src)
{
  NnsRoute r = {
    .family = AF_INET,
    .table = table,
    .type = type,
    .protocol = RTPROT_KERNEL,
    .scope = type == RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK,
    .dst = *dst,
    .dst_len = dst_len,
    .has_prefsrc = TRUE,
    .prefsrc = *src,
    .dev = a->dev,
  };
  nns_inet_mask(&r.dst, dst_len);
  nns_route_add(a->dev->ns, &r);
}

static NnsAddress *
primary_of(NnsAddress *a)
{
  if (!(a->flags & IFA_F_SECONDARY))
    return a;
  for (guint i = 0; i < a->dev->addrs4->len; i++) {
    NnsAddress *p = g_ptr_array_index(a->dev->addrs4, i);
    if (!(p->flags & IFA_F_SECONDARY) && p->prefixlen == a->prefixlen &&
        nns_inet_same_prefix(&p->local, &a->local, a->prefixlen))
      return p;
  }
  return a;
}

/* fib_add_ifaddr */
void
nns_routes_add_for_address(NnsAddress *a)
{
  if (a->local.family != AF_INET)
    return;
  NnsDevice *dev = a->dev;
  NnsAddress *prim = primary_of(a);
  NnsInet prefix = a->local;
  nns_inet_mask(&prefix, a->prefixlen);
  /* The local route comes with the address, even on a device that is down. */
  add_kernel_route(a, RTN_LOCAL, RT_TABLE_LOCAL, &a->local, 32, &prim->local);
  if (!dev->admin_up)
    return;
  if (a->has_broadcast && nns_inet4_host(&a->broadcast) != 0xffffffff)
    add_kernel_route(a, RTN_BROADCAST, RT_TABLE_LOCAL, &a->broadcast, 32, &prim->local);
  if (nns_inet4_host(&prefix) != 0 && !(a->flags & IFA_F_SECONDARY) &&
      (!nns_inet_equal(&prefix, &a->local) || a->prefixlen < 32)) {
    if (dev->kind == NNS_KIND_LOOPBACK)
      add_kernel_route(a, RTN_LOCAL, RT_TABLE_LOCAL, &prefix, a->prefixlen, &prim->local);
    else
      add_kernel_route(a, RTN_UNICAST, RT_TABLE_MAIN, &prefix, a->prefixlen, &prim->local);
    if (a->prefixlen < 31) {
      NnsInet brd = a->local;
      nns_inet_fill_host(&brd, a->prefixlen);
      add_kernel_route(a, RTN_BROADCAST, RT_TABLE_LOCAL, &brd, 32, &prim->local);
    }
  }
}

void
nns_routes_del_for_address(NnsAddress *a)
{
  if (a->local.family != AF_INET)
    return;
  g_autoptr(GPtrArray) routes = nns_fib_by_dev(a->dev->ns->fib, a->dev);
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = g_ptr_array_index(routes, i);
    if (r->protocol != RTPROT_KERNEL)
      continue;
    gboolean mine = (r->type == RTN_LOCAL && r->dst_len == 32 && nns_inet_equal(&r->dst, &a->local)) ||
                    (!(a->flags & IFA_F_SECONDARY) && r->has_prefsrc && nns_inet_equal(&r->prefsrc, &a->local));
    if (mine)
      nns_fib_remove(a->dev->ns->fib, r);
  }
}

void
nns_routes_dev_up(NnsDevice *dev)
{
  for (guint i = 0; i < dev->addrs4->len; i++)
    nns_routes_add_for_address(g_ptr_array_index(dev->addrs4, i));
}

void
nns_routes_flush_dev_family(NnsDevice *dev, guint8 family)
{
  g_autoptr(GPtrArray) routes = nns_fib_by_dev(dev->ns->fib, dev);
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = g_ptr_array_index(routes, i);
    if (!family || r->family == family)
      nns_fib_remove(dev->ns->fib, r);
  }
}

void
nns_routes_flush_dev(NnsDevice *dev)
{
  nns_routes_flush_dev_family(dev, 0);
}

/* fib_sync_down_dev on NETDEV_DOWN: nexthops of scope nowhere (the local
 * routes of the device's addresses) survive; every other route goes. */
void
nns_routes_dev_down(NnsDevice *dev)
{
  g_autoptr(GPtrArray) routes = nns_fib_by_dev(dev->ns->fib, dev);
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = g_ptr_array_index(routes, i);
    if (!(r->type == RTN_LOCAL && r->protocol == RTPROT_KERNEL))
      nns_fib_remove(dev->ns->fib, r);
  }
}

/* IPv6 routes follow the addresses (addrconf_prefix_route and the local
 * route inserted when DAD completes); they are derived, not stored. */
static void
add_ipv6_routes(NnsDevice *dev, GPtrArray *out)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    /* A /128 needs no prefix route; none while the device is down. */
    if (dev->admin_up && a->prefixlen < 128) {
      NnsRoute prefix = {
        .family = AF_INET6, .table = RT_TABLE_MAIN, .type = RTN_UNICAST, .protocol = RTPROT_KERNEL,
        .scope = RT_SCOPE_UNIVERSE, .dst = a->local, .dst_len = a->prefixlen, .dev = dev,
        .priority = 256, .has_priority = TRUE,
      };
      nns_inet_mask(&prefix.dst, a->prefixlen);
      gboolean dup = FALSE;
      for (guint j = 0; j < out->len; j++)
        dup |= route_same(g_ptr_array_index(out, j), &prefix);
      if (!dup)
        g_ptr_array_add(out, g_memdup2(&prefix, sizeof prefix));
    }
    if (nns_address_flags(a) & IFA_F_TENTATIVE)
      continue;
    NnsRoute local = {
      .family = AF_INET6, .table = RT_TABLE_LOCAL, .type = RTN_LOCAL, .protocol = RTPROT_KERNEL,
      .scope = RT_SCOPE_UNIVERSE, .dst = a->local, .dst_len = 128, .dev = dev,
      .priority = 0, .has_priority = TRUE,
    };
    g_ptr_array_add(out, g_memdup2(&local, sizeof local));
  }
  /* addrconf_add_mroute when the device first had carrier while up. */
  if (dev->admin_up && dev->ipv6_ready && dev->kind != NNS_KIND_LOOPBACK) {
    NnsRoute mc = {
      .family = AF_INET6, .table = RT_TABLE_LOCAL, .type = RTN_MULTICAST, .protocol = RTPROT_KERNEL,
      .scope = RT_SCOPE_UNIVERSE, .dst = { .family = AF_INET6, .bytes = { 0xff } }, .dst_len = 8,
      .dev = dev, .priority = 256, .has_priority = TRUE,
    };
    g_ptr_array_add(out, g_memdup2(&mc, sizeof mc));
  }
}

/* The fib trie's walk: by table, then key, longer prefixes first. */
static gint
dump_order(gconstpointer pa, gconstpointer pb)
{
  const NnsRoute *a = *(NnsRoute *const *) pa, *b = *(NnsRoute *const *) pb;
  if (a->table != b->table)
    return a->table == RT_TABLE_MAIN ? -1 : b->table == RT_TABLE_MAIN ? 1 : (a->table < b->table ? 1 : -1);
  int c = nns_inet_compare(&a->dst, &b->dst);
  if (c)
    return c;
  if (a->dst_len != b->dst_len)
    return a->dst_len > b->dst_len ? -1 : 1;
  if (a->priority != b->priority)
    return a->priority < b->priority ? -1 : 1;
  return (a->serial > b->serial) - (a->serial < b->serial);
}

GPtrArray *
nns_routes_sorted(NnsNetns *ns, guint8 family)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  if (family == AF_INET6) {
    g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
    for (guint i = 0; i < devs->len; i++)
      add_ipv6_routes(devs->pdata[i], out);
  }
  g_autoptr(GPtrArray) all = nns_fib_all(ns->fib);
  for (guint i = 0; i < all->len; i++) {
    NnsRoute *r = g_ptr_array_index(all, i);
    if (r->family == family)
      g_ptr_array_add(out, g_memdup2(r, sizeof *r));
  }
  g_ptr_array_sort(out, dump_order);
  return out;
}
