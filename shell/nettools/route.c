/* net-tools 2.10 `route` (and `netstat -r`): the IPv4 routing table as
 * /proc/net/route shows it (the IPv6 one as /proc/net/ipv6_route does),
 * and SIOCADDRT / SIOCDELRT as rtnetlink requests with the conversions of
 * the kernel's rtentry_to_fib_config. */
#include "shell/nettools/nettools.h"
#include "shell/print/print-ip.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#define RTF_UP 0x0001
#define RTF_GATEWAY 0x0002
#define RTF_HOST 0x0004
#define RTF_REJECT 0x0200

static const char usage_text[] =
  "Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n"
  "       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n"
  "                              [netmask N] [mss Mss] [window W] [irtt I]\n"
  "                              [mod] [dyn] [reinstate] [[dev] If]\n"
  "       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n"
  "       inet_route [-FC] flush      NOT supported\n";

static int
usage(NnsIo *io)
{
  nns_err(io, "%s", usage_text);
  return 3;
}

static char *
mask_text(guint8 len)
{
  NnsInet m = nns_inet4(len ? 0xffffffffu << (32 - len) : 0);
  char buf[NNS_INET_STRLEN];
  return g_strdup(nns_inet_format(&m, buf));
}


/* rprint_fib of lib/inet_gr.c; ext 1: Metric Ref Use, ext 2: MSS Window irtt. */
int
nns_route_print_table(NnsShell *sh, int pid, NnsIo *io, gboolean numeric, int ext)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) routes = be->ops->route_dump(be, pid, AF_INET, &error);
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, NULL);
  nns_out(io, "Kernel IP routing table\n");
  if (ext == 2)
    nns_out(io, "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n");
  else
    nns_out(io, "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n");
  for (guint i = 0; routes && i < routes->len; i++) {
    NnsRouteRecord r0 = *(const NnsRouteRecord *) g_ptr_array_index(routes, i);
    const NnsRouteRecord *r = &r0;
    if (r->table != RT_TABLE_MAIN || r->type == RTN_BROADCAST || r->type == RTN_MULTICAST)
      continue;
    /* /proc/net/route shows a multipath route by its first path. */
    if (r0.n_nexthops) {
      r0.has_gateway = r0.nexthops[0].has_gateway;
      r0.gateway = r0.nexthops[0].gateway;
      r0.oif = r0.nexthops[0].ifindex;
    }
    guint flags = nns_route_rtf_flags(r);
    char fl[16] = "";
    if (flags & RTF_UP)
      strcat(fl, "U");
    if (flags & RTF_GATEWAY)
      strcat(fl, "G");
    if (flags & RTF_REJECT)
      strcpy(fl, "!");
    if (flags & RTF_HOST)
      strcat(fl, "H");
    char dst[NNS_INET_STRLEN], gw[NNS_INET_STRLEN];
    nns_inet_format(&r->dst, dst);
    if (!numeric && r->dst_len == 0)
      strcpy(dst, "default");
    NnsInet zero = nns_inet4(0);
    nns_inet_format(r->has_gateway ? &r->gateway : &zero, gw);
    g_autofree char *mask = mask_text(r->dst_len);
    const char *iface = "*";
    for (guint j = 0; links && r->oif && j < links->len; j++) {
      const NnsLinkRecord *l = g_ptr_array_index(links, j);
      if (l->ifindex == r->oif)
        iface = l->name;
    }
    guint32 metric = r->priority;
    if (ext == 2) {
      if (flags & RTF_REJECT)
        nns_out(io, "%-15s -               %-15s %-5s     - -          - -\n", dst, mask, fl);
      else
        nns_out(io, "%-15s %-15s %-15s %-5s %5d %-6d %5d %s\n", dst, gw, mask, fl, 0, 0, 0, iface);
    } else {
      if (flags & RTF_REJECT)
        nns_out(io, "%-15s -               %-15s %-5s %-6u %-2s %7d -\n", dst, mask, fl, metric, "-", 0);
      else
        nns_out(io, "%-15s %-15s %-15s %-5s %-6u %-2d %7d %s\n", dst, gw, mask, fl, metric, 0, 0, iface);
    }
  }
  return 0;
}

