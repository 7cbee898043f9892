/* What the parts of the packet engine share. */
#pragma once

#include "backends/sim/net/engine.h"
#include "backends/sim/net/pmtu.h"
#include "core/neigh.h"
#include "core/netfilter/nf-hook.h"

G_BEGIN_DECLS

/* Simulated cost of a frame crossing one device, in microseconds. */
#define NNS_HOP_US 9

gboolean nns_net_device_alive(NnsWorld *world, NnsNetns *ns, int ifindex, NnsDevice *dev);
gboolean nns_net_ns_alive(NnsWorld *world, NnsNetns *ns);

/* link.c: devices and bridges */
void nns_net_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *frame);
void nns_net_xmit(NnsEngine *e, NnsDevice *dev, NnsFrame *frame);

/* arp.c: neighbour resolution */
void nns_arp_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *frame);
/* Send an IPv4 or IPv6 frame to next hop `nh` on `dev`, resolving it
 * first (ARP or neighbour discovery). */
void nns_arp_output(NnsEngine *e, NnsDevice *dev, const NnsInet *nh, NnsFrame *frame);
/* A neighbour confirmed (REACHABLE) with `mac`, and its waiting frames sent. */
void nns_neigh_confirm_and_flush(NnsEngine *e, NnsNeigh *n, const guint8 mac[6]);
void nns_neigh_flush_queue(NnsEngine *e, NnsNeigh *n);

/* ipv4.c */
void nns_ip_receive(NnsEngine *e, NnsDevice *dev, NnsFrame *frame);
/* nf-link.c: the link header, packet type and socket of a packet for
 * netfilter (in: the device it came in on, NULL when sent here). */
void nns_nf_fill_link(NnsNfPacket *p, const NnsFrame *f, NnsDevice *in);
/* The packet netfilter sees of frame `f` of `family` (addresses, ICMP
 * header, devices, length, TTL, link): each family adds its own. */
void nns_nf_fill_packet(NnsNfPacket *p, int family, const NnsFrame *f, NnsDevice *in, NnsDevice *out);
/* Route and send a datagram made in `ns` (src may be unset): 0 or -errno. */
int nns_ip_output(NnsEngine *e, NnsNetns *ns, NnsFrame *frame, NnsDevice *bind_dev);
/* The address a datagram to `dst` leaves from, for connect(): 0 or -errno.
 * `given` (or NULL) is a source the socket is bound to: rules see it. */
int nns_ip_route_source(NnsNetns *ns, const NnsInet *dst, const NnsInet *given, NnsDevice *bind_dev,
                        gboolean broadcast, NnsInet *src);
/* A limited or directed broadcast address of `ns`. */
gboolean nns_ip_is_broadcast(NnsNetns *ns, const NnsInet *addr);
gboolean nns_ip_is_local(NnsNetns *ns, const NnsInet *addr);
/* An IP identification for a datagram the namespace makes. */
guint16 nns_ip_ident(const NnsFrame *f);
/* inet_select_addr: the address `dev` speaks from towards `near`. */
gboolean nns_ip_select_addr(NnsNetns *ns, NnsDevice *dev, const NnsInet *near, NnsInet *out);
/* net.ipv4.ip_forward in `ns` (IN_DEV_FORWARD of every device). */
gboolean nns_ip_forwarding(NnsDevice *in);
/* The device of the unicast route a datagram from `src` to `dst` coming
 * in on `in` would take, NULL when it is no such route. */
NnsDevice *nns_ip_unicast_route_dev(NnsNetns *ns, const NnsInet *dst, const NnsInet *src, NnsDevice *in);
/* The path MTU towards `dst` (ipv4_mtu): a live route exception's, else
 * the MTU of the device a datagram would leave by (0: no route); *locked
 * when the exception holds it at net.ipv4.route.min_pmtu (then datagrams
 * never carry DF unless IP_PMTUDISC_DO asks). */
guint nns_ip_route_mtu(NnsNetns *ns, const NnsInet *dst, NnsDevice *bind_dev, gboolean *locked);
/* The same for IPv6 (ip6_mtu: a live exception a Packet too big left,
 * else the route's device's MTU) for the datagram `frame` (its addresses
 * and protocol choose among multipath siblings; its source may be unset),
 * the destination's scope as for output. */
