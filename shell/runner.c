#include "shell/runner.h"

#include <string.h>

static gboolean
blank(const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace(*line))
      return FALSE;
  return TRUE;
}

/* Each recorded line is its own `bash -c`: whatever it left open ends. */
static void
close_nested_shells(NnsShell *sh)
{
  while (nns_shell_pop(sh))
    ;
  sh->exit_requested = FALSE;
  sh->exit_status = 0;
}

void
nns_record_run(NnsShell *sh, const char *text, const NnsRecordOptions *opts, GString *transcript)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    const char *line = lines[i];
    if (blank(line) || line[0] == ';')
      continue;
    if (g_str_has_prefix(line, "@ ")) {
      g_autoptr(GString) sink = g_string_new(NULL);
      NnsIo io = { .out = sink, .err = sink };
      nns_shell_run_line(sh, line + 2, &io);
      close_nested_shells(sh);
      continue;
    }
    g_string_append_printf(transcript, "# %s\n", line);
    NnsIo io = { .out = transcript, .err = transcript };
    int rc = nns_shell_run_line(sh, line, &io);
    close_nested_shells(sh);
    if (opts->status && rc != 0)
      g_string_append_printf(transcript, "[exit %d]\n", rc);
  }
}

int
nns_script_run(NnsShell *sh, const char *text, GString *out, GString *err)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  int rc = 0;
  for (guint i = 0; lines[i] && !sh->exit_requested; i++) {
    if (blank(lines[i]))
      continue;
    NnsIo io = { .out = out, .err = err };
    rc = nns_shell_run_line(sh, lines[i], &io);
  }
  return sh->exit_requested ? sh->exit_status : rc;
}
