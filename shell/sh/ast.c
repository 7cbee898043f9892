#include "shell/sh/ast.h"

static void
part_free(gpointer p)
{
  NnsShPart *part = p;
  g_free(part->text);
  g_free(part->src);
  nns_sh_word_free(part->arg);
  nns_sh_node_free(part->cmd);
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
  g_free(w->raw);
  g_free(w);
}

void
nns_sh_word_add(NnsShWord *w, NnsShPartKind kind, gboolean quoted, const char *text, gsize len)
{
  if (kind == NNS_SH_PART_LITERAL && w->parts->len > 0) {
    NnsShPart *last = g_ptr_array_index(w->parts, w->parts->len - 1);
    if (last->kind == NNS_SH_PART_LITERAL && last->quoted == quoted) {
      g_autofree char *old = last->text;
      g_autofree char *add = g_strndup(text, len);
      last->text = g_strconcat(old, add, NULL);
      return;
    }
  }
  NnsShPart *part = g_new0(NnsShPart, 1);
  part->kind = kind;
  part->quoted = quoted;
  part->text = g_strndup(text, len);
  g_ptr_array_add(w->parts, part);
}

const char *
nns_sh_word_plain(const NnsShWord *w)
{
  if (w->quoted || w->parts->len != 1)
    return NULL;
  const NnsShPart *part = g_ptr_array_index(w->parts, 0);
  return part->kind == NNS_SH_PART_LITERAL ? part->text : NULL;
}

void
nns_sh_redir_free(NnsShRedir *r)
{
  if (!r)
    return;
  nns_sh_word_free(r->target);
  g_free(r);
}

void
nns_sh_assign_free(NnsShAssign *a)
{
  if (!a)
    return;
  g_free(a->name);
  nns_sh_word_free(a->value);
  g_free(a);
}

NnsShNode *
nns_sh_node_new(NnsShNodeKind kind, guint lineno)
{
  NnsShNode *n = g_new0(NnsShNode, 1);
  n->kind = kind;
  n->lineno = lineno;
  n->kids = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_node_free);
  n->redirs = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_redir_free);
  if (kind == NNS_SH_NODE_CASE) {
    n->words = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_word_free);
    n->patterns = g_ptr_array_new_with_free_func((GDestroyNotify) g_ptr_array_unref);
  }
  if (kind == NNS_SH_NODE_ARITH)
    n->words = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_word_free);
  if (kind == NNS_SH_NODE_SIMPLE) {
    n->words = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_word_free);
    n->assigns = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_assign_free);
  }
  return n;
}

/* Freeing recurses no deeper than the parser built (NNS_SH_MAX_DEPTH). */
void
nns_sh_node_free(NnsShNode *n)
{
  if (!n)
    return;
  g_ptr_array_unref(n->kids);
  g_ptr_array_unref(n->redirs);
  if (n->words)
    g_ptr_array_unref(n->words);
  if (n->assigns)
    g_ptr_array_unref(n->assigns);
  if (n->patterns)
    g_ptr_array_unref(n->patterns);
  g_free(n->name);
  g_free(n);
}
