/* ping on the real kernel: ICMP or ICMPv6 echo requests from a raw socket
 * opened inside the caller's namespace, as iputils-ping sends them as root,
 * on iputils' schedule, with replies and ICMP errors collected as they
 * arrive into the same NnsPingResult the simulation fills.  The address
 * families' set-up, requests and parsing are in kernel-ping4.c and
 * kernel-ping6.c.  Timing is the kernel's: round trips are measured on the
 * monotonic clock and vary between runs (the oracle comparison and `netnsim
 * diff` mask them; docs/kernel-backend.md). */
#include "backends/kernel/kernel-ping.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* ping without -c and -w runs until interrupted; the kernel backend stops
 * it after this long, as it cuts `sleep` (kernel-sysctl.c). */
#define NNS_PING_MAX_US (10 * G_USEC_PER_SEC)

/* iputils' pinger with no interval (-f): the next request goes when fewer
 * than the preload are in flight, and at least every 10 ms. */
#define FLOOD_MIN_GAP_US 10000

void
nns_kping_answer(NnsKPingRun *run, NnsPingEvent *ev, gint64 now, gboolean count_pipe)
{
  if (ev->seq == 0 || ev->seq > run->answered->len)
    return;
  ev->rtt_us = (guint64) (now - g_array_index(run->sent_at, gint64, ev->seq - 1));
  ev->at_us = (guint64) (now - run->start);
  gboolean *seen = &g_array_index(run->answered, gboolean, ev->seq - 1);
  /* iputils' acknowledge(): requests sent up to and after the one answered
   * (ntransmitted - seq + 1; those lost before it do not count), not for
   * a duplicate. */
  guint pipe = run->res->transmitted >= ev->seq ? run->res->transmitted - ev->seq + 1 : 0;
  if (count_pipe && !*seen && pipe > run->res->pipe)
    run->res->pipe = pipe;
  if (!*seen) {
    *seen = TRUE;
    run->outstanding--;
  }
  if (ev->error)
    run->errors++;
  else
    run->replies++;
  g_array_append_val(run->res->events, *ev);
  if (ev->error && run->stop_on_error)
    run->stopped = TRUE;
}

void
nns_kping_payload(const NnsPingRequest *req, guint8 *data)
{
  for (gsize i = 0; i < req->size; i++)
    data[i] = req->pattern_len ? req->pattern[i % req->pattern_len] : (guint8) i;
}

gboolean
nns_kping_local_error(NnsKPingRun *run, const struct sock_extended_err *e)
{
  if (e->ee_origin != SO_EE_ORIGIN_LOCAL)
    return FALSE;
  run->local_pending = TRUE;
  run->local_mtu = e->ee_info;
  return TRUE;
}

/* Read everything queued on the raw socket, the datagrams and then the
 * error queue (MSG_ERRQUEUE).  An ICMP error with IP_RECVERR also sets
 * the socket's pending error, which one plain read returns (and clears):
 * a read that fails otherwise than EAGAIN is passed over. */
static void
drain(NnsKPingRun *run, const NnsKPingFamily *fam, const NnsKPingSockets *s)
{
  g_autofree guint8 *buf = g_malloc(65536 + 128);
  char cbuf[512];
  for (int flags = 0, refused = 0; refused < 16;) {
    struct sockaddr_storage from;
    struct iovec iov = { .iov_base = buf, .iov_len = 65536 + 128 };
    struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = cbuf, .msg_controllen = sizeof cbuf };
    ssize_t n = recvmsg(s->raw, &msg, flags | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (flags)
        return;
      flags = MSG_ERRQUEUE;   /* the datagrams are read: now the errors */
      continue;
    }
    if (n < 0) {
      refused++;
      continue;
    }
    fam->parse(run, s, buf, (gsize) n, &msg, flags != 0, g_get_monotonic_time());
  }
}

/* Read what arrives until `until` (monotonic µs), or until fewer than
 * `below` requests are outstanding.  iputils reads everything queued
 * before it looks at its exit conditions: errors that arrive together (an
 * ARP failure answers every queued request at once) are all counted. */
static void
receive_until(NnsKPingRun *run, const NnsKPingFamily *fam, const NnsKPingSockets *s, gint64 until, guint below)
{
  for (;;) {
    gint64 now = g_get_monotonic_time();
    if (now >= until || run->stopped || run->outstanding < below)
      return;
    /* POLLERR (always reported) is the error queue. */
    struct pollfd p = { .fd = s->raw, .events = POLLIN };
    int ms = (int) ((until - now + 999) / 1000);
    if (poll(&p, 1, ms) <= 0)
      continue;
    drain(run, fam, s);
  }
}

/* A send refused with EMSGSIZE left a local error on the error queue
 * (IP_RECVERR): iputils prints and counts it, unless -q (then it is
 * neither, and ping waits for the request as for an answer). */
static void
local_error(NnsKPingRun *run, guint16 seq, gint64 now)
{
  if (run->req->quiet)
    return;
  NnsPingEvent ev = { .error = TRUE, .local = TRUE, .seq = seq, .mtu = run->local_mtu,
                      .at_us = (guint64) (now - run->start) };
  g_array_index(run->answered, gboolean, seq - 1) = TRUE;
  run->outstanding--;
  run->errors++;
  g_array_append_val(run->res->events, ev);
  if (run->stop_on_error)
    run->stopped = TRUE;
}

