/* `ip rule`, as iproute2 6.1's ip/iprule.c: list/show with its filters,
 * add, del, flush and help (recorded: fixtures/oracle/ip-rule). */
#include "shell/ip/ip-common.h"

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <string.h>

static int
usage(NnsIpCall *c)
{
  nns_err(c->io,
          "Usage: ip rule { add | del } SELECTOR ACTION\n"
          "       ip rule { flush | save | restore }\n"
          "       ip rule [ list [ SELECTOR ]]\n"
          "SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
          "            [ fwmark FWMARK[/MASK] ]\n"
          "            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
          "            [ uidrange NUMBER-NUMBER ]\n"
          "            [ ipproto PROTOCOL ]\n"
          "            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
          "            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
          "ACTION := [ table TABLE_ID ]\n"
          "          [ protocol PROTO ]\n"
          "          [ nat ADDRESS ]\n"
          "          [ realms [SRCREALM/]DSTREALM ]\n"
          "          [ goto NUMBER ]\n"
          "          SUPPRESSOR\n"
          "SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
          "              [ suppress_ifgroup DEVGROUP ]\n"
          "TABLE_ID := [ local | main | default | NUMBER ]\n");
  return 255;
}

/* Selectors and actions iproute2 knows that netnsim's rules do not hold. */
static gboolean
unmodelled(const char *arg)
{
  static const char *const words[] = { "realms", "tun_id", "suppress_prefixlength", "sup_pl",
                                       "suppress_ifgroup", "sup_group", "l3mdev", "uidrange",
                                       "ipproto", "sport", "dport" };
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
    if (g_str_equal(arg, words[i]))
      return TRUE;
  return FALSE;
}

static int
not_modelled(NnsIpCall *c, const char *arg)
{
  nns_err(c->io, "netnsim: \"ip rule ... %s\" is not modelled\n", arg);
  return 255;
}

/* rtnl_rttable_a2n: the names of /etc/iproute2/rt_tables or a number. */
static gboolean
table_a2n(const char *t, guint32 *out)
{
  if (g_str_equal(t, "all"))
    return FALSE;
  return nns_ip_parse_table(t, out);
}

/* check_ifname */
static gboolean
ifname_ok(const char *name)
{
  gsize len = strlen(name);
  if (len == 0 || len >= NNS_IFNAMSIZ)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (*p == '/' || g_ascii_isspace(*p))
      return FALSE;
  return TRUE;
}

/* rtnl_rtntype_a2n */
static gboolean
rtntype_a2n(const char *arg, guint32 *out)
{
  static const struct {
    const char *name;
    gboolean prefix;          /* matches() rather than strcmp() */
    guint type;
  } types[] = {
    { "local", FALSE, RTN_LOCAL }, { "nat", FALSE, RTN_NAT }, { "broadcast", TRUE, RTN_BROADCAST },
    { "brd", FALSE, RTN_BROADCAST }, { "anycast", TRUE, RTN_ANYCAST }, { "multicast", TRUE, RTN_MULTICAST },
    { "prohibit", TRUE, RTN_PROHIBIT }, { "unreachable", TRUE, RTN_UNREACHABLE },
    { "blackhole", TRUE, RTN_BLACKHOLE }, { "xresolve", TRUE, RTN_XRESOLVE }, { "unicast", TRUE, RTN_UNICAST },
    { "throw", FALSE, RTN_THROW },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(types); i++)
    if (types[i].prefix ? nns_ip_matches(arg, types[i].name) : g_str_equal(arg, types[i].name)) {
      *out = types[i].type;
      return TRUE;
    }
  return nns_ip_get_u32(arg, out) && *out <= 255;
}

/* fwmark VALUE[/MASK] */
static int
parse_fwmark(NnsIpCall *c, const char *arg, guint32 *mark, gboolean *has_mask, guint32 *mask)
{
  g_autofree char *copy = g_strdup(arg);
  char *slash = strchr(copy, '/');
  if (slash)
    *slash++ = '\0';
  if (!nns_ip_get_u32(copy, mark))
    return nns_ip_invarg(c, "fwmark value is invalid\n", copy);
  *has_mask = slash != NULL;
  if (slash && !nns_ip_get_u32(slash, mask))
    return nns_ip_invarg(c, "fwmask value is invalid\n", slash);
  return 0;
}

/* ------------------------------------------------------------------ */
/* list and flush                                                       */

