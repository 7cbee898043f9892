/* cut -b|-c|-f LIST [-d C] [-s] [-z] [--complement] [--output-delimiter=S]
 * [FILE...]: the selected bytes or fields of each line, as GNU coreutils
 * 9.1 cuts them (recorded in fixtures/oracle/cut). */
#include "shell/tools/tools.h"

#include <errno.h>
#include <string.h>

enum { OPT_OUTPUT_DELIMITER = 1, OPT_COMPLEMENT = 2 };

static const NnsLongOpt cut_longs[] = {
  { "bytes", TRUE, 'b' },
  { "characters", TRUE, 'c' },
  { "delimiter", TRUE, 'd' },
  { "fields", TRUE, 'f' },
  { "only-delimited", FALSE, 's' },
  { "output-delimiter", TRUE, OPT_OUTPUT_DELIMITER },
  { "complement", FALSE, OPT_COMPLEMENT },
  { "zero-terminated", FALSE, 'z' },
  { NULL, FALSE, 0 },
};

/* One range of the list, lo..hi counted from 1; hi G_MAXUINT64 is "to the
 * end of the line". */
typedef struct {
  guint64 lo, hi;
} Range;

typedef struct {
  GArray *ranges;             /* Range: merged, increasing, then a sentinel */
  gboolean bytes;
  char delim;
  char line_delim;
  gboolean suppress;          /* -s */
  const char *out_delim;      /* NULL: the input delimiter */
  gsize out_delim_len;
} Cut;

static int
cut_range_cmp(gconstpointer a, gconstpointer b)
{
  const Range *x = a, *y = b;
  return (x->lo > y->lo) - (x->lo < y->lo);
}

/* set_fields: the list's numbers and ranges, separated by commas or
 * blanks; NULL with coreutils' complaint in *why (to be freed). */
static GArray *
parse_list(const char *s, gboolean pos, gboolean complement, char **why)
{
  g_autoptr(GArray) r = g_array_new(FALSE, FALSE, sizeof(Range));
  guint64 initial = 1, value = 0;
  gboolean lhs = FALSE, rhs = FALSE, dash = FALSE;
  const char *from1 = pos ? "byte/character positions are numbered from 1" : "fields are numbered from 1";
  const char *num_start = NULL;
  for (const char *p = s;; p++) {
    if (*p == '-') {
      num_start = NULL;
      if (dash) {
        *why = g_strdup(pos ? "invalid byte or character range" : "invalid field range");
        return NULL;
      }
      dash = TRUE;
      if (lhs && !value) {
        *why = g_strdup(from1);
        return NULL;
      }
      initial = lhs ? value : 1;
      value = 0;
    } else if (*p == ',' || *p == ' ' || *p == '\t' || *p == '\0') {
      num_start = NULL;
      Range x;
      if (dash) {
        dash = FALSE;
        if (!lhs && !rhs) {
          *why = g_strdup("invalid range with no endpoint: -");
          return NULL;
        }
        if (!rhs) {
          x = (Range) { initial, G_MAXUINT64 };
        } else if (value < initial) {
          *why = g_strdup("invalid decreasing range");
          return NULL;
        } else {
          x = (Range) { initial, value };
        }
      } else if (value == 0) {
        *why = g_strdup(from1);
        return NULL;
      } else {
        x = (Range) { value, value };
      }
      g_array_append_val(r, x);
      value = 0;
      if (*p == '\0')
        break;
      lhs = rhs = FALSE;
    } else if (g_ascii_isdigit(*p)) {
      if (!num_start)
        num_start = p;
      if (dash)
        rhs = TRUE;
      else
        lhs = TRUE;
      guint d = (guint) (*p - '0');
      if (value > (G_MAXUINT64 - d) / 10 || value * 10 + d == G_MAXUINT64) {
        g_autofree char *num = g_strndup(num_start, strspn(num_start, "0123456789"));
        *why = g_strdup_printf(pos ? "byte/character offset ‘%s’ is too large" : "field number ‘%s’ is too large",
                               num);
        return NULL;
      }
      value = value * 10 + d;
    } else {
      *why = g_strdup_printf(pos ? "invalid byte/character position ‘%s’" : "invalid field value ‘%s’", p);
      return NULL;
    }
  }
  g_array_sort(r, cut_range_cmp);
  /* 2-5,3-4 is 2-5. */
  for (guint i = 0; i + 1 < r->len;) {
    Range *a = &g_array_index(r, Range, i), *b = &g_array_index(r, Range, i + 1);
    if (b->lo <= a->hi) {
      a->hi = MAX(a->hi, b->hi);
      g_array_remove_index(r, i + 1);
    } else {
      i++;
    }
  }
  if (complement) {
    g_autoptr(GArray) c = g_array_new(FALSE, FALSE, sizeof(Range));
    const Range *first = &g_array_index(r, Range, 0);
    if (first->lo > 1)
      g_array_append_val(c, ((Range) { 1, first->lo - 1 }));
    for (guint i = 1; i < r->len; i++) {
      const Range *p = &g_array_index(r, Range, i - 1), *q = &g_array_index(r, Range, i);
      if (p->hi + 1 != q->lo)
        g_array_append_val(c, ((Range) { p->hi + 1, q->lo - 1 }));
    }
    const Range *last = &g_array_index(r, Range, r->len - 1);
    if (last->hi < G_MAXUINT64)
      g_array_append_val(c, ((Range) { last->hi + 1, G_MAXUINT64 }));
    g_array_unref(r);
    r = g_steal_pointer(&c);
  }
  g_array_append_val(r, ((Range) { G_MAXUINT64, G_MAXUINT64 }));
  return g_steal_pointer(&r);
}

/* The walk over the ranges as an item index grows (next_item). */
typedef struct {
  const Range *rp;
} Cursor;

