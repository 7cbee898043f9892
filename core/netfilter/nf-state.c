/* The iptables tables of a namespace and the changes iptables makes to
 * them, with the checks the kernel (nf_tables) makes. */
#include "core/netfilter/nf-state.h"
#include "core/netfilter/nf-conntrack.h"
#include "core/netfilter/nf-match.h"
#include "core/netfilter/nf-recent.h"
#include "core/error.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

static const char *const table_names[NNS_NF_N_TABLES4] = { "filter", "nat", "mangle", "raw" };
static const char *const hook_names[NNS_NF_N_HOOKS] = {
  "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING",
};
/* Which hooks each table registers (iptable_filter.c, iptable_nat.c, ...). */
static const guint table_hooks[NNS_NF_N_TABLES4] = {
  [NNS_NF_TABLE_FILTER] = 1 << NNS_NF_INPUT | 1 << NNS_NF_FORWARD | 1 << NNS_NF_OUTPUT,
  [NNS_NF_TABLE_NAT] = 1 << NNS_NF_PREROUTING | 1 << NNS_NF_INPUT | 1 << NNS_NF_OUTPUT | 1 << NNS_NF_POSTROUTING,
  [NNS_NF_TABLE_MANGLE] = 0x1f,
  [NNS_NF_TABLE_RAW] = 1 << NNS_NF_PREROUTING | 1 << NNS_NF_OUTPUT,
};

const char *
nns_nf_table_name(NnsNfTableId id)
{
  return table_names[id % NNS_NF_N_TABLES4];
}

int
nns_nf_table_family(NnsNfTableId id)
{
  return id >= NNS_NF_N_TABLES4 ? AF_INET6 : AF_INET;
}

gboolean
nns_nf_table_by_name_family(const char *name, int family, NnsNfTableId *out)
{
  for (int i = 0; i < NNS_NF_N_TABLES4; i++)
    if (g_str_equal(name, table_names[i])) {
      *out = i + (family == AF_INET6 ? NNS_NF_N_TABLES4 : 0);
      return TRUE;
    }
  return FALSE;
}

gboolean
nns_nf_table_by_name(const char *name, NnsNfTableId *out)
{
  return nns_nf_table_by_name_family(name, AF_INET, out);
}

const char *
nns_nf_hook_name(NnsNfHook hook)
{
  return hook_names[hook];
}

gboolean
nns_nf_table_has_hook(NnsNfTableId table, NnsNfHook hook)
{
  return (table_hooks[table % NNS_NF_N_TABLES4] >> hook) & 1;
}

/* ------------------------------------------------------------------ */
/* Records.                                                            */

NnsNfTableRecord *
nns_nf_table_record_new(NnsNfTableId table)
{
  NnsNfTableRecord *rec = g_new0(NnsNfTableRecord, 1);
  rec->table = table;
  rec->chains = g_ptr_array_new();
  return rec;
}

NnsNfChainRecord *
nns_nf_chain_record_new(const char *name)
{
  NnsNfChainRecord *c = g_new0(NnsNfChainRecord, 1);
  g_strlcpy(c->name, name, sizeof c->name);
  c->rules = g_array_new(FALSE, TRUE, sizeof(NnsNfRule));
  return c;
}

static void
chain_record_free(NnsNfChainRecord *c)
{
  g_array_unref(c->rules);
  g_free(c);
}

void
nns_nf_table_record_free(NnsNfTableRecord *rec)
{
  if (!rec)
    return;
  for (guint i = 0; i < rec->chains->len; i++)
    chain_record_free(rec->chains->pdata[i]);
  g_ptr_array_unref(rec->chains);
  g_free(rec);
}

/* ------------------------------------------------------------------ */
/* Chains and entries.                                                 */

/* An entry and the state its matches hold (not its jump's reference). */
static void
entry_release(NnsNfEntry *e)
{
  nns_nf_xmatch_release(e);
  g_free(e);
}

static void
entry_free(NnsNfEntry *e)
{
  if (e->jump)
    e->jump->refs--;
  entry_release(e);
}

static NnsNfChain *
chain_new(const char *name)
{
  NnsNfChain *c = g_new0(NnsNfChain, 1);
  g_strlcpy(c->name, name, sizeof c->name);
  c->rules = g_ptr_array_new();
  c->present = TRUE;
  return c;
}

