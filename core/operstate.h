/* A device's operational state as the kernel keeps it (dev->operstate,
 * RFC 2863): what linkwatch's rfc2863_policy makes of each carrier change,
 * with the link mode (IFLA_LINKMODE dormant holds an UP as DORMANT), and
 * the transitions a user's IFLA_OPERSTATE may make (set_operstate). */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* default_operstate as the kind's carrier gives it, up or not. */
guint8 nns_operstate_default(const NnsDevice *dev);
/* dev->operstate (a dump shows DOWN for a device that is not up). */
guint8 nns_operstate_raw(const NnsDevice *dev);
/* netif_oper_up: UP or UNKNOWN. */
gboolean nns_operstate_oper_up(guint8 operstate);
/* linkwatch after a carrier change; `before` is dev->operstate then. */
void nns_operstate_linkwatch(NnsDevice *dev, guint8 before);
/* set_operstate: IFLA_OPERSTATE's transition (UP, DORMANT or TESTING;
 * the others change nothing). */
void nns_operstate_set(NnsDevice *dev, guint8 transition);

G_END_DECLS
