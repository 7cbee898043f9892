/* The one interface between netnsim's front ends and a backend.
 *
 * It speaks rtnetlink's language, as iproute2 speaks to the kernel: requests
 * (new link, set link, new address, ...) that succeed or fail with an errno
 * and an optional extended-ack text (see core/error.h), and dumps that return
 * records shaped like the kernel's RTM_NEWLINK / RTM_NEWADDR / RTM_NEWROUTE
 * messages.  Namespace and process operations (what `ip netns` does with
 * files and setns) sit beside them.
 *
 * Every request is made "from" a process (a PID); the process's network
 * namespace is the one a netlink socket opened by that process would talk
 * to.  That is how `ip netns exec NS ...` and `ip -n NS ...` are expressed.
 */
#pragma once

#include <glib.h>
#include "core/inet.h"
#include "core/error.h"
#include "core/netfilter/nf-types.h"

G_BEGIN_DECLS

#define NNS_IFNAMSIZ 16

/* ------------------------------------------------------------------ */
/* Records: what a dump returns.                                       */

typedef struct {
  guint64 rx_packets, tx_packets, rx_bytes, tx_bytes;
  guint64 rx_errors, tx_errors, rx_dropped, tx_dropped;
  guint64 multicast, collisions;
} NnsLinkStats;

/* RTM_NEWLINK as a struct. */
typedef struct {
  int ifindex;
  char name[NNS_IFNAMSIZ];
  guint flags;              /* ifi_flags: IFF_* as dev_get_flags() reports */
  guint16 type;             /* ARPHRD_* */
  guint mtu, min_mtu, max_mtu;
  guint txqlen;
  guint group;
  guint8 operstate;         /* IF_OPER_* */
  guint8 linkmode;
  gboolean has_addr_gen_mode; /* IFLA_AF_SPEC carries AF_INET6 */
  guint8 addr_gen_mode;     /* IFLA_INET6_ADDR_GEN_MODE */
  guint gso_max_size, gso_max_segs, tso_max_size, tso_max_segs, gro_max_size;
  const char *qdisc;        /* "noop", "noqueue", "pfifo_fast", ... */
  guint8 addr[6];
  guint8 broadcast[6];
  int link;                 /* IFLA_LINK; 0 when absent */
  gboolean link_none;       /* IFLA_LINK present with 0: a tunnel bound to no device ("@NONE") */
  gboolean has_link_netnsid;
  int link_netnsid;         /* IFLA_LINK_NETNSID, seen from the dumping ns */
  int master;               /* IFLA_MASTER; 0 when none */
  const char *kind;         /* IFLA_INFO_KIND or NULL ("veth", "bridge", ...) */
  const char *slave_kind;   /* IFLA_INFO_SLAVE_KIND ("bridge" on a port) */
  char *alias;              /* IFLA_IFALIAS or NULL */
  guint promiscuity;
  guint allmulti;           /* IFLA_ALLMULTI */
  guint num_tx_queues, num_rx_queues;
  guint carrier_changes;
  /* Bridge attributes, valid when kind is "bridge": IFLA_BR_BRIDGE_ID and
   * the settings (IFLA_BR_*; times in clock_t, 1/100 s). */
  guint16 bridge_priority;
  guint8 bridge_id[6];
  guint32 br_forward_delay, br_hello_time, br_max_age, br_ageing_time;
  guint32 br_stp_state;
  guint8 br_vlan_filtering;
  guint8 br_topology_change, br_topology_change_detected;
  guint16 br_root_port;     /* IFLA_BR_ROOT_PORT, IFLA_BR_ROOT_PATH_COST */
  guint32 br_root_path_cost;
  gboolean has_br_root_id;  /* IFLA_BR_ROOT_ID; else the root is the bridge itself */
  guint16 br_root_priority;
  guint8 br_root_addr[6];
  /* IFLA_BR_*_TIMER: time left, 1/100 s (the simulation keeps only the
   * topology change timer: docs/known-gaps.md). */
  guint64 br_hello_timer_cs, br_tcn_timer_cs, br_topology_change_timer_cs, br_gc_timer_cs;
  /* Bridge port (slave) attributes, valid when slave_kind is "bridge". */
  guint8 brport_state;      /* BR_STATE_* */
  guint16 brport_priority;
  guint32 brport_cost;
  gboolean has_brport_ids;  /* the STP attributes below were given */
  guint16 brport_id, brport_no;
  guint16 brport_designated_port;
  guint32 brport_designated_cost;
  guint16 brport_root_priority;     /* designated root and bridge: no STP, */
  guint8 brport_root_addr[6];       /* so both are the bridge's own id */
  guint64 brport_forward_delay_cs;  /* forward_delay_timer left, 1/100 s */
  guint8 brport_mcast_router;
  guint32 brport_flags;     /* NNS_BRPORT_* (core/bridge.h): the on/off switches */
  int brport_backup;        /* IFLA_BRPORT_BACKUP_PORT's ifindex, 0 when none */
  NnsLinkStats stats;
} NnsLinkRecord;

