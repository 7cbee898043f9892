/* Any bytes as what the kernel backend reads from a netlink socket: a
 * stream of messages, as far as nns_knl_talk's loop would read them
 * (nns_kernel_msg_ok), through mnl_cb_run2, each message given to the
 * decoder of its type
 * (backends/kernel/kernel-decode.h), the records checked for what the
 * printers rely on, then freed.  Seeds: real answers of the kernel,
 * fuzz/seeds-netlink/ (docs/testing.md). */
#include "backends/kernel/kernel-decode.h"
#include "fuzz/fuzz-common.h"

#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/rtnetlink.h>

/* A string field of a record ends inside the field. */
#define ASSERT_TERMINATED(field) g_assert(memchr((field), '\0', sizeof(field)) != NULL)

static void
decode_link(const struct nlmsghdr *nlh)
{
  NnsLinkRecord *r = nns_kernel_decode_link(nlh);
  if (!r)
    return;
  ASSERT_TERMINATED(r->name);
  if (r->kind)
    g_assert(strlen(r->kind) < mnl_nlmsg_get_payload_len(nlh));
  nns_link_record_free(r);
}

static void
decode_route(const struct nlmsghdr *nlh)
{
  (void) nns_kernel_decode_route_cloned(nlh);
  NnsRouteRecord *r = nns_kernel_decode_route(nlh);
  if (!r)
    return;
  /* Each path takes at least a struct rtnexthop of the message. */
  g_assert(r->n_nexthops * sizeof(struct rtnexthop) <= mnl_nlmsg_get_payload_len(nlh));
  for (guint i = 0; i < r->n_nexthops; i++)
    g_assert(r->nexthops[i].weight >= 1 && r->nexthops[i].weight <= 256);
  g_free(r);
}

static void
decode_neigh(const struct nlmsghdr *nlh)
{
  g_free(nns_kernel_decode_neigh(nlh));
  g_free(nns_kernel_decode_fdb(nlh));
}

static void
decode_rule(const struct nlmsghdr *nlh)
{
  NnsRuleRecord *r = nns_kernel_decode_rule(nlh);
  if (!r)
    return;
  ASSERT_TERMINATED(r->iifname);
  ASSERT_TERMINATED(r->oifname);
  g_free(r);
}

static void
decode_addr(const struct nlmsghdr *nlh)
{
  NnsAddrRecord *r = nns_kernel_decode_addr(nlh);
  if (!r)
    return;
  ASSERT_TERMINATED(r->label);
  g_free(r);
}

static void
decode_qdisc(const struct nlmsghdr *nlh)
{
  NnsQdiscRecord *r = nns_kernel_decode_qdisc(nlh);
  if (!r)
    return;
  ASSERT_TERMINATED(r->kind);
  g_free(r);
}

static void
decode_status(const struct nlmsghdr *nlh)
{
  int err;
  const char *extack;
  g_assert(nns_kernel_decode_status(nlh, &err, &extack));
  g_assert(err >= 0 && err <= 4095);
  if (extack)
    g_assert(strlen(extack) < mnl_nlmsg_get_payload_len(nlh));
}

static int
decode_message(const struct nlmsghdr *nlh, void *data)
{
  (void) data;
  NnsNsidPair nsid;
  NnsNfCtRecord ct;
  NnsKernelChain chain;
  switch (nlh->nlmsg_type) {
  case NLMSG_ERROR:
  case NLMSG_DONE:
    decode_status(nlh);
    break;
  case RTM_NEWLINK:
    decode_link(nlh);
    break;
  case RTM_NEWADDR:
    decode_addr(nlh);
    break;
  case RTM_NEWROUTE:
    decode_route(nlh);
    break;
  case RTM_NEWNEIGH:
    decode_neigh(nlh);
    break;
  case RTM_NEWRULE:
    decode_rule(nlh);
    break;
  case RTM_NEWQDISC:
    decode_qdisc(nlh);
    break;
  case RTM_NEWNSID:
    nns_kernel_decode_nsid(nlh, &nsid);
    break;
  case (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW:
    nns_kernel_decode_ct(nlh, &ct);
    break;
  default:
    /* kernel-nft.c reads any nfnetlink message whose low byte says
     * NFT_MSG_NEWCHAIN. */
    if ((nlh->nlmsg_type & 0xff) == NFT_MSG_NEWCHAIN && nns_kernel_decode_chain(nlh, &chain))
      g_assert(chain.table && chain.name);
    break;
  }
  return MNL_CB_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nns_fuzz_init();
  /* A buffer of exactly the input's size (so that a read past it is
   * caught) and aligned as a recvfrom() buffer is. */
  g_autofree void *buf = g_memdup2(data, size);
  /* Every type below NLMSG_MIN_TYPE to the same callback: libmnl's
   * default handlers would stop at the first error or end of dump. */
  mnl_cb_t ctl[NLMSG_MIN_TYPE];
  for (gsize i = 0; i < G_N_ELEMENTS(ctl); i++)
    ctl[i] = decode_message;
  /* mnl_cb_run2 walks with mnl_nlmsg_ok, which takes a length over
   * INT_MAX for one that fits: it gets the messages nns_kernel_msg_ok
   * accepts, as nns_knl_talk's loop reads them. */
  int left = (int) MIN(size, (size_t) G_MAXINT);
  const struct nlmsghdr *m = buf;
  while (nns_kernel_msg_ok(m, left))
    m = mnl_nlmsg_next(m, &left);
  /* (The last message's padding may be missing: m can be past the end.) */
  size_t walked = MIN((size_t) ((const char *) m - (const char *) buf), size);
  mnl_cb_run2(buf, walked, 0, 0, decode_message, NULL, ctl, G_N_ELEMENTS(ctl));
  return 0;
}
