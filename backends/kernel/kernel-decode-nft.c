/* nf_tables' NFT_MSG_NEWCHAIN, as far as the backend reads it: which
 * table, which chain, whether it is a base chain (NFTA_CHAIN_HOOK) and
 * whether it has counters (NFTA_CHAIN_COUNTERS, nf_tables_fill_chain_info), and
 * its use count (NFTA_CHAIN_USE, big-endian). */
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
  guint32 use_be = 0;
  out->has_use = nns_kattr_u32(tb[NFTA_CHAIN_USE], &use_be);
  out->use = GUINT32_FROM_BE(use_be);
  return out->table && out->name;
}
