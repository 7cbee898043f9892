/* A ping run on the simulated network: an ICMP socket bound in the caller's
 * namespace sends echo requests on schedule while the engine moves frames;
 * replies and errors are collected as they arrive, in simulated time. */
#include "backends/sim/net/ping.h"
#include "backends/sim/net/net-private.h"
#include "core/netns.h"
#include "core/world.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

/* ping without -c and -w would run forever; the simulation stops it. */
#define MAX_PINGS 100000

typedef struct {
  NnsNetns *ns;
  NnsPingResult *res;
  GArray *answered;           /* gboolean per seq (index seq - 1) */
  guint outstanding;
  guint64 last_event_us;
  gboolean stop_on_error;
  gboolean stopped;
  guint replies;
  guint errors;               /* answered by an error, local ones included */
  guint64 start;
} PingState;

static void
on_icmp(const NnsSockEvent *ev, gpointer data)
{
  PingState *st = data;
  if (ev->seq == 0 || ev->seq > st->answered->len)
    return;
  gboolean *seen = &g_array_index(st->answered, gboolean, ev->seq - 1);
  NnsPingEvent out = {
    .error = ev->kind == NNS_SOCK_ICMP_ERROR, .seq = ev->seq, .ttl = ev->ttl, .type = ev->type,
    .code = ev->code, .from = ev->from, .rtt_us = ev->rtt_us, .len = ev->len, .mtu = ev->mtu,
    .at_us = ev->at_us - st->start,
  };
  NnsDevice *in = ev->ifindex ? nns_netns_device_by_index(st->ns, ev->ifindex) : NULL;
  if (in && nns_ip6_is_link_local(&ev->from))
    g_strlcpy(out.ifname, in->name, sizeof out.ifname);
  /* iputils' acknowledge(): the pipe is how many requests were sent up
   * to and after the one answered (ntransmitted - seq + 1), so requests
   * lost before it do not count; duplicates do not acknowledge, and ping6
   * reads errors off the error queue without counting them. */
  gboolean counted = !(out.error && ev->from.family == AF_INET6) && !*seen;
  guint pipe = st->res->transmitted >= ev->seq ? st->res->transmitted - ev->seq + 1 : 0;
  if (counted && pipe > st->res->pipe)
    st->res->pipe = pipe;
  if (!*seen) {
    *seen = TRUE;
    st->outstanding--;
  }
  if (!out.error)
    st->replies++;
  else
    st->errors++;
  st->last_event_us = ev->at_us;
  g_array_append_val(st->res->events, out);
  if (out.error && st->stop_on_error)
    st->stopped = TRUE;
}

/* iputils' pinger with no interval (-f): the next request goes when fewer
 * than `preload` are in flight, and at least every 10 ms. */
#define FLOOD_MIN_GAP_US 10000

static void
wait_in_flight(NnsEngine *e, PingState *st, guint preload, guint64 limit)
{
  while (st->outstanding >= preload && !st->stopped) {
    guint64 next = nns_engine_next_at(e);
    if (next > limit) {
      nns_engine_run_until(e, limit);
      return;
    }
    nns_engine_run_until(e, MAX(next, nns_engine_now(e)));
  }
}

/* sendmsg failed with EMSGSIZE: iputils reads the local error off the
 * error queue and counts it, unless -q (then it is neither shown nor
 * counted, and ping waits for it as for an answer). */
static void
local_error(PingState *st, guint16 seq, guint mtu, guint64 at, gboolean quiet)
{
  if (quiet)
    return;
  NnsPingEvent out = { .error = TRUE, .local = TRUE, .seq = seq, .mtu = mtu, .at_us = at };
  st->outstanding--;
  g_array_index(st->answered, gboolean, seq - 1) = TRUE;
  st->errors++;
  g_array_append_val(st->res->events, out);
  if (st->stop_on_error)
    st->stopped = TRUE;
}

