/* iputils-ping 20221126's command line: getopt's order, each option's
 * checks and messages (recorded in fixtures/oracle/ping-options and
 * ping-errors), usage and version. */
#include "shell/ping/ping-private.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
  "\n"
  "Usage\n"
  "  ping [options] <destination>\n"
  "\n"
  "Options:\n"
  "  <destination>      dns name or ip address\n"
  "  -a                 use audible ping\n"
  "  -A                 use adaptive ping\n"
  "  -B                 sticky source address\n"
  "  -c <count>         stop after <count> replies\n"
  "  -C                 call connect() syscall on socket creation\n"
  "  -D                 print timestamps\n"
  "  -d                 use SO_DEBUG socket option\n"
  "  -e <identifier>    define identifier for ping session, default is random for\n"
  "                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
  "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
  "  -f                 flood ping\n"
  "  -h                 print help and exit\n"
  "  -I <interface>     either interface name or address\n"
  "  -i <interval>      seconds between sending each packet\n"
  "  -L                 suppress loopback of multicast packets\n"
  "  -l <preload>       send <preload> number of packages while waiting replies\n"
  "  -m <mark>          tag the packets going out\n"
  "  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
  "  -n                 no dns name resolution\n"
  "  -O                 report outstanding replies\n"
  "  -p <pattern>       contents of padding byte\n"
  "  -q                 quiet output\n"
  "  -Q <tclass>        use quality of service <tclass> bits\n"
  "  -s <size>          use <size> as number of data bytes to be sent\n"
  "  -S <size>          use <size> as SO_SNDBUF socket option value\n"
  "  -t <ttl>           define time to live\n"
  "  -U                 print user-to-user latency\n"
  "  -v                 verbose output\n"
  "  -V                 print version and exit\n"
  "  -w <deadline>      reply wait <deadline> in seconds\n"
  "  -W <timeout>       time to wait for response\n"
  "\n"
  "IPv4 options:\n"
  "  -4                 use IPv4\n"
  "  -b                 allow pinging broadcast\n"
  "  -R                 record route\n"
  "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
  "\n"
  "IPv6 options:\n"
  "  -6                 use IPv6\n"
  "  -F <flowlabel>     define flow label, default is random\n"
  "  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
  "\n"
  "For more details see ping(8).\n"
;

static int
usage(NnsIo *io)
{
  nns_err(io, "%s", usage_text);
  return 2;
}

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
bad_value(NnsIo *io, const PingOptions *o, const char *arg, const char *range)
{
  nns_err(io, "%s: invalid argument: '%s'%s\n", o->prog, arg, range);
  return 1;
}

/* parse_tos: decimal, or hex after "0x"; no lower bound. */
static int
parse_tos(NnsIo *io, const PingOptions *o, const char *s)
{
  char *end = NULL;
  long tos = s[0] == '0' && s[1] == 'x' ? strtol(s, &end, 16) : strtol(s, &end, 10);
  if (*end) {
    nns_err(io, "%s: bad TOS value: %s\n", o->prog, s);
    return -1;
  }
  if (tos > 255) {
    nns_err(io, "%s: the decimal value of TOS bits must be in range 0-255: %d\n", o->prog, (int) tos);
    return -1;
  }
  return (int) (tos & 0xff);
}

/* Options that take no argument; those with a visible effect set a flag. */
static const char no_arg[] = "aABbCdDfhLnOqrUV46";
/* Options with an argument; -e, -F, -m, -N and -S change nothing that the
 * simulation shows. */
static const char with_arg[] = "cefFiIlmMNpQsStTwW";

static int
set_flag(PingOptions *o, char opt, NnsIo *io, gboolean *done)
{
  switch (opt) {
  case 'q': o->quiet = TRUE; o->req.quiet = TRUE; break;
  case 'b': o->req.broadcast = TRUE; break;
  case '4': o->family = AF_INET; break;
  case '6': o->family = AF_INET6; break;
  case 'B': o->sticky = TRUE; break;
  case 'f': o->flood = TRUE; break;
  case 'A': o->adaptive = TRUE; break;
  case 'a': o->audible = TRUE; break;
  case 'D': o->timestamps = TRUE; break;
  case 'O': o->outstanding = TRUE; break;
  case 'h': return usage(io);
  case 'V':
    nns_out(io, "ping from iputils 20221126\n"
                "libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n");
    *done = TRUE;
    break;
  default: break;   /* -C, -d, -L, -n, -r, -U: nothing the simulation shows */
  }
  return 0;
}

