/* iproute2 6.1 `bridge`: `bridge link` and `bridge fdb` (shell/bridge/). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

int nns_cmd_bridge(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

G_END_DECLS
