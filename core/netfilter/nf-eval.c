/* nns_nf_hook: a packet through one hook's tables, as the kernel's
 * ipt_do_table walks them: rules in order, jumps through a fixed stack of
 * return points, counters on every match.  Jumps were resolved to chain
 * pointers and interface names to masks when the rules were added, so the
 * walk compares integers only and allocates nothing. */
#include "core/netfilter/nf-hook.h"
#include "core/netfilter/nf-match.h"
#include "core/netfilter/nf-conntrack.h"
#include "core/netfilter/nf-nat.h"
#include "core/netfilter/nf-state.h"
#include "core/world.h"
#include "core/kmsg.h"
#include "core/sysctl.h"

#include <netinet/in.h>
#include <string.h>

#define STACK_MAX 64

/* What the matches look at, computed once per hook (again after NAT). */
typedef struct {
  guint32 saddr, daddr;
  guint8 src[16], dst[16];            /* the same as bytes (IPv4: the first 4) */
  guint8 in[NNS_NF_IFNAMSIZ], out[NNS_NF_IFNAMSIZ];
  guint ctstate;                      /* NNS_NF_CT_* of the packet */
} View;

typedef struct {
  NnsNfState *st;
  NnsNfHook hook;
  NnsNfPacket *pkt;
  NnsNfReject *reject;
  NnsNfConn *conn;                    /* nat table: the flow being bound */
  gboolean bound;                     /* nat table: a NAT target fired */
} Ctx;

static void
view_fill(View *v, const NnsNfPacket *pkt)
{
  v->saddr = nns_inet4_be(&pkt->saddr);
  v->daddr = nns_inet4_be(&pkt->daddr);
  memcpy(v->src, pkt->saddr.bytes, 16);
  memcpy(v->dst, pkt->daddr.bytes, 16);
  memset(v->in, 0, sizeof v->in);
  memset(v->out, 0, sizeof v->out);
  if (pkt->in_dev)
    strncpy((char *) v->in, pkt->in_dev, NNS_NF_IFNAMSIZ - 1);
  if (pkt->out_dev)
    strncpy((char *) v->out, pkt->out_dev, NNS_NF_IFNAMSIZ - 1);
  const NnsNfConn *c = pkt->ct;
  switch (pkt->ctinfo) {
  case NNS_NF_CTINFO_NEW: v->ctstate = NNS_NF_CT_NEW; break;
  case NNS_NF_CTINFO_ESTABLISHED:
  case NNS_NF_CTINFO_REPLY: v->ctstate = NNS_NF_CT_ESTABLISHED; break;
  case NNS_NF_CTINFO_RELATED:
  case NNS_NF_CTINFO_RELATED_REPLY: v->ctstate = NNS_NF_CT_RELATED; break;
  default: v->ctstate = NNS_NF_CT_INVALID; break;
  }
  if (c && (c->status & NNS_NF_IPS_SRC_NAT))
    v->ctstate |= NNS_NF_CT_SNAT;
  if (c && (c->status & NNS_NF_IPS_DST_NAT))
    v->ctstate |= NNS_NF_CT_DNAT;
  /* IPv6 is not tracked here (docs/iptables.md, Gaps). */
  if (pkt->family == AF_INET6)
    v->ctstate = NNS_NF_CT_UNTRACKED;
}

/* ip6t_ip6's address test: the masked address, 64 bits at a time. */
static gboolean
addr6_match(const guint8 *a, const guint8 *want, const guint8 *mask)
{
  guint64 x[2], w[2], m[2];
  memcpy(x, a, 16);
  memcpy(w, want, 16);
  memcpy(m, mask, 16);
  return ((x[0] & m[0]) == w[0]) && ((x[1] & m[1]) == w[1]);
}

/* ipt_ip's interface test: the bytes the mask selects must agree. */
static gboolean
iface_match(const guint8 *name, const char *want, const guint8 *mask)
{
  guint64 a[2], b[2], m[2];
  memcpy(a, name, 16);
  memcpy(b, want, 16);
  memcpy(m, mask, 16);
  return ((a[0] ^ b[0]) & m[0]) == 0 && ((a[1] ^ b[1]) & m[1]) == 0;
}

