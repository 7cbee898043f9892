/* The parsed form of one line of shell language.
 *
 * It is flat on purpose: a program is a list of pipelines, each tagged with
 * how it joins the previous one (;, && or ||), so neither parsing nor
 * running it recurses on the input's size. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds on what one line may hold; longer input is refused, not parsed. */
#define NNS_SH_MAX_LINE     65536
#define NNS_SH_MAX_TOKENS   4096
#define NNS_SH_MAX_WORDS    1024   /* words of one simple command */
#define NNS_SH_MAX_STAGES   64     /* commands of one pipeline */

typedef enum {
  NNS_SH_PART_LITERAL,        /* text, quotes already removed */
  NNS_SH_PART_PARAM,          /* $NAME, ${NAME}, $$, $?: text is the name */
} NnsShPartKind;

typedef struct {
  NnsShPartKind kind;
  char *text;
} NnsShPart;

/* A word before expansion.  `quoted` keeps "" as a (empty) field. */
typedef struct {
  GPtrArray *parts;           /* NnsShPart* */
  gboolean quoted;
} NnsShWord;

typedef enum {
  NNS_SH_REDIR_OUT,           /* [n]> file */
  NNS_SH_REDIR_APPEND,        /* [n]>> file */
  NNS_SH_REDIR_IN,            /* [n]< file */
  NNS_SH_REDIR_DUP,           /* [n]>&m */
  NNS_SH_REDIR_BOTH,          /* &> file, >& file */
  NNS_SH_REDIR_BOTH_APPEND,   /* &>> file */
} NnsShRedirKind;

typedef struct {
  NnsShRedirKind kind;
  int fd;                     /* the descriptor redirected */
  int dup_fd;                 /* NNS_SH_REDIR_DUP: the one copied */
  NnsShWord *target;          /* file name, NULL for DUP */
} NnsShRedir;

typedef struct {
  GPtrArray *words;           /* NnsShWord*: argv before expansion */
  GPtrArray *redirs;          /* NnsShRedir*, in order */
} NnsShCommand;

typedef enum {
  NNS_SH_JOIN_SEQ,            /* first, or after ; & newline */
  NNS_SH_JOIN_AND,            /* after && */
  NNS_SH_JOIN_OR,             /* after || */
} NnsShJoin;

typedef struct {
  NnsShJoin join;
  gboolean negate;            /* ! pipeline */
  GPtrArray *commands;        /* NnsShCommand*, stdout of one feeds the next */
} NnsShPipeline;

typedef struct {
  GPtrArray *pipelines;       /* NnsShPipeline* */
} NnsShProgram;

NnsShWord *nns_sh_word_new(void);
void nns_sh_word_free(NnsShWord *w);
void nns_sh_word_add(NnsShWord *w, NnsShPartKind kind, const char *text, gsize len);
void nns_sh_redir_free(NnsShRedir *r);
NnsShCommand *nns_sh_command_new(void);
void nns_sh_command_free(NnsShCommand *c);
NnsShPipeline *nns_sh_pipeline_new(NnsShJoin join);
void nns_sh_pipeline_free(NnsShPipeline *p);
NnsShProgram *nns_sh_program_new(void);
void nns_sh_program_free(NnsShProgram *prog);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShWord, nns_sh_word_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShCommand, nns_sh_command_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShPipeline, nns_sh_pipeline_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShProgram, nns_sh_program_free)

G_END_DECLS
