/* The replay runner: a document's steps run in order on a simulated
 * machine; each command's output, rendered by the active compatibility
 * profiles, is normalised beside the document's and compared; a verdict per
 * command, a unified diff per failure, "N passed, N failed" last. */
#include "shell/replay/replay.h"
#include "shell/replay/diff.h"
#include "shell/replay/directive.h"
#include "shell/replay/normalise.h"
#include "shell/replay/profile.h"
#include "shell/replay/update.h"
#include "backends/sim/sim-backend.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const NnsReplayOptions *opts;
  NnsReplayDoc *doc;
  GString *report;
  int world;
  guint32 seed;
  NnsBackend *be;
  NnsShell *sh;
  GPtrArray *profiles;        /* const NnsProfile* */
  guint64 clock_ms;           /* clock-per-command */
  GHashTable *aliases;        /* name -> replacement */
  int interrupt;              /* next command: ^C after N replies, -1 none */
  gboolean excerpt;           /* next command: the document shows a prefix */
  char **only_devices;        /* next command: the entries the document shows */
  NnsNormaliser *norm_doc, *norm_sim;
  GHashTable *actual;         /* NnsStep* -> GPtrArray* of lines, for --update */
  guint passed, failed;
} Run;

static void
machine_free(Run *r)
{
  g_clear_pointer(&r->sh, nns_shell_free);
  g_clear_pointer(&r->be, nns_backend_free);
}

/* The machine, made at its first use; FALSE (reported) when the chosen
 * backend cannot be had: never a silent fall-back to another one. */
static gboolean
machine_ensure(Run *r, const NnsStep *s)
{
  if (r->sh)
    return TRUE;
  if (r->opts->make_backend)
    r->be = r->opts->make_backend(r->world, r->seed, r->opts->backend_data);
  else
    r->be = nns_sim_backend_new((NnsWorldKind) r->world, r->seed);
  if (!r->be) {
    r->failed++;
    g_string_append_printf(r->report, "FAIL %s:%u  no machine: the backend cannot start\n",
                           r->doc->path, s->line);
    return FALSE;
  }
  r->sh = nns_shell_new(r->be);
  return TRUE;
}

static GPtrArray *
split_lines(const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
  g_auto(GStrv) parts = g_strsplit(text, "\n", -1);
  guint n = g_strv_length(parts);
  if (n && !*parts[n - 1])
    n--;                      /* the final newline */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(lines, g_strdup(parts[i]));
  return lines;
}

static void
fail_at(Run *r, const NnsStep *s, const char *what, const char *output)
{
  r->failed++;
  g_string_append_printf(r->report, "FAIL %s:%u  %s\n", r->doc->path, s->line, what);
  if (output && *output) {
    g_autoptr(GPtrArray) lines = split_lines(output);
    for (guint i = 0; i < lines->len; i++)
      g_string_append_printf(r->report, "    | %s\n", (char *) lines->pdata[i]);
  }
}

/* The command as the author's shell saw it: an alias replaces the first
 * word, as bash expands aliases. */
static char *
expand_alias(Run *r, const char *line)
{
  const char *p = line;
  while (*p == ' ' || *p == '\t')
    p++;
  const char *end = p;
  while (*end && !g_ascii_isspace(*end))
    end++;
  g_autofree char *word = g_strndup(p, (gsize) (end - p));
  const char *value = g_hash_table_lookup(r->aliases, word);
  if (!value)
    return g_strdup(line);
  return g_strconcat(value, end, NULL);
}

/* `interrupt N`: ping stopped by ^C after N replies prints what `ping -c
 * N` prints, except that the line the terminal ends with the echoed "^C"
 * is where -c leaves a blank line before the statistics. */
static char *
with_count(const char *line, int n)
{
  g_autoptr(GRegex) ping = g_regex_new("(^|\\s)(ping6?)(?=\\s|$)", 0, 0, NULL);
  g_autofree char *repl = g_strdup_printf("\\1\\2 -c %d", n);
  return g_regex_replace(ping, line, -1, 0, repl, 0, NULL);
}

static void
render_interrupt(GPtrArray *lines)
{
  for (guint i = 1; i < lines->len; i++) {
    const char *l = lines->pdata[i];
    if (g_str_has_prefix(l, "--- ") && g_str_has_suffix(l, " ping statistics ---") &&
        !*(char *) lines->pdata[i - 1]) {
      nns_profile_set_line(lines, i - 1, g_strdup("^C"));
      return;
    }
  }
}

