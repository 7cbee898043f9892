/* Any bytes as one command line of the shell, on a fresh host world. */
#include "fuzz/fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nns_fuzz_init();
  g_autofree char *line = nns_fuzz_text(data, size);
  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_HOST, 1);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GString) out = g_string_new(NULL);
  NnsIo io = { .out = out, .err = out };
  nns_shell_run_line(sh, line, &io);
  return 0;
}
