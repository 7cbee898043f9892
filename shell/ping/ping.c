/* `ping` as iputils-ping 20221126 prints it: options, the header, one line
 * per reply or error, the statistics block and its exit status. */
#include "shell/ping/ping.h"
#include "shell/ping/ping-private.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static gboolean
is_link_local6(const NnsInet *a)
{
  return a->family == AF_INET6 && a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80;
}

/* ping6_common.c's print_icmp. */
static void
print_icmp6(NnsIo *io, guint8 type, guint8 code, guint mtu)
{
  if (type == 2) {
    /* The MTU the error carries (recorded in pmtu6). */
    nns_out(io, "Packet too big: mtu=%u", mtu);
    return;
  }
  if (type == 3) {
    nns_out(io, "Time exceeded: ");
    if (code == 0)
      nns_out(io, "Hop limit");
    else if (code == 1)
      nns_out(io, "Defragmentation failure");
    else
      nns_out(io, "code %d", code);
    return;
  }
  if (type != 1) {
    nns_out(io, "unknown icmp type: %u", type);
    return;
  }
  nns_out(io, "Destination unreachable: ");
  switch (code) {
  case 0: nns_out(io, "No route"); break;
  case 1: nns_out(io, "Administratively prohibited"); break;
  case 2: nns_out(io, "Beyond scope of source address"); break;
  case 3: nns_out(io, "Address unreachable"); break;
  case 4: nns_out(io, "Port unreachable"); break;
  /* iputils 20221126 names no later code (recorded: ip6tables' REJECT
   * with icmp6-policy-fail and icmp6-reject-route). */
  default: nns_out(io, "Unknown code %d", code); break;
  }
}

/* getnameinfo(NI_NUMERICHOST) of an answer: a link-local address carries
 * the scope of the device it came in on. */
static char *
peer_text(const NnsPingEvent *ev)
{
  char from[NNS_INET_STRLEN];
  nns_inet_format(&ev->from, from);
  return ev->ifname[0] ? g_strdup_printf("%s%%%s", from, ev->ifname) : g_strdup(from);
}

static const char *
error_text(guint8 type, guint8 code)
{
  if (type == 11)
    return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
  switch (code) {
  case 4: return "Frag needed and DF set";
  case 0: return "Destination Net Unreachable";
  case 1: return "Destination Host Unreachable";
  case 2: return "Destination Protocol Unreachable";
  case 3: return "Destination Port Unreachable";
  case 9: return "Destination Net Prohibited";
  case 10: return "Destination Host Prohibited";
  case 13: return "Packet filtered";
  default: return "Dest Unreachable";
  }
}

