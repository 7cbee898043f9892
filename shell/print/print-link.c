/* print_linkinfo of iproute2 6.1: `ip link` and the link half of `ip addr`. */
#include "shell/print/print-ip.h"
#include "shell/print/print-bridge.h"
#include "core/bridge.h"

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_bridge.h>

const NnsLinkRecord *
nns_ip_link_by_index(const NnsIpContext *ctx, int ifindex)
{
  for (guint i = 0; ctx->links && i < ctx->links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(ctx->links, i);
    if (l->ifindex == ifindex)
      return l;
  }
  return NULL;
}

const char *
nns_ip_operstate_name(guint8 operstate)
{
  static const char *const names[] = { "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
                                       "TESTING", "DORMANT", "UP" };
  return operstate < G_N_ELEMENTS(names) ? names[operstate] : "UNKNOWN";
}

void
nns_ip_format_mac(const guint8 m[6], char buf[18])
{
  g_snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

/* ll_type_n2a for the types netnsim has. */
static const char *
link_type_name(guint16 type)
{
  switch (type) {
  case ARPHRD_LOOPBACK: return "loopback";
  case ARPHRD_TUNNEL: return "ipip";
  default: return "ether";
  }
}

/* ll_addr_n2a: a 4-byte tunnel address is an IPv4 address. */
static void
format_hwaddr(const NnsLinkRecord *l, const guint8 *a, char buf[18])
{
  if (l->type == ARPHRD_TUNNEL)
    g_snprintf(buf, 18, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  else
    nns_ip_format_mac(a, buf);
}

static void
print_flags(NnsPrinter *p, guint flags, gboolean mdown)
{
  static const struct { guint mask; const char *name; } names[] = {
    { IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" }, { IFF_POINTOPOINT, "POINTOPOINT" },
    { IFF_MULTICAST, "MULTICAST" }, { IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" },
    { IFF_PROMISC, "PROMISC" }, { IFF_MASTER, "MASTER" }, { IFF_SLAVE, "SLAVE" },
    { IFF_DEBUG, "DEBUG" }, { IFF_DYNAMIC, "DYNAMIC" }, { IFF_AUTOMEDIA, "AUTOMEDIA" },
    { IFF_PORTSEL, "PORTSEL" }, { IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_UP, "UP" },
    { IFF_LOWER_UP, "LOWER_UP" }, { IFF_DORMANT, "DORMANT" }, { IFF_ECHO, "ECHO" },
  };
  nns_print_open_array(p, NNS_PRINT_ANY, "flags", "<");
  if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
    nns_print_string(p, NNS_PRINT_ANY, NULL, flags ? "%s," : "%s", "NO-CARRIER");
  flags &= ~IFF_RUNNING;
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    if (!(flags & names[i].mask))
      continue;
    flags &= ~names[i].mask;
    nns_print_string(p, NNS_PRINT_ANY, NULL, flags ? "%s," : "%s", names[i].name);
  }
  if (mdown)
    nns_print_string(p, NNS_PRINT_ANY, NULL, ",%s", "M-DOWN");
  nns_print_close_array(p, NNS_PRINT_ANY, "> ");
}

/* -s -s: the error counters' line under a direction's totals.  netnsim's
 * devices (veth, bridge, lo) count none of these errors, as the kernel's
 * virtual devices do not; the last TX one is IFLA_CARRIER_CHANGES. */
static void
print_error_stats(NnsPrinter *p, const char *head, const char *const keys[5], const guint64 values[5])
{
  static const char *const fmts[5] = {
    "                  %4" G_GUINT64_FORMAT, " %6" G_GUINT64_FORMAT, " %7" G_GUINT64_FORMAT,
    " %7" G_GUINT64_FORMAT, " %7" G_GUINT64_FORMAT " ",
  };
  nns_print_nl(p);
  nns_print_text(p, "%s", head);
  nns_print_nl(p);
  for (int i = 0; i < 5; i++)
    nns_print_uint(p, NNS_PRINT_ANY, keys[i], fmts[i], values[i]);
}

static void
print_stats(NnsPrinter *p, const NnsIpOptions *o, const NnsLinkRecord *l)
{
  const NnsLinkStats *s = &l->stats;
  static const char *const rx_errors[5] = { "length_errors", "crc_errors", "frame_errors", "fifo_errors",
                                            "missed_errors" };
  static const char *const tx_errors[5] = { "aborted_errors", "fifo_errors", "window_errors",
                                            "heartbeat_errors", "carrier_changes" };
  nns_print_nl(p);
  nns_print_open_object(p, "stats64");
  nns_print_open_object(p, "rx");
  nns_print_text(p, "    RX:  bytes packets errors dropped  missed   mcast           ");
  nns_print_nl(p);
  nns_print_uint(p, NNS_PRINT_ANY, "bytes", "    %10" G_GUINT64_FORMAT, s->rx_bytes);
  nns_print_uint(p, NNS_PRINT_ANY, "packets", " %7" G_GUINT64_FORMAT, s->rx_packets);
  nns_print_uint(p, NNS_PRINT_ANY, "errors", " %6" G_GUINT64_FORMAT, s->rx_errors);
  nns_print_uint(p, NNS_PRINT_ANY, "dropped", " %7" G_GUINT64_FORMAT, s->rx_dropped);
  nns_print_uint(p, NNS_PRINT_ANY, "over_errors", " %7" G_GUINT64_FORMAT, 0);
  nns_print_uint(p, NNS_PRINT_ANY, "multicast", " %7" G_GUINT64_FORMAT " ", s->multicast);
  if (o->stats > 1)
    print_error_stats(p, "    RX errors:  length    crc   frame    fifo overrun", rx_errors,
                      (const guint64[5]) { 0, 0, 0, 0, 0 });
  nns_print_close_object(p);
  nns_print_nl(p);
  nns_print_open_object(p, "tx");
  nns_print_text(p, "    TX:  bytes packets errors dropped carrier collsns           ");
  nns_print_nl(p);
  nns_print_uint(p, NNS_PRINT_ANY, "bytes", "    %10" G_GUINT64_FORMAT, s->tx_bytes);
  nns_print_uint(p, NNS_PRINT_ANY, "packets", " %7" G_GUINT64_FORMAT, s->tx_packets);
  nns_print_uint(p, NNS_PRINT_ANY, "errors", " %6" G_GUINT64_FORMAT, s->tx_errors);
  nns_print_uint(p, NNS_PRINT_ANY, "dropped", " %7" G_GUINT64_FORMAT, s->tx_dropped);
  nns_print_uint(p, NNS_PRINT_ANY, "carrier_errors", " %7" G_GUINT64_FORMAT, 0);
  nns_print_uint(p, NNS_PRINT_ANY, "collisions", " %7" G_GUINT64_FORMAT " ", s->collisions);
  if (o->stats > 1)
    print_error_stats(p, "    TX errors: aborted   fifo  window heartbt transns", tx_errors,
                      (const guint64[5]) { 0, 0, 0, 0, l->carrier_changes });
  nns_print_close_object(p);
  nns_print_close_object(p);
}

/* _print_timer: centiseconds as seconds, a bare number in JSON. */
static void
print_timer_cs(NnsPrinter *p, const char *key, guint64 cs)
{
  int sec = (int) (cs / 100), frac = (int) (cs % 100);
  nns_print_text(p, "%s %4i.%.2i ", key, sec, frac);
  g_autofree char *json = g_strdup_printf("%i.%.2i", sec, frac);
  nns_print_json_raw(p, key, json);
}

/* bridge_print_opt: the settings, then the STP state and timers (no
 * topology change is modelled) and the multicast defaults. */
static void
print_bridge_details(NnsPrinter *p, const NnsLinkRecord *l)
{
  const struct { const char *key; guint value; } head[] = {
    { "forward_delay", l->br_forward_delay }, { "hello_time", l->br_hello_time }, { "max_age", l->br_max_age },
    { "ageing_time", l->br_ageing_time }, { "stp_state", l->br_stp_state }, { "priority", l->bridge_priority },
    { "vlan_filtering", l->br_vlan_filtering },
  };
  static const struct { const char *key; guint value; } mcast[] = {
    { "mcast_snooping", 1 }, { "no_linklocal_learn", 0 }, { "mcast_vlan_snooping", 0 },
    { "mcast_router", 1 }, { "mcast_query_use_ifaddr", 0 }, { "mcast_querier", 0 },
    { "mcast_hash_elasticity", 16 }, { "mcast_hash_max", 4096 }, { "mcast_last_member_count", 2 },
    { "mcast_startup_query_count", 2 }, { "mcast_last_member_interval", 100 },
    { "mcast_membership_interval", 26000 }, { "mcast_querier_interval", 25500 },
    { "mcast_query_interval", 12500 }, { "mcast_query_response_interval", 1000 },
    { "mcast_startup_query_interval", 3124 }, { "mcast_stats_enabled", 0 }, { "mcast_igmp_version", 2 },
    { "mcast_mld_version", 1 }, { "nf_call_iptables", 0 }, { "nf_call_ip6tables", 0 },
    { "nf_call_arptables", 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(head); i++) {
    g_autofree char *fmt = g_strdup_printf("%s %%u ", head[i].key);
    nns_print_uint(p, NNS_PRINT_ANY, head[i].key, fmt, head[i].value);
  }
  /* br_dump_bridge_id: the address bytes in unpadded hex. */
  const guint8 *m = l->bridge_id;
  g_autofree char *id = g_strdup_printf("%.2x%.2x.%x:%x:%x:%x:%x:%x", l->bridge_priority >> 8,
                                        l->bridge_priority & 0xff, m[0], m[1], m[2], m[3], m[4], m[5]);
  nns_print_string(p, NNS_PRINT_ANY, "bridge_id", "bridge_id %s ", id);
  const guint8 *r = l->has_br_root_id ? l->br_root_addr : l->bridge_id;
  guint16 rp = l->has_br_root_id ? l->br_root_priority : l->bridge_priority;
  g_autofree char *root = g_strdup_printf("%.2x%.2x.%x:%x:%x:%x:%x:%x", rp >> 8, rp & 0xff, r[0], r[1], r[2], r[3],
                                          r[4], r[5]);
  nns_print_string(p, NNS_PRINT_ANY, "root_id", "designated_root %s ", root);
  nns_print_uint(p, NNS_PRINT_ANY, "root_port", "root_port %u ", l->br_root_port);
  nns_print_uint(p, NNS_PRINT_ANY, "root_path_cost", "root_path_cost %u ", l->br_root_path_cost);
  nns_print_uint(p, NNS_PRINT_ANY, "topology_change", "topology_change %u ", l->br_topology_change);
  nns_print_uint(p, NNS_PRINT_ANY, "topology_change_detected", "topology_change_detected %u ",
                 l->br_topology_change_detected);
  print_timer_cs(p, "hello_timer", l->br_hello_timer_cs);
  print_timer_cs(p, "tcn_timer", l->br_tcn_timer_cs);
  print_timer_cs(p, "topology_change_timer", l->br_topology_change_timer_cs);
  print_timer_cs(p, "gc_timer", l->br_gc_timer_cs);
  nns_print_string(p, NNS_PRINT_ANY, "group_fwd_mask", "group_fwd_mask %s ", "0");
  nns_print_string(p, NNS_PRINT_ANY, "group_addr", "group_address %s ", "01:80:c2:00:00:00");
  for (gsize i = 0; i < G_N_ELEMENTS(mcast); i++) {
    g_autofree char *fmt = g_strdup_printf("%s %%u ", mcast[i].key);
    nns_print_uint(p, NNS_PRINT_ANY, mcast[i].key, fmt, mcast[i].value);
  }
}

/* bridge_slave_print_opt: a port's settings and switches (IFLA_BRPORT_*);
 * every port designated, the bridge its own root. */
static void
print_bridge_slave_details(NnsPrinter *p, const NnsIpContext *ctx, const NnsLinkRecord *l)
{
  guint32 f = l->brport_flags;
  static const char *const states[] = { "disabled", "listening", "learning", "forwarding", "blocking" };
  nns_print_string(p, NNS_PRINT_ANY, "state", "state %s ",
                   l->brport_state < G_N_ELEMENTS(states) ? states[l->brport_state] : "unknown");
  nns_print_int(p, NNS_PRINT_ANY, "priority", "priority %d ", l->brport_priority);
  nns_print_int(p, NNS_PRINT_ANY, "cost", "cost %d ", (int) l->brport_cost);
  nns_print_brport_switches(p, f);
  g_autofree char *id = g_strdup_printf("%#x", l->brport_id);
  g_autofree char *no = g_strdup_printf("%#x", l->brport_no);
  nns_print_string(p, NNS_PRINT_ANY, "id", "port_id %s ", id);
  nns_print_string(p, NNS_PRINT_ANY, "no", "port_no %s ", no);
  nns_print_uint(p, NNS_PRINT_ANY, "designated_port", "designated_port %u ", l->brport_designated_port);
  nns_print_uint(p, NNS_PRINT_ANY, "designated_cost", "designated_cost %u ", l->brport_designated_cost);
  const guint8 *m = l->brport_root_addr;
  g_autofree char *root = g_strdup_printf("%.2x%.2x.%x:%x:%x:%x:%x:%x", l->brport_root_priority >> 8,
                                          l->brport_root_priority & 0xff, m[0], m[1], m[2], m[3], m[4], m[5]);
  nns_print_string(p, NNS_PRINT_ANY, "bridge_id", "designated_bridge %s ", root);
  nns_print_string(p, NNS_PRINT_ANY, "root_id", "designated_root %s ", root);
  print_timer_cs(p, "hold_timer", 0);
  print_timer_cs(p, "message_age_timer", 0);
  print_timer_cs(p, "forward_delay_timer", l->brport_forward_delay_cs);
  nns_print_uint(p, NNS_PRINT_ANY, "topology_change_ack", "topology_change_ack %u ", 0);
  nns_print_uint(p, NNS_PRINT_ANY, "config_pending", "config_pending %u ", 0);
  nns_print_on_off(p, "proxy_arp", f & NNS_BRPORT_PROXYARP);
  nns_print_on_off(p, "proxy_arp_wifi", f & NNS_BRPORT_PROXYARP_WIFI);
  nns_print_uint(p, NNS_PRINT_ANY, "multicast_router", "mcast_router %u ", l->brport_mcast_router);
  nns_print_string(p, NNS_PRINT_FP, NULL, "mcast_fast_leave %s ", (f & NNS_BRPORT_FAST_LEAVE) ? "on" : "off");
  nns_print_on_off(p, "mcast_flood", f & NNS_BRPORT_MCAST_FLOOD);
  nns_print_on_off(p, "bcast_flood", f & NNS_BRPORT_BCAST_FLOOD);
  nns_print_on_off(p, "mcast_to_unicast", f & NNS_BRPORT_MCAST_TO_UCAST);
  nns_print_on_off(p, "neigh_suppress", f & NNS_BRPORT_NEIGH_SUPPRESS);
  nns_print_string(p, NNS_PRINT_ANY, "group_fwd_mask", "group_fwd_mask %s ", "0");
  nns_print_string(p, NNS_PRINT_ANY, "group_fwd_mask_str", "group_fwd_mask_str %s ", "0x0");
  nns_print_on_off(p, "vlan_tunnel", f & NNS_BRPORT_VLAN_TUNNEL);
  nns_print_on_off(p, "isolated", f & NNS_BRPORT_ISOLATED);
  nns_print_on_off(p, "locked", f & NNS_BRPORT_LOCKED);
  if (l->brport_backup) {
    const NnsLinkRecord *b = nns_ip_link_by_index(ctx, l->brport_backup);
    g_autofree char *name = b ? g_strdup(b->name) : g_strdup_printf("if%d", l->brport_backup);
    nns_print_string(p, NNS_PRINT_ANY, "backup_port", "backup_port %s ", name);
  }
}

static void
print_details(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx, const NnsLinkRecord *l)
{
  nns_print_uint(p, NNS_PRINT_ANY, "promiscuity", " promiscuity %u ", l->promiscuity);
  nns_print_uint(p, NNS_PRINT_ANY, "allmulti", " allmulti %u ", l->allmulti);
  nns_print_uint(p, NNS_PRINT_ANY, "min_mtu", "minmtu %u ", l->min_mtu);
  nns_print_uint(p, NNS_PRINT_ANY, "max_mtu", "maxmtu %u ", l->max_mtu);
  gboolean port = l->slave_kind && g_str_equal(l->slave_kind, "bridge") && l->has_brport_ids;
  if (l->kind || port) {
    nns_print_open_object(p, "linkinfo");
    if (l->kind) {
      nns_print_nl(p);
      nns_print_string(p, NNS_PRINT_ANY, "info_kind", "    %s ", l->kind);
      if (g_str_equal(l->kind, "bridge")) {
        nns_print_open_object(p, "info_data");
        print_bridge_details(p, l);
        nns_print_close_object(p);
      }
    }
    if (port) {
      nns_print_nl(p);
      nns_print_string(p, NNS_PRINT_ANY, "info_slave_kind", "    %s_slave ", l->slave_kind);
      nns_print_open_object(p, "info_slave_data");
      print_bridge_slave_details(p, ctx, l);
      nns_print_close_object(p);
    } else if (g_str_equal(l->kind, "ipip")) {
      /* iptunnel_print_opt of the fallback tunnel: no ends, no protocol. */
      nns_print_open_object(p, "info_data");
      nns_print_string(p, NNS_PRINT_ANY, "proto", "%s ", "any");
      nns_print_string(p, NNS_PRINT_ANY, "remote", "remote %s ", "any");
      nns_print_string(p, NNS_PRINT_ANY, "local", "local %s ", "any");
      nns_print_string(p, NNS_PRINT_ANY, "ttl", "ttl %s ", "inherit");
      nns_print_bool(p, NNS_PRINT_JSON, "pmtudisc", NULL, FALSE);
      nns_print_text(p, "nopmtudisc ");
      nns_print_close_object(p);
    }
    nns_print_close_object(p);
  }
  /* A device without IFLA_LINKINFO (lo) goes on on the same line; `ip -d
   * addr` shows no IFLA_AF_SPEC (recorded: fixtures/oracle/ip-stats2). */
  if (o->do_link && l->has_addr_gen_mode) {
    static const char *const modes[] = { "eui64", "none", "stable_secret", "random" };
    char other[8];
    g_snprintf(other, sizeof other, "%#.2hhx", l->addr_gen_mode);
    nns_print_string(p, NNS_PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ",
                     l->addr_gen_mode < G_N_ELEMENTS(modes) ? modes[l->addr_gen_mode] : other);
  }
  nns_print_uint(p, NNS_PRINT_ANY, "num_tx_queues", "numtxqueues %u ", l->num_tx_queues);
  nns_print_uint(p, NNS_PRINT_ANY, "num_rx_queues", "numrxqueues %u ", l->num_rx_queues);
  nns_print_uint(p, NNS_PRINT_ANY, "gso_max_size", "gso_max_size %u ", l->gso_max_size);
  nns_print_uint(p, NNS_PRINT_ANY, "gso_max_segs", "gso_max_segs %u ", l->gso_max_segs);
  nns_print_uint(p, NNS_PRINT_ANY, "tso_max_size", "tso_max_size %u ", l->tso_max_size);
  nns_print_uint(p, NNS_PRINT_ANY, "tso_max_segs", "tso_max_segs %u ", l->tso_max_segs);
  nns_print_uint(p, NNS_PRINT_ANY, "gro_max_size", "gro_max_size %u ", l->gro_max_size);
}

static void
print_brief(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx, const NnsLinkRecord *l,
            GPtrArray *addrs)
{
  g_autofree char *name = NULL;
  if (l->link && l->has_link_netnsid)
    name = g_strdup_printf("%s@if%d", l->name, l->link);
  else if (l->link && nns_ip_link_by_index(ctx, l->link))
    name = g_strdup_printf("%s@%s", l->name, nns_ip_link_by_index(ctx, l->link)->name);
  else if (l->link_none)
    name = g_strdup_printf("%s@NONE", l->name);
  else
    name = g_strdup(l->name);
  nns_print_open_object(p, NULL);
  nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "ifname", "%-16s ", name);
  nns_print_color_string(p, NNS_PRINT_ANY, nns_color_operstate(l->operstate), "operstate", "%-14s ",
                         nns_ip_operstate_name(l->operstate));
  if (o->do_link) {
    char mac[18];
    format_hwaddr(l, l->addr, mac);
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_MAC, "address", "%s ", mac);
    const NnsLinkRecord *peer = l->link && !l->has_link_netnsid ? nns_ip_link_by_index(ctx, l->link) : NULL;
    print_flags(p, l->flags, peer && !(peer->flags & IFF_UP));
  } else if (addrs) {
    nns_print_open_array(p, NNS_PRINT_JSON, "addr_info", NULL);
    for (guint i = 0; i < addrs->len; i++) {
      const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
      char buf[NNS_INET_STRLEN];
      nns_print_open_object(p, NULL);
      if (a->family == AF_UNSPEC) {
        /* an address print_addrinfo filtered out: -j shows {} */
        nns_print_close_object(p);
        continue;
      }
      nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(a->family), "local", "%s",
                             nns_inet_format(&a->local, buf));
      nns_print_uint(p, NNS_PRINT_ANY, "prefixlen", "/%u ", a->prefixlen);
      nns_print_close_object(p);
    }
    nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  }
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}

void
nns_print_link(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx, const NnsLinkRecord *l,
               GPtrArray *addrs)
{
  if (o->brief) {
    print_brief(p, o, ctx, l, addrs);
    return;
  }
  char mac[18], brd[18];
  gboolean mdown = FALSE;
  nns_print_open_object(p, NULL);
  nns_print_int(p, NNS_PRINT_ANY, "ifindex", "%d: ", l->ifindex);
  /* The text shows "NAME@LINK: " as one field, coloured as a name
   * (recorded: fixtures/oracle/ip-color). */
  g_autofree char *label = NULL;
  if (l->link && l->has_link_netnsid) {
    nns_print_int(p, NNS_PRINT_JSON, "link_index", NULL, l->link);
    nns_print_string(p, NNS_PRINT_JSON, "ifname", NULL, l->name);
    label = g_strdup_printf("%s@if%d: ", l->name, l->link);
  } else if (l->link) {
    const NnsLinkRecord *peer = nns_ip_link_by_index(ctx, l->link);
    const char *peer_name = peer ? peer->name : "NONE";
    nns_print_string(p, NNS_PRINT_JSON, "link", NULL, peer_name);
    nns_print_string(p, NNS_PRINT_JSON, "ifname", NULL, l->name);
    label = g_strdup_printf("%s@%s: ", l->name, peer_name);
    mdown = peer && !(peer->flags & IFF_UP);
  } else if (l->link_none) {
    /* IFLA_LINK 0: "link": null after the name. */
    nns_print_string(p, NNS_PRINT_JSON, "ifname", NULL, l->name);
    nns_print_null(p, NNS_PRINT_JSON, "link", NULL, NULL);
    label = g_strdup_printf("%s@NONE: ", l->name);
  } else {
    nns_print_string(p, NNS_PRINT_JSON, "ifname", NULL, l->name);
    label = g_strdup_printf("%s: ", l->name);
  }
  nns_print_color_string(p, NNS_PRINT_FP, NNS_COLOR_IFNAME, NULL, "%s", label);
  print_flags(p, l->flags, mdown);
  nns_print_uint(p, NNS_PRINT_ANY, "mtu", "mtu %u ", l->mtu);
  if (!o->inet6_links)
    nns_print_string(p, NNS_PRINT_ANY, "qdisc", "qdisc %s ", l->qdisc);
  if (l->master && !o->inet6_links) {
    const NnsLinkRecord *m = nns_ip_link_by_index(ctx, l->master);
    nns_print_string(p, NNS_PRINT_ANY, "master", "master %s ", m ? m->name : "?");
  }
  /* print_operstate: "state " plain, the state and its space coloured. */
  nns_print_string(p, NNS_PRINT_JSON, "operstate", NULL, nns_ip_operstate_name(l->operstate));
  nns_print_text(p, "state ");
  nns_print_color_text(p, nns_color_operstate(l->operstate), "%s ", nns_ip_operstate_name(l->operstate));
  if (o->do_link)
    nns_print_string(p, NNS_PRINT_ANY, "linkmode", "mode %s ", l->linkmode ? "DORMANT" : "DEFAULT");
  if (o->inet6_links)
    ; /* no IFLA_GROUP in an AF_INET6 link dump */
  else if (l->group == 0)
    nns_print_string(p, NNS_PRINT_ANY, "group", "group %s ", "default");
  else
    nns_print_uint(p, NNS_PRINT_ANY, "group", "group %u ", l->group);
  /* print_queuelen: no qlen for a device without a queue. */
  if (l->txqlen)
    nns_print_int(p, NNS_PRINT_ANY, "txqlen", "qlen %d", (int) l->txqlen);
  /* A family filter (-4/-6) hides the link-layer line. */
  if (!o->family || o->details) {
    nns_print_nl(p);
    format_hwaddr(l, l->addr, mac);
    format_hwaddr(l, l->broadcast, brd);
    nns_print_string(p, NNS_PRINT_ANY, "link_type", "    link/%s ", link_type_name(l->type));
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_MAC, "address", "%s", mac);
    nns_print_text(p, " brd ");
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_MAC, "broadcast", "%s", brd);
  }
  /* print_linkinfo prints the peer's namespace even when a family filter
   * hid the link-layer line (then on the first line); an AF_INET6 link
   * dump carries no IFLA_LINK_NETNSID. */
  if (l->has_link_netnsid && !o->inet6_links) {
    const char *ns_name = ctx->nsid_names ? g_hash_table_lookup(ctx->nsid_names, GINT_TO_POINTER(l->link_netnsid)) : NULL;
    if (ns_name) {
      nns_print_string(p, NNS_PRINT_FP, NULL, " link-netns %s", ns_name);
      nns_print_int(p, NNS_PRINT_JSON, "link_netnsid", NULL, l->link_netnsid);
    } else {
      nns_print_int(p, NNS_PRINT_ANY, "link_netnsid", " link-netnsid %d", l->link_netnsid);
    }
  }
  if (o->details)
    print_details(p, o, ctx, l);
  if (l->alias) {
    nns_print_nl(p);
    nns_print_string(p, NNS_PRINT_ANY, "ifalias", "    alias %s", l->alias);
  }
  if (o->stats && !addrs)
    print_stats(p, o, l);
  if (addrs && addrs->len) {
    nns_print_open_array(p, NNS_PRINT_JSON, "addr_info", NULL);
    for (guint i = 0; i < addrs->len; i++) {
      const NnsAddrRecord *a = g_ptr_array_index(addrs, i);
      if (a->family == AF_UNSPEC) {
        /* an address print_addrinfo filtered out: -j shows {} */
        nns_print_open_object(p, NULL);
        nns_print_close_object(p);
        continue;
      }
      nns_print_nl(p);
      nns_print_addr(p, o, l, a);
    }
    nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  } else if (addrs && p->json) {
    nns_print_open_array(p, NNS_PRINT_JSON, "addr_info", NULL);
    nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  }
  /* `ip -s addr`: the link's counters after its addresses. */
  if (o->stats && addrs)
    print_stats(p, o, l);
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}
