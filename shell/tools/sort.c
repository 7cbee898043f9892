/* sort [-rnu] [FILE...]: bytewise (C locale); -n compares leading numbers,
 * ties broken by the whole line as GNU sort does without -s. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  gboolean numeric, reverse, unique;
} SortFlags;

/* Leading blanks, a sign, digits and a fraction; anything else is 0. */
static long double
leading_number(const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  const char *p = s;
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit(*p) && !(*p == '.' && g_ascii_isdigit(p[1])))
    return 0;
  return strtold(s, NULL);
}

static int
key_compare(const char *a, const char *b, const SortFlags *f)
{
  if (!f->numeric)
    return strcmp(a, b);
  long double x = leading_number(a), y = leading_number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

static gint
line_compare(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const SortFlags *f = data;
  const char *a = *(const char *const *) pa, *b = *(const char *const *) pb;
  int c = key_compare(a, b, f);
  if (c == 0 && !f->unique)
    c = strcmp(a, b);
  return f->reverse ? -c : c;
}

int
nns_tool_sort(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "rnubfs", TRUE)) {
    int st = nns_opts_fail(io, "sort", &o, NULL, 2);
    nns_opts_clear(&o);
    return st;
  }
  SortFlags f = { 0 };
  for (guint i = 0; i < o.opts->len; i++) {
    switch (g_array_index(o.opts, NnsOpt, i).opt) {
    case 'r': f.reverse = TRUE; break;
    case 'n': f.numeric = TRUE; break;
    case 'u': f.unique = TRUE; break;
    default: break;
    }
  }
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, "-");
  g_autoptr(GString) all = g_string_new("");
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    g_autoptr(GString) data = g_string_new("");
    int err = nns_tool_read_input(sh, pid, io, name, data);
    if (err) {
      nns_err(io, "sort: %s: %s: %s\n", err == EISDIR ? "read failed" : "cannot read", name, nns_strerror(err));
      nns_opts_clear(&o);
      return 2;
    }
    g_string_append_len(all, data->str, data->len);
    /* Files are joined as lines even when one lacks its last newline. */
    if (all->len && all->str[all->len - 1] != '\n')
      g_string_append_c(all, '\n');
  }
  g_autoptr(GPtrArray) lines = nns_tool_split_lines(all->str, all->len);
  g_ptr_array_sort_with_data(lines, line_compare, &f);
  const char *prev = NULL;
  for (guint i = 0; i < lines->len; i++) {
    const char *line = g_ptr_array_index(lines, i);
    if (f.unique && prev && key_compare(prev, line, &f) == 0)
      continue;
    g_string_append_printf(io->out, "%s\n", line);
    prev = line;
  }
  nns_opts_clear(&o);
  return 0;
}
