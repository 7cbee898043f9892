/* One parsed iptables command run against the backend, with the checks
 * iptables-nft makes on its cache first and its wording of every error. */
#include "shell/iptables/ipt.h"

#include <errno.h>
#include <string.h>

static gboolean G_GNUC_PRINTF(4, 5)
set_err(NnsIptError *err, NnsIptErrKind kind, int status, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_free(err->text);
  err->text = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  err->kind = kind;
  err->status = status;
  return FALSE;
}

void
nns_ipt_error_print(GString *out, const char *prog, const NnsIptError *err)
{
  switch (err->kind) {
  case NNS_IPT_ERR_PARAM:
    g_string_append_printf(out, "%s " NNS_IPT_VERSION ": %s\n", prog, err->text);
    g_string_append_printf(out, "Try `%s -h' or '%s --help' for more information.\n", prog, prog);
    break;
  case NNS_IPT_ERR_BARE_PARAM:
    g_string_append_printf(out, "%s\n", err->text);
    g_string_append_printf(out, "Try `%s -h' or '%s --help' for more information.\n", prog, prog);
    break;
  case NNS_IPT_ERR_OTHER:
    g_string_append_printf(out, "%s " NNS_IPT_VERSION ": %s\n", prog, err->text);
    break;
  case NNS_IPT_ERR_RESULT:
    g_string_append_printf(out, "%s: %s.\n", prog, err->text);
    break;
  }
}

static const NnsNfChainRecord *
find_chain(const NnsNfTableRecord *t, const char *name)
{
  for (guint i = 0; i < t->chains->len; i++) {
    const NnsNfChainRecord *c = t->chains->pdata[i];
    if (g_str_equal(c->name, name))
      return c;
  }
  return NULL;
}

static gboolean
no_chain(NnsIptError *err)
{
  return set_err(err, NNS_IPT_ERR_RESULT, 1, "No chain/target/match by that name");
}

/* A failed nf_tables batch: "  RULE_APPEND failed (Too many links): rule in chain X". */
static gboolean
batch_error(NnsIptError *err, const char *what, int code, const char *obj, const char *chain)
{
  return set_err(err, NNS_IPT_ERR_OTHER, 4, " %s failed (%s): %s %s", what, g_strerror(code), obj, chain);
}

static guint
format_of(const NnsIptCmd *cmd)
{
  guint fmt = 0;
  if (!cmd->exact)
    fmt |= NNS_IPT_FMT_KMG;
  if (cmd->verbose)
    fmt |= NNS_IPT_FMT_VIA;
  else
    fmt |= NNS_IPT_FMT_NOCOUNTS;
  if (cmd->numeric)
    fmt |= NNS_IPT_FMT_NUMERIC;
  if (cmd->line_numbers)
    fmt |= NNS_IPT_FMT_LINENUM;
  return fmt;
}

static gboolean
incompatible(const NnsIptCmd *cmd, NnsIptError *err)
{
  return set_err(err, NNS_IPT_ERR_OTHER, 1, "chain `%s' in table `%s' is incompatible, use 'nft' tool.",
                 cmd->chain, cmd->table_name);
}

void
nns_ipt_print_incompatible(GString *out, const NnsNfTableRecord *t)
{
  if (t->incompatible)
    g_string_append_printf(out, "# Table `%s' contains incompatible base-chains, use 'nft' tool to list them.\n",
                           nns_nf_table_name(t->table));
}

static gboolean
do_list(const NnsIptCmd *cmd, const NnsNfTableRecord *t, NnsIo *io, NnsIptError *err)
{
  if (cmd->chain && !find_chain(t, cmd->chain))
    return incompatible(cmd, err);
  if (!cmd->chain)
    nns_ipt_print_incompatible(io->out, t);
  guint fmt = format_of(cmd);
  gboolean first = TRUE;
  for (guint i = 0; i < t->chains->len; i++) {
    const NnsNfChainRecord *c = t->chains->pdata[i];
    if (cmd->chain && !g_str_equal(c->name, cmd->chain))
      continue;
    if (cmd->rulenum) {
      if (cmd->rulenum <= c->rules->len)
        nns_ipt_print_rule(io->out, &g_array_index(c->rules, NnsNfRule, cmd->rulenum - 1), cmd->rulenum, fmt);
      continue;
    }
    if (!first)
      g_string_append_c(io->out, '\n');
    first = FALSE;
    nns_ipt_print_header(io->out, c, fmt);
    for (guint j = 0; j < c->rules->len; j++)
      nns_ipt_print_rule(io->out, &g_array_index(c->rules, NnsNfRule, j), j + 1, fmt);
  }
  return TRUE;
}

