/* The sandbox every kernel-backend run lives in.
 *
 * New network, mount and PID namespaces (and a user namespace when not
 * root): the host's interfaces, routes, firewall, /run/netns and PID 1 are
 * never touched, and nothing in the sandbox has a path to a network outside
 * it (its namespaces start with only `lo`).  The process forks once: the
 * child is PID 1 of the new PID namespace and runs netnsim; the parent
 * waits outside and exits with the child's status.  The child asks for
 * SIGKILL when the parent dies, and when PID 1 of a PID namespace dies the
 * kernel kills everything in it; its mount namespace (holding /run/netns and
 * the name bind mounts) and so every network namespace go with it.  Nothing
 * survives a kill -9 of either process. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static gboolean in_sandbox;
/* init_net's net.netfilter.nf_log_all_netns as the sandbox found it: 0,
 * 1, or -1 when it could not be read (netnsim not started in init_net). */
static int host_log_all_netns = -1;

gboolean
nns_kernel_sandbox_active(void)
{
  return in_sandbox;
}

int
nns_kernel_host_log_all_netns(void)
{
  return host_log_all_netns;
}

/* Read before leaving the host's network namespace: the switch exists only
 * in init_net, and decides whether the kernel logs the LOG target's hits
 * in any other namespace (nf_log_packet), so in the sandbox's. */
static void
read_host_log_switch(void)
{
  g_autofree char *text = NULL;
  if (g_file_get_contents("/proc/sys/net/netfilter/nf_log_all_netns", &text, NULL, NULL))
    host_log_all_netns = atoi(text) != 0;
}

static gboolean
write_text(const char *path, const char *text)
{
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  gssize len = (gssize) strlen(text);
  gboolean ok = write(fd, text, len) == len;
  close(fd);
  return ok;
}

/* Without root: a user namespace in which we are root, mapped to our own
 * uid and gid only (all an unprivileged user may map). */
static gboolean
enter_user_namespace(int flags, int *err)
{
  uid_t uid = geteuid();
  gid_t gid = getegid();
  if (unshare(flags | CLONE_NEWUSER) < 0) {
    *err = errno;
    return FALSE;
  }
  g_autofree char *uid_map = g_strdup_printf("0 %u 1\n", (unsigned) uid);
  g_autofree char *gid_map = g_strdup_printf("0 %u 1\n", (unsigned) gid);
  if (!write_text("/proc/self/setgroups", "deny") && errno != ENOENT) {
    *err = errno;
    return FALSE;
  }
  if (!write_text("/proc/self/uid_map", uid_map) || !write_text("/proc/self/gid_map", gid_map)) {
    *err = errno;
    return FALSE;
  }
  return TRUE;
}

/* The waiter outside the sandbox: it only relays the exit status. */
G_GNUC_NORETURN static void
wait_for_sandbox(pid_t child)
{
  /* The terminal's signals reach the sandbox, whose shell handles them;
   * the waiter must not die of them and take the sandbox along. */
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR)
    ;
  if (WIFSIGNALED(status))
    _exit(128 + WTERMSIG(status));
  _exit(WEXITSTATUS(status));
}

gboolean
nns_kernel_sandbox_enter(GError **error)
{
  if (in_sandbox)
    return TRUE;
  int flags = CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID;
  read_host_log_switch();
  if (unshare(flags) < 0) {
    int root_err = errno, user_err = 0;
    if (!enter_user_namespace(flags, &user_err)) {
      g_set_error(error, NNS_ERROR, user_err,
                  "the kernel backend needs root (CAP_SYS_ADMIN) or unprivileged user namespaces, "
                  "and this machine allows neither (unshare: %s; user namespace: %s)",
                  g_strerror(root_err), g_strerror(user_err));
      return FALSE;
    }
  }
  /* Nothing mounted in the sandbox may propagate back to the host. */
  if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0) {
    g_set_error(error, NNS_ERROR, errno, "cannot make the sandbox's mounts private: %s", g_strerror(errno));
    return FALSE;
  }
  int alive[2];
  if (pipe2(alive, O_CLOEXEC) < 0) {
    g_set_error(error, NNS_ERROR, errno, "pipe: %s", g_strerror(errno));
    return FALSE;
  }
  /* Buffered output would otherwise be written twice. */
  fflush(NULL);
  pid_t child = fork();
  if (child < 0) {
    g_set_error(error, NNS_ERROR, errno, "cannot start the sandbox: fork: %s", g_strerror(errno));
    return FALSE;
  }
  if (child > 0) {
    /* The write end stays open in the waiter: its closing is its death. */
    close(alive[0]);
    wait_for_sandbox(child);
  }
  close(alive[1]);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  /* The waiter may have died before PDEATHSIG was armed. */
  struct pollfd pfd = { .fd = alive[0], .events = POLLIN };
  if (poll(&pfd, 1, 0) != 0)
    _exit(1);
  close(alive[0]);
  /* A /proc of our own PID namespace (as unshare --mount-proc). */
  mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
  in_sandbox = TRUE;
  return TRUE;
}

/* A fresh world inside the sandbox: a new network namespace (only `lo`,
 * down) and a new mount namespace with an empty tmpfs on /run/netns, so
 * that each backend starts as `--world bare` describes. */
gboolean
nns_kernel_world_fresh(GError **error)
{
  if (unshare(CLONE_NEWNET | CLONE_NEWNS) < 0) {
    g_set_error(error, NNS_ERROR, errno, "cannot create the sandbox's namespaces: %s", g_strerror(errno));
    return FALSE;
  }
  struct stat st;
  if (stat(NNS_RUN_NETNS, &st) < 0) {
    /* Never create /run/netns on the host's file system: cover /run with a
     * tmpfs of the sandbox's own and make it there. */
    if (mount("netnsim-run", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m") < 0 ||
        mkdir(NNS_RUN_NETNS, 0755) < 0) {
      g_set_error(error, NNS_ERROR, errno, "cannot prepare /run/netns in the sandbox: %s", g_strerror(errno));
      return FALSE;
    }
  }
  if (mount("netnsim-netns", NNS_RUN_NETNS, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755,size=1m") < 0) {
    g_set_error(error, NNS_ERROR, errno, "cannot mount a tmpfs on /run/netns: %s", g_strerror(errno));
    return FALSE;
  }
  return TRUE;
}

/* Drop every name (their bind mounts hold namespaces alive) and the tmpfs. */
void
nns_kernel_world_teardown(void)
{
  GDir *dir = g_dir_open(NNS_RUN_NETNS, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name(dir))) {
    g_autofree char *path = g_build_filename(NNS_RUN_NETNS, name, NULL);
    umount2(path, MNT_DETACH);
  }
  if (dir)
    g_dir_close(dir);
  umount2(NNS_RUN_NETNS, MNT_DETACH);
}
