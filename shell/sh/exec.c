#include "shell/sh/exec.h"
#include "shell/sh/exec-private.h"
#include "shell/sh/expand.h"
#include "shell/sh/redir.h"

gboolean
nns_sh_ctx_stopped(const NnsShCtx *c)
{
  return c->sh->exit_requested != c->exiting || c->sh->pids->len < c->depth || c->frame->fatal
      || c->frame->jump != NNS_SH_JUMP_NONE;
}

void
nns_sh_expand_init(NnsShExpand *x, NnsShCtx *c, NnsIo *io)
{
  *x = (NnsShExpand) { .sh = c->sh, .pid = c->pid, .frame = c->frame, .err = io->err, .status = 1, .io = io };
}

/* A variable's value before a command's own assignments changed it. */
typedef struct {
  char *name;
  gboolean was_set;
  NnsShVar old;
} Saved;

static void
saved_free(gpointer p)
{
  Saved *s = p;
  g_free(s->name);
  g_free(s->old.value);
  g_free(s);
}

/* NAME=WORD... : kept in the shell when no command follows; with a
 * command, exported to it and undone after (`x=1 bash -c 'echo $x'`). */
static gboolean
assign(NnsShExpand *x, const NnsShNode *cmd, GPtrArray *saved)
{
  for (guint i = 0; i < cmd->assigns->len; i++) {
    const NnsShAssign *a = g_ptr_array_index(cmd->assigns, i);
    g_autofree char *value = nns_sh_expand_string(x, a->value);
    if (!value)
      return FALSE;
    if (saved) {
      NnsShVar *v = g_hash_table_lookup(x->frame->vars, a->name);
      Saved *s = g_new0(Saved, 1);
      s->name = g_strdup(a->name);
      s->was_set = v != NULL;
      if (v) {
        s->old.value = g_strdup(v->value);
        s->old.exported = v->exported;
      }
      g_ptr_array_add(saved, s);
    }
    nns_sh_frame_set(x->frame, a->name, value);
    if (saved)
      nns_sh_frame_export(x->frame, a->name);
  }
  return TRUE;
}

static void
restore(NnsShFrame *f, GPtrArray *saved)
{
  for (guint i = saved->len; i-- > 0;) {
    Saved *s = g_ptr_array_index(saved, i);
    if (!s->was_set) {
      nns_sh_frame_unset(f, s->name);
      continue;
    }
    NnsShVar *v = g_hash_table_lookup(f->vars, s->name);
    if (!v) {
      nns_sh_frame_set(f, s->name, s->old.value);
      v = g_hash_table_lookup(f->vars, s->name);
    }
    g_free(v->value);
    v->value = g_strdup(s->old.value);
    v->exported = s->old.exported;
  }
}

/* What a command read of its standard input is gone for the next one
 * (`read` takes a line, cat all of it), unless it read a file of its own
 * (< FILE): `echo a | { cat; cat; }` prints one a. */
void
nns_sh_consume_input(NnsIo *io, const char *in, const NnsIo *cio)
{
  if (!io->in || in != io->in)
    return;
  if (!cio->in) {
    io->in += io->in_len;
    io->in_len = 0;
  } else if (cio->in >= io->in && cio->in <= io->in + io->in_len) {
    io->in_len -= (gsize) (cio->in - io->in);
    io->in = cio->in;
  }
}

/* Commands run inside loops count against the bound of one input. */
static gboolean
command_allowed(NnsShell *sh, NnsIo *io)
{
  if (sh->loops_running == 0)
    return TRUE;
  if (sh->loop_stopped)
    return FALSE;
  if (++sh->loop_commands <= NNS_SHELL_MAX_LOOP_COMMANDS)
    return TRUE;
  nns_err(io, "netnsim: loop stopped: more than %d commands run in loops in one input\n",
          NNS_SHELL_MAX_LOOP_COMMANDS);
  sh->loop_stopped = TRUE;
  return FALSE;
}

