/* sleep NUMBER[smhd]...: advances the simulated clock by the sum, never
 * waits for real. */
#include "shell/tools/tools.h"

#include <math.h>

static gboolean
parse_interval(const char *arg, double *seconds)
{
  char *end = NULL;
  double v = g_ascii_strtod(arg, &end);
  if (end == arg || v < 0 || isnan(v) || isinf(v))
    return FALSE;
  switch (*end) {
  case '\0': case 's': break;
  case 'm': v *= 60; break;
  case 'h': v *= 3600; break;
  case 'd': v *= 86400; break;
  default: return FALSE;
  }
  if (*end && end[1])
    return FALSE;
  *seconds = v;
  return TRUE;
}

int
nns_tool_sleep(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "", FALSE)) {
    int st = nns_opts_fail(io, "sleep", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  if (o.operands->len == 0) {
    nns_err(io, "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    nns_opts_clear(&o);
    return 1;
  }
  double total = 0;
  gboolean ok = TRUE;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *arg = g_ptr_array_index(o.operands, i);
    double s = 0;
    if (!parse_interval(arg, &s)) {
      nns_err(io, "sleep: invalid time interval ‘%s’\n", arg);
      ok = FALSE;
    }
    total += s;
  }
  nns_opts_clear(&o);
  if (!ok) {
    nns_err(io, "Try 'sleep --help' for more information.\n");
    return 1;
  }
  /* Rounded up to a whole millisecond: a sleep never ends early. */
  double exact = MIN(total * 1000.0, (double) G_MAXUINT32 * 1000.0);
  guint64 ms = (guint64) exact;
  if ((double) ms < exact - 1e-6)
    ms++;
  NnsBackend *be = sh->backend;
  if (ms > 0 && be->ops->clock_advance)
    be->ops->clock_advance(be, ms);
  return 0;
}