/* iputils prints round trips with three significant decimals at most. */
static void
format_ms(guint64 us, char buf[32])
{
  if (us >= 100000 - 50)
    g_snprintf(buf, 32, "%" G_GUINT64_FORMAT, (us + 500) / 1000);
  else if (us >= 10000 - 5)
    g_snprintf(buf, 32, "%" G_GUINT64_FORMAT ".%01" G_GUINT64_FORMAT, (us + 50) / 1000, ((us + 50) % 1000) / 100);
  else if (us >= 1000)
    g_snprintf(buf, 32, "%" G_GUINT64_FORMAT ".%02" G_GUINT64_FORMAT, (us + 5) / 1000, ((us + 5) % 1000) / 10);
  else
    g_snprintf(buf, 32, "%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT, us / 1000, us % 1000);
}

/* finish(): the summary, with iputils' integer mdev and its ewma of the
 * round trips (rtt, kept times 8) and mean gap between requests (ipg)
 * when requests went as fast as answers came (-f, -A, -i 0). */
static void
print_statistics(NnsIo *io, const char *target, const NnsPingResult *res, gboolean timing, gboolean gaps)
{
  guint received = 0, errors = 0;
  guint64 min = G_MAXUINT64, max = 0, ewma = 0;
  double sum = 0, sum2 = 0;
  for (guint i = 0; i < res->events->len; i++) {
    const NnsPingEvent *ev = &g_array_index(res->events, NnsPingEvent, i);
    if (ev->error) {
      errors++;
      continue;
    }
    received++;
    min = MIN(min, ev->rtt_us);
    max = MAX(max, ev->rtt_us);
    sum += (double) ev->rtt_us;
    sum2 += (double) ev->rtt_us * (double) ev->rtt_us;
    if (timing)
      ewma = ewma ? ewma + ev->rtt_us - ewma / 8 : ev->rtt_us * 8;
  }
  nns_out(io, "\n--- %s ping statistics ---\n", target);
  nns_out(io, "%u packets transmitted, %u received", res->transmitted, received);
  if (errors)
    nns_out(io, ", +%u errors", errors);
  if (res->transmitted) {
    double loss = (double) (res->transmitted - received) * 100.0 / res->transmitted;
    nns_out(io, ", %g%% packet loss, time %" G_GUINT64_FORMAT "ms", loss, res->elapsed_us / 1000);
  }
  nns_out(io, "\n");
  const char *comma = "";
  if (received && timing) {
    guint64 avg = (guint64) (sum / received);
    double var = sum2 / received - (sum / received) * (sum / received);
    guint64 mdev = (guint64) sqrt(var > 0 ? var : 0);
    nns_out(io, "rtt min/avg/max/mdev = %" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                ".%03" G_GUINT64_FORMAT " ms",
            min / 1000, min % 1000, avg / 1000, avg % 1000, max / 1000, max % 1000, mdev / 1000, mdev % 1000);
    comma = ", ";
  }
  if (res->pipe > 1) {
    nns_out(io, "%spipe %u", comma, res->pipe);
    comma = ", ";
  }
  if (gaps && received && res->transmitted > 1) {
    guint64 ipg = res->elapsed_us / (res->transmitted - 1);
    nns_out(io, "%sipg/ewma %" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT
                " ms", comma, ipg / 1000, ipg % 1000, ewma / 8000, (ewma / 8) % 1000);
  }
  nns_out(io, "\n");
}

/* getifaddrs: whether `dev` holds `src` (ping warns when it does not). */
static gboolean
source_on_device(NnsShell *sh, int pid, const char *dev, const NnsInet *src)
{
  NnsBackend *be = sh->backend;
  NnsLinkRecord *link = be->ops->link_get(be, pid, dev, NULL);
  if (!link)
    return FALSE;
  int ifindex = link->ifindex;
  nns_link_record_free(link);
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, AF_INET, NULL);
  for (guint i = 0; addrs && i < addrs->len; i++) {
    const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->ifindex == ifindex && nns_inet_equal(&a->local, src))
      return TRUE;
  }
  return FALSE;
}

static void
print_stamp(NnsIo *io, const PingOptions *o, const NnsPingResult *res, guint64 at_us)
{
  if (!o->timestamps)
    return;
  /* gettimeofday in the simulation: the simulated clock, whose epoch is
   * the world's start (docs/known-gaps.md). */
  guint64 t = res->start_us + at_us;
  nns_out(io, "[%" G_GUINT64_FORMAT ".%06" G_GUINT64_FORMAT "] ", t / 1000000, t % 1000000);
}

static void
print_answer(NnsIo *io, const PingOptions *o, const NnsPingResult *res, const NnsPingEvent *ev, const char *shown,
             gboolean v6, gboolean timing)
{
  if (ev->local) {
    /* receive_error_msg: SO_EE_ORIGIN_LOCAL, through error(). */
    if (o->flood)
      nns_out(io, "E");
    else
      nns_err(io, "%s: local error: message too long, mtu%s%u\n", o->prog, v6 ? ": " : "=", ev->mtu);
    return;
  }
  if (o->flood) {
    nns_out(io, "%s", ev->error ? "\bE" : "\b \b");
    return;
  }
  g_autofree char *from = peer_text(ev);
  print_stamp(io, o, res, ev->at_us);
  if (ev->error && v6) {
    nns_out(io, "From %s icmp_seq=%u ", from, ev->seq);
    print_icmp6(io, ev->type, ev->code, ev->mtu);
    nns_out(io, "\n");
    return;
  }
  if (ev->error && ev->type == 3 && ev->code == 4) {
    nns_out(io, "From %s icmp_seq=%u %s (mtu = %u)\n", from, ev->seq, error_text(ev->type, ev->code), ev->mtu);
    return;
  }
  if (ev->error) {
    nns_out(io, "From %s icmp_seq=%u %s\n", from, ev->seq, error_text(ev->type, ev->code));
    return;
  }
  g_autofree char *who = g_str_equal(shown, "localhost") ? g_strdup_printf("localhost (%s)", from) : g_strdup(from);
  nns_out(io, "%u bytes from %s: icmp_seq=%u ttl=%u", o->req.size + 8, who, ev->seq, ev->ttl);
  if (timing) {
    char ms[32];
    format_ms(ev->rtt_us, ms);
    nns_out(io, " time=%s ms", ms);
  }
  if (o->audible)
    nns_out(io, "\a");
  nns_out(io, "\n");
}

