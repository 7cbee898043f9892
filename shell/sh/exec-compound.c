/* if, while, until, for and { }; loops with break and continue, and the
 * bound that stops any loop (NNS_SHELL_MAX_LOOP_ITERATIONS). */
#include "shell/sh/exec-private.h"
#include "shell/sh/expand.h"

static const char *
keyword(const NnsShNode *n)
{
  return n->kind == NNS_SH_NODE_WHILE ? "while" : n->kind == NNS_SH_NODE_UNTIL ? "until" : "for";
}

/* One more iteration of a loop, if the input's bound allows it: bash
 * would loop for ever; netnsim stops every loop of the input at the
 * bound, with a message the first time. */
static gboolean
loop_tick(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  NnsShell *sh = c->sh;
  if (sh->loop_stopped)
    return FALSE;
  if (++sh->loop_iterations <= NNS_SHELL_MAX_LOOP_ITERATIONS)
    return TRUE;
  nns_err(io, "netnsim: %s: loop stopped: more than %d iterations in one input\n", keyword(n),
          NNS_SHELL_MAX_LOOP_ITERATIONS);
  sh->loop_stopped = TRUE;
  return FALSE;
}

/* After a loop's body: TRUE when the loop must end (a break for it, or a
 * break or continue for a loop around it); a continue for it is done. */
static gboolean
loop_leaves(NnsShCtx *c)
{
  NnsShFrame *f = c->frame;
  if (f->jump == NNS_SH_JUMP_NONE)
    return nns_sh_ctx_stopped(c) || c->sh->loop_stopped;
  if (f->jump_levels > 1) {
    f->jump_levels--;
    return TRUE;
  }
  NnsShJump jump = f->jump;
  f->jump = NNS_SH_JUMP_NONE;
  f->jump_levels = 0;
  return jump == NNS_SH_JUMP_BREAK || nns_sh_ctx_stopped(c) || c->sh->loop_stopped;
}

static void
loop_enter(NnsShCtx *c)
{
  c->frame->loop_depth++;
  c->sh->loops_running++;
}

static void
loop_leave(NnsShCtx *c)
{
  c->frame->loop_depth--;
  c->sh->loops_running--;
}

static int
exec_if(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  guint k = 0;
  for (; k + 1 < n->kids->len; k += 2) {
    c->no_errexit++;
    int cond = nns_sh_exec_list(c, g_ptr_array_index(n->kids, k), io);
    c->no_errexit--;
    if (nns_sh_ctx_stopped(c))
      return cond;
    if (cond == 0)
      return nns_sh_exec_list(c, g_ptr_array_index(n->kids, k + 1), io);
  }
  if (k < n->kids->len)
    return nns_sh_exec_list(c, g_ptr_array_index(n->kids, k), io);
  return 0;
}

static int
exec_while(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  gboolean until = n->kind == NNS_SH_NODE_UNTIL;
  int status = 0;
  loop_enter(c);
  for (;;) {
    if (!loop_tick(c, n, io)) {
      status = 126;
      break;
    }
    c->no_errexit++;
    int cond = nns_sh_exec_list(c, g_ptr_array_index(n->kids, 0), io);
    c->no_errexit--;
    if (c->frame->jump != NNS_SH_JUMP_NONE || nns_sh_ctx_stopped(c)) {
      status = cond;
      if (loop_leaves(c))
        break;
      continue;
    }
    if ((cond == 0) == until)
      break;
    status = nns_sh_exec_list(c, g_ptr_array_index(n->kids, 1), io);
    if (loop_leaves(c))
      break;
  }
  if (c->sh->loop_stopped)
    status = 126;
  loop_leave(c);
  return status;
}

static int
exec_for(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  NnsShFrame *f = c->frame;
  if (!nns_sh_is_name(n->name)) {
    g_autofree char *where = nns_sh_frame_where(f);
    nns_err(io, "%s`%s': not a valid identifier\n", where, n->name);
    return 1;
  }
  g_auto(GStrv) items = NULL;
  if (n->words) {
    NnsShExpand x;
    nns_sh_expand_init(&x, c, io);
    items = nns_sh_expand_fields(&x, n->words, NULL);
    if (!items) {
      f->fatal = x.fatal;
      return x.status;
    }
    if (!nns_sh_charge(c, x.expanded, io))
      return 126;
  } else {
    /* for NAME; do: the positional parameters. */
    items = g_new0(char *, f->params->len + 1);
    for (guint i = 0; i < f->params->len; i++)
      items[i] = g_strdup(f->params->pdata[i]);
  }
  int status = 0;
  loop_enter(c);
  for (guint i = 0; items[i]; i++) {
    if (!loop_tick(c, n, io)) {
      status = 126;
      break;
    }
    nns_sh_frame_set(f, n->name, items[i]);
    status = nns_sh_exec_list(c, g_ptr_array_index(n->kids, 0), io);
    if (loop_leaves(c))
      break;
  }
  if (c->sh->loop_stopped)
    status = 126;
  loop_leave(c);
  return status;
}

int
nns_sh_exec_compound(NnsShCtx *c, const NnsShNode *n, NnsIo *io)
{
  switch (n->kind) {
  case NNS_SH_NODE_IF:
    return exec_if(c, n, io);
  case NNS_SH_NODE_WHILE:
  case NNS_SH_NODE_UNTIL:
    return exec_while(c, n, io);
  case NNS_SH_NODE_FOR:
    return exec_for(c, n, io);
  case NNS_SH_NODE_GROUP:
    return nns_sh_exec_list(c, g_ptr_array_index(n->kids, 0), io);
  case NNS_SH_NODE_CASE:
    return nns_sh_exec_case(c, n, io);
  case NNS_SH_NODE_ARITH:
    return nns_sh_exec_arith(c, n, io);
  default:
    g_return_val_if_reached(2);
  }
}
