/* The link attributes beyond a name, an MTU, an address and the flags,
 * as the kernel checks them (validate_linkmsg and the rest, before any
 * change) and applies them (rtnl_create_link at creation, do_setlink on
 * a change): broadcast address, link mode and operstate, IPv6 address
 * generation mode, GSO/GRO sizes, link-netnsid, XDP detach. */
#include "backends/sim/sim-backend.h"
#include "core/conf.h"
#include "core/operstate.h"
#include "core/netns.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <string.h>
#include <sys/socket.h>

#define GRO_MAX_SIZE 524280     /* 8 * 65535 */

guint
nns_sim_tso_max_size(NnsKind kind, const NnsDevice *dev)
{
  return kind == NNS_KIND_BRIDGE && !(dev && dev->had_ports) ? 65536 : 524280;
}

gboolean
nns_sim_link_attrs_check(NnsNetns *ns, NnsKind kind, const NnsDevice *dev, const NnsLinkChange *c,
                         GError **error)
{
  gboolean create = dev == NULL;
  /* ifla_policy: gso_max_size is at least MAX_TCP_HEADER + 1. */
  if ((c->mask & NNS_LINK_SET_GSO_MAX_SIZE) && c->gso_max_size == 0) {
    nns_set_extack(error, EINVAL, "integer out of range");
    return FALSE;
  }
  if ((c->mask & NNS_LINK_SET_GSO_MAX_SIZE) && c->gso_max_size > nns_sim_tso_max_size(kind, dev)) {
    nns_set_extack(error, EINVAL, "too big gso_max_size");
    return FALSE;
  }
  if ((c->mask & NNS_LINK_SET_GRO_MAX_SIZE) && c->gro_max_size > GRO_MAX_SIZE) {
    nns_set_extack(error, EINVAL, "too big gro_max_size");
    return FALSE;
  }
  if (!create && (c->mask & NNS_LINK_SET_BROADCAST) && c->broadcast_len < 6) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if ((c->mask & NNS_LINK_SET_LINK_NETNSID) && !nns_netns_peer_by_id(ns, c->link_netnsid)) {
    nns_set_extack(error, EINVAL, "Unknown network namespace id");
    return FALSE;
  }
  if (create && (c->mask & NNS_LINK_SET_LINK_NETNSID)) {
    /* rtnl_newlink would make the device in that namespace and move it. */
    nns_set_extack(error, EOPNOTSUPP, "netnsim: link-netnsid at creation is not modelled");
    return FALSE;
  }
  if (c->mask & NNS_LINK_SET_ADDR_GEN_MODE) {
    /* At creation the device has no inet6_dev yet to take it. */
    if (create) {
      nns_set_errno(error, EAFNOSUPPORT);
      return FALSE;
    }
    /* check_addr_gen_mode: stable_secret needs a secret, never set here. */
    if (c->addr_gen_mode == IN6_ADDR_GEN_MODE_STABLE_PRIVACY) {
      nns_set_errno(error, EINVAL);
      return FALSE;
    }
  }
  return TRUE;
}

/* rtnl_create_link's and do_setlink's plain stores; the operstate after
 * the flags (do_setlink changes them first), then the link mode. */
void
nns_sim_link_attrs_apply(NnsDevice *dev, const NnsLinkChange *c)
{
  if ((c->mask & NNS_LINK_SET_BROADCAST) && c->broadcast_len)
    memcpy(dev->broadcast, c->broadcast, MIN(c->broadcast_len, 6));
  if (c->mask & NNS_LINK_SET_GSO_MAX_SIZE)
    dev->gso_max_size = c->gso_max_size;
  if (c->mask & NNS_LINK_SET_GSO_MAX_SEGS)
    dev->gso_max_segs = c->gso_max_segs;
  if (c->mask & NNS_LINK_SET_GRO_MAX_SIZE)
    dev->gro_max_size = c->gro_max_size;
  if (c->mask & NNS_LINK_SET_OPERSTATE)
    nns_operstate_set(dev, c->operstate);
  if (c->mask & NNS_LINK_SET_LINKMODE)
    dev->link_mode = c->linkmode;
  /* inet6_set_link_af: stored; it shapes the next link-local address. */
  if (c->mask & NNS_LINK_SET_ADDR_GEN_MODE)
    nns_conf_dev_set(dev, AF_INET6, "addr_gen_mode", c->addr_gen_mode);
}
