/* RTM_NEWLINK read into an NnsLinkRecord: struct ifinfomsg, the IFLA_*
 * attributes the printers use, a bridge's IFLA_BR_* and a bridge port's
 * IFLA_BRPORT_* (IFLA_LINKINFO), and IFLA_STATS64. */
#include "backends/kernel/kernel-decode.h"
#include "core/bridge.h"

#include <linux/if_link.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <string.h>

static void
read_bridge(NnsLinkRecord *r, const struct nlattr *data)
{
  const struct nlattr *br[IFLA_BR_MAX + 1];
  nns_kattr_parse_nested(data, br, IFLA_BR_MAX);
  const struct ifla_bridge_id *id = nns_kattr_struct(br[IFLA_BR_BRIDGE_ID], sizeof *id);
  if (id) {
    r->bridge_priority = (guint16) (id->prio[0] << 8 | id->prio[1]);
    memcpy(r->bridge_id, id->addr, 6);
  }
  r->br_forward_delay = nns_kattr_u32_or(br[IFLA_BR_FORWARD_DELAY], 0);
  r->br_hello_time = nns_kattr_u32_or(br[IFLA_BR_HELLO_TIME], 0);
  r->br_max_age = nns_kattr_u32_or(br[IFLA_BR_MAX_AGE], 0);
  r->br_ageing_time = nns_kattr_u32_or(br[IFLA_BR_AGEING_TIME], 0);
  r->br_stp_state = nns_kattr_u32_or(br[IFLA_BR_STP_STATE], 0);
  r->br_vlan_filtering = nns_kattr_u8_or(br[IFLA_BR_VLAN_FILTERING], 0);
  r->br_topology_change = nns_kattr_u8_or(br[IFLA_BR_TOPOLOGY_CHANGE], 0);
  r->br_topology_change_detected = nns_kattr_u8_or(br[IFLA_BR_TOPOLOGY_CHANGE_DETECTED], 0);
  r->br_root_port = nns_kattr_u16_or(br[IFLA_BR_ROOT_PORT], 0);
  r->br_root_path_cost = nns_kattr_u32_or(br[IFLA_BR_ROOT_PATH_COST], 0);
  const struct ifla_bridge_id *root = nns_kattr_struct(br[IFLA_BR_ROOT_ID], sizeof *root);
  if ((r->has_br_root_id = root != NULL)) {
    r->br_root_priority = (guint16) (root->prio[0] << 8 | root->prio[1]);
    memcpy(r->br_root_addr, root->addr, 6);
  }
  r->br_hello_timer_cs = nns_kattr_u64_or(br[IFLA_BR_HELLO_TIMER], 0);
  r->br_tcn_timer_cs = nns_kattr_u64_or(br[IFLA_BR_TCN_TIMER], 0);
  r->br_topology_change_timer_cs = nns_kattr_u64_or(br[IFLA_BR_TOPOLOGY_CHANGE_TIMER], 0);
  r->br_gc_timer_cs = nns_kattr_u64_or(br[IFLA_BR_GC_TIMER], 0);
}

/* The u8 switches of IFLA_BRPORT_* and the port flags they are. */
static const struct {
  int type;
  guint32 flag;
} port_switches[] = {
  { IFLA_BRPORT_MODE, NNS_BRPORT_HAIRPIN },
  { IFLA_BRPORT_GUARD, NNS_BRPORT_GUARD },
  { IFLA_BRPORT_PROTECT, NNS_BRPORT_ROOT_BLOCK },
  { IFLA_BRPORT_FAST_LEAVE, NNS_BRPORT_FAST_LEAVE },
  { IFLA_BRPORT_LEARNING, NNS_BRPORT_LEARNING },
  { IFLA_BRPORT_UNICAST_FLOOD, NNS_BRPORT_FLOOD },
  { IFLA_BRPORT_MCAST_FLOOD, NNS_BRPORT_MCAST_FLOOD },
  { IFLA_BRPORT_BCAST_FLOOD, NNS_BRPORT_BCAST_FLOOD },
  { IFLA_BRPORT_MCAST_TO_UCAST, NNS_BRPORT_MCAST_TO_UCAST },
  { IFLA_BRPORT_NEIGH_SUPPRESS, NNS_BRPORT_NEIGH_SUPPRESS },
  { IFLA_BRPORT_VLAN_TUNNEL, NNS_BRPORT_VLAN_TUNNEL },
  { IFLA_BRPORT_ISOLATED, NNS_BRPORT_ISOLATED },
  { IFLA_BRPORT_LOCKED, NNS_BRPORT_LOCKED },
  { IFLA_BRPORT_PROXYARP, NNS_BRPORT_PROXYARP },
  { IFLA_BRPORT_PROXYARP_WIFI, NNS_BRPORT_PROXYARP_WIFI },
};

