/* The malformed-command table: every command of
 * fixtures/oracle/iptables-errors.cmds must print what the real iptables
 * printed (the .t recording beside it), exit as it exited, and leave the
 * rules exactly as they were (iptables-save and ip6tables-save before ==
 * after).
 *
 *   test-iptables-errors fixtures/oracle/iptables-errors   (no extension) */
#include "backends/sim/sim-backend.h"
#include "shell/shell.h"

#include <string.h>

static char *case_base;

static int
run(NnsShell *sh, const char *line, GString *o)
{
  NnsIo io = { .out = o, .err = o };
  return nns_shell_run_line(sh, line, &io);
}

static char *
dump(NnsShell *sh)
{
  g_autoptr(GString) o = g_string_new(NULL);
  run(sh, "iptables-save; iptables-save -t raw; iptables-save -t mangle; ip6tables-save; ip6tables-save -t raw", o);
  return g_strdup(o->str);
}

static void
test_table(void)
{
  g_autofree char *cmds_path = g_strconcat(case_base, ".cmds", NULL);
  g_autofree char *t_path = g_strconcat(case_base, ".t", NULL);
  g_autofree char *cmds = NULL, *rec = NULL;
  g_assert_true(g_file_get_contents(cmds_path, &cmds, NULL, NULL));
  g_assert_true(g_file_get_contents(t_path, &rec, NULL, NULL));
  g_auto(GStrv) cmd_lines = g_strsplit(cmds, "\n", -1);
  g_auto(GStrv) rec_lines = g_strsplit(rec, "\n", -1);

  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  guint r = 0, checked = 0;
  for (guint i = 0; cmd_lines[i]; i++) {
    const char *line = cmd_lines[i];
    if (!*line || line[0] == ';')
      continue;
    if (g_str_has_prefix(line, "@ ")) {
      g_autoptr(GString) o = g_string_new(NULL);
      g_assert_cmpint(run(sh, line + 2, o), ==, 0);
      continue;
    }
    /* The recording's block for this command. */
    g_autofree char *header = g_strconcat("# ", line, NULL);
    while (rec_lines[r] && !g_str_equal(rec_lines[r], header))
      r++;
    g_assert_nonnull(rec_lines[r]);
    g_autoptr(GString) want = g_string_new(NULL);
    for (r++; rec_lines[r]; r++) {
      gboolean next = FALSE;
      for (guint k = i + 1; cmd_lines[k] && !next; k++)
        if (*cmd_lines[k] && cmd_lines[k][0] != ';' && cmd_lines[k][0] != '@') {
          g_autofree char *h = g_strconcat("# ", cmd_lines[k], NULL);
          next = g_str_equal(rec_lines[r], h);
          break;
        }
      if (next)
        break;
      if (*rec_lines[r] || rec_lines[r + 1])
        g_string_append_printf(want, "%s\n", rec_lines[r]);
    }
    g_autofree char *before = dump(sh);
    g_autoptr(GString) got = g_string_new(NULL);
    int status = run(sh, line, got);
    if (status)
      g_string_append_printf(got, "[exit %d]\n", status);
    g_autofree char *after = dump(sh);
    if (!g_str_equal(got->str, want->str))
      g_printerr("command: %s\n", line);
    g_assert_cmpstr(got->str, ==, want->str);
    if (status) {
      g_assert_cmpstr(after, ==, before);
      checked++;
    }
  }
  g_assert_cmpuint(checked, >=, 30);
  g_test_message("%u malformed commands checked", checked);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  if (argc < 2) {
    g_printerr("usage: test-iptables-errors CASE (without .cmds)\n");
    return 2;
  }
  case_base = argv[1];
  g_test_add_func("/iptables/malformed-commands", test_table);
  return g_test_run();
}
