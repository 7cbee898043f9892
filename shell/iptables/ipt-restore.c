/* `iptables-restore [-n] [-t] [-c] [FILE]` (and ip6tables-restore): tables between "*TABLE" and
 * "COMMIT", each committed whole or not at all.  Commands of a block are
 * applied as they come, with a snapshot of the table taken at "*TABLE"
 * put back if the block fails or only tests (-t). */
#include "shell/iptables/ipt.h"
#include "shell/tools/tools.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  NnsShell *sh;
  int pid;
  NnsIo *io;
  int family;                         /* AF_INET: iptables-restore; AF_INET6: ip6tables-restore */
  const char *name;
  gboolean noflush, test, counters;
  gboolean in_table;
  NnsNfTableId table;
  NnsNfTableRecord *snapshot;
  char *deferred;                     /* a jump to a missing chain: nf_tables finds it at COMMIT */
} Restore;

static void
rollback(Restore *r)
{
  if (!r->snapshot)
    return;
  NnsBackend *be = r->sh->backend;
  be->ops->nf_table_replace(be, r->pid, r->snapshot, NULL);
  nns_nf_table_record_free(r->snapshot);
  r->snapshot = NULL;
}

static int
param_error(Restore *r, guint line, const char *text)
{
  nns_err(r->io, "%s " NNS_IPT_VERSION ": %s\nError occurred at line: %u\n", r->name, text, line);
  nns_err(r->io, "Try `%s -h' or '%s --help' for more information.\n", r->name, r->name);
  return 2;
}

static int
begin_table(Restore *r, guint line, const char *name)
{
  if (!nns_nf_table_by_name_family(name, r->family, &r->table)) {
    g_autofree char *text = g_strdup_printf("%s: line %u table name '%s' invalid", r->name, line, name);
    return param_error(r, line, text);
  }
  NnsBackend *be = r->sh->backend;
  r->snapshot = be->ops->nf_table_dump(be, r->pid, r->table, NULL);
  r->in_table = TRUE;
  if (!r->noflush) {
    /* nf_tables restore deletes the table and builds it anew. */
    g_autoptr(NnsNfTableRecord) fresh = nns_nf_table_record_new(r->table);
    fresh->exists = TRUE;
    be->ops->nf_table_replace(be, r->pid, fresh, NULL);
  } else {
    g_autoptr(NnsNfTableRecord) t = be->ops->nf_table_dump(be, r->pid, r->table, NULL);
    t->exists = TRUE;
    be->ops->nf_table_replace(be, r->pid, t, NULL);
  }
  return 0;
}

/* -c: the policy's counters from the chain line (the chain has just been
 * given counters by its policy, so it counts from these on). */
static void
set_chain_counters(Restore *r, const char *chain, guint64 packets, guint64 bytes)
{
  NnsBackend *be = r->sh->backend;
  g_autoptr(NnsNfTableRecord) t = be->ops->nf_table_dump(be, r->pid, r->table, NULL);
  for (guint i = 0; i < t->chains->len; i++) {
    NnsNfChainRecord *c = t->chains->pdata[i];
    if (g_str_equal(c->name, chain)) {
      c->packets = packets;
      c->bytes = bytes;
    }
  }
  be->ops->nf_table_replace(be, r->pid, t, NULL);
}

/* ":CHAIN POLICY [PACKETS:BYTES]" */
static int
chain_line(Restore *r, guint line, const char *text)
{
  g_auto(GStrv) f = g_strsplit_set(text + 1, " \t", -1);
  const char *chain = f[0], *policy = f[0] ? f[1] : NULL;
  NnsBackend *be = r->sh->backend;
  if (!chain || !*chain || !policy) {
    nns_err(r->io, "%s: line %u failed\n", r->name, line);
    return 1;
  }
  g_autoptr(NnsNfTableRecord) t = be->ops->nf_table_dump(be, r->pid, r->table, NULL);
  gboolean builtin = FALSE, exists = FALSE;
  for (guint i = 0; i < t->chains->len; i++) {
    NnsNfChainRecord *c = t->chains->pdata[i];
    if (g_str_equal(c->name, chain)) {
      exists = TRUE;
      builtin = c->builtin;
    }
  }
  if (builtin) {
    if (g_str_equal(policy, "-"))
      return 0;
    gboolean drop = g_str_equal(policy, "DROP");
    if (!drop && !g_str_equal(policy, "ACCEPT")) {
      nns_err(r->io, "%s: line %u failed: Bad policy name.\n", r->name, line);
      return 1;
    }
    be->ops->nf_chain_policy(be, r->pid, r->table, chain, drop ? NNS_NF_DROP : NNS_NF_ACCEPT, NULL);
    guint64 packets, bytes;
    if (r->counters && f[2] && sscanf(f[2], "[%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "]", &packets, &bytes) == 2)
      set_chain_counters(r, chain, packets, bytes);
    return 0;
  }
  if (exists)
    be->ops->nf_chain_flush(be, r->pid, r->table, chain, NULL);
  else
    be->ops->nf_chain_new(be, r->pid, r->table, chain, NULL);
  return 0;
}

static int
command_line(Restore *r, guint line, const char *text)
{
  g_auto(GStrv) words = NULL;
  if (!g_shell_parse_argv(text, NULL, &words, NULL)) {
    nns_err(r->io, "%s: line %u failed\n", r->name, line);
    return 1;
  }
  /* "[PACKETS:BYTES] -A ..." with -c. */
  guint skip = words[0][0] == '[' ? 1 : 0;
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *) nns_ipt_prog(r->family));
  for (guint i = skip; words[i]; i++)
    g_ptr_array_add(argv, words[i]);
  g_ptr_array_add(argv, (char *) "-t");
  g_ptr_array_add(argv, (char *) nns_nf_table_name(r->table));
  NnsIptCmd cmd;
  NnsIptError err = { 0 };
  int status = 0;
  if (!nns_ipt_parse_family(argv->len, (char **) argv->pdata, r->family, &cmd, &err) ||
      !nns_ipt_execute(r->sh, r->pid, &cmd, r->io, &err)) {
    status = err.status;
    if (err.kind == NNS_IPT_ERR_PARAM && g_str_has_prefix(err.text, "Chain '") && !r->deferred) {
      /* The chain may still come later in the block: the batch decides. */
      r->deferred = g_strdup(err.text);
      status = 0;
    } else if (err.kind == NNS_IPT_ERR_PARAM)
      param_error(r, line, err.text);
    else if (err.kind == NNS_IPT_ERR_RESULT)
      nns_err(r->io, "%s: line %u failed: %s.\n", r->name, line, err.text);
    else
      nns_err(r->io, "%s: line %u failed:%s\n", r->name, line, err.text);
  }
  nns_ipt_cmd_clear(&cmd);
  nns_ipt_error_clear(&err);
  g_ptr_array_unref(argv);
  return status;
}

