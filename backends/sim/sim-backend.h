/* The simulated backend: rtnetlink requests applied to the in-memory model
 * of core/, namespaces and processes kept by the model's world. */
#pragma once

#include "backends/backend.h"
#include "core/model.h"

G_BEGIN_DECLS

typedef enum {
  NNS_WORLD_BARE,   /* a fresh kernel namespace: only lo, DOWN */
  NNS_WORLD_HOST,   /* a typical machine: lo up, eth0 with an address */
} NnsWorldKind;

NnsBackend *nns_sim_backend_new(NnsWorldKind kind, guint32 seed);
/* The model behind a simulated backend (for tests and the packet engine). */
NnsWorld *nns_sim_backend_world(NnsBackend *be);
/* The namespace a netlink socket opened by `pid` talks to (ESRCH: none). */
NnsNetns *nns_sim_caller_ns(NnsBackend *be, int pid, GError **error);
/* The device `ifindex` of the caller's namespace, or NULL with ENODEV. */
NnsDevice *nns_sim_caller_device(NnsBackend *be, int pid, int ifindex, GError **error);

/* Records built from the model (sim-records.c).  `viewer` is the namespace
 * that dumps: nsids are its own, and filling one in may allocate them. */
NnsLinkRecord *nns_sim_link_record(NnsDevice *dev);
NnsAddrRecord *nns_sim_addr_record(NnsAddress *addr);
NnsRouteRecord *nns_sim_route_record(const NnsRoute *route);
/* One IPv6 multipath record for ECMP siblings (nns_route6_siblings_in). */
NnsRouteRecord *nns_sim_route6_siblings_record(GPtrArray *siblings);

/* The attributes sim-link-attrs.c checks (before any change; `kind` is
 * the device's or the new one's, `dev` the device changed, NULL for a
 * creation) and applies. */
gboolean nns_sim_link_attrs_check(NnsNetns *ns, NnsKind kind, const NnsDevice *dev, const NnsLinkChange *c,
                                  GError **error);
void nns_sim_link_attrs_apply(NnsDevice *dev, const NnsLinkChange *c);
/* TSO_MAX_SIZE: a bridge starts at the legacy 65536 and, once
 * br_set_gso_limits ran (a port joined or left; `dev` NULL: not yet),
 * takes its ports' smallest (a veth's, 524280). */
guint nns_sim_tso_max_size(NnsKind kind, const NnsDevice *dev);

/* Multicast addresses (sim-maddr.c). */
GPtrArray *nns_sim_maddr_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_sim_maddr_change(NnsBackend *be, int pid, int ifindex, const guint8 addr[6], gboolean add,
                              GError **error);

G_END_DECLS
