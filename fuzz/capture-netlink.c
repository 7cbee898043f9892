/* Record the kernel's netlink answers as the kernel backend reads them:
 *
 *   capture-netlink OUTDIR CASE.cmds...
 *
 * runs each command list (as `netnsim record --backend kernel --world
 * bare` does, in the backend's throw-away sandbox) and writes every
 * datagram read from the kernel to OUTDIR/NNNNNN, numbered in the order
 * read.  fuzz/pick-netlink-seeds.py chooses the seeds of the `netlink`
 * harness among them (docs/testing.md, "Fuzzing").  Needs root. */
#include "backends/kernel/kernel-private.h"
#include "shell/runner.h"
#include "shell/shell.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

typedef struct {
  int dir_fd;
  guint count;
  gboolean failed;
} Capture;

static void
write_datagram(const void *buf, gsize len, gpointer data)
{
  Capture *c = data;
  char name[16];
  g_snprintf(name, sizeof name, "%06u", c->count++);
  int fd = openat(c->dir_fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 || write(fd, buf, len) != (ssize_t) len) {
    fprintf(stderr, "capture-netlink: %s: %s\n", name, g_strerror(errno));
    c->failed = TRUE;
  }
  if (fd >= 0)
    close(fd);
}

int
main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: capture-netlink OUTDIR CASE.cmds...\n");
    return 2;
  }
  /* Opened before the sandbox is entered: its mount namespace is new. */
  Capture c = { .dir_fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC) };
  if (c.dir_fd < 0) {
    fprintf(stderr, "capture-netlink: %s: %s\n", argv[1], g_strerror(errno));
    return 1;
  }
  for (int i = 2; i < argc; i++) {
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    if (!g_file_get_contents(argv[i], &text, NULL, &error)) {
      fprintf(stderr, "capture-netlink: %s\n", error->message);
      return 1;
    }
    g_autoptr(NnsBackend) be = nns_kernel_backend_new_world(NNS_WORLD_BARE, &error);
    if (!be) {
      fprintf(stderr, "capture-netlink: %s\n", error->message);
      return 1;
    }
    g_autoptr(NnsShell) sh = nns_shell_new(be);
    g_autoptr(GString) transcript = g_string_new(NULL);
    NnsRecordOptions opts = { .status = TRUE };
    nns_knl_set_tap(write_datagram, &c);
    nns_record_run(sh, text, &opts, transcript);
    nns_knl_set_tap(NULL, NULL);
    printf("%s: %u datagrams so far\n", argv[i], c.count);
  }
  close(c.dir_fd);
  return c.failed;
}
