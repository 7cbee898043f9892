#include "shell/sh/script.h"
#include "shell/sh/exec.h"
#include "shell/sh/frame.h"
#include "shell/sh/parse.h"

int
nns_sh_run_text(NnsShell *sh, const char *text, gboolean follow, NnsIo *io)
{
  NnsShFrame *frame = nns_sh_frame_ref(nns_shell_top_frame(sh));
  guint depth = sh->pids->len;
  gboolean exiting = sh->exit_requested;
  NnsShOrigin origin = { .frame = frame, .first_line = 1 };
  g_autoptr(NnsShParser) parser = nns_sh_parser_new(text, &origin);
  int status = sh->last_status;
  for (;;) {
    if (sh->exit_requested != exiting || sh->pids->len < depth || frame->fatal)
      break;
    if (!follow && sh->pids->len != depth)
      break;
    g_autoptr(GError) error = NULL;
    g_autoptr(NnsShNode) list = nns_sh_parser_next(parser, &error);
    if (!list) {
      if (error) {
        nns_err(io, "%s\n", error->message);
        status = sh->last_status = error->code;
      }
      break;
    }
    status = nns_sh_exec(sh, list, io);
  }
  nns_sh_frame_unref(frame);
  return status;
}
