/* locale-zh_CN: coreutils `ls -l` under LANG=zh_CN.UTF-8, as on the
 * Chinese tutorials' machines: the "total" line reads "总用量" and the
 * month of a date is "1月" ... "12月" (the date itself is masked by the
 * normalisation, the words are not). */
#include "shell/replay/profile.h"

#include <string.h>

static gboolean
long_listing(char **argv)
{
  if (!argv[0] || !g_str_equal(argv[0], "ls"))
    return FALSE;
  for (int i = 1; argv[i]; i++)
    if (argv[i][0] == '-' && argv[i][1] != '-' && strchr(argv[i], 'l'))
      return TRUE;
  return FALSE;
}

void
nns_profile_locale_zh_cn(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  if (!long_listing(cmd->argv))
    return;
  g_autoptr(GRegex) month = g_regex_new(" (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ", 0, 0, NULL);
  for (guint i = 0; i < lines->len; i++) {
    const char *l = lines->pdata[i];
    if (g_str_has_prefix(l, "total ")) {
      nns_profile_set_line(lines, i, g_strconcat("总用量 ", l + 6, NULL));
      continue;
    }
    g_autoptr(GMatchInfo) m = NULL;
    if (!g_regex_match(month, l, 0, &m))
      continue;
    g_autofree char *name = g_match_info_fetch(m, 1);
    int start, end;
    g_match_info_fetch_pos(m, 1, &start, &end);
    for (guint k = 0; k < G_N_ELEMENTS(months); k++)
      if (g_str_equal(months[k], name))
        nns_profile_set_line(lines, i, g_strdup_printf("%.*s%u月%s", start, l, k + 1, l + end));
  }
}
