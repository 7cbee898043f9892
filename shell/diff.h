/* `netnsim diff [--world bare|host] FILE`: run a command list (or the
 * commands of a transcript) on the simulated backend and on the kernel
 * backend, and report command by command every difference in output and
 * exit status after normalisation (shell/diff-normalise.h), with
 * "N passed, N failed" last.  Exits 0 only when every command agrees. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv holds the words after `diff`. */
int nns_diff_command(int argc, char **argv, guint32 seed);

/* The report of two transcripts, the kernel's first; returns the number of
 * commands that differ.  Appends to `report`. */
guint nns_diff_transcripts(const char *kernel, const char *sim, guint *passed, GString *report);

G_END_DECLS
