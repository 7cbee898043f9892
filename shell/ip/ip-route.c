/* `ip route`, as iproute2 6.1's ip/iproute.c: list/show with filters,
 * add/del/change/replace/append/prepend, flush and get. */
#include "shell/ip/ip-common.h"
#include "lib/iptables/ipt-grammar.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
  [RTN_UNSPEC] = "none", [RTN_UNICAST] = "unicast", [RTN_LOCAL] = "local", [RTN_BROADCAST] = "broadcast",
  [RTN_ANYCAST] = "anycast", [RTN_MULTICAST] = "multicast", [RTN_BLACKHOLE] = "blackhole",
  [RTN_UNREACHABLE] = "unreachable", [RTN_PROHIBIT] = "prohibit", [RTN_THROW] = "throw", [RTN_NAT] = "nat",
};

static int
type_from_name(const char *s)
{
  for (gsize i = 1; i < G_N_ELEMENTS(type_names); i++)
    if (type_names[i] && g_str_equal(s, type_names[i]))
      return (int) i;
  return -1;
}

/* ------------------------------------------------------------------ */
/* Filters of list and flush.                                           */

typedef struct {
  guint32 table;              /* 0: all */
  int oif;
  gboolean has_proto, has_scope, has_type;
  guint32 proto, type;
  guint8 scope;
  gboolean has_rdst, has_mdst;
  NnsInet rdst, mdst;
  guint8 rdst_len, mdst_len;
  gboolean has_via;
  NnsInet via;
  guint8 via_len;
  gboolean cloned;            /* `cache`: the routing cache (RTM_F_CLONED) */
} RouteFilter;

static int
parse_filter(NnsIpCall *c, int argc, char **argv, RouteFilter *f)
{
  memset(f, 0, sizeof *f);
  f->table = RT_TABLE_MAIN;
  const char *dev = NULL;
  guint8 family = c->opts.family;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    gboolean needs = g_str_equal(a, "table") || g_str_equal(a, "dev") || g_str_equal(a, "oif") ||
                     nns_ip_matches(a, "protocol") || g_str_equal(a, "scope") || g_str_equal(a, "type") ||
                     nns_ip_matches(a, "root") || nns_ip_matches(a, "match") || nns_ip_matches(a, "exact") ||
                     g_str_equal(a, "to") || g_str_equal(a, "via");
    if (needs && i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (g_str_equal(a, "table")) {
      /* `table cache` is iproute2's other spelling of `cache`. */
      if (g_str_equal(argv[++i], "cache"))
        f->cloned = TRUE;
      else if (!nns_ip_parse_table(argv[i], &f->table))
        return nns_ip_invarg(c, "table id value is invalid\n", argv[i]);
    } else if (g_str_equal(a, "dev") || g_str_equal(a, "oif")) {
      dev = argv[++i];
    } else if (nns_ip_matches(a, "protocol")) {
      f->has_proto = TRUE;
      if (!nns_ip_parse_proto(argv[++i], &f->proto))
        return nns_ip_invarg(c, "invalid \"protocol\"\n", argv[i]);
    } else if (g_str_equal(a, "scope")) {
      f->has_scope = TRUE;
      if (!nns_ip_parse_scope(argv[++i], &f->scope))
        return nns_ip_invarg(c, "invalid \"scope\"\n", argv[i]);
    } else if (g_str_equal(a, "type")) {
      int t = type_from_name(argv[++i]);
      if (t < 0)
        return nns_ip_invarg(c, "node type value is invalid\n", argv[i]);
      f->has_type = TRUE;
      f->type = (guint32) t;
    } else if (g_str_equal(a, "via")) {
      gboolean d;
      if (!nns_ip_get_prefix(c, argv[++i], family, &f->via, &f->via_len, &d))
        return 1;
      f->has_via = TRUE;
    } else if (nns_ip_matches(a, "cached") || nns_ip_matches(a, "cloned")) {
      f->cloned = TRUE;
    } else {
      gboolean root = nns_ip_matches(a, "root"), match = nns_ip_matches(a, "match"), exact = nns_ip_matches(a, "exact");
      if (root || match || exact || g_str_equal(a, "to"))
        a = argv[++i];
      NnsInet p;
      guint8 l;
      gboolean d;
      if (!nns_ip_get_prefix(c, a, family, &p, &l, &d))
        return 1;
      if (root || exact || (!match && !root)) {
        f->has_rdst = TRUE;
        f->rdst = p;
        f->rdst_len = l;
      }
      if (match || exact || (!match && !root)) {
        f->has_mdst = TRUE;
        f->mdst = p;
        f->mdst_len = l;
      }
    }
  }
  if (dev && !(f->oif = nns_ip_dev_index(c, dev)))
    return 1;
  return 0;
}