/* RTM_NEWADDR as a struct. */
typedef struct {
  guint8 family;
  guint8 prefixlen;
  guint8 scope;             /* RT_SCOPE_* */
  guint32 flags;            /* IFA_F_* */
  int ifindex;
  NnsInet local;            /* IFA_LOCAL (IPv4) / IFA_ADDRESS (IPv6) */
  gboolean has_broadcast;
  NnsInet broadcast;
  char label[NNS_IFNAMSIZ]; /* IFA_LABEL (IPv4 only), "" when none */
  guint32 valid_lft, preferred_lft; /* 0xffffffff = forever */
} NnsAddrRecord;

/* One path of RTA_MULTIPATH (struct rtnexthop and its attributes). */
typedef struct {
  gboolean has_gateway;
  NnsInet gateway;
  int ifindex;              /* rtnh_ifindex; 0 when not given */
  guint weight;             /* rtnh_hops + 1: 1..256 */
  guint32 flags;            /* rtnh_flags: RTNH_F_ONLINK, DEAD, LINKDOWN */
} NnsNexthopRecord;

/* RTM_NEWROUTE as a struct. */
typedef struct {
  guint8 family;
  guint8 dst_len;
  guint8 tos;
  guint32 table;            /* RT_TABLE_* */
  guint8 protocol;          /* RTPROT_* */
  guint8 scope;             /* RT_SCOPE_* */
  guint8 type;              /* RTN_* */
  guint32 flags;            /* RTNH_F_* of the nexthop (LINKDOWN, DEAD...) */
  NnsInet dst;
  gboolean has_prefsrc;
  NnsInet prefsrc;
  gboolean has_gateway;
  NnsInet gateway;
  int oif;                  /* 0 when none */
  gboolean has_priority;
  guint32 priority;
  guint8 pref;              /* ICMPV6_ROUTER_PREF_* for IPv6 */
  int iif;                  /* route_get only: RTA_IIF (an input lookup), 0 when none */
  guint32 mark;             /* route_get only: RTA_MARK, the lookup's fwmark */
  guint8 ipproto;           /* route_get only: RTA_IP_PROTO (`ipproto`), 0 when none */
  /* route_get and cloned records: a route exception for the destination
   * (the path MTU a Frag needed or a Packet too big taught): RTA_METRICS'
   * RTAX_MTU (0 when none) and its RTAX_LOCK bit, and RTA_CACHEINFO's
   * rta_expires in whole seconds. */
  guint32 mtu;
  gboolean mtu_locked;
  gboolean has_expires;
  guint32 expires_s;
  /* RTM_F_CLONED: a route exception as route_dump_cloned lists it (dst
   * the destination, /128; the rest its route's), or, in route_delete,
   * the exception to delete (ip6_del_cached_rt). */
  gboolean cloned;
  /* route_get: RTA_SRC, the source asked for (`from`), at src_len bits;
   * an IPv6 answer carries :: when none was asked. */
  gboolean has_src;
  NnsInet src;
  guint8 src_len;
  /* route_get: RTA_UID, the uid the lookup was made for (`uid N`); an
   * IPv4 output lookup's answer carries it. */
  gboolean has_uid;
  guint32 uid;
  /* route_get of IPv4: the clone's RTCF_* flags (rtm_flags' high half:
   * RTCF_LOCAL, RTCF_BROADCAST, RTCF_MULTICAST). */
  guint32 cache_flags;
  /* route_get request: RTM_F_FIB_MATCH, answer with the FIB entry that
   * matched rather than a clone. */
  gboolean fibmatch;
  /* RTA_MULTIPATH: n_nexthops paths (gateway and oif above are then unset);
   * 0 for a route with a single nexthop.  In a record a backend returns,
   * the array lives in the record's own allocation (nns_route_record_new),
   * so g_free frees both and struct copies share it. */
  guint n_nexthops;
  NnsNexthopRecord *nexthops;
} NnsRouteRecord;

/* A multicast address of a device, as /proc/net/dev_mcast (family
 * AF_PACKET: a link-layer address), /proc/net/igmp (AF_INET) and
 * /proc/net/igmp6 (AF_INET6) list them: what `ip maddr` reads. */
