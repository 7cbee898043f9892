/* /proc itself and /proc/PID/ns/net, the link naming a process's network
 * namespace ("net:[INODE]"). */
#include "shell/tools/tools.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum { AT_ROOT, AT_SELF, AT_PID, AT_NS, AT_NET, AT_NONE } ProcNode;

/* Which node `rel` names; *pid_out is the process it is about. */
static ProcNode
locate(NnsShell *sh, const char *rel, int *pid_out)
{
  if (!*rel)
    return AT_ROOT;
  if (g_str_equal(rel, "self"))
    return AT_SELF;
  char *end = NULL;
  long n = strtol(rel, &end, 10);
  if (end == rel || !g_ascii_isdigit(*rel) || n <= 0 || n > G_MAXINT || (*end && *end != '/'))
    return AT_NONE;
  NnsBackend *be = sh->backend;
  if (be->ops->process_netns_inode(be, (int) n) == 0)
    return AT_NONE;
  *pid_out = (int) n;
  if (!*end)
    return AT_PID;
  if (g_str_equal(end, "/ns"))
    return AT_NS;
  if (g_str_equal(end, "/ns/net"))
    return AT_NET;
  return AT_NONE;
}

static int
proc_stat(NnsShell *sh, int pid, const char *rel, NnsFsStat *st)
{
  (void) pid;
  int who = 0;
  switch (locate(sh, rel, &who)) {
  case AT_ROOT: case AT_PID:
    st->kind = NNS_FS_DIR;
    st->mode = 0555;
    return 0;
  case AT_NS:
    st->kind = NNS_FS_DIR;
    st->mode = 0511;
    return 0;
  case AT_SELF: case AT_NET:
    st->kind = NNS_FS_LINK;
    st->mode = 0777;
    return 0;
  default:
    return ENOENT;
  }
}

static int
proc_read(NnsShell *sh, int pid, const char *rel, GString *out)
{
  (void) out;
  int who = 0;
  switch (locate(sh, rel, &who)) {
  case AT_NONE: return ENOENT;
  case AT_NET: return EINVAL;   /* an nsfs file cannot be read */
  default: (void) pid; return EISDIR;
  }
}

static int
proc_list(NnsShell *sh, int pid, const char *rel, GPtrArray *names)
{
  (void) pid;
  int who = 0;
  switch (locate(sh, rel, &who)) {
  case AT_ROOT:
    g_ptr_array_add(names, g_strdup("net"));
    g_ptr_array_add(names, g_strdup("self"));
    g_ptr_array_add(names, g_strdup("sys"));
    return 0;
  case AT_PID:
    g_ptr_array_add(names, g_strdup("ns"));
    return 0;
  case AT_NS:
    g_ptr_array_add(names, g_strdup("net"));
    return 0;
  case AT_NONE:
    return ENOENT;
  default:
    return ENOTDIR;
  }
}

static int
proc_readlink(NnsShell *sh, int pid, const char *rel, char **target)
{
  int who = 0;
  NnsBackend *be = sh->backend;
  switch (locate(sh, rel, &who)) {
  case AT_SELF:
    *target = g_strdup_printf("%d", pid);
    return 0;
  case AT_NET:
    *target = g_strdup_printf("net:[%" G_GUINT64_FORMAT "]", be->ops->process_netns_inode(be, who));
    return 0;
  case AT_NONE:
    return ENOENT;
  default:
    return EINVAL;
  }
}

const NnsFsProvider nns_fs_proc = {
  .root = "/proc",
  .stat = proc_stat,
  .read = proc_read,
  .list = proc_list,
  .readlink = proc_readlink,
  .link_to = NNS_FS_FILE,     /* ns/net is an nsfs file */
};
