/* The kernel backend's modprobe decision (kernel-module.c) on a made-up
 * machine: /sys/module and /lib/modules/RELEASE under a temporary root, in
 * the formats kmod's depmod writes (Debian 12: compressed .ko.xz in
 * modules.dep, plain .ko in modules.builtin). */
#include "backends/kernel/kernel-private.h"
#include "core/error.h"

#include <errno.h>
#include <glib/gstdio.h>

#define RELEASE "6.1.0-99-amd64"

typedef struct {
  char *root;
} Machine;

static void
put(const char *root, const char *rel, const char *text)
{
  g_autofree char *path = g_build_filename(root, rel, NULL);
  g_autofree char *dir = g_path_get_dirname(path);
  g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
  g_assert_true(g_file_set_contents(path, text, -1, NULL));
}

static void
machine_setup(Machine *m, gconstpointer data)
{
  (void) data;
  m->root = g_dir_make_tmp("netnsim-modules-XXXXXX", NULL);
  g_assert_nonnull(m->root);
  put(m->root, "lib/modules/" RELEASE "/modules.dep",
      "kernel/net/ipv4/tunnel4.ko.xz:\n"
      "kernel/net/ipv4/ip_tunnel.ko.xz:\n"
      "kernel/net/ipv4/ipip.ko.xz: kernel/net/ipv4/tunnel4.ko.xz kernel/net/ipv4/ip_tunnel.ko.xz\n"
      "kernel/drivers/net/dummy.ko.xz:\n"
      "kernel/net/bridge/br_netfilter.ko.xz: kernel/net/bridge/bridge.ko.xz\n");
  put(m->root, "lib/modules/" RELEASE "/modules.builtin", "kernel/net/ipv4/tcp_cubic.ko\n");
  put(m->root, "sys/module/bridge/refcnt", "1\n");
}

static void
remove_tree(const char *path)
{
  GDir *dir = g_dir_open(path, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name(dir))) {
    g_autofree char *child = g_build_filename(path, name, NULL);
    remove_tree(child);
  }
  if (dir)
    g_dir_close(dir);
  g_remove(path);
}

static void
machine_teardown(Machine *m, gconstpointer data)
{
  (void) data;
  remove_tree(m->root);
  g_free(m->root);
}

static int
lookup(Machine *m, const char *name, char **message)
{
  g_autoptr(GError) error = NULL;
  if (nns_kernel_module_lookup(m->root, RELEASE, name, &error))
    return 0;
  *message = g_strdup(error->message);
  return error->code;
}

/* Loaded (in /sys/module) or built in: modprobe has nothing to do. */
static void
test_present(Machine *m, gconstpointer data)
{
  (void) data;
  char *msg = NULL;
  g_assert_cmpint(lookup(m, "bridge", &msg), ==, 0);
  g_assert_cmpint(lookup(m, "tcp_cubic", &msg), ==, 0);
  g_assert_cmpint(lookup(m, "tcp-cubic", &msg), ==, 0);
  g_assert_null(msg);
}

/* On disk but not loaded: loading it would change the machine. */
static void
test_refused(Machine *m, gconstpointer data)
{
  (void) data;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_assert_cmpint(lookup(m, "ipip", &a), ==, EPERM);
  g_assert_cmpint(lookup(m, "br-netfilter", &b), ==, EPERM);
  g_assert_cmpint(lookup(m, "tunnel4", &c), ==, EPERM);
}

/* Nowhere: ENOENT naming the directory kmod searched, also when the
 * machine has no module directory at all. */
static void
test_missing(Machine *m, gconstpointer data)
{
  (void) data;
  g_autofree char *a = NULL, *b = NULL;
  g_assert_cmpint(lookup(m, "nosuch", &a), ==, ENOENT);
  g_assert_cmpstr(a, ==, "/lib/modules/" RELEASE);
  /* A name is a whole module's, not a prefix of one. */
  g_assert_cmpint(lookup(m, "ipi", &b), ==, ENOENT);
  g_autoptr(GError) error = NULL;
  g_assert_false(nns_kernel_module_lookup(m->root, "5.10.0-other", "ipip", &error));
  g_assert_cmpint(error->code, ==, ENOENT);
  g_assert_cmpstr(error->message, ==, "/lib/modules/5.10.0-other");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add("/kernel/module/present", Machine, NULL, machine_setup, test_present, machine_teardown);
  g_test_add("/kernel/module/refused", Machine, NULL, machine_setup, test_refused, machine_teardown);
  g_test_add("/kernel/module/missing", Machine, NULL, machine_setup, test_missing, machine_teardown);
  return g_test_run();
}
