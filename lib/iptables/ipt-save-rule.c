/* The iptables rule language as iptables-save writes it, and the small
 * pieces of wording the -L printer shares with it (libxt_*.c's save and
 * print functions, byte for byte as 1.8.9 (nf_tables)). */
#include "lib/iptables/ipt-grammar.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

static void
ip_text(char *buf, guint32 addr)
{
  inet_ntop(AF_INET, &addr, buf, INET_ADDRSTRLEN);
}

const char *
nns_ipt_target_name(const NnsNfTarget *t)
{
  switch (t->kind) {
  case NNS_NF_TARGET_NONE: return "";
  case NNS_NF_TARGET_ACCEPT: return "ACCEPT";
  case NNS_NF_TARGET_DROP: return "DROP";
  case NNS_NF_TARGET_RETURN: return "RETURN";
  case NNS_NF_TARGET_JUMP: return t->chain;
  case NNS_NF_TARGET_REJECT: return "REJECT";
  case NNS_NF_TARGET_LOG: return "LOG";
  case NNS_NF_TARGET_MASQUERADE: return "MASQUERADE";
  case NNS_NF_TARGET_SNAT: return "SNAT";
  case NNS_NF_TARGET_DNAT: return "DNAT";
  case NNS_NF_TARGET_REDIRECT: return "REDIRECT";
  }
  return "";
}


void
nns_ipt_append_tcp_flags(GString *out, guint8 flags)
{
  static const struct { const char *n; guint8 f; } names[] = {
    { "FIN", 0x01 }, { "SYN", 0x02 }, { "RST", 0x04 }, { "PSH", 0x08 }, { "ACK", 0x10 }, { "URG", 0x20 },
  };
  gboolean have = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (flags & names[i].f) {
      g_string_append_printf(out, "%s%s", have ? "," : "", names[i].n);
      have = TRUE;
    }
  if (!have)
    g_string_append(out, "NONE");
}

void
nns_ipt_append_states(GString *out, guint states)
{
  static const struct { guint bit; const char *n; } order[] = {
    { NNS_NF_CT_INVALID, "INVALID" }, { NNS_NF_CT_NEW, "NEW" }, { NNS_NF_CT_RELATED, "RELATED" },
    { NNS_NF_CT_ESTABLISHED, "ESTABLISHED" }, { NNS_NF_CT_UNTRACKED, "UNTRACKED" },
    { NNS_NF_CT_SNAT, "SNAT" }, { NNS_NF_CT_DNAT, "DNAT" },
  };
  const char *sep = "";
  for (gsize i = 0; i < G_N_ELEMENTS(order); i++)
    if (states & order[i].bit) {
      g_string_append_printf(out, "%s%s", sep, order[i].n);
      sep = ",";
    }
}

void
nns_ipt_append_nat_range(GString *out, const NnsNfNatRange *r)
{
  char a[INET_ADDRSTRLEN];
  if (r->has_addr) {
    ip_text(a, r->min_addr);
    g_string_append(out, a);
    if (r->max_addr != r->min_addr) {
      ip_text(a, r->max_addr);
      g_string_append_printf(out, "-%s", a);
    }
  }
  if (r->has_ports) {
    g_string_append_printf(out, ":%u", r->min_port);
    if (r->max_port != r->min_port)
      g_string_append_printf(out, "-%u", r->max_port);
  }
}


/* ip6tables: [ADDR[-ADDR]]:PORT[-PORT] when there are ports. */
void
nns_ipt_append_nat_range_family(GString *out, int family, const NnsNfNatRange *r)
{
  if (family != AF_INET6) {
    nns_ipt_append_nat_range(out, r);
    return;
  }
  char a[INET6_ADDRSTRLEN];
  if (r->has_addr) {
    if (r->has_ports)
      g_string_append_c(out, '[');
    inet_ntop(AF_INET6, r->min6, a, sizeof a);
    g_string_append(out, a);
    if (memcmp(r->min6, r->max6, 16) != 0) {
      inet_ntop(AF_INET6, r->max6, a, sizeof a);
      g_string_append_printf(out, "-%s", a);
    }
    if (r->has_ports)
      g_string_append_c(out, ']');
  }
  if (r->has_ports) {
    g_string_append_printf(out, ":%u", r->min_port);
    if (r->max_port != r->min_port)
      g_string_append_printf(out, "-%u", r->max_port);
  }
}

