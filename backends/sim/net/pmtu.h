/* Route exceptions: the path MTUs a namespace learnt from ICMP "Frag
 * needed" (IPv4: the kernel's fib_nh_exception) and ICMPv6 "Packet too
 * big" (IPv6: rt6_exception).  Each belongs to one destination through
 * one path of one fib_info (NnsRoute.info_id: IPv4 routes with the same
 * nexthops and attributes share one, an IPv6 route has its own), so it
 * goes with the last route that had it; it expires on the simulated clock
 * after net.ipv4.route.mtu_expires (net.ipv6.route.mtu_expires) seconds.
 * Writing net.ipv4.route.flush voids the IPv4 ones (NnsNetns.fnhe_genid);
 * an IPv6 one goes when deleted as a cloned route (`ip -6 route flush
 * cache`). */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

typedef struct {
  guint mtu;
  gboolean locked;            /* IPv4, below net.ipv4.route.min_pmtu: held at it (RTAX_LOCK) */
  guint64 expires_us;         /* on the world's clock */
} NnsPmtuException;

/* One exception of a path, with its destination (nns_pmtu_list). */
typedef struct {
  NnsInet daddr;
  NnsPmtuException ex;
} NnsPmtuEntry;

/* IPv6's minimum link MTU (IPV6_MIN_MTU): a Packet too big below it is
 * ignored. */
#define NNS_IPV6_MIN_MTU 1280

/* find_exception / rt6_find_cached_rt: the live exception for datagrams to
 * `daddr` (either family) through path `nh` of fib_info `info_id`
 * (expired or voided ones are dropped). */
gboolean nns_pmtu_find(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr, NnsPmtuException *out);

/* __ip_rt_update_pmtu: `mtu` from a Frag needed about a datagram to the
 * IPv4 `daddr` that took that path, whose device has `dev_mtu`. */
void nns_pmtu_learn(NnsNetns *ns, guint64 info_id, guint nh, guint dev_mtu, const NnsInet *daddr, guint mtu);

/* __ip6_rt_update_pmtu: `mtu` from a Packet too big about a datagram to
 * the IPv6 `daddr` that took that path, whose device has `dev_mtu`. */
void nns_pmtu6_learn(NnsNetns *ns, guint64 info_id, guint nh, guint dev_mtu, const NnsInet *daddr, guint mtu);

/* The live exceptions of path `nh` of fib_info `info_id` in `family`,
 * newest first (NnsPmtuEntry; rt6_dump_exceptions). */
GArray *nns_pmtu_list(NnsNetns *ns, guint8 family, guint64 info_id, guint nh);

/* rt6_remove_exception: FALSE when the path has no live one for `daddr`. */
gboolean nns_pmtu_forget(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr);

G_END_DECLS
