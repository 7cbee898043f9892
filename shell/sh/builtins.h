/* The builtins that act on the shell's own state (break, continue,
 * shift, set, export, unset, :). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

void nns_sh_builtins_register(NnsShell *sh);

G_END_DECLS
