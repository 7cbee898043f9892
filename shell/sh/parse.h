/* From tokens to an NnsShProgram, with bash's syntax error texts. */
#pragma once

#include "shell/sh/ast.h"

G_BEGIN_DECLS

/* NULL with an NNS_SH_ERROR whose message is bash's stderr text (one or
 * two lines, no final newline) and whose code is the exit status. */
NnsShProgram *nns_sh_parse(const char *line, GError **error);

G_END_DECLS
