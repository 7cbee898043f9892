/* Connection tracking: a hash of both tuples of every flow. */
#include "core/netfilter/nf-conntrack.h"
#include "core/netfilter/nf-state.h"

#include <netinet/in.h>
#include <string.h>

static guint
tuple_hash(gconstpointer p)
{
  const NnsNfTuple *t = p;
  guint h = t->src * 2654435761u;
  h ^= t->dst + 0x9e3779b9 + (h << 6) + (h >> 2);
  h ^= ((guint) t->sport << 16 | t->dport) + 0x9e3779b9 + (h << 6) + (h >> 2);
  return h ^ t->proto;
}

static gboolean
tuple_equal(gconstpointer a, gconstpointer b)
{
  const NnsNfTuple *x = a, *y = b;
  return x->src == y->src && x->dst == y->dst && x->sport == y->sport && x->dport == y->dport &&
         x->proto == y->proto;
}

NnsNfConntrack *
nns_nf_conntrack_new(void)
{
  NnsNfConntrack *ct = g_new0(NnsNfConntrack, 1);
  /* Each conn is in the table twice; it is freed when its original tuple goes. */
  ct->by_tuple = g_hash_table_new(tuple_hash, tuple_equal);
  return ct;
}

void
nns_nf_conntrack_free(NnsNfConntrack *ct)
{
  if (!ct)
    return;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, ct->by_tuple);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    NnsNfConn *c = value;
    if (key == &c->tuple[NNS_NF_DIR_ORIGINAL])
      g_free(c);
  }
  g_hash_table_unref(ct->by_tuple);
  g_free(ct);
}

/* The reply type of an ICMP query (nf_conntrack_proto_icmp.c's invmap). */
static guint16
icmp_invert_type(guint16 type)
{
  switch (type) {
  case 8: return 0;
  case 0: return 8;
  case 13: return 14;
  case 14: return 13;
  case 15: return 16;
  case 16: return 15;
  case 17: return 18;
  case 18: return 17;
  default: return type;
  }
}

void
nns_nf_tuple_invert(const NnsNfTuple *in, NnsNfTuple *out)
{
  out->proto = in->proto;
  out->src = in->dst;
  out->dst = in->src;
  if (in->proto == IPPROTO_ICMP) {
    out->sport = in->sport;
    out->dport = icmp_invert_type(in->dport);
  } else {
    out->sport = in->dport;
    out->dport = in->sport;
  }
}

static void
conn_remove(NnsNfConntrack *ct, NnsNfConn *c)
{
  g_hash_table_remove(ct->by_tuple, &c->tuple[NNS_NF_DIR_ORIGINAL]);
  g_hash_table_remove(ct->by_tuple, &c->tuple[NNS_NF_DIR_REPLY]);
  g_free(c);
}

NnsNfConn *
nns_nf_conntrack_find(NnsNfConntrack *ct, const NnsNfTuple *t, guint64 now_ms, int *dir)
{
  gpointer key, value;
  if (!g_hash_table_lookup_extended(ct->by_tuple, t, &key, &value))
    return NULL;
  NnsNfConn *c = value;
  if (c->expires_ms <= now_ms) {
    conn_remove(ct, c);
    return NULL;
  }
  if (dir)
    *dir = key == &c->tuple[NNS_NF_DIR_REPLY] ? NNS_NF_DIR_REPLY : NNS_NF_DIR_ORIGINAL;
  return c;
}

NnsNfConn *
nns_nf_conn_new(const NnsNfTuple *orig)
{
  NnsNfConn *c = g_new0(NnsNfConn, 1);
  c->tuple[NNS_NF_DIR_ORIGINAL] = *orig;
  nns_nf_tuple_invert(orig, &c->tuple[NNS_NF_DIR_REPLY]);
  return c;
}

gboolean
nns_nf_conntrack_tuple_taken(NnsNfConntrack *ct, const NnsNfTuple *t, const NnsNfConn *self)
{
  NnsNfConn *c = g_hash_table_lookup(ct->by_tuple, t);
  return c && c != self;
}

