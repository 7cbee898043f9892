/* sysctl (procps-ng 4.0.2) on the calling process's namespace: reading
 * NAME (a directory lists everything below it), writing NAME=VALUE (with
 * or without -w), -p FILE, -a, -n, -N, -e, -q. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <string.h>

static const char usage_text[] =
  "\n"
  "Usage:\n"
  " sysctl [options] [variable[=value] ...]\n"
  "\n"
  "Options:\n"
  "  -a, --all            display all variables\n"
  "  -A                   alias of -a\n"
  "  -X                   alias of -a\n"
  "      --deprecated     include deprecated parameters to listing\n"
  "      --dry-run        Print the key and values but do not write\n"
  "  -b, --binary         print value without new line\n"
  "  -e, --ignore         ignore unknown variables errors\n"
  "  -N, --names          print variable names without values\n"
  "  -n, --values         print only values of the given variable(s)\n"
  "  -p, --load[=<file>]  read values from file\n"
  "  -f                   alias of -p\n"
  "      --system         read values from all system directories\n"
  "  -r, --pattern <expression>\n"
  "                       select setting that match expression\n"
  "  -q, --quiet          do not echo variable set\n"
  "  -w, --write          enable writing a value to variable\n"
  "  -o                   does nothing\n"
  "  -x                   does nothing\n"
  "  -d                   alias of -h\n"
  "\n"
  " -h, --help     display this help and exit\n"
  " -V, --version  output version information and exit\n"
  "\n"
  "For more details see sysctl(8).\n";

typedef struct {
  NnsShell *sh;
  int pid;
  NnsIo *io;
  gboolean all, binary, ignore, names_only, values_only, load, quiet, write;
} Sysctl;

/* "net.ipv4.ip_forward" and "net/ipv4/ip_forward" name the same file. */
static char *
to_path(const char *name)
{
  return strchr(name, '/') ? g_strdup(name) : g_strdelimit(g_strdup(name), ".", '/');
}

static char *
to_name(const char *path)
{
  return g_strdelimit(g_strdup(path), "/", '.');
}

static void
show(Sysctl *s, const char *path, const char *value)
{
  g_autofree char *name = to_name(path);
  if (s->names_only)
    nns_out(s->io, "%s\n", name);
  else if (s->values_only)
    nns_out(s->io, "%s%s", value, s->binary ? "" : "\n");
  else
    nns_out(s->io, "%s = %s%s", name, value, s->binary ? "" : "\n");
}

/* Everything below a directory, depth first in name order. */
static void
show_tree(Sysctl *s, const char *dir)
{
  NnsBackend *be = s->sh->backend;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(stack, g_strdup(dir));
  while (stack->len) {
    g_autofree char *path = g_ptr_array_steal_index(stack, stack->len - 1);
    g_autofree char *value = *path ? be->ops->sysctl_get(be, s->pid, path, NULL) : NULL;
    if (value) {
      show(s, path, value);
      continue;
    }
    g_autoptr(GPtrArray) names = be->ops->sysctl_list(be, s->pid, path);
    /* Pushed in reverse so the first name is shown first. */
    for (guint i = names ? names->len : 0; i > 0; i--) {
      const char *child = g_ptr_array_index(names, i - 1);
      g_ptr_array_add(stack, *path ? g_strconcat(path, "/", child, NULL) : g_strdup(child));
    }
  }
}

static int
read_setting(Sysctl *s, const char *name)
{
  NnsBackend *be = s->sh->backend;
  g_autofree char *path = to_path(name);
  g_autofree char *value = be->ops->sysctl_get(be, s->pid, path, NULL);
  if (value) {
    show(s, path, value);
    return 0;
  }
  g_autoptr(GPtrArray) below = be->ops->sysctl_list(be, s->pid, path);
  if (below) {
    show_tree(s, path);
    return 0;
  }
  if (s->ignore)
    return 0;
  nns_err(s->io, "sysctl: cannot stat /proc/sys/%s: No such file or directory\n", path);
  return 1;
}

static int
write_setting(Sysctl *s, const char *setting)
{
  const char *eq = strchr(setting, '=');
  g_autofree char *key = g_strstrip(g_strndup(setting, eq - setting));
  g_autofree char *value = g_strstrip(g_strdup(eq + 1));
  g_autofree char *path = to_path(key);
  if (!*key) {
    nns_err(s->io, "sysctl: Path is not under /proc/sys/: /proc/sys/\n");
    return 1;
  }
  NnsBackend *be = s->sh->backend;
  g_autofree char *old = be->ops->sysctl_get(be, s->pid, path, NULL);
  if (!old) {
    g_autoptr(GPtrArray) below = be->ops->sysctl_list(be, s->pid, path);
    if (s->ignore)
      return 0;
    if (below)
      nns_err(s->io, "sysctl: setting key \"%s\": %s\n", key, nns_strerror(EISDIR));
    else
      nns_err(s->io, "sysctl: cannot stat /proc/sys/%s: No such file or directory\n", path);
    return 1;
  }
  g_autoptr(GError) error = NULL;
  if (!be->ops->sysctl_set(be, s->pid, path, value, &error)) {
    int err = error && error->code > 0 ? error->code : EINVAL;
    g_autofree char *name = to_name(path);
    if (err == EPERM || err == EROFS || err == EACCES)
      nns_err(s->io, "sysctl: permission denied on key \"%s\"\n", name);
    else
      nns_err(s->io, "sysctl: setting key \"%s\": %s\n", name, nns_strerror(err));
    return 1;
  }
  if (!s->quiet)
    show(s, path, value);
  return 0;
}

