/* Parameter expansion: a word's $-parts filled in from the shell's state;
 * `pid` is the shell process the line runs in ($$). */
#pragma once

#include "shell/shell.h"
#include "shell/sh/ast.h"

G_BEGIN_DECLS

/* The word's text; NULL when it expands to no field at all (an unquoted
 * expansion that is empty, as $UNSET). */
char *nns_sh_expand_word(NnsShell *sh, int pid, const NnsShWord *w);
/* argv of a command, NULL-terminated; *argc set. */
char **nns_sh_expand_words(NnsShell *sh, int pid, GPtrArray *words, int *argc);

G_END_DECLS
