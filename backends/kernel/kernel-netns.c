/* Named namespaces as iproute2's ip/ipnetns.c keeps them: files in the
 * sandbox's /run/netns with the namespace bind-mounted on them; and nsids
 * through RTM_GETNSID / RTM_NEWNSID (read by kernel-decode-nsid.c). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

static char *
netns_path(const char *name)
{
  return g_build_filename(NNS_RUN_NETNS, name, NULL);
}

int
nns_kernel_netns_create(NnsKernelBackend *kb)
{
  /* unshare() moves the calling thread; open the new namespace, then go
   * back to the world's root. */
  if (unshare(CLONE_NEWNET) < 0)
    return -1;
  int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  int saved = errno;
  if (setns(kb->root_fd, CLONE_NEWNET) < 0)
    g_error("netnsim: cannot return to the sandbox's root namespace: %s", g_strerror(errno));
  errno = saved;
  return fd;
}

/* Create /run/netns/NAME (it must not exist) and bind `ns_fd` onto it. */
static gboolean
bind_name(const char *name, int ns_fd, GError **error)
{
  g_autofree char *path = netns_path(name);
  int fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
  if (fd < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  close(fd);
  g_autofree char *source = g_strdup_printf("/proc/self/fd/%d", ns_fd);
  if (mount(source, path, "none", MS_BIND, NULL) < 0) {
    int err = errno;
    unlink(path);
    nns_set_errno(error, err);
    return FALSE;
  }
  return TRUE;
}

gboolean
nns_kernel_netns_add(NnsBackend *be, int pid, const char *name, GError **error)
{
  (void) pid;   /* a new namespace owes nothing to its creator's */
  g_autofree char *path = netns_path(name);
  if (access(path, F_OK) == 0) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  int fd = nns_kernel_netns_create(nns_kernel(be));
  if (fd < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  gboolean ok = bind_name(name, fd, error);
  close(fd);
  return ok;
}

gboolean
nns_kernel_netns_delete(NnsBackend *be, const char *name, GError **error)
{
  /* The namespace's end (its devices, its nsids) is the kernel's work. */
  nns_kernel(be)->unsettled = TRUE;
  g_autofree char *path = netns_path(name);
  /* netns_delete(): detach the bind mount, then remove the file. */
  umount2(path, MNT_DETACH);
  if (unlink(path) < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  return TRUE;
}

GPtrArray *
nns_kernel_netns_names(NnsBackend *be)
{
  (void) be;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  /* readdir order: tmpfs lists the newest entry first. */
  GDir *dir = g_dir_open(NNS_RUN_NETNS, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name(dir)))
    g_ptr_array_add(names, g_strdup(name));
  if (dir)
    g_dir_close(dir);
  return names;
}

gboolean
nns_kernel_netns_attach(NnsBackend *be, const char *name, int pid, GError **error)
{
  int fd = nns_kernel_pid_netns(nns_kernel(be), pid, error);
  return fd >= 0 && bind_name(name, fd, error);
}

guint64
nns_kernel_netns_inode(NnsBackend *be, const char *name)
{
  (void) be;
  int fd = nns_kernel_open_named(name);
  if (fd < 0)
    return 0;
  struct statfs sfs;
  struct stat st;
  guint64 inode = 0;
  /* A name whose bind mount is gone is an empty tmpfs file, not a netns. */
  if (fstatfs(fd, &sfs) == 0 && sfs.f_type == NSFS_MAGIC && fstat(fd, &st) == 0)
    inode = st.st_ino;
  close(fd);
  return inode;
}

static gint
int_compare(gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

GArray *
nns_kernel_netns_pids(NnsBackend *be, const char *name)
{
  NnsKernelBackend *kb = nns_kernel(be);
  GArray *pids = g_array_new(FALSE, FALSE, sizeof(int));
  guint64 inode = nns_kernel_netns_inode(be, name);
  if (!inode)
    return pids;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, kb->procs);
  while (g_hash_table_iter_next(&it, NULL, &value)) {
    NnsKernelProcess *p = value;
    struct stat st;
    if (fstat(p->netns_fd, &st) == 0 && st.st_ino == inode)
      g_array_append_val(pids, p->pid);
  }
  g_array_sort(pids, int_compare);
  return pids;
}

/* ---- nsids ---- */

static void
keep_nsid(const struct nlmsghdr *nlh, gpointer data)
{
  NnsNsidPair p;
  if (nlh->nlmsg_type == RTM_NEWNSID && nns_kernel_decode_nsid(nlh, &p))
    *(int *) data = p.nsid;
}

int
nns_kernel_nsid_of_name(NnsBackend *be, int pid, const char *name)
{
  int fd = nns_kernel_open_named(name);
  if (fd < 0)
    return -1;
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETNSID, 0);
  struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof *g);
  g->rtgen_family = AF_UNSPEC;
  mnl_attr_put_u32(nlh, NETNSA_FD, (guint32) fd);
  int nsid = -1;
  if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, keep_nsid, &nsid, NULL))
    nsid = -1;
  close(fd);
  return nsid;
}

gboolean
nns_kernel_nsid_set(NnsBackend *be, int pid, const char *name, int nsid, GError **error)
{
  int fd = nns_kernel_open_named(name);
  if (fd < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_NEWNSID, NLM_F_CREATE | NLM_F_EXCL);
  struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof *g);
  g->rtgen_family = AF_UNSPEC;
  mnl_attr_put_u32(nlh, NETNSA_FD, (guint32) fd);
  /* `auto` is -1: the kernel picks the lowest free id. */
  mnl_attr_put_u32(nlh, NETNSA_NSID, (guint32) nsid);
  gboolean ok = nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
  close(fd);
  return ok;
}

static void
collect_nsid(const struct nlmsghdr *nlh, gpointer data)
{
  NnsNsidPair p;
  if (nlh->nlmsg_type == RTM_NEWNSID && nns_kernel_decode_nsid(nlh, &p))
    g_ptr_array_add(data, g_memdup2(&p, sizeof p));
}

GPtrArray *
nns_kernel_nsid_dump(NnsBackend *be, int pid, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETNSID, NLM_F_DUMP);
  struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof *g);
  g->rtgen_family = AF_UNSPEC;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_nsid, out, error))
    return NULL;
  return g_steal_pointer(&out);
}
