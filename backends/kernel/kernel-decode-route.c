/* RTM_NEWROUTE read into an NnsRouteRecord: struct rtmsg, the RTA_*
 * attributes `ip route` prints, and RTA_MULTIPATH's paths (struct
 * rtnexthop after struct rtnexthop, each with its own RTA_GATEWAY). */
#include "backends/kernel/kernel-decode.h"

#include <linux/rtnetlink.h>
#include <unistd.h>

/* The next path of RTA_MULTIPATH's payload at *p (*len bytes left), or
 * NULL at the end or at a path that does not fit. */
static const struct rtnexthop *
next_path(const char **p, int *len)
{
  if (*len < (int) sizeof(struct rtnexthop))
    return NULL;
  const struct rtnexthop *nh = (const struct rtnexthop *) *p;
  if (nh->rtnh_len < sizeof *nh || nh->rtnh_len > *len)
    return NULL;
  *len -= RTNH_ALIGN(nh->rtnh_len);
  *p += RTNH_ALIGN(nh->rtnh_len);
  return nh;
}

static guint
count_paths(const struct nlattr *mp)
{
  const char *p = mnl_attr_get_payload(mp);
  int len = mnl_attr_get_payload_len(mp);
  guint n = 0;
  while (next_path(&p, &len))
    n++;
  return n;
}

static void
read_paths(NnsRouteRecord *r, guint8 family, const struct nlattr *mp)
{
  const char *p = mnl_attr_get_payload(mp);
  int len = mnl_attr_get_payload_len(mp);
  for (guint i = 0; i < r->n_nexthops; i++) {
    const struct rtnexthop *nh = next_path(&p, &len);
    NnsNexthopRecord *out = &r->nexthops[i];
    out->ifindex = nh->rtnh_ifindex;
    out->weight = nh->rtnh_hops + 1u;
    out->flags = nh->rtnh_flags;
    const struct nlattr *tb[RTA_MAX + 1];
    nns_kattr_parse_payload(RTNH_DATA(nh), nh->rtnh_len - sizeof *nh, tb, RTA_MAX);
    if (tb[RTA_GATEWAY]) {
      out->has_gateway = TRUE;
      nns_kattr_inet(tb[RTA_GATEWAY], family, &out->gateway);
    }
  }
}

/* A clone's route exception, as print_rta_cacheinfo and print_rta_metrics
 * read it: rta_expires in USER_HZ ticks, RTAX_MTU and its RTAX_LOCK bit. */
static void
read_exception(NnsRouteRecord *r, const struct nlattr *const *tb)
{
  if (tb[RTA_CACHEINFO] && mnl_attr_get_payload_len(tb[RTA_CACHEINFO]) >= sizeof(struct rta_cacheinfo)) {
    const struct rta_cacheinfo *ci = mnl_attr_get_payload(tb[RTA_CACHEINFO]);
    long hz = sysconf(_SC_CLK_TCK);
    if (ci->rta_expires != 0 && hz > 0) {
      r->has_expires = TRUE;
      r->expires_s = (guint32) (ci->rta_expires / hz);
    }
  }
  if (!tb[RTA_METRICS])
    return;
  const struct nlattr *m[RTAX_MAX + 1];
  nns_kattr_parse_payload(mnl_attr_get_payload(tb[RTA_METRICS]), mnl_attr_get_payload_len(tb[RTA_METRICS]), m,
                          RTAX_MAX);
  guint32 lock = 0;
  nns_kattr_u32(m[RTAX_MTU], &r->mtu);
  nns_kattr_u32(m[RTAX_LOCK], &lock);
  r->mtu_locked = r->mtu && (lock & (1u << RTAX_MTU));
}

gboolean
nns_kernel_decode_route_cloned(const struct nlmsghdr *nlh)
{
  const struct rtmsg *rtm = nns_kattr_header(nlh, sizeof *rtm);
  return rtm && (rtm->rtm_flags & RTM_F_CLONED);
}

NnsRouteRecord *
nns_kernel_decode_route(const struct nlmsghdr *nlh)
{
  const struct rtmsg *rtm = nns_kattr_header(nlh, sizeof *rtm);
  const struct nlattr *tb[RTA_MAX + 1];
  if (!rtm || !nns_kattr_parse(nlh, sizeof *rtm, tb, RTA_MAX))
    return NULL;
  NnsRouteRecord *r = nns_route_record_new(tb[RTA_MULTIPATH] ? count_paths(tb[RTA_MULTIPATH]) : 0);
  if (r->n_nexthops)
    read_paths(r, rtm->rtm_family, tb[RTA_MULTIPATH]);
  r->mark = nns_kattr_u32_or(tb[RTA_MARK], 0);
  r->family = rtm->rtm_family;
  r->cloned = (rtm->rtm_flags & RTM_F_CLONED) != 0;
  r->dst_len = rtm->rtm_dst_len;
  r->tos = rtm->rtm_tos;
  r->table = nns_kattr_u32_or(tb[RTA_TABLE], rtm->rtm_table);
  r->protocol = rtm->rtm_protocol;
  r->scope = rtm->rtm_scope;
  r->type = rtm->rtm_type;
  /* A single nexthop's RTNH_F_* flags travel in rtm_flags' low byte;
   * RTM_F_NOTIFY comes back on a get that asked for it. */
  r->flags = rtm->rtm_flags & (0xff | RTM_F_NOTIFY);
  r->dst.family = rtm->rtm_family;
  if (tb[RTA_DST])
    nns_kattr_inet(tb[RTA_DST], rtm->rtm_family, &r->dst);
  if (tb[RTA_PREFSRC]) {
    r->has_prefsrc = TRUE;
    nns_kattr_inet(tb[RTA_PREFSRC], rtm->rtm_family, &r->prefsrc);
  }
  if (tb[RTA_GATEWAY]) {
    r->has_gateway = TRUE;
    nns_kattr_inet(tb[RTA_GATEWAY], rtm->rtm_family, &r->gateway);
  }
  if (tb[RTA_SRC]) {
    r->has_src = TRUE;
    r->src_len = rtm->rtm_src_len;
    nns_kattr_inet(tb[RTA_SRC], rtm->rtm_family, &r->src);
  }
  r->has_uid = nns_kattr_u32(tb[RTA_UID], &r->uid);
  r->cache_flags = r->cloned && rtm->rtm_family == AF_INET ? rtm->rtm_flags & ~0xffffu : 0;
  r->iif = (int) nns_kattr_u32_or(tb[RTA_IIF], 0);
  r->oif = (int) nns_kattr_u32_or(tb[RTA_OIF], 0);
  r->has_priority = nns_kattr_u32(tb[RTA_PRIORITY], &r->priority);
  r->pref = nns_kattr_u8_or(tb[RTA_PREF], 0);
  read_exception(r, tb);
  return r;
}
