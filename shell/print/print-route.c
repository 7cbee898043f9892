/* print_route of iproute2 6.1: one line of `ip route`. */
#include "shell/print/print-ip.h"

#include <net/route.h>
#include <linux/in_route.h>
#include <linux/rtnetlink.h>

static const char *
type_name(guint8 type)
{
  switch (type) {
  case RTN_UNICAST: return "unicast";
  case RTN_LOCAL: return "local";
  case RTN_BROADCAST: return "broadcast";
  case RTN_ANYCAST: return "anycast";
  case RTN_MULTICAST: return "multicast";
  case RTN_BLACKHOLE: return "blackhole";
  case RTN_UNREACHABLE: return "unreachable";
  case RTN_PROHIBIT: return "prohibit";
  case RTN_THROW: return "throw";
  case RTN_NAT: return "nat";
  default: return "none";
  }
}

const char *
nns_ip_proto_name(guint8 proto, char buf[16])
{
  switch (proto) {
  case RTPROT_UNSPEC: return "unspec";
  case RTPROT_REDIRECT: return "redirect";
  case RTPROT_KERNEL: return "kernel";
  case RTPROT_BOOT: return "boot";
  case RTPROT_STATIC: return "static";
  case RTPROT_DHCP: return "dhcp";
  /* iproute2's rtnl_rtprot_tab (recorded: fixtures/oracle/ip-more). */
  case 8: return "gated";
  case 9: return "ra";
  case 10: return "mrt";
  case 11: return "zebra";
  case 12: return "bird";
  case 13: return "dnrouted";
  case 14: return "xorp";
  case 15: return "ntk";
  case 18: return "keepalived";
  case 42: return "babel";
  case 99: return "openr";
  case 186: return "bgp";
  case 187: return "isis";
  case 188: return "ospf";
  case 189: return "rip";
  case 192: return "eigrp";
  default:
    g_snprintf(buf, 16, "%u", proto);
    return buf;
  }
}

const char *
nns_ip_table_name(guint32 table, char buf[16])
{
  switch (table) {
  case RT_TABLE_MAIN: return "main";
  case RT_TABLE_LOCAL: return "local";
  case RT_TABLE_DEFAULT: return "default";
  default:
    g_snprintf(buf, 16, "%u", table);
    return buf;
  }
}

/* print_rt_flags */
static void
print_flags(NnsPrinter *p, guint32 flags)
{
  nns_print_open_array(p, NNS_PRINT_JSON, "flags", NULL);
  if (flags & RTNH_F_DEAD)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "dead");
  if (flags & RTNH_F_ONLINK)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "onlink");
  if (flags & RTM_F_NOTIFY)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "notify");
  if (flags & RTNH_F_LINKDOWN)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "linkdown");
  /* RTCF_MULTICAST in a clone's flags is this bit: iproute2 names it so. */
  if (flags & RTM_F_OFFLOAD_FAILED)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "rt_offload_failed");
  nns_print_close_array(p, NNS_PRINT_JSON, NULL);
}

/* print_cache_flags: an IPv4 clone's line of RTCF_* flags. */
static void
print_cache_flags(NnsPrinter *p, guint32 flags)
{
  static const struct {
    guint32 flag;
    const char *name;
  } names[] = {
    { RTCF_LOCAL, "local" }, { RTCF_REJECT, "reject" }, { RTCF_MULTICAST, "mc" },
    { RTCF_BROADCAST, "brd" }, { RTCF_DNAT, "dst-nat" }, { RTCF_SNAT, "src-nat" },
    { RTCF_MASQ, "masq" }, { RTCF_DIRECTDST, "dst-direct" }, { RTCF_DIRECTSRC, "src-direct" },
    { RTCF_REDIRECTED, "redirected" }, { RTCF_DOREDIRECT, "redirect" }, { RTCF_FAST, "fastroute" },
    { RTCF_NOTIFY, "notify" }, { RTCF_TPROXY, "proxy" },
  };
  nns_print_open_array(p, NNS_PRINT_JSON, "cache", NULL);
  nns_print_text(p, "%s    cache ", p->oneline ? "\\" : "\n");
  if (flags && !p->json)
    nns_print_text(p, "<");
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    if (!(flags & names[i].flag))
      continue;
    flags &= ~names[i].flag;
    nns_print_string(p, NNS_PRINT_JSON, NULL, NULL, names[i].name);
    nns_print_text(p, "%s%s", names[i].name, flags ? "," : "> ");
  }
  nns_print_close_array(p, NNS_PRINT_JSON, NULL);
}

