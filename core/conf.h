/* The per-device configuration trees net.ipv4.conf.* and net.ipv6.conf.*
 * (devinet's ipv4_devconf, addrconf's ipv6_devconf): one table of entries
 * with the kernel's compiled defaults, an `all` and a `default` set per
 * namespace, and a set per device copied from `default` when the device
 * registers there.  Writing IPv4's `default` reaches every device that
 * never had that entry written (devinet_copy_dflt_conf); IPv4's
 * all.forwarding (net.ipv4.ip_forward) sets default's and every device's
 * and clears all.accept_redirects (inet_forward_change); IPv6's
 * all.forwarding and all.disable_ipv6 set default's and every device's;
 * IPv6's default reaches new devices only. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

typedef struct _NnsConf NnsConf;

NnsConf *nns_conf_new(void);
void nns_conf_free(NnsConf *conf);

/* A device registering in its namespace (created or moved in): its sets
 * from the namespace's `default` (lo gets its own exceptions). */
void nns_conf_dev_register(NnsDevice *dev);
void nns_conf_dev_free(NnsDevice *dev);
/* NETDEV_CHANGEMTU: net.ipv6.conf.DEV.mtu follows the device's MTU. */
void nns_conf_mtu_changed(NnsDevice *dev);

/* A device's value of an entry (family AF_INET or AF_INET6); 0 for an
 * unknown name. */
int nns_conf_dev(const NnsDevice *dev, int family, const char *name);
/* Write a device's entry as its owner does (IFLA_INET6_ADDR_GEN_MODE
 * writes addr_gen_mode), with no side effect. */
void nns_conf_dev_set(NnsDevice *dev, int family, const char *name, int value);
/* The namespace's `all` value. */
int nns_conf_all(NnsNetns *ns, int family, const char *name);
/* net.ipv6.conf.default.disable_ipv6: what a device registering gets. */
int nns_conf_default_disable_ipv6(NnsNetns *ns);

/* The /proc/sys side: paths below net/ipv4/conf and net/ipv6/conf, and
 * net/ipv4/ip_forward.  A new string, or NULL with *err (ENOENT, EIO for
 * stable_secret, which is never set here). */
gboolean nns_conf_owns(const char *path);
char *nns_conf_read(NnsNetns *ns, const char *path, int *err);
/* ENOENT, or EINVAL for a value out of the entry's range. */
gboolean nns_conf_write(NnsNetns *ns, const char *path, const char *value, GError **error);
/* Names directly below a directory of the trees (sorted), NULL if none. */
GPtrArray *nns_conf_list(NnsNetns *ns, const char *dir);

G_END_DECLS