static gboolean
port_in(guint16 p, const guint16 r[2])
{
  return p >= r[0] && p <= r[1];
}

static gboolean
multiport_match(const NnsNfMatch *m, guint16 sport, guint16 dport)
{
  for (guint i = 0; i < m->u.multiport.count; i++) {
    guint16 lo = m->u.multiport.ports[i], hi = lo;
    if (m->u.multiport.pflags[i])
      hi = m->u.multiport.ports[++i];
    NnsNfMultiportFlags f = m->u.multiport.flags;
    if ((f != NNS_NF_MP_DESTINATION && sport >= lo && sport <= hi) ||
        (f != NNS_NF_MP_SOURCE && dport >= lo && dport <= hi))
      return !m->invert;
  }
  return m->invert;
}

static gboolean
match_one(const NnsNfMatch *m, const NnsNfPacket *pkt, const View *v)
{
  switch (m->kind) {
  case NNS_NF_MATCH_TCP:
  case NNS_NF_MATCH_UDP:
    if (pkt->proto != (m->kind == NNS_NF_MATCH_TCP ? IPPROTO_TCP : IPPROTO_UDP))
      return FALSE;
    if (port_in(pkt->sport, m->u.l4.spts) == m->u.l4.inv_sport)
      return FALSE;
    if (port_in(pkt->dport, m->u.l4.dpts) == m->u.l4.inv_dport)
      return FALSE;
    if (m->u.l4.has_flags &&
        (((pkt->tcp_flags & m->u.l4.flg_mask) == m->u.l4.flg_cmp) == m->u.l4.inv_flags))
      return FALSE;
    return TRUE;
  case NNS_NF_MATCH_ICMP:
  case NNS_NF_MATCH_ICMP6: {
    if (pkt->proto != (m->kind == NNS_NF_MATCH_ICMP ? IPPROTO_ICMP : IPPROTO_ICMPV6))
      return FALSE;
    gboolean hit = m->u.icmp.type == 0xff ||
                   (pkt->icmp_type == m->u.icmp.type && pkt->icmp_code >= m->u.icmp.code_min &&
                    pkt->icmp_code <= m->u.icmp.code_max);
    return hit != m->invert;
  }
  case NNS_NF_MATCH_MULTIPORT:
    if (pkt->proto != IPPROTO_TCP && pkt->proto != IPPROTO_UDP)
      return FALSE;
    return multiport_match(m, pkt->sport, pkt->dport);
  case NNS_NF_MATCH_STATE:
  case NNS_NF_MATCH_CONNTRACK:
    return ((v->ctstate & m->u.states) != 0) != m->invert;
  case NNS_NF_MATCH_COMMENT:
    return TRUE;
  default:
    return FALSE;                     /* the matches of nf-match.c: see entry_match */
  }
}

static gboolean
entry_match(Ctx *cx, NnsNfEntry *e, const NnsNfPacket *pkt, const View *v)
{
  const NnsNfRule *r = &e->rule;
  if (pkt->family == AF_INET6) {
    if (addr6_match(v->src, r->src6, r->smsk6) == !!(r->invflags & NNS_NF_INV_SRC))
      return FALSE;
    if (addr6_match(v->dst, r->dst6, r->dmsk6) == !!(r->invflags & NNS_NF_INV_DST))
      return FALSE;
  } else {
    if (((v->saddr & r->smsk) != r->src) != !!(r->invflags & NNS_NF_INV_SRC))
      return FALSE;
    if (((v->daddr & r->dmsk) != r->dst) != !!(r->invflags & NNS_NF_INV_DST))
      return FALSE;
  }
  if (r->iniface[0] && iface_match(v->in, r->iniface, e->in_mask) == !!(r->invflags & NNS_NF_INV_IN))
    return FALSE;
  if (r->outiface[0] && iface_match(v->out, r->outiface, e->out_mask) == !!(r->invflags & NNS_NF_INV_OUT))
    return FALSE;
  if (r->proto && (pkt->proto == r->proto) == !!(r->invflags & NNS_NF_INV_PROTO))
    return FALSE;
  for (guint i = 0; i < r->n_matches; i++) {
    gboolean hit = r->matches[i].kind >= NNS_NF_MATCH_LIMIT
                     ? nns_nf_xmatch(cx->st, e, i, cx->hook, pkt, v->src, v->dst)
                     : match_one(&r->matches[i], pkt, v);
    if (!hit)
      return FALSE;
  }
  return TRUE;
}

