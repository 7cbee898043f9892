/* `route -A inet6` (net-tools 2.10 rprint_fib6 over /proc/net/ipv6_route):
 * every table the kernel has, in the order its /proc iterator walks them
 * (fib6 table hash, then each table's radix tree in post-order), each tree
 * ending with its root's null entry unless a default route took its place. */
#include "shell/nettools/nettools.h"

#include <linux/route.h>
#include <linux/rtnetlink.h>
#include <string.h>

/* Bit `i` of an address, most significant first. */
static int
bit(const NnsInet *a, guint i)
{
  return (a->bytes[i / 8] >> (7 - i % 8)) & 1;
}

/* fib6_walk visits a node's left (0) subtree, its right (1) subtree, then
 * its own routes: a more specific prefix comes before the one holding it,
 * and disjoint prefixes in address order.  Routes of one prefix are kept
 * by metric (fib6_add_rt2node). */
static gint
walk_order(gconstpointer pa, gconstpointer pb)
{
  const NnsRouteRecord *a = *(NnsRouteRecord *const *) pa, *b = *(NnsRouteRecord *const *) pb;
  guint ta = a->table & 0xff, tb = b->table & 0xff;
  if (ta != tb)
    return ta < tb ? -1 : 1;
  if (a->table != b->table)
    return a->table < b->table ? -1 : 1;
  guint common = MIN(a->dst_len, b->dst_len);
  for (guint i = 0; i < common; i++)
    if (bit(&a->dst, i) != bit(&b->dst, i))
      return bit(&a->dst, i) ? 1 : -1;
  if (a->dst_len != b->dst_len)
    return a->dst_len > b->dst_len ? -1 : 1;
  return (a->priority > b->priority) - (a->priority < b->priority);
}

static void
print_row(NnsIo *io, const char *dst, const char *via, const char *flags, int metric, int ref, const char *dev)
{
  nns_out(io, "%-30s %-26s %-4s %-3d %-1d %6d %s\n", dst, via, flags, metric, ref, 0, dev);
}

static void
print_null_entry(NnsIo *io)
{
  /* ip6_null_entry: RTF_REJECT | RTF_NONEXTHOP, metric ~0, on lo. */
  print_row(io, "::/0", "::", "!n", -1, 1, "lo");
}

int
nns_route_print_table6(NnsShell *sh, int pid, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) routes = be->ops->route_dump(be, pid, AF_INET6, &error);
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, NULL);
  nns_out(io, "Kernel IPv6 routing table\n");
  nns_out(io, "Destination                    Next Hop                   Flag Met Ref  Use If\n");
  g_autoptr(GPtrArray) rows = g_ptr_array_new();
  /* /proc/net/ipv6_route lists each route of a multipath one (an ECMP
   * sibling) on its own, in the node's order (recorded: ip6-multipath). */
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; routes && i < routes->len; i++) {
    const NnsRouteRecord *r = routes->pdata[i];
    for (guint j = 0; j < r->n_nexthops; j++) {
      NnsRouteRecord *one = g_memdup2(r, sizeof *r);
      one->n_nexthops = 0;
      one->nexthops = NULL;
      one->has_gateway = r->nexthops[j].has_gateway;
      one->gateway = r->nexthops[j].gateway;
      one->oif = r->nexthops[j].ifindex;
      one->flags = r->nexthops[j].flags;
      g_ptr_array_add(paths, one);
      g_ptr_array_add(rows, one);
    }
    if (!r->n_nexthops)
      g_ptr_array_add(rows, routes->pdata[i]);
  }
  /* main and local always exist; they come first as their hash says. */
  static NnsRouteRecord main_marker = { .table = RT_TABLE_MAIN, .dst_len = 255 };
  static NnsRouteRecord local_marker = { .table = RT_TABLE_LOCAL, .dst_len = 255 };
  g_ptr_array_add(rows, &main_marker);
  g_ptr_array_add(rows, &local_marker);
  g_ptr_array_sort(rows, walk_order);
  gboolean has_default = FALSE;
  for (guint i = 0; i < rows->len; i++) {
    const NnsRouteRecord *r = rows->pdata[i];
    const NnsRouteRecord *next = i + 1 < rows->len ? rows->pdata[i + 1] : NULL;
    gboolean last_of_table = !next || next->table != r->table;
    if (r->dst_len == 255) {
      /* A marker sorts first in its table; it prints nothing itself. */
      if (last_of_table && !has_default)
        print_null_entry(io);
      has_default = FALSE;
      continue;
    }
    char addr[NNS_INET_STRLEN], via[NNS_INET_STRLEN] = "::";
    g_autofree char *dst = g_strdup_printf("%s/%u", nns_inet_format(&r->dst, addr), r->dst_len);
    if (r->has_gateway)
      nns_inet_format(&r->gateway, via);
    gboolean reject = r->type == RTN_UNREACHABLE || r->type == RTN_PROHIBIT || r->type == RTN_BLACKHOLE;
    /* rtnh's RTNH_F_ONLINK lands in fib6_flags as RTF_HOST ("H"). */
    gboolean onlink = (r->flags & RTNH_F_ONLINK) != 0;
    const char *flags = reject ? "!n" : r->type == RTN_LOCAL ? "Un" : r->has_gateway ? (onlink ? "UGH" : "UG") : "U";
    /* fib6_ref: the tree's reference, and a local route's address holds
     * one more; ff00::/8 carries the dst of the device's MLD reports. */
    int ref = r->type == RTN_LOCAL || r->type == RTN_MULTICAST ? 2 : 1;
    const char *dev = "lo";
    for (guint k = 0; links && k < links->len && !reject; k++)
      if (((NnsLinkRecord *) links->pdata[k])->ifindex == r->oif)
        dev = ((NnsLinkRecord *) links->pdata[k])->name;
    print_row(io, dst, via, flags, (int) r->priority, ref, dev);
    has_default |= r->dst_len == 0;
    if (last_of_table) {
      if (!has_default)
        print_null_entry(io);
      has_default = FALSE;
    }
  }
  return 0;
}
