/* head and tail by lines: -n N, -N, head -n -N (all but the last N),
 * tail -n +N (from line N); -c N by bytes. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <stdlib.h>

typedef struct {
  gboolean bytes;             /* -c */
  gboolean from_start;        /* tail -n +N */
  gboolean all_but;           /* head -n -N */
  guint64 count;
} Amount;

static gboolean
parse_amount(const char *arg, Amount *a, gboolean head)
{
  const char *p = arg;
  if (*p == '+' && !head) {
    a->from_start = TRUE;
    p++;
  } else if (*p == '-') {
    if (head)
      a->all_but = TRUE;
    p++;
  } else if (*p == '+') {
    p++;
  }
  char *end = NULL;
  if (!g_ascii_isdigit(*p))
    return FALSE;
  a->count = g_ascii_strtoull(p, &end, 10);
  return *end == '\0';
}

/* Offsets of where to cut `data`: [start, stop). */
static void
cut(const GString *data, const Amount *a, gboolean head, gsize *start, gsize *stop)
{
  gsize len = data->len;
  *start = 0;
  *stop = len;
  if (a->bytes) {
    guint64 n = MIN(a->count, len);
    if (head)
      *stop = a->all_but ? len - n : n;
    else
      *start = a->from_start ? (a->count ? MIN(a->count - 1, len) : 0) : len - n;
    return;
  }
  /* Line starts, counting a last line without a newline. */
  g_autoptr(GArray) starts = g_array_new(FALSE, FALSE, sizeof(gsize));
  for (gsize i = 0; i < len; i++)
    if (i == 0 || data->str[i - 1] == '\n')
      g_array_append_val(starts, i);
  guint64 lines = starts->len;
  guint64 n = MIN(a->count, lines);
  guint64 first = 0, last = lines;    /* line indexes kept: [first, last) */
  if (head)
    last = a->all_but ? lines - n : n;
  else
    first = a->from_start ? (a->count ? MIN(a->count - 1, lines) : 0) : lines - n;
  *start = first < lines ? g_array_index(starts, gsize, first) : len;
  *stop = last < lines ? g_array_index(starts, gsize, last) : len;
  if (*stop < *start)
    *stop = *start;
}

static int
head_tail(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io, gboolean head)
{
  const char *name = head ? "head" : "tail";
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, head ? "n:c:qv#" : "n:c:qvf#", TRUE)) {
    int st = nns_opts_fail(io, name, &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  Amount a = { .count = 10 };
  int headers = -1;
  for (guint i = 0; i < o.opts->len; i++) {
    NnsOpt *opt = &g_array_index(o.opts, NnsOpt, i);
    if (opt->opt == 'q' || opt->opt == 'v') {
      headers = opt->opt == 'v';
      continue;
    }
    if (opt->opt == 'f')
      continue;   /* nothing will ever be appended: -f ends at once */
    a = (Amount) { .bytes = opt->opt == 'c' };
    if (!parse_amount(opt->arg, &a, head)) {
      nns_err(io, "%s: invalid number of %s: ‘%s’\n", name, a.bytes ? "bytes" : "lines", opt->arg);
      nns_opts_clear(&o);
      return 1;
    }
  }
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, "-");
  if (headers < 0)
    headers = o.operands->len > 1;
  int status = 0;
  gboolean first = TRUE;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *file = g_ptr_array_index(o.operands, i);
    g_autoptr(GString) data = g_string_new("");
    int err = nns_tool_read_input(sh, pid, io, file, data);
    if (err == EISDIR) {
      nns_err(io, "%s: error reading '%s': %s\n", name, file, nns_strerror(err));
      status = 1;
      continue;
    }
    if (err) {
      nns_err(io, "%s: cannot open '%s' for reading: %s\n", name, file, nns_strerror(err));
      status = 1;
      continue;
    }
    if (headers)
      g_string_append_printf(io->out, "%s==> %s <==\n", first ? "" : "\n",
                             g_str_equal(file, "-") ? "standard input" : file);
    first = FALSE;
    gsize start, stop;
    cut(data, &a, head, &start, &stop);
    g_string_append_len(io->out, data->str + start, stop - start);
  }
  nns_opts_clear(&o);
  return status;
}

int
nns_tool_head(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  return head_tail(sh, pid, argc, argv, io, TRUE);
}

int
nns_tool_tail(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  return head_tail(sh, pid, argc, argv, io, FALSE);
}
