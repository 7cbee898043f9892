/* net-tools 2.10 `netstat`: the routing table (-r, route.c's printer) and
 * the interface table (-i, ifconfig's lister); other tables are not
 * simulated. */
#include "shell/nettools/nettools.h"

#include <string.h>

static const char usage_text[] =
  "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n"
  "       netstat [-vWnNcaeol] [<Socket> ...]\n"
  "       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n"
  "\n"
  "        -r, --route              display routing table\n"
  "        -i, --interfaces         display interface table\n"
  "        -g, --groups             display multicast group memberships\n"
  "        -s, --statistics         display networking statistics (like SNMP)\n"
  "        -M, --masquerade         display masqueraded connections\n"
  "\n"
  "        -v, --verbose            be verbose\n"
  "        -W, --wide               don't truncate IP addresses\n"
  "        -n, --numeric            don't resolve names\n"
  "        --numeric-hosts          don't resolve host names\n"
  "        --numeric-ports          don't resolve port names\n"
  "        --numeric-users          don't resolve user names\n"
  "        -N, --symbolic           resolve hardware names\n"
  "        -e, --extend             display other/more information\n"
  "        -p, --programs           display PID/Program name for sockets\n"
  "        -o, --timers             display timers\n"
  "        -c, --continuous         continuous listing\n"
  "\n"
  "        -l, --listening          display listening server sockets\n"
  "        -a, --all                display all sockets (default: connected)\n"
  "        -F, --fib                display Forwarding Information Base (default)\n"
  "        -C, --cache              display routing cache instead of FIB\n"
  "        -Z, --context            display SELinux security context for sockets\n"
  "\n"
  "  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}\n"
  "           {-x|--unix} --ax25 --ipx --netrom\n"
  "  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n"
  "  List of possible address families (which support routing):\n"
  "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n"
  "    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n"
  "    ddp (Appletalk DDP) x25 (CCITT X.25) \n"
;

/* netstat's getopt letters; any other is an invalid option. */
static const char known[] = "ACFMacdeghilnNoprsStuUvVWwfx64Z";

static int
usage(NnsIo *io)
{
  nns_err(io, "%s", usage_text);
  return 3;
}

int
nns_cmd_netstat(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  gboolean route = FALSE, ifaces = FALSE, numeric = FALSE, all = FALSE;
  int e = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || !a[1])
      continue;
    if (a[1] == '-') {
      if (g_str_equal(a, "--route"))
        route = TRUE;
      else if (g_str_equal(a, "--interfaces"))
        ifaces = TRUE;
      else if (g_str_equal(a, "--numeric"))
        numeric = TRUE;
      else if (g_str_equal(a, "--extend"))
        e++;
      else if (g_str_equal(a, "--all"))
        all = TRUE;
      continue;
    }
    for (const char *p = a + 1; *p; p++) {
      if (!strchr(known, *p)) {
        nns_err(io, "netstat: invalid option -- '%c'\n", *p);
        return usage(io);
      }
      if (*p == 'r')
        route = TRUE;
      else if (*p == 'i')
        ifaces = TRUE;
      else if (*p == 'n')
        numeric = TRUE;
      else if (*p == 'e')
        e++;
      else if (*p == 'a')
        all = TRUE;
    }
  }
  if (route)
    return nns_route_print_table(sh, pid, io, numeric, e ? 1 : 2);
  if (ifaces) {
    /* -i: ifconfig -s's rows under a wider header; -e: ifconfig's blocks. */
    nns_out(io, "Kernel Interface table\n");
    if (!e)
      nns_out(io, "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n");
    return nns_ifconfig_list(sh, pid, io, all, !e, NULL);
  }
  nns_err(io, "netstat: netnsim: only the routing table (-r) and the interface table (-i) are simulated\n");
  return 1;
}
