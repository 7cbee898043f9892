/* `iptables` and `ip6tables`: parse, run, and word any failure as
 * iptables 1.8.9 does. */
#include "shell/iptables/ipt.h"

static int
run(NnsShell *sh, int pid, int family, int argc, char **argv, NnsIo *io)
{
  NnsIptCmd cmd;
  NnsIptError err = { 0 };
  int status = 0;
  gboolean ok = nns_ipt_parse_family(argc, argv, family, &cmd, &err);
  if (cmd.warning)
    g_string_append(io->err, cmd.warning);
  if (!ok || !nns_ipt_execute(sh, pid, &cmd, io, &err)) {
    nns_ipt_error_print(io->err, nns_ipt_prog(family), &err);
    status = err.status;
  }
  nns_ipt_cmd_clear(&cmd);
  nns_ipt_error_clear(&err);
  return status;
}

int
nns_cmd_iptables(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  return run(sh, pid, AF_INET, argc, argv, io);
}

int
nns_cmd_ip6tables(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  return run(sh, pid, AF_INET6, argc, argv, io);
}
