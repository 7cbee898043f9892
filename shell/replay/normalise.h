/* Normalisation: what no simulator can reproduce (random MAC addresses and
 * the link-local addresses made from them, namespace inodes, timings,
 * dates, traffic counters) is renamed or masked, the same way on the
 * document's side and on netnsim's.  Renaming keeps structure: each side
 * has its own normaliser for the whole document, so a value seen twice
 * gets the same name twice.  Every rule is listed in docs/transcripts.md. */
#pragma once

#include <glib.h>

typedef struct _NnsNormaliser NnsNormaliser;

NnsNormaliser *nns_normaliser_new(void);
void nns_normaliser_free(NnsNormaliser *n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsNormaliser, nns_normaliser_free)

/* Layout rules, chosen by where the expected output came from. */
typedef enum {
  NNS_NORM_MARKDOWN = 1 << 0,   /* drop leading and trailing blank lines */
  NNS_NORM_NO_BLANKS = 1 << 1,  /* drop every blank line */
} NnsNormFlags;

/* A normalised copy of `lines` (char*). */
GPtrArray *nns_normalise(NnsNormaliser *n, GPtrArray *lines, guint flags);
/* Nothing but white space: a line a transcript cannot tell from none. */
gboolean nns_line_is_blank(const char *line);
