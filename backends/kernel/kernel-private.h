/* What the files of the kernel backend share: the backend object, the
 * table of (modelled) processes, and the netlink transport. */
#pragma once

#include "backends/kernel/kernel-backend.h"

#include <libmnl/libmnl.h>

G_BEGIN_DECLS

/* A process of the backend's world: a PID and the network namespace it is
 * in, held open as a file descriptor.  No real process exists; the PID is
 * what the front ends name, the descriptor what setns() and IFLA_NET_NS_FD
 * need.  PID 1 stands for the sandbox's init (the world's root). */
typedef struct {
  int pid;
  int netns_fd;
} NnsKernelProcess;

typedef struct {
  NnsBackend parent;
  int root_fd;          /* the world's root network namespace */
  int wire_fd;          /* world host: the namespace behind eth0, else -1 */
  GHashTable *procs;    /* pid -> NnsKernelProcess* */
  int next_pid;
  gboolean unsettled;   /* a change was made since the last read */
  guint settle_us;      /* how long a read after a change waits (kernel-nl.c) */
} NnsKernelBackend;

static inline NnsKernelBackend *
nns_kernel(NnsBackend *be)
{
  return (NnsKernelBackend *) be;
}

#define NNS_RUN_NETNS "/run/netns"

/* How long the kernel is given to finish what a change set off in its work
 * queues (addrconf's DAD work inserting IPv6 local routes, for one) before
 * the next read.  A console transcript has a few milliseconds between
 * commands (a shell and a program start); netnsim's commands follow each
 * other in microseconds.  See docs/kernel-backend.md, "Timing". */
#define NNS_KERNEL_SETTLE_US 20000

/* kernel-sandbox.c */
gboolean nns_kernel_sandbox_enter(GError **error);
/* init_net's net.netfilter.nf_log_all_netns when the sandbox was entered:
 * 0, 1, or -1 when it could not be read. */
int nns_kernel_host_log_all_netns(void);
gboolean nns_kernel_world_fresh(GError **error);
void nns_kernel_world_teardown(void);

/* kernel-process.c */
void nns_kernel_process_init(NnsKernelBackend *kb);
/* The namespace fd of `pid` (borrowed), or -1 and ESRCH. */
int nns_kernel_pid_netns(NnsKernelBackend *kb, int pid, GError **error);
/* Open /run/netns/NAME: a new fd, or -1 with errno set. */
int nns_kernel_open_named(const char *name);

/* kernel-nl.c: a callback for each message of a reply or dump. */
typedef void (*NnsKnlMsgFn)(const struct nlmsghdr *nlh, gpointer data);

/* Run fn(data) with the calling thread in the namespace `netns_fd`, then
 * come back to the world's root; returns fn's result, or -1 with errno when
 * the namespace cannot be entered. */
int nns_kernel_in_netns(NnsKernelBackend *kb, int netns_fd, int (*fn)(gpointer data), gpointer data);
/* Before a read: give the kernel's deferred work a moment if anything
 * changed since the last one (kernel-nl.c, NNS_SETTLE_US). */
void nns_kernel_settle(NnsKernelBackend *kb);
/* A NETLINK_ROUTE socket of the namespace `netns_fd`. */
struct mnl_socket *nns_knl_open(NnsKernelBackend *kb, int netns_fd, GError **error);
/* A socket of another netlink bus (NETLINK_NETFILTER) there. */
struct mnl_socket *nns_knl_open_bus(NnsKernelBackend *kb, int netns_fd, int bus, GError **error);
/* Send one request (NLM_F_ACK added unless it is a dump) and read until
 * its acknowledgement or the end of the dump, passing every other message
 * to fn.  Errors are the kernel's errno and extack text. */
gboolean nns_knl_talk(struct mnl_socket *nl, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data,
                      GError **error);
/* Open a socket in the namespace `netns_fd`, talk, close. */
gboolean nns_knl_talk_in(NnsKernelBackend *kb, int netns_fd, struct nlmsghdr *nlh, NnsKnlMsgFn fn,
                         gpointer data, GError **error);
