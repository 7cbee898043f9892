/* iproute2's printers for links, addresses and routes, text and JSON. */
#pragma once

#include "backends/backend.h"
#include "shell/print/output.h"

G_BEGIN_DECLS

typedef struct {
  gboolean json, pretty, oneline, brief, details;
  gboolean color;             /* -color took effect (never with -j) */
  guint stats;                /* how many -s */
  guint8 family;              /* -4 / -6 / 0 */
  gboolean do_link;           /* `ip link` rather than `ip addr` */
  gboolean show_table_always; /* `table all`: name the table on every route */
  /* `ip -6 addr` dumps links with AF_INET6: the kernel's inet6_fill_ifinfo
   * sends no qdisc, group or master. */
  gboolean inet6_links;
} NnsIpOptions;

/* What a printer needs to know about the other links and namespaces. */
typedef struct {
  GPtrArray *links;           /* NnsLinkRecord*, the dump of the namespace */
  GHashTable *nsid_names;     /* int nsid -> netns name (may be NULL) */
} NnsIpContext;

const NnsLinkRecord *nns_ip_link_by_index(const NnsIpContext *ctx, int ifindex);

void nns_print_link(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx,
                    const NnsLinkRecord *link, GPtrArray *addrs /* NnsAddrRecord* or NULL */);
void nns_print_addr(NnsPrinter *p, const NnsIpOptions *o, const NnsLinkRecord *link,
                    const NnsAddrRecord *addr);
void nns_print_route(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx,
                     const NnsRouteRecord *route);

void nns_print_rule(NnsPrinter *p, const NnsIpOptions *o, const NnsRuleRecord *rule);

/* "RTNETLINK answers: ..." or "Error: <extack>." on err. */
void nns_print_rtnl_error(GString *err, const GError *error);

/* Names iproute2 uses. */
const char *nns_ip_operstate_name(guint8 operstate);
const char *nns_ip_scope_name(guint8 scope, char buf[16]);
/* rtnl_rtprot_n2a, rtnl_rttable_n2a, rtnl_rtntype_n2a, rtnl_dsfield_n2a. */
const char *nns_ip_proto_name(guint8 proto, char buf[16]);
const char *nns_ip_table_name(guint32 table, char buf[16]);
const char *nns_ip_rtntype_name(guint type, char buf[16]);
/* fib_flag_trans: the RTF_* flags /proc/net/route (and so route -n) shows. */
guint nns_route_rtf_flags(const NnsRouteRecord *r);
const char *nns_ip_dsfield_name(guint8 dsfield, char buf[16]);
/* rtnl_dsfield_a2n: a name of /etc/iproute2/rt_dsfield or hexadecimal. */
gboolean nns_ip_dsfield_parse(const char *text, guint32 *out);
void nns_ip_format_mac(const guint8 mac[6], char buf[18]);

G_END_DECLS
