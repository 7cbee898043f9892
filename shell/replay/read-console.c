/* Console transcripts, as `netnsim record` and `--record-session` write
 * them: "# CMD" starts a command, the lines up to the next one are its
 * output, a last line "[exit N]" is its non-zero status (absent: 0).
 * Directive lines stand anywhere; other lines before the first command
 * are a free-form header and are ignored. */
#include "shell/replay/doc.h"

#include <string.h>

static gboolean
exit_line(const char *line, int *status)
{
  if (!g_str_has_prefix(line, "[exit ") || !g_str_has_suffix(line, "]"))
    return FALSE;
  char *end = NULL;
  gint64 v = g_ascii_strtoll(line + 6, &end, 10);
  if (end == line + 6 || *end != ']')
    return FALSE;
  *status = (int) v;
  return TRUE;
}

/* The status line belongs to the command only when it is its last line. */
static void
finish(NnsStep *cmd)
{
  if (!cmd)
    return;
  int status = 0;
  GPtrArray *out = cmd->expected;
  if (out->len && exit_line(out->pdata[out->len - 1], &status))
    g_ptr_array_remove_index(out, out->len - 1);
  cmd->expected_status = status;
}

NnsReplayDoc *
nns_read_console(const char *path, const char *text)
{
  NnsReplayDoc *doc = nns_replay_doc_new(path, FALSE);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  guint n = g_strv_length(lines);
  /* A final newline does not make an empty last line of output. */
  if (n && !*lines[n - 1])
    n--;
  NnsStep *cmd = NULL;
  for (guint i = 0; i < n; i++) {
    const char *line = lines[i];
    g_autofree char *directive = nns_directive_of_line(line);
    if (directive) {
      finish(cmd);
      cmd = NULL;
      g_ptr_array_add(doc->steps, nns_step_new(NNS_STEP_DIRECTIVE, i + 1, directive));
    } else if (g_str_has_prefix(line, "# ")) {
      finish(cmd);
      cmd = nns_step_new(NNS_STEP_COMMAND, i + 1, line + 2);
      g_ptr_array_add(doc->steps, cmd);
    } else if (cmd) {
      g_ptr_array_add(cmd->expected, g_strdup(line));
    }
  }
  finish(cmd);
  return doc;
}
