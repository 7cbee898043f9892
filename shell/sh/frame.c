#include "shell/sh/frame.h"

#include <string.h>

static void
var_free(gpointer p)
{
  NnsShVar *v = p;
  g_free(v->value);
  g_free(v);
}

static GHashTable *
vars_new(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, var_free);
}

static void
copy_var(GHashTable *to, const char *name, const NnsShVar *v)
{
  NnsShVar *c = g_new0(NnsShVar, 1);
  c->value = g_strdup(v->value);
  c->exported = v->exported;
  g_hash_table_replace(to, g_strdup(name), c);
}

NnsShFrame *
nns_sh_frame_new(const NnsShFrame *parent, const char *name, NnsShSource source)
{
  NnsShFrame *f = g_new0(NnsShFrame, 1);
  f->refs = 1;
  f->vars = vars_new();
  f->params = g_ptr_array_new_with_free_func(g_free);
  f->name = g_strdup(name);
  f->source = source;
  f->lineno = 1;
  if (parent) {
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, parent->vars);
    while (g_hash_table_iter_next(&it, &key, &value))
      if (((NnsShVar *) value)->exported)
        copy_var(f->vars, key, value);
  }
  return f;
}

NnsShFrame *
nns_sh_frame_copy(const NnsShFrame *src)
{
  NnsShFrame *f = nns_sh_frame_new(NULL, src->name, src->source);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, src->vars);
  while (g_hash_table_iter_next(&it, &key, &value))
    copy_var(f->vars, key, value);
  for (guint i = 0; i < src->params->len; i++)
    g_ptr_array_add(f->params, g_strdup(src->params->pdata[i]));
  f->lineno = src->lineno;
  f->errexit = src->errexit;
  f->dollar_pid = src->dollar_pid;
  /* A break in a subshell inside a loop ends the subshell, quietly. */
  f->loop_depth = src->loop_depth;
  return f;
}

NnsShFrame *
nns_sh_frame_ref(NnsShFrame *f)
{
  f->refs++;
  return f;
}

void
nns_sh_frame_unref(NnsShFrame *f)
{
  if (!f || --f->refs > 0)
    return;
  g_hash_table_unref(f->vars);
  g_ptr_array_unref(f->params);
  g_free(f->name);
  g_free(f);
}

void
nns_sh_frame_reset(NnsShFrame *f)
{
  g_hash_table_remove_all(f->vars);
  g_ptr_array_set_size(f->params, 0);
  f->lineno = 1;
  f->loop_depth = 0;
  f->jump = NNS_SH_JUMP_NONE;
  f->jump_levels = 0;
  f->fatal = FALSE;
  f->errexit = FALSE;
}

const char *
nns_sh_frame_get(const NnsShFrame *f, const char *name)
{
  const NnsShVar *v = g_hash_table_lookup(f->vars, name);
  return v ? v->value : NULL;
}

void
nns_sh_frame_set(NnsShFrame *f, const char *name, const char *value)
{
  NnsShVar *v = g_hash_table_lookup(f->vars, name);
  if (!v) {
    v = g_new0(NnsShVar, 1);
    g_hash_table_replace(f->vars, g_strdup(name), v);
  }
  g_free(v->value);
  v->value = g_strdup(value);
}

/* `export NAME` of an unset NAME marks it, still unset. */
void
nns_sh_frame_export(NnsShFrame *f, const char *name)
{
  NnsShVar *v = g_hash_table_lookup(f->vars, name);
  if (!v) {
    v = g_new0(NnsShVar, 1);
    g_hash_table_replace(f->vars, g_strdup(name), v);
  }
  v->exported = TRUE;
}

void
nns_sh_frame_unset(NnsShFrame *f, const char *name)
{
  g_hash_table_remove(f->vars, name);
}

void
nns_sh_frame_set_params(NnsShFrame *f, char **argv, int argc)
{
  g_ptr_array_set_size(f->params, 0);
  for (int i = 0; i < argc; i++)
    g_ptr_array_add(f->params, g_strdup(argv[i]));
}

gboolean
nns_sh_is_name_len(const char *s, gsize len)
{
  if (len == 0 || !(g_ascii_isalpha(s[0]) || s[0] == '_'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!(g_ascii_isalnum(s[i]) || s[i] == '_'))
      return FALSE;
  return TRUE;
}

gboolean
nns_sh_is_name(const char *s)
{
  return nns_sh_is_name_len(s, strlen(s));
}

char *
nns_sh_frame_where(const NnsShFrame *f)
{
  return g_strdup_printf("%s: line %u: ", f->name, f->lineno);
}

char *
nns_sh_frame_syntax_where(const NnsShFrame *f, guint lineno)
{
  switch (f->source) {
  case NNS_SH_SOURCE_FILE:
  case NNS_SH_SOURCE_STDIN:
    return g_strdup_printf("%s: line %u: ", f->name, lineno);
  default:
    return g_strdup_printf("%s: -c: line %u: ", f->name, lineno);
  }
}
