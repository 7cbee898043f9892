/* bash's builtins that act on the shell itself: break, continue, shift,
 * set, export, unset and `:`.  Their complaints and statuses are bash
 * 5.2's (fixtures/oracle/sh-compound); the errors bash treats as fatal
 * in a shell that is not interactive end the shell's input here too. */
#include "shell/sh/builtins.h"
#include "shell/sh/frame.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void
complain(NnsShell *sh, NnsIo *io, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
complain(NnsShell *sh, NnsIo *io, const char *fmt, ...)
{
  g_autofree char *where = nns_sh_frame_where(nns_shell_frame(sh));
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  nns_err(io, "%s%s\n", where, msg);
}

gboolean
nns_sh_legal_number(const char *s, gint64 *out)
{
  while (*s == ' ' || *s == '\t' || *s == '\n')
    s++;
  if (!*s)
    return FALSE;
  char *end = NULL;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno == ERANGE || end == s)
    return FALSE;
  while (*end == ' ' || *end == '\t' || *end == '\n')
    end++;
  if (*end)
    return FALSE;
  *out = v;
  return TRUE;
}

/* The numeric argument of break, continue and shift (after an optional
 * `--`): 1 when there is none.  FALSE after a complaint. */
static gboolean
numeric_arg(NnsShell *sh, NnsIo *io, int argc, char **argv, gboolean fatal, gint64 *n, int *status)
{
  int i = 1;
  if (i < argc && g_str_equal(argv[i], "--"))
    i++;
  *n = 1;
  if (i >= argc)
    return TRUE;
  if (!nns_sh_legal_number(argv[i], n)) {
    complain(sh, io, "%s: %s: numeric argument required", argv[0], argv[i]);
    if (fatal) {
      nns_shell_frame(sh)->fatal = TRUE;
      *status = 128;
    } else {
      *status = 1;
    }
    return FALSE;
  }
  if (i + 1 < argc) {
    complain(sh, io, "%s: too many arguments", argv[0]);
    nns_shell_frame(sh)->fatal = TRUE;
    *status = 1;
    return FALSE;
  }
  return TRUE;
}

static int
jump(NnsShell *sh, int argc, char **argv, NnsIo *io, NnsShJump kind)
{
  NnsShFrame *f = nns_shell_frame(sh);
  if (f->loop_depth == 0) {
    complain(sh, io, "%s: only meaningful in a `for', `while', or `until' loop", argv[0]);
    return 0;
  }
  gint64 n;
  int status;
  if (!numeric_arg(sh, io, argc, argv, TRUE, &n, &status))
    return status;
  if (n <= 0) {
    /* bash leaves every loop. */
    complain(sh, io, "%s: %s: loop count out of range", argv[0], argv[argc - 1]);
    f->jump = NNS_SH_JUMP_BREAK;
    f->jump_levels = f->loop_depth;
    return 1;
  }
  f->jump = kind;
  f->jump_levels = n > f->loop_depth ? f->loop_depth : (guint) n;
  return 0;
}

static int
builtin_break(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  return jump(sh, argc, argv, io, NNS_SH_JUMP_BREAK);
}

static int
builtin_continue(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  return jump(sh, argc, argv, io, NNS_SH_JUMP_CONTINUE);
}

static int
builtin_colon(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) sh; (void) pid; (void) argc; (void) argv; (void) io;
  return 0;
}

static int
builtin_shift(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  NnsShFrame *f = nns_shell_frame(sh);
  gint64 n;
  int status;
  if (!numeric_arg(sh, io, argc, argv, FALSE, &n, &status))
    return status;
  if (n == 0)
    return 0;
  if (n < 0) {
    complain(sh, io, "shift: %s: shift count out of range", argv[argc - 1]);
    return 1;
  }
  if ((guint64) n > f->params->len)
    return 1;
  g_ptr_array_remove_range(f->params, 0, (guint) n);
  return 0;
}

