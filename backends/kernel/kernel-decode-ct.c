/* ctnetlink's IPCTNL_MSG_CT_NEW read into an NnsNfCtRecord: both tuples
 * (addresses, ports or ICMP id, type and code), CTA_STATUS's
 * SEEN_REPLY and ASSURED, the timeout left, the mark and CTA_USE.
 * ctnetlink's numbers are big-endian. */
#include "backends/kernel/kernel-decode.h"

#include <arpa/inet.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>
#include <string.h>

static guint32
be32_of(const struct nlattr *a)
{
  return ntohl(nns_kattr_u32_or(a, 0));
}

static guint16
be16_of(const struct nlattr *a)
{
  return ntohs(nns_kattr_u16_or(a, 0));
}

/* CTA_TUPLE_ORIG or _REPLY into direction d of the record. */
static void
read_tuple(NnsNfCtRecord *r, int d, const struct nlattr *tuple)
{
  const struct nlattr *t[CTA_TUPLE_MAX + 1];
  nns_kattr_parse_nested(tuple, t, CTA_TUPLE_MAX);
  if (t[CTA_TUPLE_IP]) {
    const struct nlattr *ip[CTA_IP_MAX + 1];
    nns_kattr_parse_nested(t[CTA_TUPLE_IP], ip, CTA_IP_MAX);
    /* Addresses stay in network order, as the record keeps them. */
    nns_kattr_u32(ip[CTA_IP_V4_SRC], &r->src[d]);
    nns_kattr_u32(ip[CTA_IP_V4_DST], &r->dst[d]);
  }
  if (t[CTA_TUPLE_PROTO]) {
    const struct nlattr *p[CTA_PROTO_MAX + 1];
    nns_kattr_parse_nested(t[CTA_TUPLE_PROTO], p, CTA_PROTO_MAX);
    r->proto = nns_kattr_u8_or(p[CTA_PROTO_NUM], 0);
    if (r->proto == IPPROTO_ICMP) {
      r->sport[d] = be16_of(p[CTA_PROTO_ICMP_ID]);
      r->dport[d] = nns_kattr_u8_or(p[CTA_PROTO_ICMP_TYPE], 0);
      r->icmp_code[d] = nns_kattr_u8_or(p[CTA_PROTO_ICMP_CODE], 0);
    } else {
      r->sport[d] = be16_of(p[CTA_PROTO_SRC_PORT]);
      r->dport[d] = be16_of(p[CTA_PROTO_DST_PORT]);
    }
  }
}

gboolean
nns_kernel_decode_ct(const struct nlmsghdr *nlh, NnsNfCtRecord *out)
{
  const struct nlattr *tb[CTA_MAX + 1];
  if (!nns_kattr_parse(nlh, sizeof(struct nfgenmsg), tb, CTA_MAX) || !tb[CTA_TUPLE_ORIG] ||
      !tb[CTA_TUPLE_REPLY])
    return FALSE;
  memset(out, 0, sizeof *out);
  read_tuple(out, 0, tb[CTA_TUPLE_ORIG]);
  read_tuple(out, 1, tb[CTA_TUPLE_REPLY]);
  guint32 status = be32_of(tb[CTA_STATUS]);
  out->seen_reply = (status & IPS_SEEN_REPLY) != 0;
  out->assured = (status & IPS_ASSURED) != 0;
  /* ctnetlink_dump_timeout: what is left, in whole seconds. */
  out->timeout_s = be32_of(tb[CTA_TIMEOUT]);
  out->mark = be32_of(tb[CTA_MARK]);
  out->use = be32_of(tb[CTA_USE]);
  return TRUE;
}