static gboolean
parse_ipv4(const char *s, NnsInet *out)
{
  return nns_inet_parse(s, out) && out->family == AF_INET;
}

static int
mask_len(const NnsInet *m)
{
  guint32 v = nns_inet4_host(m);
  int n = 0;
  while (n < 32 && (v & (0x80000000u >> n)))
    n++;
  return (n == 32 || (v << n) == 0) ? n : -1;
}

/* inet_setroute */
static int
route_set(NnsShell *sh, int pid, NnsIo *io, gboolean del, int argc, char **argv)
{
  NnsBackend *be = sh->backend;
  int isnet = -1;     /* -1 unknown, 0 host, 1 net */
  int i = 0;
  if (i < argc && g_str_equal(argv[i], "-net")) {
    isnet = 1;
    i++;
  } else if (i < argc && g_str_equal(argv[i], "-host")) {
    isnet = 0;
    i++;
  }
  if (i >= argc)
    return usage(io);
  const char *target = argv[i++];
  NnsRouteRecord r = { .family = AF_INET, .table = RT_TABLE_MAIN, .protocol = RTPROT_BOOT,
                       .type = RTN_UNICAST };
  int plen = -1;
  g_autofree char *tcopy = g_strdup(target);
  char *slash = strchr(tcopy, '/');
  if (slash) {
    *slash++ = '\0';
    char *end;
    long v = strtol(slash, &end, 10);
    if (*end || v < 0 || v > 32)
      return usage(io);
    plen = (int) v;
  }
  if (g_str_equal(tcopy, "default")) {
    r.dst = nns_inet4(0);
    isnet = 1;
    plen = 0;
  } else if (!parse_ipv4(tcopy, &r.dst)) {
    nns_err(io, "%s: Unknown host\n", target);
    return 6;
  }
  if (isnet < 0)
    isnet = plen >= 0 && plen < 32 ? 1 : 0;
  gboolean have_mask = plen >= 0;
  if (!isnet)
    plen = 32;
  guint rtflags = RTF_UP;
  if (!isnet)
    rtflags |= RTF_HOST;
  const char *dev = NULL;
  while (i < argc) {
    const char *w = argv[i++];
    if (g_str_equal(w, "netmask")) {
      if (i >= argc)
        return usage(io);
      NnsInet m;
      if (!parse_ipv4(argv[i++], &m) || (plen = mask_len(&m)) < 0)
        return usage(io);
      have_mask = TRUE;
    } else if (g_str_equal(w, "gw") || g_str_equal(w, "gateway")) {
      if (i >= argc)
        return usage(io);
      if (!parse_ipv4(argv[i], &r.gateway)) {
        nns_err(io, "%s: Unknown host\n", argv[i]);
        return 6;
      }
      i++;
      r.has_gateway = TRUE;
      rtflags |= RTF_GATEWAY;
    } else if (g_str_equal(w, "metric")) {
      if (i >= argc)
        return usage(io);
      r.priority = (guint32) strtoul(argv[i++], NULL, 0);
      r.has_priority = TRUE;
    } else if (g_str_equal(w, "mss") || g_str_equal(w, "window") || g_str_equal(w, "irtt")) {
      if (i >= argc)
        return usage(io);
      i++;
    } else if (g_str_equal(w, "reject")) {
      rtflags |= RTF_REJECT;
    } else if (g_str_equal(w, "mod") || g_str_equal(w, "dyn") || g_str_equal(w, "reinstate")) {
    } else if (g_str_equal(w, "device") || g_str_equal(w, "dev")) {
      if (i >= argc)
        return usage(io);
      dev = argv[i++];
    } else {
      if (i < argc || dev)
        return usage(io);
      dev = w;
    }
  }
  if (plen < 0)
    plen = isnet ? 32 : 32;
  (void) have_mask;
  r.dst_len = (guint8) plen;
  NnsInet masked = r.dst;
  nns_inet_mask(&masked, r.dst_len);
  if (!nns_inet_equal(&masked, &r.dst)) {
    nns_err(io, "route: netmask doesn't match route address\n");
    return usage(io);
  }
  const char *what = del ? "SIOCDELRT" : "SIOCADDRT";
  if (dev) {
    NnsLinkRecord *l = be->ops->link_get(be, pid, dev, NULL);
    if (!l) {
      nns_err(io, "%s: %s\n", what, g_strerror(ENODEV));
      return 7;
    }
    r.oif = l->ifindex;
    nns_link_record_free(l);
  }
  /* rtentry_to_fib_config */
  if (rtflags & RTF_REJECT) {
    r.scope = RT_SCOPE_HOST;
    r.type = RTN_UNREACHABLE;
    r.oif = 0;
  } else {
    r.scope = RT_SCOPE_NOWHERE;
    if (r.has_gateway) {
      /* inet_addr_type_table: a unicast gateway makes a universe route */
      r.scope = RT_SCOPE_UNIVERSE;
    }
    if (!del && r.scope == RT_SCOPE_NOWHERE)
      r.scope = RT_SCOPE_LINK;
  }
  g_autoptr(GError) error = NULL;
  gboolean ok;
  if (del) {
    r.protocol = 0;
    if (!(rtflags & RTF_REJECT)) {
      r.type = 0;
      r.scope = RT_SCOPE_NOWHERE;
    }
    if (!be->ops->route_delete) {
      nns_err(io, "%s: %s\n", what, g_strerror(EOPNOTSUPP));
      return 7;
    }
    ok = be->ops->route_delete(be, pid, &r, &error);
  } else {
    if (!be->ops->route_add) {
      nns_err(io, "%s: %s\n", what, g_strerror(EOPNOTSUPP));
      return 7;
    }
    ok = be->ops->route_add(be, pid, &r, NNS_NLM_CREATE, &error);
  }
  if (!ok) {
    nns_err(io, "%s: %s\n", what, g_strerror(error->code));
    return 7;
  }
  return 0;
}

