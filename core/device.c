#include "core/device.h"
#include "core/address.h"
#include "core/bridge.h"
#include "core/conf.h"
#include "core/fdb.h"
#include "core/mcast.h"
#include "core/neigh.h"
#include "core/operstate.h"
#include "core/qdisc.h"
#include "core/sysctl.h"
#include "core/netns.h"
#include "core/route.h"
#include "core/world.h"
#include "core/error.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <string.h>





gboolean
nns_device_name_valid(const char *name)
{
  size_t len = strlen(name);
  if (len == 0 || len > NNS_NAME_MAX || g_str_equal(name, ".") || g_str_equal(name, ".."))
    return FALSE;
  for (const char *c = name; *c; c++)
    if (*c == '/' || *c == ':' || g_ascii_isspace(*c))
      return FALSE;
  return TRUE;
}

/* The flags a device of this kind registers with (its setup function's). */
static guint
kind_flags(NnsKind kind)
{
  switch (kind) {
  case NNS_KIND_LOOPBACK:
    return IFF_LOOPBACK;
  case NNS_KIND_DUMMY:
  case NNS_KIND_IFB:
    return IFF_BROADCAST | IFF_NOARP;
  case NNS_KIND_IPIP:
    return IFF_NOARP;
  default:
    return IFF_BROADCAST | IFF_MULTICAST;
  }
}

guint
nns_device_default_queues(NnsKind kind)
{
  return kind == NNS_KIND_VETH ? 2 : 1;
}

NnsDevice *
nns_device_new(NnsNetns *ns, NnsKind kind, const char *name)
{
  return nns_device_new_at(ns, kind, name, 0);
}

NnsDevice *
nns_device_new_at(NnsNetns *ns, NnsKind kind, const char *name, int ifindex)
{
  NnsDevice *dev = g_new0(NnsDevice, 1);
  dev->kind = kind;
  g_strlcpy(dev->name, name, sizeof dev->name);
  /* ipip: ETH_DATA_LEN less its IPv4 header. */
  dev->mtu = kind == NNS_KIND_LOOPBACK ? 65536 : kind == NNS_KIND_IPIP ? 1480 : 1500;
  dev->txqlen = kind == NNS_KIND_IFB ? 32 : 1000;
  dev->num_tx_queues = dev->num_rx_queues = nns_device_default_queues(kind);
  /* veth_init_queues: a veth made without numtxqueues uses one queue. */
  dev->real_num_tx_queues = 1;
  dev->addrs4 = g_ptr_array_new_with_free_func(g_free);
  dev->addrs6 = g_ptr_array_new_with_free_func(g_free);
  if (kind == NNS_KIND_BRIDGE) {
    dev->ports = g_ptr_array_new();
    /* A new bridge's carrier bit is on: nothing turned it off yet. */
    dev->br_carrier_ok = TRUE;
    nns_bridge_init(dev);
  }
  /* lo and dummy never lose carrier; veth and bridge start without it. */
  dev->carrier = kind == NNS_KIND_LOOPBACK || kind == NNS_KIND_DUMMY || kind == NNS_KIND_IFB ||
                 kind == NNS_KIND_PHYSICAL || kind == NNS_KIND_IPIP;
  dev->plugged = kind == NNS_KIND_PHYSICAL;
  /* lo has no address; tunl0's is its local end, 0.0.0.0. */
  if (kind != NNS_KIND_LOOPBACK && kind != NNS_KIND_IPIP)
    nns_world_random_mac(ns->world, dev->mac);
  dev->iff = kind_flags(kind);
  /* lo's broadcast is its address (zeroes), a tunnel's the remote end. */
  if (kind != NNS_KIND_LOOPBACK && kind != NNS_KIND_IPIP)
    memset(dev->broadcast, 0xff, 6);
  dev->gso_max_size = 65536;          /* GSO_LEGACY_MAX_SIZE */
  dev->gso_max_segs = 65535;          /* GSO_MAX_SEGS */
  dev->gro_max_size = 65536;          /* GRO_LEGACY_MAX_SIZE */
  /* An index asked for (dev_index_reserve) leaves the cursor alone. */
  dev->ifindex = ifindex > 0 ? ifindex : nns_netns_alloc_ifindex(ns);
  nns_netns_register(ns, dev);
  nns_conf_dev_register(dev);
  nns_mcast_dev_register(dev);
  return dev;
}