/* nf_log_ip_packet: a record in the world's kernel log.  Outside init_net
 * the kernel logs only when init_net's net.netfilter.nf_log_all_netns is
 * set (recorded: nothing reaches dmesg from a namespace by default). */
static void
log_packet(Ctx *cx, const NnsNfTarget *t)
{
  NnsNetns *ns = cx->st->ns;
  NnsWorld *w = ns->world;
  if (cx->pkt->family != AF_INET)
    return;                           /* nf_log_ip6_packet's lines are not modelled */
  if (!ns->is_root) {
    const char *all = nns_sysctl_get(w->root, "net/netfilter/nf_log_all_netns");
    if (!all || g_str_equal(all, "0"))
      return;
  }
  NnsNfLogEntry *l = &nns_kmsg_append(w->kmsg, w->clock_us)->nf;
  const NnsNfPacket *p = cx->pkt;
  l->level = t->log_level;
  memcpy(l->prefix, t->log_prefix, sizeof l->prefix);
  if (p->in_dev)
    g_strlcpy(l->in, p->in_dev, sizeof l->in);
  if (p->out_dev)
    g_strlcpy(l->out, p->out_dev, sizeof l->out);
  if (p->in_dev && p->has_mac) {
    l->has_mac = TRUE;
    memcpy(l->mac, p->mac, sizeof l->mac);
  }
  l->saddr = nns_inet4_be(&p->saddr);
  l->daddr = nns_inet4_be(&p->daddr);
  l->len = (guint16) p->len;
  l->tos = p->tos;
  l->ttl = p->ttl;
  l->ip_id = p->ip_id;
  l->df = p->df;
  l->proto = p->proto;
  l->icmp_type = p->icmp_type;
  l->icmp_code = p->icmp_code;
  l->icmp_id = p->icmp_id;
  l->icmp_seq = p->icmp_seq;
}

static const guint8 reject_codes[] = {
  [NNS_NF_REJECT_NET_UNREACHABLE] = 0,
  [NNS_NF_REJECT_HOST_UNREACHABLE] = 1,
  [NNS_NF_REJECT_PROT_UNREACHABLE] = 2,
  [NNS_NF_REJECT_PORT_UNREACHABLE] = 3,
  [NNS_NF_REJECT_NET_PROHIBITED] = 9,
  [NNS_NF_REJECT_HOST_PROHIBITED] = 10,
  [NNS_NF_REJECT_ADMIN_PROHIBITED] = 13,
};

static NnsNfVerdict
do_reject(Ctx *cx, const NnsNfTarget *t)
{
  if (!cx->reject)
    return NNS_NF_REJECT;
  memset(cx->reject, 0, sizeof *cx->reject);
  if (t->reject_with >= NNS_NF_REJECT6_NO_ROUTE) {
    /* ip6t_REJECT: ICMPv6 destination unreachable with the code. */
    static const guint8 codes6[] = { 0, 1, 3, 4, 5, 6 };
    cx->reject->icmp_type = 1;
    cx->reject->icmp_code = codes6[t->reject_with - NNS_NF_REJECT6_NO_ROUTE];
    return NNS_NF_REJECT;
  }
  if (t->reject_with == NNS_NF_REJECT_TCP_RESET)
    cx->reject->tcp_reset = TRUE;
  else if (t->reject_with == NNS_NF_REJECT_ECHOREPLY)
    cx->reject->icmp_type = 0;
  else {
    cx->reject->icmp_type = 3;
    cx->reject->icmp_code = reject_codes[t->reject_with];
  }
  return NNS_NF_REJECT;
}

