/* Devices moving frames: veth ends hand them to their peer, a bridge
 * learns and forwards among its ports, lo loops back; a frame for the
 * device's own address goes up to the namespace's stack. */
#include "backends/sim/net/net-private.h"
#include "core/neigh.h"
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

static void
bridge_forward(NnsEngine *e, NnsDevice *br, NnsDevice *ingress, NnsFrame *f)
{
  guint64 now = nns_engine_now(e);
  gboolean flood = memcmp(f->dst, broadcast_mac, 6) == 0 || (f->dst[0] & 1);
  NnsFdbEntry *dst = flood ? NULL : nns_fdb_lookup(br, f->dst);
  if (dst && dst->port) {
    if (dst->port != ingress && dst->port->port_state == BR_STATE_FORWARDING)
      nns_net_xmit(e, dst->port, f);
    return;
  }
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *port = g_ptr_array_index(br->ports, i);
    if (port != ingress && port->port_state == BR_STATE_FORWARDING) {
      NnsFrame copy = *f;
      nns_net_xmit(e, port, &copy);
    }
  }
  (void) now;
}

/* br_handle_frame: learn the source, then local delivery and/or forwarding. */
static void
bridge_input(NnsEngine *e, NnsDevice *port, NnsFrame *f)
{
  NnsDevice *br = port->master;
  if (port->port_state != BR_STATE_FORWARDING)
    return;
  nns_fdb_learn(br, port, f->src, nns_engine_now(e));
  gboolean to_me = memcmp(f->dst, br->mac, 6) == 0;
  gboolean group = (f->dst[0] & 1) != 0;
  if (to_me || group) {
    if (running(br)) {
      br->counters.rx_packets += nns_frame_packets(f);
      br->counters.rx_bytes += nns_frame_wire_len(f);
      NnsFrame up = *f;
      deliver_up(e, br, &up);
    }
    if (to_me)
      return;
  }
  bridge_forward(e, br, port, f);
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
    bridge_forward(e, dev, NULL, f);
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
