/* The conntrack tool (conntrack-tools 1.4.7). */
#pragma once

#include "shell/shell.h"
#include "core/netfilter/nf-types.h"

G_BEGIN_DECLS

int nns_cmd_conntrack(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

G_END_DECLS
