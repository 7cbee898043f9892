/* $(LIST) and `LIST`: the list runs in a subshell, a new process of the
 * same namespace with a copy of the shell's variables (so `exit` and
 * assignments inside stay there, and $$ is still its parent's), its
 * standard output captured; bash removes the final newlines.  What it
 * runs counts against the bounds of the input as any command does. */
#include "shell/sh/exec-private.h"
#include "shell/sh/exec.h"
#include "shell/sh/expand.h"

char *
nns_sh_cmdsubst(NnsShExpand *x, const NnsShNode *list)
{
  NnsShell *sh = x->sh;
  x->substituted = TRUE;
  x->subst_status = 126;
  if (sh->exec_depth >= NNS_SH_MAX_EXEC_DEPTH) {
    g_string_append_printf(x->err, "netnsim: command substitutions nested more than %d deep\n",
                           NNS_SH_MAX_EXEC_DEPTH);
    sh->last_status = x->subst_status;
    return g_strdup("");
  }
  g_autoptr(GError) error = NULL;
  int child = sh->backend->ops->process_spawn(sh->backend, x->pid, NULL, &error);
  if (child < 0) {
    g_string_append_printf(x->err, "bash: fork: %s\n", error ? error->message : "");
    sh->last_status = x->subst_status;
    return g_strdup("");
  }
  NnsShFrame *frame = nns_sh_frame_copy(x->frame);
  /* bash, out of POSIX mode, runs $( ) without set -e. */
  frame->errexit = FALSE;
  if (!frame->dollar_pid)
    frame->dollar_pid = x->pid;
  guint depth = sh->pids->len;
  NnsShFrame *was = sh->frame;
  sh->frame = NULL;
  nns_shell_push_frame(sh, child, frame);
  GString *out = g_string_new("");
  NnsIo cio = { .out = out, .err = x->err };
  if (x->io) {
    cio.in = x->io->in;
    cio.in_len = x->io->in_len;
  }
  sh->exec_depth++;
  int status = nns_sh_exec(sh, list, &cio);
  sh->exec_depth--;
  if (x->io)
    nns_sh_consume_input(x->io, x->io->in, &cio);
  /* `exit` ended it already; otherwise it ends here, with any shell it
   * entered (`ip netns exec NS bash`). */
  while (sh->pids->len > depth)
    nns_shell_pop(sh);
  sh->frame = was;
  sh->last_status = x->subst_status = status;
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate(out, out->len - 1);
  return g_string_free(out, FALSE);
}
