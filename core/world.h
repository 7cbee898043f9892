/* The world: every namespace, the names that /run/netns binds, the
 * processes, the simulated clock and the seeded generator of MAC addresses.
 */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* A file in /run/netns: the serial orders names as tmpfs lists them. */
typedef struct {
  char *name;
  NnsNetns *ns;
  guint64 serial;
} NnsNameBinding;

typedef struct _NnsKmsgLog NnsKmsgLog;

struct _NnsWorld {
  NnsNetns *root;
  GHashTable *names;          /* netns name -> NnsNameBinding* (/run/netns) */
  guint64 next_name_serial;
  GHashTable *processes;      /* int pid -> NnsProcess* */
  GHashTable *namespaces;     /* every live NnsNetns* (timers check theirs) */
  int next_pid;
  guint64 next_inode;
  guint64 clock_us;           /* simulated time, in microseconds */
  GRand *rand;                /* seeded: MAC addresses */
  guint32 mp_seed;            /* the multipath hash key the kernel draws at boot
                               * (used while fib_multipath_hash_seed is 0), from
                               * the seed without touching `rand` (core/multipath.h) */
  guint32 qdisc_autohandle;   /* qdisc_alloc_handle's counter: one per machine */
  gboolean ipip_loaded;       /* the ipip module: every namespace has a tunl0 */
  NnsKmsgLog *kmsg;           /* the kernel log (dmesg), core/kmsg.h */
  GHashTable *ipv6_changed;   /* devices (a set) that became IPv6-ready,
                               * changed IPv6 addresses or flipped NOARP
                               * since the packet engine last looked (its
                               * own traffic): only those are looked at */
  GTree *bridge_timers;       /* NnsDevice*: bridge ports whose forward_delay_timer,
                               * bridges whose topology_change_timer is pending, in
                               * the order they expire (core/bridge.h) */
};

/* A world with a root namespace whose lo is down and PID 1 in it. */
NnsWorld *nns_world_new(guint32 seed);
void nns_world_free(NnsWorld *world);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsWorld, nns_world_free)

/* A random, locally administered unicast MAC address (eth_random_addr). */
void nns_world_random_mac(NnsWorld *world, guint8 mac[6]);
/* Bytes from the same seeded generator. */
void nns_world_random_bytes(NnsWorld *world, guint8 *buf, gsize n);
guint64 nns_world_alloc_inode(NnsWorld *world);

NnsProcess *nns_world_process(NnsWorld *world, int pid);
NnsProcess *nns_world_spawn(NnsWorld *world, NnsNetns *ns);
void nns_world_exit(NnsWorld *world, int pid);

NnsNetns *nns_world_netns_by_name(NnsWorld *world, const char *name);
/* Bind a name (as `ip netns add` and `ip netns attach` do). */
gboolean nns_world_bind_name(NnsWorld *world, const char *name, NnsNetns *ns, GError **error);
/* Remove a name; the namespace dies when nothing holds it any more. */
gboolean nns_world_unbind_name(NnsWorld *world, const char *name, GError **error);

/* The bound names, newest first (readdir order of /run/netns). */
GPtrArray *nns_world_names_newest_first(NnsWorld *world);

void nns_world_advance(NnsWorld *world, guint64 ms);

G_END_DECLS
