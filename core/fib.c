#include "core/fib.h"

#include <string.h>

/* One bucket: the routes of one (table, family, length, prefix). */
typedef struct {
  guint32 table;
  guint8 family;
  guint8 len;
  guint8 bytes[16];
} FibKey;

/* What fib_find_info compares: the table, protocol, scope, type,
 * priority, preferred source, flags and every nexthop (device, gateway,
 * weight, flags); the prefix is not part of it.  Plain bytes (padding
 * zeroed), so that hashing and comparing are memory operations. */
typedef struct {
  gpointer dev;
  guint32 weight, flags;
  guint8 has_gateway;
  guint8 gateway[16];
} InfoNh;

typedef struct {
  guint32 table, priority, flags;
  guint8 family, protocol, scope, type;
  guint8 has_prefsrc;
  guint8 prefsrc[16];
  guint n;
  InfoNh *nh;                 /* n of them */
} InfoKey;

/* The bytes of an InfoKey before its nexthops' pointer. */
#define INFO_HEAD (G_STRUCT_OFFSET(InfoKey, n) + sizeof(guint))

/* A fib_info: what routes with the same nexthops and attributes share. */
typedef struct {
  InfoKey key;                /* its nh owned */
  guint64 id;
  guint refs;                 /* the routes using it */
} FibInfo;

struct _NnsFib {
  GHashTable *infos;          /* InfoKey* (in the FibInfo) -> FibInfo* (owned) */
  GHashTable *info_ids;       /* guint64 id -> FibInfo* */
  guint64 next_info_id;
  GHashTable *buckets;        /* FibKey* -> GPtrArray* of NnsRoute* */
  GHashTable *routes;         /* NnsRoute* -> NULL: the owning set */
  GHashTable *by_dev;         /* NnsDevice* -> GHashTable set of NnsRoute* */
  GHashTable *lengths;        /* (table, family) -> guint counts[129] */
  guint64 serial;
};

/* FNV-1a over the whole key (make_key zeroes its padding), then murmur3's
 * finaliser.  Prefixes differ in a few bytes only: a weak polynomial hash
 * made whole runs of them collide, and a million routes cost a probe
 * chain per lookup instead of one hash. */
static guint
key_hash(gconstpointer p)
{
  const guint8 *b = p;
  guint32 h = 2166136261u;
  for (gsize i = 0; i < sizeof(FibKey); i++)
    h = (h ^ b[i]) * 16777619u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
  return memcmp(a, b, sizeof(FibKey)) == 0;
}

static void
make_key(FibKey *k, guint32 table, const NnsInet *dst, guint8 len)
{
  memset(k, 0, sizeof *k);
  k->table = table;
  k->family = dst->family;
  k->len = len;
  NnsInet masked = *dst;
  nns_inet_mask(&masked, len);
  memcpy(k->bytes, masked.bytes, 16);
}

static gpointer
lengths_key(guint32 table, guint8 family)
{
  return GUINT_TO_POINTER(table * 2u + (family == AF_INET6));
}

static void
fib_info_free(gpointer p)
{
  FibInfo *fi = p;
  g_free(fi->key.nh);
  g_free(fi);
}

static guint
hash_bytes(guint h, gconstpointer p, gsize len)
{
  const guint8 *b = p;
  for (gsize i = 0; i < len; i++)
    h = (h ^ b[i]) * 16777619u;
  return h;
}

static guint
info_hash(gconstpointer p)
{
  const InfoKey *k = p;
  guint h = hash_bytes(2166136261u, k, INFO_HEAD);
  return hash_bytes(h, k->nh, k->n * sizeof *k->nh);
}

static gboolean
info_equal(gconstpointer a, gconstpointer b)
{
  const InfoKey *x = a, *y = b;
  return memcmp(x, y, INFO_HEAD) == 0 && memcmp(x->nh, y->nh, x->n * sizeof *x->nh) == 0;
}

/* The key of route r, its nexthops in `nh` (r->nhs, or 1, of them). */
static void
info_key(const NnsRoute *r, InfoKey *k, InfoNh *nh)
{
  memset(k, 0, sizeof *k);
  k->table = r->table;
  k->priority = r->priority;
  k->flags = r->flags;
  k->family = r->family;
  k->protocol = r->protocol;
  k->scope = r->scope;
  k->type = r->type;
  k->has_prefsrc = (guint8) r->has_prefsrc;
  if (r->has_prefsrc)
    memcpy(k->prefsrc, r->prefsrc.bytes, 16);
  k->n = r->nhs ? r->nhs : 1;
  k->nh = nh;
  for (guint i = 0; i < k->n; i++) {
    memset(&nh[i], 0, sizeof nh[i]);
    nh[i].dev = r->nhs ? r->nh[i].dev : r->dev;
    nh[i].weight = r->nhs ? r->nh[i].weight : 1;
    nh[i].flags = r->nhs ? r->nh[i].flags : 0;
    gboolean gw = r->nhs ? r->nh[i].has_gateway : r->has_gateway;
    nh[i].has_gateway = (guint8) gw;
    if (gw)
      memcpy(nh[i].gateway, (r->nhs ? &r->nh[i].gateway : &r->gateway)->bytes, 16);
  }
}

