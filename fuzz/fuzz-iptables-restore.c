/* Any bytes as the standard input of `iptables-restore` (the first byte
 * chooses --noflush and --test), then `iptables-save` prints what was
 * committed, on a fresh host world. */
#include "fuzz/fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nns_fuzz_init();
  if (size < 1)
    return 0;
  char *argv[4] = { "iptables-restore", NULL, NULL, NULL };
  int argc = 1;
  if (data[0] & 1)
    argv[argc++] = "--noflush";
  if (data[0] & 2)
    argv[argc++] = "--test";
  g_autofree char *text = nns_fuzz_text(data + 1, size - 1);
  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_HOST, 1);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GString) out = g_string_new(NULL);
  NnsIo io = { .out = out, .err = out, .in = text, .in_len = strlen(text) };
  nns_shell_run_argv(sh, nns_shell_pid(sh), argc, argv, &io);
  char *save[] = { "iptables-save", NULL };
  NnsIo io2 = { .out = out, .err = out };
  nns_shell_run_argv(sh, nns_shell_pid(sh), 1, save, &io2);
  return 0;
}
