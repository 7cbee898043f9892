/* Old iputils ping.
 *   iputils-s20121221 (Debian 8, Ubuntu 16.04, CentOS 7): errors came
 *     from perror(), "connect: Network is unreachable", without the
 *     "ping: " that iputils 2016+ puts before them;
 *   iputils-s20101006 (Ubuntu 12.04/14.04): the same, and replies named
 *     the sequence number "icmp_req=" (s20121221 went back to icmp_seq). */
#include "shell/replay/profile.h"

#include <string.h>

static gboolean
is_ping(const NnsProfileCmd *cmd)
{
  return cmd->argv[0] && (g_str_equal(cmd->argv[0], "ping") || g_str_equal(cmd->argv[0], "ping6"));
}

static void
perror_style(GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++) {
    const char *l = lines->pdata[i];
    if (g_str_has_prefix(l, "ping: connect: ") || g_str_has_prefix(l, "ping: sendmsg: "))
      nns_profile_set_line(lines, i, g_strdup(l + strlen("ping: ")));
  }
}

void
nns_profile_iputils_s20121221(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  if (is_ping(cmd))
    perror_style(lines);
}

void
nns_profile_iputils_s20101006(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  if (!is_ping(cmd))
    return;
  perror_style(lines);
  g_autoptr(GRegex) seq = g_regex_new("^(\\d+ bytes from .*: )icmp_seq=", 0, 0, NULL);
  for (guint i = 0; i < lines->len; i++)
    nns_profile_set_line(lines, i, g_regex_replace(seq, lines->pdata[i], -1, 0, "\\1icmp_req=", 0, NULL));
}
