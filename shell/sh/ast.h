/* The parsed form of shell language: a tree of commands.
 *
 * A list is a sequence of pipelines, each tagged with how it joins the
 * previous one (;, && or ||); a pipeline's stages are simple commands or
 * compound ones (if, while, until, for, { }), whose bodies are lists
 * again.  The parser bounds the depth of the tree (NNS_SH_MAX_DEPTH), so
 * neither parsing nor running it recurses deeper than that. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds on what one input may hold; longer input is refused, not parsed. */
#define NNS_SH_MAX_LINE     65536
#define NNS_SH_MAX_TOKENS   4096
#define NNS_SH_MAX_WORDS    1024   /* words of one simple command */
#define NNS_SH_MAX_STAGES   64     /* commands of one pipeline */
#define NNS_SH_MAX_DEPTH    64     /* compound commands inside compound commands */

typedef enum {
  NNS_SH_PART_LITERAL,        /* text, quotes already removed */
  NNS_SH_PART_PARAM,          /* $NAME, ${NAME}, ${NAME:-WORD}, ${#NAME}, $1, $@, $?, ... */
  NNS_SH_PART_BAD,            /* a ${...} bash refuses when it expands it ("bad substitution") */
  NNS_SH_PART_CMDSUBST,       /* $(LIST) or `LIST`: cmd */
  NNS_SH_PART_ARITH,          /* $((EXPR)): arg, the expression before its expansion */
} NnsShPartKind;

typedef struct _NnsShWord NnsShWord;
typedef struct _NnsShNode NnsShNode;

typedef struct {
  NnsShPartKind kind;
  gboolean quoted;            /* from inside quotes or after a backslash: never split */
  char *text;                 /* the literal text; the parameter's name; BAD: the ${...} as typed */
  gboolean length;            /* ${#NAME} */
  char op;                    /* 0, or the '-', '+', '=' or '?' of ${NAME-WORD} and its kin */
  gboolean colon;             /* ${NAME:-WORD}: an empty value counts as unset */
  NnsShWord *arg;             /* the WORD of op (NULL without op) */
  char *src;                  /* an expansion as typed ("${X:-a}"), for bash's complaints */
  NnsShNode *cmd;             /* CMDSUBST: the list it runs (NNS_SH_NODE_LIST) */
} NnsShPart;

/* A word before expansion. */
struct _NnsShWord {
  GPtrArray *parts;           /* NnsShPart* */
  gboolean quoted;            /* some of it was quoted: "" is an (empty) field */
  char *raw;                  /* as typed, for bash's complaints about it */
};

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

/* NAME=WORD before a command (or alone). */
typedef struct {
  char *name;
  NnsShWord *value;
} NnsShAssign;

typedef enum {
  NNS_SH_JOIN_SEQ,            /* first, or after ; & newline */
  NNS_SH_JOIN_AND,            /* after && */
  NNS_SH_JOIN_OR,             /* after || */
} NnsShJoin;

typedef enum {
  NNS_SH_NODE_LIST,           /* kids: pipelines, each with its join */
  NNS_SH_NODE_PIPELINE,       /* kids: its stages; negate */
  NNS_SH_NODE_SIMPLE,         /* assigns, words, redirs */
  NNS_SH_NODE_IF,             /* kids: cond, then, [cond, then]..., [else] (lists) */
  NNS_SH_NODE_WHILE,          /* kids: cond, body */
  NNS_SH_NODE_UNTIL,          /* kids: cond, body */
  NNS_SH_NODE_FOR,            /* name, words (NULL: "$@"), kids: body */
  NNS_SH_NODE_GROUP,          /* { list; }  kids: body */
  NNS_SH_NODE_ARITH,          /* ((EXPR)): words[0], one ARITH part */
  NNS_SH_NODE_CASE,           /* words[0]: the subject; patterns[i] (words) for kids[i] (a list, maybe empty) */
} NnsShNodeKind;
struct _NnsShNode {
  NnsShNodeKind kind;
  NnsShJoin join;             /* an item of a list */
  gboolean negate;            /* a pipeline after ! */
  guint lineno;               /* where it starts ($LINENO, "line N:") */
  GPtrArray *kids;            /* NnsShNode* */
  GPtrArray *words;           /* NnsShWord* */
  GPtrArray *assigns;         /* NnsShAssign* */
  GPtrArray *redirs;          /* NnsShRedir*, in order (simple and compound commands) */
  char *name;                 /* FOR: the variable */
  GPtrArray *patterns;        /* CASE: GPtrArray* of NnsShWord*, one per item */
};

NnsShWord *nns_sh_word_new(void);
void nns_sh_word_free(NnsShWord *w);
/* Adjacent literal text of the same quoting is merged. */
void nns_sh_word_add(NnsShWord *w, NnsShPartKind kind, gboolean quoted, const char *text, gsize len);
/* The literal text of an unquoted word made of one literal part, or NULL:
 * what a reserved word or an operator's argument must be. */
const char *nns_sh_word_plain(const NnsShWord *w);
void nns_sh_redir_free(NnsShRedir *r);
void nns_sh_assign_free(NnsShAssign *a);
NnsShNode *nns_sh_node_new(NnsShNodeKind kind, guint lineno);
void nns_sh_node_free(NnsShNode *n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShWord, nns_sh_word_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShNode, nns_sh_node_free)

G_END_DECLS
