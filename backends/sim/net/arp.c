/* ARP and the neighbour state machine, as net/core/neighbour.c and
 * net/ipv4/arp.c run them with the default parameters:
 *
 * - resolution (INCOMPLETE): `probes` starts at ucast_probes (3) and each
 *   broadcast request, one a second, counts; at mcast_probes more (6) the
 *   entry is FAILED and each queued datagram earns its sender "host
 *   unreachable";
 * - a reply makes it REACHABLE for 30 s, then STALE (or DELAY when it was
 *   used in the last 5 s);
 * - a STALE entry in use goes DELAY; 5 s later, unconfirmed, PROBE: probes
 *   restarts at 0 and up to ucast_probes unicast requests go to the known
 *   address, one a second, before FAILED;
 * - a pending timer holds a reference (`ref 1` in `ip -s neigh`).
 *
 * Proxy entries (NTF_PROXY) are a separate table: they never resolve, and
 * only make a forwarding namespace answer for addresses it routes through
 * another device (arp_process).
 *
 * IPv6 neighbour discovery (ndisc.c) runs on the same machine. */
#include "backends/sim/net/net-private.h"
#include "core/neigh.h"
#include "core/netns.h"

#include <linux/neighbour.h>
#include <linux/if.h>
#include <string.h>

#define RETRANS_US 1000000
#define UCAST_PROBES 3
#define MCAST_PROBES 3
#define REACHABLE_US 30000000
#define DELAY_US 5000000
#define LOCKTIME_US 1000000
/* proxy_delay is 0.8 s; the kernel waits a random part of it before a
 * proxy reply to a broadcast request: the simulation waits half. */
#define PROXY_DELAY_US 400000
/* unres_qlen_bytes (212992) in frames of a 56-byte ping's truesize. */
#define QUEUE_MAX 101

typedef struct {
  NnsNetns *ns;
  int ifindex;
  NnsInet addr;
  guint gen;                  /* the entry's timer_gen when armed */
} NeighTimer;

static void neigh_timer(NnsEngine *e, gpointer data);

static void
arm(NnsEngine *e, NnsNeigh *n, guint64 at_us)
{
  NeighTimer *t = g_new0(NeighTimer, 1);
  t->ns = n->dev->ns;
  t->ifindex = n->dev->ifindex;
  t->addr = n->addr;
  t->gen = ++n->timer_gen;
  nns_engine_schedule_timer(e, at_us, neigh_timer, t);
}

static void
disarm(NnsNeigh *n)
{
  n->timer_gen++;
}

static void
queue_free(gpointer q)
{
  g_array_free(q, TRUE);
}

static guint
max_probes(const NnsNeigh *n)
{
  /* neigh_max_probes: app_probes 0, mcast_reprobes 0 */
  return UCAST_PROBES + (n->state & NUD_PROBE ? 0 : MCAST_PROBES);
}

/* arp_solicit: the datagram's own source when it is ours (arp_announce 0),
 * else the device's address towards the target; unicast to the known
 * address while probes are below ucast_probes, broadcast after. */
static void
solicit(NnsEngine *e, NnsNeigh *n)
{
  NnsDevice *dev = n->dev;
  NnsNetns *ns = dev->ns;
  NnsInet src = { .family = AF_INET };
  const NnsFrame *last = n->queue && n->queue->len ? &g_array_index(n->queue, NnsFrame, n->queue->len - 1) : NULL;
  if (n->addr.family == AF_INET6) {
    /* Neighbour discovery counts its probes as ARP does. */
    n->probes++;
    nns_ndisc_solicit(e, n, last ? &last->ip_src : NULL);
    return;
  }
  if (last && nns_ip_is_local(ns, &last->ip_src))
    src = last->ip_src;
  else
    nns_ip_select_addr(ns, dev, &n->addr, &src);
  NnsFrame req = { .ethertype = NNS_ETH_P_ARP, .arp_op = NNS_ARPOP_REQUEST };
  if (n->probes < UCAST_PROBES && n->has_mac)
    memcpy(req.dst, n->mac, 6);
  else
    memset(req.dst, 0xff, 6);
  memcpy(req.src, dev->mac, 6);
  memcpy(req.arp_sha, dev->mac, 6);
  req.arp_spa = src;
  req.arp_tpa = n->addr;
  /* The recordings show a unicast probe refreshing `used`, a broadcast
   * one not. */
  if (req.dst[0] != 0xff)
    n->used_us = nns_engine_now(e);
  n->probes++;
  nns_net_xmit(e, dev, &req);
}

