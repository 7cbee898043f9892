/* The shell object: its command table, its stack of nested shells (each a
 * simulated process) and the entry points that run a line or an argv. */
#include "shell/shell.h"
#include "shell/commands.h"
#include "shell/sh/frame.h"
#include "shell/sh/script.h"

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
  sh->frames = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_frame_unref);
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
  g_ptr_array_unref(sh->frames);
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
nns_shell_push_frame(NnsShell *sh, int pid, NnsShFrame *frame)
{
  g_array_append_val(sh->pids, pid);
  g_ptr_array_add(sh->frames, frame);
}

void
nns_shell_push(NnsShell *sh, int pid)
{
  NnsShFrame *parent = sh->frames->len ? nns_shell_frame(sh) : NULL;
  nns_shell_push_frame(sh, pid, nns_sh_frame_new(parent, "bash", NNS_SH_SOURCE_STRING));
}

NnsShFrame *
nns_shell_top_frame(NnsShell *sh)
{
  return g_ptr_array_index(sh->frames, sh->frames->len - 1);
}

NnsShFrame *
nns_shell_frame(NnsShell *sh)
{
  return sh->frame ? sh->frame : nns_shell_top_frame(sh);
}

gboolean
nns_shell_pop(NnsShell *sh)
{
  if (sh->pids->len <= 1)
    return FALSE;
  int pid = nns_shell_pid(sh);
  g_array_set_size(sh->pids, sh->pids->len - 1);
  g_ptr_array_set_size(sh->frames, sh->frames->len - 1);
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

/* Where a stream's bound counts from: the streams of the input running
 * (the REPL's screen, a transcript) from where this input began, a pipe
 * or a file from its start. */
static gsize
stream_base(NnsShell *sh, GString *s)
{
  if (s == sh->input_out)
    return sh->input_out_start;
  if (s == sh->input_err)
    return sh->input_err_start;
  return 0;
}

static gboolean
over_bound(NnsShell *sh, GString *s)
{
  gsize base = stream_base(sh, s);
  if (s->len <= base + NNS_IO_MAX)
    return FALSE;
  g_string_truncate(s, base + NNS_IO_MAX);
  return TRUE;
}

static int
run_argv(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  const NnsCommand *cmd = nns_shell_lookup(sh, argv[0]);
  if (!cmd) {
    NnsShFrame *f = nns_shell_frame(sh);
    g_autofree char *where = nns_sh_frame_where(f);
    if (sh->dash)
      nns_err(io, "%s: %u: %s: not found\n", f->name, f->lineno, argv[0]);
    else
      nns_err(io, "%s%s: command not found\n", where, argv[0]);
    return 127;
  }
  if (sh->nesting >= NNS_SHELL_MAX_NESTING) {
    nns_err(io, "netnsim: %s: commands nested more than %d deep\n", argv[0], NNS_SHELL_MAX_NESTING);
    return 126;
  }
  sh->nesting++;
  int rc = cmd->run(sh, pid, argc, argv, io);
  sh->nesting--;
  return rc;
}

int
nns_shell_run_argv(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  if (argc < 1)
    return 0;
  int rc = run_argv(sh, pid, argc, argv, io);
  /* No stream holds more than NNS_IO_MAX: what a command (or the
   * commands of one input together, a loop's say) writes beyond fails as
   * a write over RLIMIT_FSIZE does. */
  gboolean out_over = over_bound(sh, io->out);
  gboolean err_over = io->err != io->out && over_bound(sh, io->err);
  if (out_over || err_over) {
    nns_err(io, "%s: write error: File too large\n", argv[0]);
    rc = 1;
  }
  return rc;
}

/* A new input: what stopped the last one is over, and unless a script
 * holds it, the loop bound starts again. */
static void
new_input(NnsShell *sh)
{
  NnsShFrame *top = nns_shell_top_frame(sh);
  top->fatal = FALSE;
  top->jump = NNS_SH_JUMP_NONE;
  if (!sh->input_held) {
    sh->loop_iterations = 0;
    sh->loop_commands = 0;
    sh->work_bytes = 0;
    sh->work_stopped = FALSE;
    sh->loop_stopped = FALSE;
  }
}

void
nns_shell_hold_input(NnsShell *sh)
{
  sh->input_held = FALSE;
  new_input(sh);
  sh->input_held = TRUE;
}

void
nns_shell_release_input(NnsShell *sh)
{
  sh->input_held = FALSE;
}

int
nns_shell_run_line(NnsShell *sh, const char *line, NnsIo *io)
{
  if (sh->nesting == 0) {
    new_input(sh);
    sh->input_out = io->out;
    sh->input_err = io->err;
    sh->input_out_start = io->out ? io->out->len : 0;
    sh->input_err_start = io->err ? io->err->len : 0;
    int status = nns_sh_run_text(sh, line, TRUE, io);
    sh->input_out = sh->input_err = NULL;
    return status;
  }
  return nns_sh_run_text(sh, line, TRUE, io);
}
