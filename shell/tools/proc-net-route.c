/* /proc/net/route: fib_route_seq_show, the IPv4 main table in the order of
 * its trie (the dump's), broadcast and multicast routes left out, each
 * line padded to 127 characters. */
#include "shell/print/print-ip.h"
#include "shell/tools/tools.h"

#include <linux/rtnetlink.h>
#include <net/route.h>
#include <string.h>

/* A __be32 printed as a number: its bytes reversed on a little-endian machine. */
static guint32
as_printed(const NnsInet *a)
{
  return (guint32) a->bytes[3] << 24 | (guint32) a->bytes[2] << 16 | (guint32) a->bytes[1] << 8 | a->bytes[0];
}

static void
pad(GString *out, gsize start)
{
  while (out->len - start < 127)
    g_string_append_c(out, ' ');
  g_string_append_c(out, '\n');
}

void
nns_proc_net_route(NnsShell *sh, int pid, GString *out)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GPtrArray) routes = be->ops->route_dump(be, pid, AF_INET, NULL);
  /* fib_route_seq_start: no main table yet (fib_new_table makes it with
   * its first route), no header either.  A backend that cannot tell
   * (the kernel's) is taken at its dump: a main table with no route. */
  gboolean any = FALSE;
  for (guint i = 0; routes && i < routes->len; i++)
    any |= ((NnsRouteRecord *) routes->pdata[i])->table == RT_TABLE_MAIN;
  if (be->ops->route_table_exists ? !be->ops->route_table_exists(be, pid, RT_TABLE_MAIN) : !any)
    return;
  gsize start = out->len;
  g_string_append(out, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
  pad(out, start);
  g_autoptr(GPtrArray) links = nns_fs_links(sh, pid);
  for (guint i = 0; routes && i < routes->len; i++) {
    const NnsRouteRecord *r = routes->pdata[i];
    if (r->table != RT_TABLE_MAIN || r->type == RTN_BROADCAST || r->type == RTN_MULTICAST)
      continue;
    const char *dev = "*";
    for (guint j = 0; r->oif && links && j < links->len; j++) {
      const NnsLinkRecord *l = links->pdata[j];
      if (l->ifindex == r->oif)
        dev = l->name;
    }
    guint flags = nns_route_rtf_flags(r);
    NnsInet mask = nns_inet4(r->dst_len ? 0xffffffffu << (32 - r->dst_len) : 0);
    start = out->len;
    g_string_append_printf(out, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%u\t%08X\t%d\t%u\t%u", dev, as_printed(&r->dst),
                           r->has_gateway ? as_printed(&r->gateway) : 0u, flags, 0, 0u,
                           r->has_priority ? r->priority : 0u, as_printed(&mask), 0, 0u, 0u);
    pad(out, start);
  }
}
