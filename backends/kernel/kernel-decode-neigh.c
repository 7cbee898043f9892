/* RTM_NEWNEIGH read into an NnsNeighRecord (the ARP and ND tables and
 * their proxy entries) or, of family AF_BRIDGE, an NnsFdbRecord (a bridge
 * forwarding database entry). */
#include "backends/kernel/kernel-decode.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <unistd.h>

/* NDA_CACHEINFO counts in clock ticks (USER_HZ); iproute2 divides by
 * sysconf(_SC_CLK_TCK) and prints whole seconds. */
static guint32
ticks_to_s(guint32 ticks)
{
  long hz = sysconf(_SC_CLK_TCK);
  return ticks / (guint32) (hz > 0 ? hz : 100);
}

NnsNeighRecord *
nns_kernel_decode_neigh(const struct nlmsghdr *nlh)
{
  const struct ndmsg *ndm = nns_kattr_header(nlh, sizeof *ndm);
  const struct nlattr *tb[NDA_MAX + 1];
  if (!ndm || !nns_kattr_parse(nlh, sizeof *ndm, tb, NDA_MAX) || !tb[NDA_DST])
    return NULL;
  NnsNeighRecord *r = g_new0(NnsNeighRecord, 1);
  r->family = ndm->ndm_family;
  r->ifindex = ndm->ndm_ifindex;
  r->state = ndm->ndm_state;
  r->flags = ndm->ndm_flags;
  nns_kattr_inet(tb[NDA_DST], ndm->ndm_family, &r->dst);
  if (tb[NDA_LLADDR] && mnl_attr_get_payload_len(tb[NDA_LLADDR]) == 6) {
    r->has_lladdr = TRUE;
    memcpy(r->lladdr, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
  }
  const struct nda_cacheinfo *ci = nns_kattr_struct(tb[NDA_CACHEINFO], sizeof *ci);
  if (ci) {
    r->used_s = ticks_to_s(ci->ndm_used);
    r->confirmed_s = ticks_to_s(ci->ndm_confirmed);
    r->updated_s = ticks_to_s(ci->ndm_updated);
  }
  r->probes = nns_kattr_u32_or(tb[NDA_PROBES], 0);
  return r;
}

NnsFdbRecord *
nns_kernel_decode_fdb(const struct nlmsghdr *nlh)
{
  const struct ndmsg *ndm = nns_kattr_header(nlh, sizeof *ndm);
  const struct nlattr *tb[NDA_MAX + 1];
  if (!ndm || !nns_kattr_parse(nlh, sizeof *ndm, tb, NDA_MAX) || ndm->ndm_family != AF_BRIDGE ||
      !tb[NDA_LLADDR] || mnl_attr_get_payload_len(tb[NDA_LLADDR]) != 6)
    return NULL;
  NnsFdbRecord *r = g_new0(NnsFdbRecord, 1);
  memcpy(r->mac, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
  r->ifindex = ndm->ndm_ifindex;
  r->state = ndm->ndm_state;
  r->flags = ndm->ndm_flags;
  r->master = (int) nns_kattr_u32_or(tb[NDA_MASTER], 0);
  r->has_vlan = nns_kattr_u16(tb[NDA_VLAN], &r->vlan);
  const struct nda_cacheinfo *ci = nns_kattr_struct(tb[NDA_CACHEINFO], sizeof *ci);
  if (ci) {
    r->has_cacheinfo = TRUE;
    r->used_s = ticks_to_s(ci->ndm_used);
    r->updated_s = ticks_to_s(ci->ndm_updated);
  }
  return r;
}
