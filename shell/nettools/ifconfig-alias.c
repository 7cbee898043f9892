/* `ifconfig DEV:LABEL ...` (net-tools 2.10): an alias is an IPv4 address
 * labelled DEV:LABEL.  Each word becomes the ioctl net-tools sends, and
 * devinet_ioctl's rules apply: the address is found by its label (cut to
 * IFNAMSIZ - 1); SIOCSIFADDR creates it with its class's mask, or
 * replaces a different one; SIOCSIFNETMASK and SIOCSIFBRDADDR need it to
 * exist; SIOCSIFFLAGS on a label only ever deletes it (when the flags
 * lack IFF_UP); MTU and hardware address go to the device.  Messages and
 * statuses as recorded in fixtures/oracle/ifconfig-alias: an ioctl's
 * failure sets status 1, a flag change's 255 (net-tools ORs -1 in). */
#include "shell/nettools/nettools.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  NnsShell *sh;
  int pid;
  NnsIo *io;
  char name[IFNAMSIZ];        /* the label, as the kernel keeps it */
  NnsLinkRecord *link;        /* the device before the colon, or NULL */
} Alias;

static NnsBackend *
be_of(const Alias *a)
{
  return a->sh->backend;
}

/* The address labelled a->name, or NULL. */
static NnsAddrRecord *
find_ifa(const Alias *a)
{
  g_autoptr(GPtrArray) addrs = be_of(a)->ops->addr_dump(be_of(a), a->pid, AF_INET, NULL);
  for (guint i = 0; addrs && i < addrs->len; i++) {
    NnsAddrRecord *r = g_ptr_array_index(addrs, i);
    if (r->ifindex == a->link->ifindex && g_str_equal(r->label, a->name))
      return g_memdup2(r, sizeof *r);
  }
  return NULL;
}

static void
del_ifa(const Alias *a, const NnsAddrRecord *r)
{
  NnsAddrChange del = { .ifindex = r->ifindex, .local = r->local, .prefixlen = r->prefixlen, .has_peer_prefix = TRUE };
  be_of(a)->ops->addr_delete(be_of(a), a->pid, &del, NULL);
}

/* inet_insert_ifa of an address as the ioctls leave it. */
static int
insert_ifa(const Alias *a, const NnsInet *local, guint8 plen, const NnsInet *brd, guint8 scope)
{
  NnsAddrChange req = { .ifindex = a->link->ifindex, .local = *local, .prefixlen = plen, .has_peer_prefix = TRUE,
                        .has_broadcast = nns_inet4_host(brd) != 0, .broadcast = *brd, .has_scope = TRUE,
                        .scope = scope, .label = a->name };
  g_autoptr(GError) error = NULL;
  if (!be_of(a)->ops->addr_add(be_of(a), a->pid, &req, FALSE, &error))
    return error->code;
  return 0;
}

static guint32
mask_of(guint8 plen)
{
  return plen ? 0xffffffffu << (32 - plen) : 0;
}

/* inet_abc_len: the class's prefix; -1 for a multicast address. */
static int
abc_len(guint32 h)
{
  if ((h >> 24) == 0 || h == 0xffffffffu)
    return 0;
  if (!(h & 0x80000000u))
    return 8;
  if ((h & 0xc0000000u) == 0x80000000u)
    return 16;
  if ((h & 0xe0000000u) == 0xc0000000u)
    return 24;
  if ((h & 0xf0000000u) == 0xf0000000u)
    return 32;
  return -1;
}

static int
fail(const Alias *a, const char *ioctl_name, int err)
{
  nns_err(a->io, "%s: %s\n", ioctl_name, g_strerror(err));
  return 1;
}

static int
set_addr(const Alias *a, const NnsInet *addr)
{
  if (!a->link)
    return fail(a, "SIOCSIFADDR", ENODEV);
  guint32 h = nns_inet4_host(addr);
  int plen = abc_len(h);
  if (plen < 0)
    return fail(a, "SIOCSIFADDR", EINVAL);
  g_autofree NnsAddrRecord *old = find_ifa(a);
  if (old && nns_inet_equal(&old->local, addr))
    return 0;
  if (old)
    del_ifa(a, old);
  if (h == 0)   /* inet_insert_ifa drops an address 0.0.0.0 */
    return 0;
  NnsInet brd = nns_inet4((a->link->flags & IFF_BROADCAST) && plen < 31 ? h | ~mask_of((guint8) plen) : 0);
  guint8 scope = (h >> 24) == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
  int err = insert_ifa(a, addr, (guint8) plen, &brd, scope);
  return err ? fail(a, "SIOCSIFADDR", err) : 0;
}