static void
next_item(Cursor *c, guint64 *idx)
{
  (*idx)++;
  if (*idx > c->rp->hi)
    c->rp++;
}

/* cut_bytes */
static void
cut_bytes(const Cut *k, const GString *in, GString *out)
{
  Cursor cur = { (const Range *) k->ranges->data };
  guint64 idx = 0;
  gboolean print_delim = FALSE;
  for (gsize i = 0; i < in->len; i++) {
    char ch = in->str[i];
    if (ch == k->line_delim) {
      g_string_append_c(out, ch);
      idx = 0;
      print_delim = FALSE;
      cur.rp = (const Range *) k->ranges->data;
      continue;
    }
    next_item(&cur, &idx);
    if (cur.rp->lo > idx)
      continue;
    if (k->out_delim) {
      if (print_delim && idx == cur.rp->lo)
        g_string_append_len(out, k->out_delim, (gssize) k->out_delim_len);
      print_delim = TRUE;
    }
    g_string_append_c(out, ch);
  }
  if (idx > 0)
    g_string_append_c(out, k->line_delim);
}

/* cut_fields, line by line: a line without the delimiter is printed
 * whole (or not at all with -s); the selected fields are joined by the
 * output delimiter. */
static void
cut_fields(const Cut *k, const GString *in, GString *out)
{
  const char *od = k->out_delim ? k->out_delim : &k->delim;
  gsize od_len = k->out_delim ? k->out_delim_len : 1;
  gsize pos = 0;
  while (pos < in->len) {
    const char *line = in->str + pos;
    const char *end = memchr(line, k->line_delim, in->len - pos);
    gsize len = end ? (gsize) (end - line) : in->len - pos;
    pos += len + (end ? 1 : 0);
    /* With -d set to the line delimiter, a line is one field. */
    if (k->delim == k->line_delim || !memchr(line, k->delim, len)) {
      if (!k->suppress) {
        g_string_append_len(out, line, (gssize) len);
        g_string_append_c(out, k->line_delim);
      }
      continue;
    }
    Cursor cur = { (const Range *) k->ranges->data };
    guint64 idx = 1;
    gboolean any = FALSE;
    gsize start = 0;
    for (gsize i = 0; i <= len; i++) {
      if (i < len && line[i] != k->delim)
        continue;
      if (cur.rp->lo <= idx) {
        if (any)
          g_string_append_len(out, od, (gssize) od_len);
        any = TRUE;
        g_string_append_len(out, line + start, (gssize) (i - start));
      }
      next_item(&cur, &idx);
      start = i + 1;
    }
    g_string_append_c(out, k->line_delim);
  }
}

/* The options in order, as cut's getopt loop takes them: its own
 * complaints come before a later bad option's. */
static const char *
apply_options(Cut *k, const NnsOpts *o, const char **list, gboolean *complement, gboolean *delim_set)
{
  for (guint i = 0; i < o->opts->len; i++) {
    const NnsOpt *opt = &g_array_index(o->opts, NnsOpt, i);
    switch (opt->opt) {
    case 'b': case 'c': case 'f':
      if (*list)
        return "only one list may be specified";
      *list = opt->arg;
      k->bytes = opt->opt != 'f';
      break;
    case 'd':
      if (opt->arg[0] && opt->arg[1])
        return "the delimiter must be a single character";
      k->delim = opt->arg[0];
      *delim_set = TRUE;
      break;
    case OPT_OUTPUT_DELIMITER:
      /* An empty one is the NUL byte. */
      k->out_delim = opt->arg;
      k->out_delim_len = opt->arg[0] ? strlen(opt->arg) : 1;
      break;
    case OPT_COMPLEMENT: *complement = TRUE; break;
    case 's': k->suppress = TRUE; break;
    case 'z': k->line_delim = '\0'; break;
    default: break;           /* -n: ignored */
    }
  }
  return NULL;
}

static int
cut_usage_error(NnsIo *io, const char *why)
{
  nns_err(io, "cut: %s\nTry 'cut --help' for more information.\n", why);
  return 1;
}

int
nns_tool_cut(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  gboolean parsed = nns_opts_parse_long(&o, argc, argv, "b:c:d:f:nsz", cut_longs, TRUE);
  Cut k = { .line_delim = '\n' };
  const char *list = NULL;
  gboolean complement = FALSE, delim_set = FALSE;
  const char *fatal = apply_options(&k, &o, &list, &complement, &delim_set);
  if (fatal || !parsed) {
    int st = fatal ? cut_usage_error(io, fatal) : nns_opts_fail(io, "cut", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  if (!list)
    fatal = "you must specify a list of bytes, characters, or fields";
  else if (k.bytes && delim_set)
    fatal = "an input delimiter may be specified only when operating on fields";
  else if (k.bytes && k.suppress)
    fatal = "suppressing non-delimited lines makes sense\n\tonly when operating on fields";
  g_autofree char *why = NULL;
  if (!fatal && !(k.ranges = parse_list(list, k.bytes, complement, &why)))
    fatal = why;
  if (fatal) {
    nns_opts_clear(&o);
    return cut_usage_error(io, fatal);
  }
  if (!delim_set)
    k.delim = '\t';
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, "-");
  int status = 0;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    g_autoptr(GString) data = g_string_new("");
    int err = nns_tool_read_input(sh, pid, io, name, data);
    if (err) {
      nns_err(io, "cut: %s: %s\n", name, nns_strerror(err));
      status = 1;
      continue;
    }
    if (k.bytes)
      cut_bytes(&k, data, io->out);
    else
      cut_fields(&k, data, io->out);
  }
  g_array_unref(k.ranges);
  nns_opts_clear(&o);
  return status;
}
