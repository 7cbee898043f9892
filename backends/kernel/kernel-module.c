/* modprobe on the kernel backend.  A module is the whole machine's: once
 * loaded it is in the host's kernel, and its per-namespace init runs in
 * every namespace, the host's included (ipip gives each one a tunl0), and
 * nothing the sandbox tears down unloads it.  So the sandbox never loads
 * one: it answers as modprobe does for a module that is already there
 * (loaded, or built in: nothing to do, and the kernel has already given the
 * sandbox's namespaces whatever the module gives them), refuses one that
 * would have to be loaded (EPERM, as the kernel refuses a container without
 * CAP_SYS_MODULE), and reports one the machine does not have (ENOENT,
 * naming the directory kmod searches).  docs/kernel-backend.md, "Modules". */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <string.h>
#include <sys/utsname.h>

/* kmod's names: '-' and '_' are the same. */
static char *
module_name(const char *name)
{
  char *m = g_strdup(name);
  g_strdelimit(m, "-", '_');
  return m;
}

/* Whether a modules.dep or modules.builtin line ("kernel/.../NAME.ko[.xz]"
 * then ':' or the end) names the module. */
static gboolean
listed(const char *path, const char *mod)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL))
    return FALSE;
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    char *colon = strchr(lines[i], ':');
    if (colon)
      *colon = '\0';
    g_autofree char *base = g_path_get_basename(lines[i]);
    char *ko = strstr(base, ".ko");
    if (!ko)
      continue;
    *ko = '\0';
    g_strdelimit(base, "-", '_');
    if (g_str_equal(base, mod))
      return TRUE;
  }
  return FALSE;
}

gboolean
nns_kernel_module_lookup(const char *root, const char *release, const char *name, GError **error)
{
  g_autofree char *mod = module_name(name);
  /* Loaded, or built in with parameters: /sys/module is the machine's. */
  g_autofree char *sys = g_build_filename(root, "sys/module", mod, NULL);
  if (g_file_test(sys, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_autofree char *dir = g_build_filename("/lib/modules", release, NULL);
  g_autofree char *builtin = g_build_filename(root, dir, "modules.builtin", NULL);
  if (listed(builtin, mod))
    return TRUE;
  g_autofree char *dep = g_build_filename(root, dir, "modules.dep", NULL);
  if (listed(dep, mod)) {
    nns_set_errno(error, EPERM);
    return FALSE;
  }
  /* The directory kmod looked in is what it names. */
  g_set_error(error, NNS_ERROR, ENOENT, "%s", dir);
  return FALSE;
}

gboolean
nns_kernel_module_load(NnsBackend *be, const char *name, GError **error)
{
  (void) be;
  struct utsname u;
  uname(&u);
  return nns_kernel_module_lookup("/", u.release, name, error);
}
