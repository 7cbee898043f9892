/* What exec.c and exec-compound.c share. */
#pragma once

#include "shell/shell.h"
#include "shell/sh/ast.h"
#include "shell/sh/expand.h"
#include "shell/sh/frame.h"

G_BEGIN_DECLS

/* The shell a list runs in: its process, its frame, and what tells that
 * it has ended (`exit` popped it or asked the outermost one to end). */
typedef struct {
  NnsShell *sh;
  int pid;
  NnsShFrame *frame;
  guint depth;                /* sh->pids->len when it began */
  gboolean exiting;           /* sh->exit_requested when it began */
  guint no_errexit;           /* inside a condition, or a && || list but its last: set -e waits */
} NnsShCtx;

/* Nothing more of this shell's input runs: it exited, met a fatal error,
 * or a break/continue is on its way out. */
gboolean nns_sh_ctx_stopped(const NnsShCtx *c);
/* Bytes expanded (or written and read by a command inside a loop)
 * against the input's NNS_SHELL_MAX_WORK_BYTES: past it FALSE, every loop
 * stops and the shell's input ends. */
gboolean nns_sh_charge(NnsShCtx *c, gsize bytes, NnsIo *io);
int nns_sh_exec_list(NnsShCtx *c, const NnsShNode *list, NnsIo *io);
/* An expansion in c's shell for a command whose streams are `io`. */
void nns_sh_expand_init(NnsShExpand *x, NnsShCtx *c, NnsIo *io);
/* What a command read of io's standard input `in` (it read cio's) is
 * gone for the next one. */
void nns_sh_consume_input(NnsIo *io, const char *in, const NnsIo *cio);
/* exec-case.c */
int nns_sh_exec_case(NnsShCtx *c, const NnsShNode *n, NnsIo *io);
/* exec-arith.c: ((EXPR)) */
int nns_sh_exec_arith(NnsShCtx *c, const NnsShNode *n, NnsIo *io);
/* if, while, until, for, { }: without their redirections. */
int nns_sh_exec_compound(NnsShCtx *c, const NnsShNode *n, NnsIo *io);

G_END_DECLS