guint nns_ip6_route_mtu(NnsNetns *ns, const NnsFrame *frame, NnsDevice *bind_dev);
/* ip6_update_pmtu: a Packet too big quoting our datagram from saddr to
 * daddr said the next hop takes `mtu`. */
void nns_ip6_learn_pmtu(NnsNetns *ns, const NnsInet *daddr, const NnsInet *saddr, guint mtu);
/* ipv4_update_pmtu: a Frag needed quoting our datagram from saddr to
 * daddr said the next hop takes `mtu`. */
void nns_ip_learn_pmtu(NnsNetns *ns, const NnsInet *daddr, const NnsInet *saddr, guint mtu);

/* icmp-sock.c: what ICMP and ICMPv6 do alike. */
NnsFrame nns_icmp_echo_reply_frame(const NnsFrame *request, guint8 reply_type);
/* A received echo reply or error, handed to the ping socket it is for. */
void nns_icmp_deliver_echo_reply(NnsEngine *e, NnsNetns *ns, const NnsFrame *f, guint header_len);
void nns_icmp_deliver_error(NnsEngine *e, NnsNetns *ns, const NnsFrame *f);
/* Our own echo request failed here: the socket hears it from our own address. */
void nns_icmp_deliver_own_error(NnsEngine *e, NnsNetns *ns, const NnsFrame *orig, guint8 type, guint8 code);
/* An error about `orig`, addressed to its source; the caller picks ip_src. */
NnsFrame nns_icmp_error_frame(const NnsFrame *orig, guint8 proto, guint8 type, guint8 code, guint header_len,
                              guint limit);

/* icmp.c */
void nns_icmp_receive(NnsEngine *e, NnsNetns *ns, NnsDevice *dev, const NnsFrame *frame);
/* An ICMP error about `orig` back to its source, from `ns`. */
/* Destination unreachable, Frag needed, with the next hop's MTU. */
void nns_icmp_send_frag_needed(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint mtu);
void nns_icmp_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig,
                         guint8 type, guint8 code);

/* ipv6.c */
void nns_ip6_receive(NnsEngine *e, NnsDevice *dev, NnsFrame *frame);
/* Route and send a datagram made in `ns` (src may be unset): 0 or -errno.
 * A link-local destination goes out of frame->scope_ifindex when set. */
int nns_ip6_output(NnsEngine *e, NnsNetns *ns, NnsFrame *frame, NnsDevice *bind_dev);
void nns_ip6_output_multicast(NnsEngine *e, NnsDevice *dev, NnsFrame *frame);
/* ip6tables' OUTPUT and POSTROUTING for a datagram sent here through
 * `out`: FALSE when dropped (ndisc's unicast sends call it themselves). */
gboolean nns_ip6_local_out(NnsEngine *e, NnsNetns *ns, const NnsFrame *frame, NnsDevice *out);
/* The source a datagram of protocol `proto` to `dst` from a socket with no
 * source would get (its route's device's address), or -errno. */
int nns_ip6_route_source(NnsNetns *ns, const NnsInet *dst, int scope_ifindex, NnsDevice *bind_dev, guint8 proto,
                         NnsInet *src);
gboolean nns_ip6_is_local(NnsNetns *ns, const NnsInet *addr);
NnsAddress *nns_ip6_dev_addr(NnsDevice *dev, const NnsInet *addr, gboolean tentative_too);
gboolean nns_ip6_is_link_local(const NnsInet *addr);
gboolean nns_ip6_is_multicast(const NnsInet *addr);
NnsInet nns_ip6_solicited_node(const NnsInet *addr);

/* ndisc.c */
void nns_ndisc_solicit(NnsEngine *e, NnsNeigh *n, const NnsInet *src_hint);
void nns_ndisc_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *frame);

/* icmp6.c */
void nns_icmp6_receive(NnsEngine *e, NnsNetns *ns, NnsDevice *dev, const NnsFrame *frame);
void nns_icmp6_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig,
                          guint8 type, guint8 code);
/* Packet too big about `orig`, with the MTU of the link it did not fit. */
void nns_icmp6_send_pkt_too_big(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig, guint mtu);

/* addrconf.c: the kernel's own IPv6 traffic for devices that became
 * ready or whose addresses changed since `started` (its table) saw them. */
GHashTable *nns_addrconf_table_new(void);
void nns_addrconf_sync(NnsEngine *e, GHashTable *started);

void nns_net_noop_timer(NnsEngine *e, gpointer data);

G_END_DECLS
