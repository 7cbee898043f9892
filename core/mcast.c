#include "core/mcast.h"
#include "core/error.h"
#include "core/address.h"
#include "core/conf.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <string.h>

static const NnsInet all_hosts = { .family = AF_INET, .bytes = { 224, 0, 0, 1 } };
static const NnsInet all_snoopers4 = { .family = AF_INET, .bytes = { 224, 0, 0, 106 } };
static const NnsInet all_nodes_if = { .family = AF_INET6, .bytes = { 0xff, 0x01, [15] = 1 } };
static const NnsInet all_nodes = { .family = AF_INET6, .bytes = { 0xff, 0x02, [15] = 1 } };
static const NnsInet all_routers = { .family = AF_INET6, .bytes = { 0xff, 0x02, [15] = 2 } };
static const NnsInet all_routers_if = { .family = AF_INET6, .bytes = { 0xff, 0x01, [15] = 2 } };
static const NnsInet all_routers_site = { .family = AF_INET6, .bytes = { 0xff, 0x05, [15] = 2 } };
static const NnsInet all_snoopers6 = { .family = AF_INET6, .bytes = { 0xff, 0x02, [15] = 0x6a } };

#define IPV6_MIN_MTU 1280

NnsInet
nns_mcast_solicited_node(const NnsInet *a)
{
  NnsInet g = { .family = AF_INET6, .bytes = { 0xff, 0x02, [11] = 0x01, [12] = 0xff } };
  memcpy(g.bytes + 13, a->bytes + 13, 3);
  return g;
}

/* Only Ethernet devices map groups to link-layer addresses (arp_mc_map,
 * ndisc_mc_map with dir 0): lo and the ipip tunnel have none. */
static gboolean
maps(const NnsDevice *dev)
{
  return dev->kind != NNS_KIND_LOOPBACK && dev->kind != NNS_KIND_IPIP;
}

static void
mc_map(const NnsInet *g, guint8 out[6])
{
  if (g->family == AF_INET) {
    out[0] = 0x01, out[1] = 0x00, out[2] = 0x5e;
    out[3] = g->bytes[1] & 0x7f, out[4] = g->bytes[2], out[5] = g->bytes[3];
  } else {
    out[0] = 0x33, out[1] = 0x33;
    memcpy(out + 2, g->bytes + 12, 4);
  }
}

/* IPV6_ADDR_MC_SCOPE: groups below link scope load nothing. */
static guint
ipv6_scope(const NnsInet *g)
{
  return g->bytes[1] & 0x0f;
}

static NnsHwMcast *
hw_find(const NnsDevice *dev, const guint8 addr[6], guint *index)
{
  for (guint i = 0; i < dev->hw_mc->len; i++) {
    NnsHwMcast *h = &g_array_index(dev->hw_mc, NnsHwMcast, i);
    if (memcmp(h->addr, addr, 6) == 0) {
      if (index)
        *index = i;
      return h;
    }
  }
  return NULL;
}

/* __hw_addr_add_ex / __hw_addr_del_ex. */
static void
hw_add(NnsDevice *dev, const guint8 addr[6], gboolean global)
{
  NnsHwMcast *h = hw_find(dev, addr, NULL);
  if (h) {
    h->refcount++;
    h->global |= global;
    return;
  }
  NnsHwMcast n = { .refcount = 1, .global = global };
  memcpy(n.addr, addr, 6);
  g_array_append_val(dev->hw_mc, n);
}

static void
hw_del(NnsDevice *dev, const guint8 addr[6])
{
  guint i;
  NnsHwMcast *h = hw_find(dev, addr, &i);
  if (h && --h->refcount == 0)
    g_array_remove_index(dev->hw_mc, i);
}

static GArray *
list_of(const NnsDevice *dev, const NnsInet *g)
{
  return g->family == AF_INET ? dev->mc4 : dev->mc6;
}

static NnsMcGroup *
group_find(const NnsDevice *dev, const NnsInet *g, guint *index)
{
  GArray *list = list_of(dev, g);
  for (guint i = 0; list && i < list->len; i++) {
    NnsMcGroup *m = &g_array_index(list, NnsMcGroup, i);
    if (nns_inet_equal(&m->group, g)) {
      if (index)
        *index = i;
      return m;
    }
  }
  return NULL;
}

/* igmp_group_added / igmp6_group_added: the link-layer half. */
static void
group_load(NnsDevice *dev, NnsMcGroup *m)
{
  if (m->loaded || (m->group.family == AF_INET6 && ipv6_scope(&m->group) < 2))
    return;
  m->loaded = TRUE;
  if (maps(dev)) {
    guint8 mac[6];
    mc_map(&m->group, mac);
    hw_add(dev, mac, FALSE);
  }
}

static void
group_unload(NnsDevice *dev, NnsMcGroup *m)
{
  if (!m->loaded)
    return;
  m->loaded = FALSE;
  if (maps(dev)) {
    guint8 mac[6];
    mc_map(&m->group, mac);
    hw_del(dev, mac);
  }
}

