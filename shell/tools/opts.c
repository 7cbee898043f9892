/* getopt, GNU style, over an argv that is not the process's own. */
#include "shell/tools/tools.h"

#include <string.h>

static gboolean
takes_arg(const char *spec, char c)
{
  const char *p = strchr(spec, c);
  return p && c != ':' && c != '#' && p[1] == ':';
}

static void
add(NnsOpts *o, char c, const char *arg)
{
  NnsOpt opt = { c, arg };
  g_array_append_val(o->opts, opt);
}

/* process_long_option of glibc: an exact name, else the one option the
 * prefix names; `*i` moves past a separate argument. */
static gboolean
parse_long(NnsOpts *o, int argc, char **argv, int *i, const NnsLongOpt *longs)
{
  const char *a = argv[*i];
  const char *name = a + 2;
  const char *eq = strchr(name, '=');
  gsize len = eq ? (gsize) (eq - name) : strlen(name);
  const NnsLongOpt *found = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new();
  for (const NnsLongOpt *l = longs; l && l->name; l++) {
    if (strncmp(l->name, name, len) != 0)
      continue;
    if (strlen(l->name) == len) {
      found = l;
      g_ptr_array_set_size(matches, 0);
      break;
    }
    g_ptr_array_add(matches, (gpointer) l);
  }
  if (!found && matches->len > 1) {
    GString *msg = g_string_new(NULL);
    g_string_printf(msg, "option '%s' is ambiguous; possibilities:", a);
    for (guint k = 0; k < matches->len; k++)
      g_string_append_printf(msg, " '--%s'", ((const NnsLongOpt *) matches->pdata[k])->name);
    o->long_error = g_string_free(msg, FALSE);
    return FALSE;
  }
  if (!found && matches->len == 1)
    found = matches->pdata[0];
  if (!found) {
    o->bad_long = a;
    return FALSE;
  }
  if (!found->has_arg && eq) {
    o->long_error = g_strdup_printf("option '--%s' doesn't allow an argument", found->name);
    return FALSE;
  }
  if (found->has_arg && !eq && *i + 1 >= argc) {
    o->long_error = g_strdup_printf("option '--%s' requires an argument", found->name);
    return FALSE;
  }
  add(o, found->opt, !found->has_arg ? NULL : eq ? eq + 1 : argv[++*i]);
  return TRUE;
}

gboolean
nns_opts_parse(NnsOpts *o, int argc, char **argv, const char *spec, gboolean permute)
{
  return nns_opts_parse_long(o, argc, argv, spec, NULL, permute);
}

gboolean
nns_opts_parse_long(NnsOpts *o, int argc, char **argv, const char *spec, const NnsLongOpt *longs, gboolean permute)
{
  memset(o, 0, sizeof *o);
  o->opts = g_array_new(FALSE, FALSE, sizeof(NnsOpt));
  o->operands = g_ptr_array_new();
  gboolean only_operands = FALSE;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (only_operands || a[0] != '-' || a[1] == '\0') {
      g_ptr_array_add(o->operands, (gpointer) a);
      if (!permute)
        only_operands = TRUE;
      continue;
    }
    if (g_str_equal(a, "--")) {
      only_operands = TRUE;
      continue;
    }
    if (a[1] == '-') {
      if (!parse_long(o, argc, argv, &i, longs))
        return FALSE;
      continue;
    }
    if (strchr(spec, '#') && g_ascii_isdigit(a[1])) {
      add(o, '#', a + 1);
      continue;
    }
    for (const char *c = a + 1; *c; c++) {
      if (!strchr(spec, *c) || *c == ':' || *c == '#') {
        o->bad_opt = *c;
        return FALSE;
      }
      if (!takes_arg(spec, *c)) {
        add(o, *c, NULL);
        continue;
      }
      if (c[1]) {
        add(o, *c, c + 1);
      } else if (i + 1 < argc) {
        add(o, *c, argv[++i]);
      } else {
        o->missing_arg = *c;
        return FALSE;
      }
      break;
    }
  }
  return TRUE;
}

void
nns_opts_clear(NnsOpts *o)
{
  g_clear_pointer(&o->opts, g_array_unref);
  g_clear_pointer(&o->operands, g_ptr_array_unref);
  g_clear_pointer(&o->long_error, g_free);
}

int
nns_opts_fail(NnsIo *io, const char *name, const NnsOpts *o, const char *usage, int status)
{
  if (o->long_error)
    nns_err(io, "%s: %s\n", name, o->long_error);
  else if (o->bad_long)
    nns_err(io, "%s: unrecognized option '%s'\n", name, o->bad_long);
  else if (o->missing_arg)
    nns_err(io, "%s: option requires an argument -- '%c'\n", name, o->missing_arg);
  else if (o->bad_opt)
    nns_err(io, "%s: invalid option -- '%c'\n", name, o->bad_opt);
  if (usage)
    nns_err(io, "%s\n", usage);
  nns_err(io, "Try '%s --help' for more information.\n", name);
  return status;
}
