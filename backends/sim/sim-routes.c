/* Routes, neighbours and forwarding databases through the simulated
 * backend: requests checked and applied by core/route.c and core/neigh.c. */
#include "backends/sim/sim-routes.h"
#include "backends/sim/sim-backend.h"
#include "backends/sim/sim-route-cache.h"
#include "backends/sim/net/pmtu.h"
#include "core/address.h"
#include "core/conf.h"
#include "core/fib.h"
#include "core/mcast.h"
#include "core/multipath.h"
#include "core/neigh.h"
#include "core/netns.h"
#include "core/route.h"
#include "core/route-lookup.h"
#include "core/route6.h"
#include "core/sysctl.h"
#include "core/world.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/in_route.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>

/* The route a request describes; its paths (r->nh) are the caller's to
 * g_free. */
static gboolean
spec_from_req(NnsNetns *ns, const NnsRouteRecord *req, NnsRoute *r, GError **error)
{
  memset(r, 0, sizeof *r);
  r->family = req->family;
  r->table = req->table ? req->table : RT_TABLE_MAIN;
  r->type = req->type;
  r->protocol = req->protocol;
  r->scope = req->scope;
  r->dst = req->dst;
  r->dst_len = req->dst_len;
  r->has_prefsrc = req->has_prefsrc;
  r->prefsrc = req->prefsrc;
  r->has_gateway = req->has_gateway;
  r->gateway = req->gateway;
  r->has_priority = req->has_priority;
  r->priority = req->priority;
  r->flags = req->flags & RTNH_F_ONLINK;
  if (req->oif) {
    r->dev = nns_netns_device_by_index(ns, req->oif);
    if (!r->dev) {
      nns_set_errno(error, ENODEV);
      return FALSE;
    }
  }
  if (req->n_nexthops) {
    r->nhs = req->n_nexthops;
    r->nh = g_new0(NnsNexthop, r->nhs);
    for (guint i = 0; i < r->nhs; i++) {
      const NnsNexthopRecord *in = &req->nexthops[i];
      NnsNexthop *nh = &r->nh[i];
      nh->has_gateway = in->has_gateway;
      nh->gateway = in->gateway;
      nh->weight = in->weight ? in->weight : 1;
      nh->flags = in->flags & RTNH_F_ONLINK;
      if (in->ifindex && !(nh->dev = nns_netns_device_by_index(ns, in->ifindex))) {
        g_clear_pointer(&r->nh, g_free);
        nns_set_errno(error, ENODEV);
        return FALSE;
      }
    }
  }
  return TRUE;
}

gboolean
nns_sim_route_add(NnsBackend *be, int pid, const NnsRouteRecord *req, guint nlflags, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  NnsRoute r;
  if (!ns || !spec_from_req(ns, req, &r, error))
    return FALSE;
  gboolean ok = nns_route_user_add(ns, &r, nlflags, error);
  g_free(r.nh);
  return ok;
}

gboolean
nns_sim_route_table_exists(NnsBackend *be, int pid, guint32 table)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, NULL);
  return ns && nns_fib_table_exists(ns->fib, table, AF_INET);
}

gboolean
nns_sim_route_delete(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (ns && req->cloned)
    return nns_sim_route_delete_cloned(ns, req, error);
  NnsRoute r;
  if (!ns || !spec_from_req(ns, req, &r, error))
    return FALSE;
  gboolean ok = nns_route_user_del(ns, &r, error);
  g_free(r.nh);
  return ok;
}

static guint
common_bits(const NnsInet *a, const NnsInet *b)
{
  guint n = 0;
  for (int i = 0; i < 16; i++) {
    guint8 x = a->bytes[i] ^ b->bytes[i];
    if (!x) {
      n += 8;
      continue;
    }
    while (!(x & 0x80)) {
      n++;
      x <<= 1;
    }
    break;
  }
  return n;
}

