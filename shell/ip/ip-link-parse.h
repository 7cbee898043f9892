/* iplink_parse (iproute2 6.1): the words `ip link add`, `set` and
 * `delete` share, read into an NnsLinkChange. */
#pragma once

#include "shell/ip/ip-common.h"

G_BEGIN_DECLS

typedef struct {
  gboolean create;          /* NLM_F_CREATE: `ip link add` and a veth's peer */
  NnsLinkChange *ch;        /* the attributes the words give */
  /* What the parse found. */
  const char *type;         /* `type KIND`, NULL when absent */
  int consumed;             /* words read, `type KIND` included */
  int ifindex;              /* not create: the device's (0 for a whole group) */
} NnsLinkArgs;

/* The words of one device, up to `type KIND`, in iplink_parse's order
 * and by its matching (strcmp, or matches(): a prefix), with its errors.
 * Returns -1 when all went well, else the exit status after the
 * complaint. */
int nns_ip_link_parse(NnsIpCall *c, int argc, char **argv, NnsLinkArgs *a);

G_END_DECLS
