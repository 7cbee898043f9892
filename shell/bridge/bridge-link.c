/* iproute2 6.1 `bridge link` (bridge/link.c): `show [dev DEV]` and
 * `set dev DEV ...`, whose words become one RTM_SETLINK of family
 * AF_BRIDGE (brlink_modify).  What a setting does is the backend's. */
#include "shell/bridge/bridge-private.h"
#include "core/bridge.h"
#include "shell/ip/ip-common.h"
#include "shell/print/print-bridge.h"
#include "shell/print/print-ip.h"

#include <linux/if_bridge.h>
#include <stdlib.h>
#include <string.h>

static int
usage(NnsBrCall *c)
{
  nns_err(c->io, "Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]\n"
                 "                               [ guard {on | off} ]\n"
                 "                               [ hairpin {on | off} ]\n"
                 "                               [ fastleave {on | off} ]\n"
                 "                               [ root_block {on | off} ]\n"
                 "                               [ learning {on | off} ]\n"
                 "                               [ learning_sync {on | off} ]\n"
                 "                               [ flood {on | off} ]\n"
                 "                               [ mcast_router MULTICAST_ROUTER ]\n"
                 "                               [ mcast_flood {on | off} ]\n"
                 "                               [ bcast_flood {on | off} ]\n"
                 "                               [ mcast_to_unicast {on | off} ]\n"
                 "                               [ neigh_suppress {on | off} ]\n"
                 "                               [ vlan_tunnel {on | off} ]\n"
                 "                               [ isolated {on | off} ]\n"
                 "                               [ locked {on | off} ]\n"
                 "                               [ hwmode {vepa | veb} ]\n"
                 "                               [ backup_port DEVICE ] [ nobackup_port ]\n"
                 "                               [ self ] [ master ]\n"
                 "       bridge link show [dev DEV]\n");
  return 255;
}

/* The `WORD on|off` switches of brlink_modify and the port flag each sets
 * (learning_sync has none: no bridge takes it). */
static const struct {
  const char *word;
  guint32 flag;
} switches[] = {
  { "guard", NNS_BRPORT_GUARD },
  { "hairpin", NNS_BRPORT_HAIRPIN },
  { "fastleave", NNS_BRPORT_FAST_LEAVE },
  { "root_block", NNS_BRPORT_ROOT_BLOCK },
  { "learning", NNS_BRPORT_LEARNING },
  { "learning_sync", 0 },
  { "flood", NNS_BRPORT_FLOOD },
  { "mcast_flood", NNS_BRPORT_MCAST_FLOOD },
  { "bcast_flood", NNS_BRPORT_BCAST_FLOOD },
  { "mcast_to_unicast", NNS_BRPORT_MCAST_TO_UCAST },
  { "neigh_suppress", NNS_BRPORT_NEIGH_SUPPRESS },
  { "vlan_tunnel", NNS_BRPORT_VLAN_TUNNEL },
  { "isolated", NNS_BRPORT_ISOLATED },
  { "locked", NNS_BRPORT_LOCKED },
};

/* atoi: what C's gives for the word (0 for none). */
static long
c_atoi(const char *s)
{
  return (int) strtol(s, NULL, 10);
}

