/* Per-namespace sysctls (/proc/sys/net/...), with the kernel's defaults. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

GHashTable *nns_sysctl_table_new(void);
/* NULL when no such entry. */
const char *nns_sysctl_get(NnsNetns *ns, const char *path);
/* ENOENT for an unknown entry, EINVAL for a value it does not take. */
gboolean nns_sysctl_set(NnsNetns *ns, const char *path, const char *value, GError **error);
/* Entries and sub-directories directly below dir (sorted), NULL if none. */
GPtrArray *nns_sysctl_list(NnsNetns *ns, const char *dir);

G_END_DECLS
