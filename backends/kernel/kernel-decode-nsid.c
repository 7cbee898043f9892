/* RTM_NEWNSID read into an NnsNsidPair: NETNSA_NSID (the peer's id as
 * the dumping namespace knows it) and NETNSA_CURRENT_NSID. */
#include "backends/kernel/kernel-decode.h"

#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

gboolean
nns_kernel_decode_nsid(const struct nlmsghdr *nlh, NnsNsidPair *out)
{
  const struct nlattr *tb[NETNSA_MAX + 1];
  if (!nns_kattr_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX))
    return FALSE;
  /* Both are s32 on the wire; -1 is NETNSA_NSID_NOT_ASSIGNED. */
  guint32 nsid = (guint32) -1, current;
  nns_kattr_u32(tb[NETNSA_NSID], &nsid);
  out->nsid = (int) nsid;
  out->current_nsid = nns_kattr_u32(tb[NETNSA_CURRENT_NSID], &current) ? (int) current : out->nsid;
  return TRUE;
}