static void
count(guint64 *packets, guint64 *bytes, const NnsNfPacket *pkt)
{
  (*packets)++;
  *bytes += pkt->len;
}

/* One base chain; ipt_do_table / nft_do_chain. */
static NnsNfVerdict
run_chain(Ctx *cx, NnsNfTable *t, NnsNfChain *base, const View *v)
{
  struct { NnsNfChain *chain; guint next; } stack[STACK_MAX];
  guint sp = 0, i = 0;
  NnsNfChain *chain = base;
  for (;;) {
    if (i >= chain->rules->len) {
      if (sp == 0)
        break;                        /* the policy */
      sp--;
      chain = stack[sp].chain;
      i = stack[sp].next;
      continue;
    }
    NnsNfEntry *e = chain->rules->pdata[i++];
    if (!entry_match(cx, e, cx->pkt, v))
      continue;
    count(&e->rule.packets, &e->rule.bytes, cx->pkt);
    const NnsNfTarget *tg = &e->rule.target;
    switch (tg->kind) {
    case NNS_NF_TARGET_NONE:
      break;
    case NNS_NF_TARGET_LOG:
      log_packet(cx, tg);
      break;
    case NNS_NF_TARGET_ACCEPT:
      return NNS_NF_ACCEPT;
    case NNS_NF_TARGET_DROP:
      return NNS_NF_DROP;
    case NNS_NF_TARGET_REJECT:
      return do_reject(cx, tg);
    case NNS_NF_TARGET_RETURN:
      if (sp == 0) {
        i = chain->rules->len;
        continue;
      }
      sp--;
      chain = stack[sp].chain;
      i = stack[sp].next;
      break;
    case NNS_NF_TARGET_JUMP:
      if (sp == STACK_MAX)
        return NNS_NF_DROP;           /* cannot happen: loops are refused */
      stack[sp].chain = chain;
      stack[sp].next = i;
      sp++;
      chain = e->jump;
      i = 0;
      break;
    case NNS_NF_TARGET_SNAT:
    case NNS_NF_TARGET_DNAT:
    case NNS_NF_TARGET_MASQUERADE:
    case NNS_NF_TARGET_REDIRECT:
      if (cx->conn && !nns_nf_nat_setup(cx->st->ns, cx->st->conntrack, cx->conn, tg, cx->pkt))
        return NNS_NF_DROP;
      cx->bound = TRUE;
      return NNS_NF_ACCEPT;
    }
  }
  /* A base chain counts its policy only once it has counters (-P, -Z, a
   * restore: see NnsNfChain); the recordings show nat policies counting
   * nothing even then. */
  if (base->stats && t->id % NNS_NF_N_TABLES4 != NNS_NF_TABLE_NAT)
    count(&base->packets, &base->bytes, cx->pkt);
  return base->policy;
}

/* The table's base chains of the hook: its foreign ones (made earlier),
 * then the built-in one.  An ACCEPT passes the packet on to the next;
 * in nat, a binding ends the walk (nf_nat_inet_fn). */
static NnsNfVerdict
run_table(Ctx *cx, NnsNfTable *t, const View *v)
{
  cx->bound = FALSE;
  for (guint i = 0; i < t->foreign->len; i++) {
    NnsNfChain *c = t->foreign->pdata[i];
    if (c->hook != cx->hook)
      continue;
    NnsNfVerdict verdict = run_chain(cx, t, c, v);
    if (verdict != NNS_NF_ACCEPT || cx->bound)
      return verdict;
  }
  NnsNfChain *base = t->hooks[cx->hook];
  return base ? run_chain(cx, t, base, v) : NNS_NF_ACCEPT;
}

