/* Devices and their life: creation per kind, deletion (a veth pair dies
 * whole), renaming, moving between namespaces, up/down with the carrier
 * that follows, bridge ports, and the flags/operstate the kernel reports. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* Create and register a device with the next free ifindex. */
NnsDevice *nns_device_new(NnsNetns *ns, NnsKind kind, const char *name);
/* ... with the ifindex asked for (0: the next free one). */
NnsDevice *nns_device_new_at(NnsNetns *ns, NnsKind kind, const char *name, int ifindex);
/* The transmit and receive queues a new device of the kind gets when
 * IFLA_NUM_TX_QUEUES / IFLA_NUM_RX_QUEUES do not say (veth: one per
 * possible CPU of the reference machine, which has two; others one). */
guint nns_device_default_queues(NnsKind kind);
/* Free memory only (no semantics): used when a namespace is freed. */
void nns_device_free(NnsDevice *dev);
/* Note for the packet engine that what IPv6 announces for `dev` may have
 * changed (readiness, addresses, NOARP): world->ipv6_changed. */
void nns_device_ipv6_changed(NnsDevice *dev);

/* `name` is a valid interface name (dev_valid_name). */
gboolean nns_device_name_valid(const char *name);

/* RTM_NEWLINK for the kinds a user can create. */
NnsDevice *nns_device_create(NnsNetns *ns, NnsKind kind, const char *name, GError **error);
/* ... with the ifindex asked for (EEXIST when it is taken; 0: any). */
NnsDevice *nns_device_create_at(NnsNetns *ns, NnsKind kind, const char *name, int ifindex, GError **error);
/* A veth pair: the peer is registered first, in peer_ns. */
NnsDevice *nns_veth_create(NnsNetns *ns, const char *name, NnsNetns *peer_ns,
                           const char *peer_name, GError **error);
NnsDevice *nns_veth_create_at(NnsNetns *ns, const char *name, int ifindex, NnsNetns *peer_ns,
                              const char *peer_name, int peer_ifindex, GError **error);
/* Unregister: a veth end takes its peer along; a bridge frees its ports. */
void nns_device_delete(NnsDevice *dev);

gboolean nns_device_set_up(NnsDevice *dev, gboolean up, GError **error);
/* dev_change_flags (RTM_SETLINK's ifi_flags under ifi_change, or
 * SIOCSIFFLAGS): the settable flags (NOARP, MULTICAST, DYNAMIC, ...), up
 * or down, and the user's promiscuous and all-multicast modes. */
void nns_device_change_flags(NnsDevice *dev, guint flags, guint change);
/* netif_carrier_on/off as the drivers call it (a veth pair coming up, a
 * bridge's ports forwarding): what follows from it. */
void nns_device_set_carrier(NnsDevice *dev, gboolean on);
/* IFLA_CARRIER: only a dummy lets its carrier be set (EOPNOTSUPP). */
gboolean nns_device_change_carrier(NnsDevice *dev, gboolean on, GError **error);
gboolean nns_device_rename(NnsDevice *dev, const char *name, GError **error);
/* The kernel's range check of an MTU for this device. */
gboolean nns_device_check_mtu(const NnsDevice *dev, guint mtu, GError **error);
gboolean nns_device_set_mtu(NnsDevice *dev, guint mtu, GError **error);
gboolean nns_device_set_mac(NnsDevice *dev, const guint8 mac[6], GError **error);
void nns_device_set_alias(NnsDevice *dev, const char *alias);
/* br NULL: nomaster. */
gboolean nns_device_set_master(NnsDevice *dev, NnsDevice *br, GError **error);
/* dev_change_net_namespace. */
gboolean nns_device_move(NnsDevice *dev, NnsNetns *target, GError **error);
/* ... to the ifindex asked for (IFLA_NEW_IFINDEX; 0: keep it if free). */
gboolean nns_device_move_at(NnsDevice *dev, NnsNetns *target, int new_ifindex, GError **error);
/* A physical NIC whose namespace dies goes back to the root namespace. */
void nns_device_return_home(NnsDevice *dev);

/* What the kernel reports. */
guint nns_device_flags(const NnsDevice *dev);
guint8 nns_device_operstate(const NnsDevice *dev);
const char *nns_device_qdisc(const NnsDevice *dev);
guint nns_device_min_mtu(const NnsDevice *dev);
guint nns_device_max_mtu(const NnsDevice *dev);
/* A dump or a notification about the device: the kernel allocates an nsid
 * for the namespace at the other end of a veth when it fills one in. */
void nns_device_fill_notify(NnsDevice *dev);

G_END_DECLS
