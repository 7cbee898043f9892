/* What the ping runner (kernel-ping.c) and its two address families
 * (kernel-ping4.c, kernel-ping6.c) share: the sockets of one run, the
 * run's bookkeeping, and the four steps a family provides. */
#pragma once

#include "backends/kernel/kernel-private.h"

#include <linux/errqueue.h>

G_BEGIN_DECLS

typedef struct {
  int raw;                  /* the ICMP / ICMPv6 socket the echoes go through */
  int probe;                /* the UDP probe that learns the source */
  int oif;                  /* IPv6 -I DEV: its ifindex (IPV6_PKTINFO), else 0 */
  int scope;                /* IPv6 ADDR%DEV: the destination's scope id */
} NnsKPingSockets;

typedef struct {
  const NnsPingRequest *req;
  NnsPingResult *res;
  guint16 id;
  gint64 start;             /* monotonic µs when the first request left */
  GArray *sent_at;          /* gint64 per seq (index seq - 1) */
  GArray *answered;         /* gboolean per seq */
  guint outstanding;
  guint replies;
  guint errors;             /* answered by an error, local ones included */
  gboolean local_pending;   /* the error queue held a local error (EMSGSIZE) */
  guint local_mtu;          /* its MTU */
  gboolean stop_on_error;
  gboolean stopped;
} NnsKPingRun;

typedef struct {
  /* Called inside the caller's namespace: both sockets belong to it. */
  int (*open)(gpointer sockets);
  /* iputils' set-up before the first request: device, source, the probe's
   * connect (a failure is res->connect_errno), socket options. */
  gboolean (*prepare)(NnsKPingSockets *s, const NnsPingRequest *req, NnsPingResult *res, GError **error);
  /* Build and send echo request `seq` (its time already noted); 0, or
   * the errno of a send the kernel refused at once. */
  int (*send)(NnsKPingRun *run, const NnsKPingSockets *s, const NnsPingRequest *req, guint16 seq);
  /* One datagram read off s->raw, or (errqueue) one entry of its error
   * queue, with the message's name and control data, read at `now`. */
  void (*parse)(NnsKPingRun *run, const NnsKPingSockets *s, const guint8 *buf, gsize n, struct msghdr *msg,
                gboolean errqueue, gint64 now);
} NnsKPingFamily;

extern const NnsKPingFamily nns_kping4;
extern const NnsKPingFamily nns_kping6;

/* One answer to echo request ev->seq, arrived at `now` (monotonic µs):
 * its round trip, the pipe (unless `count_pipe` is FALSE: ping6 reads its
 * errors off the error queue without counting them), the outstanding
 * count; an error ends a run under -w. */
void nns_kping_answer(NnsKPingRun *run, NnsPingEvent *ev, gint64 now, gboolean count_pipe);

/* An error-queue entry of origin LOCAL (a send refused with EMSGSIZE):
 * noted in the run for the sender; FALSE for any other origin. */
gboolean nns_kping_local_error(NnsKPingRun *run, const struct sock_extended_err *e);

/* An echo request's ICMP payload, `req->size` bytes at `data`: the -p
 * pattern repeated, or iputils' counting bytes. */
void nns_kping_payload(const NnsPingRequest *req, guint8 *data);

G_END_DECLS
