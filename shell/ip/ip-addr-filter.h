/* The filter of `ip link show` / `ip addr show`: iproute2's struct
 * link_filter as ipaddr_list_flush_or_save fills it, and ipaddr_filter /
 * print_addrinfo's tests of one address against it. */
#pragma once

#include "shell/ip/ip-common.h"

G_BEGIN_DECLS

typedef struct {
  const char *dev;
  const char *label;          /* fnmatch pattern */
  const char *kind;           /* `type` (with its _slave suffix) */
  const char *master;
  gboolean up;
  gboolean has_group;
  guint group;
  guint8 family;              /* filter.family: -4/-6, or that of `to` */
  guint8 scope, scopemask;
  guint32 flags, flagmask;    /* IFA_F_* */
  gboolean has_pfx;           /* `to PREFIX` */
  NnsInet pfx;
  guint8 pfx_len;
} NnsAddrFilter;

/* The arguments of `ip addr show` (with_addrs) or `ip link show`, in
 * iproute2's order and with its complaints: -1 when they parse, else the
 * exit status. */
int nns_ip_addr_filter_parse(NnsIpCall *c, int argc, char **argv, gboolean with_addrs, NnsAddrFilter *f);
/* The same, then the links and addresses read into `ctx` and the `dev`
 * named checked: -1 when all is ready, else the exit status (ctx then
 * holds nothing).  What ip addr show and ip addr flush begin with. */
int nns_ip_addr_filter_begin(NnsIpCall *c, int argc, char **argv, gboolean with_addrs, NnsAddrFilter *f,
                             NnsIpContext *ctx);
/* Whether an address of `link` passes the scope, flag, prefix and label
 * tests (not the family, which the caller's dump already applied). */
gboolean nns_ip_addr_filter_match(const NnsAddrFilter *f, const NnsLinkRecord *link, const NnsAddrRecord *a);

/* print_addrinfo's whole test, as `ip addr flush` applies it to each
 * address of its dump: the device (`dev`), the family, then the above.
 * The link filters (up, group, master, type) play no part there. */
gboolean nns_ip_addr_filter_selects(const NnsAddrFilter *f, const NnsLinkRecord *link, const NnsAddrRecord *a);

G_END_DECLS
