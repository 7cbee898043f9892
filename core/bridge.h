/* Bridges and their ports, as net/bridge keeps them: ports joining and
 * leaving, the port states (disabled, listening, learning, forwarding,
 * blocking) and their forward delay timer, the bridge id and its address,
 * the bridge's carrier, the settings `ip link ... type bridge` changes
 * (IFLA_BR_*) and those `bridge link set` changes (IFLA_BRPORT_*).
 *
 * STP: without it every enabled port forwards at once.  With it (kernel
 * STP, as any namespace but init's has) a bridge alone on its segment is
 * the root and every port designated: an enabled port listens, learns and
 * forwards, a forward delay apart, and a port starting to forward is a
 * topology change (the ageing time is twice the forward delay until the
 * forward delay and the max age have passed).  BPDUs, root elections
 * between bridges and the hello timer are not modelled
 * (docs/known-gaps.md).
 *
 * Times: the kernel keeps them in jiffies and netlink carries clock_t
 * (1/100 s); the reference kernel (Debian 12's, the recording machine's)
 * runs at HZ 250, so a value goes in as floor(cs * 5 / 2) jiffies and
 * comes back as floor(j * 2 / 5) centiseconds: 201 reads back 200. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

#define NNS_BRIDGE_HZ 250

/* The port flags (the kernel's BR_* of net_bridge_port.flags). */
typedef enum {
  NNS_BRPORT_HAIRPIN        = 1 << 0,   /* IFLA_BRPORT_MODE */
  NNS_BRPORT_GUARD          = 1 << 1,   /* BPDU guard */
  NNS_BRPORT_ROOT_BLOCK     = 1 << 2,   /* IFLA_BRPORT_PROTECT */
  NNS_BRPORT_FAST_LEAVE     = 1 << 3,
  NNS_BRPORT_LEARNING       = 1 << 4,
  NNS_BRPORT_FLOOD          = 1 << 5,   /* unknown unicast */
  NNS_BRPORT_MCAST_FLOOD    = 1 << 6,
  NNS_BRPORT_BCAST_FLOOD    = 1 << 7,
  NNS_BRPORT_MCAST_TO_UCAST = 1 << 8,
  NNS_BRPORT_NEIGH_SUPPRESS = 1 << 9,
  NNS_BRPORT_VLAN_TUNNEL    = 1 << 10,
  NNS_BRPORT_ISOLATED       = 1 << 11,
  NNS_BRPORT_LOCKED         = 1 << 12,
  NNS_BRPORT_PROXYARP       = 1 << 13,
  NNS_BRPORT_PROXYARP_WIFI  = 1 << 14,
} NnsBrportFlag;

/* new_nbp's. */
#define NNS_BRPORT_DEFAULT_FLAGS \
  (NNS_BRPORT_LEARNING | NNS_BRPORT_FLOOD | NNS_BRPORT_MCAST_FLOOD | NNS_BRPORT_BCAST_FLOOD)

/* clock_t (what netlink carries) and the kernel's jiffies. */
guint32 nns_bridge_jiffies(guint32 clock_t_value);
guint32 nns_bridge_clock_t(guint32 jiffies);
guint64 nns_bridge_jiffies_us(guint32 jiffies);

/* A new bridge's defaults (br_dev_setup, br_stp_timer_init). */
void nns_bridge_init(NnsDevice *br);
/* The device is going away: its pending timer with it. */
void nns_bridge_forget(NnsDevice *dev);

/* br_add_if (the caller checked the device may join) and br_del_if. */
void nns_bridge_add_port(NnsDevice *br, NnsDevice *port);
void nns_bridge_remove_port(NnsDevice *port);
/* After the bridge went up or down: br_stp_enable_bridge /
 * br_stp_disable_bridge for each port, and the bridge's own carrier. */
void nns_bridge_update(NnsDevice *br);
/* A port went up or down or changed carrier: br_port_carrier_check of
 * that port alone (a state the user set on another port stays). */
void nns_bridge_port_changed(NnsDevice *port);
/* br_set_mac_address: the user gave the bridge an address. */
void nns_bridge_set_address(NnsDevice *br, const guint8 mac[6]);
/* NETDEV_CHANGEADDR on a port: its local fdb entry, then the bridge id. */
void nns_bridge_port_address_changed(NnsDevice *port);

/* IFLA_BR_*: clock_t values, checked as br_changelink's setters check
 * them (ERANGE), applied one by one. */
gboolean nns_bridge_set_forward_delay(NnsDevice *br, guint32 cs, GError **error);
gboolean nns_bridge_set_hello_time(NnsDevice *br, guint32 cs, GError **error);
gboolean nns_bridge_set_max_age(NnsDevice *br, guint32 cs, GError **error);
void nns_bridge_set_ageing_time(NnsDevice *br, guint32 cs);
void nns_bridge_set_stp_state(NnsDevice *br, guint32 val);
void nns_bridge_set_priority(NnsDevice *br, guint16 prio);

/* IFLA_BRPORT_* (br_setport, in its order): the flags under mask, then
 * cost, priority and state, each failing alone (ERANGE, EINVAL, EBUSY,
 * ENETDOWN) after what came before it was applied. */
void nns_bridge_port_set_flags(NnsDevice *port, guint32 flags, guint32 mask);
gboolean nns_bridge_port_set_cost(NnsDevice *port, guint32 cost, GError **error);
gboolean nns_bridge_port_set_priority(NnsDevice *port, guint16 prio, GError **error);
gboolean nns_bridge_port_set_state(NnsDevice *port, guint8 state, GError **error);
gboolean nns_bridge_port_set_mcast_router(NnsDevice *port, guint8 type, GError **error);
/* backup NULL: nobackup_port.  ENOENT: not a bridge port; EINVAL: of
 * another bridge, or the port itself. */
gboolean nns_bridge_port_set_backup(NnsDevice *port, NnsDevice *backup, GError **error);

/* The port id (br_make_port_id) and the forward delay timer's remaining
 * time in centiseconds (0 when not pending). */
guint16 nns_bridge_port_id(const NnsDevice *port);
guint64 nns_bridge_port_timer_cs(const NnsDevice *port);
/* The bridge's topology change timer's remaining centiseconds. */
guint64 nns_bridge_tc_timer_cs(const NnsDevice *br);
/* has_expired's hold time, in microseconds. */
guint64 nns_bridge_hold_us(const NnsDevice *br);

/* Fire every timer due by until_us, in time order, each at its own time
 * (the clock is set to it). */
void nns_bridge_run_timers(NnsWorld *world, guint64 until_us);
/* The order of world->bridge_timers (a GTree of the devices whose timer
 * is pending): expiry, then namespace and ifindex. */
gint nns_bridge_timer_order(gconstpointer a, gconstpointer b);

G_END_DECLS
