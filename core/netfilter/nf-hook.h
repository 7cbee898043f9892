/* The packet engine's entry into netfilter: one call per hook a packet
 * passes, in the kernel's order
 *
 *   received:  PREROUTING -> (routing) -> INPUT            (local delivery)
 *                                     -> FORWARD -> POSTROUTING
 *   sent:      OUTPUT -> (routing) -> POSTROUTING
 *
 * Each call runs the hook's tables in priority order (raw, conntrack,
 * mangle, nat, filter as the kernel registers them), counts the rules and
 * policies that matched, may rewrite the packet's addresses and ports
 * (NAT; DNAT at PREROUTING/OUTPUT, SNAT and MASQUERADE at
 * POSTROUTING/INPUT, the reverse for replies), and returns the verdict.
 * Nothing is allocated per packet; a new connection allocates one entry.
 */
#pragma once

#include "core/model.h"
#include "core/netfilter/nf-types.h"

G_BEGIN_DECLS

/* What conntrack decided about a packet (xt_conntrack's bits). */
typedef enum {
  NNS_NF_CTINFO_NONE = 0,             /* not looked at yet */
  NNS_NF_CTINFO_NEW,
  NNS_NF_CTINFO_ESTABLISHED,          /* original direction, reply seen */
  NNS_NF_CTINFO_RELATED,
  NNS_NF_CTINFO_REPLY,                /* ESTABLISHED, reply direction */
  NNS_NF_CTINFO_RELATED_REPLY,
  NNS_NF_CTINFO_INVALID,
} NnsNfCtInfo;

typedef enum {
  NNS_NF_SOCK_NONE,
  NNS_NF_SOCK_KERNEL,
  NNS_NF_SOCK_USER,
} NnsNfSock;

typedef struct {
  guint8 family;                      /* AF_INET; other families pass untouched */
  guint8 proto;                       /* IPPROTO_* */
  NnsInet saddr, daddr;
  guint16 sport, dport;               /* TCP/UDP, host order */
  guint8 tcp_flags;                   /* TCP: FIN 0x01 SYN 0x02 RST 0x04 ACK 0x10 */
  guint8 icmp_type, icmp_code;
  guint16 icmp_id;                    /* echo request/reply */
  /* ICMP errors (destination unreachable, time exceeded): the header they
   * quote, so that conntrack finds the flow (RELATED) and NAT rewrites it. */
  gboolean has_inner;
  guint8 inner_proto;
  NnsInet inner_saddr, inner_daddr;
  guint16 inner_sport, inner_dport;   /* TCP/UDP ports, or the echo id in both */
  const char *in_dev, *out_dev;       /* NULL where the hook has none */
  guint len;                          /* bytes of the IP packet (counters) */
  /* For LOG only: the IP header fields it prints, the echo sequence, and
   * the link header of a received packet. */
  guint8 tos, ttl;
  guint16 ip_id, icmp_seq;
  gboolean df;
  gboolean has_mac;
  guint8 mac[14];                     /* destination, source, ethertype */
  gboolean in_ether;                  /* received on an Ethernet device (not lo): xt_mac */
  guint8 pkt_type;                    /* NNS_NF_PKT_*: received packets (OUTPUT: host) */
  /* The socket a locally generated packet leaves from (the owner match):
   * none (forwarded, received), the kernel's own (ICMP replies and errors,
   * neighbour discovery: no file, so no uid), or a process's. */
  NnsNfSock sock;
  guint32 uid, gid;                   /* NNS_NF_SOCK_USER: its owner */
  /* Netfilter's own state for this packet in this namespace: zero both when
   * the packet enters a namespace (a veth crossing is a new skb there). */
  gpointer ct;
  NnsNfCtInfo ctinfo;
} NnsNfPacket;

/* What a REJECT asks the engine to send back. */
typedef struct {
  gboolean tcp_reset;                 /* send a TCP RST instead of ICMP */
  guint8 icmp_type, icmp_code;        /* ICMP: type 3 (or 0 for echo-reply) and code */
} NnsNfReject;

/* Run one hook of `ns` on `pkt`.  Returns NNS_NF_ACCEPT (the packet goes on,
 * possibly rewritten), NNS_NF_DROP, or NNS_NF_REJECT (dropped; `reject`, if
 * not NULL, says what error to send to pkt's source).  The connection a
 * packet creates is confirmed when it is accepted at INPUT or POSTROUTING;
 * a packet the engine itself discards between hooks must be passed to
 * nns_nf_packet_discard(). */
NnsNfVerdict nns_nf_hook(NnsNetns *ns, NnsNfHook hook, NnsNfPacket *pkt, NnsNfReject *reject);

/* Forget a packet that will go no further (frees an unconfirmed connection). */
void nns_nf_packet_discard(NnsNfPacket *pkt);

G_END_DECLS
