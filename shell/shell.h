/* The shell: the POSIX-like language users and tutorials type
 * (pipelines, ;, &&, ||, redirections, quoting, variables, if, while,
 * until, for, { }; shell/sh/), the table of commands it can run, and the
 * stack of nested shells that `ip netns exec NS bash` opens and `exit`
 * closes.
 *
 * Every command runs as a simulated process of the backend: its PID decides
 * its network namespace.  Commands write to NnsIo buffers, never to the
 * real stdout, so output is deterministic and capturable.
 */
#pragma once

#include <glib.h>
#include "backends/backend.h"

G_BEGIN_DECLS

typedef struct _NnsShell NnsShell;
typedef struct _NnsShFrame NnsShFrame;   /* shell/sh/frame.h */

/* Where a command reads and writes.  `out` and `err` may be the same
 * GString (a terminal that shows both, in order, as record-kernel's 2>&1). */
typedef struct {
  GString *out;
  GString *err;
  const char *in;             /* standard input, NULL when none */
  gsize in_len;
  gsize read_total;           /* bytes the command has read (NNS_IO_MAX bounds it) */
} NnsIo;

/* A command: argv[0] is its name.  Returns the exit status. */
typedef int (*NnsCommandFn)(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

typedef struct {
  const char *name;
  NnsCommandFn run;
} NnsCommand;

struct _NnsShell {
  NnsBackend *backend;        /* borrowed */
  GHashTable *commands;       /* name -> NnsCommand* */
  GArray *pids;               /* stack of shell PIDs; the top runs commands */
  GPtrArray *frames;          /* NnsShFrame*, one per PID of the stack: each shell's variables */
  NnsShFrame *frame;          /* the frame of the command running (NULL: the top one) */
  int last_status;            /* $? */
  gboolean dash;              /* inside `sh`: dash's complaints */
  gboolean exit_requested;    /* `exit` in the outermost shell */
  int exit_status;
  GHashTable *files;          /* plain files written by the user: path -> GString* */
  guint nesting;              /* commands running inside commands (ip -batch, netns exec, bash -c) */
  guint exec_depth;           /* compound commands running inside compound commands */
  guint loops_running;        /* loops running, in every shell */
  guint loop_iterations;      /* iterations of loops in this input (NNS_SHELL_MAX_LOOP_ITERATIONS) */
  guint loop_commands;        /* commands run by loops in this input */
  gsize work_bytes;           /* bytes expanded in this input, and written and read by its loops */
  gboolean work_stopped;      /* past NNS_SHELL_MAX_WORK_BYTES: said once */
  gboolean loop_stopped;      /* the bound was reached: every loop of this input stops */
  gboolean input_held;        /* a script or a record runs: its lines are one input */
  GString *input_out;         /* the streams of the input running (NNS_IO_MAX counts from */
  GString *input_err;         /* where they were when it began) */
  gsize input_out_start;
  gsize input_err_start;
  gboolean stdout_tty;        /* stdout is a terminal: tools' stdio flushes by line */
  /* The stream a terminal shows (the REPL's or `-c`'s output when
   * stdout_tty), NULL when none: a command whose stdout is this stream,
   * not a pipe or a file, writes to a terminal (isatty(1)). */
  GString *terminal;
};

/* How deep commands may run commands (`ip -batch F` whose F runs
 * `ip netns exec NS ip -batch F` ...): the real tools would fork until the
 * system refuses; netnsim refuses at this depth, so no input can exhaust
 * the stack. */
#define NNS_SHELL_MAX_NESTING 64
/* Iterations of the loops of one input (a line typed or replayed, a whole
 * script or command list), nested ones multiplied, and the commands they
 * run in all: bash would run them all, however long, and a `while true`
 * for ever; netnsim stops every loop there, with a `netnsim:` message
 * and status 126. */
#define NNS_SHELL_MAX_LOOP_ITERATIONS 10000
#define NNS_SHELL_MAX_LOOP_COMMANDS 100000
/* The bytes one input expands ($X$X), and those its loops' commands write
 * and read: a value that grows each time round a loop makes the work grow
 * as its square, copies of a long one the memory.  Past it every loop
 * stops and the shell's input ends, status 126. */
#define NNS_SHELL_MAX_WORK_BYTES ((gsize) 64 << 20)
/* Compound commands running inside each other, through nested shells
 * too (each parse allows NNS_SH_MAX_DEPTH). */
#define NNS_SH_MAX_EXEC_DEPTH 256

/* The most one stream may hold: a command's output, a pipe between two
 * commands, a plain file.  Real pipes stream and real files stop at the
 * disk or RLIMIT_FSIZE; netnsim holds streams in memory, so a command
 * that would write more fails as a write over RLIMIT_FSIZE does
 * (EFBIG, "File too large"). */
#define NNS_IO_MAX ((gsize) 16 << 20)
#define nns_io_would_overflow(gstr, more) ((gstr)->len + (gsize) (more) > NNS_IO_MAX)

NnsShell *nns_shell_new(NnsBackend *backend);
void nns_shell_free(NnsShell *sh);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShell, nns_shell_free)

/* Run one line of shell language (or several: a text run as bash -c
 * runs it); output goes to io.  Returns $?.  Called by no command (a
 * REPL's line, a test's), it is a new input: the loop bound starts
 * again, unless nns_shell_hold_input() holds it. */
int nns_shell_run_line(NnsShell *sh, const char *line, NnsIo *io);
/* The lines run from now until nns_shell_release_input() are one input
 * (a script, a command list) for the loop bound. */
void nns_shell_hold_input(NnsShell *sh);
void nns_shell_release_input(NnsShell *sh);
/* Run argv as one simple command (no shell syntax) in process `pid`. */
int nns_shell_run_argv(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

/* The PID of the innermost shell. */
int nns_shell_pid(NnsShell *sh);
/* Enter a nested shell running as `pid` (after `ip netns exec NS bash`):
 * a new frame named bash, with the exported variables of the current one. */
void nns_shell_push(NnsShell *sh, int pid);
/* The same with a frame of the caller's making (taken). */
void nns_shell_push_frame(NnsShell *sh, int pid, NnsShFrame *frame);
/* The frame of the innermost shell, and of the command running (a
 * pipeline's stage runs in a copy). */
NnsShFrame *nns_shell_top_frame(NnsShell *sh);
NnsShFrame *nns_shell_frame(NnsShell *sh);
/* Leave it (`exit`): returns FALSE at the outermost level. */
gboolean nns_shell_pop(NnsShell *sh);

void nns_shell_register(NnsShell *sh, const NnsCommand *cmd);
const NnsCommand *nns_shell_lookup(NnsShell *sh, const char *name);

/* isatty(STDOUT_FILENO) for a command writing to io. */
gboolean nns_io_is_terminal(NnsShell *sh, const NnsIo *io);

/* Append formatted text to a stream. */
#define nns_out(io, ...) g_string_append_printf((io)->out, __VA_ARGS__)
#define nns_err(io, ...) g_string_append_printf((io)->err, __VA_ARGS__)

G_END_DECLS
