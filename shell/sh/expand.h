/* Parameter expansion, command substitution, arithmetic expansion and
 * word splitting: a word's $-parts filled in
 * from the shell's state (its frame's variables and parameters, $?, $$),
 * then the results of unquoted expansions split into fields at $IFS as
 * bash splits them.  No pathname expansion: `*` stays as typed. */
#pragma once

#include "shell/shell.h"
#include "shell/sh/ast.h"
#include "shell/sh/frame.h"

G_BEGIN_DECLS

typedef struct {
  NnsShell *sh;
  int pid;                    /* the shell process ($$) */
  NnsShFrame *frame;          /* its variables */
  GString *err;               /* where a failed expansion is reported */
  int status;                 /* after a failure: the status bash gives it */
  gboolean fatal;             /* after a failure that ends bash's input */
  gsize expanded;             /* bytes of every expansion made with it */
  NnsIo *io;                  /* the command's streams: a $( ) reads its standard input (NULL: none) */
  gboolean substituted;       /* a $( ) ran: subst_status is its status */
  int subst_status;
} NnsShExpand;

/* The fields of `words` (argv of a command, the list of a for loop),
 * NULL-terminated in a GStrv-like array (g_strfreev); NULL on failure,
 * reported on x->err with x->status set. */
char **nns_sh_expand_fields(NnsShExpand *x, GPtrArray *words, int *count);
/* A word expanded without splitting (an assignment's value). */
char *nns_sh_expand_string(NnsShExpand *x, const NnsShWord *w);
/* A redirection's file: exactly one field, else bash's "ambiguous
 * redirect" (status 1). */
char *nns_sh_expand_target(NnsShExpand *x, const NnsShWord *w);
/* A case pattern: expanded without splitting, what was quoted escaped
 * with a backslash, for fnmatch(3). */
char *nns_sh_expand_pattern(NnsShExpand *x, const NnsShWord *w);

/* cmdsubst.c: runs `list` (a $( )) in a subshell of x's shell, its
 * standard output returned with its final newlines removed; its status
 * is $? after, and x->subst_status. */
char *nns_sh_cmdsubst(NnsShExpand *x, const NnsShNode *list);

G_END_DECLS
