/* `ip maddr`: iproute2 6.1's ip/ipmaddr.c.  The list is what the kernel's
 * /proc/net/dev_mcast, igmp and igmp6 hold (the backend's maddr_dump), each
 * entry put after every one of a lower or equal ifindex (maddr_ins); add
 * and del are SIOCADDMULTI / SIOCDELMULTI of a link-layer address. */
#include "shell/ip/ip-common.h"

#include <errno.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>

static int
usage(NnsIpCall *c)
{
  nns_err(c->io, "Usage: ip maddr [ add | del ] MULTIADDR dev STRING\n"
                 "       ip maddr show [ dev STRING ]\n");
  return 255;
}

static int
incomplete(NnsIpCall *c)
{
  nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
  return 255;
}

static gint
by_index(gconstpointer a, gconstpointer b)
{
  const NnsMaddrRecord *x = *(NnsMaddrRecord *const *) a, *y = *(NnsMaddrRecord *const *) b;
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

static gboolean
wanted(const NnsIpCall *c, const NnsMaddrRecord *m)
{
  return !c->opts.family || c->opts.family == m->family;
}

/* print_maddr */
static void
print_one(NnsPrinter *p, const NnsMaddrRecord *m)
{
  nns_print_string(p, NNS_PRINT_FP, NULL, "%s", "\t");
  nns_print_open_object(p, NULL);
  if (m->family == AF_PACKET) {
    char mac[18];
    nns_ip_format_mac(m->addr, mac);
    nns_print_string(p, NNS_PRINT_FP, NULL, "%s", "link  ");
    nns_print_string(p, NNS_PRINT_ANY, "link", "%s", mac);
  } else {
    NnsInet a = { .family = m->family };
    memcpy(a.bytes, m->addr, m->family == AF_INET ? 4 : 16);
    char buf[NNS_INET_STRLEN];
    nns_print_string(p, NNS_PRINT_ANY, "family", "%-5s ", m->family == AF_INET ? "inet" : "inet6");
    nns_print_string(p, NNS_PRINT_ANY, "address", "%s", nns_inet_format(&a, buf));
  }
  if (m->users != 1)
    nns_print_uint(p, NNS_PRINT_ANY, "users", " users %u", m->users);
  if (m->is_static)
    nns_print_string(p, NNS_PRINT_ANY, "features", " %s", "static");
  nns_print_string(p, NNS_PRINT_FP, NULL, "%s", "\n");
  nns_print_close_object(p);
}

static int
maddr_list(NnsIpCall *c, int argc, char **argv)
{
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "dev")) {
      if (++i >= argc)
        return incomplete(c);
    } else if (nns_ip_matches(argv[i], "help")) {
      return usage(c);
    }
    if (dev) {
      nns_err(c->io, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", argv[i]);
      return 255;
    }
    dev = argv[i];
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = c->be->ops->maddr_dump(c->be, c->pid, &error);
  g_autoptr(GPtrArray) list = g_ptr_array_new();
  for (guint i = 0; all && i < all->len; i++) {
    NnsMaddrRecord *m = all->pdata[i];
    if (wanted(c, m) && (!dev || g_str_equal(dev, m->ifname)))
      g_ptr_array_add(list, m);
  }
  g_ptr_array_sort(list, by_index);   /* stable: maddr_ins keeps the files' order */
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, FALSE);
  nns_print_begin_dump(&p);
  int cur = 0;
  for (guint i = 0; i < list->len; i++) {
    const NnsMaddrRecord *m = list->pdata[i];
    if (m->ifindex != cur || c->opts.oneline) {
      if (cur) {
        nns_print_close_array(&p, NNS_PRINT_JSON, NULL);
        nns_print_close_object(&p);
      }
      nns_print_open_object(&p, NULL);
      nns_print_uint(&p, NNS_PRINT_ANY, "ifindex", "%u:", (guint) m->ifindex);
      nns_print_string(&p, NNS_PRINT_ANY, "ifname", "\t%s", m->ifname);
      nns_print_string(&p, NNS_PRINT_FP, NULL, "%s", c->opts.oneline ? "\\" : "\n");
      nns_print_open_array(&p, NNS_PRINT_JSON, "maddr", NULL);
      cur = m->ifindex;
    }
    print_one(&p, m);
  }
  if (cur) {
    nns_print_close_array(&p, NNS_PRINT_JSON, NULL);
    nns_print_close_object(&p);
  }
  nns_print_end_dump(&p);
  return 0;
}

