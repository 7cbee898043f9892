/* NAT bindings (nf_nat_core.c): what SNAT, DNAT, MASQUERADE and REDIRECT
 * make of a flow's first packet, and the rewriting of every later packet
 * (and of ICMP errors about the flow) from the binding. */
#pragma once

#include "core/model.h"
#include "core/netfilter/nf-conntrack.h"

G_BEGIN_DECLS

typedef enum {
  NNS_NF_MANIP_SRC,
  NNS_NF_MANIP_DST,
} NnsNfManip;

/* A packet's own tuple (ICMP: id and type). */
void nns_nf_packet_tuple(const NnsNfPacket *pkt, NnsNfTuple *t);
/* Bind `conn` as the target says; FALSE when no address can be had
 * (MASQUERADE on a device without one). */
gboolean nns_nf_nat_setup(NnsNetns *ns, NnsNfConntrack *ct, NnsNfConn *conn, const NnsNfTarget *target,
                          const NnsNfPacket *pkt);
/* nf_nat_packet: rewrite a packet of direction `dir` at a `manip` hook. */
void nns_nf_nat_packet(const NnsNfConn *conn, int dir, NnsNfManip manip, NnsNfPacket *pkt);
/* nf_nat_icmp_reply_translation: an ICMP error about `conn`. */
void nns_nf_nat_icmp_reply(const NnsNfConn *conn, int dir, NnsNfManip manip, NnsNfPacket *pkt);

G_END_DECLS
