/* The netlink transport: sockets (rtnetlink, and nfnetlink for nf_tables
 * and conntrack) opened inside a namespace, requests that
 * end in an acknowledgement, dumps that end in NLMSG_DONE, and the kernel's
 * errors (errno plus extended-ack text) turned into NNS_ERROR GErrors as the
 * simulated backend makes them. */
#include "backends/kernel/kernel-private.h"
#include "backends/kernel/kernel-decode.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

/* What the kernel may put in one datagram of a dump (it sizes its skbs to
 * the reader's buffer, up to 32 KiB). */
#define NNS_KNL_RECV_SIZE 32768

static NnsKnlTap tap;
static gpointer tap_data;

void
nns_knl_set_tap(NnsKnlTap fn, gpointer data)
{
  tap = fn;
  tap_data = data;
}

int
nns_kernel_in_netns(NnsKernelBackend *kb, int netns_fd, int (*fn)(gpointer data), gpointer data)
{
  if (netns_fd != kb->root_fd && setns(netns_fd, CLONE_NEWNET) < 0)
    return -1;
  int rc = fn(data);
  int saved = errno;
  /* Always come home: every other operation assumes the root namespace. */
  if (netns_fd != kb->root_fd && setns(kb->root_fd, CLONE_NEWNET) < 0)
    g_error("netnsim: cannot return to the sandbox's root namespace: %s", g_strerror(errno));
  errno = saved;
  return rc;
}

typedef struct {
  int bus;
  struct mnl_socket *nl;
} OpenCall;

static int
open_socket(gpointer data)
{
  OpenCall *c = data;
  /* A netlink socket belongs to the namespace it was created in. */
  c->nl = mnl_socket_open2(c->bus, SOCK_CLOEXEC);
  return c->nl ? 0 : -1;
}

struct mnl_socket *
nns_knl_open_bus(NnsKernelBackend *kb, int netns_fd, int bus, GError **error)
{
  OpenCall c = { .bus = bus };
  if (nns_kernel_in_netns(kb, netns_fd, open_socket, &c) < 0) {
    nns_set_errno(error, errno);
    return NULL;
  }
  int one = 1;
  /* The extack text is what `Error: ...` prints. */
  mnl_socket_setsockopt(c.nl, NETLINK_EXT_ACK, &one, sizeof one);
  if (mnl_socket_bind(c.nl, 0, MNL_SOCKET_AUTOPID) < 0) {
    nns_set_errno(error, errno);
    mnl_socket_close(c.nl);
    return NULL;
  }
  return c.nl;
}

struct mnl_socket *
nns_knl_open(NnsKernelBackend *kb, int netns_fd, GError **error)
{
  return nns_knl_open_bus(kb, netns_fd, NETLINK_ROUTE, error);
}

struct nlmsghdr *
nns_knl_header(char *buf, guint16 type, guint16 flags)
{
  /* Attribute padding is left as it was; the kernel ignores it, but the
   * bytes sent should not be stack garbage. */
  memset(buf, 0, MNL_SOCKET_BUFFER_SIZE);
  struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = NLM_F_REQUEST | flags;
  return nlh;
}

gboolean
nns_knl_talk(struct mnl_socket *nl, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data, GError **error)
{
  static guint32 seq;
  gboolean dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
  if (!dump)
    nlh->nlmsg_flags |= NLM_F_ACK;
  nlh->nlmsg_seq = ++seq;
  guint32 portid = mnl_socket_get_portid(nl);
  if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  /* Dumps of many links outgrow one page; the kernel sizes its skbs to
   * what the reader's buffer can take (up to 32 KiB). */
  g_autofree char *buf = g_malloc(NNS_KNL_RECV_SIZE);
  for (;;) {
    ssize_t n = mnl_socket_recvfrom(nl, buf, NNS_KNL_RECV_SIZE);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      nns_set_errno(error, errno);
      return FALSE;
    }
    if (tap)
      tap(buf, (gsize) n, tap_data);
    const struct nlmsghdr *m = (const struct nlmsghdr *) buf;
    int len = (int) n;
    for (; nns_kernel_msg_ok(m, len); m = mnl_nlmsg_next(m, &len)) {
      if (m->nlmsg_seq != nlh->nlmsg_seq || m->nlmsg_pid != portid)
        continue;
      /* An acknowledgement, or the end of a dump: done, or the errno
       * and extack text of a request or dump that failed. */
      int err;
      const char *extack;
      if (nns_kernel_decode_status(m, &err, &extack)) {
        if (err) {
          nns_set_extack(error, err, extack);
          return FALSE;
        }
        return TRUE;
      }
      if (fn)
        fn(m, data);
    }
  }
}

