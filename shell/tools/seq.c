/* seq [-f FORMAT] [-s SEP] [-w] [FIRST [INCREMENT]] LAST: the numbers
 * from FIRST to LAST, as GNU coreutils 9.1 prints them (recorded in
 * fixtures/oracle/seq): fixed point at the operands' precision, %g
 * otherwise; what would print forever stops at the stream's bound. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const NnsLongOpt seq_longs[] = {
  { "format", TRUE, 'f' },
  { "separator", TRUE, 's' },
  { "equal-width", FALSE, 'w' },
  { NULL, FALSE, 0 },
};

/* An operand, its value and how it would print (scan_arg). */
typedef struct {
  long double value;
  gsize width;
  int precision;              /* G_MAXINT: not a fixed-point number */
} Operand;

typedef struct {
  gsize prefix_len, suffix_len;
} Layout;

static int
seq_usage_error(NnsIo *io, char *why)
{
  nns_err(io, "seq: %s\nTry 'seq --help' for more information.\n", why);
  g_free(why);
  return 1;
}

/* xstrtold in the C locale: the whole text, no overflow. */
static gboolean
read_number(const char *s, long double *out)
{
  char *end;
  errno = 0;
  *out = strtold(s, &end);
  if (end == s || *end)
    return FALSE;
  return !(errno == ERANGE && !(*out < 1 && *out > -1));
}

static gboolean
scan_arg(const char *arg, Operand *op, char **why)
{
  if (!read_number(arg, &op->value)) {
    *why = g_strdup_printf("invalid floating point argument: ‘%s’", arg);
    return FALSE;
  }
  if (isnan(op->value)) {
    *why = g_strdup_printf("invalid ‘not-a-number’ argument: ‘%s’", arg);
    return FALSE;
  }
  while (g_ascii_isspace(*arg) || *arg == '+')
    arg++;
  op->width = 0;
  op->precision = G_MAXINT;
  const char *dot = strchr(arg, '.');
  if (!dot && !strchr(arg, 'p'))
    op->precision = 0;
  if (arg[strcspn(arg, "xX")] || !isfinite(op->value))
    return TRUE;
  gsize fraction_len = 0;
  op->width = strlen(arg);
  if (dot) {
    fraction_len = strcspn(dot + 1, "eE");
    op->precision = (int) fraction_len;
    /* "#." prints as "#", ".#" and "-.#" as "0.#". */
    op->width += fraction_len == 0 ? (gsize) -1 : (dot == arg || !g_ascii_isdigit(dot[-1]));
  }
  const char *e = strpbrk(arg, "eE");
  if (!e)
    return TRUE;
  long exponent = MAX(strtol(e + 1, NULL, 10), -LONG_MAX);
  op->precision += exponent < 0 ? (int) -exponent : -(int) MIN((long) op->precision, exponent);
  op->width -= strlen(arg) - (gsize) (e - arg);
  if (exponent < 0) {
    if (!dot || e == dot + 1)
      op->width++;
    exponent = -exponent;
  } else {
    if (dot && op->precision == 0 && fraction_len)
      op->width--;
    exponent -= MIN((long) fraction_len, exponent);
  }
  op->width += (gsize) exponent;
  return TRUE;
}

/* long_double_format: one %e/f/g/a directive, made a long double one. */
static char *
long_double_format(const char *fmt, Layout *layout, char **why)
{
  gsize i = 0, prefix = 0, suffix = 0;
  for (; !(fmt[i] == '%' && fmt[i + 1] != '%'); i += (fmt[i] == '%') + 1) {
    if (!fmt[i]) {
      *why = g_strdup_printf("format ‘%s’ has no %% directive", fmt);
      return NULL;
    }
    prefix++;
  }
  i++;
  i += strspn(fmt + i, "-+#0 '");
  i += strspn(fmt + i, "0123456789");
  if (fmt[i] == '.') {
    i++;
    i += strspn(fmt + i, "0123456789");
  }
  gsize mod = i;
  gboolean has_L = fmt[i] == 'L';
  i += has_L;
  if (!fmt[i]) {
    *why = g_strdup_printf("format ‘%s’ ends in %%", fmt);
    return NULL;
  }
  if (!strchr("efgaEFGA", fmt[i])) {
    *why = g_strdup_printf("format ‘%s’ has unknown %%%c directive", fmt, fmt[i]);
    return NULL;
  }
  for (i++;; i += (fmt[i] == '%') + 1) {
    if (fmt[i] == '%' && fmt[i + 1] != '%') {
      *why = g_strdup_printf("format ‘%s’ has too many %% directives", fmt);
      return NULL;
    }
    if (!fmt[i])
      break;
    suffix++;
  }
  layout->prefix_len = prefix;
  layout->suffix_len = suffix;
  return g_strdup_printf("%.*sL%s", (int) mod, fmt, fmt + mod + has_L);
}

/* get_default_format */
static char *
default_format(const Operand *first, const Operand *step, const Operand *last, gboolean equal_width)
{
  int prec = MAX(first->precision, step->precision);
  if (prec == G_MAXINT || last->precision == G_MAXINT)
    return g_strdup("%Lg");
  if (!equal_width)
    return g_strdup_printf("%%.%dLf", prec);
  gsize first_width = first->width + (gsize) (prec - first->precision);
  gsize last_width = last->width + (gsize) (prec - last->precision);
  if (last->precision && prec == 0)
    last_width--;
  if (last->precision == 0 && prec)
    last_width++;
  if (first->precision == 0 && prec)
    first_width++;
  return g_strdup_printf("%%0%d.%dLf", (int) MAX(first_width, last_width), prec);
}

