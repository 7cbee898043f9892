/* What iptables-save cannot say about the built-in chains: whether
 * nf_tables has them, and whether they have counters; nor about a user
 * chain's references from base chains it cannot list.  iptables-nft-save
 * lists every built-in chain of a table that exists, as "[0:0]" when it
 * counts nothing, whether or not the kernel has the chain (or counters on
 * it); the kernel's own chain dump (NFT_MSG_GETCHAIN over nfnetlink) has
 * NFTA_CHAIN_HOOK on a base chain and NFTA_CHAIN_COUNTERS only on one with
 * counters (nf_tables_fill_chain_info).  Both decide what the front end
 * answers (docs/iptables.md: -Z, -X, -E, -D on a chain nf_tables has not
 * got; which policies count). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"
#include "core/netfilter/nf-state.h"

#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <string.h>

typedef struct {
  const char *table;
  NnsNfTableRecord *rec;
} ChainScan;

static void
scan_chain(const struct nlmsghdr *nlh, gpointer data)
{
  ChainScan *scan = data;
  if ((nlh->nlmsg_type & 0xff) != NFT_MSG_NEWCHAIN)
    return;
  NnsKernelChain chain;
  if (!nns_kernel_decode_chain(nlh, &chain) || strcmp(chain.table, scan->table) != 0)
    return;
  for (guint i = 0; i < scan->rec->chains->len; i++) {
    NnsNfChainRecord *c = scan->rec->chains->pdata[i];
    /* A user chain's references as iptables prints them: the chain's use
     * count (its rules and the jumps to it, from base chains iptables
     * cannot list too) less its rules. */
    if (!c->builtin && !chain.base && chain.has_use && g_str_equal(c->name, chain.name))
      c->refs = chain.use > c->rules->len ? chain.use - c->rules->len : 0;
    if (c->builtin && chain.base && g_str_equal(c->name, chain.name)) {
      c->present = TRUE;
      c->stats = chain.counters;
    }
  }
}

gboolean
nns_kernel_nft_builtin_chains(NnsBackend *be, int pid, NnsNfTableRecord *rec, GError **error)
{
  for (guint i = 0; i < rec->chains->len; i++) {
    NnsNfChainRecord *c = rec->chains->pdata[i];
    if (c->builtin)
      c->present = c->stats = FALSE;
  }
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETCHAIN, NLM_F_DUMP);
  struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof *nfg);
  nfg->nfgen_family = nns_nf_table_family(rec->table) == AF_INET6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
  nfg->version = NFNETLINK_V0;
  ChainScan scan = { nns_nf_table_name(rec->table), rec };
  return nns_knl_talk_pid_bus(nns_kernel(be), pid, NETLINK_NETFILTER, nlh, scan_chain, &scan, error);
}
