/* What lex.c and lex-subst.c share: the lexer's state and the helpers
 * the substitutions' lexing needs. */
#pragma once

#include "shell/sh/lex.h"

G_BEGIN_DECLS

typedef struct _NnsShLexer {
  const char *s;
  gsize i;
  NnsShToken *tok;            /* the token being made */
  const NnsShOrigin *origin;
  gsize line_pos;             /* line_no is the line of s[line_pos] */
  guint line_no;
  guint depth;                /* ${, $( and $(( inside each other */
  const guint *pdepth;        /* the parser's nesting, which these add to */
  gsize unit_start;           /* where the current command began */
  guint unit_tokens;
} Lexer;

/* The line number of s[pos]. */
guint nns_sh_lex_line_at(Lexer *lx, gsize pos);
/* bash's "unexpected EOF while looking for matching `X'", at the line
 * of `open`; always FALSE. */
gboolean nns_sh_lex_eof(Lexer *lx, gsize open, char what, GError **error);
/* A $ at lx->i, and what follows it. */
gboolean nns_sh_lex_dollar(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error);
/* How deep the expansion being read stands: the parser's compound
 * commands and substitutions, and this lexer's own ${ $( $((. */
guint nns_sh_lex_nesting(Lexer *lx);

/* lex-subst.c: $( ) or $(( )) at lx->i (the $), and `...` (the `). */
gboolean nns_sh_lex_paren(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error);
gboolean nns_sh_lex_backquote(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error);
/* ((EXPR)) at lx->i where a token starts: TRUE with *w the expression
 * (one ARITH part), or TRUE with *w NULL when the parentheses do not
 * close as (( )) (a subshell, which the parser refuses). */
gboolean nns_sh_lex_arith_command(Lexer *lx, NnsShWord **w, GError **error);

G_END_DECLS
