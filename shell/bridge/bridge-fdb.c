/* iproute2 6.1 `bridge fdb` (bridge/fdb.c): `show [br BR] [brport|dev DEV]`
 * and `add | append | replace | del LLADDR dev DEV [self] [master]
 * [local|permanent|static|temp|dynamic] [vlan VID]`, each one
 * RTM_NEWNEIGH / RTM_DELNEIGH of family AF_BRIDGE (fdb_modify).  What an
 * entry does is the backend's; VXLAN's words (dst, port, vni, src_vni,
 * via, nhid) and use, router, extern_learn and sticky are not modelled. */
#include "shell/bridge/bridge-private.h"
#include "shell/ip/ip-common.h"
#include "shell/print/print-bridge.h"
#include "shell/print/print-ip.h"

#include <linux/neighbour.h>
#include <stdio.h>
#include <stdlib.h>

static int
usage(NnsBrCall *c)
{
  nns_err(c->io, "Usage: bridge fdb { add | append | del | replace } ADDR dev DEV\n"
                 "              [ self ] [ master ] [ use ] [ router ] [ extern_learn ]\n"
                 "              [ sticky ] [ local | static | dynamic ] [ vlan VID ]\n"
                 "              { [ dst IPADDR ] [ port PORT] [ vni VNI ] | [ nhid NHID ] }\n"
                 "\t       [ via DEV ] [ src_vni VNI ]\n"
                 "       bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]\n"
                 "              [ state STATE ] [ dynamic ] ]\n"
                 "       bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV\n"
                 "              [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]\n"
                 "       bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]\n"
                 "              [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]\n"
                 "              [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ]\n"
                 "              [ [no]offloaded ]\n");
  return 255;
}

static int
not_modelled(NnsBrCall *c, const char *what)
{
  nns_err(c->io, "netnsim: bridge fdb: \"%s\" is not modelled\n", what);
  return 1;
}

/* fdb_modify: nlflags NnsNlmFlags; del for RTM_DELNEIGH. */
static int
fdb_modify(NnsBrCall *c, gboolean del, guint nlflags, int argc, char **argv)
{
  NnsFdbRecord req = { .state = NUD_NOARP };
  const char *addr = NULL, *dev = NULL;
  gint16 vid = -1;
  for (int i = 0; i < argc; i++) {
    const char *w = argv[i];
    if (g_str_equal(w, "dev")) {
      if (++i >= argc)
        return nns_br_incomplete(c);
      dev = argv[i];
    } else if (g_str_equal(w, "self")) {
      req.flags |= NTF_SELF;
    } else if (nns_ip_matches(w, "master")) {
      req.flags |= NTF_MASTER;
    } else if (nns_ip_matches(w, "local") || nns_ip_matches(w, "permanent")) {
      req.state |= NUD_PERMANENT;
    } else if (nns_ip_matches(w, "temp") || nns_ip_matches(w, "static")) {
      req.state |= NUD_REACHABLE;
    } else if (nns_ip_matches(w, "dynamic")) {
      req.state = (req.state | NUD_REACHABLE) & ~NUD_NOARP;
    } else if (nns_ip_matches(w, "vlan")) {
      if (vid >= 0) {
        nns_err(c->io, "Error: either \"vlan\" is duplicate, or \"%s\" is a garbage.\n", w);
        return 255;
      }
      if (++i >= argc)
        return nns_br_incomplete(c);
      /* atoi into a short: sent when not negative. */
      vid = (gint16) strtol(argv[i], NULL, 10);
    } else if (g_str_equal(w, "dst") || g_str_equal(w, "nhid") || g_str_equal(w, "port") ||
               g_str_equal(w, "vni") || g_str_equal(w, "src_vni") || nns_ip_matches(w, "router") ||
               nns_ip_matches(w, "use") || nns_ip_matches(w, "extern_learn") || nns_ip_matches(w, "sticky") ||
               nns_ip_matches(w, "via")) {
      return not_modelled(c, w);
    } else {
      if (g_str_equal(w, "to") || nns_ip_matches(w, "help")) {
        if (++i >= argc)
          return nns_br_incomplete(c);
      }
      if (addr) {
        nns_err(c->io, "Error: either \"to\" is duplicate, or \"%s\" is a garbage.\n", argv[i]);
        return 255;
      }
      addr = argv[i];
    }
  }
  if (!dev || !addr) {
    nns_err(c->io, "Device and address are required arguments.\n");
    return 255;
  }
  /* Assume self; assume permanent. */
  if (!(req.flags & (NTF_SELF | NTF_MASTER)))
    req.flags |= NTF_SELF;
  if (!(req.state & (NUD_PERMANENT | NUD_REACHABLE)))
    req.state |= NUD_PERMANENT;
  if (sscanf(addr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &req.mac[0], &req.mac[1], &req.mac[2], &req.mac[3],
             &req.mac[4], &req.mac[5]) != 6) {
    nns_err(c->io, "Invalid mac address %s\n", addr);
    return 255;
  }
  if (vid >= 0) {
    req.has_vlan = TRUE;
    req.vlan = (guint16) vid;
  }
  if (!(req.ifindex = nns_br_ifindex(c, dev))) {
    nns_err(c->io, "Cannot find device \"%s\"\n", dev);
    return 255;
  }
  g_autoptr(GError) error = NULL;
  gboolean ok = del ? c->be->ops->fdb_delete(c->be, c->pid, &req, &error)
                    : c->be->ops->fdb_add(c->be, c->pid, &req, nlflags, &error);
  return ok ? 0 : nns_br_rtnl_fail(c, error);
}

