/* Processes of the kernel backend's world.  The front ends name processes
 * by PID (`ip netns exec` spawns one, `netns 1` names init); here each is a
 * PID and an open descriptor of its network namespace, which is all that a
 * netlink socket "opened by that process" needs.  PIDs are allocated as the
 * simulated backend allocates them, so transcripts name the same PIDs. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void
process_free(gpointer data)
{
  NnsKernelProcess *p = data;
  close(p->netns_fd);
  g_free(p);
}

static NnsKernelProcess *
add_process(NnsKernelBackend *kb, int fd)
{
  NnsKernelProcess *p = g_new0(NnsKernelProcess, 1);
  p->pid = kb->next_pid++;
  p->netns_fd = fd;
  g_hash_table_insert(kb->procs, GINT_TO_POINTER(p->pid), p);
  return p;
}

void
nns_kernel_process_init(NnsKernelBackend *kb)
{
  kb->procs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, process_free);
  kb->next_pid = 1;
  /* PID 1: init of the sandbox, in the world's root namespace. */
  add_process(kb, fcntl(kb->root_fd, F_DUPFD_CLOEXEC, 0));
}

int
nns_kernel_pid_netns(NnsKernelBackend *kb, int pid, GError **error)
{
  NnsKernelProcess *p = g_hash_table_lookup(kb->procs, GINT_TO_POINTER(pid));
  if (!p) {
    nns_set_errno(error, ESRCH);
    return -1;
  }
  return p->netns_fd;
}

int
nns_kernel_open_named(const char *name)
{
  g_autofree char *path = g_build_filename(NNS_RUN_NETNS, name, NULL);
  return open(path, O_RDONLY | O_CLOEXEC);
}

int
nns_kernel_process_spawn(NnsBackend *be, int parent_pid, const char *netns_name, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd;
  if (netns_name) {
    /* netns_switch(): open the name; setns() refuses what is not a netns. */
    fd = nns_kernel_open_named(netns_name);
    if (fd < 0) {
      nns_set_errno(error, errno);
      return -1;
    }
  } else {
    int parent = nns_kernel_pid_netns(kb, parent_pid, error);
    if (parent < 0)
      return -1;
    fd = fcntl(parent, F_DUPFD_CLOEXEC, 0);
  }
  return add_process(kb, fd)->pid;
}

void
nns_kernel_process_exit(NnsBackend *be, int pid)
{
  /* init never exits: its end would be the sandbox's. */
  if (pid != 1)
    g_hash_table_remove(nns_kernel(be)->procs, GINT_TO_POINTER(pid));
}

gboolean
nns_kernel_process_exists(NnsBackend *be, int pid)
{
  return g_hash_table_contains(nns_kernel(be)->procs, GINT_TO_POINTER(pid));
}

guint64
nns_kernel_process_netns_inode(NnsBackend *be, int pid)
{
  int fd = nns_kernel_pid_netns(nns_kernel(be), pid, NULL);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0)
    return 0;
  return st.st_ino;
}
