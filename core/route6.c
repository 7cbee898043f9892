#include "core/route6.h"
#include "core/address.h"
#include "core/error.h"
#include "core/fib.h"
#include "core/netns.h"
#include "core/route.h"
#include "core/rule.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

/* NnsNlmFlags of backends/backend.h (core does not include backends). */
enum { RT_NLM_CREATE = 1, RT_NLM_EXCL = 2, RT_NLM_REPLACE = 4, RT_NLM_APPEND = 8 };

gboolean
nns_route6_ecmp(const NnsRoute *r)
{
  return r->family == AF_INET6 && r->has_gateway && !r->nhs;
}

static gboolean
same_node(const NnsRoute *a, const NnsRoute *b)
{
  return a->family == b->family && a->table == b->table && a->dst_len == b->dst_len &&
         nns_inet_equal(&a->dst, &b->dst);
}

/* The order of a node's leaf list: by metric, then as inserted. */
static gint
leaf_order(gconstpointer pa, gconstpointer pb)
{
  const NnsRoute *a = *(NnsRoute *const *) pa, *b = *(NnsRoute *const *) pb;
  if (a->priority != b->priority)
    return a->priority < b->priority ? -1 : 1;
  return (a->serial > b->serial) - (a->serial < b->serial);
}

GPtrArray *
nns_route6_siblings_in(GPtrArray *routes, const NnsRoute *r)
{
  if (!nns_route6_ecmp(r))
    return NULL;
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *x = routes->pdata[i];
    if (same_node(x, r) && x->priority == r->priority && nns_route6_ecmp(x))
      g_ptr_array_add(out, x);
  }
  if (out->len < 2) {
    g_ptr_array_free(out, TRUE);
    return NULL;
  }
  g_ptr_array_sort(out, leaf_order);
  return out;
}

NnsRoute *
nns_route6_table_best(GPtrArray *routes, guint32 table, const NnsInet *dst, NnsDevice *oif)
{
  NnsRoute *best = NULL;
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *x = routes->pdata[i];
    if (x->family != AF_INET6 || x->table != table || x->type == RTN_MULTICAST ||
        !nns_inet_same_prefix(&x->dst, dst, x->dst_len))
      continue;
    /* RT6_LOOKUP_F_IFACE: through `oif` only, local routes too (an IPv6
     * local route is on the address's device: ::1 is lo's, recorded in
     * pkt-ipv6-ping as unreachable with -I va). */
    if (oif && x->dev && x->dev != oif)
      continue;
    if (nns_route6_ecmp(x) && x->dev && !x->dev->admin_up)
      continue;
    if (!best || x->dst_len > best->dst_len || (x->dst_len == best->dst_len && leaf_order(&x, &best) < 0))
      best = x;
  }
  return best;
}

/* The node's IPv6 routes in the fib, in its order (a copy: the fib's own
 * array changes as routes come and go). */
static GPtrArray *
node_routes(NnsNetns *ns, const NnsRoute *r)
{
  GPtrArray *out = g_ptr_array_new();
  GPtrArray *same = nns_fib_exact(ns->fib, r->table, &r->dst, r->dst_len);
  for (guint i = 0; same && i < same->len; i++) {
    NnsRoute *x = same->pdata[i];
    if (x->family == AF_INET6)
      g_ptr_array_add(out, x);
  }
  g_ptr_array_sort(out, leaf_order);
  return out;
}

/* ------------------------------------------------------------------ */
/* The nexthop of one path: fib6_nh_init, ip6_validate_gw.              */

static gboolean
is_reject(guint8 type)
{
  return type == RTN_BLACKHOLE || type == RTN_UNREACHABLE || type == RTN_PROHIBIT || type == RTN_THROW;
}

static gboolean
link_local(const NnsInet *a)
{
  return a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80;
}

static gboolean
unspecified(const NnsInet *a)
{
  static const guint8 zero[16];
  return memcmp(a->bytes, zero, 16) == 0;
}

/* ipv6_chk_addr_and_flags: an address of ours (tentative or not), on `dev`
 * when given. */
static gboolean
is_local(NnsNetns *ns, const NnsInet *addr, NnsDevice *dev)
{
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *x = devs->pdata[d];
    if (dev && x != dev)
      continue;
    for (guint i = 0; i < x->addrs6->len; i++)
      if (nns_inet_equal(&((NnsAddress *) x->addrs6->pdata[i])->local, addr))
        return TRUE;
  }
  return FALSE;
}

static NnsDevice *
loopback(NnsNetns *ns)
{
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  for (guint i = 0; i < devs->len; i++)
    if (((NnsDevice *) devs->pdata[i])->kind == NNS_KIND_LOOPBACK)
      return devs->pdata[i];
  return NULL;
}

