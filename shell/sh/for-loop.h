/* One-line `for` loops. */
#pragma once

#include "shell/shell.h"

/* TRUE when `line` is a for loop (then run, with its status in *status). */
gboolean nns_sh_for_loop(NnsShell *sh, const char *line, NnsIo *io, int *status);
