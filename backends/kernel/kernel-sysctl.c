/* Sysctls: /proc/sys as seen from inside a namespace.  The net/ entries
 * are looked up in the namespace of the task that opens (or lists) them,
 * so every access happens with the thread inside the caller's namespace. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  const char *path;
  const char *value;
  char *result;
  GPtrArray *names;
} SysctlCall;

static char *
proc_sys_path(const char *path)
{
  return g_build_filename("/proc/sys", path, NULL);
}

static int
do_get(gpointer data)
{
  SysctlCall *c = data;
  g_autofree char *full = proc_sys_path(c->path);
  struct stat st;
  if (stat(full, &st) < 0)
    return -1;
  if (S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    return -1;
  }
  int fd = open(full, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  GString *text = g_string_new(NULL);
  char buf[4096];
  gssize n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    g_string_append_len(text, buf, n);
  int saved = errno;
  close(fd);
  if (n < 0) {
    g_string_free(text, TRUE);
    errno = saved;
    return -1;
  }
  gsize len = text->len;
  c->result = g_string_free(text, FALSE);
  /* The model's values carry no newline; the file's last one goes. */
  if (len && c->result[len - 1] == '\n')
    c->result[len - 1] = '\0';
  return 0;
}

char *
nns_kernel_sysctl_get(NnsBackend *be, int pid, const char *path, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  if (fd < 0)
    return NULL;
  SysctlCall c = { .path = path };
  nns_kernel_settle(kb);
  if (nns_kernel_in_netns(kb, fd, do_get, &c) < 0) {
    nns_set_errno(error, errno);
    return NULL;
  }
  return c.result;
}

static int
do_set(gpointer data)
{
  SysctlCall *c = data;
  g_autofree char *full = proc_sys_path(c->path);
  int fd = open(full, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  gssize len = (gssize) strlen(c->value);
  gssize n = write(fd, c->value, len);
  int saved = errno;
  close(fd);
  errno = saved;
  return n == len ? 0 : -1;
}

gboolean
nns_kernel_sysctl_set(NnsBackend *be, int pid, const char *path, const char *value, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  if (fd < 0)
    return FALSE;
  SysctlCall c = { .path = path, .value = value };
  kb->unsettled = TRUE;
  if (nns_kernel_in_netns(kb, fd, do_set, &c) < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  return TRUE;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static int
do_list(gpointer data)
{
  SysctlCall *c = data;
  g_autofree char *full = proc_sys_path(c->path);
  GDir *dir = g_dir_open(full, 0, NULL);
  if (!dir)
    return -1;
  c->names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(dir)))
    g_ptr_array_add(c->names, g_strdup(name));
  g_dir_close(dir);
  /* The simulated backend lists in name order; so does sysctl(8). */
  g_ptr_array_sort(c->names, compare_names);
  return 0;
}

GPtrArray *
nns_kernel_sysctl_list(NnsBackend *be, int pid, const char *dir)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, NULL);
  if (fd < 0)
    return NULL;
  SysctlCall c = { .path = dir };
  if (nns_kernel_in_netns(kb, fd, do_list, &c) < 0)
    return NULL;
  return c.names;
}

/* The kernel keeps its own time (DAD, neighbour and bridge timers,
 * conntrack timeouts): a `sleep` really sleeps, bounded so that a
 * transcript cannot hang.  The bound is record-kernel's per command (30 s),
 * so that whatever a recording waited for (a conntrack entry's 30 s, a
 * bridge port's forward delay) runs out here too. */
#define MAX_SLEEP_MS 30000

void
nns_kernel_clock_advance(NnsBackend *be, guint64 ms)
{
  (void) be;
  g_usleep(MIN(ms, MAX_SLEEP_MS) * 1000);
}
