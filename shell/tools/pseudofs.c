/* The file system's skeleton: path handling, dispatch to the subtrees made
 * from the backend (fs-*.c), the fixed directories, /dev/null and the plain
 * files the user writes. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <string.h>

/* Directories that always exist; plain files may be created in them. */
static const char *const fixed_dirs[] = {
  "/", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sys", "/sys/class", "/tmp", "/var", "/var/tmp",
};

static const NnsFsProvider *const providers[] = {
  /* Most specific first: /proc/sys before /proc. */
  &nns_fs_proc_sys, &nns_fs_proc_net, &nns_fs_proc, &nns_fs_sys_net, &nns_fs_run_netns,
};

/* Lexical clean-up: "/root" for relative paths, no "//", ".", "..". */
char *
nns_fs_abspath(const char *path)
{
  g_autofree char *joined = path[0] == '/' ? g_strdup(path) : g_strconcat("/root/", path, NULL);
  g_auto(GStrv) parts = g_strsplit(joined, "/", -1);
  g_autoptr(GPtrArray) keep = g_ptr_array_new();
  for (char **p = parts; *p; p++) {
    if (!**p || g_str_equal(*p, "."))
      continue;
    if (g_str_equal(*p, "..")) {
      if (keep->len)
        g_ptr_array_remove_index(keep, keep->len - 1);
      continue;
    }
    g_ptr_array_add(keep, *p);
  }
  GString *out = g_string_new("");
  for (guint i = 0; i < keep->len; i++)
    g_string_append_printf(out, "/%s", (char *) g_ptr_array_index(keep, i));
  if (out->len == 0)
    g_string_append_c(out, '/');
  return g_string_free(out, FALSE);
}

static gboolean
under(const char *path, const char *root, const char **rel)
{
  gsize n = strlen(root);
  if (strncmp(path, root, n) != 0 || (path[n] != '\0' && path[n] != '/'))
    return FALSE;
  *rel = path[n] == '/' ? path + n + 1 : path + n;
  return TRUE;
}

/* The two symbolic links on the way of every path: /var/run -> /run (as on
 * Debian) and /proc/self -> /proc/PID.  The last component is followed
 * only when `follow`. */
static char *
resolve(int pid, const char *path, gboolean follow)
{
  g_autofree char *abs = nns_fs_abspath(path);
  const char *rel;
  if (under(abs, "/var/run", &rel) && (follow || *rel))
    return *rel ? g_strconcat("/run/", rel, NULL) : g_strdup("/run");
  if (under(abs, "/proc/self", &rel) && (follow || *rel))
    return *rel ? g_strdup_printf("/proc/%d/%s", pid, rel) : g_strdup_printf("/proc/%d", pid);
  return g_steal_pointer(&abs);
}

static const NnsFsProvider *
provider_of(const char *path, const char **rel)
{
  for (gsize i = 0; i < G_N_ELEMENTS(providers); i++)
    if (under(path, providers[i]->root, rel))
      return providers[i];
  return NULL;
}

static gboolean
is_fixed_dir(const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS(fixed_dirs); i++)
    if (g_str_equal(fixed_dirs[i], path))
      return TRUE;
  return FALSE;
}

static gboolean
parent_is(const char *path, const char *dir, const char **name)
{
  const char *slash = strrchr(path, '/');
  if (!slash || slash[1] == '\0')
    return FALSE;
  gsize n = slash == path ? 1 : (gsize) (slash - path);
  if (strlen(dir) != n || strncmp(path, dir, n) != 0)
    return FALSE;
  *name = slash + 1;
  return TRUE;
}

int
nns_fs_stat(NnsShell *sh, int pid, const char *path, gboolean follow, NnsFsStat *st)
{
  g_autofree char *p = resolve(pid, path, follow);
  const char *rel;
  memset(st, 0, sizeof *st);
  /* /proc's own listing is the provider's, but /proc itself is fixed. */
  const NnsFsProvider *prov = provider_of(p, &rel);
  if (prov) {
    int err = prov->stat(sh, pid, rel, st);
    if (!err && follow && st->kind == NNS_FS_LINK)
      st->kind = prov->link_to;
    return err;
  }
  if (is_fixed_dir(p)) {
    st->kind = NNS_FS_DIR;
    st->mode = g_str_equal(p, "/tmp") ? 01777 : 0755;
    return 0;
  }
  if (g_str_equal(p, "/var/run")) {
    st->kind = NNS_FS_LINK;
    st->size = 4;
    st->mode = 0777;
    return 0;
  }
  if (g_str_equal(p, "/dev/null")) {
    st->kind = NNS_FS_CHAR;
    st->mode = 0666;
    return 0;
  }
  GString *file = g_hash_table_lookup(sh->files, p);
  if (!file)
    return ENOENT;
  st->kind = NNS_FS_FILE;
  st->size = file->len;
  st->mode = 0644;
  return 0;
}

