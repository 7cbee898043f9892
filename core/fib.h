/* The forwarding information base of a namespace: every route, indexed so
 * that a longest-prefix match costs one hash lookup per prefix length in
 * use (at most 33 for IPv4, 129 for IPv6), never a scan of the routes. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

typedef struct _NnsFib NnsFib;

NnsFib *nns_fib_new(void);
/* The next insertion stamp: routes the kernel keeps but the model derives
 * (IPv6 ones, core/route.c) take theirs when their cause appears, so that
 * equal prefixes dump in insertion order with stored ones. */
guint64 nns_fib_take_serial(NnsFib *fib);
void nns_fib_free(NnsFib *fib);

/* A route the fib owned (its multipath nexthops too). */
void nns_route_free(NnsRoute *route);
/* Takes ownership of the route. */
void nns_fib_insert(NnsFib *fib, NnsRoute *route);
/* Removes and frees it. */
void nns_fib_remove(NnsFib *fib, NnsRoute *route);
/* The routes with exactly this table, family, prefix and length. */
GPtrArray *nns_fib_exact(NnsFib *fib, guint32 table, const NnsInet *dst, guint8 dst_len);
/* Longest-prefix match in one table: the best route (lowest metric among
 * the longest prefix) whose device `accept` allows, or NULL. */
typedef gboolean (*NnsFibFilter)(const NnsRoute *route, gpointer data);
NnsRoute *nns_fib_lookup(NnsFib *fib, guint32 table, const NnsInet *dst, NnsFibFilter accept, gpointer data);
/* The same, a multipath route judged path by path (the route as seen
 * through each live nexthop); *nh_sel is the first path accepted, as
 * fib_table_lookup leaves res->nh_sel. */
NnsRoute *nns_fib_lookup_nh(NnsFib *fib, guint32 table, const NnsInet *dst, NnsFibFilter accept, gpointer data,
                            guint *nh_sel);
/* Every route (unordered), for dumps. */
GPtrArray *nns_fib_all(NnsFib *fib);
/* The routes through a device (unordered). */
GPtrArray *nns_fib_by_dev(NnsFib *fib, NnsDevice *dev);
guint nns_fib_size(NnsFib *fib);
/* Tables exist from their first route on, emptied or not (fib_new_table). */
void nns_fib_table_create(NnsFib *fib, guint32 table, guint8 family);
gboolean nns_fib_table_exists(NnsFib *fib, guint32 table, guint8 family);

G_END_DECLS
