/* net-tools 2.10 `ifconfig`, configuring form: DEV [ADDR[/LEN]] [netmask M]
 * [broadcast B] [mtu N] [up|down].  The ioctls become rtnetlink requests. */
#include "shell/nettools/nettools.h"
#include "shell/ip/ip-common.h"

#include <errno.h>
#include <linux/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
set_flags(NnsShell *sh, int pid, int ifindex, guint mask, NnsIo *io, const char *dev)
{
  NnsLinkChange ch = { .mask = mask };
  g_autoptr(GError) error = NULL;
  if (!sh->backend->ops->link_change(sh->backend, pid, ifindex, &ch, &error)) {
    nns_err(io, "SIOCSIFFLAGS: %s\n", g_strerror(error->code));
    (void) dev;
    return 1;
  }
  return 0;
}

/* set_flag / clr_flag: SIOCGIFFLAGS, then SIOCSIFFLAGS with one bit changed. */
static int
set_iff(NnsShell *sh, int pid, int ifindex, guint flag, gboolean on, NnsIo *io)
{
  NnsLinkChange ch = { .flags = on ? flag : 0, .flags_change = flag };
  g_autoptr(GError) error = NULL;
  if (!sh->backend->ops->link_change(sh->backend, pid, ifindex, &ch, &error)) {
    nns_err(io, "SIOCSIFFLAGS: %s\n", g_strerror(error->code));
    return 1;
  }
  return 0;
}

/* The flag words: "WORD" sets the flag and "-WORD" clears it, but for arp
 * and trailers, which clear NOARP and NOTRAILERS. */
static const struct {
  const char *word;
  guint flag;
  gboolean plain_sets;
} flag_words[] = {
  { "promisc", IFF_PROMISC, TRUE },     { "allmulti", IFF_ALLMULTI, TRUE },
  { "multicast", IFF_MULTICAST, TRUE }, { "dynamic", IFF_DYNAMIC, TRUE },
  { "arp", IFF_NOARP, FALSE },          { "trailers", IFF_NOTRAILERS, FALSE },
};

/* -1 when `w` is no flag word, else the exit status of the change. */
static int
flag_word(NnsShell *sh, int pid, int ifindex, const char *w, NnsIo *io)
{
  gboolean minus = w[0] == '-';
  for (gsize i = 0; i < G_N_ELEMENTS(flag_words); i++)
    if (g_str_equal(w + minus, flag_words[i].word))
      return set_iff(sh, pid, ifindex, flag_words[i].flag, minus != flag_words[i].plain_sets, io);
  return -1;
}

/* SIOCSIFADDR replaces the device's primary address; the broadcast address
 * follows the netmask as the kernel's devinet_ioctl computes it. */
static int
set_address(NnsShell *sh, int pid, int ifindex, const NnsInet *addr, guint8 plen, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, AF_INET, &error);
  for (guint i = 0; addrs && i < addrs->len; i++) {
    NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->ifindex != ifindex)
      continue;
    NnsAddrChange del = { .ifindex = ifindex, .local = a->local, .prefixlen = a->prefixlen, .has_peer_prefix = TRUE };
    be->ops->addr_delete(be, pid, &del, NULL);
    break;
  }
  /* __inet_insert_ifa drops an address 0.0.0.0: the old one is gone. */
  if (nns_inet4_host(addr) == 0)
    return 0;
  NnsAddrChange req = { .ifindex = ifindex, .local = *addr, .prefixlen = plen, .has_broadcast = plen < 31 };
  req.broadcast = *addr;
  nns_inet_fill_host(&req.broadcast, plen);
  if (!be->ops->addr_add(be, pid, &req, FALSE, &error)) {
    nns_err(io, "SIOCSIFADDR: %s\n", g_strerror(error->code));
    return 1;
  }
  return 0;
}

/* SIOCSIFBRDADDR: a new broadcast address re-inserts the primary
 * address with it. */
static int
set_broadcast(NnsShell *sh, int pid, int ifindex, const NnsInet *brd, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, AF_INET, &error);
  for (guint i = 0; addrs && i < addrs->len; i++) {
    NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    if (a->ifindex != ifindex)
      continue;
    if (a->has_broadcast && nns_inet_equal(&a->broadcast, brd))
      return 0;
    NnsAddrChange del = { .ifindex = ifindex, .local = a->local, .prefixlen = a->prefixlen, .has_peer_prefix = TRUE };
    be->ops->addr_delete(be, pid, &del, NULL);
    NnsAddrChange req = { .ifindex = ifindex, .local = a->local, .prefixlen = a->prefixlen, .has_broadcast = TRUE,
                          .broadcast = *brd };
    if (!be->ops->addr_add(be, pid, &req, FALSE, &error)) {
      nns_err(io, "SIOCSIFBRDADDR: %s\n", g_strerror(error->code));
      return 1;
    }
    return 0;
  }
  /* No address: devinet_ioctl answers EADDRNOTAVAIL. */
  nns_err(io, "SIOCSIFBRDADDR: %s\n", g_strerror(EADDRNOTAVAIL));
  return 1;
}

