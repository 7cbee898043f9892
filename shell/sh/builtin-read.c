/* read [-r] [NAME...]: one line of standard input into variables, split
 * at $IFS as bash's read splits it (the last NAME takes the rest of the
 * line); REPLY, unsplit, without a NAME.  What it reads is gone for the
 * commands after it (shell/sh/exec.c), so `... | while read a b; do`
 * walks the lines.  Texts and statuses: fixtures/oracle/sh-compound. */
#include "shell/sh/builtins.h"
#include "shell/sh/frame.h"

#include <string.h>

/* A character of the line, and whether a backslash took its meaning. */
typedef struct {
  GString *text;
  GArray *escaped;            /* gboolean per byte of text */
} Line;

static void
line_add(Line *l, char c, gboolean escaped)
{
  g_string_append_c(l->text, c);
  g_array_append_val(l->escaped, escaped);
}

/* Reads up to a newline (a backslash before it continues the line unless
 * raw); FALSE at the end of the input before a newline. */
static gboolean
read_line(NnsIo *io, gboolean raw, Line *l)
{
  const char *s = io->in;
  gsize n = io->in ? io->in_len : 0, i = 0;
  gboolean newline = FALSE;
  while (i < n) {
    char c = s[i++];
    if (c == '\n') {
      newline = TRUE;
      break;
    }
    if (c == '\\' && !raw) {
      if (i >= n)
        break;
      char e = s[i++];
      if (e != '\n')
        line_add(l, e, TRUE);
      continue;
    }
    line_add(l, c, FALSE);
  }
  if (io->in) {
    io->in += i;
    io->in_len -= i;
  }
  return newline;
}

static gboolean
in_ifs(const char *ifs, const Line *l, gsize i)
{
  return !g_array_index(l->escaped, gboolean, i) && strchr(ifs, l->text->str[i]) != NULL;
}

static gboolean
ifs_space(const char *ifs, const Line *l, gsize i)
{
  char c = l->text->str[i];
  return in_ifs(ifs, l, i) && (c == ' ' || c == '\t' || c == '\n');
}

/* The last NAME's value: the rest from i, its IFS white space cut at both
 * ends, and one delimiter after a single field dropped ("b:" is b, as
 * "b:c:" stays). */
static char *
rest_of_line(const char *ifs, const Line *l, gsize i)
{
  gsize len = l->text->len;
  while (i < len && ifs_space(ifs, l, i))
    i++;
  gsize end = len;
  while (end > i && ifs_space(ifs, l, end - 1))
    end--;
  gsize k = i;
  while (k < end && !in_ifs(ifs, l, k))
    k++;
  if (k < end) {
    gsize after = k + 1;
    while (after < end && ifs_space(ifs, l, after))
      after++;
    if (after == end)
      end = k;
  }
  return g_strndup(l->text->str + i, end - i);
}

/* The next field from *i, as word splitting cuts it. */
static char *
next_field(const char *ifs, const Line *l, gsize *i)
{
  gsize len = l->text->len, k = *i;
  while (k < len && ifs_space(ifs, l, k))
    k++;
  gsize start = k;
  while (k < len && !in_ifs(ifs, l, k))
    k++;
  char *field = g_strndup(l->text->str + start, k - start);
  /* The delimiter: white space, and one other IFS character in it. */
  while (k < len && ifs_space(ifs, l, k))
    k++;
  if (k < len && in_ifs(ifs, l, k)) {
    k++;
    while (k < len && ifs_space(ifs, l, k))
      k++;
  }
  *i = k;
  return field;
}

static int
builtin_read(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  NnsShFrame *f = nns_shell_frame(sh);
  g_autofree char *where = nns_sh_frame_where(f);
  gboolean raw = FALSE;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (g_str_equal(argv[i], "--")) {
      i++;
      break;
    }
    for (const char *o = argv[i] + 1; *o; o++) {
      if (*o == 'r') {
        raw = TRUE;
      } else if (*o == 'e' || *o == 's') {
        /* terminal line editing and echo: there is no terminal to read */
      } else if (strchr("adinNptu", *o)) {
        nns_err(io, "netnsim: read: -%c: this option is not supported\n", *o);
        return 2;
      } else {
        nns_err(io, "%sread: -%c: invalid option\n", where, *o);
        nns_err(io, "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] "
                    "[-p prompt] [-t timeout] [-u fd] [name ...]\n");
        return 2;
      }
    }
  }
  for (int k = i; k < argc; k++) {
    if (!nns_sh_is_name(argv[k])) {
      nns_err(io, "%sread: `%s': not a valid identifier\n", where, argv[k]);
      return 1;
    }
  }
  Line l = { g_string_new(""), g_array_new(FALSE, FALSE, sizeof(gboolean)) };
  gboolean complete = read_line(io, raw, &l);
  if (i >= argc) {
    nns_sh_frame_set(f, "REPLY", l.text->str);
  } else {
    const char *ifs = nns_sh_frame_get(f, "IFS");
    if (!ifs)
      ifs = " \t\n";
    gsize pos = 0;
    for (int k = i; k < argc; k++) {
      g_autofree char *value = k + 1 < argc ? next_field(ifs, &l, &pos) : rest_of_line(ifs, &l, pos);
      nns_sh_frame_set(f, argv[k], value);
    }
  }
  g_string_free(l.text, TRUE);
  g_array_unref(l.escaped);
  return complete ? 0 : 1;
}

const NnsCommand nns_sh_builtin_read = { "read", builtin_read };
