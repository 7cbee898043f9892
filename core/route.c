#include "core/route.h"
#include "core/address.h"
#include "core/fib.h"
#include "core/netns.h"
#include "core/route-lookup.h"
#include "core/route6.h"

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
    if (a->flags & IFA_F_NOPREFIXROUTE)
      ; /* fib_add_ifaddr: the broadcast routes only */
    else if (dev->kind == NNS_KIND_LOOPBACK)
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
  nns_routes_dev_down_family(dev, 0);
}

void
nns_routes_dev_down_family(NnsDevice *dev, guint8 family)
{
  NnsNetns *ns = dev->ns;
  g_autoptr(GPtrArray) routes = nns_fib_by_dev(ns->fib, dev);
  /* Decided first, removed after: a sibling's fate takes others with it. */
  g_autoptr(GHashTable) doomed = g_hash_table_new(NULL, NULL);
  g_autoptr(GPtrArray) all = NULL;
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = g_ptr_array_index(routes, i);
    if ((family && r->family != family) || (r->type == RTN_LOCAL && r->protocol == RTPROT_KERNEL))
      continue;
    /* A multipath route loses the path (RTNH_F_DEAD, derived from the
     * device) and goes only when every path is dead. */
    gboolean alive = FALSE;
    for (guint j = 0; j < r->nhs; j++)
      alive |= r->nh[j].dev && r->nh[j].dev->admin_up;
    /* fib6_ifdown: an IPv6 ECMP sibling likewise, the whole group going
     * when each of its routes is dead or through this device. */
    if (nns_route6_ecmp(r) && !all)
      all = nns_fib_all(ns->fib);
    g_autoptr(GPtrArray) siblings = nns_route6_ecmp(r) ? nns_route6_siblings_in(all, r) : NULL;
    for (guint j = 0; siblings && j < siblings->len; j++) {
      NnsRoute *s = siblings->pdata[j];
      alive |= s->dev && s->dev != dev && s->dev->admin_up;
    }
    if (alive)
      continue;
    g_hash_table_add(doomed, r);
    for (guint j = 0; siblings && j < siblings->len; j++)
      g_hash_table_add(doomed, siblings->pdata[j]);
  }
  GHashTableIter it;
  gpointer r;
  g_hash_table_iter_init(&it, doomed);
  while (g_hash_table_iter_next(&it, &r, NULL))
    nns_fib_remove(ns->fib, r);
}

/* fib_sync_down_dev (NETDEV_CHANGE) and fib_sync_up (RTNH_F_LINKDOWN):
 * a multipath route is marked linkdown as a whole when a carrier loss
 * leaves each path dead or on that device, and unmarked when any of its
 * devices gets carrier back. */
void
nns_routes_carrier_changed(NnsDevice *dev)
{
  g_autoptr(GPtrArray) routes = nns_fib_by_dev(dev->ns->fib, dev);
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = g_ptr_array_index(routes, i);
    if (!r->nhs)
      continue;
    if (dev->carrier) {
      r->all_linkdown = FALSE;
      continue;
    }
    gboolean all = TRUE;
    for (guint j = 0; j < r->nhs; j++)
      all &= r->nh[j].dev == dev || (r->nh[j].dev && !r->nh[j].dev->admin_up);
    if (all)
      r->all_linkdown = TRUE;
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
    if (dev->admin_up && a->prefixlen < 128 && !(a->flags & IFA_F_NOPREFIXROUTE)) {
      NnsRoute prefix = {
        .family = AF_INET6, .table = RT_TABLE_MAIN, .type = RTN_UNICAST, .protocol = RTPROT_KERNEL,
        .scope = RT_SCOPE_UNIVERSE, .dst = a->local, .dst_len = a->prefixlen, .dev = dev,
        .priority = 256, .has_priority = TRUE, .serial = a->route_serial,
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
      .priority = 0, .has_priority = TRUE, .serial = a->route_serial,
    };
    g_ptr_array_add(out, g_memdup2(&local, sizeof local));
  }
  /* addrconf_add_mroute when the device first had carrier while up. */
  if (dev->admin_up && dev->ipv6_ready && dev->kind != NNS_KIND_LOOPBACK) {
    NnsRoute mc = {
      .family = AF_INET6, .table = RT_TABLE_LOCAL, .type = RTN_MULTICAST, .protocol = RTPROT_KERNEL,
      .scope = RT_SCOPE_UNIVERSE, .dst = { .family = AF_INET6, .bytes = { 0xff } }, .dst_len = 8,
      .dev = dev, .priority = 256, .has_priority = TRUE, .serial = dev->ipv6_mroute_serial,
    };
    g_ptr_array_add(out, g_memdup2(&mc, sizeof mc));
  }
}

