#include "shell/sh/expand.h"
#include "shell/sh/arith.h"

#include <string.h>

/* The fields being built from one word. */
typedef struct {
  GPtrArray *fields;          /* char* */
  GString *cur;
  gboolean has;               /* cur is a field, even if empty ("", "$x") */
  gboolean after_ws;          /* the last field ended at IFS white space */
  gboolean split;             /* FALSE: one string, nothing split */
  gboolean pattern;           /* a case pattern: quoted text has its glob characters escaped */
  const char *ifs;
  gsize total;                /* bytes of every field so far */
} Fields;

static void
emit(Fields *f)
{
  g_ptr_array_add(f->fields, g_strdup(f->cur->str));
  g_string_truncate(f->cur, 0);
  f->has = FALSE;
}

static gboolean
is_ifs_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/* Text into the current field; `splittable` text (an unquoted
 * expansion's) is cut at $IFS: white space of IFS delimits fields and is
 * dropped at either end, any other IFS character delimits one field
 * (empty ones too) together with the white space around it. */
static void
add_text(Fields *f, const char *s, gboolean quoted, gboolean splittable)
{
  f->total += strlen(s);
  if (!splittable || !f->split || !*f->ifs) {
    if (f->pattern && quoted) {
      for (const char *c = s; *c; c++) {
        if (strchr("*?[]\\", *c))
          g_string_append_c(f->cur, '\\');
        g_string_append_c(f->cur, *c);
      }
    } else {
      g_string_append(f->cur, s);
    }
    if (quoted || *s)
      f->has = TRUE;
    if (*s)
      f->after_ws = FALSE;
    return;
  }
  for (; *s; s++) {
    if (!strchr(f->ifs, *s)) {
      g_string_append_c(f->cur, *s);
      f->has = TRUE;
      f->after_ws = FALSE;
    } else if (is_ifs_space(*s)) {
      if (f->has) {
        emit(f);
        f->after_ws = TRUE;
      }
    } else {
      if (f->has || !f->after_ws)
        emit(f);
      f->after_ws = FALSE;
    }
  }
}

/* "$@": each parameter its own field. */
static void
add_break(Fields *f)
{
  if (!f->split) {
    g_string_append_c(f->cur, ' ');
    return;
  }
  if (f->has)
    emit(f);
  f->after_ws = FALSE;
}

static gboolean expand_into(NnsShExpand *x, Fields *f, const NnsShWord *w, gboolean in_expansion);
static gboolean within_bound(NnsShExpand *x, Fields *f);