static void
read_bridge_port(NnsLinkRecord *r, const struct nlattr *data)
{
  const struct nlattr *port[IFLA_BRPORT_MAX + 1];
  nns_kattr_parse_nested(data, port, IFLA_BRPORT_MAX);
  r->brport_state = nns_kattr_u8_or(port[IFLA_BRPORT_STATE], 0);
  r->brport_priority = nns_kattr_u16_or(port[IFLA_BRPORT_PRIORITY], 0);
  r->brport_cost = nns_kattr_u32_or(port[IFLA_BRPORT_COST], 0);
  for (gsize i = 0; i < G_N_ELEMENTS(port_switches); i++)
    if (nns_kattr_u8_or(port[port_switches[i].type], 0))
      r->brport_flags |= port_switches[i].flag;
  r->brport_backup = (int) nns_kattr_u32_or(port[IFLA_BRPORT_BACKUP_PORT], 0);
  /* The STP attributes come together; the root id says they are there. */
  const struct ifla_bridge_id *root = nns_kattr_struct(port[IFLA_BRPORT_ROOT_ID], sizeof *root);
  if (!root || !nns_kattr_u16(port[IFLA_BRPORT_ID], &r->brport_id))
    return;
  r->has_brport_ids = TRUE;
  r->brport_no = nns_kattr_u16_or(port[IFLA_BRPORT_NO], 0);
  r->brport_designated_port = nns_kattr_u16_or(port[IFLA_BRPORT_DESIGNATED_PORT], 0);
  /* A u16 on the wire (br_port_fill_attrs), a u32 in the record. */
  r->brport_designated_cost = nns_kattr_u16_or(port[IFLA_BRPORT_DESIGNATED_COST], 0);
  r->brport_root_priority = (guint16) (root->prio[0] << 8 | root->prio[1]);
  memcpy(r->brport_root_addr, root->addr, 6);
  r->brport_forward_delay_cs = nns_kattr_u64_or(port[IFLA_BRPORT_FORWARD_DELAY_TIMER], 0);
  r->brport_mcast_router = nns_kattr_u8_or(port[IFLA_BRPORT_MULTICAST_ROUTER], 0);
}

/* IFLA_AF_SPEC: AF_INET6's IFLA_INET6_ADDR_GEN_MODE (the device has an
 * inet6_dev). */
static void
read_af_spec(NnsLinkRecord *r, const struct nlattr *spec)
{
  const struct nlattr *af;
  mnl_attr_for_each_nested(af, spec) {
    if (mnl_attr_get_type(af) != AF_INET6)
      continue;
    const struct nlattr *in6[IFLA_INET6_MAX + 1] = { 0 };
    nns_kattr_parse_nested(af, in6, IFLA_INET6_MAX);
    if (nns_kattr_u8(in6[IFLA_INET6_ADDR_GEN_MODE], &r->addr_gen_mode))
      r->has_addr_gen_mode = TRUE;
  }
}

static void
read_linkinfo(NnsLinkRecord *r, const struct nlattr *linkinfo)
{
  const struct nlattr *info[IFLA_INFO_MAX + 1];
  nns_kattr_parse_nested(linkinfo, info, IFLA_INFO_MAX);
  r->kind = nns_kattr_interned(info[IFLA_INFO_KIND]);
  r->slave_kind = nns_kattr_interned(info[IFLA_INFO_SLAVE_KIND]);
  if (r->kind && g_str_equal(r->kind, "bridge") && info[IFLA_INFO_DATA])
    read_bridge(r, info[IFLA_INFO_DATA]);
  if (r->slave_kind && g_str_equal(r->slave_kind, "bridge") && info[IFLA_INFO_SLAVE_DATA])
    read_bridge_port(r, info[IFLA_INFO_SLAVE_DATA]);
}

