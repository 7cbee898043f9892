#include "core/fdb.h"
#include "core/bridge.h"
#include "core/world.h"

#include <errno.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <string.h>

guint64
nns_mac_key(const guint8 mac[6])
{
  guint64 k = 0;
  for (int i = 0; i < 6; i++)
    k = (k << 8) | mac[i];
  return k;
}

static GHashTable *
table(NnsDevice *br)
{
  if (!br->fdb)
    br->fdb = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
  return br->fdb;
}

static guint64
now_us(const NnsDevice *br)
{
  return br->ns->world->clock_us;
}

/* is_valid_ether_addr. */
static gboolean
valid_unicast(const guint8 a[6])
{
  return !(a[0] & 1) && (a[0] | a[1] | a[2] | a[3] | a[4] | a[5]);
}

/* has_expired: a learned entry older than the hold time.  The kernel's gc
 * deletes it within 10 ms; here it goes when next looked at. */
static gboolean
expired(const NnsDevice *br, const NnsFdbEntry *e)
{
  return !e->is_static && e->updated_us + nns_bridge_hold_us(br) <= now_us(br);
}

static void
remove_entry(NnsDevice *br, NnsFdbEntry *e)
{
  guint64 k = nns_mac_key(e->mac);
  g_hash_table_remove(table(br), &k);
}

/* br_fdb_find, with what gc would already have deleted gone. */
static NnsFdbEntry *
find(NnsDevice *br, const guint8 mac[6])
{
  guint64 k = nns_mac_key(mac);
  NnsFdbEntry *e = g_hash_table_lookup(table(br), &k);
  if (e && expired(br, e)) {
    remove_entry(br, e);
    return NULL;
  }
  return e;
}

/* fdb_create: at the head of fdb_list. */
static NnsFdbEntry *
create(NnsDevice *br, NnsDevice *port, const guint8 mac[6])
{
  NnsFdbEntry *e = g_new0(NnsFdbEntry, 1);
  memcpy(e->mac, mac, 6);
  e->port = port;
  e->serial = br->br.fdb_serial++;
  e->updated_us = e->used_us = now_us(br);
  guint64 *k = g_new(guint64, 1);
  *k = nns_mac_key(mac);
  g_hash_table_insert(table(br), k, e);
  return e;
}

NnsFdbEntry *
nns_fdb_lookup(NnsDevice *br, const guint8 mac[6])
{
  return find(br, mac);
}

void
nns_fdb_learn(NnsDevice *br, NnsDevice *port, const guint8 mac[6])
{
  /* "some users want to always flood": a hold time of 0 learns nothing. */
  if (nns_bridge_hold_us(br) == 0)
    return;
  NnsFdbEntry *e = find(br, mac);
  if (!e) {
    create(br, port, mac);
    return;
  }
  /* A frame from one of our own addresses teaches nothing (the kernel
   * warns); a learned or static entry moves with the address. */
  if (e->is_local)
    return;
  e->updated_us = now_us(br);
  e->port = port;
}

guint16
nns_fdb_state(const NnsFdbEntry *e)
{
  if (e->is_local)
    return NUD_PERMANENT;
  if (e->is_static)
    return NUD_NOARP;
  return NUD_REACHABLE;
}

int
nns_fdb_add(NnsDevice *br, NnsDevice *port, const guint8 mac[6], guint16 state, gboolean create_ok, gboolean excl)
{
  /* A port that cannot learn takes only local and static entries. */
  if (port && !(state & (NUD_PERMANENT | NUD_NOARP)) && port->port_state != BR_STATE_LEARNING &&
      port->port_state != BR_STATE_FORWARDING)
    return EPERM;
  if (!port && !(state & NUD_PERMANENT))
    return EINVAL;
  NnsFdbEntry *e = find(br, mac);
  gboolean modified = FALSE;
  if (!e) {
    if (!create_ok)
      return ENOENT;
    e = create(br, port, mac);
    modified = TRUE;
  } else {
    if (excl)
      return EEXIST;
    if (e->port != port) {
      e->port = port;
      modified = TRUE;
    }
  }
  if (nns_fdb_state(e) != state) {
    if (state & NUD_PERMANENT) {
      e->is_local = e->is_static = TRUE;
    } else if (state & NUD_NOARP) {
      e->is_local = FALSE;
      e->is_static = TRUE;
    } else {
      e->is_local = e->is_static = FALSE;
    }
    modified = TRUE;
  }
  e->added_by_user = TRUE;
  e->used_us = now_us(br);
  if (modified)
    e->updated_us = now_us(br);
  return 0;
}

int
nns_fdb_delete(NnsDevice *br, NnsDevice *port, const guint8 mac[6])
{
  NnsFdbEntry *e = find(br, mac);
  if (!e || e->port != port)
    return ENOENT;
  remove_entry(br, e);
  return 0;
}