static gboolean
filter_match(const RouteFilter *f, const NnsRouteRecord *r)
{
  if (f->table && r->table != f->table)
    return FALSE;
  if (f->oif && r->oif != f->oif)
    return FALSE;
  if (f->has_proto && r->protocol != f->proto)
    return FALSE;
  if (f->has_scope && r->scope != f->scope)
    return FALSE;
  if (f->has_type && r->type != f->type)
    return FALSE;
  if (f->has_via && !(r->has_gateway && nns_inet_equal(&r->gateway, &f->via)))
    return FALSE;
  if (f->has_rdst) {
    if (r->family != f->rdst.family || f->rdst_len > r->dst_len ||
        !nns_inet_same_prefix(&r->dst, &f->rdst, f->rdst_len))
      return FALSE;
  }
  if (f->has_mdst) {
    if (r->family != f->mdst.family || f->mdst_len < r->dst_len ||
        !nns_inet_same_prefix(&r->dst, &f->mdst, r->dst_len))
      return FALSE;
  }
  return TRUE;
}

static guint8
dump_family(NnsIpCall *c, const RouteFilter *f)
{
  if (c->opts.family)
    return c->opts.family;
  if (f->has_rdst)
    return f->rdst.family;
  if (f->has_mdst)
    return f->mdst.family;
  return f->table == 0 ? 0 : AF_INET;
}

static int
route_list(NnsIpCall *c, int argc, char **argv)
{
  RouteFilter f;
  int rc = parse_filter(c, argc, argv, &f);
  if (rc)
    return rc;
  NnsIpContext ctx = { 0 };
  if (!nns_ip_context_load(c, &ctx))
    return 2;
  g_autoptr(GError) error = NULL;
  guint8 family = dump_family(c, &f);
  /* `cache`: a dump with RTM_F_CLONED, the route exceptions only (IPv6's:
   * IPv4 lists none on the recording kernel, fixtures/oracle/route-cache). */
  gboolean cache6 = f.cloned && family == AF_INET6 && c->be->ops->route_dump_cloned;
  g_autoptr(GPtrArray) routes = cache6 ? c->be->ops->route_dump_cloned(c->be, c->pid, family, &error)
                                       : c->be->ops->route_dump(c->be, c->pid, family, &error);
  if (!routes) {
    nns_ip_context_clear(&ctx);
    return nns_ip_rtnl_fail(c, error);
  }
  /* A strict dump of a table that does not exist fails (fib_table dump). */
  if (f.table && f.table != RT_TABLE_MAIN && f.table != RT_TABLE_LOCAL && family != AF_INET6) {
    gboolean exists = FALSE;
    if (c->be->ops->route_table_exists)
      exists = c->be->ops->route_table_exists(c->be, c->pid, f.table);
    else
      for (guint i = 0; i < routes->len; i++)
        exists |= ((NnsRouteRecord *) routes->pdata[i])->table == f.table;
    if (!exists) {
      nns_err(c->io, "Error: ipv4: FIB table does not exist.\nDump terminated\n");
      nns_ip_context_clear(&ctx);
      return 2;
    }
  }
  c->opts.show_table_always = f.table == 0;
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  p.color = c->opts.color;
  nns_print_begin_dump(&p);
  for (guint i = 0; i < routes->len; i++) {
    NnsRouteRecord r = *(const NnsRouteRecord *) g_ptr_array_index(routes, i);
    /* `cache` shows cloned routes only, which only the cloned dump
     * returns. */
    if (f.cloned != r.cloned || !filter_match(&f, &r))
      continue;
    /* print_route leaves out what the filter fixed. */
    if (f.oif)
      r.oif = 0;
    if (f.has_via && f.via_len == nns_inet_bits(&f.via))
      r.has_gateway = FALSE;
    if (f.has_proto)
      r.protocol = RTPROT_BOOT;
    if (f.has_scope)
      r.scope = RT_SCOPE_UNIVERSE;
    NnsIpOptions o = c->opts;
    if (f.has_proto || f.has_scope)
      o.details = FALSE;
    nns_print_route(&p, &o, &ctx, &r);
  }
  nns_print_end_dump(&p);
  nns_ip_context_clear(&ctx);
  return 0;
}

