/* Running a text of shell language, command by command. */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

/* Runs `text` in the innermost shell as bash runs a -c string, a script
 * or its standard input: each complete command (a line, or the lines an
 * if, a loop or a { } spans) is read, then run.  A syntax error ends the
 * text (status 2, bash's message), as do `exit` and the errors bash
 * treats as fatal.  With `follow`, the commands after one that entered a
 * nested shell (`ip netns exec NS bash`) run in that shell, as a user
 * typing them would have them; without, the text ends there (the
 * `bash -c` that entered it has nothing left to read).  Returns the last
 * status, sh->last_status when nothing ran. */
int nns_sh_run_text(NnsShell *sh, const char *text, gboolean follow, NnsIo *io);

G_END_DECLS
