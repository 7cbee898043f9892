/* print_neigh of iproute2 6.1 (`ip neigh`); `bridge fdb`'s lines are
 * print-bridge.c's. */
#pragma once

#include "shell/print/print-ip.h"

G_BEGIN_DECLS

/* One `ip neigh` line; hide_dev when the dump was filtered by device. */
void nns_print_neigh(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx, const NnsNeighRecord *n,
                     gboolean hide_dev);
/* "PERMANENT", "REACHABLE", ...: the NUD state names iproute2 prints. */
const char *nns_neigh_state_name(guint16 state);

G_END_DECLS