/* `excerpt`: the document shows the first lines only, a last "..." line
 * marking the cut; netnsim's output is cut after as many lines (blank
 * lines not counted where the block cannot show them). */
static void
cut_to_excerpt(GPtrArray *expected, GPtrArray *actual, gboolean no_blanks)
{
  while (expected->len && nns_line_is_blank(expected->pdata[expected->len - 1]))
    g_ptr_array_remove_index(expected, expected->len - 1);
  if (expected->len && g_str_equal(g_strstrip((char *) expected->pdata[expected->len - 1]), "..."))
    g_ptr_array_remove_index(expected, expected->len - 1);
  guint want = 0;
  for (guint i = 0; i < expected->len; i++)
    want += !(no_blanks && nns_line_is_blank(expected->pdata[i]));
  guint keep = 0, seen = 0;
  while (keep < actual->len && seen < want) {
    seen += !(no_blanks && nns_line_is_blank(actual->pdata[keep]));
    keep++;
  }
  g_ptr_array_set_size(actual, keep);
}

/* `only-devices`: the author kept the entries of some devices from a
 * listing (`ip link`, `ip addr`, `bridge link`): an entry is a line
 * "N: NAME[@PEER]: ..." with the indented lines under it. */
static void
keep_entries(GPtrArray *lines, char **names)
{
  g_autoptr(GRegex) head = g_regex_new("^[0-9]+: ([^:@ ]+)[@: ]", 0, 0, NULL);
  gboolean keep = FALSE;
  for (guint i = 0; i < lines->len;) {
    g_autoptr(GMatchInfo) m = NULL;
    if (g_regex_match(head, lines->pdata[i], 0, &m)) {
      g_autofree char *name = g_match_info_fetch(m, 1);
      keep = g_strv_contains((const char *const *) names, name);
    }
    if (keep)
      i++;
    else
      g_ptr_array_remove_index(lines, i);
  }
}

static GPtrArray *
copy_lines(GPtrArray *lines)
{
  GPtrArray *c = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add(c, g_strdup(lines->pdata[i]));
  return c;
}

static int
run_line(Run *r, const char *line, GString *out)
{
  if (r->clock_ms && r->be->ops->clock_advance)
    r->be->ops->clock_advance(r->be, r->clock_ms);
  NnsIo io = { .out = out, .err = out };
  int status = nns_shell_run_line(r->sh, line, &io);
  /* `exit` in the outermost shell ends a live session; a replay goes on. */
  r->sh->exit_requested = FALSE;
  return status;
}

static void
run_command(Run *r, NnsStep *s)
{
  if (!machine_ensure(r, s))
    return;
  int interrupt = r->interrupt;
  gboolean excerpt = r->excerpt;
  g_auto(GStrv) only = g_steal_pointer(&r->only_devices);
  r->interrupt = -1;
  r->excerpt = FALSE;
  g_autofree char *expanded = expand_alias(r, s->text);
  g_autofree char *line = interrupt >= 0 ? with_count(expanded, interrupt) : g_strdup(expanded);
  g_autoptr(GString) out = g_string_new(NULL);
  int status = run_line(r, line, out);
  g_autoptr(GPtrArray) actual = split_lines(out->str);
  if (interrupt >= 0)
    render_interrupt(actual);
  nns_profiles_apply(r->profiles, r->sh, expanded, actual);
  if (only)
    keep_entries(actual, only);
  if (r->actual) {
    GPtrArray *kept = copy_lines(actual);
    if (status != 0)
      g_ptr_array_add(kept, g_strdup_printf("[exit %d]", status));
    g_hash_table_insert(r->actual, s, kept);
  }

  if (s->flags & NNS_STEP_COMMANDS_ONLY) {
    /* The document lists the command as a working step and shows no
     * output: it must succeed. */
    if (status == 0) {
      r->passed++;
      if (r->opts->verbose)
        g_string_append_printf(r->report, "ok   %s:%u  %s  (output not shown)\n", r->doc->path, s->line, s->text);
    } else {
      g_autofree char *what = g_strdup_printf("%s  (a listed step, exit %d)", s->text, status);
      fail_at(r, s, what, out->str);
    }
    return;
  }

  guint flags = 0;
  if (s->flags & NNS_STEP_MARKDOWN)
    flags |= NNS_NORM_MARKDOWN;
  if (s->flags & NNS_STEP_BARE_BLOCK)
    flags |= NNS_NORM_NO_BLANKS;
  g_autoptr(GPtrArray) expected_raw = copy_lines(s->expected);
  if (excerpt)
    cut_to_excerpt(expected_raw, actual, flags & NNS_NORM_NO_BLANKS);
  g_autoptr(GPtrArray) want = nns_normalise(r->norm_doc, expected_raw, flags);
  g_autoptr(GPtrArray) got = nns_normalise(r->norm_sim, actual, flags);
  if (s->expected_status >= 0) {
    if (s->expected_status != 0)
      g_ptr_array_add(want, g_strdup_printf("[exit %d]", s->expected_status));
    if (status != 0)
      g_ptr_array_add(got, g_strdup_printf("[exit %d]", status));
  }
  gboolean same = want->len == got->len;
  for (guint i = 0; same && i < want->len; i++)
    same = g_str_equal(want->pdata[i], got->pdata[i]);
  if (same) {
    r->passed++;
    if (r->opts->verbose)
      g_string_append_printf(r->report, "ok   %s:%u  %s\n", r->doc->path, s->line, s->text);
    return;
  }
  /* --update records netnsim's output instead: shown, not failed. */
  if (r->actual)
    r->passed++;
  else
    r->failed++;
  g_string_append_printf(r->report, "%s %s:%u  %s\n", r->actual ? "UPDATED" : "FAIL",
                         r->doc->path, s->line, s->text);
  g_autofree char *label = g_strdup_printf("%s:%u (expected)", r->doc->path, s->line);
  nns_unified_diff(want, got, label, "netnsim", "    ", r->report);
}