gboolean
nns_sh_charge(NnsShCtx *c, gsize bytes, NnsIo *io)
{
  NnsShell *sh = c->sh;
  sh->work_bytes += bytes;
  if (sh->work_bytes <= NNS_SHELL_MAX_WORK_BYTES)
    return TRUE;
  if (!sh->work_stopped)
    nns_err(io, "netnsim: stopped: more than %d MiB expanded, or written and read by loops, in one input\n",
            (int) (NNS_SHELL_MAX_WORK_BYTES >> 20));
  sh->work_stopped = TRUE;
  sh->loop_stopped = TRUE;
  c->frame->fatal = TRUE;
  return FALSE;
}

/* One simple command with its redirections; `io->out` is where its stdout
 * goes when not redirected (the next stage or the caller). */
static int
run_simple(NnsShCtx *c, const NnsShNode *cmd, NnsIo *io)
{
  NnsShell *sh = c->sh;
  c->frame->lineno = cmd->lineno;
  NnsShExpand x;
  nns_sh_expand_init(&x, c, io);
  int argc = 0;
  g_auto(GStrv) argv = nns_sh_expand_fields(&x, cmd->words, &argc);
  if (!argv) {
    c->frame->fatal = x.fatal;
    return x.status;
  }
  if (argc > 0 && !command_allowed(sh, io))
    return 126;
  g_autoptr(GPtrArray) saved = argc > 0 ? g_ptr_array_new_with_free_func(saved_free) : NULL;
  if (!assign(&x, cmd, saved)) {
    if (saved)
      restore(c->frame, saved);
    c->frame->fatal = x.fatal;
    return x.status;
  }
  NnsShRedirs r;
  nns_sh_redirs_init(&r, io->out, io->err, io->in, io->in_len);
  int status = 0;
  if (!nns_sh_redirs_apply(&x, &r, cmd->redirs)) {
    status = x.status;
    c->frame->fatal = x.fatal;
  } else if (argc == 0 && x.substituted) {
    /* x=$(cmd): the status of the last substitution. */
    status = x.subst_status;
  } else if (argc > 0) {
    NnsIo cio = { .out = r.out, .err = r.err, .in = r.in, .in_len = r.in_len };
    gsize out_len = r.out->len, err_len = r.err->len;
    status = nns_shell_run_argv(sh, c->pid, argc, argv, &cio);
    nns_sh_consume_input(io, r.in, &cio);
    /* What a loop's command wrote (before any cut) and read counts. */
    gsize wrote = (r.out->len > out_len ? r.out->len - out_len : 0)
                + (r.err != r.out && r.err->len > err_len ? r.err->len - err_len : 0);
    if (sh->loops_running && !nns_sh_charge(c, wrote + cio.read_total + (cio.in ? 0 : r.in_len), io))
      status = 126;
  }
  if (!nns_sh_charge(c, x.expanded, io))
    status = 126;
  if (!nns_sh_redirs_flush(&x, &r, argc > 0 ? argv[0] : NULL))
    status = 1;
  nns_sh_redirs_clear(&r);
  if (saved)
    restore(c->frame, saved);
  return status;
}

/* A compound command with its own redirections around it. */
static int
run_compound(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  NnsShell *sh = c->sh;
  if (sh->exec_depth >= NNS_SH_MAX_EXEC_DEPTH) {
    nns_err(io, "netnsim: compound commands nested more than %d deep\n", NNS_SH_MAX_EXEC_DEPTH);
    return 126;
  }
  if (n->redirs->len == 0) {
    sh->exec_depth++;
    int status = nns_sh_exec_compound(c, n, io);
    sh->exec_depth--;
    return status;
  }
  NnsShExpand x;
  nns_sh_expand_init(&x, c, io);
  NnsShRedirs r;
  nns_sh_redirs_init(&r, io->out, io->err, io->in, io->in_len);
  int status;
  if (!nns_sh_redirs_apply(&x, &r, n->redirs)) {
    status = x.status;
    c->frame->fatal = x.fatal;
  } else {
    NnsIo cio = { .out = r.out, .err = r.err, .in = r.in, .in_len = r.in_len };
    sh->exec_depth++;
    status = nns_sh_exec_compound(c, n, &cio);
    sh->exec_depth--;
    nns_sh_consume_input(io, r.in, &cio);
  }
  if (!nns_sh_redirs_flush(&x, &r, NULL))
    status = 1;
  nns_sh_redirs_clear(&r);
  if (!nns_sh_charge(c, x.expanded, io))
    status = 126;
  return status;
}

