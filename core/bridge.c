#include "core/bridge.h"
#include "core/device.h"
#include "core/error.h"
#include "core/fdb.h"
#include "core/world.h"

#include <errno.h>
#include <linux/if_bridge.h>
#include <string.h>

/* br_private_stp.h's bounds, in jiffies. */
#define HZ NNS_BRIDGE_HZ
#define MIN_FORWARD_DELAY (2 * HZ)
#define MAX_FORWARD_DELAY (30 * HZ)
#define MIN_HELLO_TIME (1 * HZ)
#define MAX_HELLO_TIME (10 * HZ)
#define MIN_MAX_AGE (6 * HZ)
#define MAX_MAX_AGE (40 * HZ)
#define MIN_PATH_COST 1
#define MAX_PATH_COST 65535
#define MAX_PORT_PRIORITY 63      /* (u16)~0 >> BR_PORT_BITS */
#define PORT_BITS 10
#define MDB_RTR_TYPE_TEMP 3

/* clock_t_to_jiffies / jiffies_to_clock_t at HZ 250 (not a multiple of
 * USER_HZ, so both divide, rounding down). */
guint32
nns_bridge_jiffies(guint32 cs)
{
  return (guint32) MIN((guint64) cs * HZ / 100, G_MAXUINT32);
}

guint32
nns_bridge_clock_t(guint32 jiffies)
{
  return (guint32) ((guint64) jiffies * 100 / HZ);
}

guint64
nns_bridge_jiffies_us(guint32 jiffies)
{
  return (guint64) jiffies * (1000000 / HZ);
}

static guint64
now_us(const NnsDevice *dev)
{
  return dev->ns->world->clock_us;
}

void
nns_bridge_init(NnsDevice *br)
{
  /* br_dev_setup and br_stp_timer_init's defaults. */
  br->br.max_age = 20 * HZ;
  br->br.hello_time = 2 * HZ;
  br->br.forward_delay = 15 * HZ;
  br->br.ageing_time = br->br.bridge_ageing_time = 300 * HZ;
  br->br.priority = 0x8000;
}

guint64
nns_bridge_hold_us(const NnsDevice *br)
{
  /* hold_time: the forward delay while the topology changes. */
  return nns_bridge_jiffies_us(br->br.topology_change ? br->br.forward_delay : br->br.ageing_time);
}

guint16
nns_bridge_port_id(const NnsDevice *port)
{
  return (guint16) (port->brport.priority << PORT_BITS | (port->port_no & ((1 << PORT_BITS) - 1)));
}

/* ------------------------------------------------------------------ */
/* Timers: a port's forward_delay_timer, a bridge's                    */
/* topology_change_timer.                                              */

static guint64 *
timer_of(NnsDevice *dev)
{
  return dev->kind == NNS_KIND_BRIDGE ? &dev->br.tc_timer_us : &dev->brport.fd_timer_us;
}

/* The world's pending timers in the order they expire (ties: namespace,
 * then ifindex, for a stable order). */
