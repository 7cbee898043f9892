#include "core/netns.h"
#include "core/conf.h"
#include "core/device.h"
#include "core/fib.h"
#include "core/neigh.h"
#include "core/route.h"
#include "core/rule.h"
#include "core/sysctl.h"
#include "core/tunnel.h"
#include "core/world.h"
#include "core/error.h"

#include <errno.h>

NnsNetns *
nns_netns_new(NnsWorld *world, guint64 inode)
{
  NnsNetns *ns = g_new0(NnsNetns, 1);
  ns->world = world;
  ns->inode = inode;
  g_hash_table_add(world->namespaces, ns);
  ns->by_index = g_hash_table_new(g_direct_hash, g_direct_equal);
  ns->by_name = g_hash_table_new(g_str_hash, g_str_equal);
  ns->nsids = g_hash_table_new(g_direct_hash, g_direct_equal);
  ns->nsid_peers = g_hash_table_new(g_direct_hash, g_direct_equal);
  ns->known_by = g_hash_table_new(g_direct_hash, g_direct_equal);
  ns->fib = nns_fib_new();
  nns_rules_init(ns);
  ns->neighbours = nns_neigh_table_new();
  ns->proxies = nns_pneigh_table_new();
  ns->sysctls = nns_sysctl_table_new();
  ns->conf = nns_conf_new();
  nns_device_new(ns, NNS_KIND_LOOPBACK, "lo");
  nns_modules_netns_init(ns);
  return ns;
}

static void
forget_peer_ids(NnsNetns *ns)
{
  GHashTableIter it;
  gpointer key, value;
  /* Namespaces that hold an id for this one lose it. */
  g_hash_table_iter_init(&it, ns->known_by);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    NnsNetns *other = key;
    gpointer id = g_hash_table_lookup(other->nsids, ns);
    g_hash_table_remove(other->nsid_peers, GINT_TO_POINTER(GPOINTER_TO_INT(id) - 1));
    other->nsid_free_from = MIN(other->nsid_free_from, GPOINTER_TO_INT(id) - 1);
    g_hash_table_remove(other->nsids, ns);
  }
  /* And this one's ids for others go too. */
  g_hash_table_iter_init(&it, ns->nsids);
  while (g_hash_table_iter_next(&it, &key, &value))
    g_hash_table_remove(((NnsNetns *) key)->known_by, ns);
}

void
nns_netns_free(NnsNetns *ns)
{
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  forget_peer_ids(ns);
  g_hash_table_remove(ns->world->namespaces, ns);
  if (ns->netfilter && ns->netfilter_free)
    ns->netfilter_free(ns->netfilter);
  if (ns->pmtu && ns->pmtu_free)
    ns->pmtu_free(ns->pmtu);
  for (guint i = devs->len; i > 0; i--)
    nns_device_free(devs->pdata[i - 1]);
  g_hash_table_destroy(ns->by_index);
  g_hash_table_destroy(ns->by_name);
  g_hash_table_destroy(ns->nsids);
  g_hash_table_destroy(ns->nsid_peers);
  g_hash_table_destroy(ns->known_by);
  nns_fib_free(ns->fib);
  nns_rules_free(ns);
  g_hash_table_destroy(ns->neighbours);
  g_ptr_array_free(ns->proxies, TRUE);
  g_hash_table_destroy(ns->sysctls);
  nns_conf_free(ns->conf);
  g_free(ns);
}

void
nns_netns_release_if_unused(NnsNetns *ns)
{
  if (ns->is_root || ns->names > 0 || ns->processes > 0)
    return;
  /* default_device_exit_batch: devices with rtnl_link_ops die (a veth takes
   * its peer with it), the others (physical NICs) go home to init_net. */
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  g_autoptr(GArray) indexes = g_array_sized_new(FALSE, FALSE, sizeof(int), devs->len);
  for (guint i = 0; i < devs->len; i++)
    g_array_append_val(indexes, ((NnsDevice *) devs->pdata[i])->ifindex);
  /* Look each up again: deleting a veth end also deletes its peer. */
  for (guint i = 0; i < indexes->len; i++) {
    NnsDevice *dev = nns_netns_device_by_index(ns, g_array_index(indexes, int, i));
    if (!dev || dev->kind == NNS_KIND_LOOPBACK)
      continue;
    if (dev->kind == NNS_KIND_PHYSICAL)
      nns_device_return_home(dev);
    else
      nns_device_delete(dev);
  }
  nns_netns_free(ns);
}