static int
run_stage(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  return n->kind == NNS_SH_NODE_SIMPLE ? run_simple(c, n, io) : run_compound(c, n, io);
}

/* A stage of a longer pipeline runs in a subshell: a copy of the frame,
 * so its assignments, exits from loops and fatal errors stay there. */
static int
run_in_subshell(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  NnsShFrame *copy = nns_sh_frame_copy(c->frame);
  NnsShCtx sub = *c;
  sub.frame = copy;
  NnsShFrame *was = c->sh->frame;
  c->sh->frame = copy;
  int status = run_stage(&sub, n, io);
  c->sh->frame = was;
  c->frame->lineno = copy->lineno;
  nns_sh_frame_unref(copy);
  return status;
}

static int
run_pipeline(NnsShCtx *c, const NnsShNode *pl, NnsIo *io)
{
  if (pl->kids->len == 1) {
    int status = run_stage(c, g_ptr_array_index(pl->kids, 0), io);
    return pl->negate ? !status : status;
  }
  const char *in = io->in;
  gsize in_len = io->in_len;
  g_autoptr(GString) prev = NULL;
  int status = 0;
  for (guint i = 0; i < pl->kids->len; i++) {
    gboolean last = i + 1 == pl->kids->len;
    g_autoptr(GString) pipe = last ? NULL : g_string_new("");
    NnsIo sio = { .out = last ? io->out : pipe, .err = io->err, .in = in, .in_len = in_len };
    status = run_in_subshell(c, g_ptr_array_index(pl->kids, i), &sio);
    if (prev)
      g_string_free(prev, TRUE);
    prev = g_steal_pointer(&pipe);
    in = prev ? prev->str : NULL;
    in_len = prev ? prev->len : 0;
    if (c->sh->exit_requested != c->exiting || c->sh->pids->len < c->depth)
      break;
  }
  return pl->negate ? !status : status;
}

int
nns_sh_exec_list(NnsShCtx *c, const NnsShNode *list, NnsIo *io)
{
  int status = c->sh->last_status;
  for (guint i = 0; i < list->kids->len; i++) {
    const NnsShNode *pl = g_ptr_array_index(list->kids, i);
    if ((pl->join == NNS_SH_JOIN_AND && status != 0) || (pl->join == NNS_SH_JOIN_OR && status == 0))
      continue;
    /* set -e ends the shell at a failure, except in a condition, a
     * negated pipeline, or before the last command of && and ||. */
    const NnsShNode *next = i + 1 < list->kids->len ? g_ptr_array_index(list->kids, i + 1) : NULL;
    gboolean exempt = pl->negate || (next && next->join != NNS_SH_JOIN_SEQ);
    c->no_errexit += exempt;
    status = run_pipeline(c, pl, io);
    c->no_errexit -= exempt;
    c->sh->last_status = status;
    if (status != 0 && !exempt && c->no_errexit == 0 && c->frame->errexit && !nns_sh_ctx_stopped(c))
      c->frame->fatal = TRUE;
    if (nns_sh_ctx_stopped(c))
      break;
  }
  return status;
}

int
nns_sh_exec(NnsShell *sh, const NnsShNode *list, NnsIo *io)
{
  /* A whole list runs in the shell that read it: a shell entered by
   * `ip netns exec NS bash` reads the next line, and one left by `exit`
   * reads no more of this one. */
  NnsShCtx c = {
    .sh = sh,
    .pid = nns_shell_pid(sh),
    .frame = nns_sh_frame_ref(nns_shell_top_frame(sh)),
    .depth = sh->pids->len,
    .exiting = sh->exit_requested,
  };
  NnsShFrame *was = sh->frame;
  sh->frame = c.frame;
  int status = nns_sh_exec_list(&c, list, io);
  sh->frame = was;
  nns_sh_frame_unref(c.frame);
  return status;
}