/* The same in the namespace of the process `pid`. */
gboolean nns_knl_talk_pid(NnsKernelBackend *kb, int pid, struct nlmsghdr *nlh, NnsKnlMsgFn fn,
                          gpointer data, GError **error);
/* The same on another netlink bus (NETLINK_NETFILTER). */
/* As nns_knl_talk_pid, on a socket with NETLINK_GET_STRICT_CHK, as
 * iproute2 opens its own (rtnl_set_strict_dump): the kernel then checks a
 * get's header and answers a strict dump's filters. */
gboolean nns_knl_talk_pid_strict(NnsKernelBackend *kb, int pid, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data,
                                 GError **error);
gboolean nns_knl_talk_pid_bus(NnsKernelBackend *kb, int pid, int bus, struct nlmsghdr *nlh, NnsKnlMsgFn fn,
                              gpointer data, GError **error);
/* Give every datagram read from the kernel to fn as well (NULL: stop):
 * fuzz/capture-netlink.c records real answers as fuzzing seeds. */
typedef void (*NnsKnlTap)(const void *buf, gsize len, gpointer data);
void nns_knl_set_tap(NnsKnlTap fn, gpointer data);
/* A dump of `type` per family, AF_INET then AF_INET6 (or `family` alone),
 * as the kernel's AF_UNSPEC dump goes; the family is the first byte of
 * the request's fixed header of hdr_size (ifaddrmsg, rtmsg, fib_rule_hdr). */
gboolean nns_knl_dump_inet(NnsKernelBackend *kb, int pid, guint16 type, gsize hdr_size, guint8 family, NnsKnlMsgFn fn,
                           gpointer data, GError **error);
/* A request header of type and flags in buf (MNL_SOCKET_BUFFER_SIZE). */
struct nlmsghdr *nns_knl_header(char *buf, guint16 type, guint16 flags);

/* kernel-link.c (its messages read by kernel-decode-link.c, as each
 * family's are by kernel-decode-*.c: kernel-decode.h) */
/* RTM_NEWLINK from the namespace `netns_fd`; a veth's peer goes to
 * `peer_netns_fd` when it is not -1 (for building worlds). */
gboolean nns_kernel_link_create_in(NnsKernelBackend *kb, int netns_fd, const NnsLinkCreate *req,
                                   int peer_netns_fd, GError **error);
gboolean nns_kernel_link_create(NnsBackend *be, int pid, const NnsLinkCreate *req, GError **error);
gboolean nns_kernel_link_change_in(NnsKernelBackend *kb, int netns_fd, int ifindex, const NnsLinkChange *req,
                                   GError **error);
gboolean nns_kernel_link_change(NnsBackend *be, int pid, int ifindex, const NnsLinkChange *req, GError **error);
gboolean nns_kernel_link_delete(NnsBackend *be, int pid, int ifindex, GError **error);
GPtrArray *nns_kernel_link_dump(NnsBackend *be, int pid, GError **error);
NnsLinkRecord *nns_kernel_link_get(NnsBackend *be, int pid, const char *name, GError **error);

/* kernel-addr.c */
gboolean nns_kernel_addr_add_in(NnsKernelBackend *kb, int netns_fd, const NnsAddrChange *req, GError **error);
gboolean nns_kernel_addr_add(NnsBackend *be, int pid, const NnsAddrChange *req, gboolean replace, GError **error);
gboolean nns_kernel_addr_delete(NnsBackend *be, int pid, const NnsAddrChange *req, GError **error);
GPtrArray *nns_kernel_addr_dump(NnsBackend *be, int pid, guint8 family, GError **error);