void
nns_device_ipv6_changed(NnsDevice *dev)
{
  g_hash_table_add(dev->ns->world->ipv6_changed, dev);
}

void
nns_device_free(NnsDevice *dev)
{
  g_hash_table_remove(dev->ns->world->ipv6_changed, dev);
  if (dev->wire)
    dev->wire->wire = NULL;
  nns_bridge_forget(dev);
  nns_netns_unregister(dev->ns, dev);
  g_ptr_array_free(dev->addrs4, TRUE);
  g_ptr_array_free(dev->addrs6, TRUE);
  if (dev->ports)
    g_ptr_array_free(dev->ports, TRUE);
  nns_fdb_free(dev);
  if (dev->hw_uc)
    g_array_free(dev->hw_uc, TRUE);
  nns_mcast_dev_free(dev);
  nns_conf_dev_free(dev);
  g_free(dev->alias);
  nns_qdisc_free(dev->qdisc);
  g_free(dev);
}

/* __dev_alloc_name: the lowest free "<prefix>N". */
static void
default_name(NnsNetns *ns, const char *prefix, char out[NNS_NAME_MAX + 1])
{
  for (int n = 0;; n++) {
    g_snprintf(out, NNS_NAME_MAX + 1, "%s%d", prefix, n);
    if (!nns_netns_device_by_name(ns, out))
      return;
  }
}

static const char *
kind_prefix(NnsKind kind)
{
  switch (kind) {
  case NNS_KIND_VETH: return "veth";
  case NNS_KIND_BRIDGE: return "bridge";
  case NNS_KIND_DUMMY: return "dummy";
  case NNS_KIND_IFB: return "ifb";
  default: return "eth";
  }
}

