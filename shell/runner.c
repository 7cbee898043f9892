#include "shell/runner.h"
#include "shell/sh/frame.h"

#include <string.h>

static gboolean
blank(const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace(*line))
      return FALSE;
  return TRUE;
}

/* Each recorded line is its own `bash -c`: whatever it left open ends,
 * and the next starts with no variables and $? 0. */
static void
close_nested_shells(NnsShell *sh)
{
  while (nns_shell_pop(sh))
    ;
  sh->exit_requested = FALSE;
  sh->exit_status = 0;
  nns_sh_frame_reset(nns_shell_top_frame(sh));
  sh->last_status = 0;
}

void
nns_record_run(NnsShell *sh, const char *text, const NnsRecordOptions *opts, GString *transcript)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  /* The whole list is one input for the bound on loops. */
  nns_shell_hold_input(sh);
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
  nns_shell_release_input(sh);
}

/* A script runs as bash runs a file: command by command, a compound
 * command over as many lines as it takes; a syntax error ends it. */
int
nns_script_run(NnsShell *sh, const char *text, GString *out, GString *err)
{
  NnsIo io = { .out = out, .err = err };
  nns_shell_hold_input(sh);
  int rc = nns_shell_run_line(sh, text, &io);
  nns_shell_release_input(sh);
  return sh->exit_requested ? sh->exit_status : rc;
}