static int
set_netmask(const Alias *a, guint32 mask)
{
  if (!a->link)
    return fail(a, "SIOCSIFNETMASK", ENODEV);
  g_autofree NnsAddrRecord *old = find_ifa(a);
  if (!old)
    return fail(a, "SIOCSIFNETMASK", EADDRNOTAVAIL);
  if (~mask & (~mask + 1))     /* bad_mask: not contiguous */
    return fail(a, "SIOCSIFNETMASK", EINVAL);
  guint32 old_mask = mask_of(old->prefixlen);
  if (mask == old_mask)
    return 0;
  guint8 plen = 0;
  while (plen < 32 && (mask & (0x80000000u >> plen)))
    plen++;
  guint32 local = nns_inet4_host(&old->local);
  guint32 brd = old->has_broadcast ? nns_inet4_host(&old->broadcast) : 0;
  /* A broadcast address that followed the old mask follows the new one. */
  if ((a->link->flags & IFF_BROADCAST) && plen < 31 && brd == (local | ~old_mask))
    brd = local | ~mask;
  del_ifa(a, old);
  NnsInet b = nns_inet4(brd);
  int err = insert_ifa(a, &old->local, plen, &b, old->scope);
  return err ? fail(a, "SIOCSIFNETMASK", err) : 0;
}

static int
set_broadcast(const Alias *a, const NnsInet *brd)
{
  if (!a->link)
    return fail(a, "SIOCSIFBRDADDR", ENODEV);
  g_autofree NnsAddrRecord *old = find_ifa(a);
  if (!old)
    return fail(a, "SIOCSIFBRDADDR", EADDRNOTAVAIL);
  if (old->has_broadcast && nns_inet_equal(&old->broadcast, brd))
    return 0;
  del_ifa(a, old);
  int err = insert_ifa(a, &old->local, old->prefixlen, brd, old->scope);
  return err ? fail(a, "SIOCSIFBRDADDR", err) : 0;
}

/* net-tools' set_flag/clr_flag: SIOCGIFFLAGS (the device's flags), then
 * SIOCSIFFLAGS on the label: -1 on failure. */
static int
change_flags(const Alias *a, guint set, guint clear)
{
  if (!a->link) {
    nns_err(a->io, "%s: ERROR while getting interface flags: No such device\n", a->name);
    return -1;
  }
  guint flags = (a->link->flags | set) & ~clear;
  g_autofree NnsAddrRecord *ifa = find_ifa(a);
  if (!ifa) {
    fail(a, "SIOCSIFFLAGS", EADDRNOTAVAIL);
    return -1;
  }
  if (!(flags & IFF_UP))
    del_ifa(a, ifa);
  return 0;
}

static int
link_change(const Alias *a, const NnsLinkChange *ch, const char *ioctl_name)
{
  if (!a->link)
    return fail(a, ioctl_name, ENODEV);
  g_autoptr(GError) error = NULL;
  if (!be_of(a)->ops->link_change(be_of(a), a->pid, a->link->ifindex, ch, &error))
    return fail(a, ioctl_name, error->code);
  return 0;
}

static const struct {
  const char *word;
  guint set, clear;
} flag_words[] = {
  { "up", IFF_UP | IFF_RUNNING, 0 }, { "down", 0, IFF_UP },
  { "arp", 0, IFF_NOARP }, { "-arp", IFF_NOARP, 0 },
  { "promisc", IFF_PROMISC, 0 }, { "-promisc", 0, IFF_PROMISC },
  { "allmulti", IFF_ALLMULTI, 0 }, { "-allmulti", 0, IFF_ALLMULTI },
  { "multicast", IFF_MULTICAST, 0 }, { "-multicast", 0, IFF_MULTICAST },
  { "dynamic", IFF_DYNAMIC, 0 }, { "-dynamic", 0, IFF_DYNAMIC },
  { "trailers", 0, IFF_NOTRAILERS }, { "-trailers", IFF_NOTRAILERS, 0 },
};

