/* Rules and tables in iptables' own text, for the kernel backend's
 * netfilter operations, which run the real iptables-nft: a rule goes out
 * as the arguments iptables-save writes for it, a table comes back as the
 * section iptables-save -c prints for it.  The words are made and read by
 * netnsim's iptables front end (shell/iptables: nns_ipt_save_rule and
 * nns_ipt_parse), so that one grammar serves both directions. */
#include "backends/kernel/kernel-private.h"
#include "core/netfilter/nf-state.h"
#include "lib/iptables/ipt-grammar.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

GPtrArray *
nns_kernel_nf_rule_words(const NnsNfRule *r)
{
  g_autoptr(GString) text = g_string_new(NULL);
  nns_ipt_rule_args(text, r);
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  g_auto(GStrv) words = NULL;
  /* iptables-save quotes as a shell does ("a \"b\""): the shell's rules
   * split it back into the words iptables was given. */
  if (text->len && g_shell_parse_argv(text->str, NULL, &words, NULL))
    for (guint i = 0; words[i]; i++)
      g_ptr_array_add(out, g_strdup(words[i]));
  if (r->packets || r->bytes) {
    g_ptr_array_add(out, g_strdup("-c"));
    g_ptr_array_add(out, g_strdup_printf("%" G_GUINT64_FORMAT, r->packets));
    g_ptr_array_add(out, g_strdup_printf("%" G_GUINT64_FORMAT, r->bytes));
  }
  return out;
}

static const char *const hook_chains[NNS_NF_N_HOOKS] = {
  "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING",
};

static NnsNfChainRecord *
find_chain(NnsNfTableRecord *t, const char *name)
{
  for (guint i = 0; i < t->chains->len; i++) {
    NnsNfChainRecord *c = t->chains->pdata[i];
    if (g_str_equal(c->name, name))
      return c;
  }
  return NULL;
}

static NnsNfChainRecord *
builtin_chain(NnsNfTableRecord *t, NnsNfHook hook)
{
  NnsNfChainRecord *c = find_chain(t, hook_chains[hook]);
  if (!c) {
    c = nns_nf_chain_record_new(hook_chains[hook]);
    g_ptr_array_add(t->chains, c);
  }
  c->builtin = TRUE;
  c->hook = hook;
  return c;
}

/* ":NAME POLICY [PACKETS:BYTES]"; POLICY "-" is a user chain. */
static void
chain_line(NnsNfTableRecord *t, const char *line)
{
  g_auto(GStrv) f = g_strsplit(line + 1, " ", 3);
  if (!f[0] || !f[1])
    return;
  NnsNfChainRecord *c = NULL;
  for (int h = 0; h < NNS_NF_N_HOOKS && !g_str_equal(f[1], "-"); h++)
    if (g_str_equal(f[0], hook_chains[h]) && nns_nf_table_has_hook(t->table, (NnsNfHook) h))
      c = builtin_chain(t, (NnsNfHook) h);
  if (!c) {
    c = nns_nf_chain_record_new(f[0]);
    c->present = TRUE;
    g_ptr_array_add(t->chains, c);
    return;
  }
  /* iptables-nft-save lists only the chains nf_tables has. */
  c->present = TRUE;
  c->policy = g_str_equal(f[1], "DROP") ? NNS_NF_DROP : NNS_NF_ACCEPT;
  if (f[2])
    sscanf(f[2], "[%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "]", &c->packets, &c->bytes);
}

/* "[PACKETS:BYTES] -A CHAIN WORDS..." read by the front end's parser. */
static gboolean
rule_line(NnsNfTableRecord *t, const char *line, GError **error)
{
  guint64 packets = 0, bytes = 0;
  if (line[0] == '[') {
    sscanf(line, "[%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "]", &packets, &bytes);
    line = strchr(line, ']');
    line = line ? line + 1 : "";
  }
  g_auto(GStrv) words = NULL;
  if (!g_shell_parse_argv(line, NULL, &words, NULL) || g_strv_length(words) < 2) {
    g_set_error(error, NNS_ERROR, EINVAL, "iptables-save: cannot read `%s'", line);
    return FALSE;
  }
  int family = nns_nf_table_family(t->table);
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *) nns_ipt_prog(family));
  for (guint i = 0; words[i]; i++)
    g_ptr_array_add(argv, words[i]);
  NnsIptCmd cmd;
  NnsIptError err = { 0 };
  gboolean ok = nns_ipt_parse_family((int) argv->len, (char **) argv->pdata, family, &cmd, &err);
  NnsNfChainRecord *c = ok && cmd.chain ? find_chain(t, cmd.chain) : NULL;
  if (!c) {
    g_set_error(error, NNS_ERROR, EINVAL, "iptables-save: cannot read `%s': %s", line,
                err.text ? err.text : "no such chain");
    nns_ipt_error_clear(&err);
    nns_ipt_cmd_clear(&cmd);
    return FALSE;
  }
  /* iptables-save writes one address per rule; the parser keeps -s/-d
   * lists aside (iptables expands them into one rule per pair). */
  NnsNfRule r;
  nns_ipt_cmd_rule(&cmd, 0, 0, &r);
  r.packets = packets;
  r.bytes = bytes;
  g_array_append_val(c->rules, r);
  nns_ipt_cmd_clear(&cmd);
  return TRUE;
}

