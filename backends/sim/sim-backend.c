/* The simulated backend: each request is checked first and then applied
 * to the model, so a request that fails changes nothing. */
#include "backends/sim/sim-backend.h"
#include "backends/sim/sim-bridge.h"
#include "backends/sim/sim-netfilter.h"
#include "backends/sim/sim-rules.h"
#include "backends/sim/sim-routes.h"
#include "backends/sim/sim-route-cache.h"
#include "core/kmsg.h"
#include "core/address.h"
#include "core/bridge.h"
#include "core/conf.h"
#include "core/device.h"
#include "core/netns.h"
#include "core/operstate.h"
#include "core/route.h"
#include "core/sysctl.h"
#include "core/qdisc.h"
#include "core/tunnel.h"
#include "core/world.h"
#include "backends/sim/net/engine.h"
#include "backends/sim/net/ping.h"
#include "backends/sim/sim-upstream.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <string.h>

typedef struct {
  NnsBackend parent;
  NnsWorld *world;
  NnsEngine *engine;          /* moves the packets */
} SimBackend;

static NnsWorld *
world_of(NnsBackend *be)
{
  return ((SimBackend *) be)->world;
}

NnsWorld *
nns_sim_backend_world(NnsBackend *be)
{
  return world_of(be);
}

NnsNetns *
nns_sim_caller_ns(NnsBackend *be, int pid, GError **error)
{
  NnsProcess *p = nns_world_process(world_of(be), pid);
  if (!p) {
    nns_set_errno(error, ESRCH);
    return NULL;
  }
  return p->ns;
}

NnsDevice *
nns_sim_caller_device(NnsBackend *be, int pid, int ifindex, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  NnsDevice *dev = nns_netns_device_by_index(ns, ifindex);
  if (!dev)
    nns_set_errno(error, ENODEV);
  return dev;
}

/* IFLA_NET_NS_PID / IFLA_NET_NS_FD: the namespace a request names. */
static NnsNetns *
target_ns(NnsBackend *be, const NnsLinkChange *req, GError **error)
{
  if (req->mask & NNS_LINK_SET_NETNS_PID) {
    NnsProcess *p = nns_world_process(world_of(be), req->netns_pid);
    if (!p) {
      nns_set_errno(error, ESRCH);
      return NULL;
    }
    return p->ns;
  }
  if (req->mask & NNS_LINK_SET_NETNS_NAME) {
    NnsNetns *ns = nns_world_netns_by_name(world_of(be), req->netns_name);
    if (!ns)
      nns_set_errno(error, ENOENT);
    return ns;
  }
  return NULL;
}

static NnsKind
kind_from_name(const char *kind)
{
  if (g_str_equal(kind, "veth"))
    return NNS_KIND_VETH;
  if (g_str_equal(kind, "bridge"))
    return NNS_KIND_BRIDGE;
  if (g_str_equal(kind, "dummy"))
    return NNS_KIND_DUMMY;
  if (g_str_equal(kind, "ifb"))
    return NNS_KIND_IFB;
  return NNS_KIND_PHYSICAL;
}

/* rtnl_configure_link: the flags (up among them) as one change. */
static void
configure_link(NnsDevice *dev, const NnsLinkChange *c)
{
  if (c->flags_change)
    nns_device_change_flags(dev, c->flags | ((c->mask & NNS_LINK_SET_UP) ? IFF_UP : 0),
                            c->flags_change | ((c->mask & NNS_LINK_SET_UP) ? IFF_UP : 0));
  else if (c->mask & NNS_LINK_SET_UP)
    nns_device_set_up(dev, TRUE, NULL);
}

/* Attributes that a new link may carry besides its name and netns, up to
 * the driver's newlink (configure_link follows). */