/* Lines "key = value"; blank lines and # or ; comments skipped. */
static int
load_file(Sysctl *s, const char *file)
{
  g_autoptr(GString) data = g_string_new("");
  int err = nns_tool_read_input(s->sh, s->pid, s->io, file, data);
  if (err) {
    nns_err(s->io, "sysctl: cannot open \"%s\": %s\n", file, nns_strerror(err));
    return 1;
  }
  g_autoptr(GPtrArray) lines = nns_tool_split_lines(data->str, data->len);
  g_autoptr(GPtrArray) settings = g_ptr_array_new();
  int status = 0;
  /* procps reads the whole file before it writes anything. */
  for (guint i = 0; i < lines->len; i++) {
    char *line = g_strstrip(g_ptr_array_index(lines, i));
    if (!*line || *line == '#' || *line == ';')
      continue;
    if (!strchr(line, '=')) {
      /* procps goes on, and the line does not change the status. */
      nns_err(s->io, "sysctl: %s(%u): invalid syntax, continuing...\n", file, i + 1);
      continue;
    }
    g_ptr_array_add(settings, line);
  }
  for (guint i = 0; i < settings->len; i++)
    status |= write_setting(s, g_ptr_array_index(settings, i));
  return status;
}

static const struct {
  const char *name;
  char opt;
} long_opts[] = {
  { "--all", 'a' }, { "--binary", 'b' }, { "--ignore", 'e' }, { "--names", 'N' },
  { "--values", 'n' }, { "--load", 'p' }, { "--quiet", 'q' }, { "--write", 'w' },
};

/* getopt_long's long options, as their short letters. */
static char **
map_long_options(int argc, char **argv)
{
  char **out = g_new0(char *, argc + 1);
  for (int i = 0; i < argc; i++) {
    out[i] = g_strdup(argv[i]);
    for (gsize k = 0; k < G_N_ELEMENTS(long_opts); k++) {
      if (g_str_equal(argv[i], long_opts[k].name)) {
        g_free(out[i]);
        out[i] = g_strdup_printf("-%c", long_opts[k].opt);
      } else if (long_opts[k].opt == 'p' && g_str_has_prefix(argv[i], "--load=")) {
        g_free(out[i]);
        out[i] = g_strconcat("-p", argv[i] + 7, NULL);
      }
    }
  }
  return out;
}

static gboolean
apply_options(Sysctl *s, NnsOpts *o)
{
  for (guint i = 0; i < o->opts->len; i++) {
    NnsOpt *opt = &g_array_index(o->opts, NnsOpt, i);
    switch (opt->opt) {
    case 'a': case 'A': case 'X': s->all = TRUE; break;
    case 'b': s->binary = s->values_only = TRUE; break;  /* procps: no name either */
    case 'e': s->ignore = TRUE; break;
    case 'N': s->names_only = TRUE; break;
    case 'n': s->values_only = TRUE; break;
    case 'p': case 'f': s->load = TRUE; break;
    case 'q': s->quiet = TRUE; break;
    case 'w': s->write = TRUE; break;
    case 'h': case 'd': return FALSE;
    default: break;
    }
  }
  return TRUE;
}

int
nns_tool_sysctl(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  g_auto(GStrv) args = map_long_options(argc, argv);
  NnsOpts o;
  Sysctl s = { .sh = sh, .pid = pid, .io = io };
  if (argc < 2) {
    nns_err(io, "%s", usage_text);
    return 1;
  }
  if (!nns_opts_parse(&o, argc, args, "aAXbeNnpfqwoxhd", TRUE)) {
    if (o.bad_long)
      nns_err(io, "sysctl: unrecognized option '%s'\n", o.bad_long);
    else
      nns_err(io, "sysctl: invalid option -- '%c'\n", o.bad_opt);
    nns_err(io, "%s", usage_text);
    nns_opts_clear(&o);
    /* procps 4.0.2 exits 0 here (recorded). */
    return 0;
  }
  if (!apply_options(&s, &o)) {
    nns_out(io, "%s", usage_text);
    nns_opts_clear(&o);
    return 0;
  }
  int status = 0;
  if (s.load) {
    if (o.operands->len == 0)
      g_ptr_array_add(o.operands, "/etc/sysctl.conf");
    for (guint i = 0; i < o.operands->len; i++)
      status |= load_file(&s, g_ptr_array_index(o.operands, i));
  } else if (s.all) {
    show_tree(&s, "");
  } else if (o.operands->len == 0) {
    nns_err(io, "sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    status = 1;
  } else {
    for (guint i = 0; i < o.operands->len; i++) {
      const char *arg = g_ptr_array_index(o.operands, i);
      if (strchr(arg, '='))
        status |= write_setting(&s, arg);
      else if (s.write) {
        nns_err(io, "sysctl: command line(0): invalid syntax, continuing...\n");
        status = 1;
      } else
        status |= read_setting(&s, arg);
    }
  }
  nns_opts_clear(&o);
  return status;
}
