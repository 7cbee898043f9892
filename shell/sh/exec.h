/* Running a parsed line: and-or lists, pipelines (each stage's output is
 * the next one's input, buffered), redirections, $?. */
#pragma once

#include "shell/shell.h"
#include "shell/sh/ast.h"

G_BEGIN_DECLS

/* Runs it in the innermost shell; returns, and leaves in sh->last_status,
 * the status of the last pipeline run. */
int nns_sh_exec(NnsShell *sh, const NnsShProgram *prog, NnsIo *io);

G_END_DECLS