NnsRoute *
nns_route6_ask_table(NnsNetns *ns, guint32 table, const NnsFlow *fl, gpointer data)
{
  (void) ns;
  NnsRoute6TableAsk *ask = data;
  return nns_route6_table_best(ask->routes, table, &fl->dst, ask->oif);
}

/* A route a gateway can be reached by: neither a reject route nor one
 * through another gateway. */
static gboolean
gateway_route(const NnsRoute *r)
{
  return r && !is_reject(r->type) && !r->has_gateway;
}

/* ip6_route_check_nh: the device of the route a gateway is reached by
 * (through `oif` only when given): the route's own table, then through
 * the rules. */
static NnsDevice *
gateway_dev(NnsNetns *ns, guint32 table, const NnsInet *gw, NnsDevice *oif)
{
  g_autoptr(GPtrArray) all = nns_routes_sorted(ns, AF_INET6);
  NnsRoute *r = nns_route6_table_best(all, table, gw, oif);
  if (!gateway_route(r)) {
    NnsFlow fl = { .dst = *gw, .iif = 1, .oif = oif ? oif->ifindex : 0 };
    NnsRoute6TableAsk ask = { all, oif };
    guint32 t = 0;
    int err = 0;
    r = nns_rules_lookup(ns, AF_INET6, &fl, nns_route6_ask_table, &ask, &t, &err);
    if (!gateway_route(r))
      return NULL;
  }
  return r->dev;
}

/* ip6_route_check_nh_onlink: an onlink gateway must not be on a more
 * specific route through another device (the default route aside). */
static gboolean
check_onlink(NnsNetns *ns, const NnsRoute *rt, NnsDevice *dev, GError **error)
{
  g_autoptr(GPtrArray) all = nns_routes_sorted(ns, AF_INET6);
  NnsRoute *r = nns_route6_table_best(all, RT_TABLE_MAIN, &rt->gateway, NULL);
  if (r && !is_reject(r->type) && r->dst_len && (r->type != RTN_UNICAST || r->dev != dev)) {
    nns_set_extack(error, EINVAL, "Nexthop has invalid gateway or device mismatch");
    return FALSE;
  }
  return TRUE;
}

/* fib6_nh_init for the path `rt` (its gateway, device and onlink flag):
 * the device it goes out of, into rt->dev. */
static gboolean
check_nh6(NnsNetns *ns, NnsRoute *rt, GError **error)
{
  NnsDevice *dev = rt->dev;
  if (rt->flags & RTNH_F_ONLINK) {
    if (!dev) {
      nns_set_extack(error, EINVAL, "Nexthop device required for onlink");
      return FALSE;
    }
    if (!dev->admin_up) {
      nns_set_extack(error, ENETDOWN, "Nexthop device is not up");
      return FALSE;
    }
  }
  if (is_reject(rt->type)) {
    /* fib6_is_reject: the loopback, without a gateway */
    rt->dev = loopback(ns);
    rt->has_gateway = FALSE;
    rt->flags &= ~RTNH_F_ONLINK;
    return TRUE;
  }
  if (rt->has_gateway) {
    /* ip6_validate_gw */
    const NnsInet *gw = &rt->gateway;
    gboolean ll = link_local(gw);
    if (dev && is_local(ns, gw, ll ? dev : NULL)) {
      nns_set_extack(error, EINVAL, "Gateway can not be a local address");
      return FALSE;
    }
    if (!ll) {
      if (gw->bytes[0] == 0xff || unspecified(gw)) {
        nns_set_extack(error, EINVAL, "Invalid gateway address");
        return FALSE;
      }
      if (rt->flags & RTNH_F_ONLINK) {
        if (!check_onlink(ns, rt, dev, error))
          return FALSE;
      } else {
        NnsDevice *via = gateway_dev(ns, rt->table, gw, dev);
        if (!via || (dev && via != dev)) {
          nns_set_errno(error, EHOSTUNREACH);
          return FALSE;
        }
        dev = via;
      }
    }
    if (!dev) {
      nns_set_extack(error, EINVAL, "Egress device not specified");
      return FALSE;
    }
    if (dev->kind == NNS_KIND_LOOPBACK) {
      nns_set_extack(error, EINVAL, "Egress device can not be loopback device for this route");
      return FALSE;
    }
    if (!rt->dev && is_local(ns, gw, ll ? dev : NULL)) {
      nns_set_extack(error, EINVAL, "Gateway can not be a local address");
      return FALSE;
    }
  }
  if (!dev) {
    nns_set_errno(error, ENODEV);
    return FALSE;
  }
  if (dev->disable_ipv6) {
    nns_set_extack(error, EACCES, "IPv6 is disabled on nexthop device");
    return FALSE;
  }
  if (!dev->admin_up) {
    nns_set_extack(error, ENETDOWN, "Nexthop device is not up");
    return FALSE;
  }
  rt->dev = dev;
  return TRUE;
}

