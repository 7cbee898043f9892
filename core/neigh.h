/* Neighbour (ARP) tables: one per namespace, keyed by device and address,
 * with the kernel's NUD states (bridges' forwarding databases: core/fdb.h). */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

typedef struct {
  int ifindex;
  NnsInet addr;
} NnsNeighKey;

typedef struct {
  NnsDevice *dev;
  NnsInet addr;
  guint8 mac[6];
  gboolean has_mac;
  guint16 state;              /* NUD_* */
  guint8 flags;               /* NTF_* */
  guint probes;
  guint64 updated_us;
  guint64 used_us;
  gint64 confirmed_us;        /* neigh_alloc dates it 60 s back: may be < 0 */
  guint timer_gen;            /* the engine's pending timer is this one's */
  GArray *queue;              /* frames waiting for resolution (engine's) */
  GDestroyNotify queue_free;
} NnsNeigh;

GHashTable *nns_neigh_table_new(void);
GPtrArray *nns_pneigh_table_new(void);
NnsNeigh *nns_neigh_lookup(NnsNetns *ns, int ifindex, const NnsInet *addr);
/* Create (state NUD_NONE, stamped as neigh_alloc does) or return the
 * existing entry. */
NnsNeigh *nns_neigh_ensure(NnsNetns *ns, NnsDevice *dev, const NnsInet *addr);
void nns_neigh_remove(NnsNetns *ns, NnsNeigh *n);
/* neigh_ifdown: every entry of a device, proxies included, goes when it
 * goes down or away. */
void nns_neigh_flush_dev(NnsNetns *ns, NnsDevice *dev);
/* neigh_changeaddr: a device's NOARP flag flipped (or its address
 * changed): every entry goes, permanent ones too; proxies stay. */
void nns_neigh_changeaddr(NnsNetns *ns, NnsDevice *dev);
/* neigh_carrier_down: losing carrier keeps permanent and proxy entries. */
void nns_neigh_carrier_down(NnsNetns *ns, NnsDevice *dev);
/* Entries in a stable order (ifindex, then address). */
GPtrArray *nns_neigh_all(NnsNetns *ns);

/* Proxy entries (NTF_PROXY) live in their own table, as the kernel's
 * pneigh table: they answer ARP for others and never resolve anything. */
NnsNeigh *nns_pneigh_lookup(NnsNetns *ns, int ifindex, const NnsInet *addr);
/* Create or return the existing entry (adding one twice is no error). */
NnsNeigh *nns_pneigh_ensure(NnsNetns *ns, NnsDevice *dev, const NnsInet *addr);
void nns_pneigh_remove(NnsNetns *ns, NnsNeigh *n);
/* In the order a dump lists them: pneigh_hash buckets, newest first. */
GPtrArray *nns_pneigh_all(NnsNetns *ns);

G_END_DECLS
