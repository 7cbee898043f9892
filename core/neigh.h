/* Neighbour (ARP) tables: one per namespace, keyed by device and address,
 * with the kernel's NUD states; and bridges' forwarding databases. */
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
  guint64 confirmed_us;
  GArray *queue;              /* frames waiting for resolution (engine's) */
  GDestroyNotify queue_free;
} NnsNeigh;

typedef struct {
  NnsDevice *port;
  guint8 mac[6];
  gboolean is_local;          /* the port's own address: permanent */
  guint64 updated_us;
} NnsFdbEntry;

GHashTable *nns_neigh_table_new(void);
NnsNeigh *nns_neigh_lookup(NnsNetns *ns, int ifindex, const NnsInet *addr);
/* Create (state NUD_NONE) or return the existing entry. */
NnsNeigh *nns_neigh_ensure(NnsNetns *ns, NnsDevice *dev, const NnsInet *addr);
void nns_neigh_remove(NnsNetns *ns, NnsNeigh *n);
/* Every entry of a device goes when it goes down or away. */
void nns_neigh_flush_dev(NnsNetns *ns, NnsDevice *dev);
/* Entries in a stable order (ifindex, then address). */
GPtrArray *nns_neigh_all(NnsNetns *ns);

guint64 nns_mac_key(const guint8 mac[6]);
NnsFdbEntry *nns_fdb_lookup(NnsDevice *br, const guint8 mac[6]);
void nns_fdb_learn(NnsDevice *br, NnsDevice *port, const guint8 mac[6], guint64 now_us);
void nns_fdb_flush_port(NnsDevice *br, NnsDevice *port);
/* Entries in a stable order (port ifindex, then MAC). */
GPtrArray *nns_fdb_all(NnsDevice *br);

G_END_DECLS
