/* Links: RTM_NEWLINK (create and set, as iproute2 6.1 sends both),
 * RTM_DELLINK, RTM_GETLINK by name and as a dump (the messages are read
 * by kernel-decode-link.c). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Descriptors opened for IFLA_NET_NS_FD, closed once the request is sent. */
typedef struct {
  int fds[2];
  int n;
} OpenFds;

static void
close_fds(OpenFds *o)
{
  for (int i = 0; i < o->n; i++)
    close(o->fds[i]);
  o->n = 0;
}

/* The attributes of one link, as iplink_parse() puts them. */
/* The attributes iplink_parse adds for the keywords beyond the basic
 * ones; `create`: an index asked for is the new device's ifi_index,
 * else IFLA_NEW_IFINDEX (a move). */
static void
put_more_attrs(struct nlmsghdr *nlh, struct ifinfomsg *ifi, const NnsLinkChange *c, gboolean create)
{
  if (c->mask & NNS_LINK_SET_INDEX) {
    if (create)
      ifi->ifi_index = c->index;
    else
      mnl_attr_put_u32(nlh, IFLA_NEW_IFINDEX, (guint32) c->index);
  }
  if (c->mask & NNS_LINK_SET_LINK)
    mnl_attr_put_u32(nlh, IFLA_LINK, (guint32) c->link_ifindex);
  if (c->mask & NNS_LINK_SET_BROADCAST)
    mnl_attr_put(nlh, IFLA_BROADCAST, c->broadcast_len, c->broadcast);
  if (c->mask & NNS_LINK_SET_OPERSTATE)
    mnl_attr_put_u8(nlh, IFLA_OPERSTATE, c->operstate);
  if (c->mask & NNS_LINK_SET_LINKMODE)
    mnl_attr_put_u8(nlh, IFLA_LINKMODE, c->linkmode);
  if (c->mask & NNS_LINK_SET_ADDR_GEN_MODE) {
    struct nlattr *afs = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
    struct nlattr *afs6 = mnl_attr_nest_start(nlh, AF_INET6);
    mnl_attr_put_u8(nlh, IFLA_INET6_ADDR_GEN_MODE, c->addr_gen_mode);
    mnl_attr_nest_end(nlh, afs6);
    mnl_attr_nest_end(nlh, afs);
  }
  if (c->mask & NNS_LINK_SET_LINK_NETNSID)
    mnl_attr_put_u32(nlh, IFLA_LINK_NETNSID, (guint32) c->link_netnsid);
  if (c->mask & NNS_LINK_SET_PROTODOWN_REASON) {
    struct nlattr *pr = mnl_attr_nest_start(nlh, IFLA_PROTO_DOWN_REASON);
    mnl_attr_put_u32(nlh, IFLA_PROTO_DOWN_REASON_MASK, c->protodown_reason_mask);
    mnl_attr_put_u32(nlh, IFLA_PROTO_DOWN_REASON_VALUE, c->protodown_reason_value);
    mnl_attr_nest_end(nlh, pr);
  }
  if (c->mask & NNS_LINK_SET_GSO_MAX_SIZE)
    mnl_attr_put_u32(nlh, IFLA_GSO_MAX_SIZE, c->gso_max_size);
  if (c->mask & NNS_LINK_SET_GSO_MAX_SEGS)
    mnl_attr_put_u32(nlh, IFLA_GSO_MAX_SEGS, c->gso_max_segs);
  if (c->mask & NNS_LINK_SET_GRO_MAX_SIZE)
    mnl_attr_put_u32(nlh, IFLA_GRO_MAX_SIZE, c->gro_max_size);
  if (c->mask & NNS_LINK_SET_PARENT_DEV)
    mnl_attr_put_strz(nlh, IFLA_PARENT_DEV_NAME, c->parent_dev);
  if (c->mask & NNS_LINK_SET_XDP_OFF) {
    /* xdp_delete: an fd of -1 with the mode's flags. */
    struct nlattr *xdp = mnl_attr_nest_start(nlh, IFLA_XDP);
    mnl_attr_put_u32(nlh, IFLA_XDP_FD, (guint32) -1);
    if (c->xdp_flags)
      mnl_attr_put_u32(nlh, IFLA_XDP_FLAGS, c->xdp_flags);
    mnl_attr_nest_end(nlh, xdp);
  }
}

