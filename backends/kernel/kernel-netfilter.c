/* The netfilter operations on the real kernel: each one runs the installed
 * iptables-nft (iptables, iptables-save, iptables-restore) inside the
 * caller's namespace, so that the rules the kernel holds are the ones
 * iptables itself made, in nf_tables' iptables-compatible form (why, and
 * the other routes, in docs/kernel-backend.md, "iptables").  Rules travel
 * as iptables' words (kernel-nf-text.c); failures come back as the errno
 * the operation's contract names, read from iptables' own message. */
#include "backends/kernel/kernel-private.h"
#include "core/netfilter/nf-state.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  int netns_fd;
  int input_fd;           /* -1, or a file to read as standard input */
} ChildSetup;

static void
enter_netns(gpointer data)
{
  /* In the child, before exec: the tool's sockets are the namespace's. */
  const ChildSetup *c = data;
  if (setns(c->netns_fd, CLONE_NEWNET) < 0)
    _exit(126);
  if (c->input_fd >= 0 && dup2(c->input_fd, 0) < 0)
    _exit(126);
}

/* Run PROG ARGS... in the namespace of `pid`, with `input` (or nothing) as
 * its standard input; its standard output in *out (when out is not NULL),
 * its error text in *err.  Returns the exit status, or -1 with `error` set
 * when it could not run. */
