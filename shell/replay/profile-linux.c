/* linux-3.x: what an upstream 3.x kernel (before 4.0) reported about veth
 * devices, as `ip link` and `ip addr` print it.  Three kernel changes since
 * made 6.1's listings differ:
 *   - 4.0 added IFLA_LINK_NETNSID: no "link-netnsid N" / "link-netns NAME";
 *   - 4.1 gave veth ndo_get_iflink (the peer's index): before, a veth's
 *     iflink was its own index, so the kernel sent no IFLA_LINK and ip
 *     printed no "@PEER" and no M-DOWN (which it derives from the peer),
 *     and default_operstate said DOWN, not LOWERLAYERDOWN, without carrier;
 *   - 4.3 made veth IFF_NO_QUEUE: before, a veth (tx_queue_len 1000) got
 *     the default qdisc, pfifo_fast, where 6.1 attaches noqueue.
 * Only veth devices are rewritten, found by index in the command's
 * namespace; a qdisc a user grafted with tc is left as it is. */
#include "shell/replay/profile.h"

#include <stdlib.h>
#include <string.h>

static GRegex *
re(const char *pattern)
{
  return g_regex_new(pattern, 0, 0, NULL);
}

static const NnsLinkRecord *
link_by_index(GPtrArray *links, int ifindex)
{
  for (guint i = 0; links && i < links->len; i++)
    if (((NnsLinkRecord *) links->pdata[i])->ifindex == ifindex)
      return links->pdata[i];
  return NULL;
}

/* The root is the one attached by default (handle 0), not a user's. */
static gboolean
default_qdisc(GPtrArray *qdiscs, int ifindex)
{
  for (guint i = 0; qdiscs && i < qdiscs->len; i++) {
    const NnsQdiscRecord *q = qdiscs->pdata[i];
    if (q->ifindex == ifindex)
      return q->handle == 0;
  }
  return FALSE;
}

static void
old_veth(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  NnsBackend *be = cmd->sh->backend;
  int spawned = 0;
  int pid = nns_profile_command_pid(cmd, &spawned);
  if (pid < 0)
    return;
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, NULL);
  g_autoptr(GPtrArray) qdiscs = be->ops->qdisc_dump ? be->ops->qdisc_dump(be, pid, NULL) : NULL;
  g_autoptr(GRegex) header = re("^([0-9]+): ([^:@ ]+)(@\\S+)?: <([^>]*)> (.*)$");
  g_autoptr(GRegex) netnsid = re(" link-netns(id)? \\S+$");
  gboolean in_veth = FALSE;
  for (guint i = 0; links && i < lines->len; i++) {
    const char *line = lines->pdata[i];
    g_autoptr(GMatchInfo) m = NULL;
    if (g_regex_match(header, line, 0, &m)) {
      g_autofree char *index = g_match_info_fetch(m, 1);
      g_autofree char *name = g_match_info_fetch(m, 2);
      g_autofree char *flags = g_match_info_fetch(m, 4);
      g_autofree char *rest = g_match_info_fetch(m, 5);
      const NnsLinkRecord *l = link_by_index(links, atoi(index));
      in_veth = l && l->kind && g_str_equal(l->kind, "veth");
      if (!in_veth)
        continue;
      g_auto(GStrv) parts = g_strsplit(flags, ",", -1);
      GString *f = g_string_new(NULL);
      for (guint k = 0; parts[k]; k++) {
        if (g_str_equal(parts[k], "M-DOWN"))
          continue;
        g_string_append_printf(f, "%s%s", f->len ? "," : "", parts[k]);
      }
      GString *r = g_string_new(rest);
      /* " state LOWERLAYERDOWN " is one word of the header. */
      char *s = strstr(r->str, " state LOWERLAYERDOWN");
      if (s || g_str_has_prefix(r->str, "state LOWERLAYERDOWN")) {
        gsize at = s ? (gsize) (s - r->str) + 7 : 6;
        g_string_erase(r, at, strlen("LOWERLAYERDOWN"));
        g_string_insert(r, at, "DOWN");
      }
      char *q = strstr(r->str, "qdisc noqueue ");
      if (q && default_qdisc(qdiscs, l->ifindex)) {
        gsize at = (gsize) (q - r->str) + 6;
        g_string_erase(r, at, strlen("noqueue"));
        g_string_insert(r, at, "pfifo_fast");
      }
      g_autofree char *fs = g_string_free(f, FALSE);
      g_autofree char *rs = g_string_free(r, FALSE);
      nns_profile_set_line(lines, i, g_strdup_printf("%s: %s: <%s> %s", index, name, fs, rs));
    } else if (in_veth && g_str_has_prefix(line, "    link/")) {
      nns_profile_set_line(lines, i, g_regex_replace_literal(netnsid, line, -1, 0, "", 0, NULL));
    }
  }
  if (spawned > 0)
    be->ops->process_exit(be, spawned);
}

void
nns_profile_linux_3(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  int obj = nns_profile_ip_object(cmd->argv);
  if (obj < 0)
    return;
  const char *o = cmd->argv[obj];
  if (nns_profile_matches(o, "link") || nns_profile_matches(o, "address") || g_str_equal(o, "addr")) {
    const char *verb = cmd->argv[obj + 1];
    if (!verb || nns_profile_matches(verb, "show") || nns_profile_matches(verb, "list") ||
        g_str_equal(verb, "ls") || g_str_equal(verb, "lst"))
      old_veth(cmd, lines);
  }
}
