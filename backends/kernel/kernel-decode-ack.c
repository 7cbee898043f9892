/* NLMSG_ERROR (an acknowledgement, or the errno of a request) and
 * NLMSG_DONE (the end of a dump, or the errno of one that failed part
 * way), with the extended acknowledgement's text (NLMSGERR_ATTR_MSG). */
#include "backends/kernel/kernel-decode.h"

#include <errno.h>
#include <linux/netlink.h>

/* The kernel's -errno as a positive errno; anything else it never sends
 * (a positive number, one past MAX_ERRNO) is a protocol error. */
static int
errno_of(int v)
{
  if (v == 0)
    return 0;
  return v < 0 && v >= -4095 ? -v : EPROTO;
}

/* NLMSGERR_ATTR_MSG among the attributes `off` bytes into the payload. */
static const char *
extack_at(const struct nlmsghdr *nlh, guint64 off)
{
  if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
    return NULL;
  off = MNL_ALIGN(off);
  gsize len = mnl_nlmsg_get_payload_len(nlh);
  if (off >= len)
    return NULL;
  const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
  nns_kattr_parse_payload((const char *) mnl_nlmsg_get_payload(nlh) + off, len - off, tb, NLMSGERR_ATTR_MAX);
  return nns_kattr_str(tb[NLMSGERR_ATTR_MSG]);
}

gboolean
nns_kernel_decode_status(const struct nlmsghdr *nlh, int *err, const char **extack)
{
  *err = 0;
  *extack = NULL;
  if (nlh->nlmsg_type != NLMSG_ERROR && nlh->nlmsg_type != NLMSG_DONE)
    return FALSE;
  const int *code = nns_kattr_header(nlh, sizeof *code);
  if (nlh->nlmsg_type == NLMSG_DONE) {
    /* A dump's end may carry no number at all: a success. */
    if (code && *code < 0) {
      *err = errno_of(*code);
      *extack = extack_at(nlh, sizeof *code);
    }
    return TRUE;
  }
  if (!code) {
    *err = EPROTO;
    return TRUE;
  }
  *err = errno_of(*code);
  const struct nlmsgerr *e = nns_kattr_header(nlh, sizeof *e);
  if (!*err || !e)
    return TRUE;
  /* Without NETLINK_CAP_ACK the offending request is echoed whole before
   * the attributes when the ack reports an error. */
  guint64 off = sizeof *e;
  if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
    if (e->msg.nlmsg_len < sizeof(struct nlmsghdr))
      return TRUE;
    off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
  }
  *extack = extack_at(nlh, off);
  return TRUE;
}