/* ipv6_dev_get_saddr, reduced: an address of the destination's scope,
 * not tentative, with the longest prefix in common (RFC 6724 rule 8),
 * the first in the device's list on a tie. */
gboolean
nns_sim_route6_source(NnsDevice *dev, const NnsInet *dst, NnsInet *out)
{
  gboolean ll = dst->bytes[0] == 0xfe && (dst->bytes[1] & 0xc0) == 0x80;
  NnsAddress *best = NULL, *any = NULL;
  guint best_bits = 0;
  for (guint i = 0; dev && i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (!any)
      any = a;
    if ((a->scope == RT_SCOPE_LINK) != ll || (nns_address_flags(a) & IFA_F_TENTATIVE))
      continue;
    guint bits = common_bits(&a->local, dst);
    if (!best || bits > best_bits) {
      best = a;
      best_bits = bits;
    }
  }
  if (!best)
    best = any;
  if (best)
    *out = best->local;
  return best != NULL;
}

typedef struct {
  NnsDevice *oif;
} GetFilter;

static gboolean
get_accept(const NnsRoute *r, gpointer data)
{
  GetFilter *f = data;
  if (f->oif && r->dev && r->dev != f->oif && r->type != RTN_LOCAL)
    return FALSE;
  return TRUE;
}

static int
error_of_type(guint8 type)
{
  switch (type) {
  case RTN_BLACKHOLE: return EINVAL;
  case RTN_UNREACHABLE: return EHOSTUNREACH;
  case RTN_PROHIBIT: return EACCES;
  case RTN_THROW: return ENETUNREACH; /* the lookup goes on and fails */
  default: return 0;
  }
}

/* fib6_select_path: among the siblings of `match`, the one the flow's hash
 * picks; under RT6_LOOKUP_F_IFACE one through another device than `oif`
 * fails rt6_score_route, and `match` stays. */
static NnsRoute *
select_path6(NnsNetns *ns, GPtrArray *all, NnsRoute *match, const NnsFlow *fl, NnsDevice *oif)
{
  g_autoptr(GPtrArray) siblings = nns_route6_siblings_in(all, match);
  if (!siblings)
    return match;
  gboolean inner = fl->hash_dst.family != 0;
  guint32 h = nns_multipath_hash6(ns, inner ? &fl->hash_src : &fl->src, inner ? &fl->hash_dst : &fl->dst,
                                  fl->flowlabel, fl->proto);
  NnsRoute *hashed = siblings->pdata[nns_multipath_select6(ns, (NnsRoute *const *) siblings->pdata, siblings->len, h)];
  return oif && hashed->dev != oif ? match : hashed;
}

gboolean
nns_sim_route6_lookup_flow(NnsNetns *ns, const NnsFlow *fl, NnsDevice *oif, NnsRoute *out, guint32 *table, int *err)
{
  g_autoptr(GPtrArray) all = nns_routes_sorted(ns, AF_INET6);
  NnsRoute6TableAsk ask = { all, oif };
  guint32 t = 0;
  int e = 0;
  NnsRoute *best = nns_rules_lookup(ns, AF_INET6, fl, nns_route6_ask_table, &ask, &t, &e);
  if (table)
    *table = t;
  if (err)
    *err = e;
  /* ip6_route_output_flags: RT6_LOOKUP_F_IFACE for an oif without a
   * source, or for a link-local or multicast destination. */
  static const guint8 any[16];
  gboolean no_src = fl->src.family != AF_INET6 || memcmp(fl->src.bytes, any, 16) == 0;
  gboolean need_strict = fl->dst.bytes[0] == 0xff || (fl->dst.bytes[0] == 0xfe && (fl->dst.bytes[1] & 0xc0) == 0x80);
  if (best)
    *out = *select_path6(ns, all, best, fl, oif && (no_src || need_strict) ? oif : NULL);
  return best != NULL;
}

gboolean
nns_sim_route6_lookup(NnsNetns *ns, const NnsFlow *fl, NnsDevice *oif, NnsRoute *out)
{
  return nns_sim_route6_lookup_flow(ns, fl, oif, out, NULL, NULL);
}

