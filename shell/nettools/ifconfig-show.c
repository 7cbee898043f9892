/* The listing form of net-tools 2.10 `ifconfig`. */
#include "shell/nettools/nettools.h"
#include "shell/print/print-ip.h"

#include <linux/if.h>
#include <linux/if_arp.h>

static void
print_one(NnsIo *io, const NnsLinkRecord *l, GPtrArray *addrs)
{
  g_autoptr(GString) flags = g_string_new(NULL);
  static const struct { guint mask; const char *name; } names[] = {
    { IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" }, { IFF_LOOPBACK, "LOOPBACK" },
    { IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_RUNNING, "RUNNING" }, { IFF_NOARP, "NOARP" },
    { IFF_PROMISC, "PROMISC" }, { IFF_ALLMULTI, "ALLMULTI" }, { IFF_MULTICAST, "MULTICAST" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (l->flags & names[i].mask)
      g_string_append_printf(flags, "%s%s", flags->len ? "," : "", names[i].name);
  nns_out(io, "%s: flags=%u<%s>  mtu %u\n", l->name, l->flags & 0xffff, flags->str, l->mtu);
  for (guint i = 0; i < addrs->len; i++) {
    const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->ifindex != l->ifindex)
      continue;
    char buf[NNS_INET_STRLEN], mask[NNS_INET_STRLEN], brd[NNS_INET_STRLEN];
    if (a->family == AF_INET) {
      NnsInet m = nns_inet4(a->prefixlen ? 0xffffffffu << (32 - a->prefixlen) : 0);
      nns_out(io, "        inet %s  netmask %s", nns_inet_format(&a->local, buf), nns_inet_format(&m, mask));
      if (a->has_broadcast)
        nns_out(io, "  broadcast %s", nns_inet_format(&a->broadcast, brd));
      nns_out(io, "\n");
    } else {
      char scope[16];
      nns_out(io, "        inet6 %s  prefixlen %u  scopeid 0x%x<%s>\n", nns_inet_format(&a->local, buf),
              a->prefixlen, a->scope == 253 ? 0x20 : a->scope == 254 ? 0x10 : 0,
              nns_ip_scope_name(a->scope, scope));
    }
  }
  char mac[18];
  nns_ip_format_mac(l->addr, mac);
  if (l->type == ARPHRD_LOOPBACK)
    nns_out(io, "        loop  txqueuelen %u  (Local Loopback)\n", l->txqlen);
  else
    nns_out(io, "        ether %s  txqueuelen %u  (Ethernet)\n", mac, l->txqlen);
  nns_out(io, "        RX packets %" G_GUINT64_FORMAT "  bytes %" G_GUINT64_FORMAT " (%.1f B)\n",
          l->stats.rx_packets, l->stats.rx_bytes, (double) l->stats.rx_bytes);
  nns_out(io, "        RX errors 0  dropped %" G_GUINT64_FORMAT "  overruns 0  frame 0\n", l->stats.rx_dropped);
  nns_out(io, "        TX packets %" G_GUINT64_FORMAT "  bytes %" G_GUINT64_FORMAT " (%.1f B)\n",
          l->stats.tx_packets, l->stats.tx_bytes, (double) l->stats.tx_bytes);
  nns_out(io, "        TX errors 0  dropped %" G_GUINT64_FORMAT " overruns 0  carrier 0  collisions 0\n\n",
          l->stats.tx_dropped);
}

int
nns_ifconfig_show(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  gboolean all = argc > 1 && g_str_equal(argv[1], "-a");
  const char *only = argc > 1 && !all ? argv[1] : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, &error);
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, 0, &error);
  if (!links || !addrs)
    return 1;
  gboolean found = FALSE;
  for (guint i = 0; i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (only ? !g_str_equal(only, l->name) : (!all && !(l->flags & IFF_UP)))
      continue;
    found = TRUE;
    print_one(io, l, addrs);
  }
  if (only && !found) {
    nns_err(io, "%s: error fetching interface information: Device not found\n", only);
    return 1;
  }
  return 0;
}
