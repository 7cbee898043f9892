/* Multicast memberships of a device, kept as the kernel keeps them: the
 * IPv4 groups (in_dev->mc_list), the IPv6 groups (idev->mc_list), both
 * newest first, and the link-layer list they load (dev->mc, oldest first,
 * counted).  The groups follow from the device's life: IPv6 joins the
 * all-nodes groups when the device registers (ipv6_add_dev), a
 * solicited-node group for each address (addrconf_join_solict), the
 * all-routers groups while forwarding; IPv4 joins 224.0.0.1 while up
 * (ip_mc_up); a bridge joins the snoopers' groups while up.  A group loads
 * its link-layer address when joined or when IPv6 / IPv4 comes up, and
 * unloads it when they go down.  `ip maddr`, /proc/net/dev_mcast, igmp and
 * igmp6 read these lists; the packet engine asks them which groups a
 * device listens to. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* MAF_* of an IPv6 group as /proc/net/igmp6 shows them. */
#define NNS_MAF_LOADED   0x04
#define NNS_MAF_NOREPORT 0x08

/* The solicited-node group of an IPv6 address (ff02::1:ffXX:XXXX). */
NnsInet nns_mcast_solicited_node(const NnsInet *addr);

/* Registration in a namespace (created or moved in): empty lists, then
 * IPv6's all-nodes (and, forwarding, all-routers) groups. */
void nns_mcast_dev_register(NnsDevice *dev);
/* Unregistration (deleted or moved out): every list emptied. */
void nns_mcast_dev_unregister(NnsDevice *dev);
void nns_mcast_dev_free(NnsDevice *dev);

/* ip_mc_up / ip_mc_down: the device goes up or down for IPv4. */
void nns_mcast_ipv4_up(NnsDevice *dev);
void nns_mcast_ipv4_down(NnsDevice *dev);
/* ipv6_mc_up / ipv6_mc_down: IPv6 becomes ready on it, or stops. */
void nns_mcast_ipv6_up(NnsDevice *dev);
void nns_mcast_ipv6_down(NnsDevice *dev);

/* ip_mc_inc_group / ipv6_dev_mc_inc and their dec: the family is the
 * group's. */
void nns_mcast_join(NnsDevice *dev, const NnsInet *group);
void nns_mcast_leave(NnsDevice *dev, const NnsInet *group);

/* An IPv6 address added to / removed from the device: its solicited-node
 * group, except on a NOARP or loopback device (checked at that moment). */
void nns_mcast_addr_added(NnsDevice *dev, const NnsInet *addr);
void nns_mcast_addr_removed(NnsDevice *dev, const NnsInet *addr);

/* dev_forward_change: a multicast-capable device joins (or leaves) the
 * all-routers groups when its IPv6 forwarding switch flips, and every
 * device the solicited-node groups of its addresses' subnet-router anycast
 * addresses (those still tentative left out; addresses added while
 * forwarding are not modelled). */
void nns_mcast_forwarding_changed(NnsDevice *dev, gboolean on);
/* An address going: its anycast address with it. */
void nns_mcast_anycast_leave(NnsDevice *dev, NnsAddress *addr);

/* A bridge opened or stopped: the multicast snoopers' groups. */
void nns_mcast_bridge_open(NnsDevice *br);
void nns_mcast_bridge_stop(NnsDevice *br);

/* SIOCADDMULTI / SIOCDELMULTI: a global ("static") link-layer address.
 * EINVAL on a device without a receive filter, ENOENT to delete an
 * address not added so. */
gboolean nns_mcast_hw_add_global(NnsDevice *dev, const guint8 addr[6], GError **error);
gboolean nns_mcast_hw_del_global(NnsDevice *dev, const guint8 addr[6], GError **error);

/* dev_mc_add_excl / dev_mc_del (`bridge fdb add|del ... self` of a
 * group address): EEXIST when the address is on the list at all; ENOENT
 * when it is not. */
int nns_mcast_hw_add_excl(NnsDevice *dev, const guint8 addr[6]);
int nns_mcast_hw_del(NnsDevice *dev, const guint8 addr[6]);

/* ipv6_chk_mcast_addr / ip_check_mc_rcu: the device listens to the group. */
gboolean nns_mcast_joined(const NnsDevice *dev, const NnsInet *group);
/* MAF_* flags of an IPv6 group on the device's list. */
guint nns_mcast_ipv6_flags(const NnsMcGroup *g);
/* The IPv6 groups an MLD report lists (MAF_NOREPORT left out). */
guint nns_mcast_reportable(const NnsDevice *dev);

G_END_DECLS