static gboolean
put_link_attrs(NnsKernelBackend *kb, struct nlmsghdr *nlh, struct ifinfomsg *ifi, const NnsLinkChange *c,
               gboolean create, OpenFds *fds, GError **error)
{
  if (c->mask & (NNS_LINK_SET_UP | NNS_LINK_SET_DOWN)) {
    ifi->ifi_change |= IFF_UP;
    if (c->mask & NNS_LINK_SET_UP)
      ifi->ifi_flags |= IFF_UP;
  }
  nns_kernel_put_link_flags(nlh, ifi, c);
  if (c->mask & NNS_LINK_SET_NAME)
    mnl_attr_put_strz(nlh, IFLA_IFNAME, c->name);
  if (c->mask & NNS_LINK_SET_MTU)
    mnl_attr_put_u32(nlh, IFLA_MTU, c->mtu);
  if (c->mask & NNS_LINK_SET_ADDRESS)
    mnl_attr_put(nlh, IFLA_ADDRESS, c->addr_len ? c->addr_len : 6, c->addr);
  if (c->mask & NNS_LINK_SET_TXQLEN)
    mnl_attr_put_u32(nlh, IFLA_TXQLEN, c->txqlen);
  if (c->mask & NNS_LINK_SET_ALIAS)
    mnl_attr_put(nlh, IFLA_IFALIAS, strlen(c->alias), c->alias);
  if (c->mask & NNS_LINK_SET_MASTER)
    mnl_attr_put_u32(nlh, IFLA_MASTER, (guint32) c->master_ifindex);
  if (c->mask & NNS_LINK_SET_GROUP)
    mnl_attr_put_u32(nlh, IFLA_GROUP, c->group);
  if (c->mask & NNS_LINK_SET_NUM_TX_QUEUES)
    mnl_attr_put_u32(nlh, IFLA_NUM_TX_QUEUES, c->num_tx_queues);
  if (c->mask & NNS_LINK_SET_NUM_RX_QUEUES)
    mnl_attr_put_u32(nlh, IFLA_NUM_RX_QUEUES, c->num_rx_queues);
  if (c->mask & NNS_LINK_SET_NETNS_PID) {
    /* IFLA_NET_NS_PID names a real process; ours are modelled, so the
     * namespace of the modelled process travels as IFLA_NET_NS_FD. */
    int fd = nns_kernel_pid_netns(kb, c->netns_pid, error);
    if (fd < 0)
      return FALSE;
    mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (guint32) fd);
  } else if (c->mask & NNS_LINK_SET_NETNS_NAME) {
    int fd = nns_kernel_open_named(c->netns_name);
    if (fd < 0) {
      nns_set_errno(error, errno);
      return FALSE;
    }
    fds->fds[fds->n++] = fd;
    mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (guint32) fd);
  }
  put_more_attrs(nlh, ifi, c, create);
  return TRUE;
}

gboolean
nns_kernel_link_create_in(NnsKernelBackend *kb, int netns_fd, const NnsLinkCreate *req, int peer_netns_fd,
                          GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
  struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
  OpenFds fds = { .n = 0 };
  gboolean ok = put_link_attrs(kb, nlh, ifi, &req->link, TRUE, &fds, error);
  if (ok) {
    struct nlattr *linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
    mnl_attr_put_strz(nlh, IFLA_INFO_KIND, req->kind);
    if (req->has_peer && g_str_equal(req->kind, "veth")) {
      struct nlattr *data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
      struct nlattr *peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
      /* VETH_INFO_PEER is an ifinfomsg followed by the peer's attributes. */
      struct ifinfomsg *pifi = mnl_nlmsg_put_extra_header(nlh, sizeof *pifi);
      ok = put_link_attrs(kb, nlh, pifi, &req->peer, TRUE, &fds, error);
      if (peer_netns_fd >= 0)
        mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (guint32) peer_netns_fd);
      mnl_attr_nest_end(nlh, peer);
      mnl_attr_nest_end(nlh, data);
    } else if (g_str_equal(req->kind, "bridge")) {
      nns_kernel_put_bridge_data(nlh, &req->link.br);
    }
    mnl_attr_nest_end(nlh, linkinfo);
  }
  ok = ok && nns_knl_talk_in(kb, netns_fd, nlh, NULL, NULL, error);
  close_fds(&fds);
  return ok;
}

gboolean
nns_kernel_link_create(NnsBackend *be, int pid, const NnsLinkCreate *req, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  return fd >= 0 && nns_kernel_link_create_in(kb, fd, req, -1, error);
}

