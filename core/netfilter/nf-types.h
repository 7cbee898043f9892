/* Netfilter's data as iptables hands it to the kernel: tables, hooks,
 * rules (the ipt_ip part, an ordered list of matches, one target) and the
 * verdicts.  Plain data with no pointers, so that a rule can be copied,
 * compared (-D by specification) and carried across the backend boundary
 * as it is; no text apart from names the user chose. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A table of a family: iptables' four, then ip6tables' own four (the same
 * names; nns_nf_table_family() and nns_nf_table_of() go between them). */
typedef enum {
  NNS_NF_TABLE_FILTER,
  NNS_NF_TABLE_NAT,
  NNS_NF_TABLE_MANGLE,
  NNS_NF_TABLE_RAW,
  NNS_NF_TABLE_FILTER6,
  NNS_NF_TABLE_NAT6,
  NNS_NF_TABLE_MANGLE6,
  NNS_NF_TABLE_RAW6,
  NNS_NF_N_TABLES,
} NnsNfTableId;

#define NNS_NF_N_TABLES4 4

typedef enum {
  NNS_NF_PREROUTING,
  NNS_NF_INPUT,
  NNS_NF_FORWARD,
  NNS_NF_OUTPUT,
  NNS_NF_POSTROUTING,
  NNS_NF_N_HOOKS,
} NnsNfHook;

typedef enum {
  NNS_NF_ACCEPT,
  NNS_NF_DROP,
  NNS_NF_REJECT,            /* a DROP that asks for an ICMP error or a RST */
} NnsNfVerdict;

/* xt_*_MAXNAMELEN: a chain name is at most 28 characters. */
#define NNS_NF_CHAIN_MAX 29
#define NNS_NF_IFNAMSIZ 16
#define NNS_NF_COMMENT_MAX 256
#define NNS_NF_LOG_PREFIX_MAX 30
#define NNS_NF_MAX_MATCHES 8
#define NNS_NF_MULTIPORT_MAX 15

/* ipt_ip's invflags. */
enum {
  NNS_NF_INV_IN    = 1 << 0,
  NNS_NF_INV_OUT   = 1 << 1,
  NNS_NF_INV_SRC   = 1 << 3,
  NNS_NF_INV_DST   = 1 << 4,
  NNS_NF_INV_PROTO = 1 << 6,
};

/* Conntrack states as xt_conntrack numbers them (the print order of
 * iptables is INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED, SNAT, DNAT). */
enum {
  NNS_NF_CT_INVALID     = 1 << 0,
  NNS_NF_CT_ESTABLISHED = 1 << 1,
  NNS_NF_CT_RELATED     = 1 << 2,
  NNS_NF_CT_NEW         = 1 << 3,
  NNS_NF_CT_UNTRACKED   = 1 << 4,
  NNS_NF_CT_SNAT        = 1 << 5,
  NNS_NF_CT_DNAT        = 1 << 6,
};

typedef enum {
  NNS_NF_MATCH_TCP,
  NNS_NF_MATCH_UDP,
  NNS_NF_MATCH_ICMP,
  NNS_NF_MATCH_ICMP6,         /* ip6t_icmp: the same data as icmp */
  NNS_NF_MATCH_MULTIPORT,
  NNS_NF_MATCH_STATE,
  NNS_NF_MATCH_CONNTRACK,
  NNS_NF_MATCH_COMMENT,
  NNS_NF_MATCH_LIMIT,
  NNS_NF_MATCH_MAC,
  NNS_NF_MATCH_IPRANGE,
  NNS_NF_MATCH_OWNER,
  NNS_NF_MATCH_ADDRTYPE,
  NNS_NF_MATCH_RECENT,
  NNS_NF_MATCH_LENGTH,
  NNS_NF_MATCH_TTL,
  NNS_NF_MATCH_PKTTYPE,
  NNS_NF_MATCH_SET,           /* ipset is not modelled: never in a rule */
} NnsNfMatchKind;

/* xt_iprange's flags. */
enum {
  NNS_NF_IPRANGE_SRC     = 1 << 0,
  NNS_NF_IPRANGE_DST     = 1 << 1,
  NNS_NF_IPRANGE_SRC_INV = 1 << 4,
  NNS_NF_IPRANGE_DST_INV = 1 << 5,
};

/* xt_owner's match and invert bits. */
enum {
  NNS_NF_OWNER_UID    = 1 << 0,
  NNS_NF_OWNER_GID    = 1 << 1,
  NNS_NF_OWNER_SOCKET = 1 << 2,
};

/* xt_addrtype_info_v1's flags; the types are 1 << RTN_* (LOCAL = 1 << 2). */
enum {
  NNS_NF_ADDRTYPE_INVERT_SOURCE   = 1 << 0,
  NNS_NF_ADDRTYPE_INVERT_DEST     = 1 << 1,
  NNS_NF_ADDRTYPE_LIMIT_IFACE_IN  = 1 << 2,
  NNS_NF_ADDRTYPE_LIMIT_IFACE_OUT = 1 << 3,
};

