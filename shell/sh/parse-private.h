/* What parse.c and parse-compound.c share: the parser's state and its
 * token-level helpers. */
#pragma once

#include "shell/sh/ast.h"
#include "shell/sh/lex.h"

G_BEGIN_DECLS

typedef struct _NnsShParser {
  NnsShLexer *lx;
  GPtrArray *toks;            /* the current command's tokens, read as needed */
  guint pos;
  NnsShToken *end;            /* stands for the rest after a lexer's error */
  GError *lex_error;
  const char *text;
  const NnsShOrigin *origin;
  guint depth;                /* compound commands and substitutions being parsed */
  gboolean in_subst;          /* the list of a $( ): its end is a `)' */
} Parser;

NnsShToken *nns_sh_peek(Parser *p);
NnsShToken *nns_sh_next(Parser *p);
void nns_sh_skip_newlines(Parser *p);
/* The plain text of the next token when it is an unquoted literal word. */
const char *nns_sh_reserved(Parser *p);
gboolean nns_sh_at_word(Parser *p, const char *word);
/* Always FALSE, with bash's complaint about the next token. */
gboolean nns_sh_syntax_error_at(Parser *p, gboolean end_is_newline, GError **error);
gboolean nns_sh_syntax_error(Parser *p, GError **error);
/* A parse's end: the lexer's complaint comes first when its error ended
 * the input, else the parser's (*parse_error) when !ok.  TRUE when the
 * parse stands. */
gboolean nns_sh_parse_settle(Parser *p, gboolean ok, GError **parse_error, GError **error);

gboolean nns_sh_parse_redirections(Parser *p, GPtrArray *redirs, GError **error);
/* One and-or list, its pipelines appended to `list`. */
gboolean nns_sh_parse_and_or(Parser *p, NnsShNode *list, GError **error);
/* The compound command that `word` (if, while, until, for, {, case) starts. */
NnsShNode *nns_sh_parse_compound(Parser *p, const char *word, GError **error);
/* A list inside a compound command, up to one of `ends` (reserved words)
 * where a command would start; it must hold a command unless
 * `may_be_empty`. */
NnsShNode *nns_sh_parse_compound_list(Parser *p, const char *const *ends, gboolean may_be_empty, GError **error);
/* parse-case.c: case WORD in ... esac, `case` next. */
NnsShNode *nns_sh_parse_case(Parser *p, GError **error);
/* Always NULL: subshells `( )` and function definitions `NAME()`. */
NnsShNode *nns_sh_refuse_subshell(GError **error);

G_END_DECLS
