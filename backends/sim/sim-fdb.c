/* `bridge fdb`: RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH of family
 * AF_BRIDGE, as rtnl_fdb_add, rtnl_fdb_del and rtnl_fdb_dump hand them to
 * a bridge port's master (br_fdb_add, br_fdb_delete, br_fdb_dump) and to
 * the device itself (a bridge's own, else ndo_dflt_fdb_add / _del / _dump
 * on its address lists).  The forwarding database is core/fdb.c's. */
#include "backends/sim/sim-bridge.h"
#include "backends/sim/sim-backend.h"
#include "core/error.h"
#include "core/fdb.h"
#include "core/mcast.h"
#include "core/netns.h"
#include "core/world.h"

#include <errno.h>
#include <linux/neighbour.h>
#include <string.h>

#define VLAN_VID_MASK 0x0fff

static gboolean
fail(GError **error, int err)
{
  nns_set_errno(error, err);
  return FALSE;
}

/* The device an fdb request names, and the checks rtnl_fdb_add and
 * rtnl_fdb_del make before anyone else sees it. */
static NnsDevice *
request_device(NnsBackend *be, int pid, const NnsFdbRecord *req, const char *what, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  if (!req->ifindex) {
    nns_set_extack(error, EINVAL, "invalid ifindex");
    return NULL;
  }
  NnsDevice *dev = nns_netns_device_by_index(ns, req->ifindex);
  if (!dev) {
    nns_set_extack(error, ENODEV, "unknown ifindex");
    return NULL;
  }
  if (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_IPIP) {
    g_autofree char *msg = g_strdup_printf("FDB %s only supported for Ethernet devices", what);
    nns_set_extack(error, EINVAL, msg);
    return NULL;
  }
  /* fdb_vid_parse. */
  if (req->has_vlan && (!req->vlan || req->vlan >= VLAN_VID_MASK)) {
    nns_set_extack(error, EINVAL, "invalid vlan id");
    return NULL;
  }
  return dev;
}

/* is_unicast_ether_addr || is_link_local_ether_addr: the unicast list. */
static gboolean
for_uc_list(const guint8 mac[6])
{
  static const guint8 link_local[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };
  return !(mac[0] & 1) || (memcmp(mac, link_local, 5) == 0 && !(mac[5] & 0xf0));
}

/* br_fdb_add on a bridge (dev the bridge) or its port.  No VLAN is ever
 * configured (the reference kernel has no VLAN filtering), so a VLAN is
 * refused as unconfigured. */
static int
bridge_add(NnsDevice *br, NnsDevice *port, const NnsFdbRecord *req, guint nlflags)
{
  static const guint8 zero[6];
  if (!(req->state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)) || memcmp(req->mac, zero, 6) == 0)
    return EINVAL;
  if (req->has_vlan)
    return EINVAL;
  return nns_fdb_add(br, port, req->mac, req->state, (nlflags & NNS_NLM_CREATE) != 0, (nlflags & NNS_NLM_EXCL) != 0);
}

/* ndo_dflt_fdb_add: local addresses only, no VLAN, on the device's
 * unicast or multicast list; a duplicate fails only with NLM_F_EXCL. */
static int
default_add(NnsDevice *dev, const NnsFdbRecord *req, guint nlflags)
{
  if ((req->state && !(req->state & NUD_PERMANENT)) || req->has_vlan)
    return EINVAL;
  int err = for_uc_list(req->mac) ? nns_dev_uc_add_excl(dev, req->mac) : nns_mcast_hw_add_excl(dev, req->mac);
  return err == EEXIST && !(nlflags & NNS_NLM_EXCL) ? 0 : err;
}

gboolean
nns_sim_fdb_add(NnsBackend *be, int pid, const NnsFdbRecord *req, guint nlflags, GError **error)
{
  NnsDevice *dev = request_device(be, pid, req, "add", error);
  if (!dev)
    return FALSE;
  guint8 flags = req->flags;
  int err = EOPNOTSUPP;
  if ((!flags || (flags & NTF_MASTER)) && dev->master) {
    if ((err = bridge_add(dev->master, dev, req, nlflags)))
      return fail(error, err);
    flags &= ~NTF_MASTER;
  }
  if (flags & NTF_SELF) {
    err = dev->kind == NNS_KIND_BRIDGE ? bridge_add(dev, NULL, req, nlflags) : default_add(dev, req, nlflags);
    if (err)
      return fail(error, err);
  }
  return err ? fail(error, err) : TRUE;
}