static gboolean
check_new_name(NnsNetns *ns, const char *name, GError **error)
{
  if (!nns_device_name_valid(name)) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if (nns_netns_device_by_name(ns, name)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  return TRUE;
}

NnsDevice *
nns_device_create(NnsNetns *ns, NnsKind kind, const char *name, GError **error)
{
  return nns_device_create_at(ns, kind, name, 0, error);
}

/* dev_index_reserve: an index asked for must be free. */
static gboolean
check_index(NnsNetns *ns, int ifindex, GError **error)
{
  if (ifindex > 0 && nns_netns_device_by_index(ns, ifindex)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  return TRUE;
}

NnsDevice *
nns_device_create_at(NnsNetns *ns, NnsKind kind, const char *name, int ifindex, GError **error)
{
  char buf[NNS_NAME_MAX + 1];
  if (!name || !*name) {
    default_name(ns, kind_prefix(kind), buf);
    name = buf;
  }
  if (!check_new_name(ns, name, error) || !check_index(ns, ifindex, error))
    return NULL;
  NnsDevice *dev = nns_device_new_at(ns, kind, name, ifindex);
  nns_device_fill_notify(dev);
  return dev;
}

NnsDevice *
nns_veth_create(NnsNetns *ns, const char *name, NnsNetns *peer_ns, const char *peer_name, GError **error)
{
  return nns_veth_create_at(ns, name, 0, peer_ns, peer_name, 0, error);
}

NnsDevice *
nns_veth_create_at(NnsNetns *ns, const char *name, int ifindex, NnsNetns *peer_ns, const char *peer_name,
                   int peer_ifindex, GError **error)
{
  char peer_buf[NNS_NAME_MAX + 1], buf[NNS_NAME_MAX + 1];
  if (peer_name && *peer_name) {
    if (!check_new_name(peer_ns, peer_name, error))
      return NULL;
  }
  /* rtnl_newlink refuses an existing name before the driver runs. */
  if (name && *name && !check_new_name(ns, name, error))
    return NULL;
  if (!peer_name || !*peer_name) {
    default_name(peer_ns, "veth", peer_buf);
    peer_name = peer_buf;
  }
  if (name && *name && ns == peer_ns && g_str_equal(name, peer_name)) {
    /* The peer was registered before the device failed: its ifindex is spent. */
    nns_netns_alloc_ifindex(peer_ns);
    nns_set_errno(error, EEXIST);
    return NULL;
  }
  if (!check_index(peer_ns, peer_ifindex, error))
    return NULL;
  if (ifindex > 0 && (nns_netns_device_by_index(ns, ifindex) || (ns == peer_ns && ifindex == peer_ifindex))) {
    if (peer_ifindex <= 0)
      nns_netns_alloc_ifindex(peer_ns);
    nns_set_errno(error, EEXIST);
    return NULL;
  }
  NnsDevice *peer = nns_device_new_at(peer_ns, NNS_KIND_VETH, peer_name, peer_ifindex);
  if (!name || !*name) {
    default_name(ns, "veth", buf);
    name = buf;
  }
  NnsDevice *dev = nns_device_new_at(ns, NNS_KIND_VETH, name, ifindex);
  /* veth_newlink turns both ends' carrier off: the first change each
   * (recorded: fixtures/oracle/ip-stats2). */
  peer->carrier_changes = dev->carrier_changes = 1;
  dev->peer = peer;
  peer->peer = dev;
  nns_device_fill_notify(peer);
  nns_device_fill_notify(dev);
  return dev;
}

static void
unregister_one(NnsDevice *dev)
{
  if (dev->admin_up)
    nns_device_set_up(dev, FALSE, NULL);
  nns_bridge_remove_port(dev);
  if (dev->ports) {
    while (dev->ports->len > 0)
      nns_bridge_remove_port(g_ptr_array_index(dev->ports, dev->ports->len - 1));
  }
  nns_routes_flush_dev(dev);
  nns_addresses_clear(dev);
  nns_neigh_flush_dev(dev->ns, dev);
  nns_device_free(dev);
}

void
nns_device_delete(NnsDevice *dev)
{
  NnsDevice *peer = dev->peer;
  if (peer) {
    peer->peer = NULL;
    dev->peer = NULL;
    unregister_one(peer);
  }
  unregister_one(dev);
}

/* ------------------------------------------------------------------ */
/* Up, down and carrier.                                               */

void
nns_device_set_carrier(NnsDevice *dev, gboolean on)
{
  if (dev->carrier == on)
    return;
  guint8 before = nns_operstate_raw(dev);
  dev->carrier = on;
  nns_operstate_linkwatch(dev, before);
  /* A bridge's changes are its carrier bit's (core/bridge.c). */
  if (dev->kind != NNS_KIND_BRIDGE)
    dev->carrier_changes++;
  if (!on)
    nns_neigh_carrier_down(dev->ns, dev);
  if (dev->admin_up)
    nns_addrconf_carrier_changed(dev);
  nns_routes_carrier_changed(dev);
  if (dev->master)
    nns_bridge_port_changed(dev);
  nns_device_fill_notify(dev);
}

gboolean
nns_device_set_up(NnsDevice *dev, gboolean up, GError **error)
{
  (void) error;
  if (dev->admin_up == up)
    return TRUE;
  dev->admin_up = up;
  if (up) {
    nns_qdisc_attach_default(dev);
    /* __dev_open: the driver's open (a bridge joins the snoopers' groups),
     * then NETDEV_UP: IPv4 joins 224.0.0.1. */
    if (dev->kind == NNS_KIND_BRIDGE)
      nns_mcast_bridge_open(dev);
    nns_mcast_ipv4_up(dev);
    switch (dev->kind) {
    case NNS_KIND_VETH:
      /* Recorded (ip-addr-routes, ip-options): of a pair coming up in one
       * namespace, the end just brought up configures IPv6 first. */
      if (dev->peer && dev->peer->admin_up) {
        nns_device_set_carrier(dev, TRUE);
        nns_device_set_carrier(dev->peer, TRUE);
      }
      break;
    case NNS_KIND_PHYSICAL:
      nns_device_set_carrier(dev, dev->plugged);
      break;
    default:
      break;
    }
    nns_routes_dev_up(dev);
    nns_addrconf_dev_up(dev);
    /* __dev_set_rx_mode: a unicast list makes it promiscuous. */
    if (dev->kind != NNS_KIND_BRIDGE)
      nns_dev_uc_sync(dev);
    if (dev->kind == NNS_KIND_BRIDGE)
      nns_bridge_update(dev);
  } else {
    if (dev->kind == NNS_KIND_VETH) {
      nns_device_set_carrier(dev, FALSE);
      if (dev->peer)
        nns_device_set_carrier(dev->peer, FALSE);
    } else if (dev->kind == NNS_KIND_BRIDGE) {
      /* br_stp_disable_bridge disables the ports; no carrier while down. */
      nns_bridge_update(dev);
    }
    if (dev->kind == NNS_KIND_BRIDGE)
      nns_mcast_bridge_stop(dev);
    nns_mcast_ipv4_down(dev);
    nns_routes_dev_down(dev);
    nns_addrconf_dev_down(dev);
    nns_neigh_flush_dev(dev->ns, dev);
  }
  if (dev->master)
    nns_bridge_port_changed(dev);
  nns_device_fill_notify(dev);
  return TRUE;
}

/* __dev_change_flags' settable bits. */
#define SETTABLE_FLAGS (IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC | IFF_MULTICAST | \
                        IFF_PORTSEL | IFF_AUTOMEDIA)

void
nns_device_change_flags(NnsDevice *dev, guint flags, guint change)
{
  /* rtnl_dev_combine_flags, then __dev_change_flags. */
  guint want = (flags & change) | (nns_device_flags(dev) & ~change);
  guint old = dev->iff;
  dev->iff = (want & SETTABLE_FLAGS) | (dev->iff & ~SETTABLE_FLAGS);
  if (!(want & IFF_UP) != !dev->admin_up)
    nns_device_set_up(dev, (want & IFF_UP) != 0, NULL);
  if ((want ^ dev->gflags) & IFF_PROMISC) {
    dev->gflags ^= IFF_PROMISC;
    if (want & IFF_PROMISC)
      dev->promiscuity++;
    else
      dev->promiscuity--;
  }
  if ((want ^ dev->gflags) & IFF_ALLMULTI) {
    dev->gflags ^= IFF_ALLMULTI;
    if (want & IFF_ALLMULTI)
      dev->allmulti++;
    else
      dev->allmulti--;
  }
  /* __dev_notify_flags: NETDEV_CHANGE only reaches a device that is up;
   * arp_netdev_event and ndisc_netdev_event flush its neighbours when
   * NOARP flipped (neigh_changeaddr). */
  if ((old ^ dev->iff) & IFF_NOARP)
    nns_device_ipv6_changed(dev);
  if (dev->admin_up && ((old ^ dev->iff) & IFF_NOARP))
    nns_neigh_changeaddr(dev->ns, dev);
  nns_device_fill_notify(dev);
}

gboolean
nns_device_change_carrier(NnsDevice *dev, gboolean on, GError **error)
{
  /* dev_change_carrier: ndo_change_carrier is a dummy's alone. */
  if (dev->kind != NNS_KIND_DUMMY) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }
  nns_device_set_carrier(dev, on);
  return TRUE;
}

