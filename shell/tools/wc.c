/* wc [-lwcm] [FILE...]: counts in the order lines, words, bytes, with
 * coreutils' column width rule. */
#include "shell/tools/tools.h"

#include <errno.h>

typedef struct {
  guint64 lines, words, bytes;
} Counts;

static void
count(const GString *data, Counts *c)
{
  gboolean in_word = FALSE;
  for (gsize i = 0; i < data->len; i++) {
    char ch = data->str[i];
    if (ch == '\n')
      c->lines++;
    gboolean space = g_ascii_isspace(ch);
    if (!space && !in_word)
      c->words++;
    in_word = !space;
  }
  c->bytes += data->len;
}

static void
print_counts(GString *out, const Counts *c, const gboolean show[3], int width, const char *name)
{
  const guint64 v[3] = { c->lines, c->words, c->bytes };
  gboolean first = TRUE;
  for (int i = 0; i < 3; i++) {
    if (!show[i])
      continue;
    g_string_append_printf(out, "%s%*" G_GUINT64_FORMAT, first ? "" : " ", width, v[i]);
    first = FALSE;
  }
  if (name)
    g_string_append_printf(out, " %s", name);
  g_string_append_c(out, '\n');
}

int
nns_tool_wc(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "lwcmL", TRUE)) {
    int st = nns_opts_fail(io, "wc", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  gboolean show[3] = { FALSE, FALSE, FALSE };
  for (guint i = 0; i < o.opts->len; i++) {
    switch (g_array_index(o.opts, NnsOpt, i).opt) {
    case 'l': show[0] = TRUE; break;
    case 'w': show[1] = TRUE; break;
    default: show[2] = TRUE; break;
    }
  }
  if (!show[0] && !show[1] && !show[2])
    show[0] = show[1] = show[2] = TRUE;
  gboolean from_stdin = o.operands->len == 0;
  if (from_stdin)
    g_ptr_array_add(o.operands, "-");
  guint n = o.operands->len;
  g_autoptr(GArray) counts = g_array_sized_new(FALSE, TRUE, sizeof(Counts), n);
  g_array_set_size(counts, n);
  g_autoptr(GArray) errs = g_array_sized_new(FALSE, TRUE, sizeof(int), n);
  g_array_set_size(errs, n);
  /* The width fits the total size of regular files; standard input and
   * devices get at least 7; a single count of a single input gets none. */
  guint64 regular = 0;
  int min_width = 1;
  Counts total = { 0 };
  for (guint i = 0; i < n; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    g_autoptr(GString) data = g_string_new("");
    int err = nns_tool_read_input(sh, pid, io, name, data);
    g_array_index(errs, int, i) = err;
    if (err && err != EISDIR)
      continue;
    if (g_str_equal(name, "-"))
      min_width = 7;
    else
      regular += data->len;
    count(data, &g_array_index(counts, Counts, i));
    total.lines += g_array_index(counts, Counts, i).lines;
    total.words += g_array_index(counts, Counts, i).words;
    total.bytes += g_array_index(counts, Counts, i).bytes;
  }
  int width = 1;
  for (; regular >= 10; regular /= 10)
    width++;
  width = MAX(width, min_width);
  if (show[0] + show[1] + show[2] == 1 && n == 1)
    width = 1;
  int status = 0;
  for (guint i = 0; i < n; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    int err = g_array_index(errs, int, i);
    if (err) {
      nns_err(io, "wc: %s: %s\n", name, nns_strerror(err));
      status = 1;
      if (err != EISDIR)
        continue;
    }
    print_counts(io->out, &g_array_index(counts, Counts, i), show, width, from_stdin ? NULL : name);
  }
  if (n > 1)
    print_counts(io->out, &total, show, width, "total");
  nns_opts_clear(&o);
  return status;
}
