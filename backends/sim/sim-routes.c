/* Routes, neighbours and forwarding databases through the simulated
 * backend: requests checked and applied by core/route.c and core/neigh.c. */
#include "backends/sim/sim-routes.h"
#include "backends/sim/sim-backend.h"
#include "backends/sim/sim-route-cache.h"
#include "backends/sim/net/pmtu.h"
#include "core/address.h"
#include "core/conf.h"
#include "core/fib.h"
#include "core/neigh.h"
#include "core/netns.h"
#include "core/route.h"
#include "core/route-lookup.h"
#include "core/sysctl.h"
#include "core/world.h"

#include <errno.h>
#include <linux/if_addr.h>
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

typedef struct {
  GPtrArray *all;             /* the namespace's IPv6 routes, in dump order */
  NnsDevice *oif;
} Table6Ask;

/* One IPv6 table's best route: the longest prefix, then the lowest metric
 * (multicast routes left out). */
static NnsRoute *
ask_table6(NnsNetns *ns, guint32 table, const NnsFlow *fl, gpointer data)
{
  (void) ns;
  Table6Ask *ask = data;
  NnsRoute *best = NULL;
  for (guint i = 0; i < ask->all->len; i++) {
    NnsRoute *x = ask->all->pdata[i];
    if (x->table != table || !nns_inet_same_prefix(&x->dst, &fl->dst, x->dst_len) || x->type == RTN_MULTICAST)
      continue;
    /* RT6_LOOKUP_F_IFACE: through `oif` only, local routes too (an IPv6
     * local route is on the address's device: ::1 is lo's, recorded in
     * pkt-ipv6-ping as unreachable with -I va). */
    if (ask->oif && x->dev && x->dev != ask->oif)
      continue;
    if (!best || x->dst_len > best->dst_len || (x->dst_len == best->dst_len && x->priority < best->priority))
      best = x;
  }
  return best;
}

gboolean
nns_sim_route6_lookup_flow(NnsNetns *ns, const NnsFlow *fl, NnsDevice *oif, NnsRoute *out, guint32 *table, int *err)
{
  g_autoptr(GPtrArray) all = nns_routes_sorted(ns, AF_INET6);
  Table6Ask ask = { all, oif };
  guint32 t = 0;
  int e = 0;
  NnsRoute *best = nns_rules_lookup(ns, AF_INET6, fl, ask_table6, &ask, &t, &e);
  if (table)
    *table = t;
  if (err)
    *err = e;
  if (best)
    *out = *best;
  return best != NULL;
}

gboolean
nns_sim_route6_lookup(NnsNetns *ns, const NnsInet *dst, NnsDevice *oif, NnsRoute *out)
{
  NnsFlow fl = { .dst = *dst, .iif = 1, .oif = oif ? oif->ifindex : 0 };
  return nns_sim_route6_lookup_flow(ns, &fl, oif, out, NULL, NULL);
}

