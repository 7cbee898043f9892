/* Names iptables prints and parses: protocols, services, ICMP types,
 * reject types (libxt_icmp.c, libipt_REJECT.c). */
#include "lib/iptables/ipt-grammar.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
nns_ipt_proto_name(guint proto)
{
  if (proto == 0)
    return "all";
  for (const NnsIptName *n = nns_ipt_protocols; n->name; n++)
    if ((guint) n->num == proto)
      return n->name;
  return NULL;
}

static gboolean
parse_uint(const char *s, guint max, guint *out)
{
  char *end;
  if (!*s || !g_ascii_isdigit(*s))
    return FALSE;
  unsigned long v = strtoul(s, &end, 10);
  if (*end || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

/* xtables_parse_protocol: a number, "all", or a name (any case). */
gboolean
nns_ipt_proto_parse(const char *s, guint16 *proto)
{
  guint v;
  if (parse_uint(s, 255, &v)) {
    *proto = v;
    return TRUE;
  }
  if (g_ascii_strcasecmp(s, "all") == 0) {
    *proto = 0;
    return TRUE;
  }
  /* xtables_chain_protos' names beside /etc/protocols'. */
  if (g_ascii_strcasecmp(s, "icmpv6") == 0) {
    *proto = 58;
    return TRUE;
  }
  for (const NnsIptName *n = nns_ipt_protocols; n->name; n++)
    if (g_ascii_strcasecmp(n->name, s) == 0) {
      *proto = n->num;
      return TRUE;
    }
  return FALSE;
}

static const NnsIptName *
services(guint proto)
{
  return proto == 17 ? nns_ipt_udp_services : proto == 6 ? nns_ipt_tcp_services : NULL;
}

const char *
nns_ipt_service_name(guint port, guint proto)
{
  const NnsIptName *t = services(proto);
  for (; t && t->name; t++)
    if ((guint) t->num == port)
      return t->name;
  return NULL;
}

gboolean
nns_ipt_service_parse(const char *s, guint proto, guint16 *port)
{
  guint v;
  if (parse_uint(s, 65535, &v)) {
    *port = v;
    return TRUE;
  }
  const NnsIptName *t = services(proto ? proto : 6);
  for (; t && t->name; t++)
    if (g_str_equal(t->name, s)) {
      *port = t->num;
      return TRUE;
    }
  return FALSE;
}

static const char *const reject_names[] = {
  [NNS_NF_REJECT_NET_UNREACHABLE] = "icmp-net-unreachable",
  [NNS_NF_REJECT_HOST_UNREACHABLE] = "icmp-host-unreachable",
  [NNS_NF_REJECT_PROT_UNREACHABLE] = "icmp-proto-unreachable",
  [NNS_NF_REJECT_PORT_UNREACHABLE] = "icmp-port-unreachable",
  [NNS_NF_REJECT_ECHOREPLY] = "icmp-echo-reply",
  [NNS_NF_REJECT_NET_PROHIBITED] = "icmp-net-prohibited",
  [NNS_NF_REJECT_HOST_PROHIBITED] = "icmp-host-prohibited",
  [NNS_NF_REJECT_TCP_RESET] = "tcp-reset",
  [NNS_NF_REJECT_ADMIN_PROHIBITED] = "icmp-admin-prohibited",
  [NNS_NF_REJECT6_NO_ROUTE] = "icmp6-no-route",
  [NNS_NF_REJECT6_ADM_PROHIBITED] = "icmp6-adm-prohibited",
  [NNS_NF_REJECT6_ADDR_UNREACH] = "icmp6-addr-unreachable",
  [NNS_NF_REJECT6_PORT_UNREACH] = "icmp6-port-unreachable",
  [NNS_NF_REJECT6_POLICY_FAIL] = "icmp6-policy-fail",
  [NNS_NF_REJECT6_REJECT_ROUTE] = "icmp6-reject-route",
};

const char *
nns_ipt_reject_name(NnsNfRejectWith with)
{
  return reject_names[with];
}

typedef struct {
  const char *name;
  guint8 type, cmin, cmax;
} IcmpName;

static const IcmpName icmp_codes[] = {
  { "any", 0xFF, 0, 0xFF },
  { "echo-reply", 0, 0, 0xFF },
  { "destination-unreachable", 3, 0, 0xFF },
  { "network-unreachable", 3, 0, 0 },
  { "host-unreachable", 3, 1, 1 },
  { "protocol-unreachable", 3, 2, 2 },
  { "port-unreachable", 3, 3, 3 },
  { "fragmentation-needed", 3, 4, 4 },
  { "source-route-failed", 3, 5, 5 },
  { "network-unknown", 3, 6, 6 },
  { "host-unknown", 3, 7, 7 },
  { "network-prohibited", 3, 9, 9 },
  { "host-prohibited", 3, 10, 10 },
  { "TOS-network-unreachable", 3, 11, 11 },
  { "TOS-host-unreachable", 3, 12, 12 },
  { "communication-prohibited", 3, 13, 13 },
  { "host-precedence-violation", 3, 14, 14 },
  { "precedence-cutoff", 3, 15, 15 },
  { "source-quench", 4, 0, 0xFF },
  { "redirect", 5, 0, 0xFF },
  { "network-redirect", 5, 0, 0 },
  { "host-redirect", 5, 1, 1 },
  { "TOS-network-redirect", 5, 2, 2 },
  { "TOS-host-redirect", 5, 3, 3 },
  { "echo-request", 8, 0, 0xFF },
  { "router-advertisement", 9, 0, 0xFF },
  { "router-solicitation", 10, 0, 0xFF },
  { "time-exceeded", 11, 0, 0xFF },
  { "ttl-zero-during-transit", 11, 0, 0 },
  { "ttl-zero-during-reassembly", 11, 1, 1 },
  { "parameter-problem", 12, 0, 0xFF },
  { "ip-header-bad", 12, 0, 0 },
  { "required-option-missing", 12, 1, 1 },
  { "timestamp-request", 13, 0, 0xFF },
  { "timestamp-reply", 14, 0, 0xFF },
  { "address-mask-request", 17, 0, 0xFF },
  { "address-mask-reply", 18, 0, 0xFF },
};

/* libip6t_icmp6's names (aliases after the name printed). */
static const IcmpName icmp6_codes[] = {
  { "destination-unreachable", 1, 0, 0xFF },
  { "no-route", 1, 0, 0 },
  { "communication-prohibited", 1, 1, 1 },
  { "beyond-scope", 1, 2, 2 },
  { "address-unreachable", 1, 3, 3 },
  { "port-unreachable", 1, 4, 4 },
  { "failed-policy", 1, 5, 5 },
  { "reject-route", 1, 6, 6 },
  { "packet-too-big", 2, 0, 0xFF },
  { "time-exceeded", 3, 0, 0xFF },
  { "ttl-exceeded", 3, 0, 0xFF },
  { "ttl-zero-during-transit", 3, 0, 0 },
  { "ttl-zero-during-reassembly", 3, 1, 1 },
  { "parameter-problem", 4, 0, 0xFF },
  { "bad-header", 4, 0, 0 },
  { "unknown-header-type", 4, 1, 1 },
  { "unknown-option", 4, 2, 2 },
  { "echo-request", 128, 0, 0xFF },
  { "ping", 128, 0, 0xFF },
  { "echo-reply", 129, 0, 0xFF },
  { "pong", 129, 0, 0xFF },
  { "router-solicitation", 133, 0, 0xFF },
  { "router-advertisement", 134, 0, 0xFF },
  { "neighbour-solicitation", 135, 0, 0xFF },
  { "neighbor-solicitation", 135, 0, 0xFF },
  { "neighbour-advertisement", 136, 0, 0xFF },
  { "neighbor-advertisement", 136, 0, 0xFF },
  { "redirect", 137, 0, 0xFF },
};

static const char *
icmp_name(const IcmpName *table, gsize n, guint8 type, guint8 cmin, guint8 cmax)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].type == type && table[i].cmin == cmin && table[i].cmax == cmax)
      return table[i].name;
  return NULL;
}