typedef struct {
  gboolean not;
  gboolean has_pref, has_tos, has_iif, has_oif, has_proto;
  guint32 pref, tos, fwmark, fwmask, table, proto;
  char iif[NNS_IFNAMSIZ], oif[NNS_IFNAMSIZ];
  gboolean has_src, has_dst;
  NnsInet src, dst;
  guint8 src_len, dst_len;
} RuleFilter;

static int
parse_filter(NnsIpCall *c, guint8 af, int argc, char **argv, RuleFilter *f)
{
  memset(f, 0, sizeof *f);
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    gboolean needs = nns_ip_matches(a, "preference") || nns_ip_matches(a, "order") ||
                     nns_ip_matches(a, "priority") || g_str_equal(a, "tos") || g_str_equal(a, "dsfield") ||
                     g_str_equal(a, "fwmark") || g_str_equal(a, "dev") || g_str_equal(a, "iif") ||
                     g_str_equal(a, "oif") || nns_ip_matches(a, "lookup") || nns_ip_matches(a, "table") ||
                     nns_ip_matches(a, "from") || nns_ip_matches(a, "src") || nns_ip_matches(a, "protocol") ||
                     nns_ip_matches(a, "dst") || nns_ip_matches(a, "to");
    if (needs && i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (nns_ip_matches(a, "preference") || nns_ip_matches(a, "order") || nns_ip_matches(a, "priority")) {
      if (!nns_ip_get_u32(argv[++i], &f->pref))
        return nns_ip_invarg(c, "preference value is invalid\n", argv[i]);
      f->has_pref = TRUE;
    } else if (g_str_equal(a, "not")) {
      f->not = TRUE;
    } else if (g_str_equal(a, "tos") || g_str_equal(a, "dsfield")) {
      if (!nns_ip_dsfield_parse(argv[++i], &f->tos))
        return nns_ip_invarg(c, "TOS value is invalid\n", argv[i]);
      f->has_tos = TRUE;
    } else if (g_str_equal(a, "fwmark")) {
      gboolean has_mask;
      int rc = parse_fwmark(c, argv[++i], &f->fwmark, &has_mask, &f->fwmask);
      if (rc)
        return rc;
    } else if (g_str_equal(a, "dev") || g_str_equal(a, "iif")) {
      if (!ifname_ok(argv[++i]))
        return nns_ip_invarg(c, "\"iif\"/\"dev\" not a valid ifname", argv[i]);
      g_strlcpy(f->iif, argv[i], sizeof f->iif);
      f->has_iif = TRUE;
    } else if (g_str_equal(a, "oif")) {
      if (!ifname_ok(argv[++i]))
        return nns_ip_invarg(c, "\"oif\" not a valid ifname", argv[i]);
      g_strlcpy(f->oif, argv[i], sizeof f->oif);
      f->has_oif = TRUE;
    } else if (nns_ip_matches(a, "lookup") || nns_ip_matches(a, "table")) {
      if (!table_a2n(argv[++i], &f->table))
        return nns_ip_invarg(c, "table id value is invalid\n", argv[i]);
    } else if (nns_ip_matches(a, "from") || nns_ip_matches(a, "src")) {
      gboolean d;
      if (!nns_ip_get_prefix(c, argv[++i], af, &f->src, &f->src_len, &d))
        return 1;
      f->has_src = TRUE;
    } else if (nns_ip_matches(a, "protocol")) {
      f->has_proto = TRUE;
      if (!nns_ip_parse_proto(argv[++i], &f->proto)) {
        if (!g_str_equal(argv[i], "all"))
          return nns_ip_invarg(c, "invalid \"protocol\"\n", argv[i]);
        f->has_proto = FALSE;
      }
    } else if (unmodelled(a)) {
      return not_modelled(c, a);
    } else {
      if (nns_ip_matches(a, "dst") || nns_ip_matches(a, "to"))
        a = argv[++i];
      gboolean d;
      if (!nns_ip_get_prefix(c, a, af, &f->dst, &f->dst_len, &d))
        return 1;
      f->has_dst = TRUE;
    }
  }
  return 0;
}

static gboolean
prefix_match(gboolean has, const NnsInet *want, guint8 want_len, const NnsInet *addr, guint8 len, guint8 family)
{
  if (!has)
    return TRUE;
  if (want->family != family || want_len > len)
    return FALSE;
  return want_len == 0 || nns_inet_same_prefix(want, addr, want_len);
}