/* RTM_F_FIB_MATCH: the route itself as a dump lists it, all its ECMP
 * siblings with it (fib6_info's RTA_MULTIPATH). */
static NnsRouteRecord *
fib_entry6(NnsNetns *ns, const NnsRoute *match)
{
  g_autoptr(GPtrArray) all = nns_routes_sorted(ns, AF_INET6);
  for (guint i = 0; i < all->len; i++) {
    NnsRoute *r = all->pdata[i];
    if (r->serial != match->serial || r->table != match->table || !nns_inet_equal(&r->dst, &match->dst))
      continue;
    g_autoptr(GPtrArray) siblings = nns_route6_siblings_in(all, r);
    return siblings ? nns_sim_route6_siblings_record(siblings) : nns_sim_route_record(r);
  }
  return nns_sim_route_record(match);
}

static NnsRouteRecord *
route_get6(NnsNetns *ns, const NnsRouteRecord *req, NnsDevice *oif, NnsRouteRecord *out, GError **error)
{
  NnsFlow fl = { .dst = req->dst, .iif = req->iif ? req->iif : 1, .oif = req->oif, .mark = req->mark,
                 .tos = req->tos, .proto = req->ipproto };
  if (req->has_src)
    fl.src = req->src;
  if (req->flags & RTM_F_NOTIFY) {
    g_free(out);
    nns_set_extack(error, EINVAL, "ipv6: Invalid flags for get route request");
    return NULL;
  }
  NnsRoute best;
  guint32 table = RT_TABLE_MAIN;
  int err = 0;
  if (!nns_sim_route6_lookup_flow(ns, &fl, oif, &best, &table, &err)) {
    g_free(out);
    nns_set_errno(error, -err);
    return NULL;
  }
  if (error_of_type(best.type)) {
    g_free(out);
    nns_set_errno(error, error_of_type(best.type));
    return NULL;
  }
  if (req->fibmatch) {
    g_free(out);
    return fib_entry6(ns, &best);
  }
  /* rt6_fill_node: the source asked for, or :: (recorded). */
  out->has_src = TRUE;
  out->src_len = 128;
  out->src = req->has_src ? req->src : (NnsInet) { .family = AF_INET6 };
  out->iif = req->iif;
  out->type = best.type;
  out->table = table;
  out->has_gateway = best.has_gateway;
  out->gateway = best.gateway;
  out->oif = best.dev ? best.dev->ifindex : 0;
  out->protocol = best.protocol;
  out->has_priority = TRUE;
  out->priority = best.priority;
  /* rt6_fill_node: an output's source (ip6_route_get_saddr: the route's
   * own, else the device's); an input lookup has only the route's. */
  if (best.has_prefsrc) {
    out->has_prefsrc = TRUE;
    out->prefsrc = best.prefsrc;
  } else if (!req->iif) {
    out->has_prefsrc = nns_sim_route6_source(best.dev, &req->dst, &out->prefsrc);
  }
  if (best.type == RTN_LOCAL) {
    /* Delivered through lo, from the address itself (recorded). */
    NnsDevice *lo = nns_netns_device_by_index(ns, 1);
    out->oif = lo ? lo->ifindex : out->oif;
    out->has_prefsrc = TRUE;
    out->prefsrc = req->dst;
  }
  nns_sim_route6_exception_fill(ns, &best, &req->dst, out);
  return out;
}

void
nns_sim_route_records(NnsNetns *ns, guint8 family, GPtrArray *out)
{
  g_autoptr(GPtrArray) routes = nns_routes_sorted(ns, family);
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = routes->pdata[i];
    g_autoptr(GPtrArray) siblings = family == AF_INET6 ? nns_route6_siblings_in(routes, r) : NULL;
    if (!siblings) {
      g_ptr_array_add(out, nns_sim_route_record(r));
      continue;
    }
    /* fib6_dump_node: after a multipath route the walk goes on from its
     * last sibling, passing over any route of the node in between
     * (recorded: a device route appended between two siblings is not
     * listed). */
    g_ptr_array_add(out, nns_sim_route6_siblings_record(siblings));
    NnsRoute *last = siblings->pdata[siblings->len - 1];
    while (i + 1 < routes->len && routes->pdata[i] != last)
      i++;
  }
}

