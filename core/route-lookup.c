#include "core/route-lookup.h"
#include "core/multipath.h"

#include <errno.h>
#include <string.h>

typedef struct {
  NnsFibFilter accept;
  gpointer data;
  guint nh;
} TableAsk;

static NnsRoute *
ask_table(NnsNetns *ns, guint32 table, const NnsFlow *fl, gpointer data)
{
  TableAsk *ask = data;
  return nns_fib_lookup_nh(ns->fib, table, &fl->dst, ask->accept, ask->data, &ask->nh);
}

static void
take_path(NnsFibResult *res, guint nh)
{
  const NnsRoute *r = res->route;
  res->nh = nh;
  if (r->nhs) {
    res->dev = r->nh[nh].dev;
    res->has_gateway = r->nh[nh].has_gateway;
    res->gateway = r->nh[nh].gateway;
  } else {
    res->dev = r->dev;
    res->has_gateway = r->has_gateway;
    res->gateway = r->gateway;
  }
}

gboolean
nns_route_lookup_flow4(NnsNetns *ns, const NnsFlow *fl, NnsFibFilter accept, gpointer data, NnsFibResult *res)
{
  memset(res, 0, sizeof *res);
  TableAsk ask = { accept, data, 0 };
  res->route = nns_rules_lookup(ns, AF_INET, fl, ask_table, &ask, &res->table, &res->error);
  if (!res->route)
    return FALSE;
  take_path(res, ask.nh);
  return TRUE;
}

void
nns_route_select_path4(NnsNetns *ns, NnsFibResult *res, const NnsInet *hash_src, const NnsInet *hash_dst,
                       const NnsInet *prefer)
{
  if (!res->route || res->route->nhs < 2)
    return;
  guint32 h = nns_multipath_hash4(ns, hash_src, hash_dst);
  take_path(res, nns_multipath_select(ns, res->route, h, prefer));
}
