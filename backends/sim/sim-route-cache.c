/* IPv6 route exceptions as cloned routes (sim-route-cache.h). */
#include "backends/sim/sim-route-cache.h"
#include "backends/sim/sim-backend.h"
#include "backends/sim/net/pmtu.h"
#include "core/error.h"
#include "core/route.h"
#include "core/world.h"

#include <errno.h>
#include <linux/rtnetlink.h>

/* Only a unicast route of its own (not one derived from an address) can
 * hold exceptions; a multipath route's first path is the one modelled. */
static gboolean
holds_exceptions(const NnsRoute *r)
{
  return r->family == AF_INET6 && r->type == RTN_UNICAST && r->info_id && r->dev;
}

static void
fill(NnsNetns *ns, const NnsPmtuException *ex, NnsRouteRecord *out)
{
  out->cloned = TRUE;         /* RTF_CACHE: the answer is the exception's clone */
  out->mtu = ex->mtu;
  out->has_expires = TRUE;
  out->expires_s = (guint32) ((ex->expires_us - MIN(ex->expires_us, ns->world->clock_us)) / G_USEC_PER_SEC);
}

void
nns_sim_route6_exception_fill(NnsNetns *ns, const NnsRoute *route, const NnsInet *dst, NnsRouteRecord *out)
{
  NnsPmtuException ex;
  if (holds_exceptions(route) && nns_pmtu_find(ns, route->info_id, 0, dst, &ex))
    fill(ns, &ex, out);
}

GPtrArray *
nns_sim_route_dump_cloned(NnsBackend *be, int pid, guint8 family, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  if (family != AF_UNSPEC && family != AF_INET6)
    return out;
  g_autoptr(GPtrArray) routes = nns_routes_sorted(ns, AF_INET6);
  for (guint i = 0; i < routes->len; i++) {
    const NnsRoute *r = routes->pdata[i];
    if (!holds_exceptions(r))
      continue;
    g_autoptr(GArray) list = nns_pmtu_list(ns, AF_INET6, r->info_id, 0);
    for (guint j = 0; j < list->len; j++) {
      const NnsPmtuEntry *e = &g_array_index(list, NnsPmtuEntry, j);
      /* ip6_rt_cache_alloc: a /128 clone with the route's gateway,
       * device, metric, table and protocol. */
      NnsRouteRecord *rec = nns_route_record_new(0);
      rec->family = AF_INET6;
      rec->dst = e->daddr;
      rec->dst_len = 128;
      rec->table = r->table;
      rec->protocol = r->protocol;
      rec->scope = RT_SCOPE_UNIVERSE;
      rec->type = RTN_UNICAST;
      rec->has_gateway = r->has_gateway;
      rec->gateway = r->gateway;
      rec->oif = r->dev->ifindex;
      rec->has_prefsrc = r->has_prefsrc;
      rec->prefsrc = r->prefsrc;
      rec->has_priority = r->has_priority;
      rec->priority = r->priority;
      fill(ns, &e->ex, rec);
      g_ptr_array_add(out, rec);
    }
  }
  return out;
}

gboolean
nns_sim_route_delete_cloned(NnsNetns *ns, const NnsRouteRecord *req, GError **error)
{
  guint32 table = req->table ? req->table : RT_TABLE_MAIN;
  g_autoptr(GPtrArray) routes = nns_routes_sorted(ns, AF_INET6);
  int longest = -1;
  for (guint i = 0; i < routes->len; i++) {
    const NnsRoute *r = routes->pdata[i];
    if (r->table == table && nns_inet_same_prefix(&r->dst, &req->dst, r->dst_len))
      longest = MAX(longest, (int) r->dst_len);
  }
  for (guint i = 0; req->family == AF_INET6 && i < routes->len; i++) {
    const NnsRoute *r = routes->pdata[i];
    if (r->table != table || r->dst_len != longest || !nns_inet_same_prefix(&r->dst, &req->dst, r->dst_len) ||
        !holds_exceptions(r))
      continue;
    if ((req->oif && r->dev->ifindex != req->oif) ||
        (req->has_gateway && (!r->has_gateway || !nns_inet_equal(&r->gateway, &req->gateway))))
      continue;
    if (nns_pmtu_forget(ns, r->info_id, 0, &req->dst))
      return TRUE;
  }
  nns_set_errno(error, ESRCH);
  return FALSE;
}
