/* Kernel modules with a visible effect on the model.  Only ipip has one:
 * loading it gives every namespace, existing or created later, its
 * fallback tunnel device tunl0 (ipip_init_net), which cannot be deleted
 * or moved to another namespace. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* modprobe NAME: ENOENT for a module the model does not know. */
gboolean nns_module_load(NnsWorld *world, const char *name, GError **error);
/* The per-namespace init of loaded modules, for a namespace being created. */
void nns_modules_netns_init(NnsNetns *ns);
/* tunl0 is the namespace's fallback tunnel: ip_tunnel_dellink keeps it. */
gboolean nns_tunnel_is_fallback(const NnsDevice *dev);

G_END_DECLS
