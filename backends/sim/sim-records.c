/* The model seen through rtnetlink: one record per device, address, route,
 * with the attributes the kernel's fill functions put in. */
#include "backends/sim/sim-backend.h"
#include "core/address.h"
#include "core/conf.h"
#include "core/bridge.h"
#include "core/device.h"
#include "core/netns.h"
#include "core/qdisc.h"
#include "core/world.h"

#include <linux/if_arp.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

static const char *
kind_name(NnsKind kind)
{
  switch (kind) {
  case NNS_KIND_VETH: return "veth";
  case NNS_KIND_BRIDGE: return "bridge";
  case NNS_KIND_DUMMY: return "dummy";
  case NNS_KIND_IFB: return "ifb";
  case NNS_KIND_IPIP: return "ipip";
  default: return NULL;
  }
}

NnsLinkRecord *
nns_sim_link_record(NnsDevice *dev)
{
  NnsLinkRecord *r = g_new0(NnsLinkRecord, 1);
  r->ifindex = dev->ifindex;
  g_strlcpy(r->name, dev->name, sizeof r->name);
  r->flags = nns_device_flags(dev);
  r->type = dev->kind == NNS_KIND_LOOPBACK ? ARPHRD_LOOPBACK
          : dev->kind == NNS_KIND_IPIP ? ARPHRD_TUNNEL : ARPHRD_ETHER;
  r->mtu = dev->mtu;
  r->min_mtu = nns_device_min_mtu(dev);
  r->max_mtu = nns_device_max_mtu(dev);
  r->txqlen = dev->txqlen;
  r->group = dev->group;
  r->operstate = nns_device_operstate(dev);
  r->qdisc = nns_device_qdisc(dev);
  memcpy(r->addr, dev->mac, 6);
  /* tunl0: local and remote ends 0.0.0.0, bound to no device (iflink 0). */
  memcpy(r->broadcast, dev->broadcast, 6);
  r->linkmode = dev->link_mode;
  r->gso_max_size = dev->gso_max_size;
  r->gso_max_segs = dev->gso_max_segs;
  r->gro_max_size = dev->gro_max_size;
  r->tso_max_size = nns_sim_tso_max_size(dev->kind, dev);
  r->tso_max_segs = 65535;
  /* IFLA_AF_SPEC's AF_INET6: every device has its inet6_dev here. */
  r->has_addr_gen_mode = TRUE;
  r->addr_gen_mode = (guint8) nns_conf_dev(dev, AF_INET6, "addr_gen_mode");
  r->link_none = dev->kind == NNS_KIND_IPIP;
  if (dev->peer) {
    r->link = dev->peer->ifindex;
    if (dev->peer->ns != dev->ns) {
      r->has_link_netnsid = TRUE;
      r->link_netnsid = nns_netns_peer_id_alloc(dev->ns, dev->peer->ns);
    }
  }
  if (dev->master) {
    const NnsBrport *bp = &dev->brport;
    r->master = dev->master->ifindex;
    r->slave_kind = "bridge";
    r->brport_state = dev->port_state;
    r->brport_priority = bp->priority;
    r->brport_cost = bp->path_cost;
    /* Alone on its segment, the bridge is the root and every port
     * designated: the designated bridge and root are the bridge's id, with
     * the priority the port last took (core/bridge.c). */
    r->has_brport_ids = TRUE;
    r->brport_no = dev->port_no;
    r->brport_id = nns_bridge_port_id(dev);
    r->brport_designated_port = r->brport_id;
    r->brport_root_priority = bp->designated_prio;
    memcpy(r->brport_root_addr, dev->master->mac, 6);
    r->brport_forward_delay_cs = nns_bridge_port_timer_cs(dev);
    r->brport_mcast_router = bp->mcast_router;
    r->brport_flags = bp->flags;
    r->brport_backup = bp->backup ? bp->backup->ifindex : 0;
  }
  /* A port counts once in its promiscuity and allmulti (br_add_if), the
   * user's `promisc on` / `allmulticast on` once more. */
  r->promiscuity = dev->promiscuity;
  r->allmulti = dev->allmulti;
  if (dev->kind == NNS_KIND_BRIDGE) {
    /* The bridge id names a port's address (or a set one); a bridge that
     * never had a port and keeps its random address has a zero id. */
    r->bridge_priority = dev->br.priority;
    if (dev->mac_set || dev->had_ports)
      memcpy(r->bridge_id, dev->mac, 6);
    r->br_forward_delay = nns_bridge_clock_t(dev->br.forward_delay);
    r->br_hello_time = nns_bridge_clock_t(dev->br.hello_time);
    r->br_max_age = nns_bridge_clock_t(dev->br.max_age);
    r->br_ageing_time = nns_bridge_clock_t(dev->br.ageing_time);
    r->br_stp_state = dev->br.stp ? 1 : 0;
    r->br_topology_change = dev->br.topology_change;
    r->br_topology_change_detected = dev->br.topology_change_detected;
    r->br_topology_change_timer_cs = nns_bridge_tc_timer_cs(dev);
  }
  r->kind = kind_name(dev->kind);
  r->alias = g_strdup(dev->alias);
  r->num_tx_queues = dev->num_tx_queues;
  r->num_rx_queues = dev->num_rx_queues;
  r->carrier_changes = dev->carrier_changes;
  r->stats.rx_packets = dev->counters.rx_packets;
  r->stats.tx_packets = dev->counters.tx_packets;
  r->stats.rx_bytes = dev->counters.rx_bytes;
  r->stats.tx_bytes = dev->counters.tx_bytes;
  r->stats.rx_dropped = dev->counters.rx_dropped;
  r->stats.tx_dropped = dev->counters.tx_dropped;
  return r;
}

