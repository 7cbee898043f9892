/* Routing tables: the routes the kernel maintains for addresses
 * (fib_add_ifaddr / addrconf) and, later, the ones users add. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* Add a route unless an identical one is there (fib_magic's append). */
NnsRoute *nns_route_add(NnsNetns *ns, const NnsRoute *spec);
/* Routes for one address (device must be up for all but the local one). */
void nns_routes_add_for_address(NnsAddress *addr);
void nns_routes_del_for_address(NnsAddress *addr);
/* Routes for every address of a device that has come up. */
void nns_routes_dev_up(NnsDevice *dev);
/* What a device going down takes away (its local routes stay; a path of
 * a multipath route stays while another path lives). */
void nns_routes_dev_down(NnsDevice *dev);
/* The same for one family's routes (IPv6's addrconf_ifdown). */
void nns_routes_dev_down_family(NnsDevice *dev, guint8 family);
/* A device's carrier came or went: multipath routes' linkdown mark. */
void nns_routes_carrier_changed(NnsDevice *dev);
/* Remove every route through the device. */
void nns_routes_flush_dev(NnsDevice *dev);
void nns_routes_flush_dev_family(NnsDevice *dev, guint8 family);
/* Routes of a namespace and family, in the kernel's dump order. */
GPtrArray *nns_routes_sorted(NnsNetns *ns, guint8 family);

/* Routes users add and delete (RTM_NEWROUTE / RTM_DELROUTE) with the
 * kernel's checks; nlflags are NnsNlmFlags (backends/backend.h values:
 * CREATE 1, EXCL 2, REPLACE 4, APPEND 8).  For deletion, 0 type/protocol,
 * NULL dev, !has_priority and RT_SCOPE_NOWHERE match any. */
gboolean nns_route_user_add(NnsNetns *ns, const NnsRoute *spec, guint nlflags, GError **error);
gboolean nns_route_user_del(NnsNetns *ns, const NnsRoute *spec, GError **error);
/* fib_lookup through the rules (from the host itself) with a minimum
 * scope and an optional output device: how a gateway is reached. */
/* An address of the namespace (a local route in the local table). */
gboolean nns_route_is_local4(NnsNetns *ns, const NnsInet *addr);
NnsRoute *nns_route_lookup4(NnsNetns *ns, const NnsInet *dst, guint8 min_scope, NnsDevice *oif);

G_END_DECLS
