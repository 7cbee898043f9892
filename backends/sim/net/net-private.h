/* What the parts of the packet engine share. */
#pragma once

#include "backends/sim/net/engine.h"

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
/* Send an IPv4 frame to next hop `nh` on `dev`, resolving it first. */
void nns_arp_output(NnsEngine *e, NnsDevice *dev, const NnsInet *nh, NnsFrame *frame);

/* ipv4.c */
void nns_ip_receive(NnsEngine *e, NnsDevice *dev, NnsFrame *frame);
/* Route and send a datagram made in `ns` (src may be unset): 0 or -errno. */
int nns_ip_output(NnsEngine *e, NnsNetns *ns, NnsFrame *frame, NnsDevice *bind_dev);
/* The address a datagram to `dst` leaves from, for connect(): 0 or -errno. */
int nns_ip_route_source(NnsNetns *ns, const NnsInet *dst, NnsDevice *bind_dev, NnsInet *src);
gboolean nns_ip_is_local(NnsNetns *ns, const NnsInet *addr);

/* icmp.c */
void nns_icmp_receive(NnsEngine *e, NnsNetns *ns, NnsDevice *dev, const NnsFrame *frame);
/* An ICMP error about `orig` back to its source, from `ns`. */
void nns_icmp_send_error(NnsEngine *e, NnsNetns *ns, NnsDevice *in_dev, const NnsFrame *orig,
                         guint8 type, guint8 code);

void nns_net_noop_timer(NnsEngine *e, gpointer data);

G_END_DECLS