NnsDevice *
nns_netns_device_by_name(NnsNetns *ns, const char *name)
{
  return g_hash_table_lookup(ns->by_name, name);
}

NnsDevice *
nns_netns_device_by_index(NnsNetns *ns, int ifindex)
{
  return g_hash_table_lookup(ns->by_index, GINT_TO_POINTER(ifindex));
}

static gint
by_ifindex(gconstpointer a, gconstpointer b)
{
  const NnsDevice *x = *(NnsDevice *const *) a, *y = *(NnsDevice *const *) b;
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

GPtrArray *
nns_netns_devices(NnsNetns *ns)
{
  GPtrArray *devs = g_ptr_array_sized_new(g_hash_table_size(ns->by_index));
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, ns->by_index);
  while (g_hash_table_iter_next(&it, NULL, &value))
    g_ptr_array_add(devs, value);
  g_ptr_array_sort(devs, by_ifindex);
  return devs;
}

int
nns_netns_alloc_ifindex(NnsNetns *ns)
{
  int ifindex = ns->next_ifindex;
  do {
    if (++ifindex <= 0)
      ifindex = 1;
  } while (nns_netns_device_by_index(ns, ifindex));
  ns->next_ifindex = ifindex;
  return ifindex;
}

void
nns_netns_register(NnsNetns *ns, NnsDevice *dev)
{
  dev->ns = ns;
  g_hash_table_insert(ns->by_index, GINT_TO_POINTER(dev->ifindex), dev);
  g_hash_table_insert(ns->by_name, dev->name, dev);
}

void
nns_netns_unregister(NnsNetns *ns, NnsDevice *dev)
{
  g_hash_table_remove(ns->by_index, GINT_TO_POINTER(dev->ifindex));
  g_hash_table_remove(ns->by_name, dev->name);
}

int
nns_netns_peer_id(NnsNetns *ns, NnsNetns *peer)
{
  return GPOINTER_TO_INT(g_hash_table_lookup(ns->nsids, peer)) - 1;
}

NnsNetns *
nns_netns_peer_by_id(NnsNetns *ns, int id)
{
  return g_hash_table_lookup(ns->nsid_peers, GINT_TO_POINTER(id));
}

static void
bind_peer_id(NnsNetns *ns, NnsNetns *peer, int id)
{
  g_hash_table_insert(ns->nsids, peer, GINT_TO_POINTER(id + 1));
  g_hash_table_insert(ns->nsid_peers, GINT_TO_POINTER(id), peer);
  g_hash_table_add(peer->known_by, ns);
}

int
nns_netns_peer_id_alloc(NnsNetns *ns, NnsNetns *peer)
{
  int id = nns_netns_peer_id(ns, peer);
  if (id >= 0 || peer == ns)
    return id;
  /* idr_alloc: the lowest free id. */
  for (id = ns->nsid_free_from; nns_netns_peer_by_id(ns, id); id++)
    ;
  ns->nsid_free_from = id + 1;
  bind_peer_id(ns, peer, id);
  return id;
}

gboolean
nns_netns_peer_id_set(NnsNetns *ns, NnsNetns *peer, int id, GError **error)
{
  if (nns_netns_peer_id(ns, peer) >= 0) {
    nns_set_extack(error, EEXIST, "Peer netns already has a nsid assigned");
    return FALSE;
  }
  if (id < 0) {
    nns_netns_peer_id_alloc(ns, peer);
    return TRUE;
  }
  if (nns_netns_peer_by_id(ns, id)) {
    nns_set_extack(error, EEXIST, "The specified nsid is already used");
    return FALSE;
  }
  bind_peer_id(ns, peer, id);
  return TRUE;
}
