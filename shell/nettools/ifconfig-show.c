/* The listing form of net-tools 2.10 `ifconfig`. */
#include "shell/nettools/nettools.h"
#include "shell/print/print-ip.h"

#include <linux/if.h>
#include <linux/if_arp.h>
#include <stdlib.h>

static void
print_one(NnsIo *io, const NnsLinkRecord *l, GPtrArray *addrs)
{
  g_autoptr(GString) flags = g_string_new(NULL);
  static const struct { guint mask; const char *name; } names[] = {
    { IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" }, { IFF_DEBUG, "DEBUG" }, { IFF_LOOPBACK, "LOOPBACK" },
    { IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_RUNNING, "RUNNING" },
    { IFF_NOARP, "NOARP" }, { IFF_PROMISC, "PROMISC" }, { IFF_ALLMULTI, "ALLMULTI" }, { IFF_SLAVE, "SLAVE" },
    { IFF_MASTER, "MASTER" }, { IFF_MULTICAST, "MULTICAST" }, { IFF_DYNAMIC, "DYNAMIC" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (l->flags & names[i].mask)
      g_string_append_printf(flags, "%s%s", flags->len ? "," : "", names[i].name);
  /* SIOCGIFFLAGS: a short, printed as a signed number (DYNAMIC is 0x8000). */
  nns_out(io, "%s: flags=%d<%s>  mtu %u\n", l->name, (int) (gint16) (l->flags & 0xffff), flags->str, l->mtu);
  gboolean have_inet = FALSE;
  for (guint i = 0; i < addrs->len; i++) {
    const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->ifindex != l->ifindex)
      continue;
    char buf[NNS_INET_STRLEN], mask[NNS_INET_STRLEN], brd[NNS_INET_STRLEN];
    if (a->family == AF_INET) {
      /* SIOCGIFADDR: the first address labelled with the device's name */
      if (have_inet || (a->label[0] && !g_str_equal(a->label, l->name)))
        continue;
      have_inet = TRUE;
      NnsInet m = nns_inet4(a->prefixlen ? 0xffffffffu << (32 - a->prefixlen) : 0);
      nns_out(io, "        inet %s  netmask %s", nns_inet_format(&a->local, buf), nns_inet_format(&m, mask));
      if (l->flags & IFF_BROADCAST) {
        NnsInet zero = nns_inet4(0);
        nns_out(io, "  broadcast %s", nns_inet_format(a->has_broadcast ? &a->broadcast : &zero, brd));
      }
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
  else if (l->type == ARPHRD_TUNNEL)  /* hw "tunnel": an empty address */
    nns_out(io, "        tunnel   txqueuelen %u  (IPIP Tunnel)\n", l->txqlen);
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

/* net-tools' nstrcmp: names compared with their numeric parts as numbers. */
static int
nstrcmp(const char *a, const char *b)
{
  while (*a && *b) {
    if (g_ascii_isdigit(*a) && g_ascii_isdigit(*b)) {
      char *ea, *eb;
      unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);
      if (x != y)
        return x < y ? -1 : 1;
      a = ea;
      b = eb;
      continue;
    }
    if (*a != *b)
      return (unsigned char) *a - (unsigned char) *b;
    a++;
    b++;
  }
  return (unsigned char) *a - (unsigned char) *b;
}

static gint
by_name(gconstpointer pa, gconstpointer pb)
{
  const NnsLinkRecord *a = *(NnsLinkRecord *const *) pa, *b = *(NnsLinkRecord *const *) pb;
  return nstrcmp(a->name, b->name);
}

/* ife_print_short */
static void
print_short(NnsIo *io, const NnsLinkRecord *l)
{
  nns_out(io, "%-15.15s %5u ", l->name, l->mtu);
  nns_out(io, "%8" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %-6u ", l->stats.rx_packets,
          l->stats.rx_errors, l->stats.rx_dropped, 0u);
  nns_out(io, "%8" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6u ", l->stats.tx_packets,
          l->stats.tx_errors, l->stats.tx_dropped, 0u);
  guint f = l->flags;
  if (f == 0)
    nns_out(io, "[NO FLAGS]");
  static const struct { guint bit; const char *c; } letters[] = {
    { IFF_ALLMULTI, "A" }, { IFF_BROADCAST, "B" }, { IFF_DEBUG, "D" }, { IFF_LOOPBACK, "L" },
    { IFF_MULTICAST, "M" }, { IFF_DYNAMIC, "d" }, { IFF_PROMISC, "P" }, { IFF_NOTRAILERS, "N" },
    { IFF_NOARP, "O" }, { IFF_POINTOPOINT, "P" }, { IFF_SLAVE, "s" }, { IFF_MASTER, "m" },
    { IFF_RUNNING, "R" }, { IFF_UP, "U" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(letters); i++)
    if (f & letters[i].bit)
      nns_out(io, "%s", letters[i].c);
  nns_out(io, "\n");
}

int
nns_ifconfig_show(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  gboolean all = FALSE, shortfmt = FALSE;
  const char *only = NULL;
  for (int i = 1; i < argc; i++) {
    if (g_str_equal(argv[i], "-a"))
      all = TRUE;
    else if (g_str_equal(argv[i], "-s"))
      shortfmt = TRUE;
    else if (g_str_equal(argv[i], "-v"))
      ;
    else if (!only)
      only = argv[i];
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, &error);
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, 0, &error);
  if (!links || !addrs)
    return 1;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new();
  for (guint i = 0; i < links->len; i++)
    g_ptr_array_add(sorted, links->pdata[i]);
  g_ptr_array_sort(sorted, by_name);
  if (shortfmt)
    nns_out(io, "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n");
  gboolean found = FALSE;
  for (guint i = 0; i < sorted->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(sorted, i);
    if (only ? !g_str_equal(only, l->name) : (!all && !(l->flags & IFF_UP)))
      continue;
    found = TRUE;
    if (shortfmt)
      print_short(io, l);
    else
      print_one(io, l, addrs);
  }
  if (only && !found) {
    nns_err(io, "%s: error fetching interface information: Device not found\n", only);
    return 1;
  }
  return 0;
}
