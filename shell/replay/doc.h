/* Internal to shell/replay: building documents. */
#pragma once

#include "shell/replay/replay.h"

NnsReplayDoc *nns_replay_doc_new(const char *path, gboolean markdown);
