/* Splitting shell text into words and operators, the way POSIX sh does:
 * quotes and backslashes are resolved here, $-expansions are kept as
 * parts of the word for the executor to fill in.  Reserved words (if,
 * then, do, ...) are words here: whether one is reserved depends on where
 * it stands, which the parser knows. */
#pragma once

#include "shell/sh/ast.h"
#include "shell/sh/frame.h"

G_BEGIN_DECLS

typedef enum {
  NNS_SH_TOK_WORD,
  NNS_SH_TOK_NEWLINE,
  NNS_SH_TOK_SEMI,            /* ; */
  NNS_SH_TOK_DSEMI,           /* ;; (ends a case item) */
  NNS_SH_TOK_SEMI_AND,        /* ;& (case, refused) */
  NNS_SH_TOK_DSEMI_AND,       /* ;;& (case, refused) */
  NNS_SH_TOK_LPAREN,          /* ( */
  NNS_SH_TOK_RPAREN,          /* ) */
  NNS_SH_TOK_ARITH,           /* ((EXPR)): word holds one ARITH part */
  NNS_SH_TOK_AMP,             /* & */
  NNS_SH_TOK_AND,             /* && */
  NNS_SH_TOK_OR,              /* || */
  NNS_SH_TOK_PIPE,            /* | */
  NNS_SH_TOK_PIPE_ALL,        /* |& */
  NNS_SH_TOK_GREAT,           /* > and >| */
  NNS_SH_TOK_DGREAT,          /* >> */
  NNS_SH_TOK_LESS,            /* < */
  NNS_SH_TOK_GREATAND,        /* >& */
  NNS_SH_TOK_ANDGREAT,        /* &> */
  NNS_SH_TOK_ANDDGREAT,       /* &>> */
  NNS_SH_TOK_END,
} NnsShTokKind;

typedef struct {
  NnsShTokKind kind;
  char *text;                 /* as typed, for "unexpected token `X'" */
  NnsShWord *word;            /* NNS_SH_TOK_WORD */
  int io_number;              /* 2 in "2>", -1 when absent */
  guint lineno;               /* the line it starts on */
} NnsShToken;

void nns_sh_token_free(NnsShToken *tok);

#define NNS_SH_ERROR (nns_sh_error_quark())
GQuark nns_sh_error_quark(void);

/* Where the text comes from, for bash's complaints: the shell reading it
 * (its name and how it reads) and the number of the text's first line. */
typedef struct {
  const NnsShFrame *frame;
  guint first_line;
} NnsShOrigin;

/* A lexer reads its text one token at a time, as the parser asks, so
 * that what follows a command is not read before it runs (bash runs
 * `echo a` of "echo a\necho 'b" before it finds the quote open). */
typedef struct _NnsShLexer NnsShLexer;

NnsShLexer *nns_sh_lexer_new(const char *text, const NnsShOrigin *origin);
/* A lexer of the text from text[start] on (a $( )'s list), which stands
 * on line `line`, for a parser whose nesting is *depth: the lexer's own
 * ${ and $( nest on top of it, against NNS_SH_MAX_DEPTH. */
NnsShLexer *nns_sh_lexer_new_at(const char *text, gsize start, guint line, const NnsShOrigin *origin,
                                const guint *depth);
/* Where it has read to. */
gsize nns_sh_lexer_pos(NnsShLexer *lx);
void nns_sh_lexer_free(NnsShLexer *lx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShLexer, nns_sh_lexer_free)
/* The next token (NNS_SH_TOK_END at the end, and after); NULL with an
 * error whose message is what bash prints on stderr (no newline). */
NnsShToken *nns_sh_lexer_next(NnsShLexer *lx, GError **error);
/* A new command starts: the bounds on one command's size count from here. */
void nns_sh_lexer_start_unit(NnsShLexer *lx);
/* The line the lexer has reached. */
guint nns_sh_lexer_line(NnsShLexer *lx);

G_END_DECLS