/* sendmsg failed at once (no route, a prohibit or blackhole route, a
 * broadcast without SO_BROADCAST): "hard local error" for iputils, which
 * pretends the request left.  It stays outstanding: ping waits -W. */
static void
unsent(NnsPingResult *res, guint16 seq)
{
  if (!res->unsent)
    res->unsent = g_array_new(FALSE, FALSE, sizeof(guint16));
  g_array_append_val(res->unsent, seq);
}

gboolean
nns_net_ping(NnsEngine *e, NnsNetns *ns, const NnsPingRequest *req, NnsPingResult *res, GError **error)
{
  memset(res, 0, sizeof *res);
  res->events = g_array_new(FALSE, FALSE, sizeof(NnsPingEvent));
  res->sent_us = g_array_new(FALSE, FALSE, sizeof(guint64));
  NnsDevice *bind = NULL;
  if (req->ifname) {
    bind = nns_netns_device_by_name(ns, req->ifname);
    if (!bind) {
      nns_set_errno(error, ENODEV);
      return FALSE;
    }
  }
  gboolean v6 = req->dst.family == AF_INET6;
  int scope = 0;
  if (req->scope_ifname) {
    NnsDevice *sdev = nns_netns_device_by_name(ns, req->scope_ifname);
    if (!sdev) {
      nns_set_errno(error, ENXIO);
      return FALSE;
    }
    scope = sdev->ifindex;
  }
  if (req->has_src && !(v6 ? nns_ip6_is_local(ns, &req->src) : nns_ip_is_local(ns, &req->src))) {
    nns_set_errno(error, EADDRNOTAVAIL);
    return FALSE;
  }
  /* iputils connects a probe socket to learn the source only when -I
   * gave none: with a source, nothing is connected, and a request the
   * kernel cannot route fails in sendmsg, a loss ping does not report
   * (recorded: `ping -I ADDR` without a route sends and loses them all). */
  if (req->has_src) {
    res->src = req->src;
  } else {
    res->to_broadcast = !v6 && nns_ip_is_broadcast(ns, &req->dst);
    /* IPv6: iputils' probe is a UDP socket connected to the destination. */
    int err = v6 ? nns_ip6_route_source(ns, &req->dst, scope, bind, IPPROTO_UDP, &res->src)
                 : nns_ip_route_source(ns, &req->dst, NULL, bind, req->broadcast, &res->src);
    if (err) {
      res->connect_errno = -err;
      return TRUE;
    }
  }
  /* A socket id from the world's generator: deterministic and distinct. */
  guint16 id = (guint16) (g_rand_int(ns->world->rand) & 0xffff);
  PingState st = { .ns = ns, .res = res, .answered = g_array_new(FALSE, TRUE, sizeof(gboolean)),
                   .stop_on_error = req->deadline_us > 0 };
  nns_engine_bind_icmp(e, ns, id, on_icmp, &st);
  guint64 start = nns_engine_now(e);
  st.start = start;
  res->start_us = start;
  /* With a deadline (-w), -c counts replies, not requests. */
  guint count = req->count && !req->deadline_us ? req->count : MAX_PINGS;
  guint64 end_by = req->deadline_us ? start + req->deadline_us : G_MAXUINT64;
  guint64 last_send = start;
  guint preload = MAX(req->preload, 1);
  gboolean flood = req->flood;
  for (guint seq = 1; seq <= count && !st.stopped; seq++) {
    /* iputils' token bucket: `preload` requests at once, then one an interval. */
    guint64 at = seq <= preload ? start : start + (guint64) (seq - preload) * req->interval_us;
    if (flood && seq > preload) {
      wait_in_flight(e, &st, preload, last_send + FLOOD_MIN_GAP_US);
      at = MAX(nns_engine_now(e), last_send);
    }
    if (at >= end_by)
      break;
    nns_engine_run_until(e, at);
    if (st.stopped)
      break;
    if (req->count && st.replies + st.errors >= req->count)
      break;
    NnsFrame f = { .proto = NNS_IPPROTO_ICMP, .icmp_type = NNS_ICMP_ECHO, .icmp_id = id, .icmp_seq = (guint16) seq };
    f.ip_dst = req->dst;
    f.ip_src = res->src;
    f.ttl = (guint8) req->ttl;
    f.ip_len = (guint16) (28 + req->size);
    f.sent_us = at;
    f.broadcast = req->broadcast;
    f.from_user = TRUE;
    g_array_set_size(st.answered, seq);
    st.outstanding++;
    res->transmitted++;
    last_send = at;
    guint64 rel = at - start;
    g_array_append_val(res->sent_us, rel);
    if (v6) {
      f.proto = NNS_IPPROTO_ICMPV6;
      f.icmp_type = NNS_ICMP6_ECHO_REQUEST;
      f.ip_len = (guint16) (48 + req->size);
      f.scope_ifindex = scope;
      f.df = TRUE;
      /* Without -I ADDR the raw socket is not bound: each datagram is
       * routed from :: (so the multipath hash sees no source) and takes
       * the source of the path it got (ip6_dst_lookup_tail). */
      if (!req->has_src)
        memset(&f.ip_src, 0, sizeof f.ip_src);
      /* IPV6_MTU_DISCOVER "do" refuses what does not fit (EMSGSIZE off
       * the error queue, as for IPv4); otherwise the sender fragments. */
      guint mtu6 = nns_ip6_route_mtu(ns, &f, bind);
      if (req->pmtudisc == NNS_PMTUDISC_DO && mtu6 && f.ip_len > mtu6) {
        local_error(&st, (guint16) seq, mtu6, at - start, req->quiet);
        continue;
      }
      if (nns_ip6_output(e, ns, &f, bind) < 0)
        unsent(res, (guint16) seq);
      continue;
    }
    /* IP_MTU_DISCOVER: "do" refuses a datagram larger than the path's MTU
     * (sendmsg's EMSGSIZE, read back off the error queue); "want" sets DF
     * on those that fit and cuts the others; "dont" never sets DF.
     * (recorded: ping's requests carry DF.) */
    gboolean locked;
    guint mtu = nns_ip_route_mtu(ns, &req->dst, bind, &locked);
    gboolean fits = !mtu || f.ip_len <= mtu;
    if (req->pmtudisc == NNS_PMTUDISC_DO && !fits) {
      local_error(&st, (guint16) seq, mtu, at - start, req->quiet);
      continue;
    }
    /* ip_dont_fragment: "want" (the default here) sets DF unless the
     * path's MTU is locked. */
    gboolean want = req->pmtudisc == NNS_PMTUDISC_WANT || req->pmtudisc == NNS_PMTUDISC_DEFAULT;
    f.df = req->pmtudisc == NNS_PMTUDISC_DO || (want && fits && !locked);
    if (nns_ip_output(e, ns, &f, bind) < 0)
      unsent(res, (guint16) seq);
  }
  /* Wait for what is outstanding: -W after the last request, or the deadline. */
  guint64 wait_until = req->deadline_us ? end_by : last_send + req->timeout_us;
  guint64 step = 1000;
  for (guint64 t = nns_engine_now(e); st.outstanding > 0 && !st.stopped && t < wait_until;) {
    t = MIN(t + step, wait_until);
    nns_engine_run_until(e, t);
  }
  if (st.outstanding == 0 || st.stopped)
    nns_engine_run_until(e, MAX(nns_engine_now(e), st.last_event_us));
  /* iputils reports the time from the first request to the last one, plus
   * the last answer's round trip when it came. */
  res->elapsed_us = last_send - start;
  if (res->events->len) {
    NnsPingEvent *last = &g_array_index(res->events, NnsPingEvent, res->events->len - 1);
    if (!last->error && last->seq == res->transmitted)
      res->elapsed_us += last->rtt_us;
  }
  nns_engine_unbind_icmp(e, ns, id);
  g_array_free(st.answered, TRUE);
  return TRUE;
}
