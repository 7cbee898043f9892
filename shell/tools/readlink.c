/* readlink [-f|-e|-m] [-n] [-v] FILE...: silent failures unless -v. */
#include "shell/tools/tools.h"

#include <errno.h>

int
nns_tool_readlink(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsOpts o;
  if (!nns_opts_parse(&o, argc, argv, "femnqsvz", TRUE)) {
    int st = nns_opts_fail(io, "readlink", &o, NULL, 1);
    nns_opts_clear(&o);
    return st;
  }
  gboolean canon = FALSE, newline = TRUE, verbose = FALSE;
  for (guint i = 0; i < o.opts->len; i++) {
    switch (g_array_index(o.opts, NnsOpt, i).opt) {
    case 'f': case 'e': case 'm': canon = TRUE; break;
    case 'n': newline = FALSE; break;
    case 'v': verbose = TRUE; break;
    case 'q': case 's': verbose = FALSE; break;
    default: break;
    }
  }
  if (o.operands->len == 0) {
    nns_err(io, "readlink: missing operand\nTry 'readlink --help' for more information.\n");
    nns_opts_clear(&o);
    return 1;
  }
  /* -n only applies to a single operand. */
  if (o.operands->len > 1)
    newline = TRUE;
  int status = 0;
  for (guint i = 0; i < o.operands->len; i++) {
    const char *name = g_ptr_array_index(o.operands, i);
    g_autofree char *target = NULL;
    int err;
    if (canon) {
      NnsFsStat st;
      err = nns_fs_stat(sh, pid, name, TRUE, &st);
      if (!err)
        target = nns_fs_abspath(name);
    } else {
      err = nns_fs_readlink(sh, pid, name, &target);
    }
    if (err) {
      if (verbose)
        nns_err(io, "readlink: %s: %s\n", name, nns_strerror(err));
      status = 1;
      continue;
    }
    g_string_append(io->out, target);
    if (newline)
      g_string_append_c(io->out, '\n');
  }
  nns_opts_clear(&o);
  return status;
}
