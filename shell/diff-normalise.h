/* Console transcripts ("# CMD", its output, "[exit N]") and the
 * normalisation under which two of them are held against each other, as
 * tests/compare.py does it: trailing blanks dropped; MAC addresses (other
 * than all-zeros and all-ones), IPv6 link-local addresses and namespace
 * inodes renamed in order of first appearance in each transcript; ping and
 * ifconfig timings and counters and `ls -l` dates masked. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *command;            /* without the "# " */
  GPtrArray *lines;         /* char*, its output and "[exit N]" */
} NnsTranscriptBlock;

/* Array of NnsTranscriptBlock* (freed with the array). */
GPtrArray *nns_transcript_parse(const char *text);
/* Normalise every block in place, with one renaming for the transcript. */
void nns_transcript_normalise(GPtrArray *blocks);

G_END_DECLS