/* IN_DEV_FORWARD: the switch of the device the packet came in on. */
static gboolean
forwarding4(NnsNetns *ns, int iif)
{
  NnsDevice *in = nns_netns_device_by_index(ns, iif);
  return in && nns_conf_dev(in, AF_INET, "forwarding") != 0;
}

/* rt_set_nexthop / __mkroute_output: how a clone of a route of this
 * type is flagged. */
static guint32
cache_flags4(guint8 type)
{
  switch (type) {
  case RTN_LOCAL: return RTCF_LOCAL;
  case RTN_BROADCAST: return RTCF_LOCAL | RTCF_BROADCAST;
  case RTN_MULTICAST: return RTCF_MULTICAST;
  default: return 0;
  }
}

/* __mkroute_output: the limited broadcast and multicast destinations make
 * clones of their own type, whatever route led to them; a multicast one
 * is local when the device is in the group (ip_check_mc_rcu). */
static guint8
output_type4(const NnsRoute *r, const NnsDevice *dev, const NnsInet *dst, guint32 *flags)
{
  guint32 d = nns_inet4_host(dst);
  if (d == 0xffffffffu) {
    *flags = RTCF_BROADCAST | RTCF_LOCAL;
    return RTN_BROADCAST;
  }
  if ((d >> 28) == 0xe) {
    *flags = RTCF_MULTICAST | (dev && nns_mcast_joined(dev, dst) ? RTCF_LOCAL : 0);
    return RTN_MULTICAST;
  }
  *flags = cache_flags4(r->type);
  return r->type;
}

/* inet_rtm_getroute: an output lookup (ip_route_output_key_hash_rcu), or
 * with iif an input one (ip_route_input_slow), through the rules; the
 * table that answered goes back (RTM_F_LOOKUP_TABLE). */
