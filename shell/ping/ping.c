/* `ping` as iputils-ping 20221126 prints it: options, the header, one line
 * per reply or error, the statistics block and its exit status. */
#include "shell/ping/ping.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  NnsPingRequest req;
  const char *target;
  gboolean quiet;
  gboolean broadcast_ok;
  const char *iface_text;     /* -I as given */
} PingOptions;

static gboolean
parse_seconds(const char *s, guint64 *us)
{
  char *end = NULL;
  double v = g_ascii_strtod(s, &end);
  if (!*s || *end || v < 0 || v > 1e7)
    return FALSE;
  *us = (guint64) (v * 1e6 + 0.5);
  return TRUE;
}

static int
bad_value(NnsIo *io, const char *arg, const char *range)
{
  nns_err(io, "ping: invalid argument: '%s'%s\n", arg, range);
  return 1;
}

static int
parse(int argc, char **argv, PingOptions *o, NnsIo *io)
{
  o->req.interval_us = 1000000;
  o->req.timeout_us = 10000000;
  o->req.size = 56;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || !a[1]) {
      o->target = a;
      continue;
    }
    for (const char *f = a + 1; *f; f++) {
      char opt = *f;
      if (strchr("qnb46vDOUfAaR", opt)) {
        if (opt == 'q')
          o->quiet = TRUE;
        if (opt == 'b')
          o->broadcast_ok = TRUE;
        continue;
      }
      if (!strchr("ciWwstI", opt)) {
        nns_err(io, "ping: invalid option -- '%c'\n", opt);
        return 2;
      }
      const char *val = f[1] ? f + 1 : (i + 1 < argc ? argv[++i] : NULL);
      if (!val) {
        nns_err(io, "ping: option requires an argument -- '%c'\n", opt);
        return 2;
      }
      char *end = NULL;
      long long n = strtoll(val, &end, 10);
      switch (opt) {
      case 'c':
        if (!*val || *end || n < 1)
          return bad_value(io, val, ": out of range: 1 <= value <= 9223372036854775807");
        o->req.count = (guint) MIN(n, G_MAXUINT);
        break;
      case 'i':
        if (!parse_seconds(val, &o->req.interval_us))
          return bad_value(io, val, "");
        break;
      case 'W':
        if (!parse_seconds(val, &o->req.timeout_us))
          return bad_value(io, val, "");
        break;
      case 'w':
        if (!parse_seconds(val, &o->req.deadline_us))
          return bad_value(io, val, "");
        break;
      case 's':
        if (!*val || *end || n < 0 || n > 65507)
          return bad_value(io, val, ": out of range: 0 <= value <= 65507");
        o->req.size = (guint) n;
        break;
      case 't':
        if (!*val || *end || n < 1 || n > 255)
          return bad_value(io, val, ": out of range: 1 <= value <= 255");
        o->req.ttl = (guint) n;
        break;
      case 'I':
        o->iface_text = val;
        if (nns_inet_parse(val, &o->req.src) && o->req.src.family == AF_INET)
          o->req.has_src = TRUE;
        else
          o->req.ifname = val;
        break;
      }
      break;
    }
  }
  return 0;
}

static const char *
error_text(guint8 type, guint8 code)
{
  if (type == 11)
    return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
  switch (code) {
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

static void
print_statistics(NnsIo *io, const char *target, const NnsPingResult *res, gboolean timing)
{
  guint received = 0, errors = 0;
  guint64 min = G_MAXUINT64, max = 0;
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
  if (received && timing) {
    guint64 avg = (guint64) (sum / received);
    double var = sum2 / received - (sum / received) * (sum / received);
    guint64 mdev = (guint64) sqrt(var > 0 ? var : 0);
    nns_out(io, "rtt min/avg/max/mdev = %" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                ".%03" G_GUINT64_FORMAT " ms",
            min / 1000, min % 1000, avg / 1000, avg % 1000, max / 1000, max % 1000, mdev / 1000, mdev % 1000);
    if (res->pipe > 1)
      nns_out(io, ", pipe %u", res->pipe);
    nns_out(io, "\n");
  } else if (res->pipe > 1) {
    nns_out(io, "pipe %u\n", res->pipe);
  } else {
    nns_out(io, "\n");
  }
}

int
nns_cmd_ping(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  PingOptions o = { 0 };
  int rc = parse(argc, argv, &o, io);
  if (rc)
    return rc;
  if (!o.target) {
    nns_err(io, "ping: usage error: Destination address required\n");
    return 1;
  }
  const char *shown = o.target;
  if (g_str_equal(o.target, "localhost"))
    nns_inet_parse("127.0.0.1", &o.req.dst);
  else if (!nns_inet_parse(o.target, &o.req.dst) || o.req.dst.family != AF_INET) {
    nns_err(io, "ping: %s: Name or service not known\n", o.target);
    return 2;
  }
  if (nns_inet4_host(&o.req.dst) == 0)
    nns_inet_parse("127.0.0.1", &o.req.dst);
  if (!sh->backend->ops->ping) {
    nns_err(io, "ping: socket: Operation not supported\n");
    return 2;
  }
  NnsPingResult res = { 0 };
  g_autoptr(GError) error = NULL;
  if (!sh->backend->ops->ping(sh->backend, pid, &o.req, &res, &error)) {
    if (error->code == ENODEV)
      nns_err(io, "ping: SO_BINDTODEVICE %s: No such device\n", o.req.ifname);
    else
      nns_err(io, "ping: bind: %s\n", g_strerror(error->code));
    nns_ping_result_clear(&res);
    return 2;
  }
  if (res.connect_errno) {
    if (res.connect_errno == EACCES)
      nns_err(io, "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n");
    else
      nns_err(io, "ping: connect: %s\n", g_strerror(res.connect_errno));
    nns_ping_result_clear(&res);
    return 2;
  }
  char dst[NNS_INET_STRLEN], src[NNS_INET_STRLEN], ms[32];
  nns_inet_format(&o.req.dst, dst);
  if (o.iface_text)
    nns_out(io, "PING %s (%s) from %s %s: %u(%u) bytes of data.\n", shown, dst, nns_inet_format(&res.src, src),
            o.req.ifname ? o.req.ifname : "", o.req.size, o.req.size + 28);
  else
    nns_out(io, "PING %s (%s) %u(%u) bytes of data.\n", shown, dst, o.req.size, o.req.size + 28);
  gboolean timing = o.req.size >= 16;
  guint received = 0;
  for (guint i = 0; i < res.events->len; i++) {
    const NnsPingEvent *ev = &g_array_index(res.events, NnsPingEvent, i);
    if (!ev->error)
      received++;
    if (o.quiet)
      continue;
    char from[NNS_INET_STRLEN];
    nns_inet_format(&ev->from, from);
    if (ev->error) {
      nns_out(io, "From %s icmp_seq=%u %s\n", from, ev->seq, error_text(ev->type, ev->code));
      continue;
    }
    g_autofree char *who = g_str_equal(shown, "localhost") ? g_strdup_printf("localhost (%s)", from) : g_strdup(from);
    nns_out(io, "%u bytes from %s: icmp_seq=%u ttl=%u", o.req.size + 8, who, ev->seq, ev->ttl);
    if (timing) {
      format_ms(ev->rtt_us, ms);
      nns_out(io, " time=%s ms", ms);
    }
    nns_out(io, "\n");
  }
  print_statistics(io, shown, &res, timing);
  gboolean short_of_deadline = o.req.deadline_us && o.req.count && received < o.req.count;
  nns_ping_result_clear(&res);
  return received == 0 || short_of_deadline ? 1 : 0;
}