/* ip6_route_info_create_nh: a preferred source must be an address of ours
 * (ipv6_chk_addr: a global one on any device, a link-local one on the
 * route's; not tentative). */
static gboolean
check_prefsrc(NnsNetns *ns, const NnsRoute *rt, GError **error)
{
  if (!rt->has_prefsrc || unspecified(&rt->prefsrc))
    return TRUE;
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *x = devs->pdata[d];
    for (guint i = 0; i < x->addrs6->len; i++) {
      NnsAddress *a = x->addrs6->pdata[i];
      if (nns_inet_equal(&a->local, &rt->prefsrc) && !(nns_address_flags(a) & IFA_F_TENTATIVE) &&
          (x == rt->dev || !link_local(&a->local)))
        return TRUE;
    }
  }
  nns_set_extack(error, EINVAL, "Invalid source address");
  return FALSE;
}

/* rt6_duplicate_nexthop */
static gboolean
duplicate(const NnsRoute *a, const NnsRoute *b)
{
  NnsInet za = { .family = AF_INET6 }, zb = { .family = AF_INET6 };
  const NnsInet *ga = a->has_gateway ? &a->gateway : &za, *gb = b->has_gateway ? &b->gateway : &zb;
  return a->dev == b->dev && memcmp(ga->bytes, gb->bytes, 16) == 0;
}

/* ------------------------------------------------------------------ */
/* fib6_add_rt2node: where one path goes, by its NLM_F_* flags.         */

static gboolean
insert6(NnsNetns *ns, const NnsRoute *rt, guint nlflags, NnsRoute **added, GError **error)
{
  g_autoptr(GPtrArray) node = node_routes(ns, rt);
  gboolean replace = (nlflags & RT_NLM_REPLACE) != 0;
  gboolean ecmp = nns_route6_ecmp(rt);
  NnsRoute *found = NULL, *fallback = NULL;
  for (guint i = 0; i < node->len; i++) {
    NnsRoute *x = node->pdata[i];
    if (x->priority > rt->priority)
      break;
    if (x->priority != rt->priority)
      continue;
    if (nlflags & RT_NLM_EXCL) {
      nns_set_errno(error, EEXIST);
      return FALSE;
    }
    if (replace) {
      /* The first route of the metric as ECMP-able as the new one, else
       * the first of the metric. */
      if (ecmp == nns_route6_ecmp(x)) {
        found = x;
        break;
      }
      if (!fallback)
        fallback = x;
      continue;
    }
    if (duplicate(x, rt)) {
      nns_set_errno(error, EEXIST);
      return FALSE;
    }
  }
  if (!found)
    found = fallback;
  if (replace && !found && !(nlflags & RT_NLM_CREATE)) {
    /* fib6_add_1 finds no node of the prefix to replace in (taken here as
     * no route of the prefix), else fib6_add_rt2node no route in it. */
    g_autoptr(GPtrArray) all = nns_routes_sorted(ns, AF_INET6);
    gboolean node = FALSE;
    for (guint i = 0; i < all->len && !node; i++)
      node = same_node(all->pdata[i], rt);
    if (node)
      nns_set_errno(error, ENOENT);
    else
      nns_set_extack(error, ENOENT, "Can not replace route - no match found");
    return FALSE;
  }
  NnsRoute *n = g_memdup2(rt, sizeof *rt);
  nns_fib_insert(ns->fib, n);
  *added = n;
  if (!replace || !found)
    return TRUE;   /* a new route goes after every one of its metric */
  /* The new route takes the old one's place; replacing an ECMP route
   * removes its siblings. */
  g_autoptr(GPtrArray) siblings = nns_route6_siblings_in(node, found);
  n->serial = found->serial;
  for (guint i = 0; siblings && i < siblings->len; i++)
    if (siblings->pdata[i] != found)
      nns_fib_remove(ns->fib, siblings->pdata[i]);
  nns_fib_remove(ns->fib, found);
  return TRUE;
}