/* The format is checked by long_double_format or made by default_format. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
format_number(const char *fmt, long double x)
{
  return g_strdup_printf(fmt, x);
}
#pragma GCC diagnostic pop

/* The text a format made, less its prefix and suffix, as a number. */
static gboolean
printed_value(const char *text, const Layout *l, long double *out)
{
  gsize len = strlen(text);
  g_autofree char *num = g_strndup(text + l->prefix_len, len - l->prefix_len - l->suffix_len);
  return read_number(num, out);
}

/* print_numbers, with the check that keeps the last number despite
 * rounding; FALSE when the stream's bound was reached. */
static gboolean
print_numbers(GString *out, const char *fmt, const Layout *l, const char *sep, long double first, long double step,
              long double last)
{
  gboolean out_of_range = step < 0 ? first < last : last < first;
  if (out_of_range)
    return TRUE;
  long double x = first;
  for (long double i = 1;; i++) {
    long double x0 = x;
    char *s = format_number(fmt, x);
    gsize need = strlen(s) + strlen(sep) + 1;
    if (nns_io_would_overflow(out, need)) {
      g_free(s);
      return FALSE;
    }
    g_string_append(out, s);
    g_free(s);
    if (out_of_range)
      break;
    x = first + i * step;
    out_of_range = step < 0 ? x < last : last < x;
    if (out_of_range) {
      char *xs = format_number(fmt, x), *x0s = format_number(fmt, x0);
      long double v;
      gboolean extra = printed_value(xs, l, &v) && v == last && strcmp(xs, x0s) != 0;
      g_free(xs);
      g_free(x0s);
      if (!extra)
        break;
    }
    g_string_append(out, sep);
  }
  g_string_append_c(out, '\n');
  return TRUE;
}

/* How many arguments are options: getopt stops at the first operand, and
 * seq before each option that looks like a negative number. */
static int
options_end(int argc, char **argv)
{
  int i = 1;
  while (i < argc) {
    const char *a = argv[i];
    if (a[0] != '-' || !a[1] || a[1] == '.' || g_ascii_isdigit(a[1]))
      return i;
    if (g_str_equal(a, "--"))
      return i + 1;
    if (a[1] == '-') {
      const char *eq = strchr(a, '=');
      gsize len = eq ? (gsize) (eq - a - 2) : strlen(a + 2);
      gboolean takes = !eq && len && (!strncmp("format", a + 2, len) || !strncmp("separator", a + 2, len));
      i += takes ? 2 : 1;
      continue;
    }
    const char *c = a + 1;
    while (*c && *c != 'f' && *c != 's')
      c++;
    i += *c && !c[1] ? 2 : 1;
  }
  return MIN(i, argc);
}

int
nns_tool_seq(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh;
  (void) pid;
  int end = options_end(argc, argv);
  NnsOpts o;
  if (!nns_opts_parse_long(&o, end, argv, "f:s:w", seq_longs, FALSE)) {
    int st = nns_opts_fail(io, "seq", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  const char *format = NULL, *sep = "\n";
  gboolean equal_width = FALSE;
  for (guint i = 0; i < o.opts->len; i++) {
    const NnsOpt *opt = &g_array_index(o.opts, NnsOpt, i);
    if (opt->opt == 'f')
      format = opt->arg;
    else if (opt->opt == 's')
      sep = opt->arg;
    else
      equal_width = TRUE;
  }
  g_autoptr(GPtrArray) args = g_ptr_array_new();
  for (guint i = 0; i < o.operands->len; i++)
    g_ptr_array_add(args, o.operands->pdata[i]);
  for (int i = end; i < argc; i++)
    g_ptr_array_add(args, argv[i]);
  nns_opts_clear(&o);
  if (args->len < 1)
    return seq_usage_error(io, g_strdup("missing operand"));
  if (args->len > 3)
    return seq_usage_error(io, g_strdup_printf("extra operand ‘%s’", (char *) args->pdata[3]));
  Layout layout = { 0, 0 };
  g_autofree char *fmt = NULL;
  char *why = NULL;
  if (format && !(fmt = long_double_format(format, &layout, &why))) {
    nns_err(io, "seq: %s\n", why);
    g_free(why);
    return 1;
  }
  if (fmt && equal_width)
    return seq_usage_error(io, g_strdup("format string may not be specified when printing equal width strings"));
  Operand first = { 1, 1, 0 }, step = { 1, 1, 0 }, last;
  guint k = 0;
  if (!scan_arg(args->pdata[k++], &last, &why))
    return seq_usage_error(io, why);
  if (k < args->len) {
    first = last;
    if (!scan_arg(args->pdata[k++], &last, &why))
      return seq_usage_error(io, why);
    if (k < args->len) {
      step = last;
      if (step.value == 0)
        return seq_usage_error(io, g_strdup_printf("invalid Zero increment value: ‘%s’",
                                                   (char *) args->pdata[k - 1]));
      if (!scan_arg(args->pdata[k++], &last, &why))
        return seq_usage_error(io, why);
    }
  }
  if (!fmt)
    fmt = default_format(&first, &step, &last, equal_width);
  if (!print_numbers(io->out, fmt, &layout, sep, first.value, step.value, last.value)) {
    nns_err(io, "seq: write error: File too large\n");
    return 1;
  }
  return 0;
}