static void
save_chain_rules(GString *out, const NnsNfChainRecord *c, guint only, gboolean counters)
{
  for (guint j = 0; j < c->rules->len; j++) {
    if (only && j + 1 != only)
      continue;
    const NnsNfRule *r = &g_array_index(c->rules, NnsNfRule, j);
    if (counters)
      g_string_append_printf(out, "[%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "] ", r->packets, r->bytes);
    g_string_append_printf(out, "-A %s", c->name);
    nns_ipt_save_rule(out, r);
    g_string_append_c(out, '\n');
  }
}

static gboolean
do_list_rules(const NnsIptCmd *cmd, const NnsNfTableRecord *t, NnsIo *io, NnsIptError *err)
{
  if (cmd->chain && !find_chain(t, cmd->chain))
    return incompatible(cmd, err);
  if (!cmd->chain)
    nns_ipt_print_incompatible(io->out, t);
  for (guint i = 0; i < t->chains->len && !cmd->rulenum; i++) {
    const NnsNfChainRecord *c = t->chains->pdata[i];
    if (cmd->chain && !g_str_equal(c->name, cmd->chain))
      continue;
    if (c->builtin)
      g_string_append_printf(io->out, "-P %s %s", c->name, c->policy == NNS_NF_DROP ? "DROP" : "ACCEPT");
    else
      g_string_append_printf(io->out, "-N %s", c->name);
    if (cmd->verbose && c->builtin)
      g_string_append_printf(io->out, " -c %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, c->packets, c->bytes);
    g_string_append_c(io->out, '\n');
  }
  for (guint i = 0; i < t->chains->len; i++) {
    const NnsNfChainRecord *c = t->chains->pdata[i];
    if (cmd->chain && !g_str_equal(c->name, cmd->chain))
      continue;
    save_chain_rules(io->out, c, cmd->rulenum, FALSE);
  }
  return TRUE;
}

/* One rule per -s/-d pair, as iptables expands address lists. */
static GArray *
expand_rules(const NnsIptCmd *cmd)
{
  GArray *rules = g_array_new(FALSE, TRUE, sizeof(NnsNfRule));
  guint ns = MAX(cmd->n_src, 1), nd = MAX(cmd->n_dst, 1);
  for (guint s = 0; s < ns; s++)
    for (guint d = 0; d < nd; d++) {
      NnsNfRule r;
      nns_ipt_cmd_rule(cmd, s, d, &r);
      g_array_append_val(rules, r);
    }
  return rules;
}

static gboolean
do_rule(NnsBackend *be, int pid, const NnsIptCmd *cmd, const NnsNfTableRecord *t, NnsIptError *err)
{
  const NnsNfRule *r0 = &cmd->rule;
  if (r0->target.kind == NNS_NF_TARGET_JUMP) {
    const NnsNfChainRecord *j = find_chain(t, r0->target.chain);
    if (!j)
      return set_err(err, NNS_IPT_ERR_PARAM, 2, "Chain '%s' does not exist", r0->target.chain);
  }
  const NnsNfChainRecord *c = find_chain(t, cmd->chain);
  if (!c)
    return no_chain(err);
  /* A built-in chain nf_tables does not have yet has no rule number
   * (recorded). */
  if (!c->present && (cmd->command & (NNS_IPT_REPLACE | NNS_IPT_DELETE)) && cmd->rulenum)
    return no_chain(err);
  g_autoptr(GArray) rules = expand_rules(cmd);
  guint cm = cmd->command;
  for (guint k = 0; k < rules->len; k++) {
    const NnsNfRule *r = &g_array_index(rules, NnsNfRule, k);
    g_autoptr(GError) e = NULL;
    gboolean ok = TRUE;
    const char *what = "RULE_APPEND";
    if (cm & NNS_IPT_APPEND) {
      ok = be->ops->nf_rule_add(be, pid, cmd->table, cmd->chain, 0, r, &e);
    } else if (cm & NNS_IPT_INSERT) {
      what = "RULE_INSERT";
      ok = be->ops->nf_rule_add(be, pid, cmd->table, cmd->chain, (cmd->rulenum ? cmd->rulenum : 1) + k, r, &e);
      if (!ok && e->code == E2BIG)
        return set_err(err, NNS_IPT_ERR_RESULT, 1, "Index of insertion too big");
    } else if (cm & NNS_IPT_REPLACE) {
      what = "RULE_REPLACE";
      ok = be->ops->nf_rule_replace(be, pid, cmd->table, cmd->chain, cmd->rulenum, r, &e);
      if (!ok && e->code == E2BIG)
        return set_err(err, NNS_IPT_ERR_RESULT, 1, "Index of replacement too big");
    } else if (cm & NNS_IPT_DELETE) {
      what = "RULE_DELETE";
      ok = be->ops->nf_rule_delete(be, pid, cmd->table, cmd->chain, cmd->rulenum, r, &e);
      if (!ok && e->code == E2BIG)
        return set_err(err, NNS_IPT_ERR_RESULT, 1, "Index of deletion too big");
      if (!ok && e->code == ENOENT)
        return set_err(err, NNS_IPT_ERR_RESULT, 1, "Bad rule (does a matching rule exist in that chain?)");
      if (cmd->rulenum)
        break;
    } else if (cm & NNS_IPT_CHECK) {
      gboolean found = FALSE;
      for (guint j = 0; j < c->rules->len && !found; j++)
        found = nns_nf_rule_equal(&g_array_index(c->rules, NnsNfRule, j), r);
      if (!found)
        return set_err(err, NNS_IPT_ERR_RESULT, 1, "Bad rule (does a matching rule exist in that chain?)");
    }
    if (!ok && e->code == ENOENT)
      return no_chain(err);
    if (!ok)
      return batch_error(err, what, e->code, "rule in chain", cmd->chain);
  }
  return TRUE;
}

static gboolean
do_chain_cmd(NnsBackend *be, int pid, const NnsIptCmd *cmd, const NnsNfTableRecord *t, NnsIo *io,
             NnsIptError *err)
{
  g_autoptr(GError) e = NULL;
  guint cm = cmd->command;
  /* iptables' cache: -E looks for the new name first (recorded). */
  if ((cm & NNS_IPT_RENAME) && find_chain(t, cmd->arg2))
    return set_err(err, NNS_IPT_ERR_RESULT, 1, "File exists");
  if (cm & (NNS_IPT_FLUSH | NNS_IPT_ZERO | NNS_IPT_DELETE_CHAIN | NNS_IPT_RENAME)) {
    if (cmd->chain && !find_chain(t, cmd->chain))
      return no_chain(err);
  }
  if (cm & NNS_IPT_FLUSH) {
    be->ops->nf_chain_flush(be, pid, cmd->table, cmd->chain, &e);
  } else if (cm & NNS_IPT_ZERO) {
    if (!be->ops->nf_chain_zero(be, pid, cmd->table, cmd->chain, cmd->rulenum, &e)) {
      if (!cmd->rulenum)
        return no_chain(err);         /* a built-in chain nf_tables does not have */
      return set_err(err, NNS_IPT_ERR_RESULT, 1, "Bad rule (does a matching rule exist in that chain?)");
    }
    if ((cm & NNS_IPT_LIST) && !cmd->chain)
      for (guint i = 0; i < t->chains->len; i++)
        g_string_append_printf(io->out, "Zeroing chain `%s'\n", ((NnsNfChainRecord *) t->chains->pdata[i])->name);
  } else if (cm & NNS_IPT_NEW_CHAIN) {
    if (!be->ops->nf_chain_new(be, pid, cmd->table, cmd->chain, &e)) {
      /* A name nf_tables has but iptables does not list (a built-in
       * chain renamed): the batch fails. */
      if (e->code == EEXIST && e->message[0])
        return batch_error(err, "CHAIN_USER_ADD", EEXIST, "chain", e->message);
      return set_err(err, NNS_IPT_ERR_RESULT, 1, "Chain already exists");
    }
  } else if (cm & NNS_IPT_DELETE_CHAIN) {
    if (!be->ops->nf_chain_delete(be, pid, cmd->table, cmd->chain, &e)) {
      if (e->code == EBUSY)
        return batch_error(err, "CHAIN_DEL", EBUSY, "chain", e->message[0] ? e->message : cmd->chain);
      if (e->code == ENOTEMPTY)       /* a built-in chain with a DROP policy */
        return set_err(err, NNS_IPT_ERR_RESULT, 1, "Directory not empty");
      return no_chain(err);
    }
  } else if (cm & NNS_IPT_RENAME) {
    const NnsNfChainRecord *c = find_chain(t, cmd->chain);
    if (c && !c->present)
      return no_chain(err);           /* recorded for a built-in chain nf_tables does not have */
    if (!be->ops->nf_chain_rename(be, pid, cmd->table, cmd->chain, cmd->arg2, &e)) {
      if (e->code == EEXIST && e->message[0])
        return batch_error(err, "CHAIN_RENAME", EEXIST, "chain", e->message);
      if (e->code == ENOENT)
        return no_chain(err);
      return set_err(err, NNS_IPT_ERR_RESULT, 1, "%s", e->code == EEXIST ? "File exists" : g_strerror(e->code));
    }
  } else if (cm & NNS_IPT_POLICY) {
    const NnsNfChainRecord *c = find_chain(t, cmd->chain);
    if (!c || !c->builtin)
      return set_err(err, NNS_IPT_ERR_RESULT, 1, "Bad built-in chain name");
    gboolean accept = g_str_equal(cmd->arg2, "ACCEPT"), drop = g_str_equal(cmd->arg2, "DROP");
    if (!accept && !drop)
      return set_err(err, NNS_IPT_ERR_RESULT, 1, "Bad policy name. Run `dmesg' for more information");
    if (!be->ops->nf_chain_policy(be, pid, cmd->table, cmd->chain, drop ? NNS_NF_DROP : NNS_NF_ACCEPT, &e))
      return set_err(err, NNS_IPT_ERR_RESULT, 1, "Bad built-in chain name");
  }
  return TRUE;
}

gboolean
nns_ipt_execute(NnsShell *sh, int pid, NnsIptCmd *cmd, NnsIo *io, NnsIptError *err)
{
  NnsBackend *be = sh->backend;
  if (cmd->command & NNS_IPT_VERSION_CMD) {
    g_string_append_printf(io->out, "%s " NNS_IPT_VERSION "\n", nns_ipt_prog(cmd->family));
    return TRUE;
  }
  if (!cmd->table_known)
    return set_err(err, NNS_IPT_ERR_OTHER, 3,
                   "table '%s' does not exist\nPerhaps %s or your kernel needs to be upgraded.",
                   cmd->table_name, nns_ipt_prog(cmd->family));
  if (!be->ops->nf_table_dump)
    return set_err(err, NNS_IPT_ERR_OTHER, 1, "Could not fetch rule set generation id: Invalid argument");
  g_autoptr(GError) e = NULL;
  g_autoptr(NnsNfTableRecord) t = be->ops->nf_table_dump(be, pid, cmd->table, &e);
  if (!t)
    return set_err(err, NNS_IPT_ERR_OTHER, 1, "%s", g_strerror(e->code));
  guint cm = cmd->command;
  if (cm & (NNS_IPT_APPEND | NNS_IPT_INSERT | NNS_IPT_REPLACE | NNS_IPT_DELETE | NNS_IPT_CHECK))
    return do_rule(be, pid, cmd, t, err);
  if (cm & NNS_IPT_LIST) {
    if (!do_list(cmd, t, io, err))
      return FALSE;
    return !(cm & NNS_IPT_ZERO) || do_chain_cmd(be, pid, cmd, t, io, err);
  }
  if (cm & NNS_IPT_LIST_RULES)
    return do_list_rules(cmd, t, io, err);
  return do_chain_cmd(be, pid, cmd, t, io, err);
}
