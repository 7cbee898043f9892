#include "shell/commands.h"
#include "shell/bridge/bridge.h"
#include "shell/conntrack/conntrack.h"
#include "shell/ip/ip.h"
#include "shell/iptables/ipt.h"
#include "shell/nettools/nettools.h"
#include "shell/ping/ping.h"
#include "shell/simcmd/simcmd.h"
#include "shell/tc/tc.h"
#include "shell/sh/builtins.h"
#include "shell/tools/tools.h"

static const NnsCommand network_commands[] = {
  { "ip", nns_cmd_ip },
  { "ifconfig", nns_cmd_ifconfig },
  { "route", nns_cmd_route },
  { "netstat", nns_cmd_netstat },
  { "arp", nns_cmd_arp },
  { "bridge", nns_cmd_bridge },
  { "ping", nns_cmd_ping },
  { "ping6", nns_cmd_ping },
  { "nic", nns_cmd_nic },
  { "iptables", nns_cmd_iptables },
  { "iptables-save", nns_cmd_iptables_save },
  { "iptables-restore", nns_cmd_iptables_restore },
  { "ip6tables", nns_cmd_ip6tables },
  { "ip6tables-save", nns_cmd_ip6tables_save },
  { "ip6tables-restore", nns_cmd_ip6tables_restore },
  { "tc", nns_cmd_tc },
  { "modprobe", nns_cmd_modprobe },
  { "conntrack", nns_cmd_conntrack },
};

void
nns_commands_register_all(NnsShell *sh)
{
  nns_tools_register(sh);
  nns_sh_builtins_register(sh);
  for (gsize i = 0; i < G_N_ELEMENTS(network_commands); i++)
    nns_shell_register(sh, &network_commands[i]);
}