/* The IPv6 route exceptions: dumped with RTM_F_CLONED, each matching one
 * deleted as a cloned route; -s counts them as iproute2's flush loop
 * does (recorded in pmtu6). */
static int
flush_cache6(NnsIpCall *c, const RouteFilter *f)
{
  if (!c->be->ops->route_dump_cloned || !c->be->ops->route_delete) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
    return 2;
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clones = c->be->ops->route_dump_cloned(c->be, c->pid, AF_INET6, &error);
  if (!clones)
    return nns_ip_rtnl_fail(c, error);
  guint flushed = 0;
  for (guint i = 0; i < clones->len; i++) {
    NnsRouteRecord r = *(const NnsRouteRecord *) g_ptr_array_index(clones, i);
    if (!filter_match(f, &r))
      continue;
    g_autoptr(GError) e = NULL;
    if (!c->be->ops->route_delete(c->be, c->pid, &r, &e) && e->code != ESRCH) {
      nns_err(c->io, "Failed to send flush request: %s\n", g_strerror(e->code));
      return 2;
    }
    flushed++;
  }
  nns_ip_flush_summary(c, flushed);
  return 0;
}

static int
route_flush(NnsIpCall *c, int argc, char **argv)
{
  if (argc == 0) {
    nns_err(c->io, "\"ip route flush\" requires arguments.\n");
    return 1;
  }
  RouteFilter f;
  int rc = parse_filter(c, argc, argv, &f);
  if (rc)
    return rc;
  if (f.cloned) {
    /* iproute_flush_cache: "-1" into /proc/sys/net/ipv4/route/flush,
     * which voids the route exceptions too; only -6 goes on to delete
     * the IPv6 ones (recorded in pmtu6: a plain `ip route flush cache`
     * leaves them). */
    g_autoptr(GError) e = NULL;
    if (c->opts.family != AF_INET6 &&
        !c->be->ops->sysctl_set(c->be, c->pid, "net/ipv4/route/flush", "-1", &e)) {
      nns_err(c->io, "Cannot open \"/proc/sys/net/ipv4/route/flush\": %s\n", g_strerror(e->code));
      return 255;
    }
    if (c->opts.family == AF_INET6)
      return flush_cache6(c, &f);
    return 0;
  }
  if (!c->be->ops->route_delete) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
    return 2;
  }
  g_autoptr(GError) error = NULL;
  guint8 family = dump_family(c, &f);
  if (!family)
    family = AF_INET;
  g_autoptr(GPtrArray) routes = c->be->ops->route_dump(c->be, c->pid, family, &error);
  if (!routes)
    return nns_ip_rtnl_fail(c, error);
  for (guint i = 0; i < routes->len; i++) {
    NnsRouteRecord r = *(const NnsRouteRecord *) g_ptr_array_index(routes, i);
    if (!filter_match(&f, &r))
      continue;
    /* ip route flush leaves the IPv6 kernel routes of a device alone
     * unless asked by family; they are derived from addresses here. */
    if (r.family == AF_INET6 && r.protocol == RTPROT_KERNEL)
      continue;
    r.has_priority = TRUE;
    g_autoptr(GError) e = NULL;
    if (!c->be->ops->route_delete(c->be, c->pid, &r, &e) && e->code != ESRCH) {
      nns_err(c->io, "Failed to send flush request: %s\n", g_strerror(e->code));
      return 2;
    }
  }
  return 0;
}

