/* The listing form of net-tools 2.10 `ifconfig`. */
#include "shell/nettools/nettools.h"
#include "shell/print/print-ip.h"

#include <linux/if.h>
#include <linux/if_arp.h>
#include <stdlib.h>
#include <string.h>

/* ife_print_long.  An alias (a label DEV:NAME) shares its device's flags
 * and MTU; SIOCGIFADDR finds its address by label; it has no statistics
 * and no inet6 lines (/proc/net/if_inet6 names devices only). */
static void
print_one(NnsIo *io, const NnsLinkRecord *l, const char *name, gboolean alias, GPtrArray *addrs)
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
  nns_out(io, "%s: flags=%d<%s>  mtu %u\n", name, (int) (gint16) (l->flags & 0xffff), flags->str, l->mtu);
  gboolean have_inet = FALSE;
  for (guint i = 0; i < addrs->len; i++) {
    const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->ifindex != l->ifindex)
      continue;
    char buf[NNS_INET_STRLEN], mask[NNS_INET_STRLEN], brd[NNS_INET_STRLEN];
    if (a->family == AF_INET) {
      /* SIOCGIFADDR: the first address labelled with the name asked for */
      if (have_inet || !g_str_equal(a->label[0] ? a->label : l->name, name))
        continue;
      have_inet = TRUE;
      NnsInet m = nns_inet4(a->prefixlen ? 0xffffffffu << (32 - a->prefixlen) : 0);
      nns_out(io, "        inet %s  netmask %s", nns_inet_format(&a->local, buf), nns_inet_format(&m, mask));
      if (l->flags & IFF_BROADCAST) {
        NnsInet zero = nns_inet4(0);
        nns_out(io, "  broadcast %s", nns_inet_format(a->has_broadcast ? &a->broadcast : &zero, brd));
      }
      nns_out(io, "\n");
    } else if (!alias) {
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
  if (alias) {
    nns_out(io, "\n");
    return;
  }
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

/* One interface as net-tools lists them: a device, or an alias (an IPv4
 * label other than its device's name, which SIOCGIFCONF names). */
typedef struct {
  const char *name;
  const NnsLinkRecord *link;
  gboolean alias;
} Iface;

static gint
by_name(gconstpointer pa, gconstpointer pb)
{
  const Iface *a = pa, *b = pb;
  return nstrcmp(a->name, b->name);
}

/* ife_print_short */
static void
print_short(NnsIo *io, const NnsLinkRecord *l, const char *name, gboolean alias)
{
  nns_out(io, "%-15.15s %5u ", name, l->mtu);
  if (alias) {
    nns_out(io, "%-56s", "     - no statistics available -");
  } else {
    nns_out(io, "%8" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %-6u ", l->stats.rx_packets,
            l->stats.rx_errors, l->stats.rx_dropped, 0u);
    nns_out(io, "%8" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6u ", l->stats.tx_packets,
            l->stats.tx_errors, l->stats.tx_dropped, 0u);
  }
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

static const NnsLinkRecord *
link_named(GPtrArray *links, const char *name)
{
  for (guint i = 0; i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (g_str_equal(l->name, name))
      return l;
  }
  return NULL;
}

/* for_all_interfaces: /proc/net/dev's devices and SIOCGIFCONF's labels,
 * in nstrcmp order; `only` names one (an alias of an existing device is
 * shown even without an address). */
int
nns_ifconfig_list(NnsShell *sh, int pid, NnsIo *io, gboolean all, gboolean shortfmt, const char *only)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, &error);
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, 0, &error);
  if (!links || !addrs)
    return 1;
  g_autoptr(GArray) list = g_array_new(FALSE, TRUE, sizeof(Iface));
  for (guint i = 0; i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    Iface it = { l->name, l, FALSE };
    g_array_append_val(list, it);
  }
  for (guint i = 0; i < addrs->len; i++) {
    const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->family != AF_INET || !a->label[0])
      continue;
    const NnsLinkRecord *l = NULL;
    for (guint j = 0; j < links->len && !l; j++)
      if (((NnsLinkRecord *) g_ptr_array_index(links, j))->ifindex == a->ifindex)
        l = g_ptr_array_index(links, j);
    gboolean known = FALSE;
    for (guint j = 0; j < list->len && !known; j++)
      known = g_str_equal(g_array_index(list, Iface, j).name, a->label);
    if (l && !known) {
      Iface it = { a->label, l, TRUE };
      g_array_append_val(list, it);
    }
  }
  g_autofree char *base = only ? g_strdup(only) : NULL;
  if (base && strchr(base, ':')) {
    *strchr(base, ':') = '\0';
    const NnsLinkRecord *l = link_named(links, base);
    gboolean listed = FALSE;
    for (guint j = 0; j < list->len && !listed; j++)
      listed = g_str_equal(g_array_index(list, Iface, j).name, only);
    if (l && !listed) {
      Iface it = { only, l, TRUE };
      g_array_append_val(list, it);
    }
  }
  g_array_sort(list, by_name);
  gboolean found = FALSE;
  for (guint i = 0; i < list->len; i++) {
    const Iface *it = &g_array_index(list, Iface, i);
    if (only ? !g_str_equal(only, it->name) : (!all && !(it->link->flags & IFF_UP)))
      continue;
    found = TRUE;
    if (shortfmt)
      print_short(io, it->link, it->name, it->alias);
    else
      print_one(io, it->link, it->name, it->alias, addrs);
  }
  if (only && !found) {
    nns_err(io, "%s: error fetching interface information: Device not found\n", only);
    return 1;
  }
  return 0;
}

int
nns_ifconfig_show(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
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
  if (shortfmt)
    nns_out(io, "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n");
  return nns_ifconfig_list(sh, pid, io, all, shortfmt, only);
}
