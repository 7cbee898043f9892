/* iproute2 6.1 `bridge`: `bridge link [show] [dev DEV]` (bridge/link.c)
 * and `bridge fdb [show] [br BR] [dev DEV]` (bridge/fdb.c), text and JSON. */
#include "shell/bridge/bridge.h"
#include "shell/ip/ip-common.h"
#include "shell/print/print-ip.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <string.h>

typedef struct {
  NnsShell *sh;
  NnsBackend *be;
  int pid;
  NnsIo *io;
  gboolean json, pretty, details;
  gboolean color;             /* -color took effect */
  guint stats;
} BrCall;

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

static const NnsLinkRecord *
link_by_name(GPtrArray *links, const char *name)
{
  for (guint i = 0; links && i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (g_str_equal(l->name, name))
      return l;
  }
  return NULL;
}

static int
no_device(BrCall *c, const char *name)
{
  nns_err(c->io, "Cannot find device \"%s\"\n", name);
  return 255;
}

static const char *
port_state_name(guint8 s)
{
  static const char *const names[] = { "disabled", "listening", "learning", "forwarding", "blocking" };
  return s < G_N_ELEMENTS(names) ? names[s] : "unknown";
}

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

/* -d: the port's switches, as the kernel leaves them untuned (netnsim has
 * no command that changes them). */
static void
print_port_details(NnsPrinter *p, const NnsLinkRecord *l)
{
  nns_print_nl(p);
  nns_print_text(p, "    ");
  nns_print_on_off(p, "hairpin", FALSE);
  nns_print_on_off(p, "guard", FALSE);
  nns_print_on_off(p, "root_block", FALSE);
  nns_print_on_off(p, "fastleave", FALSE);
  nns_print_on_off(p, "learning", TRUE);
  nns_print_on_off(p, "flood", TRUE);
  nns_print_on_off(p, "mcast_flood", TRUE);
  nns_print_on_off(p, "bcast_flood", TRUE);
  nns_print_uint(p, NNS_PRINT_ANY, "mcast_router", "mcast_router %u ", l->brport_mcast_router);
  nns_print_on_off(p, "mcast_to_unicast", FALSE);
  nns_print_on_off(p, "neigh_suppress", FALSE);
  nns_print_on_off(p, "vlan_tunnel", FALSE);
  nns_print_on_off(p, "isolated", FALSE);
  nns_print_on_off(p, "locked", FALSE);
}

static int
bridge_link(BrCall *c, int argc, char **argv)
{
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "dev") && i + 1 < argc)
      dev = argv[++i];
    else if (i == 0 && (g_str_equal(argv[i], "show") || g_str_equal(argv[i], "list") || g_str_equal(argv[i], "lst")))
      ;
    else if (i == 0) {
      nns_err(c->io, "Command \"%s\" is unknown, try \"bridge link help\".\n", argv[i]);
      return 255;
    } else
      dev = argv[i];
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = c->be->ops->link_dump(c->be, c->pid, &error);
  if (!links) {
    nns_print_rtnl_error(c->io->err, error);
    return 1;
  }
  int only = 0;
  if (dev) {
    const NnsLinkRecord *l = link_by_name(links, dev);
    if (!l)
      return no_device(c, dev);
    only = l->ifindex;
  }
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->json, c->pretty, FALSE);
  p.color = c->color;
  nns_print_begin_dump(&p);
  for (guint i = 0; i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (!l->slave_kind || !g_str_equal(l->slave_kind, "bridge") || !l->master)
      continue;
    if (only && l->ifindex != only)
      continue;
    nns_print_open_object(&p, NULL);
    nns_print_uint(&p, NNS_PRINT_ANY, "ifindex", "%u: ", (guint) l->ifindex);
    g_autofree char *peer = NULL;
    gboolean mdown = FALSE;
    if (l->link && l->link != l->ifindex) {
      const NnsLinkRecord *pl = l->has_link_netnsid ? NULL : link_by_index(links, l->link);
      peer = pl ? g_strdup(pl->name) : g_strdup_printf("if%d", l->link);
      mdown = pl && !(pl->flags & IFF_UP);
    }
    if (c->json) {
      if (peer)
        nns_print_string(&p, NNS_PRINT_JSON, "link", NULL, peer);
      nns_print_string(&p, NNS_PRINT_JSON, "ifname", NULL, l->name);
    } else {
      nns_print_color_text(&p, NNS_COLOR_IFNAME, "%s%s%s: ", l->name, peer ? "@" : "", peer ? peer : "");
    }
    print_flags(&p, l->flags, mdown);
    nns_print_uint(&p, NNS_PRINT_ANY, "mtu", "mtu %u ", l->mtu);
    const NnsLinkRecord *m = link_by_index(links, l->master);
    if (m)
      nns_print_string(&p, NNS_PRINT_ANY, "master", "master %s ", m->name);
    nns_print_string(&p, NNS_PRINT_ANY, "state", "state %s ", port_state_name(l->brport_state));
    nns_print_uint(&p, NNS_PRINT_ANY, "priority", "priority %u ", l->brport_priority);
    nns_print_uint(&p, NNS_PRINT_ANY, "cost", "cost %u ", l->brport_cost);
    if (c->details)
      print_port_details(&p, l);
    nns_print_text(&p, "\n");
    nns_print_close_object(&p);
  }
  nns_print_end_dump(&p);
  return 0;
}

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

