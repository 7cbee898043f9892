/* Devices moving frames: veth ends hand them to their peer, a bridge
 * learns and forwards among its ports, lo loops back; a frame for the
 * device's own address goes up to the namespace's stack. */
#include "backends/sim/net/net-private.h"
#include "core/bridge.h"
#include "core/fdb.h"
#include "core/netns.h"
#include "core/world.h"

#include <linux/if_bridge.h>
#include <string.h>

/* Frames crossing more devices than this are looping: the bound keeps a
 * bridge loop from running forever (the kernel would melt instead). */
#define MAX_HOPS 64

static const guint8 broadcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

gboolean
nns_net_ns_alive(NnsWorld *world, NnsNetns *ns)
{
  return g_hash_table_contains(world->namespaces, ns);
}

gboolean
nns_net_device_alive(NnsWorld *world, NnsNetns *ns, int ifindex, NnsDevice *dev)
{
  return nns_net_ns_alive(world, ns) && nns_netns_device_by_index(ns, ifindex) == dev;
}

void
nns_net_noop_timer(NnsEngine *e, gpointer data)
{
  (void) e;
  (void) data;
}

/* ip_fragment / ip6_fragment: every fragment but the last carries a
 * multiple of 8 bytes of the datagram's payload, as much as the MTU
 * leaves after the header (IPv6: and the 8-byte fragment header). */
static guint
ip_header_len(const NnsFrame *f)
{
  return f->ethertype == NNS_ETH_P_IPV6 ? 40u : 20u;
}

static guint
fragment_header_len(const NnsFrame *f)
{
  return ip_header_len(f) + (f->ethertype == NNS_ETH_P_IPV6 ? 8u : 0u);
}

guint
nns_frame_packets(const NnsFrame *f)
{
  if (!f->frag_mtu || f->ip_len <= f->frag_mtu || (f->ethertype != NNS_ETH_P_IP && f->ethertype != NNS_ETH_P_IPV6))
    return 1;
  guint each = (f->frag_mtu - fragment_header_len(f)) & ~7u;
  guint payload = f->ip_len - ip_header_len(f);
  return (payload + each - 1) / each;
}

guint
nns_frame_largest_packet(const NnsFrame *f)
{
  if (nns_frame_packets(f) == 1)
    return f->ip_len;
  return fragment_header_len(f) + ((f->frag_mtu - fragment_header_len(f)) & ~7u);
}

guint
nns_frame_wire_len(const NnsFrame *f)
{
  if (f->ethertype == NNS_ETH_P_ARP)
    return 42;
  guint n = nns_frame_packets(f);
  if (n == 1)
    return 14u + f->ip_len;
  return 14u * n + fragment_header_len(f) * n + (f->ip_len - ip_header_len(f));
}

static gboolean
running(const NnsDevice *dev)
{
  return dev->admin_up && dev->carrier;
}

static void
count_tx(NnsDevice *dev, const NnsFrame *f)
{
  dev->counters.tx_packets += nns_frame_packets(f);
  dev->counters.tx_bytes += nns_frame_wire_len(f) - (dev->kind == NNS_KIND_LOOPBACK ? 0 : 0);
}

static void
deliver_up(NnsEngine *e, NnsDevice *dev, NnsFrame *f)
{
  if (f->ethertype == NNS_ETH_P_ARP)
    nns_arp_receive(e, dev, f);
  else if (f->ethertype == NNS_ETH_P_IP)
    nns_ip_receive(e, dev, f);
  else if (f->ethertype == NNS_ETH_P_IPV6)
    nns_ip6_receive(e, dev, f);
}

/* The kind of a frame's destination, as br_flood tells them apart. */
typedef enum { PKT_UNICAST, PKT_MULTICAST, PKT_BROADCAST } PktType;

static PktType
pkt_type(const NnsFrame *f)
{
  if (memcmp(f->dst, broadcast_mac, 6) == 0)
    return PKT_BROADCAST;
  return (f->dst[0] & 1) ? PKT_MULTICAST : PKT_UNICAST;
}

/* should_deliver: back out of the port it came in on only in hairpin
 * mode; only to a forwarding port; never between two isolated ports. */
static gboolean
should_deliver(const NnsDevice *to, const NnsDevice *ingress)
{
  guint32 flags = to->brport.flags;
  if (to == ingress && !(flags & NNS_BRPORT_HAIRPIN))
    return FALSE;
  if (to->port_state != BR_STATE_FORWARDING)
    return FALSE;
  return !(ingress && (ingress->brport.flags & NNS_BRPORT_ISOLATED) && (flags & NNS_BRPORT_ISOLATED));
}

static void
deliver(NnsEngine *e, NnsDevice *to, const NnsFrame *f)
{
  NnsFrame copy = *f;
  nns_net_xmit(e, to, &copy);
}

/* br_flood: every port that takes this kind of frame (a port with flood
 * off takes no unknown unicast; with mcast_flood / bcast_flood off, no
 * multicast / broadcast unless the bridge itself sends it), proxy ARP
 * ports none. */
static void
bridge_flood(NnsEngine *e, NnsDevice *br, NnsDevice *ingress, const NnsFrame *f)
{
  PktType type = pkt_type(f);
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *port = g_ptr_array_index(br->ports, i);
    guint32 flags = port->brport.flags;
    if ((type == PKT_UNICAST && !(flags & NNS_BRPORT_FLOOD)) ||
        (type == PKT_MULTICAST && !(flags & NNS_BRPORT_MCAST_FLOOD) && ingress) ||
        (type == PKT_BROADCAST && !(flags & NNS_BRPORT_BCAST_FLOOD) && ingress) ||
        (flags & NNS_BRPORT_PROXYARP))
      continue;
    if (should_deliver(port, ingress))
      deliver(e, port, f);
  }
}

