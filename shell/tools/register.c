#include "shell/tools/tools.h"

static const NnsCommand tools[] = {
  { "echo", nns_tool_echo },
  { "printf", nns_tool_printf },
  { "cat", nns_tool_cat },
  { "ls", nns_tool_ls },
  { "readlink", nns_tool_readlink },
  { "grep", nns_tool_grep },
  { "head", nns_tool_head },
  { "tail", nns_tool_tail },
  { "wc", nns_tool_wc },
  { "od", nns_tool_od },
  { "sort", nns_tool_sort },
  { "true", nns_tool_true },
  { "false", nns_tool_false },
  { "test", nns_tool_test },
  { "[", nns_tool_test },
  { "seq", nns_tool_seq },
  { "sleep", nns_tool_sleep },
  { "dmesg", nns_tool_dmesg },
  { "sysctl", nns_tool_sysctl },
  { "exit", nns_tool_exit },
  { "bash", nns_tool_bash },
  { "sh", nns_tool_sh },
};

void
nns_tools_register(NnsShell *sh)
{
  for (gsize i = 0; i < G_N_ELEMENTS(tools); i++)
    nns_shell_register(sh, &tools[i]);
}
