/* The IPv6 traffic the kernel sends by itself when a link becomes ready,
 * as recorded on veth pairs (Linux 6.x, forwarding off, accept_ra on):
 *
 *   T        MLDv2 report from :: (a record per solicited-node group)
 *   T+r      the report again (robustness 2; r random below 1 s)
 *   T+d      DAD neighbour solicitation from :: with a nonce option
 *   T+d+1s   DAD done: MLDv2 report from the link-local address, and a
 *            router solicitation; the report again within 1 s
 *   then     router solicitations 4 s, 8 s, 16 s ... apart (RFC 7559
 *            backoff, up to an hour), for ever: nobody answers
 *
 * The kernel draws r, d and the backoff's jitter at random; the simulation
 * takes the middle of each range (r = d = 0.5 s, so DAD ends 1.5 s after T
 * as core/address.c has it, and exact doublings).  Counters on both ends
 * of the link move with these frames as they do on the kernel.
 *
 * While the link is up (recorded in pkt-ipv6-traffic2), adding addresses
 * sends a report listing every group joined at once and again within 1 s,
 * and a DAD probe within 1 s for each that is not nodad; removing the last
 * address of a solicited-node group sends two reports leaving the groups.
 *
 * An ifb (NOARP: no DAD) sends only its router solicitations, from the
 * moment it is up; each counts as received and dropped on it (ifb_xmit).
 *
 * Not modelled (not recorded): forwarding (all-routers groups, no
 * solicitations), the reports resent when a ready link's carrier comes
 * back or it is brought up again (those also leave the groups it had),
 * and devices other than veth and ifb (dummy, bridges, physical). */
#include "backends/sim/net/net-private.h"
#include "core/address.h"
#include "core/conf.h"
#include "core/mcast.h"
#include "core/netns.h"
#include "core/sysctl.h"
#include "core/world.h"

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

#define REPEAT_US 500000          /* the middle of [0, 1 s) */
#define RS_FIRST_US 4000000       /* rtr_solicit_interval */
#define RS_MAX_US 3600000000ull   /* rtr_solicit_max_interval */

typedef enum {
  STEP_REPORT_UNSPEC,           /* a report while no address is usable */
  STEP_DAD,                     /* the second report and the DAD probe */
  STEP_DAD_DONE,                /* report and first solicitation */
  STEP_REPORT_LL,               /* the report again */
  STEP_RS,                      /* a later solicitation */
  STEP_REPORT_AGAIN,            /* an address change's second report */
  STEP_DAD_ADDR,                /* the DAD probe of an address added */
  STEP_RS_FIRST,                /* NOARP: the first solicitation, at once */
} Step;

typedef struct {
  NnsNetns *ns;
  int ifindex;
  NnsDevice *dev;
  guint64 epoch;                /* the device's ipv6_start_us it was made for */
  Step step;
  guint64 rs_interval_us;
  guint records;                /* STEP_REPORT_AGAIN: groups left; 0 for all joined */
  NnsInet target;               /* STEP_DAD_ADDR */
} Announce;

/* What a device has announced: since when, and with which addresses. */
typedef struct {
  guint64 epoch;
  GArray *addrs;                /* NnsInet */
} DevState;

static void
dev_state_free(gpointer p)
{
  DevState *st = p;
  g_array_free(st->addrs, TRUE);
  g_free(st);
}

GHashTable *
nns_addrconf_table_new(void)
{
  return g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, dev_state_free);
}

/* The device, if it is still the one that came up then, and still up. */
static NnsDevice *
announce_dev(NnsEngine *e, const Announce *a)
{
  if (!nns_net_device_alive(nns_engine_world(e), a->ns, a->ifindex, a->dev))
    return NULL;
  NnsDevice *dev = a->dev;
  if (!dev->ipv6_ready || dev->ipv6_start_us != a->epoch || !dev->admin_up || !dev->carrier)
    return NULL;
  return dev;
}

static NnsAddress *
link_local(NnsDevice *dev)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (a->scope == RT_SCOPE_LINK)
      return a;
  }
  return NULL;
}

/* addrconf_dad_completed sends router solicitations while the device
 * takes router advertisements (ipv6_accept_ra: accept_ra, or 2 when
 * forwarding) and router_solicitations is not 0. */
static gboolean
no_solicitations(NnsDevice *dev)
{
  int ra = nns_conf_dev(dev, AF_INET6, "accept_ra");
  gboolean accept = nns_conf_dev(dev, AF_INET6, "forwarding") ? ra == 2 : ra != 0;
  return !accept || nns_conf_dev(dev, AF_INET6, "router_solicitations") == 0;
}

static void
send_group(NnsEngine *e, NnsDevice *dev, NnsFrame *f, const guint8 group[16])
{
  f->ethertype = NNS_ETH_P_IPV6;
  f->proto = NNS_IPPROTO_ICMPV6;
  f->ip_dst.family = AF_INET6;
  memcpy(f->ip_dst.bytes, group, 16);
  if (f->ip_src.family != AF_INET6)
    f->ip_src.family = AF_INET6;          /* :: */
  nns_ip6_output_multicast(e, dev, f);
}

