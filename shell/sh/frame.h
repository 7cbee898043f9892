/* The state of one shell process: its variables, positional parameters,
 * its name ($0, which bash puts before its complaints), the line it is
 * at, and the loops it is running (for break and continue).
 *
 * Every shell on NnsShell's stack (the outermost one, `bash -c`, `bash
 * FILE`, `ip netns exec NS bash`) has one; a pipeline's stages run in
 * copies of it, as bash runs them in subshells. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the shell reads its commands: bash words its complaints after it. */
typedef enum {
  NNS_SH_SOURCE_STRING,       /* bash -c STRING, and the lines netnsim reads: "bash: line 1: " */
  NNS_SH_SOURCE_FILE,         /* bash FILE: "FILE: line 3: " */
  NNS_SH_SOURCE_STDIN,        /* a pipe read by bash: "bash: line 2: " for both */
} NnsShSource;

typedef struct {
  char *value;
  gboolean exported;
} NnsShVar;

/* A break or continue on its way out of the loops it leaves. */
typedef enum {
  NNS_SH_JUMP_NONE,
  NNS_SH_JUMP_BREAK,
  NNS_SH_JUMP_CONTINUE,
} NnsShJump;

typedef struct _NnsShFrame {
  guint refs;
  GHashTable *vars;           /* name -> NnsShVar* */
  GPtrArray *params;          /* $1, $2, ...: char* */
  char *name;                 /* $0 */
  NnsShSource source;
  guint lineno;               /* $LINENO: the line of the command running */
  guint loop_depth;           /* loops running in this shell */
  NnsShJump jump;             /* break/continue pending */
  guint jump_levels;          /* loops it still has to leave or reach */
  gboolean fatal;             /* an error that ends a non-interactive shell's input */
  gboolean errexit;           /* set -e */
  int dollar_pid;             /* $$ of a subshell ($( )): its parent's; 0 in a shell of its own */
} NnsShFrame;

/* A new shell: it inherits the exported variables of `parent` (NULL for
 * none), named `name`, with no positional parameters. */
NnsShFrame *nns_sh_frame_new(const NnsShFrame *parent, const char *name, NnsShSource source);
/* A subshell of `f`: every variable and parameter copied. */
NnsShFrame *nns_sh_frame_copy(const NnsShFrame *f);
/* A list running in a shell holds it: `exit` may pop it meanwhile. */
NnsShFrame *nns_sh_frame_ref(NnsShFrame *f);
void nns_sh_frame_unref(NnsShFrame *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShFrame, nns_sh_frame_unref)

/* Back to a fresh shell's state (netnsim record: each line a new bash -c). */
void nns_sh_frame_reset(NnsShFrame *f);

/* NULL when unset. */
const char *nns_sh_frame_get(const NnsShFrame *f, const char *name);
void nns_sh_frame_set(NnsShFrame *f, const char *name, const char *value);
void nns_sh_frame_export(NnsShFrame *f, const char *name);
void nns_sh_frame_unset(NnsShFrame *f, const char *name);
void nns_sh_frame_set_params(NnsShFrame *f, char **argv, int argc);

gboolean nns_sh_is_name(const char *s);
gboolean nns_sh_is_name_len(const char *s, gsize len);

/* The start of bash's complaint about a command ("bash: line 1: ",
 * "FILE: line 3: "), and of a syntax error ("bash: -c: line 1: " for a
 * -c string, as the other for a file or standard input). */
char *nns_sh_frame_where(const NnsShFrame *f);
char *nns_sh_frame_syntax_where(const NnsShFrame *f, guint lineno);

G_END_DECLS