/* kernel-route.c */
GPtrArray *nns_kernel_route_dump(NnsBackend *be, int pid, guint8 family, GError **error);
GPtrArray *nns_kernel_route_dump_cloned(NnsBackend *be, int pid, guint8 family, GError **error);
gboolean nns_kernel_route_add(NnsBackend *be, int pid, const NnsRouteRecord *req, guint nlflags, GError **error);
gboolean nns_kernel_route_delete(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
NnsRouteRecord *nns_kernel_route_get(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error);
gboolean nns_kernel_route_table_exists(NnsBackend *be, int pid, guint32 table);
/* RTM_NEWROUTE of a default route via `gateway`, for building worlds. */
gboolean nns_kernel_route_add_default(NnsKernelBackend *kb, int netns_fd, const char *gateway, GError **error);

/* kernel-rule.c */
gboolean nns_kernel_rule_add(NnsBackend *be, int pid, const NnsRuleRecord *req, guint nlflags, GError **error);
gboolean nns_kernel_rule_delete(NnsBackend *be, int pid, const NnsRuleRecord *req, GError **error);
GPtrArray *nns_kernel_rule_dump(NnsBackend *be, int pid, guint8 family, GError **error);

/* kernel-neigh.c */
gboolean nns_kernel_neigh_add(NnsBackend *be, int pid, const NnsNeighRecord *req, guint nlflags, GError **error);
gboolean nns_kernel_neigh_delete(NnsBackend *be, int pid, const NnsNeighRecord *req, GError **error);
GPtrArray *nns_kernel_neigh_dump(NnsBackend *be, int pid, guint8 family, GError **error);

/* kernel-fdb.c */
GPtrArray *nns_kernel_fdb_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_kernel_fdb_add(NnsBackend *be, int pid, const NnsFdbRecord *req, guint nlflags, GError **error);
gboolean nns_kernel_fdb_delete(NnsBackend *be, int pid, const NnsFdbRecord *req, GError **error);

/* kernel-bridge.c */
/* IFLA_INFO_DATA of a bridge (IFLA_BR_*), nested in nlh; nothing when the
 * attributes are empty. */
void nns_kernel_put_bridge_data(struct nlmsghdr *nlh, const NnsBridgeAttrs *attrs);
gboolean nns_kernel_brport_change(NnsBackend *be, int pid, int ifindex, const NnsBrportChange *req, GError **error);

/* kernel-qdisc.c */
gboolean nns_kernel_qdisc_modify(NnsBackend *be, int pid, const NnsQdiscRecord *req, guint nlflags, GError **error);
gboolean nns_kernel_qdisc_delete(NnsBackend *be, int pid, const NnsQdiscRecord *req, GError **error);
GPtrArray *nns_kernel_qdisc_dump(NnsBackend *be, int pid, GError **error);

/* kernel-ping.c */
gboolean nns_kernel_ping(NnsBackend *be, int pid, const NnsPingRequest *req, NnsPingResult *res, GError **error);

/* kernel-nf-text.c: rules and tables in iptables' words */
GPtrArray *nns_kernel_nf_rule_words(const NnsNfRule *r);
NnsNfTableRecord *nns_kernel_nf_table_parse(const char *save, NnsNfTableId table, GError **error);
char *nns_kernel_nf_table_text(const NnsNfTableRecord *t);

/* kernel-nft.c: which built-in chains of `rec` nf_tables has (present)
 * and which have counters (stats), from the kernel's chain dump. */
gboolean nns_kernel_nft_builtin_chains(NnsBackend *be, int pid, NnsNfTableRecord *rec, GError **error);

/* kernel-netfilter.c: the nf_* operations, by the real iptables-nft */
NnsNfTableRecord *nns_kernel_nf_table_dump(NnsBackend *be, int pid, NnsNfTableId table, GError **error);
gboolean nns_kernel_nf_rule_add(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint pos,
                                const NnsNfRule *rule, GError **error);
gboolean nns_kernel_nf_rule_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                                   const NnsNfRule *spec, GError **error);
gboolean nns_kernel_nf_rule_replace(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                                    const NnsNfRule *rule, GError **error);
gboolean nns_kernel_nf_chain_policy(NnsBackend *be, int pid, NnsNfTableId table, const char *chain,
                                    NnsNfVerdict policy, GError **error);