typedef struct {
  guint8 family;
  int ifindex;
  char ifname[NNS_IFNAMSIZ];
  guint8 addr[16];          /* 6 bytes (link), 4 (inet) or 16 (inet6) */
  guint users;              /* the address's refcount, the group's users */
  gboolean is_static;       /* link: added by SIOCADDMULTI (global use) */
  guint flags;              /* inet6: MAF_* as igmp6 shows them */
} NnsMaddrRecord;
/* A zeroed route record with room for n nexthops after it (nexthops set
 * when n > 0); free with g_free. */
NnsRouteRecord *nns_route_record_new(guint n_nexthops);

/* RTM_NEWRULE as a struct (struct fib_rule_hdr and the FRA_* attributes);
 * also the request of rule_add / rule_delete, where 0 in table, action,
 * src_len, dst_len and tos and "" in a name mean "not given". */
typedef struct {
  guint8 family;
  guint8 action;            /* FR_ACT_* */
  guint32 table;            /* FRA_TABLE */
  guint32 flags;            /* FIB_RULE_INVERT; in dumps also UNRESOLVED,
                             * IIF_DETACHED, OIF_DETACHED */
  gboolean has_priority;    /* FRA_PRIORITY (dumps leave out 0) */
  guint32 priority;
  guint8 src_len, dst_len;
  NnsInet src, dst;         /* FRA_SRC / FRA_DST */
  guint8 tos;
  gboolean has_mark, has_mask;  /* FRA_FWMARK / FRA_FWMASK */
  guint32 mark, mask;
  char iifname[NNS_IFNAMSIZ];   /* FRA_IIFNAME */
  char oifname[NNS_IFNAMSIZ];   /* FRA_OIFNAME */
  gboolean has_goto;        /* FRA_GOTO */
  guint32 target;
  gboolean has_protocol;    /* FRA_PROTOCOL */
  guint8 protocol;
} NnsRuleRecord;

/* One entry of `ip netns list`. */
typedef struct {
  char *name;
  int nsid;                 /* as seen from the caller's namespace, -1 if none */
} NnsNetnsRecord;

/* ------------------------------------------------------------------ */
/* Requests.                                                           */

/* Which fields of an NnsLinkChange are set (IFLA_* attributes present). */
typedef enum {
  NNS_LINK_SET_UP        = 1 << 0,
  NNS_LINK_SET_DOWN      = 1 << 1,
  NNS_LINK_SET_NAME      = 1 << 2,
  NNS_LINK_SET_MTU       = 1 << 3,
  NNS_LINK_SET_ADDRESS   = 1 << 4,
  NNS_LINK_SET_TXQLEN    = 1 << 5,
  NNS_LINK_SET_ALIAS     = 1 << 6,
  NNS_LINK_SET_MASTER    = 1 << 7,   /* master_ifindex 0 = nomaster */
  NNS_LINK_SET_NETNS_PID = 1 << 8,
  NNS_LINK_SET_NETNS_NAME= 1 << 9,   /* stands for IFLA_NET_NS_FD */
  NNS_LINK_SET_GROUP     = 1 << 10,
  NNS_LINK_SET_CARRIER   = 1 << 11,  /* IFLA_CARRIER */
  NNS_LINK_SET_PROTODOWN = 1 << 12,  /* IFLA_PROTO_DOWN */
  NNS_LINK_SET_NUM_TX_QUEUES = 1 << 13, /* IFLA_NUM_TX_QUEUES: creation only */
  NNS_LINK_SET_NUM_RX_QUEUES = 1 << 14, /* IFLA_NUM_RX_QUEUES: creation only */
  NNS_LINK_SET_BROADCAST = 1 << 15,  /* IFLA_BROADCAST */
  NNS_LINK_SET_LINKMODE  = 1 << 16,  /* IFLA_LINKMODE */
  NNS_LINK_SET_OPERSTATE = 1 << 17,  /* IFLA_OPERSTATE (set_operstate's transition) */
  NNS_LINK_SET_ADDR_GEN_MODE = 1 << 18, /* IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_ADDR_GEN_MODE */
  NNS_LINK_SET_GSO_MAX_SIZE = 1 << 19,
  NNS_LINK_SET_GSO_MAX_SEGS = 1 << 20,
  NNS_LINK_SET_GRO_MAX_SIZE = 1 << 21,
  NNS_LINK_SET_INDEX     = 1 << 22,  /* creation: ifi_index; a move: IFLA_NEW_IFINDEX */
  NNS_LINK_SET_LINK      = 1 << 23,  /* IFLA_LINK (creation only) */
  NNS_LINK_SET_LINK_NETNSID = 1 << 24, /* IFLA_LINK_NETNSID */
  NNS_LINK_SET_PARENT_DEV = 1 << 25, /* IFLA_PARENT_DEV_NAME */
  NNS_LINK_SET_XDP_OFF   = 1 << 26,  /* IFLA_XDP: detach (IFLA_XDP_FD -1, xdp_flags) */
  NNS_LINK_SET_PROTODOWN_REASON = 1 << 27, /* IFLA_PROTO_DOWN_REASON */
} NnsLinkChangeMask;

