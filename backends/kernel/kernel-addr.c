/* Addresses: RTM_NEWADDR / RTM_DELADDR as iproute2's ipaddr_modify() builds
 * them, and RTM_GETADDR dumps read into NnsAddrRecords. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

static guint
inet_len(const NnsInet *a)
{
  return a->family == AF_INET6 ? 16 : 4;
}

/* default_scope(): 127/8 is host scope, everything else universe. */
static guint8
default_scope(const NnsInet *a)
{
  return a->family == AF_INET && a->bytes[0] == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
}

static struct nlmsghdr *
put_addr(char *buf, guint16 type, guint16 flags, const NnsAddrChange *req, gboolean add)
{
  struct nlmsghdr *nlh = nns_knl_header(buf, type, flags);
  struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof *ifa);
  ifa->ifa_family = req->local.family;
  ifa->ifa_prefixlen = req->prefixlen;
  ifa->ifa_index = (guint32) req->ifindex;
  ifa->ifa_flags = (guint8) req->flags;
  if (req->has_scope)
    ifa->ifa_scope = req->scope;
  else if (add)
    ifa->ifa_scope = default_scope(&req->local);
  mnl_attr_put(nlh, IFA_LOCAL, inet_len(&req->local), req->local.bytes);
  /* IPv4 deletion without a prefix length is iproute2's "wildcard
   * deletion": no IFA_ADDRESS, so the kernel matches on IFA_LOCAL only. */
  if (add || req->local.family != AF_INET || req->has_peer_prefix)
    mnl_attr_put(nlh, IFA_ADDRESS, inet_len(&req->local), req->local.bytes);
  if (req->has_broadcast)
    mnl_attr_put(nlh, IFA_BROADCAST, inet_len(&req->broadcast), req->broadcast.bytes);
  if (req->label)
    mnl_attr_put_strz(nlh, IFA_LABEL, req->label);
  return nlh;
}

gboolean
nns_kernel_addr_add_in(NnsKernelBackend *kb, int netns_fd, const NnsAddrChange *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_addr(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, req, TRUE);
  return nns_knl_talk_in(kb, netns_fd, nlh, NULL, NULL, error);
}

gboolean
nns_kernel_addr_add(NnsBackend *be, int pid, const NnsAddrChange *req, gboolean replace, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  guint16 flags = NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL);
  struct nlmsghdr *nlh = put_addr(buf, RTM_NEWADDR, flags, req, TRUE);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

gboolean
nns_kernel_addr_delete(NnsBackend *be, int pid, const NnsAddrChange *req, GError **error)
{
  char buf[MNL_SOCKET_BUFFER_SIZE];
  struct nlmsghdr *nlh = put_addr(buf, RTM_DELADDR, 0, req, FALSE);
  return nns_knl_talk_pid(nns_kernel(be), pid, nlh, NULL, NULL, error);
}

typedef struct {
  const struct nlattr *tb[IFA_MAX + 1];
} AddrAttrs;

static int
keep_attr(const struct nlattr *attr, void *data)
{
  AddrAttrs *a = data;
  int type = mnl_attr_get_type(attr);
  if (type <= IFA_MAX)
    a->tb[type] = attr;
  return MNL_CB_OK;
}

static void
copy_inet(NnsInet *out, guint8 family, const struct nlattr *a)
{
  out->family = family;
  guint16 len = mnl_attr_get_payload_len(a);
  memcpy(out->bytes, mnl_attr_get_payload(a), MIN(len, sizeof out->bytes));
}

static void
collect_addr(const struct nlmsghdr *nlh, gpointer data)
{
  if (nlh->nlmsg_type != RTM_NEWADDR)
    return;
  const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
  AddrAttrs a = { { 0 } };
  mnl_attr_parse(nlh, sizeof *ifa, keep_attr, &a);
  NnsAddrRecord *r = g_new0(NnsAddrRecord, 1);
  r->family = ifa->ifa_family;
  r->prefixlen = ifa->ifa_prefixlen;
  r->scope = ifa->ifa_scope;
  r->flags = a.tb[IFA_FLAGS] ? mnl_attr_get_u32(a.tb[IFA_FLAGS]) : ifa->ifa_flags;
  r->ifindex = (int) ifa->ifa_index;
  /* IPv4 reports the local address as IFA_LOCAL, IPv6 as IFA_ADDRESS. */
  const struct nlattr *local = a.tb[IFA_LOCAL] ? a.tb[IFA_LOCAL] : a.tb[IFA_ADDRESS];
  if (local)
    copy_inet(&r->local, ifa->ifa_family, local);
  if (a.tb[IFA_BROADCAST]) {
    r->has_broadcast = TRUE;
    copy_inet(&r->broadcast, ifa->ifa_family, a.tb[IFA_BROADCAST]);
  }
  if (a.tb[IFA_LABEL])
    g_strlcpy(r->label, mnl_attr_get_str(a.tb[IFA_LABEL]), sizeof r->label);
  r->valid_lft = r->preferred_lft = 0xffffffffu;
  if (a.tb[IFA_CACHEINFO] && mnl_attr_get_payload_len(a.tb[IFA_CACHEINFO]) >= sizeof(struct ifa_cacheinfo)) {
    const struct ifa_cacheinfo *ci = mnl_attr_get_payload(a.tb[IFA_CACHEINFO]);
    r->valid_lft = ci->ifa_valid;
    r->preferred_lft = ci->ifa_prefered;
  }
  g_ptr_array_add(data, r);
}

/* One dump per family, inet first, as the kernel's AF_UNSPEC dump goes. */
GPtrArray *
nns_kernel_addr_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  const guint8 families[] = { AF_INET, AF_INET6 };
  for (gsize f = 0; f < G_N_ELEMENTS(families); f++) {
    if (family != AF_UNSPEC && family != families[f])
      continue;
    char buf[MNL_SOCKET_BUFFER_SIZE];
    struct nlmsghdr *nlh = nns_knl_header(buf, RTM_GETADDR, NLM_F_DUMP);
    struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof *ifa);
    ifa->ifa_family = families[f];
    if (!nns_knl_talk_pid(nns_kernel(be), pid, nlh, collect_addr, out, error))
      return NULL;
  }
  return g_steal_pointer(&out);
}
