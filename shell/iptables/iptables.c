/* `iptables`: parse, run, and word any failure as iptables 1.8.9 does. */
#include "shell/iptables/ipt.h"

int
nns_cmd_iptables(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsIptCmd cmd;
  NnsIptError err = { 0 };
  int status = 0;
  gboolean ok = nns_ipt_parse(argc, argv, &cmd, &err);
  if (cmd.warning)
    g_string_append(io->err, cmd.warning);
  if (!ok || !nns_ipt_execute(sh, pid, &cmd, io, &err)) {
    nns_ipt_error_print(io->err, "iptables", &err);
    status = err.status;
  }
  nns_ipt_cmd_clear(&cmd);
  nns_ipt_error_clear(&err);
  return status;
}