/* filter_nlmsg */
static gboolean
filter_match(const RuleFilter *f, const NnsRuleRecord *r)
{
  if (f->has_pref && f->pref != (r->has_priority ? r->priority : 0))
    return FALSE;
  if (f->not && !(r->flags & FIB_RULE_INVERT))
    return FALSE;
  if (!prefix_match(f->has_src, &f->src, f->src_len, &r->src, r->src_len, r->family) ||
      !prefix_match(f->has_dst, &f->dst, f->dst_len, &r->dst, r->dst_len, r->family))
    return FALSE;
  if (f->has_tos && f->tos != r->tos)
    return FALSE;
  if (f->fwmark && f->fwmark != (r->has_mark ? r->mark : 0))
    return FALSE;
  if (f->fwmask && f->fwmask != (r->has_mask ? r->mask : 0))
    return FALSE;
  if (f->has_iif && !g_str_equal(f->iif, r->iifname))
    return FALSE;
  if (f->has_oif && !g_str_equal(f->oif, r->oifname))
    return FALSE;
  if (f->table && f->table != r->table)
    return FALSE;
  return TRUE;
}

static int
rule_list_or_flush(NnsIpCall *c, gboolean flush, int argc, char **argv)
{
  guint8 af = c->opts.family ? c->opts.family : AF_INET;
  RuleFilter f;
  int rc = parse_filter(c, af, argc, argv, &f);
  if (rc)
    return rc;
  if (!c->be->ops->rule_dump) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\nDump terminated\n");
    return 1;
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = c->be->ops->rule_dump(c->be, c->pid, af, &error);
  if (!rules) {
    nns_ip_rtnl_fail(c, error);
    nns_err(c->io, "Dump terminated\n");
    return 1;
  }
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  nns_print_begin_dump(&p);
  for (guint i = 0; i < rules->len; i++) {
    const NnsRuleRecord *r = rules->pdata[i];
    if (!filter_match(&f, r))
      continue;
    if (!flush) {
      nns_print_rule(&p, &c->opts, r);
      continue;
    }
    /* flush_rule: the dumped rule sent back as RTM_DELRULE, those with a
     * priority (not 0) and of the protocol asked for. */
    if (f.has_proto && r->has_protocol && r->protocol != f.proto)
      continue;
    if (!r->has_priority)
      continue;
    g_autoptr(GError) e = NULL;
    if (!c->be->ops->rule_delete(c->be, c->pid, r, &e)) {
      nns_ip_rtnl_fail(c, e);
      nns_err(c->io, "Dump terminated\n");
      return 1;
    }
  }
  nns_print_end_dump(&p);
  return 0;
}

/* ------------------------------------------------------------------ */
/* add and del                                                          */

