/* ARP and the neighbour state machine: resolution with queued frames,
 * three probes a second apart, FAILED with "host unreachable" for what was
 * queued; REACHABLE for 30 s after a confirmation, then STALE; a STALE
 * entry in use goes DELAY and is confirmed 5 s later. */
#include "backends/sim/net/net-private.h"
#include "core/neigh.h"
#include "core/netns.h"

#include <linux/neighbour.h>
#include <string.h>

#define RETRANS_US 1000000
#define PROBES 3
#define REACHABLE_US 30000000
#define DELAY_US 5000000

typedef struct {
  NnsNetns *ns;
  int ifindex;
  NnsInet addr;
  guint64 stamp;              /* the confirmation or probe this timer is for */
} NeighTimer;

static NnsNeigh *
timer_neigh(NnsEngine *e, NeighTimer *t)
{
  if (!nns_net_ns_alive(nns_engine_world(e), t->ns))
    return NULL;
  return nns_neigh_lookup(t->ns, t->ifindex, &t->addr);
}

static void
schedule(NnsEngine *e, NnsNeigh *n, guint64 delay, guint64 stamp, NnsTimerFn fn)
{
  NeighTimer *t = g_new0(NeighTimer, 1);
  t->ns = n->dev->ns;
  t->ifindex = n->dev->ifindex;
  t->addr = n->addr;
  t->stamp = stamp;
  nns_engine_schedule_timer(e, nns_engine_now(e) + delay, fn, t);
}

static void
queue_free(gpointer q)
{
  g_array_free(q, TRUE);
}

static void
send_request(NnsEngine *e, NnsNeigh *n, const NnsInet *src)
{
  NnsDevice *dev = n->dev;
  NnsFrame req = { .ethertype = NNS_ETH_P_ARP, .arp_op = NNS_ARPOP_REQUEST };
  memset(req.dst, 0xff, 6);
  memcpy(req.src, dev->mac, 6);
  memcpy(req.arp_sha, dev->mac, 6);
  req.arp_spa = *src;
  req.arp_tpa = n->addr;
  nns_net_xmit(e, dev, &req);
}

static void
reachable_expired(NnsEngine *e, gpointer data)
{
  NeighTimer *t = data;
  NnsNeigh *n = timer_neigh(e, t);
  if (n && n->state == NUD_REACHABLE && n->confirmed_us == t->stamp)
    n->state = NUD_STALE;
  g_free(t);
}

static void
confirm(NnsEngine *e, NnsNeigh *n, const guint8 mac[6])
{
  memcpy(n->mac, mac, 6);
  n->has_mac = TRUE;
  n->state = NUD_REACHABLE;
  n->confirmed_us = n->updated_us = nns_engine_now(e);
  schedule(e, n, REACHABLE_US, n->confirmed_us, reachable_expired);
}

static void
delay_done(NnsEngine *e, gpointer data)
{
  NeighTimer *t = data;
  NnsNeigh *n = timer_neigh(e, t);
  /* The peer answers the unicast probe: confirmed again. */
  if (n && n->state == NUD_DELAY)
    confirm(e, n, n->mac);
  g_free(t);
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

static void
probe_timer(NnsEngine *e, gpointer data)
{
  NeighTimer *t = data;
  NnsNeigh *n = timer_neigh(e, t);
  if (n && n->state == NUD_INCOMPLETE) {
    if (++n->probes >= PROBES) {
      n->state = NUD_FAILED;
      n->updated_us = nns_engine_now(e);
      GArray *q = n->queue;
      n->queue = NULL;
      /* arp_error_report: each queued datagram earns its sender an error. */
      for (guint i = 0; q && i < q->len; i++)
        nns_icmp_send_error(e, n->dev->ns, NULL, &g_array_index(q, NnsFrame, i), NNS_ICMP_DEST_UNREACH, 1);
      if (q)
        g_array_free(q, TRUE);
    } else {
      NnsInet src = n->addr;
      if (n->queue && n->queue->len)
        src = g_array_index(n->queue, NnsFrame, 0).ip_src;
      send_request(e, n, &src);
      schedule(e, n, RETRANS_US, 0, probe_timer);
    }
  }
  g_free(t);
}

void
nns_arp_output(NnsEngine *e, NnsDevice *dev, const NnsInet *nh, NnsFrame *f)
{
  memcpy(f->src, dev->mac, 6);
  guint32 host = nns_inet4_host(nh);
  gboolean noarp = dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_DUMMY || dev->kind == NNS_KIND_IFB;
  if (noarp || host == 0xffffffffu) {
    memset(f->dst, noarp && dev->kind == NNS_KIND_LOOPBACK ? 0 : 0xff, 6);
    nns_net_xmit(e, dev, f);
    return;
  }
  NnsNeigh *n = nns_neigh_ensure(dev->ns, dev, nh);
  n->used_us = nns_engine_now(e);
  if (n->has_mac && (n->state & (NUD_REACHABLE | NUD_PERMANENT | NUD_NOARP | NUD_STALE | NUD_DELAY | NUD_PROBE))) {
    if (n->state == NUD_STALE) {
      n->state = NUD_DELAY;
      schedule(e, n, DELAY_US, 0, delay_done);
    }
    memcpy(f->dst, n->mac, 6);
    nns_net_xmit(e, dev, f);
    return;
  }
  if (!n->queue) {
    n->queue = g_array_new(FALSE, FALSE, sizeof(NnsFrame));
    n->queue_free = queue_free;
  }
  g_array_append_val(n->queue, *f);
  if (n->state != NUD_INCOMPLETE) {
    n->state = NUD_INCOMPLETE;
    n->probes = 0;
    n->updated_us = nns_engine_now(e);
    send_request(e, n, &f->ip_src);
    schedule(e, n, RETRANS_US, 0, probe_timer);
  }
}

void
nns_arp_receive(NnsEngine *e, NnsDevice *dev, const NnsFrame *f)
{
  NnsNetns *ns = dev->ns;
  NnsNeigh *n = nns_neigh_lookup(ns, dev->ifindex, &f->arp_spa);
  if (f->arp_op == NNS_ARPOP_REPLY) {
    if (n && !(n->state & (NUD_PERMANENT | NUD_NOARP))) {
      confirm(e, n, f->arp_sha);
      flush_queue(e, n);
    }
    return;
  }
  if (f->arp_op != NNS_ARPOP_REQUEST || !nns_ip_is_local(ns, &f->arp_tpa))
    return;
  /* neigh_event_ns: the asker is a neighbour now, unconfirmed (STALE). */
  if (!n)
    n = nns_neigh_ensure(ns, dev, &f->arp_spa);
  if (!(n->state & (NUD_PERMANENT | NUD_NOARP))) {
    gboolean was_incomplete = n->state == NUD_INCOMPLETE;
    if (!n->has_mac || memcmp(n->mac, f->arp_sha, 6) != 0 || !(n->state & (NUD_REACHABLE | NUD_DELAY))) {
      memcpy(n->mac, f->arp_sha, 6);
      n->has_mac = TRUE;
      n->state = NUD_STALE;
      n->updated_us = nns_engine_now(e);
    }
    if (was_incomplete)
      flush_queue(e, n);
  }
  NnsFrame reply = { .ethertype = NNS_ETH_P_ARP, .arp_op = NNS_ARPOP_REPLY };
  memcpy(reply.dst, f->arp_sha, 6);
  memcpy(reply.src, dev->mac, 6);
  memcpy(reply.arp_sha, dev->mac, 6);
  reply.arp_spa = f->arp_tpa;
  reply.arp_tpa = f->arp_spa;
  nns_net_xmit(e, dev, &reply);
}