static guint8
classful_prefix(const NnsInet *a)
{
  guint8 first = a->bytes[0];
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

static int
mask_to_prefix(const char *text)
{
  NnsInet m;
  if (!nns_inet_parse(text, &m) || m.family != AF_INET)
    return -1;
  guint32 v = nns_inet4_host(&m);
  int n = 0;
  while (n < 32 && (v & (0x80000000u >> n)))
    n++;
  return (v << n) == 0 || n == 32 ? n : -1;
}

int
nns_cmd_ifconfig(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  /* Options (-a, -s, -v) come first: then only an interface may follow. */
  if (argc < 2 || argv[1][0] == '-' || argc == 2)
    return nns_ifconfig_show(sh, pid, argc, argv, io);
  const char *dev = argv[1];
  if (strchr(dev, ':'))
    return nns_ifconfig_alias(sh, pid, argc, argv, io);
  NnsIpCall call = { .sh = sh, .be = sh->backend, .pid = pid, .io = io };
  g_autoptr(GError) error = NULL;
  NnsLinkRecord *rec = sh->backend->ops->link_get(sh->backend, pid, dev, &error);
  if (!rec) {
    nns_err(io, "%s: ERROR while getting interface flags: No such device\n", dev);
    return 255;
  }
  int ifindex = rec->ifindex;
  nns_link_record_free(rec);
  (void) call;
  int rc = 0;
  for (int i = 2; i < argc && rc == 0; i++) {
    const char *w = argv[i];
    int frc = flag_word(sh, pid, ifindex, w, io);
    if (frc >= 0) {
      rc = frc;
    } else if (g_str_equal(w, "up")) {
      rc = set_flags(sh, pid, ifindex, NNS_LINK_SET_UP, io, dev);
    } else if (g_str_equal(w, "down")) {
      rc = set_flags(sh, pid, ifindex, NNS_LINK_SET_DOWN, io, dev);
    } else if (g_str_equal(w, "mtu") && i + 1 < argc) {
      NnsLinkChange ch = { .mask = NNS_LINK_SET_MTU, .mtu = (guint) strtoul(argv[++i], NULL, 10) };
      if (!sh->backend->ops->link_change(sh->backend, pid, ifindex, &ch, &error)) {
        nns_err(io, "SIOCSIFMTU: %s\n", g_strerror(error->code));
        rc = 1;
      }
    } else if (g_str_equal(w, "hw") && i + 2 < argc && g_str_equal(argv[i + 1], "ether")) {
      NnsLinkChange ch = { .mask = NNS_LINK_SET_ADDRESS };
      unsigned int m[6];
      if (sscanf(argv[i + 2], "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6) {
        nns_err(io, "%s: invalid ether address.\n", argv[i + 2]);
        return 1;
      }
      for (int k = 0; k < 6; k++)
        ch.addr[k] = (guint8) m[k];
      i += 2;
      if (!sh->backend->ops->link_change(sh->backend, pid, ifindex, &ch, &error)) {
        nns_err(io, "SIOCSIFHWADDR: %s\n", g_strerror(error->code));
        rc = 1;
      }
    } else if (g_str_equal(w, "broadcast") && i + 1 < argc) {
      NnsInet brd;
      if (!nns_inet_parse(argv[++i], &brd) || brd.family != AF_INET) {
        nns_err(io, "%s: Unknown host\nifconfig: `--help' gives usage information.\n", argv[i]);
        return 1;
      }
      rc = set_broadcast(sh, pid, ifindex, &brd, io);
    } else if (g_str_equal(w, "netmask") && i + 1 < argc) {
      int plen = mask_to_prefix(argv[++i]);
      g_autoptr(GPtrArray) addrs = sh->backend->ops->addr_dump(sh->backend, pid, AF_INET, NULL);
      for (guint j = 0; plen >= 0 && addrs && j < addrs->len; j++) {
        NnsAddrRecord *a = g_ptr_array_index(addrs, j);
        if (a->ifindex == ifindex) {
          rc = set_address(sh, pid, ifindex, &a->local, (guint8) plen, io);
          break;
        }
      }
    } else {
      g_autofree char *copy = g_strdup(w);
      char *slash = strchr(copy, '/');
      if (slash)
        *slash++ = '\0';
      NnsInet addr;
      if (!nns_inet_parse(copy, &addr) || addr.family != AF_INET) {
        nns_err(io, "%s: Unknown host\nifconfig: `--help' gives usage information.\n", w);
        return 1;
      }
      guint8 plen = slash ? (guint8) atoi(slash) : classful_prefix(&addr);
      rc = set_address(sh, pid, ifindex, &addr, plen, io);
      /* net-tools brings the interface up along with its address. */
      if (rc == 0)
        rc = set_flags(sh, pid, ifindex, NNS_LINK_SET_UP, io, dev);
    }
  }
  return rc;
}
