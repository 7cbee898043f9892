/* ((EXPR)), the arithmetic command: EXPR expanded and evaluated as
 * $((EXPR)) is; status 0 when it is not 0, else 1.  bash complains of a
 * bad expression under the name `((' and goes on (status 1), where the
 * same error in $(( )) ends its input. */
#include "shell/sh/arith.h"
#include "shell/sh/exec-private.h"
#include "shell/sh/expand.h"

int
nns_sh_exec_arith(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  c->frame->lineno = n->lineno;
  const NnsShWord *w = g_ptr_array_index(n->words, 0);
  const NnsShPart *part = g_ptr_array_index(w->parts, 0);
  NnsShExpand x;
  nns_sh_expand_init(&x, c, io);
  g_autofree char *expr = nns_sh_expand_string(&x, part->arg);
  if (!expr) {
    c->frame->fatal = x.fatal;
    return x.status;
  }
  if (!nns_sh_charge(c, x.expanded, io))
    return 126;
  gint64 value = 0;
  g_autofree char *msg = NULL;
  if (!nns_sh_arith_eval(c->frame, expr, &value, &msg)) {
    g_autofree char *where = nns_sh_frame_where(c->frame);
    nns_err(io, "%s((: %s\n", where, msg);
    return 1;
  }
  return value != 0 ? 0 : 1;
}
