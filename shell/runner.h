/* Non-interactive runners: a command list in record-kernel's format turned
 * into a transcript (`netnsim record`), and a plain script. */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

typedef struct {
  gboolean status;            /* print "[exit N]" after a failing command */
} NnsRecordOptions;

/* Each command of `text` (`; comment`, `@ CMD` silent, `CMD`) runs as its
 * own `bash -c`: nested shells it opens are closed after it. */
void nns_record_run(NnsShell *sh, const char *text, const NnsRecordOptions *opts, GString *transcript);
/* Run a script as `bash FILE` would, command by command (a compound
 * command may span lines), in the shell netnsim's REPL is (a shell that
 * `ip netns exec NS bash` enters reads the next lines); a syntax error
 * ends it.  Returns the last status, or exit's. */
int nns_script_run(NnsShell *sh, const char *text, GString *out, GString *err);

G_END_DECLS
