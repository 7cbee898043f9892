/* xt_recent's lists: per namespace, by name, shared by every rule that
 * names them (IPv4 and IPv6 entries alike), alive while a rule refers to
 * one; each holds up to 100 addresses (ip_list_tot), each address the
 * times it was last seen.  Times are the simulated clock's. */
#pragma once

#include "core/netfilter/nf-types.h"

G_BEGIN_DECLS

typedef struct _NnsNfRecentTable NnsNfRecentTable;

/* Every list of a namespace (name -> table). */
GHashTable *nns_nf_recent_new(void);

/* The list `m` (a recent match) names, made with its mask and room for its
 * hit count when it is new (recent_mt_check). */
NnsNfRecentTable *nns_nf_recent_ref(GHashTable *lists, const NnsNfMatch *m);
void nns_nf_recent_unref(NnsNfRecentTable *t);

/* recent_mt: the match on `addr` (16 bytes, IPv4 in the first 4) with the
 * packet's TTL at `now_us`. */
gboolean nns_nf_recent_match(NnsNfRecentTable *t, const NnsNfMatch *m, guint8 family, const guint8 *addr,
                             guint8 ttl, guint64 now_us);

G_END_DECLS
