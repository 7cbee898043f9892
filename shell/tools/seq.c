/* seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST, GNU coreutils' seq over
 * whole numbers (what loops over $(seq 1 3) use); fractions are
 * refused.  Its output stops at the stream's bound (NNS_IO_MAX) as a
 * write past RLIMIT_FSIZE would. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <string.h>

static int
usage_error(NnsIo *io)
{
  nns_err(io, "Try 'seq --help' for more information.\n");
  return 1;
}

/* 1: a whole number; 0: a number seq reads but netnsim does not; -1: not a number. */
static int
parse_number(const char *arg, gint64 *v)
{
  char *end = NULL;
  errno = 0;
  *v = g_ascii_strtoll(arg, &end, 10);
  if (end != arg && *end == '\0' && errno == 0 && !g_ascii_isspace(arg[0]))
    return 1;
  g_ascii_strtod(arg, &end);
  return end != arg && *end == '\0' ? 0 : -1;
}

int
nns_tool_seq(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh;
  (void) pid;
  const char *sep = "\n";
  gboolean equal_width = FALSE;
  g_autoptr(GPtrArray) ops = g_ptr_array_new();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || g_ascii_isdigit(a[1]) || a[1] == '.' || a[1] == '\0' || ops->len > 0) {
      g_ptr_array_add(ops, (gpointer) a);
    } else if (g_str_equal(a, "--")) {
      for (i++; i < argc; i++)
        g_ptr_array_add(ops, argv[i]);
    } else if (a[1] == 's') {
      if (!a[2] && i + 1 >= argc) {
        nns_err(io, "seq: option requires an argument -- 's'\n");
        return usage_error(io);
      }
      sep = a[2] ? a + 2 : argv[++i];
    } else if (g_str_equal(a, "-w")) {
      equal_width = TRUE;
    } else {
      nns_err(io, "seq: invalid option -- '%c'\n", a[1]);
      return usage_error(io);
    }
  }
  if (ops->len == 0) {
    nns_err(io, "seq: missing operand\n");
    return usage_error(io);
  }
  if (ops->len > 3) {
    nns_err(io, "seq: extra operand ‘%s’\n", (char *) ops->pdata[3]);
    return usage_error(io);
  }
  gint64 v[3] = { 1, 1, 0 };
  gint64 *dest[3][3] = { { &v[2] }, { &v[0], &v[2] }, { &v[0], &v[1], &v[2] } };
  for (guint k = 0; k < ops->len; k++) {
    const char *arg = ops->pdata[k];
    int kind = parse_number(arg, dest[ops->len - 1][k]);
    if (kind < 0) {
      nns_err(io, "seq: invalid floating point argument: ‘%s’\n", arg);
      return usage_error(io);
    }
    if (kind == 0) {
      nns_err(io, "netnsim: seq: %s: only whole numbers are supported\n", arg);
      return 1;
    }
  }
  gint64 first = v[0], step = v[1], last = v[2];
  if (step == 0) {
    nns_err(io, "seq: invalid Zero increment value: ‘%s’\n", (char *) ops->pdata[1]);
    return usage_error(io);
  }
  int width = 0;
  if (equal_width) {
    char a[32], b[32];
    width = MAX(g_snprintf(a, sizeof a, "%" G_GINT64_FORMAT, first),
                g_snprintf(b, sizeof b, "%" G_GINT64_FORMAT, last));
  }
  gsize start = io->out->len;
  gboolean any = FALSE;
  for (gint64 n = first; step > 0 ? n <= last : n >= last;) {
    if (any)
      g_string_append(io->out, sep);
    g_string_append_printf(io->out, "%0*" G_GINT64_FORMAT, width, n);
    any = TRUE;
    if (io->out->len - start > NNS_IO_MAX)
      break;
    if ((step > 0 && n > G_MAXINT64 - step) || (step < 0 && n < G_MININT64 - step))
      break;
    n += step;
  }
  if (any)
    g_string_append_c(io->out, '\n');
  return 0;
}
