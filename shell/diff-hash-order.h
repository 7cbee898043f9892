/* Outputs the kernel prints in hash order: a neighbour table is dumped
 * bucket by bucket, and neigh_hash_alloc seeds each table's hash at
 * random, so two entries come in either order from run to run.  `netnsim
 * diff` holds such outputs as sets of lines. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the command line lists a neighbour table: `ip [OPTIONS] neigh
 * [show|list|lst ...]` (any prefix of neighbour/neighbor and of the verbs,
 * under `ip netns exec NS` too; not -json) or `arp` (net-tools reads
 * /proc/net/arp, the same order), not piped or redirected. */
gboolean nns_command_in_hash_order(const char *command);
/* Sort the output lines of every such block of a transcript (an "[exit N]"
 * line stays last), before normalisation names MAC and link-local
 * addresses in order of appearance. */
void nns_transcript_sort_hash_ordered(GPtrArray *blocks);

G_END_DECLS
