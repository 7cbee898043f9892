/* net-tools 2.10: ifconfig (and, with the packet engine, route). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

int nns_cmd_ifconfig(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
/* `ifconfig [-a] [DEV]`: the listing form. */
int nns_ifconfig_show(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
/* The interfaces and their aliases, long or short (`ifconfig -s`, `netstat
 * -i`) form, up ones or `all`, or the one named `only`. */
int nns_ifconfig_list(NnsShell *sh, int pid, NnsIo *io, gboolean all, gboolean shortfmt, const char *only);
/* `ifconfig DEV:LABEL ...`: an alias, devinet_ioctl's label rules. */
int nns_ifconfig_alias(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

/* net-tools `route` (route.c); `netstat -r` and `-i` (netstat.c). */
int nns_cmd_route(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_netstat(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
/* net-tools `arp` (arp.c). */
int nns_cmd_arp(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_route_print_table(NnsShell *sh, int pid, NnsIo *io, gboolean numeric, int ext);
/* route -A inet6: the IPv6 routing table as /proc/net/ipv6_route lists it. */
int nns_route_print_table6(NnsShell *sh, int pid, NnsIo *io);

G_END_DECLS
