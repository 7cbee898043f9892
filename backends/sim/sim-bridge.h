/* The simulated backend's bridge operations: a bridge's settings
 * (IFLA_INFO_DATA, sim-bridge.c), `bridge link set` (sim-bridge.c) and the
 * forwarding databases (`bridge fdb`, sim-fdb.c). */
#pragma once

#include "backends/backend.h"
#include "core/model.h"

G_BEGIN_DECLS

/* br_changelink: the attributes in its order, each failing alone after
 * those before it were applied. */
gboolean nns_sim_bridge_changelink(NnsDevice *br, const NnsBridgeAttrs *attrs, GError **error);
gboolean nns_sim_brport_change(NnsBackend *be, int pid, int ifindex, const NnsBrportChange *req, GError **error);

GPtrArray *nns_sim_fdb_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_sim_fdb_add(NnsBackend *be, int pid, const NnsFdbRecord *req, guint nlflags, GError **error);
gboolean nns_sim_fdb_delete(NnsBackend *be, int pid, const NnsFdbRecord *req, GError **error);

G_END_DECLS
