/* The world's kernel log ring. */
#include "core/kmsg.h"

#include <string.h>

NnsKmsgLog *
nns_kmsg_log_new(void)
{
  return g_new0(NnsKmsgLog, 1);
}

void
nns_kmsg_log_free(NnsKmsgLog *log)
{
  g_free(log);
}

NnsKmsg *
nns_kmsg_append(NnsKmsgLog *log, guint64 time_us)
{
  NnsKmsg *m = &log->ring[log->count % NNS_KMSG_RING];
  memset(m, 0, sizeof *m);
  m->seq = log->count++;
  m->time_us = time_us;
  return m;
}

GArray *
nns_kmsg_dump(const NnsKmsgLog *log)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(NnsKmsg));
  guint64 first = log->count > NNS_KMSG_RING ? log->count - NNS_KMSG_RING : 0;
  first = MAX(first, log->cleared);
  for (guint64 s = first; s < log->count; s++)
    g_array_append_val(out, log->ring[s % NNS_KMSG_RING]);
  return out;
}

void
nns_kmsg_clear(NnsKmsgLog *log)
{
  log->cleared = log->count;
}
