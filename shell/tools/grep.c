/* grep [-EFivwxcqnlhHso] [-e PATTERN]... [PATTERN] [FILE...]: exit 0 when
 * a line was selected, 1 when none, 2 on trouble. */
#include "shell/tools/tools.h"

#include <string.h>

#define GREP_USAGE "Usage: grep [OPTION]... PATTERNS [FILE]..."

typedef struct {
  gboolean extended, fixed, icase, invert, word, line, count, quiet, number, names_only, only;
  int with_names;             /* -1 unset, else -H (1) / -h (0) */
  gboolean silent;
} GrepFlags;

/* All patterns as one alternation; each line of a pattern is one. */
static GRegex *
compile(GPtrArray *patterns, const GrepFlags *f, NnsIo *io)
{
  g_autoptr(GString) all = g_string_new("");
  for (guint i = 0; i < patterns->len; i++) {
    g_auto(GStrv) lines = g_strsplit(g_ptr_array_index(patterns, i), "\n", -1);
    for (char **l = lines; *l; l++) {
      g_autofree char *pcre = NULL;
      const char *why = NULL;
      if (f->fixed)
        pcre = g_regex_escape_string(*l, -1);
      else if (!(pcre = nns_grep_to_pcre(*l, f->extended, &why))) {
        nns_err(io, "grep: %s\n", why);
        return NULL;
      }
      g_string_append_printf(all, "%s(?:%s)", all->len ? "|" : "", pcre);
    }
  }
  g_autofree char *wrapped = f->line ? g_strdup_printf("^(?:%s)$", all->str)
                           : f->word ? g_strdup_printf("(?<!\\w)(?:%s)(?!\\w)", all->str)
                           : g_strdup(all->str);
  GRegexCompileFlags flags = G_REGEX_RAW | (f->icase ? G_REGEX_CASELESS : 0);
  g_autoptr(GError) error = NULL;
  GRegex *re = g_regex_new(wrapped, flags, 0, &error);
  if (!re)
    nns_err(io, "grep: Invalid regular expression\n");
  return re;
}

/* Lines of one input; returns how many were selected. */
static guint
grep_text(GRegex *re, const GrepFlags *f, const char *label, const GString *data, GString *out)
{
  g_autoptr(GPtrArray) lines = nns_tool_split_lines(data->str, data->len);
  guint selected = 0;
  for (guint i = 0; i < lines->len; i++) {
    const char *line = g_ptr_array_index(lines, i);
    g_autoptr(GMatchInfo) m = NULL;
    gboolean hit = g_regex_match(re, line, 0, &m);
    if (hit == f->invert)
      continue;
    selected++;
    if (f->quiet || f->count || f->names_only)
      continue;
    g_autoptr(GString) prefix = g_string_new(label ? label : "");
    if (label)
      g_string_append_c(prefix, ':');
    if (f->number)
      g_string_append_printf(prefix, "%u:", i + 1);
    if (f->only && !f->invert) {
      for (; g_match_info_matches(m); g_match_info_next(m, NULL)) {
        g_autofree char *part = g_match_info_fetch(m, 0);
        if (*part)
          g_string_append_printf(out, "%s%s\n", prefix->str, part);
      }
    } else if (!f->only) {
      g_string_append_printf(out, "%s%s\n", prefix->str, line);
    }
  }
  return selected;
}

static gboolean
parse_flags(NnsOpts *o, GrepFlags *f, GPtrArray *patterns)
{
  for (guint i = 0; i < o->opts->len; i++) {
    NnsOpt *opt = &g_array_index(o->opts, NnsOpt, i);
    switch (opt->opt) {
    case 'E': f->extended = TRUE; f->fixed = FALSE; break;
    case 'G': f->extended = FALSE; f->fixed = FALSE; break;
    case 'F': f->fixed = TRUE; break;
    case 'i': case 'y': f->icase = TRUE; break;
    case 'v': f->invert = TRUE; break;
    case 'w': f->word = TRUE; break;
    case 'x': f->line = TRUE; break;
    case 'c': f->count = TRUE; break;
    case 'q': f->quiet = TRUE; break;
    case 'n': f->number = TRUE; break;
    case 'l': f->names_only = TRUE; break;
    case 'o': f->only = TRUE; break;
    case 's': f->silent = TRUE; break;
    case 'h': f->with_names = 0; break;
    case 'H': f->with_names = 1; break;
    case 'e': g_ptr_array_add(patterns, (gpointer) opt->arg); break;
    default: break;
    }
  }
  if (patterns->len == 0) {
    if (o->operands->len == 0)
      return FALSE;
    g_ptr_array_add(patterns, g_ptr_array_steal_index(o->operands, 0));
  }
  return TRUE;
}

int
nns_tool_grep(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  GrepFlags f = { .with_names = -1 };
  g_autoptr(GPtrArray) patterns = g_ptr_array_new();
  if (!nns_opts_parse(&o, argc, argv, "EFGiyvwxcqnlosHhe:", TRUE)) {
    int st = nns_opts_fail(io, "grep", &o, GREP_USAGE, 2);
    nns_opts_clear(&o);
    return st;
  }
  if (!parse_flags(&o, &f, patterns)) {
    nns_err(io, GREP_USAGE "\nTry 'grep --help' for more information.\n");
    nns_opts_clear(&o);
    return 2;
  }
  g_autoptr(GRegex) re = compile(patterns, &f, io);
  if (!re) {
    nns_opts_clear(&o);
    return 2;
  }
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, "-");
  gboolean names = f.with_names >= 0 ? f.with_names : o.operands->len > 1;
  guint total = 0;
  gboolean trouble = FALSE;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    const char *label = g_str_equal(name, "-") ? "(standard input)" : name;
    g_autoptr(GString) data = g_string_new("");
    int err = nns_tool_read_input(sh, pid, io, name, data);
    if (err) {
      if (!f.silent)
        nns_err(io, "grep: %s: %s\n", name, nns_strerror(err));
      trouble = TRUE;
      continue;
    }
    guint n = grep_text(re, &f, names ? label : NULL, data, io->out);
    total += n;
    if (f.quiet && total)
      break;
    if (f.names_only && n)
      g_string_append_printf(io->out, "%s\n", label);
    else if (f.count && !f.quiet && !f.names_only)
      g_string_append_printf(io->out, "%s%s%u\n", names ? label : "", names ? ":" : "", n);
  }
  nns_opts_clear(&o);
  /* -q: a selected line wins over errors, as POSIX asks. */
  if (f.quiet && total)
    return 0;
  return trouble ? 2 : total ? 0 : 1;
}
