/* Policy rules: net/core/fib_rules.c with fib4_rules.c and fib6_rules.c's
 * selectors.  Recorded behaviour: fixtures/oracle/ip-rule. */
#include "core/rule.h"
#include "core/error.h"
#include "core/fib.h"
#include "core/netns.h"

#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <string.h>

/* NnsNlmFlags of backends/backend.h (core does not include backends). */
enum { RULE_NLM_EXCL = 2 };

static NnsRule *
default_rule(guint8 family, guint32 priority, guint32 table)
{
  NnsRule *r = g_new0(NnsRule, 1);
  r->family = family;
  r->priority = priority;
  r->action = FR_ACT_TO_TBL;
  r->table = table;
  r->protocol = RTPROT_KERNEL;
  r->src.family = r->dst.family = family;
  return r;
}

/* fib_default_rules_init / fib6_rules_net_init */
void
nns_rules_init(NnsNetns *ns)
{
  ns->rules4 = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(ns->rules4, default_rule(AF_INET, 0, RT_TABLE_LOCAL));
  g_ptr_array_add(ns->rules4, default_rule(AF_INET, 32766, RT_TABLE_MAIN));
  g_ptr_array_add(ns->rules4, default_rule(AF_INET, 32767, RT_TABLE_DEFAULT));
  ns->rules6 = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(ns->rules6, default_rule(AF_INET6, 0, RT_TABLE_LOCAL));
  g_ptr_array_add(ns->rules6, default_rule(AF_INET6, 32766, RT_TABLE_MAIN));
}

void
nns_rules_free(NnsNetns *ns)
{
  if (ns->rules4)
    g_ptr_array_free(ns->rules4, TRUE);
  if (ns->rules6)
    g_ptr_array_free(ns->rules6, TRUE);
  ns->rules4 = ns->rules6 = NULL;
}

GPtrArray *
nns_rules_of(NnsNetns *ns, guint8 family)
{
  return family == AF_INET6 ? ns->rules6 : ns->rules4;
}

const NnsRule *
nns_rule_goto_target(NnsNetns *ns, const NnsRule *rule)
{
  /* ctarget: set to the first rule of the target priority when the goto is
   * added or that rule appears, moved to the next of the same priority
   * when it goes; always the first of that priority in the list. */
  GPtrArray *rules = nns_rules_of(ns, rule->family);
  for (guint i = 0; i < rules->len; i++) {
    const NnsRule *r = rules->pdata[i];
    if (r->priority == rule->target)
      return r;
  }
  return NULL;
}

static NnsDevice *
named_dev(NnsNetns *ns, const char *name)
{
  return name[0] ? nns_netns_device_by_name(ns, name) : NULL;
}

gboolean
nns_rule_iif_attached(NnsNetns *ns, const NnsRule *rule)
{
  return named_dev(ns, rule->iifname) != NULL;
}

gboolean
nns_rule_oif_attached(NnsNetns *ns, const NnsRule *rule)
{
  return named_dev(ns, rule->oifname) != NULL;
}

/* fib_default_rule_pref: one below the second rule's priority, else 0. */
static guint32
default_pref(GPtrArray *rules)
{
  if (rules->len >= 2) {
    const NnsRule *second = rules->pdata[1];
    if (second->priority)
      return second->priority - 1;
  }
  return 0;
}

