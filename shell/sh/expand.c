#include "shell/sh/expand.h"

/* Only the special parameters exist: there are no shell variables. */
static void
append_param(NnsShell *sh, int pid, GString *out, const char *name)
{
  if (g_str_equal(name, "$"))
    g_string_append_printf(out, "%d", pid);
  else if (g_str_equal(name, "?"))
    g_string_append_printf(out, "%d", sh->last_status);
  else if (g_str_equal(name, "0"))
    g_string_append(out, "bash");
  else if (g_str_equal(name, "#"))
    g_string_append(out, "0");
  else if (g_str_equal(name, "-"))
    g_string_append(out, "hB");
}

char *
nns_sh_expand_word(NnsShell *sh, int pid, const NnsShWord *w)
{
  g_autoptr(GString) out = g_string_new("");
  for (guint i = 0; i < w->parts->len; i++) {
    const NnsShPart *part = g_ptr_array_index(w->parts, i);
    if (part->kind == NNS_SH_PART_LITERAL)
      g_string_append(out, part->text);
    else
      append_param(sh, pid, out, part->text);
  }
  if (out->len == 0 && !w->quoted) {
    /* A word of only literal text is never empty; one made only of
     * unquoted expansions that gave nothing disappears. */
    return NULL;
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}

char **
nns_sh_expand_words(NnsShell *sh, int pid, GPtrArray *words, int *argc)
{
  GPtrArray *argv = g_ptr_array_new();
  for (guint i = 0; i < words->len; i++) {
    char *word = nns_sh_expand_word(sh, pid, g_ptr_array_index(words, i));
    if (word)
      g_ptr_array_add(argv, word);
  }
  *argc = (int) argv->len;
  g_ptr_array_add(argv, NULL);
  return (char **) g_ptr_array_free(argv, FALSE);
}
