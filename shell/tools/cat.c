/* cat FILE... (standard input when none, or for "-"); -n numbers lines. */
#include "shell/tools/tools.h"

static void
append_numbered(GString *out, const GString *data, guint *line, gboolean *at_start)
{
  for (gsize i = 0; i < data->len; i++) {
    if (*at_start)
      g_string_append_printf(out, "%6u\t", ++*line);
    g_string_append_c(out, data->str[i]);
    *at_start = data->str[i] == '\n';
  }
}

int
nns_tool_cat(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "AbeEnstTuv", TRUE)) {
    int st = nns_opts_fail(io, "cat", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  gboolean number = FALSE;
  for (guint i = 0; i < o.opts->len; i++)
    if (g_array_index(o.opts, NnsOpt, i).opt == 'n')
      number = TRUE;
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, "-");
  int status = 0;
  guint line = 0;
  gboolean at_start = TRUE;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    g_autoptr(GString) data = g_string_new("");
    int err = nns_tool_read_input(sh, pid, io, name, data);
    if (err) {
      nns_err(io, "cat: %s: %s\n", name, nns_strerror(err));
      status = 1;
      continue;
    }
    /* Numbering adds at most 7 bytes a line: 8 bytes a byte bounds it. */
    if (nns_io_would_overflow(io->out, number ? data->len * 8 : data->len)) {
      nns_err(io, "cat: write error: File too large\n");
      status = 1;
      break;
    }
    if (number)
      append_numbered(io->out, data, &line, &at_start);
    else
      g_string_append_len(io->out, data->str, data->len);
  }
  nns_opts_clear(&o);
  return status;
}
