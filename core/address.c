#include "core/address.h"
#include "core/conf.h"
#include "core/device.h"
#include "core/netns.h"
#include "core/route.h"
#include "core/world.h"
#include "core/error.h"
#include "core/fib.h"
#include "core/mcast.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <string.h>

/* Duplicate address detection: one probe after at most the solicitation
 * delay; a fixed figure keeps the simulation deterministic. */
#define DAD_US 1500000

static guint8
default_scope(const NnsInet *local)
{
  if (local->family == AF_INET)
    return local->bytes[0] == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
  if (local->bytes[0] == 0xfe && (local->bytes[1] & 0xc0) == 0x80)
    return RT_SCOPE_LINK;
  static const guint8 loopback[16] = { [15] = 1 };
  if (memcmp(local->bytes, loopback, 16) == 0)
    return RT_SCOPE_HOST;
  return RT_SCOPE_UNIVERSE;
}

guint32
nns_address_flags(const NnsAddress *addr)
{
  guint32 flags = addr->flags;
  if (addr->local.family != AF_INET6)
    return flags;
  if (addr->dad_done_us > addr->dev->ns->world->clock_us)
    flags |= IFA_F_TENTATIVE;
  /* addrconf_dad_begin: DAD waits for the link to be ready (IF_READY);
   * meanwhile the address stays tentative, unless nodad or the device
   * does no DAD (NOARP, loopback). */
  const NnsDevice *dev = addr->dev;
  if (!dev->ipv6_ready && addr->dad_done_us == 0 && !(addr->flags & IFA_F_NODAD) &&
      !(dev->iff & (IFF_NOARP | IFF_LOOPBACK)))
    flags |= IFA_F_TENTATIVE;
  return flags;
}

static NnsAddress *
address_new(NnsDevice *dev, const NnsAddressSpec *spec)
{
  NnsAddress *a = g_new0(NnsAddress, 1);
  a->dev = dev;
  a->local = spec->local;
  a->prefixlen = spec->prefixlen;
  a->scope = spec->scope == NNS_SCOPE_DEFAULT ? default_scope(&spec->local) : spec->scope;
  a->has_broadcast = spec->has_broadcast;
  a->broadcast = spec->broadcast;
  g_strlcpy(a->label, spec->label ? spec->label : dev->name, sizeof a->label);
  /* Addresses with infinite lifetimes are permanent (set_ifa_lifetime). */
  a->flags = IFA_F_PERMANENT | (spec->flags & IFA_F_NOPREFIXROUTE);
  a->route_serial = nns_fib_take_serial(dev->ns->fib);
  return a;
}

/* inet_insert_ifa: a primary goes after the last primary of the same or
 * wider scope; an address in a primary's subnet becomes its secondary. */
static gboolean
insert_ipv4(NnsDevice *dev, NnsAddress *a, gboolean replace, GError **error)
{
  guint last_primary = 0;
  for (guint i = 0; i < dev->addrs4->len; i++) {
    NnsAddress *b = g_ptr_array_index(dev->addrs4, i);
    if (!(b->flags & IFA_F_SECONDARY) && a->scope <= b->scope)
      last_primary = i + 1;
    if (b->prefixlen == a->prefixlen && nns_inet_same_prefix(&a->local, &b->local, a->prefixlen)) {
      if (nns_inet_equal(&a->local, &b->local)) {
        if (replace) {
          b->has_broadcast = a->has_broadcast;
          b->broadcast = a->broadcast;
          g_free(a);
          return TRUE;
        }
        g_free(a);
        nns_set_extack(error, EEXIST, "ipv4: Address already assigned");
        return FALSE;
      }
      if (b->scope != a->scope) {
        g_free(a);
        nns_set_extack(error, EINVAL, "ipv4: Invalid scope value");
        return FALSE;
      }
      a->flags |= IFA_F_SECONDARY;
    }
  }
  g_ptr_array_insert(dev->addrs4, a->flags & IFA_F_SECONDARY ? (gint) dev->addrs4->len : (gint) last_primary, a);
  nns_routes_add_for_address(a);
  return TRUE;
}

/* ipv6_link_dev_addr: sorted by decreasing scope, newest first within one. */
static guint8
ipv6_scope_rank(const NnsAddress *a)
{
  switch (a->scope) {
  case RT_SCOPE_HOST: return 1;
  case RT_SCOPE_LINK: return 2;
  default: return 14;
  }
}