/* parse_one_nh: via, dev, weight, onlink up to the next word it does not
 * know; *used the words taken after "nexthop". */
static int
parse_one_nh(NnsIpCall *c, guint8 family, int argc, char **argv, NnsNexthopRecord *nh, int *used)
{
  int i = 1;
  nh->weight = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if ((g_str_equal(a, "via") || g_str_equal(a, "dev") || g_str_equal(a, "weight")) && i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (g_str_equal(a, "via")) {
      const char *v = argv[++i];
      guint8 fam = family;
      if (g_str_equal(v, "inet") || g_str_equal(v, "inet6")) {
        fam = g_str_equal(v, "inet") ? AF_INET : AF_INET6;
        if (i + 1 >= argc)
          return nns_ip_incomplete(c);
        v = argv[++i];
      }
      if (!nns_ip_get_addr(c, v, fam, &nh->gateway))
        return 1;
      nh->has_gateway = TRUE;
    } else if (g_str_equal(a, "dev")) {
      /* nodev(): the complaint, then parse_nexthops' own. */
      if (!(nh->ifindex = nns_ip_dev_index(c, argv[++i]))) {
        nns_err(c->io, "Error: cannot parse nexthop\n");
        return 255;
      }
    } else if (g_str_equal(a, "weight")) {
      guint32 w;
      if (!nns_ip_get_u32(argv[++i], &w) || w == 0 || w > 256)
        return nns_ip_invarg(c, "\"weight\" is invalid\n", argv[i]);
      nh->weight = w;
    } else if (g_str_equal(a, "onlink")) {
      nh->flags |= RTNH_F_ONLINK;
    } else {
      break;
    }
  }
  *used = i;
  return 0;
}

/* parse_nexthops: "nexthop ..." to the end of the line. */
static int
parse_nexthops(NnsIpCall *c, guint8 family, int argc, char **argv, GArray *out)
{
  int i = 0;
  while (i < argc) {
    if (!g_str_equal(argv[i], "nexthop")) {
      nns_err(c->io, "Error: \"nexthop\" or end of line is expected instead of \"%s\"\n", argv[i]);
      return 255;
    }
    if (argc - i <= 1) {
      nns_err(c->io, "Error: unexpected end of line after \"nexthop\"\n");
      return 255;
    }
    NnsNexthopRecord nh = { 0 };
    int used = 0;
    int rc = parse_one_nh(c, family, argc - i, argv + i, &nh, &used);
    if (rc)
      return rc;
    g_array_append_val(out, nh);
    i += used;
  }
  return 0;
}

