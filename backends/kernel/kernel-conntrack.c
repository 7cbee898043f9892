/* The conntrack table of a namespace, over ctnetlink (nfnetlink's
 * NFNL_SUBSYS_CTNETLINK) with libmnl: an IPCTNL_MSG_CT_GET dump read into
 * NnsNfCtRecords, and IPCTNL_MSG_CT_DELETE without a tuple, which empties
 * the table (ctnetlink_flush_conntrack).  Why ctnetlink rather than the
 * conntrack binary: docs/kernel-backend.md, "conntrack". */
#include "backends/kernel/kernel-private.h"

#include <arpa/inet.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>
#include <string.h>

#define CT_TYPE(msg) ((NFNL_SUBSYS_CTNETLINK << 8) | (msg))

typedef struct {
  const struct nlattr **tb;
  int max;
} AttrTable;

static int
keep_attr(const struct nlattr *attr, void *data)
{
  AttrTable *t = data;
  int type = mnl_attr_get_type(attr);
  if (type >= 0 && type <= t->max)
    t->tb[type] = attr;
  return MNL_CB_OK;
}

static void
parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max)
{
  AttrTable t = { tb, max };
  mnl_attr_parse_nested(nest, keep_attr, &t);
}

static guint32
be32_of(const struct nlattr *a)
{
  return a && mnl_attr_get_payload_len(a) >= 4 ? ntohl(mnl_attr_get_u32(a)) : 0;
}

static guint16
be16_of(const struct nlattr *a)
{
  return a && mnl_attr_get_payload_len(a) >= 2 ? ntohs(mnl_attr_get_u16(a)) : 0;
}

static guint8
u8_of(const struct nlattr *a)
{
  return a && mnl_attr_get_payload_len(a) >= 1 ? mnl_attr_get_u8(a) : 0;
}

/* CTA_TUPLE_ORIG or _REPLY into direction d of the record. */
static void
read_tuple(NnsNfCtRecord *r, int d, const struct nlattr *tuple)
{
  const struct nlattr *t[CTA_TUPLE_MAX + 1] = { 0 };
  parse_nested(tuple, t, CTA_TUPLE_MAX);
  if (t[CTA_TUPLE_IP]) {
    const struct nlattr *ip[CTA_IP_MAX + 1] = { 0 };
    parse_nested(t[CTA_TUPLE_IP], ip, CTA_IP_MAX);
    /* Addresses stay in network order, as the record keeps them. */
    if (ip[CTA_IP_V4_SRC])
      r->src[d] = mnl_attr_get_u32(ip[CTA_IP_V4_SRC]);
    if (ip[CTA_IP_V4_DST])
      r->dst[d] = mnl_attr_get_u32(ip[CTA_IP_V4_DST]);
  }
  if (t[CTA_TUPLE_PROTO]) {
    const struct nlattr *p[CTA_PROTO_MAX + 1] = { 0 };
    parse_nested(t[CTA_TUPLE_PROTO], p, CTA_PROTO_MAX);
    r->proto = u8_of(p[CTA_PROTO_NUM]);
    if (r->proto == IPPROTO_ICMP) {
      r->sport[d] = be16_of(p[CTA_PROTO_ICMP_ID]);
      r->dport[d] = u8_of(p[CTA_PROTO_ICMP_TYPE]);
      r->icmp_code[d] = u8_of(p[CTA_PROTO_ICMP_CODE]);
    } else {
      r->sport[d] = be16_of(p[CTA_PROTO_SRC_PORT]);
      r->dport[d] = be16_of(p[CTA_PROTO_DST_PORT]);
    }
  }
}

static void
collect_ct(const struct nlmsghdr *nlh, gpointer data)
{
  if (nlh->nlmsg_type != CT_TYPE(IPCTNL_MSG_CT_NEW))
    return;
  const struct nlattr *tb[CTA_MAX + 1] = { 0 };
  AttrTable t = { tb, CTA_MAX };
  mnl_attr_parse(nlh, sizeof(struct nfgenmsg), keep_attr, &t);
  if (!tb[CTA_TUPLE_ORIG] || !tb[CTA_TUPLE_REPLY])
    return;
  NnsNfCtRecord r = { 0 };
  read_tuple(&r, 0, tb[CTA_TUPLE_ORIG]);
  read_tuple(&r, 1, tb[CTA_TUPLE_REPLY]);
  guint32 status = be32_of(tb[CTA_STATUS]);
  r.seen_reply = (status & IPS_SEEN_REPLY) != 0;
  r.assured = (status & IPS_ASSURED) != 0;
  /* ctnetlink_dump_timeout: what is left, in whole seconds. */
  r.timeout_s = be32_of(tb[CTA_TIMEOUT]);
  r.mark = be32_of(tb[CTA_MARK]);
  r.use = be32_of(tb[CTA_USE]);
  g_array_append_val((GArray *) data, r);
}

static struct nlmsghdr *
put_ct(char *buf, guint16 msg, guint16 flags)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, CT_TYPE(msg), flags);
  struct nfgenmsg *nfg = mnl_nlmsg_put_extra_header(nlh, sizeof *nfg);
  /* IPv4 only, as the front end (`conntrack -f ipv4`) and the record are. */
  nfg->nfgen_family = AF_INET;
  nfg->version = NFNETLINK_V0;
  return nlh;
}

GArray *
nns_kernel_nf_ct_dump(NnsBackend *be, int pid, GError **error)
{
  /* The table counts whole seconds down from the last packet: read
   * straight after a ping (microseconds, where a console takes a few
   * milliseconds to start the next command) an entry shows its full
   * timeout, one second more than any recording.  So the first read after
   * a change waits as rtnetlink's do (kernel-nl.c, NNS_SETTLE_US). */
  nns_kernel_settle(nns_kernel(be));
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_ct(buf, IPCTNL_MSG_CT_GET, NLM_F_DUMP);
  g_autoptr(GArray) out = g_array_new(FALSE, TRUE, sizeof(NnsNfCtRecord));
  if (!nns_knl_talk_pid_bus(nns_kernel(be), pid, NETLINK_NETFILTER, nlh, collect_ct, out, error))
    return NULL;
  return g_steal_pointer(&out);
}

gboolean
nns_kernel_nf_ct_flush(NnsBackend *be, int pid, guint *count, GError **error)
{
  /* The kernel does not say how many went: count them first. */
  g_autoptr(GArray) before = nns_kernel_nf_ct_dump(be, pid, error);
  if (!before)
    return FALSE;
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_ct(buf, IPCTNL_MSG_CT_DELETE, 0);
  if (!nns_knl_talk_pid_bus(nns_kernel(be), pid, NETLINK_NETFILTER, nlh, NULL, NULL, error))
    return FALSE;
  *count = before->len;
  return TRUE;
}