static gboolean
apply_create_attrs(NnsDevice *dev, const NnsLinkChange *c, GError **error)
{
  if ((c->mask & NNS_LINK_SET_MTU) && !nns_device_set_mtu(dev, c->mtu, error))
    return FALSE;
  if ((c->mask & NNS_LINK_SET_ADDRESS) && dev->kind == NNS_KIND_BRIDGE) {
    /* br_dev_newlink: the address makes the bridge id (and its fdb entry). */
    nns_bridge_set_address(dev, c->addr);
  } else if (c->mask & NNS_LINK_SET_ADDRESS) {
    /* An address given at creation is taken as it is (even by ifb). */
    memcpy(dev->mac, c->addr, 6);
    dev->mac_set = TRUE;
  }
  if (c->mask & NNS_LINK_SET_TXQLEN)
    dev->txqlen = c->txqlen;
  if (c->mask & NNS_LINK_SET_NUM_TX_QUEUES)
    dev->num_tx_queues = dev->real_num_tx_queues = c->num_tx_queues;
  if (c->mask & NNS_LINK_SET_NUM_RX_QUEUES)
    dev->num_rx_queues = c->num_rx_queues;
  if (c->mask & NNS_LINK_SET_ALIAS)
    nns_device_set_alias(dev, c->alias);
  if (c->mask & NNS_LINK_SET_GROUP)
    dev->group = c->group;
  /* rtnl_create_link: the operstate and link mode before the device
   * registers (a veth's carrier going off at once redoes the first). */
  NnsLinkChange stored = *c;
  stored.mask &= ~(guint) NNS_LINK_SET_ADDR_GEN_MODE;
  nns_sim_link_attrs_apply(dev, &stored);
  if (dev->kind == NNS_KIND_VETH && (c->mask & NNS_LINK_SET_OPERSTATE))
    nns_operstate_linkwatch(dev, nns_operstate_raw(dev));
  return TRUE;
}

/* is_valid_ether_addr: not multicast, not all zeroes. */
static gboolean
ether_addr_valid(const guint8 a[6])
{
  return !(a[0] & 1) && (a[0] | a[1] | a[2] | a[3] | a[4] | a[5]);
}

/* The checks of a driver's ->validate (veth_validate, br_validate, ...):
 * an address that is no unicast address; for a veth (the main device's
 * attributes and, in veth_newlink, the peer's) an MTU outside
 * ETH_MIN_MTU..ETH_MAX_MTU, refused without an extack message. */
static gboolean
validate_create_attrs(NnsKind kind, const NnsLinkChange *c, GError **error)
{
  if (kind == NNS_KIND_VETH && (c->mask & NNS_LINK_SET_MTU) && (c->mtu < 68 || c->mtu > 65535)) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if ((c->mask & NNS_LINK_SET_ADDRESS) && c->addr_len && c->addr_len != 6) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if ((c->mask & NNS_LINK_SET_ADDRESS) && !ether_addr_valid(c->addr)) {
    nns_set_errno(error, EADDRNOTAVAIL);
    return FALSE;
  }
  return TRUE;
}

/* rtnl_create_link: the queue counts asked for, else the kind's own. */
static gboolean
check_create_queues(const NnsLinkChange *c, GError **error)
{
  if ((c->mask & NNS_LINK_SET_NUM_TX_QUEUES) && (c->num_tx_queues < 1 || c->num_tx_queues > 4096)) {
    nns_set_extack(error, EINVAL, "Invalid number of transmit queues");
    return FALSE;
  }
  if ((c->mask & NNS_LINK_SET_NUM_RX_QUEUES) && (c->num_rx_queues < 1 || c->num_rx_queues > 4096)) {
    nns_set_extack(error, EINVAL, "Invalid number of receive queues");
    return FALSE;
  }
  return TRUE;
}

/* The ifindex a creation asks for (ifi_index), 0 for any. */
static int
link_index(const NnsLinkChange *c)
{
  return (c->mask & NNS_LINK_SET_INDEX) ? c->index : 0;
}