void
nns_ipt_save_string(GString *out, const char *s)
{
  static const char plain[] = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  size_t n = strspn(s, plain);
  if (n > 0 && s[n] == '\0') {
    g_string_append_printf(out, " %s", s);
    return;
  }
  g_string_append(out, " \"");
  for (; *s; s++) {
    if (*s == '"' || *s == '\\' || *s == '\'')
      g_string_append_c(out, '\\');
    g_string_append_c(out, *s);
  }
  g_string_append_c(out, '"');
}

static void
save_addr(GString *out, char letter, guint32 addr, guint32 mask, gboolean inv)
{
  if (!mask && !inv && !addr)
    return;
  char a[INET_ADDRSTRLEN];
  ip_text(a, addr);
  g_string_append_printf(out, "%s -%c %s", inv ? " !" : "", letter, a);
  guint32 m = g_ntohl(mask);
  int bits = 0;
  while (bits < 32 && (m & (0x80000000u >> bits)))
    bits++;
  if (bits < 32 && (m << bits) != 0) {
    ip_text(a, mask);
    g_string_append_printf(out, "/%s", a);
  } else {
    g_string_append_printf(out, "/%d", bits);
  }
}

/* The length of a contiguous IPv6 mask, or -1. */
int
nns_ipt_mask6_len(const guint8 *mask)
{
  int bits = 0;
  while (bits < 128 && (mask[bits / 8] & (0x80 >> (bits % 8))))
    bits++;
  for (int b = bits; b < 128; b++)
    if (mask[b / 8] & (0x80 >> (b % 8)))
      return -1;
  return bits;
}

static void
save_addr6(GString *out, char letter, const guint8 *addr, const guint8 *mask, gboolean inv)
{
  static const guint8 zero[16];
  if (!memcmp(mask, zero, 16) && !inv && !memcmp(addr, zero, 16))
    return;
  char a[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, addr, a, sizeof a);
  g_string_append_printf(out, "%s -%c %s", inv ? " !" : "", letter, a);
  int bits = nns_ipt_mask6_len(mask);
  if (bits < 0) {
    inet_ntop(AF_INET6, mask, a, sizeof a);
    g_string_append_printf(out, "/%s", a);
  } else {
    g_string_append_printf(out, "/%d", bits);
  }
}

static void
save_ports(GString *out, const char *opt, const guint16 r[2], gboolean inv)
{
  if (r[0] == 0 && r[1] == 0xffff)
    return;
  if (inv)
    g_string_append(out, " !");
  if (r[0] != r[1])
    g_string_append_printf(out, " %s %u:%u", opt, r[0], r[1]);
  else
    g_string_append_printf(out, " %s %u", opt, r[0]);
}

static void
save_match(GString *out, const NnsNfRule *r, const NnsNfMatch *m, gboolean args)
{
  static const char *const names[] = { "tcp", "udp", "icmp", "icmp6", "multiport", "state", "conntrack", "comment" };
  if (m->kind >= NNS_NF_MATCH_LIMIT) {
    nns_ipt_save_xmatch(out, r, m, args);
    return;
  }
  g_string_append_printf(out, " -m %s", names[m->kind]);
  switch (m->kind) {
  case NNS_NF_MATCH_TCP:
  case NNS_NF_MATCH_UDP:
    save_ports(out, "--sport", m->u.l4.spts, m->u.l4.inv_sport);
    save_ports(out, "--dport", m->u.l4.dpts, m->u.l4.inv_dport);
    if (m->u.l4.has_flags) {
      if (m->u.l4.inv_flags)
        g_string_append(out, " !");
      g_string_append(out, " --tcp-flags ");
      nns_ipt_append_tcp_flags(out, m->u.l4.flg_mask);
      g_string_append_c(out, ' ');
      nns_ipt_append_tcp_flags(out, m->u.l4.flg_cmp);
    }
    break;
  case NNS_NF_MATCH_ICMP:
    if (m->invert)
      g_string_append(out, " !");
    if (m->u.icmp.type == 0xff) {
      g_string_append(out, " --icmp-type any");
    } else {
      g_string_append_printf(out, " --icmp-type %u", m->u.icmp.type);
      if (m->u.icmp.code_min != 0 || m->u.icmp.code_max != 0xff)
        g_string_append_printf(out, "/%u", m->u.icmp.code_min);
    }
    break;
  case NNS_NF_MATCH_ICMP6:
    if (m->invert)
      g_string_append(out, " !");
    g_string_append_printf(out, " --icmpv6-type %u", m->u.icmp.type);
    if (m->u.icmp.code_min != 0 || m->u.icmp.code_max != 0xff)
      g_string_append_printf(out, "/%u", m->u.icmp.code_min);
    break;
  case NNS_NF_MATCH_MULTIPORT: {
    static const char *const kinds[] = { " --sports ", " --dports ", " --ports " };
    if (m->invert)
      g_string_append(out, " !");
    g_string_append(out, kinds[m->u.multiport.flags]);
    for (guint i = 0; i < m->u.multiport.count; i++) {
      g_string_append_printf(out, "%s%u", i ? "," : "", m->u.multiport.ports[i]);
      if (m->u.multiport.pflags[i])
        g_string_append_printf(out, ":%u", m->u.multiport.ports[++i]);
    }
    break;
  }
  case NNS_NF_MATCH_STATE:
  case NNS_NF_MATCH_CONNTRACK:
    if (m->invert)
      g_string_append(out, " !");
    g_string_append(out, m->kind == NNS_NF_MATCH_STATE ? " --state " : " --ctstate ");
    nns_ipt_append_states(out, m->u.states);
    break;
  case NNS_NF_MATCH_COMMENT:
    g_string_append(out, " --comment");
    nns_ipt_save_string(out, m->u.comment);
    break;
  default:
    break;
  }
}

