#include "shell/sh/ast.h"

static void
part_free(gpointer p)
{
  NnsShPart *part = p;
  g_free(part->text);
  g_free(part);
}

NnsShWord *
nns_sh_word_new(void)
{
  NnsShWord *w = g_new0(NnsShWord, 1);
  w->parts = g_ptr_array_new_with_free_func(part_free);
  return w;
}

void
nns_sh_word_free(NnsShWord *w)
{
  if (!w)
    return;
  g_ptr_array_unref(w->parts);
  g_free(w);
}

/* Adjacent literal text is merged so a word is usually one part. */
void
nns_sh_word_add(NnsShWord *w, NnsShPartKind kind, const char *text, gsize len)
{
  if (kind == NNS_SH_PART_LITERAL && w->parts->len > 0) {
    NnsShPart *last = g_ptr_array_index(w->parts, w->parts->len - 1);
    if (last->kind == NNS_SH_PART_LITERAL) {
      g_autofree char *old = last->text;
      g_autofree char *add = g_strndup(text, len);
      last->text = g_strconcat(old, add, NULL);
      return;
    }
  }
  NnsShPart *part = g_new0(NnsShPart, 1);
  part->kind = kind;
  part->text = g_strndup(text, len);
  g_ptr_array_add(w->parts, part);
}

void
nns_sh_redir_free(NnsShRedir *r)
{
  if (!r)
    return;
  nns_sh_word_free(r->target);
  g_free(r);
}

NnsShCommand *
nns_sh_command_new(void)
{
  NnsShCommand *c = g_new0(NnsShCommand, 1);
  c->words = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_word_free);
  c->redirs = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_redir_free);
  return c;
}

void
nns_sh_command_free(NnsShCommand *c)
{
  if (!c)
    return;
  g_ptr_array_unref(c->words);
  g_ptr_array_unref(c->redirs);
  g_free(c);
}

NnsShPipeline *
nns_sh_pipeline_new(NnsShJoin join)
{
  NnsShPipeline *p = g_new0(NnsShPipeline, 1);
  p->join = join;
  p->commands = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_command_free);
  return p;
}

void
nns_sh_pipeline_free(NnsShPipeline *p)
{
  if (!p)
    return;
  g_ptr_array_unref(p->commands);
  g_free(p);
}

NnsShProgram *
nns_sh_program_new(void)
{
  NnsShProgram *prog = g_new0(NnsShProgram, 1);
  prog->pipelines = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_pipeline_free);
  return prog;
}

void
nns_sh_program_free(NnsShProgram *prog)
{
  if (!prog)
    return;
  g_ptr_array_unref(prog->pipelines);
  g_free(prog);
}