/* set -- ARGS, set ARGS, set -e / +e.  Other options are not modelled. */
static int
builtin_set(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  NnsShFrame *f = nns_shell_frame(sh);
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (g_str_equal(a, "--")) {
      i++;
      nns_sh_frame_set_params(f, argv + i, argc - i);
      return 0;
    }
    if ((a[0] != '-' && a[0] != '+') || !a[1])
      break;
    for (const char *o = a + 1; *o; o++) {
      if (*o == 'e') {
        f->errexit = a[0] == '-';
      } else {
        nns_err(io, "netnsim: set: %c%c: this option is not supported\n", a[0], *o);
        return 2;
      }
    }
  }
  if (i < argc)
    nns_sh_frame_set_params(f, argv + i, argc - i);
  return 0;
}

static int
by_name(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* export with nothing to export: `declare -x NAME="VALUE"`, sorted.
 * netnsim's shells start with no environment, so only what the user
 * exported is there. */
static void
print_exported(NnsShFrame *f, NnsIo *io)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new();
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, f->vars);
  while (g_hash_table_iter_next(&it, &key, &value))
    if (((NnsShVar *) value)->exported)
      g_ptr_array_add(names, key);
  g_ptr_array_sort(names, by_name);
  for (guint i = 0; i < names->len; i++) {
    const char *v = nns_sh_frame_get(f, names->pdata[i]);
    if (!v) {
      nns_out(io, "declare -x %s\n", (char *) names->pdata[i]);
      continue;
    }
    g_autoptr(GString) q = g_string_new("");
    for (const char *s = v; *s; s++) {
      if (strchr("\"\\$`", *s))
        g_string_append_c(q, '\\');
      g_string_append_c(q, *s);
    }
    nns_out(io, "declare -x %s=\"%s\"\n", (char *) names->pdata[i], q->str);
  }
}

static int
builtin_export(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  NnsShFrame *f = nns_shell_frame(sh);
  int i = 1;
  gboolean unexport = FALSE, print = FALSE;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (g_str_equal(argv[i], "--")) {
      i++;
      break;
    }
    for (const char *o = argv[i] + 1; *o; o++) {
      if (*o == 'n') {
        unexport = TRUE;
      } else if (*o == 'p') {
        print = TRUE;
      } else if (*o != 'f') {
        complain(sh, io, "export: -%c: invalid option", *o);
        nns_err(io, "export: usage: export [-fn] [name[=value] ...] or export -p\n");
        return 2;
      }
    }
  }
  if (i >= argc || (print && i >= argc)) {
    print_exported(f, io);
    return 0;
  }
  int status = 0;
  for (; i < argc; i++) {
    const char *eq = strchr(argv[i], '=');
    gsize len = eq ? (gsize) (eq - argv[i]) : strlen(argv[i]);
    if (!nns_sh_is_name_len(argv[i], len)) {
      complain(sh, io, "export: `%s': not a valid identifier", argv[i]);
      status = 1;
      continue;
    }
    g_autofree char *name = g_strndup(argv[i], len);
    if (eq)
      nns_sh_frame_set(f, name, eq + 1);
    if (unexport) {
      NnsShVar *v = g_hash_table_lookup(f->vars, name);
      if (v)
        v->exported = FALSE;
    } else {
      nns_sh_frame_export(f, name);
    }
  }
  return status;
}

static int
builtin_unset(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  NnsShFrame *f = nns_shell_frame(sh);
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (g_str_equal(argv[i], "--")) {
      i++;
      break;
    }
    for (const char *o = argv[i] + 1; *o; o++) {
      if (!strchr("fvn", *o)) {
        complain(sh, io, "unset: -%c: invalid option", *o);
        nns_err(io, "unset: usage: unset [-f] [-v] [-n] [name ...]\n");
        return 2;
      }
    }
  }
  /* bash passes over what is not a name in silence. */
  for (; i < argc; i++)
    if (nns_sh_is_name(argv[i]))
      nns_sh_frame_unset(f, argv[i]);
  return 0;
}

static const NnsCommand builtins[] = {
  { "break", builtin_break },
  { "continue", builtin_continue },
  { ":", builtin_colon },
  { "shift", builtin_shift },
  { "set", builtin_set },
  { "export", builtin_export },
  { "unset", builtin_unset },
};

void
nns_sh_builtins_register(NnsShell *sh)
{
  for (gsize i = 0; i < G_N_ELEMENTS(builtins); i++)
    nns_shell_register(sh, &builtins[i]);
  nns_shell_register(sh, &nns_sh_builtin_read);
}
