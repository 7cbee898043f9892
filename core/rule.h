/* Routing policy rules (the kernel's fib_rules): per namespace and family
 * an ordered list that a route lookup walks, asking the table of the first
 * rule that matches the flow (and the next one when that table has no
 * answer or a `throw` route).  The tables themselves stay the fib's
 * (fib.h), so a lookup costs one hash per prefix length per table asked.
 *
 * A new namespace has IPv4's three rules (0 local, 32766 main, 32767
 * default) and IPv6's two (0 local, 32766 main), `proto kernel`. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* One rule: struct fib_rule with the fib4_rule / fib6_rule selectors. */
struct _NnsRule {
  guint8 family;
  guint32 priority;
  guint8 action;              /* FR_ACT_* (RTN_NAT's 10 is kept as given) */
  guint32 table;
  guint32 flags;              /* FIB_RULE_INVERT */
  guint8 protocol;            /* RTPROT_KERNEL for the defaults */
  NnsInet src, dst;           /* kept as given: the kernel masks when it matches */
  guint8 src_len, dst_len;
  guint8 tos;
  guint32 mark, mark_mask;
  /* Devices by name: a rule naming a device that does not exist (or no
   * longer, or not under that name) is "detached" and matches nothing. */
  char iifname[NNS_NAME_MAX + 1];
  char oifname[NNS_NAME_MAX + 1];
  guint32 target;             /* FR_ACT_GOTO: the priority it jumps to */
};

/* A request (RTM_NEWRULE / RTM_DELRULE): the rule's fields, with which of
 * them were given where 0 is a value.  A 0 table, action, src_len, dst_len
 * or tos and an empty name mean "not given". */
typedef struct {
  NnsRule rule;
  gboolean has_priority;      /* FRA_PRIORITY */
  gboolean has_mark;          /* FRA_FWMARK */
  gboolean has_mask;          /* FRA_FWMASK */
  gboolean has_goto;          /* FRA_GOTO */
} NnsRuleSpec;

/* What a lookup is about (struct flowi4 / flowi6 as rules see it). */
typedef struct {
  NnsInet src;                /* family 0: no source yet (0.0.0.0 / ::) */
  NnsInet dst;
  int iif;                    /* 1 (lo) for what the host itself sends */
  int oif;                    /* 0: any */
  guint32 mark;
  guint8 tos;
  /* IPv6 multipath hash keys (rt6_multipath_hash): flowi6_proto, the
   * next header, and the flow label (0: the engine's datagrams carry none);
   * the addresses hashed when not src and dst (family 0): an ICMPv6
   * error's are those of the datagram it quotes. */
  guint8 proto;
  guint32 flowlabel;
  NnsInet hash_src, hash_dst;
} NnsFlow;

void nns_rules_init(NnsNetns *ns);
void nns_rules_free(NnsNetns *ns);
/* The rules of a family, in the kernel's list order (borrowed). */
GPtrArray *nns_rules_of(NnsNetns *ns, guint8 family);

/* fib_nl_newrule, with its checks and errors; nlflags are NnsNlmFlags
 * (EXCL: an identical rule is EEXIST). */
gboolean nns_rule_add(NnsNetns *ns, const NnsRuleSpec *spec, guint nlflags, GError **error);
/* fib_nl_delrule: the first rule the given fields match, or ENOENT. */
gboolean nns_rule_del(NnsNetns *ns, const NnsRuleSpec *spec, GError **error);

/* A goto rule's target: the first rule with the target priority, NULL
 * when there is none ("[unresolved]"). */
const NnsRule *nns_rule_goto_target(NnsNetns *ns, const NnsRule *rule);
/* Whether a rule's iif / oif names a device of the namespace. */
gboolean nns_rule_iif_attached(NnsNetns *ns, const NnsRule *rule);
gboolean nns_rule_oif_attached(NnsNetns *ns, const NnsRule *rule);

/* One table's answer for the flow, NULL for none. */
typedef NnsRoute *(*NnsTableLookup)(NnsNetns *ns, guint32 table, const NnsFlow *fl, gpointer data);

/* fib_rules_lookup: walk the family's rules; the first matching rule that
 * points at a table whose lookup gives a route (other than `throw`) ends
 * the walk.  Returns that route and its table, or NULL with *err: a rule's
 * action (unreachable -ENETUNREACH, prohibit -EACCES, blackhole and the
 * others -EINVAL) or -ENETUNREACH when no rule answered. */
NnsRoute *nns_rules_lookup(NnsNetns *ns, guint8 family, const NnsFlow *fl, NnsTableLookup lookup, gpointer data,
                           guint32 *table, int *err);

G_END_DECLS
