/* The kernel log that dmesg reads: one for the whole world, as the kernel
 * has one log for every namespace.  A fixed ring of structured records (no
 * allocation per message); their text is the dmesg printer's. */
#pragma once

#include "core/world.h"
#include "core/netfilter/nf-types.h"

G_BEGIN_DECLS

#define NNS_KMSG_RING 1024

/* One record; netfilter's LOG target is the only writer so far. */
typedef struct {
  guint64 seq;
  guint64 time_us;                     /* simulated time since boot (the world's start) */
  NnsNfLogEntry nf;
} NnsKmsg;

struct _NnsKmsgLog {
  NnsKmsg ring[NNS_KMSG_RING];
  guint64 count;                       /* records ever written */
  guint64 cleared;                     /* seq below which dmesg -C dropped them */
};

NnsKmsgLog *nns_kmsg_log_new(void);
void nns_kmsg_log_free(NnsKmsgLog *log);
/* A slot for the next record, its seq and time set; the oldest record goes
 * when the ring is full. */
NnsKmsg *nns_kmsg_append(NnsKmsgLog *log, guint64 time_us);
/* The records still held, oldest first (a copy). */
GArray *nns_kmsg_dump(const NnsKmsgLog *log);
void nns_kmsg_clear(NnsKmsgLog *log);

G_END_DECLS
