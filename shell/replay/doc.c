/* Documents and steps: allocation, and the one directive syntax that both
 * readers share. */
#include "shell/replay/replay.h"

#include <string.h>

static void
step_free(gpointer p)
{
  NnsStep *s = p;
  g_free(s->text);
  if (s->expected)
    g_ptr_array_unref(s->expected);
  g_free(s);
}

NnsStep *
nns_step_new(NnsStepKind kind, guint line, const char *text)
{
  NnsStep *s = g_new0(NnsStep, 1);
  s->kind = kind;
  s->line = line;
  s->text = g_strdup(text);
  s->expected = g_ptr_array_new_with_free_func(g_free);
  s->expected_status = -1;
  return s;
}

NnsReplayDoc *
nns_replay_doc_new(const char *path, gboolean markdown)
{
  NnsReplayDoc *doc = g_new0(NnsReplayDoc, 1);
  doc->path = g_strdup(path);
  doc->markdown = markdown;
  doc->steps = g_ptr_array_new_with_free_func(step_free);
  return doc;
}

void
nns_replay_doc_free(NnsReplayDoc *doc)
{
  if (!doc)
    return;
  g_free(doc->path);
  g_ptr_array_unref(doc->steps);
  g_free(doc);
}

/* An HTML comment: invisible when a markdown document is rendered, and a
 * line no tool prints, so it can stand inside a console transcript or a
 * fenced block without being mistaken for output. */
char *
nns_directive_of_line(const char *line)
{
  static const char open[] = "<!-- netnsim:";
  static const char close[] = "-->";
  while (*line == ' ' || *line == '\t')
    line++;
  if (!g_str_has_prefix(line, open))
    return NULL;
  g_autofree char *rest = g_strdup(line + strlen(open));
  g_strchomp(rest);
  if (!g_str_has_suffix(rest, close))
    return NULL;
  rest[strlen(rest) - strlen(close)] = '\0';
  return g_strdup(g_strstrip(rest));
}

gboolean
nns_document_is_markdown(const char *path, const char *text)
{
  if (g_str_has_suffix(path, ".md") || g_str_has_suffix(path, ".markdown"))
    return TRUE;
  /* A fenced block anywhere: a tutorial saved as .txt, as the seeds are. */
  for (const char *p = text; p && *p; ) {
    if (g_str_has_prefix(p, "```") || g_str_has_prefix(p, "~~~"))
      return TRUE;
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  return FALSE;
}

NnsReplayDoc *
nns_read_document(const char *path, const char *text, NnsKnownCommandFn known, gpointer data,
                  GError **error)
{
  if (nns_document_is_markdown(path, text))
    return nns_read_markdown(path, text, known, data, error);
  return nns_read_console(path, text);
}
