/* Bridges: a bridge's IFLA_INFO_DATA (IFLA_BR_*, as iproute2's
 * bridge_parse_opt() puts it in RTM_NEWLINK), and `bridge link set`, an
 * RTM_SETLINK of family AF_BRIDGE as brlink_modify() sends it
 * (IFLA_PROTINFO's IFLA_BRPORT_*, IFLA_AF_SPEC's flags and mode). */
#include "backends/kernel/kernel-private.h"
#include "core/bridge.h"

#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

void
nns_kernel_put_bridge_data(struct nlmsghdr *nlh, const NnsBridgeAttrs *a)
{
  if (!a->mask)
    return;
  struct nlattr *data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
  if (a->mask & NNS_BR_SET_FORWARD_DELAY)
    mnl_attr_put_u32(nlh, IFLA_BR_FORWARD_DELAY, a->forward_delay);
  if (a->mask & NNS_BR_SET_HELLO_TIME)
    mnl_attr_put_u32(nlh, IFLA_BR_HELLO_TIME, a->hello_time);
  if (a->mask & NNS_BR_SET_MAX_AGE)
    mnl_attr_put_u32(nlh, IFLA_BR_MAX_AGE, a->max_age);
  if (a->mask & NNS_BR_SET_AGEING_TIME)
    mnl_attr_put_u32(nlh, IFLA_BR_AGEING_TIME, a->ageing_time);
  if (a->mask & NNS_BR_SET_STP_STATE)
    mnl_attr_put_u32(nlh, IFLA_BR_STP_STATE, a->stp_state);
  if (a->mask & NNS_BR_SET_PRIORITY)
    mnl_attr_put_u16(nlh, IFLA_BR_PRIORITY, a->priority);
  if (a->mask & NNS_BR_SET_VLAN_FILTERING)
    mnl_attr_put_u8(nlh, IFLA_BR_VLAN_FILTERING, a->vlan_filtering);
  mnl_attr_nest_end(nlh, data);
}

/* The switches in brlink_modify's order, with their attributes. */
static const struct {
  guint32 flag;
  guint16 type;
} switches[] = {
  { NNS_BRPORT_GUARD, IFLA_BRPORT_GUARD },
  { NNS_BRPORT_HAIRPIN, IFLA_BRPORT_MODE },
  { NNS_BRPORT_FAST_LEAVE, IFLA_BRPORT_FAST_LEAVE },
  { NNS_BRPORT_ROOT_BLOCK, IFLA_BRPORT_PROTECT },
  { NNS_BRPORT_FLOOD, IFLA_BRPORT_UNICAST_FLOOD },
  { NNS_BRPORT_MCAST_FLOOD, IFLA_BRPORT_MCAST_FLOOD },
  { NNS_BRPORT_BCAST_FLOOD, IFLA_BRPORT_BCAST_FLOOD },
  { NNS_BRPORT_MCAST_TO_UCAST, IFLA_BRPORT_MCAST_TO_UCAST },
  { NNS_BRPORT_LEARNING, IFLA_BRPORT_LEARNING },
  { NNS_BRPORT_NEIGH_SUPPRESS, IFLA_BRPORT_NEIGH_SUPPRESS },
  { NNS_BRPORT_VLAN_TUNNEL, IFLA_BRPORT_VLAN_TUNNEL },
  { NNS_BRPORT_ISOLATED, IFLA_BRPORT_ISOLATED },
  { NNS_BRPORT_LOCKED, IFLA_BRPORT_LOCKED },
};

gboolean
nns_kernel_brport_change(NnsBackend *be, int pid, int ifindex, const NnsBrportChange *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_SETLINK, 0);
  struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
  ifi->ifi_family = AF_BRIDGE;
  ifi->ifi_index = ifindex;
  struct nlattr *nest = mnl_attr_nest_start(nlh, IFLA_PROTINFO);
  for (gsize i = 0; i < G_N_ELEMENTS(switches); i++)
    if (req->flags_mask & switches[i].flag)
      mnl_attr_put_u8(nlh, switches[i].type, (req->flags & switches[i].flag) ? 1 : 0);
  if (req->learning_sync_set)
    mnl_attr_put_u8(nlh, IFLA_BRPORT_LEARNING_SYNC, req->learning_sync ? 1 : 0);
  if (req->has_cost)
    mnl_attr_put_u32(nlh, IFLA_BRPORT_COST, req->cost);
  if (req->has_priority)
    mnl_attr_put_u16(nlh, IFLA_BRPORT_PRIORITY, req->priority);
  if (req->has_state)
    mnl_attr_put_u8(nlh, IFLA_BRPORT_STATE, req->state);
  if (req->has_mcast_router)
    mnl_attr_put_u8(nlh, IFLA_BRPORT_MULTICAST_ROUTER, req->mcast_router);
  if (req->has_backup)
    mnl_attr_put_u32(nlh, IFLA_BRPORT_BACKUP_PORT, (guint32) req->backup_ifindex);
  mnl_attr_nest_end(nlh, nest);
  if (req->af_flags || req->has_mode) {
    struct nlattr *spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
    if (req->af_flags)
      mnl_attr_put_u16(nlh, IFLA_BRIDGE_FLAGS, req->af_flags);
    if (req->has_mode)
      mnl_attr_put_u16(nlh, IFLA_BRIDGE_MODE, req->mode);
    mnl_attr_nest_end(nlh, spec);
  }
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}
