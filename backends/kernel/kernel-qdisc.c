/* Traffic control: RTM_NEWQDISC / RTM_DELQDISC as tc 6.1's
 * tc_qdisc_modify() sends them, and RTM_GETQDISC dumps read into
 * NnsQdiscRecords (kind, handle, parent, refcnt, the fifo limit,
 * fq_codel's quantum, and the basic and queue statistics). */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/gen_stats.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <string.h>

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

static struct nlmsghdr *
put_qdisc(char *buf, guint16 type, guint16 flags, const NnsQdiscRecord *req)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct tcmsg *t = mnl_nlmsg_put_extra_header(nlh, sizeof *t);
  t->tcm_family = AF_UNSPEC;
  t->tcm_ifindex = req->ifindex;
  t->tcm_handle = req->handle;
  t->tcm_parent = req->parent;
  /* tc sends the kind with its NUL, and a fifo's options only when a
   * limit was given (fifo_parse_opt). */
  if (req->kind[0])
    mnl_attr_put_strz(nlh, TCA_KIND, req->kind);
  if (req->has_limit) {
    struct tc_fifo_qopt opt = { .limit = req->limit };
    mnl_attr_put(nlh, TCA_OPTIONS, sizeof opt, &opt);
  }
  return nlh;
}

gboolean
nns_kernel_qdisc_modify(NnsBackend *be, int pid, const NnsQdiscRecord *req, guint nlflags, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  guint16 flags = (nlflags & NNS_NLM_CREATE ? NLM_F_CREATE : 0) | (nlflags & NNS_NLM_EXCL ? NLM_F_EXCL : 0) |
                  (nlflags & NNS_NLM_REPLACE ? NLM_F_REPLACE : 0);
  struct nlmsghdr *nlh = put_qdisc(buf, RTM_NEWQDISC, flags, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

gboolean
nns_kernel_qdisc_delete(NnsBackend *be, int pid, const NnsQdiscRecord *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_qdisc(buf, RTM_DELQDISC, 0, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

static void
read_options(NnsQdiscRecord *r, const struct nlattr *opts)
{
  if (g_str_equal(r->kind, "pfifo") || g_str_equal(r->kind, "bfifo")) {
    if (mnl_attr_get_payload_len(opts) >= sizeof(struct tc_fifo_qopt)) {
      const struct tc_fifo_qopt *q = mnl_attr_get_payload(opts);
      r->has_limit = TRUE;
      r->limit = q->limit;
    }
  } else if (g_str_equal(r->kind, "fq_codel")) {
    const struct nlattr *fq[TCA_FQ_CODEL_MAX + 1] = { 0 };
    AttrTable t = { fq, TCA_FQ_CODEL_MAX };
    mnl_attr_parse_nested(opts, keep_attr, &t);
    if (fq[TCA_FQ_CODEL_QUANTUM] && mnl_attr_get_payload_len(fq[TCA_FQ_CODEL_QUANTUM]) >= 4)
      r->quantum = mnl_attr_get_u32(fq[TCA_FQ_CODEL_QUANTUM]);
  }
}

/* TCA_STATS2 as tc's print_tcstats2_attr reads it: the basic counters
 * (TCA_STATS_PKT64 when the packets outgrew 32 bits) and the queue's. */
static void
read_stats(NnsQdiscRecord *r, const struct nlattr *stats)
{
  const struct nlattr *st[TCA_STATS_MAX + 1] = { 0 };
  AttrTable t = { st, TCA_STATS_MAX };
  mnl_attr_parse_nested(stats, keep_attr, &t);
  if (st[TCA_STATS_BASIC]) {
    struct gnet_stats_basic b = { 0 };
    memcpy(&b, mnl_attr_get_payload(st[TCA_STATS_BASIC]),
           MIN(mnl_attr_get_payload_len(st[TCA_STATS_BASIC]), sizeof b));
    r->sent_bytes = b.bytes;
    r->sent_packets = b.packets;
  }
  if (st[TCA_STATS_PKT64] && mnl_attr_get_payload_len(st[TCA_STATS_PKT64]) >= 8)
    r->sent_packets = mnl_attr_get_u64(st[TCA_STATS_PKT64]);
  if (st[TCA_STATS_QUEUE]) {
    struct gnet_stats_queue q = { 0 };
    memcpy(&q, mnl_attr_get_payload(st[TCA_STATS_QUEUE]),
           MIN(mnl_attr_get_payload_len(st[TCA_STATS_QUEUE]), sizeof q));
    r->qlen = q.qlen;
    r->backlog = q.backlog;
    r->drops = q.drops;
    r->requeues = q.requeues;
    r->overlimits = q.overlimits;
  }
}

static void
collect_qdisc(const struct nlmsghdr *nlh, gpointer data)
{
  if (nlh->nlmsg_type != RTM_NEWQDISC)
    return;
  const struct tcmsg *t = mnl_nlmsg_get_payload(nlh);
  const struct nlattr *tb[TCA_MAX + 1] = { 0 };
  AttrTable at = { tb, TCA_MAX };
  mnl_attr_parse(nlh, sizeof *t, keep_attr, &at);
  if (!tb[TCA_KIND])
    return;
  NnsQdiscRecord *r = g_new0(NnsQdiscRecord, 1);
  r->ifindex = t->tcm_ifindex;
  r->handle = t->tcm_handle;
  r->parent = t->tcm_parent;
  /* tc prints tcm_info as the reference count. */
  r->refcnt = t->tcm_info;
  g_strlcpy(r->kind, mnl_attr_get_str(tb[TCA_KIND]), sizeof r->kind);
  if (tb[TCA_OPTIONS])
    read_options(r, tb[TCA_OPTIONS]);
  if (tb[TCA_STATS2])
    read_stats(r, tb[TCA_STATS2]);
  g_ptr_array_add(data, r);
}

/* Every qdisc of the caller's namespace, in the kernel's order (tc filters
 * by device itself, as tc_qdisc_list does).  Invisible ones (the kernel's
 * TCQ_F_INVISIBLE) are left out, as tc leaves them without `invisible`. */
GPtrArray *
nns_kernel_qdisc_dump(NnsBackend *be, int pid, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETQDISC, NLM_F_DUMP);
  struct tcmsg *t = mnl_nlmsg_put_extra_header(nlh, sizeof *t);
  t->tcm_family = AF_UNSPEC;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_qdisc, out, error))
    return NULL;
  return g_steal_pointer(&out);
}