void
nns_kernel_settle(NnsKernelBackend *kb)
{
  if (kb->unsettled) {
    if (kb->settle_us)
      g_usleep(kb->settle_us);
    kb->unsettled = FALSE;
  }
}

static gboolean
is_read(guint16 type)
{
  return type == RTM_GETLINK || type == RTM_GETADDR || type == RTM_GETROUTE || type == RTM_GETNSID ||
         type == RTM_GETNEIGH || type == RTM_GETQDISC || type == RTM_GETRULE;
}

static gboolean
talk_in_mode(NnsKernelBackend *kb, int netns_fd, int bus, gboolean strict, struct nlmsghdr *nlh, NnsKnlMsgFn fn,
             gpointer data, GError **error)
{
  /* Only rtnetlink's state lags behind its requests (linkwatch, DAD);
   * nf_tables and conntrack are what they are when the call returns (a
   * conntrack listing still waits, for its clock: kernel-conntrack.c). */
  if (bus == NETLINK_ROUTE) {
    if (is_read(nlh->nlmsg_type))
      nns_kernel_settle(kb);
    else
      kb->unsettled = TRUE;
  }
  struct mnl_socket *nl = nns_knl_open_bus(kb, netns_fd, bus, error);
  if (!nl)
    return FALSE;
  int one = 1;
  if (strict)
    mnl_socket_setsockopt(nl, NETLINK_GET_STRICT_CHK, &one, sizeof one);
  gboolean ok = nns_knl_talk(nl, nlh, fn, data, error);
  mnl_socket_close(nl);
  return ok;
}

static gboolean
talk_in(NnsKernelBackend *kb, int netns_fd, int bus, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data,
        GError **error)
{
  return talk_in_mode(kb, netns_fd, bus, FALSE, nlh, fn, data, error);
}

gboolean
nns_knl_talk_pid_strict(NnsKernelBackend *kb, int pid, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data,
                        GError **error)
{
  int fd = nns_kernel_pid_netns(kb, pid, error);
  return fd >= 0 && talk_in_mode(kb, fd, NETLINK_ROUTE, TRUE, nlh, fn, data, error);
}

gboolean
nns_knl_talk_in(NnsKernelBackend *kb, int netns_fd, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data,
                GError **error)
{
  return talk_in(kb, netns_fd, NETLINK_ROUTE, nlh, fn, data, error);
}

gboolean
nns_knl_talk_pid(NnsKernelBackend *kb, int pid, struct nlmsghdr *nlh, NnsKnlMsgFn fn, gpointer data,
                 GError **error)
{
  int fd = nns_kernel_pid_netns(kb, pid, error);
  return fd >= 0 && talk_in(kb, fd, NETLINK_ROUTE, nlh, fn, data, error);
}

gboolean
nns_knl_talk_pid_bus(NnsKernelBackend *kb, int pid, int bus, struct nlmsghdr *nlh, NnsKnlMsgFn fn,
                     gpointer data, GError **error)
{
  int fd = nns_kernel_pid_netns(kb, pid, error);
  return fd >= 0 && talk_in(kb, fd, bus, nlh, fn, data, error);
}

gboolean
nns_knl_dump_inet(NnsKernelBackend *kb, int pid, guint16 type, gsize hdr_size, guint8 family, NnsKnlMsgFn fn,
                  gpointer data, GError **error)
{
  const guint8 families[] = { AF_INET, AF_INET6 };
  for (gsize f = 0; f < G_N_ELEMENTS(families); f++) {
    if (family != AF_UNSPEC && family != families[f])
      continue;
    char buf[MNL_SOCKET_BUFFER_SIZE];
    struct nlmsghdr *nlh = nns_knl_header(buf, type, NLM_F_DUMP);
    guint8 *hdr = mnl_nlmsg_put_extra_header(nlh, hdr_size);
    hdr[0] = families[f];
    if (!nns_knl_talk_pid(kb, pid, nlh, fn, data, error))
      return FALSE;
  }
  return TRUE;
}
