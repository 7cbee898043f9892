/* netnsim's model of the kernel's networking state: namespaces, devices,
 * addresses and routes, with the semantics the kernel gives them.
 *
 * The model knows nothing of text or I/O: it is changed through the
 * functions declared in the per-object headers (world.h, netns.h, device.h,
 * address.h, route.h) and read by the simulated backend, which turns it
 * into rtnetlink-shaped records.
 */
#pragma once

#include <glib.h>
#include "core/inet.h"

G_BEGIN_DECLS

typedef struct _NnsWorld NnsWorld;
typedef struct _NnsNetns NnsNetns;
typedef struct _NnsDevice NnsDevice;
typedef struct _NnsAddress NnsAddress;
typedef struct _NnsRoute NnsRoute;
typedef struct _NnsProcess NnsProcess;
typedef struct _NnsRule NnsRule;

#define NNS_NAME_MAX 15

typedef enum {
  NNS_KIND_LOOPBACK,
  NNS_KIND_PHYSICAL,
  NNS_KIND_VETH,
  NNS_KIND_BRIDGE,
  NNS_KIND_DUMMY,
  NNS_KIND_IFB,               /* intermediate functional block */
  NNS_KIND_IPIP,              /* tunl0, the ipip module's fallback tunnel */
} NnsKind;

struct _NnsProcess {
  int pid;
  NnsNetns *ns;
};

struct _NnsNetns {
  NnsWorld *world;
  guint64 inode;
  int next_ifindex;           /* the kernel's net->ifindex cursor */
  GHashTable *by_index;       /* int ifindex -> NnsDevice* */
  GHashTable *by_name;        /* name -> NnsDevice* */
  GHashTable *nsids;          /* NnsNetns* peer -> int id + 1 */
  GHashTable *nsid_peers;     /* int id -> NnsNetns* */
  int nsid_free_from;         /* every id below it is in use: where the
                               * search for the lowest free one starts */
  GHashTable *known_by;       /* NnsNetns* that hold an id for this one */
  struct _NnsFib *fib;        /* every route, indexed for lookups (fib.h) */
  GHashTable *sysctls;        /* "net/core/somaxconn" -> value */
  struct _NnsConf *conf;      /* net.ipv4.conf / net.ipv6.conf: all and default (conf.h) */
  GPtrArray *rules4;          /* NnsRule*, the IPv4 policy rules in order (rule.h) */
  GPtrArray *rules6;          /* NnsRule*, the IPv6 ones */
  gboolean rules4_custom;     /* fib_has_custom_rules: an IPv4 rule was added or
                               * deleted, so the local table is apart from main
                               * (before, a lookup answered from local reports main) */
  GHashTable *neighbours;     /* NnsNeighKey* -> NnsNeigh* (neigh.h) */
  GPtrArray *proxies;         /* NnsNeigh* with NTF_PROXY, oldest first */
  /* Netfilter state (tables, chains, conntrack), created on first use by
   * core/netfilter/ and freed with the namespace through netfilter_free. */
  gpointer netfilter;
  GDestroyNotify netfilter_free;
  /* The packet engine's cache of route exceptions (the path MTUs ICMP
   * "Frag needed" taught, backends/sim/net/pmtu.c), freed with the
   * namespace through pmtu_free; fnhe_genid is the kernel's counter that
   * writing net.ipv4.route.flush bumps, which voids every exception. */
  gpointer pmtu;
  GDestroyNotify pmtu_free;
  guint fnhe_genid;
  guint names;                /* how many /run/netns names bind it */
  guint processes;            /* processes living in it */
  gboolean is_root;
};

struct _NnsAddress {
  NnsDevice *dev;
  NnsInet local;
  guint8 prefixlen;
  guint8 scope;               /* RT_SCOPE_* */
  guint32 flags;              /* IFA_F_* */
  gboolean has_broadcast;
  NnsInet broadcast;
  char label[NNS_NAME_MAX + 1];
  guint64 dad_done_us;        /* IPv6: tentative until the clock (µs) reaches it */
  guint64 route_serial;       /* IPv6: insertion stamp of its derived routes */
  gboolean anycast;           /* IPv6: its subnet-router anycast address is joined (forwarding) */
};