const char *
nns_ipt_icmp_name(guint8 type, guint8 cmin, guint8 cmax)
{
  return icmp_name(icmp_codes, G_N_ELEMENTS(icmp_codes), type, cmin, cmax);
}

const char *
nns_ipt_icmp6_name(guint8 type, guint8 cmin, guint8 cmax)
{
  return icmp_name(icmp6_codes, G_N_ELEMENTS(icmp6_codes), type, cmin, cmax);
}

static gboolean icmp_parse(const IcmpName *table, gsize n, const char *s, guint8 *type, guint8 *cmin,
                           guint8 *cmax);

gboolean
nns_ipt_icmp_parse(const char *s, guint8 *type, guint8 *cmin, guint8 *cmax)
{
  return icmp_parse(icmp_codes, G_N_ELEMENTS(icmp_codes), s, type, cmin, cmax);
}

gboolean
nns_ipt_icmp6_parse(const char *s, guint8 *type, guint8 *cmin, guint8 *cmax)
{
  return icmp_parse(icmp6_codes, G_N_ELEMENTS(icmp6_codes), s, type, cmin, cmax);
}

/* parse_icmp(v6): a (unique prefix of a) name, or TYPE[/CODE]. */
static gboolean
icmp_parse(const IcmpName *table, gsize n, const char *s, guint8 *type, guint8 *cmin, guint8 *cmax)
{
  const IcmpName *hit = NULL;
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strncasecmp(table[i].name, s, strlen(s)) == 0) {
      if (strlen(table[i].name) == strlen(s)) {
        hit = &table[i];
        break;
      }
      if (!hit)
        hit = &table[i];
    }
  if (hit && *s) {
    *type = hit->type;
    *cmin = hit->cmin;
    *cmax = hit->cmax;
    return TRUE;
  }
  g_auto(GStrv) parts = g_strsplit(s, "/", 2);
  guint t, c;
  if (!parse_uint(parts[0], 255, &t))
    return FALSE;
  *type = t;
  if (parts[1]) {
    if (!parse_uint(parts[1], 255, &c))
      return FALSE;
    *cmin = *cmax = c;
  } else {
    *cmin = 0;
    *cmax = 0xFF;
  }
  return TRUE;
}
