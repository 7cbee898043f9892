/* od -c [FILE...] (coreutils 9.1): each byte as a character, C escapes or
 * three octal digits, 16 to a line after a 7-digit octal offset; a line
 * equal to the one before is shown once as "*".  Other formats are not
 * simulated. */
#include "shell/tools/tools.h"

static void
put_char(GString *out, guint8 c)
{
  static const char esc[] = { '0', 0, 0, 0, 0, 0, 0, 'a', 'b', 't', 'n', 'v', 'f', 'r' };
  if (c < sizeof esc && esc[c])
    g_string_append_printf(out, "  \\%c", esc[c]);
  else if (c >= 0x20 && c < 0x7f)
    g_string_append_printf(out, "   %c", c);
  else
    g_string_append_printf(out, " %03o", c);
}

static void
dump(GString *out, const GString *data)
{
  gboolean starred = FALSE;
  for (gsize at = 0; at < data->len; at += 16) {
    gsize n = MIN(16, data->len - at);
    if (at >= 16 && n == 16 && memcmp(data->str + at, data->str + at - 16, 16) == 0) {
      if (!starred)
        g_string_append(out, "*\n");
      starred = TRUE;
      continue;
    }
    starred = FALSE;
    g_string_append_printf(out, "%07" G_GSIZE_MODIFIER "o", at);
    for (gsize i = 0; i < n; i++)
      put_char(out, (guint8) data->str[at + i]);
    g_string_append_c(out, '\n');
  }
  g_string_append_printf(out, "%07" G_GSIZE_MODIFIER "o\n", data->len);
}

int
nns_tool_od(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "cA:j:N:S:t:w:vabdfilosx", TRUE)) {
    int st = nns_opts_fail(io, "od", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  gboolean chars = FALSE, other = FALSE;
  for (guint i = 0; i < o.opts->len; i++) {
    if (g_array_index(o.opts, NnsOpt, i).opt == 'c')
      chars = TRUE;
    else
      other = TRUE;
  }
  if (!chars || other) {
    nns_err(io, "od: netnsim: only -c is simulated\n");
    nns_opts_clear(&o);
    return 1;
  }
  if (o.operands->len == 0)
    g_ptr_array_add(o.operands, "-");
  g_autoptr(GString) data = g_string_new("");
  guint failed = 0;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    int err = nns_tool_read_input(sh, pid, io, name, data);
    if (err) {
      nns_err(io, "od: %s: %s\n", name, nns_strerror(err));
      failed++;
    }
  }
  /* With nothing readable at all, not even the offset. */
  if (failed < o.operands->len)
    dump(io->out, data);
  int status = failed ? 1 : 0;
  nns_opts_clear(&o);
  return status;
}