/* The fib trie's walk: by table, then key, longer prefixes first. */
static gint
dump_order(gconstpointer pa, gconstpointer pb)
{
  const NnsRoute *a = *(NnsRoute *const *) pa, *b = *(NnsRoute *const *) pb;
  /* fib_tables hash buckets (id & 255), walked in order. */
  if (a->table != b->table)
    return (a->table & 255) != (b->table & 255) ? ((a->table & 255) < (b->table & 255) ? -1 : 1)
                                                : (a->table < b->table ? -1 : 1);
  /* fib6_walk visits a node's routes after its subtrees: a prefix comes
   * after every more specific one it contains (::/0 last). */
  if (a->family == AF_INET6 && a->dst_len != b->dst_len) {
    guint8 shorter = MIN(a->dst_len, b->dst_len);
    if (nns_inet_same_prefix(&a->dst, &b->dst, shorter))
      return a->dst_len > b->dst_len ? -1 : 1;
  }
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

/* ------------------------------------------------------------------ */
/* Routes users add (RTM_NEWROUTE / RTM_DELROUTE), with the checks of   */
/* fib_create_info, fib_check_nh and fib_table_insert/delete.           */

#include "core/error.h"
#include <errno.h>

/* NnsNlmFlags of backends/backend.h (core does not include backends). */
enum { RT_NLM_CREATE = 1, RT_NLM_EXCL = 2, RT_NLM_REPLACE = 4, RT_NLM_APPEND = 8 };

/* fl4.flowi4_scope / flowi4_oif filter of fib_check_nh_v4_gw's lookup. */
typedef struct {
  guint8 min_scope;
  NnsDevice *oif;
} GwFilter;

static gboolean
gw_accept(const NnsRoute *r, gpointer data)
{
  const GwFilter *f = data;
  if (r->scope < f->min_scope)
    return FALSE;
  if (f->oif && r->dev != f->oif)
    return FALSE;
  return r->type == RTN_UNICAST || r->type == RTN_LOCAL || r->type == RTN_BROADCAST ||
         r->type == RTN_MULTICAST || r->type == RTN_BLACKHOLE || r->type == RTN_UNREACHABLE ||
         r->type == RTN_PROHIBIT;
}

/* fib_lookup through the rules, from the host itself (iif lo), for the
 * route a gateway is reached by; *nh_dev the device of the path taken. */
static NnsRoute *
lookup_gw4(NnsNetns *ns, const NnsInet *dst, guint8 min_scope, NnsDevice *oif, NnsDevice **nh_dev)
{
  GwFilter f = { min_scope, oif };
  NnsFlow fl = { .dst = *dst, .iif = 1, .oif = oif ? oif->ifindex : 0 };
  NnsFibResult res;
  if (!nns_route_lookup_flow4(ns, &fl, gw_accept, &f, &res))
    return NULL;
  if (nh_dev)
    *nh_dev = res.dev;
  return res.route;
}

NnsRoute *
nns_route_lookup4(NnsNetns *ns, const NnsInet *dst, guint8 min_scope, NnsDevice *oif)
{
  return lookup_gw4(ns, dst, min_scope, oif, NULL);
}

gboolean
nns_route_is_local4(NnsNetns *ns, const NnsInet *a)
{
  GwFilter f = { 0, NULL };
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, a, gw_accept, &f);
  return r && r->type == RTN_LOCAL;
}

