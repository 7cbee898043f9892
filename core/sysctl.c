#include "core/sysctl.h"
#include "core/conf.h"
#include "core/error.h"
#include "core/netns.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The namespace-wide entries the tutorials touch, with a fresh namespace's
 * values.  net.ipv4.conf.*, net.ipv6.conf.* and net.ipv4.ip_forward (all's
 * forwarding) are core/conf.c's. */
static const struct {
  const char *path;
  const char *value;
  gboolean boolean;
} defaults[] = {
  { "net/ipv4/icmp_echo_ignore_all", "0", TRUE },
  { "net/ipv4/icmp_echo_ignore_broadcasts", "1", TRUE },
  { "net/ipv4/ip_default_ttl", "64", FALSE },
  { "net/ipv4/ping_group_range", "1\t0", FALSE },
  /* The key of the multipath hash (core/multipath.h); 0: the boot's own. */
  { "net/ipv4/fib_multipath_hash_seed", "0", FALSE },
  /* IPv6's multipath hash: policy 0 (L3) is the one modelled; the
   * engine's datagrams carry no flow label, as with auto_flowlabels 0. */
  { "net/ipv6/fib_multipath_hash_policy", "0", FALSE },
  { "net/ipv6/auto_flowlabels", "1", FALSE },
  { "net/core/somaxconn", "4096", FALSE },
  /* A namespace's route entries (what a namespace other than the
   * first has): exceptions live mtu_expires seconds, a path MTU below
   * min_pmtu is locked at it.  net/ipv4/route/flush is write-only (below). */
  { "net/ipv4/route/mtu_expires", "600", FALSE },
  { "net/ipv4/route/min_pmtu", "552", FALSE },
  { "net/ipv4/route/min_adv_mss", "256", FALSE },
  /* IPv6's exceptions (a Packet too big's) live mtu_expires seconds. */
  { "net/ipv6/route/mtu_expires", "600", FALSE },
};

GHashTable *
nns_sysctl_table_new(void)
{
  GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  for (gsize i = 0; i < G_N_ELEMENTS(defaults); i++)
    g_hash_table_insert(t, (gpointer) defaults[i].path, g_strdup(defaults[i].value));
  return t;
}

int
nns_sysctl_default_disable_ipv6(NnsNetns *ns)
{
  return nns_conf_default_disable_ipv6(ns);
}

const char *
nns_sysctl_get(NnsNetns *ns, const char *path)
{
  return g_hash_table_lookup(ns->sysctls, path);
}

char *
nns_sysctl_read(NnsNetns *ns, const char *path)
{
  if (nns_conf_owns(path)) {
    int err = 0;
    return nns_conf_read(ns, path, &err);
  }
  return g_strdup(g_hash_table_lookup(ns->sysctls, path));
}

static gboolean
is_boolean(const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS(defaults); i++)
    if (g_str_equal(defaults[i].path, path))
      return defaults[i].boolean;
  return FALSE;
}

gboolean
nns_sysctl_set(NnsNetns *ns, const char *path, const char *value, GError **error)
{
  if (nns_conf_owns(path))
    return nns_conf_write(ns, path, value, error);
  /* ipv4_sysctl_rtcache_flush: any write flushes the routing cache and
   * voids the route exceptions (fnhe_genid_bump); the value is not read. */
  if (g_str_equal(path, "net/ipv4/route/flush")) {
    ns->fnhe_genid++;
    return TRUE;
  }
  const char *key = NULL;
  if (!g_hash_table_lookup_extended(ns->sysctls, path, (gpointer *) &key, NULL)) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  g_autofree char *v = g_strstrip(g_strdup(value));
  char *end = NULL;
  long n = strtol(v, &end, 10);
  if (!*v || *end) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  if (is_boolean(path))
    n = n != 0;
  g_hash_table_insert(ns->sysctls, (gpointer) key, g_strdup_printf("%ld", n));
  return TRUE;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
nns_sysctl_list(NnsNetns *ns, const char *dir)
{
  g_autofree char *prefix = g_str_has_suffix(dir, "/") || !*dir ? g_strdup(dir) : g_strconcat(dir, "/", NULL);
  if (g_str_has_prefix(prefix, "net/ipv4/conf/") || g_str_has_prefix(prefix, "net/ipv6/conf/"))
    return nns_conf_list(ns, prefix);
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, ns->sysctls);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    const char *path = key;
    if (!g_str_has_prefix(path, prefix))
      continue;
    const char *rest = path + strlen(prefix);
    const char *slash = strchr(rest, '/');
    g_hash_table_add(seen, slash ? g_strndup(rest, slash - rest) : g_strdup(rest));
  }
  /* What core/conf.c holds. */
  if (g_str_equal(prefix, "net/")) {
    g_hash_table_add(seen, g_strdup("ipv4"));
    g_hash_table_add(seen, g_strdup("ipv6"));
  } else if (g_str_equal(prefix, "net/ipv4/")) {
    g_hash_table_add(seen, g_strdup("conf"));
    g_hash_table_add(seen, g_strdup("ip_forward"));
  } else if (g_str_equal(prefix, "net/ipv6/")) {
    g_hash_table_add(seen, g_strdup("conf"));
  } else if (!*prefix) {
    g_hash_table_add(seen, g_strdup("net"));
  }
  if (g_hash_table_size(seen) == 0)
    return NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  g_hash_table_iter_init(&it, seen);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(names, g_strdup(key));
  g_ptr_array_sort(names, compare_names);
  return names;
}
