#include "shell/replay/update.h"

#include <string.h>

gboolean
nns_replay_may_update(const NnsReplayDoc *doc, GError **error)
{
  g_auto(GStrv) parts = g_strsplit(doc->path, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal(parts[i], "seeds")) {
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                  "a seed's expected outputs are the author's; --update never rewrites them");
      return FALSE;
    }
  if (doc->markdown) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                "--update rewrites console transcripts only, not markdown documents");
    return FALSE;
  }
  return TRUE;
}

/* Every line of the file is kept except the outputs of commands, which
 * are replaced: a command's output runs from its "# CMD" line to the next
 * step (command or directive). */
gboolean
nns_replay_update(const NnsReplayDoc *doc, GHashTable *actual, GError **error)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(doc->path, &text, NULL, error))
    return FALSE;
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  guint n = g_strv_length(lines);
  if (n && !*lines[n - 1])
    n--;
  g_autoptr(GString) out = g_string_new(NULL);
  guint next = 0;             /* next step */
  for (guint i = 0; i < n;) {
    NnsStep *s = next < doc->steps->len ? doc->steps->pdata[next] : NULL;
    if (!s || s->line != i + 1) {
      g_string_append_printf(out, "%s\n", lines[i++]);
      continue;
    }
    next++;
    g_string_append_printf(out, "%s\n", lines[i++]);
    GPtrArray *got = s->kind == NNS_STEP_COMMAND ? g_hash_table_lookup(actual, s) : NULL;
    if (!got)
      continue;
    for (guint k = 0; k < got->len; k++)
      g_string_append_printf(out, "%s\n", (char *) got->pdata[k]);
    guint end = next < doc->steps->len ? ((NnsStep *) doc->steps->pdata[next])->line - 1 : n;
    i = end;
  }
  return g_file_set_contents(doc->path, out->str, (gssize) out->len, error);
}