typedef struct {
  guint64 rx_packets, tx_packets, rx_bytes, tx_bytes;
  guint64 rx_dropped, tx_dropped;
} NnsCounters;

/* A link-layer address on one of a device's lists (struct netdev_hw_addr
 * of dev->mc: what /proc/net/dev_mcast and `ip maddr` show as "link"; or
 * of dev->uc, which only `bridge fdb add ... self` fills here). */
typedef struct {
  guint8 addr[6];
  guint refcount;
  gboolean global;            /* added by SIOCADDMULTI (`ip maddr add`): "static" */
} NnsHwMcast;

/* An IP multicast group a device has joined (ip_mc_list, ifmcaddr6). */
typedef struct {
  NnsInet group;
  guint users;
  gboolean loaded;            /* its link-layer address is on the device's list */
} NnsMcGroup;

/* A bridge's settings (struct net_bridge), its times in jiffies of the
 * reference kernel (HZ 250, core/bridge.h), as the kernel keeps them. */
typedef struct {
  guint32 forward_delay, hello_time, max_age;
  guint32 ageing_time;        /* in force: twice the forward delay during a topology change */
  guint32 bridge_ageing_time; /* as set */
  gboolean stp;               /* BR_KERNEL_STP: a namespace other than init's never
                               * hands STP to user space */
  guint16 priority;           /* of the bridge id */
  gboolean topology_change, topology_change_detected;
  guint64 tc_timer_us;        /* topology_change_timer's expiry, 0 when not pending */
  guint64 fdb_serial;         /* creation stamp of the next fdb entry (fdb_list order) */
} NnsBridgeConf;

/* A bridge port's settings and STP state (struct net_bridge_port). */
typedef struct {
  guint32 flags;              /* NNS_BRPORT_* (core/bridge.h) */
  guint32 path_cost;
  guint16 priority;           /* 0..63, above the port number in the port id */
  guint8 mcast_router;
  guint16 designated_prio;    /* the designated root's and bridge's priority, as
                               * the port was last made designated */
  NnsDevice *backup;          /* backup_port, NULL when none */
  guint64 fd_timer_us;        /* forward_delay_timer's expiry, 0 when not pending */
} NnsBrport;