/* nf_conntrack_in: find or start the packet's flow. */
static void
conntrack_in(NnsNfState *st, NnsNfPacket *pkt)
{
  guint64 now = st->ns->world->clock_us / 1000;
  NnsNfTuple t;
  if (pkt->proto == IPPROTO_ICMP && pkt->has_inner) {
    /* An ICMP error: RELATED to the flow its quoted header belongs to. */
    NnsNfTuple inner = { .src = nns_inet4_be(&pkt->inner_saddr), .dst = nns_inet4_be(&pkt->inner_daddr),
                         .sport = pkt->inner_sport, .dport = pkt->inner_dport, .proto = pkt->inner_proto };
    if (inner.proto == IPPROTO_ICMP)
      inner.dport = 8;
    nns_nf_tuple_invert(&inner, &t);
    int dir;
    NnsNfConn *c = nns_nf_conntrack_find(st->conntrack, &t, now, &dir);
    pkt->ct = c;
    pkt->ctinfo = !c ? NNS_NF_CTINFO_INVALID
                     : dir == NNS_NF_DIR_REPLY ? NNS_NF_CTINFO_RELATED_REPLY : NNS_NF_CTINFO_RELATED;
    return;
  }
  nns_nf_packet_tuple(pkt, &t);
  int dir;
  NnsNfConn *c = nns_nf_conntrack_find(st->conntrack, &t, now, &dir);
  if (c) {
    if (dir == NNS_NF_DIR_REPLY)
      c->status |= NNS_NF_IPS_SEEN_REPLY;
    nns_nf_conn_refresh(c, now);
    pkt->ct = c;
    pkt->ctinfo = dir == NNS_NF_DIR_REPLY ? NNS_NF_CTINFO_REPLY
                  : (c->status & NNS_NF_IPS_SEEN_REPLY) ? NNS_NF_CTINFO_ESTABLISHED
                                                        : NNS_NF_CTINFO_NEW;
    return;
  }
  /* Only queries start an ICMP flow (icmp_new). */
  if (pkt->proto == IPPROTO_ICMP && pkt->icmp_type != 8 && pkt->icmp_type != 13 &&
      pkt->icmp_type != 15 && pkt->icmp_type != 17) {
    pkt->ct = NULL;
    pkt->ctinfo = NNS_NF_CTINFO_INVALID;
    return;
  }
  pkt->ct = nns_nf_conn_new(&t);
  pkt->ctinfo = NNS_NF_CTINFO_NEW;
}

static gboolean
is_reply(NnsNfCtInfo info)
{
  return info == NNS_NF_CTINFO_REPLY || info == NNS_NF_CTINFO_RELATED_REPLY;
}

/* The nat table's hook function (nf_nat_inet_fn): run the rules on a
 * flow's first packet, then rewrite every packet of the flow. */
static NnsNfVerdict
nat_step(Ctx *cx, const View *v, NnsNfManip manip)
{
  NnsNfPacket *pkt = cx->pkt;
  NnsNfConn *c = pkt->ct;
  if (!c)
    return NNS_NF_ACCEPT;
  int dir = is_reply(pkt->ctinfo) ? NNS_NF_DIR_REPLY : NNS_NF_DIR_ORIGINAL;
  if (pkt->ctinfo == NNS_NF_CTINFO_RELATED || pkt->ctinfo == NNS_NF_CTINFO_RELATED_REPLY) {
    nns_nf_nat_icmp_reply(c, dir, manip, pkt);
    return NNS_NF_ACCEPT;
  }
  guint done = manip == NNS_NF_MANIP_SRC ? NNS_NF_IPS_SRC_NAT_DONE : NNS_NF_IPS_DST_NAT_DONE;
  if (pkt->ctinfo == NNS_NF_CTINFO_NEW && !(c->status & done)) {
    cx->conn = c;
    NnsNfVerdict verdict = run_table(cx, &cx->st->tables[NNS_NF_TABLE_NAT], v);
    cx->conn = NULL;
    if (verdict != NNS_NF_ACCEPT)
      return verdict;
    c->status |= done;                /* a null binding when no rule bound it */
  }
  nns_nf_nat_packet(c, dir, manip, pkt);
  return NNS_NF_ACCEPT;
}

void
nns_nf_packet_discard(NnsNfPacket *pkt)
{
  NnsNfConn *c = pkt->ct;
  if (c && !(c->status & NNS_NF_IPS_CONFIRMED))
    g_free(c);
  pkt->ct = NULL;
}

/* Tables by hook, in the kernel's priority order; CT marks conntrack's
 * place (after raw), NAT the nat table. */
