/* What the text tools share: reading an operand, cutting text in lines. */
#include "shell/tools/tools.h"

#include <errno.h>

int
nns_tool_read_input(NnsShell *sh, int pid, NnsIo *io, const char *operand, GString *out)
{
  if (g_str_equal(operand, "-")) {
    if (io->in)
      g_string_append_len(out, io->in, io->in_len);
    return 0;
  }
  NnsFsStat st;
  int err = nns_fs_stat(sh, pid, operand, TRUE, &st);
  if (err)
    return err;
  if (st.kind == NNS_FS_DIR)
    return EISDIR;
  return nns_fs_read(sh, pid, operand, out);
}

GPtrArray *
nns_tool_split_lines(const char *data, gsize len)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
  gsize start = 0;
  for (gsize i = 0; i < len; i++) {
    if (data[i] == '\n') {
      g_ptr_array_add(lines, g_strndup(data + start, i - start));
      start = i + 1;
    }
  }
  if (start < len)
    g_ptr_array_add(lines, g_strndup(data + start, len - start));
  return lines;
}
