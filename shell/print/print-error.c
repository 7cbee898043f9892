#include "shell/print/print-ip.h"

#include <string.h>

/* rtnl_talk_error: the extended ack if the kernel gave one, else errno. */
void
nns_print_rtnl_error(GString *err, const GError *error)
{
  if (error->message[0]) {
    size_t len = strlen(error->message);
    g_string_append_printf(err, "Error: %s%s\n", error->message, error->message[len - 1] == '.' ? "" : ".");
    return;
  }
  g_string_append_printf(err, "RTNETLINK answers: %s\n", g_strerror(error->code));
}