gboolean
nns_device_rename(NnsDevice *dev, const char *name, GError **error)
{
  if (g_str_equal(dev->name, name))
    return TRUE;
  if (!nns_device_name_valid(name)) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if (nns_netns_device_by_name(dev->ns, name)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  g_hash_table_remove(dev->ns->by_name, dev->name);
  g_strlcpy(dev->name, name, sizeof dev->name);
  g_hash_table_insert(dev->ns->by_name, dev->name, dev);
  /* IPv4 labels follow the device name when they were the name. */
  nns_addresses_relabel(dev);
  nns_device_fill_notify(dev);
  return TRUE;
}

guint
nns_device_min_mtu(const NnsDevice *dev)
{
  switch (dev->kind) {
  case NNS_KIND_LOOPBACK:
  case NNS_KIND_DUMMY:
  case NNS_KIND_IFB:
  case NNS_KIND_IPIP:   /* the fallback tunnel gets no MTU range */
    return 0;
  default:
    return ETH_MIN_MTU;
  }
}

guint
nns_device_max_mtu(const NnsDevice *dev)
{
  switch (dev->kind) {
  case NNS_KIND_LOOPBACK:
  case NNS_KIND_DUMMY:
  case NNS_KIND_IFB:
  case NNS_KIND_IPIP:   /* the fallback tunnel gets no MTU range */
    return 0;
  case NNS_KIND_PHYSICAL:
    return 9000;

  default:
    return ETH_MAX_MTU;
  }
}

gboolean
nns_device_check_mtu(const NnsDevice *dev, guint mtu, GError **error)
{
  guint max = nns_device_max_mtu(dev);
  /* dev_validate_mtu works on a signed int. */
  if ((gint) mtu < 0 || mtu < nns_device_min_mtu(dev)) {
    nns_set_extack(error, EINVAL, "mtu less than device minimum");
    return FALSE;
  }
  if (max && mtu > max) {
    nns_set_extack(error, EINVAL, "mtu greater than device maximum");
    return FALSE;
  }
  return TRUE;
}

gboolean
nns_device_set_mtu(NnsDevice *dev, guint mtu, GError **error)
{
  if (!nns_device_check_mtu(dev, mtu, error))
    return FALSE;
  dev->mtu = mtu;
  nns_conf_mtu_changed(dev);
  nns_addresses_mtu_changed(dev);
  nns_device_fill_notify(dev);
  return TRUE;
}

gboolean
nns_device_set_mac(NnsDevice *dev, const guint8 mac[6], GError **error)
{
  if (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_IFB) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }
  if (mac[0] & 1 || !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5])) {
    nns_set_errno(error, EADDRNOTAVAIL);
    return FALSE;
  }
  if (dev->kind == NNS_KIND_BRIDGE) {
    /* br_set_mac_address: a new bridge id, its fdb entry, a state selection. */
    nns_bridge_set_address(dev, mac);
  } else {
    gboolean changed = memcmp(dev->mac, mac, 6) != 0;
    memcpy(dev->mac, mac, 6);
    if (dev->master && changed)
      nns_bridge_port_address_changed(dev);
  }
  nns_device_fill_notify(dev);
  return TRUE;
}