int
nns_fs_read(NnsShell *sh, int pid, const char *path, GString *out)
{
  g_autofree char *p = resolve(pid, path, TRUE);
  const char *rel;
  const NnsFsProvider *prov = provider_of(p, &rel);
  if (prov)
    return prov->read(sh, pid, rel, out);
  if (is_fixed_dir(p))
    return EISDIR;
  if (g_str_equal(p, "/dev/null"))
    return 0;
  GString *file = g_hash_table_lookup(sh->files, p);
  if (!file)
    return ENOENT;
  g_string_append_len(out, file->str, file->len);
  return 0;
}

static gint
compare_names(gconstpointer a, gconstpointer b, gpointer unused)
{
  (void) unused;
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* A fixed directory holds the fixed directories, the providers' roots and
 * the plain files right below it. */
static void
list_fixed(NnsShell *sh, const char *dir, GPtrArray *names)
{
  const char *name;
  for (gsize i = 0; i < G_N_ELEMENTS(fixed_dirs); i++)
    if (parent_is(fixed_dirs[i], dir, &name))
      g_ptr_array_add(names, g_strdup(name));
  for (gsize i = 0; i < G_N_ELEMENTS(providers); i++)
    if (parent_is(providers[i]->root, dir, &name) && !is_fixed_dir(providers[i]->root))
      g_ptr_array_add(names, g_strdup(name));
  if (g_str_equal(dir, "/dev"))
    g_ptr_array_add(names, g_strdup("null"));
  if (g_str_equal(dir, "/var"))
    g_ptr_array_add(names, g_strdup("run"));
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, sh->files);
  while (g_hash_table_iter_next(&it, &key, NULL))
    if (parent_is(key, dir, &name))
      g_ptr_array_add(names, g_strdup(name));
}

int
nns_fs_list(NnsShell *sh, int pid, const char *path, GPtrArray *names)
{
  g_autofree char *p = resolve(pid, path, TRUE);
  const char *rel;
  guint first = names->len;
  int err = 0;
  const NnsFsProvider *prov = provider_of(p, &rel);
  if (prov) {
    err = prov->list(sh, pid, rel, names);
  } else if (is_fixed_dir(p)) {
    list_fixed(sh, p, names);
  } else {
    NnsFsStat st;
    err = nns_fs_stat(sh, pid, p, TRUE, &st);
    if (!err)
      err = ENOTDIR;
  }
  if (err)
    return err;
  /* Sort only what this call added (pdata is NULL while the array is
   * empty: no pointer arithmetic on it). */
  if (names->len > first)
    g_qsort_with_data(names->pdata + first, names->len - first, sizeof(gpointer),
                      compare_names, NULL);
  return 0;
}

int
nns_fs_readlink(NnsShell *sh, int pid, const char *path, char **target)
{
  g_autofree char *p = resolve(pid, path, FALSE);
  const char *rel;
  *target = NULL;
  if (g_str_equal(p, "/var/run")) {
    *target = g_strdup("/run");
    return 0;
  }
  if (g_str_equal(p, "/proc/self")) {
    *target = g_strdup_printf("%d", pid);
    return 0;
  }
  NnsFsStat st;
  int err = nns_fs_stat(sh, pid, p, FALSE, &st);
  if (err)
    return err;
  const NnsFsProvider *prov = provider_of(p, &rel);
  if (st.kind != NNS_FS_LINK || !prov || !prov->readlink)
    return EINVAL;
  return prov->readlink(sh, pid, rel, target);
}

int
nns_fs_open_write(NnsShell *sh, int pid, const char *path, gboolean append)
{
  g_autofree char *p = resolve(pid, path, TRUE);
  const char *rel, *name;
  NnsFsStat st;
  int err = nns_fs_stat(sh, pid, p, TRUE, &st);
  if (!err && st.kind == NNS_FS_DIR)
    return EISDIR;
  const NnsFsProvider *prov = provider_of(p, &rel);
  if (prov) {
    if (err)
      return err;
    /* sysfs and procfs refuse to open a read-only entry for writing,
     * even to root. */
    return prov->write && (st.mode & 0200) ? 0 : EACCES;
  }
  if (!err) {
    GString *file = g_hash_table_lookup(sh->files, p);
    if (file && !append)
      g_string_truncate(file, 0);
    return 0;
  }
  /* A new plain file, in a directory that exists. */
  for (gsize i = 0; i < G_N_ELEMENTS(fixed_dirs); i++) {
    if (parent_is(p, fixed_dirs[i], &name) && !provider_of(fixed_dirs[i], &rel)) {
      g_hash_table_insert(sh->files, g_strdup(p), g_string_new(""));
      return 0;
    }
  }
  return ENOENT;
}

int
nns_fs_write(NnsShell *sh, int pid, const char *path, const char *data, gsize len)
{
  g_autofree char *p = resolve(pid, path, TRUE);
  const char *rel;
  const NnsFsProvider *prov = provider_of(p, &rel);
  if (prov)
    return prov->write ? prov->write(sh, pid, rel, data, len) : EACCES;
  if (g_str_equal(p, "/dev/null"))
    return 0;
  GString *file = g_hash_table_lookup(sh->files, p);
  if (!file)
    return ENOENT;
  if (nns_io_would_overflow(file, len))
    return EFBIG;
  g_string_append_len(file, data, len);
  return 0;
}
