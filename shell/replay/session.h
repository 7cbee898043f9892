/* Session recording (`netnsim --record-session FILE`): each command typed
 * in the REPL is appended to FILE as a console transcript that `netnsim
 * replay` accepts unchanged. */
#pragma once

#include <glib.h>

typedef struct _NnsSession NnsSession;

/* Starts FILE with the directives that recreate the same machine. */
NnsSession *nns_session_open(const char *path, const char *world, guint32 seed, GError **error);
/* One command, its output (stdout and stderr as the terminal showed
 * them) and its status; written and flushed at once, so that the file
 * holds the session even if netnsim is killed. */
void nns_session_add(NnsSession *s, const char *line, const char *output, int status);
void nns_session_close(NnsSession *s);
