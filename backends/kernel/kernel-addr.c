/* Addresses: RTM_NEWADDR / RTM_DELADDR as iproute2's ipaddr_modify() builds
 * them, and RTM_GETADDR dumps (read by kernel-decode-addr.c). */
#include "backends/kernel/kernel-decode.h"
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>

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
  /* ipaddr_modify: flags past the byte go in IFA_FLAGS. */
  if (req->flags <= 0xff)
    ifa->ifa_flags = (guint8) req->flags;
  if (req->has_scope)
    ifa->ifa_scope = req->scope;
  else if (add)
    ifa->ifa_scope = default_scope(&req->local);
  nns_kattr_put_inet(nlh, IFA_LOCAL, req->local.family, req->local.bytes);
  /* IPv4 deletion without a prefix length is iproute2's "wildcard
   * deletion": no IFA_ADDRESS, so the kernel matches on IFA_LOCAL only. */
  if (add || req->local.family != AF_INET || req->has_peer_prefix)
    nns_kattr_put_inet(nlh, IFA_ADDRESS, req->local.family, req->local.bytes);
  if (req->has_broadcast)
    nns_kattr_put_inet(nlh, IFA_BROADCAST, req->broadcast.family, req->broadcast.bytes);
  if (req->label)
    mnl_attr_put_strz(nlh, IFA_LABEL, req->label);
  if (req->flags > 0xff)
    mnl_attr_put_u32(nlh, IFA_FLAGS, req->flags);
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

static void
collect_addr(const struct nlmsghdr *nlh, gpointer data)
{
  NnsAddrRecord *r = nlh->nlmsg_type == RTM_NEWADDR ? nns_kernel_decode_addr(nlh) : NULL;
  if (r)
    g_ptr_array_add(data, r);
}

/* One dump per family, inet first, as the kernel's AF_UNSPEC dump goes. */
GPtrArray *
nns_kernel_addr_dump(NnsBackend *be, int pid, guint8 family, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  if (!nns_knl_dump_inet(nns_kernel(be), pid, RTM_GETADDR, sizeof(struct ifaddrmsg), family, collect_addr, out, error))
    return NULL;
  return g_steal_pointer(&out);
}