/* iprule_modify */
static int
rule_modify(NnsIpCall *c, gboolean add, int argc, char **argv)
{
  NnsRuleRecord r = { .family = c->opts.family, .action = add ? FR_ACT_TO_TBL : FR_ACT_UNSPEC };
  gboolean table_ok = FALSE;
  if (argc == 0) {
    nns_err(c->io, "\"ip rule %s\" requires arguments.\n", add ? "add" : "del");
    return 1;
  }
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    gboolean needs = g_str_equal(a, "from") || g_str_equal(a, "to") || nns_ip_matches(a, "preference") ||
                     nns_ip_matches(a, "order") || nns_ip_matches(a, "priority") || g_str_equal(a, "tos") ||
                     nns_ip_matches(a, "dsfield") || g_str_equal(a, "fwmark") || nns_ip_matches(a, "protocol") ||
                     nns_ip_matches(a, "table") || g_str_equal(a, "lookup") || g_str_equal(a, "dev") ||
                     g_str_equal(a, "iif") || g_str_equal(a, "oif") || g_str_equal(a, "nat") ||
                     nns_ip_matches(a, "map-to") || g_str_equal(a, "type");
    if (needs && i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (g_str_equal(a, "not")) {
      r.flags |= FIB_RULE_INVERT;
    } else if (g_str_equal(a, "from") || g_str_equal(a, "to")) {
      gboolean from = g_str_equal(a, "from"), d;
      NnsInet addr;
      guint8 len;
      if (!nns_ip_get_prefix(c, argv[++i], r.family, &addr, &len, &d))
        return 1;
      if (from) {
        r.src = addr;
        r.src_len = len;
      } else {
        r.dst = addr;
        r.dst_len = len;
      }
    } else if (nns_ip_matches(a, "preference") || nns_ip_matches(a, "order") || nns_ip_matches(a, "priority")) {
      if (!nns_ip_get_u32(argv[++i], &r.priority))
        return nns_ip_invarg(c, "preference value is invalid\n", argv[i]);
      r.has_priority = TRUE;
    } else if (g_str_equal(a, "tos") || nns_ip_matches(a, "dsfield")) {
      guint32 tos;
      if (!nns_ip_dsfield_parse(argv[++i], &tos))
        return nns_ip_invarg(c, "TOS value is invalid\n", argv[i]);
      r.tos = (guint8) tos;
    } else if (g_str_equal(a, "fwmark")) {
      int rc = parse_fwmark(c, argv[++i], &r.mark, &r.has_mask, &r.mask);
      if (rc)
        return rc;
      r.has_mark = TRUE;
    } else if (nns_ip_matches(a, "protocol")) {
      guint32 proto;
      if (!nns_ip_parse_proto(argv[++i], &proto))
        return nns_ip_invarg(c, "\"protocol\" value is invalid\n", argv[i]);
      r.has_protocol = TRUE;
      r.protocol = (guint8) proto;
    } else if (nns_ip_matches(a, "table") || g_str_equal(a, "lookup")) {
      if (!table_a2n(argv[++i], &r.table))
        return nns_ip_invarg(c, "invalid table ID\n", argv[i]);
      table_ok = TRUE;
    } else if (g_str_equal(a, "dev") || g_str_equal(a, "iif")) {
      if (!ifname_ok(argv[++i]))
        return nns_ip_invarg(c, "\"iif\"/\"dev\" not a valid ifname", argv[i]);
      g_strlcpy(r.iifname, argv[i], sizeof r.iifname);
    } else if (g_str_equal(a, "oif")) {
      if (!ifname_ok(argv[++i]))
        return nns_ip_invarg(c, "\"oif\" not a valid ifname", argv[i]);
      g_strlcpy(r.oifname, argv[i], sizeof r.oifname);
    } else if (g_str_equal(a, "nat") || nns_ip_matches(a, "map-to")) {
      NnsInet gw;
      nns_err(c->io, "Warning: route NAT is deprecated\n");
      if (!nns_ip_get_addr(c, argv[++i], AF_INET, &gw))
        return 1;
      /* RTA_GATEWAY: the kernel keeps no address for it. */
      r.action = RTN_NAT;
    } else if (unmodelled(a)) {
      return not_modelled(c, a);
    } else {
      if (g_str_equal(a, "type"))
        a = argv[++i];
      guint32 type;
      if (nns_ip_matches(a, "help")) {
        return usage(c);
      } else if (nns_ip_matches(a, "goto")) {
        if (i + 1 >= argc)
          return nns_ip_incomplete(c);
        type = FR_ACT_GOTO;
        if (!nns_ip_get_u32(argv[++i], &r.target))
          return nns_ip_invarg(c, "invalid target\n", argv[i]);
        r.has_goto = TRUE;
      } else if (nns_ip_matches(a, "nop")) {
        type = FR_ACT_NOP;
      } else if (!rtntype_a2n(a, &type)) {
        return nns_ip_invarg(c, "Failed to parse rule type", a);
      }
      r.action = (guint8) type;
      table_ok = TRUE;
    }
  }
  if (!r.family)
    r.family = AF_INET;
  if (!table_ok && add)
    r.table = RT_TABLE_MAIN;
  gboolean (*op_add)(NnsBackend *, int, const NnsRuleRecord *, guint, GError **) = c->be->ops->rule_add;
  gboolean (*op_del)(NnsBackend *, int, const NnsRuleRecord *, GError **) = c->be->ops->rule_delete;
  if (add ? !op_add : !op_del) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
    return 2;
  }
  g_autoptr(GError) error = NULL;
  gboolean ok = add ? op_add(c->be, c->pid, &r, NNS_NLM_CREATE | NNS_NLM_EXCL, &error)
                    : op_del(c->be, c->pid, &r, &error);
  return ok ? 0 : nns_ip_rtnl_fail(c, error);
}

int
nns_ip_rule(NnsIpCall *c, int argc, char **argv)
{
  if (argc == 0)
    return rule_list_or_flush(c, FALSE, 0, NULL);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst") || nns_ip_matches(cmd, "show"))
    return rule_list_or_flush(c, FALSE, argc - 1, argv + 1);
  /* save and restore move rules as binary netlink: not modelled. */
  if (nns_ip_matches(cmd, "save") || nns_ip_matches(cmd, "restore")) {
    nns_err(c->io, "netnsim: \"ip rule %s\" is not modelled\n", nns_ip_matches(cmd, "save") ? "save" : "restore");
    return 255;
  }
  if (nns_ip_matches(cmd, "add"))
    return rule_modify(c, TRUE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "delete"))
    return rule_modify(c, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "flush"))
    return rule_list_or_flush(c, TRUE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "help"))
    return usage(c);
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip rule help\".\n", cmd);
  return 255;
}
