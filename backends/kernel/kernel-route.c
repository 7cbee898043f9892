/* Routes: RTM_NEWROUTE / RTM_DELROUTE as iproute2's iproute_modify() sends
 * them (RTA_MULTIPATH included), RTM_GETROUTE lookups and dumps (every table; the front end filters; the
 * messages read by kernel-decode-route.c), and the one route a world is
 * built with. */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <unistd.h>

static void
collect_route(const struct nlmsghdr *nlh, gpointer data)
{
  /* iproute2 hides cloned (cache) entries unless asked for them. */
  if (nlh->nlmsg_type != RTM_NEWROUTE || nns_kernel_decode_route_cloned(nlh))
    return;
  NnsRouteRecord *r = nns_kernel_decode_route(nlh);
  if (r)
    g_ptr_array_add(data, r);
}

/* Only the route exceptions: a dump that is not strict answers with the
 * routes and their exceptions alike (inet6_dump_fib), told apart by
 * RTM_F_CLONED. */
static void
collect_cloned(const struct nlmsghdr *nlh, gpointer data)
{
  if (nlh->nlmsg_type != RTM_NEWROUTE || !nns_kernel_decode_route_cloned(nlh))
    return;
  NnsRouteRecord *r = nns_kernel_decode_route(nlh);
  if (r)
    g_ptr_array_add(data, r);
}

/* The request as iproute2 builds it: the table in rtm_table when it fits,
 * else RTA_TABLE; addresses at the route's family's length. */
static struct nlmsghdr *
put_route(char *buf, guint16 type, guint16 flags, const NnsRouteRecord *req)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
  guint32 table = req->table ? req->table : RT_TABLE_MAIN;
  rtm->rtm_family = req->family;
  rtm->rtm_dst_len = req->dst_len;
  rtm->rtm_tos = req->tos;
  rtm->rtm_table = table < 256 ? (guint8) table : RT_TABLE_UNSPEC;
  rtm->rtm_protocol = req->protocol;
  rtm->rtm_scope = req->scope;
  rtm->rtm_type = req->type;
  /* A cloned route's deletion is RTM_F_CLONED (ip6_route_del's RTF_CACHE). */
  rtm->rtm_flags = req->flags | (req->cloned ? RTM_F_CLONED : 0);
  if (table >= 256)
    mnl_attr_put_u32(nlh, RTA_TABLE, table);
  /* iproute2 sends no RTA_DST for `default`; 0/0 is the same route. */
  if (req->dst_len)
    nns_kattr_put_inet(nlh, RTA_DST, req->family, req->dst.bytes);
  if (req->has_gateway)
    nns_kattr_put_inet(nlh, RTA_GATEWAY, req->gateway.family, req->gateway.bytes);
  if (req->has_prefsrc)
    nns_kattr_put_inet(nlh, RTA_PREFSRC, req->prefsrc.family, req->prefsrc.bytes);
  if (req->has_priority)
    mnl_attr_put_u32(nlh, RTA_PRIORITY, req->priority);
  if (req->oif)
    mnl_attr_put_u32(nlh, RTA_OIF, (guint32) req->oif);
  if (req->n_nexthops) {
    /* parse_nexthops: one struct rtnexthop per path, RTA_GATEWAY in it. */
    struct nlattr *mp = mnl_attr_nest_start(nlh, RTA_MULTIPATH);
    for (guint i = 0; i < req->n_nexthops; i++) {
      const NnsNexthopRecord *in = &req->nexthops[i];
      struct rtnexthop *rtnh = mnl_nlmsg_get_payload_tail(nlh);
      nlh->nlmsg_len += RTNH_ALIGN(sizeof *rtnh);
      rtnh->rtnh_flags = (guint8) in->flags;
      rtnh->rtnh_hops = (guint8) ((in->weight ? in->weight : 1) - 1);
      rtnh->rtnh_ifindex = in->ifindex;
      if (in->has_gateway)
        nns_kattr_put_inet(nlh, RTA_GATEWAY, in->gateway.family, in->gateway.bytes);
      rtnh->rtnh_len = (unsigned short) ((char *) mnl_nlmsg_get_payload_tail(nlh) - (char *) rtnh);
    }
    mnl_attr_nest_end(nlh, mp);
  }
  return nlh;
}

static guint16
nlm_flags(guint nlflags)
{
  return (nlflags & NNS_NLM_CREATE ? NLM_F_CREATE : 0) | (nlflags & NNS_NLM_EXCL ? NLM_F_EXCL : 0) |
         (nlflags & NNS_NLM_REPLACE ? NLM_F_REPLACE : 0) | (nlflags & NNS_NLM_APPEND ? NLM_F_APPEND : 0);
}

