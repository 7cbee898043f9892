#include "shell/replay/session.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct _NnsSession {
  FILE *f;
};

NnsSession *
nns_session_open(const char *path, const char *world, guint32 seed, GError **error)
{
  FILE *f = fopen(path, "w");
  if (!f) {
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", path, g_strerror(errno));
    return NULL;
  }
  fprintf(f, "<!-- netnsim: world %s -->\n<!-- netnsim: seed %u -->\n", world, seed);
  fflush(f);
  NnsSession *s = g_new0(NnsSession, 1);
  s->f = f;
  return s;
}

void
nns_session_add(NnsSession *s, const char *line, const char *output, int status)
{
  if (!s)
    return;
  g_autofree char *cmd = g_strstrip(g_strdup(line));
  if (!*cmd)
    return;                   /* an empty line runs nothing */
  fprintf(s->f, "# %s\n%s", cmd, output);
  /* A missing final newline is not part of a transcript's lines. */
  if (*output && output[strlen(output) - 1] != '\n')
    fputc('\n', s->f);
  if (status != 0)
    fprintf(s->f, "[exit %d]\n", status);
  fflush(s->f);
}

void
nns_session_close(NnsSession *s)
{
  if (!s)
    return;
  fclose(s->f);
  g_free(s);
}
