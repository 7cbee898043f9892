/* The `ip` command of iproute2 6.1. */
#pragma once

#include "shell/shell.h"

int nns_cmd_ip(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
