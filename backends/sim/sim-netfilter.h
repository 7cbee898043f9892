/* The simulated backend's netfilter operations (sim-netfilter.c): the
 * iptables requests of backend.h applied to core/netfilter. */
#pragma once

#include "backends/backend.h"

G_BEGIN_DECLS

NnsNfTableRecord *nns_sim_nf_table_dump(NnsBackend *be, int pid, NnsNfTableId table, GError **error);
gboolean nns_sim_nf_rule_add(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint pos,
                             const NnsNfRule *rule, GError **error);
gboolean nns_sim_nf_rule_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                                const NnsNfRule *spec, GError **error);
gboolean nns_sim_nf_rule_replace(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                                 const NnsNfRule *rule, GError **error);
gboolean nns_sim_nf_chain_policy(NnsBackend *be, int pid, NnsNfTableId table, const char *chain,
                                 NnsNfVerdict policy, GError **error);
gboolean nns_sim_nf_chain_flush(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
gboolean nns_sim_nf_chain_zero(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                               GError **error);
gboolean nns_sim_nf_chain_new(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
gboolean nns_sim_nf_chain_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
gboolean nns_sim_nf_chain_rename(NnsBackend *be, int pid, NnsNfTableId table, const char *from, const char *to,
                                 GError **error);
gboolean nns_sim_nf_table_replace(NnsBackend *be, int pid, const NnsNfTableRecord *content, GError **error);
GArray *nns_sim_nf_ct_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_sim_nf_ct_flush(NnsBackend *be, int pid, guint *count, GError **error);

G_END_DECLS
