/* The table of profiles and the analysis of a command line they share. */
#include "shell/replay/profile.h"

#include <string.h>

static const NnsProfile profiles[] = {
  { "iproute2-3.10", nns_profile_iproute2_3_10 },
  { "iputils-s20121221", nns_profile_iputils_s20121221 },
  { "iputils-s20101006", nns_profile_iputils_s20101006 },
  { "locale-zh_CN", nns_profile_locale_zh_cn },
  { "linux-3.x", nns_profile_linux_3 },
};

const NnsProfile *
nns_profile_lookup(const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS(profiles); i++)
    if (g_str_equal(profiles[i].name, name))
      return &profiles[i];
  return NULL;
}

gboolean
nns_profile_matches(const char *word, const char *full)
{
  return *word && g_str_has_prefix(full, word);
}

int
nns_profile_ip_object(char **argv)
{
  if (!argv[0] || !g_str_equal(argv[0], "ip"))
    return -1;
  for (int i = 1; argv[i]; i++) {
    const char *w = argv[i];
    if (w[0] != '-')
      return i;
    /* global options that take an argument */
    if (g_str_equal(w, "-n") || g_str_equal(w, "-netns") || g_str_equal(w, "-f") ||
        g_str_equal(w, "-family") || g_str_equal(w, "-b") || g_str_equal(w, "-batch") ||
        g_str_equal(w, "-rc") || g_str_equal(w, "-rcvbuf"))
      i++;
  }
  return -1;
}

int
nns_profile_command_pid(const NnsProfileCmd *cmd, int *spawned)
{
  NnsBackend *be = cmd->sh->backend;
  int pid = nns_shell_pid(cmd->sh);
  *spawned = 0;
  if (cmd->netns) {
    *spawned = be->ops->process_spawn(be, pid, cmd->netns, NULL);
    return *spawned > 0 ? *spawned : -1;
  }
  return pid;
}

void
nns_profile_set_line(GPtrArray *lines, guint i, char *text)
{
  g_free(lines->pdata[i]);
  lines->pdata[i] = text;
}

void
nns_profiles_apply(GPtrArray *list, NnsShell *sh, const char *cmdline, GPtrArray *lines)
{
  if (!list || !list->len || strpbrk(cmdline, "|;&<>`"))
    return;
  g_auto(GStrv) argv = NULL;
  if (!g_shell_parse_argv(cmdline, NULL, &argv, NULL))
    return;
  char **words = argv;
  const char *netns = NULL;
  while (words[0] && words[1] && words[2] && words[3] && g_str_equal(words[0], "ip") &&
         g_str_equal(words[1], "netns") && g_str_equal(words[2], "exec")) {
    netns = words[3];
    words += 4;
  }
  NnsProfileCmd cmd = { sh, words, netns };
  for (guint i = 0; i < list->len; i++)
    ((const NnsProfile *) list->pdata[i])->apply(&cmd, lines);
}