static void
send_request(NnsKPingRun *run, const NnsKPingFamily *fam, const NnsKPingSockets *s, const NnsPingRequest *req,
             guint16 seq)
{
  gint64 now = g_get_monotonic_time();
  g_array_set_size(run->sent_at, seq);
  g_array_set_size(run->answered, seq);
  g_array_index(run->sent_at, gint64, seq - 1) = now;
  guint64 rel = (guint64) (now - run->start);
  g_array_append_val(run->res->sent_us, rel);
  run->outstanding++;
  run->res->transmitted++;
  run->local_pending = FALSE;
  int err = fam->send(run, s, req, seq);
  if (!err)
    return;
  /* The local error is queued before sendmsg returns; reading it reads
   * what came before it too, as iputils' receive_error_msg does. */
  if (err == EMSGSIZE)
    drain(run, fam, s);
  if (run->local_pending) {
    local_error(run, seq, now);
    return;
  }
  /* Refused with nothing queued (no route): "hard local error" for
   * iputils, which pretends the request left and shows nothing. */
  if (!run->res->unsent)
    run->res->unsent = g_array_new(FALSE, FALSE, sizeof(guint16));
  g_array_append_val(run->res->unsent, seq);
}

/* The run itself, as backends/sim/net/ping.c schedules it. */
static void
run_pings(const NnsKPingFamily *fam, const NnsKPingSockets *s, const NnsPingRequest *req, NnsPingResult *res)
{
  /* The echo id: distinct per run of this backend, not random. */
  static guint16 next_id = 0x6e6e;
  NnsKPingRun run = { .req = req, .res = res, .id = next_id++, .stop_on_error = req->deadline_us > 0,
                      .sent_at = g_array_new(FALSE, TRUE, sizeof(gint64)),
                      .answered = g_array_new(FALSE, TRUE, sizeof(gboolean)) };
  res->sent_us = g_array_new(FALSE, FALSE, sizeof(guint64));
  /* -D prints the real clock: this backend is the real machine. */
  res->start_us = (guint64) g_get_real_time();
  gint64 start = run.start = g_get_monotonic_time();
  gint64 end_by = start + (gint64) (req->deadline_us ? MIN(req->deadline_us, NNS_PING_MAX_US) : NNS_PING_MAX_US);
  /* With a deadline (-w), -c counts replies, not requests. */
  guint count = req->count && !req->deadline_us ? req->count : G_MAXUINT16;
  guint preload = MAX(req->preload, 1);
  gint64 last_send = start;
  for (guint seq = 1; seq <= count && !run.stopped; seq++) {
    /* iputils' token bucket: `preload` requests at once, then one an
     * interval, or (flood) one as soon as an answer frees a place. */
    gint64 at = start + (gint64) (seq <= preload ? 0 : (seq - preload) * req->interval_us);
    if (req->flood && seq > preload) {
      receive_until(&run, fam, s, MIN(last_send + FLOOD_MIN_GAP_US, end_by), preload);
      at = g_get_monotonic_time();
    }
    if (at >= end_by)
      break;
    receive_until(&run, fam, s, at, 0);
    if (run.stopped || (req->count && run.replies + run.errors >= req->count))
      break;
    last_send = g_get_monotonic_time();
    send_request(&run, fam, s, req, (guint16) seq);
  }
  /* Wait for what is outstanding: -W after the last request, or the deadline. */
  gint64 wait_until = req->deadline_us ? end_by : last_send + (gint64) req->timeout_us;
  receive_until(&run, fam, s, wait_until, 1);
  /* iputils reports the time from the first request to the last one,
   * plus the last answer's round trip when it came. */
  res->elapsed_us = (guint64) (last_send - start);
  if (res->events->len) {
    NnsPingEvent *last = &g_array_index(res->events, NnsPingEvent, res->events->len - 1);
    if (!last->error && last->seq == res->transmitted)
      res->elapsed_us += last->rtt_us;
  }
  g_array_free(run.sent_at, TRUE);
  g_array_free(run.answered, TRUE);
}

gboolean
nns_kernel_ping(NnsBackend *be, int pid, const NnsPingRequest *req, NnsPingResult *res, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  memset(res, 0, sizeof *res);
  res->events = g_array_new(FALSE, FALSE, sizeof(NnsPingEvent));
  int fd = nns_kernel_pid_netns(kb, pid, error);
  if (fd < 0)
    return FALSE;
  nns_kernel_settle(kb);
  const NnsKPingFamily *fam = req->dst.family == AF_INET6 ? &nns_kping6 : &nns_kping4;
  NnsKPingSockets s = { .raw = -1, .probe = -1 };
  /* Both sockets belong to the namespace they are created in. */
  gboolean ok = nns_kernel_in_netns(kb, fd, fam->open, &s) == 0;
  if (!ok)
    nns_set_errno(error, errno);
  ok = ok && fam->prepare(&s, req, res, error);
  if (ok && !res->connect_errno)
    run_pings(fam, &s, req, res);
  /* Replies changed neighbour entries; let the next read see them settle. */
  kb->unsettled = TRUE;
  if (s.raw >= 0)
    close(s.raw);
  if (s.probe >= 0)
    close(s.probe);
  return ok;
}
