/* `modprobe NAME` (kmod): load a module.  Only ipip changes what netnsim
 * shows (a tunl0 in every namespace); the model knows no other module, so
 * the others are reported missing as kmod reports a module it cannot find. */
#include "shell/tc/tc.h"

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
  /* modprobe NAME [PARAMS...]: the first word names the module. */
  if (!be->ops->module_load || !be->ops->module_load(be, argv[i], &error)) {
    if (!quiet)
      nns_err(io, "modprobe: FATAL: Module %s not found in directory /lib/modules/6.1.0-netnsim\n", argv[i]);
    return 1;
  }
  return 0;
}