static int
fdb_show(NnsBrCall *c, int argc, char **argv)
{
  const char *br = NULL, *dev = NULL;
  for (int i = 0; i < argc; i++) {
    gboolean is_dev = g_str_equal(argv[i], "brport") || g_str_equal(argv[i], "dev");
    if (!is_dev && !g_str_equal(argv[i], "br"))
      continue;
    if (++i >= argc)
      return nns_br_incomplete(c);
    if (is_dev)
      dev = argv[i];
    else
      br = argv[i];
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = c->be->ops->link_dump(c->be, c->pid, &error);
  if (!links) {
    nns_print_rtnl_error(c->io->err, error);
    return 1;
  }
  int br_index = 0, dev_index = 0;
  if (br) {
    const NnsLinkRecord *l = nns_br_link_by_name(links, br);
    if (!l) {
      nns_err(c->io, "Cannot find bridge device \"%s\"\n", br);
      return 255;
    }
    br_index = l->ifindex;
  }
  if (dev) {
    const NnsLinkRecord *l = nns_br_link_by_name(links, dev);
    if (!l) {
      nns_err(c->io, "Cannot find device \"%s\"\n", dev);
      return 255;
    }
    dev_index = l->ifindex;
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
      const NnsLinkRecord *l = NULL;
      for (guint j = 0; j < links->len && !l; j++)
        if (((NnsLinkRecord *) links->pdata[j])->ifindex == e->ifindex)
          l = links->pdata[j];
      if (e->ifindex != br_index && !(l && l->master == br_index))
        continue;
    }
    nns_print_fdb(&p, links, e, !dev_index, c->stats > 0);
  }
  nns_print_end_dump(&p);
  return 0;
}

int
nns_bridge_fdb(NnsBrCall *c, int argc, char **argv)
{
  if (argc == 0)
    return fdb_show(c, 0, NULL);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "add"))
    return fdb_modify(c, FALSE, NNS_NLM_CREATE | NNS_NLM_EXCL, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "append"))
    return fdb_modify(c, FALSE, NNS_NLM_CREATE | NNS_NLM_APPEND, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "replace"))
    return fdb_modify(c, FALSE, NNS_NLM_CREATE | NNS_NLM_REPLACE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "delete"))
    return fdb_modify(c, TRUE, 0, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "get"))
    return not_modelled(c, "get");
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "lst") || nns_ip_matches(cmd, "list"))
    return fdb_show(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "flush"))
    return not_modelled(c, "flush");
  if (nns_ip_matches(cmd, "help"))
    return usage(c);
  nns_err(c->io, "Command \"%s\" is unknown, try \"bridge fdb help\".\n", cmd);
  return 255;
}
