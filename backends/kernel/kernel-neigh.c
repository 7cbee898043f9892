/* Neighbours and bridge forwarding databases: RTM_NEWNEIGH / RTM_DELNEIGH
 * as iproute2's ipneigh_modify() sends them, and RTM_GETNEIGH dumps (of
 * the ARP and ND tables, of their proxy entries, and of family AF_BRIDGE
 * for `bridge fdb show`) read into NnsNeighRecord / NnsFdbRecord. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const struct nlattr *tb[NDA_MAX + 1];
} NeighAttrs;

static int
keep_attr(const struct nlattr *attr, void *data)
{
  NeighAttrs *a = data;
  int type = mnl_attr_get_type(attr);
  if (type <= NDA_MAX)
    a->tb[type] = attr;
  return MNL_CB_OK;
}

static struct nlmsghdr *
put_neigh(char *buf, guint16 type, guint16 flags, const NnsNeighRecord *req)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof *ndm);
  ndm->ndm_family = req->family;
  ndm->ndm_ifindex = req->ifindex;
  ndm->ndm_state = req->state;
  ndm->ndm_flags = req->flags;
  mnl_attr_put(nlh, NDA_DST, req->dst.family == AF_INET6 ? 16 : 4, req->dst.bytes);
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

/* NDA_CACHEINFO counts in clock ticks (USER_HZ); iproute2 divides by
 * sysconf(_SC_CLK_TCK) and prints whole seconds. */
static guint32
ticks_to_s(guint32 ticks)
{
  long hz = sysconf(_SC_CLK_TCK);
  return ticks / (guint32) (hz > 0 ? hz : 100);
}

static void
collect_neigh(const struct nlmsghdr *nlh, gpointer data)
{
  if (nlh->nlmsg_type != RTM_NEWNEIGH)
    return;
  const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
  NeighAttrs a = { { 0 } };
  mnl_attr_parse(nlh, sizeof *ndm, keep_attr, &a);
  if (!a.tb[NDA_DST])
    return;
  NnsNeighRecord *r = g_new0(NnsNeighRecord, 1);
  r->family = ndm->ndm_family;
  r->ifindex = ndm->ndm_ifindex;
  r->state = ndm->ndm_state;
  r->flags = ndm->ndm_flags;
  r->dst.family = ndm->ndm_family;
  memcpy(r->dst.bytes, mnl_attr_get_payload(a.tb[NDA_DST]),
         MIN(mnl_attr_get_payload_len(a.tb[NDA_DST]), sizeof r->dst.bytes));
  if (a.tb[NDA_LLADDR] && mnl_attr_get_payload_len(a.tb[NDA_LLADDR]) == 6) {
    r->has_lladdr = TRUE;
    memcpy(r->lladdr, mnl_attr_get_payload(a.tb[NDA_LLADDR]), 6);
  }
  if (a.tb[NDA_CACHEINFO] && mnl_attr_get_payload_len(a.tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo)) {
    const struct nda_cacheinfo *ci = mnl_attr_get_payload(a.tb[NDA_CACHEINFO]);
    r->used_s = ticks_to_s(ci->ndm_used);
    r->confirmed_s = ticks_to_s(ci->ndm_confirmed);
    r->updated_s = ticks_to_s(ci->ndm_updated);
  }
  if (a.tb[NDA_PROBES])
    r->probes = mnl_attr_get_u32(a.tb[NDA_PROBES]);
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

static void
collect_fdb(const struct nlmsghdr *nlh, gpointer data)
{
  if (nlh->nlmsg_type != RTM_NEWNEIGH)
    return;
  const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
  NeighAttrs a = { { 0 } };
  mnl_attr_parse(nlh, sizeof *ndm, keep_attr, &a);
  if (ndm->ndm_family != AF_BRIDGE || !a.tb[NDA_LLADDR] || mnl_attr_get_payload_len(a.tb[NDA_LLADDR]) != 6)
    return;
  NnsFdbRecord *r = g_new0(NnsFdbRecord, 1);
  memcpy(r->mac, mnl_attr_get_payload(a.tb[NDA_LLADDR]), 6);
  r->ifindex = ndm->ndm_ifindex;
  r->state = ndm->ndm_state;
  r->flags = ndm->ndm_flags;
  if (a.tb[NDA_MASTER])
    r->master = (int) mnl_attr_get_u32(a.tb[NDA_MASTER]);
  if (a.tb[NDA_VLAN]) {
    r->has_vlan = TRUE;
    r->vlan = mnl_attr_get_u16(a.tb[NDA_VLAN]);
  }
  if (a.tb[NDA_CACHEINFO] && mnl_attr_get_payload_len(a.tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo)) {
    const struct nda_cacheinfo *ci = mnl_attr_get_payload(a.tb[NDA_CACHEINFO]);
    r->updated_s = ticks_to_s(ci->ndm_updated);
  }
  g_ptr_array_add(data, r);
}

/* `bridge fdb show`: one RTM_GETNEIGH dump of family AF_BRIDGE, which
 * walks every device (a bridge port's entries with NTF_MASTER, each
 * device's own address list with NTF_SELF), in the kernel's order. */
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