/* xt_recent's check_set bits and sides. */
enum {
  NNS_NF_RECENT_CHECK  = 1 << 0,
  NNS_NF_RECENT_SET    = 1 << 1,
  NNS_NF_RECENT_UPDATE = 1 << 2,
  NNS_NF_RECENT_REMOVE = 1 << 3,
  NNS_NF_RECENT_TTL    = 1 << 4,
  NNS_NF_RECENT_REAP   = 1 << 5,
};
#define NNS_NF_RECENT_SOURCE 0
#define NNS_NF_RECENT_DEST 1
#define NNS_NF_RECENT_NAME_MAX 200

/* xt_ttl's modes. */
typedef enum {
  NNS_NF_TTL_EQ,
  NNS_NF_TTL_NE,
  NNS_NF_TTL_LT,
  NNS_NF_TTL_GT,
} NnsNfTtlMode;

/* skb->pkt_type as xt_pkttype compares it. */
#define NNS_NF_PKT_HOST 0
#define NNS_NF_PKT_BROADCAST 1
#define NNS_NF_PKT_MULTICAST 2
#define NNS_NF_PKT_OTHERHOST 3

typedef enum {
  NNS_NF_MP_SOURCE,
  NNS_NF_MP_DESTINATION,
  NNS_NF_MP_EITHER,
} NnsNfMultiportFlags;

typedef struct {
  NnsNfMatchKind kind;
  gboolean invert;            /* state, conntrack, icmp, multiport */
  union {
    struct {                  /* tcp / udp (xt_tcp, xt_udp) */
      guint16 spts[2], dpts[2];
      gboolean inv_sport, inv_dport;
      gboolean has_flags;
      guint8 flg_mask, flg_cmp;
      gboolean inv_flags;
    } l4;
    struct {                  /* xt_icmp: type 255 = any */
      guint8 type, code_min, code_max;
    } icmp;
    struct {                  /* xt_multiport_v1 */
      NnsNfMultiportFlags flags;
      guint8 count;
      guint16 ports[NNS_NF_MULTIPORT_MAX];
      guint8 pflags[NNS_NF_MULTIPORT_MAX];  /* 1: ports[i]..ports[i+1] is a range */
    } multiport;
    guint states;             /* state / conntrack: NNS_NF_CT_* */
    char comment[NNS_NF_COMMENT_MAX];
    struct {                  /* xt_rateinfo as iptables reads it back from
                               * nf_tables' limit (rate per unit): avg is
                               * the interval in 1/10000 s, burst 5 by default */
      guint32 avg, burst;
    } limit;
    guint8 mac[6];            /* xt_mac: the source address (invert) */
    struct {                  /* xt_iprange_mtinfo: addresses in network
                               * order (IPv4 in the first 4 bytes) */
      guint8 flags;
      guint8 src_min[16], src_max[16], dst_min[16], dst_max[16];
    } iprange;
    struct {                  /* xt_owner_match_info */
      guint32 uid_min, uid_max, gid_min, gid_max;
      guint8 match, invert;
    } owner;
    struct {                  /* xt_addrtype_info_v1 */
      guint16 source, dest;   /* 1 << RTN_* */
      guint32 flags;
    } addrtype;
    struct {                  /* xt_recent_mtinfo_v1 */
      guint32 seconds, hit_count;
      guint8 check_set, invert, side;
      guint8 mask[16];        /* network order; IPv4 in the first 4 bytes */
      char name[NNS_NF_RECENT_NAME_MAX];
    } recent;
    struct {                  /* xt_length_info (invert) */
      guint16 min, max;
    } length;
    struct {                  /* ipt_ttl_info */
      NnsNfTtlMode mode;
      guint8 value;
    } ttl;
    guint8 pkttype;           /* xt_pkttype_info (invert) */
  } u;
} NnsNfMatch;

typedef enum {
  NNS_NF_TARGET_NONE,         /* no -j: only counts */
  NNS_NF_TARGET_ACCEPT,
  NNS_NF_TARGET_DROP,
  NNS_NF_TARGET_RETURN,
  NNS_NF_TARGET_JUMP,         /* to a user chain, by name */
  NNS_NF_TARGET_REJECT,
  NNS_NF_TARGET_LOG,
  NNS_NF_TARGET_MASQUERADE,
  NNS_NF_TARGET_SNAT,
  NNS_NF_TARGET_DNAT,
  NNS_NF_TARGET_REDIRECT,
} NnsNfTargetKind;

/* ipt_REJECT's reject types. */
typedef enum {
  NNS_NF_REJECT_NET_UNREACHABLE,
  NNS_NF_REJECT_HOST_UNREACHABLE,
  NNS_NF_REJECT_PROT_UNREACHABLE,
  NNS_NF_REJECT_PORT_UNREACHABLE,
  NNS_NF_REJECT_ECHOREPLY,
  NNS_NF_REJECT_NET_PROHIBITED,
  NNS_NF_REJECT_HOST_PROHIBITED,
  NNS_NF_REJECT_TCP_RESET,
  NNS_NF_REJECT_ADMIN_PROHIBITED,
  /* ip6t_REJECT's (ICMPv6 destination unreachable codes 0, 1, 3, 4, 5, 6). */
  NNS_NF_REJECT6_NO_ROUTE,
  NNS_NF_REJECT6_ADM_PROHIBITED,
  NNS_NF_REJECT6_ADDR_UNREACH,
  NNS_NF_REJECT6_PORT_UNREACH,
  NNS_NF_REJECT6_POLICY_FAIL,
  NNS_NF_REJECT6_REJECT_ROUTE,
} NnsNfRejectWith;

