/* bash's printf builtin: the format is reused while arguments remain. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char **args;
  int nargs;
  int next;
  int status;
  NnsIo *io;
} Args;

static const char *
take(Args *a)
{
  return a->next < a->nargs ? a->args[a->next++] : NULL;
}

static void
invalid_number(Args *a, const char *arg)
{
  nns_err(a->io, "bash: line 1: printf: %s: invalid number\n", arg);
  a->status = 1;
}

/* bash accepts C constants (0x1f, 010) and 'c for a character's code. */
static intmax_t
take_int(Args *a)
{
  const char *arg = take(a);
  if (!arg || !*arg)
    return 0;
  if (arg[0] == '\'' || arg[0] == '"')
    return (unsigned char) arg[1];
  char *end = NULL;
  errno = 0;
  intmax_t v = strtoimax(arg, &end, 0);
  if (end == arg || *end || errno)
    invalid_number(a, arg);
  return v;
}

static long double
take_float(Args *a)
{
  const char *arg = take(a);
  if (!arg || !*arg)
    return 0;
  if (arg[0] == '\'' || arg[0] == '"')
    return (unsigned char) arg[1];
  char *end = NULL;
  long double v = strtold(arg, &end);
  if (end == arg || *end)
    invalid_number(a, arg);
  return v;
}

/* %q: quoted so the shell would read it back, bash's backslash style. */
static void
append_quoted(GString *out, const char *s)
{
  if (!*s) {
    g_string_append(out, "''");
    return;
  }
  for (; *s; s++) {
    if (!g_ascii_isalnum(*s) && !strchr("-_./=:,+@%^", *s))
      g_string_append_c(out, '\\');
    g_string_append_c(out, *s);
  }
}

/* One conversion starting at the '%' of *fmt; FALSE when %b met \c or
 * the format was bad (status set). */
static gboolean
convert(const char **fmt, Args *a, GString *out, gboolean *stop)
{
  const char *p = *fmt + 1;
  GString *spec = g_string_new("%");
  while (*p && strchr("-+ #0'", *p))
    g_string_append_c(spec, *p++);
  for (int part = 0; part < 2; part++) {
    if (part == 1) {
      if (*p != '.')
        break;
      g_string_append_c(spec, *p++);
    }
    if (*p == '*') {
      g_string_append_printf(spec, "%d", (int) take_int(a));
      p++;
    }
    while (g_ascii_isdigit(*p))
      g_string_append_c(spec, *p++);
  }
  while (*p && strchr("hlLjzt", *p))
    p++;
  /* A field wider than a stream may hold would fail to be written. */
  for (const char *d = spec->str; *d; d++) {
    if (g_ascii_isdigit(*d) && (d == spec->str || !g_ascii_isdigit(d[-1]))
        && g_ascii_strtoull(d, NULL, 10) > NNS_IO_MAX) {
      nns_err(a->io, "bash: line 1: printf: write error: File too large\n");
      a->status = 1;
      *stop = TRUE;
      g_string_free(spec, TRUE);
      *fmt = *p ? p + 1 : p;
      return FALSE;
    }
  }
  char conv = *p;
  gboolean ok = TRUE;
  if (conv == '\0' || !strchr("diouxXcsbqeEfFgGaA%", conv)) {
    nns_err(a->io, "bash: line 1: printf: `%c': invalid format character\n", conv ? conv : '%');
    a->status = 1;
    *stop = TRUE;
    ok = FALSE;
  } else if (conv == '%') {
    g_string_append_c(out, '%');
  } else if (strchr("di", conv)) {
    g_string_append(spec, "jd");
    g_string_append_printf(out, spec->str, take_int(a));
  } else if (strchr("ouxX", conv)) {
    g_string_append_printf(spec, "j%c", conv);
    g_string_append_printf(out, spec->str, (uintmax_t) take_int(a));
  } else if (strchr("eEfFgGaA", conv)) {
    g_string_append_printf(spec, "L%c", conv);
    g_string_append_printf(out, spec->str, take_float(a));
  } else {
    const char *arg = take(a);
    g_autoptr(GString) text = g_string_new(NULL);
    if (conv == 'c') {
      if (arg && *arg)
        g_string_append_c(text, arg[0]);
    } else if (conv == 'b') {
      for (const char *s = arg ? arg : ""; *s && ok;) {
        if (*s == '\\')
          ok = nns_tool_escape(text, s, NNS_ESC_B, &s);
        else
          g_string_append_c(text, *s++);
      }
      *stop = !ok;
    } else if (conv == 'q') {
      append_quoted(text, arg ? arg : "");
    } else {
      g_string_append(text, arg ? arg : "");
    }
    g_string_append_c(spec, 's');
    g_string_append_printf(out, spec->str, text->str);
  }
  g_string_free(spec, TRUE);
  *fmt = conv ? p + 1 : p;
  return ok;
}

int
nns_tool_printf(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh; (void) pid;
  int first = 1;
  if (first < argc && g_str_equal(argv[first], "--"))
    first++;
  if (first >= argc) {
    nns_err(io, "printf: usage: printf [-v var] format [arguments]\n");
    return 2;
  }
  Args a = { argv + first + 1, argc - first - 1, 0, 0, io };
  g_autoptr(GString) out = g_string_new("");
  gboolean stop = FALSE;
  do {
    int before = a.next;
    for (const char *f = argv[first]; *f && !stop;) {
      if (nns_io_would_overflow(out, 0)) {
        nns_err(io, "bash: line 1: printf: write error: File too large\n");
        a.status = 1;
        stop = TRUE;
        break;
      }
      if (*f == '%')
        convert(&f, &a, out, &stop);
      else if (*f == '\\')
        stop = !nns_tool_escape(out, f, NNS_ESC_FORMAT, &f);
      else
        g_string_append_c(out, *f++);
    }
    /* A format that takes no argument is not repeated. */
    if (a.next == before)
      break;
  } while (!stop && a.next < a.nargs);
  g_string_append_len(io->out, out->str, out->len);
  return a.status;
}