int
nns_cmd_route(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  gboolean numeric = FALSE;
  int ext = 1;
  int i = 1;
  gboolean inet6 = FALSE;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] && !g_str_equal(argv[i], "-net") &&
         !g_str_equal(argv[i], "-host");
       i++) {
    const char *o = argv[i];
    if (g_str_equal(o, "-A") && i + 1 < argc) {
      inet6 = g_str_equal(argv[++i], "inet6");
      continue;
    }
    if (g_str_equal(o, "-6")) {
      inet6 = TRUE;
      continue;
    }
    for (const char *p = o + 1; *p; p++) {
      if (*p == 'n')
        numeric = TRUE;
      else if (*p == 'e')
        ext++;
      else if (*p == 'v' || *p == 'F' || *p == '4')
        ;
      else
        return usage(io);
    }
  }
  if (i >= argc) {
    if (inet6)
      return nns_route_print_table6(sh, pid, io);
    return nns_route_print_table(sh, pid, io, numeric, ext >= 2 ? 2 : 1);
  }
  const char *cmd = argv[i++];
  if (g_str_equal(cmd, "add"))
    return route_set(sh, pid, io, FALSE, argc - i, argv + i);
  if (g_str_equal(cmd, "del") || g_str_equal(cmd, "delete"))
    return route_set(sh, pid, io, TRUE, argc - i, argv + i);
  if (g_str_equal(cmd, "flush")) {
    nns_err(io, "%s", usage_text);
    return 3;
  }
  return usage(io);
}
