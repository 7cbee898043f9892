/* Redirections of one simple command: where its descriptors 0, 1 and 2
 * lead while it runs.  Output to files is collected in buffers and
 * written when the command ends (deterministic, and a /proc/sys write is
 * one write() as with the real tools). */
#pragma once

#include "shell/shell.h"
#include "shell/sh/ast.h"
#include "shell/sh/expand.h"

G_BEGIN_DECLS

typedef struct {
  GString *out;               /* descriptor 1 */
  GString *err;               /* descriptor 2 */
  const char *in;             /* descriptor 0 */
  gsize in_len;
  GString *in_file;           /* contents read for "< FILE" */
  GPtrArray *opened;          /* files written: path and buffer */
} NnsShRedirs;

void nns_sh_redirs_init(NnsShRedirs *r, GString *out, GString *err, const char *in, gsize in_len);
/* Applies them left to right (file names expanded by x); on failure
 * prints bash's complaint on the stderr in effect and returns FALSE (the
 * command must not run), x->status and x->fatal set. */
gboolean nns_sh_redirs_apply(NnsShExpand *x, NnsShRedirs *r, GPtrArray *redirs);
/* Writes the collected output into its files.  `name` is the command, for
 * "NAME: write error: ..."; returns FALSE when a write failed. */
gboolean nns_sh_redirs_flush(NnsShExpand *x, NnsShRedirs *r, const char *name);
void nns_sh_redirs_clear(NnsShRedirs *r);

G_END_DECLS