gint
nns_bridge_timer_order(gconstpointer a, gconstpointer b)
{
  NnsDevice *x = (NnsDevice *) a, *y = (NnsDevice *) b;
  guint64 tx = *timer_of(x), ty = *timer_of(y);
  if (tx != ty)
    return tx < ty ? -1 : 1;
  if (x->ns->inode != y->ns->inode)
    return x->ns->inode < y->ns->inode ? -1 : 1;
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

static void
timer_cancel(NnsDevice *dev)
{
  guint64 *t = timer_of(dev);
  if (*t)
    g_tree_remove(dev->ns->world->bridge_timers, dev);
  *t = 0;
}

static void
timer_arm(NnsDevice *dev, guint32 jiffies)
{
  timer_cancel(dev);
  *timer_of(dev) = now_us(dev) + nns_bridge_jiffies_us(jiffies);
  g_tree_insert(dev->ns->world->bridge_timers, dev, dev);
}

static guint64
timer_cs(const NnsDevice *dev, guint64 at)
{
  guint64 now = now_us(dev);
  return at > now ? (at - now) / 10000 : 0;
}

guint64
nns_bridge_tc_timer_cs(const NnsDevice *br)
{
  return timer_cs(br, br->br.tc_timer_us);
}

guint64
nns_bridge_port_timer_cs(const NnsDevice *port)
{
  return timer_cs(port, port->brport.fd_timer_us);
}

void
nns_bridge_forget(NnsDevice *dev)
{
  if (dev->kind == NNS_KIND_BRIDGE || dev->master)
    timer_cancel(dev);
}

/* ------------------------------------------------------------------ */
/* Topology changes.                                                   */

/* __br_set_topology_change: with kernel STP the ageing time in force is
 * twice the forward delay during a change, the one set otherwise. */
static void
set_topology_change(NnsDevice *br, gboolean val)
{
  if (br->br.stp && br->br.topology_change != val)
    br->br.ageing_time = val ? 2 * br->br.forward_delay : br->br.bridge_ageing_time;
  br->br.topology_change = val;
}

/* br_topology_change_detection by the root bridge (alone on its segment,
 * it is): a change, for the forward delay and the max age. */
static void
topology_change_detection(NnsDevice *br)
{
  if (!br->br.stp)
    return;
  set_topology_change(br, TRUE);
  timer_arm(br, br->br.forward_delay + br->br.max_age);
  br->br.topology_change_detected = TRUE;
}

/* ------------------------------------------------------------------ */
/* Port states.                                                        */

/* The address of the bridge id: a port's (or a set one), zero for a
 * bridge that never had a port and keeps its random address. */
static gboolean
has_id_address(const NnsDevice *br)
{
  return br->mac_set || br->had_ports;
}

/* Ports, none of them forwarding, and never a set address: a bridge that
 * never had a port is up with carrier. */
static gboolean
lone(const NnsDevice *br)
{
  return br->ports->len == 0 && !br->had_ports && !br->mac_set;
}

/* netif_carrier_on/off of the bridge: each flip of the kernel's bit is a
 * carrier change (recorded: fixtures/oracle/ip-stats2); while the bridge
 * is up its carrier is that bit. */
static void
set_bridge_carrier(NnsDevice *br, gboolean on)
{
  if (on != br->br_carrier_ok) {
    br->br_carrier_ok = on;
    br->carrier_changes++;
  }
  nns_device_set_carrier(br, br->admin_up && (on || lone(br)));
}

/* br_make_forwarding: a designated port leaves blocking. */
static void
make_forwarding(NnsDevice *p)
{
  NnsDevice *br = p->master;
  if (p->port_state != BR_STATE_BLOCKING)
    return;
  if (!br->br.stp || br->br.forward_delay == 0) {
    p->port_state = BR_STATE_FORWARDING;
    timer_cancel(p);
  } else {
    p->port_state = BR_STATE_LISTENING;
  }
  if (br->br.forward_delay != 0)
    timer_arm(p, br->br.forward_delay);
}

/* br_port_state_selection: alone on its segment the bridge is the root
 * and every enabled port designated; the bridge's carrier bit follows
 * whether one forwards. */
static void
state_selection(NnsDevice *br)
{
  gboolean live = FALSE;
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *p = g_ptr_array_index(br->ports, i);
    if (p->port_state == BR_STATE_DISABLED)
      continue;
    make_forwarding(p);
    live |= p->port_state == BR_STATE_FORWARDING;
  }
  set_bridge_carrier(br, live);
}

/* br_become_designated_port, for the priority it records. */
static void
become_designated(NnsDevice *p)
{
  p->brport.designated_prio = p->master->br.priority;
}

/* br_stp_enable_port: br_init_port, then a state selection. */
static void
port_enable(NnsDevice *p)
{
  become_designated(p);
  p->port_state = BR_STATE_BLOCKING;
  state_selection(p->master);
}

/* br_stp_disable_port: its learned entries go, unless a backup port
 * would take its traffic. */
static void
port_disable(NnsDevice *p)
{
  NnsDevice *br = p->master;
  become_designated(p);
  p->port_state = BR_STATE_DISABLED;
  timer_cancel(p);
  if (!p->brport.backup)
    nns_fdb_delete_by_port(br, p, FALSE);
  state_selection(br);
}

/* netif_running && netif_oper_up, with the bridge running. */
static gboolean
port_can_run(const NnsDevice *p)
{
  return p->master->admin_up && p->admin_up && p->carrier;
}

/* br_stp_change_bridge_id. */
static void
change_bridge_id(NnsDevice *br, const guint8 addr[6])
{
  nns_fdb_change_mac_address(br, addr);
  memcpy(br->mac, addr, 6);
  state_selection(br);
}

/* br_stp_recalculate_bridge_id: an automatic address follows the smallest
 * port address (zero without ports). */
static void
recalc_bridge_id(NnsDevice *br)
{
  if (br->mac_set)
    return;
  static const guint8 zero[6];
  const guint8 *addr = zero;
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *p = g_ptr_array_index(br->ports, i);
    if (addr == zero || memcmp(p->mac, addr, 6) < 0)
      addr = p->mac;
  }
  static const guint8 none[6];
  const guint8 *id = has_id_address(br) ? br->mac : none;
  if (memcmp(id, addr, 6) == 0)
    return;
  if (br->ports->len)
    br->had_ports = TRUE;
  change_bridge_id(br, addr);
}

