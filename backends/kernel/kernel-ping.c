/* ping on the real kernel: ICMP echo requests from a raw socket opened
 * inside the caller's namespace, as iputils-ping sends them as root, with
 * replies and ICMP errors collected as they arrive into the same
 * NnsPingResult the simulation fills.  Timing is the kernel's: round trips
 * are measured on the monotonic clock and vary between runs (the oracle
 * comparison and `netnsim diff` mask them; docs/kernel-backend.md). */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* ping without -c and -w runs until interrupted; the kernel backend stops
 * it after this long, as it cuts `sleep` (kernel-sysctl.c). */
#define NNS_PING_MAX_US (10 * G_USEC_PER_SEC)

typedef struct {
  int raw, probe;
} PingSockets;

static int
open_sockets(gpointer data)
{
  PingSockets *s = data;
  /* Both belong to the namespace they are created in. */
  s->raw = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
  if (s->raw < 0)
    return -1;
  s->probe = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  return s->probe < 0 ? -1 : 0;
}

static guint16
checksum(const guint8 *p, gsize n)
{
  guint32 sum = 0;
  for (gsize i = 0; i + 1 < n; i += 2)
    sum += (guint32) (p[i] << 8 | p[i + 1]);
  if (n & 1)
    sum += (guint32) p[n - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return g_htons((guint16) ~sum);
}

typedef struct {
  NnsPingResult *res;
  guint16 id;
  GArray *sent_at;        /* gint64 per seq (index seq - 1) */
  GArray *answered;       /* gboolean per seq */
  guint outstanding;
  guint replies;
  gboolean stop_on_error;
  gboolean stopped;
} PingRun;

static void
record_event(PingRun *run, NnsPingEvent *ev, gint64 now)
{
  if (ev->seq == 0 || ev->seq > run->answered->len)
    return;
  ev->rtt_us = (guint64) (now - g_array_index(run->sent_at, gint64, ev->seq - 1));
  /* iputils' pipesize: answers outstanding when one arrives, itself included. */
  if (run->outstanding > run->res->pipe)
    run->res->pipe = run->outstanding;
  gboolean *seen = &g_array_index(run->answered, gboolean, ev->seq - 1);
  if (!*seen) {
    *seen = TRUE;
    run->outstanding--;
  }
  if (!ev->error)
    run->replies++;
  g_array_append_val(run->res->events, *ev);
  if (ev->error && run->stop_on_error)
    run->stopped = TRUE;
}

/* One datagram of the raw socket: an IP header, then ICMP.  An echo reply
 * is ours by its id; an error is ours when the datagram it quotes is one
 * of our echo requests (as ping4_parse_reply checks). */
static void
parse_packet(PingRun *run, const guint8 *buf, gsize n, gint64 now)
{
  if (n < sizeof(struct iphdr))
    return;
  const struct iphdr *ip = (const struct iphdr *) buf;
  gsize hl = (gsize) ip->ihl * 4;
  if (n < hl + sizeof(struct icmphdr))
    return;
  const struct icmphdr *icmp = (const struct icmphdr *) (buf + hl);
  NnsPingEvent ev = { .ttl = ip->ttl, .type = icmp->type, .code = icmp->code, .len = (guint) (n - hl) };
  ev.from.family = AF_INET;
  memcpy(ev.from.bytes, &ip->saddr, 4);
  if (icmp->type == ICMP_ECHOREPLY) {
    if (g_ntohs(icmp->un.echo.id) != run->id)
      return;
    ev.seq = g_ntohs(icmp->un.echo.sequence);
    record_event(run, &ev, now);
    return;
  }
  if (icmp->type != ICMP_DEST_UNREACH && icmp->type != ICMP_TIME_EXCEEDED && icmp->type != ICMP_PARAMETERPROB)
    return;
  const guint8 *inner = buf + hl + sizeof(struct icmphdr);
  gsize left = n - hl - sizeof(struct icmphdr);
  if (left < sizeof(struct iphdr))
    return;
  const struct iphdr *iip = (const struct iphdr *) inner;
  gsize ihl = (gsize) iip->ihl * 4;
  if (iip->protocol != IPPROTO_ICMP || left < ihl + 8)
    return;
  const struct icmphdr *iicmp = (const struct icmphdr *) (inner + ihl);
  if (iicmp->type != ICMP_ECHO || g_ntohs(iicmp->un.echo.id) != run->id)
    return;
  ev.error = TRUE;
  ev.seq = g_ntohs(iicmp->un.echo.sequence);
  record_event(run, &ev, now);
}

/* Read what arrives until `until` (monotonic µs), or until nothing is
 * outstanding when `drain` is set. */
static void
receive_until(PingRun *run, int fd, gint64 until, gboolean drain)
{
  g_autofree guint8 *buf = g_malloc(65536 + 128);
  for (;;) {
    gint64 now = g_get_monotonic_time();
    if (now >= until || run->stopped || (drain && run->outstanding == 0))
      return;
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int ms = (int) ((until - now + 999) / 1000);
    if (poll(&p, 1, ms) <= 0)
      continue;
    /* iputils reads everything queued before it looks at its exit
     * conditions: errors that arrive together are all counted. */
    ssize_t n;
    while ((n = recv(fd, buf, 65536 + 128, MSG_DONTWAIT)) > 0)
      parse_packet(run, buf, (gsize) n, g_get_monotonic_time());
  }
}

static void
send_echo(PingRun *run, int fd, const NnsPingRequest *req, guint16 seq)
{
  gsize len = sizeof(struct icmphdr) + req->size;
  g_autofree guint8 *pkt = g_malloc0(len);
  struct icmphdr *icmp = (struct icmphdr *) pkt;
  icmp->type = ICMP_ECHO;
  icmp->un.echo.id = g_htons(run->id);
  icmp->un.echo.sequence = g_htons(seq);
  /* iputils' default pattern: the payload counts up from the byte after
   * the timestamp; the round trip is timed here, not read from the data. */
  for (gsize i = 0; i < req->size; i++)
    pkt[sizeof *icmp + i] = (guint8) i;
  icmp->checksum = checksum(pkt, len);
  struct sockaddr_in to = { .sin_family = AF_INET };
  memcpy(&to.sin_addr, req->dst.bytes, 4);
  g_array_set_size(run->sent_at, seq);
  g_array_set_size(run->answered, seq);
  g_array_index(run->sent_at, gint64, seq - 1) = g_get_monotonic_time();
  run->outstanding++;
  run->res->transmitted++;
  /* A send the kernel refuses at once (a neighbour already FAILED) is a
   * loss, as for iputils; its ICMP error, if any, arrives as a packet. */
  (void) sendto(fd, pkt, len, 0, (struct sockaddr *) &to, sizeof to);
}

/* iputils' setup: SO_BINDTODEVICE for -I DEV, bind for -I ADDR, then a UDP
 * probe connected to the destination (port 1025) to learn the source. */
static gboolean
prepare(PingSockets *s, const NnsPingRequest *req, NnsPingResult *res, GError **error)
{
  if (req->ifname) {
    gsize n = strlen(req->ifname) + 1;
    if (setsockopt(s->probe, SOL_SOCKET, SO_BINDTODEVICE, req->ifname, (socklen_t) n) < 0 ||
        setsockopt(s->raw, SOL_SOCKET, SO_BINDTODEVICE, req->ifname, (socklen_t) n) < 0) {
      nns_set_errno(error, errno);
      return FALSE;
    }
  }
  if (req->has_src) {
    struct sockaddr_in src = { .sin_family = AF_INET };
    memcpy(&src.sin_addr, req->src.bytes, 4);
    if (bind(s->probe, (struct sockaddr *) &src, sizeof src) < 0 ||
        bind(s->raw, (struct sockaddr *) &src, sizeof src) < 0) {
      nns_set_errno(error, errno);
      return FALSE;
    }
  }
  struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = g_htons(1025) };
  memcpy(&dst.sin_addr, req->dst.bytes, 4);
  if (connect(s->probe, (struct sockaddr *) &dst, sizeof dst) < 0) {
    res->connect_errno = errno;
    return TRUE;
  }
  struct sockaddr_in me;
  socklen_t mlen = sizeof me;
  if (getsockname(s->probe, (struct sockaddr *) &me, &mlen) < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  res->src.family = AF_INET;
  memcpy(res->src.bytes, &me.sin_addr, 4);
  if (req->ttl) {
    int ttl = (int) req->ttl;
    setsockopt(s->raw, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);
  }
  /* Only what ping4_parse_reply looks at reaches the socket. */
  struct icmp_filter filt = { ~((1U << ICMP_ECHOREPLY) | (1U << ICMP_DEST_UNREACH) | (1U << ICMP_TIME_EXCEEDED) |
                                (1U << ICMP_PARAMETERPROB)) };
  setsockopt(s->raw, SOL_RAW, ICMP_FILTER, &filt, sizeof filt);
  return TRUE;
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
  PingSockets s = { -1, -1 };
  gboolean ok = nns_kernel_in_netns(kb, fd, open_sockets, &s) == 0;
  if (!ok)
    nns_set_errno(error, errno);
  ok = ok && prepare(&s, req, res, error);
  if (ok && !res->connect_errno) {
    /* The echo id: distinct per run of this backend, not random. */
    static guint16 next_id = 0x6e6e;
    PingRun run = { .res = res, .id = next_id++, .stop_on_error = req->deadline_us > 0,
                    .sent_at = g_array_new(FALSE, TRUE, sizeof(gint64)),
                    .answered = g_array_new(FALSE, TRUE, sizeof(gboolean)) };
    gint64 start = g_get_monotonic_time();
    gint64 end_by = start + (gint64) (req->deadline_us ? MIN(req->deadline_us, NNS_PING_MAX_US) : NNS_PING_MAX_US);
    /* With a deadline (-w), -c counts replies, not requests. */
    guint count = req->count && !req->deadline_us ? req->count : G_MAXUINT16;
    gint64 last_send = start;
    for (guint seq = 1; seq <= count && !run.stopped; seq++) {
      gint64 at = start + (gint64) ((seq - 1) * req->interval_us);
      if (at >= end_by)
        break;
      receive_until(&run, s.raw, at, FALSE);
      if (run.stopped || (req->count && run.replies >= req->count))
        break;
      last_send = g_get_monotonic_time();
      send_echo(&run, s.raw, req, (guint16) seq);
    }
    /* Wait for what is outstanding: -W after the last request, or the deadline. */
    gint64 wait_until = req->deadline_us ? end_by : last_send + (gint64) req->timeout_us;
    receive_until(&run, s.raw, wait_until, TRUE);
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
  /* Replies changed neighbour entries; let the next read see them settle. */
  kb->unsettled = TRUE;
  if (s.raw >= 0)
    close(s.raw);
  if (s.probe >= 0)
    close(s.probe);
  return ok;
}
