/* /proc/sys: the per-namespace sysctls of the reading process. */
#include "shell/tools/tools.h"

#include <errno.h>

static int
proc_sys_stat(NnsShell *sh, int pid, const char *rel, NnsFsStat *st)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = *rel ? be->ops->sysctl_get(be, pid, rel, &error) : NULL;
  if (value) {
    st->kind = NNS_FS_FILE;
    st->mode = 0644;
    return 0;
  }
  /* An entry that exists but cannot be read (stable_secret: EIO, 0600). */
  if (error && error->code == EIO) {
    st->kind = NNS_FS_FILE;
    st->mode = 0600;
    return 0;
  }
  g_autoptr(GPtrArray) names = be->ops->sysctl_list(be, pid, rel);
  if (!names && *rel)
    return ENOENT;
  st->kind = NNS_FS_DIR;
  st->mode = 0555;
  return 0;
}

static int
proc_sys_read(NnsShell *sh, int pid, const char *rel, GString *out)
{
  NnsFsStat st;
  int err = proc_sys_stat(sh, pid, rel, &st);
  if (err)
    return err;
  if (st.kind == NNS_FS_DIR)
    return EISDIR;
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = be->ops->sysctl_get(be, pid, rel, &error);
  if (!value && error && error->code == EIO)
    return EIO;
  g_string_append_printf(out, "%s\n", value ? value : "");
  return 0;
}

static int
proc_sys_list(NnsShell *sh, int pid, const char *rel, GPtrArray *names)
{
  NnsFsStat st;
  int err = proc_sys_stat(sh, pid, rel, &st);
  if (err)
    return err;
  if (st.kind != NNS_FS_DIR)
    return ENOTDIR;
  NnsBackend *be = sh->backend;
  g_autoptr(GPtrArray) entries = be->ops->sysctl_list(be, pid, rel);
  for (guint i = 0; entries && i < entries->len; i++)
    g_ptr_array_add(names, g_strdup(g_ptr_array_index(entries, i)));
  return 0;
}

static int
proc_sys_write(NnsShell *sh, int pid, const char *rel, const char *data, gsize len)
{
  NnsBackend *be = sh->backend;
  g_autofree char *value = g_strndup(data, len);
  g_autoptr(GError) error = NULL;
  if (!be->ops->sysctl_set(be, pid, rel, value, &error))
    return error && error->code > 0 ? error->code : EINVAL;
  return 0;
}

const NnsFsProvider nns_fs_proc_sys = {
  .root = "/proc/sys",
  .stat = proc_sys_stat,
  .read = proc_sys_read,
  .list = proc_sys_list,
  .write = proc_sys_write,
};
