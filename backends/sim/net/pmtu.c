/* Route exceptions for path MTU discovery (net/ipv4/route.c's fnhe). */
#include "backends/sim/net/pmtu.h"
#include "core/sysctl.h"
#include "core/world.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  guint64 info_id;
  guint32 nh;
  guint32 daddr;              /* as the address's bytes */
} Key;

typedef struct {
  NnsPmtuException ex;
  guint genid;
} Entry;

static guint
key_hash(gconstpointer p)
{
  const Key *k = p;
  return (guint) (k->info_id * 2654435761u) ^ g_int_hash(&k->daddr) ^ k->nh;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
  const Key *x = a, *y = b;
  return x->info_id == y->info_id && x->nh == y->nh && x->daddr == y->daddr;
}

static void
make_key(Key *k, guint64 info_id, guint nh, const NnsInet *daddr)
{
  memset(k, 0, sizeof *k);
  k->info_id = info_id;
  k->nh = nh;
  memcpy(&k->daddr, daddr->bytes, 4);
}

static GHashTable *
table_of(NnsNetns *ns)
{
  if (!ns->pmtu) {
    ns->pmtu = g_hash_table_new_full(key_hash, key_equal, g_free, g_free);
    ns->pmtu_free = (GDestroyNotify) g_hash_table_destroy;
  }
  return ns->pmtu;
}

static guint64
sysctl_us(NnsNetns *ns, const char *path, guint64 fallback_s)
{
  const char *v = nns_sysctl_get(ns, path);
  return (v ? (guint64) MAX(strtol(v, NULL, 10), 0) : fallback_s) * G_USEC_PER_SEC;
}

gboolean
nns_pmtu_find(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr, NnsPmtuException *out)
{
  if (!ns->pmtu || daddr->family != AF_INET)
    return FALSE;
  Key k;
  make_key(&k, info_id, nh, daddr);
  Entry *e = g_hash_table_lookup(ns->pmtu, &k);
  if (!e)
    return FALSE;
  /* An expired one is deleted when found (find_exception); one from before
   * a flush is void (rt_bind_exception resets it). */
  if (ns->world->clock_us > e->ex.expires_us || e->genid != ns->fnhe_genid) {
    g_hash_table_remove(ns->pmtu, &k);
    return FALSE;
  }
  *out = e->ex;
  return TRUE;
}

void
nns_pmtu_learn(NnsNetns *ns, guint64 info_id, guint nh, guint dev_mtu, const NnsInet *daddr, guint mtu)
{
  if (daddr->family != AF_INET)
    return;
  NnsPmtuException cur;
  gboolean have = nns_pmtu_find(ns, info_id, nh, daddr, &cur);
  if (have && cur.locked)
    return;                   /* ip_mtu_locked */
  guint old_mtu = have ? cur.mtu : dev_mtu;
  if (old_mtu < mtu)
    return;
  guint64 now = ns->world->clock_us;
  guint64 expires = sysctl_us(ns, "net/ipv4/route/mtu_expires", 600);
  guint min_pmtu = (guint) (sysctl_us(ns, "net/ipv4/route/min_pmtu", 552) / G_USEC_PER_SEC);
  gboolean lock = FALSE;
  if (mtu < min_pmtu) {
    lock = TRUE;
    mtu = MIN(old_mtu, min_pmtu);
  }
  /* The same MTU again refreshes the exception only in its second half. */
  if (have && cur.mtu == mtu && !lock && now + expires / 2 < cur.expires_us)
    return;
  Key k;
  make_key(&k, info_id, nh, daddr);
  Entry *e = g_new0(Entry, 1);
  e->ex.mtu = mtu;
  e->ex.locked = lock;
  e->ex.expires_us = now + expires;
  e->genid = ns->fnhe_genid;
  g_hash_table_replace(table_of(ns), g_memdup2(&k, sizeof k), e);
}