void
nns_device_set_alias(NnsDevice *dev, const char *alias)
{
  g_free(dev->alias);
  dev->alias = alias && *alias ? g_strndup(alias, 255) : NULL;
  nns_device_fill_notify(dev);
}

gboolean
nns_device_set_master(NnsDevice *dev, NnsDevice *br, GError **error)
{
  if (!br) {
    nns_bridge_remove_port(dev);
    return TRUE;
  }
  if (br->kind != NNS_KIND_BRIDGE) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }
  /* br_add_if's order: a loopback is refused without a message, a bridge
   * (itself included) with one (recorded: fixtures/oracle/kernel-rules). */
  if (dev->kind == NNS_KIND_LOOPBACK) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if (dev->kind == NNS_KIND_BRIDGE) {
    nns_set_extack(error, ELOOP, "Can not enslave a bridge to a bridge");
    return FALSE;
  }
  if (dev->master == br)
    return TRUE;
  /* do_set_master: a port of another bridge leaves it first. */
  if (dev->master)
    nns_bridge_remove_port(dev);
  nns_bridge_add_port(br, dev);
  nns_device_fill_notify(dev);
  return TRUE;
}

static void
move_to(NnsDevice *dev, NnsNetns *target, int new_ifindex)
{
  NnsNetns *old = dev->ns;
  if (dev->admin_up)
    nns_device_set_up(dev, FALSE, NULL);
  nns_bridge_remove_port(dev);
  nns_routes_flush_dev(dev);
  nns_addresses_clear(dev);
  nns_neigh_flush_dev(old, dev);
  /* The RTM_DELLINK the old namespace sees names the new one by its id. */
  nns_netns_peer_id_alloc(old, target);
  nns_netns_unregister(old, dev);
  nns_mcast_dev_unregister(dev);
  /* dev_uc_flush: the unicast list stays behind. */
  if (dev->hw_uc)
    g_array_set_size(dev->hw_uc, 0);
  /* dev_shutdown: the qdisc and the IPv6 configuration do not travel; the
   * new namespace's default.disable_ipv6 applies (ipv6_add_dev). */
  nns_qdisc_detach(dev);
  dev->ipv6_ready = FALSE;
  if (new_ifindex > 0)
    dev->ifindex = new_ifindex;
  else if (nns_netns_device_by_index(target, dev->ifindex))
    dev->ifindex = nns_netns_alloc_ifindex(target);
  nns_netns_register(target, dev);
  nns_conf_dev_register(dev);
  nns_mcast_dev_register(dev);
  nns_device_fill_notify(dev);
}