static gboolean
sim_link_create(NnsBackend *be, int pid, const NnsLinkCreate *req, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  NnsNetns *dev_ns = ns, *peer_ns = ns;
  if (req->link.mask & (NNS_LINK_SET_NETNS_PID | NNS_LINK_SET_NETNS_NAME)) {
    if (!(dev_ns = target_ns(be, &req->link, error)))
      return FALSE;
    peer_ns = dev_ns;
  }
  if (req->has_peer && (req->peer.mask & (NNS_LINK_SET_NETNS_PID | NNS_LINK_SET_NETNS_NAME))) {
    if (!(peer_ns = target_ns(be, &req->peer, error)))
      return FALSE;
  }
  /* nla_policy: IFLA_IFNAME holds at most IFNAMSIZ - 1 bytes. */
  if (((req->link.mask & NNS_LINK_SET_NAME) && strlen(req->link.name) > NNS_NAME_MAX) ||
      (req->has_peer && (req->peer.mask & NNS_LINK_SET_NAME) && strlen(req->peer.name) > NNS_NAME_MAX)) {
    nns_set_extack(error, EINVAL, "Attribute failed policy validation");
    return FALSE;
  }
  NnsKind kind = kind_from_name(req->kind);
  const char *name = (req->link.mask & NNS_LINK_SET_NAME) ? req->link.name : NULL;
  /* Check the attributes that can fail before anything is created, in
   * the order recorded on the kernel: the driver's validate of the
   * device's attributes, then of the peer's; an existing name (which
   * nns_veth_create / nns_device_create answer); rtnl_create_link's
   * queue counts and MTU for the device, then the peer's queue counts. */
  gboolean peer_attrs = kind == NNS_KIND_VETH && req->has_peer;
  if (!nns_sim_link_attrs_check(ns, kind, NULL, &req->link, error) ||
      (peer_attrs && !nns_sim_link_attrs_check(ns, kind, NULL, &req->peer, error)))
    return FALSE;
  if (!validate_create_attrs(kind, &req->link, error) ||
      (peer_attrs && !validate_create_attrs(kind, &req->peer, error)))
    return FALSE;
  if (!name || !nns_netns_device_by_name(dev_ns, name)) {
    if (!check_create_queues(&req->link, error))
      return FALSE;
    if (req->link.mask & NNS_LINK_SET_MTU) {
      NnsDevice probe = { .kind = kind };
      if (!nns_device_check_mtu(&probe, req->link.mtu, error))
        return FALSE;
    }
    if (peer_attrs && !check_create_queues(&req->peer, error))
      return FALSE;
  }
  NnsDevice *dev;
  if (kind == NNS_KIND_VETH) {
    const char *peer_name = req->has_peer && (req->peer.mask & NNS_LINK_SET_NAME) ? req->peer.name : NULL;
    int peer_index = req->has_peer && (req->peer.mask & NNS_LINK_SET_INDEX) ? req->peer.index : 0;
    dev = nns_veth_create_at(dev_ns, name, link_index(&req->link), peer_ns, peer_name, peer_index, error);
    if (dev && req->has_peer) {
      apply_create_attrs(dev->peer, &req->peer, NULL);
      configure_link(dev->peer, &req->peer);
    } else if (dev) {
      /* No VETH_INFO_PEER: veth_newlink makes the peer from the device's
       * own attributes (rtnl_create_link's: MTU, queue length, group,
       * queue counts), but neither its address nor its flags. */
      NnsLinkChange inherited = req->link;
      inherited.mask &= NNS_LINK_SET_MTU | NNS_LINK_SET_TXQLEN | NNS_LINK_SET_GROUP |
                        NNS_LINK_SET_NUM_TX_QUEUES | NNS_LINK_SET_NUM_RX_QUEUES;
      inherited.flags_change = 0;
      apply_create_attrs(dev->peer, &inherited, NULL);
      configure_link(dev->peer, &inherited);
    }
  } else {
    dev = nns_device_create_at(dev_ns, kind, name, link_index(&req->link), error);
  }
  if (!dev)
    return FALSE;
  /* veth_init_queues(peer, tb) reads the device's own attributes: the peer
   * uses all its queues only when the device was given numtxqueues. */
  if (kind == NNS_KIND_VETH)
    dev->peer->real_num_tx_queues = (req->link.mask & NNS_LINK_SET_NUM_TX_QUEUES) ? dev->peer->num_tx_queues : 1;
  if (!apply_create_attrs(dev, &req->link, error))
    return FALSE;
  /* br_dev_newlink: a setting the bridge refuses unregisters it again
   * (its ifindex spent). */
  if (kind == NNS_KIND_BRIDGE && !nns_sim_bridge_changelink(dev, &req->link.br, error)) {
    nns_device_delete(dev);
    return FALSE;
  }
  configure_link(dev, &req->link);
  return TRUE;
}

static gboolean sim_link_change(NnsBackend *be, int pid, int ifindex, const NnsLinkChange *req,
                                GError **error);

/* rtnl_group_changelink: each device of the group in turn. */
static gboolean
group_change(NnsBackend *be, int pid, const NnsLinkChange *req, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  g_autoptr(GArray) members = g_array_new(FALSE, FALSE, sizeof(int));
  for (guint i = 0; i < devs->len; i++)
    if (((NnsDevice *) devs->pdata[i])->group == req->group)
      g_array_append_val(members, ((NnsDevice *) devs->pdata[i])->ifindex);
  NnsLinkChange one = *req;
  one.group_wide = FALSE;
  for (guint i = 0; i < members->len; i++)
    if (!sim_link_change(be, pid, g_array_index(members, int, i), &one, error))
      return FALSE;
  return TRUE;
}

