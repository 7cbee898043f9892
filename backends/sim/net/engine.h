/* The packet engine of the simulated backend: a clock and a queue of
 * events (frames arriving on devices, timers) processed in time order,
 * so that frames cross veth pairs, bridges and namespaces deterministically
 * and never by recursion. */
#pragma once

#include "backends/sim/net/frame.h"
#include "core/model.h"

G_BEGIN_DECLS

typedef struct _NnsEngine NnsEngine;

/* What an ICMP socket (ping) is told. */
typedef enum {
  NNS_SOCK_ECHO_REPLY,
  NNS_SOCK_ICMP_ERROR,
} NnsSockEventKind;

typedef struct {
  NnsSockEventKind kind;
  guint16 seq;
  guint8 ttl;                 /* of the reply */
  guint8 type, code;          /* of an error */
  NnsInet from;
  guint64 at_us;
  guint64 rtt_us;
  guint len;                  /* ICMP payload bytes of a reply */
  int ifindex;                /* IPv6: the device it came in on (link-local scope) */
  guint mtu;                  /* of an ICMP "Frag needed" */
} NnsSockEvent;

typedef void (*NnsSockFn)(const NnsSockEvent *ev, gpointer data);

NnsEngine *nns_engine_new(NnsWorld *world);
void nns_engine_free(NnsEngine *engine);

/* Deliver `frame` to `dev` at `at_us` (receive path). */
void nns_engine_schedule_rx(NnsEngine *e, NnsDevice *dev, const NnsFrame *frame, guint64 at_us);
/* Run `fn(data)` at `at_us`.  `data` is g_malloc'd and the callback owns
 * it; when the engine is freed first, the engine g_free's it. */
typedef void (*NnsTimerFn)(NnsEngine *e, gpointer data);
void nns_engine_schedule_timer(NnsEngine *e, guint64 at_us, NnsTimerFn fn, gpointer data);
/* Process every event up to `until_us` and move the world's clock there. */
void nns_engine_run_until(NnsEngine *e, guint64 until_us);
guint64 nns_engine_now(NnsEngine *e);
/* When the first event still queued is due (G_MAXUINT64 when none is). */
guint64 nns_engine_next_at(NnsEngine *e);
NnsWorld *nns_engine_world(NnsEngine *e);

/* ICMP sockets: ping binds an id in a namespace to a callback. */
void nns_engine_bind_icmp(NnsEngine *e, NnsNetns *ns, guint16 id, NnsSockFn fn, gpointer data);
void nns_engine_unbind_icmp(NnsEngine *e, NnsNetns *ns, guint16 id);
/* Local delivery of an ICMP message to a socket, if one is bound. */
void nns_engine_deliver_icmp(NnsEngine *e, NnsNetns *ns, const NnsSockEvent *ev, guint16 id);

G_END_DECLS
