/* Route exceptions for path MTU discovery (net/ipv4/route.c's fnhe,
 * net/ipv6/route.c's rt6_exception). */
#include "backends/sim/net/pmtu.h"
#include "core/sysctl.h"
#include "core/world.h"

#include <stdlib.h>
#include <string.h>

/* Compared as bytes: make_key zeroes the padding. */
typedef struct {
  guint64 info_id;
  guint32 nh;
  guint8 family;
  guint8 daddr[16];
} Key;

typedef struct {
  NnsPmtuException ex;
  guint genid;                /* IPv4: fnhe_genid when learnt */
  guint64 order;              /* when stored, for the newest-first listing */
} Entry;

static guint
key_hash(gconstpointer p)
{
  const guint8 *b = p;
  guint32 h = 2166136261u;
  for (gsize i = 0; i < sizeof(Key); i++)
    h = (h ^ b[i]) * 16777619u;
  return h;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
  return memcmp(a, b, sizeof(Key)) == 0;
}

static void
make_key(Key *k, guint64 info_id, guint nh, const NnsInet *daddr)
{
  memset(k, 0, sizeof *k);
  k->info_id = info_id;
  k->nh = nh;
  k->family = daddr->family;
  memcpy(k->daddr, daddr->bytes, daddr->family == AF_INET ? 4 : 16);
}

typedef struct {
  GHashTable *entries;        /* Key* -> Entry* */
  guint64 next_order;
} Store;

static void
store_free(gpointer p)
{
  Store *s = p;
  g_hash_table_destroy(s->entries);
  g_free(s);
}

static Store *
store_of(NnsNetns *ns)
{
  if (!ns->pmtu) {
    Store *s = g_new0(Store, 1);
    s->entries = g_hash_table_new_full(key_hash, key_equal, g_free, g_free);
    ns->pmtu = s;
    ns->pmtu_free = store_free;
  }
  return ns->pmtu;
}

static guint64
sysctl_us(NnsNetns *ns, const char *path, guint64 fallback_s)
{
  const char *v = nns_sysctl_get(ns, path);
  return (v ? (guint64) MAX(strtol(v, NULL, 10), 0) : fallback_s) * G_USEC_PER_SEC;
}

/* An expired one is dead (find_exception deletes it when found,
 * rt6_check_expired hides it); an IPv4 one from before a flush is void
 * (rt_bind_exception resets it). */
static gboolean
alive(NnsNetns *ns, guint8 family, const Entry *e)
{
  if (ns->world->clock_us > e->ex.expires_us)
    return FALSE;
  return family != AF_INET || e->genid == ns->fnhe_genid;
}

gboolean
nns_pmtu_find(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr, NnsPmtuException *out)
{
  if (!ns->pmtu || (daddr->family != AF_INET && daddr->family != AF_INET6))
    return FALSE;
  Store *s = ns->pmtu;
  Key k;
  make_key(&k, info_id, nh, daddr);
  Entry *e = g_hash_table_lookup(s->entries, &k);
  if (!e)
    return FALSE;
  if (!alive(ns, daddr->family, e)) {
    g_hash_table_remove(s->entries, &k);
    return FALSE;
  }
  *out = e->ex;
  return TRUE;
}

static void
store(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr, const NnsPmtuException *ex)
{
  Store *s = store_of(ns);
  Key k;
  make_key(&k, info_id, nh, daddr);
  Entry *e = g_new0(Entry, 1);
  e->ex = *ex;
  e->genid = ns->fnhe_genid;
  e->order = s->next_order++;
  g_hash_table_replace(s->entries, g_memdup2(&k, sizeof k), e);
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
  NnsPmtuException ex = { .mtu = mtu, .locked = lock, .expires_us = now + expires };
  store(ns, info_id, nh, daddr, &ex);
}

void
nns_pmtu6_learn(NnsNetns *ns, guint64 info_id, guint nh, guint dev_mtu, const NnsInet *daddr, guint mtu)
{
  /* Routes the kernel derives from addresses here have no fib6_info of
   * their own (info_id 0): no destination behind a router is on them. */
  if (daddr->family != AF_INET6 || !info_id)
    return;
  /* Below the minimum the message is ignored; it must lower the path's
   * MTU (the live exception's, else the device's) to count.  A lower one
   * replaces the exception, with a fresh lifetime (rt6_do_update_pmtu). */
  NnsPmtuException cur;
  guint path_mtu = nns_pmtu_find(ns, info_id, nh, daddr, &cur) ? cur.mtu : dev_mtu;
  if (mtu < NNS_IPV6_MIN_MTU || mtu >= path_mtu)
    return;
  NnsPmtuException ex = {
    .mtu = mtu, .expires_us = ns->world->clock_us + sysctl_us(ns, "net/ipv6/route/mtu_expires", 600),
  };
  store(ns, info_id, nh, daddr, &ex);
}

typedef struct {
  NnsPmtuEntry entry;
  guint64 order;
} Listed;

static gint
newest_first(gconstpointer a, gconstpointer b)
{
  const Listed *x = a, *y = b;
  return (x->order < y->order) - (x->order > y->order);
}

GArray *
nns_pmtu_list(NnsNetns *ns, guint8 family, guint64 info_id, guint nh)
{
  g_autoptr(GArray) found = g_array_new(FALSE, FALSE, sizeof(Listed));
  GArray *out = g_array_new(FALSE, FALSE, sizeof(NnsPmtuEntry));
  if (!ns->pmtu)
    return out;
  Store *s = ns->pmtu;
  GHashTableIter it;
  gpointer kp, vp;
  g_hash_table_iter_init(&it, s->entries);
  while (g_hash_table_iter_next(&it, &kp, &vp)) {
    const Key *k = kp;
    const Entry *e = vp;
    if (k->family != family || k->info_id != info_id || k->nh != nh || !alive(ns, family, e))
      continue;
    Listed l = { .entry = { .ex = e->ex }, .order = e->order };
    l.entry.daddr.family = family;
    memcpy(l.entry.daddr.bytes, k->daddr, family == AF_INET ? 4 : 16);
    g_array_append_val(found, l);
  }
  g_array_sort(found, newest_first);
  for (guint i = 0; i < found->len; i++)
    g_array_append_val(out, g_array_index(found, Listed, i).entry);
  return out;
}

gboolean
nns_pmtu_forget(NnsNetns *ns, guint64 info_id, guint nh, const NnsInet *daddr)
{
  NnsPmtuException ex;
  if (!nns_pmtu_find(ns, info_id, nh, daddr, &ex))
    return FALSE;
  Key k;
  make_key(&k, info_id, nh, daddr);
  return g_hash_table_remove(((Store *) ns->pmtu)->entries, &k);
}