gboolean nns_kernel_nf_chain_flush(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
gboolean nns_kernel_nf_chain_zero(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, guint num,
                                  GError **error);
gboolean nns_kernel_nf_chain_new(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
gboolean nns_kernel_nf_chain_delete(NnsBackend *be, int pid, NnsNfTableId table, const char *chain, GError **error);
gboolean nns_kernel_nf_chain_rename(NnsBackend *be, int pid, NnsNfTableId table, const char *from, const char *to,
                                    GError **error);
gboolean nns_kernel_nf_table_replace(NnsBackend *be, int pid, const NnsNfTableRecord *content, GError **error);

/* kernel-conntrack.c: the conntrack table over ctnetlink */
GArray *nns_kernel_nf_ct_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_kernel_nf_ct_flush(NnsBackend *be, int pid, guint *count, GError **error);

/* kernel-kmsg.c: the kernel log as the sandbox may show it */
GArray *nns_kernel_kmsg_dump(NnsBackend *be, GError **error);
void nns_kernel_kmsg_clear(NnsBackend *be);

/* kernel-module.c: modprobe, without loading anything.  The lookup sees
 * the machine's /sys/module and /lib/modules/RELEASE under `root`. */
gboolean nns_kernel_module_lookup(const char *root, const char *release, const char *name, GError **error);
gboolean nns_kernel_module_load(NnsBackend *be, const char *name, GError **error);

/* kernel-netns.c */
int nns_kernel_nsid_of_name(NnsBackend *be, int pid, const char *name);
gboolean nns_kernel_nsid_set(NnsBackend *be, int pid, const char *name, int nsid, GError **error);
GPtrArray *nns_kernel_nsid_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_kernel_netns_add(NnsBackend *be, int pid, const char *name, GError **error);
gboolean nns_kernel_netns_delete(NnsBackend *be, const char *name, GError **error);
GPtrArray *nns_kernel_netns_names(NnsBackend *be);
gboolean nns_kernel_netns_attach(NnsBackend *be, const char *name, int pid, GError **error);
guint64 nns_kernel_netns_inode(NnsBackend *be, const char *name);
GArray *nns_kernel_netns_pids(NnsBackend *be, const char *name);
/* A new network namespace, not named: an fd, or -1 with errno. */
int nns_kernel_netns_create(NnsKernelBackend *kb);

/* kernel-process.c */
int nns_kernel_process_spawn(NnsBackend *be, int parent_pid, const char *netns_name, GError **error);
void nns_kernel_process_exit(NnsBackend *be, int pid);
gboolean nns_kernel_process_exists(NnsBackend *be, int pid);
guint64 nns_kernel_process_netns_inode(NnsBackend *be, int pid);

/* kernel-sysctl.c */
char *nns_kernel_sysctl_get(NnsBackend *be, int pid, const char *path, GError **error);
gboolean nns_kernel_sysctl_set(NnsBackend *be, int pid, const char *path, const char *value, GError **error);
GPtrArray *nns_kernel_sysctl_list(NnsBackend *be, int pid, const char *dir);
void nns_kernel_clock_advance(NnsBackend *be, guint64 ms);

/* kernel-flags.c: ifi_flags / ifi_change, IFLA_CARRIER, IFLA_PROTO_DOWN. */
struct ifinfomsg;
void nns_kernel_put_link_flags(struct nlmsghdr *nlh, struct ifinfomsg *ifi, const NnsLinkChange *c);

/* kernel-maddr.c */
GPtrArray *nns_kernel_maddr_dump(NnsBackend *be, int pid, GError **error);
gboolean nns_kernel_maddr_change(NnsBackend *be, int pid, int ifindex, const guint8 addr[6], gboolean add,
                                 GError **error);

G_END_DECLS
