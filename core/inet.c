#include "core/inet.h"

#include <arpa/inet.h>
#include <string.h>

gboolean
nns_inet_parse(const char *text, NnsInet *out)
{
  memset(out, 0, sizeof *out);
  if (inet_pton(AF_INET, text, out->bytes) == 1) {
    out->family = AF_INET;
    return TRUE;
  }
  if (inet_pton(AF_INET6, text, out->bytes) == 1) {
    out->family = AF_INET6;
    return TRUE;
  }
  return FALSE;
}

const char *
nns_inet_format(const NnsInet *addr, char *buf)
{
  if (!inet_ntop(addr->family, addr->bytes, buf, NNS_INET_STRLEN))
    strcpy(buf, "?");
  return buf;
}

guint
nns_inet_bits(const NnsInet *addr)
{
  return addr->family == AF_INET6 ? 128 : 32;
}

gboolean
nns_inet_equal(const NnsInet *a, const NnsInet *b)
{
  return a->family == b->family && memcmp(a->bytes, b->bytes, nns_inet_bits(a) / 8) == 0;
}

int
nns_inet_compare(const NnsInet *a, const NnsInet *b)
{
  if (a->family != b->family)
    return a->family < b->family ? -1 : 1;
  return memcmp(a->bytes, b->bytes, nns_inet_bits(a) / 8);
}

void
nns_inet_mask(NnsInet *addr, guint plen)
{
  for (guint bit = plen; bit < nns_inet_bits(addr); bit++)
    addr->bytes[bit / 8] &= (guint8) ~(0x80 >> (bit % 8));
}

void
nns_inet_fill_host(NnsInet *addr, guint plen)
{
  for (guint bit = plen; bit < nns_inet_bits(addr); bit++)
    addr->bytes[bit / 8] |= (guint8) (0x80 >> (bit % 8));
}

gboolean
nns_inet_same_prefix(const NnsInet *a, const NnsInet *b, guint plen)
{
  NnsInet x = *a, y = *b;
  if (a->family != b->family)
    return FALSE;
  nns_inet_mask(&x, plen);
  nns_inet_mask(&y, plen);
  return nns_inet_equal(&x, &y);
}

NnsInet
nns_inet4(guint32 host_order)
{
  NnsInet a = { .family = AF_INET };
  guint32 be = htonl(host_order);
  memcpy(a.bytes, &be, 4);
  return a;
}

guint32
nns_inet4_host(const NnsInet *addr)
{
  return ntohl(nns_inet4_be(addr));
}

NnsInet
nns_inet4_from_be(guint32 network_order)
{
  return nns_inet4(ntohl(network_order));
}

guint32
nns_inet4_be(const NnsInet *addr)
{
  guint32 be;
  memcpy(&be, addr->bytes, 4);
  return be;
}
