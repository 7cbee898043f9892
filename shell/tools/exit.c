/* exit [N]: leaves a shell entered by `ip netns exec NS bash`, or asks the
 * outermost one to end. */
#include "shell/tools/tools.h"

#include <stdlib.h>

int
nns_tool_exit(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  int status = sh->last_status;
  if (argc > 1) {
    char *end = NULL;
    gint64 v = g_ascii_strtoll(argv[1], &end, 10);
    if (end == argv[1] || *end) {
      nns_err(io, "bash: line 1: exit: %s: numeric argument required\n", argv[1]);
      status = 2;
    } else if (argc > 2) {
      nns_err(io, "bash: line 1: exit: too many arguments\n");
      return 1;
    } else {
      status = (int) (v & 0xff);
    }
  }
  if (!nns_shell_pop(sh)) {
    sh->exit_requested = TRUE;
    sh->exit_status = status;
  }
  return status;
}
