/* bash and sh as commands: `bash -c STRING`, `bash FILE`, `bash` reading
 * a pipe, and `bash` alone entering a nested shell.  Each runs as a new
 * process in the caller's namespace, so `exit` inside ends only it.
 * sh is Debian's dash: its own complaints where they differ (recorded in
 * fixtures/oracle/sh-c); the language is the one netnsim's shell reads. */
#include "shell/tools/tools.h"

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

/* Run `text` line by line in a new process until it ends or exits. */
static int
run_text(NnsShell *sh, int pid, const Dialect *d, const char *text, gsize len, NnsIo *io)
{
  int child = spawn_here(sh, pid, d, io);
  if (child < 0)
    return 126;
  guint depth = sh->pids->len;
  gboolean was_dash = sh->dash;
  sh->dash = d->dash;
  sh->last_status = 0;
  nns_shell_push(sh, child);
  g_autoptr(GPtrArray) lines = nns_tool_split_lines(text, len);
  int status = 0;
  /* A line that pushed a shell of its own (`ip netns exec NS bash`) has
   * nothing left to read here: the pipe or string is done. */
  for (guint i = 0; i < lines->len && sh->pids->len == depth + 1; i++)
    status = nns_shell_run_line(sh, lines->pdata[i], io);
  /* `exit` popped our process already; otherwise end it and any shell it
   * entered. */
  while (sh->pids->len > depth)
    nns_shell_pop(sh);
  sh->dash = was_dash;
  return status;
}

static int
run_file(NnsShell *sh, int pid, const Dialect *d, const char *path, NnsIo *io)
{
  g_autoptr(GString) text = g_string_new("");
  int err = nns_tool_read_input(sh, pid, io, path, text);
  if (err == 0)
    return run_text(sh, pid, d, text->str, text->len, io);
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
    /* Words after the string set $0, $1, ...: netnsim's shell has no
     * positional parameters, so they are accepted and unused. */
    return run_text(sh, pid, d, argv[2], strlen(argv[2]), io);
  }
  if (argc >= 2 && argv[1][0] == '-' && argv[1][1]) {
    nns_err(io, "netnsim: %s: option %s is not supported (only -c)\n", d->name, argv[1]);
    return 2;
  }
  if (argc >= 2)
    return run_file(sh, pid, d, argv[1], io);
  if (io->in)
    return run_text(sh, pid, d, io->in, io->in_len, io);
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
