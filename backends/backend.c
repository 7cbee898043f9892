#include "backends/backend.h"

void
nns_backend_free(NnsBackend *be)
{
  if (be)
    be->ops->free(be);
}

void
nns_link_record_free(NnsLinkRecord *rec)
{
  if (!rec)
    return;
  g_free(rec->alias);
  g_free(rec);
}

void
nns_ping_result_clear(NnsPingResult *res)
{
  if (res->events)
    g_array_free(res->events, TRUE);
  res->events = NULL;
  if (res->sent_us)
    g_array_free(res->sent_us, TRUE);
  res->sent_us = NULL;
  if (res->unsent)
    g_array_free(res->unsent, TRUE);
  res->unsent = NULL;
}

NnsRouteRecord *
nns_route_record_new(guint n_nexthops)
{
  NnsRouteRecord *r = g_malloc0(sizeof *r + n_nexthops * sizeof(NnsNexthopRecord));
  if (n_nexthops) {
    r->n_nexthops = n_nexthops;
    r->nexthops = (NnsNexthopRecord *) (r + 1);
  }
  return r;
}
