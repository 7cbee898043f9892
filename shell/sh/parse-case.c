/* case WORD in [(]PATTERN[|PATTERN]...) LIST ;; ... esac, as bash reads
 * it: newlines before `in' and between items, an empty LIST, no `;;'
 * before `esac'; `esac' where a pattern would start ends the case.
 * `;&' and `;;&' (fall through, test the next) are refused. */
#include "shell/sh/parse-private.h"

static const char *const item_end[] = { "esac", NULL };

/* The patterns of one item, up to and with its `)'. */
static GPtrArray *
parse_patterns(Parser *p, GError **error)
{
  g_autoptr(GPtrArray) pats = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_word_free);
  if (nns_sh_peek(p)->kind == NNS_SH_TOK_LPAREN)
    nns_sh_next(p);
  for (;;) {
    NnsShToken *tok = nns_sh_peek(p);
    if (tok->kind != NNS_SH_TOK_WORD) {
      nns_sh_syntax_error(p, error);
      return NULL;
    }
    g_ptr_array_add(pats, g_steal_pointer(&tok->word));
    nns_sh_next(p);
    NnsShTokKind k = nns_sh_peek(p)->kind;
    if (k != NNS_SH_TOK_RPAREN && k != NNS_SH_TOK_PIPE) {
      nns_sh_syntax_error(p, error);
      return NULL;
    }
    nns_sh_next(p);
    if (k == NNS_SH_TOK_RPAREN)
      return g_steal_pointer(&pats);
  }
}

NnsShNode *
nns_sh_parse_case(Parser *p, GError **error)
{
  g_autoptr(NnsShNode) n = nns_sh_node_new(NNS_SH_NODE_CASE, nns_sh_next(p)->lineno);
  NnsShToken *subject = nns_sh_peek(p);
  if (subject->kind != NNS_SH_TOK_WORD) {
    nns_sh_syntax_error_at(p, TRUE, error);
    return NULL;
  }
  g_ptr_array_add(n->words, g_steal_pointer(&subject->word));
  nns_sh_next(p);
  nns_sh_skip_newlines(p);
  if (!nns_sh_at_word(p, "in")) {
    nns_sh_syntax_error(p, error);
    return NULL;
  }
  nns_sh_next(p);
  for (;;) {
    nns_sh_skip_newlines(p);
    if (nns_sh_at_word(p, "esac")) {
      nns_sh_next(p);
      return g_steal_pointer(&n);
    }
    GPtrArray *pats = parse_patterns(p, error);
    if (!pats)
      return NULL;
    g_ptr_array_add(n->patterns, pats);
    NnsShNode *body = nns_sh_parse_compound_list(p, item_end, TRUE, error);
    if (!body)
      return NULL;
    g_ptr_array_add(n->kids, body);
    NnsShTokKind k = nns_sh_peek(p)->kind;
    if (k == NNS_SH_TOK_SEMI_AND || k == NNS_SH_TOK_DSEMI_AND) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: case: %s is not supported (only ;;)", nns_sh_peek(p)->text);
      return NULL;
    }
    if (k == NNS_SH_TOK_DSEMI) {
      nns_sh_next(p);
      continue;
    }
    if (nns_sh_at_word(p, "esac")) {
      nns_sh_next(p);
      return g_steal_pointer(&n);
    }
    nns_sh_syntax_error(p, error);
    return NULL;
  }
}