gboolean
nns_device_move(NnsDevice *dev, NnsNetns *target, GError **error)
{
  return nns_device_move_at(dev, target, 0, error);
}

gboolean
nns_device_move_at(NnsDevice *dev, NnsNetns *target, int new_ifindex, GError **error)
{
  /* NETIF_F_NETNS_LOCAL. */
  if (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_BRIDGE || dev->kind == NNS_KIND_IPIP) {
    nns_set_extack(error, EINVAL, "The interface netns is immutable");
    return FALSE;
  }
  if (dev->ns == target)
    return TRUE;
  if (nns_netns_device_by_name(target, dev->name)) {
    nns_set_extack(error, EEXIST, "An interface with the same name exists in the target netns");
    return FALSE;
  }
  if (new_ifindex > 0 && nns_netns_device_by_index(target, new_ifindex)) {
    g_autofree char *msg = g_strdup_printf("The ifindex %d is not available in the target netns", new_ifindex);
    nns_set_extack(error, EEXIST, msg);
    return FALSE;
  }
  move_to(dev, target, new_ifindex);
  return TRUE;
}

void
nns_device_return_home(NnsDevice *dev)
{
  NnsNetns *root = dev->ns->world->root;
  /* A clash with a name in the root namespace gets "dev%d", as the kernel does. */
  if (nns_netns_device_by_name(root, dev->name)) {
    char buf[NNS_NAME_MAX + 1];
    default_name(root, "dev", buf);
    g_hash_table_remove(dev->ns->by_name, dev->name);
    g_strlcpy(dev->name, buf, sizeof dev->name);
    g_hash_table_insert(dev->ns->by_name, dev->name, dev);
  }
  move_to(dev, root, 0);
}

/* ------------------------------------------------------------------ */
/* What the kernel reports.                                            */

guint
nns_device_flags(const NnsDevice *dev)
{
  /* dev_get_flags: PROMISC and ALLMULTI as the user set them. */
  guint flags = dev->iff | dev->gflags;
  if (dev->admin_up) {
    /* RUNNING while the operstate is UP or UNKNOWN, LOWER_UP with carrier. */
    flags |= IFF_UP;
    if (nns_operstate_oper_up(nns_operstate_raw(dev)))
      flags |= IFF_RUNNING;
    if (dev->carrier)
      flags |= IFF_LOWER_UP;
  }
  return flags;
}

guint8
nns_device_operstate(const NnsDevice *dev)
{
  /* rtnl_fill_ifinfo: DOWN for a device that is not running. */
  return dev->admin_up ? nns_operstate_raw(dev) : IF_OPER_DOWN;
}

const char *
nns_device_qdisc(const NnsDevice *dev)
{
  /* The root qdisc attached at the first up stays when the device goes down. */
  return nns_qdisc_kind(dev);
}

void
nns_device_fill_notify(NnsDevice *dev)
{
  if (dev->peer && dev->peer->ns != dev->ns)
    nns_netns_peer_id_alloc(dev->ns, dev->peer->ns);
}