void
nns_bridge_add_port(NnsDevice *br, NnsDevice *port)
{
  /* find_portno: the lowest number no other port holds. */
  guint16 no = 1;
  for (gboolean taken = TRUE; taken; no += taken) {
    taken = FALSE;
    for (guint i = 0; i < br->ports->len; i++)
      taken |= ((NnsDevice *) g_ptr_array_index(br->ports, i))->port_no == no;
  }
  /* new_nbp: port_cost (a veth reports 10 Gb/s), the default priority. */
  port->port_no = no;
  port->master = br;
  memset(&port->brport, 0, sizeof port->brport);
  port->brport.flags = NNS_BRPORT_DEFAULT_FLAGS;
  port->brport.path_cost = 2;
  port->brport.priority = 0x20;
  port->brport.mcast_router = 1;   /* MDB_RTR_TYPE_TEMP_QUERY */
  become_designated(port);
  port->port_state = BR_STATE_DISABLED;
  br->had_ports = TRUE;
  /* br_add_if: a port is promiscuous; multicast router ports see all groups. */
  port->promiscuity++;
  port->allmulti++;
  g_ptr_array_add(br->ports, port);
  nns_fdb_add_local(br, port, port->mac);
  recalc_bridge_id(br);
  if (port_can_run(port))
    port_enable(port);
  set_bridge_carrier(br, br->br_carrier_ok);
}

void
nns_bridge_remove_port(NnsDevice *port)
{
  NnsDevice *br = port->master;
  if (!br)
    return;
  /* del_nbp disables the port, whatever its state. */
  port_disable(port);
  g_ptr_array_remove(br->ports, port);
  nns_fdb_delete_by_port(br, port, TRUE);
  /* nbp_backup_clear. */
  port->brport.backup = NULL;
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *p = g_ptr_array_index(br->ports, i);
    if (p->brport.backup == port)
      p->brport.backup = NULL;
  }
  port->master = NULL;
  port->promiscuity--;
  port->allmulti--;
  recalc_bridge_id(br);
  set_bridge_carrier(br, br->br_carrier_ok);
}

void
nns_bridge_update(NnsDevice *br)
{
  /* br_stp_disable_bridge: the topology change ends with it. */
  if (!br->admin_up) {
    set_topology_change(br, FALSE);
    br->br.topology_change_detected = FALSE;
    timer_cancel(br);
  }
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *p = g_ptr_array_index(br->ports, i);
    /* br_stp_enable_bridge / br_stp_disable_bridge, br_port_carrier_check:
     * one port at a time, each with its state selection. */
    gboolean can = port_can_run(p);
    if (can && p->port_state == BR_STATE_DISABLED)
      port_enable(p);
    else if (!can && p->port_state != BR_STATE_DISABLED)
      port_disable(p);
  }
  set_bridge_carrier(br, br->br_carrier_ok);
}

void
nns_bridge_port_changed(NnsDevice *port)
{
  /* br_device_event for a port (NETDEV_UP, NETDEV_DOWN, NETDEV_CHANGE):
   * br_port_carrier_check of that port alone. */
  NnsDevice *br = port->master;
  gboolean can = port_can_run(port);
  if (can && port->port_state == BR_STATE_DISABLED)
    port_enable(port);
  else if (!can && port->port_state != BR_STATE_DISABLED)
    port_disable(port);
  set_bridge_carrier(br, br->br_carrier_ok);
}

void
nns_bridge_set_address(NnsDevice *br, const guint8 mac[6])
{
  gboolean changed = memcmp(br->mac, mac, 6) != 0 || !has_id_address(br);
  br->mac_set = TRUE;
  if (changed)
    change_bridge_id(br, mac);
}

void
nns_bridge_port_address_changed(NnsDevice *port)
{
  NnsDevice *br = port->master;
  nns_fdb_changeaddr(port);
  recalc_bridge_id(br);
}

/* ------------------------------------------------------------------ */
/* Bridge settings.                                                    */

gboolean
nns_bridge_set_forward_delay(NnsDevice *br, guint32 cs, GError **error)
{
  guint32 t = nns_bridge_jiffies(cs);
  if (br->br.stp && (t < MIN_FORWARD_DELAY || t > MAX_FORWARD_DELAY)) {
    nns_set_errno(error, ERANGE);
    return FALSE;
  }
  br->br.forward_delay = t;
  return TRUE;
}

gboolean
nns_bridge_set_hello_time(NnsDevice *br, guint32 cs, GError **error)
{
  guint32 t = nns_bridge_jiffies(cs);
  if (t < MIN_HELLO_TIME || t > MAX_HELLO_TIME) {
    nns_set_errno(error, ERANGE);
    return FALSE;
  }
  br->br.hello_time = t;
  return TRUE;
}

