/* netnsim diff: the same commands on both backends, held against each
 * other; the kernel is the reference ("-" lines), the simulation the
 * candidate ("+" lines). */
#include "shell/diff.h"
#include "shell/diff-hash-order.h"
#include "shell/diff-normalise.h"
#include "backends/kernel/kernel-backend.h"
#include "backends/sim/sim-backend.h"
#include "shell/runner.h"

#include <stdio.h>
#include <string.h>

/* A transcript ("# CMD" lines) gives back its command list. */
static char *
commands_of(const char *text)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean transcript = FALSE;
  for (guint i = 0; lines[i] && !transcript; i++)
    transcript = g_str_has_prefix(lines[i], "# ");
  if (!transcript)
    return g_strdup(text);
  GString *cmds = g_string_new(NULL);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix(lines[i], "# "))
      g_string_append_printf(cmds, "%s\n", lines[i] + 2);
  return g_string_free(cmds, FALSE);
}

static char *
record_on(NnsBackend *be, const char *cmds)
{
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  GString *t = g_string_new(NULL);
  NnsRecordOptions ro = { .status = TRUE };
  nns_record_run(sh, cmds, &ro, t);
  return g_string_free(t, FALSE);
}

/* A line diff by longest common subsequence (outputs are short). */
static void
diff_lines(GPtrArray *a, GPtrArray *b, GString *out)
{
  guint n = a->len, m = b->len;
  guint *lcs = g_new0(guint, (n + 1) * (m + 1));
#define L(i, j) lcs[(i) * (m + 1) + (j)]
  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      L(i, j) = g_str_equal(a->pdata[i], b->pdata[j]) ? L(i + 1, j + 1) + 1 : MAX(L(i + 1, j), L(i, j + 1));
  guint i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && g_str_equal(a->pdata[i], b->pdata[j])) {
      g_string_append_printf(out, "     %s\n", (char *) a->pdata[i]);
      i++, j++;
    } else if (j < m && (i == n || L(i, j + 1) >= L(i + 1, j))) {
      g_string_append_printf(out, "    +%s\n", (char *) b->pdata[j++]);
    } else {
      g_string_append_printf(out, "    -%s\n", (char *) a->pdata[i++]);
    }
  }
#undef L
  g_free(lcs);
}

guint
nns_diff_transcripts(const char *kernel, const char *sim, guint *passed, GString *report)
{
  g_autoptr(GPtrArray) k = nns_transcript_parse(kernel);
  g_autoptr(GPtrArray) s = nns_transcript_parse(sim);
  nns_transcript_sort_hash_ordered(k);
  nns_transcript_sort_hash_ordered(s);
  nns_transcript_normalise(k);
  nns_transcript_normalise(s);
  guint failed = 0;
  *passed = 0;
  for (guint i = 0; i < MAX(k->len, s->len); i++) {
    NnsTranscriptBlock *kb = i < k->len ? g_ptr_array_index(k, i) : NULL;
    NnsTranscriptBlock *sb = i < s->len ? g_ptr_array_index(s, i) : NULL;
    if (kb && sb && g_str_equal(kb->command, sb->command)) {
      gboolean same = kb->lines->len == sb->lines->len;
      for (guint j = 0; same && j < kb->lines->len; j++)
        same = g_str_equal(kb->lines->pdata[j], sb->lines->pdata[j]);
      if (same) {
        (*passed)++;
        continue;
      }
      failed++;
      g_string_append_printf(report, "differs: # %s\n    --- kernel\n    +++ sim\n", kb->command);
      diff_lines(kb->lines, sb->lines, report);
      continue;
    }
    /* Both runs read the same list: this only happens if one stopped. */
    failed++;
    g_string_append_printf(report, "differs: # %s\n    <command missing or out of order on the %s backend>\n",
                           kb ? kb->command : sb->command, kb ? "simulated" : "kernel");
  }
  return failed;
}

static int
usage(void)
{
  fputs("Usage: netnsim diff [--world bare|host] FILE\n", stderr);
  return 2;
}

int
nns_diff_command(int argc, char **argv, guint32 seed)
{
  /* Bare by default: the kernel recordings start from a fresh namespace. */
  NnsWorldKind world = NNS_WORLD_BARE;
  int i = 0;
  for (; i < argc - 1; i++) {
    if (g_str_equal(argv[i], "--world") && i + 1 < argc - 1) {
      const char *w = argv[++i];
      if (g_str_equal(w, "bare"))
        world = NNS_WORLD_BARE;
      else if (g_str_equal(w, "host"))
        world = NNS_WORLD_HOST;
      else
        return usage();
    } else {
      return usage();
    }
  }
  if (i != argc - 1)
    return usage();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  if (!g_file_get_contents(argv[i], &text, NULL, &error)) {
    fprintf(stderr, "netnsim: %s\n", error->message);
    return 2;
  }
  g_autofree char *cmds = commands_of(text);
  g_autofree char *sim_t = NULL, *kernel_t = NULL;
  {
    g_autoptr(NnsBackend) sim = nns_sim_backend_new(world, seed);
    sim_t = record_on(sim, cmds);
  }
  {
    g_autoptr(NnsBackend) kernel = nns_kernel_backend_new_world(world, &error);
    if (!kernel) {
      fprintf(stderr, "netnsim: --backend kernel: %s\n", error->message);
      return 2;
    }
    kernel_t = record_on(kernel, cmds);
  }
  g_autoptr(GString) report = g_string_new(NULL);
  guint passed = 0;
  guint failed = nns_diff_transcripts(kernel_t, sim_t, &passed, report);
  g_string_append_printf(report, "%u passed, %u failed\n", passed, failed);
  fputs(report->str, stdout);
  return failed ? 1 : 0;
}
