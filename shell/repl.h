/* The interactive readline shell. */
#pragma once

#include "shell/shell.h"

int nns_repl_run(NnsShell *sh);

typedef struct _NnsSession NnsSession;
/* The same, appending each command, its output and status to `session`
 * (shell/replay/session.h), so the session can be replayed. */
int nns_repl_run_recorded(NnsShell *sh, NnsSession *session);