/* do_setlink, with its checks made before any change. */
static gboolean
sim_link_change(NnsBackend *be, int pid, int ifindex, const NnsLinkChange *req, GError **error)
{
  if (req->group_wide)
    return group_change(be, pid, req, error);
  NnsDevice *dev = nns_sim_caller_device(be, pid, ifindex, error);
  if (!dev)
    return FALSE;
  if (!nns_sim_link_attrs_check(dev->ns, dev->kind, dev, req, error))
    return FALSE;
  /* IFLA_INFO_DATA goes to the device's own changelink, before anything
   * else of the request (__rtnl_newlink); only a bridge has one here. */
  if (req->br.mask) {
    if (dev->kind != NNS_KIND_BRIDGE || !req->info_kind || !g_str_equal(req->info_kind, "bridge")) {
      nns_set_errno(error, EOPNOTSUPP);
      return FALSE;
    }
    if (!nns_sim_bridge_changelink(dev, &req->br, error))
      return FALSE;
  }
  NnsNetns *target = NULL;
  if (req->mask & (NNS_LINK_SET_NETNS_PID | NNS_LINK_SET_NETNS_NAME)) {
    if (!(target = target_ns(be, req, error)))
      return FALSE;
    if (target != dev->ns && (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_BRIDGE ||
                              dev->kind == NNS_KIND_IPIP)) {
      nns_set_extack(error, EINVAL, "The interface netns is immutable");
      return FALSE;
    }
    const char *final_name = (req->mask & NNS_LINK_SET_NAME) ? req->name : dev->name;
    if (target != dev->ns && nns_netns_device_by_name(target, final_name)) {
      nns_set_extack(error, EEXIST, "An interface with the same name exists in the target netns");
      return FALSE;
    }
  }
  if ((req->mask & NNS_LINK_SET_MTU) && !nns_device_check_mtu(dev, req->mtu, error))
    return FALSE;
  NnsDevice *master = NULL;
  if ((req->mask & NNS_LINK_SET_MASTER) && req->master_ifindex) {
    master = nns_netns_device_by_index(dev->ns, req->master_ifindex);
    if (!master) {
      nns_set_errno(error, EINVAL);
      return FALSE;
    }
  }
  if (req->mask & NNS_LINK_SET_NAME) {
    NnsNetns *where = target ? target : dev->ns;
    if (!g_str_equal(req->name, dev->name)) {
      if (!nns_device_name_valid(req->name)) {
        nns_set_errno(error, EINVAL);
        return FALSE;
      }
      if (nns_netns_device_by_name(where, req->name)) {
        nns_set_errno(error, EEXIST);
        return FALSE;
      }
    }
  }
  /* do_set_proto_down: none of the modelled drivers can; IFLA_CARRIER
   * needs ndo_change_carrier (a dummy's).  Refused before any change. */
  if (req->mask & (NNS_LINK_SET_PROTODOWN | NNS_LINK_SET_PROTODOWN_REASON)) {
    nns_set_extack(error, EOPNOTSUPP, "Protodown not supported by device");
    return FALSE;
  }
  if ((req->mask & NNS_LINK_SET_CARRIER) && dev->kind != NNS_KIND_DUMMY) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }

  if (target && !nns_device_move_at(dev, target, (req->mask & NNS_LINK_SET_INDEX) ? req->index : 0, error))
    return FALSE;
  if ((req->mask & NNS_LINK_SET_ADDRESS) && !nns_device_set_mac(dev, req->addr, error))
    return FALSE;
  if ((req->mask & NNS_LINK_SET_MTU) && !nns_device_set_mtu(dev, req->mtu, error))
    return FALSE;
  if (req->mask & NNS_LINK_SET_GROUP)
    dev->group = req->group;
  if ((req->mask & NNS_LINK_SET_NAME) && !nns_device_rename(dev, req->name, error))
    return FALSE;
  if (req->mask & NNS_LINK_SET_ALIAS)
    nns_device_set_alias(dev, req->alias);
  if (req->flags_change) {
    guint flags = req->flags, change = req->flags_change & ~(guint) IFF_UP;
    if (req->mask & (NNS_LINK_SET_UP | NNS_LINK_SET_DOWN)) {
      change |= IFF_UP;
      flags = (flags & ~(guint) IFF_UP) | ((req->mask & NNS_LINK_SET_UP) ? IFF_UP : 0);
    }
    nns_device_change_flags(dev, flags, change);
  } else if (req->mask & (NNS_LINK_SET_UP | NNS_LINK_SET_DOWN)) {
    nns_device_set_up(dev, (req->mask & NNS_LINK_SET_UP) != 0, NULL);
  }
  if ((req->mask & NNS_LINK_SET_MASTER) && !nns_device_set_master(dev, master, error))
    return FALSE;
  if ((req->mask & NNS_LINK_SET_CARRIER) && !nns_device_change_carrier(dev, req->carrier, error))
    return FALSE;
  if (req->mask & NNS_LINK_SET_TXQLEN)
    dev->txqlen = req->txqlen;
  nns_sim_link_attrs_apply(dev, req);
  return TRUE;
}

