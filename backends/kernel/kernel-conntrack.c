/* The conntrack table of a namespace, over ctnetlink (nfnetlink's
 * NFNL_SUBSYS_CTNETLINK) with libmnl: an IPCTNL_MSG_CT_GET dump (read by
 * kernel-decode-ct.c), and IPCTNL_MSG_CT_DELETE without a tuple, which empties
 * the table (ctnetlink_flush_conntrack).  Why ctnetlink rather than the
 * conntrack binary: docs/kernel-backend.md, "conntrack". */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <arpa/inet.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netinet/in.h>
#include <string.h>

#define CT_TYPE(msg) ((NFNL_SUBSYS_CTNETLINK << 8) | (msg))

static void
collect_ct(const struct nlmsghdr *nlh, gpointer data)
{
  NnsNfCtRecord r;
  if (nlh->nlmsg_type == CT_TYPE(IPCTNL_MSG_CT_NEW) && nns_kernel_decode_ct(nlh, &r))
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
