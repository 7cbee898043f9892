/* The reading process's view of its namespace's devices, shared by
 * /proc/net/dev and /sys/class/net. */
#include "shell/tools/tools.h"

GPtrArray *
nns_fs_links(NnsShell *sh, int pid)
{
  NnsBackend *be = sh->backend;
  return be->ops->link_dump ? be->ops->link_dump(be, pid, NULL) : NULL;
}

const NnsLinkRecord *
nns_fs_link_find(GPtrArray *links, const char *name)
{
  for (guint i = 0; links && i < links->len; i++) {
    const NnsLinkRecord *rec = g_ptr_array_index(links, i);
    if (g_str_equal(rec->name, name))
      return rec;
  }
  return NULL;
}