static void
insert_ipv6(NnsDevice *dev, NnsAddress *a)
{
  guint i = 0;
  for (; i < dev->addrs6->len; i++)
    if (ipv6_scope_rank(a) >= ipv6_scope_rank(g_ptr_array_index(dev->addrs6, i)))
      break;
  g_ptr_array_insert(dev->addrs6, i, a);
  nns_device_ipv6_changed(dev);
  nns_routes_add_for_address(a);
  /* addrconf_dad_begin joins the solicited-node group first, ready or not. */
  nns_mcast_addr_added(dev, &a->local);
}

/* Every IPv6 address of a device goes (down, disabled, unregistered). */
static void
clear_ipv6(NnsDevice *dev)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    nns_mcast_anycast_leave(dev, a);
    nns_mcast_addr_removed(dev, &a->local);
  }
  g_ptr_array_set_size(dev->addrs6, 0);
  nns_device_ipv6_changed(dev);
}

/* NOARP devices (dummy, ifb, or `arp off`) and lo skip duplicate address
 * detection (addrconf_dad_begin). */
static gboolean
does_dad(const NnsDevice *dev)
{
  return !(dev->iff & (IFF_NOARP | IFF_LOOPBACK));
}

static NnsAddress *
find_ipv6(NnsDevice *dev, const NnsInet *local)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *b = g_ptr_array_index(dev->addrs6, i);
    if (nns_inet_equal(&b->local, local))
      return b;
  }
  return NULL;
}

gboolean
nns_address_add(NnsDevice *dev, const NnsAddressSpec *spec, gboolean replace, GError **error)
{
  if (spec->local.family == AF_INET)
    return insert_ipv4(dev, address_new(dev, spec), replace, error);
  if (dev->disable_ipv6) {
    nns_set_extack(error, EACCES, "ipv6: IPv6 is disabled on this device");
    return FALSE;
  }
  if (find_ipv6(dev, &spec->local)) {
    if (replace)
      return TRUE;
    nns_set_extack(error, EEXIST, "ipv6: address already assigned");
    return FALSE;
  }
  NnsAddress *a = address_new(dev, spec);
  a->flags |= spec->flags & IFA_F_NODAD;
  /* A manual address on a device that is up starts DAD at once. */
  if (does_dad(dev) && dev->admin_up && !(a->flags & IFA_F_NODAD))
    a->dad_done_us = dev->ns->world->clock_us + DAD_US;
  insert_ipv6(dev, a);
  return TRUE;
}

static void
remove_address(GPtrArray *list, NnsAddress *a)
{
  nns_routes_del_for_address(a);
  nns_mcast_anycast_leave(a->dev, a);
  nns_mcast_addr_removed(a->dev, &a->local);
  if (list == a->dev->addrs6)
    nns_device_ipv6_changed(a->dev);
  g_ptr_array_remove(list, a);
}

static gboolean
in_subnet_of(const NnsAddress *s, const NnsAddress *a)
{
  return s->prefixlen == a->prefixlen && nns_inet_same_prefix(&s->local, &a->local, a->prefixlen);
}

/* __inet_del_ifa for a primary: without promote_secondaries its
 * secondaries go with it; with it, the first of them becomes the primary
 * (moved after the last primary of the same or a narrower scope, as the
 * kernel relinks it) and the subnet's routes are made again from it. */
static void
del_ipv4_primary(NnsDevice *dev, NnsAddress *a)
{
  GPtrArray *list = dev->addrs4;
  gboolean promote_on = nns_conf_dev(dev, AF_INET, "promote_secondaries") ||
                        nns_conf_all(dev->ns, AF_INET, "promote_secondaries");
  guint at = 0;
  g_ptr_array_find(list, a, &at);
  NnsAddress *last_prim = g_ptr_array_index(list, 0), *promote = NULL;
  gboolean moved = FALSE;
  for (guint j = at + 1; j < list->len;) {
    NnsAddress *s = g_ptr_array_index(list, j);
    if (!(s->flags & IFA_F_SECONDARY) && a->scope <= s->scope)
      last_prim = s;
    if (!(s->flags & IFA_F_SECONDARY) || !in_subnet_of(s, a)) {
      moved = TRUE; /* prev_prom: the promoted one is relinked */
      j++;
      continue;
    }
    if (promote_on) {
      promote = s;
      break;
    }
    remove_address(list, s);
  }
  if (!promote) {
    remove_address(list, a);
    return;
  }
  /* The subnet's secondaries lose their routes (their prefsrc was a's). */
  for (guint j = 0; j < list->len; j++) {
    NnsAddress *s = g_ptr_array_index(list, j);
    if (s != a && (s->flags & IFA_F_SECONDARY) && in_subnet_of(s, a))
      nns_routes_del_for_address(s);
  }
  /* When no primary after a qualifies, the promoted one takes a's place
   * (recorded: a link-scope head's secondary heads the list). */
  gboolean to_a = last_prim == a;
  remove_address(list, a);
  if (moved) {
    guint pi = 0;
    g_ptr_array_find(list, promote, &pi);
    g_ptr_array_steal_index(list, pi);
    guint lp = 0;
    if (!to_a)
      g_ptr_array_find(list, last_prim, &lp);
    g_ptr_array_insert(list, to_a ? (gint) at : (gint) lp + 1, promote);
  }
  promote->flags &= ~IFA_F_SECONDARY;
  nns_routes_add_for_address(promote);
  for (guint j = 0; j < list->len; j++) {
    NnsAddress *s = g_ptr_array_index(list, j);
    if ((s->flags & IFA_F_SECONDARY) && in_subnet_of(s, promote))
      nns_routes_add_for_address(s);
  }
}

