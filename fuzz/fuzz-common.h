/* Shared by the libFuzzer harnesses: a fresh simulated world per input,
 * and GLib's criticals and warnings made fatal (each is a bug). */
#pragma once

#include "backends/sim/sim-backend.h"
#include "shell/runner.h"
#include "shell/shell.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void
nns_fuzz_init(void)
{
  static gboolean done;
  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The input as a C string: bytes after a NUL are dropped, as a terminal
 * or a file read with g_file_get_contents would cut them. */
static inline char *
nns_fuzz_text(const uint8_t *data, size_t size)
{
  return g_strndup((const char *) data, size);
}