static gboolean
has_inet(GArray *set, const NnsInet *x)
{
  for (guint j = 0; j < set->len; j++)
    if (nns_inet_equal(&g_array_index(set, NnsInet, j), x))
      return TRUE;
  return FALSE;
}

/* The solicited-node groups of a list of addresses (NnsInet), each once. */
static GArray *
groups_of(GArray *addrs)
{
  GArray *groups = g_array_new(FALSE, FALSE, sizeof(NnsInet));
  for (guint i = 0; i < addrs->len; i++) {
    NnsInet sn = nns_ip6_solicited_node(&g_array_index(addrs, NnsInet, i));
    if (!has_inet(groups, &sn))
      g_array_append_val(groups, sn);
  }
  return groups;
}

static GArray *
addrs_of(NnsDevice *dev)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(NnsInet));
  for (guint i = 0; i < dev->addrs6->len; i++)
    g_array_append_val(out, ((NnsAddress *) g_ptr_array_index(dev->addrs6, i))->local);
  return out;
}

/* MLDv2 report to ff02::16: hop-by-hop router alert (8 bytes), the report
 * header (8) and a 20-byte record per group (`records`; 0: every group
 * joined).  From the link-local address once usable, else from ::. */
static void
send_report(NnsEngine *e, NnsDevice *dev, guint records)
{
  static const guint8 mld_routers[16] = { 0xff, 0x02, [15] = 0x16 };
  /* Every group the device has joined but those never reported (core/mcast.h). */
  if (!records)
    records = nns_mcast_reportable(dev);
  NnsFrame f = { .icmp_type = NNS_ICMP6_MLD2_REPORT, .ttl = 1 };
  f.ip_len = (guint16) (40 + 8 + 8 + 20 * records);
  NnsAddress *ll = link_local(dev);
  if (ll && !(nns_address_flags(ll) & IFA_F_TENTATIVE))
    f.ip_src = ll->local;
  send_group(e, dev, &f, mld_routers);
}


/* DAD: a solicitation from :: with a nonce option (RFC 7527), no
 * link-layer address option. */
static void
send_dad_probe(NnsEngine *e, NnsDevice *dev, const NnsInet *target)
{
  NnsInet sn = nns_ip6_solicited_node(target);
  NnsFrame f = { .icmp_type = NNS_ND_NEIGHBOUR_SOLICIT, .ttl = 255, .ip_len = 40 + 24 + 8 };
  f.nd_target = *target;
  send_group(e, dev, &f, sn.bytes);
}

static void
send_dad(NnsEngine *e, NnsDevice *dev, guint64 dad_done_us)
{
  for (guint i = 0; i < dev->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(dev->addrs6, i);
    if (a->dad_done_us == dad_done_us && !(a->flags & IFA_F_NODAD))
      send_dad_probe(e, dev, &a->local);
  }
}

/* A router solicitation to ff02::2 with the source link-layer option. */
static void
send_rs(NnsEngine *e, NnsDevice *dev, const NnsInet *src)
{
  static const guint8 all_routers[16] = { 0xff, 0x02, [15] = 2 };
  NnsFrame f = { .icmp_type = NNS_ND_ROUTER_SOLICIT, .ttl = 255, .ip_len = 40 + 8 + 8 };
  f.ip_src = *src;
  f.nd_has_lladdr = TRUE;
  memcpy(f.nd_lladdr, dev->mac, 6);
  send_group(e, dev, &f, all_routers);
}

static void step_timer(NnsEngine *e, gpointer data);

static void
again(NnsEngine *e, Announce *a, Step step, guint64 at_us)
{
  a->step = step;
  nns_engine_schedule_timer(e, at_us, step_timer, a);
}