gboolean
nns_sim_fdb_delete(NnsBackend *be, int pid, const NnsFdbRecord *req, GError **error)
{
  NnsDevice *dev = request_device(be, pid, req, "delete", error);
  if (!dev)
    return FALSE;
  guint8 flags = req->flags;
  int err = EOPNOTSUPP;
  /* br_fdb_delete: an entry of a VLAN is never there. */
  if ((!flags || (flags & NTF_MASTER)) && dev->master) {
    if ((err = req->has_vlan ? ENOENT : nns_fdb_delete(dev->master, dev, req->mac)))
      return fail(error, err);
    flags &= ~NTF_MASTER;
  }
  if (flags & NTF_SELF) {
    if (dev->kind == NNS_KIND_BRIDGE)
      err = req->has_vlan ? ENOENT : nns_fdb_delete(dev, NULL, req->mac);
    else if (!(req->state & NUD_PERMANENT))
      err = EINVAL;   /* ndo_dflt_fdb_del: local addresses only */
    else
      err = for_uc_list(req->mac) ? nns_dev_uc_del(dev, req->mac) : nns_mcast_hw_del(dev, req->mac);
    if (err)
      return fail(error, err);
  }
  return err ? fail(error, err) : TRUE;
}

/* ------------------------------------------------------------------ */
/* The dump.                                                           */

static void
add_record(GPtrArray *out, const guint8 mac[6], int ifindex, int master, guint16 state, guint8 flags)
{
  NnsFdbRecord *r = g_new0(NnsFdbRecord, 1);
  memcpy(r->mac, mac, 6);
  r->ifindex = ifindex;
  r->master = master;
  r->state = state;
  r->flags = flags;
  g_ptr_array_add(out, r);
}

/* ndo_dflt_fdb_dump: an Ethernet device's unicast list, then its
 * multicast list, oldest first. */
static void
add_self_entries(GPtrArray *out, NnsDevice *dev)
{
  if (dev->kind == NNS_KIND_LOOPBACK || dev->kind == NNS_KIND_IPIP)
    return;
  for (guint i = 0; dev->hw_uc && i < dev->hw_uc->len; i++)
    add_record(out, g_array_index(dev->hw_uc, NnsHwMcast, i).addr, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF);
  for (guint i = 0; dev->hw_mc && i < dev->hw_mc->len; i++)
    add_record(out, g_array_index(dev->hw_mc, NnsHwMcast, i).addr, dev->ifindex, 0, NUD_PERMANENT, NTF_SELF);
}

/* br_fdb_dump's entries of one port (or, port NULL, the bridge's own),
 * newest first, with their ages. */
static void
add_bridge_entries(GPtrArray *out, NnsDevice *br, NnsDevice *port)
{
  guint64 now = br->ns->world->clock_us;
  g_autoptr(GPtrArray) entries = nns_fdb_all(br);
  for (guint i = 0; i < entries->len; i++) {
    NnsFdbEntry *e = entries->pdata[i];
    if (e->port != port)
      continue;
    add_record(out, e->mac, port ? port->ifindex : br->ifindex, br->ifindex, nns_fdb_state(e), 0);
    NnsFdbRecord *r = out->pdata[out->len - 1];
    r->has_cacheinfo = TRUE;
    r->used_s = (guint32) ((now - MIN(now, e->used_us)) / 1000000);
    r->updated_s = (guint32) ((now - MIN(now, e->updated_us)) / 1000000);
  }
}

static gint
by_ifindex(gconstpointer a, gconstpointer b)
{
  const NnsDevice *x = *(NnsDevice *const *) a, *y = *(NnsDevice *const *) b;
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

/* rtnl_fdb_dump: every device in ifindex order; a port's master dumps its
 * entries first; a bridge dumps its own lists and then its entries of no
 * port. */
GPtrArray *
nns_sim_fdb_dump(NnsBackend *be, int pid, GError **error)
{
  NnsNetns *ns = nns_sim_caller_ns(be, pid, error);
  if (!ns)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  g_ptr_array_sort(devs, by_ifindex);
  for (guint d = 0; d < devs->len; d++) {
    NnsDevice *dev = devs->pdata[d];
    if (dev->master && dev->master->kind == NNS_KIND_BRIDGE)
      add_bridge_entries(out, dev->master, dev);
    add_self_entries(out, dev);
    if (dev->kind == NNS_KIND_BRIDGE)
      add_bridge_entries(out, dev, NULL);
  }
  return out;
}
