/* iproute2 6.1's `bridge` printers: a port of `bridge link` (print_linkinfo
 * and print_protinfo) and an entry of `bridge fdb` (print_fdb), text and
 * JSON. */
#pragma once

#include "backends/backend.h"
#include "shell/print/output.h"

G_BEGIN_DECLS

/* "disabled", "listening", ... (bridge/link.c's port_states). */
const char *nns_bridge_port_state_name(guint8 state);

/* One `bridge link` entry; links is the namespace's dump (names of the
 * peer, the master and the backup port); details: -d's second line. */
/* The first six switches of a bridge port, in the order both `bridge -d
 * link` and `ip -d link` (bridge_slave) print them. */
void nns_print_brport_switches(NnsPrinter *p, guint32 brport_flags);

void nns_print_bridge_link(NnsPrinter *p, GPtrArray *links, const NnsLinkRecord *l, gboolean details);

/* One `bridge fdb` entry: show_dev unless the dump was filtered by device,
 * stats for -s (the ages of NDA_CACHEINFO). */
void nns_print_fdb(NnsPrinter *p, GPtrArray *links, const NnsFdbRecord *e, gboolean show_dev, gboolean stats);

G_END_DECLS
