/* The matches with state or a view of the namespace (limit, mac, iprange,
 * owner, addrtype, recent, length, ttl, pkttype): their checks when a rule
 * is added, the hooks they may be used from, their state in an entry, and
 * their test of a packet.  Private to core/netfilter. */
#pragma once

#include "core/netfilter/nf-hook.h"
#include "core/netfilter/nf-state.h"

G_BEGIN_DECLS

/* checkentry: 0, or the errno nf_tables answers for the rule (EINVAL). */
int nns_nf_xmatch_check(const NnsNfRule *rule);
/* The hooks the match may be reached from (1 << NnsNfHook). */
guint nns_nf_xmatch_hooks(const NnsNfMatch *m);
/* An entry's match state: buckets full, recent lists referenced. */
void nns_nf_xmatch_init(NnsNfState *st, NnsNfEntry *e);
void nns_nf_xmatch_release(NnsNfEntry *e);

/* Match `k` of entry `e` on `pkt` at `hook`; saddr/daddr are the packet's
 * addresses as the hook sees them (16 bytes, IPv4 in the first 4). */
gboolean nns_nf_xmatch(NnsNfState *st, NnsNfEntry *e, guint k, NnsNfHook hook, const NnsNfPacket *pkt,
                       const guint8 *saddr, const guint8 *daddr);

G_END_DECLS
