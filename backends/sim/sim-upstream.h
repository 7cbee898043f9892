/* The simulated outside world of the `host` world. */
#pragma once

#include "core/model.h"

G_BEGIN_DECLS

/* The public addresses that answer ping beyond the gateway. */
extern const char *const nns_upstream_hosts[];

/* Cable `nic` to a hidden gateway namespace: 10.0.2.2 on the wire, and
 * a few public addresses behind it that answer ping.  Nothing real is
 * contacted; the gateway routes only back to 10.0.2.0/24, so private
 * networks behind the host need NAT (MASQUERADE) as on a real machine. */
void nns_sim_upstream_attach(NnsWorld *world, NnsDevice *nic);

G_END_DECLS
