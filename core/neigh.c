#include "core/neigh.h"
#include "core/world.h"

#include <linux/if.h>
#include <linux/neighbour.h>
#include <string.h>

/* neigh_alloc: "confirmed" starts two base reachable times (30 s) ago. */
#define NEW_CONFIRMED_AGE_US (2 * G_GINT64_CONSTANT(30000000))

static guint
neigh_key_hash(gconstpointer p)
{
  const NnsNeighKey *k = p;
  guint h = (guint) k->ifindex * 2654435761u;
  for (int i = 0; i < 16; i++)
    h = h * 31u + k->addr.bytes[i];
  return h;
}

static gboolean
neigh_key_equal(gconstpointer a, gconstpointer b)
{
  const NnsNeighKey *x = a, *y = b;
  return x->ifindex == y->ifindex && nns_inet_equal(&x->addr, &y->addr);
}

static void
neigh_free(gpointer p)
{
  NnsNeigh *n = p;
  if (n->queue && n->queue_free)
    n->queue_free(n->queue);
  g_free(n);
}

GHashTable *
nns_neigh_table_new(void)
{
  return g_hash_table_new_full(neigh_key_hash, neigh_key_equal, g_free, neigh_free);
}

GPtrArray *
nns_pneigh_table_new(void)
{
  return g_ptr_array_new_with_free_func(neigh_free);
}

static void
make_key(NnsNeighKey *k, int ifindex, const NnsInet *addr)
{
  memset(k, 0, sizeof *k);
  k->ifindex = ifindex;
  k->addr = *addr;
}

NnsNeigh *
nns_neigh_lookup(NnsNetns *ns, int ifindex, const NnsInet *addr)
{
  NnsNeighKey k;
  make_key(&k, ifindex, addr);
  return g_hash_table_lookup(ns->neighbours, &k);
}

NnsNeigh *
nns_neigh_ensure(NnsNetns *ns, NnsDevice *dev, const NnsInet *addr)
{
  NnsNeigh *n = nns_neigh_lookup(ns, dev->ifindex, addr);
  if (n)
    return n;
  n = g_new0(NnsNeigh, 1);
  n->dev = dev;
  n->addr = *addr;
  n->updated_us = n->used_us = ns->world->clock_us;
  n->confirmed_us = (gint64) ns->world->clock_us - NEW_CONFIRMED_AGE_US;
  /* arp_constructor / ndisc_constructor: on a NOARP or loopback device a
   * unicast neighbour needs no resolution: NOARP, the device's own address. */
  gboolean multicast = addr->family == AF_INET6 ? addr->bytes[0] == 0xff : (addr->bytes[0] & 0xf0) == 0xe0;
  if ((dev->iff & (IFF_NOARP | IFF_LOOPBACK)) && !multicast) {
    n->state = NUD_NOARP;
    memcpy(n->mac, dev->mac, 6);
    n->has_mac = TRUE;
  }
  NnsNeighKey *k = g_new(NnsNeighKey, 1);
  make_key(k, dev->ifindex, addr);
  g_hash_table_insert(ns->neighbours, k, n);
  return n;
}

void
nns_neigh_remove(NnsNetns *ns, NnsNeigh *n)
{
  NnsNeighKey k;
  make_key(&k, n->dev->ifindex, &n->addr);
  g_hash_table_remove(ns->neighbours, &k);
}

static void
flush_dev(NnsNetns *ns, NnsDevice *dev, gboolean keep_permanent)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, ns->neighbours);
  while (g_hash_table_iter_next(&it, NULL, &value)) {
    NnsNeigh *n = value;
    if (n->dev == dev && !(keep_permanent && (n->state & NUD_PERMANENT)))
      g_hash_table_iter_remove(&it);
  }
}

void
nns_neigh_flush_dev(NnsNetns *ns, NnsDevice *dev)
{
  flush_dev(ns, dev, FALSE);
  for (guint i = ns->proxies->len; i-- > 0;)
    if (((NnsNeigh *) g_ptr_array_index(ns->proxies, i))->dev == dev)
      g_ptr_array_remove_index(ns->proxies, i);
}

void
nns_neigh_changeaddr(NnsNetns *ns, NnsDevice *dev)
{
  flush_dev(ns, dev, FALSE);
}

void
nns_neigh_carrier_down(NnsNetns *ns, NnsDevice *dev)
{
  flush_dev(ns, dev, TRUE);
}

NnsNeigh *
nns_pneigh_lookup(NnsNetns *ns, int ifindex, const NnsInet *addr)
{
  for (guint i = 0; i < ns->proxies->len; i++) {
    NnsNeigh *n = g_ptr_array_index(ns->proxies, i);
    if (n->dev->ifindex == ifindex && nns_inet_equal(&n->addr, addr))
      return n;
  }
  return NULL;
}

NnsNeigh *
nns_pneigh_ensure(NnsNetns *ns, NnsDevice *dev, const NnsInet *addr)
{
  NnsNeigh *n = nns_pneigh_lookup(ns, dev->ifindex, addr);
  if (n)
    return n;
  n = g_new0(NnsNeigh, 1);
  n->dev = dev;
  n->addr = *addr;
  n->flags = NTF_PROXY;
  g_ptr_array_add(ns->proxies, n);
  return n;
}

void
nns_pneigh_remove(NnsNetns *ns, NnsNeigh *n)
{
  g_ptr_array_remove(ns->proxies, n);
}

/* pneigh_hash: the key's last four bytes read as a host-order (x86,
 * little-endian) word, folded to four bits. */
static guint
pneigh_hash(const NnsNeigh *n)
{
  const guint8 *b = n->addr.family == AF_INET6 ? n->addr.bytes + 12 : n->addr.bytes;
  guint32 h = (guint32) b[0] | (guint32) b[1] << 8 | (guint32) b[2] << 16 | (guint32) b[3] << 24;
  h ^= h >> 16;
  h ^= h >> 8;
  h ^= h >> 4;
  return h & 0xf;
}

GPtrArray *
nns_pneigh_all(NnsNetns *ns)
{
  GPtrArray *out = g_ptr_array_new();
  /* Each bucket is a list that new entries join at its head. */
  for (guint bucket = 0; bucket <= 0xf; bucket++)
    for (guint i = ns->proxies->len; i-- > 0;) {
      NnsNeigh *n = g_ptr_array_index(ns->proxies, i);
      if (pneigh_hash(n) == bucket)
        g_ptr_array_add(out, n);
    }
  return out;
}

static gint
neigh_order(gconstpointer a, gconstpointer b)
{
  const NnsNeigh *x = *(NnsNeigh *const *) a, *y = *(NnsNeigh *const *) b;
  /* An AF_UNSPEC dump walks the ARP table, then the IPv6 one. */
  if (x->addr.family != y->addr.family)
    return x->addr.family < y->addr.family ? -1 : 1;
  if (x->dev->ifindex != y->dev->ifindex)
    return x->dev->ifindex < y->dev->ifindex ? -1 : 1;
  return nns_inet_compare(&x->addr, &y->addr);
}

GPtrArray *
nns_neigh_all(NnsNetns *ns)
{
  GPtrArray *out = g_ptr_array_new();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, ns->neighbours);
  while (g_hash_table_iter_next(&it, NULL, &value))
    g_ptr_array_add(out, value);
  g_ptr_array_sort(out, neigh_order);
  return out;
}