/* IFLA_INFO_DATA of a bridge (IFLA_BR_*), as br_changelink takes them:
 * times in clock_t (1/100 s). */
typedef enum {
  NNS_BR_SET_FORWARD_DELAY  = 1 << 0,
  NNS_BR_SET_HELLO_TIME     = 1 << 1,
  NNS_BR_SET_MAX_AGE        = 1 << 2,
  NNS_BR_SET_AGEING_TIME    = 1 << 3,
  NNS_BR_SET_STP_STATE      = 1 << 4,
  NNS_BR_SET_PRIORITY       = 1 << 5,
  NNS_BR_SET_VLAN_FILTERING = 1 << 6,
} NnsBridgeAttrMask;

typedef struct {
  guint mask;               /* NnsBridgeAttrMask; 0: no IFLA_INFO_DATA */
  guint32 forward_delay, hello_time, max_age, ageing_time, stp_state;
  guint16 priority;
  guint8 vlan_filtering;
} NnsBridgeAttrs;

/* RTM_NEWLINK / RTM_SETLINK: the attributes of one link. */
typedef struct {
  guint mask;               /* NnsLinkChangeMask */
  char name[64];            /* as given: the backend checks its length */
  guint mtu;
  guint8 addr[32];          /* IFLA_ADDRESS: addr_len bytes (0: 6) */
  guint txqlen;
  const char *alias;
  int master_ifindex;
  int netns_pid;
  const char *netns_name;
  guint group;
  guint flags;              /* ifi_flags for the IFF_* bits other than IFF_UP ... */
  guint flags_change;       /* ... that ifi_change names (promisc, arp, multicast, ...) */
  gboolean carrier;
  gboolean protodown;
  guint num_tx_queues;      /* as sent: -1 from the user is 0xffffffff */
  guint num_rx_queues;
  guint8 addr_len;          /* IFLA_ADDRESS's length (6 but for what the user gave) */
  guint8 broadcast[32];     /* IFLA_BROADCAST as ll_addr_a2n read it */
  guint8 broadcast_len;
  guint8 linkmode;          /* IF_LINK_MODE_* */
  guint8 operstate;         /* IF_OPER_* */
  guint8 addr_gen_mode;     /* IN6_ADDR_GEN_MODE_* */
  guint gso_max_size, gso_max_segs, gro_max_size;
  int index;                /* the ifindex asked for */
  int link_ifindex;         /* IFLA_LINK */
  int link_netnsid;
  const char *parent_dev;
  guint32 xdp_flags;        /* XDP_FLAGS_* of the detach */
  guint32 protodown_reason_mask, protodown_reason_value;
  gboolean group_wide;      /* ifindex 0 with IFLA_GROUP: every device of `group` */
  const char *info_kind;    /* a change's IFLA_INFO_KIND (`type KIND`), NULL when none */
  NnsBridgeAttrs br;        /* IFLA_INFO_DATA of kind "bridge" */
} NnsLinkChange;

/* RTM_SETLINK of family AF_BRIDGE (`bridge link set`): IFLA_PROTINFO's
 * IFLA_BRPORT_* and IFLA_AF_SPEC's IFLA_BRIDGE_FLAGS / IFLA_BRIDGE_MODE. */
typedef struct {
  guint16 af_flags;         /* BRIDGE_FLAGS_MASTER / BRIDGE_FLAGS_SELF; 0: none sent */
  gboolean has_mode;        /* IFLA_BRIDGE_MODE (hwmode) */
  guint16 mode;
  guint32 flags, flags_mask; /* NNS_BRPORT_* switches sent (mask) and their values */
  gboolean learning_sync_set; /* IFLA_BRPORT_LEARNING_SYNC (no bridge takes it) */
  gboolean learning_sync;
  gboolean has_cost;
  guint32 cost;
  gboolean has_priority;
  guint16 priority;
  gboolean has_state;
  guint8 state;
  gboolean has_mcast_router;
  guint8 mcast_router;
  gboolean has_backup;      /* IFLA_BRPORT_BACKUP_PORT: backup_ifindex, 0 for none */
  int backup_ifindex;
} NnsBrportChange;

/* RTM_NEWLINK with NLM_F_CREATE. */
typedef struct {
  const char *kind;         /* "veth", "bridge", "dummy" */
  NnsLinkChange link;       /* the new device's own attributes */
  gboolean has_peer;        /* veth: VETH_INFO_PEER present */
  NnsLinkChange peer;
} NnsLinkCreate;

