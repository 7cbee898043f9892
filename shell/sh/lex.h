/* Splitting a line into words and operators, the way POSIX sh does:
 * quotes and backslashes are resolved here, $-expansions are kept as
 * parts of the word for the executor to fill in. */
#pragma once

#include "shell/sh/ast.h"

G_BEGIN_DECLS

typedef enum {
  NNS_SH_TOK_WORD,
  NNS_SH_TOK_NEWLINE,
  NNS_SH_TOK_SEMI,            /* ; */
  NNS_SH_TOK_DSEMI,           /* ;; (case only: always an error here) */
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
} NnsShToken;

void nns_sh_token_free(NnsShToken *tok);

#define NNS_SH_ERROR (nns_sh_error_quark())
GQuark nns_sh_error_quark(void);

/* Array of NnsShToken*, ending with NNS_SH_TOK_END; NULL with an error
 * whose message is what bash prints on stderr (without the newline). */
GPtrArray *nns_sh_lex(const char *line, GError **error);

G_END_DECLS