static gboolean
sim_link_delete(NnsBackend *be, int pid, int ifindex, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, ifindex, error);
  if (!dev)
    return FALSE;
  if (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_PHYSICAL) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }
  /* ip_tunnel_dellink leaves the fallback tunnel in place, silently. */
  if (nns_tunnel_is_fallback(dev))
    return TRUE;
  nns_device_delete(dev);
  return TRUE;
}

/* Frames due by now (the kernel's own traffic the instant a link came
 * up) are on the counters before they are read. */
static void
catch_up(NnsBackend *be)
{
  SimBackend *sim = (SimBackend *) be;
  nns_engine_run_until(sim->engine, sim->world->clock_us);
}

static GPtrArray *
sim_link_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  catch_up(be);
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  GPtrArray *out = g_ptr_array_new_full(devs->len, (GDestroyNotify) nns_link_record_free);
  for (guint i = 0; i < devs->len; i++)
    g_ptr_array_add(out, nns_sim_link_record(devs->pdata[i]));
  return out;
}

static NnsLinkRecord *
sim_link_get(NnsBackend *be, int pid, const char *name, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  catch_up(be);
  NnsDevice *dev = nns_netns_device_by_name(ns, name);
  if (!dev) {
    nns_set_errno(error, ENODEV);
    return NULL;
  }
  return nns_sim_link_record(dev);
}

static gboolean
sim_addr_add(NnsBackend *be, int pid, const NnsAddrChange *req, gboolean replace, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, req->ifindex, error);
  if (!dev)
    return FALSE;
  NnsAddressSpec spec = {
    .local = req->local,
    .prefixlen = req->prefixlen,
    .has_broadcast = req->has_broadcast,
    .broadcast = req->broadcast,
    .scope = req->has_scope ? req->scope : NNS_SCOPE_DEFAULT,
    .label = req->label,
    .flags = req->flags,
  };
  return nns_address_add(dev, &spec, replace, error);
}

static gboolean
sim_addr_delete(NnsBackend *be, int pid, const NnsAddrChange *req, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, req->ifindex, error);
  if (!dev)
    return FALSE;
  return nns_address_del(dev, &req->local, req->has_peer_prefix ? req->prefixlen : -1, error);
}

static void
add_addr_records(GPtrArray *out, GPtrArray *addrs)
{
  for (guint j = 0; j < addrs->len; j++)
    g_ptr_array_add(out, nns_sim_addr_record(g_ptr_array_index(addrs, j)));
}

/* inet dumps come before inet6 ones, each in ifindex order. */
static GPtrArray *
sim_addr_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  if (family == AF_UNSPEC || family == AF_INET)
    for (guint i = 0; i < devs->len; i++)
      add_addr_records(out, ((NnsDevice *) devs->pdata[i])->addrs4);
  if (family == AF_UNSPEC || family == AF_INET6)
    for (guint i = 0; i < devs->len; i++)
      add_addr_records(out, ((NnsDevice *) devs->pdata[i])->addrs6);
  return out;
}

static GPtrArray *
sim_route_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  guint8 families[] = { AF_INET, AF_INET6 };
  for (gsize f = 0; f < G_N_ELEMENTS(families); f++) {
    if (family != AF_UNSPEC && family != families[f])
      continue;
    nns_sim_route_records(ns, families[f], out);
  }
  return out;
}

static int
sim_nsid_of_name(NnsBackend *be, int pid, const char *name)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, NULL);
  NnsNetns *peer = nns_world_netns_by_name(world_of(be), name);
  if (!ns || !peer)
    return -1;
  return nns_netns_peer_id(ns, peer);
}

static gboolean
sim_nsid_set(NnsBackend *be, int pid, const char *name, int nsid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return FALSE;
  NnsNetns *peer = nns_world_netns_by_name(world_of(be), name);
  if (!peer) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  return nns_netns_peer_id_set(ns, peer, nsid, error);
}