static void
run_silent(Run *r, const NnsStep *s, const char *cmd)
{
  if (!machine_ensure(r, s))
    return;
  g_autofree char *line = expand_alias(r, cmd);
  g_autoptr(GString) out = g_string_new(NULL);
  int status = run_line(r, line, out);
  if (status != 0) {
    g_autofree char *what = g_strdup_printf("set-up `%s` failed (exit %d)", cmd, status);
    fail_at(r, s, what, out->str);
  }
}

/* Create and delete bridges in the root namespace until the next
 * device created there gets ifindex `next`. */
static void
spend_ifindex(Run *r, const NnsStep *s, int next)
{
  if (!machine_ensure(r, s))
    return;
  int root_pid = g_array_index(r->sh->pids, int, 0);
  NnsBackend *be = r->be;
  for (int tries = 0; tries < 1 << 20; tries++) {
    NnsLinkCreate req = { .kind = "bridge" };   /* every kernel has bridges; dummy is a module */
    g_strlcpy(req.link.name, "nns-spend", sizeof req.link.name);
    req.link.mask = NNS_LINK_SET_NAME;
    g_autoptr(GError) error = NULL;
    if (!be->ops->link_create(be, root_pid, &req, &error)) {
      fail_at(r, s, "spend-ifindex: cannot create a device", error->message);
      return;
    }
    NnsLinkRecord *rec = be->ops->link_get(be, root_pid, "nns-spend", NULL);
    int got = rec ? rec->ifindex : 0;
    if (rec)
      nns_link_record_free(rec);
    be->ops->link_delete(be, root_pid, got, NULL);
    if (got == next - 1)
      return;
    if (got >= next) {
      g_autofree char *what = g_strdup_printf("spend-ifindex %d: ifindex %d is already spent", next, got);
      fail_at(r, s, what, NULL);
      return;
    }
  }
}

static void
run_directive(Run *r, NnsStep *s)
{
  g_autoptr(GError) error = NULL;
  NnsDirective d;
  if (!nns_directive_parse(s->text, &d, &error)) {
    nns_directive_clear(&d);          /* what the parse took before it failed */
    fail_at(r, s, error->message, NULL);
    return;
  }
  switch (d.kind) {
  case NNS_DIR_WORLD:
    r->world = d.number;
    break;
  case NNS_DIR_SEED:
    r->seed = (guint32) d.number;
    break;
  case NNS_DIR_PROFILE:
    g_ptr_array_set_size(r->profiles, 0);
    for (guint i = 0; d.words && d.words[i]; i++) {
      if (g_str_equal(d.words[i], "default"))
        continue;
      const NnsProfile *p = nns_profile_lookup(d.words[i]);
      if (!p) {
        g_autofree char *what = g_strdup_printf("unknown profile `%s`", d.words[i]);
        fail_at(r, s, what, NULL);
        continue;
      }
      g_ptr_array_add(r->profiles, (gpointer) p);
    }
    break;
  case NNS_DIR_CLOCK_PER_COMMAND:
    r->clock_ms = (guint64) d.number;
    break;
  case NNS_DIR_ALIAS:
    g_hash_table_replace(r->aliases, g_strdup(d.name), g_strdup(d.arg));
    break;
  case NNS_DIR_SILENT:
    run_silent(r, s, d.arg);
    break;
  case NNS_DIR_EXIT:
    if (!machine_ensure(r, s))
      break;
    if (!nns_shell_pop(r->sh))
      fail_at(r, s, "exit: no nested shell to leave", NULL);
    break;
  case NNS_DIR_RESET:
    machine_free(r);
    break;
  case NNS_DIR_SPEND_IFINDEX:
    spend_ifindex(r, s, d.number);
    break;
  case NNS_DIR_INTERRUPT:
    r->interrupt = d.number;
    break;
  case NNS_DIR_EXCERPT:
    r->excerpt = TRUE;
    break;
  case NNS_DIR_ONLY_DEVICES:
    g_strfreev(r->only_devices);
    r->only_devices = g_steal_pointer(&d.words);
    break;
  case NNS_DIR_NOTE:
    break;
  case NNS_DIR_READER_ONLY:
    fail_at(r, s, "this directive belongs in a markdown document (see docs/transcripts.md)", NULL);
    break;
  }
  nns_directive_clear(&d);
}

