/* The interactive readline shell. */
#pragma once

#include "shell/shell.h"

int nns_repl_run(NnsShell *sh);