void
nns_mcast_join(NnsDevice *dev, const NnsInet *group)
{
  NnsMcGroup *m = group_find(dev, group, NULL);
  if (m) {
    m->users++;
    return;
  }
  NnsMcGroup n = { .group = *group, .users = 1 };
  GArray *list = list_of(dev, group);
  g_array_prepend_val(list, n);
  group_load(dev, &g_array_index(list, NnsMcGroup, 0));
}

void
nns_mcast_leave(NnsDevice *dev, const NnsInet *group)
{
  guint i;
  NnsMcGroup *m = group_find(dev, group, &i);
  if (!m || --m->users > 0)
    return;
  group_unload(dev, m);
  g_array_remove_index(list_of(dev, group), i);
}

static gboolean
ipv6_forwarding(NnsDevice *dev)
{
  return nns_conf_dev(dev, AF_INET6, "forwarding") != 0;
}

void
nns_mcast_dev_register(NnsDevice *dev)
{
  if (!dev->hw_mc) {
    dev->hw_mc = g_array_new(FALSE, FALSE, sizeof(NnsHwMcast));
    dev->mc4 = g_array_new(FALSE, FALSE, sizeof(NnsMcGroup));
    dev->mc6 = g_array_new(FALSE, FALSE, sizeof(NnsMcGroup));
  }
  /* ipv6_add_dev: whatever disable_ipv6 says. */
  if (dev->mtu < IPV6_MIN_MTU)
    return;
  nns_mcast_join(dev, &all_nodes_if);
  nns_mcast_join(dev, &all_nodes);
  if ((dev->iff & IFF_MULTICAST) && ipv6_forwarding(dev))
    nns_mcast_join(dev, &all_routers);
}

void
nns_mcast_dev_unregister(NnsDevice *dev)
{
  g_array_set_size(dev->hw_mc, 0);
  g_array_set_size(dev->mc4, 0);
  g_array_set_size(dev->mc6, 0);
}

void
nns_mcast_dev_free(NnsDevice *dev)
{
  if (!dev->hw_mc)
    return;
  g_array_free(dev->hw_mc, TRUE);
  g_array_free(dev->mc4, TRUE);
  g_array_free(dev->mc6, TRUE);
}

void
nns_mcast_ipv4_up(NnsDevice *dev)
{
  nns_mcast_join(dev, &all_hosts);
  for (guint i = 0; i < dev->mc4->len; i++)
    group_load(dev, &g_array_index(dev->mc4, NnsMcGroup, i));
}

void
nns_mcast_ipv4_down(NnsDevice *dev)
{
  for (guint i = 0; i < dev->mc4->len; i++)
    group_unload(dev, &g_array_index(dev->mc4, NnsMcGroup, i));
  nns_mcast_leave(dev, &all_hosts);
}

void
nns_mcast_ipv6_up(NnsDevice *dev)
{
  for (guint i = 0; i < dev->mc6->len; i++)
    group_load(dev, &g_array_index(dev->mc6, NnsMcGroup, i));
}

void
nns_mcast_ipv6_down(NnsDevice *dev)
{
  for (guint i = 0; i < dev->mc6->len; i++)
    group_unload(dev, &g_array_index(dev->mc6, NnsMcGroup, i));
}

static gboolean
solicits(const NnsDevice *dev)
{
  return !(dev->iff & (IFF_NOARP | IFF_LOOPBACK));
}

void
nns_mcast_addr_added(NnsDevice *dev, const NnsInet *addr)
{
  if (addr->family != AF_INET6 || !solicits(dev))
    return;
  NnsInet sn = nns_mcast_solicited_node(addr);
  nns_mcast_join(dev, &sn);
}

void
nns_mcast_addr_removed(NnsDevice *dev, const NnsInet *addr)
{
  if (addr->family != AF_INET6 || !solicits(dev))
    return;
  NnsInet sn = nns_mcast_solicited_node(addr);
  nns_mcast_leave(dev, &sn);
}

/* The subnet-router anycast address of an IPv6 address (its prefix), or
 * FALSE when it has none (addrconf_join_anycast: /127 and longer, ::). */
static gboolean
anycast_of(const NnsAddress *a, NnsInet *out)
{
  if (a->prefixlen >= 127)
    return FALSE;
  *out = a->local;
  for (guint b = a->prefixlen; b < 128; b++)
    out->bytes[b / 8] &= (guint8) ~(0x80 >> (b % 8));
  static const guint8 zero[16] = { 0 };
  return memcmp(out->bytes, zero, 16) != 0;
}

/* Another address of the device holds the same anycast address
 * (ipv6_dev_ac_inc counts its users; the group is joined once). */
static gboolean
anycast_held(const NnsDevice *dev, const NnsAddress *except, const NnsInet *ac)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    const NnsAddress *b = g_ptr_array_index(dev->addrs6, i);
    NnsInet other;
    if (b != except && b->anycast && anycast_of(b, &other) && nns_inet_equal(&other, ac))
      return TRUE;
  }
  return FALSE;
}