static guint
addr_type4(NnsNetns *ns, const NnsInet *a)
{
  guint32 h = nns_inet4_host(a);
  if (h == 0 || h == 0xffffffff || (h >> 28) == 0xe || (h >> 24) == 0)
    return h == 0 ? RTN_BROADCAST : (h >> 28) == 0xe ? RTN_MULTICAST : RTN_BROADCAST;
  GwFilter f = { 0, NULL };
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, a, gw_accept, &f);
  if (r && (r->type == RTN_LOCAL || r->type == RTN_BROADCAST))
    return r->type;
  return RTN_UNICAST;
}

static gboolean
needs_nexthop(guint8 type)
{
  return type == RTN_UNICAST || type == RTN_LOCAL || type == RTN_BROADCAST || type == RTN_ANYCAST ||
         type == RTN_MULTICAST;
}

/* fib_check_nh for one path of route `r` (its type, scope and table). */
static gboolean
check_nh4(NnsNetns *ns, const NnsRoute *r, NnsNexthop *nh, GError **error)
{
  if (!needs_nexthop(r->type))
    return TRUE;
  if (nh->has_gateway) {
    if (nh->flags & RTNH_F_ONLINK) {
      if (r->scope >= RT_SCOPE_LINK) {
        nns_set_extack(error, EINVAL, "Nexthop has invalid scope");
        return FALSE;
      }
      if (!nh->dev) {
        nns_set_extack(error, EINVAL, "Nexthop device required for onlink");
        return FALSE;
      }
      if (!nh->dev->admin_up) {
        nns_set_extack(error, ENETDOWN, "Nexthop device is not up");
        return FALSE;
      }
      if (addr_type4(ns, &nh->gateway) != RTN_UNICAST) {
        nns_set_extack(error, EINVAL, "Nexthop has invalid gateway");
        return FALSE;
      }
      return TRUE;
    }
    guint8 scope = r->scope < RT_SCOPE_LINK ? RT_SCOPE_LINK : r->scope + 1;
    NnsRoute *res = NULL;
    NnsDevice *res_dev = NULL;
    GwFilter f = { scope, nh->dev };
    guint sel = 0;
    if (r->table != RT_TABLE_MAIN && r->table != RT_TABLE_LOCAL) {
      res = nns_fib_lookup_nh(ns->fib, r->table, &nh->gateway, gw_accept, &f, &sel);
      if (res)
        res_dev = res->nhs ? res->nh[sel].dev : res->dev;
    }
    if (!res)
      res = lookup_gw4(ns, &nh->gateway, scope, nh->dev, &res_dev);
    if (!res) {
      nns_set_extack(error, ENETUNREACH, "Nexthop has invalid gateway");
      return FALSE;
    }
    if (res->type != RTN_UNICAST && res->type != RTN_LOCAL) {
      nns_set_extack(error, EINVAL, "Nexthop has invalid gateway");
      return FALSE;
    }
    if (!res_dev) {
      nns_set_extack(error, ENODEV, "No egress device for nexthop gateway");
      return FALSE;
    }
    nh->dev = res_dev;
    return TRUE;
  }
  if (!nh->dev) {
    nns_set_errno(error, ENODEV);
    return FALSE;
  }
  if (nh->flags & RTNH_F_ONLINK) {
    nns_set_extack(error, EINVAL, "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
    return FALSE;
  }
  if (!nh->dev->admin_up) {
    nns_set_extack(error, ENETDOWN, "Device for nexthop is not up");
    return FALSE;
  }
  return TRUE;
}

static gboolean
check_nexthop4(NnsNetns *ns, NnsRoute *r, GError **error)
{
  if (r->nhs) {
    for (guint i = 0; i < r->nhs; i++)
      if (!check_nh4(ns, r, &r->nh[i], error))
        return FALSE;
    r->dev = r->nh[0].dev;
    return TRUE;
  }
  NnsNexthop nh = { .has_gateway = r->has_gateway, .gateway = r->gateway, .dev = r->dev, .flags = r->flags };
  if (!check_nh4(ns, r, &nh, error))
    return FALSE;
  r->dev = nh.dev;
  return TRUE;
}

static gboolean
paths_match(const NnsRoute *a, const NnsRoute *b)
{
  if (a->nhs != b->nhs)
    return FALSE;
  for (guint i = 0; i < a->nhs; i++) {
    const NnsNexthop *x = &a->nh[i], *y = &b->nh[i];
    if (x->dev != y->dev || x->has_gateway != y->has_gateway || x->weight != y->weight ||
        (x->has_gateway && !nns_inet_equal(&x->gateway, &y->gateway)) ||
        (x->flags & RTNH_F_ONLINK) != (y->flags & RTNH_F_ONLINK))
      return FALSE;
  }
  return TRUE;
}

/* The same fib_info (fib_find_info): type, source, scope, protocol and
 * every path. */
static gboolean
nh_match(const NnsRoute *a, const NnsRoute *b)
{
  if (a->nhs || b->nhs)
    return a->type == b->type && a->has_prefsrc == b->has_prefsrc &&
           (!a->has_prefsrc || nns_inet_equal(&a->prefsrc, &b->prefsrc)) && a->scope == b->scope &&
           a->protocol == b->protocol && paths_match(a, b);
  return a->type == b->type && a->dev == b->dev && a->has_gateway == b->has_gateway &&
         (!a->has_gateway || nns_inet_equal(&a->gateway, &b->gateway)) &&
         a->has_prefsrc == b->has_prefsrc && (!a->has_prefsrc || nns_inet_equal(&a->prefsrc, &b->prefsrc)) &&
         a->scope == b->scope && a->protocol == b->protocol && (a->flags & RTNH_F_ONLINK) == (b->flags & RTNH_F_ONLINK);
}

/* fib_get_nhs' last checks: RTA_OIF and RTA_GATEWAY beside RTA_MULTIPATH
 * must be the first path's. */
static gboolean
check_multipath4(const NnsRoute *r, NnsDevice *oif, GError **error)
{
  const NnsNexthop *first = &r->nh[0];
  if (oif && first->dev != oif) {
    nns_set_extack(error, EINVAL, "Nexthop device index does not match RTA_OIF");
    return FALSE;
  }
  if (r->has_gateway && !(first->has_gateway && nns_inet_equal(&first->gateway, &r->gateway))) {
    nns_set_extack(error, EINVAL, "Nexthop gateway does not match RTA_GATEWAY or RTA_VIA");
    return FALSE;
  }
  return TRUE;
}

/* fib_find_info: an IPv4 multipath route (any table) whose fib_info the
 * route `r` would share. */
static const NnsRoute *
shared_info(NnsNetns *ns, const NnsRoute *r)
{
  g_autoptr(GPtrArray) near = nns_fib_by_dev(ns->fib, r->nh[0].dev);
  for (guint i = 0; i < near->len; i++) {
    const NnsRoute *x = near->pdata[i];
    if (x->family == AF_INET && x->nhs && x->priority == r->priority && nh_match(x, r))
      return x;
  }
  return NULL;
}

/* Whether every path's device has no carrier (fib_create_info). */
static gboolean
all_paths_linkdown(const NnsRoute *r)
{
  for (guint i = 0; i < r->nhs; i++)
    if (!r->nh[i].dev || (r->nh[i].dev->carrier && r->nh[i].dev->admin_up))
      return FALSE;
  return TRUE;
}

static gboolean insert_user_route(NnsNetns *ns, const NnsRoute *route, guint nlflags, GError **error);

/* fib_table_insert (IPv4) / inet6_rtm_newroute (IPv6: core/route6.c). */
gboolean
nns_route_user_add(NnsNetns *ns, const NnsRoute *spec, guint nlflags, GError **error)
{
  NnsRoute r = *spec;
  /* inet_rtm_newroute: fib_new_table comes before every check of the
   * route, and a table once made lives as long as the namespace. */
  if (r.family == AF_INET)
    nns_fib_table_create(ns->fib, r.table, AF_INET);
  NnsInet masked = r.dst;
  nns_inet_mask(&masked, r.dst_len);
  if (!nns_inet_equal(&masked, &r.dst)) {
    nns_set_extack(error, EINVAL, "Invalid prefix for given prefix length");
    return FALSE;
  }
  if (r.family == AF_INET) {
    if (r.dev && r.dev->ns != ns) {
      nns_set_errno(error, ENODEV);
      return FALSE;
    }
    if (r.has_prefsrc && !(r.type == RTN_LOCAL && r.dst_len == 32 && nns_inet_equal(&r.prefsrc, &r.dst)) &&
        !nns_route_is_local4(ns, &r.prefsrc)) {
      nns_set_extack(error, EINVAL, "Invalid prefsrc address");
      return FALSE;
    }
    /* rtm_to_fib_config: a zero RTA_GATEWAY sets no gateway at all
     * (`via 0.0.0.0 dev X` is `dev X`; recorded: fixtures/oracle/kernel-rules). */
    static const guint8 zero[4];
    if (r.has_gateway && r.gateway.family == AF_INET && memcmp(r.gateway.bytes, zero, 4) == 0)
      r.has_gateway = FALSE;
    if (r.nhs && !check_multipath4(&r, r.dev, error))
      return FALSE;
    if (r.nhs == 1) {
      /* One path in RTA_MULTIPATH is a route like any other. */
      r.has_gateway = r.nh[0].has_gateway;
      r.gateway = r.nh[0].gateway;
      r.dev = r.nh[0].dev;
      r.flags = r.nh[0].flags;
      r.nh = NULL;
      r.nhs = 0;
    }
    gboolean error_type = r.type == RTN_BLACKHOLE || r.type == RTN_UNREACHABLE || r.type == RTN_PROHIBIT ||
                          r.type == RTN_THROW;
    if (error_type && (r.has_gateway || r.dev || r.nhs)) {
      nns_set_extack(error, EINVAL, "Gateway, device and multipath can not be specified for this route type");
      return FALSE;
    }
    if (r.nhs && r.scope == RT_SCOPE_HOST) {
      nns_set_extack(error, EINVAL, "Route with host scope can not have multiple nexthops");
      return FALSE;
    }
    /* Checked on a copy of the paths: the request's stay the caller's. */
    g_autofree NnsNexthop *paths = r.nhs ? g_memdup2(r.nh, r.nhs * sizeof *r.nh) : NULL;
    r.nh = paths;
    if (!check_nexthop4(ns, &r, error))
      return FALSE;
    if (r.nhs) {
      r.has_gateway = r.nh[0].has_gateway;
      r.gateway = r.nh[0].gateway;
      r.flags = r.nh[0].flags;
      /* fib_find_info: a route with the same paths and attributes shares
       * the existing fib_info, and so its linkdown mark, whatever the
       * carriers say now (recorded in ip-multipath). */
      const NnsRoute *twin = shared_info(ns, &r);
      r.all_linkdown = twin ? twin->all_linkdown : all_paths_linkdown(&r);
    }
    r.has_priority = r.priority != 0;
    return insert_user_route(ns, &r, nlflags, error);
  }
  return nns_route6_user_add(ns, &r, nlflags, error);
}

/* A copy of the route the fib owns, paths included. */
static NnsRoute *
route_dup(const NnsRoute *r)
{
  NnsRoute *n = g_memdup2(r, sizeof *r);
  if (r->nhs)
    n->nh = g_memdup2(r->nh, r->nhs * sizeof *r->nh);
  return n;
}

/* fib_table_insert: where the checked route goes, by its NLM_F_* flags. */
static gboolean
insert_user_route(NnsNetns *ns, const NnsRoute *route, guint nlflags, GError **error)
{
  NnsRoute r = *route;
  GPtrArray *same = nns_fib_exact(ns->fib, r.table, &r.dst, r.dst_len);
  NnsRoute *first = NULL;
  guint64 min_serial = G_MAXUINT64;
  for (guint i = 0; same && i < same->len; i++) {
    NnsRoute *x = g_ptr_array_index(same, i);
    if (x->family != r.family || x->priority != r.priority)
      continue;
    if (!first || x->serial < first->serial)
      first = x;
    if ((nlflags & RT_NLM_EXCL) || (!(nlflags & RT_NLM_REPLACE) && nh_match(x, &r))) {
      nns_set_errno(error, EEXIST);
      return FALSE;
    }
    min_serial = MIN(min_serial, x->serial);
  }
  if (first && (nlflags & RT_NLM_REPLACE)) {
    /* The new alias goes in before the old one goes: a fib_info both
     * share (and its exceptions) lives on. */
    guint64 serial = first->serial;
    NnsRoute *n = route_dup(&r);
    nns_fib_insert(ns->fib, n);
    nns_fib_remove(ns->fib, first);
    n->serial = serial;
    return TRUE;
  }
  if (!first && !(nlflags & RT_NLM_CREATE)) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  NnsRoute *n = route_dup(&r);
  nns_fib_insert(ns->fib, n);
  if (first && !(nlflags & RT_NLM_APPEND)) {
    /* prepend: before every route of the same priority */
    for (guint i = 0; same && i < same->len; i++) {
      NnsRoute *x = g_ptr_array_index(same, i);
      if (x != n && x->family == r.family && x->priority == r.priority && x->serial >= min_serial)
        x->serial++;
    }
    n->serial = min_serial;
    g_ptr_array_remove(same, n);
    g_ptr_array_insert(same, 0, n);
  }
  return TRUE;
}

/* fib_nh_match's walk of RTA_MULTIPATH: every path of the route in turn
 * against the request's path of the same rank (which must be there); a
 * device or gateway given must be that path's.  Weights do not count. */
static gboolean
paths_given_match(const NnsRoute *x, const NnsRoute *spec)
{
  guint n = x->nhs ? x->nhs : 1;
  for (guint i = 0; i < n; i++) {
    if (i >= spec->nhs)
      return FALSE;
    const NnsNexthop *want = &spec->nh[i];
    NnsDevice *dev = x->nhs ? x->nh[i].dev : x->dev;
    gboolean has_gw = x->nhs ? x->nh[i].has_gateway : x->has_gateway;
    const NnsInet *gw = x->nhs ? &x->nh[i].gateway : &x->gateway;
    if (want->dev && want->dev != dev)
      return FALSE;
    if (want->has_gateway && !(has_gw && nns_inet_equal(gw, &want->gateway)))
      return FALSE;
  }
  return TRUE;
}

/* fib_table_delete: the first route that the given attributes match. */
gboolean
nns_route_user_del(NnsNetns *ns, const NnsRoute *spec, GError **error)
{
  if (spec->family == AF_INET6)
    return nns_route6_user_del(ns, spec, error);
  GPtrArray *same = nns_fib_exact(ns->fib, spec->table, &spec->dst, spec->dst_len);
  NnsRoute *victim = NULL;
  for (guint i = 0; same && i < same->len; i++) {
    NnsRoute *x = g_ptr_array_index(same, i);
    if (x->family != spec->family)
      continue;
    if (spec->has_priority && x->priority != spec->priority)
      continue;
    if (spec->type && x->type != spec->type)
      continue;
    if (spec->scope != RT_SCOPE_NOWHERE && x->scope != spec->scope)
      continue;
    if (spec->has_prefsrc && !(x->has_prefsrc && nns_inet_equal(&x->prefsrc, &spec->prefsrc)))
      continue;
    if (spec->protocol && x->protocol != spec->protocol)
      continue;
    if (spec->dev || spec->has_gateway) {
      /* fib_nh_match: RTA_OIF and RTA_GATEWAY against the first path. */
      if (spec->dev && x->dev != spec->dev)
        continue;
      if (spec->has_gateway && !(x->has_gateway && nns_inet_equal(&x->gateway, &spec->gateway)))
        continue;
    } else if (spec->nhs && !paths_given_match(x, spec)) {
      continue;
    }
    if (!victim || x->priority < victim->priority ||
        (x->priority == victim->priority && x->serial < victim->serial))
      victim = x;
  }
  if (!victim) {
    nns_set_errno(error, ESRCH);
    return FALSE;
  }
  nns_fib_remove(ns->fib, victim);
  return TRUE;
}
