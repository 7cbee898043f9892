/* iptables requests on the simulated backend: find the caller's
 * namespace, then let core/netfilter check and apply. */
#include "backends/sim/sim-netfilter.h"
#include "backends/sim/sim-backend.h"
#include "core/netfilter/nf-conntrack.h"
#include "core/netfilter/nf-state.h"
#include "core/world.h"

#include <errno.h>

static NnsNfState *
state_of(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  return ns ? nns_nf_state(ns) : NULL;
}

NnsNfTableRecord *
nns_sim_nf_table_dump(NnsBackend *be, int pid, NnsNfTableId table, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st ? nns_nf_table_dump(st, table) : NULL;
}

gboolean
nns_sim_nf_rule_add(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint pos,
                    const NnsNfRule *rule, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_rule_insert(st, table, chain, pos, rule, error);
}

gboolean
nns_sim_nf_rule_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                       const NnsNfRule *spec, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_rule_delete(st, table, chain, num, spec, error);
}

gboolean
nns_sim_nf_rule_replace(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                        const NnsNfRule *rule, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_rule_replace(st, table, chain, num, rule, error);
}

gboolean
nns_sim_nf_chain_policy(NnsBackend *be, int pid, NnsNfTableId table, const char *chain,
                        NnsNfVerdict policy, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_chain_set_policy(st, table, chain, policy, error);
}

gboolean
nns_sim_nf_chain_flush(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_chain_flush(st, table, chain, error);
}

gboolean
nns_sim_nf_chain_zero(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                      GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_chain_zero(st, table, chain, num, error);
}

gboolean
nns_sim_nf_chain_new(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_chain_new(st, table, chain, error);
}

gboolean
nns_sim_nf_chain_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_chain_delete(st, table, chain, error);
}

gboolean
nns_sim_nf_chain_rename(NnsBackend *be, int pid, NnsNfTableId table, const char *from, const char *to,
                        GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_chain_rename(st, table, from, to, error);
}

gboolean
nns_sim_nf_table_replace(NnsBackend *be, int pid, const NnsNfTableRecord *content, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  return st && nns_nf_table_replace(st, content, error);
}

GArray *
nns_sim_nf_ct_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  if (!st)
    return NULL;
  return nns_nf_conntrack_dump(st->conntrack, nns_sim_backend_world(be)->clock_us / 1000);
}

gboolean
nns_sim_nf_ct_flush(NnsBackend *be, int pid, guint *count, GError **error)
{
  NnsNfState *st = state_of(be, pid, error);
  if (!st)
    return FALSE;
  *count = nns_nf_conntrack_flush(st->conntrack);
  return TRUE;
}