gboolean
nns_bridge_set_max_age(NnsDevice *br, guint32 cs, GError **error)
{
  guint32 t = nns_bridge_jiffies(cs);
  if (t < MIN_MAX_AGE || t > MAX_MAX_AGE) {
    nns_set_errno(error, ERANGE);
    return FALSE;
  }
  br->br.max_age = t;
  return TRUE;
}

void
nns_bridge_set_ageing_time(NnsDevice *br, guint32 cs)
{
  br->br.ageing_time = br->br.bridge_ageing_time = nns_bridge_jiffies(cs);
}

void
nns_bridge_set_stp_state(NnsDevice *br, guint32 val)
{
  if (val && !br->br.stp) {
    /* br_stp_start: kernel STP, the forward delay brought into range, a
     * state selection for the ports left blocking. */
    br->br.stp = TRUE;
    br->br.forward_delay = CLAMP(br->br.forward_delay, MIN_FORWARD_DELAY, MAX_FORWARD_DELAY);
    state_selection(br);
  } else if (!val && br->br.stp) {
    /* br_stp_stop of kernel STP: the ports stay as they are. */
    br->br.stp = FALSE;
  }
}

void
nns_bridge_set_priority(NnsDevice *br, guint16 prio)
{
  /* br_stp_set_bridge_priority: the designated ports that are not
   * disabled take the new priority, then br_configuration_update. */
  br->br.priority = prio;
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *p = g_ptr_array_index(br->ports, i);
    if (p->port_state != BR_STATE_DISABLED)
      become_designated(p);
  }
  state_selection(br);
}

/* ------------------------------------------------------------------ */
/* Port settings.                                                      */

void
nns_bridge_port_set_flags(NnsDevice *port, guint32 flags, guint32 mask)
{
  port->brport.flags = (port->brport.flags & ~mask) | (flags & mask);
}

gboolean
nns_bridge_port_set_cost(NnsDevice *port, guint32 cost, GError **error)
{
  if (cost < MIN_PATH_COST || cost > MAX_PATH_COST) {
    nns_set_errno(error, ERANGE);
    return FALSE;
  }
  port->brport.path_cost = cost;
  state_selection(port->master);
  return TRUE;
}

gboolean
nns_bridge_port_set_priority(NnsDevice *port, guint16 prio, GError **error)
{
  if (prio > MAX_PORT_PRIORITY) {
    nns_set_errno(error, ERANGE);
    return FALSE;
  }
  port->brport.priority = prio;
  return TRUE;
}

gboolean
nns_bridge_port_set_state(NnsDevice *port, guint8 state, GError **error)
{
  if (state > BR_STATE_BLOCKING) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  /* Kernel STP owns the states. */
  if (port->master->br.stp) {
    nns_set_errno(error, EBUSY);
    return FALSE;
  }
  if (!port->admin_up || (!port->carrier && state != BR_STATE_DISABLED)) {
    nns_set_errno(error, ENETDOWN);
    return FALSE;
  }
  port->port_state = state;
  state_selection(port->master);
  return TRUE;
}

gboolean
nns_bridge_port_set_mcast_router(NnsDevice *port, guint8 type, GError **error)
{
  if (type > MDB_RTR_TYPE_TEMP) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  port->brport.mcast_router = type;
  return TRUE;
}

gboolean
nns_bridge_port_set_backup(NnsDevice *port, NnsDevice *backup, GError **error)
{
  if (backup && !backup->master) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  if (backup && (backup->master != port->master || backup == port)) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  port->brport.backup = backup;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Time.                                                               */

/* br_forward_delay_timer_expired, br_topology_change_timer_expired. */
static void
timer_fire(NnsDevice *dev)
{
  timer_cancel(dev);
  if (dev->kind == NNS_KIND_BRIDGE) {
    dev->br.topology_change_detected = FALSE;
    set_topology_change(dev, FALSE);
    return;
  }
  NnsDevice *br = dev->master;
  if (dev->port_state == BR_STATE_LISTENING) {
    dev->port_state = BR_STATE_LEARNING;
    timer_arm(dev, br->br.forward_delay);
  } else if (dev->port_state == BR_STATE_LEARNING) {
    dev->port_state = BR_STATE_FORWARDING;
    /* The bridge is designated for this port at least. */
    topology_change_detection(br);
    set_bridge_carrier(br, TRUE);
  }
}

void
nns_bridge_run_timers(NnsWorld *world, guint64 until_us)
{
  GTreeNode *first;
  while ((first = g_tree_node_first(world->bridge_timers))) {
    NnsDevice *dev = g_tree_node_key(first);
    guint64 at = *timer_of(dev);
    if (at > until_us)
      break;
    if (at > world->clock_us)
      world->clock_us = at;
    timer_fire(dev);
  }
}