static NnsRouteRecord *
route_get4(NnsNetns *ns, const NnsRouteRecord *req, NnsDevice *oif, NnsRouteRecord *out, GError **error)
{
  gboolean input = req->iif != 0;
  gboolean has_src = req->has_src && nns_inet4_host(&req->src) != 0;
  guint32 src = has_src ? nns_inet4_host(&req->src) : 0;
  int err = 0;
  if (has_src && ((src >> 28) == 0xe || src == 0xffffffffu || (!input && (src >> 24) == 0)))
    err = EINVAL;
  else if (input && (src >> 24) == 0)
    err = EINVAL;         /* martian source: 0.0.0.0/8 */
  else if (!input && has_src && !nns_route_is_local4(ns, &req->src))
    err = ENETUNREACH;    /* a source that is not ours */
  if (err) {
    g_free(out);
    nns_set_errno(error, err);
    return NULL;
  }
  NnsFlow fl = { .dst = req->dst, .iif = input ? req->iif : 1, .oif = input ? 0 : req->oif, .mark = req->mark,
                 .tos = req->tos };
  if (has_src)
    fl.src = req->src;
  GetFilter f = { input ? NULL : oif };
  NnsFibResult res;
  gboolean found = nns_route_lookup_flow4(ns, &fl, get_accept, &f, &res);
  if (found && error_of_type(res.route->type))
    err = error_of_type(res.route->type);
  else if (!found)
    err = -res.error;
  /* ip_route_input_slow: a host that does not forward has no route for
   * what is not its own. */
  if (input && !forwarding4(ns, req->iif) && (err || res.route->type == RTN_UNICAST))
    err = EHOSTUNREACH;
  if (err) {
    g_free(out);
    nns_set_errno(error, err);
    return NULL;
  }
  NnsRoute *r = res.route;
  /* While local and main are one merged table, main answered. */
  guint32 table = res.table == RT_TABLE_LOCAL && !ns->rules4_custom ? RT_TABLE_MAIN : res.table;
  if (req->fibmatch) {
    g_free(out);
    out = nns_sim_route_record(r);
    out->table = table;
    return out;
  }
  /* fib_select_path (output without oif) / ip_mkroute_input. */
  if (!fl.oif)
    nns_route_select_path4(ns, &res, has_src ? &req->src : NULL, &req->dst,
                           input ? NULL : (has_src ? &req->src : NULL));
  out->table = table;
  /* rt_fill_info: a clone, with its RTCF_* flags; RTA_SRC for a source
   * asked for; an output lookup's uid. */
  out->cloned = TRUE;
  out->type = input ? r->type : output_type4(r, res.dev, &req->dst, &out->cache_flags);
  if (input)
    out->cache_flags = cache_flags4(r->type);
  if (req->flags & RTM_F_NOTIFY) {
    out->flags |= RTM_F_NOTIFY;
    out->cache_flags |= RTCF_NOTIFY;
  }
  if (has_src) {
    out->has_src = TRUE;
    out->src_len = 32;
    out->src = req->src;
  }
  out->has_uid = !input;
  out->uid = req->uid;
  out->iif = req->iif;
  /* __mkroute_output: a broadcast clone has no nexthop, nor a multicast
   * one through a route shorter than 224.0.0.0/4. */
  out->has_gateway = res.has_gateway && !(out->type == RTN_BROADCAST && r->type != RTN_BROADCAST) &&
                     !(out->type == RTN_MULTICAST && r->dst_len < 4);
  out->gateway = res.gateway;
  NnsDevice *dev = res.dev;
  if (r->type == RTN_LOCAL) {
    dev = nns_netns_device_by_name(ns, "lo");
    out->has_prefsrc = TRUE;
    out->prefsrc = req->dst;
  } else if (r->has_prefsrc) {
    out->has_prefsrc = TRUE;
    out->prefsrc = r->prefsrc;
  } else {
    out->has_prefsrc = nns_inet_select_addr(ns, res.dev, res.has_gateway ? &res.gateway : &req->dst, r->scope,
                                            &out->prefsrc);
  }
  /* rt_fill_info: RTA_PREFSRC only when the output's source is not the
   * one asked for; an input route has none. */
  if (input || has_src)
    out->has_prefsrc = FALSE;
  out->oif = dev ? dev->ifindex : 0;
  out->scope = r->scope;
  out->mark = req->mark;
  /* rt_fill_info: the exception the clone took, its MTU and time left. */
  NnsPmtuException ex;
  if (!input && r->type == RTN_UNICAST && res.dev && nns_pmtu_find(ns, r->info_id, res.nh, &req->dst, &ex)) {
    out->mtu = ex.mtu;
    out->mtu_locked = ex.locked;
    out->has_expires = TRUE;
    out->expires_s = (guint32) ((ex.expires_us - ns->world->clock_us) / G_USEC_PER_SEC);
  }
  return out;
}

NnsRouteRecord *
nns_sim_route_get(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  NnsDevice *oif = NULL;
  if (req->oif && !(oif = nns_netns_device_by_index(ns, req->oif))) {
    nns_set_errno(error, ENODEV);
    return NULL;
  }
  if (req->iif && !nns_netns_device_by_index(ns, req->iif)) {
    nns_set_errno(error, ENODEV);
    return NULL;
  }
  NnsRouteRecord *out = nns_route_record_new(0);
  out->family = req->family;
  out->dst = req->dst;
  out->dst_len = nns_inet_bits(&req->dst);
  out->table = RT_TABLE_MAIN;
  out->type = RTN_UNICAST;
  out->protocol = RTPROT_UNSPEC;
  if (req->family == AF_INET6)
    return route_get6(ns, req, oif, out, error);
  return route_get4(ns, req, oif, out, error);
}

