/* iproute2 6.1 `tc`: the qdisc object at a device's root, and `modprobe`
 * (kmod) for the one module with a visible effect, ipip. */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

int nns_cmd_tc(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_modprobe(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

/* tc_qdisc.c: `tc qdisc ...` (argv after "qdisc"), in process pid. */
int nns_tc_qdisc(NnsShell *sh, int pid, gboolean stats, gboolean color, int argc, char **argv, NnsIo *io);

G_END_DECLS
