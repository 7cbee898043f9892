#include "core/tunnel.h"
#include "core/device.h"
#include "core/error.h"
#include "core/world.h"

#include <errno.h>

void
nns_modules_netns_init(NnsNetns *ns)
{
  if (ns->world->ipip_loaded)
    nns_device_new(ns, NNS_KIND_IPIP, "tunl0");
}

gboolean
nns_module_load(NnsWorld *world, const char *name, GError **error)
{
  /* ipip pulls in tunnel4 and ip_tunnel, which add no device themselves. */
  if (g_str_equal(name, "tunnel4") || g_str_equal(name, "ip_tunnel"))
    return TRUE;
  if (!g_str_equal(name, "ipip")) {
    nns_set_errno(error, ENOENT);
    return FALSE;
  }
  if (world->ipip_loaded)
    return TRUE;
  world->ipip_loaded = TRUE;
  /* register_pernet_device runs ipip_init_net for every namespace alive. */
  GHashTableIter it;
  gpointer key;
  g_autoptr(GPtrArray) all = g_ptr_array_new();
  g_hash_table_iter_init(&it, world->namespaces);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(all, key);
  for (guint i = 0; i < all->len; i++)
    nns_modules_netns_init(all->pdata[i]);
  return TRUE;
}

gboolean
nns_tunnel_is_fallback(const NnsDevice *dev)
{
  return dev->kind == NNS_KIND_IPIP;
}