/* iproute_modify */
static int
route_modify(NnsIpCall *c, const char *cmd, guint flags, gboolean del, int argc, char **argv)
{
  NnsRouteRecord r = { 0 };
  guint8 family = c->opts.family;
  gboolean have_dst = FALSE, scope_ok = FALSE, type_ok = FALSE, gw_ok = FALSE, proto_ok = FALSE, table_ok = FALSE;
  const char *dev = NULL;
  gboolean dst_default = FALSE;
  int nh_at = -1;             /* where "nexthop ..." begins */
  r.table = RT_TABLE_MAIN;
  if (!del) {
    r.protocol = RTPROT_BOOT;
    r.scope = RT_SCOPE_UNIVERSE;
    r.type = RTN_UNICAST;
  }
  (void) cmd;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    gboolean needs = g_str_equal(a, "via") || g_str_equal(a, "src") || g_str_equal(a, "dev") ||
                     g_str_equal(a, "oif") || g_str_equal(a, "metric") || g_str_equal(a, "priority") ||
                     g_str_equal(a, "preference") || g_str_equal(a, "table") || nns_ip_matches(a, "protocol") ||
                     g_str_equal(a, "scope") || g_str_equal(a, "to");
    if (needs && i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (g_str_equal(a, "via")) {
      const char *v = argv[++i];
      /* read_family: `via inet6 ADDR` names the gateway's family, else
       * it is the route's as far as it is known. */
      guint8 via_family = family;
      if ((g_str_equal(v, "inet") || g_str_equal(v, "inet6")) && i + 1 < argc) {
        via_family = g_str_equal(v, "inet") ? AF_INET : AF_INET6;
        v = argv[++i];
      }
      if (gw_ok) {
        nns_err(c->io, "Error: either \"via\" is duplicate, or \"%s\" is a garbage.\n", v);
        return 255;
      }
      if (!nns_ip_get_addr(c, v, via_family, &r.gateway))
        return 1;
      /* iproute_modify: a family not yet known is the gateway's. */
      if (!family)
        family = r.gateway.family;
      r.has_gateway = gw_ok = TRUE;
    } else if (g_str_equal(a, "src")) {
      if (!nns_ip_get_addr(c, argv[++i], family, &r.prefsrc))
        return 1;
      r.has_prefsrc = TRUE;
    } else if (g_str_equal(a, "dev") || g_str_equal(a, "oif")) {
      dev = argv[++i];
    } else if (g_str_equal(a, "metric") || g_str_equal(a, "priority") || g_str_equal(a, "preference")) {
      if (!nns_ip_get_u32(argv[++i], &r.priority))
        return nns_ip_invarg(c, "\"metric\" value is invalid\n", argv[i]);
      r.has_priority = TRUE;
    } else if (g_str_equal(a, "table")) {
      if (!nns_ip_parse_table(argv[++i], &r.table))
        return nns_ip_invarg(c, "\"table\" value is invalid\n", argv[i]);
      table_ok = TRUE;
    } else if (nns_ip_matches(a, "protocol")) {
      guint32 p;
      if (!nns_ip_parse_proto(argv[++i], &p))
        return nns_ip_invarg(c, "\"protocol\" value is invalid\n", argv[i]);
      r.protocol = (guint8) p;
      proto_ok = TRUE;
    } else if (g_str_equal(a, "scope")) {
      if (!nns_ip_parse_scope(argv[++i], &r.scope))
        return nns_ip_invarg(c, "invalid \"scope\" value\n", argv[i]);
      scope_ok = TRUE;
    } else if (g_str_equal(a, "onlink")) {
      r.flags |= RTNH_F_ONLINK;
    } else if (g_str_equal(a, "nexthop")) {
      nh_at = i;
      break;
    } else {
      if (g_str_equal(a, "to"))
        a = argv[++i];
      int t;
      if (!type_ok && (t = type_from_name(a)) > 0 && i + 1 < argc) {
        r.type = (guint8) t;
        type_ok = TRUE;
        a = argv[++i];
      }
      if (have_dst) {
        nns_err(c->io, "Error: either \"to\" is duplicate, or \"%s\" is a garbage.\n", a);
        return 255;
      }
      if (!nns_ip_get_prefix(c, a, family, &r.dst, &r.dst_len, &dst_default))
        return 1;
      /* `default` names no family (get_prefix leaves it AF_UNSPEC). */
      if (!family && !dst_default)
        family = r.dst.family;
      have_dst = TRUE;
    }
  }
  (void) proto_ok;
  if (!have_dst) {
    nns_err(c->io, "Error: either \"to\" is duplicate, or \"%s\" is a garbage.\n", "");
    return 255;
  }
  if (dev && !(r.oif = nns_ip_dev_index(c, dev)))
    return 1;
  g_autoptr(GArray) nhs = g_array_new(FALSE, TRUE, sizeof(NnsNexthopRecord));
  if (nh_at >= 0) {
    int rc = parse_nexthops(c, family, argc - nh_at, argv + nh_at, nhs);
    if (rc)
      return rc;
    r.n_nexthops = nhs->len;
    r.nexthops = (NnsNexthopRecord *) (gpointer) nhs->data;
  }
  r.family = family ? family : AF_INET;
  if (dst_default)
    r.dst.family = r.family;
  /* Local, broadcast, NAT and anycast routes go to the local table. */
  if (!table_ok && (r.type == RTN_LOCAL || r.type == RTN_BROADCAST || r.type == RTN_NAT || r.type == RTN_ANYCAST))
    r.table = RT_TABLE_LOCAL;
  if (!scope_ok) {
    if (r.family == AF_INET6)
      ;
    else if (r.type == RTN_LOCAL || r.type == RTN_NAT)
      r.scope = RT_SCOPE_HOST;
    else if (r.type == RTN_BROADCAST || r.type == RTN_MULTICAST || r.type == RTN_ANYCAST)
      r.scope = RT_SCOPE_LINK;
    else if (r.type == RTN_UNICAST || r.type == RTN_UNSPEC) {
      if (del)
        r.scope = RT_SCOPE_NOWHERE;
      else if (!gw_ok && nh_at < 0)
        r.scope = RT_SCOPE_LINK;
    }
  }
  if (del && r.family == AF_INET6 && !scope_ok)
    r.scope = RT_SCOPE_NOWHERE;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  if (del) {
    if (!c->be->ops->route_delete) {
      nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
      return 2;
    }
    ok = c->be->ops->route_delete(c->be, c->pid, &r, &error);
  } else {
    if (!c->be->ops->route_add) {
      nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
      return 2;
    }
    ok = c->be->ops->route_add(c->be, c->pid, &r, flags, &error);
  }
  return ok ? 0 : nns_ip_rtnl_fail(c, error);
}

