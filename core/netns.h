/* A network namespace: its devices (by index and by name), the ids it
 * gives its peers (nsids), its routes and its sysctls. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* A namespace with only `lo`, DOWN, as the kernel makes it. */
NnsNetns *nns_netns_new(NnsWorld *world, guint64 inode);
/* Free a namespace's memory (devices included) without any semantics. */
void nns_netns_free(NnsNetns *ns);
/* Destroy the namespace if no name and no process holds it: virtual
 * devices die with it, physical ones go back to the root namespace. */
void nns_netns_release_if_unused(NnsNetns *ns);

NnsDevice *nns_netns_device_by_name(NnsNetns *ns, const char *name);
NnsDevice *nns_netns_device_by_index(NnsNetns *ns, int ifindex);
/* Devices in ifindex order (the order of a kernel link dump). */
GPtrArray *nns_netns_devices(NnsNetns *ns);

/* The next free ifindex, as dev_new_index() chooses it. */
int nns_netns_alloc_ifindex(NnsNetns *ns);
void nns_netns_register(NnsNetns *ns, NnsDevice *dev);
void nns_netns_unregister(NnsNetns *ns, NnsDevice *dev);

/* The id `ns` has for `peer` (peernet2id), -1 if none. */
int nns_netns_peer_id(NnsNetns *ns, NnsNetns *peer);
/* The same, allocating the lowest free id on first need (peernet2id_alloc). */
int nns_netns_peer_id_alloc(NnsNetns *ns, NnsNetns *peer);
/* RTM_NEWNSID: give `peer` the id `id` in `ns` (or the lowest free if < 0). */
gboolean nns_netns_peer_id_set(NnsNetns *ns, NnsNetns *peer, int id, GError **error);
NnsNetns *nns_netns_peer_by_id(NnsNetns *ns, int id);

G_END_DECLS
