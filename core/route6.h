/* IPv6 routes users add and delete (inet6_rtm_newroute / inet6_rtm_delroute)
 * as the kernel keeps them: each nexthop is a route (a fib6_info) of its
 * own, and the gateway routes of one prefix and metric are ECMP siblings
 * (rt6_qualify_for_ecmp), which a dump shows as one multipath route and a
 * lookup chooses among by the flow hash (core/multipath.h).  A route added
 * with `nexthop ... nexthop ...` is its paths added one by one; `append`
 * and `prepend` both put a route at the end of its metric's group
 * (fib6_add_rt2node); recorded in fixtures/oracle/ip6-multipath. */
#pragma once

#include "core/model.h"
#include "core/rule.h"

G_BEGIN_DECLS

/* rt6_qualify_for_ecmp: an IPv6 route through a gateway. */
gboolean nns_route6_ecmp(const NnsRoute *r);
/* The ECMP siblings of `r` among `routes` (a dump's, nns_routes_sorted, or
 * any set holding its node's routes), itself included, in the node's order
 * (metric, then insertion); NULL when it has none. */
GPtrArray *nns_route6_siblings_in(GPtrArray *routes, const NnsRoute *r);
/* fib6_table_lookup in one table of `routes` (nns_routes_sorted's IPv6
 * ones): the longest prefix holding `dst`, its lowest metric, the first in
 * the node's order; multicast routes and dead siblings (find_match skips
 * RTNH_F_DEAD) left out; with `oif`, only routes through it
 * (RT6_LOOKUP_F_IFACE). */
NnsRoute *nns_route6_table_best(GPtrArray *routes, guint32 table, const NnsInet *dst, NnsDevice *oif);
/* The question nns_rules_lookup asks each IPv6 table: the best route of
 * `routes` (the namespace's, in dump order) for the flow's destination,
 * through `oif` when set.  Pass nns_route6_ask_table with an
 * NnsRoute6TableAsk as its data. */
typedef struct {
  GPtrArray *routes;
  NnsDevice *oif;
} NnsRoute6TableAsk;
NnsRoute *nns_route6_ask_table(NnsNetns *ns, guint32 table, const NnsFlow *fl, gpointer data);

/* inet6_rtm_newroute: `spec` with nhs paths (RTA_MULTIPATH) or one; the
 * checks of fib6_nh_init and ip6_validate_gw for each path, in order. */
gboolean nns_route6_user_add(NnsNetns *ns, const NnsRoute *spec, guint nlflags, GError **error);
/* inet6_rtm_delroute (ip6_route_del): the first route of the prefix that
 * the metric, protocol, device and gateway given match; without a gateway
 * its siblings go too.  With paths, each path is deleted on its own and
 * the last failure is the answer (ip6_route_multipath_del). */
gboolean nns_route6_user_del(NnsNetns *ns, const NnsRoute *spec, GError **error);

G_END_DECLS
