/* The list of a command substitution, read by a parser of its own from
 * where the $( or the backquoted text starts (parse.h). */
#include "shell/sh/parse.h"
#include "shell/sh/parse-private.h"

NnsShNode *
nns_sh_parse_subst(const char *text, gsize start, guint line, const NnsShOrigin *origin, guint depth,
                   gboolean paren, gsize *end, GError **error)
{
  g_autoptr(NnsShParser) p = nns_sh_parser_new(text, origin);
  nns_sh_lexer_free(p->lx);
  p->lx = nns_sh_lexer_new_at(text, start, line, origin, &p->depth);
  p->depth = depth;
  p->in_subst = paren;
  g_autoptr(NnsShNode) list = nns_sh_node_new(NNS_SH_NODE_LIST, line);
  g_autoptr(GError) parse_error = NULL;
  gboolean ok = TRUE;
  for (;;) {
    nns_sh_skip_newlines(p);
    NnsShTokKind k = nns_sh_peek(p)->kind;
    if (k == NNS_SH_TOK_END && !paren)
      break;
    if (k == NNS_SH_TOK_RPAREN && paren) {
      nns_sh_next(p);
      break;
    }
    if (!nns_sh_parse_and_or(p, list, &parse_error)) {
      ok = FALSE;
      break;
    }
    k = nns_sh_peek(p)->kind;
    if (k == NNS_SH_TOK_SEMI || k == NNS_SH_TOK_AMP || k == NNS_SH_TOK_NEWLINE)
      nns_sh_next(p);
    else if (!(k == NNS_SH_TOK_RPAREN && paren) && !(k == NNS_SH_TOK_END && !paren)) {
      ok = nns_sh_syntax_error(p, &parse_error);
      break;
    }
  }
  if (!nns_sh_parse_settle(p, ok, &parse_error, error))
    return NULL;
  *end = nns_sh_lexer_pos(p->lx);
  return g_steal_pointer(&list);
}
