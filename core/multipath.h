/* Which path of a multipath route a flow takes: the kernel's
 * hash-threshold selection (IPv4: fib_select_multipath, IPv6:
 * fib6_select_path over a route's ECMP siblings) over its L3 flow hash
 * (fib_multipath_hash / rt6_multipath_hash, hash policy 0).
 *
 * The hash is SipHash-2-4 over struct flow_keys from its `basic` member on
 * (36 zero bytes for the selectors policy 0 leaves empty, the source and
 * destination addresses, 4 more zero bytes: 48 bytes, addresses ordered so
 * that the smaller, read as a little-endian u32, comes first), keyed with
 * the namespace's net.ipv4.fib_multipath_hash_seed twice in each 64-bit
 * half; its low 32 bits (0 becomes 1) shifted right once.  Each live
 * nexthop owns the hash values up to round(w_cum << 31 / w_total) - 1.
 * Verified against the kernel with a seed set: docs/multipath.md.
 *
 * With the seed 0 the kernel draws a random key once per boot; netnsim
 * uses one derived from the world's --seed instead (NnsWorld.mp_seed), so
 * runs repeat. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* The L3 hash of (src, dst) with the namespace's seed, already >> 1. */
guint32 nns_multipath_hash4(NnsNetns *ns, const NnsInet *src, const NnsInet *dst);
/* rt6_multipath_hash (policy 0): the same hash over the IPv6 addresses, the
 * flow label and the next header (72 bytes; IPv6 orders the addresses by
 * memcmp), with the same seed (net.ipv4.fib_multipath_hash_seed). */
guint32 nns_multipath_hash6(NnsNetns *ns, const NnsInet *src, const NnsInet *dst, guint32 flowlabel, guint8 proto);
/* A nexthop is dead while its device is down (RTNH_F_DEAD). */
gboolean nns_nexthop_dead(const NnsNexthop *nh);
/* fib_select_multipath: the index of the nexthop of `route` (nhs >= 2) for
 * `hash`, preferring one whose source address (inet_select_addr on its
 * device) is `saddr` when saddr is set, as the kernel does since 6.16. */
guint nns_multipath_select(NnsNetns *ns, const NnsRoute *route, guint32 hash, const NnsInet *saddr);

/* fib6_select_path: the index among `n` ECMP siblings (IPv6 routes of one
 * prefix and metric, in the node's order, dead ones included) for `hash`. */
guint nns_multipath_select6(NnsNetns *ns, NnsRoute *const *siblings, guint n, guint32 hash);

G_END_DECLS