void
nns_print_route(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx, const NnsRouteRecord *r)
{
  char buf[NNS_INET_STRLEN], tmp[16];
  guint bits = r->family == AF_INET6 ? 128 : 32;
  NnsColor fam = nns_color_family(r->family);
  nns_print_open_object(p, NULL);
  if (r->type != RTN_UNICAST || o->details)
    nns_print_string(p, NNS_PRINT_ANY, "type", "%s ", type_name(r->type));
  if (r->dst_len == 0) {
    nns_print_string(p, NNS_PRINT_ANY, "dst", "%s ", "default");
  } else if (r->dst_len == bits) {
    nns_print_color_string(p, NNS_PRINT_ANY, fam, "dst", "%s ", nns_inet_format(&r->dst, buf));
  } else {
    g_autofree char *dst = g_strdup_printf("%s/%u", nns_inet_format(&r->dst, buf), r->dst_len);
    nns_print_color_string(p, NNS_PRINT_ANY, fam, "dst", "%s ", dst);
  }
  if (r->has_src) {
    g_autofree char *src = r->src_len == bits ? g_strdup(nns_inet_format(&r->src, buf))
                                              : g_strdup_printf("%s/%u", nns_inet_format(&r->src, buf), r->src_len);
    nns_print_color_string(p, NNS_PRINT_ANY, fam, "from", "from %s ", src);
  }
  if (r->has_gateway) {
    nns_print_text(p, "via ");
    nns_print_color_string(p, NNS_PRINT_ANY, fam, "gateway", "%s ", nns_inet_format(&r->gateway, buf));
  }
  if (r->oif) {
    const NnsLinkRecord *l = nns_ip_link_by_index(ctx, r->oif);
    g_autofree char *name = l ? g_strdup(l->name) : g_strdup_printf("if%d", r->oif);
    nns_print_text(p, "dev ");
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "dev", "%s ", name);
  }
  if (r->table && (r->table != RT_TABLE_MAIN || o->details) && o->show_table_always)
    nns_print_string(p, NNS_PRINT_ANY, "table", "table %s ", nns_ip_table_name(r->table, tmp));
  /* A cloned route (an exception) shows neither (recorded in pmtu6). */
  if (!r->cloned && (r->protocol != RTPROT_BOOT || o->details))
    nns_print_string(p, NNS_PRINT_ANY, "protocol", "proto %s ", nns_ip_proto_name(r->protocol, tmp));
  if (!r->cloned && (r->scope != RT_SCOPE_UNIVERSE || o->details))
    nns_print_string(p, NNS_PRINT_ANY, "scope", "scope %s ", nns_ip_scope_name(r->scope, tmp));
  if (r->has_prefsrc) {
    nns_print_text(p, "src ");
    nns_print_color_string(p, NNS_PRINT_ANY, fam, "prefsrc", "%s ", nns_inet_format(&r->prefsrc, buf));
  }
  if (r->has_priority)
    nns_print_uint(p, NNS_PRINT_ANY, "metric", "metric %u ", r->priority);
  /* rtm_flags: an IPv4 clone's RTCF_* flags share its high half. */
  print_flags(p, r->flags | r->cache_flags);
  if (r->mark) {
    if (p->json)
      nns_print_uint(p, NNS_PRINT_JSON, "mark", NULL, r->mark);
    else if (r->mark >= 16)
      nns_print_text(p, "mark 0x%x ", r->mark);
    else
      nns_print_text(p, "mark %u ", r->mark);
  }
  if (r->has_uid)
    nns_print_uint(p, NNS_PRINT_ANY, "uid", "uid %u ", r->uid);
  if (r->family == AF_INET && r->cloned)
    print_cache_flags(p, r->cache_flags);
  /* print_rta_cacheinfo, print_rta_metrics: a route exception (a cloned
   * route of `ip -6 route show cache`, or `ip route get`'s answer). */
  if (r->has_expires)
    nns_print_uint(p, NNS_PRINT_ANY, "expires", "expires %usec ", r->expires_s);
  if (r->mtu) {
    nns_print_open_array(p, NNS_PRINT_JSON, "metrics", NULL);
    nns_print_open_object(p, NULL);
    nns_print_text(p, r->mtu_locked ? "mtu lock " : "mtu ");
    nns_print_uint(p, NNS_PRINT_ANY, "mtu", "%u ", r->mtu);
    nns_print_close_object(p);
    nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  }
  if (r->iif) {
    const NnsLinkRecord *l = nns_ip_link_by_index(ctx, r->iif);
    g_autofree char *name = l ? g_strdup(l->name) : g_strdup_printf("if%d", r->iif);
    nns_print_text(p, "iif ");
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "iif", "%s ", name);
  }
  if (r->family == AF_INET6)
    nns_print_string(p, NNS_PRINT_ANY, "pref", "pref %s", "medium");
  if (r->n_nexthops) {
    /* print_rta_multipath */
    nns_print_open_array(p, NNS_PRINT_JSON, "nexthops", NULL);
    for (guint i = 0; i < r->n_nexthops; i++) {
      const NnsNexthopRecord *nh = &r->nexthops[i];
      nns_print_open_object(p, NULL);
      nns_print_nl(p);
      nns_print_text(p, "\tnexthop ");
      if (nh->has_gateway)
        nns_print_string(p, NNS_PRINT_ANY, "gateway", "via %s ", nns_inet_format(&nh->gateway, buf));
      if (nh->ifindex) {
        const NnsLinkRecord *l = nns_ip_link_by_index(ctx, nh->ifindex);
        g_autofree char *name = l ? g_strdup(l->name) : g_strdup_printf("if%d", nh->ifindex);
        nns_print_string(p, NNS_PRINT_ANY, "dev", "dev %s ", name);
      }
      nns_print_uint(p, NNS_PRINT_ANY, "weight", "weight %u ", nh->weight);
      print_flags(p, nh->flags);
      nns_print_close_object(p);
    }
    nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  }
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}

guint
nns_route_rtf_flags(const NnsRouteRecord *r)
{
  guint flags = RTF_UP;
  if (r->type == RTN_UNREACHABLE || r->type == RTN_PROHIBIT)
    flags |= RTF_REJECT;
  if (r->has_gateway)
    flags |= RTF_GATEWAY;
  if (r->dst_len == 32)
    flags |= RTF_HOST;
  return flags;
}