gboolean
nns_address_del(NnsDevice *dev, const NnsInet *local, int prefixlen, GError **error)
{
  GPtrArray *list = local->family == AF_INET ? dev->addrs4 : dev->addrs6;
  for (guint i = 0; i < list->len; i++) {
    NnsAddress *a = g_ptr_array_index(list, i);
    if (!nns_inet_equal(&a->local, local) || (prefixlen >= 0 && a->prefixlen != prefixlen))
      continue;
    if (local->family == AF_INET && !(a->flags & IFA_F_SECONDARY))
      del_ipv4_primary(dev, a);
    else
      remove_address(list, a);
    return TRUE;
  }
  nns_set_extack(error, EADDRNOTAVAIL, local->family == AF_INET ? "ipv4: Address not found" : "ipv6: address not found");
  return FALSE;
}

void
nns_addresses_clear(NnsDevice *dev)
{
  g_ptr_array_set_size(dev->addrs4, 0);
  clear_ipv6(dev);
}

void
nns_addresses_relabel(NnsDevice *dev)
{
  for (guint i = 0; i < dev->addrs4->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs4, i);
    g_strlcpy(a->label, dev->name, sizeof a->label);
  }
}

void
nns_addresses_mtu_changed(NnsDevice *dev)
{
  (void) dev; /* IPv6 below 1280 bytes is not modelled yet. */
}

/* ------------------------------------------------------------------ */
/* addrconf                                                            */

static void
add_auto_flags(NnsDevice *dev, const NnsInet *local, guint8 plen, gboolean dad, guint32 flags)
{
  if (find_ipv6(dev, local))
    return;
  NnsAddressSpec spec = { .local = *local, .prefixlen = plen, .scope = NNS_SCOPE_DEFAULT };
  NnsAddress *a = address_new(dev, &spec);
  a->flags |= flags;
  if (dad)
    a->dad_done_us = dev->ns->world->clock_us + DAD_US;
  insert_ipv6(dev, a);
}

static void
add_auto(NnsDevice *dev, const NnsInet *local, guint8 plen, gboolean dad)
{
  add_auto_flags(dev, local, plen, dad, 0);
}

/* addrconf_addr_gen: the link-local address the device's addr_gen_mode
 * makes: EUI-64 from the MAC; none; random (a stable-privacy address
 * from a secret drawn once per device: an interface id drawn from the
 * world's seeded generator stands for the kernel's SHA-1 of it). */
static void
add_link_local(NnsDevice *dev)
{
  NnsInet ll = { .family = AF_INET6 };
  ll.bytes[0] = 0xfe;
  ll.bytes[1] = 0x80;
  int mode = nns_conf_dev(dev, AF_INET6, "addr_gen_mode");
  if (mode == IN6_ADDR_GEN_MODE_NONE)
    return;
  if (mode == IN6_ADDR_GEN_MODE_RANDOM || mode == IN6_ADDR_GEN_MODE_STABLE_PRIVACY) {
    if (!dev->ll_iid_set) {
      nns_world_random_bytes(dev->ns->world, dev->ll_iid, sizeof dev->ll_iid);
      dev->ll_iid_set = TRUE;
    }
    memcpy(ll.bytes + 8, dev->ll_iid, 8);
    add_auto_flags(dev, &ll, 64, does_dad(dev), IFA_F_STABLE_PRIVACY);
    return;
  }
  ll.bytes[8] = dev->mac[0] ^ 0x02;
  ll.bytes[9] = dev->mac[1];
  ll.bytes[10] = dev->mac[2];
  ll.bytes[11] = 0xff;
  ll.bytes[12] = 0xfe;
  ll.bytes[13] = dev->mac[3];
  ll.bytes[14] = dev->mac[4];
  ll.bytes[15] = dev->mac[5];
  add_auto(dev, &ll, 64, does_dad(dev));
}

