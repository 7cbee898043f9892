/* --update: rewrite the expected outputs of a maintained console fixture
 * from what netnsim printed. */
#pragma once

#include "shell/replay/replay.h"

/* Only console transcripts outside any `seeds` directory: a markdown
 * document or a seed is the author's record, never netnsim's. */
gboolean nns_replay_may_update(const NnsReplayDoc *doc, GError **error);
/* `actual`: NnsStep* -> GPtrArray* of lines (with "[exit N]" when not 0). */
gboolean nns_replay_update(const NnsReplayDoc *doc, GHashTable *actual, GError **error);
