/* RTM_NEWADDR read into an NnsAddrRecord: struct ifaddrmsg, the address
 * (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6), IFA_BROADCAST, IFA_LABEL,
 * IFA_FLAGS (all 32 bits) and the lifetimes of IFA_CACHEINFO. */
#include "backends/kernel/kernel-decode.h"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

NnsAddrRecord *
nns_kernel_decode_addr(const struct nlmsghdr *nlh)
{
  const struct ifaddrmsg *ifa = nns_kattr_header(nlh, sizeof *ifa);
  const struct nlattr *tb[IFA_MAX + 1];
  if (!ifa || !nns_kattr_parse(nlh, sizeof *ifa, tb, IFA_MAX))
    return NULL;
  NnsAddrRecord *r = g_new0(NnsAddrRecord, 1);
  r->family = ifa->ifa_family;
  r->prefixlen = ifa->ifa_prefixlen;
  r->scope = ifa->ifa_scope;
  r->flags = nns_kattr_u32_or(tb[IFA_FLAGS], ifa->ifa_flags);
  r->ifindex = (int) ifa->ifa_index;
  /* IPv4 reports the local address as IFA_LOCAL, IPv6 as IFA_ADDRESS. */
  const struct nlattr *local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
  if (local)
    nns_kattr_inet(local, ifa->ifa_family, &r->local);
  if (tb[IFA_BROADCAST]) {
    r->has_broadcast = TRUE;
    nns_kattr_inet(tb[IFA_BROADCAST], ifa->ifa_family, &r->broadcast);
  }
  nns_kattr_string(tb[IFA_LABEL], r->label, sizeof r->label);
  r->valid_lft = r->preferred_lft = 0xffffffffu;
  const struct ifa_cacheinfo *ci = nns_kattr_struct(tb[IFA_CACHEINFO], sizeof *ci);
  if (ci) {
    r->valid_lft = ci->ifa_valid;
    r->preferred_lft = ci->ifa_prefered;
  }
  return r;
}
