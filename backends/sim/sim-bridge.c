/* A bridge's settings and `bridge link set`, as br_changelink and
 * rtnl_bridge_setlink / br_setlink / br_setport apply them; the semantics
 * are core/bridge.c's. */
#include "backends/sim/sim-bridge.h"
#include "backends/sim/sim-backend.h"
#include "core/bridge.h"
#include "core/error.h"
#include "core/netns.h"

#include <errno.h>
#include <linux/if_bridge.h>

gboolean
nns_sim_bridge_changelink(NnsDevice *br, const NnsBridgeAttrs *a, GError **error)
{
  if ((a->mask & NNS_BR_SET_FORWARD_DELAY) && !nns_bridge_set_forward_delay(br, a->forward_delay, error))
    return FALSE;
  if ((a->mask & NNS_BR_SET_HELLO_TIME) && !nns_bridge_set_hello_time(br, a->hello_time, error))
    return FALSE;
  if ((a->mask & NNS_BR_SET_MAX_AGE) && !nns_bridge_set_max_age(br, a->max_age, error))
    return FALSE;
  if (a->mask & NNS_BR_SET_AGEING_TIME)
    nns_bridge_set_ageing_time(br, a->ageing_time);
  if (a->mask & NNS_BR_SET_STP_STATE)
    nns_bridge_set_stp_state(br, a->stp_state);
  if (a->mask & NNS_BR_SET_PRIORITY)
    nns_bridge_set_priority(br, a->priority);
  /* The reference kernel has no VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING
   * off): br_vlan_filter_toggle refuses any value, 0 too (recorded:
   * fixtures/oracle/bridge-attrs). */
  if (a->mask & NNS_BR_SET_VLAN_FILTERING) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }
  return TRUE;
}

/* br_setport: the switches, then cost, priority, state, multicast router
 * and backup port, each failing alone. */
static gboolean
setport(NnsDevice *port, const NnsBrportChange *req, GError **error)
{
  nns_bridge_port_set_flags(port, req->flags, req->flags_mask);
  if (req->has_cost && !nns_bridge_port_set_cost(port, req->cost, error))
    return FALSE;
  if (req->has_priority && !nns_bridge_port_set_priority(port, req->priority, error))
    return FALSE;
  if (req->has_state && !nns_bridge_port_set_state(port, req->state, error))
    return FALSE;
  if (req->has_mcast_router && !nns_bridge_port_set_mcast_router(port, req->mcast_router, error))
    return FALSE;
  if (req->has_backup) {
    NnsDevice *backup = NULL;
    if (req->backup_ifindex && !(backup = nns_netns_device_by_index(port->ns, req->backup_ifindex))) {
      nns_set_errno(error, ENOENT);
      return FALSE;
    }
    if (!nns_bridge_port_set_backup(port, backup, error))
      return FALSE;
  }
  return TRUE;
}

/* rtnl_bridge_setlink: the master's br_setlink for a port (no flags, or
 * BRIDGE_FLAGS_MASTER), then the device's own for BRIDGE_FLAGS_SELF (a
 * bridge's takes the request and changes nothing modelled; a veth has
 * none). */
gboolean
nns_sim_brport_change(NnsBackend *be, int pid, int ifindex, const NnsBrportChange *req, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, ifindex, error);
  if (!dev)
    return FALSE;
  guint16 flags = req->af_flags;
  if (!flags || (flags & BRIDGE_FLAGS_MASTER)) {
    if (!dev->master) {
      nns_set_errno(error, EOPNOTSUPP);
      return FALSE;
    }
    if (!setport(dev, req, error))
      return FALSE;
    flags &= ~BRIDGE_FLAGS_MASTER;
  }
  if ((flags & BRIDGE_FLAGS_SELF) && dev->kind != NNS_KIND_BRIDGE) {
    nns_set_errno(error, EOPNOTSUPP);
    return FALSE;
  }
  return TRUE;
}
