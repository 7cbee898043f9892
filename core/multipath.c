#include "core/multipath.h"
#include "core/address.h"
#include "core/sysctl.h"
#include "core/world.h"

#include <stdlib.h>
#include <string.h>

#define ROTL(x, b) (guint64) (((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND                                                                                        \
  do {                                                                                                  \
    v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);                                           \
    v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                                              \
    v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                                              \
    v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);                                           \
  } while (0)

static guint64
le64(const guint8 *p, gsize n)
{
  guint64 v = 0;
  for (gsize i = 0; i < n; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

/* SipHash-2-4 (lib/siphash.c's siphash()). */
static guint64
siphash24(const guint8 *data, gsize len, guint64 k0, guint64 k1)
{
  guint64 v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
  guint64 v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
  gsize end = len - len % 8;
  for (gsize i = 0; i < end; i += 8) {
    guint64 m = le64(data + i, 8);
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
  }
  guint64 b = ((guint64) len << 56) | le64(data + end, len % 8);
  v3 ^= b;
  SIPROUND;
  SIPROUND;
  v0 ^= b;
  v2 ^= 0xff;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}

/* The __force u32 the kernel compares addresses as (x86: little-endian). */
static guint32
raw_u32(const guint8 b[4])
{
  return (guint32) b[0] | (guint32) b[1] << 8 | (guint32) b[2] << 16 | (guint32) b[3] << 24;
}

static guint32
mp_seed(NnsNetns *ns)
{
  const char *v = nns_sysctl_get(ns, "net/ipv4/fib_multipath_hash_seed");
  guint32 user = v ? (guint32) strtoul(v, NULL, 10) : 0;
  return user ? user : ns->world->mp_seed;
}

/* fib_multipath_hash_from_keys: SipHash-2-4 over `len` bytes of struct
 * flow_keys from `basic` on, keyed with the seed in both halves of each
 * 64-bit word; the low 32 bits (0 becomes 1), shifted right once. */
static guint32
keyed_hash(NnsNetns *ns, const guint8 *keys, gsize len)
{
  guint64 seed = mp_seed(ns);
  guint64 key = (seed << 32) | seed;
  guint32 h = (guint32) siphash24(keys, len, key, key);
  if (!h)
    h = 1;
  return h >> 1;
}

guint32
nns_multipath_hash4(NnsNetns *ns, const NnsInet *src, const NnsInet *dst)
{
  /* struct flow_keys from `basic` on: basic, tags, vlan, cvlan, keyid,
   * ports, icmp (36 bytes, all 0 for policy 0), addrs (v4: 8 of 32 bytes
   * counted, the union's next 4 bytes inside the hashed length). */
  guint8 keys[48] = { 0 };
  guint8 s[4] = { 0 }, d[4] = { 0 };
  if (src && src->family == AF_INET)
    memcpy(s, src->bytes, 4);
  if (dst && dst->family == AF_INET)
    memcpy(d, dst->bytes, 4);
  /* __flow_hash_consistentify: the same hash both ways. */
  gboolean swap = raw_u32(d) < raw_u32(s);
  memcpy(keys + 36, swap ? d : s, 4);
  memcpy(keys + 40, swap ? s : d, 4);
  return keyed_hash(ns, keys, sizeof keys);
}

guint32
nns_multipath_hash6(NnsNetns *ns, const NnsInet *src, const NnsInet *dst, guint32 flowlabel, guint8 proto)
{
  /* The same struct with IPv6 addresses: 72 bytes hashed (36 + 32 + the
   * struct's 4 bytes of padding); basic.ip_proto at byte 2, the flow
   * label as the header holds it (big-endian, 20 bits) at byte 4. */
  guint8 keys[72] = { 0 };
  guint8 s[16] = { 0 }, d[16] = { 0 };
  if (src && src->family == AF_INET6)
    memcpy(s, src->bytes, 16);
  if (dst && dst->family == AF_INET6)
    memcpy(d, dst->bytes, 16);
  keys[2] = proto;
  flowlabel &= 0xfffff;
  keys[5] = (guint8) (flowlabel >> 16);
  keys[6] = (guint8) (flowlabel >> 8);
  keys[7] = (guint8) flowlabel;
  /* __flow_hash_consistentify: memcmp order for IPv6. */
  gboolean swap = memcmp(d, s, 16) < 0;
  memcpy(keys + 36, swap ? d : s, 16);
  memcpy(keys + 52, swap ? s : d, 16);
  return keyed_hash(ns, keys, sizeof keys);
}

gboolean
nns_nexthop_dead(const NnsNexthop *nh)
{
  return nh->dev && !nh->dev->admin_up;
}

guint
nns_multipath_select(NnsNetns *ns, const NnsRoute *route, guint32 hash, const NnsInet *saddr)
{
  /* fib_rebalance: the upper bound of each live nexthop's share. */
  guint64 total = 0, w = 0;
  for (guint i = 0; i < route->nhs; i++)
    if (!nns_nexthop_dead(&route->nh[i]))
      total += route->nh[i].weight;
  gboolean want_src = saddr && saddr->family == AF_INET && nns_inet4_host(saddr) != 0;
  gboolean found = FALSE;
  guint sel = 0;
  for (guint i = 0; i < route->nhs; i++) {
    const NnsNexthop *nh = &route->nh[i];
    if (nns_nexthop_dead(nh))
      continue;
    w += nh->weight;
    gint64 upper = (gint64) (((w << 31) + total / 2) / total) - 1;
    gboolean src_ok = TRUE;
    if (want_src) {
      /* nh_saddr: inet_select_addr(dev, gateway, the route's scope). */
      NnsInet nh_saddr = { 0 };
      src_ok = nns_inet_select_addr(ns, nh->dev, nh->has_gateway ? &nh->gateway : NULL, route->scope, &nh_saddr) &&
               nns_inet_equal(&nh_saddr, saddr);
    }
    if (!found) {
      sel = i;
      found = src_ok;
    }
    if ((gint64) hash > upper)
      continue;
    if (src_ok)
      return i;
    if (found)
      return sel;
  }
  return sel;
}

guint
nns_multipath_select6(NnsNetns *ns, NnsRoute *const *siblings, guint n, guint32 hash)
{
  /* rt6_multipath_rebalance sets the same bounds over the siblings, from
   * the first in the node's order, as fib_rebalance over a fib_info's
   * paths; fib6_select_path takes the first live one whose bound is not
   * below the hash (there is no source preference in IPv6). */
  g_autofree NnsNexthop *paths = g_new0(NnsNexthop, n);
  for (guint i = 0; i < n; i++) {
    paths[i].dev = siblings[i]->dev;
    paths[i].weight = siblings[i]->weight ? siblings[i]->weight : 1;
  }
  NnsRoute group = { .family = AF_INET6, .nh = paths, .nhs = n };
  return nns_multipath_select(ns, &group, hash, NULL);
}
