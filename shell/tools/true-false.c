/* true and false ignore their arguments, as bash's builtins do. */
#include "shell/tools/tools.h"

int
nns_tool_true(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh; (void) pid; (void) argc; (void) argv; (void) io;
  return 0;
}

int
nns_tool_false(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh; (void) pid; (void) argc; (void) argv; (void) io;
  return 1;
}
