/* The kernel's netlink answers read into netnsim's records: pure functions
 * of the bytes of one message (no socket, no namespace), one file per
 * object family (kernel-decode-*.c), and the attribute helpers they share
 * (kernel-attr.c).  The request/response plumbing stays in kernel-*.c.
 *
 * Any bytes are safe: the message must lie in its buffer (as
 * nns_kernel_msg_ok checks in nns_knl_talk's loop), and from there every
 * read stays inside nlmsg_len.  A message too short for its fixed header gives
 * no record; an attribute whose length is not its type's is ignored, as
 * is an attribute of a type the decoder does not know.  fuzz/fuzz-netlink.c
 * holds them to that. */
#pragma once

#include "backends/backend.h"
#include "core/netfilter/nf-types.h"

#include <libmnl/libmnl.h>

G_BEGIN_DECLS

/* ---- kernel-attr.c: attribute tables and typed reads ---- */

/* mnl_nlmsg_ok(nlh, len), but also FALSE for an nlmsg_len over INT_MAX:
 * libmnl 1.0.4 compares it as an int, so a length of 2^31 or more passes
 * for one that fits, and mnl_nlmsg_next then jumps out of the buffer.
 * Walk a datagram with it, never with mnl_nlmsg_ok or mnl_cb_run alone. */
gboolean nns_kernel_msg_ok(const struct nlmsghdr *nlh, int len);

/* The fixed header (ifinfomsg, rtmsg, ...) of `size` bytes at the start of
 * the payload, or NULL when the message is shorter. */
const void *nns_kattr_header(const struct nlmsghdr *nlh, gsize size);
/* tb[0..max] = the attributes after a fixed header of `hdr_size` bytes,
 * the last of each type winning; unknown types (> max) are skipped.
 * Returns FALSE (tb all NULL) when the message is shorter than the header. */
gboolean nns_kattr_parse(const struct nlmsghdr *nlh, gsize hdr_size, const struct nlattr **tb, int max);
/* The same for the attributes nested in `nest`, and for `len` bytes of
 * attributes at `payload`. */
void nns_kattr_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max);
void nns_kattr_parse_payload(const void *payload, gsize len, const struct nlattr **tb, int max);

/* An attribute of exactly its type's size (mnl_attr_validate): TRUE and
 * *out set, or FALSE (absent or of another size) and *out untouched. */
gboolean nns_kattr_u8(const struct nlattr *a, guint8 *out);
gboolean nns_kattr_u16(const struct nlattr *a, guint16 *out);
gboolean nns_kattr_u32(const struct nlattr *a, guint32 *out);
gboolean nns_kattr_u64(const struct nlattr *a, guint64 *out);
/* The same, or `dflt`. */
guint8 nns_kattr_u8_or(const struct nlattr *a, guint8 dflt);
guint16 nns_kattr_u16_or(const struct nlattr *a, guint16 dflt);
guint32 nns_kattr_u32_or(const struct nlattr *a, guint32 dflt);
guint64 nns_kattr_u64_or(const struct nlattr *a, guint64 dflt);
/* The payload of a present attribute of at least `size` bytes (a struct
 * the kernel may grow), else NULL. */
const void *nns_kattr_struct(const struct nlattr *a, gsize size);
/* Copy at most size bytes of the payload into out, zero-filled, the rest
 * cut: addresses (IFLA_ADDRESS of 4, 6 or 16 bytes), struct prefixes. */
void nns_kattr_bytes(const struct nlattr *a, void *out, gsize size);
/* An address attribute into out (zeroed first), of `family`. */
void nns_kattr_inet(const struct nlattr *a, guint8 family, NnsInet *out);
/* A string attribute into out[size]: up to its NUL or the payload's end,
 * cut to size - 1 bytes; "" when a is NULL. */
void nns_kattr_string(const struct nlattr *a, char *out, gsize size);
/* A NUL-terminated string attribute (MNL_TYPE_NUL_STRING) in place, or
 * NULL when absent or not terminated. */
