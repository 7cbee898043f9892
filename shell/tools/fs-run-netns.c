/* /run/netns (and /var/run/netns through the /var/run link): one file per
 * named namespace, as `ip netns add` bind-mounts them. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <string.h>

static gboolean
is_name(NnsShell *sh, const char *name)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GPtrArray) names = be->ops->netns_names(be);
  for (guint i = 0; names && i < names->len; i++)
    if (g_str_equal(g_ptr_array_index(names, i), name))
      return TRUE;
  return FALSE;
}

static int
netns_stat(NnsShell *sh, int pid, const char *rel, NnsFsStat *st)
{
  (void) pid;
  if (!*rel) {
    st->kind = NNS_FS_DIR;
    st->mode = 0755;
    return 0;
  }
  const char *slash = strchr(rel, '/');
  g_autofree char *name = slash ? g_strndup(rel, slash - rel) : g_strdup(rel);
  if (!is_name(sh, name))
    return ENOENT;
  if (slash)
    return ENOTDIR;
  st->kind = NNS_FS_FILE;
  st->mode = 0444;
  return 0;
}

static int
netns_read(NnsShell *sh, int pid, const char *rel, GString *out)
{
  (void) out;
  NnsFsStat st;
  int err = netns_stat(sh, pid, rel, &st);
  if (err)
    return err;
  /* The bind-mounted nsfs inode refuses read(). */
  return st.kind == NNS_FS_DIR ? EISDIR : EINVAL;
}

static int
netns_list(NnsShell *sh, int pid, const char *rel, GPtrArray *names)
{
  NnsFsStat st;
  int err = netns_stat(sh, pid, rel, &st);
  if (err)
    return err;
  if (st.kind != NNS_FS_DIR)
    return ENOTDIR;
  NnsBackend *be = sh->backend;
  g_autoptr(GPtrArray) all = be->ops->netns_names(be);
  for (guint i = 0; all && i < all->len; i++)
    g_ptr_array_add(names, g_strdup(g_ptr_array_index(all, i)));
  return 0;
}

const NnsFsProvider nns_fs_run_netns = {
  .root = "/run/netns",
  .stat = netns_stat,
  .read = netns_read,
  .list = netns_list,
};
