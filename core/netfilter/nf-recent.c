/* xt_recent (net/netfilter/xt_recent.c) on the simulated clock. */
#include "core/netfilter/nf-recent.h"

#include <string.h>
#include <sys/socket.h>

#define IP_LIST_TOT 100               /* addresses a list holds */
#define IP_PKT_LIST_TOT 20            /* times kept per address (at least) */

typedef struct {
  guint8 family;
  guint8 addr[16];
  guint8 ttl;
  guint index, nstamps;
  guint64 *stamps;                    /* nstamps_max_mask + 1 times, us */
} Entry;

struct _NnsNfRecentTable {
  GHashTable *owner;                  /* the namespace's lists */
  char name[NNS_NF_RECENT_NAME_MAX];
  guint refs;
  guint8 mask[16];
  guint nstamps_max_mask;
  GQueue lru;                         /* Entry*, least recently updated first */
};

static void
entry_free(gpointer data)
{
  Entry *e = data;
  g_free(e->stamps);
  g_free(e);
}

static void
table_free(gpointer data)
{
  NnsNfRecentTable *t = data;
  g_queue_clear_full(&t->lru, entry_free);
  g_free(t);
}

GHashTable *
nns_nf_recent_new(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, NULL, table_free);
}

static guint
pow2_mask(guint n)
{
  guint m = 1;
  while (m < n)
    m <<= 1;
  return m - 1;
}

NnsNfRecentTable *
nns_nf_recent_ref(GHashTable *lists, const NnsNfMatch *m)
{
  guint32 hits = m->u.recent.hit_count;
  guint mask = hits >= IP_PKT_LIST_TOT ? pow2_mask(hits) : pow2_mask(IP_PKT_LIST_TOT);
  NnsNfRecentTable *t = g_hash_table_lookup(lists, m->u.recent.name);
  if (t) {
    t->refs++;
    t->nstamps_max_mask = MAX(t->nstamps_max_mask, mask);
    return t;
  }
  t = g_new0(NnsNfRecentTable, 1);
  t->owner = lists;
  g_strlcpy(t->name, m->u.recent.name, sizeof t->name);
  t->refs = 1;
  memcpy(t->mask, m->u.recent.mask, sizeof t->mask);
  t->nstamps_max_mask = mask;
  g_queue_init(&t->lru);
  g_hash_table_insert(lists, t->name, t);
  return t;
}

void
nns_nf_recent_unref(NnsNfRecentTable *t)
{
  if (t && --t->refs == 0)
    g_hash_table_remove(t->owner, t->name);
}

static GList *
entry_lookup(NnsNfRecentTable *t, guint8 family, const guint8 *addr, guint8 ttl)
{
  for (GList *l = t->lru.head; l; l = l->next) {
    Entry *e = l->data;
    if (e->family == family && memcmp(e->addr, addr, 16) == 0 && (ttl == e->ttl || ttl == 0 || e->ttl == 0))
      return l;
  }
  return NULL;
}

static void
entry_update(NnsNfRecentTable *t, GList *link, guint64 now)
{
  Entry *e = link->data;
  e->index &= t->nstamps_max_mask;
  e->stamps[e->index++] = now;
  if (e->index > e->nstamps)
    e->nstamps = e->index;
  g_queue_unlink(&t->lru, link);
  g_queue_push_tail_link(&t->lru, link);
}

static void
entry_init(NnsNfRecentTable *t, guint8 family, const guint8 *addr, guint8 ttl, guint64 now)
{
  if (t->lru.length >= IP_LIST_TOT)
    entry_free(g_queue_pop_head(&t->lru));
  Entry *e = g_new0(Entry, 1);
  e->family = family;
  memcpy(e->addr, addr, 16);
  e->ttl = ttl;
  e->stamps = g_new0(guint64, t->nstamps_max_mask + 1);
  e->stamps[0] = now;
  e->nstamps = 1;
  e->index = 1;
  g_queue_push_tail(&t->lru, e);
}

/* recent_entry_reap: the least recently updated address goes when its
 * newest time is older than the window (unless it is about to be updated). */
static void
entry_reap(NnsNfRecentTable *t, const Entry *working, gboolean update, guint64 since)
{
  Entry *e = g_queue_peek_head(&t->lru);
  if (!e || (e == working && update))
    return;
  if (e->stamps[e->index - 1] < since)
    entry_free(g_queue_pop_head(&t->lru));
}

gboolean
nns_nf_recent_match(NnsNfRecentTable *t, const NnsNfMatch *m, guint8 family, const guint8 *addr, guint8 ttl,
                    guint64 now)
{
  gboolean ret = m->u.recent.invert;
  guint8 key[16];
  guint len = family == AF_INET6 ? 16 : 4;
  memset(key, 0, sizeof key);
  for (guint i = 0; i < len; i++)
    key[i] = addr[i] & t->mask[i];
  guint8 cs = m->u.recent.check_set;
  GList *link = entry_lookup(t, family, key, (cs & NNS_NF_RECENT_TTL) ? ttl : 0);
  if (!link) {
    if (!(cs & NNS_NF_RECENT_SET))
      return ret;
    entry_init(t, family, key, ttl, now);
    return !ret;
  }
  Entry *e = link->data;
  if (cs & NNS_NF_RECENT_SET) {
    ret = !ret;
  } else if (cs & NNS_NF_RECENT_REMOVE) {
    entry_free(e);
    g_queue_delete_link(&t->lru, link);
    return !ret;
  } else if (m->u.recent.seconds || m->u.recent.hit_count) {
    guint64 window = (guint64) m->u.recent.seconds * G_USEC_PER_SEC;
    guint64 since = now > window ? now - window : 0;
    guint hits = 0;
    for (guint i = 0; i < e->nstamps; i++) {
      if (m->u.recent.seconds && e->stamps[i] < since)
        continue;
      if (!m->u.recent.hit_count || ++hits >= m->u.recent.hit_count) {
        ret = !ret;
        break;
      }
    }
    if (cs & NNS_NF_RECENT_REAP)
      entry_reap(t, e, (cs & NNS_NF_RECENT_UPDATE) && ret, since);
  } else {
    ret = !ret;
  }
  if ((cs & NNS_NF_RECENT_SET) || ((cs & NNS_NF_RECENT_UPDATE) && ret)) {
    entry_update(t, link, now);
    e->ttl = ttl;
  }
  return ret;
}