static gboolean
fail(NnsShExpand *x, int status, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static gboolean
fail(NnsShExpand *x, int status, const char *fmt, ...)
{
  g_autofree char *where = nns_sh_frame_where(x->frame);
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_string_append_printf(x->err, "%s%s\n", where, msg);
  x->status = status;
  x->fatal = TRUE;
  return FALSE;
}

static const char *
dash_flags(const NnsShFrame *f)
{
  return f->source == NNS_SH_SOURCE_STRING ? "hBc" : f->source == NNS_SH_SOURCE_STDIN ? "hBs" : "hB";
}

/* The value of a parameter other than @ and *; NULL when unset. */
static char *
param_value(NnsShExpand *x, const char *name)
{
  NnsShFrame *f = x->frame;
  if (g_ascii_isdigit(name[0])) {
    guint64 n = g_ascii_strtoull(name, NULL, 10);
    if (n == 0 && strspn(name, "0") == strlen(name))
      return g_strdup(f->name);
    return n <= f->params->len ? g_strdup(f->params->pdata[n - 1]) : NULL;
  }
  if (g_str_equal(name, "$"))
    return g_strdup_printf("%d", f->dollar_pid ? f->dollar_pid : x->pid);
  if (g_str_equal(name, "?"))
    return g_strdup_printf("%d", x->sh->last_status);
  if (g_str_equal(name, "#"))
    return g_strdup_printf("%u", f->params->len);
  if (g_str_equal(name, "-"))
    return g_strdup(dash_flags(f));
  if (g_str_equal(name, "!"))
    return NULL;
  if (g_str_equal(name, "LINENO") && !nns_sh_frame_get(f, name))
    return g_strdup_printf("%u", f->lineno);
  return g_strdup(nns_sh_frame_get(f, name));
}

static char *
join_params(const NnsShFrame *f, const char *ifs)
{
  g_autoptr(GString) s = g_string_new("");
  for (guint i = 0; i < f->params->len; i++) {
    if (i > 0 && *ifs)
      g_string_append_c(s, *ifs);
    g_string_append(s, f->params->pdata[i]);
  }
  return g_string_free(g_steal_pointer(&s), FALSE);
}

static char *
expand_arg_string(NnsShExpand *x, const NnsShPart *part)
{
  return part->arg ? nns_sh_expand_string(x, part->arg) : g_strdup("");
}

static gboolean
expand_param(NnsShExpand *x, Fields *f, const NnsShPart *part)
{
  const char *name = part->text;
  gboolean all = g_str_equal(name, "@") || g_str_equal(name, "*");
  if (all && !part->length && !part->op) {
    const NnsShFrame *fr = x->frame;
    if (part->quoted && name[0] == '*') {
      g_autofree char *joined = join_params(fr, f->ifs ? f->ifs : " ");
      add_text(f, joined, TRUE, FALSE);
      return TRUE;
    }
    for (guint i = 0; i < fr->params->len; i++) {
      if (i > 0)
        add_break(f);
      add_text(f, fr->params->pdata[i], part->quoted, !part->quoted);
    }
    return TRUE;
  }
  g_autofree char *value = all ? join_params(x->frame, " ") : param_value(x, name);
  if (all && x->frame->params->len == 0)
    g_clear_pointer(&value, g_free);
  if (part->length) {
    glong n = all ? (glong) x->frame->params->len
            : !value ? 0
            : g_utf8_validate(value, -1, NULL) ? g_utf8_strlen(value, -1) : (glong) strlen(value);
    g_autofree char *len = g_strdup_printf("%ld", n);
    add_text(f, len, part->quoted, !part->quoted);
    return TRUE;
  }
  gboolean unset = !value || (part->colon && !*value);
  switch (part->op) {
  case '-':
    if (unset)
      return part->arg ? expand_into(x, f, part->arg, TRUE) : TRUE;
    break;
  case '+':
    if (!unset)
      return part->arg ? expand_into(x, f, part->arg, TRUE) : TRUE;
    return TRUE;
  case '=':
    if (unset) {
      if (!nns_sh_is_name(name))
        return fail(x, 1, "$%s: cannot assign in this way", name);
      g_free(value);
      value = expand_arg_string(x, part);
      if (!value)
        return FALSE;
      nns_sh_frame_set(x->frame, name, value);
    }
    break;
  case '?':
    if (unset) {
      g_autofree char *msg = expand_arg_string(x, part);
      if (!msg)
        return FALSE;
      if (!*msg)
        return fail(x, 127, "%s: %s", name, part->colon ? "parameter null or not set" : "parameter not set");
      return fail(x, 127, "%s: %s", name, msg);
    }
    break;
  default:
    break;
  }
  if (value)
    add_text(f, value, part->quoted, !part->quoted);
  else if (part->quoted)
    f->has = TRUE;
  return TRUE;
}

/* $((EXPR)): EXPR expanded, then evaluated; an error is bash's, fatal. */
static gboolean
expand_arith(NnsShExpand *x, Fields *f, const NnsShPart *part)
{
  g_autofree char *expr = nns_sh_expand_string(x, part->arg);
  if (!expr)
    return FALSE;
  gint64 value = 0;
  g_autofree char *msg = NULL;
  if (!nns_sh_arith_eval(x->frame, expr, &value, &msg))
    return fail(x, 1, "%s", msg);
  char buf[32];
  g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  add_text(f, buf, part->quoted, !part->quoted);
  return TRUE;
}

/* The parts of a word into the fields; inside an expansion (the WORD of
 * ${NAME:-WORD}) unquoted text is split as the expansion's result is. */
static gboolean
expand_into(NnsShExpand *x, Fields *f, const NnsShWord *w, gboolean in_expansion)
{
  for (guint i = 0; i < w->parts->len; i++) {
    /* bash would grow a value until memory runs out ($X$X in a loop):
     * netnsim stops the input at NNS_IO_MAX. */
    if (!within_bound(x, f))
      return FALSE;
    const NnsShPart *part = g_ptr_array_index(w->parts, i);
    switch (part->kind) {
    case NNS_SH_PART_LITERAL:
      add_text(f, part->text, part->quoted, in_expansion && !part->quoted);
      break;
    case NNS_SH_PART_PARAM:
      if (!expand_param(x, f, part))
        return FALSE;
      break;
    case NNS_SH_PART_CMDSUBST: {
      g_autofree char *out = nns_sh_cmdsubst(x, part->cmd);
      add_text(f, out, part->quoted, !part->quoted);
      break;
    }
    case NNS_SH_PART_ARITH:
      if (!expand_arith(x, f, part))
        return FALSE;
      break;
    case NNS_SH_PART_BAD: {
      /* bash names the whole word, its quotes removed. */
      g_autoptr(GString) text = g_string_new("");
      for (guint k = 0; k < w->parts->len; k++) {
        const NnsShPart *p = g_ptr_array_index(w->parts, k);
        g_string_append(text, p->kind == NNS_SH_PART_LITERAL ? p->text : p->src ? p->src : p->text);
      }
      return fail(x, 1, "%s: bad substitution", text->str);
    }
    }
  }
  return TRUE;
}

static void
fields_init(NnsShExpand *x, Fields *f, gboolean split)
{
  f->fields = g_ptr_array_new_with_free_func(g_free);
  f->cur = g_string_new("");
  f->has = FALSE;
  f->after_ws = FALSE;
  f->split = split;
  f->pattern = FALSE;
  f->total = 0;
  const char *ifs = nns_sh_frame_get(x->frame, "IFS");
  f->ifs = ifs ? ifs : " \t\n";
}

static void
fields_clear(Fields *f)
{
  g_ptr_array_unref(f->fields);
  g_string_free(f->cur, TRUE);
}

static gboolean
within_bound(NnsShExpand *x, Fields *f)
{
  if (f->total <= NNS_IO_MAX)
    return TRUE;
  g_string_append_printf(x->err, "netnsim: an expansion longer than %d MiB\n", (int) (NNS_IO_MAX >> 20));
  x->status = 1;
  x->fatal = TRUE;
  return FALSE;
}

/* export NAME=$X and its kin take their assignments unsplit, as bash
 * does for its declaration commands. */
static gboolean
is_declaration(const char *cmd)
{
  return g_str_equal(cmd, "export") || g_str_equal(cmd, "readonly") || g_str_equal(cmd, "declare")
      || g_str_equal(cmd, "local") || g_str_equal(cmd, "typeset");
}

static gboolean
looks_like_assignment(const NnsShWord *w)
{
  const NnsShPart *first = w->parts->len ? g_ptr_array_index(w->parts, 0) : NULL;
  if (!first || first->kind != NNS_SH_PART_LITERAL || first->quoted)
    return FALSE;
  const char *eq = strchr(first->text, '=');
  return eq && nns_sh_is_name_len(first->text, eq - first->text);
}

char **
nns_sh_expand_fields(NnsShExpand *x, GPtrArray *words, int *count)
{
  Fields f;
  fields_init(x, &f, TRUE);
  for (guint i = 0; i < words->len; i++) {
    const NnsShWord *w = g_ptr_array_index(words, i);
    f.split = !(i > 0 && f.fields->len > 0 && is_declaration(f.fields->pdata[0]) && looks_like_assignment(w));
    f.after_ws = FALSE;
    if (!expand_into(x, &f, w, FALSE) || !within_bound(x, &f)) {
      fields_clear(&f);
      return NULL;
    }
    if (f.has)
      emit(&f);
  }
  x->expanded += f.total;
  if (count)
    *count = (int) f.fields->len;
  g_ptr_array_add(f.fields, NULL);
  char **out = (char **) g_ptr_array_steal(f.fields, NULL);
  fields_clear(&f);
  return out;
}

/* A word as one string, unsplit; as a case pattern, its quoted parts
 * escaped so that they match literally. */
static char *
expand_one(NnsShExpand *x, const NnsShWord *w, gboolean pattern)
{
  Fields f;
  fields_init(x, &f, FALSE);
  f.pattern = pattern;
  if (!expand_into(x, &f, w, FALSE) || !within_bound(x, &f)) {
    fields_clear(&f);
    return NULL;
  }
  x->expanded += f.total;
  char *out = g_strdup(f.cur->str);
  fields_clear(&f);
  return out;
}

char *
nns_sh_expand_string(NnsShExpand *x, const NnsShWord *w)
{
  return expand_one(x, w, FALSE);
}

char *
nns_sh_expand_target(NnsShExpand *x, const NnsShWord *w)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new();
  g_ptr_array_add(words, (gpointer) w);
  int n = 0;
  g_auto(GStrv) fields = nns_sh_expand_fields(x, words, &n);
  if (!fields)
    return NULL;
  if (n != 1) {
    g_autofree char *where = nns_sh_frame_where(x->frame);
    g_string_append_printf(x->err, "%s%s: ambiguous redirect\n", where, w->raw ? w->raw : "");
    x->status = 1;
    return NULL;
  }
  return g_strdup(fields[0]);
}

char *
nns_sh_expand_pattern(NnsShExpand *x, const NnsShWord *w)
{
  return expand_one(x, w, TRUE);
}
