/* bash and sh as commands: `bash -c STRING [NAME [ARG...]]`, `bash FILE
 * [ARG...]`, `bash` reading a pipe, and `bash` alone entering a nested
 * shell.  Each runs as a new process in the caller's namespace, with its
 * own variables (the caller's exported ones) and positional parameters,
 * so `exit` inside ends only it.  sh is Debian's dash: its own
 * complaints where they differ (recorded in fixtures/oracle/sh-c); the
 * language is the one netnsim's shell reads. */
#include "shell/tools/tools.h"
#include "shell/sh/frame.h"
#include "shell/sh/script.h"

#include <errno.h>

typedef struct {
  const char *name;           /* "bash" or "sh" */
  gboolean dash;
} Dialect;

static int
spawn_here(NnsShell *sh, int pid, const Dialect *d, NnsIo *io)
{
  g_autoptr(GError) error = NULL;
  int child = sh->backend->ops->process_spawn(sh->backend, pid, NULL, &error);
  if (child < 0)
    nns_err(io, "%s: fork: %s\n", d->name, nns_strerror(error->code));
  return child;
}

/* What the new shell is: $0, how it reads (for its complaints), $1... */
typedef struct {
  const char *name;
  NnsShSource source;
  char **params;
  int n_params;
} Invocation;

/* Run `text` in a new process until it ends or exits. */
static int
run_text(NnsShell *sh, int pid, const Dialect *d, const Invocation *inv, const char *text, gsize len,
         NnsIo *io)
{
  int child = spawn_here(sh, pid, d, io);
  if (child < 0)
    return 126;
  guint depth = sh->pids->len;
  gboolean was_dash = sh->dash;
  sh->dash = d->dash;
  sh->last_status = 0;
  NnsShFrame *frame = nns_sh_frame_new(nns_shell_frame(sh), inv->name, inv->source);
  nns_sh_frame_set_params(frame, inv->params, inv->n_params);
  /* The commands it runs are its own, not the caller's pipeline stage's. */
  NnsShFrame *was = sh->frame;
  sh->frame = NULL;
  nns_shell_push_frame(sh, child, frame);
  g_autofree char *copy = g_strndup(text, len);
  /* A command that entered a shell of its own (`ip netns exec NS bash`)
   * leaves nothing to read here: the pipe or string is done. */
  int status = nns_sh_run_text(sh, copy, FALSE, io);
  /* `exit` popped our process already; otherwise end it and any shell it
   * entered. */
  while (sh->pids->len > depth)
    nns_shell_pop(sh);
  sh->frame = was;
  sh->dash = was_dash;
  return status;
}

static int
run_file(NnsShell *sh, int pid, const Dialect *d, int argc, char **argv, NnsIo *io)
{
  const char *path = argv[1];
  g_autoptr(GString) text = g_string_new("");
  int err = nns_tool_read_input(sh, pid, io, path, text);
  Invocation inv = { path, NNS_SH_SOURCE_FILE, argv + 2, argc - 2 };
  if (err == 0)
    return run_text(sh, pid, d, &inv, text->str, text->len, io);
  /* A directory: bash names it as the script it took it for; dash reads
   * nothing from it and succeeds. */
  if (err == EISDIR && d->dash)
    return 0;
  if (err == EISDIR) {
    nns_err(io, "%s: %s: %s\n", path, path, nns_strerror(err));
    return 126;
  }
  if (d->dash) {
    nns_err(io, "sh: 0: cannot open %s: %s\n", path, err == ENOENT ? "No such file" : nns_strerror(err));
    return 2;
  }
  nns_err(io, "bash: %s: %s\n", path, nns_strerror(err));
  return err == ENOENT ? 127 : 126;
}

static int
run_shell(NnsShell *sh, int pid, const Dialect *d, int argc, char **argv, NnsIo *io)
{
  if (argc >= 2 && g_str_equal(argv[1], "-c")) {
    if (argc < 3) {
      if (d->dash)
        nns_err(io, "sh: 0: -c requires an argument\n");
      else
        nns_err(io, "bash: -c: option requires an argument\n");
      return 2;
    }
    /* Words after the string set $0, $1, ... */
    Invocation inv = { argc > 3 ? argv[3] : d->name, NNS_SH_SOURCE_STRING,
                       argv + 4, argc > 4 ? argc - 4 : 0 };
    return run_text(sh, pid, d, &inv, argv[2], strlen(argv[2]), io);
  }
  if (argc >= 2 && argv[1][0] == '-' && argv[1][1]) {
    nns_err(io, "netnsim: %s: option %s is not supported (only -c)\n", d->name, argv[1]);
    return 2;
  }
  if (argc >= 2)
    return run_file(sh, pid, d, argc, argv, io);
  if (io->in) {
    Invocation inv = { d->name, NNS_SH_SOURCE_STDIN, NULL, 0 };
    return run_text(sh, pid, d, &inv, io->in, io->in_len, io);
  }
  /* Nothing to read: an interactive shell, whose commands the REPL reads next. */
  int child = spawn_here(sh, pid, d, io);
  if (child < 0)
    return 126;
  nns_shell_push(sh, child);
  return 0;
}

int
nns_tool_bash(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  static const Dialect bash = { "bash", FALSE };
  return run_shell(sh, pid, &bash, argc, argv, io);
}

int
nns_tool_sh(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  static const Dialect dash = { "sh", TRUE };
  return run_shell(sh, pid, &dash, argc, argv, io);
}
