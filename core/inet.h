/* IPv4 and IPv6 addresses as netlink carries them (network byte order). */
#pragma once

#include <glib.h>
#include <sys/socket.h>

G_BEGIN_DECLS

typedef struct {
  guint8 family;            /* AF_INET or AF_INET6; 0 = unset */
  guint8 bytes[16];
} NnsInet;

#define NNS_INET_STRLEN 46

/* Parse a dotted quad or an IPv6 address (no prefix). */
gboolean nns_inet_parse(const char *text, NnsInet *out);
/* Writes into buf (NNS_INET_STRLEN bytes) and returns it. */
const char *nns_inet_format(const NnsInet *addr, char *buf);

guint nns_inet_bits(const NnsInet *addr);
gboolean nns_inet_equal(const NnsInet *a, const NnsInet *b);
/* Lexicographic, as the kernel's fib trie orders keys. */
int nns_inet_compare(const NnsInet *a, const NnsInet *b);
/* Clear every bit after the first plen. */
void nns_inet_mask(NnsInet *addr, guint plen);
/* Set every bit after the first plen (an IPv4 broadcast address). */
void nns_inet_fill_host(NnsInet *addr, guint plen);
gboolean nns_inet_same_prefix(const NnsInet *a, const NnsInet *b, guint plen);
NnsInet nns_inet4(guint32 host_order);
guint32 nns_inet4_host(const NnsInet *addr);
/* The same in network byte order, as packet headers and tuples keep it. */
NnsInet nns_inet4_from_be(guint32 network_order);
guint32 nns_inet4_be(const NnsInet *addr);

G_END_DECLS
