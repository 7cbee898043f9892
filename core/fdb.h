/* A bridge's forwarding database (net/bridge/br_fdb.c) and a device's own
 * unicast address list (what `bridge fdb add ... self` fills on a device
 * that is no bridge, ndo_dflt_fdb_add).
 *
 * An entry is local (the bridge's or a port's own address: frames to it go
 * up to the bridge; "permanent"), static (never ages; "static"), or
 * learned (ages out after the bridge's hold time).  Entries are listed
 * newest first, as the kernel's fdb_list; a learned or static entry moves
 * to the port a frame from its address came in on, a local one never. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

typedef struct {
  NnsDevice *port;            /* fdb->dst; NULL: the bridge's own */
  guint8 mac[6];
  gboolean is_local;          /* BR_FDB_LOCAL */
  gboolean is_static;         /* BR_FDB_STATIC */
  gboolean added_by_user;     /* BR_FDB_ADDED_BY_USER */
  guint64 serial;             /* creation order */
  guint64 updated_us, used_us;
} NnsFdbEntry;

guint64 nns_mac_key(const guint8 mac[6]);

/* br_fdb_find_rcu for forwarding: an entry that aged out is gone (the
 * kernel's gc would have taken it), else it is marked used. */
NnsFdbEntry *nns_fdb_lookup(NnsDevice *br, const guint8 mac[6]);
/* br_fdb_update: learn the source of a frame that came in on port. */
void nns_fdb_learn(NnsDevice *br, NnsDevice *port, const guint8 mac[6]);
/* fdb_add_entry: port NULL for the bridge itself; state NUD_* as the
 * request gave it; create / excl as NLM_F_CREATE / NLM_F_EXCL.  Returns 0
 * or the errno (EPERM, EINVAL, ENOENT, EEXIST). */
int nns_fdb_add(NnsDevice *br, NnsDevice *port, const guint8 mac[6], guint16 state, gboolean create,
                gboolean excl);
/* fdb_delete_by_addr_and_port: ENOENT unless the entry is the port's. */
int nns_fdb_delete(NnsDevice *br, NnsDevice *port, const guint8 mac[6]);
/* fdb_add_local: the address of a port (or of the bridge, port NULL). */
void nns_fdb_add_local(NnsDevice *br, NnsDevice *port, const guint8 mac[6]);
/* br_fdb_delete_by_port: the learned entries of a port, or (do_all) all
 * of them, local ones passing to another owner of their address. */
void nns_fdb_delete_by_port(NnsDevice *br, NnsDevice *port, gboolean do_all);
/* br_fdb_changeaddr: a port's address changed. */
void nns_fdb_changeaddr(NnsDevice *port);
/* br_fdb_change_mac_address: the bridge's address becomes newaddr (called
 * while br->mac still holds the old one). */
void nns_fdb_change_mac_address(NnsDevice *br, const guint8 newaddr[6]);
/* Every entry, newest first (aged-out ones dropped first). */
GPtrArray *nns_fdb_all(NnsDevice *br);
/* fdb_to_nud: NUD_PERMANENT, NUD_NOARP (static), NUD_REACHABLE. */
guint16 nns_fdb_state(const NnsFdbEntry *e);
void nns_fdb_free(NnsDevice *br);

/* dev_uc_add_excl / dev_uc_del of the device's unicast list: EEXIST,
 * ENOENT.  A device without a unicast filter is promiscuous while up with
 * addresses on its list (__dev_set_rx_mode). */
int nns_dev_uc_add_excl(NnsDevice *dev, const guint8 mac[6]);
int nns_dev_uc_del(NnsDevice *dev, const guint8 mac[6]);
/* __dev_set_rx_mode when the device comes up. */
void nns_dev_uc_sync(NnsDevice *dev);

G_END_DECLS