/* ll_addr_a2n: "aa:bb:..." byte by byte (sscanf's %x), or a dotted IPv4
 * address; -1 after its message. */
static int
ll_addr_a2n(NnsIpCall *c, guint8 out[14], const char *text)
{
  if (strchr(text, '.')) {
    NnsInet a;
    if (!nns_inet_parse(text, &a) || a.family != AF_INET) {
      nns_err(c->io, "\"%s\" is invalid lladdr.\n", text);
      return -1;
    }
    memcpy(out, a.bytes, 4);
    return 4;
  }
  g_autofree char *copy = g_strdup(text);
  char *arg = copy;
  int i;
  for (i = 0; i < 14; i++) {
    char *cp = strchr(arg, ':');
    if (cp)
      *cp++ = '\0';
    unsigned int v;
    if (sscanf(arg, "%x", &v) != 1 || v > 255) {
      nns_err(c->io, "\"%s\" is invalid lladdr.\n", arg);
      return -1;
    }
    out[i] = (guint8) v;
    if (!cp)
      break;
    arg = cp;
  }
  return i + 1;
}

static int
maddr_modify(NnsIpCall *c, gboolean add, int argc, char **argv)
{
  const char *dev = NULL;
  guint8 addr[14] = { 0 };
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "dev")) {
      if (++i >= argc)
        return incomplete(c);
      if (dev) {
        nns_err(c->io, "Error: duplicate \"dev\": \"%s\" is the second value.\n", argv[i]);
        return 255;
      }
      if (!*argv[i] || strlen(argv[i]) > NNS_NAME_MAX_TEXT || strpbrk(argv[i], "/ \t\n"))
        return nns_ip_invarg(c, "\"dev\" not a valid ifname", argv[i]);
      dev = argv[i];
      continue;
    }
    if (nns_ip_matches(argv[i], "address") && ++i >= argc)
      return incomplete(c);
    if (nns_ip_matches(argv[i], "help"))
      return usage(c);
    if (addr[0]) {
      nns_err(c->io, "Error: duplicate \"address\": \"%s\" is the second value.\n", argv[i]);
      return 255;
    }
    int len = ll_addr_a2n(c, addr, argv[i]);
    if (len < 0)
      return 1;
    if (len != 6) {
      nns_err(c->io, "Error: Invalid address length %d - must be 6 bytes\n", len);
      return 1;
    }
  }
  if (!dev) {
    nns_err(c->io, "Not enough information: \"dev\" is required.\n");
    return 255;
  }
  g_autoptr(GError) error = NULL;
  NnsLinkRecord *l = c->be->ops->link_get(c->be, c->pid, dev, NULL);
  int ifindex = l ? l->ifindex : 0;
  if (l)
    nns_link_record_free(l);
  if (!ifindex)
    g_set_error_literal(&error, NNS_ERROR, ENODEV, "");
  else
    c->be->ops->maddr_change(c->be, c->pid, ifindex, addr, add, &error);
  if (error) {
    nns_err(c->io, "ioctl: %s\n", g_strerror(error->code));
    return 1;
  }
  return 0;
}

int
nns_ip_maddr(NnsIpCall *c, int argc, char **argv)
{
  if (argc < 1)
    return maddr_list(c, 0, NULL);
  if (nns_ip_matches(argv[0], "add") || nns_ip_matches(argv[0], "delete"))
    return maddr_modify(c, nns_ip_matches(argv[0], "add"), argc - 1, argv + 1);
  if (nns_ip_matches(argv[0], "list") || nns_ip_matches(argv[0], "show") || nns_ip_matches(argv[0], "lst"))
    return maddr_list(c, argc - 1, argv + 1);
  if (nns_ip_matches(argv[0], "help"))
    return usage(c);
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip maddr help\".\n", argv[0]);
  return 255;
}
