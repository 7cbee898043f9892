/* ping over IPv4 on the real kernel, as iputils-ping's ping4_run sets it
 * up as root: a raw IPPROTO_ICMP socket for the echoes, a UDP probe
 * connected to the destination to learn the source; replies and ICMP
 * errors both arrive on the raw socket, IP header first. */
#include "backends/kernel/kernel-ping.h"

#include <errno.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static int
open4(gpointer data)
{
  NnsKPingSockets *s = data;
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

/* One datagram of the raw socket: an IP header, then ICMP.  An echo reply
 * is ours by its id; an error is ours when the datagram it quotes is one
 * of our echo requests (as ping4_parse_reply checks). */
static void
parse_packet(NnsKPingRun *run, const guint8 *buf, gsize n, gint64 now)
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
    nns_kping_answer(run, &ev, now, TRUE);
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
  /* Frag needed names the next hop's MTU (ping prints it). */
  if (icmp->type == ICMP_DEST_UNREACH && icmp->code == ICMP_FRAG_NEEDED)
    ev.mtu = g_ntohs(icmp->un.frag.mtu);
  nns_kping_answer(run, &ev, now, TRUE);
}

/* Replies and ICMP errors arrive as datagrams.  With IP_RECVERR an ICMP
 * error also leaves an entry on the error queue, dropped here (the
 * datagram is what is parsed), but for a local error (origin LOCAL),
 * which the sender looks for. */
static void
parse4(NnsKPingRun *run, const NnsKPingSockets *s, const guint8 *buf, gsize n, struct msghdr *msg,
       gboolean errqueue, gint64 now)
{
  (void) s;
  if (!errqueue) {
    parse_packet(run, buf, n, now);
    return;
  }
  for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c))
    if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)
      nns_kping_local_error(run, (const struct sock_extended_err *) CMSG_DATA(c));
}

static int
send4(NnsKPingRun *run, const NnsKPingSockets *s, const NnsPingRequest *req, guint16 seq)
{
  gsize len = sizeof(struct icmphdr) + req->size;
  g_autofree guint8 *pkt = g_malloc0(len);
  struct icmphdr *icmp = (struct icmphdr *) pkt;
  icmp->type = ICMP_ECHO;
  icmp->un.echo.id = g_htons(run->id);
  icmp->un.echo.sequence = g_htons(seq);
  /* The round trip is timed here, not read from a timestamp in the data. */
  nns_kping_payload(req, pkt + sizeof *icmp);
  icmp->checksum = checksum(pkt, len);
  struct sockaddr_in to = { .sin_family = AF_INET };
  memcpy(&to.sin_addr, req->dst.bytes, 4);
  return sendto(s->raw, pkt, len, 0, (struct sockaddr *) &to, sizeof to) < 0 ? errno : 0;
}

/* -M, -Q and IP_RECVERR, which iputils always sets: a datagram refused
 * for its size then leaves its MTU on the error queue. */
static void
set_options4(int fd, const NnsPingRequest *req)
{
  static const int pmtu[] = { [NNS_PMTUDISC_WANT] = IP_PMTUDISC_WANT, [NNS_PMTUDISC_DONT] = IP_PMTUDISC_DONT,
                              [NNS_PMTUDISC_DO] = IP_PMTUDISC_DO };
  int on = 1;
  setsockopt(fd, SOL_IP, IP_RECVERR, &on, sizeof on);
  if (req->pmtudisc != NNS_PMTUDISC_DEFAULT)
    setsockopt(fd, SOL_IP, IP_MTU_DISCOVER, &pmtu[req->pmtudisc], sizeof(int));
  if (req->tos) {
    int tos = req->tos;
    setsockopt(fd, SOL_IP, IP_TOS, &tos, sizeof tos);
  }
}

/* iputils' setup: SO_BINDTODEVICE for -I DEV, bind for -I ADDR, then,
 * without -I ADDR, a UDP probe connected to the destination (port 1025)
 * to learn the source; a
 * broadcast destination refuses the connect (EACCES) until -b sets
 * SO_BROADCAST on the probe, and then on the raw socket too. */
static gboolean
prepare4(NnsKPingSockets *s, const NnsPingRequest *req, NnsPingResult *res, GError **error)
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
  if (req->has_src) {
    /* ping4_run probes only for a source it was not given: with -I ADDR
     * nothing is connected, and a request without a route is lost in
     * sendto (recorded). */
    res->src = req->src;
  } else {
    struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = g_htons(1025) };
    memcpy(&dst.sin_addr, req->dst.bytes, 4);
    int rc = connect(s->probe, (struct sockaddr *) &dst, sizeof dst);
    if (rc < 0 && errno == EACCES && req->broadcast) {
      int on = 1;
      res->to_broadcast = TRUE;
      setsockopt(s->probe, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
      rc = connect(s->probe, (struct sockaddr *) &dst, sizeof dst);
    }
    if (rc < 0) {
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
  }
  if (req->broadcast) {
    int on = 1;
    setsockopt(s->raw, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
  }
  if (req->ttl) {
    int ttl = (int) req->ttl;
    setsockopt(s->raw, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);
  }
  set_options4(s->raw, req);
  /* Only what ping4_parse_reply looks at reaches the socket. */
  struct icmp_filter filt = { ~((1U << ICMP_ECHOREPLY) | (1U << ICMP_DEST_UNREACH) | (1U << ICMP_TIME_EXCEEDED) |
                                (1U << ICMP_PARAMETERPROB)) };
  setsockopt(s->raw, SOL_RAW, ICMP_FILTER, &filt, sizeof filt);
  return TRUE;
}

const NnsKPingFamily nns_kping4 = {
  .open = open4,
  .prepare = prepare4,
  .send = send4,
  .parse = parse4,
};