static int
bridge_fdb(BrCall *c, int argc, char **argv)
{
  const char *br = NULL, *dev = NULL;
  int i = 0;
  if (argc > 0) {
    if (g_str_equal(argv[0], "show") || g_str_equal(argv[0], "list") || g_str_equal(argv[0], "lst")) {
      i = 1;
    } else if (argv[0][0] != 'b' && argv[0][0] != 'd') {
      nns_err(c->io, "Command \"%s\" is unknown, try \"bridge fdb help\".\n", argv[0]);
      return 255;
    }
  }
  for (; i < argc; i++) {
    if ((g_str_equal(argv[i], "br") || g_str_equal(argv[i], "brport") || g_str_equal(argv[i], "dev")) &&
        i + 1 >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (g_str_equal(argv[i], "br"))
      br = argv[++i];
    else if (g_str_equal(argv[i], "brport") || g_str_equal(argv[i], "dev"))
      dev = argv[++i];
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = c->be->ops->link_dump(c->be, c->pid, &error);
  if (!links) {
    nns_print_rtnl_error(c->io->err, error);
    return 1;
  }
  int br_index = 0, dev_index = 0;
  if (br) {
    const NnsLinkRecord *l = link_by_name(links, br);
    if (!l) {
      nns_err(c->io, "Cannot find bridge device \"%s\"\n", br);
      return 255;
    }
    br_index = l->ifindex;
  }
  if (dev) {
    const NnsLinkRecord *l = link_by_name(links, dev);
    if (!l)
      return no_device(c, dev);
    dev_index = l->ifindex;
  }
  if (!c->be->ops->fdb_dump) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
    return 1;
  }
  g_autoptr(GPtrArray) entries = c->be->ops->fdb_dump(c->be, c->pid, &error);
  if (!entries) {
    nns_print_rtnl_error(c->io->err, error);
    return 1;
  }
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->json, c->pretty, FALSE);
  p.color = c->color;
  nns_print_begin_dump(&p);
  for (guint k = 0; k < entries->len; k++) {
    const NnsFdbRecord *e = g_ptr_array_index(entries, k);
    if (dev_index && e->ifindex != dev_index)
      continue;
    if (br_index) {
      const NnsLinkRecord *l = link_by_index(links, e->ifindex);
      if (e->ifindex != br_index && !(l && l->master == br_index))
        continue;
    }
    nns_print_open_object(&p, NULL);
    char mac[18];
    nns_ip_format_mac(e->mac, mac);
    nns_print_color_string(&p, NNS_PRINT_ANY, NNS_COLOR_MAC, "mac", "%s ", mac);
    if (!dev_index) {
      const NnsLinkRecord *l = link_by_index(links, e->ifindex);
      g_autofree char *name = l ? g_strdup(l->name) : g_strdup_printf("if%d", e->ifindex);
      nns_print_text(&p, "dev ");
      nns_print_color_string(&p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "ifname", "%s ", name);
    }
    if (e->has_vlan)
      nns_print_uint(&p, NNS_PRINT_ANY, "vlan", "vlan %u ", e->vlan);
    nns_print_open_array(&p, NNS_PRINT_JSON, "flags", NULL);
    if (e->flags & NTF_SELF)
      nns_print_string(&p, NNS_PRINT_ANY, NULL, "%s ", "self");
    if (e->flags & NTF_ROUTER)
      nns_print_string(&p, NNS_PRINT_ANY, NULL, "%s ", "router");
    if (e->flags & NTF_EXT_LEARNED)
      nns_print_string(&p, NNS_PRINT_ANY, NULL, "%s ", "extern_learn");
    nns_print_close_array(&p, NNS_PRINT_JSON, NULL);
    if (e->master) {
      const NnsLinkRecord *m = link_by_index(links, e->master);
      g_autofree char *name = m ? g_strdup(m->name) : g_strdup_printf("if%d", e->master);
      nns_print_string(&p, NNS_PRINT_ANY, "master", "master %s ", name);
    }
    if (c->stats && !(e->state & NUD_PERMANENT))
      nns_print_uint(&p, NNS_PRINT_ANY, "updated", "updated %u ", e->updated_s);
    nns_print_string(&p, NNS_PRINT_ANY, "state", "%s", fdb_state(e->state));
    nns_print_text(&p, "\n");
    nns_print_close_object(&p);
  }
  nns_print_end_dump(&p);
  return 0;
}

