/* `for NAME in WORD...; do BODY; done` on one line, as set-up scripts and
 * recorded cases write it.  The shell has no variables otherwise, so the
 * loop is run by substituting $NAME and ${NAME} in the body's text for
 * each word; nested loops and `break` are not supported. */
#include "shell/sh/for-loop.h"

#include <string.h>

static GRegex *
for_regex(void)
{
  static GRegex *re;
  if (g_once_init_enter(&re)) {
    GRegex *r = g_regex_new("^\\s*for\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+in\\s+([^;]*);\\s*do\\s+(.*?);?\\s*done\\s*$",
                            0, 0, NULL);
    g_once_init_leave(&re, r);
  }
  return re;
}

static char *
substitute(const char *body, const char *name, const char *value)
{
  g_autofree char *plain = g_strconcat("$", name, NULL);
  g_autofree char *braced = g_strconcat("${", name, "}", NULL);
  GString *out = g_string_new(NULL);
  for (const char *p = body; *p;) {
    if (g_str_has_prefix(p, braced)) {
      g_string_append(out, value);
      p += strlen(braced);
    } else if (g_str_has_prefix(p, plain) && !g_ascii_isalnum(p[strlen(plain)]) && p[strlen(plain)] != '_') {
      g_string_append(out, value);
      p += strlen(plain);
    } else {
      g_string_append_c(out, *p++);
    }
  }
  return g_string_free(out, FALSE);
}

gboolean
nns_sh_for_loop(NnsShell *sh, const char *line, NnsIo *io, int *status)
{
  g_autoptr(GMatchInfo) m = NULL;
  if (!g_regex_match(for_regex(), line, 0, &m))
    return FALSE;
  g_autofree char *name = g_match_info_fetch(m, 1);
  g_autofree char *words = g_match_info_fetch(m, 2);
  g_autofree char *body = g_match_info_fetch(m, 3);
  g_auto(GStrv) list = g_strsplit_set(g_strstrip(words), " \t", -1);
  *status = 0;
  /* A loop in a loop's body recurses: bounded in depth and in work. */
  if (sh->nesting >= NNS_SHELL_MAX_NESTING) {
    nns_err(io, "netnsim: for: commands nested more than %d deep\n", NNS_SHELL_MAX_NESTING);
    *status = sh->last_status = 126;
    return TRUE;
  }
  if (sh->loop_depth == 0) {
    sh->loop_iterations = 0;
    sh->loop_text = 0;
  }
  sh->nesting++;
  sh->loop_depth++;
  for (guint i = 0; list[i]; i++) {
    if (!*list[i])
      continue;
    /* Once over the bound (here or in a loop inside), every loop stops. */
    if (sh->loop_iterations > NNS_SHELL_MAX_LOOP_ITERATIONS || sh->loop_text > NNS_SHELL_MAX_LOOP_TEXT) {
      *status = 126;
      break;
    }
    g_autofree char *iteration = substitute(body, name, list[i]);
    sh->loop_text += strlen(iteration) + 1;
    if (++sh->loop_iterations > NNS_SHELL_MAX_LOOP_ITERATIONS || sh->loop_text > NNS_SHELL_MAX_LOOP_TEXT) {
      nns_err(io, "netnsim: for: more than %d iterations or %d KiB of commands in one line\n",
              NNS_SHELL_MAX_LOOP_ITERATIONS, (int) (NNS_SHELL_MAX_LOOP_TEXT >> 10));
      *status = 126;
      break;
    }
    *status = nns_shell_run_line(sh, iteration, io);
    if (sh->exit_requested)
      break;
  }
  sh->loop_depth--;
  sh->nesting--;
  sh->last_status = *status;
  return TRUE;
}
