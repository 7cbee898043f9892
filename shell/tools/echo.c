/* bash's echo builtin: -n, -e, -E; any other word is text. */
#include "shell/tools/tools.h"

#include <string.h>

static gboolean
is_option_word(const char *a)
{
  if (a[0] != '-' || a[1] == '\0')
    return FALSE;
  return strspn(a + 1, "neE") == strlen(a + 1);
}

int
nns_tool_echo(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh; (void) pid;
  gboolean newline = TRUE, escapes = FALSE;
  int i = 1;
  for (; i < argc && is_option_word(argv[i]); i++) {
    for (const char *c = argv[i] + 1; *c; c++) {
      if (*c == 'n')
        newline = FALSE;
      else
        escapes = *c == 'e';
    }
  }
  g_autoptr(GString) out = g_string_new("");
  for (; i < argc; i++) {
    const char *s = argv[i];
    while (*s) {
      if (escapes && *s == '\\') {
        if (!nns_tool_escape(out, s, NNS_ESC_ECHO, &s)) {
          g_string_append_len(io->out, out->str, out->len);
          return 0;
        }
      } else {
        g_string_append_c(out, *s++);
      }
    }
    if (i + 1 < argc)
      g_string_append_c(out, ' ');
  }
  if (newline)
    g_string_append_c(out, '\n');
  g_string_append_len(io->out, out->str, out->len);
  return 0;
}