static void
step_timer(NnsEngine *e, gpointer data)
{
  Announce *a = data;
  NnsDevice *dev = announce_dev(e, a);
  NnsAddress *ll = dev ? link_local(dev) : NULL;
  if (!ll) {
    g_free(a);
    return;
  }
  guint64 now = nns_engine_now(e);
  gboolean usable = !(nns_address_flags(ll) & IFA_F_TENTATIVE);
  switch (a->step) {
  case STEP_REPORT_UNSPEC:
    send_report(e, dev, 0);
    again(e, a, STEP_DAD, a->epoch + REPEAT_US);
    return;
  case STEP_DAD:
    send_report(e, dev, 0);
    if (!usable)
      send_dad(e, dev, ll->dad_done_us);
    again(e, a, STEP_DAD_DONE, MAX(now, ll->dad_done_us));
    return;
  case STEP_DAD_DONE:
    send_report(e, dev, 0);
    if (!no_solicitations(dev)) {
      send_rs(e, dev, &ll->local);
      Announce *rs = g_memdup2(a, sizeof *a);
      rs->rs_interval_us = RS_FIRST_US;
      again(e, rs, STEP_RS, now + RS_FIRST_US);
    }
    again(e, a, STEP_REPORT_LL, now + REPEAT_US);
    return;
  case STEP_REPORT_LL:
    send_report(e, dev, 0);
    break;
  case STEP_REPORT_AGAIN:
    send_report(e, dev, a->records);
    break;
  case STEP_DAD_ADDR: {
    NnsAddress *x = nns_ip6_dev_addr(dev, &a->target, TRUE);
    if (x && (nns_address_flags(x) & IFA_F_TENTATIVE))
      send_dad_probe(e, dev, &a->target);
    break;
  }
  case STEP_RS_FIRST:
    if (no_solicitations(dev))
      break;
    send_rs(e, dev, &ll->local);
    a->rs_interval_us = RS_FIRST_US;
    again(e, a, STEP_RS, now + RS_FIRST_US);
    return;
  case STEP_RS:
    if (no_solicitations(dev))
      break;
    send_rs(e, dev, &ll->local);
    a->rs_interval_us = MIN(a->rs_interval_us * 2, RS_MAX_US);
    again(e, a, STEP_RS, now + a->rs_interval_us);
    return;
  }
  g_free(a);
}

static Announce *
announce_new(NnsDevice *dev)
{
  Announce *a = g_new0(Announce, 1);
  a->ns = dev->ns;
  a->ifindex = dev->ifindex;
  a->dev = dev;
  a->epoch = dev->ipv6_start_us;
  return a;
}

/* Addresses added or removed on a device already announced. */
static void
address_changes(NnsEngine *e, NnsDevice *dev, DevState *st)
{
  guint64 now = nns_engine_now(e);
  g_autoptr(GArray) now_addrs = addrs_of(dev);
  gboolean added = FALSE;
  for (guint i = 0; i < now_addrs->len; i++) {
    const NnsInet *x = &g_array_index(now_addrs, NnsInet, i);
    if (has_inet(st->addrs, x))
      continue;
    added = TRUE;
    NnsAddress *addr = nns_ip6_dev_addr(dev, x, TRUE);
    if (addr && !(addr->flags & IFA_F_NODAD)) {
      Announce *dad = announce_new(dev);
      dad->target = *x;
      again(e, dad, STEP_DAD_ADDR, now + REPEAT_US);
    }
  }
  /* mld_ifc_event: one report for all that changed at once, then again. */
  if (added) {
    send_report(e, dev, 0);
    again(e, announce_new(dev), STEP_REPORT_AGAIN, now + REPEAT_US);
  }
  g_autoptr(GArray) was = groups_of(st->addrs);
  g_autoptr(GArray) is = groups_of(now_addrs);
  guint left = 0;
  for (guint i = 0; i < was->len; i++)
    left += !has_inet(is, &g_array_index(was, NnsInet, i));
  if (left) {
    send_report(e, dev, left);
    Announce *a = announce_new(dev);
    a->records = left;
    again(e, a, STEP_REPORT_AGAIN, now + REPEAT_US);
  }
  g_array_free(st->addrs, TRUE);
  st->addrs = g_steal_pointer(&now_addrs);
}

static gint
by_inode_ifindex(gconstpointer a, gconstpointer b)
{
  const NnsDevice *x = *(NnsDevice *const *) a, *y = *(NnsDevice *const *) b;
  if (x->ns->inode != y->ns->inode)
    return (x->ns->inode > y->ns->inode) - (x->ns->inode < y->ns->inode);
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

void
nns_addrconf_sync(NnsEngine *e, GHashTable *started)
{
  NnsWorld *w = nns_engine_world(e);
  /* Only the devices noted as changed (every other one would find nothing
   * new), in a fixed order (namespace inode, then ifindex): frames sent at
   * the same instant queue in the order they are made. */
  g_autoptr(GPtrArray) devs = g_ptr_array_sized_new(g_hash_table_size(w->ipv6_changed));
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, w->ipv6_changed);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(devs, key);
  g_hash_table_remove_all(w->ipv6_changed);
  g_ptr_array_sort(devs, by_inode_ifindex);
  for (guint i = 0; i < devs->len; i++) {
    NnsDevice *dev = devs->pdata[i];
    gboolean noarp = (dev->iff & IFF_NOARP) != 0;
    if ((dev->kind != NNS_KIND_VETH && !noarp) || !dev->ipv6_ready)
      continue;
    DevState *st = g_hash_table_lookup(started, dev);
    if (st && st->epoch == dev->ipv6_start_us) {
      if (!noarp)
        address_changes(e, dev, st);
      continue;
    }
    st = g_new0(DevState, 1);
    st->epoch = dev->ipv6_start_us;
    st->addrs = addrs_of(dev);
    g_hash_table_insert(started, dev, st);
    Announce *a = announce_new(dev);
    again(e, a, noarp ? STEP_RS_FIRST : STEP_REPORT_UNSPEC, MAX(nns_engine_now(e), a->epoch));
  }
}
