/* Replaying transcripts: a document (a console transcript as `netnsim
 * record` writes it, or a markdown tutorial) is read into a list of steps
 * (commands with the output the document shows, and directives), then run
 * on a fresh simulated machine, each command's output held against the
 * document's after the same normalisation on both sides.
 *
 * The rules (which lines are commands, which directives exist, what is
 * normalised, what each compatibility profile renders) are stated in
 * docs/transcripts.md; keep the two in step.
 */
#pragma once

#include <glib.h>
#include "shell/shell.h"

G_BEGIN_DECLS

typedef enum {
  NNS_STEP_COMMAND,
  NNS_STEP_DIRECTIVE,
} NnsStepKind;

typedef enum {
  /* Read from a fenced block without prompts: blank lines there separate
   * commands, so the document cannot show a blank line of output. */
  NNS_STEP_BARE_BLOCK = 1 << 0,
  /* The block lists commands without their outputs (`commands-only`). */
  NNS_STEP_COMMANDS_ONLY = 1 << 1,
  /* Read from a markdown document: outputs are separated from the next
   * command by blank lines the author added. */
  NNS_STEP_MARKDOWN = 1 << 2,
} NnsStepFlags;

typedef struct {
  NnsStepKind kind;
  guint line;                 /* 1-based line of the source */
  char *text;                 /* the command line, or the directive's text */
  GPtrArray *expected;        /* char*: the output lines the document shows */
  int expected_status;        /* -1 when the document does not show it */
  guint flags;                /* NnsStepFlags */
} NnsStep;

typedef struct {
  char *path;
  gboolean markdown;
  GPtrArray *steps;           /* NnsStep* */
} NnsReplayDoc;

void nns_replay_doc_free(NnsReplayDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsReplayDoc, nns_replay_doc_free)

NnsStep *nns_step_new(NnsStepKind kind, guint line, const char *text);

/* The directive a line holds (`<!-- netnsim: TEXT -->`), or NULL. */
char *nns_directive_of_line(const char *line);

/* Is `word` a command for the readers?  See docs/transcripts.md. */
typedef gboolean (*NnsKnownCommandFn)(const char *word, gpointer data);

NnsReplayDoc *nns_read_console(const char *path, const char *text);
NnsReplayDoc *nns_read_markdown(const char *path, const char *text,
                                NnsKnownCommandFn known, gpointer data, GError **error);
/* Either reader, chosen as docs/transcripts.md says. */
NnsReplayDoc *nns_read_document(const char *path, const char *text,
                                NnsKnownCommandFn known, gpointer data, GError **error);
gboolean nns_document_is_markdown(const char *path, const char *text);

/* Makes the machine a document runs on (the simulated backend when NULL). */
typedef NnsBackend *(*NnsReplayBackendFn)(int world, guint32 seed, gpointer data);

typedef struct {
  int world;                  /* NnsWorldKind, unless a `world` directive says */
  guint32 seed;
  gboolean update;            /* rewrite expected outputs (console fixtures only) */
  gboolean verbose;           /* print passing commands too */
  NnsReplayBackendFn make_backend;
  gpointer backend_data;
} NnsReplayOptions;

/* Replay every file; the report goes to `report`.  Returns 0 when every
 * command of every file passed, 1 when one failed, 2 on unreadable input. */
int nns_replay_files(char **paths, int n, const NnsReplayOptions *opts, GString *report);
/* `netnsim replay [--update] [--verbose] FILE...` after the common options;
 * prints the report, returns the exit status. */
int nns_replay_main(int argc, char **argv, NnsReplayOptions *opts);

G_END_DECLS
