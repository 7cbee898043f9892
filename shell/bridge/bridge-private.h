/* What the `bridge` objects share: the options of one call (bridge.c) and
 * the objects themselves, `bridge link` (bridge-link.c) and `bridge fdb`
 * (bridge-fdb.c). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

typedef struct {
  NnsShell *sh;
  NnsBackend *be;
  int pid;
  NnsIo *io;
  gboolean json, pretty, details;
  gboolean color;             /* -color took effect */
  guint stats;
} NnsBrCall;

/* A device of the namespace's dump by name or index, NULL when none. */
const NnsLinkRecord *nns_br_link_by_name(GPtrArray *links, const char *name);
/* ll_name_to_index: 0 when there is no such device. */
int nns_br_ifindex(NnsBrCall *c, const char *name);
/* NEXT_ARG's complaint: exit status 255. */
int nns_br_incomplete(NnsBrCall *c);
/* "RTNETLINK answers: ..." or "Error: ...": exit status 255, as the
 * objects' rtnl_talk failures return -1. */
int nns_br_rtnl_fail(NnsBrCall *c, const GError *error);
/* iproute2's parse_on_off: "on" or "off" (prefixes, "off" first); else
 * FALSE after its complaint (the caller exits with 234, -EINVAL). */
gboolean nns_br_on_off(NnsBrCall *c, const char *key, const char *arg, gboolean *on);

int nns_bridge_link(NnsBrCall *c, int argc, char **argv);
int nns_bridge_fdb(NnsBrCall *c, int argc, char **argv);

G_END_DECLS
