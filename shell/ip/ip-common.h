/* What every `ip` object handler shares: the call (shell, process, io,
 * options) and iproute2's ways of complaining about arguments. */
#pragma once

#include "shell/shell.h"
#include "shell/print/print-ip.h"

G_BEGIN_DECLS

typedef struct {
  NnsShell *sh;
  NnsBackend *be;
  int pid;                    /* the process whose namespace `ip` talks to */
  NnsIo *io;
  NnsIpOptions opts;
  gboolean all_netns;         /* -all */
} NnsIpCall;

#define NNS_NAME_MAX_TEXT 15

/* `ip link show` / `ip addr show`: filters, dump, print. */
int nns_ip_link_list(NnsIpCall *c, int argc, char **argv, gboolean with_addrs);
/* One link with its addresses, in the current output mode (ip-addr.c). */
void nns_ip_print_addr_block(NnsIpCall *c, NnsPrinter *p, const NnsIpContext *ctx,
                             const NnsLinkRecord *link, GPtrArray *addrs);
gboolean nns_ip_context_has_name(const NnsIpContext *ctx, const char *name);

int nns_ip_link(NnsIpCall *c, int argc, char **argv);
int nns_ip_addr(NnsIpCall *c, int argc, char **argv);
int nns_ip_route(NnsIpCall *c, int argc, char **argv);
int nns_ip_rule(NnsIpCall *c, int argc, char **argv);
int nns_ip_neigh(NnsIpCall *c, int argc, char **argv);
int nns_ip_netns(NnsIpCall *c, int argc, char **argv);
/* netns_switch(): a new process of `pid`'s in the named namespace, or -1
 * after iproute2's complaint. */
int nns_ip_netns_switch(NnsShell *sh, int pid, const char *name, NnsIo *io);
int nns_ip_maddr(NnsIpCall *c, int argc, char **argv);

/* -color[=always|auto|never] (`opt` without its leading dash), as
 * matches_color: FALSE when it is no colour option or a bad value.  The
 * default, without the option, is never (Debian 12's iproute2 is built
 * without CONF_COLOR). */
typedef enum { NNS_COLOR_OPT_NEVER, NNS_COLOR_OPT_AUTO, NNS_COLOR_OPT_ALWAYS } NnsColorOpt;
gboolean nns_color_option(const char *opt, NnsColorOpt *val);
/* check_enable_color: never with JSON; auto when stdout is a terminal. */
gboolean nns_color_enabled(NnsColorOpt opt, gboolean json, NnsShell *sh, const NnsIo *io);

/* iproute2's matches(): `arg` is a prefix of `word`. */
gboolean nns_ip_matches(const char *arg, const char *word);
/* invarg(): exit status 255. */
int nns_ip_invarg(NnsIpCall *c, const char *msg, const char *arg);
/* ll_name_to_index, with `Cannot find device "X"` on failure (0). */
int nns_ip_dev_index(NnsIpCall *c, const char *name);
/* A link dump and the nsid -> name map its printers need. */
gboolean nns_ip_context_load(NnsIpCall *c, NnsIpContext *ctx);
void nns_ip_context_clear(NnsIpContext *ctx);
/* Print a backend error as iproute2 does and return its exit status (2). */
int nns_ip_rtnl_fail(NnsIpCall *c, const GError *error);
/* A flush's last words under -s: iproute2 counts what one round deleted
 * (every flush here takes one round), or says there was nothing. */
void nns_ip_flush_summary(NnsIpCall *c, guint flushed);

/* ip-parse.c: get_u32 (base 0), rtnl_rttable_a2n (with `all`), the
 * protocol names, and get_prefix / get_addr (`Error: inet prefix is
 * expected rather than ...`, FALSE after printing it). */
gboolean nns_ip_get_u32(const char *s, guint32 *out);
gboolean nns_ip_parse_table(const char *t, guint32 *out);
/* rtnl_rtscope_a2n: rt_scopes' names (global, nowhere, host, link, site;
 * not "universe", recorded) or a number up to 255. */
gboolean nns_ip_parse_scope(const char *t, guint8 *out);
gboolean nns_ip_parse_proto(const char *t, guint32 *out);
const char *nns_ip_family_name(guint8 family);
gboolean nns_ip_get_prefix(NnsIpCall *c, const char *arg, guint8 family, NnsInet *addr, guint8 *len,
                           gboolean *is_default);
gboolean nns_ip_get_addr(NnsIpCall *c, const char *arg, guint8 family, NnsInet *addr);
/* "Command line is not complete. Try option "help"", exit 255. */
int nns_ip_incomplete(NnsIpCall *c);

G_END_DECLS
