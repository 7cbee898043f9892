/* ping over IPv6 on the real kernel, as iputils-ping's ping6_run sets it
 * up as root: a raw IPPROTO_ICMPV6 socket that lets only echo replies
 * through (ICMP6_FILTER) and takes ICMPv6 errors on its error queue
 * (IPV6_RECVERR), the hop limit of each reply from IPV6_HOPLIMIT, and a UDP
 * probe connected to the destination's first hop to learn the source.
 * The kernel computes ICMPv6 checksums on raw sockets itself. */
#include "backends/kernel/kernel-ping.h"

#include <errno.h>
#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

static int
open6(gpointer data)
{
  NnsKPingSockets *s = data;
  s->raw = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
  if (s->raw < 0)
    return -1;
  s->probe = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  return s->probe < 0 ? -1 : 0;
}

/* if_nametoindex / if_indextoname, in the namespace of the socket `fd`
 * (the ioctls look devices up in the socket's namespace, wherever the
 * calling thread is). */
static int
ifindex_of(int fd, const char *name)
{
  struct ifreq ifr = { 0 };
  if (strlen(name) >= sizeof ifr.ifr_name)
    return 0;
  g_strlcpy(ifr.ifr_name, name, sizeof ifr.ifr_name);
  return ioctl(fd, SIOCGIFINDEX, &ifr) < 0 ? 0 : ifr.ifr_ifindex;
}

static gboolean
is_link_scope(const struct in6_addr *a)
{
  return IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_MC_LINKLOCAL(a);
}

/* getnameinfo(NI_NUMERICHOST) of a sender: a link-scope address with a
 * scope id carries its device's name (`fe80::1%va`), in ev->ifname. */
static void
set_sender(const NnsKPingSockets *s, NnsPingEvent *ev, const struct sockaddr_in6 *from)
{
  ev->from.family = AF_INET6;
  memcpy(ev->from.bytes, &from->sin6_addr, 16);
  if (!from->sin6_scope_id || !is_link_scope(&from->sin6_addr))
    return;
  struct ifreq ifr = { .ifr_ifindex = (int) from->sin6_scope_id };
  if (ioctl(s->probe, SIOCGIFNAME, &ifr) == 0)
    g_strlcpy(ev->ifname, ifr.ifr_name, sizeof ev->ifname);
  else
    g_snprintf(ev->ifname, sizeof ev->ifname, "%u", from->sin6_scope_id);
}

/* An echo reply (ICMP6_FILTER lets nothing else through): ours by its id. */
static void
parse_reply(NnsKPingRun *run, const NnsKPingSockets *s, const guint8 *buf, gsize n, struct msghdr *msg, gint64 now)
{
  const struct icmp6_hdr *icmp = (const struct icmp6_hdr *) buf;
  if (n < sizeof *icmp || icmp->icmp6_type != ICMP6_ECHO_REPLY || g_ntohs(icmp->icmp6_id) != run->id)
    return;
  NnsPingEvent ev = { .type = icmp->icmp6_type, .code = icmp->icmp6_code, .len = (guint) n,
                      .seq = g_ntohs(icmp->icmp6_seq) };
  for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c))
    if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
      int hops;
      memcpy(&hops, CMSG_DATA(c), sizeof hops);
      ev.ttl = (guint8) hops;
    }
  set_sender(s, &ev, msg->msg_name);
  nns_kping_answer(run, &ev, now, TRUE);
}

/* One entry of the error queue, as ping6_receive_error_msg reads it: a
 * local error (a request refused for its size) is the sender's; an ICMPv6
 * error is ours when the request it quotes went to our destination with
 * our id; its sender is the offender. */
static void
parse_error(NnsKPingRun *run, const NnsKPingSockets *s, const guint8 *buf, gsize n,
            struct msghdr *msg, gint64 now)
{
  const struct sock_extended_err *e = NULL;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c))
    if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)
      e = (const struct sock_extended_err *) CMSG_DATA(c);
  if (!e || nns_kping_local_error(run, e) || e->ee_origin != SO_EE_ORIGIN_ICMP6)
    return;
  const struct icmp6_hdr *quoted = (const struct icmp6_hdr *) buf;
  const struct sockaddr_in6 *target = msg->msg_name;
  if (n < sizeof *quoted || memcmp(&target->sin6_addr, run->req->dst.bytes, 16) != 0 ||
      quoted->icmp6_type != ICMP6_ECHO_REQUEST || g_ntohs(quoted->icmp6_id) != run->id)
    return;
  /* ee_info: Packet too big's MTU (ping6 prints it). */
  NnsPingEvent ev = { .error = TRUE, .type = e->ee_type, .code = e->ee_code, .seq = g_ntohs(quoted->icmp6_seq),
                      .mtu = e->ee_info };
  struct sockaddr_in6 offender;
  memcpy(&offender, SO_EE_OFFENDER(e), sizeof offender);
  set_sender(s, &ev, &offender);
  /* ping6 does not count errors in its pipe. */
  nns_kping_answer(run, &ev, now, FALSE);
}

static void
parse6(NnsKPingRun *run, const NnsKPingSockets *s, const guint8 *buf, gsize n, struct msghdr *msg,
       gboolean errqueue, gint64 now)
{
  if (errqueue)
    parse_error(run, s, buf, n, msg, now);
  else
    parse_reply(run, s, buf, n, msg, now);
}

