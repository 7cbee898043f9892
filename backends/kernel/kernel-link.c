/* Links: RTM_NEWLINK (create and set, as iproute2 6.1 sends both),
 * RTM_DELLINK, RTM_GETLINK by name and as a dump, and the reading of
 * RTM_NEWLINK messages into NnsLinkRecords. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const struct nlattr **tb;
  int max;
} AttrTable;

static int
keep_attr(const struct nlattr *attr, void *data)
{
  AttrTable *t = data;
  int type = mnl_attr_get_type(attr);
  if (type <= t->max)
    t->tb[type] = attr;
  return MNL_CB_OK;
}

static guint32
u32_or(const struct nlattr *a, guint32 dflt)
{
  return a && mnl_attr_get_payload_len(a) >= 4 ? mnl_attr_get_u32(a) : dflt;
}

static guint8
u8_or(const struct nlattr *a, guint8 dflt)
{
  return a && mnl_attr_get_payload_len(a) >= 1 ? mnl_attr_get_u8(a) : dflt;
}

/* A string attribute as a string that lives as long as the process: the
 * record's kind and qdisc are `const char *` that nobody frees. */
static const char *
interned(const struct nlattr *a)
{
  return a ? g_intern_string(mnl_attr_get_str(a)) : NULL;
}

static void
read_linkinfo(NnsLinkRecord *r, const struct nlattr *linkinfo)
{
  const struct nlattr *info[IFLA_INFO_MAX + 1] = { 0 };
  AttrTable t = { info, IFLA_INFO_MAX };
  mnl_attr_parse_nested(linkinfo, keep_attr, &t);
  r->kind = interned(info[IFLA_INFO_KIND]);
  r->slave_kind = interned(info[IFLA_INFO_SLAVE_KIND]);
  if (r->kind && g_str_equal(r->kind, "bridge") && info[IFLA_INFO_DATA]) {
    const struct nlattr *br[IFLA_BR_MAX + 1] = { 0 };
    AttrTable bt = { br, IFLA_BR_MAX };
    mnl_attr_parse_nested(info[IFLA_INFO_DATA], keep_attr, &bt);
    if (br[IFLA_BR_BRIDGE_ID] && mnl_attr_get_payload_len(br[IFLA_BR_BRIDGE_ID]) >= sizeof(struct ifla_bridge_id)) {
      const struct ifla_bridge_id *id = mnl_attr_get_payload(br[IFLA_BR_BRIDGE_ID]);
      r->bridge_priority = (guint16) (id->prio[0] << 8 | id->prio[1]);
      memcpy(r->bridge_id, id->addr, 6);
    }
  }
  if (r->slave_kind && g_str_equal(r->slave_kind, "bridge") && info[IFLA_INFO_SLAVE_DATA]) {
    const struct nlattr *port[IFLA_BRPORT_MAX + 1] = { 0 };
    AttrTable pt = { port, IFLA_BRPORT_MAX };
    mnl_attr_parse_nested(info[IFLA_INFO_SLAVE_DATA], keep_attr, &pt);
    r->brport_state = u8_or(port[IFLA_BRPORT_STATE], 0);
    if (port[IFLA_BRPORT_PRIORITY])
      r->brport_priority = mnl_attr_get_u16(port[IFLA_BRPORT_PRIORITY]);
    r->brport_cost = u32_or(port[IFLA_BRPORT_COST], 0);
    if (port[IFLA_BRPORT_ID] && port[IFLA_BRPORT_ROOT_ID] &&
        mnl_attr_get_payload_len(port[IFLA_BRPORT_ROOT_ID]) >= sizeof(struct ifla_bridge_id)) {
      const struct ifla_bridge_id *id = mnl_attr_get_payload(port[IFLA_BRPORT_ROOT_ID]);
      r->has_brport_ids = TRUE;
      r->brport_id = mnl_attr_get_u16(port[IFLA_BRPORT_ID]);
      r->brport_no = port[IFLA_BRPORT_NO] ? mnl_attr_get_u16(port[IFLA_BRPORT_NO]) : 0;
      r->brport_designated_port =
        port[IFLA_BRPORT_DESIGNATED_PORT] ? mnl_attr_get_u16(port[IFLA_BRPORT_DESIGNATED_PORT]) : 0;
      r->brport_designated_cost =
        port[IFLA_BRPORT_DESIGNATED_COST] ? mnl_attr_get_u16(port[IFLA_BRPORT_DESIGNATED_COST]) : 0;
      r->brport_root_priority = (guint16) (id->prio[0] << 8 | id->prio[1]);
      memcpy(r->brport_root_addr, id->addr, 6);
      r->brport_forward_delay_cs =
        port[IFLA_BRPORT_FORWARD_DELAY_TIMER] ? mnl_attr_get_u64(port[IFLA_BRPORT_FORWARD_DELAY_TIMER]) : 0;
      r->brport_mcast_router = u8_or(port[IFLA_BRPORT_MULTICAST_ROUTER], 0);
    }
  }
}

static void
copy_hwaddr(guint8 out[6], const struct nlattr *a)
{
  if (!a)
    return;
  guint16 len = mnl_attr_get_payload_len(a);
  memcpy(out, mnl_attr_get_payload(a), MIN(len, 6));
}

