/* The simulated backend's route and neighbour operations (sim-routes.c). */
#pragma once

#include "backends/backend.h"
#include "core/model.h"
#include "core/rule.h"

G_BEGIN_DECLS

gboolean nns_sim_route_add(NnsBackend *be, int pid, const NnsRouteRecord *req, guint nlflags, GError **error);
gboolean nns_sim_route_delete(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
gboolean nns_sim_route_table_exists(NnsBackend *be, int pid, guint32 table);
NnsRouteRecord *nns_sim_route_get(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
gboolean nns_sim_neigh_add(NnsBackend *be, int pid, const NnsNeighRecord *req, guint nlflags, GError **error);
gboolean nns_sim_neigh_delete(NnsBackend *be, int pid, const NnsNeighRecord *req, GError **error);
GPtrArray *nns_sim_neigh_dump(NnsBackend *be, int pid, guint8 family, GError **error);

/* IPv6 routing, shared by `ip -6 route get` and the packet engine: the
 * route for the flow through the IPv6 rules (through `oif` only when set:
 * RT6_LOOKUP_F_IFACE; multicast routes left out) and, among ECMP siblings,
 * the one its hash picks (fib6_select_path: src, dst, flow label and
 * proto), copied into `out`; and the source address toward `dst` on
 * `dev`. */
gboolean nns_sim_route6_lookup(NnsNetns *ns, const NnsFlow *fl, NnsDevice *oif, NnsRoute *out);
/* The same with the table that answered, or FALSE with *err
 * (-ENETUNREACH, or a rule's action). */
gboolean nns_sim_route6_lookup_flow(NnsNetns *ns, const NnsFlow *fl, NnsDevice *oif, NnsRoute *out, guint32 *table,
                                    int *err);
gboolean nns_sim_route6_source(NnsDevice *dev, const NnsInet *dst, NnsInet *out);
/* RTM_GETROUTE dump records of a family's routes (IPv6 ECMP siblings as
 * one multipath record, as rt6_dump_route gives them), appended to `out`. */
void nns_sim_route_records(NnsNetns *ns, guint8 family, GPtrArray *out);

G_END_DECLS
