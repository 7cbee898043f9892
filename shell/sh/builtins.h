/* The builtins that act on the shell's own state (break, continue,
 * shift, set, export, unset, read, :). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

void nns_sh_builtins_register(NnsShell *sh);

/* builtin-read.c */
extern const NnsCommand nns_sh_builtin_read;

G_END_DECLS