static gint
chain_order(gconstpointer a, gconstpointer b)
{
  const NnsNfChainRecord *x = *(NnsNfChainRecord *const *) a, *y = *(NnsNfChainRecord *const *) b;
  if (x->builtin != y->builtin)
    return x->builtin ? -1 : 1;
  if (x->builtin)
    return (int) x->hook - (int) y->hook;
  return strcmp(x->name, y->name);
}

NnsNfTableRecord *
nns_kernel_nf_table_parse(const char *save, NnsNfTableId table, GError **error)
{
  g_autoptr(NnsNfTableRecord) t = nns_nf_table_record_new(table);
  g_autofree char *head = g_strdup_printf("*%s", nns_nf_table_name(table));
  g_autofree char *warning = g_strdup_printf("# Table `%s' contains incompatible base-chains", nns_nf_table_name(table));
  g_auto(GStrv) lines = g_strsplit(save, "\n", -1);
  gboolean inside = FALSE;
  for (guint i = 0; lines[i]; i++) {
    const char *l = lines[i];
    /* iptables-save's warning for base chains it cannot list. */
    t->incompatible |= g_str_has_prefix(l, warning);
    if (!inside) {
      inside = g_str_equal(l, head);
      /* nf_tables tables exist from their first write on: iptables-save
       * lists only those. */
      t->exists |= inside;
      continue;
    }
    if (g_str_equal(l, "COMMIT"))
      break;
    if (l[0] == ':')
      chain_line(t, l);
    else if ((l[0] == '[' || l[0] == '-') && !rule_line(t, l, error))
      return NULL;
  }
  /* A table that does not exist yet lists its built-in chains, empty,
   * as iptables-nft shows them. */
  for (int h = 0; h < NNS_NF_N_HOOKS; h++)
    if (nns_nf_table_has_hook(table, (NnsNfHook) h))
      builtin_chain(t, (NnsNfHook) h);
  for (guint i = 0; i < t->chains->len; i++) {
    NnsNfChainRecord *c = t->chains->pdata[i];
    for (guint j = 0; j < c->rules->len; j++) {
      const NnsNfRule *r = &g_array_index(c->rules, NnsNfRule, j);
      NnsNfChainRecord *to = r->target.kind == NNS_NF_TARGET_JUMP ? find_chain(t, r->target.chain) : NULL;
      if (to)
        to->refs++;
    }
  }
  g_ptr_array_sort(t->chains, chain_order);
  return g_steal_pointer(&t);
}

char *
nns_kernel_nf_table_text(const NnsNfTableRecord *t)
{
  GString *out = g_string_new(NULL);
  g_string_append_printf(out, "*%s\n", nns_nf_table_name(t->table));
  /* The built-in chains as the record has them (a restore builds the
   * table anew, with only the chains it names): one with counters is a
   * ":CHAIN POLICY [P:B]" line, which gives them; one without is made by
   * its first rule, or by "-F CHAIN" when it has none, neither of which
   * gives counters; one nf_tables has not got is left out. */
  g_autoptr(GString) bare = g_string_new(NULL);
  for (int h = 0; h < NNS_NF_N_HOOKS; h++) {
    if (!nns_nf_table_has_hook(t->table, (NnsNfHook) h))
      continue;
    const NnsNfChainRecord *c = find_chain((NnsNfTableRecord *) t, hook_chains[h]);
    if (!c || !c->present)
      continue;
    if (c->stats || c->policy != NNS_NF_ACCEPT)
      g_string_append_printf(out, ":%s %s [%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "]\n", hook_chains[h],
                             c->policy == NNS_NF_DROP ? "DROP" : "ACCEPT", c->packets, c->bytes);
    else if (!c->rules->len)
      g_string_append_printf(bare, "-F %s\n", hook_chains[h]);
  }
  for (guint i = 0; i < t->chains->len; i++) {
    const NnsNfChainRecord *c = t->chains->pdata[i];
    if (!c->builtin)
      g_string_append_printf(out, ":%s - [0:0]\n", c->name);
  }
  g_string_append(out, bare->str);
  for (guint i = 0; i < t->chains->len; i++) {
    const NnsNfChainRecord *c = t->chains->pdata[i];
    for (guint j = 0; j < c->rules->len; j++) {
      const NnsNfRule *r = &g_array_index(c->rules, NnsNfRule, j);
      g_string_append_printf(out, "[%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "] -A %s", r->packets, r->bytes,
                             c->name);
      nns_ipt_save_rule(out, r);
      g_string_append_c(out, '\n');
    }
  }
  g_string_append(out, "COMMIT\n");
  return g_string_free(out, FALSE);
}
