/* `netnsim replay`: the options of its own, then the files. */
#include "shell/replay/replay.h"

#include <stdio.h>

int
nns_replay_main(int argc, char **argv, NnsReplayOptions *opts)
{
  int i = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (g_str_equal(argv[i], "--update"))
      opts->update = TRUE;
    else if (g_str_equal(argv[i], "--verbose") || g_str_equal(argv[i], "-v"))
      opts->verbose = TRUE;
    else
      break;
  }
  if (i == argc || argv[i][0] == '-') {
    fputs("Usage: netnsim replay [--world host|bare] [--seed N] [--backend sim|kernel]\n"
          "                      [--update] [--verbose] FILE...\n", stderr);
    return 2;
  }
  g_autoptr(GString) report = g_string_new(NULL);
  int rc = nns_replay_files(argv + i, argc - i, opts, report);
  fputs(report->str, stdout);
  return rc;
}