/* br_dev_xmit: the bridge's own frames go to the port the fdb names, or
 * are flooded. */
static void
bridge_xmit(NnsEngine *e, NnsDevice *br, NnsFrame *f)
{
  NnsFdbEntry *dst = pkt_type(f) == PKT_UNICAST ? nns_fdb_lookup(br, f->dst) : NULL;
  if (dst) {
    if (dst->port && should_deliver(dst->port, NULL))
      deliver(e, dst->port, f);
    return;
  }
  bridge_flood(e, br, NULL, f);
}

/* br_pass_frame_up: the bridge receives it; its stack takes what is for
 * its own address or for a group.  (A frame for a port's own address also
 * comes up here, marked for the host, but for an address of the port's,
 * which the bridge's input route does not take: recorded in
 * fixtures/oracle/pkt-ipv6-bridge, a neighbour advertisement to p1.) */
static void
pass_up(NnsEngine *e, NnsDevice *br, const NnsFrame *f)
{
  if (!running(br))
    return;
  br->counters.rx_packets += nns_frame_packets(f);
  br->counters.rx_bytes += nns_frame_wire_len(f);
  if (pkt_type(f) == PKT_UNICAST && memcmp(f->dst, br->mac, 6) != 0)
    return;
  NnsFrame up = *f;
  deliver_up(e, br, &up);
}

/* br_handle_frame / br_handle_frame_finish: only a learning or forwarding
 * port takes frames; a locked port only from addresses the fdb has on it;
 * the source is learned (learning on); a learning port goes no further.
 * Broadcast and multicast frames go up as well as out (no querier: no
 * multicast database); unicast to a local entry goes up only, to a known
 * port there, else it floods. */
static void
bridge_input(NnsEngine *e, NnsDevice *port, NnsFrame *f)
{
  NnsDevice *br = port->master;
  if (port->port_state != BR_STATE_FORWARDING && port->port_state != BR_STATE_LEARNING)
    return;
  if (port->brport.flags & NNS_BRPORT_LOCKED) {
    NnsFdbEntry *src = nns_fdb_lookup(br, f->src);
    if (!src || src->port != port || src->is_local)
      return;
  }
  if (port->brport.flags & NNS_BRPORT_LEARNING)
    nns_fdb_learn(br, port, f->src);
  PktType type = pkt_type(f);
  gboolean local_rcv = type != PKT_UNICAST || br->promiscuity > 0;
  if (port->port_state == BR_STATE_LEARNING)
    return;
  NnsFdbEntry *dst = type == PKT_UNICAST ? nns_fdb_lookup(br, f->dst) : NULL;
  if (dst) {
    if (dst->is_local) {
      pass_up(e, br, f);
      return;
    }
    dst->used_us = nns_engine_now(e);
    if (dst->port && should_deliver(dst->port, port))
      deliver(e, dst->port, f);
  } else {
    bridge_flood(e, br, port, f);
  }
  if (local_rcv)
    pass_up(e, br, f);
}

void
nns_net_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *frame)
{
  NnsFrame f = *frame;
  if (!running(dev)) {
    return;
  }
  dev->counters.rx_packets += nns_frame_packets(&f);
  dev->counters.rx_bytes += nns_frame_wire_len(&f);
  if (dev->master) {
    bridge_input(e, dev, &f);
    return;
  }
  /* Only frames for this device's address or a group address go up. */
  if (dev->kind != NNS_KIND_LOOPBACK && memcmp(f.dst, dev->mac, 6) != 0 && !(f.dst[0] & 1))
    return;
  deliver_up(e, dev, &f);
}

void
nns_net_xmit(NnsEngine *e, NnsDevice *dev, NnsFrame *f)
{
  if (!running(dev) || ++f->hops > MAX_HOPS) {
    dev->counters.tx_dropped++;
    return;
  }
  guint64 at = nns_engine_now(e) + NNS_HOP_US;
  switch (dev->kind) {
  case NNS_KIND_LOOPBACK:
    count_tx(dev, f);
    nns_engine_schedule_rx(e, dev, f, at);
    break;
  case NNS_KIND_VETH:
    if (!dev->peer || !running(dev->peer)) {
      dev->counters.tx_dropped++;
      return;
    }
    count_tx(dev, f);
    nns_engine_schedule_rx(e, dev->peer, f, at);
    break;
  case NNS_KIND_BRIDGE:
    count_tx(dev, f);
    bridge_xmit(e, dev, f);
    break;
  case NNS_KIND_PHYSICAL:
    count_tx(dev, f);
    if (dev->wire && running(dev->wire))
      nns_engine_schedule_rx(e, dev->wire, f, at);
    break;
  case NNS_KIND_IFB:
    /* ifb_xmit: a frame not redirected to it by tc is counted received,
     * then dropped (recorded: an ifb's own router solicitations). */
    dev->counters.rx_packets += nns_frame_packets(f);
    dev->counters.rx_bytes += nns_frame_wire_len(f);
    dev->counters.rx_dropped++;
    break;
  default:
    /* dummy swallows what it sends. */
    count_tx(dev, f);
    break;
  }
}
