/* IPv6 route exceptions (backends/sim/net/pmtu.c) seen as the kernel
 * shows them: cloned routes in a dump with RTM_F_CLONED (`ip -6 route
 * show cache`), deleted one by one (`ip -6 route flush cache`), and the
 * exception `ip -6 route get` reports. */
#pragma once

#include "backends/backend.h"
#include "core/model.h"

G_BEGIN_DECLS

/* rt6_fill_node for the clone a lookup of `dst` through `route` gave: its
 * exception's MTU and time left, when one lives. */
void nns_sim_route6_exception_fill(NnsNetns *ns, const NnsRoute *route, const NnsInet *dst, NnsRouteRecord *out);
/* rt6_dump_exceptions: every IPv6 route's exceptions, in the dump's route
 * order, each route's newest first (the kernel's hash order is random). */
GPtrArray *nns_sim_route_dump_cloned(NnsBackend *be, int pid, guint8 family, GError **error);
/* ip6_route_del with RTF_CACHE: the exception for req->dst on a route of
 * the longest prefix holding it (fib6_locate, whatever route the clone
 * came from), the request's device and gateway matching when given (not
 * its protocol: __ip6_del_cached_rt); ESRCH when none.  (The kernel
 * answers 0 when the route there has no exception, so that iproute2's
 * flush of a clone behind a more specific route never ends; not
 * modelled.) */
gboolean nns_sim_route_delete_cloned(NnsNetns *ns, const NnsRouteRecord *req, GError **error);

G_END_DECLS
