/* if, while, until, for and { } (case: parse-case.c): the compound commands, whose bodies are
 * lists that end at a reserved word. */
#include "shell/sh/parse-private.h"

static gboolean
at_any(Parser *p, const char *const *words)
{
  const char *r = nns_sh_reserved(p);
  for (; r && *words; words++)
    if (g_str_equal(r, *words))
      return TRUE;
  return FALSE;
}

/* A list inside a compound command, up to one of `ends` where a command
 * would start; it must hold a command. */
NnsShNode *
nns_sh_parse_compound_list(Parser *p, const char *const *ends, gboolean may_be_empty, GError **error)
{
  nns_sh_skip_newlines(p);
  g_autoptr(NnsShNode) list = nns_sh_node_new(NNS_SH_NODE_LIST, nns_sh_peek(p)->lineno);
  for (;;) {
    if (at_any(p, ends))
      break;
    NnsShTokKind first = nns_sh_peek(p)->kind;
    if (first == NNS_SH_TOK_END || first == NNS_SH_TOK_DSEMI || first == NNS_SH_TOK_SEMI_AND
        || first == NNS_SH_TOK_DSEMI_AND)
      break;
    if (!nns_sh_parse_and_or(p, list, error))
      return NULL;
    NnsShTokKind k = nns_sh_peek(p)->kind;
    if (k != NNS_SH_TOK_SEMI && k != NNS_SH_TOK_AMP && k != NNS_SH_TOK_NEWLINE)
      break;
    nns_sh_next(p);
    nns_sh_skip_newlines(p);
  }
  if (list->kids->len == 0 && !may_be_empty) {
    nns_sh_syntax_error(p, error);
    return NULL;
  }
  return g_steal_pointer(&list);
}

static gboolean
expect(Parser *p, const char *word, GError **error)
{
  if (!nns_sh_at_word(p, word))
    return nns_sh_syntax_error(p, error);
  nns_sh_next(p);
  return TRUE;
}

static gboolean
add_list(Parser *p, NnsShNode *n, const char *const *ends, GError **error)
{
  NnsShNode *list = nns_sh_parse_compound_list(p, ends, FALSE, error);
  if (!list)
    return FALSE;
  g_ptr_array_add(n->kids, list);
  return TRUE;
}

static NnsShNode *
parse_if(Parser *p, GError **error)
{
  static const char *const then[] = { "then", NULL };
  static const char *const branch_end[] = { "elif", "else", "fi", NULL };
  static const char *const fi[] = { "fi", NULL };
  g_autoptr(NnsShNode) n = nns_sh_node_new(NNS_SH_NODE_IF, nns_sh_next(p)->lineno);
  for (;;) {
    if (!add_list(p, n, then, error) || !expect(p, "then", error) || !add_list(p, n, branch_end, error))
      return NULL;
    if (nns_sh_at_word(p, "elif")) {
      nns_sh_next(p);
      continue;
    }
    if (nns_sh_at_word(p, "else")) {
      nns_sh_next(p);
      if (!add_list(p, n, fi, error))
        return NULL;
    }
    if (!expect(p, "fi", error))
      return NULL;
    return g_steal_pointer(&n);
  }
}

static const char *const done[] = { "done", NULL };

static gboolean
parse_do_done(Parser *p, NnsShNode *n, GError **error)
{
  return expect(p, "do", error) && add_list(p, n, done, error) && expect(p, "done", error);
}

static NnsShNode *
parse_while(Parser *p, NnsShNodeKind kind, GError **error)
{
  static const char *const do_[] = { "do", NULL };
  g_autoptr(NnsShNode) n = nns_sh_node_new(kind, nns_sh_next(p)->lineno);
  if (!add_list(p, n, do_, error) || !parse_do_done(p, n, error))
    return NULL;
  return g_steal_pointer(&n);
}

/* for NAME [in WORD... (;|newline)] do LIST done; also `for NAME; do`
 * and `for NAME do`.  A NAME that is not a name is bash's error when the
 * loop runs, not when it is read. */
static NnsShNode *
parse_for(Parser *p, GError **error)
{
  g_autoptr(NnsShNode) n = nns_sh_node_new(NNS_SH_NODE_FOR, nns_sh_next(p)->lineno);
  NnsShToken *name = nns_sh_peek(p);
  if (name->kind != NNS_SH_TOK_WORD) {
    nns_sh_syntax_error_at(p, TRUE, error);
    return NULL;
  }
  n->name = g_strdup(name->text);
  nns_sh_next(p);
  nns_sh_skip_newlines(p);
  if (nns_sh_at_word(p, "in")) {
    nns_sh_next(p);
    n->words = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_word_free);
    while (nns_sh_peek(p)->kind == NNS_SH_TOK_WORD) {
      if (n->words->len >= NNS_SH_MAX_WORDS) {
        g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d words in one command", NNS_SH_MAX_WORDS);
        return NULL;
      }
      g_ptr_array_add(n->words, g_steal_pointer(&nns_sh_next(p)->word));
    }
    NnsShTokKind k = nns_sh_peek(p)->kind;
    if (k != NNS_SH_TOK_SEMI && k != NNS_SH_TOK_NEWLINE) {
      nns_sh_syntax_error(p, error);
      return NULL;
    }
    nns_sh_next(p);
  } else if (nns_sh_peek(p)->kind == NNS_SH_TOK_SEMI) {
    nns_sh_next(p);
  }
  nns_sh_skip_newlines(p);
  if (!parse_do_done(p, n, error))
    return NULL;
  return g_steal_pointer(&n);
}

static NnsShNode *
parse_group(Parser *p, GError **error)
{
  static const char *const close[] = { "}", NULL };
  g_autoptr(NnsShNode) n = nns_sh_node_new(NNS_SH_NODE_GROUP, nns_sh_next(p)->lineno);
  if (!add_list(p, n, close, error) || !expect(p, "}", error))
    return NULL;
  return g_steal_pointer(&n);
}

NnsShNode *
nns_sh_parse_compound(Parser *p, const char *word, GError **error)
{
  if (g_str_equal(word, "if"))
    return parse_if(p, error);
  if (g_str_equal(word, "while"))
    return parse_while(p, NNS_SH_NODE_WHILE, error);
  if (g_str_equal(word, "until"))
    return parse_while(p, NNS_SH_NODE_UNTIL, error);
  if (g_str_equal(word, "for"))
    return parse_for(p, error);
  if (g_str_equal(word, "case"))
    return nns_sh_parse_case(p, error);
  return parse_group(p, error);
}
