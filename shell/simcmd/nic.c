/* `nic add NAME`: a simulator command (no real tool has it) that plugs a
 * physical NIC into the root namespace, so that a user can watch one go
 * back to root when the namespace holding it is destroyed. */
#include "shell/simcmd/simcmd.h"

int
nns_cmd_nic(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  if (argc != 3 || !g_str_equal(argv[1], "add")) {
    nns_err(io, "Usage: nic add NAME    (netnsim: plug a physical NIC into the root namespace)\n");
    return 2;
  }
  g_autoptr(GError) error = NULL;
  if (!sh->backend->ops->nic_plug(sh->backend, argv[2], &error)) {
    nns_err(io, "nic: %s: %s\n", argv[2], g_strerror(error->code));
    return 1;
  }
  return 0;
}
