/* RTM_NEWRULE read into an NnsRuleRecord: struct fib_rule_hdr and the
 * FRA_* attributes `ip rule` prints. */
#include "backends/kernel/kernel-decode.h"

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

NnsRuleRecord *
nns_kernel_decode_rule(const struct nlmsghdr *nlh)
{
  const struct fib_rule_hdr *frh = nns_kattr_header(nlh, sizeof *frh);
  const struct nlattr *tb[FRA_MAX + 1];
  if (!frh || !nns_kattr_parse(nlh, sizeof *frh, tb, FRA_MAX))
    return NULL;
  NnsRuleRecord *r = g_new0(NnsRuleRecord, 1);
  r->family = frh->family;
  r->action = frh->action;
  r->flags = frh->flags;
  r->table = nns_kattr_u32_or(tb[FRA_TABLE], frh->table);
  r->src_len = frh->src_len;
  r->dst_len = frh->dst_len;
  r->tos = frh->tos;
  r->src.family = r->dst.family = frh->family;
  if (tb[FRA_SRC])
    nns_kattr_inet(tb[FRA_SRC], frh->family, &r->src);
  if (tb[FRA_DST])
    nns_kattr_inet(tb[FRA_DST], frh->family, &r->dst);
  r->has_priority = nns_kattr_u32(tb[FRA_PRIORITY], &r->priority);
  r->has_mark = nns_kattr_u32(tb[FRA_FWMARK], &r->mark);
  r->has_mask = nns_kattr_u32(tb[FRA_FWMASK], &r->mask);
  r->has_goto = nns_kattr_u32(tb[FRA_GOTO], &r->target);
  r->has_protocol = nns_kattr_u8(tb[FRA_PROTOCOL], &r->protocol);
  nns_kattr_string(tb[FRA_IIFNAME], r->iifname, sizeof r->iifname);
  nns_kattr_string(tb[FRA_OIFNAME], r->oifname, sizeof r->oifname);
  return r;
}