static void
chain_free(NnsNfChain *c)
{
  /* Entries may point at chains freed before them: drop the links first. */
  for (guint i = 0; i < c->rules->len; i++)
    entry_release(c->rules->pdata[i]);
  g_ptr_array_unref(c->rules);
  g_free(c);
}

static void
chain_clear_rules(NnsNfChain *c)
{
  for (guint i = 0; i < c->rules->len; i++)
    entry_free(c->rules->pdata[i]);
  g_ptr_array_set_size(c->rules, 0);
}

static void
table_init(NnsNfTable *t, NnsNfTableId id)
{
  t->id = id;
  t->chains = g_ptr_array_new();
  t->foreign = g_ptr_array_new();
  for (int h = 0; h < NNS_NF_N_HOOKS; h++) {
    if (!nns_nf_table_has_hook(id, h))
      continue;
    NnsNfChain *c = chain_new(hook_names[h]);
    c->builtin = TRUE;
    c->present = FALSE;
    c->hook = h;
    c->policy = NNS_NF_ACCEPT;
    t->hooks[h] = c;
    g_ptr_array_add(t->chains, c);
  }
}

static void
table_clear(NnsNfTable *t)
{
  for (guint i = 0; i < t->chains->len; i++)
    chain_free(t->chains->pdata[i]);
  g_ptr_array_unref(t->chains);
  for (guint i = 0; i < t->foreign->len; i++)
    chain_free(t->foreign->pdata[i]);
  g_ptr_array_unref(t->foreign);
}

/* Every chain of the table with rules: the listed ones, then the foreign. */
static NnsNfChain *
table_chain(const NnsNfTable *t, guint i)
{
  return i < t->chains->len ? t->chains->pdata[i] : t->foreign->pdata[i - t->chains->len];
}

static guint
table_n_chains(const NnsNfTable *t)
{
  return t->chains->len + t->foreign->len;
}

static NnsNfChain *
foreign_find(const NnsNfTable *t, const char *name)
{
  for (guint i = 0; i < t->foreign->len; i++)
    if (g_str_equal(((NnsNfChain *) t->foreign->pdata[i])->name, name))
      return t->foreign->pdata[i];
  return NULL;
}

/* EEXIST from nf_tables itself: a foreign chain has the name. */
static gboolean
foreign_taken(const NnsNfTable *t, const char *name, GError **error)
{
  if (!foreign_find(t, name))
    return FALSE;
  g_set_error(error, NNS_ERROR, EEXIST, "%s", name);
  return TRUE;
}

static void
state_free(gpointer data)
{
  NnsNfState *st = data;
  for (int i = 0; i < NNS_NF_N_TABLES; i++)
    table_clear(&st->tables[i]);
  nns_nf_conntrack_free(st->conntrack);
  g_hash_table_unref(st->recent);
  g_free(st);
}

NnsNfState *
nns_nf_state_peek(NnsNetns *ns)
{
  return ns->netfilter;
}

NnsNfState *
nns_nf_state(NnsNetns *ns)
{
  if (ns->netfilter)
    return ns->netfilter;
  NnsNfState *st = g_new0(NnsNfState, 1);
  st->ns = ns;
  for (int i = 0; i < NNS_NF_N_TABLES; i++)
    table_init(&st->tables[i], i);
  st->conntrack = nns_nf_conntrack_new();
  st->recent = nns_nf_recent_new();
  ns->netfilter = st;
  ns->netfilter_free = state_free;
  return st;
}

NnsNfChain *
nns_nf_chain_find(NnsNfState *st, NnsNfTableId table, const char *name)
{
  GPtrArray *chains = st->tables[table].chains;
  for (guint i = 0; i < chains->len; i++) {
    NnsNfChain *c = chains->pdata[i];
    if (g_str_equal(c->name, name))
      return c;
  }
  return NULL;
}

static NnsNfChain *
chain_or_error(NnsNfState *st, NnsNfTableId table, const char *name, GError **error)
{
  NnsNfChain *c = nns_nf_chain_find(st, table, name);
  if (!c)
    nns_set_errno(error, ENOENT);
  return c;
}

