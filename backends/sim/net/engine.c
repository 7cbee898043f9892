/* The event queue: a binary heap of (time, sequence) so that events run in
 * time order and, at equal times, in the order they were made. */
#include "backends/sim/net/engine.h"
#include "backends/sim/net/net-private.h"
#include "core/bridge.h"
#include "core/world.h"

typedef struct {
  guint64 at_us;
  guint64 seq;
  NnsDevice *dev;             /* rx event; NULL for a timer */
  NnsNetns *ns;               /* the device's namespace and index, checked */
  int ifindex;                /* before delivery: it may be gone by then */
  NnsTimerFn fn;
  gpointer data;
  NnsFrame frame;
} Event;

typedef struct {
  NnsNetns *ns;
  guint16 id;
  NnsSockFn fn;
  gpointer data;
} IcmpSock;

struct _NnsEngine {
  NnsWorld *world;
  GArray *heap;               /* Event, a min-heap */
  guint64 seq;
  GPtrArray *socks;           /* IcmpSock*: a handful at a time */
  guint events_run;
  GHashTable *ipv6_started;   /* addrconf.c's: what each device has announced */
};

/* A bound on work per run: a bridge loop must not spin forever. */
#define MAX_EVENTS_PER_RUN 1000000

NnsEngine *
nns_engine_new(NnsWorld *world)
{
  NnsEngine *e = g_new0(NnsEngine, 1);
  e->world = world;
  e->heap = g_array_new(FALSE, FALSE, sizeof(Event));
  e->socks = g_ptr_array_new_with_free_func(g_free);
  e->ipv6_started = nns_addrconf_table_new();
  return e;
}

void
nns_engine_free(NnsEngine *e)
{
  if (!e)
    return;
  /* A timer that never ran still owns its data (g_malloc'd, see engine.h). */
  for (guint i = 0; i < e->heap->len; i++) {
    Event *ev = &g_array_index(e->heap, Event, i);
    if (!ev->dev)
      g_free(ev->data);
  }
  g_array_free(e->heap, TRUE);
  g_ptr_array_free(e->socks, TRUE);
  g_hash_table_destroy(e->ipv6_started);
  g_free(e);
}

NnsWorld *
nns_engine_world(NnsEngine *e)
{
  return e->world;
}

guint64
nns_engine_now(NnsEngine *e)
{
  return e->world->clock_us;
}

guint64
nns_engine_next_at(NnsEngine *e)
{
  return e->heap->len ? g_array_index(e->heap, Event, 0).at_us : G_MAXUINT64;
}

static gboolean
before(const Event *a, const Event *b)
{
  return a->at_us < b->at_us || (a->at_us == b->at_us && a->seq < b->seq);
}

static void
push(NnsEngine *e, Event *ev)
{
  ev->seq = e->seq++;
  g_array_append_val(e->heap, *ev);
  guint i = e->heap->len - 1;
  Event *h = (Event *) e->heap->data;
  while (i > 0) {
    guint parent = (i - 1) / 2;
    if (!before(&h[i], &h[parent]))
      break;
    Event tmp = h[i];
    h[i] = h[parent];
    h[parent] = tmp;
    i = parent;
  }
}

static Event
pop(NnsEngine *e)
{
  Event *h = (Event *) e->heap->data;
  Event top = h[0];
  h[0] = h[e->heap->len - 1];
  g_array_set_size(e->heap, e->heap->len - 1);
  guint n = e->heap->len, i = 0;
  h = (Event *) e->heap->data;
  for (;;) {
    guint l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && before(&h[l], &h[m]))
      m = l;
    if (r < n && before(&h[r], &h[m]))
      m = r;
    if (m == i)
      break;
    Event tmp = h[i];
    h[i] = h[m];
    h[m] = tmp;
    i = m;
  }
  return top;
}

void
nns_engine_schedule_rx(NnsEngine *e, NnsDevice *dev, const NnsFrame *frame, guint64 at_us)
{
  Event ev = { .at_us = at_us, .dev = dev, .ns = dev->ns, .ifindex = dev->ifindex, .frame = *frame };
  push(e, &ev);
}

void
nns_engine_schedule_timer(NnsEngine *e, guint64 at_us, NnsTimerFn fn, gpointer data)
{
  Event ev = { .at_us = at_us, .fn = fn, .data = data };
  push(e, &ev);
}

void
nns_engine_run_until(NnsEngine *e, guint64 until_us)
{
  guint budget = MAX_EVENTS_PER_RUN;
  /* Devices that became IPv6-ready or changed addresses since last time
   * send what the kernel sends then. */
  if (g_hash_table_size(e->world->ipv6_changed))
    nns_addrconf_sync(e, e->ipv6_started);
  while (e->heap->len > 0 && ((Event *) e->heap->data)[0].at_us <= until_us && budget-- > 0) {
    /* Bridge ports' forward delay timers due first (core/bridge.h). */
    nns_bridge_run_timers(e->world, ((Event *) e->heap->data)[0].at_us);
    Event ev = pop(e);
    if (ev.at_us > e->world->clock_us)
      e->world->clock_us = ev.at_us;
    if (ev.dev) {
      if (nns_net_device_alive(e->world, ev.ns, ev.ifindex, ev.dev))
        nns_net_receive(e, ev.dev, &ev.frame);
    } else
      ev.fn(e, ev.data);
  }
  nns_bridge_run_timers(e->world, until_us);
  if (until_us > e->world->clock_us)
    e->world->clock_us = until_us;
}

void
nns_engine_bind_icmp(NnsEngine *e, NnsNetns *ns, guint16 id, NnsSockFn fn, gpointer data)
{
  IcmpSock *s = g_new0(IcmpSock, 1);
  s->ns = ns;
  s->id = id;
  s->fn = fn;
  s->data = data;
  g_ptr_array_add(e->socks, s);
}

void
nns_engine_unbind_icmp(NnsEngine *e, NnsNetns *ns, guint16 id)
{
  for (guint i = 0; i < e->socks->len; i++) {
    IcmpSock *s = g_ptr_array_index(e->socks, i);
    if (s->ns == ns && s->id == id) {
      g_ptr_array_remove_index(e->socks, i);
      return;
    }
  }
}

void
nns_engine_deliver_icmp(NnsEngine *e, NnsNetns *ns, const NnsSockEvent *ev, guint16 id)
{
  for (guint i = 0; i < e->socks->len; i++) {
    IcmpSock *s = g_ptr_array_index(e->socks, i);
    if (s->ns == ns && s->id == id) {
      s->fn(ev, s->data);
      return;
    }
  }
}
