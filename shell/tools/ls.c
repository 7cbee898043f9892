/* ls [-1alAd] [FILE...]: one name a line (output is never a terminal),
 * sorted bytewise as in the C locale; -l with a fixed date, since the
 * simulated files have no creation time. */
#include "shell/tools/tools.h"

#include <string.h>

#define LS_DATE "Jan  1 00:00"

typedef struct {
  gboolean all, almost_all, dir_itself, long_format;
} LsFlags;

typedef struct {
  char *name;                 /* as shown */
  char *path;                 /* to stat and readlink */
  NnsFsStat st;
} Entry;

static void
entry_free(gpointer p)
{
  Entry *e = p;
  g_free(e->name);
  g_free(e->path);
  g_free(e);
}

static void
mode_string(const NnsFsStat *st, char buf[11])
{
  static const char kinds[] = { [NNS_FS_FILE] = '-', [NNS_FS_DIR] = 'd', [NNS_FS_LINK] = 'l', [NNS_FS_CHAR] = 'c' };
  buf[0] = kinds[st->kind];
  for (int i = 0; i < 9; i++)
    buf[1 + i] = (st->mode & (0400 >> i)) ? "rwxrwxrwx"[i] : '-';
  if (st->mode & 01000)
    buf[9] = buf[9] == 'x' ? 't' : 'T';
  buf[10] = '\0';
}

static guint
digits(guint64 v)
{
  guint n = 1;
  for (; v >= 10; v /= 10)
    n++;
  return n;
}

/* Blocks of 1 KiB as tmpfs counts them: whole 4 KiB pages. */
static guint64
blocks(const Entry *e)
{
  g_autofree char *abs = nns_fs_abspath(e->path);
  if (e->st.kind != NNS_FS_FILE || e->st.size == 0)
    return 0;
  /* sysfs shows 4096 bytes but uses no blocks. */
  if (g_str_has_prefix(abs, "/proc/") || g_str_has_prefix(abs, "/sys/"))
    return 0;
  return (e->st.size + 4095) / 4096 * 4;
}

static void
print_entries(NnsShell *sh, int pid, GPtrArray *entries, const LsFlags *f, gboolean total, GString *out)
{
  if (!f->long_format) {
    for (guint i = 0; i < entries->len; i++)
      g_string_append_printf(out, "%s\n", ((Entry *) g_ptr_array_index(entries, i))->name);
    return;
  }
  guint size_w = 1;
  guint64 sum = 0;
  for (guint i = 0; i < entries->len; i++) {
    Entry *e = g_ptr_array_index(entries, i);
    size_w = MAX(size_w, digits(e->st.size));
    sum += blocks(e);
  }
  if (total)
    g_string_append_printf(out, "total %" G_GUINT64_FORMAT "\n", sum);
  for (guint i = 0; i < entries->len; i++) {
    Entry *e = g_ptr_array_index(entries, i);
    char mode[11];
    mode_string(&e->st, mode);
    g_string_append_printf(out, "%s 1 root root %*" G_GSIZE_FORMAT " " LS_DATE " %s",
                           mode, size_w, e->st.size, e->name);
    g_autofree char *target = NULL;
    if (e->st.kind == NNS_FS_LINK && nns_fs_readlink(sh, pid, e->path, &target) == 0)
      g_string_append_printf(out, " -> %s", target);
    g_string_append_c(out, '\n');
  }
}

static Entry *
entry_new(NnsShell *sh, int pid, const char *name, const char *path, gboolean follow)
{
  Entry *e = g_new0(Entry, 1);
  e->name = g_strdup(name);
  e->path = g_strdup(path);
  if (nns_fs_stat(sh, pid, path, follow, &e->st) != 0) {
    entry_free(e);
    return NULL;
  }
  return e;
}

static int
list_dir(NnsShell *sh, int pid, const char *dir, const LsFlags *f, NnsIo *io)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  int err = nns_fs_list(sh, pid, dir, names);
  if (err) {
    nns_err(io, "ls: cannot open directory '%s': %s\n", dir, nns_strerror(err));
    return 2;
  }
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(entry_free);
  if (f->all) {
    g_autofree char *up = g_strconcat(dir, "/..", NULL);
    Entry *self = entry_new(sh, pid, ".", dir, TRUE), *parent = entry_new(sh, pid, "..", up, TRUE);
    if (self)
      g_ptr_array_add(entries, self);
    if (parent)
      g_ptr_array_add(entries, parent);
  }
  for (guint i = 0; i < names->len; i++) {
    const char *name = g_ptr_array_index(names, i);
    if (name[0] == '.' && !f->all && !f->almost_all)
      continue;
    g_autofree char *path = g_build_filename(dir, name, NULL);
    Entry *e = entry_new(sh, pid, name, path, FALSE);
    if (e)
      g_ptr_array_add(entries, e);
  }
  print_entries(sh, pid, entries, f, TRUE, io->out);
  return 0;
}

static gint
compare_entries(gconstpointer a, gconstpointer b)
{
  return strcmp((*(Entry *const *) a)->name, (*(Entry *const *) b)->name);
}

int
nns_tool_ls(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "1aAdl", TRUE)) {
    int st = nns_opts_fail(io, "ls", &o, NULL, 2);
    nns_opts_clear(&o);
    return st;
  }
  LsFlags f = { 0 };
  for (guint i = 0; i < o.opts->len; i++) {
    switch (g_array_index(o.opts, NnsOpt, i).opt) {
    case 'a': f.all = TRUE; break;
    case 'A': f.almost_all = TRUE; break;
    case 'd': f.dir_itself = TRUE; break;
    case 'l': f.long_format = TRUE; break;
    default: break;
    }
  }
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, ".");
  int status = 0;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(entry_free);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func(entry_free);
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    /* Links named on the command line are followed, except by -l and -d. */
    gboolean follow = !(f.long_format || f.dir_itself) || g_str_has_suffix(name, "/");
    Entry *e = entry_new(sh, pid, name, name, follow);
    if (!e) {
      NnsFsStat st;
      nns_err(io, "ls: cannot access '%s': %s\n", name, nns_strerror(nns_fs_stat(sh, pid, name, follow, &st)));
      status = 2;
      continue;
    }
    g_ptr_array_add(e->st.kind == NNS_FS_DIR && !f.dir_itself ? dirs : files, e);
  }
  g_ptr_array_sort(files, compare_entries);
  g_ptr_array_sort(dirs, compare_entries);
  print_entries(sh, pid, files, &f, FALSE, io->out);
  /* Several operands: each directory under a "NAME:" heading. */
  gboolean headings = o.operands->len > 1;
  for (guint i = 0; i < dirs->len; i++) {
    Entry *d = g_ptr_array_index(dirs, i);
    if (headings)
      g_string_append_printf(io->out, "%s%s:\n", files->len || i ? "\n" : "", d->name);
    int st = list_dir(sh, pid, d->path, &f, io);
    status = MAX(status, st);
  }
  nns_opts_clear(&o);
  return status;
}
