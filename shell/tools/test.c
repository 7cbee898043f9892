/* test and [: bash's builtin, after its test.c: the POSIX rules by the
 * number of arguments (up to four), then a recursive expression of -o,
 * -a, !, ( ) and the primaries.  Errors are bash's texts with status 2
 * (fixtures/oracle/sh-compound).  Files are the ones netnsim's processes
 * see (shell/tools/pseudofs.c); the shell runs as root, so every file
 * that exists is readable and writable.  Files have no times: -nt and
 * -ot only compare existence. */
#include "shell/tools/tools.h"
#include "shell/sh/builtins.h"
#include "shell/sh/frame.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  NnsShell *sh;
  int pid;
  NnsIo *io;
  const char *name;           /* "test" or "[" */
  char **argv;
  int argc;                   /* without a closing ] */
  int pos;
  gboolean failed;            /* a syntax error was reported */
} Test;

static int
syntax_error(Test *t, const char *fmt, const char *arg)
{
  if (t->failed)
    return 0;
  g_autofree char *where = nns_sh_frame_where(nns_shell_frame(t->sh));
  g_autofree char *msg = arg ? g_strdup_printf(fmt, arg) : g_strdup(fmt);
  nns_err(t->io, "%s%s: %s\n", where, t->name, msg);
  t->failed = TRUE;
  return 0;
}

static int
beyond(Test *t)
{
  return syntax_error(t, "argument expected", NULL);
}

/* Past the current argument; with `need`, another must follow. */
static gboolean
advance(Test *t, gboolean need)
{
  t->pos++;
  if (need && t->pos >= t->argc) {
    beyond(t);
    return FALSE;
  }
  return TRUE;
}

static gboolean
is_unop(const char *op)
{
  return op[0] == '-' && op[1] && !op[2] && strchr("abcdefghknoprstuvwxzGLNORS", op[1]);
}