static void
info_ref(NnsFib *fib, NnsRoute *r)
{
  /* An IPv6 route is a fib6_info of its own, never shared: a route
   * replaced, or deleted and added again, starts without exceptions. */
  if (r->family == AF_INET6) {
    r->info_id = ++fib->next_info_id;
    return;
  }
  InfoNh one;
  g_autofree InfoNh *many = r->nhs > 1 ? g_new(InfoNh, r->nhs) : NULL;
  InfoKey key;
  info_key(r, &key, many ? many : &one);
  FibInfo *fi = g_hash_table_lookup(fib->infos, &key);
  if (!fi) {
    fi = g_new0(FibInfo, 1);
    memcpy(&fi->key, &key, sizeof key);  /* padding included: keys compare as bytes */
    fi->key.nh = g_memdup2(key.nh, key.n * sizeof *key.nh);
    fi->id = ++fib->next_info_id;
    g_hash_table_insert(fib->infos, &fi->key, fi);
    g_hash_table_insert(fib->info_ids, &fi->id, fi);
  }
  fi->refs++;
  r->info_id = fi->id;
}

static void
info_unref(NnsFib *fib, const NnsRoute *r)
{
  FibInfo *fi = r->family == AF_INET6 ? NULL : g_hash_table_lookup(fib->info_ids, &r->info_id);
  if (!fi || --fi->refs > 0)
    return;
  g_hash_table_remove(fib->info_ids, &fi->id);
  g_hash_table_remove(fib->infos, &fi->key);
}

guint64
nns_fib_take_serial(NnsFib *fib)
{
  return fib->serial++;
}

void
nns_route_free(NnsRoute *route)
{
  if (!route)
    return;
  g_free(route->nh);
  g_free(route);
}

NnsFib *
nns_fib_new(void)
{
  NnsFib *fib = g_new0(NnsFib, 1);
  fib->infos = g_hash_table_new_full(info_hash, info_equal, NULL, fib_info_free);
  fib->info_ids = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, NULL);
  fib->buckets = g_hash_table_new_full(key_hash, key_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  fib->routes = g_hash_table_new_full(g_direct_hash, g_direct_equal, (GDestroyNotify) nns_route_free, NULL);
  fib->by_dev = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  fib->lengths = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  return fib;
}

void
nns_fib_free(NnsFib *fib)
{
  if (!fib)
    return;
  g_hash_table_destroy(fib->buckets);
  g_hash_table_destroy(fib->by_dev);
  g_hash_table_destroy(fib->lengths);
  g_hash_table_destroy(fib->routes);
  g_hash_table_destroy(fib->info_ids);
  g_hash_table_destroy(fib->infos);
  g_free(fib);
}

/* by_dev: a multipath route is found through each of its devices. */
static void
index_dev(NnsFib *fib, NnsRoute *r, NnsDevice *dev)
{
  if (!dev)
    return;
  GHashTable *set = g_hash_table_lookup(fib->by_dev, dev);
  if (!set) {
    set = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_hash_table_insert(fib->by_dev, dev, set);
  }
  g_hash_table_add(set, r);
}

static void
unindex_dev(NnsFib *fib, NnsRoute *r, NnsDevice *dev)
{
  GHashTable *set = dev ? g_hash_table_lookup(fib->by_dev, dev) : NULL;
  if (set) {
    g_hash_table_remove(set, r);
    if (g_hash_table_size(set) == 0)
      g_hash_table_remove(fib->by_dev, dev);
  }
}

void
nns_fib_insert(NnsFib *fib, NnsRoute *r)
{
  FibKey k;
  make_key(&k, r->table, &r->dst, r->dst_len);
  GPtrArray *bucket = g_hash_table_lookup(fib->buckets, &k);
  if (!bucket) {
    bucket = g_ptr_array_new();
    g_hash_table_insert(fib->buckets, g_memdup2(&k, sizeof k), bucket);
  }
  r->serial = fib->serial++;
  info_ref(fib, r);
  g_ptr_array_add(bucket, r);
  g_hash_table_add(fib->routes, r);
  index_dev(fib, r, r->dev);
  for (guint i = 0; i < r->nhs; i++)
    index_dev(fib, r, r->nh[i].dev);
  nns_fib_table_create(fib, r->table, r->family);
  guint *counts = g_hash_table_lookup(fib->lengths, lengths_key(r->table, r->family));
  counts[r->dst_len]++;
}