static NnsRouteRecord *
route_get6(NnsNetns *ns, const NnsRouteRecord *req, NnsDevice *oif, NnsRouteRecord *out, GError **error)
{
  NnsFlow fl = { .dst = req->dst, .iif = req->iif ? req->iif : 1, .oif = req->oif, .mark = req->mark,
                 .tos = req->tos };
  if (req->has_prefsrc)
    fl.src = req->prefsrc;
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
  out->type = best.type;
  out->table = table;
  out->has_gateway = best.has_gateway;
  out->gateway = best.gateway;
  out->oif = best.dev ? best.dev->ifindex : 0;
  out->protocol = best.protocol;
  out->has_priority = TRUE;
  out->priority = best.priority;
  out->has_prefsrc = nns_sim_route6_source(best.dev, &req->dst, &out->prefsrc);
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

/* IN_DEV_FORWARD: the switch of the device the packet came in on. */
static gboolean
forwarding4(NnsNetns *ns, int iif)
{
  NnsDevice *in = nns_netns_device_by_index(ns, iif);
  return in && nns_conf_dev(in, AF_INET, "forwarding") != 0;
}

/* inet_rtm_getroute: an output lookup (ip_route_output_key_hash_rcu), or
 * with iif an input one (ip_route_input_slow), through the rules; the
 * table that answered goes back (RTM_F_LOOKUP_TABLE). */
static NnsRouteRecord *
route_get4(NnsNetns *ns, const NnsRouteRecord *req, NnsDevice *oif, NnsRouteRecord *out, GError **error)
{
  gboolean input = req->iif != 0;
  gboolean has_src = req->has_prefsrc && nns_inet4_host(&req->prefsrc) != 0;
  guint32 src = has_src ? nns_inet4_host(&req->prefsrc) : 0;
  int err = 0;
  if (has_src && ((src >> 28) == 0xe || src == 0xffffffffu || (!input && (src >> 24) == 0)))
    err = EINVAL;
  else if (input && (src >> 24) == 0)
    err = EINVAL;         /* martian source: 0.0.0.0/8 */
  else if (!input && has_src && !nns_route_is_local4(ns, &req->prefsrc))
    err = ENETUNREACH;    /* a source that is not ours */
  if (err) {
    g_free(out);
    nns_set_errno(error, err);
    return NULL;
  }
  NnsFlow fl = { .dst = req->dst, .iif = input ? req->iif : 1, .oif = input ? 0 : req->oif, .mark = req->mark,
                 .tos = req->tos };
  if (has_src)
    fl.src = req->prefsrc;
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
  /* fib_select_path (output without oif) / ip_mkroute_input. */
  if (!fl.oif)
    nns_route_select_path4(ns, &res, has_src ? &req->prefsrc : NULL, &req->dst,
                           input ? NULL : (has_src ? &req->prefsrc : NULL));
  out->type = r->type;
  /* While local and main are one merged table, main answered. */
  out->table = res.table == RT_TABLE_LOCAL && !ns->rules4_custom ? RT_TABLE_MAIN : res.table;
  out->has_gateway = res.has_gateway;
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
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  NnsDevice *dev = nns_netns_device_by_index(ns, req->ifindex);
  if (!dev) {
    nns_set_errno(error, ENODEV);
    return FALSE;
  }
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

/* ------------------------------------------------------------------ */
/* Bridge forwarding databases, as `bridge fdb show` lists them.       */

static void
add_fdb(GPtrArray *out, const guint8 mac[6], int ifindex, int master, guint16 state, guint8 flags, guint32 age)
{
  NnsFdbRecord *r = g_new0(NnsFdbRecord, 1);
  memcpy(r->mac, mac, 6);
  r->ifindex = ifindex;
  r->master = master;
  r->state = state;
  r->flags = flags;
  r->updated_s = age;
  g_ptr_array_add(out, r);
}

/* ndo_dflt_fdb_dump: the device's multicast list, in the order the
 * kernel joins the groups (IPv6 all-nodes at registration; the bridge's
 * all-snoopers groups at open; IPv4 all-hosts at NETDEV_UP; then the
 * solicited-node group of each IPv6 address). */
static void
add_self_entries(GPtrArray *out, NnsDevice *dev)
{
  static const guint8 all_nodes[6] = { 0x33, 0x33, 0, 0, 0, 1 };
  static const guint8 snoop4[6] = { 0x01, 0x00, 0x5e, 0, 0, 0x6a };
  static const guint8 snoop6[6] = { 0x33, 0x33, 0, 0, 0, 0x6a };
  static const guint8 all_hosts[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
  if (dev->kind == NNS_KIND_LOOPBACK)
    return;
  if (dev->mtu >= 1280)
    add_fdb(out, all_nodes, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF, 0);
  if (!dev->admin_up)
    return;
  if (dev->kind == NNS_KIND_BRIDGE) {
    add_fdb(out, snoop4, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF, 0);
    add_fdb(out, snoop6, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF, 0);
  }
  add_fdb(out, all_hosts, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF, 0);
  GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(guint64));
  for (guint i = dev->addrs6->len; i-- > 0;) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    guint8 mac[6] = { 0x33, 0x33, 0xff, a->local.bytes[13], a->local.bytes[14], a->local.bytes[15] };
    guint64 k = nns_mac_key(mac);
    g_array_append_val(keys, k);
    if (g_hash_table_contains(seen, &g_array_index(keys, guint64, keys->len - 1)))
      continue;
    g_hash_table_add(seen, &g_array_index(keys, guint64, keys->len - 1));
    add_fdb(out, mac, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF, 0);
  }
  g_hash_table_destroy(seen);
}

static gint
by_ifindex(gconstpointer a, gconstpointer b)
{
  const NnsDevice *x = *(NnsDevice *const *) a, *y = *(NnsDevice *const *) b;
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

GPtrArray *
nns_sim_fdb_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  g_ptr_array_sort(devs, by_ifindex);
  guint64 now = ns->world->clock_us;
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *dev = devs->pdata[d];
    NnsDevice *br = dev->master;
    if (br && br->kind == NNS_KIND_BRIDGE) {
      /* br_fdb_dump for the port: learned entries, then its own address */
      gboolean own_listed = FALSE;
      g_autoptr(GPtrArray) entries = nns_fdb_all(br);
      for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < entries->len; i++) {
          NnsFdbEntry *e = entries->pdata[i];
          if (e->port != dev || (pass == 0) == e->is_local)
            continue;
          own_listed |= memcmp(e->mac, dev->mac, 6) == 0;
          add_fdb(out, e->mac, dev->ifindex, br->ifindex, e->is_local ? NUD_PERMANENT : NUD_REACHABLE, NTF_MASTER,
                  (guint32) ((now - MIN(now, e->updated_us)) / 1000000));
        }
      if (!own_listed)
        add_fdb(out, dev->mac, dev->ifindex, br->ifindex, NUD_PERMANENT, NTF_MASTER, 0);
    }
    add_self_entries(out, dev);
  }
  return out;
}