static gboolean
is_binop(const char *op)
{
  static const char *const ops[] = { "=", "==", "!=", "<", ">", "-nt", "-ot", "-ef",
                                     "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
  for (gsize i = 0; i < G_N_ELEMENTS(ops); i++)
    if (g_str_equal(op, ops[i]))
      return TRUE;
  return FALSE;
}

static gboolean
file_stat(Test *t, const char *path, gboolean follow, NnsFsStat *st)
{
  return *path && nns_fs_stat(t->sh, t->pid, path, follow, st) == 0;
}

static int
unary_test(Test *t, const char *op, const char *arg)
{
  NnsFsStat st;
  switch (op[1]) {
  case 'a':
  case 'e':
  case 'r':
  case 'w':
  case 'O':
  case 'G':
    return file_stat(t, arg, TRUE, &st);
  case 'f':
    return file_stat(t, arg, TRUE, &st) && st.kind == NNS_FS_FILE;
  case 'd':
    return file_stat(t, arg, TRUE, &st) && st.kind == NNS_FS_DIR;
  case 'c':
    return file_stat(t, arg, TRUE, &st) && st.kind == NNS_FS_CHAR;
  case 'h':
  case 'L':
    return file_stat(t, arg, FALSE, &st) && st.kind == NNS_FS_LINK;
  case 's':
    return file_stat(t, arg, TRUE, &st) && st.size > 0;
  case 'x':
    return file_stat(t, arg, TRUE, &st) && (st.kind == NNS_FS_DIR || (st.mode & 0111));
  case 'n':
    return arg[0] != '\0';
  case 'z':
    return arg[0] == '\0';
  case 't': {
    gint64 fd;
    if (!nns_sh_legal_number(arg, &fd))
      return 0;
    return fd == 1 && nns_io_is_terminal(t->sh, t->io);
  }
  case 'v':
    return nns_sh_frame_get(nns_shell_frame(t->sh), arg) != NULL;
  case 'o':
    return g_str_equal(arg, "errexit") && nns_shell_frame(t->sh)->errexit;
  default:
    /* -b -p -S: no such files; -g -u -k: no such bits; -N, -R. */
    return 0;
  }
}

static int
binary_test(Test *t, const char *op, const char *a, const char *b)
{
  if (op[0] != '-') {
    int c = strcmp(a, b);
    if (op[0] == '=')
      return c == 0;
    if (op[0] == '!')
      return c != 0;
    return op[0] == '<' ? c < 0 : c > 0;
  }
  if (g_str_equal(op, "-nt") || g_str_equal(op, "-ot") || g_str_equal(op, "-ef")) {
    NnsFsStat st;
    gboolean ea = file_stat(t, a, TRUE, &st), eb = file_stat(t, b, TRUE, &st);
    if (op[1] == 'n')
      return ea && !eb;
    if (op[1] == 'o')
      return !ea && eb;
    g_autofree char *pa = nns_fs_abspath(a);
    g_autofree char *pb = nns_fs_abspath(b);
    return ea && eb && g_str_equal(pa, pb);
  }
  gint64 l, r;
  if (!nns_sh_legal_number(a, &l))
    return syntax_error(t, "%s: integer expression expected", a);
  if (!nns_sh_legal_number(b, &r))
    return syntax_error(t, "%s: integer expression expected", b);
  if (g_str_equal(op, "-eq"))
    return l == r;
  if (g_str_equal(op, "-ne"))
    return l != r;
  if (g_str_equal(op, "-lt"))
    return l < r;
  if (g_str_equal(op, "-le"))
    return l <= r;
  if (g_str_equal(op, "-gt"))
    return l > r;
  return l >= r;
}

/* At pos: ARG OP ARG with OP known to be a binary operator. */
static int
binary_operator(Test *t)
{
  const char *w = t->argv[t->pos + 1];
  int v = binary_test(t, w, t->argv[t->pos], t->argv[t->pos + 2]);
  t->pos += 3;
  return v;
}

/* At pos: -X ARG. */
static int
unary_operator(Test *t)
{
  const char *op = t->argv[t->pos];
  if (!advance(t, TRUE))
    return 0;
  t->pos++;
  return unary_test(t, op, t->argv[t->pos - 1]);
}

static int expr(Test *t);

static int
term(Test *t)
{
  if (t->pos >= t->argc)
    return beyond(t);
  if (g_str_equal(t->argv[t->pos], "!")) {
    int neg = 0;
    while (t->pos < t->argc && g_str_equal(t->argv[t->pos], "!")) {
      if (!advance(t, TRUE))
        return 0;
      neg = !neg;
    }
    int v = term(t);
    return neg ? !v : v;
  }
  if (g_str_equal(t->argv[t->pos], "(")) {
    if (!advance(t, TRUE))
      return 0;
    int v = expr(t);
    if (t->failed)
      return 0;
    /* bash looks one past the end: the `]' of [ is still there. */
    if (t->pos >= t->argc && !t->argv[t->pos])
      return syntax_error(t, "`)' expected", NULL);
    if (!g_str_equal(t->argv[t->pos], ")"))
      return syntax_error(t, "`)' expected, found %s", t->argv[t->pos]);
    t->pos++;
    return v;
  }
  if (t->pos + 3 <= t->argc && is_binop(t->argv[t->pos + 1]))
    return binary_operator(t);
  if (t->pos + 2 <= t->argc && is_unop(t->argv[t->pos]))
    return unary_operator(t);
  int v = t->argv[t->pos][0] != '\0';
  t->pos++;
  return v;
}

static int
and_expr(Test *t)
{
  int v = term(t);
  if (!t->failed && t->pos < t->argc && g_str_equal(t->argv[t->pos], "-a")) {
    t->pos++;
    int w = and_expr(t);
    return v && w;
  }
  return v;
}

static int
or_expr(Test *t)
{
  int v = and_expr(t);
  if (!t->failed && t->pos < t->argc && g_str_equal(t->argv[t->pos], "-o")) {
    t->pos++;
    int w = or_expr(t);
    return v || w;
  }
  return v;
}

static int
expr(Test *t)
{
  if (t->pos >= t->argc)
    return beyond(t);
  return or_expr(t);
}

static int
two_arguments(Test *t)
{
  const char *a = t->argv[t->pos];
  if (g_str_equal(a, "!"))
    return t->argv[t->pos + 1][0] == '\0';
  if (a[0] == '-' && a[1] && !a[2] && is_unop(a))
    return unary_operator(t);
  return syntax_error(t, "%s: unary operator expected", a);
}

static int
three_arguments(Test *t)
{
  const char *a = t->argv[t->pos], *op = t->argv[t->pos + 1], *b = t->argv[t->pos + 2];
  int v;
  if (is_binop(op)) {
    v = binary_operator(t);
  } else if (g_str_equal(op, "-a")) {
    v = a[0] && b[0];
  } else if (g_str_equal(op, "-o")) {
    v = a[0] || b[0];
  } else if (g_str_equal(a, "!")) {
    t->pos++;
    v = !two_arguments(t);
  } else if (g_str_equal(a, "(") && g_str_equal(b, ")")) {
    v = op[0] != '\0';
  } else {
    return syntax_error(t, "%s: binary operator expected", op);
  }
  t->pos = t->argc;
  return v;
}

static int
posixtest(Test *t)
{
  switch (t->argc - 1) {
  case 0:
    t->pos = t->argc;
    return 0;
  case 1:
    t->pos = t->argc;
    return t->argv[1][0] != '\0';
  case 2: {
    int v = two_arguments(t);
    t->pos = t->argc;
    return v;
  }
  case 3:
    return three_arguments(t);
  case 4:
    if (g_str_equal(t->argv[t->pos], "!")) {
      t->pos++;
      return !three_arguments(t);
    }
    if (g_str_equal(t->argv[t->pos], "(") && g_str_equal(t->argv[t->argc - 1], ")")) {
      t->pos++;
      int v = two_arguments(t);
      t->pos = t->argc;
      return v;
    }
    /* fall through */
  default:
    return expr(t);
  }
}

int
nns_tool_test(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  Test t = { sh, pid, io, argv[0], argv, argc, 1, FALSE };
  if (g_str_equal(argv[0], "[")) {
    t.argc--;
    if (!g_str_equal(argv[argc - 1], "]")) {
      syntax_error(&t, "missing `]'", NULL);
      return 2;
    }
    if (t.argc < 2)
      return 1;
  }
  if (t.pos >= t.argc)
    return 1;
  int v = posixtest(&t);
  if (!t.failed && t.pos != t.argc) {
    if (t.pos < t.argc && t.argv[t.pos][0] == '-')
      syntax_error(&t, "syntax error: `%s' unexpected", t.argv[t.pos]);
    else
      syntax_error(&t, "too many arguments", NULL);
  }
  if (t.failed)
    return 2;
  return v ? 0 : 1;
}