const char *nns_kattr_str(const struct nlattr *a);
/* The same as a string that lives as long as the process (records keep
 * kinds and qdiscs as `const char *` nobody frees). */
const char *nns_kattr_interned(const struct nlattr *a);

/* And the one writer the requests share: an address of `family` (4 or 16
 * bytes) as attribute `type`. */
guint nns_kattr_inet_len(guint8 family);
void nns_kattr_put_inet(struct nlmsghdr *nlh, guint16 type, guint8 family, const guint8 *bytes);

/* ---- one file per family ---- */

/* kernel-decode-ack.c: NLMSG_ERROR and NLMSG_DONE.  TRUE when nlh is one
 * of them: *err is 0 (an acknowledgement, the end of a dump) or the errno
 * the kernel answered (EPROTO when the message is cut short), *extack its
 * NLMSGERR_ATTR_MSG text in place, or NULL. */
gboolean nns_kernel_decode_status(const struct nlmsghdr *nlh, int *err, const char **extack);

/* kernel-decode-link.c: RTM_NEWLINK (free with nns_link_record_free). */
NnsLinkRecord *nns_kernel_decode_link(const struct nlmsghdr *nlh);
/* kernel-decode-addr.c: RTM_NEWADDR (g_free). */
NnsAddrRecord *nns_kernel_decode_addr(const struct nlmsghdr *nlh);
/* kernel-decode-route.c: RTM_NEWROUTE, RTA_MULTIPATH's paths included
 * (g_free frees both); and whether it is a cloned (cache) entry. */
NnsRouteRecord *nns_kernel_decode_route(const struct nlmsghdr *nlh);
gboolean nns_kernel_decode_route_cloned(const struct nlmsghdr *nlh);
/* kernel-decode-rule.c: RTM_NEWRULE (g_free). */
NnsRuleRecord *nns_kernel_decode_rule(const struct nlmsghdr *nlh);
/* kernel-decode-neigh.c: RTM_NEWNEIGH of the ARP and ND tables (NULL
 * without NDA_DST), and of AF_BRIDGE's forwarding database (NULL for any
 * other family or without a 6-byte NDA_LLADDR) (g_free). */
NnsNeighRecord *nns_kernel_decode_neigh(const struct nlmsghdr *nlh);
NnsFdbRecord *nns_kernel_decode_fdb(const struct nlmsghdr *nlh);
/* kernel-decode-qdisc.c: RTM_NEWQDISC (NULL without TCA_KIND) (g_free). */
NnsQdiscRecord *nns_kernel_decode_qdisc(const struct nlmsghdr *nlh);
/* kernel-decode-nsid.c: RTM_NEWNSID: nsid -1 without NETNSA_NSID;
 * current_nsid the nsid unless NETNSA_CURRENT_NSID says otherwise. */
gboolean nns_kernel_decode_nsid(const struct nlmsghdr *nlh, NnsNsidPair *out);
/* kernel-decode-ct.c: ctnetlink's IPCTNL_MSG_CT_NEW (FALSE without both
 * tuples). */
gboolean nns_kernel_decode_ct(const struct nlmsghdr *nlh, NnsNfCtRecord *out);

/* kernel-decode-nft.c: nf_tables' NFT_MSG_NEWCHAIN, as far as the
 * backend reads it.  The strings point into the message. */
typedef struct {
  const char *table;
  const char *name;
  gboolean base;            /* NFTA_CHAIN_HOOK: a base (built-in) chain */
  gboolean counters;        /* NFTA_CHAIN_COUNTERS */
  gboolean has_use;         /* NFTA_CHAIN_USE: its rules and the jumps to it */
  guint32 use;
} NnsKernelChain;
/* FALSE without a table or a name. */
gboolean nns_kernel_decode_chain(const struct nlmsghdr *nlh, NnsKernelChain *out);

G_END_DECLS