/* fib_nl2rule: the rule a request describes, with its checks. */
static gboolean
rule_from_spec(NnsNetns *ns, const NnsRuleSpec *spec, NnsRule *out, GError **error)
{
  const NnsRule *in = &spec->rule;
  guint bits = in->family == AF_INET6 ? 128 : 32;
  if (in->family != AF_INET && in->family != AF_INET6) {
    nns_set_errno(error, EAFNOSUPPORT);
    return FALSE;
  }
  if (in->src_len && (in->src.family != in->family || in->src_len > bits)) {
    nns_set_extack(error, EINVAL, "Invalid source address");
    return FALSE;
  }
  if (in->dst_len && (in->dst.family != in->family || in->dst_len > bits)) {
    nns_set_extack(error, EINVAL, "Invalid dst address");
    return FALSE;
  }
  *out = *in;
  if (!in->src_len)
    memset(&out->src, 0, sizeof out->src), out->src.family = in->family;
  if (!in->dst_len)
    memset(&out->dst, 0, sizeof out->dst), out->dst.family = in->family;
  out->priority = spec->has_priority ? in->priority : default_pref(nns_rules_of(ns, in->family));
  /* A non-zero mark compares every bit unless a mask is given. */
  out->mark = spec->has_mark ? in->mark : 0;
  out->mark_mask = out->mark ? 0xffffffffu : 0;
  if (spec->has_mask)
    out->mark_mask = in->mark_mask;
  out->target = 0;
  if (spec->has_goto) {
    if (out->action != FR_ACT_GOTO) {
      nns_set_extack(error, EINVAL, "Unexpected goto");
      return FALSE;
    }
    out->target = in->target;
    /* Backward jumps are prohibited to avoid endless loops. */
    if (out->target <= out->priority) {
      nns_set_extack(error, EINVAL, "Backward goto not supported");
      return FALSE;
    }
  } else if (out->action == FR_ACT_GOTO) {
    nns_set_extack(error, EINVAL, "Missing goto target for action goto");
    return FALSE;
  }
  return TRUE;
}

/* fib4_rule_compare / fib6_rule_compare: only what the request gave. */
static gboolean
selectors_match(const NnsRule *r, const NnsRule *req)
{
  if (req->src_len && (r->src_len != req->src_len || !nns_inet_equal(&r->src, &req->src)))
    return FALSE;
  if (req->dst_len && (r->dst_len != req->dst_len || !nns_inet_equal(&r->dst, &req->dst)))
    return FALSE;
  if (req->tos && r->tos != req->tos)
    return FALSE;
  return TRUE;
}

/* rule_exists: the same rule (its `not` aside) is already there. */
static gboolean
rule_exists(GPtrArray *rules, const NnsRule *rule)
{
  for (guint i = 0; i < rules->len; i++) {
    const NnsRule *r = rules->pdata[i];
    if (r->action == rule->action && r->table == rule->table && r->priority == rule->priority &&
        g_str_equal(r->iifname, rule->iifname) && g_str_equal(r->oifname, rule->oifname) &&
        r->mark == rule->mark && r->mark_mask == rule->mark_mask && selectors_match(r, rule))
      return TRUE;
  }
  return FALSE;
}

/* fib_empty_table: the first table id from 1 that has no table yet. */
static guint32
empty_table4(NnsNetns *ns)
{
  guint32 id = 1;
  while (nns_fib_table_exists(ns->fib, id, AF_INET))
    id++;
  nns_fib_table_create(ns->fib, id, AF_INET);
  return id;
}

