/* Route exceptions: the path MTUs a namespace learnt from ICMP "Frag
 * needed" (the kernel's fib_nh_exception, for IPv4).  Each belongs to one
 * destination through one path of one fib_info (NnsRoute.info_id), so it
 * goes with the last route that shared it; it expires on the simulated
 * clock after net.ipv4.route.mtu_expires seconds, and writing
 * net.ipv4.route.flush voids them all (NnsNetns.fnhe_genid). */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

typedef struct {
  guint mtu;
  gboolean locked;            /* below net.ipv4.route.min_pmtu: held at it (RTAX_LOCK) */
  guint64 expires_us;         /* on the world's clock */
} NnsPmtuException;

/* find_exception: the live exception for datagrams to `daddr` through path
 * `nh` of fib_info `info_id` (expired or voided ones are dropped). */
gboolean nns_pmtu_find(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr, NnsPmtuException *out);

/* __ip_rt_update_pmtu: `mtu` from a Frag needed about a datagram to
 * `daddr` that took that path, whose device has `dev_mtu`. */
void nns_pmtu_learn(NnsNetns *ns, guint64 info_id, guint nh, guint dev_mtu, const NnsInet *daddr, guint mtu);

G_END_DECLS
