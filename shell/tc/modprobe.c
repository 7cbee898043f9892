/* `modprobe NAME` (kmod): load a module.  Only ipip changes what netnsim
 * shows (a tunl0 in every namespace); the model knows no other module, so
 * the others are reported missing as kmod reports a module it cannot find.
 * The kernel backend never loads one (backends/kernel/kernel-module.c). */
#include "shell/tc/tc.h"

#include <errno.h>

int
nns_cmd_modprobe(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  int i = 1;
  /* -q: quiet about a missing module. */
  gboolean quiet = FALSE;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (g_str_equal(argv[i], "-q") || g_str_equal(argv[i], "--quiet"))
      quiet = TRUE;
    else {
      nns_err(io, "modprobe: unrecognized option '%s'\n", argv[i]);
      return 1;
    }
  }
  if (i >= argc) {
    nns_err(io, "modprobe: ERROR: missing parameters. See -h.\n");
    return 1;
  }
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  /* modprobe NAME [PARAMS...]: the first word names the module.  -q
   * silences every message (kmod's verbosity drops to LOG_EMERG). */
  if (be->ops->module_load && be->ops->module_load(be, argv[i], &error))
    return 0;
  if (quiet)
    return 1;
  if (error && error->code != ENOENT) {
    /* insmod_insert: the kernel refused the module. */
    g_autofree char *name = g_strdelimit(g_strdup(argv[i]), "-", '_');
    nns_err(io, "modprobe: ERROR: could not insert '%s': %s\n", name, g_strerror(error->code));
    return 1;
  }
  /* The simulated machine's release, unless the backend searched a real
   * module directory. */
  const char *dir = error && error->message[0] ? error->message : "/lib/modules/6.1.0-netnsim";
  nns_err(io, "modprobe: FATAL: Module %s not found in directory %s\n", argv[i], dir);
  return 1;
}