static int
set_value(PingOptions *o, char opt, const char *val, NnsIo *io)
{
  char *end = NULL;
  long long n = strtoll(val, &end, 10);
  switch (opt) {
  case 'c':
    if (!*val || *end)   /* iputils: no range in the message for a non-number */
      return bad_value(io, o, val, "");
    if (n < 1)
      return bad_value(io, o, val, ": out of range: 1 <= value <= 9223372036854775807");
    o->req.count = (guint) MIN(n, G_MAXUINT);
    break;
  case 'i':
    if (!parse_seconds(val, &o->req.interval_us))
      return bad_value(io, o, val, "");
    o->interval_given = TRUE;
    break;
  case 'W':
    if (!parse_seconds(val, &o->req.timeout_us))
      return bad_value(io, o, val, "");
    break;
  case 'w':
    if (!parse_seconds(val, &o->req.deadline_us))
      return bad_value(io, o, val, "");
    break;
  case 's':
    if (!*val || *end)
      return bad_value(io, o, val, "");
    if (n < 0 || n > 65507)
      return bad_value(io, o, val, ": out of range: 0 <= value <= 65507");
    o->req.size = (guint) n;
    break;
  case 'l':
    if (!*val || *end)
      return bad_value(io, o, val, "");
    if (n < 1 || n > 65536)
      return bad_value(io, o, val, ": out of range: 1 <= value <= 65536");
    o->req.preload = (guint) n;
    break;
  case 't':
    if (!*val || *end)
      return bad_value(io, o, val, "");
    if (n < 0 || n > 255)
      return bad_value(io, o, val, ": out of range: 0 <= value <= 255");
    if (n == 0) {   /* in range for the parser; setsockopt(IP_TTL, 0) refuses it */
      nns_err(io, "ping: cannot set unicast time-to-live: Invalid argument\n");
      return 2;
    }
    o->req.ttl = (guint) n;
    break;
  case 'M':
    if (g_str_equal(val, "do"))
      o->req.pmtudisc = NNS_PMTUDISC_DO;
    else if (g_str_equal(val, "dont"))
      o->req.pmtudisc = NNS_PMTUDISC_DONT;
    else if (g_str_equal(val, "want"))
      o->req.pmtudisc = NNS_PMTUDISC_WANT;
    else {
      nns_err(io, "%s: invalid -M argument: %s\n", o->prog, val);
      return 2;
    }
    break;
  case 'Q': {
    int tos = parse_tos(io, o, val);
    if (tos < 0)
      return 2;
    o->req.tos = (guint8) tos;
    break;
  }
  case 'p':
    o->pattern = val;
    break;
  case 'T':
    /* The timestamp option needs IP options, which frames do not carry
     * (docs/known-gaps.md). */
    nns_err(io, "%s: netnsim: -T (IP timestamp option) is not simulated\n", o->prog);
    return 2;
  case 'I':
    o->iface_text = val;
    if (nns_inet_parse(val, &o->req.src))
      o->req.has_src = TRUE;
    else
      o->req.ifname = val;
    break;
  default:
    break;
  }
  return 0;
}

int
nns_ping_parse(int argc, char **argv, PingOptions *o, NnsIo *io, gboolean *done)
{
  o->req.interval_us = 1000000;
  o->req.timeout_us = 10000000;
  o->req.size = 56;
  for (int i = 1; i < argc && !*done; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || !a[1]) {
      o->target = a;
      continue;
    }
    for (const char *f = a + 1; *f && !*done; f++) {
      char opt = *f;
      if (opt == 'R' || opt == 'v') {
        /* Record route needs IP options; -v's lines name sockets and a
         * random ident (docs/known-gaps.md). */
        nns_err(io, "%s: netnsim: -%c (%s) is not simulated\n", o->prog, opt,
                opt == 'R' ? "record route" : "verbose output");
        return 2;
      }
      if (strchr(no_arg, opt)) {
        int rc = set_flag(o, opt, io, done);
        if (rc)
          return rc;
        continue;
      }
      if (!strchr(with_arg, opt)) {
        nns_err(io, "%s: invalid option -- '%c'\n", o->prog, opt);
        return usage(io);
      }
      const char *val = f[1] ? f + 1 : (i + 1 < argc ? argv[++i] : NULL);
      if (!val) {
        nns_err(io, "%s: option requires an argument -- '%c'\n", o->prog, opt);
        return usage(io);
      }
      int rc = set_value(o, opt, val, io);
      if (rc)
        return rc;
      break;
    }
  }
  o->req.flood = o->flood && !o->interval_given;
  if (o->req.flood)
    o->req.interval_us = 0;
  return 0;
}

gboolean
nns_ping_pattern(const PingOptions *o, NnsIo *io, guint8 bytes[16], guint *n)
{
  for (const char *cp = o->pattern; *cp; cp++) {
    if (!g_ascii_isxdigit(*cp)) {
      nns_err(io, "%s: patterns must be specified as hex digits: %s\n", o->prog, cp);
      return FALSE;
    }
  }
  *n = 0;
  for (const char *cp = o->pattern; *cp && *n < 16; cp += cp[1] ? 2 : 1) {
    char two[3] = { cp[0], cp[1], '\0' };
    bytes[(*n)++] = (guint8) strtoul(two, NULL, 16);
  }
  return TRUE;
}
