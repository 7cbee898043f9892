/* Policy rules: RTM_NEWRULE / RTM_DELRULE as iproute2's iprule_modify()
 * sends them, and RTM_GETRULE dumps (read by kernel-decode-rule.c). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <string.h>

/* iprule_modify's message: the table in frh.table when it fits, else
 * FRA_TABLE; the fields the request gives. */
static struct nlmsghdr *
put_rule(char *buf, guint16 type, guint16 flags, const NnsRuleRecord *req)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct fib_rule_hdr *frh = mnl_nlmsg_put_extra_header(nlh, sizeof *frh);
  frh->family = req->family;
  frh->action = req->action;
  frh->flags = req->flags;
  frh->tos = req->tos;
  frh->table = req->table < 256 ? (guint8) req->table : RT_TABLE_UNSPEC;
  if (req->table >= 256)
    mnl_attr_put_u32(nlh, FRA_TABLE, req->table);
  if (req->src_len) {
    frh->src_len = req->src_len;
    nns_kattr_put_inet(nlh, FRA_SRC, req->src.family, req->src.bytes);
  }
  if (req->dst_len) {
    frh->dst_len = req->dst_len;
    nns_kattr_put_inet(nlh, FRA_DST, req->dst.family, req->dst.bytes);
  }
  if (req->has_priority)
    mnl_attr_put_u32(nlh, FRA_PRIORITY, req->priority);
  if (req->has_mark)
    mnl_attr_put_u32(nlh, FRA_FWMARK, req->mark);
  if (req->has_mask)
    mnl_attr_put_u32(nlh, FRA_FWMASK, req->mask);
  if (req->has_goto)
    mnl_attr_put_u32(nlh, FRA_GOTO, req->target);
  if (req->has_protocol)
    mnl_attr_put_u8(nlh, FRA_PROTOCOL, req->protocol);
  if (req->iifname[0])
    mnl_attr_put_strz(nlh, FRA_IIFNAME, req->iifname);
  if (req->oifname[0])
    mnl_attr_put_strz(nlh, FRA_OIFNAME, req->oifname);
  return nlh;
}

gboolean
nns_kernel_rule_add(NnsBackend *be, int pid, const NnsRuleRecord *req, guint nlflags, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  guint16 flags = (nlflags & NNS_NLM_CREATE ? NLM_F_CREATE : 0) | (nlflags & NNS_NLM_EXCL ? NLM_F_EXCL : 0);
  struct nlmsghdr *nlh = put_rule(buf, RTM_NEWRULE, flags, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

gboolean
nns_kernel_rule_delete(NnsBackend *be, int pid, const NnsRuleRecord *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_rule(buf, RTM_DELRULE, 0, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

static void
collect_rule(const struct nlmsghdr *nlh, gpointer data)
{
  NnsRuleRecord *r = nlh->nlmsg_type == RTM_NEWRULE ? nns_kernel_decode_rule(nlh) : NULL;
  if (r)
    g_ptr_array_add(data, r);
}

GPtrArray *
nns_kernel_rule_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (!nns_knl_dump_inet(nns_kernel(be), pid, RTM_GETRULE, sizeof(struct fib_rule_hdr), family, collect_rule, out,
                         error))
    return NULL;
  return g_steal_pointer(&out);
}
