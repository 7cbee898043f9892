/* What iptables prints for -L (print_header, print_rule_details, the
 * extensions' print functions), byte for byte as 1.8.9 (nf_tables); the
 * -S / iptables-save form is lib/iptables/ipt-save-rule.c. */
#include "shell/iptables/ipt.h"

#include <arpa/inet.h>
#include <string.h>

#define FMT(tab, notab) ((fmt & NNS_IPT_FMT_NOTABLE) ? (notab) : (tab))

/* xtables_print_num */
static void
print_num(GString *out, guint64 n, guint fmt)
{
  if (!(fmt & NNS_IPT_FMT_KMG)) {
    g_string_append_printf(out, FMT("%8" G_GUINT64_FORMAT " ", "%" G_GUINT64_FORMAT " "), n);
    return;
  }
  if (n <= 99999) {
    g_string_append_printf(out, FMT("%5" G_GUINT64_FORMAT " ", "%" G_GUINT64_FORMAT " "), n);
    return;
  }
  static const char units[] = "KMGT";
  for (int u = 0; u < 4; u++) {
    n = (n + 500) / 1000;
    if (n <= 9999 || u == 3) {
      g_string_append_printf(out, FMT("%4" G_GUINT64_FORMAT "%c ", "%" G_GUINT64_FORMAT "%c "), n, units[u]);
      return;
    }
  }
}

static const char *
policy_name(NnsNfVerdict v)
{
  return v == NNS_NF_DROP ? "DROP" : "ACCEPT";
}

void
nns_ipt_print_header(GString *out, const NnsNfChainRecord *c, guint fmt)
{
  g_string_append_printf(out, "Chain %s", c->name);
  if (c->builtin) {
    g_string_append_printf(out, " (policy %s", policy_name(c->policy));
    if (!(fmt & NNS_IPT_FMT_NOCOUNTS)) {
      g_string_append_c(out, ' ');
      print_num(out, c->packets, fmt | NNS_IPT_FMT_NOTABLE);
      g_string_append(out, "packets, ");
      print_num(out, c->bytes, fmt | NNS_IPT_FMT_NOTABLE);
      g_string_append(out, "bytes");
    }
    g_string_append(out, ")\n");
  } else {
    g_string_append_printf(out, " (%u references)\n", c->refs);
  }
  if (fmt & NNS_IPT_FMT_LINENUM)
    g_string_append_printf(out, "%-4s ", "num");
  if (!(fmt & NNS_IPT_FMT_NOCOUNTS)) {
    if (fmt & NNS_IPT_FMT_KMG)
      g_string_append_printf(out, "%5s %5s ", "pkts", "bytes");
    else
      g_string_append_printf(out, "%8s %10s ", "pkts", "bytes");
  }
  g_string_append_printf(out, "%-9s ", "target");
  g_string_append(out, " prot opt");
  if (fmt & NNS_IPT_FMT_VIA)
    g_string_append_printf(out, " %-6s %-6s ", "in", "out");
  g_string_append_printf(out, " %-19s ", "source");
  g_string_append_printf(out, " %-19s ", "destination");
  g_string_append_c(out, '\n');
}

static void
ip_text(char *buf, guint32 addr)
{
  inet_ntop(AF_INET, &addr, buf, INET_ADDRSTRLEN);
}

/* xtables_ipmask_to_numeric: "" for /32, "/N" for a prefix, else dotted. */
static void
append_mask(GString *out, guint32 mask)
{
  guint32 m = g_ntohl(mask);
  if (m == 0xffffffff)
    return;
  int bits = 0;
  while (bits < 32 && (m & (0x80000000u >> bits)))
    bits++;
  if (bits < 32 && (m << bits) != 0) {
    char buf[INET_ADDRSTRLEN];
    ip_text(buf, mask);
    g_string_append_printf(out, "/%s", buf);
  } else {
    g_string_append_printf(out, "/%d", bits);
  }
}

static void
print_addr(GString *out, guint32 addr, guint32 mask, gboolean inv, guint fmt)
{
  g_autoptr(GString) buf = g_string_new(NULL);
  if (mask == 0 && !(fmt & NNS_IPT_FMT_NUMERIC)) {
    g_string_append(buf, "anywhere");
  } else {
    char a[INET_ADDRSTRLEN];
    ip_text(a, addr);
    /* /etc/hosts names loopback; nothing else resolves in a sandbox. */
    if (!(fmt & NNS_IPT_FMT_NUMERIC) && addr == g_htonl(0x7f000001))
      g_string_append(buf, "localhost");
    else
      g_string_append(buf, a);
    append_mask(buf, mask);
  }
  g_string_append_c(out, inv ? '!' : ' ');
  g_string_append_printf(out, "%-19s ", buf->str);
}

