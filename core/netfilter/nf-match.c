/* The matches with state or a view of the namespace, as the kernel's
 * nft_limit, xt_mac, xt_iprange, xt_owner, xt_addrtype, xt_recent,
 * xt_length, ipt_ttl and xt_pkttype decide. */
#include "core/netfilter/nf-match.h"
#include "core/netfilter/nf-recent.h"
#include "core/fib.h"
#include "core/world.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <string.h>

#define H(h) (1u << (h))
#define ALL_HOOKS 0x1fu

static guint64
now_ns(NnsNfState *st)
{
  return st->ns->world->clock_us * 1000;
}

int
nns_nf_xmatch_check(const NnsNfRule *rule)
{
  for (guint i = 0; i < rule->n_matches; i++) {
    const NnsNfMatch *m = &rule->matches[i];
    if (m->kind != NNS_NF_MATCH_RECENT)
      continue;
    /* recent_mt_check */
    guint8 cs = m->u.recent.check_set;
    guint8 ops = cs & (NNS_NF_RECENT_SET | NNS_NF_RECENT_REMOVE | NNS_NF_RECENT_CHECK | NNS_NF_RECENT_UPDATE);
    if (ops == 0 || (ops & (ops - 1)) != 0)
      return EINVAL;
    if ((cs & (NNS_NF_RECENT_SET | NNS_NF_RECENT_REMOVE)) &&
        (m->u.recent.seconds || m->u.recent.hit_count || (cs & (NNS_NF_RECENT_TTL | NNS_NF_RECENT_REAP))))
      return EINVAL;
    if ((cs & NNS_NF_RECENT_REAP) && !m->u.recent.seconds)
      return EINVAL;
    if (m->u.recent.hit_count >= 65536)   /* XT_RECENT_MAX_NSTAMPS */
      return EINVAL;
    /* An empty name, or one procfs cannot hold. */
    if (!m->u.recent.name[0] || strchr(m->u.recent.name, '/') || g_str_equal(m->u.recent.name, ".") ||
        g_str_equal(m->u.recent.name, ".."))
      return EINVAL;
  }
  return 0;
}

guint
nns_nf_xmatch_hooks(const NnsNfMatch *m)
{
  switch (m->kind) {
  case NNS_NF_MATCH_MAC:
    return H(NNS_NF_PREROUTING) | H(NNS_NF_INPUT) | H(NNS_NF_FORWARD);
  case NNS_NF_MATCH_OWNER:
    return H(NNS_NF_OUTPUT) | H(NNS_NF_POSTROUTING);
  case NNS_NF_MATCH_ADDRTYPE:
    if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_LIMIT_IFACE_IN)
      return ALL_HOOKS & ~(H(NNS_NF_POSTROUTING) | H(NNS_NF_OUTPUT));
    if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_LIMIT_IFACE_OUT)
      return ALL_HOOKS & ~(H(NNS_NF_PREROUTING) | H(NNS_NF_INPUT));
    return ALL_HOOKS;
  default:
    return ALL_HOOKS;
  }
}

/* nft_limit_init: iptables-nft hands the limit over as a rate per unit
 * (the same conversion as libxt_limit's print_rate); a bucket holds
 * `burst` packets' worth of nanoseconds and starts full. */
static void
limit_init(NnsNfLimitBucket *b, const NnsNfMatch *m, guint64 now)
{
  static const guint32 mult[] = { 10000u * 24 * 60 * 60, 10000u * 60 * 60, 10000u * 60, 10000u };
  static const guint32 unit[] = { 24 * 60 * 60, 60 * 60, 60, 1 };
  guint32 avg = m->u.limit.avg ? m->u.limit.avg : 1;
  gsize i;
  for (i = 1; i < G_N_ELEMENTS(mult); i++)
    if (avg > mult[i] || mult[i] / avg < mult[i] % avg)
      break;
  guint64 rate = mult[i - 1] / avg;
  guint64 nsecs = (guint64) unit[i - 1] * G_GUINT64_CONSTANT(1000000000);
  b->cost = nsecs / MAX(rate, 1);
  b->tokens = b->tokens_max = b->cost * (m->u.limit.burst ? m->u.limit.burst : 5);
  b->last_ns = now;
}

