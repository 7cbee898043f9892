#include "tests/bench/bench-shell.h"

#include <stdio.h>
#include <stdlib.h>

char *
nns_bench_output(NnsShell *sh, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *line = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  GString *out = g_string_new("");
  NnsIo io = { .out = out, .err = out };
  if (nns_shell_run_line(sh, line, &io) != 0) {
    fprintf(stderr, "%s: `%s` failed: %s", g_get_prgname(), line, out->str);
    exit(1);
  }
  return g_string_free(out, FALSE);
}
