#include "shell/print/print-bridge.h"
#include "core/bridge.h"
#include "shell/print/print-ip.h"

#include <linux/if.h>
#include <linux/neighbour.h>

static const NnsLinkRecord *
link_by_index(GPtrArray *links, int ifindex)
{
  for (guint i = 0; links && i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (l->ifindex == ifindex)
      return l;
  }
  return NULL;
}

/* ll_index_to_name: "ifN" for an index the dump does not hold. */
static char *
index_name(GPtrArray *links, int ifindex)
{
  const NnsLinkRecord *l = link_by_index(links, ifindex);
  return l ? g_strdup(l->name) : g_strdup_printf("if%d", ifindex);
}

const char *
nns_bridge_port_state_name(guint8 s)
{
  static const char *const names[] = { "disabled", "listening", "learning", "forwarding", "blocking" };
  return s < G_N_ELEMENTS(names) ? names[s] : "unknown";
}

/* bridge/link.c's print_link_flags. */
static void
print_flags(NnsPrinter *p, guint flags, gboolean mdown)
{
  nns_print_open_array(p, NNS_PRINT_ANY, "flags", "<");
  GPtrArray *names = g_ptr_array_new();
  if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
    g_ptr_array_add(names, "NO-CARRIER");
  flags &= ~IFF_RUNNING;
  static const struct { guint bit; const char *name; } bits[] = {
    { IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" }, { IFF_POINTOPOINT, "POINTOPOINT" },
    { IFF_MULTICAST, "MULTICAST" }, { IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" },
    { IFF_PROMISC, "PROMISC" }, { IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_DEBUG, "DEBUG" },
    { IFF_DYNAMIC, "DYNAMIC" }, { IFF_AUTOMEDIA, "AUTOMEDIA" }, { IFF_PORTSEL, "PORTSEL" },
    { IFF_SLAVE, "SLAVE" }, { IFF_MASTER, "MASTER" }, { IFF_UP, "UP" }, { IFF_LOWER_UP, "LOWER_UP" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(bits); i++)
    if (flags & bits[i].bit)
      g_ptr_array_add(names, (gpointer) bits[i].name);
  /* M-DOWN: the peer of a veth is down. */
  if (mdown)
    g_ptr_array_add(names, "M-DOWN");
  for (guint i = 0; i < names->len; i++)
    nns_print_string(p, NNS_PRINT_ANY, NULL, i + 1 < names->len ? "%s," : "%s", names->pdata[i]);
  g_ptr_array_free(names, TRUE);
  nns_print_close_array(p, NNS_PRINT_ANY, "> ");
}

void
nns_print_brport_switches(NnsPrinter *p, guint32 f)
{
  nns_print_on_off(p, "hairpin", f & NNS_BRPORT_HAIRPIN);
  nns_print_on_off(p, "guard", f & NNS_BRPORT_GUARD);
  nns_print_on_off(p, "root_block", f & NNS_BRPORT_ROOT_BLOCK);
  nns_print_on_off(p, "fastleave", f & NNS_BRPORT_FAST_LEAVE);
  nns_print_on_off(p, "learning", f & NNS_BRPORT_LEARNING);
  nns_print_on_off(p, "flood", f & NNS_BRPORT_FLOOD);
}

/* print_protinfo under -d: the port's switches (IFLA_PROTINFO). */
static void
print_port_details(NnsPrinter *p, GPtrArray *links, const NnsLinkRecord *l)
{
  guint32 f = l->brport_flags;
  nns_print_nl(p);
  nns_print_text(p, "    ");
  nns_print_brport_switches(p, f);
  nns_print_on_off(p, "mcast_flood", f & NNS_BRPORT_MCAST_FLOOD);
  nns_print_on_off(p, "bcast_flood", f & NNS_BRPORT_BCAST_FLOOD);
  nns_print_uint(p, NNS_PRINT_ANY, "mcast_router", "mcast_router %u ", l->brport_mcast_router);
  nns_print_on_off(p, "mcast_to_unicast", f & NNS_BRPORT_MCAST_TO_UCAST);
  nns_print_on_off(p, "neigh_suppress", f & NNS_BRPORT_NEIGH_SUPPRESS);
  nns_print_on_off(p, "vlan_tunnel", f & NNS_BRPORT_VLAN_TUNNEL);
  if (l->brport_backup) {
    g_autofree char *name = index_name(links, l->brport_backup);
    nns_print_string(p, NNS_PRINT_ANY, "backup_port", "backup_port %s ", name);
  }
  nns_print_on_off(p, "isolated", f & NNS_BRPORT_ISOLATED);
  nns_print_on_off(p, "locked", f & NNS_BRPORT_LOCKED);
}

void
nns_print_bridge_link(NnsPrinter *p, GPtrArray *links, const NnsLinkRecord *l, gboolean details)
{
  nns_print_open_object(p, NULL);
  nns_print_uint(p, NNS_PRINT_ANY, "ifindex", "%u: ", (guint) l->ifindex);
  g_autofree char *peer = NULL;
  gboolean mdown = FALSE;
  /* The AF_BRIDGE dump carries IFLA_LINK without IFLA_LINK_NETNSID
   * (br_fill_ifinfo): the peer's index is looked up here, whichever
   * namespace it is in (recorded: fixtures/oracle/bridge-link-set); an
   * index nobody here has is "ifN", its flags all set (-1), never M-DOWN. */
  if (l->link && l->link != l->ifindex) {
    const NnsLinkRecord *pl = link_by_index(links, l->link);
    peer = pl ? g_strdup(pl->name) : g_strdup_printf("if%d", l->link);
    mdown = pl && !(pl->flags & IFF_UP);
  }
  if (p->json) {
    if (peer)
      nns_print_string(p, NNS_PRINT_JSON, "link", NULL, peer);
    nns_print_string(p, NNS_PRINT_JSON, "ifname", NULL, l->name);
  } else {
    nns_print_color_text(p, NNS_COLOR_IFNAME, "%s%s%s: ", l->name, peer ? "@" : "", peer ? peer : "");
  }
  print_flags(p, l->flags, mdown);
  nns_print_uint(p, NNS_PRINT_ANY, "mtu", "mtu %u ", l->mtu);
  const NnsLinkRecord *m = link_by_index(links, l->master);
  if (m)
    nns_print_string(p, NNS_PRINT_ANY, "master", "master %s ", m->name);
  nns_print_string(p, NNS_PRINT_ANY, "state", "state %s ", nns_bridge_port_state_name(l->brport_state));
  nns_print_uint(p, NNS_PRINT_ANY, "priority", "priority %u ", l->brport_priority);
  nns_print_uint(p, NNS_PRINT_ANY, "cost", "cost %u ", l->brport_cost);
  if (details)
    print_port_details(p, links, l);
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}

/* state_n2a. */
static const char *
fdb_state(guint16 s)
{
  if (s & NUD_PERMANENT)
    return "permanent";
  if (s & NUD_NOARP)
    return "static";
  if (s & NUD_STALE)
    return "stale";
  return "";
}

void
nns_print_fdb(NnsPrinter *p, GPtrArray *links, const NnsFdbRecord *e, gboolean show_dev, gboolean stats)
{
  nns_print_open_object(p, NULL);
  char mac[18];
  nns_ip_format_mac(e->mac, mac);
  nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_MAC, "mac", "%s ", mac);
  if (show_dev && e->ifindex) {
    g_autofree char *name = index_name(links, e->ifindex);
    nns_print_text(p, "dev ");
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "ifname", "%s ", name);
  }
  if (e->has_vlan)
    nns_print_uint(p, NNS_PRINT_ANY, "vlan", "vlan %u ", e->vlan);
  if (stats && e->has_cacheinfo) {
    nns_print_uint(p, NNS_PRINT_ANY, "used", "used %u/", e->used_s);
    nns_print_uint(p, NNS_PRINT_ANY, "updated", "%u ", e->updated_s);
  }
  nns_print_open_array(p, NNS_PRINT_JSON, "flags", NULL);
  if (e->flags & NTF_SELF)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "self");
  if (e->flags & NTF_ROUTER)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "router");
  if (e->flags & NTF_EXT_LEARNED)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "extern_learn");
  if (e->flags & NTF_OFFLOADED)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "offload");
  if (e->flags & NTF_STICKY)
    nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", "sticky");
  nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  if (e->master) {
    g_autofree char *name = index_name(links, e->master);
    nns_print_string(p, NNS_PRINT_ANY, "master", "master %s ", name);
  }
  nns_print_string(p, NNS_PRINT_ANY, "state", "%s", fdb_state(e->state));
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}