static void
fail(NnsEngine *e, NnsNeigh *n)
{
  n->state = NUD_FAILED;
  n->updated_us = nns_engine_now(e);
  GArray *q = n->queue;
  n->queue = NULL;
  /* neigh_invalidate -> arp_error_report: each queued datagram earns its
   * sender an error. */
  for (guint i = 0; q && i < q->len; i++) {
    if (n->addr.family == AF_INET6)
      nns_icmp6_send_error(e, n->dev->ns, NULL, &g_array_index(q, NnsFrame, i), NNS_ICMP6_DEST_UNREACH,
                           NNS_ICMP6_ADDR_UNREACH);
    else
      nns_icmp_send_error(e, n->dev->ns, NULL, &g_array_index(q, NnsFrame, i), NNS_ICMP_DEST_UNREACH, 1);
  }
  if (q)
    g_array_free(q, TRUE);
}

/* neigh_timer_handler */
static void
neigh_timer(NnsEngine *e, gpointer data)
{
  NeighTimer *t = data;
  NnsNeigh *n = nns_net_ns_alive(nns_engine_world(e), t->ns) ? nns_neigh_lookup(t->ns, t->ifindex, &t->addr) : NULL;
  guint gen = t->gen;
  g_free(t);
  if (!n || n->timer_gen != gen)
    return;
  guint64 now = nns_engine_now(e), next = now + RETRANS_US;
  if (n->state & NUD_REACHABLE) {
    if ((gint64) now < n->confirmed_us + REACHABLE_US) {
      next = (guint64) (n->confirmed_us + REACHABLE_US);
    } else if (now <= n->used_us + DELAY_US) {
      n->state = NUD_DELAY;
      n->updated_us = now;
      next = now + DELAY_US;
    } else {
      n->state = NUD_STALE;
      n->updated_us = now;
      return;
    }
  } else if (n->state & NUD_DELAY) {
    if ((gint64) now < n->confirmed_us + DELAY_US) {
      n->state = NUD_REACHABLE;
      n->updated_us = now;
      next = (guint64) (n->confirmed_us + REACHABLE_US);
    } else {
      n->state = NUD_PROBE;
      n->updated_us = now;
      n->probes = 0;
    }
  } else if (!(n->state & (NUD_INCOMPLETE | NUD_PROBE))) {
    return;
  }
  if ((n->state & (NUD_INCOMPLETE | NUD_PROBE)) && n->probes >= max_probes(n)) {
    fail(e, n);
    return;
  }
  arm(e, n, next);
  if (n->state & (NUD_INCOMPLETE | NUD_PROBE))
    solicit(e, n);
}

static void
flush_queue(NnsEngine *e, NnsNeigh *n)
{
  if (!n->queue)
    return;
  GArray *q = n->queue;
  n->queue = NULL;
  for (guint i = 0; i < q->len; i++) {
    NnsFrame *f = &g_array_index(q, NnsFrame, i);
    memcpy(f->dst, n->mac, 6);
    nns_net_xmit(e, n->dev, f);
  }
  g_array_free(q, TRUE);
}

#define NUD_VALID_STATES (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)

/* __neigh_update for what ARP learns (never administrative). */
static void
neigh_update(NnsEngine *e, NnsNeigh *n, const guint8 mac[6], guint16 state, gboolean override)
{
  guint16 old = n->state;
  guint64 now = nns_engine_now(e);
  if (old & (NUD_NOARP | NUD_PERMANENT))
    return;
  gboolean changed = !n->has_mac || memcmp(n->mac, mac, 6) != 0;
  if (state & NUD_REACHABLE)
    n->confirmed_us = (gint64) now;
  if (old & NUD_VALID_STATES) {
    if (changed && !override)
      return;
    /* A valid entry keeps its state when the address is unchanged and
     * the news is only STALE. */
    if (!changed && state == NUD_STALE)
      state = old;
  }
  if (state != old || changed)
    n->updated_us = now;
  if (state != old) {
    disarm(n);
    if (state & NUD_PROBE)
      n->probes = 0;
    n->state = state;
    if (state & NUD_REACHABLE)
      arm(e, n, now + REACHABLE_US);
  }
  if (changed) {
    memcpy(n->mac, mac, 6);
    n->has_mac = TRUE;
  }
  if (!(old & NUD_VALID_STATES))
    flush_queue(e, n);
}

/* The arp_queue: the oldest frame goes when it is full. */
static void
enqueue(NnsNeigh *n, const NnsFrame *f)
{
  if (!n->queue) {
    n->queue = g_array_new(FALSE, FALSE, sizeof(NnsFrame));
    n->queue_free = queue_free;
  }
  if (n->queue->len >= QUEUE_MAX)
    g_array_remove_index(n->queue, 0);
  g_array_append_val(n->queue, *f);
}