/* Timeouts of nf_conntrack_proto_{icmp,udp,tcp,generic}.c, in ms.  ICMP
 * flows are never ASSURED (recorded: not after any exchange).  UDP
 * (nf_conntrack_udp_packet, recorded in fixtures/oracle/sim-fixes): a
 * flow that has seen a reply and still has a packet more than 2 s after
 * its first is a stream, ASSURED with the 120 s timeout; before that, and
 * without a reply, 30 s. */
void
nns_nf_conn_refresh(NnsNfConn *c, guint64 now_ms)
{
  gboolean replied = c->status & NNS_NF_IPS_SEEN_REPLY;
  guint64 t;
  switch (c->tuple[0].proto) {
  case IPPROTO_ICMP: t = 30000; break;
  case IPPROTO_UDP:
    t = 30000;
    if (replied && now_ms > c->stream_ms) {
      t = 120000;
      c->status |= NNS_NF_IPS_ASSURED;
    }
    break;
  case IPPROTO_TCP: t = replied ? 432000000 : 120000; break;
  default: t = 600000; break;
  }
  c->expires_ms = now_ms + t;
}

gboolean
nns_nf_conntrack_confirm(NnsNfConntrack *ct, NnsNfConn *c, guint64 now_ms)
{
  if (g_hash_table_contains(ct->by_tuple, &c->tuple[0]) ||
      g_hash_table_contains(ct->by_tuple, &c->tuple[1]))
    return FALSE;
  c->status |= NNS_NF_IPS_CONFIRMED;
  c->id = ct->next_id++;
  c->stream_ms = now_ms + 2000;
  nns_nf_conn_refresh(c, now_ms);
  g_hash_table_insert(ct->by_tuple, &c->tuple[0], c);
  g_hash_table_insert(ct->by_tuple, &c->tuple[1], c);
  return TRUE;
}

static gint
by_id(gconstpointer a, gconstpointer b)
{
  const NnsNfConn *x = *(NnsNfConn *const *) a, *y = *(NnsNfConn *const *) b;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
nns_nf_conntrack_list(NnsNfConntrack *ct)
{
  GPtrArray *out = g_ptr_array_new();
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, ct->by_tuple);
  while (g_hash_table_iter_next(&it, &key, &value))
    if (key == &((NnsNfConn *) value)->tuple[0])
      g_ptr_array_add(out, value);
  g_ptr_array_sort(out, by_id);
  return out;
}

GArray *
nns_nf_conntrack_dump(NnsNfConntrack *ct, guint64 now_ms)
{
  g_autoptr(GPtrArray) all = nns_nf_conntrack_list(ct);
  GArray *out = g_array_new(FALSE, TRUE, sizeof(NnsNfCtRecord));
  for (guint i = 0; i < all->len; i++) {
    NnsNfConn *c = all->pdata[i];
    if (c->expires_ms <= now_ms) {
      conn_remove(ct, c);
      continue;
    }
    /* Nothing marks packets, and a listed entry is held once (by the
     * table), as ctnetlink reports an idle one. */
    NnsNfCtRecord r = { .proto = c->tuple[0].proto, .use = 1 };
    for (int d = 0; d < 2; d++) {
      r.src[d] = c->tuple[d].src;
      r.dst[d] = c->tuple[d].dst;
      r.sport[d] = c->tuple[d].sport;
      r.dport[d] = c->tuple[d].dport;
    }
    r.seen_reply = (c->status & NNS_NF_IPS_SEEN_REPLY) != 0;
    r.assured = (c->status & NNS_NF_IPS_ASSURED) != 0;
    /* nf_ct_expires() / HZ: whole seconds, rounded down. */
    r.timeout_s = (c->expires_ms - now_ms) / 1000;
    g_array_append_val(out, r);
  }
  return out;
}

guint
nns_nf_conntrack_flush(NnsNfConntrack *ct)
{
  g_autoptr(GPtrArray) all = nns_nf_conntrack_list(ct);
  for (guint i = 0; i < all->len; i++)
    conn_remove(ct, all->pdata[i]);
  return all->len;
}
