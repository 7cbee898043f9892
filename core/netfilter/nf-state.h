/* A namespace's netfilter state: the four iptables tables with their
 * chains and rules, the conntrack table and the log ring.  Created on first
 * use in NnsNetns.netfilter.
 *
 * Every change is checked before it is applied, or undone when the check
 * can only run on the changed ruleset (loops, targets in the wrong hook),
 * so a failed request changes nothing.  Errors are GErrors in the NNS_ERROR
 * domain carrying the errno the kernel (or iptables' own cache check) gives:
 * ENOENT (no such chain / no matching rule), E2BIG (rule number too big),
 * EEXIST, EBUSY (chain in use or built-in), EMLINK (loop), EINVAL (target
 * not allowed in that table or hook). */
#pragma once

#include "core/model.h"
#include "core/netfilter/nf-types.h"

G_BEGIN_DECLS

typedef struct _NnsNfChain NnsNfChain;
typedef struct _NnsNfConntrack NnsNfConntrack;
typedef struct _NnsNfRecentTable NnsNfRecentTable;

/* nft_limit's token bucket (a limit match's state), in nanoseconds of the
 * simulated clock. */
typedef struct {
  guint64 tokens, tokens_max, cost, last_ns;
} NnsNfLimitBucket;


/* A rule as the evaluator sees it: the user's rule plus what can be worked
 * out once (the jump's chain, interface-name masks). */
typedef struct {
  NnsNfRule rule;
  NnsNfChain *jump;                    /* JUMP: the chain, resolved */
  guint8 in_mask[NNS_NF_IFNAMSIZ], out_mask[NNS_NF_IFNAMSIZ];
  /* The state a match keeps, by match index: a limit's bucket, the list a
   * recent match names. */
  NnsNfLimitBucket limit[NNS_NF_MAX_MATCHES];
  NnsNfRecentTable *recent[NNS_NF_MAX_MATCHES];
} NnsNfEntry;

struct _NnsNfChain {
  char name[NNS_NF_CHAIN_MAX];
  gboolean builtin;
  NnsNfHook hook;
  NnsNfVerdict policy;
  /* nf_tables makes a built-in chain only when iptables first writes to
   * it (-A/-I, -P, a restore), and gives it counters only when -P, -Z or
   * a restore's ":CHAIN" line sets them: until then its policy counts
   * nothing.  User chains are always present; their counters unused. */
  gboolean present, stats;
  guint64 packets, bytes;
  guint refs;
  GPtrArray *rules;                    /* NnsNfEntry* */
  guint visit;                         /* validation scratch */
};

typedef struct {
  NnsNfTableId id;
  gboolean exists;
  GPtrArray *chains;                   /* built-ins in hook order, then user chains by name */
  NnsNfChain *hooks[NNS_NF_N_HOOKS];   /* the built-in chain of each hook, or NULL */
  /* Base chains iptables cannot list: a built-in chain nf_tables had,
   * renamed by `iptables -E` (iptables-nft 1.8.9 lets it, recorded).  Each
   * keeps its hook, policy and rules and still sees every packet of its
   * hook, before the built-in chain made after it (nf_tables runs base
   * chains of one priority in the order they were made); iptables lists
   * none of them, warns that the table has them, and finds none by name.
   * `-F` and `-Z` of the whole table reach them, `-X` leaves them, a
   * restore of the table ends them.  In the order they were made. */
  GPtrArray *foreign;
} NnsNfTable;

typedef struct {
  NnsNetns *ns;
  NnsNfTable tables[NNS_NF_N_TABLES];
  NnsNfConntrack *conntrack;
  /* Connection tracking runs in a namespace only while something needs it
   * (nf_ct_netns_get): a nat chain, a state/conntrack match or a NAT
   * target.  Recorded: a namespace with filter rules alone tracks nothing,
   * and tracking stops when the last such rule goes (entries stay until
   * they expire).  Kept up to date by every ruleset change. */
  gboolean ct_users;
  GHashTable *recent;                  /* xt_recent's lists by name (nf-recent.h) */
} NnsNfState;

/* The namespace's state, created on first use. */
NnsNfState *nns_nf_state(NnsNetns *ns);
/* The state if it was ever created, else NULL. */
NnsNfState *nns_nf_state_peek(NnsNetns *ns);

const char *nns_nf_table_name(NnsNfTableId id);
/* The table of that name of a family (AF_INET or AF_INET6). */
gboolean nns_nf_table_by_name(const char *name, NnsNfTableId *out);
gboolean nns_nf_table_by_name_family(const char *name, int family, NnsNfTableId *out);
/* AF_INET or AF_INET6. */
int nns_nf_table_family(NnsNfTableId id);
const char *nns_nf_hook_name(NnsNfHook hook);
/* Whether the table has a built-in chain for the hook. */
gboolean nns_nf_table_has_hook(NnsNfTableId table, NnsNfHook hook);

NnsNfChain *nns_nf_chain_find(NnsNfState *st, NnsNfTableId table, const char *name);

/* pos 0 appends; pos N (1-based) inserts before rule N (N may be len+1). */
gboolean nns_nf_rule_insert(NnsNfState *st, NnsNfTableId table, const char *chain, guint pos,
                            const NnsNfRule *rule, GError **error);
/* num 0: the first rule equal to spec (counters aside). */
gboolean nns_nf_rule_delete(NnsNfState *st, NnsNfTableId table, const char *chain, guint num,
                            const NnsNfRule *spec, GError **error);
gboolean nns_nf_rule_replace(NnsNfState *st, NnsNfTableId table, const char *chain, guint num,
                             const NnsNfRule *rule, GError **error);
gboolean nns_nf_chain_set_policy(NnsNfState *st, NnsNfTableId table, const char *chain,
                                 NnsNfVerdict policy, GError **error);
/* chain NULL: every chain of the table. */
gboolean nns_nf_chain_flush(NnsNfState *st, NnsNfTableId table, const char *chain, GError **error);
/* chain NULL: every chain; num 0: every rule and the policy counters. */
gboolean nns_nf_chain_zero(NnsNfState *st, NnsNfTableId table, const char *chain, guint num, GError **error);
/* EEXIST for a name taken, with the name as extack text when a foreign
 * chain has it (see nns_nf_chain_rename). */
gboolean nns_nf_chain_new(NnsNfState *st, NnsNfTableId table, const char *name, GError **error);
/* name NULL: every user chain (all must be empty and unreferenced). */
gboolean nns_nf_chain_delete(NnsNfState *st, NnsNfTableId table, const char *name, GError **error);
/* A user chain takes the new name; a built-in chain nf_tables has becomes
 * one of the table's foreign chains (above) and leaves a built-in chain
 * nf_tables does not have.  ENOENT for a missing chain or a built-in one
 * not made yet, EEXIST for a name taken (the extack text is the name when
 * a foreign chain has it: nf_tables, not iptables' cache, refuses it). */
gboolean nns_nf_chain_rename(NnsNfState *st, NnsNfTableId table, const char *from, const char *to,
                             GError **error);

NnsNfTableRecord *nns_nf_table_dump(NnsNfState *st, NnsNfTableId table);
/* Replace a whole table by a dump's content, atomically (iptables-restore's
 * COMMIT).  Counters are taken from the records. */
gboolean nns_nf_table_replace(NnsNfState *st, const NnsNfTableRecord *rec, GError **error);

/* Two rules are the same rule (iptables -D by specification). */
gboolean nns_nf_rule_equal(const NnsNfRule *a, const NnsNfRule *b);

G_END_DECLS
