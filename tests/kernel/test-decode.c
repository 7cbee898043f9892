/* The kernel backend's decoders (backends/kernel/kernel-decode.h) on the
 * kernel's own answers, fuzz/seeds-netlink/ (recorded by
 * fuzz/capture-netlink from the kernel), changed as a newer kernel or a
 * broken one could change them:
 *
 *  - an attribute of a type the decoder does not know, before or after
 *    the others, changes nothing in the record;
 *  - every message cut short, at every length, decodes without reading
 *    past its end (the valgrind and ASan gates see any such read), and a
 *    message shorter than its fixed header gives no record;
 *  - an acknowledgement cut inside its error code is a protocol error.
 *
 *   test-kernel-decode SEEDS_DIR */
#include "backends/kernel/kernel-decode.h"

#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  guint16 type;
  gsize fixed;              /* the fixed header after struct nlmsghdr */
  int max;                  /* the decoder's highest attribute type */
} Family;

static const Family families[] = {
  { RTM_NEWLINK, sizeof(struct ifinfomsg), IFLA_MAX },
  { RTM_NEWADDR, sizeof(struct ifaddrmsg), IFA_MAX },
  { RTM_NEWROUTE, sizeof(struct rtmsg), RTA_MAX },
  { RTM_NEWNEIGH, sizeof(struct ndmsg), NDA_MAX },
  { RTM_NEWRULE, sizeof(struct fib_rule_hdr), FRA_MAX },
  { RTM_NEWQDISC, sizeof(struct tcmsg), TCA_MAX },
  { RTM_NEWNSID, sizeof(struct rtgenmsg), NETNSA_MAX },
  { (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW, sizeof(struct nfgenmsg), CTA_MAX },
  { (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWCHAIN, sizeof(struct nfgenmsg), NFTA_CHAIN_MAX },
};

static const Family *
family_of(guint16 type)
{
  for (gsize i = 0; i < G_N_ELEMENTS(families); i++)
    if (families[i].type == type)
      return &families[i];
  return NULL;
}

/* The record(s) a message decodes to, as bytes (NULL: none), pointers
 * replaced by what they point to. */
static GBytes *
decode(const struct nlmsghdr *nlh)
{
  g_autoptr(GByteArray) out = g_byte_array_new();
  gboolean any = FALSE;
  switch (nlh->nlmsg_type) {
  case RTM_NEWLINK: {
    NnsLinkRecord *r = nns_kernel_decode_link(nlh);
    if ((any = r != NULL)) {
      NnsLinkRecord copy = *r;
      copy.alias = NULL;
      g_byte_array_append(out, (const guint8 *) &copy, sizeof copy);
      if (r->alias)
        g_byte_array_append(out, (const guint8 *) r->alias, (guint) strlen(r->alias) + 1);
      nns_link_record_free(r);
    }
    break;
  }
  case RTM_NEWADDR: {
    g_autofree NnsAddrRecord *r = nns_kernel_decode_addr(nlh);
    if ((any = r != NULL))
      g_byte_array_append(out, (const guint8 *) r, sizeof *r);
    break;
  }
  case RTM_NEWROUTE: {
    g_autofree NnsRouteRecord *r = nns_kernel_decode_route(nlh);
    if ((any = r != NULL)) {
      g_byte_array_append(out, (const guint8 *) r, offsetof(NnsRouteRecord, nexthops));
      g_byte_array_append(out, (const guint8 *) r->nexthops, r->n_nexthops * sizeof *r->nexthops);
    }
    break;
  }
  case RTM_NEWNEIGH: {
    g_autofree NnsNeighRecord *n = nns_kernel_decode_neigh(nlh);
    g_autofree NnsFdbRecord *f = nns_kernel_decode_fdb(nlh);
    if (n)
      g_byte_array_append(out, (const guint8 *) n, sizeof *n);
    if (f)
      g_byte_array_append(out, (const guint8 *) f, sizeof *f);
    any = n || f;
    break;
  }
  case RTM_NEWRULE: {
    g_autofree NnsRuleRecord *r = nns_kernel_decode_rule(nlh);
    if ((any = r != NULL))
      g_byte_array_append(out, (const guint8 *) r, sizeof *r);
    break;
  }
  case RTM_NEWQDISC: {
    g_autofree NnsQdiscRecord *r = nns_kernel_decode_qdisc(nlh);
    if ((any = r != NULL))
      g_byte_array_append(out, (const guint8 *) r, sizeof *r);
    break;
  }
  case RTM_NEWNSID: {
    NnsNsidPair p;
    if ((any = nns_kernel_decode_nsid(nlh, &p)))
      g_byte_array_append(out, (const guint8 *) &p, sizeof p);
    break;
  }
  case (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW: {
    NnsNfCtRecord r;
    if ((any = nns_kernel_decode_ct(nlh, &r)))
      g_byte_array_append(out, (const guint8 *) &r, sizeof r);
    break;
  }
  case (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWCHAIN: {
    NnsKernelChain c;
    if ((any = nns_kernel_decode_chain(nlh, &c))) {
      g_byte_array_append(out, (const guint8 *) c.table, (guint) strlen(c.table) + 1);
      g_byte_array_append(out, (const guint8 *) c.name, (guint) strlen(c.name) + 1);
      g_byte_array_append(out, (const guint8 *) &c.base, sizeof c.base);
      g_byte_array_append(out, (const guint8 *) &c.counters, sizeof c.counters);
    }
    break;
  }
  default:
    g_assert_not_reached();
  }
  return any ? g_byte_array_free_to_bytes(g_steal_pointer(&out)) : NULL;
}

/* The message with an attribute of type max + 1 (4 bytes of 0xa5) put
 * right after the fixed header (front) or at the end. */
static struct nlmsghdr *
with_unknown(const struct nlmsghdr *nlh, const Family *f, gboolean front)
{
  gsize at = front ? MNL_NLMSG_HDRLEN + MNL_ALIGN(f->fixed) : MNL_ALIGN(nlh->nlmsg_len);
  gsize len = MNL_ALIGN(nlh->nlmsg_len) + 8;
  guint8 *buf = g_malloc0(len);
  memcpy(buf, nlh, MIN(at, nlh->nlmsg_len));
  struct nlattr attr = { .nla_len = 8, .nla_type = (guint16) (f->max + 1) };
  memcpy(buf + at, &attr, sizeof attr);
  memset(buf + at + sizeof attr, 0xa5, 4);
  if (at < nlh->nlmsg_len)
    memcpy(buf + at + 8, (const guint8 *) nlh + at, nlh->nlmsg_len - at);
  ((struct nlmsghdr *) buf)->nlmsg_len = (guint32) len;
  return (struct nlmsghdr *) buf;
}

static guint checked, cut_short, seen[G_N_ELEMENTS(families)];

static void
check_message(const struct nlmsghdr *nlh)
{
  const Family *f = family_of(nlh->nlmsg_type);
  if (!f)
    return;
  g_autoptr(GBytes) whole = decode(nlh);
  if (!whole)
    return;
  checked++;
  seen[f - families]++;
  for (int front = 0; front < 2; front++) {
    g_autofree struct nlmsghdr *more = with_unknown(nlh, f, front);
    g_autoptr(GBytes) again = decode(more);
    g_assert_nonnull(again);
    g_assert_true(g_bytes_equal(whole, again));
  }
  /* Every length down to the bare header, each in a buffer of exactly
   * that size, so that the gates' checkers see a read past it. */
  for (guint32 len = nlh->nlmsg_len - 1; len >= sizeof(struct nlmsghdr); len--) {
    g_autofree struct nlmsghdr *cut = g_memdup2(nlh, len);
    cut->nlmsg_len = len;
    g_autoptr(GBytes) part = decode(cut);
    if (len < MNL_NLMSG_HDRLEN + f->fixed)
      g_assert_null(part);
    cut_short++;
  }
}

static void
check_acks(void)
{
  /* An NLMSG_ERROR cut inside its error code: EPROTO, no text.  In a
   * buffer of exactly its size, as above. */
  gsize len = sizeof(struct nlmsghdr) + 2;
  g_autofree struct nlmsghdr *shortack = g_malloc0(len);
  shortack->nlmsg_len = (guint32) len;
  shortack->nlmsg_type = NLMSG_ERROR;
  int err;
  const char *extack;
  g_assert_true(nns_kernel_decode_status(shortack, &err, &extack));
  g_assert_cmpint(err, ==, EPROTO);
  g_assert_null(extack);
}

int
main(int argc, char **argv)
{
  g_assert_cmpint(argc, ==, 2);
  g_autoptr(GDir) dir = g_dir_open(argv[1], 0, NULL);
  g_assert_nonnull(dir);
  guint files = 0;
  for (const char *name; (name = g_dir_read_name(dir));) {
    g_autofree char *path = g_build_filename(argv[1], name, NULL);
    g_autofree char *data = NULL;
    gsize size;
    g_assert_true(g_file_get_contents(path, &data, &size, NULL));
    /* g_file_get_contents' buffer is malloc's, aligned as recvfrom's. */
    const struct nlmsghdr *m = (const struct nlmsghdr *) data;
    int left = (int) size;
    for (; nns_kernel_msg_ok(m, left); m = mnl_nlmsg_next(m, &left))
      check_message(m);
    files++;
  }
  check_acks();
  printf("%u datagrams, %u records unchanged by unknown attributes, %u cut-short messages decoded\n", files,
         checked, cut_short);
  /* The seeds hold records of every family. */
  for (gsize i = 0; i < G_N_ELEMENTS(families); i++)
    g_assert_cmpuint(seen[i], >, 0);
  return 0;
}