int
nns_cmd_bridge(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  BrCall c = { .sh = sh, .be = sh->backend, .pid = pid, .io = io };
  NnsColorOpt color = NNS_COLOR_OPT_NEVER;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *o = argv[i] + (argv[i][1] == '-' ? 2 : 1);
    if (g_str_equal(o, "j") || g_str_equal(o, "json"))
      c.json = TRUE;
    else if (g_str_equal(o, "p") || g_str_equal(o, "pretty"))
      c.pretty = TRUE;
    else if (g_str_equal(o, "d") || g_str_equal(o, "details"))
      c.details = TRUE;
    else if (g_str_equal(o, "s") || g_str_equal(o, "stats") || g_str_equal(o, "statistics"))
      c.stats++;
    else if (g_str_equal(o, "jp") || g_str_equal(o, "pj"))
      c.json = c.pretty = TRUE;
    /* matches_color comes before -compressvlans: `-c` is colour. */
    else if (nns_color_option(o, &color))
      ;
    else if (strlen(o) >= 3 && nns_ip_matches(o, "compressvlans"))
      ; /* only `bridge vlan` shows it, which netnsim does not model */
    else {
      nns_err(io, "Option \"%s\" is unknown, try \"bridge help\".\n", argv[i]);
      return 255;
    }
  }
  if (i >= argc) {
    nns_err(io, "Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
                "       bridge [ -force ] -batch filename\n"
                "where  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n"
                "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
                "                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
                "                    -com[pressvlans] -c[olor] -p[retty] -j[son] }\n");
    return 255;
  }
  c.color = nns_color_enabled(color, c.json, sh, io);
  const char *obj = argv[i++];
  if (g_str_has_prefix("link", obj))
    return bridge_link(&c, argc - i, argv + i);
  if (g_str_has_prefix("fdb", obj))
    return bridge_fdb(&c, argc - i, argv + i);
  nns_err(io, "Object \"%s\" is unknown, try \"bridge help\".\n", obj);
  return 255;
}
