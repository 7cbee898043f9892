/* Any bytes as a command list for `netnsim record` (record-kernel's
 * format: `; comment`, `@ CMD`, `CMD`), on a fresh bare world. */
#include "fuzz/fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nns_fuzz_init();
  g_autofree char *text = nns_fuzz_text(data, size);
  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GString) transcript = g_string_new(NULL);
  NnsRecordOptions opts = { .status = TRUE };
  nns_record_run(sh, text, &opts, transcript);
  return 0;
}