struct _NnsDevice {
  NnsNetns *ns;
  int ifindex;
  char name[NNS_NAME_MAX + 1];
  NnsKind kind;
  gboolean admin_up;
  guint iff;                  /* dev->flags but for IFF_UP, IFF_PROMISC, IFF_ALLMULTI and
                               * the operational bits: the kind's, as changed by the user */
  guint gflags;               /* IFF_PROMISC / IFF_ALLMULTI the user asked for */
  guint promiscuity;          /* users of promiscuous mode (the user, a bridge) */
  guint allmulti;             /* users of all-multicast mode */
  gboolean carrier;
  gboolean plugged;           /* physical: a cable is in */
  gboolean ipv6_ready;        /* addrconf has configured it (carrier while up) */
  struct _NnsQdisc *qdisc;    /* the root qdisc (dev->qdisc); NULL: noop, none attached */
  gpointer conf;              /* its net.ipv4.conf.DEV / net.ipv6.conf.DEV values (conf.h) */
  int disable_ipv6;           /* net.ipv6.conf.DEV.disable_ipv6, from the namespace's
                               * default when the device registers there */
  guint64 ipv6_mroute_serial; /* insertion stamp of its ff00::/8 route */
  guint64 ipv6_start_us;      /* when it last became ready: the kernel's own
                               * IPv6 traffic (DAD, MLD, RS) counts from there */
  guint mtu;
  guint txqlen;
  guint num_tx_queues;        /* IFLA_NUM_TX_QUEUES / _RX_: fixed when the device is made */
  guint real_num_tx_queues;   /* the transmit queues in use (a veth made without
                               * numtxqueues uses one: veth_init_queues) */
  guint num_rx_queues;
  guint group;
  guint8 mac[6];
  gboolean mac_set;           /* NET_ADDR_SET: a bridge keeps a set address */
  guint8 broadcast[6];        /* dev->broadcast (IFLA_BROADCAST) */
  guint8 link_mode;           /* IF_LINK_MODE_* (IFLA_LINKMODE) */
  gboolean oper_stored;       /* dev->operstate differs from what the carrier gives */
  guint8 oper_raw;            /* ... and is this (core/operstate.h) */
  guint gso_max_size, gso_max_segs, gro_max_size;
  gboolean ll_iid_set;        /* addrgenmode random: the interface id drawn once */
  guint8 ll_iid[8];
  char *alias;
  guint carrier_changes;      /* IFLA_CARRIER_CHANGES: flips of the kernel's carrier bit */
  gboolean br_carrier_ok;     /* bridge: that bit (netif_carrier_ok), which br_port_state_selection
                               * sets and a bridge keeps while down; `carrier` is it while up */
  NnsDevice *peer;            /* veth: the other end */
  NnsDevice *wire;            /* physical: the NIC at the other end of the cable */
  NnsDevice *master;          /* bridge port: its bridge */
  GPtrArray *ports;           /* bridge: NnsDevice* ports, in order enslaved */
  gboolean had_ports;         /* bridge: its automatic address came from a port */
  guint8 port_state;          /* BR_STATE_* as a bridge port */
  guint16 port_no;            /* bridge port: its number, lowest free from 1 */
  NnsBrport brport;           /* bridge port: settings and timer (core/bridge.h) */
  NnsBridgeConf br;           /* bridge: settings (core/bridge.h) */
  GHashTable *fdb;            /* bridge: MAC (as guint64) -> NnsFdbEntry* (core/fdb.h) */
  GArray *hw_uc;              /* NnsHwMcast: the unicast list (dev->uc) that `bridge fdb
                               * add ... self` fills, oldest first; NULL when empty */
  gboolean uc_promisc;        /* dev->uc_promisc: promiscuous for its unicast list */
  GPtrArray *addrs4;          /* NnsAddress*, in the kernel's list order */
  GPtrArray *addrs6;
  GArray *hw_mc;              /* NnsHwMcast, oldest first (core/mcast.h) */
  GArray *mc4;                /* NnsMcGroup, IPv4, newest first */
  GArray *mc6;                /* NnsMcGroup, IPv6, newest first */
  NnsCounters counters;
};

/* One path of a multipath route (a struct fib_nh of RTA_MULTIPATH). */
typedef struct {
  gboolean has_gateway;
  NnsInet gateway;
  NnsDevice *dev;
  guint weight;               /* 1..256: rtnh_hops + 1 */
  guint32 flags;              /* RTNH_F_ONLINK as the user gave it */
} NnsNexthop;

struct _NnsRoute {
  guint8 family;
  guint32 table;
  guint8 type;                /* RTN_* */
  guint8 protocol;            /* RTPROT_* */
  guint8 scope;
  NnsInet dst;
  guint8 dst_len;
  gboolean has_prefsrc;
  NnsInet prefsrc;
  gboolean has_gateway;
  NnsInet gateway;
  NnsDevice *dev;
  guint32 priority;
  gboolean has_priority;
  guint32 flags;              /* RTNH_F_ONLINK, ... as the user gave them */
  guint64 serial;             /* insertion order, for stable dumps */
  guint64 info_id;            /* its fib_info: IPv4 routes with the same nexthops and
                               * attributes share one (fib_find_info), which holds their
                               * exceptions and lives while one of them does; an IPv6 route
                               * has its own (fib6_info); ids are never reused, 0 for the
                               * routes derived from addresses */
  /* A multipath route: nhs (two or more) paths in `nh`, owned by the route
   * in the fib (nns_route_free); copies of the struct share them.  The
   * single-path fields above (gateway, dev, flags) then mirror the first
   * path, which is what a delete's RTA_OIF / RTA_GATEWAY is held against
   * (fib_nh_match).  NULL and 0 for a route with one nexthop. */
  NnsNexthop *nh;
  guint nhs;
  gboolean all_linkdown;      /* fib_info's RTNH_F_LINKDOWN (core/route.c) */
  /* IPv6: the weight of the route's one nexthop (fib_nh_weight, 0 for 1).
   * Each path of an IPv6 multipath route is a route of its own, as in the
   * kernel (an ECMP sibling, core/route6.h). */
  guint weight;
};

G_END_DECLS
