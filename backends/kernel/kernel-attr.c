/* Attribute tables and typed reads shared by the decoders
 * (kernel-decode.h): every read checked against the attribute's and the
 * message's length with libmnl's validation.  And the address writer the
 * requests share. */
#include "backends/kernel/kernel-decode.h"

#include <string.h>
#include <sys/socket.h>

typedef struct {
  const struct nlattr **tb;
  int max;
} AttrTable;

static int
keep_attr(const struct nlattr *attr, void *data)
{
  AttrTable *t = data;
  /* Unknown attributes (newer kernels add them) are not an error. */
  if (mnl_attr_type_valid(attr, (guint16) t->max) > 0)
    t->tb[mnl_attr_get_type(attr)] = attr;
  return MNL_CB_OK;
}

gboolean
nns_kernel_msg_ok(const struct nlmsghdr *nlh, int len)
{
  return mnl_nlmsg_ok(nlh, len) && nlh->nlmsg_len <= (guint32) len;
}

const void *
nns_kattr_header(const struct nlmsghdr *nlh, gsize size)
{
  return mnl_nlmsg_get_payload_len(nlh) >= size ? mnl_nlmsg_get_payload(nlh) : NULL;
}

void
nns_kattr_parse_payload(const void *payload, gsize len, const struct nlattr **tb, int max)
{
  memset(tb, 0, (gsize) (max + 1) * sizeof *tb);
  AttrTable t = { tb, max };
  /* mnl_attr_parse_payload stops at the first attribute that does not fit
   * in len (mnl_attr_ok); mnl_attr_parse would walk up to nlmsg_len
   * rounded up to 4, past the end of a last message not so rounded. */
  if (len > 0)
    mnl_attr_parse_payload(payload, len, keep_attr, &t);
}

gboolean
nns_kattr_parse(const struct nlmsghdr *nlh, gsize hdr_size, const struct nlattr **tb, int max)
{
  gsize len = mnl_nlmsg_get_payload_len(nlh);
  gsize off = MNL_ALIGN(hdr_size);
  if (len < hdr_size) {
    memset(tb, 0, (gsize) (max + 1) * sizeof *tb);
    return FALSE;
  }
  nns_kattr_parse_payload((const char *) mnl_nlmsg_get_payload(nlh) + off, len > off ? len - off : 0, tb, max);
  return TRUE;
}

void
nns_kattr_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max)
{
  nns_kattr_parse_payload(mnl_attr_get_payload(nest), mnl_attr_get_payload_len(nest), tb, max);
}

gboolean
nns_kattr_u8(const struct nlattr *a, guint8 *out)
{
  if (!a || mnl_attr_validate(a, MNL_TYPE_U8) < 0)
    return FALSE;
  *out = mnl_attr_get_u8(a);
  return TRUE;
}

gboolean
nns_kattr_u16(const struct nlattr *a, guint16 *out)
{
  if (!a || mnl_attr_validate(a, MNL_TYPE_U16) < 0)
    return FALSE;
  *out = mnl_attr_get_u16(a);
  return TRUE;
}

gboolean
nns_kattr_u32(const struct nlattr *a, guint32 *out)
{
  if (!a || mnl_attr_validate(a, MNL_TYPE_U32) < 0)
    return FALSE;
  *out = mnl_attr_get_u32(a);
  return TRUE;
}

gboolean
nns_kattr_u64(const struct nlattr *a, guint64 *out)
{
  if (!a || mnl_attr_validate(a, MNL_TYPE_U64) < 0)
    return FALSE;
  /* 64-bit attributes are 4-byte aligned in the message. */
  memcpy(out, mnl_attr_get_payload(a), sizeof *out);
  return TRUE;
}

guint8
nns_kattr_u8_or(const struct nlattr *a, guint8 dflt)
{
  nns_kattr_u8(a, &dflt);
  return dflt;
}

guint16
nns_kattr_u16_or(const struct nlattr *a, guint16 dflt)
{
  nns_kattr_u16(a, &dflt);
  return dflt;
}

guint32
nns_kattr_u32_or(const struct nlattr *a, guint32 dflt)
{
  nns_kattr_u32(a, &dflt);
  return dflt;
}

guint64
nns_kattr_u64_or(const struct nlattr *a, guint64 dflt)
{
  nns_kattr_u64(a, &dflt);
  return dflt;
}

const void *
nns_kattr_struct(const struct nlattr *a, gsize size)
{
  return a && mnl_attr_get_payload_len(a) >= size ? mnl_attr_get_payload(a) : NULL;
}

void
nns_kattr_bytes(const struct nlattr *a, void *out, gsize size)
{
  memset(out, 0, size);
  if (a)
    memcpy(out, mnl_attr_get_payload(a), MIN((gsize) mnl_attr_get_payload_len(a), size));
}

void
nns_kattr_inet(const struct nlattr *a, guint8 family, NnsInet *out)
{
  memset(out, 0, sizeof *out);
  out->family = family;
  nns_kattr_bytes(a, out->bytes, sizeof out->bytes);
}

void
nns_kattr_string(const struct nlattr *a, char *out, gsize size)
{
  out[0] = '\0';
  if (!a || size == 0)
    return;
  gsize len = MIN((gsize) mnl_attr_get_payload_len(a), size - 1);
  const char *p = mnl_attr_get_payload(a);
  const char *nul = memchr(p, '\0', len);
  if (nul)
    len = (gsize) (nul - p);
  memcpy(out, p, len);
  out[len] = '\0';
}

const char *
nns_kattr_str(const struct nlattr *a)
{
  if (!a || mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
    return NULL;
  return mnl_attr_get_str(a);
}

const char *
nns_kattr_interned(const struct nlattr *a)
{
  const char *s = nns_kattr_str(a);
  return s ? g_intern_string(s) : NULL;
}

guint
nns_kattr_inet_len(guint8 family)
{
  return family == AF_INET6 ? 16 : 4;
}

void
nns_kattr_put_inet(struct nlmsghdr *nlh, guint16 type, guint8 family, const guint8 *bytes)
{
  mnl_attr_put(nlh, type, nns_kattr_inet_len(family), bytes);
}
