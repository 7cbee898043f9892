/* The simulated backend's route, neighbour and fdb operations (sim-routes.c). */
#pragma once

#include "backends/backend.h"

G_BEGIN_DECLS

gboolean nns_sim_route_add(NnsBackend *be, int pid, const NnsRouteRecord *req, guint nlflags, GError **error);
gboolean nns_sim_route_delete(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
NnsRouteRecord *nns_sim_route_get(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
gboolean nns_sim_neigh_add(NnsBackend *be, int pid, const NnsNeighRecord *req, guint nlflags, GError **error);
gboolean nns_sim_neigh_delete(NnsBackend *be, int pid, const NnsNeighRecord *req, GError **error);
GPtrArray *nns_sim_neigh_dump(NnsBackend *be, int pid, guint8 family, GError **error);
GPtrArray *nns_sim_fdb_dump(NnsBackend *be, int pid, GError **error);

G_END_DECLS
