/* Policy rules through the simulated backend: requests checked and applied
 * by core/rule.c, dumps as fib_nl_fill_rule makes them. */
#include "backends/sim/sim-rules.h"
#include "backends/sim/sim-backend.h"
#include "core/rule.h"
#include "core/world.h"

#include <errno.h>
#include <linux/fib_rules.h>
#include <string.h>

static void
spec_from_req(const NnsRuleRecord *req, NnsRuleSpec *spec)
{
  memset(spec, 0, sizeof *spec);
  NnsRule *r = &spec->rule;
  r->family = req->family;
  r->priority = req->priority;
  r->action = req->action;
  r->table = req->table;
  r->flags = req->flags & FIB_RULE_INVERT;
  r->protocol = req->has_protocol ? req->protocol : 0;
  r->src = req->src;
  r->src_len = req->src_len;
  r->dst = req->dst;
  r->dst_len = req->dst_len;
  r->tos = req->tos;
  r->mark = req->mark;
  r->mark_mask = req->mask;
  g_strlcpy(r->iifname, req->iifname, sizeof r->iifname);
  g_strlcpy(r->oifname, req->oifname, sizeof r->oifname);
  r->target = req->target;
  spec->has_priority = req->has_priority;
  spec->has_mark = req->has_mark;
  spec->has_mask = req->has_mask;
  spec->has_goto = req->has_goto;
}

gboolean
nns_sim_rule_add(NnsBackend *be, int pid, const NnsRuleRecord *req, guint nlflags, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  NnsRuleSpec spec;
  spec_from_req(req, &spec);
  return nns_rule_add(ns, &spec, nlflags, error);
}

gboolean
nns_sim_rule_delete(NnsBackend *be, int pid, const NnsRuleRecord *req, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  NnsRuleSpec spec;
  spec_from_req(req, &spec);
  return nns_rule_del(ns, &spec, error);
}

/* fib_nl_fill_rule */
static NnsRuleRecord *
rule_record(NnsNetns *ns, const NnsRule *r)
{
  NnsRuleRecord *out = g_new0(NnsRuleRecord, 1);
  out->family = r->family;
  out->action = r->action;
  out->table = r->table;
  out->flags = r->flags;
  if (r->action == FR_ACT_GOTO && !nns_rule_goto_target(ns, r))
    out->flags |= FIB_RULE_UNRESOLVED;
  g_strlcpy(out->iifname, r->iifname, sizeof out->iifname);
  if (r->iifname[0] && !nns_rule_iif_attached(ns, r))
    out->flags |= FIB_RULE_IIF_DETACHED;
  g_strlcpy(out->oifname, r->oifname, sizeof out->oifname);
  if (r->oifname[0] && !nns_rule_oif_attached(ns, r))
    out->flags |= FIB_RULE_OIF_DETACHED;
  out->has_priority = r->priority != 0;
  out->priority = r->priority;
  out->has_mark = r->mark != 0;
  out->mark = r->mark;
  out->has_mask = r->mark || r->mark_mask;
  out->mask = r->mark_mask;
  out->has_goto = r->target != 0;
  out->target = r->target;
  out->has_protocol = TRUE;
  out->protocol = r->protocol;
  out->src_len = r->src_len;
  out->src = r->src;
  out->dst_len = r->dst_len;
  out->dst = r->dst;
  out->tos = r->tos;
  return out;
}

GPtrArray *
nns_sim_rule_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  static const guint8 families[] = { AF_INET, AF_INET6 };
  for (gsize f = 0; f < G_N_ELEMENTS(families); f++) {
    if (family && family != families[f])
      continue;
    GPtrArray *rules = nns_rules_of(ns, families[f]);
    for (guint i = 0; i < rules->len; i++)
      g_ptr_array_add(out, rule_record(ns, rules->pdata[i]));
  }
  return out;
}