void
nns_fdb_add_local(NnsDevice *br, NnsDevice *port, const guint8 mac[6])
{
  if (!valid_unicast(mac))
    return;
  NnsFdbEntry *e = find(br, mac);
  if (e) {
    /* Several ports may share an address: the first keeps the entry. */
    if (e->is_local)
      return;
    remove_entry(br, e);
  }
  e = create(br, port, mac);
  e->is_local = e->is_static = TRUE;
}

/* fdb_delete_local: a local entry passes to another port with the
 * address, or to the bridge when it has it, before it goes. */
static void
delete_local(NnsDevice *br, NnsDevice *p, NnsFdbEntry *e)
{
  for (guint i = 0; i < br->ports->len; i++) {
    NnsDevice *op = g_ptr_array_index(br->ports, i);
    if (op != p && memcmp(op->mac, e->mac, 6) == 0) {
      e->port = op;
      e->added_by_user = FALSE;
      return;
    }
  }
  if (p && memcmp(br->mac, e->mac, 6) == 0) {
    e->port = NULL;
    e->added_by_user = FALSE;
    return;
  }
  remove_entry(br, e);
}

static gint
newest_first(gconstpointer a, gconstpointer b)
{
  const NnsFdbEntry *x = *(NnsFdbEntry *const *) a, *y = *(NnsFdbEntry *const *) b;
  return (x->serial < y->serial) - (x->serial > y->serial);
}

GPtrArray *
nns_fdb_all(NnsDevice *br)
{
  GPtrArray *out = g_ptr_array_new();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, table(br));
  while (g_hash_table_iter_next(&it, NULL, &value)) {
    if (expired(br, value))
      g_hash_table_iter_remove(&it);
    else
      g_ptr_array_add(out, value);
  }
  g_ptr_array_sort(out, newest_first);
  return out;
}

void
nns_fdb_delete_by_port(NnsDevice *br, NnsDevice *port, gboolean do_all)
{
  g_autoptr(GPtrArray) all = nns_fdb_all(br);
  for (guint i = 0; i < all->len; i++) {
    NnsFdbEntry *e = all->pdata[i];
    if (e->port != port || (!do_all && e->is_static))
      continue;
    if (e->is_local)
      delete_local(br, port, e);
    else
      remove_entry(br, e);
  }
}

void
nns_fdb_changeaddr(NnsDevice *port)
{
  NnsDevice *br = port->master;
  g_autoptr(GPtrArray) all = nns_fdb_all(br);
  for (guint i = 0; i < all->len; i++) {
    NnsFdbEntry *e = all->pdata[i];
    if (e->port == port && e->is_local && !e->added_by_user) {
      delete_local(br, port, e);
      break;
    }
  }
  nns_fdb_add_local(br, port, port->mac);
}

void
nns_fdb_change_mac_address(NnsDevice *br, const guint8 newaddr[6])
{
  NnsFdbEntry *e = find(br, br->mac);
  if (e && e->is_local && !e->port && !e->added_by_user)
    delete_local(br, NULL, e);
  nns_fdb_add_local(br, NULL, newaddr);
}

void
nns_fdb_free(NnsDevice *br)
{
  if (br->fdb)
    g_hash_table_destroy(br->fdb);
  br->fdb = NULL;
}

/* ------------------------------------------------------------------ */
/* A device's unicast list.                                            */

static NnsHwMcast *
uc_find(NnsDevice *dev, const guint8 mac[6], guint *index)
{
  for (guint i = 0; dev->hw_uc && i < dev->hw_uc->len; i++) {
    NnsHwMcast *h = &g_array_index(dev->hw_uc, NnsHwMcast, i);
    if (memcmp(h->addr, mac, 6) == 0) {
      if (index)
        *index = i;
      return h;
    }
  }
  return NULL;
}

void
nns_dev_uc_sync(NnsDevice *dev)
{
  if (!dev->admin_up)
    return;
  gboolean want = dev->hw_uc && dev->hw_uc->len > 0;
  if (want && !dev->uc_promisc) {
    dev->promiscuity++;
    dev->uc_promisc = TRUE;
  } else if (!want && dev->uc_promisc) {
    dev->promiscuity--;
    dev->uc_promisc = FALSE;
  }
}

int
nns_dev_uc_add_excl(NnsDevice *dev, const guint8 mac[6])
{
  if (uc_find(dev, mac, NULL))
    return EEXIST;
  if (!dev->hw_uc)
    dev->hw_uc = g_array_new(FALSE, FALSE, sizeof(NnsHwMcast));
  NnsHwMcast h = { .refcount = 1, .global = TRUE };
  memcpy(h.addr, mac, 6);
  g_array_append_val(dev->hw_uc, h);
  nns_dev_uc_sync(dev);
  return 0;
}

int
nns_dev_uc_del(NnsDevice *dev, const guint8 mac[6])
{
  guint i;
  NnsHwMcast *h = uc_find(dev, mac, &i);
  if (!h)
    return ENOENT;
  if (--h->refcount == 0)
    g_array_remove_index(dev->hw_uc, i);
  nns_dev_uc_sync(dev);
  return 0;
}