/* The requests that failed locally or never left (flood prints no dot
 * for them), by sequence number: one pass, so a 100,000-packet flood
 * stays linear. */
static GArray *
local_errors(const NnsPingResult *res)
{
  GArray *failed = g_array_new(FALSE, TRUE, sizeof(gboolean));
  g_array_set_size(failed, res->transmitted + 2);
  for (guint i = 0; i < res->events->len; i++) {
    const NnsPingEvent *ev = &g_array_index(res->events, NnsPingEvent, i);
    if (ev->local && ev->seq < failed->len)
      g_array_index(failed, gboolean, ev->seq) = TRUE;
  }
  for (guint i = 0; res->unsent && i < res->unsent->len; i++) {
    guint seq = g_array_index(res->unsent, guint16, i);
    if (seq < failed->len)
      g_array_index(failed, gboolean, seq) = TRUE;
  }
  return failed;
}

/* The run replayed in time order: each request as it leaves (-O's "no
 * answer yet" for the one before, -f's dot), each answer as it comes (an
 * answer at the instant a request leaves comes first: it is what let the
 * request go).  Returns the replies counted. */
static guint
print_events(NnsIo *io, const PingOptions *o, const NnsPingResult *res, const char *shown, gboolean v6,
             gboolean timing)
{
  guint nsent = res->sent_us ? res->sent_us->len : 0;
  g_autoptr(GArray) answered = g_array_new(FALSE, TRUE, sizeof(gboolean));
  g_array_set_size(answered, res->transmitted + 1);
  g_autoptr(GArray) failed = local_errors(res);
  guint received = 0, si = 0, ei = 0;
  while (si < nsent || ei < res->events->len) {
    const NnsPingEvent *ev = ei < res->events->len ? &g_array_index(res->events, NnsPingEvent, ei) : NULL;
    guint64 next_send = si < nsent ? g_array_index(res->sent_us, guint64, si) : G_MAXUINT64;
    if (ev && (!nsent || ev->seq <= si) && (si >= nsent || ev->at_us <= next_send)) {
      ei++;
      if (!ev->error)
        received++;
      if (ev->seq < answered->len)
        g_array_index(answered, gboolean, ev->seq) = TRUE;
      if (!o->quiet)
        print_answer(io, o, res, ev, shown, v6, timing);
      continue;
    }
    if (si >= nsent) {   /* an answer to a request the backend did not time */
      ei++;
      continue;
    }
    si++;
    if (o->outstanding && si > 1 && !g_array_index(answered, gboolean, si - 1)) {
      print_stamp(io, o, res, next_send);
      nns_out(io, "no answer yet for icmp_seq=%u\n", si - 1);
    }
    if (o->flood && !o->quiet && !(si < failed->len && g_array_index(failed, gboolean, si)))
      nns_out(io, ".");
  }
  return received;
}