/* nf_nat_range: addresses in network order, ports in host order (an
 * ip6tables rule's addresses in min6/max6). */
typedef struct {
  gboolean has_addr, has_ports;
  guint32 min_addr, max_addr;
  guint8 min6[16], max6[16];
  guint16 min_port, max_port;
} NnsNfNatRange;

typedef struct {
  NnsNfTargetKind kind;
  char chain[NNS_NF_CHAIN_MAX];        /* JUMP */
  NnsNfRejectWith reject_with;         /* REJECT */
  guint8 log_level;                    /* LOG (syslog level, 4 by default) */
  guint8 log_flags;
  char log_prefix[NNS_NF_LOG_PREFIX_MAX];
  NnsNfNatRange nat;                   /* SNAT, DNAT, MASQUERADE/REDIRECT ports */
} NnsNfTarget;

/* One rule: ipt_entry's ipt_ip, the matches in the order given, the
 * target, and the counters (ignored when rules are compared). */
typedef struct {
  guint8 family;                       /* 0 (IPv4, iptables) or AF_INET6 (ip6tables) */
  guint32 src, smsk, dst, dmsk;        /* network order */
  guint8 src6[16], smsk6[16], dst6[16], dmsk6[16];  /* ip6t_ip6's, for AF_INET6 */
  char iniface[NNS_NF_IFNAMSIZ], outiface[NNS_NF_IFNAMSIZ];  /* "eth+" = prefix */
  guint16 proto;                       /* 0 = all */
  guint invflags;                      /* NNS_NF_INV_* */
  guint n_matches;
  NnsNfMatch matches[NNS_NF_MAX_MATCHES];
  NnsNfTarget target;
  guint64 packets, bytes;
} NnsNfRule;

/* A chain as a dump returns it (and as iptables-restore hands a whole
 * table back): built-in chains first in hook order, then user chains by
 * name, as iptables-nft 1.8.9 sorts them. */
typedef struct {
  char name[NNS_NF_CHAIN_MAX];
  gboolean builtin;
  NnsNfHook hook;                      /* built-in chains only */
  NnsNfVerdict policy;                 /* built-in chains only */
  gboolean present, stats;             /* built-in chains: see NnsNfChain */
  guint64 packets, bytes;              /* the policy's counters */
  guint refs;                          /* rules that jump to it */
  GArray *rules;                       /* NnsNfRule */
} NnsNfChainRecord;

typedef struct {
  NnsNfTableId table;
  gboolean exists;                     /* nf_tables creates tables on first write */
  gboolean incompatible;               /* it has base chains iptables cannot list (a
                                        * built-in chain renamed), left out of `chains` */
  GPtrArray *chains;                   /* NnsNfChainRecord*, owned */
} NnsNfTableRecord;

/* One packet a LOG target saw, with the fields nf_log_syslog.c prints
 * (the text is the dmesg printer's). */
typedef struct {
  guint8 level;                        /* syslog level (--log-level) */
  char prefix[NNS_NF_LOG_PREFIX_MAX];
  char in[NNS_NF_IFNAMSIZ], out[NNS_NF_IFNAMSIZ];  /* "" where the hook has none */
  gboolean has_mac;                    /* received: the link header, as MAC= */
  guint8 mac[14];                      /* destination, source, ethertype */
  guint32 saddr, daddr;                /* network order */
  guint16 len, ip_id;
  guint8 tos, ttl;
  gboolean df;
  guint8 proto;
  guint8 icmp_type, icmp_code;
  guint16 icmp_id, icmp_seq;           /* echo request/reply */
} NnsNfLogEntry;

/* One conntrack entry as `conntrack -L` gets it: both tuples (addresses
 * in network order; TCP/UDP ports in sport/dport; ICMP: the echo id in
 * sport, the type in dport, the code in icmp_code), the seconds left, the
 * mark and the reference count (CTA_USE). */
typedef struct {
  guint8 proto;
  guint32 src[2], dst[2];              /* [0] original, [1] reply */
  guint16 sport[2], dport[2];
  guint8 icmp_code[2];
  gboolean seen_reply, assured;
  guint64 timeout_s;
  guint32 mark, use;
} NnsNfCtRecord;

NnsNfTableRecord *nns_nf_table_record_new(NnsNfTableId table);
NnsNfChainRecord *nns_nf_chain_record_new(const char *name);
void nns_nf_table_record_free(NnsNfTableRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsNfTableRecord, nns_nf_table_record_free)

G_END_DECLS