static int
send6(NnsKPingRun *run, const NnsKPingSockets *s, const NnsPingRequest *req, guint16 seq)
{
  gsize len = sizeof(struct icmp6_hdr) + req->size;
  g_autofree guint8 *pkt = g_malloc0(len);
  struct icmp6_hdr *icmp = (struct icmp6_hdr *) pkt;
  icmp->icmp6_type = ICMP6_ECHO_REQUEST;
  icmp->icmp6_id = g_htons(run->id);
  icmp->icmp6_seq = g_htons(seq);
  nns_kping_payload(req, pkt + sizeof *icmp);
  struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_port = g_htons(IPPROTO_ICMPV6),
                             .sin6_scope_id = (guint32) s->scope };
  memcpy(&to.sin6_addr, req->dst.bytes, 16);
  struct iovec iov = { .iov_base = pkt, .iov_len = len };
  struct msghdr msg = { .msg_name = &to, .msg_namelen = sizeof to, .msg_iov = &iov, .msg_iovlen = 1 };
  /* -I DEV: every request names its device (IPV6_PKTINFO), as iputils. */
  union {
    char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
    struct cmsghdr align;
  } cm = { { 0 } };
  if (s->oif) {
    msg.msg_control = cm.buf;
    msg.msg_controllen = sizeof cm.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = IPPROTO_IPV6;
    c->cmsg_type = IPV6_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(struct in6_pktinfo));
    struct in6_pktinfo pi = { .ipi6_ifindex = (unsigned) s->oif };
    memcpy(CMSG_DATA(c), &pi, sizeof pi);
  }
  return sendmsg(s->raw, &msg, 0) < 0 ? errno : 0;
}

/* ping6_run: the scope of ADDR%DEV (getaddrinfo's, so first: ENXIO, "Name
 * or service not known"); without -I ADDR a probe connected to the first
 * hop (-I DEV: SO_BINDTODEVICE and IPV6_PKTINFO on both sockets, and the
 * device as a link-local first hop's scope; a link-scope first hop leaves
 * the probe's family unset, a disconnect, so the source stays ::); with it
 * a bind of the raw socket ("bind icmp socket"). */
static gboolean
prepare6(NnsKPingSockets *s, const NnsPingRequest *req, NnsPingResult *res, GError **error)
{
  struct in6_addr dst;
  memcpy(&dst, req->dst.bytes, 16);
  if (req->scope_ifname && !(s->scope = ifindex_of(s->probe, req->scope_ifname))) {
    nns_set_errno(error, ENXIO);
    return FALSE;
  }
  res->src.family = AF_INET6;
  if (!req->has_src) {
    struct sockaddr_in6 hop = { .sin6_port = g_htons(1025), .sin6_addr = dst, .sin6_scope_id = (guint32) s->scope };
    if (req->ifname) {
      if (!(s->oif = ifindex_of(s->probe, req->ifname))) {
        nns_set_errno(error, ENODEV);
        return FALSE;
      }
      if (is_link_scope(&dst))
        hop.sin6_scope_id = (guint32) s->oif;
      struct in6_pktinfo pi = { .ipi6_ifindex = (unsigned) s->oif };
      gsize n = strlen(req->ifname) + 1;
      if (setsockopt(s->probe, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof pi) < 0 ||
          setsockopt(s->raw, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof pi) < 0 ||
          setsockopt(s->probe, SOL_SOCKET, SO_BINDTODEVICE, req->ifname, (socklen_t) n) < 0 ||
          setsockopt(s->raw, SOL_SOCKET, SO_BINDTODEVICE, req->ifname, (socklen_t) n) < 0) {
        nns_set_errno(error, errno);
        return FALSE;
      }
    }
    if (!is_link_scope(&dst))
      hop.sin6_family = AF_INET6;
    if (connect(s->probe, (struct sockaddr *) &hop, sizeof hop) < 0) {
      res->connect_errno = errno;
      return TRUE;
    }
    struct sockaddr_in6 me;
    socklen_t mlen = sizeof me;
    if (getsockname(s->probe, (struct sockaddr *) &me, &mlen) < 0) {
      nns_set_errno(error, errno);
      return FALSE;
    }
    memcpy(res->src.bytes, &me.sin6_addr, 16);
  } else {
    struct sockaddr_in6 src = { .sin6_family = AF_INET6 };
    memcpy(&src.sin6_addr, req->src.bytes, 16);
    if (bind(s->raw, (struct sockaddr *) &src, sizeof src) < 0) {
      nns_set_errno(error, errno);
      return FALSE;
    }
    res->src = req->src;
  }
  int on = 1;
  setsockopt(s->raw, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on);
  setsockopt(s->raw, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on);
  struct icmp6_filter filt;
  ICMP6_FILTER_SETBLOCKALL(&filt);
  ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &filt);
  setsockopt(s->raw, IPPROTO_ICMPV6, ICMP6_FILTER, &filt, sizeof filt);
  if (req->ttl) {
    int hops = (int) req->ttl;
    setsockopt(s->raw, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops);
    setsockopt(s->raw, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops);
  }
  /* -M and -Q as ping6 sets them: IPV6_MTU_DISCOVER, IPV6_TCLASS. */
  static const int pmtu[] = { [NNS_PMTUDISC_WANT] = IPV6_PMTUDISC_WANT, [NNS_PMTUDISC_DONT] = IPV6_PMTUDISC_DONT,
                              [NNS_PMTUDISC_DO] = IPV6_PMTUDISC_DO };
  if (req->pmtudisc != NNS_PMTUDISC_DEFAULT)
    setsockopt(s->raw, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &pmtu[req->pmtudisc], sizeof(int));
  if (req->tos) {
    int tclass = req->tos;
    setsockopt(s->raw, IPPROTO_IPV6, IPV6_TCLASS, &tclass, sizeof tclass);
  }
  return TRUE;
}

const NnsKPingFamily nns_kping6 = {
  .open = open6,
  .prepare = prepare6,
  .send = send6,
  .parse = parse6,
};