/* Whether the ruleset needs conntrack (see NnsNfState.ct_users). */
static void
ct_users_refresh(NnsNfState *st)
{
  gboolean users = FALSE;
  /* IPv4's tables only: IPv6 has no connection tracking here (docs/iptables.md). */
  for (int t = 0; t < NNS_NF_N_TABLES4 && !users; t++) {
    const NnsNfTable *tab = &st->tables[t];
    for (guint i = 0; i < table_n_chains(tab) && !users; i++) {
      NnsNfChain *c = table_chain(tab, i);
      if (t == NNS_NF_TABLE_NAT && c->builtin && c->present)
        users = TRUE;
      for (guint j = 0; j < c->rules->len && !users; j++) {
        const NnsNfRule *r = &((NnsNfEntry *) c->rules->pdata[j])->rule;
        users = r->target.kind >= NNS_NF_TARGET_MASQUERADE;
        for (guint m = 0; m < r->n_matches && !users; m++)
          users = r->matches[m].kind == NNS_NF_MATCH_STATE || r->matches[m].kind == NNS_NF_MATCH_CONNTRACK;
      }
    }
  }
  st->ct_users = users;
}

/* User chains sort by name after the built-ins (iptables-nft's cache). */
static gint
chain_order(gconstpointer a, gconstpointer b)
{
  const NnsNfChain *x = *(NnsNfChain *const *) a, *y = *(NnsNfChain *const *) b;
  if (x->builtin != y->builtin)
    return x->builtin ? -1 : 1;
  if (x->builtin)
    return (int) x->hook - (int) y->hook;
  return strcmp(x->name, y->name);
}

/* ------------------------------------------------------------------ */
/* Validation: what nf_tables checks when a ruleset changes.           */

/* The hooks (and table) where a target may be used; 0 = anywhere. */
static gboolean
target_allowed(const NnsNfTarget *t, NnsNfTableId table, guint hooks)
{
  guint allowed;
  switch (t->kind) {
  case NNS_NF_TARGET_REJECT:
    allowed = 1 << NNS_NF_INPUT | 1 << NNS_NF_FORWARD | 1 << NNS_NF_OUTPUT;
    break;
  case NNS_NF_TARGET_MASQUERADE:
    allowed = 1 << NNS_NF_POSTROUTING;
    break;
  case NNS_NF_TARGET_SNAT:
    allowed = 1 << NNS_NF_POSTROUTING | 1 << NNS_NF_INPUT;
    break;
  case NNS_NF_TARGET_DNAT:
  case NNS_NF_TARGET_REDIRECT:
    allowed = 1 << NNS_NF_PREROUTING | 1 << NNS_NF_OUTPUT;
    break;
  default:
    return TRUE;
  }
  if (t->kind >= NNS_NF_TARGET_MASQUERADE && table % NNS_NF_N_TABLES4 != NNS_NF_TABLE_NAT)
    return FALSE;
  return (hooks & ~allowed) == 0;
}

/* Depth-first walk from a base chain: a chain met again while on the
 * stack is a loop (ELOOP, which nf_tables reports as EMLINK). */
/* Every match of the rule may be reached from the hooks. */
static gboolean
matches_allowed(const NnsNfRule *r, guint hooks)
{
  for (guint i = 0; i < r->n_matches; i++)
    if (hooks & ~nns_nf_xmatch_hooks(&r->matches[i]))
      return FALSE;
  return TRUE;
}

static int
walk(NnsNfTableId table, NnsNfChain *c, guint hook_bit, guint depth)
{
  if (c->visit == 1 || depth > 64)
    return EMLINK;
  c->visit = 1;
  int rc = 0;
  for (guint i = 0; i < c->rules->len && !rc; i++) {
    NnsNfEntry *e = c->rules->pdata[i];
    if (!target_allowed(&e->rule.target, table, hook_bit) || !matches_allowed(&e->rule, hook_bit))
      rc = EINVAL;
    else if (e->jump)
      rc = walk(table, e->jump, hook_bit, depth + 1);
  }
  c->visit = 0;
  return rc;
}