/* nft_limit_eval: TRUE while under the limit. */
static gboolean
limit_eval(NnsNfLimitBucket *b, guint64 now)
{
  guint64 tokens = b->tokens + (now - b->last_ns);
  if (tokens > b->tokens_max)
    tokens = b->tokens_max;
  b->last_ns = now;
  if (tokens >= b->cost) {
    b->tokens = tokens - b->cost;
    return TRUE;
  }
  b->tokens = tokens;
  return FALSE;
}

void
nns_nf_xmatch_init(NnsNfState *st, NnsNfEntry *e)
{
  const NnsNfRule *r = &e->rule;
  for (guint i = 0; i < r->n_matches; i++) {
    const NnsNfMatch *m = &r->matches[i];
    if (m->kind == NNS_NF_MATCH_LIMIT)
      limit_init(&e->limit[i], m, now_ns(st));
    else if (m->kind == NNS_NF_MATCH_RECENT)
      e->recent[i] = nns_nf_recent_ref(st->recent, m);
  }
}

void
nns_nf_xmatch_release(NnsNfEntry *e)
{
  for (guint i = 0; i < e->rule.n_matches; i++)
    if (e->recent[i]) {
      nns_nf_recent_unref(e->recent[i]);
      e->recent[i] = NULL;
    }
}

/* Whether a <= b in network order over the family's length. */
static gboolean
addr_le(const guint8 *a, const guint8 *b, guint len)
{
  return memcmp(a, b, len) <= 0;
}

static gboolean
in_range(const guint8 *a, const guint8 *lo, const guint8 *hi, guint len)
{
  return addr_le(lo, a, len) && addr_le(a, hi, len);
}

/* inet_dev_addr_type: what the local table says of an address (with a
 * device: only when the route is through it). */
static guint
addr_type4(NnsNetns *ns, const char *dev, const guint8 *addr)
{
  guint32 a;
  memcpy(&a, addr, 4);
  guint32 h = g_ntohl(a);
  if (h == 0 || h == 0xffffffffu)
    return RTN_BROADCAST;
  if ((h & 0xf0000000u) == 0xe0000000u)
    return RTN_MULTICAST;
  NnsInet key = nns_inet4(h);
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, &key, NULL, NULL);
  if (!r)
    return RTN_UNICAST;
  if (dev && (!r->dev || !g_str_equal(r->dev->name, dev)))
    return RTN_UNICAST;
  return r->type;
}

/* addrtype_mt6's match_type6 (the route lookup only for LOCAL). */
static gboolean
type_match6(NnsNetns *ns, const char *dev, const guint8 *addr, guint16 mask)
{
  static const guint8 any[16];
  gboolean mcast = addr[0] == 0xff, unspec = memcmp(addr, any, 16) == 0;
  if ((mask & (1u << RTN_MULTICAST)) && !mcast)
    return FALSE;
  if ((mask & (1u << RTN_UNICAST)) && (mcast || unspec))
    return FALSE;
  if ((mask & (1u << RTN_UNSPEC)) && !unspec)
    return FALSE;
  guint16 lookup = (1u << RTN_LOCAL) | (1u << RTN_ANYCAST) | (1u << RTN_BLACKHOLE) | (1u << RTN_UNREACHABLE);
  if (!(mask & lookup))
    return TRUE;
  NnsInet key = { .family = AF_INET6 };
  memcpy(key.bytes, addr, 16);
  NnsRoute *r = nns_fib_lookup(ns->fib, RT_TABLE_LOCAL, &key, NULL, NULL);
  gboolean local = r && r->type == RTN_LOCAL && (!dev || (r->dev && g_str_equal(r->dev->name, dev)));
  return local && (mask & (1u << RTN_LOCAL));
}

static gboolean
addrtype_side(NnsNetns *ns, guint8 family, const char *dev, const guint8 *addr, guint16 mask)
{
  if (family == AF_INET6)
    return type_match6(ns, dev, addr, mask);
  return (mask & (1u << addr_type4(ns, dev, addr))) != 0;
}

/* xt_owner: no socket (forwarded, received) matches only what is all
 * inverted; the kernel's own socket has no file, hence no uid or gid. */