/* xtables_ip6addr_to_numeric and xtables_ip6mask_to_numeric; no IPv6
 * name resolves in a sandbox (recorded: ::1 prints as itself). */
static void
print_addr6(GString *out, const guint8 *addr, const guint8 *mask, gboolean inv, guint fmt)
{
  static const guint8 zero[16];
  g_autoptr(GString) buf = g_string_new(NULL);
  if (!memcmp(mask, zero, 16) && !(fmt & NNS_IPT_FMT_NUMERIC)) {
    g_string_append(buf, "anywhere");
  } else {
    char a[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, addr, a, sizeof a);
    g_string_append(buf, a);
    int bits = nns_ipt_mask6_len(mask);
    if (bits < 0) {
      inet_ntop(AF_INET6, mask, a, sizeof a);
      g_string_append_printf(buf, "/%s", a);
    } else if (bits < 128) {
      g_string_append_printf(buf, "/%d", bits);
    }
  }
  g_string_append_c(out, inv ? '!' : ' ');
  g_string_append_printf(out, "%-19s ", buf->str);
}

static void
print_port(GString *out, guint port, guint proto, guint fmt)
{
  const char *name = (fmt & NNS_IPT_FMT_NUMERIC) ? NULL : nns_ipt_service_name(port, proto);
  if (name)
    g_string_append(out, name);
  else
    g_string_append_printf(out, "%u", port);
}

static void
print_ports(GString *out, const char *name, const guint16 r[2], gboolean inv, guint proto, guint fmt)
{
  if (r[0] == 0 && r[1] == 0xffff && !inv)
    return;
  g_string_append_printf(out, " %s", name);
  if (r[0] == r[1]) {
    g_string_append_printf(out, ":%s", inv ? "!" : "");
    print_port(out, r[0], proto, fmt);
  } else {
    g_string_append_printf(out, "s:%s", inv ? "!" : "");
    print_port(out, r[0], proto, fmt);
    g_string_append_c(out, ':');
    print_port(out, r[1], proto, fmt);
  }
}

static void
print_match(GString *out, const NnsNfRule *r, const NnsNfMatch *m, guint proto, guint fmt)
{
  switch (m->kind) {
  case NNS_NF_MATCH_TCP:
  case NNS_NF_MATCH_UDP: {
    guint pr = m->kind == NNS_NF_MATCH_TCP ? 6 : 17;
    g_string_append(out, pr == 6 ? " tcp" : " udp");
    print_ports(out, "spt", m->u.l4.spts, m->u.l4.inv_sport, pr, fmt);
    print_ports(out, "dpt", m->u.l4.dpts, m->u.l4.inv_dport, pr, fmt);
    if (m->u.l4.has_flags) {
      g_string_append_printf(out, " flags:%s", m->u.l4.inv_flags ? "!" : "");
      if (fmt & NNS_IPT_FMT_NUMERIC) {
        g_string_append_printf(out, "0x%02X/0x%02X", m->u.l4.flg_mask, m->u.l4.flg_cmp);
      } else {
        nns_ipt_append_tcp_flags(out, m->u.l4.flg_mask);
        g_string_append_c(out, '/');
        nns_ipt_append_tcp_flags(out, m->u.l4.flg_cmp);
      }
    }
    break;
  }
  case NNS_NF_MATCH_ICMP:
  case NNS_NF_MATCH_ICMP6: {
    gboolean v6 = m->kind == NNS_NF_MATCH_ICMP6;
    g_string_append(out, v6 ? " ipv6-icmp" : " icmp");
    const char *name = (fmt & NNS_IPT_FMT_NUMERIC) ? NULL
                       : v6 ? nns_ipt_icmp6_name(m->u.icmp.type, m->u.icmp.code_min, m->u.icmp.code_max)
                            : nns_ipt_icmp_name(m->u.icmp.type, m->u.icmp.code_min, m->u.icmp.code_max);
    if (name) {
      g_string_append_printf(out, " %s%s", m->invert ? "!" : "", name);
      break;
    }
    if (m->invert)
      g_string_append(out, " !");
    g_string_append_printf(out, "type %u", m->u.icmp.type);
    if (m->u.icmp.code_min == m->u.icmp.code_max)
      g_string_append_printf(out, " code %u", m->u.icmp.code_min);
    else if (m->u.icmp.code_min != 0 || m->u.icmp.code_max != 0xff)
      g_string_append_printf(out, " codes %u-%u", m->u.icmp.code_min, m->u.icmp.code_max);
    break;
  }
  case NNS_NF_MATCH_MULTIPORT: {
    static const char *const kinds[] = { "sports ", "dports ", "ports " };
    g_string_append_printf(out, " multiport %s", kinds[m->u.multiport.flags]);
    if (m->invert)
      g_string_append(out, " !");
    for (guint i = 0; i < m->u.multiport.count; i++) {
      if (i)
        g_string_append_c(out, ',');
      print_port(out, m->u.multiport.ports[i], proto, fmt);
      if (m->u.multiport.pflags[i]) {
        g_string_append_c(out, ':');
        print_port(out, m->u.multiport.ports[++i], proto, fmt);
      }
    }
    break;
  }
  case NNS_NF_MATCH_STATE:
  case NNS_NF_MATCH_CONNTRACK:
    if (m->invert)
      g_string_append(out, " !");
    g_string_append(out, m->kind == NNS_NF_MATCH_STATE ? " state " : " ctstate ");
    nns_ipt_append_states(out, m->u.states);
    break;
  case NNS_NF_MATCH_COMMENT:
    g_string_append_printf(out, " /* %s */", m->u.comment);
    break;
  default:
    nns_ipt_print_xmatch(out, r, m, fmt);
    break;
  }
}