static void
save_target(GString *out, const NnsNfRule *r, const NnsNfTarget *t)
{
  if (t->kind == NNS_NF_TARGET_NONE)
    return;
  g_string_append_printf(out, " -j %s", nns_ipt_target_name(t));
  switch (t->kind) {
  case NNS_NF_TARGET_REJECT:
    g_string_append_printf(out, " --reject-with %s", nns_ipt_reject_name(t->reject_with));
    break;
  case NNS_NF_TARGET_LOG:
    if (t->log_prefix[0]) {
      g_string_append(out, " --log-prefix");
      nns_ipt_save_string(out, t->log_prefix);
    }
    if (t->log_level != 4)
      g_string_append_printf(out, " --log-level %u", t->log_level);
    break;
  case NNS_NF_TARGET_SNAT:
  case NNS_NF_TARGET_DNAT:
    g_string_append(out, t->kind == NNS_NF_TARGET_SNAT ? " --to-source " : " --to-destination ");
    nns_ipt_append_nat_range_family(out, r->family, &t->nat);
    break;
  case NNS_NF_TARGET_MASQUERADE:
  case NNS_NF_TARGET_REDIRECT:
    if (t->nat.has_ports) {
      g_string_append_printf(out, " --to-ports %u", t->nat.min_port);
      if (t->nat.max_port != t->nat.min_port)
        g_string_append_printf(out, "-%u", t->nat.max_port);
    }
    break;
  default:
    break;
  }
}

static void
save_rule(GString *out, const NnsNfRule *r, gboolean args)
{
  if (r->family == AF_INET6) {
    save_addr6(out, 's', r->src6, r->smsk6, r->invflags & NNS_NF_INV_SRC);
    save_addr6(out, 'd', r->dst6, r->dmsk6, r->invflags & NNS_NF_INV_DST);
  } else {
    save_addr(out, 's', r->src, r->smsk, r->invflags & NNS_NF_INV_SRC);
    save_addr(out, 'd', r->dst, r->dmsk, r->invflags & NNS_NF_INV_DST);
  }
  if (r->iniface[0])
    g_string_append_printf(out, "%s -i %s", (r->invflags & NNS_NF_INV_IN) ? " !" : "", r->iniface);
  if (r->outiface[0])
    g_string_append_printf(out, "%s -o %s", (r->invflags & NNS_NF_INV_OUT) ? " !" : "", r->outiface);
  if (r->proto) {
    const char *pname = nns_ipt_proto_name(r->proto);
    if (r->invflags & NNS_NF_INV_PROTO)
      g_string_append(out, " !");
    if (pname)
      g_string_append_printf(out, " -p %s", pname);
    else
      g_string_append_printf(out, " -p %u", r->proto);
  }
  for (guint i = 0; i < r->n_matches; i++)
    save_match(out, r, &r->matches[i], args);
  save_target(out, r, &r->target);
}

void
nns_ipt_save_rule(GString *out, const NnsNfRule *r)
{
  save_rule(out, r, FALSE);
}

void
nns_ipt_rule_args(GString *out, const NnsNfRule *r)
{
  save_rule(out, r, TRUE);
}
