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
