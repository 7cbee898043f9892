/* nf_tables' NFT_MSG_NEWCHAIN, as far as the backend reads it: which
 * table, which chain, whether it is a base chain (NFTA_CHAIN_HOOK) and
 * whether it has counters (NFTA_CHAIN_COUNTERS, nf_tables_fill_chain_info). */
#include "backends/kernel/kernel-decode.h"

#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>

gboolean
nns_kernel_decode_chain(const struct nlmsghdr *nlh, NnsKernelChain *out)
{
  const struct nlattr *tb[NFTA_CHAIN_MAX + 1];
  if (!nns_kattr_parse(nlh, sizeof(struct nfgenmsg), tb, NFTA_CHAIN_MAX))
    return FALSE;
  out->table = nns_kattr_str(tb[NFTA_CHAIN_TABLE]);
  out->name = nns_kattr_str(tb[NFTA_CHAIN_NAME]);
  out->base = tb[NFTA_CHAIN_HOOK] != NULL;
  out->counters = tb[NFTA_CHAIN_COUNTERS] != NULL;
  return out->table && out->name;
}
