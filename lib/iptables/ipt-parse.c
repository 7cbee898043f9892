/* The iptables command line (xshared.c's do_parse and the extensions'
 * option parsers), producing an NnsIptCmd or the tool's own error. */
#include "lib/iptables/ipt-parser.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef NnsIptParser Parser;

gboolean
nns_ipt_fail(Parser *p, NnsIptErrKind kind, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_free(p->err->text);
  p->err->text = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  p->err->kind = kind;
  p->err->status = kind == NNS_IPT_ERR_RESULT ? 1 : 2;
  return FALSE;
}

#define fail nns_ipt_fail
#define PARAM(p, ...) fail(p, NNS_IPT_ERR_PARAM, __VA_ARGS__)

void
nns_ipt_cmd_clear(NnsIptCmd *cmd)
{
  g_free(cmd->table_name);
  g_free(cmd->chain);
  g_free(cmd->arg2);
  g_free(cmd->jumpto);
  g_free(cmd->warning);
  memset(cmd, 0, sizeof *cmd);
}

void
nns_ipt_error_clear(NnsIptError *err)
{
  g_free(err->text);
  memset(err, 0, sizeof *err);
}

/* ------------------------------------------------------------------ */
/* Commands.                                                           */

static const struct { guint bit; char c; } cmd_chars[] = {
  { NNS_IPT_APPEND, 'A' }, { NNS_IPT_DELETE, 'D' }, { NNS_IPT_INSERT, 'I' },
  { NNS_IPT_REPLACE, 'R' }, { NNS_IPT_LIST, 'L' }, { NNS_IPT_LIST_RULES, 'S' },
  { NNS_IPT_FLUSH, 'F' }, { NNS_IPT_ZERO, 'Z' }, { NNS_IPT_NEW_CHAIN, 'N' },
  { NNS_IPT_DELETE_CHAIN, 'X' }, { NNS_IPT_RENAME, 'E' }, { NNS_IPT_POLICY, 'P' },
  { NNS_IPT_CHECK, 'C' },
};

static char
cmd_char(guint bits)
{
  for (gsize i = 0; i < G_N_ELEMENTS(cmd_chars); i++)
    if (bits & cmd_chars[i].bit)
      return cmd_chars[i].c;
  return '?';
}

static gboolean
add_command(Parser *p, guint bit, guint allowed_with)
{
  if (p->invert)
    return PARAM(p, "unexpected '!' flag");
  if (p->cmd->command & ~allowed_with)
    return PARAM(p, "Cannot use -%c with -%c", cmd_char(bit), cmd_char(p->cmd->command & ~allowed_with));
  p->cmd->command |= bit;
  return TRUE;
}

/* The next argument when it is not an option (iptables' optional args). */
static const char *
optional_arg(Parser *p)
{
  if (p->i < p->argc && p->argv[p->i][0] != '-' && p->argv[p->i][0] != '!')
    return p->argv[p->i++];
  return NULL;
}

static gboolean
parse_rulenum(Parser *p, const char *s, guint *out)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v <= 0 || v > G_MAXINT)
    return PARAM(p, "Invalid rule number `%s'", s);
  *out = v;
  return TRUE;
}

static gboolean
is_target_name(const char *s)
{
  static const char *const targets[] = {
    "ACCEPT", "DROP", "QUEUE", "RETURN", "REJECT", "LOG", "SNAT", "DNAT", "MASQUERADE", "REDIRECT",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(targets); i++)
    if (g_str_equal(s, targets[i]))
      return TRUE;
  return FALSE;
}