/* inet_proto_a2n: get_u8 in base 10, else getprotobyname (names as
 * written in /etc/protocols). */
static gboolean
ip_proto_parse(const char *s, guint16 *proto)
{
  guint32 v;
  if (nns_ip_get_u32(s, &v) && v < 256) {
    *proto = (guint16) v;
    return TRUE;
  }
  for (const NnsIptName *n = nns_ipt_protocols; n->name; n++)
    if (g_str_equal(n->name, s)) {
      *proto = (guint16) n->num;
      return TRUE;
    }
  return FALSE;
}

/* iproute_get: one RTM_GETROUTE, its answer printed by print_route. */
static int
route_get(NnsIpCall *c, int argc, char **argv)
{
  NnsRouteRecord req = { 0 };
  gboolean have_dst = FALSE, connected = FALSE;
  const char *oif = NULL, *iif = NULL;
  guint8 family = c->opts.family;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if ((nns_ip_matches(a, "from") || nns_ip_matches(a, "oif") || nns_ip_matches(a, "iif") ||
         g_str_equal(a, "to") || nns_ip_matches(a, "mark") || nns_ip_matches(a, "uid") || g_str_equal(a, "dev") ||
         g_str_equal(a, "tos") || nns_ip_matches(a, "dsfield") || nns_ip_matches(a, "ipproto")) &&
        i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (g_str_equal(a, "tos") || nns_ip_matches(a, "dsfield")) {
      guint32 tos;
      if (!nns_ip_dsfield_parse(argv[++i], &tos))
        return nns_ip_invarg(c, "TOS value is invalid\n", argv[i]);
      req.tos = (guint8) tos;
    } else if (nns_ip_matches(a, "from")) {
      guint8 l;
      gboolean d;
      if (!nns_ip_get_prefix(c, argv[++i], family, &req.src, &l, &d))
        return 1;
      if (!family)
        family = req.src.family;
      req.has_src = TRUE;
    } else if (nns_ip_matches(a, "iif")) {
      iif = argv[++i];
    } else if (nns_ip_matches(a, "mark")) {
      if (!nns_ip_get_u32(argv[++i], &req.mark))
        return nns_ip_invarg(c, "invalid mark value", argv[i]);
    } else if (nns_ip_matches(a, "oif") || g_str_equal(a, "dev")) {
      oif = argv[++i];
    } else if (nns_ip_matches(a, "notify")) {
      req.flags |= RTM_F_NOTIFY;
    } else if (nns_ip_matches(a, "connected")) {
      connected = TRUE;
    } else if (nns_ip_matches(a, "uid")) {
      if (!nns_ip_get_u32(argv[++i], &req.uid))
        return nns_ip_invarg(c, "invalid UID\n", argv[i]);
      req.has_uid = TRUE;
    } else if (nns_ip_matches(a, "fibmatch")) {
      req.fibmatch = TRUE;
    } else if (nns_ip_matches(a, "ipproto")) {
      /* inet_proto_a2n: a number below 256, or a name of /etc/protocols. */
      guint16 proto;
      if (!ip_proto_parse(argv[++i], &proto))
        return nns_ip_invarg(c, "Invalid \"ipproto\" value\n", argv[i]);
      req.ipproto = (guint8) proto;
    } else {
      if (g_str_equal(a, "to"))
        a = argv[++i];
      guint8 l;
      gboolean d;
      if (!nns_ip_get_prefix(c, a, family, &req.dst, &l, &d))
        return 1;
      if (!family)
        family = req.dst.family;
      have_dst = TRUE;
    }
  }
  if (!have_dst) {
    nns_err(c->io, "need at least a destination address\n");
    return 1;
  }
  if (iif && !(req.iif = nns_ip_dev_index(c, iif)))
    return 1;
  if (oif && !(req.oif = nns_ip_dev_index(c, oif)))
    return 1;
  req.family = family;
  if (!c->be->ops->route_get) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
    return 2;
  }
  g_autoptr(GError) error = NULL;
  g_autofree NnsRouteRecord *r = c->be->ops->route_get(c->be, c->pid, &req, &error);
  if (!r)
    return nns_ip_rtnl_fail(c, error);
  NnsIpContext ctx = { 0 };
  if (!nns_ip_context_load(c, &ctx))
    return 2;
  NnsIpOptions o = c->opts;
  o.show_table_always = TRUE;
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  p.color = c->opts.color;
  nns_print_begin_dump(&p);
  if (connected && !req.has_src) {
    /* iproute2 prints the answer, closes its JSON writer, and asks the
     * same question again (what it meant to connect never reaches the
     * request): the second answer comes out as text. */
    nns_print_route(&p, &o, &ctx, r);
    nns_print_end_dump(&p);
    g_clear_error(&error);
    g_free(r);
    if (!(r = c->be->ops->route_get(c->be, c->pid, &req, &error))) {
      nns_ip_context_clear(&ctx);
      return nns_ip_rtnl_fail(c, error);
    }
    nns_printer_init(&p, c->io->out, FALSE, FALSE, c->opts.oneline);
    p.color = c->opts.color;
  }
  nns_print_route(&p, &o, &ctx, r);
  nns_print_end_dump(&p);
  nns_ip_context_clear(&ctx);
  return 0;
}

int
nns_ip_route(NnsIpCall *c, int argc, char **argv)
{
  if (argc == 0)
    return route_list(c, 0, NULL);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst"))
    return route_list(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "add"))
    return route_modify(c, cmd, NNS_NLM_CREATE | NNS_NLM_EXCL, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "change") || g_str_equal(cmd, "chg"))
    return route_modify(c, cmd, NNS_NLM_REPLACE, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "replace"))
    return route_modify(c, cmd, NNS_NLM_CREATE | NNS_NLM_REPLACE, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "prepend"))
    return route_modify(c, cmd, NNS_NLM_CREATE, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "append"))
    return route_modify(c, cmd, NNS_NLM_CREATE | NNS_NLM_APPEND, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "delete"))
    return route_modify(c, cmd, 0, TRUE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "get"))
    return route_get(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "flush"))
    return route_flush(c, argc - 1, argv + 1);
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip route help\".\n", cmd);
  return 255;
}