static void
anycast_join(NnsDevice *dev, NnsAddress *a)
{
  NnsInet ac;
  if (a->anycast || !anycast_of(a, &ac))
    return;
  if (!anycast_held(dev, a, &ac))
    nns_mcast_addr_added(dev, &ac);
  a->anycast = TRUE;
}

void
nns_mcast_anycast_leave(NnsDevice *dev, NnsAddress *a)
{
  NnsInet ac;
  if (!a->anycast || !anycast_of(a, &ac))
    return;
  a->anycast = FALSE;
  if (!anycast_held(dev, a, &ac))
    nns_mcast_addr_removed(dev, &ac);
}

/* Still tentative: DAD running, or waiting for the link to be ready. */
static gboolean
tentative(const NnsDevice *dev, const NnsAddress *a)
{
  if (nns_address_flags(a) & IFA_F_TENTATIVE)
    return TRUE;
  return !dev->ipv6_ready && a->dad_done_us == 0 && !(a->flags & IFA_F_NODAD) &&
         !(dev->iff & (IFF_NOARP | IFF_LOOPBACK));
}

void
nns_mcast_forwarding_changed(NnsDevice *dev, gboolean on)
{
  if ((dev->iff & IFF_MULTICAST) && dev->mtu >= IPV6_MIN_MTU) {
    const NnsInet *groups[] = { &all_routers, &all_routers_if, &all_routers_site };
    for (gsize i = 0; i < G_N_ELEMENTS(groups); i++) {
      if (on)
        nns_mcast_join(dev, groups[i]);
      else
        nns_mcast_leave(dev, groups[i]);
    }
  }
  /* The subnet-router anycast addresses of its usable addresses. */
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (!on)
      nns_mcast_anycast_leave(dev, a);
    else if (!tentative(dev, a))
      anycast_join(dev, a);
  }
}

void
nns_mcast_bridge_open(NnsDevice *br)
{
  nns_mcast_join(br, &all_snoopers4);
  if (br->mtu >= IPV6_MIN_MTU)
    nns_mcast_join(br, &all_snoopers6);
}

void
nns_mcast_bridge_stop(NnsDevice *br)
{
  nns_mcast_leave(br, &all_snoopers4);
  nns_mcast_leave(br, &all_snoopers6);
}

/* dev_ifsioc: SIOCADDMULTI needs ndo_set_rx_mode, which lo, ifb and the
 * ipip tunnel lack. */
static gboolean
has_rx_mode(const NnsDevice *dev, GError **error)
{
  if (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_IFB || dev->kind == NNS_KIND_IPIP) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  return TRUE;
}

gboolean
nns_mcast_hw_add_global(NnsDevice *dev, const guint8 addr[6], GError **error)
{
  if (!has_rx_mode(dev, error))
    return FALSE;
  NnsHwMcast *h = hw_find(dev, addr, NULL);
  if (h && h->global)
    return TRUE;
  hw_add(dev, addr, TRUE);
  return TRUE;
}

gboolean
nns_mcast_hw_del_global(NnsDevice *dev, const guint8 addr[6], GError **error)
{
  if (!has_rx_mode(dev, error))
    return FALSE;
  NnsHwMcast *h = hw_find(dev, addr, NULL);
  if (!h || !h->global) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  h->global = FALSE;
  hw_del(dev, addr);
  return TRUE;
}

int
nns_mcast_hw_add_excl(NnsDevice *dev, const guint8 addr[6])
{
  /* __hw_addr_add_ex with exclusive: any user of the address refuses it. */
  if (hw_find(dev, addr, NULL))
    return EEXIST;
  hw_add(dev, addr, TRUE);
  return 0;
}

int
nns_mcast_hw_del(NnsDevice *dev, const guint8 addr[6])
{
  /* dev_mc_del: one user less, whoever it was; global_use stays. */
  if (!hw_find(dev, addr, NULL))
    return ENOENT;
  hw_del(dev, addr);
  return 0;
}

gboolean
nns_mcast_joined(const NnsDevice *dev, const NnsInet *group)
{
  return dev->mc4 && group_find(dev, group, NULL) != NULL;
}

guint
nns_mcast_ipv6_flags(const NnsMcGroup *g)
{
  guint flags = g->loaded ? NNS_MAF_LOADED : 0;
  /* __ipv6_dev_mc_inc: all-nodes and groups below link scope are never reported. */
  if (nns_inet_equal(&g->group, &all_nodes) || ipv6_scope(&g->group) < 2)
    flags |= NNS_MAF_NOREPORT;
  return flags;
}

guint
nns_mcast_reportable(const NnsDevice *dev)
{
  guint n = 0;
  for (guint i = 0; dev->mc6 && i < dev->mc6->len; i++)
    n += !(nns_mcast_ipv6_flags(&g_array_index(dev->mc6, NnsMcGroup, i)) & NNS_MAF_NOREPORT);
  return n;
}
