/* Running parsed shell language: lists, and-or lists, pipelines (each
 * stage's output is the next one's input, buffered; each stage of a
 * pipeline of several runs in a copy of the shell's frame, as bash runs
 * them in subshells), redirections, assignments, compound commands. */
#pragma once

#include "shell/shell.h"
#include "shell/sh/ast.h"

G_BEGIN_DECLS

/* Runs a list in the innermost shell; returns, and leaves in
 * sh->last_status, the status of the last pipeline run (sh->last_status
 * unchanged for an empty list). */
int nns_sh_exec(NnsShell *sh, const NnsShNode *list, NnsIo *io);

G_END_DECLS