static void
replay_doc(NnsReplayDoc *doc, const NnsReplayOptions *opts, GString *report, guint *passed,
           guint *failed)
{
  Run r = {
    .opts = opts, .doc = doc, .report = report,
    .world = opts->world, .seed = opts->seed,
    .profiles = g_ptr_array_new(),
    .aliases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
    .interrupt = -1,
    .norm_doc = nns_normaliser_new(), .norm_sim = nns_normaliser_new(),
  };
  if (opts->update)
    r.actual = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < doc->steps->len; i++) {
    NnsStep *s = doc->steps->pdata[i];
    if (s->kind == NNS_STEP_DIRECTIVE)
      run_directive(&r, s);
    else
      run_command(&r, s);
  }
  if (r.actual) {
    g_autoptr(GError) error = NULL;
    if (nns_replay_update(doc, r.actual, &error))
      g_string_append_printf(report, "updated %s\n", doc->path);
    else
      g_string_append_printf(report, "FAIL %s: --update: %s\n", doc->path, error->message), r.failed++;
  }
  *passed += r.passed;
  *failed += r.failed;
  machine_free(&r);
  g_strfreev(r.only_devices);
  g_ptr_array_unref(r.profiles);
  g_hash_table_unref(r.aliases);
  nns_normaliser_free(r.norm_doc);
  nns_normaliser_free(r.norm_sim);
  if (r.actual)
    g_hash_table_unref(r.actual);
}

/* Words the readers take for commands in a block without prompts besides
 * those netnsim's command table has: the tools of netnsim's scope
 * (docs/transcripts.md), so that a document reads the same before and
 * after one of them is implemented. */
static const char *const scope_commands[] = {
  "ip", "bridge", "ping", "ping6", "ifconfig", "route", "iptables", "ip6tables",
  "iptables-save", "iptables-restore", "arp", "sysctl", "bash", "sh", "exit",
};

static gboolean
known_command(const char *word, gpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS(scope_commands); i++)
    if (g_str_equal(scope_commands[i], word))
      return TRUE;
  return nns_shell_lookup(data, word) != NULL;
}

int
nns_replay_files(char **paths, int n, const NnsReplayOptions *opts, GString *report)
{
  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  g_autoptr(NnsShell) table = nns_shell_new(be);
  guint passed = 0, failed = 0;
  int rc = 0;
  for (int i = 0; i < n; i++) {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    if (!g_file_get_contents(paths[i], &text, NULL, &error)) {
      g_string_append_printf(report, "FAIL %s: %s\n", paths[i], error->message);
      failed++;
      rc = 2;
      continue;
    }
    g_autoptr(NnsReplayDoc) doc = nns_read_document(paths[i], text, known_command, table, &error);
    if (!doc) {
      g_string_append_printf(report, "FAIL %s\n", error->message);
      failed++;
      rc = 2;
      continue;
    }
    if (opts->update && !nns_replay_may_update(doc, &error)) {
      g_string_append_printf(report, "FAIL %s: %s\n", paths[i], error->message);
      failed++;
      rc = 2;
      continue;
    }
    replay_doc(doc, opts, report, &passed, &failed);
  }
  g_string_append_printf(report, "%u passed, %u failed\n", passed, failed);
  if (rc)
    return rc;
  return failed ? 1 : 0;
}
