/* Multicast addresses through the simulated backend: the lists core/mcast.c
 * keeps, dumped as the kernel's /proc/net/dev_mcast, igmp and igmp6 list
 * them, and SIOCADDMULTI / SIOCDELMULTI applied to them. */
#include "backends/sim/sim-backend.h"
#include "core/error.h"
#include "core/mcast.h"
#include "core/netns.h"
#include "core/world.h"

#include <errno.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/socket.h>

static NnsMaddrRecord *
record(const NnsDevice *dev, guint8 family)
{
  NnsMaddrRecord *r = g_new0(NnsMaddrRecord, 1);
  r->family = family;
  r->ifindex = dev->ifindex;
  g_strlcpy(r->ifname, dev->name, sizeof r->ifname);
  return r;
}

static void
add_groups(GPtrArray *out, const NnsDevice *dev, GArray *groups, guint8 family)
{
  for (guint j = 0; j < groups->len; j++) {
    const NnsMcGroup *g = &g_array_index(groups, NnsMcGroup, j);
    NnsMaddrRecord *r = record(dev, family);
    memcpy(r->addr, g->group.bytes, family == AF_INET ? 4 : 16);
    r->users = g->users;
    if (family == AF_INET6)
      r->flags = nns_mcast_ipv6_flags(g);
    g_ptr_array_add(out, r);
  }
}

GPtrArray *
nns_sim_maddr_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < devs->len; i++) {
    const NnsDevice *dev = devs->pdata[i];
    for (guint j = 0; j < dev->hw_mc->len; j++) {
      const NnsHwMcast *h = &g_array_index(dev->hw_mc, NnsHwMcast, j);
      NnsMaddrRecord *r = record(dev, AF_PACKET);
      memcpy(r->addr, h->addr, 6);
      r->users = h->refcount;
      r->is_static = h->global;
      g_ptr_array_add(out, r);
    }
  }
  for (guint i = 0; i < devs->len; i++)
    add_groups(out, devs->pdata[i], ((NnsDevice *) devs->pdata[i])->mc4, AF_INET);
  for (guint i = 0; i < devs->len; i++)
    add_groups(out, devs->pdata[i], ((NnsDevice *) devs->pdata[i])->mc6, AF_INET6);
  return out;
}

gboolean
nns_sim_maddr_change(NnsBackend *be, int pid, int ifindex, const guint8 addr[6], gboolean add, GError **error)
{
  NnsDevice *dev = nns_sim_caller_device(be, pid, ifindex, error);
  if (!dev)
    return FALSE;
  return add ? nns_mcast_hw_add_global(dev, addr, error) : nns_mcast_hw_del_global(dev, addr, error);
}
