#include "shell/sh/exec.h"
#include "shell/sh/expand.h"
#include "shell/sh/redir.h"

/* One simple command with its redirections; `out` is where its stdout
 * goes when not redirected (the next stage or the caller). */
static int
run_command(NnsShell *sh, int pid, const NnsShCommand *cmd, const char *in, gsize in_len,
            GString *out, GString *err)
{
  int argc = 0;
  g_auto(GStrv) argv = nns_sh_expand_words(sh, pid, cmd->words, &argc);
  NnsShRedirs r;
  nns_sh_redirs_init(&r, out, err, in, in_len);
  int status = 0;
  if (!nns_sh_redirs_apply(sh, pid, &r, cmd->redirs)) {
    status = 1;
  } else if (argc > 0) {
    NnsIo io = { .out = r.out, .err = r.err, .in = r.in, .in_len = r.in_len };
    status = nns_shell_run_argv(sh, pid, argc, argv, &io);
  }
  if (!nns_sh_redirs_flush(sh, pid, &r, argc > 0 ? argv[0] : NULL))
    status = 1;
  nns_sh_redirs_clear(&r);
  return status;
}

static int
run_pipeline(NnsShell *sh, int pid, const NnsShPipeline *pl, NnsIo *io)
{
  const char *in = io->in;
  gsize in_len = io->in_len;
  g_autoptr(GString) prev = NULL;
  int status = 0;
  for (guint i = 0; i < pl->commands->len; i++) {
    gboolean last = i + 1 == pl->commands->len;
    g_autoptr(GString) pipe = last ? NULL : g_string_new("");
    status = run_command(sh, pid, g_ptr_array_index(pl->commands, i), in, in_len,
                         last ? io->out : pipe, io->err);
    if (prev)
      g_string_free(prev, TRUE);
    prev = g_steal_pointer(&pipe);
    in = prev ? prev->str : NULL;
    in_len = prev ? prev->len : 0;
  }
  return pl->negate ? !status : status;
}

int
nns_sh_exec(NnsShell *sh, const NnsShProgram *prog, NnsIo *io)
{
  /* A whole line runs in the shell that read it: a shell entered by
   * `ip netns exec NS bash` reads the next line, and one left by `exit`
   * reads no more of this one. */
  int pid = nns_shell_pid(sh);
  guint depth = sh->pids->len;
  gboolean exiting = sh->exit_requested;
  int status = sh->last_status;
  for (guint i = 0; i < prog->pipelines->len; i++) {
    const NnsShPipeline *pl = g_ptr_array_index(prog->pipelines, i);
    if ((pl->join == NNS_SH_JOIN_AND && status != 0) || (pl->join == NNS_SH_JOIN_OR && status == 0))
      continue;
    status = run_pipeline(sh, pid, pl, io);
    sh->last_status = status;
    if (sh->exit_requested != exiting || sh->pids->len < depth)
      break;
  }
  return status;
}