static gboolean
table_validate(NnsNfTable *t, GError **error)
{
  for (guint k = 0; k < NNS_NF_N_HOOKS + t->foreign->len; k++) {
    NnsNfChain *base = k < NNS_NF_N_HOOKS ? t->hooks[k] : t->foreign->pdata[k - NNS_NF_N_HOOKS];
    if (!base)
      continue;
    int rc = walk(t->id, base, 1u << base->hook, 0);
    if (rc) {
      for (guint i = 0; i < t->chains->len; i++)
        ((NnsNfChain *) t->chains->pdata[i])->visit = 0;
      nns_set_errno(error, rc);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
needs_validation(const NnsNfRule *r)
{
  if (!matches_allowed(r, 0x1f))
    return TRUE;
  return r->target.kind != NNS_NF_TARGET_NONE && r->target.kind != NNS_NF_TARGET_ACCEPT &&
         r->target.kind != NNS_NF_TARGET_DROP && r->target.kind != NNS_NF_TARGET_RETURN &&
         r->target.kind != NNS_NF_TARGET_LOG;
}

/* "eth+" matches every name that starts with "eth"; the mask says which
 * bytes count, as ipt_ip's iniface_mask does. */
static void
iface_mask(const char *name, guint8 mask[NNS_NF_IFNAMSIZ])
{
  memset(mask, 0, NNS_NF_IFNAMSIZ);
  size_t len = strlen(name);
  if (len == 0)
    return;
  if (name[len - 1] == '+')
    memset(mask, 0xff, len - 1);
  else
    memset(mask, 0xff, MIN(len + 1, (size_t) NNS_NF_IFNAMSIZ));
}

static NnsNfEntry *
entry_new(NnsNfState *st, NnsNfTableId table, const NnsNfRule *rule, GError **error)
{
  NnsNfChain *jump = NULL;
  /* ipt_REJECT's checkentry: a TCP reset needs a rule that only sees TCP. */
  if (rule->target.kind == NNS_NF_TARGET_REJECT && rule->target.reject_with == NNS_NF_REJECT_TCP_RESET &&
      (rule->proto != 6 || (rule->invflags & NNS_NF_INV_PROTO))) {
    nns_set_errno(error, EINVAL);
    return NULL;
  }
  if (rule->target.kind == NNS_NF_TARGET_JUMP) {
    jump = nns_nf_chain_find(st, table, rule->target.chain);
    if (!jump || jump->builtin) {
      /* nf_tables refuses a jump to a base chain. */
      nns_set_errno(error, jump ? EOPNOTSUPP : ENOENT);
      return NULL;
    }
  }
  int rc = nns_nf_xmatch_check(rule);
  if (rc) {
    nns_set_errno(error, rc);
    return NULL;
  }
  NnsNfEntry *e = g_new0(NnsNfEntry, 1);
  e->rule = *rule;
  e->jump = jump;
  if (jump)
    jump->refs++;
  nns_nf_xmatch_init(st, e);
  iface_mask(rule->iniface, e->in_mask);
  iface_mask(rule->outiface, e->out_mask);
  return e;
}

/* ------------------------------------------------------------------ */
/* Rules.                                                              */

gboolean
nns_nf_rule_equal(const NnsNfRule *a, const NnsNfRule *b)
{
  NnsNfRule x = *a, y = *b;
  x.packets = x.bytes = y.packets = y.bytes = 0;
  return memcmp(&x, &y, sizeof x) == 0;
}

gboolean
nns_nf_rule_insert(NnsNfState *st, NnsNfTableId table, const char *chain, guint pos,
                   const NnsNfRule *rule, GError **error)
{
  NnsNfTable *t = &st->tables[table];
  NnsNfChain *c = chain_or_error(st, table, chain, error);
  if (!c)
    return FALSE;
  if (pos > c->rules->len + 1) {
    nns_set_errno(error, E2BIG);
    return FALSE;
  }
  NnsNfEntry *e = entry_new(st, table, rule, error);
  if (!e)
    return FALSE;
  guint at = pos == 0 ? c->rules->len : pos - 1;
  g_ptr_array_insert(c->rules, at, e);
  if (needs_validation(rule) && !table_validate(t, error)) {
    g_ptr_array_remove_index(c->rules, at);
    entry_free(e);
    return FALSE;
  }
  t->exists = TRUE;
  c->present = TRUE;
  ct_users_refresh(st);
  return TRUE;
}

gboolean
nns_nf_rule_delete(NnsNfState *st, NnsNfTableId table, const char *chain, guint num,
                   const NnsNfRule *spec, GError **error)
{
  NnsNfChain *c = chain_or_error(st, table, chain, error);
  if (!c)
    return FALSE;
  guint at = G_MAXUINT;
  if (num) {
    if (num > c->rules->len) {
      nns_set_errno(error, E2BIG);
      return FALSE;
    }
    at = num - 1;
  } else {
    for (guint i = 0; i < c->rules->len && at == G_MAXUINT; i++)
      if (nns_nf_rule_equal(&((NnsNfEntry *) c->rules->pdata[i])->rule, spec))
        at = i;
    if (at == G_MAXUINT) {
      nns_set_errno(error, ENOENT);
      return FALSE;
    }
  }
  entry_free(g_ptr_array_steal_index(c->rules, at));
  ct_users_refresh(st);
  return TRUE;
}

gboolean
nns_nf_rule_replace(NnsNfState *st, NnsNfTableId table, const char *chain, guint num,
                    const NnsNfRule *rule, GError **error)
{
  NnsNfTable *t = &st->tables[table];
  NnsNfChain *c = chain_or_error(st, table, chain, error);
  if (!c)
    return FALSE;
  if (num == 0 || num > c->rules->len) {
    nns_set_errno(error, E2BIG);
    return FALSE;
  }
  NnsNfEntry *e = entry_new(st, table, rule, error);
  if (!e)
    return FALSE;
  NnsNfEntry *old = c->rules->pdata[num - 1];
  c->rules->pdata[num - 1] = e;
  if (needs_validation(rule) && !table_validate(t, error)) {
    c->rules->pdata[num - 1] = old;
    entry_free(e);
    return FALSE;
  }
  entry_free(old);
  ct_users_refresh(st);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Chains.                                                             */

gboolean
nns_nf_chain_set_policy(NnsNfState *st, NnsNfTableId table, const char *chain,
                        NnsNfVerdict policy, GError **error)
{
  NnsNfChain *c = chain_or_error(st, table, chain, error);
  if (!c)
    return FALSE;
  if (!c->builtin || policy == NNS_NF_REJECT) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  /* iptables-nft sends the chain with its policy and zeroed counters. */
  c->policy = policy;
  c->present = c->stats = TRUE;
  c->packets = c->bytes = 0;
  st->tables[table].exists = TRUE;
  ct_users_refresh(st);
  return TRUE;
}

gboolean
nns_nf_chain_flush(NnsNfState *st, NnsNfTableId table, const char *chain, GError **error)
{
  NnsNfTable *t = &st->tables[table];
  if (chain) {
    NnsNfChain *c = chain_or_error(st, table, chain, error);
    if (!c)
      return FALSE;
    /* iptables-nft makes the table and a named built-in chain to flush it
     * (recorded); flushing every chain makes nothing. */
    chain_clear_rules(c);
    c->present = TRUE;
    t->exists = TRUE;
    ct_users_refresh(st);
    return TRUE;
  }
  /* nf_tables flushes the whole table: its foreign chains too (recorded). */
  for (guint i = 0; i < table_n_chains(t); i++)
    chain_clear_rules(table_chain(t, i));
  ct_users_refresh(st);
  return TRUE;
}

static void
chain_zero(NnsNfChain *c)
{
  /* Zeroing sends counters, so a present base chain counts from now on. */
  if (c->present)
    c->stats = TRUE;
  c->packets = c->bytes = 0;
  for (guint i = 0; i < c->rules->len; i++) {
    NnsNfEntry *e = c->rules->pdata[i];
    e->rule.packets = e->rule.bytes = 0;
  }
}

gboolean
nns_nf_chain_zero(NnsNfState *st, NnsNfTableId table, const char *chain, guint num, GError **error)
{
  NnsNfTable *t = &st->tables[table];
  if (!chain) {
    for (guint i = 0; i < table_n_chains(t); i++)
      chain_zero(table_chain(t, i));
    return TRUE;
  }
  NnsNfChain *c = chain_or_error(st, table, chain, error);
  if (!c)
    return FALSE;
  /* Recorded: zeroing a built-in chain nf_tables does not have, or a rule
   * in it, fails (ENOENT); a rule number past the end of a chain it has
   * quietly does nothing. */
  if (!c->present) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  if (num == 0) {
    chain_zero(c);
    return TRUE;
  }
  if (num <= c->rules->len) {
    NnsNfEntry *e = c->rules->pdata[num - 1];
    e->rule.packets = e->rule.bytes = 0;
  }
  return TRUE;
}

gboolean
nns_nf_chain_new(NnsNfState *st, NnsNfTableId table, const char *name, GError **error)
{
  NnsNfTable *t = &st->tables[table];
  if (nns_nf_chain_find(st, table, name)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  if (foreign_taken(t, name, error))
    return FALSE;
  g_ptr_array_add(t->chains, chain_new(name));
  g_ptr_array_sort(t->chains, chain_order);
  t->exists = TRUE;
  return TRUE;
}

static gboolean
chain_deletable(NnsNfChain *c, GError **error)
{
  if (c->builtin || c->refs || c->rules->len) {
    g_set_error(error, NNS_ERROR, EBUSY, "%s", c->name);
    return FALSE;
  }
  return TRUE;
}

/* iptables-nft 1.8.9 deletes a base chain on -X when it has no rules
 * and an ACCEPT policy; with it go its counters. */
static void
builtin_unmake(NnsNfChain *c)
{
  c->present = c->stats = FALSE;
  c->packets = c->bytes = 0;
}

static gboolean
builtin_delete(NnsNfChain *c, GError **error)
{
  if (!c->present) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  if (c->rules->len) {
    g_set_error(error, NNS_ERROR, EBUSY, "%s", c->name);
    return FALSE;
  }
  if (c->policy != NNS_NF_ACCEPT) {
    nns_set_errno(error, ENOTEMPTY);
    return FALSE;
  }
  builtin_unmake(c);
  return TRUE;
}

gboolean
nns_nf_chain_delete(NnsNfState *st, NnsNfTableId table, const char *name, GError **error)
{
  NnsNfTable *t = &st->tables[table];
  if (name) {
    NnsNfChain *c = chain_or_error(st, table, name, error);
    if (c && c->builtin) {
      gboolean ok = builtin_delete(c, error);
      ct_users_refresh(st);           /* a nat chain may have gone */
      return ok;
    }
    if (!c || !chain_deletable(c, error))
      return FALSE;
    g_ptr_array_remove(t->chains, c);
    chain_free(c);
    ct_users_refresh(st);
    return TRUE;
  }
  for (guint i = 0; i < t->chains->len; i++) {
    NnsNfChain *c = t->chains->pdata[i];
    if (!c->builtin && !chain_deletable(c, error))
      return FALSE;
  }
  for (guint i = t->chains->len; i-- > 0;) {
    NnsNfChain *c = t->chains->pdata[i];
    if (!c->builtin) {
      g_ptr_array_remove_index(t->chains, i);
      chain_free(c);
    } else if (c->present && c->rules->len == 0 && c->policy == NNS_NF_ACCEPT) {
      builtin_unmake(c);
    }
  }
  ct_users_refresh(st);
  return TRUE;
}

/* -E of a built-in chain nf_tables has: the chain, with its hook, policy,
 * rules and counters, turns foreign; a built-in chain nf_tables does not
 * have takes its place in iptables' view. */
static void
builtin_rename(NnsNfTable *t, NnsNfChain *c, const char *to)
{
  g_ptr_array_remove(t->chains, c);
  g_strlcpy(c->name, to, sizeof c->name);
  g_ptr_array_add(t->foreign, c);
  NnsNfChain *fresh = chain_new(hook_names[c->hook]);
  fresh->builtin = TRUE;
  fresh->present = FALSE;
  fresh->hook = c->hook;
  fresh->policy = NNS_NF_ACCEPT;
  t->hooks[c->hook] = fresh;
  g_ptr_array_add(t->chains, fresh);
}

gboolean
nns_nf_chain_rename(NnsNfState *st, NnsNfTableId table, const char *from, const char *to,
                    GError **error)
{
  NnsNfTable *t = &st->tables[table];
  if (nns_nf_chain_find(st, table, to)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  NnsNfChain *c = chain_or_error(st, table, from, error);
  if (!c)
    return FALSE;
  if (c->builtin && !c->present) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  if (foreign_taken(t, to, error))
    return FALSE;
  if (c->builtin) {
    builtin_rename(t, c, to);
  } else {
    g_strlcpy(c->name, to, sizeof c->name);
    /* Rules name their jump by chain name: keep them in step. */
    for (guint i = 0; i < table_n_chains(t); i++) {
      NnsNfChain *o = table_chain(t, i);
      for (guint j = 0; j < o->rules->len; j++) {
        NnsNfEntry *e = o->rules->pdata[j];
        if (e->jump == c)
          g_strlcpy(e->rule.target.chain, to, sizeof e->rule.target.chain);
      }
    }
  }
  g_ptr_array_sort(t->chains, chain_order);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Dumps and whole-table replacement.                                  */

NnsNfTableRecord *
nns_nf_table_dump(NnsNfState *st, NnsNfTableId table)
{
  NnsNfTable *t = &st->tables[table];
  NnsNfTableRecord *rec = nns_nf_table_record_new(table);
  rec->exists = t->exists;
  rec->incompatible = t->foreign->len > 0;
  for (guint i = 0; i < t->chains->len; i++) {
    NnsNfChain *c = t->chains->pdata[i];
    NnsNfChainRecord *cr = nns_nf_chain_record_new(c->name);
    cr->builtin = c->builtin;
    cr->hook = c->hook;
    cr->policy = c->policy;
    cr->present = c->present;
    cr->stats = c->stats;
    cr->packets = c->packets;
    cr->bytes = c->bytes;
    cr->refs = c->refs;
    for (guint j = 0; j < c->rules->len; j++)
      g_array_append_val(cr->rules, ((NnsNfEntry *) c->rules->pdata[j])->rule);
    g_ptr_array_add(rec->chains, cr);
  }
  return rec;
}

/* Build a table from a record into `out`; FALSE (and nothing built) when
 * a jump names a missing chain or the result is invalid. */
static gboolean
table_build(NnsNfState *st, const NnsNfTableRecord *rec, NnsNfTable *out, GError **error)
{
  table_init(out, rec->table);
  out->exists = rec->exists;
  for (guint i = 0; i < rec->chains->len; i++) {
    NnsNfChainRecord *cr = rec->chains->pdata[i];
    NnsNfChain *c = NULL;
    for (guint j = 0; j < out->chains->len && !c; j++)
      if (g_str_equal(((NnsNfChain *) out->chains->pdata[j])->name, cr->name))
        c = out->chains->pdata[j];
    if (c && c->builtin) {
      c->policy = cr->policy;
      c->present = cr->present;
      c->stats = cr->stats;
      c->packets = cr->packets;
      c->bytes = cr->bytes;
    } else if (!c) {
      g_ptr_array_add(out->chains, chain_new(cr->name));
    }
  }
  g_ptr_array_sort(out->chains, chain_order);
  /* The evaluator resolves jumps in the table being built: swap it in. */
  NnsNfTable saved = st->tables[rec->table];
  st->tables[rec->table] = *out;
  gboolean ok = TRUE;
  for (guint i = 0; i < rec->chains->len && ok; i++) {
    NnsNfChainRecord *cr = rec->chains->pdata[i];
    NnsNfChain *c = nns_nf_chain_find(st, rec->table, cr->name);
    for (guint j = 0; j < cr->rules->len && ok; j++) {
      NnsNfEntry *e = entry_new(st, rec->table, &g_array_index(cr->rules, NnsNfRule, j), error);
      if (e)
        g_ptr_array_add(c->rules, e);
      ok = e != NULL;
    }
    if (c->rules->len)
      c->present = TRUE;
  }
  ok = ok && table_validate(&st->tables[rec->table], error);
  *out = st->tables[rec->table];
  st->tables[rec->table] = saved;
  if (!ok)
    table_clear(out);
  return ok;
}

gboolean
nns_nf_table_replace(NnsNfState *st, const NnsNfTableRecord *rec, GError **error)
{
  NnsNfTable fresh = { 0 };
  if (!table_build(st, rec, &fresh, error))
    return FALSE;
  table_clear(&st->tables[rec->table]);
  st->tables[rec->table] = fresh;
  ct_users_refresh(st);
  return TRUE;
}
