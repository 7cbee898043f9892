/* `ip link add|set DEV type bridge OPTIONS` (iproute2 6.1's
 * ip/iplink_bridge.c, bridge_parse_opt): the settings tutorials use become
 * IFLA_INFO_DATA (NnsBridgeAttrs); the bridge's other options are valid
 * but not modelled, and say so. */
#include "shell/ip/ip-common.h"
#include "shell/ip/ip-link-bridge.h"

#include <string.h>

/* bridge_parse_opt's words, in its usage's order (a prefix takes the first
 * it begins); the modelled ones carry their attribute. */
static const struct {
  const char *word;
  guint attr;                 /* NnsBridgeAttrMask; 0: not modelled */
} options[] = {
  { "fdb_flush", 0 },
  { "forward_delay", NNS_BR_SET_FORWARD_DELAY },
  { "hello_time", NNS_BR_SET_HELLO_TIME },
  { "max_age", NNS_BR_SET_MAX_AGE },
  { "ageing_time", NNS_BR_SET_AGEING_TIME },
  { "stp_state", NNS_BR_SET_STP_STATE },
  { "priority", NNS_BR_SET_PRIORITY },
  { "group_fwd_mask", 0 },
  { "group_address", 0 },
  { "no_linklocal_learn", 0 },
  { "vlan_filtering", NNS_BR_SET_VLAN_FILTERING },
  { "vlan_protocol", 0 },
  { "vlan_default_pvid", 0 },
  { "vlan_stats_enabled", 0 },
  { "vlan_stats_per_port", 0 },
  { "mcast_snooping", 0 },
  { "mcast_vlan_snooping", 0 },
  { "mcast_router", 0 },
  { "mcast_query_use_ifaddr", 0 },
  { "mcast_querier", 0 },
  { "mcast_hash_elasticity", 0 },
  { "mcast_hash_max", 0 },
  { "mcast_last_member_count", 0 },
  { "mcast_startup_query_count", 0 },
  { "mcast_last_member_interval", 0 },
  { "mcast_membership_interval", 0 },
  { "mcast_querier_interval", 0 },
  { "mcast_query_interval", 0 },
  { "mcast_query_response_interval", 0 },
  { "mcast_startup_query_interval", 0 },
  { "mcast_stats_enabled", 0 },
  { "mcast_igmp_version", 0 },
  { "mcast_mld_version", 0 },
  { "nf_call_iptables", 0 },
  { "nf_call_ip6tables", 0 },
  { "nf_call_arptables", 0 },
};

static int
explain(NnsIpCall *c)
{
  g_autoptr(GString) u = g_string_new("Usage: ... bridge [ fdb_flush ]\n");
  static const char *const args[] = {
    "FORWARD_DELAY", "HELLO_TIME", "MAX_AGE", "AGEING_TIME", "STP_STATE", "PRIORITY", "MASK", "ADDRESS",
    "NO_LINKLOCAL_LEARN", "VLAN_FILTERING", "VLAN_PROTOCOL", "VLAN_DEFAULT_PVID", "VLAN_STATS_ENABLED",
    "VLAN_STATS_PER_PORT", "MULTICAST_SNOOPING", "MULTICAST_VLAN_SNOOPING", "MULTICAST_ROUTER",
    "MCAST_QUERY_USE_IFADDR", "MULTICAST_QUERIER", "HASH_ELASTICITY", "HASH_MAX", "LAST_MEMBER_COUNT",
    "STARTUP_QUERY_COUNT", "LAST_MEMBER_INTERVAL", "MEMBERSHIP_INTERVAL", "QUERIER_INTERVAL",
    "QUERY_INTERVAL", "QUERY_RESPONSE_INTERVAL", "STARTUP_QUERY_INTERVAL", "MCAST_STATS_ENABLED",
    "IGMP_VERSION", "MLD_VERSION", "NF_CALL_IPTABLES", "NF_CALL_IP6TABLES", "NF_CALL_ARPTABLES",
  };
  for (gsize i = 1; i < G_N_ELEMENTS(options); i++)
    g_string_append_printf(u, "\t\t  [ %s %s ]\n", options[i].word, args[i - 1]);
  g_string_append(u, "\nWhere: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n");
  nns_err(c->io, "%s", u->str);
  return 1;
}

/* get_u32 / get_u16 / get_u8 (base 0). */
static gboolean
get_uint(const char *s, guint32 max, guint32 *out)
{
  guint32 v;
  if (!nns_ip_get_u32(s, &v) || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

int
nns_ip_link_bridge_opts(NnsIpCall *c, int argc, char **argv, NnsBridgeAttrs *a)
{
  for (int i = 0; i < argc; i++) {
    const char *w = argv[i];
    if (nns_ip_matches(w, "help"))
      return explain(c);
    gsize k = 0;
    while (k < G_N_ELEMENTS(options) && !nns_ip_matches(w, options[k].word))
      k++;
    if (k == G_N_ELEMENTS(options)) {
      nns_err(c->io, "bridge: unknown command \"%s\"?\n", w);
      return explain(c);
    }
    guint attr = options[k].attr;
    if (!attr) {
      nns_err(c->io, "netnsim: ip link: the bridge option \"%s\" is not modelled\n", options[k].word);
      return 1;
    }
    if (++i >= argc)
      return nns_ip_incomplete(c);
    const char *arg = argv[i];
    guint32 max = attr == NNS_BR_SET_PRIORITY ? G_MAXUINT16 : attr == NNS_BR_SET_VLAN_FILTERING ? G_MAXUINT8
                                                                                                : G_MAXUINT32;
    guint32 v;
    if (!get_uint(arg, max, &v)) {
      g_autofree char *msg = g_strdup_printf("invalid %s", options[k].word);
      return nns_ip_invarg(c, msg, arg);
    }
    a->mask |= attr;
    switch (attr) {
    case NNS_BR_SET_FORWARD_DELAY: a->forward_delay = v; break;
    case NNS_BR_SET_HELLO_TIME: a->hello_time = v; break;
    case NNS_BR_SET_MAX_AGE: a->max_age = v; break;
    case NNS_BR_SET_AGEING_TIME: a->ageing_time = v; break;
    case NNS_BR_SET_STP_STATE: a->stp_state = v; break;
    case NNS_BR_SET_PRIORITY: a->priority = (guint16) v; break;
    default: a->vlan_filtering = (guint8) v; break;
    }
  }
  return -1;
}
