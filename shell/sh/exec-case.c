/* case WORD in PATTERN) LIST ;; ... esac: the word expanded once, each
 * pattern in turn (expanded only when reached) matched with fnmatch(3),
 * as bash's case matches (no pathname rules: * matches / and a leading
 * dot); the list of the first that matches runs.  Status 0 when none
 * does or the list is empty. */
#include "shell/sh/exec-private.h"
#include "shell/sh/expand.h"

#include <fnmatch.h>

int
nns_sh_exec_case(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  c->frame->lineno = n->lineno;
  NnsShExpand x;
  nns_sh_expand_init(&x, c, io);
  g_autofree char *subject = nns_sh_expand_string(&x, g_ptr_array_index(n->words, 0));
  if (!subject) {
    c->frame->fatal = x.fatal;
    return x.status;
  }
  for (guint i = 0; i < n->patterns->len; i++) {
    GPtrArray *pats = g_ptr_array_index(n->patterns, i);
    for (guint k = 0; k < pats->len; k++) {
      g_autofree char *pat = nns_sh_expand_pattern(&x, g_ptr_array_index(pats, k));
      if (!pat) {
        c->frame->fatal = x.fatal;
        return x.status;
      }
      if (fnmatch(pat, subject, 0) != 0)
        continue;
      if (!nns_sh_charge(c, x.expanded, io))
        return 126;
      const NnsShNode *body = g_ptr_array_index(n->kids, i);
      return body->kids->len ? nns_sh_exec_list(c, body, io) : 0;
    }
  }
  if (!nns_sh_charge(c, x.expanded, io))
    return 126;
  return 0;
}
