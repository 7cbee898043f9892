/* IPv4 route lookups as the kernel makes them: fib_lookup through the
 * policy rules (rule.h) into the tables of the fib (fib.h), then, for a
 * multipath route, the path the flow takes (multipath.h). */
#pragma once

#include "core/fib.h"
#include "core/rule.h"

G_BEGIN_DECLS

/* struct fib_result: the route, its table, and the path taken. */
typedef struct {
  NnsRoute *route;
  guint32 table;
  int error;                  /* 0, or -errno when no route answered */
  guint nh;                   /* multipath: the index of the path taken */
  /* The path: the route's own nexthop, or its nexthop `nh`. */
  NnsDevice *dev;
  gboolean has_gateway;
  NnsInet gateway;
} NnsFibResult;

/* fib_lookup for `fl` (fl->dst IPv4), each table asked through `accept`
 * (see nns_fib_lookup_nh).  FALSE with res->error (-ENETUNREACH, or a
 * rule's action) when nothing answered; a route of an error type
 * (unreachable, prohibit, blackhole) is an answer for the caller to judge. */
gboolean nns_route_lookup_flow4(NnsNetns *ns, const NnsFlow *fl, NnsFibFilter accept, gpointer data,
                                NnsFibResult *res);
/* fib_select_path / ip_mkroute_input for a multipath answer: the path the
 * hash of (hash_src, hash_dst) picks, preferring one whose source address
 * is `prefer` (an output with a source; NULL for forwarded packets).
 * Nothing to do for a single path. */
void nns_route_select_path4(NnsNetns *ns, NnsFibResult *res, const NnsInet *hash_src, const NnsInet *hash_dst,
                            const NnsInet *prefer);

G_END_DECLS
