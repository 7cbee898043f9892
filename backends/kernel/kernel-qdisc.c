/* Traffic control: RTM_NEWQDISC / RTM_DELQDISC as tc 6.1's
 * tc_qdisc_modify() sends them, and RTM_GETQDISC dumps (read by
 * kernel-decode-qdisc.c). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/gen_stats.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <string.h>

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
collect_qdisc(const struct nlmsghdr *nlh, gpointer data)
{
  NnsQdiscRecord *r = nlh->nlmsg_type == RTM_NEWQDISC ? nns_kernel_decode_qdisc(nlh) : NULL;
  if (r)
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
