/* What the benchmarks share: running a shell line that must succeed. */
#pragma once

#include "shell/shell.h"

/* Run the printf-formatted line in `sh`; on failure print it with its
 * output under g_get_prgname() and exit 1.  Returns the output. */
char *nns_bench_output(NnsShell *sh, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* The same, the output dropped. */
#define nns_bench_must(sh, ...) g_free(nns_bench_output((sh), __VA_ARGS__))