static gint
by_nsid(gconstpointer a, gconstpointer b)
{
  const NnsNsidPair *x = *(NnsNsidPair *const *) a, *y = *(NnsNsidPair *const *) b;
  return (x->nsid > y->nsid) - (x->nsid < y->nsid);
}

static GPtrArray *
sim_nsid_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, ns->nsid_peers);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    NnsNsidPair *p = g_new0(NnsNsidPair, 1);
    p->nsid = GPOINTER_TO_INT(key);
    p->current_nsid = p->nsid;
    g_ptr_array_add(out, p);
  }
  g_ptr_array_sort(out, by_nsid);
  return out;
}

static gboolean
sim_netns_add(NnsBackend *be, int pid, const char *name, GError **error)
{
  (void) pid;
  NnsWorld *world = world_of(be);
  if (nns_world_netns_by_name(world, name)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  NnsNetns *ns = nns_netns_new(world, nns_world_alloc_inode(world));
  return nns_world_bind_name(world, name, ns, error);
}

static gboolean
sim_netns_delete(NnsBackend *be, const char *name, GError **error)
{
  return nns_world_unbind_name(world_of(be), name, error);
}

static GPtrArray *
sim_netns_names(NnsBackend *be)
{
  return nns_world_names_newest_first(world_of(be));
}

static gboolean
sim_netns_attach(NnsBackend *be, const char *name, int pid, GError **error)
{
  NnsProcess *p = nns_world_process(world_of(be), pid);
  if (!p) {
    nns_set_errno(error, ESRCH);
    return FALSE;
  }
  return nns_world_bind_name(world_of(be), name, p->ns, error);
}

static int
sim_process_spawn(NnsBackend *be, int parent_pid, const char *netns_name, GError **error)
{
  NnsWorld *world = world_of(be);
  NnsNetns *ns;
  if (netns_name) {
    ns = nns_world_netns_by_name(world, netns_name);
    if (!ns) {
      nns_set_errno(error, ENOENT);
      return -1;
    }
  } else if (!(ns = nns_sim_caller_ns(be, parent_pid, error))) {
    return -1;
  }
  return nns_world_spawn(world, ns)->pid;
}

static void
sim_process_exit(NnsBackend *be, int pid)
{
  nns_world_exit(world_of(be), pid);
}

static gboolean
sim_process_exists(NnsBackend *be, int pid)
{
  return nns_world_process(world_of(be), pid) != NULL;
}

static guint64
sim_process_netns_inode(NnsBackend *be, int pid)
{
  NnsProcess *p = nns_world_process(world_of(be), pid);
  return p ? p->ns->inode : 0;
}

static guint64
sim_netns_inode(NnsBackend *be, const char *name)
{
  NnsNetns *ns = nns_world_netns_by_name(world_of(be), name);
  return ns ? ns->inode : 0;
}

static gint
int_compare(gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

static GArray *
sim_netns_pids(NnsBackend *be, const char *name)
{
  NnsWorld *world = world_of(be);
  NnsNetns *ns = nns_world_netns_by_name(world, name);
  GArray *pids = g_array_new(FALSE, FALSE, sizeof(int));
  if (!ns)
    return pids;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, world->processes);
  while (g_hash_table_iter_next(&it, NULL, &value))
    if (((NnsProcess *) value)->ns == ns)
      g_array_append_val(pids, ((NnsProcess *) value)->pid);
  g_array_sort(pids, int_compare);
  return pids;
}

static char *
sim_sysctl_get(NnsBackend *be, int pid, const char *path, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  char *v = nns_sysctl_read(ns, path);
  int err = ENOENT;
  /* The per-device trees know their errors (EIO: stable_secret). */
  if (!v && nns_conf_owns(path))
    g_free(nns_conf_read(ns, path, &err));
  if (!v)
    nns_set_errno(error, err);
  return v;
}

static gboolean
sim_sysctl_set(NnsBackend *be, int pid, const char *path, const char *value, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  return ns && nns_sysctl_set(ns, path, value, error);
}

static GPtrArray *
sim_sysctl_list(NnsBackend *be, int pid, const char *dir)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, NULL);
  return ns ? nns_sysctl_list(ns, dir) : NULL;
}

static gboolean
sim_nic_plug(NnsBackend *be, const char *name, GError **error)
{
  return nns_device_create(world_of(be)->root, NNS_KIND_PHYSICAL, name, error) != NULL;
}

