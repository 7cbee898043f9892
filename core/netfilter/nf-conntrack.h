/* A namespace's connection tracking table: flows by their original and
 * reply tuples, their states, the NAT bindings made on their first packet
 * and the timeouts of nf_conntrack_proto_*.c. */
#pragma once

#include "core/netfilter/nf-types.h"
#include "core/netfilter/nf-hook.h"

G_BEGIN_DECLS

typedef struct {
  guint32 src, dst;                   /* network order */
  guint16 sport, dport;               /* ICMP: id in sport, type in dport */
  guint8 proto;
} NnsNfTuple;

enum {
  NNS_NF_DIR_ORIGINAL = 0,
  NNS_NF_DIR_REPLY = 1,
};

/* ip_conntrack_status bits that matter here. */
enum {
  NNS_NF_IPS_SEEN_REPLY   = 1 << 1,
  NNS_NF_IPS_ASSURED      = 1 << 2,
  NNS_NF_IPS_CONFIRMED    = 1 << 3,
  NNS_NF_IPS_SRC_NAT      = 1 << 4,
  NNS_NF_IPS_DST_NAT      = 1 << 5,
  NNS_NF_IPS_SRC_NAT_DONE = 1 << 7,
  NNS_NF_IPS_DST_NAT_DONE = 1 << 8,
};

typedef struct {
  NnsNfTuple tuple[2];
  guint status;
  guint64 expires_ms;
  guint64 stream_ms;                  /* UDP: its first packet + 2 s (proto.udp.stream_ts) */
  guint64 id;                         /* creation order, for dumps */
} NnsNfConn;

typedef struct _NnsNfConntrack NnsNfConntrack;
struct _NnsNfConntrack {
  GHashTable *by_tuple;               /* NnsNfTuple* (inside a conn) -> NnsNfConn* */
  guint64 next_id;
};

NnsNfConntrack *nns_nf_conntrack_new(void);
void nns_nf_conntrack_free(NnsNfConntrack *ct);

/* The conn holding `t` (and through `dir` which of its tuples), expiring
 * stale entries on the way; NULL when none. */
NnsNfConn *nns_nf_conntrack_find(NnsNfConntrack *ct, const NnsNfTuple *t, guint64 now_ms, int *dir);
/* An unconfirmed conn for a packet's tuple (reply = its inverse). */
NnsNfConn *nns_nf_conn_new(const NnsNfTuple *orig);
/* Insert a conn under both tuples.  FALSE when its reply tuple clashes. */
gboolean nns_nf_conntrack_confirm(NnsNfConntrack *ct, NnsNfConn *conn, guint64 now_ms);
gboolean nns_nf_conntrack_tuple_taken(NnsNfConntrack *ct, const NnsNfTuple *t, const NnsNfConn *self);
/* A packet of the conn at now_ms (its direction's SEEN_REPLY already
 * set): the protocol's timeout, and ASSURED as the protocol gives it. */
void nns_nf_conn_refresh(NnsNfConn *conn, guint64 now_ms);
/* Every conn, oldest first (conntrack -L). */
GPtrArray *nns_nf_conntrack_list(NnsNfConntrack *ct);
/* The live conns as records (NnsNfCtRecord), oldest first; expired ones
 * are dropped on the way. */
GArray *nns_nf_conntrack_dump(NnsNfConntrack *ct, guint64 now_ms);
/* Forget every conn (conntrack -F / -D); returns how many there were. */
guint nns_nf_conntrack_flush(NnsNfConntrack *ct);

void nns_nf_tuple_invert(const NnsNfTuple *in, NnsNfTuple *out);

G_END_DECLS
