/* The table of every command the shell knows (ip, ifconfig, ..., and the
 * text tools), registered into a new shell. */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

void nns_commands_register_all(NnsShell *sh);

G_END_DECLS