/* Time passing lets the engine run its timers (neighbour states...). */
static void
sim_clock_advance(NnsBackend *be, guint64 ms)
{
  SimBackend *sim = (SimBackend *) be;
  nns_engine_run_until(sim->engine, sim->world->clock_us + ms * 1000);
}

static GArray *
sim_kmsg_dump(NnsBackend *be, GError **error)
{
  (void) error;
  return nns_kmsg_dump(((SimBackend *) be)->world->kmsg);
}

static void
sim_kmsg_clear(NnsBackend *be)
{
  nns_kmsg_clear(((SimBackend *) be)->world->kmsg);
}

static gboolean
sim_ping(NnsBackend *be, int pid, const NnsPingRequest *req, NnsPingResult *res, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  return ns && nns_net_ping(((SimBackend *) be)->engine, ns, req, res, error);
}

static void
sim_free(NnsBackend *be)
{
  nns_engine_free(((SimBackend *) be)->engine);
  nns_world_free(world_of(be));
  g_free(be);
}

/* ---- Traffic control ---------------------------------------------- */

static NnsQdiscRequest
qdisc_request(const NnsQdiscRecord *req, guint nlflags)
{
  NnsQdiscRequest r = {
    .root = req->parent == 0xffffffffu,
    .handle = req->handle,
    .kind = req->kind[0] ? req->kind : NULL,
    .has_limit = req->has_limit,
    .limit = req->limit,
  };
  if (nlflags & NNS_NLM_CREATE)
    r.nlflags |= NNS_QDISC_CREATE;
  if (nlflags & NNS_NLM_EXCL)
    r.nlflags |= NNS_QDISC_EXCL;
  if (nlflags & NNS_NLM_REPLACE)
    r.nlflags |= NNS_QDISC_REPLACE;
  return r;
}

static gboolean
sim_qdisc_modify(NnsBackend *be, int pid, const NnsQdiscRecord *req, guint nlflags, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, req->ifindex, error);
  NnsQdiscRequest r = qdisc_request(req, nlflags);
  return dev && nns_qdisc_modify(dev, &r, error);
}

static gboolean
sim_qdisc_delete(NnsBackend *be, int pid, const NnsQdiscRecord *req, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, req->ifindex, error);
  NnsQdiscRequest r = qdisc_request(req, 0);
  return dev && nns_qdisc_delete(dev, &r, error);
}

static GPtrArray *
sim_qdisc_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < devs->len; i++) {
    NnsDevice *dev = devs->pdata[i];
    /* noop_qdisc (nothing attached) is builtin: not dumped. */
    g_autoptr(GPtrArray) qdiscs = nns_qdisc_list(dev);
    for (guint k = 0; k < qdiscs->len; k++) {
      const NnsQdisc *q = qdiscs->pdata[k];
      NnsQdiscRecord *r = g_new0(NnsQdiscRecord, 1);
      r->ifindex = dev->ifindex;
      g_strlcpy(r->kind, q->kind, sizeof r->kind);
      r->handle = q->handle;
      r->parent = q->parent;
      r->refcnt = nns_qdisc_refcnt(dev, q);
      r->has_limit = g_str_equal(r->kind, "pfifo") || g_str_equal(r->kind, "bfifo");
      r->limit = q->limit;
      r->quantum = q->quantum;
      nns_qdisc_sent(dev, q, &r->sent_bytes, &r->sent_packets);
      g_ptr_array_add(out, r);
    }
  }
  return out;
}

static gboolean
sim_module_load(NnsBackend *be, const char *name, GError **error)
{
  return nns_module_load(world_of(be), name, error);
}

