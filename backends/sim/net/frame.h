/* A frame as the packet engine moves it: the header fields the simulation
 * needs, by value (no payload bytes, no allocation per packet). */
#pragma once

#include <glib.h>
#include "core/inet.h"

G_BEGIN_DECLS

#define NNS_ETH_P_IP 0x0800
#define NNS_ETH_P_ARP 0x0806
#define NNS_ETH_P_IPV6 0x86DD

#define NNS_ARPOP_REQUEST 1
#define NNS_ARPOP_REPLY 2

#define NNS_IPPROTO_ICMP 1

#define NNS_ICMP_ECHOREPLY 0
#define NNS_ICMP_DEST_UNREACH 3
#define NNS_ICMP_FRAG_NEEDED 4        /* its code */
#define NNS_ICMP_ECHO 8
#define NNS_ICMP_TIME_EXCEEDED 11

#define NNS_IPPROTO_ICMPV6 58

#define NNS_ICMP6_DEST_UNREACH 1
#define NNS_ICMP6_PKT_TOOBIG 2
#define NNS_ICMP6_TIME_EXCEEDED 3
#define NNS_ICMP6_ECHO_REQUEST 128
#define NNS_ICMP6_ECHO_REPLY 129
#define NNS_ICMP6_MLD2_REPORT 143
#define NNS_ND_ROUTER_SOLICIT 133
#define NNS_ND_NEIGHBOUR_SOLICIT 135
#define NNS_ND_NEIGHBOUR_ADVERT 136

#define NNS_ICMP6_NOROUTE 0
#define NNS_ICMP6_ADM_PROHIBITED 1
#define NNS_ICMP6_ADDR_UNREACH 3

/* Neighbour advertisement flags (RFC 4861 4.4). */
#define NNS_ND_NA_ROUTER 0x80
#define NNS_ND_NA_SOLICITED 0x40
#define NNS_ND_NA_OVERRIDE 0x20

typedef struct {
  guint8 dst[6];
  guint8 src[6];
  guint16 ethertype;

  /* ARP */
  guint16 arp_op;
  guint8 arp_sha[6];
  NnsInet arp_spa;
  NnsInet arp_tpa;

  /* IPv4 and IPv6 (ttl is the hop limit) */
  NnsInet ip_src;
  NnsInet ip_dst;
  guint8 ttl;
  guint8 proto;
  guint16 ip_id;              /* identification (see nns_ip_ident) */
  gboolean df;                /* don't fragment */
  guint16 ip_len;             /* total length, for byte counters */
  guint16 frag_mtu;           /* 0, or the MTU the datagram was cut into fragments for */
  int scope_ifindex;          /* IPv6 link-local: the device it is for (%dev) */

  /* IPv6 neighbour discovery: target, flags and link-layer option */
  NnsInet nd_target;
  guint8 nd_flags;
  gboolean nd_has_lladdr;
  guint8 nd_lladdr[6];

  /* ICMP */
  guint8 icmp_type;
  guint8 icmp_code;
  guint16 icmp_id;
  guint16 icmp_seq;
  guint64 sent_us;            /* echo: when the request left (its timestamp) */
  guint16 icmp_mtu;           /* Frag needed, Packet too big: the next hop's MTU */

  /* ICMP errors quote the offending datagram's header. */
  NnsInet orig_src;
  NnsInet orig_dst;
  guint8 orig_type;
  guint16 orig_id;
  guint16 orig_seq;

  guint hops;                 /* devices crossed: a bound against loops */
  gboolean from_user;         /* sent by a process's socket (ping), not by the kernel */
  gboolean broadcast;         /* sent with SO_BROADCAST */
} NnsFrame;

/* Length on the wire: Ethernet header plus the IP datagram (or ARP); a
 * fragmented datagram counts every fragment's headers (IPv6: and its
 * fragment header). */
guint nns_frame_wire_len(const NnsFrame *f);
/* Packets on the wire: the number of fragments, or 1. */
guint nns_frame_packets(const NnsFrame *f);
/* The largest packet of the datagram on the wire, Ethernet header aside:
 * its first fragment, or the datagram itself. */
guint nns_frame_largest_packet(const NnsFrame *f);

G_END_DECLS