int
nns_cmd_ping(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  PingOptions o = { 0 };
  /* iputils' ping6 is ping by another name: IPv6 only, and so named. */
  o.prog = g_str_has_suffix(argv[0], "ping6") ? "ping6" : "ping";
  if (g_str_equal(o.prog, "ping6"))
    o.family = AF_INET6;
  gboolean done = FALSE;
  int rc = nns_ping_parse(argc, argv, &o, io, &done);
  if (rc || done)
    return rc;
  if (!o.target) {
    nns_err(io, "%s: usage error: Destination address required\n", o.prog);
    return 1;
  }
  const char *shown = o.target;
  /* ADDR%DEV: getaddrinfo takes the scope of a link-local IPv6 address. */
  g_autofree char *addr_text = g_strdup(o.target);
  char *pct = strchr(addr_text, '%');
  if (pct) {
    *pct = '\0';
    o.req.scope_ifname = pct + 1;
  }
  if (!pct && g_str_equal(o.target, "localhost"))
    nns_inet_parse("127.0.0.1", &o.req.dst);
  else if (!nns_inet_parse(addr_text, &o.req.dst) || (pct && !is_link_local6(&o.req.dst))) {
    /* getaddrinfo takes a device name as scope for link-local addresses only. */
    nns_err(io, "%s: %s: Name or service not known\n", o.prog, o.target);
    return 2;
  }
  if (o.family && o.req.dst.family != o.family) {
    nns_err(io, "%s: %s: Address family for hostname not supported\n", o.prog, o.target);
    return 2;
  }
  gboolean v6 = o.req.dst.family == AF_INET6;
  if (!v6 && nns_inet4_host(&o.req.dst) == 0)
    nns_inet_parse("127.0.0.1", &o.req.dst);
  if (o.pattern && !nns_ping_pattern(&o, io, o.req.pattern, &o.req.pattern_len))
    return 2;
  if (!sh->backend->ops->ping) {
    nns_err(io, "%s: socket: Operation not supported\n", o.prog);
    return 2;
  }
  NnsPingResult res = { 0 };
  g_autoptr(GError) error = NULL;
  if (!sh->backend->ops->ping(sh->backend, pid, &o.req, &res, &error)) {
    if (error->code == ENXIO)
      nns_err(io, "%s: %s: Name or service not known\n", o.prog, o.target);
    else if (error->code == ENODEV && v6)
      nns_err(io, "%s: unknown iface: %s\n", o.prog, o.req.ifname);
    else if (error->code == ENODEV)
      nns_err(io, "%s: SO_BINDTODEVICE %s: No such device\n", o.prog, o.req.ifname);
    else
      nns_err(io, "%s: %s: %s\n", o.prog, v6 ? "bind icmp socket" : "bind", g_strerror(error->code));
    nns_ping_result_clear(&res);
    return 2;
  }
  /* connect() failing with EACCES: without -b ping asks; with it, it
   * warns, sets SO_BROADCAST and connects again. */
  if (o.req.broadcast && (res.to_broadcast || res.connect_errno == EACCES))
    nns_err(io, "WARNING: pinging broadcast address\n");
  if (res.connect_errno) {
    if (res.connect_errno == EACCES && !o.req.broadcast)
      nns_err(io, "%s: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n", o.prog);
    else
      nns_err(io, "%s: connect: %s\n", o.prog, g_strerror(res.connect_errno));
    nns_ping_result_clear(&res);
    return 2;
  }
  if (!v6 && o.req.ifname && !source_on_device(sh, pid, o.req.ifname, &res.src))
    nns_err(io, "ping: Warning: source address might be selected on device other than: %s\n", o.req.ifname);
  if (o.req.pattern_len && !o.quiet) {
    nns_out(io, "PATTERN: 0x");
    for (guint i = 0; i < o.req.pattern_len; i++)
      nns_out(io, "%02x", o.req.pattern[i]);
    nns_out(io, "\n");
  }
  char dst[NNS_INET_STRLEN], src[NNS_INET_STRLEN];
  nns_inet_format(&o.req.dst, dst);
  if (v6) {
    /* ping6_run: the probe socket's connect() for a link-local first hop
     * leaves the family unset (a disconnect), so the source stays "::"
     * and -I DEV warns that it is not on DEV. */
    gboolean unset_src = o.req.ifname && is_link_local6(&o.req.dst) && !o.req.has_src;
    if (unset_src)
      nns_err(io, "%s: Warning: source address might be selected on device other than: %s\n", o.prog, o.req.ifname);
    nns_out(io, "PING %s(%s%s%s) ", shown, dst, o.req.scope_ifname ? "%" : "",
            o.req.scope_ifname ? o.req.scope_ifname : "");
    if (o.iface_text)
      nns_out(io, "from %s %s: ", unset_src ? "::" : nns_inet_format(&res.src, src), o.req.ifname ? o.req.ifname : "");
    nns_out(io, "%u data bytes\n", o.req.size);
  } else if (o.iface_text || o.sticky)
    nns_out(io, "PING %s (%s) from %s %s: %u(%u) bytes of data.\n", shown, dst, nns_inet_format(&res.src, src),
            o.req.ifname ? o.req.ifname : "", o.req.size, o.req.size + 28);
  else
    nns_out(io, "PING %s (%s) %u(%u) bytes of data.\n", shown, dst, o.req.size, o.req.size + 28);
  gboolean timing = o.req.size >= 16;
  guint received = print_events(io, &o, &res, shown, v6, timing);
  print_statistics(io, shown, &res, timing, o.req.interval_us == 0 || o.flood || o.adaptive);
  gboolean short_of_deadline = o.req.deadline_us && o.req.count && received < o.req.count;
  nns_ping_result_clear(&res);
  return received == 0 || short_of_deadline ? 1 : 0;
}
