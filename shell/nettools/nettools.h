/* net-tools 2.10: ifconfig (and, with the packet engine, route). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

int nns_cmd_ifconfig(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
/* `ifconfig [-a] [DEV]`: the listing form. */
int nns_ifconfig_show(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

G_END_DECLS