static void
print_target(GString *out, const NnsNfRule *r, const NnsNfTarget *t, guint fmt)
{
  static const char *const levels[] = { "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug" };
  switch (t->kind) {
  case NNS_NF_TARGET_REJECT:
    g_string_append_printf(out, " reject-with %s", nns_ipt_reject_name(t->reject_with));
    break;
  case NNS_NF_TARGET_LOG:
    g_string_append(out, " LOG");
    if (fmt & NNS_IPT_FMT_NUMERIC)
      g_string_append_printf(out, " flags %u level %u", t->log_flags, t->log_level);
    else
      g_string_append_printf(out, " level %s", levels[t->log_level & 7]);
    if (t->log_prefix[0])
      g_string_append_printf(out, " prefix \"%s\"", t->log_prefix);
    break;
  case NNS_NF_TARGET_SNAT:
  case NNS_NF_TARGET_DNAT:
    g_string_append(out, " to:");
    nns_ipt_append_nat_range_family(out, r->family, &t->nat);
    break;
  case NNS_NF_TARGET_MASQUERADE:
  case NNS_NF_TARGET_REDIRECT:
    if (t->nat.has_ports) {
      g_string_append(out, t->kind == NNS_NF_TARGET_MASQUERADE ? " masq ports: " : " redir ports ");
      g_string_append_printf(out, "%u", t->nat.min_port);
      if (t->nat.max_port != t->nat.min_port)
        g_string_append_printf(out, "-%u", t->nat.max_port);
    }
    break;
  default:
    break;
  }
}

static void
print_iface(GString *out, const char *name, gboolean inv, guint fmt, gboolean first)
{
  char buf[NNS_NF_IFNAMSIZ + 2];
  const char *none = (fmt & NNS_IPT_FMT_NUMERIC) ? "*" : "any";
  g_snprintf(buf, sizeof buf, "%s%s", inv ? "!" : "", name[0] ? name : none);
  g_string_append_printf(out, first ? " %-6s " : "%-6s ", buf);
}

void
nns_ipt_print_rule(GString *out, const NnsNfRule *r, guint num, guint fmt)
{
  if (fmt & NNS_IPT_FMT_LINENUM)
    g_string_append_printf(out, "%-4u ", num);
  if (!(fmt & NNS_IPT_FMT_NOCOUNTS)) {
    print_num(out, r->packets, fmt);
    print_num(out, r->bytes, fmt);
  }
  g_string_append_printf(out, "%-9s ", nns_ipt_target_name(&r->target));
  g_string_append_c(out, (r->invflags & NNS_NF_INV_PROTO) ? '!' : ' ');
  const char *pname = (fmt & NNS_IPT_FMT_NUMERIC) ? NULL : nns_ipt_proto_name(r->proto);
  if (pname)
    g_string_append_printf(out, "%-4s ", pname);
  else
    g_string_append_printf(out, "%-4u ", r->proto);
  g_string_append(out, "-- ");
  if (fmt & NNS_IPT_FMT_VIA) {
    print_iface(out, r->iniface, r->invflags & NNS_NF_INV_IN, fmt, TRUE);
    print_iface(out, r->outiface, r->invflags & NNS_NF_INV_OUT, fmt, FALSE);
  }
  if (r->family == AF_INET6) {
    print_addr6(out, r->src6, r->smsk6, r->invflags & NNS_NF_INV_SRC, fmt);
    print_addr6(out, r->dst6, r->dmsk6, r->invflags & NNS_NF_INV_DST, fmt);
  } else {
    print_addr(out, r->src, r->smsk, r->invflags & NNS_NF_INV_SRC, fmt);
    print_addr(out, r->dst, r->dmsk, r->invflags & NNS_NF_INV_DST, fmt);
  }
  for (guint i = 0; i < r->n_matches; i++)
    print_match(out, r, &r->matches[i], r->proto, fmt);
  print_target(out, r, &r->target, fmt);
  g_string_append_c(out, '\n');
}
