/* Per-namespace sysctls (/proc/sys/net/...), with the kernel's defaults. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

GHashTable *nns_sysctl_table_new(void);
/* An entry of the namespace's table (not the per-device ones), NULL when none. */
const char *nns_sysctl_get(NnsNetns *ns, const char *path);
/* Any entry, per-device ones included (net/ipv6/conf/DEV/disable_ipv6): a
 * new string, NULL when no such entry. */
char *nns_sysctl_read(NnsNetns *ns, const char *path);
/* net.ipv6.conf.default.disable_ipv6: what a device registering gets. */
int nns_sysctl_default_disable_ipv6(NnsNetns *ns);
/* ENOENT for an unknown entry, EINVAL for a value it does not take. */
gboolean nns_sysctl_set(NnsNetns *ns, const char *path, const char *value, GError **error);
/* Entries and sub-directories directly below dir (sorted), NULL if none. */
GPtrArray *nns_sysctl_list(NnsNetns *ns, const char *dir);

G_END_DECLS