/* RTM_NEWADDR / RTM_DELADDR. */
typedef struct {
  int ifindex;
  NnsInet local;
  guint8 prefixlen;
  gboolean has_peer_prefix;  /* prefix length given by the user */
  gboolean has_broadcast;
  NnsInet broadcast;
  gboolean has_scope;
  guint8 scope;
  const char *label;
  guint32 flags;            /* IFA_F_* asked for (nodad) */
} NnsAddrChange;

/* ------------------------------------------------------------------ */
/* Routes, neighbours, bridge: requests and records.                   */

/* The NLM_F_* flags of RTM_NEWROUTE / RTM_NEWNEIGH. */
typedef enum {
  NNS_NLM_CREATE  = 1 << 0,
  NNS_NLM_EXCL    = 1 << 1,
  NNS_NLM_REPLACE = 1 << 2,
  NNS_NLM_APPEND  = 1 << 3,
} NnsNlmFlags;

/* RTM_NEWNEIGH as a struct (also the request of neigh_add/neigh_delete). */
typedef struct {
  guint8 family;
  int ifindex;
  NnsInet dst;
  gboolean has_lladdr;
  guint8 lladdr[6];
  guint16 state;            /* NUD_* */
  guint8 flags;             /* NTF_* */
  guint32 used_s, confirmed_s, updated_s; /* NDA_CACHEINFO ages, seconds */
  guint32 probes;
} NnsNeighRecord;

/* RTM_NEWNEIGH of family AF_BRIDGE: one forwarding database entry. */
typedef struct {
  guint8 mac[6];
  int ifindex;              /* the port (or the bridge itself) */
  int master;               /* NDA_MASTER, 0 when absent */
  guint16 state;            /* NUD_PERMANENT, NUD_NOARP, NUD_REACHABLE */
  guint8 flags;             /* NTF_SELF, NTF_MASTER */
  gboolean has_vlan;
  guint16 vlan;
  gboolean has_cacheinfo;   /* NDA_CACHEINFO: a bridge's own entries have it */
  guint32 used_s, updated_s;
} NnsFdbRecord;

/* ------------------------------------------------------------------ */
/* Traffic control: a device's root qdisc.                            */

/* RTM_NEWQDISC as a struct; also the request of qdisc_modify/qdisc_delete,
 * where kind "" means no TCA_KIND and parent 0 no parent. */
typedef struct {
  int ifindex;
  char kind[16];            /* TCA_KIND */
  guint32 handle;           /* tcm_handle */
  guint32 parent;           /* tcm_parent: TC_H_ROOT, or a class (a child the kernel attached) */
  guint refcnt;             /* TCA_... as tc prints it ("refcnt N") */
  gboolean has_limit;       /* pfifo/bfifo TCA_OPTIONS */
  guint32 limit;
  guint32 quantum;          /* fq_codel's TCA_FQ_CODEL_QUANTUM */
  guint64 sent_bytes, sent_packets;  /* TCA_STATS2 basic */
  /* TCA_STATS2 queue (struct gnet_stats_queue): 0 in the simulation,
   * whose queues never hold, drop or requeue a packet. */
  guint32 qlen, backlog, drops, requeues, overlimits;
} NnsQdiscRecord;

/* ------------------------------------------------------------------ */
/* Packets: what ping asks of a backend and what it hears back.        */

typedef struct {
  NnsInet dst;
  guint count;              /* 0: until the deadline (bounded) */
  guint64 interval_us;
  guint64 timeout_us;       /* -W: how long to wait for the last answers */
  guint64 deadline_us;      /* -w: 0 when none */
  guint size;               /* ICMP payload bytes (-s) */
  guint ttl;                /* -t; 0 for the default */
  const char *ifname;       /* -I DEV, or NULL */
  gboolean has_src;         /* -I ADDR */
  NnsInet src;
  gboolean broadcast;       /* -b: SO_BROADCAST */
  const char *scope_ifname; /* IPv6 ADDR%DEV: the device a link-local address is on */
  guint8 pmtudisc;          /* -M: NNS_PMTUDISC_* (IP_MTU_DISCOVER) */
  guint preload;            /* -l: requests sent at once at the start (0 means 1) */
  gboolean flood;           /* -f without -i: the next request when the answer
                             * comes, and at least every 10 ms without one */
  guint8 tos;               /* -Q: IP_TOS (carried, never matched on) */
  guint8 pattern[16];       /* -p: the payload's repeating bytes */
  guint pattern_len;        /* 0: iputils' default payload (counting bytes) */
  gboolean quiet;           /* -q: local errors are then neither shown nor counted */
} NnsPingRequest;