static int
restore_text(Restore *r, const char *data)
{
  g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
  guint n = g_strv_length(lines);
  if (n && !*lines[n - 1])
    n--;                              /* the final newline ends the last line */
  for (guint i = 0; i < n; i++) {
    guint line = i + 1;
    g_autofree char *text = g_strstrip(g_strdup(lines[i]));
    int rc = 0;
    if (!*text || text[0] == '#')
      continue;
    if (g_str_equal(text, "COMMIT")) {
      if (!r->in_table) {
        nns_err(r->io, "%s: line %u failed\n", r->name, line);
        return 1;
      }
      if (r->deferred) {
        param_error(r, line, r->deferred);
        g_clear_pointer(&r->deferred, g_free);
        rollback(r);
        return 2;
      }
      if (r->test)
        rollback(r);
      nns_nf_table_record_free(r->snapshot);
      r->snapshot = NULL;
      r->in_table = FALSE;
      continue;
    }
    if (text[0] == '*') {
      if (r->in_table) {
        nns_err(r->io, "%s: line %u failed\n", r->name, line);
        rc = 1;
      } else {
        rc = begin_table(r, line, text + 1);
      }
    } else if (!r->in_table) {
      nns_err(r->io, "%s: line %u failed\n", r->name, line);
      return 1;
    } else if (text[0] == ':') {
      rc = chain_line(r, line, text);
    } else {
      rc = command_line(r, line, text);
    }
    if (rc) {
      rollback(r);
      return rc;
    }
  }
  if (r->in_table) {
    rollback(r);
    nns_err(r->io, "%s: COMMIT expected at line %u\n", r->name, n + 1);
    return 1;
  }
  return 0;
}

static int
restore_main(NnsShell *sh, int pid, int family, int argc, char **argv, NnsIo *io)
{
  Restore r = { .sh = sh, .pid = pid, .io = io, .family = family,
                .name = family == AF_INET6 ? "ip6tables-restore" : "iptables-restore" };
  if (!sh->backend->ops->nf_table_replace) {
    nns_err(io, "%s " NNS_IPT_VERSION ": Could not fetch rule set generation id: Invalid argument\n", r.name);
    return 1;
  }
  const char *file = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (g_str_equal(a, "-n") || g_str_equal(a, "--noflush"))
      r.noflush = TRUE;
    else if (g_str_equal(a, "-t") || g_str_equal(a, "--test"))
      r.test = TRUE;
    else if (g_str_equal(a, "-c") || g_str_equal(a, "--counters"))
      r.counters = TRUE;
    else if (g_str_equal(a, "-v") || g_str_equal(a, "--verbose") || g_str_equal(a, "-w"))
      continue;
    else if (a[0] == '-' && a[1]) {
      nns_err(io, "%s: unrecognized option '%s'\n", r.name, a);
      return 1;
    } else if (!file)
      file = a;
  }
  g_autoptr(GString) data = g_string_new(NULL);
  if (file && !g_str_equal(file, "-")) {
    int rc = nns_fs_read(sh, pid, file, data);
    if (rc) {
      nns_err(io, "Can't open %s: %s\n", file, g_strerror(rc));
      return 1;
    }
  } else if (io->in) {
    g_string_append_len(data, io->in, io->in_len);
  }
  int rc = restore_text(&r, data->str);
  g_free(r.deferred);
  nns_nf_table_record_free(r.snapshot);
  return rc;
}

int
nns_cmd_iptables_restore(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  return restore_main(sh, pid, AF_INET, argc, argv, io);
}

int
nns_cmd_ip6tables_restore(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  return restore_main(sh, pid, AF_INET6, argc, argv, io);
}