enum { CT = -1, NAT = -2, CONFIRM = -3, END = -4 };
static const int hook_order[NNS_NF_N_HOOKS][6] = {
  [NNS_NF_PREROUTING] = { NNS_NF_TABLE_RAW, CT, NNS_NF_TABLE_MANGLE, NAT, END },
  [NNS_NF_INPUT] = { NNS_NF_TABLE_MANGLE, NNS_NF_TABLE_FILTER, NAT, CONFIRM, END },
  [NNS_NF_FORWARD] = { NNS_NF_TABLE_MANGLE, NNS_NF_TABLE_FILTER, END },
  [NNS_NF_OUTPUT] = { NNS_NF_TABLE_RAW, CT, NNS_NF_TABLE_MANGLE, NAT, NNS_NF_TABLE_FILTER, END },
  [NNS_NF_POSTROUTING] = { NNS_NF_TABLE_MANGLE, NAT, CONFIRM, END },
};

/* ip6tables' tables at a hook: no conntrack, no NAT (docs/iptables.md). */
static NnsNfVerdict
hook6(NnsNfState *st, NnsNfHook hook, NnsNfPacket *pkt, NnsNfReject *reject)
{
  Ctx cx = { .st = st, .hook = hook, .pkt = pkt, .reject = reject };
  View v;
  view_fill(&v, pkt);
  NnsNfVerdict verdict = NNS_NF_ACCEPT;
  for (int k = 0; hook_order[hook][k] != END && verdict == NNS_NF_ACCEPT; k++) {
    int step = hook_order[hook][k];
    if (step >= 0)
      verdict = run_table(&cx, &st->tables[step + NNS_NF_N_TABLES4], &v);
  }
  return verdict;
}

NnsNfVerdict
nns_nf_hook(NnsNetns *ns, NnsNfHook hook, NnsNfPacket *pkt, NnsNfReject *reject)
{
  NnsNfState *st = nns_nf_state_peek(ns);
  if (!st || (pkt->family != AF_INET && pkt->family != AF_INET6))
    return NNS_NF_ACCEPT;
  if (pkt->family == AF_INET6)
    return hook6(st, hook, pkt, reject);
  Ctx cx = { .st = st, .hook = hook, .pkt = pkt, .reject = reject };
  View v;
  /* Without a user, nf_conntrack has no hooks here: no flow, no NAT. */
  gboolean track = st->ct_users;
  if (track && pkt->ctinfo == NNS_NF_CTINFO_NONE && hook != NNS_NF_PREROUTING && hook != NNS_NF_OUTPUT)
    conntrack_in(st, pkt);          /* a packet the engine did not show us before */
  view_fill(&v, pkt);
  NnsNfVerdict verdict = NNS_NF_ACCEPT;
  for (int k = 0; hook_order[hook][k] != END && verdict == NNS_NF_ACCEPT; k++) {
    int step = hook_order[hook][k];
    if ((step == CT || step == NAT || step == CONFIRM) && !track) {
      continue;
    } else if (step == CT) {
      if (pkt->ctinfo == NNS_NF_CTINFO_NONE)
        conntrack_in(st, pkt);
      view_fill(&v, pkt);
    } else if (step == NAT) {
      NnsNfManip manip = hook == NNS_NF_PREROUTING || hook == NNS_NF_OUTPUT ? NNS_NF_MANIP_DST : NNS_NF_MANIP_SRC;
      verdict = nat_step(&cx, &v, manip);
      view_fill(&v, pkt);
    } else if (step == CONFIRM) {
      NnsNfConn *c = pkt->ct;
      if (c && !(c->status & NNS_NF_IPS_CONFIRMED) &&
          !nns_nf_conntrack_confirm(st->conntrack, c, ns->world->clock_us / 1000))
        verdict = NNS_NF_DROP;        /* a clash: nf_conntrack_confirm drops */
    } else {
      verdict = run_table(&cx, &st->tables[step], &v);
    }
  }
  if (verdict != NNS_NF_ACCEPT)
    nns_nf_packet_discard(pkt);
  return verdict;
}
