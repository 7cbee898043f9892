/* IPv4 and IPv6 addresses on devices, and the automatic ones the kernel
 * adds by itself (127.0.0.1 and ::1 on lo, EUI-64 link-local addresses). */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

#define NNS_SCOPE_DEFAULT 0xff  /* let the kernel choose */

typedef struct {
  NnsInet local;
  guint8 prefixlen;
  gboolean has_broadcast;
  NnsInet broadcast;
  guint8 scope;               /* RT_SCOPE_* or NNS_SCOPE_DEFAULT */
  const char *label;          /* NULL: the device name */
  guint32 flags;              /* IFA_F_NODAD: IPv6 without duplicate address detection;
                               * IFA_F_NOPREFIXROUTE: no route for the prefix */
} NnsAddressSpec;

gboolean nns_address_add(NnsDevice *dev, const NnsAddressSpec *spec, gboolean replace, GError **error);
/* prefixlen < 0: match the local address alone (iproute2's wildcard delete). */
gboolean nns_address_del(NnsDevice *dev, const NnsInet *local, int prefixlen, GError **error);
/* IFA_F_* flags as a dump reports them now (tentative until DAD is done). */
guint32 nns_address_flags(const NnsAddress *addr);

void nns_addresses_clear(NnsDevice *dev);
void nns_addresses_relabel(NnsDevice *dev);
void nns_addresses_mtu_changed(NnsDevice *dev);

/* inet_select_addr: the source for `towards` on `dev` at `scope` or wider
 * (a primary address on its subnet, else its first primary), else any
 * device's primary global address. */
gboolean nns_inet_select_addr(NnsNetns *ns, NnsDevice *dev, const NnsInet *towards, guint8 scope, NnsInet *out);

/* addrconf: what the kernel does by itself on up, down and carrier. */
void nns_addrconf_dev_up(NnsDevice *dev);
void nns_addrconf_dev_down(NnsDevice *dev);
void nns_addrconf_carrier_changed(NnsDevice *dev);
/* disable_ipv6 of the device flipped. */
void nns_addrconf_disable_changed(NnsDevice *dev);

G_END_DECLS