void
nns_addrconf_dev_up(NnsDevice *dev)
{
  if (dev->kind == NNS_KIND_LOOPBACK) {
    /* inetdev_event(NETDEV_UP) gives lo 127.0.0.1/8; addrconf gives ::1. */
    NnsAddressSpec spec = { .prefixlen = 8, .scope = RT_SCOPE_HOST };
    spec.local = nns_inet4(0x7f000001);
    gboolean have = FALSE;
    for (guint i = 0; i < dev->addrs4->len; i++)
      have |= nns_inet_equal(&((NnsAddress *) g_ptr_array_index(dev->addrs4, i))->local, &spec.local);
    if (!have)
      nns_address_add(dev, &spec, FALSE, NULL);
    if (!dev->disable_ipv6) {
      NnsInet one = { .family = AF_INET6, .bytes = { [15] = 1 } };
      add_auto(dev, &one, 128, FALSE);
    }
    return;
  }
  if (dev->carrier)
    nns_addrconf_carrier_changed(dev);
}

void
nns_addrconf_dev_down(NnsDevice *dev)
{
  /* keep_addr_on_down is 0: every IPv6 address goes; rt6_sync_down_dev
   * takes the routes through the device (an ECMP sibling stays, dead,
   * while another of its group lives). */
  nns_routes_dev_down_family(dev, AF_INET6);
  clear_ipv6(dev);
  /* addrconf_ifdown: a device that was ready unloads its groups. */
  if (dev->ipv6_ready)
    nns_mcast_ipv6_down(dev);
  dev->ipv6_ready = FALSE;
}

void
nns_addrconf_carrier_changed(NnsDevice *dev)
{
  if (!dev->admin_up || !dev->carrier || dev->kind == NNS_KIND_LOOPBACK || dev->disable_ipv6)
    return;
  /* addrconf_notify(NETDEV_CHANGE): a device already IF_READY keeps its
   * link-local address even if its MAC changed meanwhile (a bridge taking
   * its first port's address); only going down clears IF_READY. */
  if (dev->ipv6_ready)
    return;
  /* addrconf_notify(NETDEV_CHANGE): a device already configured (IF_READY
   * lasts until it goes down) keeps its link-local address, even when its
   * MAC changed meanwhile (a bridge taking its first port's). */
  if (dev->ipv6_ready)
    return;
  dev->ipv6_start_us = dev->ns->world->clock_us;
  dev->ipv6_mroute_serial = nns_fib_take_serial(dev->ns->fib);
  nns_device_ipv6_changed(dev);
  dev->ipv6_ready = TRUE;
  nns_mcast_ipv6_up(dev);
  /* ipv6_generate_eui64 knows no interface id for an ipip tunnel. */
  if (dev->kind != NNS_KIND_IPIP)
    add_link_local(dev);
  /* Manual addresses added while the link was not ready start DAD now. */
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (a->dad_done_us == 0 && does_dad(dev) && !(a->flags & IFA_F_NODAD))
      a->dad_done_us = dev->ns->world->clock_us + DAD_US;
  }
}

void
nns_addrconf_disable_changed(NnsDevice *dev)
{
  /* dev_disable_change: NETDEV_DOWN or NETDEV_UP for IPv6 alone. */
  if (dev->disable_ipv6) {
    nns_addrconf_dev_down(dev);
    return;
  }
  if (!dev->admin_up)
    return;
  if (dev->kind == NNS_KIND_LOOPBACK) {
    NnsInet one = { .family = AF_INET6, .bytes = { [15] = 1 } };
    add_auto(dev, &one, 128, FALSE);
  } else {
    nns_addrconf_carrier_changed(dev);
  }
}

/* inet_select_addr: a primary address of the device, preferring one on
 * the destination's subnet; else any device's global address. */
gboolean
nns_inet_select_addr(NnsNetns *ns, NnsDevice *dev, const NnsInet *towards, guint8 scope, NnsInet *out)
{
  NnsAddress *any = NULL;
  for (guint i = 0; dev && i < dev->addrs4->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs4, i);
    if ((a->flags & IFA_F_SECONDARY) || a->scope > scope)
      continue;
    if (!towards || nns_inet_same_prefix(&a->local, towards, a->prefixlen)) {
      *out = a->local;
      return TRUE;
    }
    if (!any)
      any = a;
  }
  if (any) {
    *out = any->local;
    return TRUE;
  }
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *o = devs->pdata[d];
    for (guint i = 0; i < o->addrs4->len; i++) {
      NnsAddress *a = g_ptr_array_index(o->addrs4, i);
      if (!(a->flags & IFA_F_SECONDARY) && a->scope < RT_SCOPE_LINK) {
        *out = a->local;
        return TRUE;
      }
    }
  }
  return FALSE;
}