static int
run_tool(NnsBackend *be, int pid, const char *prog, GPtrArray *args, const char *input, char **out, char **err,
         GError **error)
{
  int fd = nns_kernel_pid_netns(nns_kernel(be), pid, error);
  if (fd < 0)
    return -1;
  g_autofree char *path = g_find_program_in_path(prog);
  if (!path) {
    /* Without iptables-nft there is nothing to run (docs/kernel-backend.md). */
    nns_set_extack(error, ENOENT, "");
    return -1;
  }
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, path);
  for (guint i = 0; args && i < args->len; i++)
    g_ptr_array_add(argv, args->pdata[i]);
  g_ptr_array_add(argv, NULL);
  const char *envp[] = { "LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
  ChildSetup setup = { fd, -1 };
  if (input) {
    /* An anonymous file in memory: nothing is written to a file system. */
    setup.input_fd = memfd_create("netnsim-iptables-restore", MFD_CLOEXEC);
    gsize len = strlen(input);
    if (setup.input_fd < 0 || write(setup.input_fd, input, len) != (ssize_t) len ||
        lseek(setup.input_fd, 0, SEEK_SET) < 0) {
      nns_set_errno(error, errno);
      if (setup.input_fd >= 0)
        close(setup.input_fd);
      return -1;
    }
  }
  g_autofree char *o = NULL, *e = NULL;
  int status = 0;
  gboolean ok = g_spawn_sync(NULL, (char **) argv->pdata, (char **) envp, G_SPAWN_DEFAULT, enter_netns, &setup,
                             &o, &e, &status, error);
  if (setup.input_fd >= 0)
    close(setup.input_fd);
  if (!ok)
    return -1;
  if (out)
    *out = g_steal_pointer(&o);
  if (err)
    *err = g_steal_pointer(&e);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* iptables' message, read back into the errno of the operation's contract
 * (backends/backend.h), which the front end words again as iptables does. */
static void
set_tool_error(GError **error, const char *text)
{
  static const struct {
    const char *message;
    int code;
  } known[] = {
    { "Index of insertion too big", E2BIG },
    { "Index of deletion too big", E2BIG },
    { "Index of replacement too big", E2BIG },
    { "Bad rule (does a matching rule exist in that chain?)", ENOENT },
    { "No chain/target/match by that name", ENOENT },
    { "Bad built-in chain name", ENOENT },
    { "Chain already exists", EEXIST },
    { "File exists", EEXIST },
  };
  g_autofree char *t = g_strstrip(g_strdup(text ? text : ""));
  /* A batch's message quotes strerror ("CHAIN_RENAME failed (File
   * exists): chain X"): it is read below, not as iptables' own words. */
  for (gsize i = 0; i < G_N_ELEMENTS(known) && !strstr(t, " failed ("); i++)
    if (strstr(t, known[i].message)) {
      nns_set_extack(error, known[i].code, "");
      return;
    }
  /* A failed nf_tables batch: " CHAIN_DEL failed (Device or resource
   * busy): chain NAME"; the name is the extack text (the front end prints
   * it, as iptables does, for -X without a chain). */
  const char *open = strstr(t, " failed (");
  const char *close = open ? strstr(open, "): ") : NULL;
  if (close) {
    g_autofree char *why = g_strndup(open + 9, (gsize) (close - open - 9));
    for (int code = 1; code < 134; code++)
      if (g_str_equal(why, g_strerror(code))) {
        const char *obj = close + 3;
        nns_set_extack(error, code, g_str_has_prefix(obj, "chain ") ? obj + 6 : "");
        return;
      }
  }
  /* nft_strerror's last resort: "iptables: STRERROR." of the errno. */
  gsize pre = g_str_has_prefix(t, "iptables: ") ? 10 : g_str_has_prefix(t, "ip6tables: ") ? 11 : 0;
  if (pre && g_str_has_suffix(t, ".")) {
    g_autofree char *why = g_strndup(t + pre, strlen(t) - pre - 1);
    for (int code = 1; code < 134; code++)
      if (g_str_equal(why, g_strerror(code))) {
        nns_set_extack(error, code, "");
        return;
      }
  }
  nns_set_extack(error, EINVAL, t);
}

/* iptables' or ip6tables' program for the table's family: "" the
 * command itself, "-save", "-restore". */
static const char *
tool(NnsNfTableId table, const char *suffix)
{
  gboolean v6 = nns_nf_table_family(table) == AF_INET6;
  if (g_str_equal(suffix, "-save"))
    return v6 ? "ip6tables-save" : "iptables-save";
  if (g_str_equal(suffix, "-restore"))
    return v6 ? "ip6tables-restore" : "iptables-restore";
  return v6 ? "ip6tables" : "iptables";
}

/* `iptables -t TABLE WORDS...` in the namespace of `pid`. */
static gboolean
iptables(NnsBackend *be, int pid, NnsNfTableId table, GPtrArray *words, GError **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(args, g_strdup("-t"));
  g_ptr_array_add(args, g_strdup(nns_nf_table_name(table)));
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add(args, g_strdup(words->pdata[i]));
  g_autofree char *err = NULL;
  /* A change: the next rtnetlink read gives the kernel its moment. */
  nns_kernel(be)->unsettled = TRUE;
  int status = run_tool(be, pid, tool(table, ""), args, NULL, NULL, &err, error);
  if (status < 0)
    return FALSE;
  if (status != 0) {
    set_tool_error(error, err);
    return FALSE;
  }
  return TRUE;
}

static GPtrArray *
words_new(const char *first, ...)
{
  GPtrArray *w = g_ptr_array_new_with_free_func(g_free);
  va_list ap;
  va_start(ap, first);
  for (const char *s = first; s; s = va_arg(ap, const char *))
    g_ptr_array_add(w, g_strdup(s));
  va_end(ap);
  return w;
}

static void
words_add_rule(GPtrArray *w, const NnsNfRule *r, gboolean counters)
{
  NnsNfRule copy = *r;
  if (!counters)
    copy.packets = copy.bytes = 0;
  g_autoptr(GPtrArray) more = nns_kernel_nf_rule_words(&copy);
  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add(w, g_strdup(more->pdata[i]));
}

static void
words_add_num(GPtrArray *w, guint num)
{
  g_ptr_array_add(w, g_strdup_printf("%u", num));
}

NnsNfTableRecord *
nns_kernel_nf_table_dump(NnsBackend *be, int pid, NnsNfTableId table, GError **error)
{
  g_autoptr(GPtrArray) args = words_new("-c", NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status = run_tool(be, pid, tool(table, "-save"), args, NULL, &out, &err, error);
  if (status < 0)
    return NULL;
  if (status != 0) {
    set_tool_error(error, err);
    return NULL;
  }
  g_autoptr(NnsNfTableRecord) t = nns_kernel_nf_table_parse(out, table, error);
  /* Which built-in chains the kernel has, and which count: from
   * nf_tables itself, since iptables-save lists them all alike. */
  if (!t || !nns_kernel_nft_builtin_chains(be, pid, t, error))
    return NULL;
  return g_steal_pointer(&t);
}

gboolean
nns_kernel_nf_rule_add(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint pos,
                       const NnsNfRule *rule, GError **error)
{
  g_autoptr(GPtrArray) w = words_new(pos ? "-I" : "-A", chain, NULL);
  if (pos)
    words_add_num(w, pos);
  words_add_rule(w, rule, TRUE);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_rule_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                          const NnsNfRule *spec, GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-D", chain, NULL);
  if (num)
    words_add_num(w, num);
  else
    words_add_rule(w, spec, FALSE);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_rule_replace(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                           const NnsNfRule *rule, GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-R", chain, NULL);
  words_add_num(w, num);
  words_add_rule(w, rule, TRUE);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_chain_policy(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, NnsNfVerdict policy,
                           GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-P", chain, policy == NNS_NF_DROP ? "DROP" : "ACCEPT", NULL);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_chain_flush(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-F", chain, NULL);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_chain_zero(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                         GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-Z", chain, NULL);
  if (chain && num)
    words_add_num(w, num);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_chain_new(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-N", chain, NULL);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_chain_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-X", chain, NULL);
  return iptables(be, pid, table, w, error);
}

gboolean
nns_kernel_nf_chain_rename(NnsBackend *be, int pid, NnsNfTableId table, const char *from, const char *to,
                           GError **error)
{
  g_autoptr(GPtrArray) w = words_new("-E", from, to, NULL);
  return iptables(be, pid, table, w, error);
}

/* iptables-restore's COMMIT: the table deleted and built anew from the
 * record (with its counters, -c).  A record of a table that does not
 * exist deletes it, which iptables cannot say: nft does. */
gboolean
nns_kernel_nf_table_replace(NnsBackend *be, int pid, const NnsNfTableRecord *content, GError **error)
{
  g_autofree char *err = NULL;
  int status;
  nns_kernel(be)->unsettled = TRUE;
  if (!content->exists) {
    const char *family = nns_nf_table_family(content->table) == AF_INET6 ? "ip6" : "ip";
    g_autoptr(GPtrArray) args = words_new("delete", "table", family, nns_nf_table_name(content->table), NULL);
    status = run_tool(be, pid, "nft", args, NULL, NULL, &err, error);
    /* ENOENT: it did not exist either. */
    return status >= 0;
  }
  g_autofree char *text = nns_kernel_nf_table_text(content);
  g_autoptr(GPtrArray) args = words_new("-c", NULL);
  status = run_tool(be, pid, tool(content->table, "-restore"), args, text, NULL, &err, error);
  if (status < 0)
    return FALSE;
  if (status != 0) {
    set_tool_error(error, err);
    return FALSE;
  }
  return TRUE;
}
