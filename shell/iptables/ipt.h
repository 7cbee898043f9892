/* iptables 1.8.9 (nf_tables) as a front end: the printer of -L
 * (ipt-print.c), the execution of one command against the backend
 * (ipt-exec.c) and the three commands (iptables.c, ipt-save.c,
 * ipt-restore.c).  The grammar (parser, names, save form) is
 * lib/iptables/, shared with the kernel backend. */
#pragma once

#include "shell/shell.h"
#include "lib/iptables/ipt-grammar.h"

G_BEGIN_DECLS

#define NNS_IPT_VERSION "v1.8.9 (nf_tables)"

/* Run a parsed command against the backend; output to io->out. */
gboolean nns_ipt_execute(NnsShell *sh, int pid, NnsIptCmd *cmd, NnsIo *io, NnsIptError *err);
/* Word an error as `prog` (iptables) would print it. */
void nns_ipt_error_print(GString *out, const char *prog, const NnsIptError *err);

/* Printers. */
typedef enum {
  NNS_IPT_FMT_NUMERIC   = 1 << 0,
  NNS_IPT_FMT_NOCOUNTS  = 1 << 1,
  NNS_IPT_FMT_KMG       = 1 << 2,
  NNS_IPT_FMT_VIA       = 1 << 3,
  NNS_IPT_FMT_LINENUM   = 1 << 4,
  NNS_IPT_FMT_NOTABLE   = 1 << 5,
} NnsIptFormat;

void nns_ipt_print_header(GString *out, const NnsNfChainRecord *c, guint fmt);
void nns_ipt_print_rule(GString *out, const NnsNfRule *r, guint num, guint fmt);
void nns_ipt_print_xmatch(GString *out, const NnsNfRule *r, const NnsNfMatch *m, guint fmt);
/* iptables-nft's warning before it lists a table that has base chains it
 * cannot show (NnsNfTableRecord.incompatible); nothing otherwise. */
void nns_ipt_print_incompatible(GString *out, const NnsNfTableRecord *t);

int nns_cmd_iptables(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_iptables_save(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_iptables_restore(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_ip6tables(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_ip6tables_save(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_cmd_ip6tables_restore(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

G_END_DECLS
