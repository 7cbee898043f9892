/* The iptables rule language (iptables 1.8.9, nf_tables): the command
 * line's grammar (xshared.c's do_parse and the extensions' option
 * parsers) into an NnsIptCmd, the names it reads and writes (protocols,
 * services, ICMP and reject types), and a rule's iptables-save form.
 * Pure text <-> model (core/netfilter), no I/O and no backend: the shell's
 * iptables front end and the kernel backend (which hands rules to the
 * real iptables-nft and reads iptables-save back) share it, so that a
 * rule's text form lives in one place. */
#pragma once

#include "core/netfilter/nf-state.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;
  int num;
} NnsIptName;

extern const NnsIptName nns_ipt_tcp_services[];
extern const NnsIptName nns_ipt_udp_services[];
extern const NnsIptName nns_ipt_protocols[];

/* The commands (iptables' CMD_* bits). */
enum {
  NNS_IPT_APPEND       = 1 << 0,
  NNS_IPT_DELETE       = 1 << 1,
  NNS_IPT_INSERT       = 1 << 2,
  NNS_IPT_REPLACE      = 1 << 3,
  NNS_IPT_LIST         = 1 << 4,
  NNS_IPT_LIST_RULES   = 1 << 5,
  NNS_IPT_FLUSH        = 1 << 6,
  NNS_IPT_ZERO         = 1 << 7,
  NNS_IPT_NEW_CHAIN    = 1 << 8,
  NNS_IPT_DELETE_CHAIN = 1 << 9,
  NNS_IPT_RENAME       = 1 << 10,
  NNS_IPT_POLICY       = 1 << 11,
  NNS_IPT_CHECK        = 1 << 12,
  NNS_IPT_VERSION_CMD  = 1 << 13,
  NNS_IPT_HELP         = 1 << 14,
};

#define NNS_IPT_MAX_ADDRS 16

/* One parsed command line. */
typedef struct {
  guint command;
  char *table_name;                   /* as given ("filter" by default) */
  NnsNfTableId table;
  gboolean table_known;
  char *chain;
  char *arg2;                         /* -E's new name, -P's policy */
  guint rulenum;                      /* 0 = none */
  NnsNfRule rule;
  char *jumpto;                       /* -j as given */
  guint n_src, n_dst;                 /* -s/-d lists: one rule per pair */
  guint32 srcs[NNS_IPT_MAX_ADDRS], smsks[NNS_IPT_MAX_ADDRS];
  guint32 dsts[NNS_IPT_MAX_ADDRS], dmsks[NNS_IPT_MAX_ADDRS];
  guint8 srcs6[NNS_IPT_MAX_ADDRS][16], smsks6[NNS_IPT_MAX_ADDRS][16];   /* ip6tables */
  guint8 dsts6[NNS_IPT_MAX_ADDRS][16], dmsks6[NNS_IPT_MAX_ADDRS][16];
  int family;                         /* AF_INET (iptables) or AF_INET6 (ip6tables) */
  gboolean numeric, verbose, exact, line_numbers, counters;
  char *warning;                      /* what the parser printed on stderr and went on */
} NnsIptCmd;

/* How a failure is worded (xtables_error and its exit statuses). */
typedef enum {
  NNS_IPT_ERR_PARAM,                  /* "PROG v1.8.9 (nf_tables): MSG" + Try line, exit 2 */
  NNS_IPT_ERR_BARE_PARAM,             /* "MSG" + Try line, exit 2 */
  NNS_IPT_ERR_OTHER,                  /* "PROG v1.8.9 (nf_tables): MSG", exit given */
  NNS_IPT_ERR_RESULT,                 /* "iptables: MSG." (nft_strerror), exit 1 */
} NnsIptErrKind;

typedef struct {
  NnsIptErrKind kind;
  int status;
  char *text;
} NnsIptError;

void nns_ipt_cmd_clear(NnsIptCmd *cmd);
void nns_ipt_error_clear(NnsIptError *err);

/* Parse argv (argv[0] is the program).  FALSE with err filled on error. */
gboolean nns_ipt_parse(int argc, char **argv, NnsIptCmd *cmd, NnsIptError *err);
/* The same for a family: AF_INET (iptables) or AF_INET6 (ip6tables). */
gboolean nns_ipt_parse_family(int argc, char **argv, int family, NnsIptCmd *cmd, NnsIptError *err);
/* The rule of source s and destination d of the command's -s/-d lists
 * (iptables makes one rule per pair; 0, 0 when there are none). */
void nns_ipt_cmd_rule(const NnsIptCmd *cmd, guint s, guint d, NnsNfRule *out);
/* The program of a family: "iptables" or "ip6tables". */
const char *nns_ipt_prog(int family);
/* Names. */
const char *nns_ipt_proto_name(guint proto);           /* NULL when none */
gboolean nns_ipt_proto_parse(const char *s, guint16 *proto);
const char *nns_ipt_service_name(guint port, guint proto);
gboolean nns_ipt_service_parse(const char *s, guint proto, guint16 *port);
const char *nns_ipt_reject_name(NnsNfRejectWith with);
gboolean nns_ipt_icmp_parse(const char *s, guint8 *type, guint8 *cmin, guint8 *cmax);
const char *nns_ipt_icmp_name(guint8 type, guint8 cmin, guint8 cmax);
gboolean nns_ipt_icmp6_parse(const char *s, guint8 *type, guint8 *cmin, guint8 *cmax);
const char *nns_ipt_icmp6_name(guint8 type, guint8 cmin, guint8 cmax);
/* addrtype's names of 1 << bit (RTN_*), pkttype's of a packet type. */
const char *nns_ipt_addrtype_name(guint bit);
const char *nns_ipt_pkttype_name(guint8 type);

/* A rule as -S and iptables-save write it, without "-A CHAIN" and newline. */
void nns_ipt_save_rule(GString *out, const NnsNfRule *r);
/* The words that make iptables build exactly this rule: the save form,
 * but without what iptables' defaults give more exactly (a recent match's
 * mask of all 16 bytes set, which "--mask 255.255.255.255" is not). */
void nns_ipt_rule_args(GString *out, const NnsNfRule *r);
void nns_ipt_save_string(GString *out, const char *s);
/* Words the -L printer shares with the save form. */
const char *nns_ipt_target_name(const NnsNfTarget *t);
void nns_ipt_append_tcp_flags(GString *out, guint8 flags);
void nns_ipt_append_states(GString *out, guint states);
void nns_ipt_append_nat_range(GString *out, const NnsNfNatRange *r);
void nns_ipt_append_nat_range_family(GString *out, int family, const NnsNfNatRange *r);
/* The length of a contiguous IPv6 mask, or -1. */
int nns_ipt_mask6_len(const guint8 *mask);
/* The save form of the matches with xtables option tables (ipt-save-match.c). */
void nns_ipt_save_xmatch(GString *out, const NnsNfRule *r, const NnsNfMatch *m, gboolean args);
/* libxt_limit's print_rate: " N/unit". */
void nns_ipt_append_rate(GString *out, guint32 avg);
/* An address of the rule's family in network order, as xtables prints it. */
void nns_ipt_append_addr(GString *out, guint8 family, const guint8 *addr);

G_END_DECLS
