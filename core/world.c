#include "core/world.h"
#include "core/bridge.h"
#include "core/kmsg.h"
#include "core/netns.h"
#include "core/error.h"

#include <errno.h>

/* The first inode numbers the kernel hands to network namespaces. */
#define ROOT_NETNS_INODE  4026531840ULL
#define FIRST_NETNS_INODE 4026532160ULL

static void
name_binding_free(gpointer data)
{
  NnsNameBinding *b = data;
  g_free(b->name);
  g_free(b);
}

NnsWorld *
nns_world_new(guint32 seed)
{
  NnsWorld *world = g_new0(NnsWorld, 1);
  world->names = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, name_binding_free);
  world->processes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  world->rand = g_rand_new_with_seed(seed);
  /* murmur3's finaliser: a fixed key per seed, as one boot has one. */
  guint32 k = seed ^ 0x9e3779b9u;
  k ^= k >> 16;
  k *= 0x85ebca6bu;
  k ^= k >> 13;
  k *= 0xc2b2ae35u;
  k ^= k >> 16;
  world->mp_seed = k;
  world->kmsg = nns_kmsg_log_new();
  world->namespaces = g_hash_table_new(g_direct_hash, g_direct_equal);
  world->ipv6_changed = g_hash_table_new(g_direct_hash, g_direct_equal);
  world->bridge_timers = g_tree_new(nns_bridge_timer_order);
  world->next_inode = FIRST_NETNS_INODE;
  world->next_pid = 1;
  world->qdisc_autohandle = 0x80000000u;
  world->root = nns_netns_new(world, ROOT_NETNS_INODE);
  world->root->is_root = TRUE;
  /* Only init_net has it: whether LOG in other namespaces reaches the log. */
  g_hash_table_insert(world->root->sysctls, (gpointer) "net/netfilter/nf_log_all_netns", g_strdup("0"));
  nns_world_spawn(world, world->root); /* PID 1, init */
  return world;
}

void
nns_world_free(NnsWorld *world)
{
  if (!world)
    return;
  /* Tear the named namespaces down first so devices go home as they would. */
  g_autoptr(GPtrArray) names = nns_world_names_newest_first(world);
  for (guint i = 0; i < names->len; i++)
    nns_world_unbind_name(world, names->pdata[i], NULL);
  GHashTableIter it;
  gpointer value;
  g_autoptr(GPtrArray) live = g_ptr_array_new();
  g_hash_table_iter_init(&it, world->processes);
  while (g_hash_table_iter_next(&it, NULL, &value))
    g_ptr_array_add(live, GINT_TO_POINTER(((NnsProcess *) value)->pid));
  for (guint i = 0; i < live->len; i++) {
    NnsProcess *p = nns_world_process(world, GPOINTER_TO_INT(live->pdata[i]));
    if (p && !p->ns->is_root)
      nns_world_exit(world, p->pid);
  }
  nns_netns_free(world->root);
  g_hash_table_destroy(world->processes);
  g_hash_table_destroy(world->namespaces);
  g_hash_table_destroy(world->ipv6_changed);
  g_tree_destroy(world->bridge_timers);
  g_hash_table_destroy(world->names);
  g_rand_free(world->rand);
  nns_kmsg_log_free(world->kmsg);
  g_free(world);
}

void
nns_world_random_mac(NnsWorld *world, guint8 mac[6])
{
  for (int i = 0; i < 6; i++)
    mac[i] = (guint8) g_rand_int_range(world->rand, 0, 256);
  mac[0] &= 0xfe; /* unicast */
  mac[0] |= 0x02; /* locally administered */
}

void
nns_world_random_bytes(NnsWorld *world, guint8 *buf, gsize n)
{
  for (gsize i = 0; i < n; i++)
    buf[i] = (guint8) g_rand_int_range(world->rand, 0, 256);
}

guint64
nns_world_alloc_inode(NnsWorld *world)
{
  guint64 inode = world->next_inode;
  world->next_inode += 1;
  return inode;
}

NnsProcess *
nns_world_process(NnsWorld *world, int pid)
{
  return g_hash_table_lookup(world->processes, GINT_TO_POINTER(pid));
}

NnsProcess *
nns_world_spawn(NnsWorld *world, NnsNetns *ns)
{
  NnsProcess *p = g_new0(NnsProcess, 1);
  p->pid = world->next_pid++;
  p->ns = ns;
  ns->processes++;
  g_hash_table_insert(world->processes, GINT_TO_POINTER(p->pid), p);
  return p;
}

void
nns_world_exit(NnsWorld *world, int pid)
{
  NnsProcess *p = nns_world_process(world, pid);
  if (!p || pid == 1)
    return;
  NnsNetns *ns = p->ns;
  g_hash_table_remove(world->processes, GINT_TO_POINTER(pid));
  ns->processes--;
  nns_netns_release_if_unused(ns);
}

NnsNetns *
nns_world_netns_by_name(NnsWorld *world, const char *name)
{
  NnsNameBinding *b = g_hash_table_lookup(world->names, name);
  return b ? b->ns : NULL;
}

gboolean
nns_world_bind_name(NnsWorld *world, const char *name, NnsNetns *ns, GError **error)
{
  if (g_hash_table_contains(world->names, name)) {
    nns_set_errno(error, EEXIST);
    return FALSE;
  }
  NnsNameBinding *b = g_new0(NnsNameBinding, 1);
  b->name = g_strdup(name);
  b->ns = ns;
  b->serial = world->next_name_serial++;
  g_hash_table_insert(world->names, b->name, b);
  ns->names++;
  return TRUE;
}

gboolean
nns_world_unbind_name(NnsWorld *world, const char *name, GError **error)
{
  NnsNetns *ns = nns_world_netns_by_name(world, name);
  if (!ns) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  g_hash_table_remove(world->names, name);
  ns->names--;
  nns_netns_release_if_unused(ns);
  return TRUE;
}

void
nns_world_advance(NnsWorld *world, guint64 ms)
{
  world->clock_us += ms * 1000;
}

static gint
binding_newest_first(gconstpointer a, gconstpointer b)
{
  const NnsNameBinding *x = *(NnsNameBinding *const *) a, *y = *(NnsNameBinding *const *) b;
  return x->serial < y->serial ? 1 : x->serial > y->serial ? -1 : 0;
}

GPtrArray *
nns_world_names_newest_first(NnsWorld *world)
{
  g_autoptr(GPtrArray) bindings = g_ptr_array_new();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init(&it, world->names);
  while (g_hash_table_iter_next(&it, NULL, &value))
    g_ptr_array_add(bindings, value);
  g_ptr_array_sort(bindings, binding_newest_first);
  GPtrArray *names = g_ptr_array_new_full(bindings->len, g_free);
  for (guint i = 0; i < bindings->len; i++)
    g_ptr_array_add(names, g_strdup(((NnsNameBinding *) bindings->pdata[i])->name));
  return names;
}
