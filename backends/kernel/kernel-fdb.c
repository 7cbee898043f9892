/* Bridge forwarding databases: RTM_NEWNEIGH / RTM_DELNEIGH of family
 * AF_BRIDGE as iproute2's fdb_modify() sends them, and the RTM_GETNEIGH
 * dump of `bridge fdb show`, read by kernel-decode-neigh.c. */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

static void
collect_fdb(const struct nlmsghdr *nlh, gpointer data)
{
  NnsFdbRecord *r = nlh->nlmsg_type == RTM_NEWNEIGH ? nns_kernel_decode_fdb(nlh) : NULL;
  if (r)
    g_ptr_array_add(data, r);
}

/* One RTM_GETNEIGH dump of family AF_BRIDGE, which walks every device (a
 * bridge port's entries through its master, each device's own address
 * lists with NTF_SELF), in the kernel's order. */
GPtrArray *
nns_kernel_fdb_dump(NnsBackend *be, int pid, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETNEIGH, NLM_F_DUMP);
  struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof *ndm);
  ndm->ndm_family = AF_BRIDGE;
  if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_fdb, out, error))
    return NULL;
  return g_steal_pointer(&out);
}

static struct nlmsghdr *
put_fdb(char *buf, guint16 type, guint16 flags, const NnsFdbRecord *req)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof *ndm);
  ndm->ndm_family = AF_BRIDGE;
  ndm->ndm_ifindex = req->ifindex;
  ndm->ndm_state = req->state;
  ndm->ndm_flags = req->flags;
  mnl_attr_put(nlh, NDA_LLADDR, 6, req->mac);
  if (req->has_vlan)
    mnl_attr_put_u16(nlh, NDA_VLAN, req->vlan);
  return nlh;
}

gboolean
nns_kernel_fdb_add(NnsBackend *be, int pid, const NnsFdbRecord *req, guint nlflags, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  guint16 flags = (nlflags & NNS_NLM_CREATE ? NLM_F_CREATE : 0) | (nlflags & NNS_NLM_EXCL ? NLM_F_EXCL : 0) |
                  (nlflags & NNS_NLM_REPLACE ? NLM_F_REPLACE : 0) | (nlflags & NNS_NLM_APPEND ? NLM_F_APPEND : 0);
  return nns_knl_talk_pid(nns_kernel(be), pid, put_fdb(buf, RTM_NEWNEIGH, flags, req), NULL, NULL, error);
}

gboolean
nns_kernel_fdb_delete(NnsBackend *be, int pid, const NnsFdbRecord *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  return nns_knl_talk_pid(nns_kernel(be), pid, put_fdb(buf, RTM_DELNEIGH, 0, req), NULL, NULL, error);
}
