/* Commands of the simulator itself, outside the real tools' syntax. */
#pragma once

#include "shell/shell.h"

int nns_cmd_nic(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
