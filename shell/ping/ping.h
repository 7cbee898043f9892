/* iputils-ping 20221126. */
#pragma once

#include "shell/shell.h"

int nns_cmd_ping(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
