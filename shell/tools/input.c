/* What the text tools share: reading an operand, cutting text in lines. */
#include "shell/tools/tools.h"

#include <errno.h>

int
nns_tool_read_input(NnsShell *sh, int pid, NnsIo *io, const char *operand, GString *out)
{
  /* Standard input is read once: a second "-" finds it at its end, as
   * `echo a | cat - -` prints one line. */
  if (g_str_equal(operand, "-")) {
    if (io->in)
      g_string_append_len(out, io->in, io->in_len);
    io->read_total += io->in ? io->in_len : 0;
    io->in = NULL;
    io->in_len = 0;
    return 0;
  }
  NnsFsStat st;
  int err = nns_fs_stat(sh, pid, operand, TRUE, &st);
  if (err)
    return err;
  if (st.kind == NNS_FS_DIR)
    return EISDIR;
  /* One command reads at most NNS_IO_MAX bytes in all (`cat f f f ...`
   * would multiply a file without bound). */
  if (io->read_total > NNS_IO_MAX)
    return EFBIG;
  gsize before = out->len;
  err = nns_fs_read(sh, pid, operand, out);
  io->read_total += out->len - before;
  if (!err && io->read_total > NNS_IO_MAX) {
    g_string_truncate(out, before);
    return EFBIG;
  }
  return err;
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