NnsLinkRecord *
nns_kernel_link_record(const struct nlmsghdr *nlh)
{
  const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
  const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
  AttrTable t = { tb, IFLA_MAX };
  mnl_attr_parse(nlh, sizeof *ifi, keep_attr, &t);
  NnsLinkRecord *r = g_new0(NnsLinkRecord, 1);
  r->ifindex = ifi->ifi_index;
  r->flags = ifi->ifi_flags;
  r->type = ifi->ifi_type;
  if (tb[IFLA_IFNAME])
    g_strlcpy(r->name, mnl_attr_get_str(tb[IFLA_IFNAME]), sizeof r->name);
  r->mtu = u32_or(tb[IFLA_MTU], 0);
  r->min_mtu = u32_or(tb[IFLA_MIN_MTU], 0);
  r->max_mtu = u32_or(tb[IFLA_MAX_MTU], 0);
  r->txqlen = u32_or(tb[IFLA_TXQLEN], 0);
  r->group = u32_or(tb[IFLA_GROUP], 0);
  r->operstate = u8_or(tb[IFLA_OPERSTATE], 0);
  r->linkmode = u8_or(tb[IFLA_LINKMODE], 0);
  r->qdisc = interned(tb[IFLA_QDISC]);
  copy_hwaddr(r->addr, tb[IFLA_ADDRESS]);
  copy_hwaddr(r->broadcast, tb[IFLA_BROADCAST]);
  r->link = (int) u32_or(tb[IFLA_LINK], 0);
  r->link_none = tb[IFLA_LINK] && r->link == 0;
  if (tb[IFLA_LINK_NETNSID]) {
    r->has_link_netnsid = TRUE;
    r->link_netnsid = (int) mnl_attr_get_u32(tb[IFLA_LINK_NETNSID]);
  }
  r->master = (int) u32_or(tb[IFLA_MASTER], 0);
  if (tb[IFLA_LINKINFO])
    read_linkinfo(r, tb[IFLA_LINKINFO]);
  if (tb[IFLA_IFALIAS])
    r->alias = g_strndup(mnl_attr_get_payload(tb[IFLA_IFALIAS]), mnl_attr_get_payload_len(tb[IFLA_IFALIAS]));
  r->promiscuity = u32_or(tb[IFLA_PROMISCUITY], 0);
  r->allmulti = u32_or(tb[IFLA_ALLMULTI], 0);
  r->num_tx_queues = u32_or(tb[IFLA_NUM_TX_QUEUES], 0);
  r->num_rx_queues = u32_or(tb[IFLA_NUM_RX_QUEUES], 0);
  r->carrier_changes = u32_or(tb[IFLA_CARRIER_CHANGES], 0);
  if (tb[IFLA_STATS64] && mnl_attr_get_payload_len(tb[IFLA_STATS64]) >= sizeof(struct rtnl_link_stats64)) {
    struct rtnl_link_stats64 s;
    memcpy(&s, mnl_attr_get_payload(tb[IFLA_STATS64]), sizeof s);
    r->stats = (NnsLinkStats) {
      .rx_packets = s.rx_packets, .tx_packets = s.tx_packets,
      .rx_bytes = s.rx_bytes, .tx_bytes = s.tx_bytes,
      .rx_errors = s.rx_errors, .tx_errors = s.tx_errors,
      .rx_dropped = s.rx_dropped, .tx_dropped = s.tx_dropped,
      .multicast = s.multicast, .collisions = s.collisions,
    };
  }
  return r;
}

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
static gboolean
put_link_attrs(NnsKernelBackend *kb, struct nlmsghdr *nlh, struct ifinfomsg *ifi, const NnsLinkChange *c,
               OpenFds *fds, GError **error)
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
    mnl_attr_put(nlh, IFLA_ADDRESS, 6, c->addr);
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
  gboolean ok = put_link_attrs(kb, nlh, ifi, &req->link, &fds, error);
  if (ok) {
    struct nlattr *linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
    mnl_attr_put_strz(nlh, IFLA_INFO_KIND, req->kind);
    if (req->has_peer && g_str_equal(req->kind, "veth")) {
      struct nlattr *data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
      struct nlattr *peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
      /* VETH_INFO_PEER is an ifinfomsg followed by the peer's attributes. */
      struct ifinfomsg *pifi = mnl_nlmsg_put_extra_header(nlh, sizeof *pifi);
      ok = put_link_attrs(kb, nlh, pifi, &req->peer, &fds, error);
      if (peer_netns_fd >= 0)
        mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (guint32) peer_netns_fd);
      mnl_attr_nest_end(nlh, peer);
      mnl_attr_nest_end(nlh, data);
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
  gboolean ok = put_link_attrs(kb, nlh, ifi, req, &fds, error) &&
                nns_knl_talk_in(kb, netns_fd, nlh, NULL, NULL, error);
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
  if (nlh->nlmsg_type == RTM_NEWLINK)
    g_ptr_array_add(data, nns_kernel_link_record(nlh));
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
