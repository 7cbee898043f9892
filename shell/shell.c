/* The shell object: its command table, its stack of nested shells (each a
 * simulated process) and the entry points that run a line or an argv. */
#include "shell/shell.h"
#include "shell/sh/for-loop.h"
#include "shell/commands.h"
#include "shell/sh/parse.h"
#include "shell/sh/exec.h"

static void
file_free(gpointer p)
{
  g_string_free(p, TRUE);
}

NnsShell *
nns_shell_new(NnsBackend *backend)
{
  NnsShell *sh = g_new0(NnsShell, 1);
  sh->backend = backend;
  sh->commands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  sh->pids = g_array_new(FALSE, FALSE, sizeof(int));
  sh->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, file_free);
  /* The shell itself is a process of the root namespace, child of init. */
  g_autoptr(GError) error = NULL;
  int pid = backend->ops->process_spawn(backend, 1, NULL, &error);
  if (pid <= 0) {
    g_warning("netnsim: cannot start the shell's process: %s", error ? error->message : "?");
    pid = 1;
  }
  nns_shell_push(sh, pid);
  nns_commands_register_all(sh);
  return sh;
}

void
nns_shell_free(NnsShell *sh)
{
  if (!sh)
    return;
  while (nns_shell_pop(sh))
    ;
  /* The outermost shell's process ends with the shell. */
  if (sh->pids->len == 1 && g_array_index(sh->pids, int, 0) > 1)
    sh->backend->ops->process_exit(sh->backend, g_array_index(sh->pids, int, 0));
  g_hash_table_unref(sh->commands);
  g_array_unref(sh->pids);
  g_hash_table_unref(sh->files);
  g_free(sh);
}

gboolean
nns_io_is_terminal(NnsShell *sh, const NnsIo *io)
{
  return sh->terminal && io->out == sh->terminal;
}

int
nns_shell_pid(NnsShell *sh)
{
  return g_array_index(sh->pids, int, sh->pids->len - 1);
}

void
nns_shell_push(NnsShell *sh, int pid)
{
  g_array_append_val(sh->pids, pid);
}

gboolean
nns_shell_pop(NnsShell *sh)
{
  if (sh->pids->len <= 1)
    return FALSE;
  int pid = nns_shell_pid(sh);
  g_array_set_size(sh->pids, sh->pids->len - 1);
  sh->backend->ops->process_exit(sh->backend, pid);
  return TRUE;
}

void
nns_shell_register(NnsShell *sh, const NnsCommand *cmd)
{
  NnsCommand *copy = g_new(NnsCommand, 1);
  *copy = *cmd;
  g_hash_table_replace(sh->commands, g_strdup(cmd->name), copy);
}

const NnsCommand *
nns_shell_lookup(NnsShell *sh, const char *name)
{
  return g_hash_table_lookup(sh->commands, name);
}

int
nns_shell_run_argv(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  if (argc < 1)
    return 0;
  const NnsCommand *cmd = nns_shell_lookup(sh, argv[0]);
  if (!cmd) {
    if (sh->dash)
      nns_err(io, "sh: 1: %s: not found\n", argv[0]);
    else
      nns_err(io, "bash: line 1: %s: command not found\n", argv[0]);
    return 127;
  }
  if (sh->nesting >= NNS_SHELL_MAX_NESTING) {
    nns_err(io, "netnsim: %s: commands nested more than %d deep\n", argv[0], NNS_SHELL_MAX_NESTING);
    return 126;
  }
  sh->nesting++;
  gsize out_start = io->out->len, err_start = io->err->len;
  int rc = cmd->run(sh, pid, argc, argv, io);
  sh->nesting--;
  /* No command writes more than a stream may hold (NNS_IO_MAX). */
  if (io->out->len > out_start + NNS_IO_MAX || io->err->len > err_start + NNS_IO_MAX) {
    if (io->out->len > out_start + NNS_IO_MAX)
      g_string_truncate(io->out, out_start + NNS_IO_MAX);
    if (io->err->len > err_start + NNS_IO_MAX)
      g_string_truncate(io->err, err_start + NNS_IO_MAX);
    nns_err(io, "%s: write error: File too large\n", argv[0]);
    rc = 1;
  }
  return rc;
}

int
nns_shell_run_line(NnsShell *sh, const char *line, NnsIo *io)
{
  int status;
  if (nns_sh_for_loop(sh, line, io, &status))
    return status;
  g_autoptr(GError) error = NULL;
  g_autoptr(NnsShProgram) prog = nns_sh_parse(line, &error);
  if (!prog) {
    nns_err(io, "%s\n", error->message);
    sh->last_status = error->code;
    return sh->last_status;
  }
  return nns_sh_exec(sh, prog, io);
}
