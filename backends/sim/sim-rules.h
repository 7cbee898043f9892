/* The simulated backend's policy rule operations (sim-rules.c). */
#pragma once

#include "backends/backend.h"

G_BEGIN_DECLS

gboolean nns_sim_rule_add(NnsBackend *be, int pid, const NnsRuleRecord *req, guint nlflags, GError **error);
gboolean nns_sim_rule_delete(NnsBackend *be, int pid, const NnsRuleRecord *req, GError **error);
GPtrArray *nns_sim_rule_dump(NnsBackend *be, int pid, guint8 family, GError **error);

G_END_DECLS