static void
read_stats(NnsLinkRecord *r, const struct nlattr *a)
{
  const struct rtnl_link_stats64 *p = nns_kattr_struct(a, sizeof *p);
  if (!p)
    return;
  struct rtnl_link_stats64 s;
  memcpy(&s, p, sizeof s);
  r->stats = (NnsLinkStats) {
    .rx_packets = s.rx_packets, .tx_packets = s.tx_packets,
    .rx_bytes = s.rx_bytes, .tx_bytes = s.tx_bytes,
    .rx_errors = s.rx_errors, .tx_errors = s.tx_errors,
    .rx_dropped = s.rx_dropped, .tx_dropped = s.tx_dropped,
    .multicast = s.multicast, .collisions = s.collisions,
  };
}

NnsLinkRecord *
nns_kernel_decode_link(const struct nlmsghdr *nlh)
{
  const struct ifinfomsg *ifi = nns_kattr_header(nlh, sizeof *ifi);
  const struct nlattr *tb[IFLA_MAX + 1];
  if (!ifi || !nns_kattr_parse(nlh, sizeof *ifi, tb, IFLA_MAX))
    return NULL;
  NnsLinkRecord *r = g_new0(NnsLinkRecord, 1);
  r->ifindex = ifi->ifi_index;
  r->flags = ifi->ifi_flags;
  r->type = ifi->ifi_type;
  nns_kattr_string(tb[IFLA_IFNAME], r->name, sizeof r->name);
  r->mtu = nns_kattr_u32_or(tb[IFLA_MTU], 0);
  r->min_mtu = nns_kattr_u32_or(tb[IFLA_MIN_MTU], 0);
  r->max_mtu = nns_kattr_u32_or(tb[IFLA_MAX_MTU], 0);
  r->txqlen = nns_kattr_u32_or(tb[IFLA_TXQLEN], 0);
  r->group = nns_kattr_u32_or(tb[IFLA_GROUP], 0);
  r->operstate = nns_kattr_u8_or(tb[IFLA_OPERSTATE], 0);
  r->linkmode = nns_kattr_u8_or(tb[IFLA_LINKMODE], 0);
  r->qdisc = nns_kattr_interned(tb[IFLA_QDISC]);
  /* Link-layer addresses of 6 bytes; a tunnel's (4 or 16) are cut. */
  nns_kattr_bytes(tb[IFLA_ADDRESS], r->addr, sizeof r->addr);
  nns_kattr_bytes(tb[IFLA_BROADCAST], r->broadcast, sizeof r->broadcast);
  guint32 link = 0;
  r->link_none = nns_kattr_u32(tb[IFLA_LINK], &link) && link == 0;
  r->link = (int) link;
  guint32 nsid;
  if ((r->has_link_netnsid = nns_kattr_u32(tb[IFLA_LINK_NETNSID], &nsid)))
    r->link_netnsid = (int) nsid;
  r->master = (int) nns_kattr_u32_or(tb[IFLA_MASTER], 0);
  if (tb[IFLA_LINKINFO])
    read_linkinfo(r, tb[IFLA_LINKINFO]);
  if (tb[IFLA_IFALIAS])
    r->alias = g_strndup(mnl_attr_get_payload(tb[IFLA_IFALIAS]), mnl_attr_get_payload_len(tb[IFLA_IFALIAS]));
  r->promiscuity = nns_kattr_u32_or(tb[IFLA_PROMISCUITY], 0);
  r->allmulti = nns_kattr_u32_or(tb[IFLA_ALLMULTI], 0);
  r->num_tx_queues = nns_kattr_u32_or(tb[IFLA_NUM_TX_QUEUES], 0);
  r->num_rx_queues = nns_kattr_u32_or(tb[IFLA_NUM_RX_QUEUES], 0);
  r->tso_max_size = nns_kattr_u32_or(tb[IFLA_TSO_MAX_SIZE], 0);
  r->carrier_changes = nns_kattr_u32_or(tb[IFLA_CARRIER_CHANGES], 0);
  r->gso_max_size = nns_kattr_u32_or(tb[IFLA_GSO_MAX_SIZE], 0);
  r->gso_max_segs = nns_kattr_u32_or(tb[IFLA_GSO_MAX_SEGS], 0);
  r->tso_max_size = nns_kattr_u32_or(tb[IFLA_TSO_MAX_SIZE], 0);
  r->tso_max_segs = nns_kattr_u32_or(tb[IFLA_TSO_MAX_SEGS], 0);
  r->gro_max_size = nns_kattr_u32_or(tb[IFLA_GRO_MAX_SIZE], 0);
  if (tb[IFLA_AF_SPEC])
    read_af_spec(r, tb[IFLA_AF_SPEC]);
  read_stats(r, tb[IFLA_STATS64]);
  return r;
}