static const NnsBackendOps sim_ops = {
  .name = "sim",
  .link_create = sim_link_create,
  .link_change = sim_link_change,
  .link_delete = sim_link_delete,
  .link_dump = sim_link_dump,
  .link_get = sim_link_get,
  .addr_add = sim_addr_add,
  .addr_delete = sim_addr_delete,
  .addr_dump = sim_addr_dump,
  .route_dump = sim_route_dump,
  .route_dump_cloned = nns_sim_route_dump_cloned,
  .maddr_dump = nns_sim_maddr_dump,
  .maddr_change = nns_sim_maddr_change,
  .route_add = nns_sim_route_add,
  .route_delete = nns_sim_route_delete,
  .route_get = nns_sim_route_get,
  .route_table_exists = nns_sim_route_table_exists,
  .rule_add = nns_sim_rule_add,
  .rule_delete = nns_sim_rule_delete,
  .rule_dump = nns_sim_rule_dump,
  .neigh_add = nns_sim_neigh_add,
  .neigh_delete = nns_sim_neigh_delete,
  .neigh_dump = nns_sim_neigh_dump,
  .fdb_dump = nns_sim_fdb_dump,
  .fdb_add = nns_sim_fdb_add,
  .fdb_delete = nns_sim_fdb_delete,
  .brport_change = nns_sim_brport_change,
  .nsid_of_name = sim_nsid_of_name,
  .nsid_set = sim_nsid_set,
  .nsid_dump = sim_nsid_dump,
  .netns_add = sim_netns_add,
  .netns_delete = sim_netns_delete,
  .netns_names = sim_netns_names,
  .netns_attach = sim_netns_attach,
  .process_spawn = sim_process_spawn,
  .process_exit = sim_process_exit,
  .process_exists = sim_process_exists,
  .process_netns_inode = sim_process_netns_inode,
  .netns_inode = sim_netns_inode,
  .netns_pids = sim_netns_pids,
  .sysctl_get = sim_sysctl_get,
  .sysctl_set = sim_sysctl_set,
  .sysctl_list = sim_sysctl_list,
  .nic_plug = sim_nic_plug,
  .clock_advance = sim_clock_advance,
  .kmsg_dump = sim_kmsg_dump,
  .kmsg_clear = sim_kmsg_clear,
  .ping = sim_ping,
  /* Netfilter: sim-netfilter.c. */
  .nf_table_dump = nns_sim_nf_table_dump,
  .nf_rule_add = nns_sim_nf_rule_add,
  .nf_rule_delete = nns_sim_nf_rule_delete,
  .nf_rule_replace = nns_sim_nf_rule_replace,
  .nf_chain_policy = nns_sim_nf_chain_policy,
  .nf_chain_flush = nns_sim_nf_chain_flush,
  .nf_chain_zero = nns_sim_nf_chain_zero,
  .nf_chain_new = nns_sim_nf_chain_new,
  .nf_chain_delete = nns_sim_nf_chain_delete,
  .nf_chain_rename = nns_sim_nf_chain_rename,
  .nf_table_replace = nns_sim_nf_table_replace,
  .qdisc_modify = sim_qdisc_modify,
  .qdisc_delete = sim_qdisc_delete,
  .qdisc_dump = sim_qdisc_dump,
  .module_load = sim_module_load,
  .nf_ct_dump = nns_sim_nf_ct_dump,
  .nf_ct_flush = nns_sim_nf_ct_flush,
  .free = sim_free,
};

/* The `host` world: lo up, a physical eth0 with an address and a default
 * route towards a gateway, as on a typical machine. */
static void
build_host_world(NnsWorld *world)
{
  NnsNetns *root = world->root;
  nns_device_set_up(nns_netns_device_by_name(root, "lo"), TRUE, NULL);
  NnsDevice *eth0 = nns_device_create(root, NNS_KIND_PHYSICAL, "eth0", NULL);
  nns_device_set_up(eth0, TRUE, NULL);
  NnsAddressSpec spec = { .prefixlen = 24, .has_broadcast = TRUE, .scope = NNS_SCOPE_DEFAULT };
  nns_inet_parse("10.0.2.15", &spec.local);
  nns_inet_parse("10.0.2.255", &spec.broadcast);
  nns_address_add(eth0, &spec, FALSE, NULL);
  NnsRoute def = {
    .family = AF_INET, .table = RT_TABLE_MAIN, .type = RTN_UNICAST, .protocol = RTPROT_BOOT,
    .scope = RT_SCOPE_UNIVERSE, .dst = { .family = AF_INET }, .has_gateway = TRUE, .dev = eth0,
  };
  nns_inet_parse("10.0.2.2", &def.gateway);
  nns_route_add(root, &def);
  nns_sim_upstream_attach(world, eth0);
  /* Everything the host did before the user arrived is in the past. */
  nns_world_advance(world, 60000);
}

NnsBackend *
nns_sim_backend_new(NnsWorldKind kind, guint32 seed)
{
  SimBackend *be = g_new0(SimBackend, 1);
  be->parent.ops = &sim_ops;
  be->world = nns_world_new(seed);
  be->engine = nns_engine_new(be->world);
  if (kind == NNS_WORLD_HOST)
    build_host_world(be->world);
  return &be->parent;
}
