/* Policy rules: RTM_NEWRULE / RTM_DELRULE as iproute2's iprule_modify()
 * sends them, RTM_GETRULE dumps read into NnsRuleRecords. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <string.h>

static int
keep_attr(const struct nlattr *attr, void *data)
{
  const struct nlattr **tb = data;
  int type = mnl_attr_get_type(attr);
  if (type <= FRA_MAX)
    tb[type] = attr;
  return MNL_CB_OK;
}

static void
copy_inet(NnsInet *out, guint8 family, const struct nlattr *a)
{
  memset(out, 0, sizeof *out);
  out->family = family;
  memcpy(out->bytes, mnl_attr_get_payload(a), MIN(mnl_attr_get_payload_len(a), sizeof out->bytes));
}

static void
copy_name(char *out, gsize size, const struct nlattr *a)
{
  gsize len = MIN((gsize) mnl_attr_get_payload_len(a), size - 1);
  memcpy(out, mnl_attr_get_payload(a), len);
  out[len] = '\0';
}

static NnsRuleRecord *
rule_record(const struct nlmsghdr *nlh)
{
  const struct fib_rule_hdr *frh = mnl_nlmsg_get_payload(nlh);
  const struct nlattr *tb[FRA_MAX + 1] = { 0 };
  mnl_attr_parse(nlh, sizeof *frh, keep_attr, tb);
  NnsRuleRecord *r = g_new0(NnsRuleRecord, 1);
  r->family = frh->family;
  r->action = frh->action;
  r->flags = frh->flags;
  r->table = tb[FRA_TABLE] ? mnl_attr_get_u32(tb[FRA_TABLE]) : frh->table;
  r->src_len = frh->src_len;
  r->dst_len = frh->dst_len;
  r->tos = frh->tos;
  r->src.family = r->dst.family = frh->family;
  if (tb[FRA_SRC])
    copy_inet(&r->src, frh->family, tb[FRA_SRC]);
  if (tb[FRA_DST])
    copy_inet(&r->dst, frh->family, tb[FRA_DST]);
  if ((r->has_priority = tb[FRA_PRIORITY] != NULL))
    r->priority = mnl_attr_get_u32(tb[FRA_PRIORITY]);
  if ((r->has_mark = tb[FRA_FWMARK] != NULL))
    r->mark = mnl_attr_get_u32(tb[FRA_FWMARK]);
  if ((r->has_mask = tb[FRA_FWMASK] != NULL))
    r->mask = mnl_attr_get_u32(tb[FRA_FWMASK]);
  if ((r->has_goto = tb[FRA_GOTO] != NULL))
    r->target = mnl_attr_get_u32(tb[FRA_GOTO]);
  if ((r->has_protocol = tb[FRA_PROTOCOL] != NULL))
    r->protocol = mnl_attr_get_u8(tb[FRA_PROTOCOL]);
  if (tb[FRA_IIFNAME])
    copy_name(r->iifname, sizeof r->iifname, tb[FRA_IIFNAME]);
  if (tb[FRA_OIFNAME])
    copy_name(r->oifname, sizeof r->oifname, tb[FRA_OIFNAME]);
  return r;
}

static guint
inet_len(guint8 family)
{
  return family == AF_INET6 ? 16 : 4;
}

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
    mnl_attr_put(nlh, FRA_SRC, inet_len(req->src.family), req->src.bytes);
  }
  if (req->dst_len) {
    frh->dst_len = req->dst_len;
    mnl_attr_put(nlh, FRA_DST, inet_len(req->dst.family), req->dst.bytes);
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
  if (nlh->nlmsg_type == RTM_NEWRULE)
    g_ptr_array_add(data, rule_record(nlh));
}

GPtrArray *
nns_kernel_rule_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  const guint8 families[] = { AF_INET, AF_INET6 };
  for (gsize f = 0; f < G_N_ELEMENTS(families); f++) {
    if (family != AF_UNSPEC && family != families[f])
      continue;
    char buf[MNL_SOCKET_BUFFER_SIZE];
    struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETRULE, NLM_F_DUMP);
    struct fib_rule_hdr *frh = mnl_nlmsg_put_extra_header(nlh, sizeof *frh);
    frh->family = families[f];
    if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_rule, out, error))
      return NULL;
  }
  return g_steal_pointer(&out);
}
