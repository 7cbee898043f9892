/* RTM_NEWQDISC read into an NnsQdiscRecord: struct tcmsg, TCA_KIND, the
 * options netnsim shows (a fifo's limit, fq_codel's quantum) and TCA_STATS2
 * as tc's print_tcstats2_attr reads it. */
#include "backends/kernel/kernel-decode.h"

#include <linux/gen_stats.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <string.h>

static void
read_options(NnsQdiscRecord *r, const struct nlattr *opts)
{
  if (g_str_equal(r->kind, "pfifo") || g_str_equal(r->kind, "bfifo")) {
    const struct tc_fifo_qopt *q = nns_kattr_struct(opts, sizeof *q);
    if (q) {
      r->has_limit = TRUE;
      r->limit = q->limit;
    }
  } else if (g_str_equal(r->kind, "fq_codel")) {
    const struct nlattr *fq[TCA_FQ_CODEL_MAX + 1];
    nns_kattr_parse_nested(opts, fq, TCA_FQ_CODEL_MAX);
    nns_kattr_u32(fq[TCA_FQ_CODEL_QUANTUM], &r->quantum);
  }
}

/* The basic counters (TCA_STATS_PKT64 when the packets outgrew 32 bits)
 * and the queue's; a short struct is read as far as it goes. */
static void
read_stats(NnsQdiscRecord *r, const struct nlattr *stats)
{
  const struct nlattr *st[TCA_STATS_MAX + 1];
  nns_kattr_parse_nested(stats, st, TCA_STATS_MAX);
  if (st[TCA_STATS_BASIC]) {
    struct gnet_stats_basic b;
    nns_kattr_bytes(st[TCA_STATS_BASIC], &b, sizeof b);
    r->sent_bytes = b.bytes;
    r->sent_packets = b.packets;
  }
  nns_kattr_u64(st[TCA_STATS_PKT64], &r->sent_packets);
  if (st[TCA_STATS_QUEUE]) {
    struct gnet_stats_queue q;
    nns_kattr_bytes(st[TCA_STATS_QUEUE], &q, sizeof q);
    r->qlen = q.qlen;
    r->backlog = q.backlog;
    r->drops = q.drops;
    r->requeues = q.requeues;
    r->overlimits = q.overlimits;
  }
}

NnsQdiscRecord *
nns_kernel_decode_qdisc(const struct nlmsghdr *nlh)
{
  const struct tcmsg *t = nns_kattr_header(nlh, sizeof *t);
  const struct nlattr *tb[TCA_MAX + 1];
  if (!t || !nns_kattr_parse(nlh, sizeof *t, tb, TCA_MAX) || !tb[TCA_KIND])
    return NULL;
  NnsQdiscRecord *r = g_new0(NnsQdiscRecord, 1);
  r->ifindex = t->tcm_ifindex;
  r->handle = t->tcm_handle;
  r->parent = t->tcm_parent;
  /* tc prints tcm_info as the reference count. */
  r->refcnt = t->tcm_info;
  nns_kattr_string(tb[TCA_KIND], r->kind, sizeof r->kind);
  if (tb[TCA_OPTIONS])
    read_options(r, tb[TCA_OPTIONS]);
  if (tb[TCA_STATS2])
    read_stats(r, tb[TCA_STATS2]);
  return r;
}