/* -M: IP_MTU_DISCOVER's values, or none given (the socket keeps the
 * namespace's default, "want" unless net.ipv4.ip_no_pmtu_disc). */
enum { NNS_PMTUDISC_DEFAULT = 0, NNS_PMTUDISC_WANT, NNS_PMTUDISC_DONT, NNS_PMTUDISC_DO };

typedef struct {
  gboolean error;           /* an ICMP error rather than an echo reply */
  guint16 seq;
  guint8 ttl;
  guint8 type, code;
  NnsInet from;
  guint64 rtt_us;
  guint len;                /* ICMP bytes of a reply */
  char ifname[NNS_IFNAMSIZ];  /* IPv6: the device a link-local answer came in on, or "" */
  gboolean local;           /* a local error off the error queue (EMSGSIZE), not a datagram */
  guint mtu;                /* local EMSGSIZE: the path MTU; ICMP "Frag needed": the next hop's */
  guint64 at_us;            /* when it came, counted from the first request */
} NnsPingEvent;

typedef struct {
  int connect_errno;        /* connect() failed: nothing was sent */
  NnsInet src;              /* the source address chosen */
  gboolean to_broadcast;    /* connect() needed SO_BROADCAST */
  GArray *events;           /* NnsPingEvent, in the order they arrived */
  guint transmitted;
  guint pipe;               /* most answers outstanding at once */
  guint64 elapsed_us;
  guint64 start_us;         /* the clock (since the epoch) when the first request left: -D */
  GArray *sent_us;          /* guint64 per seq: when it left, from the first; NULL when unknown */
  GArray *unsent;           /* guint16 seqs whose sendmsg failed at once, with nothing on the
                             * error queue (no route for a ping that did not connect): iputils
                             * counts them sent, shows nothing (no -f dot) and counts no error;
                             * NULL when none */
} NnsPingResult;

void nns_ping_result_clear(NnsPingResult *res);

/* ------------------------------------------------------------------ */
/* The backend.                                                        */

typedef struct _NnsBackend NnsBackend;