gboolean
nns_rule_add(NnsNetns *ns, const NnsRuleSpec *spec, guint nlflags, GError **error)
{
  NnsRule rule;
  if (!rule_from_spec(ns, spec, &rule, error))
    return FALSE;
  GPtrArray *rules = nns_rules_of(ns, rule.family);
  if ((nlflags & RULE_NLM_EXCL) && rule_exists(rules, &rule)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  /* fib4_rule_configure / fib6_rule_configure */
  if (rule.tos & 0x03) {
    nns_set_extack(error, EINVAL, "Invalid dsfield (tos): ECN bits must be 0");
    return FALSE;
  }
  if (rule.family == AF_INET && (rule.tos & ~0x1e)) {
    nns_set_extack(error, EINVAL, "Invalid tos");
    return FALSE;
  }
  /* fib_unmerge: local and main are two tables from now on. */
  if (rule.family == AF_INET)
    ns->rules4_custom = TRUE;
  if (rule.action == FR_ACT_TO_TBL && rule.table == RT_TABLE_UNSPEC) {
    if (rule.family == AF_INET6) {
      nns_set_extack(error, EINVAL, "Invalid table");
      return FALSE;
    }
    rule.table = empty_table4(ns);
  }
  /* After every rule of a lower or equal priority. */
  guint pos = 0;
  while (pos < rules->len && ((NnsRule *) rules->pdata[pos])->priority <= rule.priority)
    pos++;
  g_ptr_array_insert(rules, (gint) pos, g_memdup2(&rule, sizeof rule));
  return TRUE;
}

gboolean
nns_rule_del(NnsNetns *ns, const NnsRuleSpec *spec, GError **error)
{
  NnsRule req;
  if (!rule_from_spec(ns, spec, &req, error))
    return FALSE;
  GPtrArray *rules = nns_rules_of(ns, req.family);
  for (guint i = 0; i < rules->len; i++) {
    const NnsRule *r = rules->pdata[i];
    /* rule_find */
    if (req.action && r->action != req.action)
      continue;
    if (req.table && r->table != req.table)
      continue;
    if (spec->has_priority && r->priority != req.priority)
      continue;
    if (req.iifname[0] && !g_str_equal(r->iifname, req.iifname))
      continue;
    if (req.oifname[0] && !g_str_equal(r->oifname, req.oifname))
      continue;
    if (req.mark && r->mark != req.mark)
      continue;
    if (req.mark_mask && r->mark_mask != req.mark_mask)
      continue;
    if (!selectors_match(r, &req))
      continue;
    if (req.family == AF_INET)
      ns->rules4_custom = TRUE;
    g_ptr_array_remove_index(rules, i);
    return TRUE;
  }
  nns_set_errno(error, ENOENT);
  return FALSE;
}

static gboolean
prefix_match(const NnsInet *addr, const NnsInet *prefix, guint8 len)
{
  if (!len)
    return TRUE;
  NnsInet a = *addr;
  if (a.family != prefix->family) {
    /* No address yet: 0.0.0.0 (or ::) of the rule's family. */
    memset(&a, 0, sizeof a);
    a.family = prefix->family;
  }
  return nns_inet_same_prefix(&a, prefix, len);
}

/* fib_rule_match with fib4_rule_match / fib6_rule_match. */
static gboolean
rule_match(NnsNetns *ns, const NnsRule *r, const NnsFlow *fl)
{
  gboolean ret = FALSE;
  if (r->iifname[0]) {
    NnsDevice *d = named_dev(ns, r->iifname);
    if (!d || d->ifindex != fl->iif)
      goto out;
  }
  if (r->oifname[0]) {
    NnsDevice *d = named_dev(ns, r->oifname);
    if (!d || d->ifindex != fl->oif)
      goto out;
  }
  if ((r->mark ^ fl->mark) & r->mark_mask)
    goto out;
  /* IPv6 from-rules need a source (RT6_LOOKUP_F_HAS_SADDR). */
  if (r->family == AF_INET6 && r->src_len && fl->src.family != AF_INET6)
    goto out;
  if (!prefix_match(&fl->src, &r->src, r->src_len) || !prefix_match(&fl->dst, &r->dst, r->dst_len))
    goto out;
  if (r->tos && r->tos != (fl->tos & 0xfc))
    goto out;
  ret = TRUE;
out:
  return (r->flags & FIB_RULE_INVERT) ? !ret : ret;
}

NnsRoute *
nns_rules_lookup(NnsNetns *ns, guint8 family, const NnsFlow *fl, NnsTableLookup lookup, gpointer data,
                 guint32 *table, int *err)
{
  GPtrArray *rules = nns_rules_of(ns, family);
  *err = 0;
  for (guint i = 0; i < rules->len; i++) {
    const NnsRule *r = rules->pdata[i];
    if (!rule_match(ns, r, fl))
      continue;
    switch (r->action) {
    case FR_ACT_GOTO: {
      /* Jump: the target is matched in turn, and the walk goes on from it. */
      const NnsRule *target = nns_rule_goto_target(ns, r);
      if (target) {
        guint j = i;
        while (rules->pdata[j] != target)
          j++;
        i = j - 1;
      }
      continue;
    }
    case FR_ACT_NOP:
      continue;
    case FR_ACT_TO_TBL: {
      NnsRoute *route = lookup(ns, r->table, fl, data);
      /* A missing or empty table, or a throw route, passes (-EAGAIN). */
      if (!route || route->type == RTN_THROW)
        continue;
      *table = r->table;
      return route;
    }
    case FR_ACT_UNREACHABLE:
      *err = -ENETUNREACH;
      return NULL;
    case FR_ACT_PROHIBIT:
      *err = -EACCES;
      return NULL;
    default:
      *err = -EINVAL;
      return NULL;
    }
  }
  *err = -ENETUNREACH;
  return NULL;
}