gboolean
nns_route6_user_add(NnsNetns *ns, const NnsRoute *spec, guint nlflags, GError **error)
{
  NnsRoute base = *spec;
  base.nh = NULL;
  base.nhs = 0;
  /* inet6_rtm_newroute: metric 0 is IP6_RT_PRIO_USER; ip6_route_info_create */
  if (!base.has_priority || base.priority == 0)
    base.priority = 1024;
  base.has_priority = TRUE;
  base.scope = RT_SCOPE_UNIVERSE;
  if (!base.protocol)
    base.protocol = RTPROT_BOOT;
  if (!base.type)
    base.type = RTN_UNICAST;
  base.weight = 0;
  /* rtm_to_fib6_multipath_config: each path needs a gateway. */
  for (guint i = 0; i < spec->nhs; i++)
    if (!spec->has_gateway && !spec->nh[i].has_gateway) {
      nns_set_extack(error, EINVAL, "Device only routes can not be added for IPv6 using the multipath API.");
      return FALSE;
    }
  /* ip6_route_multipath_add: each path a route of the request's
   * attributes with the path's device, gateway, onlink flag and weight,
   * checked in order; two alike are EEXIST (ip6_route_info_append). */
  guint n = spec->nhs ? spec->nhs : 1;
  g_autofree NnsRoute *paths = g_new0(NnsRoute, n);
  for (guint i = 0; i < n; i++) {
    NnsRoute *rt = &paths[i];
    *rt = base;
    if (spec->nhs) {
      const NnsNexthop *nh = &spec->nh[i];
      if (nh->dev)
        rt->dev = nh->dev;
      if (nh->has_gateway) {
        rt->has_gateway = TRUE;
        rt->gateway = nh->gateway;
      }
      rt->flags |= nh->flags & RTNH_F_ONLINK;
      rt->weight = nh->weight > 1 ? nh->weight : 0;
    }
    if (!check_nh6(ns, rt, error) || !check_prefsrc(ns, rt, error))
      return FALSE;
    for (guint j = 0; j < i; j++)
      if (duplicate(&paths[j], rt)) {
        nns_set_errno(error, EEXIST);
        return FALSE;
      }
  }
  /* The first path with the request's flags, the others added beside it
   * (NLM_F_CREATE); a failure takes back the paths added. */
  g_autofree NnsRoute **added = g_new0(NnsRoute *, n);
  for (guint i = 0; i < n; i++) {
    guint flags = i ? (nlflags & ~(RT_NLM_EXCL | RT_NLM_REPLACE)) | RT_NLM_CREATE : nlflags;
    if (!insert6(ns, &paths[i], flags, &added[i], error)) {
      for (guint j = 0; j < i; j++)
        nns_fib_remove(ns->fib, added[j]);
      return FALSE;
    }
  }
  return TRUE;
}

/* ip6_route_del for one path; `all_nh`: without a gateway, the route's
 * siblings go with it (fc_delete_all_nh). */
static gboolean
del_one(NnsNetns *ns, const NnsRoute *spec, gboolean all_nh, GError **error)
{
  g_autoptr(GPtrArray) node = node_routes(ns, spec);
  for (guint i = 0; i < node->len; i++) {
    NnsRoute *x = node->pdata[i];
    if (spec->has_priority && spec->priority && x->priority != spec->priority)
      continue;
    if (spec->protocol && x->protocol != spec->protocol)
      continue;
    if (spec->dev && x->dev != spec->dev)
      continue;
    if (spec->has_gateway && !(x->has_gateway && nns_inet_equal(&x->gateway, &spec->gateway)))
      continue;
    g_autoptr(GPtrArray) siblings = !spec->has_gateway && all_nh ? nns_route6_siblings_in(node, x) : NULL;
    for (guint j = 0; siblings && j < siblings->len; j++)
      if (siblings->pdata[j] != x)
        nns_fib_remove(ns->fib, siblings->pdata[j]);
    nns_fib_remove(ns->fib, x);
    return TRUE;
  }
  nns_set_errno(error, ESRCH);
  return FALSE;
}

gboolean
nns_route6_user_del(NnsNetns *ns, const NnsRoute *spec, GError **error)
{
  if (!spec->nhs)
    return del_one(ns, spec, TRUE, error);
  gboolean ok = TRUE;
  for (guint i = 0; i < spec->nhs; i++) {
    NnsRoute one = *spec;
    one.nh = NULL;
    one.nhs = 0;
    if (spec->nh[i].dev)
      one.dev = spec->nh[i].dev;
    if (spec->nh[i].has_gateway) {
      one.has_gateway = TRUE;
      one.gateway = spec->nh[i].gateway;
    }
    g_autoptr(GError) e = NULL;
    if (!del_one(ns, &one, FALSE, &e)) {
      ok = FALSE;
      g_clear_error(error);
      g_propagate_error(error, g_steal_pointer(&e));
    }
  }
  return ok;
}
