/* Neighbours: RTM_NEWNEIGH / RTM_DELNEIGH as iproute2's ipneigh_modify()
 * sends them, and RTM_GETNEIGH dumps of the ARP and ND tables and of their
 * proxy entries, read by kernel-decode-neigh.c (bridge forwarding
 * databases: kernel-fdb.c). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <unistd.h>

static struct nlmsghdr *
put_neigh(char *buf, guint16 type, guint16 flags, const NnsNeighRecord *req)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof *ndm);
  ndm->ndm_family = req->family;
  ndm->ndm_ifindex = req->ifindex;
  ndm->ndm_state = req->state;
  ndm->ndm_flags = req->flags;
  nns_kattr_put_inet(nlh, NDA_DST, req->dst.family, req->dst.bytes);
  if (req->has_lladdr)
    mnl_attr_put(nlh, NDA_LLADDR, 6, req->lladdr);
  return nlh;
}

gboolean
nns_kernel_neigh_add(NnsBackend *be, int pid, const NnsNeighRecord *req, guint nlflags, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  guint16 flags = (nlflags & NNS_NLM_CREATE ? NLM_F_CREATE : 0) | (nlflags & NNS_NLM_EXCL ? NLM_F_EXCL : 0) |
                  (nlflags & NNS_NLM_REPLACE ? NLM_F_REPLACE : 0) | (nlflags & NNS_NLM_APPEND ? NLM_F_APPEND : 0);
  struct nlmsghdr *nlh = put_neigh(buf, RTM_NEWNEIGH, flags, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

gboolean
nns_kernel_neigh_delete(NnsBackend *be, int pid, const NnsNeighRecord *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  /* `ip neigh flush` hands back dumped records, as iproute2 sends the
   * dumped message back: the kernel matches on device and address. */
  struct nlmsghdr *nlh = put_neigh(buf, RTM_DELNEIGH, 0, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

static void
collect_neigh(const struct nlmsghdr *nlh, gpointer data)
{
  NnsNeighRecord *r = nlh->nlmsg_type == RTM_NEWNEIGH ? nns_kernel_decode_neigh(nlh) : NULL;
  if (r)
    g_ptr_array_add(data, r);
}

static gboolean
dump_neigh(NnsBackend *be, int pid, guint8 family, guint8 ndm_flags, GPtrArray *out, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETNEIGH, NLM_F_DUMP);
  struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof *ndm);
  ndm->ndm_family = family;
  ndm->ndm_flags = ndm_flags;
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_neigh, out, error);
}

/* The ARP and ND tables, then their proxy entries: the kernel dumps those
 * only when the request carries NTF_PROXY (pneigh_dump_table). */
GPtrArray *
nns_kernel_neigh_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (!dump_neigh(be, pid, family, 0, out, error) || !dump_neigh(be, pid, family, NTF_PROXY, out, error))
    return NULL;
  return g_steal_pointer(&out);
}
