/* iproute2's -color option (lib/color.c: matches_color and
 * check_enable_color), shared by ip, bridge and tc. */
#include "shell/ip/ip-common.h"

#include <string.h>

gboolean
nns_color_option(const char *opt, NnsColorOpt *val)
{
  const char *eq = strchr(opt, '=');
  g_autofree char *name = eq ? g_strndup(opt, (gsize) (eq - opt)) : g_strdup(opt);
  /* matches(dup, "-color"): an empty name is a prefix too. */
  if (strlen(name) > strlen("color") || strncmp(name, "color", strlen(name)) != 0)
    return FALSE;
  const char *v = eq ? eq + 1 : "";
  if (!*v || g_str_equal(v, "always"))
    *val = NNS_COLOR_OPT_ALWAYS;
  else if (g_str_equal(v, "auto"))
    *val = NNS_COLOR_OPT_AUTO;
  else if (g_str_equal(v, "never"))
    *val = NNS_COLOR_OPT_NEVER;
  else
    return FALSE;
  return TRUE;
}

gboolean
nns_color_enabled(NnsColorOpt opt, gboolean json, NnsShell *sh, const NnsIo *io)
{
  if (json || opt == NNS_COLOR_OPT_NEVER)
    return FALSE;
  return opt == NNS_COLOR_OPT_ALWAYS || nns_io_is_terminal(sh, io);
}