/* xshared.c's checks on a chain name given to -N and -E. */
static gboolean
check_chain_name(Parser *p, const char *name)
{
  if (strlen(name) >= NNS_NF_CHAIN_MAX)
    return PARAM(p, "chain name `%s' too long (must be under %u chars)", name, NNS_NF_CHAIN_MAX);
  if (name[0] == '-' || name[0] == '!')
    return PARAM(p, "chain name not allowed to start with `%c'", name[0]);
  if (is_target_name(name))
    return PARAM(p, "chain name may not clash with target name");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* ipt_ip: addresses, interfaces, protocol.                            */

static gboolean
set_option(Parser *p, guint bit, char c)
{
  if (p->seen & bit)
    return PARAM(p, "multiple -%c flags not allowed", c);
  p->seen |= bit;
  return TRUE;
}

static gboolean
parse_mask(Parser *p, const char *s, guint32 *mask)
{
  struct in_addr a;
  if (strchr(s, '.')) {
    if (inet_pton(AF_INET, s, &a) != 1)
      return PARAM(p, "host/network `%s' not found", s);
    *mask = a.s_addr;
    return TRUE;
  }
  char *end;
  long bits = strtol(s, &end, 10);
  if (!*s || *end || bits < 0 || bits > 32)
    return PARAM(p, "invalid mask `%s' specified", s);
  *mask = bits ? g_htonl(~0u << (32 - bits)) : 0;
  return TRUE;
}

/* xtables_ipparse_any: a comma-separated list of ADDR[/MASK]. */
static gboolean
parse_addrs(Parser *p, const char *arg, guint32 *addrs, guint32 *masks, guint *n)
{
  g_auto(GStrv) items = g_strsplit(arg, ",", -1);
  *n = 0;
  for (guint k = 0; items[k]; k++) {
    if (*n == NNS_IPT_MAX_ADDRS)
      return PARAM(p, "too many addresses");
    char *item = items[k];
    char *slash = strchr(item, '/');
    guint32 mask = 0xffffffff;
    if (slash) {
      *slash = '\0';
      if (!parse_mask(p, slash + 1, &mask))
        return FALSE;
    }
    struct in_addr a;
    if (g_str_equal(item, "localhost"))
      a.s_addr = g_htonl(0x7f000001);
    else if (inet_pton(AF_INET, item, &a) != 1)
      return PARAM(p, "host/network `%s' not found", item);
    addrs[*n] = a.s_addr & mask;
    masks[*n] = mask;
    (*n)++;
  }
  return TRUE;
}

/* xtables_ip6parse_any: ADDR[/PREFIX or /MASK], comma-separated. */
static gboolean
parse_addrs6(Parser *p, const char *arg, guint8 (*addrs)[16], guint8 (*masks)[16], guint *n)
{
  g_auto(GStrv) items = g_strsplit(arg, ",", -1);
  *n = 0;
  for (guint k = 0; items[k]; k++) {
    if (*n == NNS_IPT_MAX_ADDRS)
      return PARAM(p, "too many addresses");
    char *item = items[k];
    char *slash = strchr(item, '/');
    guint8 mask[16];
    memset(mask, 0xff, sizeof mask);
    if (slash) {
      *slash = '\0';
      const char *m = slash + 1;
      if (strchr(m, ':')) {
        if (inet_pton(AF_INET6, m, mask) != 1)
          return PARAM(p, "host/network `%s' not found", m);
      } else {
        char *end;
        long bits = strtol(m, &end, 10);
        if (!*m || *end || bits < 0 || bits > 128)
          return PARAM(p, "invalid mask `%s' specified", m);
        memset(mask, 0, sizeof mask);
        for (long b = 0; b < bits; b++)
          mask[b / 8] |= 0x80 >> (b % 8);
      }
    }
    guint8 a[16];
    if (g_str_equal(item, "localhost") || g_str_equal(item, "ip6-localhost")) {
      memset(a, 0, sizeof a);
      a[15] = 1;
    } else if (inet_pton(AF_INET6, item, a) != 1) {
      return PARAM(p, "host/network `%s' not found", item);
    }
    for (int i = 0; i < 16; i++) {
      addrs[*n][i] = a[i] & mask[i];
      masks[*n][i] = mask[i];
    }
    (*n)++;
  }
  return TRUE;
}

static gboolean
parse_iface(Parser *p, const char *arg, char *out)
{
  if (strlen(arg) >= NNS_NF_IFNAMSIZ)
    return PARAM(p, "interface name `%s' must be shorter than IFNAMSIZ (%i)", arg, NNS_NF_IFNAMSIZ - 1);
  g_strlcpy(out, arg, NNS_NF_IFNAMSIZ);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Matches.                                                            */

static NnsNfMatch *
add_match(Parser *p, NnsNfMatchKind kind)
{
  NnsNfRule *r = &p->cmd->rule;
  if (r->n_matches == NNS_NF_MAX_MATCHES)
    return NULL;
  NnsNfMatch *m = &r->matches[r->n_matches++];
  memset(m, 0, sizeof *m);
  m->kind = kind;
  if (kind == NNS_NF_MATCH_TCP || kind == NNS_NF_MATCH_UDP) {
    m->u.l4.spts[1] = m->u.l4.dpts[1] = 0xffff;
  } else if (kind == NNS_NF_MATCH_ICMP) {
    m->u.icmp.type = 0xff;            /* libipt_icmp: any */
    m->u.icmp.code_max = 0xff;
  } else if (kind == NNS_NF_MATCH_ICMP6) {
    m->u.icmp.code_max = 0xff;        /* libip6t_icmp6: type 0 */
  }
  return m;
}

static gboolean
load_match(Parser *p, const char *name)
{
  gboolean v6 = p->cmd->family == AF_INET6;
  const struct { const char *name; NnsNfMatchKind kind; } known[] = {
    { "tcp", NNS_NF_MATCH_TCP }, { "udp", NNS_NF_MATCH_UDP },
    { v6 ? "icmp6" : "icmp", v6 ? NNS_NF_MATCH_ICMP6 : NNS_NF_MATCH_ICMP },
    { "multiport", NNS_NF_MATCH_MULTIPORT }, { "state", NNS_NF_MATCH_STATE },
    { "conntrack", NNS_NF_MATCH_CONNTRACK }, { "comment", NNS_NF_MATCH_COMMENT },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(known); i++)
    if (g_str_equal(known[i].name, name)) {
      NnsNfMatch *m = add_match(p, known[i].kind);
      if (!m)
        return PARAM(p, "too many matches");
      p->last = m;
      if (known[i].kind <= NNS_NF_MATCH_ICMP6)
        p->l4 = m;
      return TRUE;
    }
  NnsNfMatchKind kind;
  if (nns_ipt_xmatch_lookup(name, p->cmd->family, &kind)) {
    NnsNfMatch *m = add_match(p, kind);
    if (!m)
      return PARAM(p, "too many matches");
    nns_ipt_xmatch_init(m);
    p->last = m;
    return TRUE;
  }
  return PARAM(p, "Couldn't load match `%s':No such file or directory\n", name);
}

/* parse_port_range: PORT, PORT:PORT, :PORT, PORT: */
static gboolean
parse_ports(Parser *p, const char *arg, guint proto, guint16 range[2])
{
  const char *colon = strchr(arg, ':');
  if (!colon) {
    if (!nns_ipt_service_parse(arg, proto, &range[0]))
      return PARAM(p, "invalid port/service `%s' specified", arg);
    range[1] = range[0];
    return TRUE;
  }
  g_autofree char *lo = g_strndup(arg, colon - arg);
  const char *hi = colon + 1;
  range[0] = 0;
  range[1] = 0xffff;
  if (*lo && !nns_ipt_service_parse(lo, proto, &range[0]))
    return PARAM(p, "invalid port/service `%s' specified", lo);
  if (*hi && !nns_ipt_service_parse(hi, proto, &range[1]))
    return PARAM(p, "invalid port/service `%s' specified", hi);
  if (range[0] > range[1])
    return PARAM(p, "invalid portrange (min > max)");
  return TRUE;
}

static gboolean
parse_tcp_flags(Parser *p, const char *s, guint8 *out)
{
  static const struct { const char *n; guint8 f; } names[] = {
    { "FIN", 0x01 }, { "SYN", 0x02 }, { "RST", 0x04 }, { "PSH", 0x08 },
    { "ACK", 0x10 }, { "URG", 0x20 }, { "ALL", 0x3f }, { "NONE", 0 },
  };
  g_auto(GStrv) items = g_strsplit(s, ",", -1);
  *out = 0;
  for (guint k = 0; items[k]; k++) {
    gsize i;
    for (i = 0; i < G_N_ELEMENTS(names); i++)
      if (g_ascii_strcasecmp(items[k], names[i].n) == 0)
        break;
    if (i == G_N_ELEMENTS(names))
      return PARAM(p, "Unknown TCP flag `%s'", items[k]);
    *out |= names[i].f;
  }
  return TRUE;
}

static gboolean
parse_states(Parser *p, const char *arg, gboolean ct, guint *out)
{
  static const struct { const char *n; guint bit; gboolean ct_only; } names[] = {
    { "INVALID", NNS_NF_CT_INVALID }, { "NEW", NNS_NF_CT_NEW },
    { "ESTABLISHED", NNS_NF_CT_ESTABLISHED }, { "RELATED", NNS_NF_CT_RELATED },
    { "UNTRACKED", NNS_NF_CT_UNTRACKED }, { "SNAT", NNS_NF_CT_SNAT, TRUE },
    { "DNAT", NNS_NF_CT_DNAT, TRUE },
  };
  g_auto(GStrv) items = g_strsplit(arg, ",", -1);
  *out = 0;
  for (guint k = 0; items[k]; k++) {
    gsize i;
    for (i = 0; i < G_N_ELEMENTS(names); i++)
      if (g_ascii_strcasecmp(items[k], names[i].n) == 0 && (ct || !names[i].ct_only))
        break;
    if (i == G_N_ELEMENTS(names))
      return PARAM(p, "Bad %s \"%s\"", ct ? "ctstate" : "state", items[k]);
    *out |= names[i].bit;
  }
  return TRUE;
}

static gboolean
parse_multiport(Parser *p, NnsNfMatch *m, NnsNfMultiportFlags flags, const char *arg)
{
  guint proto = p->cmd->rule.proto;
  if ((proto != 6 && proto != 17 && proto != 132 && proto != 33 && proto != 136) ||
      (p->cmd->rule.invflags & NNS_NF_INV_PROTO))
    return PARAM(p, "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
  m->u.multiport.flags = flags;
  m->invert = p->invert;
  g_auto(GStrv) items = g_strsplit(arg, ",", -1);
  guint n = 0;
  for (guint k = 0; items[k]; k++) {
    char *colon = strchr(items[k], ':');
    guint need = colon ? 2 : 1;
    if (n + need > NNS_NF_MULTIPORT_MAX)
      return PARAM(p, "too many ports specified");
    if (colon) {
      *colon = '\0';
      if (!nns_ipt_service_parse(items[k], proto, &m->u.multiport.ports[n]) ||
          !nns_ipt_service_parse(colon + 1, proto, &m->u.multiport.ports[n + 1]))
        return PARAM(p, "invalid port/service `%s' specified", items[k]);
      if (m->u.multiport.ports[n] > m->u.multiport.ports[n + 1])
        return PARAM(p, "invalid portrange specified");
      m->u.multiport.pflags[n] = 1;
    } else if (!nns_ipt_service_parse(items[k], proto, &m->u.multiport.ports[n])) {
      return PARAM(p, "invalid port/service `%s' specified", items[k]);
    }
    n += need;
  }
  m->u.multiport.count = n;
  return TRUE;
}

/* Options of the loaded matches.  TRUE with *handled FALSE when no match
 * knows the option. */
static gboolean
match_option(Parser *p, const char *opt, gboolean *handled)
{
  NnsNfRule *r = &p->cmd->rule;
  *handled = TRUE;
  for (int pass = 0; pass < 2; pass++) {
    NnsNfMatch *l4 = p->l4;
    if (l4 && (l4->kind == NNS_NF_MATCH_TCP || l4->kind == NNS_NF_MATCH_UDP)) {
      guint proto = l4->kind == NNS_NF_MATCH_TCP ? 6 : 17;
      gboolean sport = g_str_equal(opt, "--sport") || g_str_equal(opt, "--source-port");
      gboolean dport = g_str_equal(opt, "--dport") || g_str_equal(opt, "--destination-port");
      if (sport || dport) {
        if (p->i >= p->argc)
          return PARAM(p, "option \"%s\" requires an argument", opt);
        const char *arg = p->argv[p->i++];
        if (!parse_ports(p, arg, proto, sport ? l4->u.l4.spts : l4->u.l4.dpts))
          return FALSE;
        if (sport)
          l4->u.l4.inv_sport = p->invert;
        else
          l4->u.l4.inv_dport = p->invert;
        p->invert = FALSE;
        return TRUE;
      }
      if (proto == 6 && g_str_equal(opt, "--syn")) {
        l4->u.l4.has_flags = TRUE;
        l4->u.l4.flg_mask = 0x17;
        l4->u.l4.flg_cmp = 0x02;
        l4->u.l4.inv_flags = p->invert;
        p->invert = FALSE;
        return TRUE;
      }
      if (proto == 6 && g_str_equal(opt, "--tcp-flags")) {
        if (p->i + 1 >= p->argc)
          return PARAM(p, "--tcp-flags requires two args.");
        if (!parse_tcp_flags(p, p->argv[p->i], &l4->u.l4.flg_mask) ||
            !parse_tcp_flags(p, p->argv[p->i + 1], &l4->u.l4.flg_cmp))
          return FALSE;
        p->i += 2;
        l4->u.l4.has_flags = TRUE;
        l4->u.l4.inv_flags = p->invert;
        p->invert = FALSE;
        return TRUE;
      }
    }
    if (l4 && l4->kind == NNS_NF_MATCH_ICMP && g_str_equal(opt, "--icmp-type")) {
      if (p->i >= p->argc)
        return PARAM(p, "option \"%s\" requires an argument", opt);
      const char *arg = p->argv[p->i++];
      if (!nns_ipt_icmp_parse(arg, &l4->u.icmp.type, &l4->u.icmp.code_min, &l4->u.icmp.code_max))
        return PARAM(p, "Unknown ICMP type `%s'", arg);
      l4->invert = p->invert;
      p->invert = FALSE;
      return TRUE;
    }
    if (l4 && l4->kind == NNS_NF_MATCH_ICMP6 && g_str_equal(opt, "--icmpv6-type")) {
      if (p->i >= p->argc)
        return PARAM(p, "option \"%s\" requires an argument", opt);
      const char *arg = p->argv[p->i++];
      if (!nns_ipt_icmp6_parse(arg, &l4->u.icmp.type, &l4->u.icmp.code_min, &l4->u.icmp.code_max))
        return PARAM(p, "Unknown ICMPv6 type `%s'", arg);
      l4->invert = p->invert;
      p->invert = FALSE;
      return TRUE;
    }
    /* Options of -m matches, the latest first. */
    for (guint k = r->n_matches; k-- > 0;) {
      NnsNfMatch *m = &r->matches[k];
      const char *arg = p->i < p->argc ? p->argv[p->i] : NULL;
      gboolean takes = FALSE;
      if (m->kind >= NNS_NF_MATCH_LIMIT) {
        gboolean mine;
        if (!nns_ipt_xmatch_option(p, k, opt, &mine))
          return FALSE;
        if (mine)
          return TRUE;
      } else if (m->kind == NNS_NF_MATCH_MULTIPORT) {
        NnsNfMultiportFlags f;
        if (g_str_equal(opt, "--sports") || g_str_equal(opt, "--source-ports"))
          f = NNS_NF_MP_SOURCE, takes = TRUE;
        else if (g_str_equal(opt, "--dports") || g_str_equal(opt, "--destination-ports"))
          f = NNS_NF_MP_DESTINATION, takes = TRUE;
        else if (g_str_equal(opt, "--ports"))
          f = NNS_NF_MP_EITHER, takes = TRUE;
        if (takes) {
          if (!arg)
            return PARAM(p, "option \"%s\" requires an argument", opt);
          p->i++;
          if (!parse_multiport(p, m, f, arg))
            return FALSE;
          p->invert = FALSE;
          return TRUE;
        }
      } else if ((m->kind == NNS_NF_MATCH_STATE && g_str_equal(opt, "--state")) ||
                 (m->kind == NNS_NF_MATCH_CONNTRACK && g_str_equal(opt, "--ctstate"))) {
        if (!arg)
          return PARAM(p, "option \"%s\" requires an argument", opt);
        p->i++;
        if (!parse_states(p, arg, m->kind == NNS_NF_MATCH_CONNTRACK, &m->u.states))
          return FALSE;
        m->invert = p->invert;
        p->invert = FALSE;
        return TRUE;
      } else if (m->kind == NNS_NF_MATCH_COMMENT && g_str_equal(opt, "--comment")) {
        if (!arg)
          return PARAM(p, "option \"%s\" requires an argument", opt);
        p->i++;
        if (strlen(arg) >= NNS_NF_COMMENT_MAX)
          return PARAM(p, "comment may not exceed %d characters", NNS_NF_COMMENT_MAX - 1);
        g_strlcpy(m->u.comment, arg, sizeof m->u.comment);
        m->invert = TRUE;             /* "seen": --comment was given */
        return TRUE;
      }
    }
    /* An unknown option with -p: load the protocol's match and retry
     * (command_default in xshared.c). */
    guint icmp = p->cmd->family == AF_INET6 ? 58 : 1;
    if (pass == 0 && !p->l4 && (r->proto == 6 || r->proto == 17 || r->proto == icmp)) {
      NnsNfMatchKind kind = r->proto == 6 ? NNS_NF_MATCH_TCP : r->proto == 17 ? NNS_NF_MATCH_UDP
                            : icmp == 1 ? NNS_NF_MATCH_ICMP : NNS_NF_MATCH_ICMP6;
      if (!add_match(p, kind))
        return PARAM(p, "too many matches");
      p->l4 = &r->matches[r->n_matches - 1];
      continue;
    }
    break;
  }
  *handled = FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Targets.                                                            */

static gboolean
set_target(Parser *p, const char *name)
{
  NnsNfTarget *t = &p->cmd->rule.target;
  p->cmd->jumpto = g_strdup(name);
  static const struct { const char *n; NnsNfTargetKind k; } std[] = {
    { "ACCEPT", NNS_NF_TARGET_ACCEPT }, { "DROP", NNS_NF_TARGET_DROP },
    { "RETURN", NNS_NF_TARGET_RETURN }, { "REJECT", NNS_NF_TARGET_REJECT },
    { "LOG", NNS_NF_TARGET_LOG }, { "MASQUERADE", NNS_NF_TARGET_MASQUERADE },
    { "SNAT", NNS_NF_TARGET_SNAT }, { "DNAT", NNS_NF_TARGET_DNAT },
    { "REDIRECT", NNS_NF_TARGET_REDIRECT },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(std); i++)
    if (g_str_equal(name, std[i].n)) {
      t->kind = std[i].k;
      if (t->kind == NNS_NF_TARGET_REJECT)
        t->reject_with = p->cmd->family == AF_INET6 ? NNS_NF_REJECT6_PORT_UNREACH : NNS_NF_REJECT_PORT_UNREACHABLE;
      if (t->kind == NNS_NF_TARGET_LOG)
        t->log_level = 4;
      return TRUE;
    }
  if (strlen(name) >= NNS_NF_CHAIN_MAX)
    return PARAM(p, "Invalid target name `%s' (%u chars max)", name, NNS_NF_CHAIN_MAX - 1);
  t->kind = NNS_NF_TARGET_JUMP;
  g_strlcpy(t->chain, name, sizeof t->chain);
  return TRUE;
}

static gboolean
parse_log_level(Parser *p, const char *arg, guint8 *level)
{
  static const char *const names[] = { "emerg", "alert", "crit", "error", "warning", "notice", "info", "debug" };
  char *end;
  long v = strtol(arg, &end, 10);
  if (*arg && !*end && v >= 0 && v <= 7) {
    *level = v;
    return TRUE;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_str_equal(arg, names[i])) {
      *level = i;
      return TRUE;
    }
  if (g_str_equal(arg, "panic")) {
    *level = 0;
    return TRUE;
  }
  return PARAM(p, "log level \"%s\" unknown\n", arg);
}

static gboolean
needs_ports_proto(Parser *p)
{
  guint proto = p->cmd->rule.proto;
  if (proto != 6 && proto != 17 && proto != 132 && proto != 33)
    return PARAM(p, "Need TCP, UDP, SCTP or DCCP with port specification");
  return TRUE;
}

static gboolean
parse_port_pair(Parser *p, const char *s, NnsNfNatRange *r)
{
  guint16 range[2];
  g_autofree char *copy = g_strdelimit(g_strdup(s), "-", ':');
  if (!parse_ports(p, copy, 0, range))
    return FALSE;
  r->has_ports = TRUE;
  r->min_port = range[0];
  r->max_port = range[1];
  return TRUE;
}

/* ip6tables: [ADDR[-ADDR]]:PORT[-PORT] or ADDR[-ADDR] (libxt_NAT.c). */
static gboolean
parse_nat_range6(Parser *p, const char *arg, NnsNfNatRange *r)
{
  g_autofree char *copy = g_strdup(arg);
  char *addrs = copy;
  if (copy[0] == '[') {
    char *close = strchr(copy, ']');
    if (!close)
      return PARAM(p, "Invalid address format");
    *close = '\0';
    addrs = copy + 1;
    if (close[1] == ':') {
      if (!needs_ports_proto(p) || !parse_port_pair(p, close + 2, r))
        return FALSE;
    }
  }
  if (!*addrs)
    return TRUE;
  char *dash = strchr(addrs, '-');
  if (dash)
    *dash = '\0';
  if (inet_pton(AF_INET6, addrs, r->min6) != 1)
    return PARAM(p, "Bad IP address \"%s\"", addrs);
  memcpy(r->max6, r->min6, 16);
  if (dash && inet_pton(AF_INET6, dash + 1, r->max6) != 1)
    return PARAM(p, "Bad IP address \"%s\"", dash + 1);
  r->has_addr = TRUE;
  return TRUE;
}

/* ADDR[-ADDR][:PORT[-PORT]] (libxt_NAT.c). */
static gboolean
parse_nat_range(Parser *p, const char *arg, NnsNfNatRange *r)
{
  if (p->cmd->family == AF_INET6)
    return parse_nat_range6(p, arg, r);
  g_autofree char *copy = g_strdup(arg);
  char *colon = strchr(copy, ':');
  if (colon) {
    *colon = '\0';
    if (!needs_ports_proto(p) || !parse_port_pair(p, colon + 1, r))
      return FALSE;
  }
  if (!*copy)
    return TRUE;
  char *dash = strchr(copy, '-');
  if (dash)
    *dash = '\0';
  struct in_addr a, b;
  if (inet_pton(AF_INET, copy, &a) != 1)
    return PARAM(p, "Bad IP address \"%s\"", copy);
  b = a;
  if (dash && inet_pton(AF_INET, dash + 1, &b) != 1)
    return PARAM(p, "Bad IP address \"%s\"", dash + 1);
  r->has_addr = TRUE;
  r->min_addr = a.s_addr;
  r->max_addr = b.s_addr;
  return TRUE;
}

static gboolean
target_option(Parser *p, const char *opt, gboolean *handled)
{
  NnsNfTarget *t = &p->cmd->rule.target;
  *handled = TRUE;
  const char *arg = p->i < p->argc ? p->argv[p->i] : NULL;
  gboolean want = FALSE;
  switch (t->kind) {
  case NNS_NF_TARGET_REJECT:
    if ((want = g_str_equal(opt, "--reject-with"))) {
      static const struct { const char *n; NnsNfRejectWith w; } names[] = {
        { "icmp-net-unreachable", NNS_NF_REJECT_NET_UNREACHABLE }, { "net-unreach", NNS_NF_REJECT_NET_UNREACHABLE },
        { "icmp-host-unreachable", NNS_NF_REJECT_HOST_UNREACHABLE }, { "host-unreach", NNS_NF_REJECT_HOST_UNREACHABLE },
        { "icmp-proto-unreachable", NNS_NF_REJECT_PROT_UNREACHABLE }, { "proto-unreach", NNS_NF_REJECT_PROT_UNREACHABLE },
        { "icmp-port-unreachable", NNS_NF_REJECT_PORT_UNREACHABLE }, { "port-unreach", NNS_NF_REJECT_PORT_UNREACHABLE },
        { "icmp-net-prohibited", NNS_NF_REJECT_NET_PROHIBITED }, { "net-prohib", NNS_NF_REJECT_NET_PROHIBITED },
        { "icmp-host-prohibited", NNS_NF_REJECT_HOST_PROHIBITED }, { "host-prohib", NNS_NF_REJECT_HOST_PROHIBITED },
        { "tcp-reset", NNS_NF_REJECT_TCP_RESET }, { "tcp-rst", NNS_NF_REJECT_TCP_RESET },
        { "icmp-admin-prohibited", NNS_NF_REJECT_ADMIN_PROHIBITED }, { "admin-prohib", NNS_NF_REJECT_ADMIN_PROHIBITED },
      };
      /* libip6t_REJECT's */
      static const struct { const char *n; NnsNfRejectWith w; } names6[] = {
        { "icmp6-no-route", NNS_NF_REJECT6_NO_ROUTE }, { "no-route", NNS_NF_REJECT6_NO_ROUTE },
        { "icmp6-adm-prohibited", NNS_NF_REJECT6_ADM_PROHIBITED }, { "adm-prohibited", NNS_NF_REJECT6_ADM_PROHIBITED },
        { "icmp6-addr-unreachable", NNS_NF_REJECT6_ADDR_UNREACH }, { "addr-unreach", NNS_NF_REJECT6_ADDR_UNREACH },
        { "icmp6-port-unreachable", NNS_NF_REJECT6_PORT_UNREACH }, { "port-unreach", NNS_NF_REJECT6_PORT_UNREACH },
        { "icmp6-policy-fail", NNS_NF_REJECT6_POLICY_FAIL },
        { "icmp6-reject-route", NNS_NF_REJECT6_REJECT_ROUTE },
        { "tcp-reset", NNS_NF_REJECT_TCP_RESET },
      };
      if (!arg)
        break;
      p->i++;
      gboolean v6 = p->cmd->family == AF_INET6;
      for (gsize i = 0; i < (v6 ? G_N_ELEMENTS(names6) : G_N_ELEMENTS(names)); i++)
        if (g_str_equal(arg, v6 ? names6[i].n : names[i].n)) {
          t->reject_with = v6 ? names6[i].w : names[i].w;
          return TRUE;
        }
      return PARAM(p, "unknown reject type \"%s\"", arg);
    }
    break;
  case NNS_NF_TARGET_LOG:
    if ((want = g_str_equal(opt, "--log-level"))) {
      if (!arg)
        break;
      p->i++;
      return parse_log_level(p, arg, &t->log_level);
    }
    if ((want = g_str_equal(opt, "--log-prefix"))) {
      if (!arg)
        break;
      p->i++;
      /* A longer prefix is cut to 29 characters without a word (recorded:
       * iptables-nft stores it in the nft log expression). */
      g_strlcpy(t->log_prefix, arg, sizeof t->log_prefix);
      return TRUE;
    }
    break;
  case NNS_NF_TARGET_SNAT:
  case NNS_NF_TARGET_DNAT:
    if ((want = g_str_equal(opt, t->kind == NNS_NF_TARGET_SNAT ? "--to-source" : "--to-destination"))) {
      if (!arg)
        break;
      p->i++;
      p->have_to = TRUE;
      return parse_nat_range(p, arg, &t->nat);
    }
    break;
  case NNS_NF_TARGET_MASQUERADE:
  case NNS_NF_TARGET_REDIRECT:
    if ((want = g_str_equal(opt, "--to-ports"))) {
      if (!arg)
        break;
      p->i++;
      return needs_ports_proto(p) && parse_port_pair(p, arg, &t->nat);
    }
    break;
  default:
    break;
  }
  if (want)
    return PARAM(p, "option \"%s\" requires an argument", opt);
  *handled = FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The main loop.                                                      */

static const struct { const char *lng; char shrt; } long_opts[] = {
  { "--append", 'A' }, { "--delete", 'D' }, { "--insert", 'I' }, { "--replace", 'R' },
  { "--list", 'L' }, { "--list-rules", 'S' }, { "--flush", 'F' }, { "--zero", 'Z' },
  { "--new-chain", 'N' }, { "--new", 'N' }, { "--delete-chain", 'X' }, { "--rename-chain", 'E' },
  { "--policy", 'P' }, { "--check", 'C' }, { "--protocol", 'p' }, { "--source", 's' },
  { "--src", 's' }, { "--destination", 'd' }, { "--dst", 'd' }, { "--in-interface", 'i' },
  { "--out-interface", 'o' }, { "--jump", 'j' }, { "--match", 'm' }, { "--numeric", 'n' },
  { "--verbose", 'v' }, { "--exact", 'x' }, { "--table", 't' }, { "--version", 'V' },
  { "--help", 'h' }, { "--wait", 'w' }, { "--ipv4", '4' },
};

/* Options that take an argument (the rest take none or an optional one). */
static gboolean
takes_arg(char c)
{
  return strchr("ADIRNEPCpsdiojmt", c) != NULL;
}

static gboolean
short_option(Parser *p, char c, const char *arg)
{
  NnsIptCmd *cmd = p->cmd;
  NnsNfRule *r = &cmd->rule;
  const char *opt;
  switch (c) {
  case 'A':
  case 'C':
    if (!add_command(p, c == 'A' ? NNS_IPT_APPEND : NNS_IPT_CHECK, 0))
      return FALSE;
    cmd->chain = g_strdup(arg);
    return TRUE;
  case 'D':
  case 'I':
    if (!add_command(p, c == 'D' ? NNS_IPT_DELETE : NNS_IPT_INSERT, 0))
      return FALSE;
    cmd->chain = g_strdup(arg);
    if ((opt = optional_arg(p)) && !parse_rulenum(p, opt, &cmd->rulenum))
      return FALSE;
    return TRUE;
  case 'R':
    if (!add_command(p, NNS_IPT_REPLACE, 0))
      return FALSE;
    cmd->chain = g_strdup(arg);
    if (!(opt = optional_arg(p)))
      return PARAM(p, "-R requires a rule number");
    return parse_rulenum(p, opt, &cmd->rulenum);
  case 'L':
  case 'S':
  case 'Z':
    if (!add_command(p, c == 'L' ? NNS_IPT_LIST : c == 'S' ? NNS_IPT_LIST_RULES : NNS_IPT_ZERO,
                     c == 'S' ? 0 : c == 'L' ? NNS_IPT_ZERO : NNS_IPT_LIST))
      return FALSE;
    if ((opt = arg ? arg : optional_arg(p))) {
      if (!cmd->chain)
        cmd->chain = g_strdup(opt);
      if ((opt = optional_arg(p)) && !parse_rulenum(p, opt, &cmd->rulenum))
        return FALSE;
    }
    return TRUE;
  case 'F':
  case 'X':
    if (!add_command(p, c == 'F' ? NNS_IPT_FLUSH : NNS_IPT_DELETE_CHAIN, 0))
      return FALSE;
    if ((opt = arg ? arg : optional_arg(p)))
      cmd->chain = g_strdup(opt);
    return TRUE;
  case 'N':
    if (!add_command(p, NNS_IPT_NEW_CHAIN, 0) || !check_chain_name(p, arg))
      return FALSE;
    cmd->chain = g_strdup(arg);
    return TRUE;
  case 'E':
    if (!add_command(p, NNS_IPT_RENAME, 0))
      return FALSE;
    cmd->chain = g_strdup(arg);
    if (!(opt = optional_arg(p)))
      return PARAM(p, "-E requires old-chain-name and new-chain-name");
    if (!check_chain_name(p, opt))
      return FALSE;
    cmd->arg2 = g_strdup(opt);
    return TRUE;
  case 'P':
    if (!add_command(p, NNS_IPT_POLICY, 0))
      return FALSE;
    cmd->chain = g_strdup(arg);
    if (!(opt = optional_arg(p)))
      return PARAM(p, "-P requires a chain and a policy");
    cmd->arg2 = g_strdup(opt);
    return TRUE;
  case 'p':
    if (!set_option(p, 1 << 0, 'p'))
      return FALSE;
    if (!nns_ipt_proto_parse(arg, &r->proto))
      return PARAM(p, "unknown protocol \"%s\" specified", arg);
    if (p->invert)
      r->invflags |= NNS_NF_INV_PROTO;
    break;
  case 's':
  case 'd':
    if (!set_option(p, c == 's' ? 1 << 1 : 1 << 2, c))
      return FALSE;
    if (cmd->family == AF_INET6) {
      if (c == 's' ? !parse_addrs6(p, arg, cmd->srcs6, cmd->smsks6, &cmd->n_src)
                   : !parse_addrs6(p, arg, cmd->dsts6, cmd->dmsks6, &cmd->n_dst))
        return FALSE;
    } else if (c == 's' ? !parse_addrs(p, arg, cmd->srcs, cmd->smsks, &cmd->n_src)
                        : !parse_addrs(p, arg, cmd->dsts, cmd->dmsks, &cmd->n_dst)) {
      return FALSE;
    }
    if (p->invert)
      r->invflags |= c == 's' ? NNS_NF_INV_SRC : NNS_NF_INV_DST;
    break;
  case 'i':
  case 'o':
    if (!set_option(p, c == 'i' ? 1 << 3 : 1 << 4, c))
      return FALSE;
    if (!parse_iface(p, arg, c == 'i' ? r->iniface : r->outiface))
      return FALSE;
    if (p->invert)
      r->invflags |= c == 'i' ? NNS_NF_INV_IN : NNS_NF_INV_OUT;
    break;
  case 'j':
    if (p->invert)
      return PARAM(p, "cannot have ! before -j");
    if (!set_option(p, 1 << 5, 'j'))
      return FALSE;
    return set_target(p, arg);
  case 'm':
    if (p->invert)
      return PARAM(p, "unexpected ! flag before --match");
    return load_match(p, arg);
  case 't':
    if (p->invert)
      return PARAM(p, "unexpected ! flag before --table");
    if (p->seen & (1 << 6))
      return PARAM(p, "The -t option cannot be used in %s.\n", "iptables-restore");
    p->seen |= 1 << 6;
    g_free(cmd->table_name);
    cmd->table_name = g_strdup(arg);
    break;
  case 'n':
    cmd->numeric = TRUE;
    break;
  case 'v':
    cmd->verbose = TRUE;
    break;
  case 'x':
    cmd->exact = TRUE;
    break;
  case 'c':
    cmd->counters = TRUE;
    break;
  case 'w':
  case 'W':
    optional_arg(p);
    break;
  case '4':
    break;
  case 'V':
    cmd->command |= NNS_IPT_VERSION_CMD;
    break;
  case 'h':
    cmd->command |= NNS_IPT_HELP;
    break;
  default:
    return PARAM(p, "unknown option \"-%c\"", c);
  }
  p->invert = FALSE;
  return TRUE;
}

void
nns_ipt_cmd_rule(const NnsIptCmd *cmd, guint s, guint d, NnsNfRule *out)
{
  *out = cmd->rule;
  if (cmd->n_src && cmd->family == AF_INET6) {
    memcpy(out->src6, cmd->srcs6[s], 16);
    memcpy(out->smsk6, cmd->smsks6[s], 16);
  } else if (cmd->n_src) {
    out->src = cmd->srcs[s];
    out->smsk = cmd->smsks[s];
  }
  if (cmd->n_dst && cmd->family == AF_INET6) {
    memcpy(out->dst6, cmd->dsts6[d], 16);
    memcpy(out->dmsk6, cmd->dmsks6[d], 16);
  } else if (cmd->n_dst) {
    out->dst = cmd->dsts[d];
    out->dmsk = cmd->dmsks[d];
  }
}

const char *
nns_ipt_prog(int family)
{
  return family == AF_INET6 ? "ip6tables" : "iptables";
}

gboolean
nns_ipt_parse(int argc, char **argv, NnsIptCmd *cmd, NnsIptError *err)
{
  return nns_ipt_parse_family(argc, argv, AF_INET, cmd, err);
}

gboolean
nns_ipt_parse_family(int argc, char **argv, int family, NnsIptCmd *cmd, NnsIptError *err)
{
  Parser p = { .argc = argc, .argv = argv, .i = 1, .cmd = cmd, .err = err };
  memset(cmd, 0, sizeof *cmd);
  cmd->family = family == AF_INET6 ? AF_INET6 : AF_INET;
  cmd->rule.family = family == AF_INET6 ? AF_INET6 : 0;
  cmd->table_name = g_strdup("filter");
  while (p.i < argc) {
    const char *a = argv[p.i++];
    if (g_str_equal(a, "!")) {
      if (p.invert)
        return PARAM(&p, "multiple consecutive ! not allowed");
      p.invert = TRUE;
      continue;
    }
    if (a[0] != '-' || a[1] == '\0')
      return fail(&p, NNS_IPT_ERR_BARE_PARAM, "Bad argument `%s'", a);
    if (a[1] == '-') {
      if (g_str_equal(a, "--line-numbers")) {
        cmd->line_numbers = TRUE;
        continue;
      }
      gsize k;
      for (k = 0; k < G_N_ELEMENTS(long_opts); k++)
        if (g_str_equal(a, long_opts[k].lng))
          break;
      if (k < G_N_ELEMENTS(long_opts)) {
        char c = long_opts[k].shrt;
        const char *arg = NULL;
        if (takes_arg(c)) {
          if (p.i >= argc)
            return PARAM(&p, "option \"%s\" requires an argument", a);
          arg = argv[p.i++];
        }
        if (!short_option(&p, c, arg))
          return FALSE;
        continue;
      }
      gboolean handled;
      if (!target_option(&p, a, &handled))
        return FALSE;
      if (!handled && !match_option(&p, a, &handled))
        return FALSE;
      if (!handled)
        return PARAM(&p, "unknown option \"%s\"", a);
      continue;
    }
    /* Short options, possibly bundled (-nvL); one taking an argument
     * takes the rest of the word or the next one. */
    for (const char *s = a + 1; *s; s++) {
      char c = *s;
      if (!strchr("ADIRLSFZNXEPCpsdiojmtnvxcwW4Vh", c))
        return PARAM(&p, "unknown option \"%s\"", a);
      const char *arg = NULL;
      if (takes_arg(c)) {
        if (s[1])
          arg = s + 1;
        else if (p.i < argc)
          arg = argv[p.i++];
        else
          return PARAM(&p, "option \"%s\" requires an argument", a);
        if (!short_option(&p, c, arg))
          return FALSE;
        break;
      }
      if (!short_option(&p, c, NULL))
        return FALSE;
    }
  }

  /* xtables_option_{m,t}fcall: the extensions' final checks. */
  NnsNfRule *r = &cmd->rule;
  for (guint k = 0; k < r->n_matches; k++) {
    NnsNfMatch *m = &r->matches[k];
    if (m->kind == NNS_NF_MATCH_COMMENT) {
      if (!m->invert)
        return PARAM(&p, "comment: option \"--comment\" must be specified\n");
      m->invert = FALSE;
    }
    if (!nns_ipt_xmatch_final(&p, k))
      return FALSE;
  }
  if ((r->target.kind == NNS_NF_TARGET_SNAT || r->target.kind == NNS_NF_TARGET_DNAT) && !p.have_to)
    return PARAM(&p, "%s: option \"%s\" must be specified\n", r->target.kind == NNS_NF_TARGET_SNAT ? "SNAT" : "DNAT",
                 r->target.kind == NNS_NF_TARGET_SNAT ? "--to-source" : "--to-destination");

  if (cmd->command == 0)
    return PARAM(&p, "no command specified");
  if (cmd->command & (NNS_IPT_APPEND | NNS_IPT_INSERT | NNS_IPT_REPLACE | NNS_IPT_DELETE | NNS_IPT_CHECK)) {
    const char *ch = cmd->chain;
    if (r->outiface[0] && (g_str_equal(ch, "PREROUTING") || g_str_equal(ch, "INPUT")))
      return PARAM(&p, "Can't use -%c with %s\n", 'o', ch);
    if (r->iniface[0] && (g_str_equal(ch, "POSTROUTING") || g_str_equal(ch, "OUTPUT")))
      return PARAM(&p, "Can't use -%c with %s\n", 'i', ch);
  }
  if (g_str_equal(cmd->table_name, "nat") &&
      ((cmd->arg2 && (cmd->command & NNS_IPT_POLICY) && g_str_equal(cmd->arg2, "DROP")) ||
       (cmd->jumpto && g_str_equal(cmd->jumpto, "DROP"))))
    return PARAM(&p, "\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n");
  cmd->table_known = nns_nf_table_by_name_family(cmd->table_name, cmd->family, &cmd->table);
  return TRUE;
}
