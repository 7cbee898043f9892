/* The command-line parser's state, shared by the files of lib/iptables
 * that parse (ipt-parse.c: the command line and the core extensions;
 * ipt-parse-match.c: the matches described by xtables option tables).
 * Private to lib/iptables. */
#pragma once

#include "lib/iptables/ipt-grammar.h"

G_BEGIN_DECLS

typedef struct {
  int argc;
  char **argv;
  int i;                              /* next argv to read */
  NnsIptCmd *cmd;
  NnsIptError *err;
  gboolean invert;                    /* a "!" is pending */
  guint seen;                         /* -s -d -p -i -o -j -t seen (multiple flags) */
  NnsNfMatch *l4;                     /* the tcp/udp/icmp match, once loaded */
  NnsNfMatch *last;                   /* the last -m match: its options */
  gboolean have_to;                   /* SNAT/DNAT got --to-... */
  guint xflags[NNS_NF_MAX_MATCHES];   /* per match: the options given (xtables' xflags) */
} NnsIptParser;

gboolean nns_ipt_fail(NnsIptParser *p, NnsIptErrKind kind, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
#define NNS_IPT_PARAM(p, ...) nns_ipt_fail(p, NNS_IPT_ERR_PARAM, __VA_ARGS__)

/* The matches with an xtables option table (limit, mac, iprange, owner,
 * addrtype, recent, length, ttl (IPv4) or hl (IPv6), pkttype, set).
 * Whether `name` is one for the family;
 * its defaults (xtables' init) in a match already zeroed. */
gboolean nns_ipt_xmatch_lookup(const char *name, int family, NnsNfMatchKind *kind);
void nns_ipt_xmatch_init(NnsNfMatch *m);
/* One option of match number k: *handled FALSE when the match has no such
 * option.  Consumes its argument from p->argv. */
gboolean nns_ipt_xmatch_option(NnsIptParser *p, guint k, const char *opt, gboolean *handled);
/* The final checks (xtables_options_fcheck and x6_fcheck) and the value
 * nf_tables gives back (limit). */
gboolean nns_ipt_xmatch_final(NnsIptParser *p, guint k);

G_END_DECLS
