/* The link flags of an RTM_NEWLINK / RTM_SETLINK as iplink_parse puts them:
 * ifi_flags under ifi_change for promisc, arp, multicast, allmulticast,
 * dynamic and trailers; IFLA_CARRIER; IFLA_PROTO_DOWN. */
#include "backends/kernel/kernel-private.h"

#include <linux/if.h>
#include <linux/rtnetlink.h>

void
nns_kernel_put_link_flags(struct nlmsghdr *nlh, struct ifinfomsg *ifi, const NnsLinkChange *c)
{
  /* IFF_UP travels through the mask (NNS_LINK_SET_UP / DOWN). */
  guint change = c->flags_change & ~(guint) IFF_UP;
  ifi->ifi_change |= change;
  ifi->ifi_flags |= c->flags & change;
  if (c->mask & NNS_LINK_SET_CARRIER)
    mnl_attr_put_u8(nlh, IFLA_CARRIER, c->carrier ? 1 : 0);
  if (c->mask & NNS_LINK_SET_PROTODOWN)
    mnl_attr_put_u8(nlh, IFLA_PROTO_DOWN, c->protodown ? 1 : 0);
}