gboolean
nns_kernel_link_change_in(NnsKernelBackend *kb, int netns_fd, int ifindex, const NnsLinkChange *req,
                          GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  /* `ip link set` sends RTM_NEWLINK without NLM_F_CREATE (iplink_modify);
   * ifindex 0 makes IFLA_IFNAME the key instead of a new name. */
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_NEWLINK, 0);
  struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
  ifi->ifi_index = ifindex;
  OpenFds fds = { .n = 0 };
  gboolean ok = put_link_attrs(kb, nlh, ifi, req, FALSE, &fds, error);
  /* `type KIND [OPTIONS]`: IFLA_LINKINFO, the kind's data in it. */
  if (ok && req->info_kind) {
    struct nlattr *linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
    mnl_attr_put_strz(nlh, IFLA_INFO_KIND, req->info_kind);
    nns_kernel_put_bridge_data(nlh, &req->br);
    mnl_attr_nest_end(nlh, linkinfo);
  }
  ok = ok && nns_knl_talk_in(kb, netns_fd, nlh, NULL, NULL, error);
  close_fds(&fds);
  return ok;
}

gboolean
nns_kernel_link_change(NnsBackend *be, int pid, int ifindex, const NnsLinkChange *req, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  return fd >= 0 && nns_kernel_link_change_in(kb, fd, ifindex, req, error);
}

gboolean
nns_kernel_link_delete(NnsBackend *be, int pid, int ifindex, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_DELLINK, 0);
  struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
  ifi->ifi_index = ifindex;
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

static void
collect_link(const struct nlmsghdr *nlh, gpointer data)
{
  NnsLinkRecord *r = nlh->nlmsg_type == RTM_NEWLINK ? nns_kernel_decode_link(nlh) : NULL;
  if (r)
    g_ptr_array_add(data, r);
}

/* RTM_GETLINK of one device by index.  Unlike a dump, a plain get runs
 * linkwatch_sync_dev() first, so pending carrier and operstate changes are
 * applied before the kernel answers. */
static NnsLinkRecord *
get_synced(struct mnl_socket *nl, int ifindex)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETLINK, 0);
  struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
  ifi->ifi_index = ifindex;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func((GDestroyNotify) nns_link_record_free);
  if (!nns_knl_talk(nl, nlh, collect_link, one, NULL) || one->len != 1)
    return NULL;
  return g_ptr_array_steal_index(one, 0);
}

/* The dump gives the devices and their order; each is then read again
 * with a synchronising get.  A transcript recorded command by command has
 * milliseconds between commands, in which linkwatch (which may defer a
 * carrier change by up to a second) has usually run; netnsim's commands
 * follow each other in microseconds.  Reading the settled state is what
 * makes the two comparable (see docs/kernel-backend.md). */
GPtrArray *
nns_kernel_link_dump(NnsBackend *be, int pid, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  if (fd < 0)
    return NULL;
  nns_kernel_settle(kb);
  struct mnl_socket *nl = nns_knl_open(kb, fd, error);
  if (!nl)
    return NULL;
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETLINK, NLM_F_DUMP);
  struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
  ifi->ifi_family = AF_UNSPEC;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify) nns_link_record_free);
  gboolean ok = nns_knl_talk(nl, nlh, collect_link, out, error);
  for (guint i = 0; ok && i < out->len; i++) {
    NnsLinkRecord *fresh = get_synced(nl, ((NnsLinkRecord *) out->pdata[i])->ifindex);
    if (fresh) {
      nns_link_record_free(out->pdata[i]);
      out->pdata[i] = fresh;
    }
  }
  mnl_socket_close(nl);
  return ok ? g_steal_pointer(&out) : NULL;
}

NnsLinkRecord *
nns_kernel_link_get(NnsBackend *be, int pid, const char *name, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETLINK, 0);
  mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
  /* ll_name_to_index(): names too long for IFLA_IFNAME go as altnames. */
  mnl_attr_put_strz(nlh, strlen(name) < IFNAMSIZ ? IFLA_IFNAME : IFLA_ALT_IFNAME, name);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify) nns_link_record_free);
  if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_link, out, error))
    return NULL;
  if (out->len == 0) {
    nns_set_errno(error, ENODEV);
    return NULL;
  }
  return g_ptr_array_steal_index(out, 0);
}