static gboolean
parse_ipv4(const char *text, NnsInet *out)
{
  return nns_inet_parse(text, out) && out->family == AF_INET;
}

static int
lookup_failure(const Alias *a, const char *word)
{
  nns_err(a->io, "%s: Host name lookup failure\nifconfig: `--help' gives usage information.\n", word);
  return 1;
}

/* An address word: SIOCSIFADDR, SIOCSIFNETMASK for /LEN, then the flags
 * up, but not for 0.0.0.0 (which deletes an alias). */
static int
address_word(const Alias *a, const char *word)
{
  g_autofree char *copy = g_strdup(word);
  char *slash = strchr(copy, '/');
  if (slash)
    *slash++ = '\0';
  NnsInet addr;
  parse_ipv4(copy, &addr);    /* checked by the caller */
  int goterr = set_addr(a, &addr);
  if (slash) {
    char *end = NULL;
    long plen = strtol(slash, &end, 10);
    if (*slash && !*end && plen >= 0 && plen <= 32 && set_netmask(a, mask_of((guint8) plen)))
      goterr = 1;
  }
  if (nns_inet4_host(&addr) != 0)
    goterr |= change_flags(a, IFF_UP | IFF_RUNNING, 0);
  return goterr;
}

int
nns_ifconfig_alias(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  Alias a = { .sh = sh, .pid = pid, .io = io };
  g_strlcpy(a.name, argv[1], sizeof a.name);
  g_autofree char *base = g_strndup(a.name, strcspn(a.name, ":"));
  a.link = sh->backend->ops->link_get(sh->backend, pid, base, NULL);
  int goterr = 0;
  for (int i = 2; i < argc; i++) {
    const char *w = argv[i];
    gboolean flag_word = FALSE;
    for (gsize k = 0; k < G_N_ELEMENTS(flag_words) && !flag_word; k++) {
      if (g_str_equal(w, flag_words[k].word)) {
        goterr |= change_flags(&a, flag_words[k].set, flag_words[k].clear);
        flag_word = TRUE;
      }
    }
    if (flag_word)
      continue;
    if (g_str_equal(w, "netmask") && i + 1 < argc) {
      NnsInet m;
      if (!parse_ipv4(argv[++i], &m)) {
        goterr = lookup_failure(&a, argv[i]);
        break;
      }
      goterr |= set_netmask(&a, nns_inet4_host(&m));
    } else if (g_str_equal(w, "broadcast") && i + 1 < argc) {
      NnsInet b;
      if (!parse_ipv4(argv[++i], &b)) {
        goterr = lookup_failure(&a, argv[i]);
        break;
      }
      goterr |= set_broadcast(&a, &b);
      goterr |= change_flags(&a, IFF_BROADCAST, 0);
    } else if (g_str_equal(w, "mtu") && i + 1 < argc) {
      NnsLinkChange ch = { .mask = NNS_LINK_SET_MTU, .mtu = (guint) strtoul(argv[++i], NULL, 10) };
      goterr |= link_change(&a, &ch, "SIOCSIFMTU");
    } else if (g_str_equal(w, "hw") && i + 2 < argc && g_str_equal(argv[i + 1], "ether")) {
      NnsLinkChange ch = { .mask = NNS_LINK_SET_ADDRESS };
      unsigned int m[6];
      if (sscanf(argv[i + 2], "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6) {
        nns_err(io, "%s: invalid ether address.\n", argv[i + 2]);
        goterr = 1;
        break;
      }
      for (int k = 0; k < 6; k++)
        ch.addr[k] = (guint8) m[k];
      i += 2;
      goterr |= link_change(&a, &ch, "SIOCSIFHWADDR");
    } else {
      g_autofree char *host = g_strndup(w, strcspn(w, "/"));
      NnsInet addr;
      if (!parse_ipv4(host, &addr)) {
        goterr = lookup_failure(&a, host);   /* net-tools gives up at once */
        break;
      }
      goterr |= address_word(&a, w);
    }
  }
  nns_link_record_free(a.link);
  return goterr & 0xff;
}
