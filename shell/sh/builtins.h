/* The builtins that act on the shell's own state (break, continue,
 * shift, set, export, unset, read, :). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

void nns_sh_builtins_register(NnsShell *sh);

/* bash's legal_number: a decimal integer with optional blanks around it
 * (break, shift, test's -eq and -t). */
gboolean nns_sh_legal_number(const char *s, gint64 *out);

/* builtin-read.c */
extern const NnsCommand nns_sh_builtin_read;

G_END_DECLS