static int
link_set(NnsBrCall *c, int argc, char **argv)
{
  NnsBrportChange req = { 0 };
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    const char *w = argv[i];
#define NEXT()                                                                 \
  do {                                                                         \
    if (++i >= argc)                                                           \
      return nns_br_incomplete(c);                                             \
  } while (0)
    gsize k = 0;
    while (k < G_N_ELEMENTS(switches) && !g_str_equal(w, switches[k].word))
      k++;
    if (g_str_equal(w, "dev")) {
      NEXT();
      dev = argv[i];
    } else if (k < G_N_ELEMENTS(switches)) {
      NEXT();
      gboolean on;
      if (!nns_br_on_off(c, w, argv[i], &on))
        return 234;   /* -EINVAL */
      if (!switches[k].flag) {
        req.learning_sync_set = TRUE;
        req.learning_sync = on;
      } else {
        req.flags_mask |= switches[k].flag;
        req.flags = on ? req.flags | switches[k].flag : req.flags & ~switches[k].flag;
      }
    } else if (g_str_equal(w, "cost")) {
      NEXT();
      /* A __u32 from atoi, sent when above 0. */
      req.cost = (guint32) c_atoi(argv[i]);
      req.has_cost = req.cost > 0;
    } else if (g_str_equal(w, "priority")) {
      NEXT();
      /* A __s16 from atoi, sent when not negative. */
      gint16 prio = (gint16) c_atoi(argv[i]);
      req.has_priority = prio >= 0;
      req.priority = (guint16) prio;
    } else if (g_str_equal(w, "state")) {
      NEXT();
      /* A number, else a state's name; a __s8, sent when not negative. */
      char *end = NULL;
      gint8 state = (gint8) strtol(argv[i], &end, 10);
      if (!*argv[i] || *end) {
        for (state = 0; state <= BR_STATE_BLOCKING; state++)
          if (g_str_equal(nns_bridge_port_state_name((guint8) state), argv[i]))
            break;
        if (state > BR_STATE_BLOCKING) {
          nns_err(c->io, "Error: invalid STP port state\n");
          return 255;
        }
      }
      req.has_state = state >= 0;
      req.state = (guint8) state;
    } else if (g_str_equal(w, "mcast_router")) {
      NEXT();
      gint16 type = (gint16) c_atoi(argv[i]);
      req.has_mcast_router = type >= 0;
      req.mcast_router = (guint8) type;
    } else if (g_str_equal(w, "hwmode")) {
      NEXT();
      req.af_flags = BRIDGE_FLAGS_SELF;
      req.has_mode = TRUE;
      if (g_str_equal(argv[i], "vepa"))
        req.mode = BRIDGE_MODE_VEPA;
      else if (g_str_equal(argv[i], "veb"))
        req.mode = BRIDGE_MODE_VEB;
      else {
        nns_err(c->io, "Mode argument must be \"vepa\" or \"veb\".\n");
        return 255;
      }
    } else if (g_str_equal(w, "self")) {
      req.af_flags |= BRIDGE_FLAGS_SELF;
    } else if (g_str_equal(w, "master")) {
      req.af_flags |= BRIDGE_FLAGS_MASTER;
    } else if (g_str_equal(w, "backup_port")) {
      NEXT();
      req.has_backup = TRUE;
      if (!(req.backup_ifindex = nns_br_ifindex(c, argv[i]))) {
        nns_err(c->io, "Error: device %s does not exist\n", argv[i]);
        return 255;
      }
    } else if (g_str_equal(w, "nobackup_port")) {
      req.has_backup = TRUE;
      req.backup_ifindex = 0;
    } else {
      return usage(c);
    }
#undef NEXT
  }
  if (!dev) {
    nns_err(c->io, "Device is a required argument.\n");
    return 255;
  }
  int ifindex = nns_br_ifindex(c, dev);
  if (!ifindex) {
    nns_err(c->io, "Cannot find bridge device \"%s\"\n", dev);
    return 255;
  }
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->brport_change(c->be, c->pid, ifindex, &req, &error))
    return nns_br_rtnl_fail(c, error);
  return 0;
}

static int
link_show(NnsBrCall *c, int argc, char **argv)
{
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    /* Only `dev DEV` counts; other words are passed over. */
    if (!g_str_equal(argv[i], "dev"))
      continue;
    if (++i >= argc)
      return nns_br_incomplete(c);
    if (dev) {
      nns_err(c->io, "Error: duplicate \"dev\": \"%s\" is the second value.\n", argv[i]);
      return 255;
    }
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
    const NnsLinkRecord *l = nns_br_link_by_name(links, dev);
    if (!l) {
      nns_err(c->io, "Cannot find device \"%s\"\n", dev);
      return 255;
    }
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
    nns_print_bridge_link(&p, links, l, c->details);
  }
  nns_print_end_dump(&p);
  return 0;
}

int
nns_bridge_link(NnsBrCall *c, int argc, char **argv)
{
  if (argc == 0)
    return link_show(c, 0, NULL);
  if (nns_ip_matches(argv[0], "set") || nns_ip_matches(argv[0], "change"))
    return link_set(c, argc - 1, argv + 1);
  if (nns_ip_matches(argv[0], "show") || nns_ip_matches(argv[0], "lst") || nns_ip_matches(argv[0], "list"))
    return link_show(c, argc - 1, argv + 1);
  if (nns_ip_matches(argv[0], "help"))
    return usage(c);
  nns_err(c->io, "Command \"%s\" is unknown, try \"bridge link help\".\n", argv[0]);
  return 255;
}