static gboolean
owner_match(const NnsNfMatch *m, const NnsNfPacket *pkt)
{
  guint8 match = m->u.owner.match, inv = m->u.owner.invert;
  if (pkt->sock == NNS_NF_SOCK_NONE)
    return (match ^ inv) == 0;
  if (match & inv & NNS_NF_OWNER_SOCKET)
    return FALSE;
  if (pkt->sock == NNS_NF_SOCK_KERNEL)
    return ((match ^ inv) & (NNS_NF_OWNER_UID | NNS_NF_OWNER_GID)) == 0;
  if (match & NNS_NF_OWNER_UID) {
    gboolean in = pkt->uid >= m->u.owner.uid_min && pkt->uid <= m->u.owner.uid_max;
    if (in ^ !(inv & NNS_NF_OWNER_UID))
      return FALSE;
  }
  if (match & NNS_NF_OWNER_GID) {
    gboolean in = pkt->gid >= m->u.owner.gid_min && pkt->gid <= m->u.owner.gid_max;
    if (in ^ !(inv & NNS_NF_OWNER_GID))
      return FALSE;
  }
  return TRUE;
}

gboolean
nns_nf_xmatch(NnsNfState *st, NnsNfEntry *e, guint k, NnsNfHook hook, const NnsNfPacket *pkt,
              const guint8 *saddr, const guint8 *daddr)
{
  const NnsNfMatch *m = &e->rule.matches[k];
  guint8 fam = pkt->family;
  guint alen = fam == AF_INET6 ? 16 : 4;
  switch (m->kind) {
  case NNS_NF_MATCH_LIMIT:
    return limit_eval(&e->limit[k], now_ns(st));
  case NNS_NF_MATCH_MAC:
    if (!pkt->has_mac || !pkt->in_ether)
      return FALSE;
    return (memcmp(pkt->mac + 6, m->u.mac, 6) == 0) != m->invert;
  case NNS_NF_MATCH_IPRANGE: {
    guint8 f = m->u.iprange.flags;
    if ((f & NNS_NF_IPRANGE_SRC) &&
        in_range(saddr, m->u.iprange.src_min, m->u.iprange.src_max, alen) == !!(f & NNS_NF_IPRANGE_SRC_INV))
      return FALSE;
    if ((f & NNS_NF_IPRANGE_DST) &&
        in_range(daddr, m->u.iprange.dst_min, m->u.iprange.dst_max, alen) == !!(f & NNS_NF_IPRANGE_DST_INV))
      return FALSE;
    return TRUE;
  }
  case NNS_NF_MATCH_OWNER:
    return owner_match(m, pkt);
  case NNS_NF_MATCH_ADDRTYPE: {
    guint32 fl = m->u.addrtype.flags;
    const char *dev = (fl & NNS_NF_ADDRTYPE_LIMIT_IFACE_IN)    ? pkt->in_dev
                      : (fl & NNS_NF_ADDRTYPE_LIMIT_IFACE_OUT) ? pkt->out_dev
                                                               : NULL;
    if (m->u.addrtype.source &&
        addrtype_side(st->ns, fam, dev, saddr, m->u.addrtype.source) == !!(fl & NNS_NF_ADDRTYPE_INVERT_SOURCE))
      return FALSE;
    if (m->u.addrtype.dest &&
        addrtype_side(st->ns, fam, dev, daddr, m->u.addrtype.dest) == !!(fl & NNS_NF_ADDRTYPE_INVERT_DEST))
      return FALSE;
    return TRUE;
  }
  case NNS_NF_MATCH_RECENT: {
    guint8 ttl = pkt->ttl;
    /* The TTL as it was before forwarding decremented it. */
    if (pkt->out_dev && pkt->sock == NNS_NF_SOCK_NONE)
      ttl++;
    (void) hook;
    return nns_nf_recent_match(e->recent[k], m, fam, m->u.recent.side == NNS_NF_RECENT_DEST ? daddr : saddr, ttl,
                               st->ns->world->clock_us);
  }
  case NNS_NF_MATCH_LENGTH:
    return (pkt->len >= m->u.length.min && pkt->len <= m->u.length.max) != m->invert;
  case NNS_NF_MATCH_TTL:
    switch (m->u.ttl.mode) {
    case NNS_NF_TTL_EQ: return pkt->ttl == m->u.ttl.value;
    case NNS_NF_TTL_NE: return pkt->ttl != m->u.ttl.value;
    case NNS_NF_TTL_LT: return pkt->ttl < m->u.ttl.value;
    case NNS_NF_TTL_GT: return pkt->ttl > m->u.ttl.value;
    }
    return FALSE;
  case NNS_NF_MATCH_PKTTYPE:
    return (pkt->pkt_type == m->u.pkttype) != m->invert;
  default:
    return FALSE;
  }
}