void
nns_arp_output(NnsEngine *e, NnsDevice *dev, const NnsInet *nh, NnsFrame *f)
{
  memcpy(f->src, dev->mac, 6);
  guint32 host = nns_inet4_host(nh);
  /* A NOARP or loopback device's neighbours are NOARP entries holding its
   * own address (core/neigh.c): frames go out to it, unresolved. */
  gboolean noarp = (dev->iff & (IFF_NOARP | IFF_LOOPBACK)) != 0;
  if (!noarp && nh->family == AF_INET && host == 0xffffffffu) {
    memset(f->dst, 0xff, 6);
    nns_net_xmit(e, dev, f);
    return;
  }
  NnsNeigh *n = nns_neigh_ensure(dev->ns, dev, nh);
  guint64 now = nns_engine_now(e);
  /* neigh_event_send */
  n->used_us = now;
  if (n->state & NUD_STALE) {
    n->state = NUD_DELAY;
    n->updated_us = now;
    arm(e, n, now + DELAY_US);
  } else if (!(n->state & (NUD_VALID_STATES | NUD_INCOMPLETE))) {
    n->probes = UCAST_PROBES;
    n->state = NUD_INCOMPLETE;
    n->updated_us = now;
    arm(e, n, now + RETRANS_US);
    enqueue(n, f);
    solicit(e, n);
    return;
  }
  if (n->state & NUD_INCOMPLETE) {
    enqueue(n, f);
    return;
  }
  memcpy(f->dst, n->mac, 6);
  nns_net_xmit(e, dev, f);
}

static void
send_reply(NnsEngine *e, NnsDevice *dev, const NnsFrame *req)
{
  NnsFrame reply = { .ethertype = NNS_ETH_P_ARP, .arp_op = NNS_ARPOP_REPLY };
  memcpy(reply.dst, req->arp_sha, 6);
  memcpy(reply.src, dev->mac, 6);
  memcpy(reply.arp_sha, dev->mac, 6);
  reply.arp_spa = req->arp_tpa;
  reply.arp_tpa = req->arp_spa;
  nns_net_xmit(e, dev, &reply);
}

/* neigh_event_ns: the asker is a neighbour now, unconfirmed (STALE). */
static void
event_ns(NnsEngine *e, NnsDevice *dev, const NnsFrame *f)
{
  neigh_update(e, nns_neigh_ensure(dev->ns, dev, &f->arp_spa), f->arp_sha, NUD_STALE, TRUE);
}

typedef struct {
  NnsNetns *ns;
  int ifindex;
  NnsDevice *dev;
  NnsFrame frame;
} ProxyRedo;

/* neigh_proxy_process: a delayed proxy request is answered now, if its
 * device and proxy entry are still there. */
static void
proxy_redo(NnsEngine *e, gpointer data)
{
  ProxyRedo *p = data;
  if (nns_net_device_alive(nns_engine_world(e), p->ns, p->ifindex, p->dev) &&
      nns_pneigh_lookup(p->ns, p->ifindex, &p->frame.arp_tpa)) {
    event_ns(e, p->dev, &p->frame);
    send_reply(e, p->dev, &p->frame);
  }
  g_free(p);
}

/* arp_process */
void
nns_arp_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *f)
{
  NnsNetns *ns = dev->ns;
  /* arp_rcv: a NOARP device takes no ARP at all. */
  if (dev->iff & IFF_NOARP)
    return;
  if (f->arp_op == NNS_ARPOP_REQUEST) {
    if (nns_ip_is_local(ns, &f->arp_tpa)) {
      event_ns(e, dev, f);
      send_reply(e, dev, f);
      return;
    }
    NnsDevice *out = nns_ip_forwarding(dev) ? nns_ip_unicast_route_dev(ns, &f->arp_tpa, &f->arp_spa, dev) : NULL;
    if (out && out != dev && nns_pneigh_lookup(ns, dev->ifindex, &f->arp_tpa)) {
      event_ns(e, dev, f);
      if (memcmp(f->dst, dev->mac, 6) == 0) {
        send_reply(e, dev, f);
      } else {
        /* pneigh_enqueue: a broadcast request waits. */
        ProxyRedo *p = g_new0(ProxyRedo, 1);
        p->ns = ns;
        p->ifindex = dev->ifindex;
        p->dev = dev;
        p->frame = *f;
        nns_engine_schedule_timer(e, nns_engine_now(e) + PROXY_DELAY_US, proxy_redo, p);
      }
      return;
    }
  }
  /* Update our ARP tables: only an entry we have learns from the packet;
   * a unicast reply confirms it, anything else only says STALE. */
  NnsNeigh *n = nns_neigh_lookup(ns, dev->ifindex, &f->arp_spa);
  if (!n)
    return;
  gboolean confirms = f->arp_op == NNS_ARPOP_REPLY && memcmp(f->dst, dev->mac, 6) == 0;
  gboolean override = nns_engine_now(e) > n->updated_us + LOCKTIME_US;
  neigh_update(e, n, f->arp_sha, confirms ? NUD_REACHABLE : NUD_STALE, override);
}

/* For ndisc.c: the steps IPv6 neighbour discovery shares with ARP. */
void
nns_neigh_confirm_and_flush(NnsEngine *e, NnsNeigh *n, const guint8 mac[6])
{
  neigh_update(e, n, mac, NUD_REACHABLE, TRUE);
  flush_queue(e, n);
}

void
nns_neigh_flush_queue(NnsEngine *e, NnsNeigh *n)
{
  flush_queue(e, n);
}