typedef struct {
  const char *name;

  /* Links (rtnetlink). `ifindex` 0 with a name looks the device up by name. */
  gboolean (*link_create)(NnsBackend *be, int pid, const NnsLinkCreate *req, GError **error);
  gboolean (*link_change)(NnsBackend *be, int pid, int ifindex, const NnsLinkChange *req, GError **error);
  gboolean (*link_delete)(NnsBackend *be, int pid, int ifindex, GError **error);
  /* Array of NnsLinkRecord*, in the kernel's dump order. */
  GPtrArray *(*link_dump)(NnsBackend *be, int pid, GError **error);
  /* RTM_GETLINK by name: a record, or ENODEV. */
  NnsLinkRecord *(*link_get)(NnsBackend *be, int pid, const char *name, GError **error);

  gboolean (*addr_add)(NnsBackend *be, int pid, const NnsAddrChange *req, gboolean replace, GError **error);
  gboolean (*addr_delete)(NnsBackend *be, int pid, const NnsAddrChange *req, GError **error);
  GPtrArray *(*addr_dump)(NnsBackend *be, int pid, guint8 family, GError **error);

  GPtrArray *(*route_dump)(NnsBackend *be, int pid, guint8 family, GError **error);
  /* A dump with RTM_F_CLONED: the route exceptions only (cloned records;
   * IPv6's, rt6_dump_exceptions: IPv4 lists none, as on the recording
   * kernel), each route's newest first. */
  GPtrArray *(*route_dump_cloned)(NnsBackend *be, int pid, guint8 family, GError **error);

  /* Multicast addresses of the caller's namespace: NnsMaddrRecord*, the
   * link-layer ones of every device, then the IPv4 groups, then the IPv6
   * ones (each device in turn, as the three /proc files list them). */
  GPtrArray *(*maddr_dump)(NnsBackend *be, int pid, GError **error);
  /* SIOCADDMULTI (add) / SIOCDELMULTI of a link-layer address. */
  gboolean (*maddr_change)(NnsBackend *be, int pid, int ifindex, const guint8 addr[6], gboolean add,
                           GError **error);

  /* RTM_GETNSID: the id the caller's namespace has for the named one. */
  int (*nsid_of_name)(NnsBackend *be, int pid, const char *netns_name);
  /* RTM_NEWNSID. */
  gboolean (*nsid_set)(NnsBackend *be, int pid, const char *netns_name, int nsid, GError **error);
  /* RTM_GETNSID dump: array of NnsNsidPair* (nsid, current nsid). */
  GPtrArray *(*nsid_dump)(NnsBackend *be, int pid, GError **error);

  /* Namespaces by name: what /run/netns holds. */
  gboolean (*netns_add)(NnsBackend *be, int pid, const char *name, GError **error);
  gboolean (*netns_delete)(NnsBackend *be, const char *name, GError **error);
  /* Names in readdir order (newest first, as tmpfs lists them). */
  GPtrArray *(*netns_names)(NnsBackend *be);
  /* Attach an existing process's namespace to a name. */
  gboolean (*netns_attach)(NnsBackend *be, const char *name, int pid, GError **error);

  /* Processes: a simulated process per shell or exec'd program. */
  int (*process_spawn)(NnsBackend *be, int parent_pid, const char *netns_name, GError **error);
  void (*process_exit)(NnsBackend *be, int pid);
  gboolean (*process_exists)(NnsBackend *be, int pid);
  /* The inode number of a process's network namespace, 0 if no process. */
  guint64 (*process_netns_inode)(NnsBackend *be, int pid);
  /* Inode of a named namespace, 0 when the name is not bound. */
  guint64 (*netns_inode)(NnsBackend *be, const char *name);
  /* PIDs whose namespace is the named one, ascending. */
  GArray *(*netns_pids)(NnsBackend *be, const char *name);

  /* Per-namespace sysctls under /proc/sys (e.g. "net/ipv4/ip_forward"). */
  char *(*sysctl_get)(NnsBackend *be, int pid, const char *path, GError **error);
  gboolean (*sysctl_set)(NnsBackend *be, int pid, const char *path, const char *value, GError **error);
  /* Names of sysctl entries directly under a /proc/sys directory. */
  GPtrArray *(*sysctl_list)(NnsBackend *be, int pid, const char *dir);

  /* Simulator-only: plug a physical NIC into the root namespace. */
  gboolean (*nic_plug)(NnsBackend *be, const char *name, GError **error);

  /* Simulated time, in milliseconds. */
  void (*clock_advance)(NnsBackend *be, guint64 ms);
  /* The kernel log (dmesg): NnsKmsg records (core/kmsg.h), oldest first;
   * one log for every namespace.  Clearing is dmesg -C.  The kernel
   * backend shows the sandbox's part of the machine's log, or fails with
   * EPERM where it cannot tell that part from the host's. */
  GArray *(*kmsg_dump)(NnsBackend *be, GError **error);
  void (*kmsg_clear)(NnsBackend *be);

  /* One ping run from a socket in the caller's namespace.  ENODEV when
   * ifname names no device, EADDRNOTAVAIL when src is not local. */
  gboolean (*ping)(NnsBackend *be, int pid, const NnsPingRequest *req, NnsPingResult *res, GError **error);

  /* ---- Routes, neighbours, bridge -----------------------------------
   * Requests are NnsRouteRecord / NnsNeighRecord shaped as the RTM_NEW*
   * message: `nlflags` is NnsNlmFlags.  For route_delete, 0 in type,
   * protocol, oif and (!has_priority) priority and RT_SCOPE_NOWHERE in
   * scope mean "any", as in fib_table_delete.  route_get is RTM_GETROUTE
   * for req->dst (prefsrc = `from`, oif = `oif`).  Errors are errno +
   * extack as the kernel gives them (EEXIST, ESRCH, ENOENT, ...). */
  gboolean (*route_add)(NnsBackend *be, int pid, const NnsRouteRecord *req, guint nlflags, GError **error);
  gboolean (*route_delete)(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
  NnsRouteRecord *(*route_get)(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
  /* Whether an IPv4 routing table exists (a strict dump of one that does
   * not fails); NULL when the backend cannot tell. */
  gboolean (*route_table_exists)(NnsBackend *be, int pid, guint32 table);
  /* Policy rules (RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE): add with
   * nlflags (NnsNlmFlags), delete the first rule the request matches
   * (ENOENT), dump a family's rules in order (NnsRuleRecord*). */
  gboolean (*rule_add)(NnsBackend *be, int pid, const NnsRuleRecord *req, guint nlflags, GError **error);
  gboolean (*rule_delete)(NnsBackend *be, int pid, const NnsRuleRecord *req, GError **error);
  GPtrArray *(*rule_dump)(NnsBackend *be, int pid, guint8 family, GError **error);
  gboolean (*neigh_add)(NnsBackend *be, int pid, const NnsNeighRecord *req, guint nlflags, GError **error);
  gboolean (*neigh_delete)(NnsBackend *be, int pid, const NnsNeighRecord *req, GError **error);
  /* Array of NnsNeighRecord*, family AF_UNSPEC for all. */
  GPtrArray *(*neigh_dump)(NnsBackend *be, int pid, guint8 family, GError **error);
  /* Array of NnsFdbRecord*: every bridge's entries, as `bridge fdb show`. */
  GPtrArray *(*fdb_dump)(NnsBackend *be, int pid, GError **error);
  /* RTM_NEWNEIGH / RTM_DELNEIGH of family AF_BRIDGE (`bridge fdb add`,
   * `del`): mac, ifindex, state (NUD_*), flags (NTF_SELF / NTF_MASTER),
   * vlan when has_vlan; nlflags NnsNlmFlags. */
  gboolean (*fdb_add)(NnsBackend *be, int pid, const NnsFdbRecord *req, guint nlflags, GError **error);
  gboolean (*fdb_delete)(NnsBackend *be, int pid, const NnsFdbRecord *req, GError **error);
  /* RTM_SETLINK of family AF_BRIDGE on a device (`bridge link set`). */
  gboolean (*brport_change)(NnsBackend *be, int pid, int ifindex, const NnsBrportChange *req, GError **error);

  /* ---- Netfilter (iptables over nf_tables) -------------------------
   * Struct requests on one table of the caller's namespace; rules are
   * NnsNfRule (core/netfilter/nf-types.h), counters travel in them.  Errors
   * carry the errno (ENOENT no such chain / no matching rule, E2BIG rule
   * number too big, EEXIST, EBUSY, EMLINK loop, EINVAL target not allowed
   * there); the front end words them as iptables does.  Writes other than
   * flush and zero create the table (nf_tables tables appear on first use). */
  NnsNfTableRecord *(*nf_table_dump)(NnsBackend *be, int pid, NnsNfTableId table, GError **error);
  /* pos 0 appends (-A); pos N inserts before rule N (-I). */
  gboolean (*nf_rule_add)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint pos,
                          const NnsNfRule *rule, GError **error);
  /* num N deletes rule N; num 0 the first rule equal to spec. */
  gboolean (*nf_rule_delete)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                             const NnsNfRule *spec, GError **error);
  gboolean (*nf_rule_replace)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                              const NnsNfRule *rule, GError **error);
  gboolean (*nf_chain_policy)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain,
                              NnsNfVerdict policy, GError **error);
  /* chain NULL: every chain of the table. */
  gboolean (*nf_chain_flush)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
  /* chain NULL: every chain; num 0: the whole chain, else rule num. */
  gboolean (*nf_chain_zero)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                            GError **error);
  gboolean (*nf_chain_new)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
  /* chain NULL: every user chain. */
  gboolean (*nf_chain_delete)(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
  gboolean (*nf_chain_rename)(NnsBackend *be, int pid, NnsNfTableId table, const char *from, const char *to,
                              GError **error);
  /* Replace a whole table atomically (iptables-restore's COMMIT). */
  gboolean (*nf_table_replace)(NnsBackend *be, int pid, const NnsNfTableRecord *content, GError **error);
  /* The caller's namespace's conntrack table (conntrack -L): NnsNfCtRecord,
   * oldest first. */
  GArray *(*nf_ct_dump)(NnsBackend *be, int pid, GError **error);
  /* Empty it (conntrack -F, -D); *count: the entries that went. */
  gboolean (*nf_ct_flush)(NnsBackend *be, int pid, guint *count, GError **error);

  /* ---- Traffic control (tc qdisc), roots only ---------------------
   * nlflags: NnsNlmFlags (add CREATE|EXCL, replace CREATE|REPLACE, change
   * none).  Errors carry the errno and the extack tc prints. */
  gboolean (*qdisc_modify)(NnsBackend *be, int pid, const NnsQdiscRecord *req, guint nlflags, GError **error);
  gboolean (*qdisc_delete)(NnsBackend *be, int pid, const NnsQdiscRecord *req, GError **error);
  /* Array of NnsQdiscRecord*, in the kernel's dump order. */
  GPtrArray *(*qdisc_dump)(NnsBackend *be, int pid, GError **error);

  /* modprobe NAME.  ENOENT: no such module (the message, when not "",
   * names the module directory searched); EPERM: the module would have to
   * be loaded into the machine's kernel, which the kernel backend never
   * does. */
  gboolean (*module_load)(NnsBackend *be, const char *name, GError **error);

  void (*free)(NnsBackend *be);
} NnsBackendOps;

typedef struct {
  int nsid;
  int current_nsid;
} NnsNsidPair;

struct _NnsBackend {
  const NnsBackendOps *ops;
};

void nns_backend_free(NnsBackend *be);
void nns_link_record_free(NnsLinkRecord *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsBackend, nns_backend_free)

G_END_DECLS