gboolean
nns_kernel_route_add(NnsBackend *be, int pid, const NnsRouteRecord *req, guint nlflags, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_route(buf, RTM_NEWROUTE, nlm_flags(nlflags), req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

gboolean
nns_kernel_route_delete(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_route(buf, RTM_DELROUTE, 0, req);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

static void
keep_answer(const struct nlmsghdr *nlh, gpointer data)
{
  NnsRouteRecord **out = data;
  if (nlh->nlmsg_type == RTM_NEWROUTE && !*out)
    *out = nns_kernel_decode_route(nlh);
}

/* iproute_get: RTA_DST at full length, `from` as RTA_SRC, `oif`, `iif`,
 * `ipproto`; the kernel answers with one RTM_NEWROUTE (a clone) before its
 * ack. */
NnsRouteRecord *
nns_kernel_route_get(NnsBackend *be, int pid, const NnsRouteRecord *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETROUTE, 0);
  struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
  guint len = nns_kattr_inet_len(req->family);
  rtm->rtm_family = req->family;
  rtm->rtm_dst_len = (guint8) (len * 8);
  rtm->rtm_tos = req->tos;
  /* iproute_get: an IPv4 answer names the table that gave it. */
  if (req->family == AF_INET)
    rtm->rtm_flags = RTM_F_LOOKUP_TABLE;
  if (req->fibmatch)
    rtm->rtm_flags |= RTM_F_FIB_MATCH;
  rtm->rtm_flags |= req->flags & RTM_F_NOTIFY;
  nns_kattr_put_inet(nlh, RTA_DST, req->family, req->dst.bytes);
  if (req->mark)
    mnl_attr_put_u32(nlh, RTA_MARK, req->mark);
  if (req->has_uid)
    mnl_attr_put_u32(nlh, RTA_UID, req->uid);
  if (req->has_src) {
    rtm->rtm_src_len = (guint8) (len * 8);
    nns_kattr_put_inet(nlh, RTA_SRC, req->family, req->src.bytes);
  }
  if (req->oif)
    mnl_attr_put_u32(nlh, RTA_OIF, (guint32) req->oif);
  if (req->iif)
    mnl_attr_put_u32(nlh, RTA_IIF, (guint32) req->iif);
  if (req->ipproto)
    mnl_attr_put_u8(nlh, RTA_IP_PROTO, req->ipproto);
  NnsRouteRecord *out = NULL;
  if (!nns_knl_talk_pid_strict(nns_kernel(be), pid, nlh, keep_answer, &out, error)) {
    g_free(out);
    return NULL;
  }
  if (!out)
    nns_set_errno(error, ENETUNREACH);
  return out;
}

/* iproute2's `ip route show table N` is a strict dump (NETLINK_GET_STRICT_CHK)
 * with RTA_TABLE: the kernel answers ENOENT, "ipv4: FIB table does not
 * exist", for a table never created, and an empty dump for one emptied by
 * a flush (fib_new_table's tables outlive their routes). */
gboolean
nns_kernel_route_table_exists(NnsBackend *be, int pid, guint32 table)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETROUTE, NLM_F_DUMP);
  struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
  rtm->rtm_family = AF_INET;
  rtm->rtm_table = table < 256 ? (guint8) table : RT_TABLE_UNSPEC;
  mnl_attr_put_u32(nlh, RTA_TABLE, table);
  g_autoptr(GError) error = NULL;
  gboolean ok = nns_knl_talk_pid_strict(nns_kernel(be), pid, nlh, NULL, NULL, &error);
  return ok || error->code != ENOENT;
}

GPtrArray *
nns_kernel_route_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (!nns_knl_dump_inet(nns_kernel(be), pid, RTM_GETROUTE, sizeof(struct rtmsg), family, collect_route, out, error))
    return NULL;
  return g_steal_pointer(&out);
}

GPtrArray *
nns_kernel_route_dump_cloned(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (family != AF_UNSPEC && family != AF_INET6)
    return g_steal_pointer(&out);
  if (!nns_knl_dump_inet(nns_kernel(be), pid, RTM_GETROUTE, sizeof(struct rtmsg), AF_INET6, collect_cloned, out,
                         error))
    return NULL;
  return g_steal_pointer(&out);
}

gboolean
nns_kernel_route_add_default(NnsKernelBackend *kb, int netns_fd, const char *gateway, GError **error)
{
  NnsInet gw;
  if (!nns_inet_parse(gateway, &gw)) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = nns_knl_header(buf, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
  struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
  rtm->rtm_family = gw.family;
  rtm->rtm_table = RT_TABLE_MAIN;
  /* As a DHCP client or the installer leaves it: `proto boot`. */
  rtm->rtm_protocol = RTPROT_BOOT;
  rtm->rtm_scope = RT_SCOPE_UNIVERSE;
  rtm->rtm_type = RTN_UNICAST;
  nns_kattr_put_inet(nlh, RTA_GATEWAY, gw.family, gw.bytes);
  return nns_knl_talk_in(kb, netns_fd, nlh, NULL, NULL, error);
}
