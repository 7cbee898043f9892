/* iproute2-3.10: `ip` and `bridge` as iproute2 3.10 printed them (the
 * version of CentOS/RHEL 7, whose 3.10.0 also carries the backported
 * `link-netnsid`).  Differences from 6.1 rendered here:
 *   - ip link / ip addr: the header line has no "group NAME" (print_linkinfo
 *     of 3.10 did not print IFLA_GROUP), and IFLA_LINK_NETNSID is always
 *     "link-netnsid N" (6.1 prints "link-netns NAME" when the id belongs
 *     to a named namespace);
 *   - ip route: print_route wrote " proto %s ", " scope %s ", " src %s "
 *     and " metric %u " after "dev %s ", hence two spaces before each;
 *     3.10 knew no RTNH_F_LINKDOWN, so no "linkdown";
 *   - bridge link: "N: NAME state OPER @PEER: <FLAGS> ..." where PEER is
 *     if_indextoname(IFLA_LINK) in the caller's namespace, which glibc's
 *     printf shows as "(null)" when no device there has that index. */
#include "shell/replay/profile.h"

#include <string.h>

static GRegex *
re(const char *pattern)
{
  return g_regex_new(pattern, 0, 0, NULL);
}

static void
numeric_netnsid(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  g_autoptr(GRegex) named = re("^(.* link-netns) (\\S+)(.*)$");
  NnsBackend *be = cmd->sh->backend;
  int spawned = 0, pid = -1;
  for (guint i = 0; i < lines->len; i++) {
    g_autoptr(GMatchInfo) m = NULL;
    if (!g_regex_match(named, lines->pdata[i], 0, &m))
      continue;
    g_autofree char *head = g_match_info_fetch(m, 1);
    g_autofree char *name = g_match_info_fetch(m, 2);
    g_autofree char *tail = g_match_info_fetch(m, 3);
    if (pid < 0 && (pid = nns_profile_command_pid(cmd, &spawned)) < 0)
      return;
    int id = be->ops->nsid_of_name(be, pid, name);
    if (id >= 0)
      nns_profile_set_line(lines, i, g_strdup_printf("%sid %d%s", head, id, tail));
  }
  if (spawned > 0)
    be->ops->process_exit(be, spawned);
}

static void
drop_group(GPtrArray *lines)
{
  g_autoptr(GRegex) header = re("^[0-9]+: ");
  g_autoptr(GRegex) group = re(" group \\S+(?= |$)");
  for (guint i = 0; i < lines->len; i++)
    if (g_regex_match(header, lines->pdata[i], 0, NULL))
      nns_profile_set_line(lines, i, g_regex_replace_literal(group, lines->pdata[i], -1, 0, "", 0, NULL));
}

static void
old_route_spacing(GPtrArray *lines)
{
  g_autoptr(GRegex) word = re(" (proto|scope|src|metric) ");
  g_autoptr(GRegex) linkdown = re(" linkdown(?= |$)");
  for (guint i = 0; i < lines->len; i++) {
    g_autofree char *a = g_regex_replace_literal(linkdown, lines->pdata[i], -1, 0, "", 0, NULL);
    nns_profile_set_line(lines, i, g_regex_replace(word, a, -1, 0, "  \\1 ", 0, NULL));
  }
}

static const char *const oper_states[] = {
  "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
};

static void
old_bridge_link(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  NnsBackend *be = cmd->sh->backend;
  int spawned = 0;
  int pid = nns_profile_command_pid(cmd, &spawned);
  if (pid < 0)
    return;
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, NULL);
  g_autoptr(GRegex) line_re = re("^([0-9]+): ([^:@ ]+)(?:@(\\S+?))?: (<.*)$");
  for (guint i = 0; links && i < lines->len; i++) {
    g_autoptr(GMatchInfo) m = NULL;
    if (!g_regex_match(line_re, lines->pdata[i], 0, &m))
      continue;
    g_autofree char *index = g_match_info_fetch(m, 1);
    g_autofree char *name = g_match_info_fetch(m, 2);
    g_autofree char *peer = g_match_info_fetch(m, 3);
    g_autofree char *rest = g_match_info_fetch(m, 4);
    NnsLinkRecord *self = NULL;
    for (guint k = 0; k < links->len; k++)
      if (g_str_equal(((NnsLinkRecord *) links->pdata[k])->name, name))
        self = links->pdata[k];
    if (!self)
      continue;
    GString *old = g_string_new(NULL);
    g_string_append_printf(old, "%s: %s ", index, name);
    if (self->operstate < G_N_ELEMENTS(oper_states))
      g_string_append_printf(old, "state %s ", oper_states[self->operstate]);
    if (self->link) {
      const char *peer_name = "(null)";
      for (guint k = 0; k < links->len; k++)
        if (((NnsLinkRecord *) links->pdata[k])->ifindex == self->link)
          peer_name = ((NnsLinkRecord *) links->pdata[k])->name;
      g_string_append_printf(old, "@%s: ", peer_name);
    } else {
      g_string_append(old, ": ");
    }
    (void) peer;
    g_string_append(old, rest);
    nns_profile_set_line(lines, i, g_string_free(old, FALSE));
  }
  if (spawned > 0)
    be->ops->process_exit(be, spawned);
}

void
nns_profile_iproute2_3_10(const NnsProfileCmd *cmd, GPtrArray *lines)
{
  char **argv = cmd->argv;
  if (argv[0] && g_str_equal(argv[0], "bridge")) {
    int i = 1;
    while (argv[i] && argv[i][0] == '-')
      i++;
    if (argv[i] && nns_profile_matches(argv[i], "link") &&
        (!argv[i + 1] || nns_profile_matches(argv[i + 1], "show")))
      old_bridge_link(cmd, lines);
    return;
  }
  int obj = nns_profile_ip_object(argv);
  if (obj < 0)
    return;
  const char *o = argv[obj];
  if (nns_profile_matches(o, "link") || nns_profile_matches(o, "address") ||
      g_str_equal(o, "addr")) {
    drop_group(lines);
    numeric_netnsid(cmd, lines);
  } else if (nns_profile_matches(o, "route")) {
    const char *verb = argv[obj + 1];
    if (!verb || nns_profile_matches(verb, "show") || nns_profile_matches(verb, "list"))
      old_route_spacing(lines);
  }
}