NnsAddrRecord *
nns_sim_addr_record(NnsAddress *a)
{
  NnsAddrRecord *r = g_new0(NnsAddrRecord, 1);
  r->family = a->local.family;
  r->prefixlen = a->prefixlen;
  r->scope = a->scope;
  r->flags = nns_address_flags(a);
  r->ifindex = a->dev->ifindex;
  r->local = a->local;
  r->has_broadcast = a->has_broadcast;
  r->broadcast = a->broadcast;
  if (a->local.family == AF_INET)
    g_strlcpy(r->label, a->label, sizeof r->label);
  r->valid_lft = r->preferred_lft = 0xffffffffu;
  return r;
}

NnsRouteRecord *
nns_sim_route_record(const NnsRoute *rt)
{
  NnsRouteRecord *r = nns_route_record_new(rt->nhs);
  r->family = rt->family;
  r->dst_len = rt->dst_len;
  r->table = rt->table;
  r->protocol = rt->protocol;
  r->scope = rt->scope;
  r->type = rt->type;
  r->dst = rt->dst;
  r->has_prefsrc = rt->has_prefsrc;
  r->prefsrc = rt->prefsrc;
  r->has_gateway = rt->has_gateway;
  r->gateway = rt->gateway;
  r->oif = rt->dev ? rt->dev->ifindex : 0;
  r->has_priority = rt->has_priority;
  r->priority = rt->priority;
  r->flags = rt->flags & RTNH_F_ONLINK;  /* as the user gave it */
  if (rt->nhs) {
    /* fib_dump_info: RTA_MULTIPATH, each path with its own flags (dead
     * while its device is down); the route's own flags only the fib_info's. */
    r->has_gateway = FALSE;
    r->oif = 0;
    r->flags = rt->all_linkdown ? RTNH_F_LINKDOWN : 0;
    for (guint i = 0; i < rt->nhs; i++) {
      const NnsNexthop *nh = &rt->nh[i];
      NnsNexthopRecord *out = &r->nexthops[i];
      out->has_gateway = nh->has_gateway;
      out->gateway = nh->gateway;
      out->ifindex = nh->dev ? nh->dev->ifindex : 0;
      out->weight = nh->weight;
      out->flags = nh->flags & RTNH_F_ONLINK;
      if (nh->dev && !nh->dev->admin_up)
        out->flags |= RTNH_F_DEAD;
      if (nh->dev && (!nh->dev->carrier || !nh->dev->admin_up))
        out->flags |= RTNH_F_LINKDOWN;
    }
    return r;
  }
  /* fib_dump_info: a nexthop whose device has no carrier is "linkdown". */
  if (rt->dev && !rt->dev->carrier && rt->type != RTN_LOCAL)
    r->flags |= RTNH_F_LINKDOWN;
  /* An IPv6 route left through a device that is down (an ECMP sibling
   * that lost its siblings) keeps its RTNH_F_DEAD (recorded). */
  if (rt->family == AF_INET6 && rt->dev && !rt->dev->admin_up && rt->type != RTN_LOCAL)
    r->flags |= RTNH_F_DEAD;
  return r;
}

NnsRouteRecord *
nns_sim_route6_siblings_record(GPtrArray *siblings)
{
  /* rt6_fill_node: the first sibling's attributes, then RTA_MULTIPATH with
   * each sibling's nexthop (fib_add_nexthop); no RTA_GATEWAY or RTA_OIF of
   * the route's own, and no route flags. */
  const NnsRoute *first = siblings->pdata[0];
  NnsRouteRecord *r = nns_sim_route_record(first);
  NnsRouteRecord *m = nns_route_record_new(siblings->len);
  NnsNexthopRecord *paths = m->nexthops;
  *m = *r;
  g_free(r);
  m->nexthops = paths;
  m->n_nexthops = siblings->len;
  m->has_gateway = FALSE;
  m->oif = 0;
  m->flags = 0;
  for (guint i = 0; i < siblings->len; i++) {
    const NnsRoute *s = siblings->pdata[i];
    NnsNexthopRecord *out = &m->nexthops[i];
    out->has_gateway = s->has_gateway;
    out->gateway = s->gateway;
    out->ifindex = s->dev ? s->dev->ifindex : 0;
    out->weight = s->weight ? s->weight : 1;
    out->flags = s->flags & RTNH_F_ONLINK;
    if (s->dev && !s->dev->admin_up)
      out->flags |= RTNH_F_DEAD;
    if (s->dev && (!s->dev->carrier || !s->dev->admin_up))
      out->flags |= RTNH_F_LINKDOWN;
  }
  return m;
}