/* ------------------------------------------------------------------ */
/* Neighbours.                                                          */

static NnsNeighRecord *
neigh_record(const NnsNeigh *n, guint64 now_us)
{
  NnsNeighRecord *r = g_new0(NnsNeighRecord, 1);
  r->family = n->addr.family;
  r->ifindex = n->dev->ifindex;
  r->dst = n->addr;
  r->has_lladdr = n->has_mac;
  memcpy(r->lladdr, n->mac, 6);
  r->state = n->state;
  r->flags = n->flags;
  r->probes = n->probes;
  r->used_s = (guint32) ((now_us - MIN(now_us, n->used_us)) / 1000000);
  gint64 confirmed_age = (gint64) now_us - n->confirmed_us;
  r->confirmed_s = (guint32) (MAX(confirmed_age, 0) / 1000000);
  r->updated_s = (guint32) ((now_us - MIN(now_us, n->updated_us)) / 1000000);
  return r;
}

gboolean
nns_sim_neigh_add(NnsBackend *be, int pid, const NnsNeighRecord *req, guint nlflags, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, req->ifindex, error);
  if (!dev)
    return FALSE;
  NnsNetns *ns = dev->ns;
  if (req->flags & NTF_PROXY) {
    /* neigh_add: a proxy entry is created or found, never EEXIST. */
    nns_pneigh_ensure(ns, dev, &req->dst)->flags = req->flags;
    return TRUE;
  }
  NnsNeigh *n = nns_neigh_lookup(ns, dev->ifindex, &req->dst);
  if (n && (nlflags & NNS_NLM_EXCL)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  if (!n && !(nlflags & NNS_NLM_CREATE)) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  /* The entry as found, or as the constructor makes it (NOARP on a NOARP device). */
  n = nns_neigh_ensure(ns, dev, &req->dst);
  gboolean was_valid = (n->state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)) != 0;
  /* __neigh_update: a valid state needs an address (the entry stays). */
  if (!req->has_lladdr && (req->state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)) && !was_valid) {
    nns_set_extack(error, EINVAL, "No link layer address given");
    return FALSE;
  }
  if (req->has_lladdr) {
    memcpy(n->mac, req->lladdr, 6);
    n->has_mac = TRUE;
  }
  n->state = req->state;
  n->flags = req->flags;
  n->updated_us = n->used_us = ns->world->clock_us;
  n->confirmed_us = (gint64) ns->world->clock_us;
  n->timer_gen++; /* an administrative change cancels the pending timer */
  return TRUE;
}

gboolean
nns_sim_neigh_delete(NnsBackend *be, int pid, const NnsNeighRecord *req, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  gboolean proxy = (req->flags & NTF_PROXY) != 0;
  NnsNeigh *n = proxy ? nns_pneigh_lookup(ns, req->ifindex, &req->dst) : nns_neigh_lookup(ns, req->ifindex, &req->dst);
  if (!n) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  if (proxy)
    nns_pneigh_remove(ns, n);
  else
    nns_neigh_remove(ns, n);
  return TRUE;
}

GPtrArray *
nns_sim_neigh_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  guint64 now = ns->world->clock_us;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) all = nns_neigh_all(ns);
  for (guint i = 0; i < all->len; i++) {
    NnsNeigh *n = all->pdata[i];
    if (family && n->addr.family != family)
      continue;
    g_ptr_array_add(out, neigh_record(n, now));
  }
  /* Then the proxy entries (a dump with NTF_PROXY in the kernel). */
  g_autoptr(GPtrArray) proxies = nns_pneigh_all(ns);
  for (guint i = 0; i < proxies->len; i++) {
    NnsNeigh *n = proxies->pdata[i];
    if (family && n->addr.family != family)
      continue;
    g_ptr_array_add(out, neigh_record(n, now));
  }
  return out;
}

