/* A unified diff of two line arrays, for the failure report. */
#pragma once

#include <glib.h>

/* Appends the diff, each line prefixed with `indent`; nothing when equal. */
void nns_unified_diff(GPtrArray *a, GPtrArray *b, const char *label_a, const char *label_b,
                      const char *indent, GString *out);
