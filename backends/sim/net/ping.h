/* ping over the simulated network. */
#pragma once

#include "backends/backend.h"
#include "backends/sim/net/engine.h"

gboolean nns_net_ping(NnsEngine *e, NnsNetns *ns, const NnsPingRequest *req, NnsPingResult *res, GError **error);
