#include "core/sysctl.h"
#include "core/address.h"
#include "core/error.h"
#include "core/netns.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The entries the tutorials touch, with a fresh namespace's values. */
static const struct {
  const char *path;
  const char *value;
  gboolean boolean;
} defaults[] = {
  { "net/ipv4/ip_forward", "0", TRUE },
  { "net/ipv4/conf/all/forwarding", "0", TRUE },
  { "net/ipv4/conf/default/forwarding", "0", TRUE },
  { "net/ipv4/conf/all/rp_filter", "0", FALSE },
  { "net/ipv4/conf/default/rp_filter", "0", FALSE },
  { "net/ipv4/icmp_echo_ignore_all", "0", TRUE },
  { "net/ipv4/icmp_echo_ignore_broadcasts", "1", TRUE },
  { "net/ipv4/ip_default_ttl", "64", FALSE },
  { "net/ipv4/ping_group_range", "1\t0", FALSE },
  /* The key of the multipath hash (core/multipath.h); 0: the boot's own. */
  { "net/ipv4/fib_multipath_hash_seed", "0", FALSE },
  { "net/ipv6/conf/all/forwarding", "0", TRUE },
  { "net/ipv6/conf/default/forwarding", "0", TRUE },
  /* An int, not a boolean: 2 and -1 are kept as written. */
  { "net/ipv6/conf/all/disable_ipv6", "0", FALSE },
  { "net/ipv6/conf/default/disable_ipv6", "0", FALSE },
  { "net/core/somaxconn", "4096", FALSE },
};

GHashTable *
nns_sysctl_table_new(void)
{
  GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  for (gsize i = 0; i < G_N_ELEMENTS(defaults); i++)
    g_hash_table_insert(t, (gpointer) defaults[i].path, g_strdup(defaults[i].value));
  return t;
}

/* net/ipv6/conf/DEV/disable_ipv6: the device, or NULL. */
static NnsDevice *
ipv6_conf_device(NnsNetns *ns, const char *path)
{
  static const char prefix[] = "net/ipv6/conf/";
  if (!g_str_has_prefix(path, prefix) || !g_str_has_suffix(path, "/disable_ipv6"))
    return NULL;
  g_autofree char *name = g_strndup(path + strlen(prefix),
                                    strlen(path) - strlen(prefix) - strlen("/disable_ipv6"));
  return nns_netns_device_by_name(ns, name);
}

int
nns_sysctl_default_disable_ipv6(NnsNetns *ns)
{
  const char *v = g_hash_table_lookup(ns->sysctls, "net/ipv6/conf/default/disable_ipv6");
  return v ? atoi(v) : 0;
}

const char *
nns_sysctl_get(NnsNetns *ns, const char *path)
{
  return g_hash_table_lookup(ns->sysctls, path);
}

char *
nns_sysctl_read(NnsNetns *ns, const char *path)
{
  NnsDevice *dev = ipv6_conf_device(ns, path);
  if (dev)
    return g_strdup_printf("%d", dev->disable_ipv6);
  return g_strdup(g_hash_table_lookup(ns->sysctls, path));
}

/* addrconf_disable_ipv6: a device whose switch flips loses its IPv6
 * addresses, or gets them as if it had just come up. */
static void
device_disable_ipv6(NnsDevice *dev, int value)
{
  gboolean changed = !dev->disable_ipv6 != !value;
  dev->disable_ipv6 = value;
  if (changed)
    nns_addrconf_disable_changed(dev);
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
  const char *key = NULL;
  NnsDevice *dev = ipv6_conf_device(ns, path);
  if (!dev && !g_hash_table_lookup_extended(ns->sysctls, path, (gpointer *) &key, NULL)) {
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
  if (dev) {
    device_disable_ipv6(dev, (int) n);
    return TRUE;
  }
  g_hash_table_insert(ns->sysctls, (gpointer) key, g_strdup_printf("%ld", n));
  /* all.disable_ipv6 sets default too and every device (addrconf_disable_change). */
  if (g_str_equal(path, "net/ipv6/conf/all/disable_ipv6")) {
    g_hash_table_insert(ns->sysctls, (gpointer) "net/ipv6/conf/default/disable_ipv6", g_strdup_printf("%ld", n));
    g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
    for (guint i = 0; i < devs->len; i++)
      device_disable_ipv6(devs->pdata[i], (int) n);
  }
  /* ip_forward and conf/all/forwarding are one switch in the kernel. */
  if (g_str_equal(path, "net/ipv4/ip_forward"))
    g_hash_table_insert(ns->sysctls, (gpointer) "net/ipv4/conf/all/forwarding", g_strdup_printf("%ld", n));
  else if (g_str_equal(path, "net/ipv4/conf/all/forwarding"))
    g_hash_table_insert(ns->sysctls, (gpointer) "net/ipv4/ip_forward", g_strdup_printf("%ld", n));
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
  /* Each device has its directory under net/ipv6/conf (only disable_ipv6 in it). */
  if (g_str_equal(prefix, "net/ipv6/conf/")) {
    g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
    for (guint i = 0; i < devs->len; i++)
      g_hash_table_add(seen, g_strdup(((NnsDevice *) devs->pdata[i])->name));
  } else if (g_str_has_prefix(prefix, "net/ipv6/conf/")) {
    g_autofree char *path = g_strconcat(prefix, "disable_ipv6", NULL);
    if (ipv6_conf_device(ns, path))
      g_hash_table_add(seen, g_strdup("disable_ipv6"));
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