void
nns_fib_table_create(NnsFib *fib, guint32 table, guint8 family)
{
  if (!g_hash_table_contains(fib->lengths, lengths_key(table, family)))
    g_hash_table_insert(fib->lengths, lengths_key(table, family), g_new0(guint, 129));
}

gboolean
nns_fib_table_exists(NnsFib *fib, guint32 table, guint8 family)
{
  return g_hash_table_contains(fib->lengths, lengths_key(table, family));
}

void
nns_fib_remove(NnsFib *fib, NnsRoute *r)
{
  FibKey k;
  make_key(&k, r->table, &r->dst, r->dst_len);
  GPtrArray *bucket = g_hash_table_lookup(fib->buckets, &k);
  if (bucket) {
    g_ptr_array_remove(bucket, r);
    if (bucket->len == 0)
      g_hash_table_remove(fib->buckets, &k);
  }
  unindex_dev(fib, r, r->dev);
  for (guint i = 0; i < r->nhs; i++)
    unindex_dev(fib, r, r->nh[i].dev);
  guint *counts = g_hash_table_lookup(fib->lengths, lengths_key(r->table, r->family));
  if (counts)
    counts[r->dst_len]--;
  info_unref(fib, r);
  g_hash_table_remove(fib->routes, r);
}

GPtrArray *
nns_fib_exact(NnsFib *fib, guint32 table, const NnsInet *dst, guint8 dst_len)
{
  FibKey k;
  make_key(&k, table, dst, dst_len);
  return g_hash_table_lookup(fib->buckets, &k);
}

/* fib_lookup_good_nhc for each path of a multipath route: the route as
 * seen through one nexthop is what `accept` judges; dead paths never pass. */
static gboolean
route_accepted(const NnsRoute *r, NnsFibFilter accept, gpointer data, guint *nh_sel)
{
  *nh_sel = 0;
  if (!r->nhs)
    return !accept || accept(r, data);
  for (guint i = 0; i < r->nhs; i++) {
    const NnsNexthop *nh = &r->nh[i];
    if (nh->dev && !nh->dev->admin_up)
      continue;
    NnsRoute view = *r;
    view.has_gateway = nh->has_gateway;
    view.gateway = nh->gateway;
    view.dev = nh->dev;
    view.flags = nh->flags;
    view.nh = NULL;
    view.nhs = 0;
    if (!accept || accept(&view, data)) {
      *nh_sel = i;
      return TRUE;
    }
  }
  return FALSE;
}

NnsRoute *
nns_fib_lookup_nh(NnsFib *fib, guint32 table, const NnsInet *dst, NnsFibFilter accept, gpointer data, guint *nh_sel)
{
  guint *counts = g_hash_table_lookup(fib->lengths, lengths_key(table, dst->family));
  guint sel = 0;
  if (nh_sel)
    *nh_sel = 0;
  if (!counts)
    return NULL;
  for (int len = (int) nns_inet_bits(dst); len >= 0; len--) {
    if (!counts[len])
      continue;
    GPtrArray *bucket = nns_fib_exact(fib, table, dst, (guint8) len);
    NnsRoute *best = NULL;
    for (guint i = 0; bucket && i < bucket->len; i++) {
      NnsRoute *r = g_ptr_array_index(bucket, i);
      guint s;
      if (!route_accepted(r, accept, data, &s))
        continue;
      if (!best || r->priority < best->priority) {
        best = r;
        sel = s;
      }
    }
    if (best) {
      if (nh_sel)
        *nh_sel = sel;
      return best;
    }
  }
  return NULL;
}

NnsRoute *
nns_fib_lookup(NnsFib *fib, guint32 table, const NnsInet *dst, NnsFibFilter accept, gpointer data)
{
  return nns_fib_lookup_nh(fib, table, dst, accept, data, NULL);
}

GPtrArray *
nns_fib_all(NnsFib *fib)
{
  GPtrArray *all = g_ptr_array_sized_new(g_hash_table_size(fib->routes));
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, fib->routes);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(all, key);
  return all;
}

GPtrArray *
nns_fib_by_dev(NnsFib *fib, NnsDevice *dev)
{
  GPtrArray *out = g_ptr_array_new();
  GHashTable *set = g_hash_table_lookup(fib->by_dev, dev);
  if (!set)
    return out;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, set);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(out, key);
  return out;
}

guint
nns_fib_size(NnsFib *fib)
{
  return g_hash_table_size(fib->routes);
}
