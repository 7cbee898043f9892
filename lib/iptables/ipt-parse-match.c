/* The matches iptables 1.8.9 describes by xtables option tables (libxt_limit,
 * mac, iprange, owner, addrtype, recent, length, ttl, pkttype, set): the
 * generic checks of xtables_option_parse and xtables_options_fcheck with
 * their wording, then each extension's own parse and final check. */
#include "lib/iptables/ipt-parser.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

typedef enum {
  T_NONE,
  T_STRING,
  T_UINT8,
  T_UINT32,
  T_UINT16RC,                         /* N, N:M, :M, N: */
  T_ETHERMAC,
  T_HOST,
} OptType;

enum {
  X_INVERT = 1 << 0,
  X_MAND   = 1 << 1,
};

typedef struct {
  const char *name;                   /* without "--" */
  OptType type;
  guint flags;
  guint excl, also;                   /* bits of option ids */
  guint32 min, max;                   /* integers: the range */
} Opt;

typedef struct {
  const char *name;
  NnsNfMatchKind kind;
  const Opt *opts;
  guint n_opts;
  int family;                         /* 0: both */
} Ext;

#define B(id) (1u << (id))

enum { LIMIT_RATE, LIMIT_BURST };
static const Opt limit_opts[] = {
  [LIMIT_RATE] = { "limit", T_STRING },
  [LIMIT_BURST] = { "limit-burst", T_UINT32, 0, 0, 0, 0, 10000 },
};

static const Opt mac_opts[] = {
  { "mac-source", T_ETHERMAC, X_INVERT | X_MAND },
};

enum { IPR_SRC, IPR_DST };
static const Opt iprange_opts[] = {
  [IPR_SRC] = { "src-range", T_STRING, X_INVERT },
  [IPR_DST] = { "dst-range", T_STRING, X_INVERT },
};

enum { OWN_UID, OWN_GID, OWN_SOCKET };
static const Opt owner_opts[] = {
  [OWN_UID] = { "uid-owner", T_STRING, X_INVERT },
  [OWN_GID] = { "gid-owner", T_STRING, X_INVERT },
  [OWN_SOCKET] = { "socket-exists", T_NONE, X_INVERT },
};

enum { AT_SRC, AT_DST, AT_IN, AT_OUT };
static const Opt addrtype_opts[] = {
  [AT_SRC] = { "src-type", T_STRING, X_INVERT },
  [AT_DST] = { "dst-type", T_STRING, X_INVERT },
  [AT_IN] = { "limit-iface-in", T_NONE, 0, B(AT_OUT) },
  [AT_OUT] = { "limit-iface-out", T_NONE, 0, B(AT_IN) },
};

enum { RC_SET, RC_RCHECK, RC_UPDATE, RC_REMOVE, RC_SECONDS, RC_REAP, RC_HITCOUNT, RC_RTTL, RC_NAME,
       RC_RSOURCE, RC_RDEST, RC_MASK };
#define RC_ANY_OP (B(RC_SET) | B(RC_RCHECK) | B(RC_UPDATE) | B(RC_REMOVE))
static const Opt recent_opts[] = {
  [RC_SET] = { "set", T_NONE, X_INVERT, RC_ANY_OP },
  [RC_RCHECK] = { "rcheck", T_NONE, X_INVERT, RC_ANY_OP },
  [RC_UPDATE] = { "update", T_NONE, X_INVERT, RC_ANY_OP },
  [RC_REMOVE] = { "remove", T_NONE, X_INVERT, RC_ANY_OP },
  [RC_SECONDS] = { "seconds", T_UINT32, 0, 0, 0, 1, G_MAXUINT32 },
  [RC_REAP] = { "reap", T_NONE, 0, 0, B(RC_SECONDS) },
  [RC_HITCOUNT] = { "hitcount", T_UINT32, 0, 0, 0, 0, G_MAXUINT32 },
  [RC_RTTL] = { "rttl", T_NONE, 0, B(RC_SET) | B(RC_REMOVE) },
  [RC_NAME] = { "name", T_STRING },
  [RC_RSOURCE] = { "rsource", T_NONE },
  [RC_RDEST] = { "rdest", T_NONE },
  [RC_MASK] = { "mask", T_HOST },
};

static const Opt length_opts[] = {
  { "length", T_UINT16RC, X_INVERT | X_MAND, 0, 0, 0, 65535 },
};

enum { TTL_EQ, TTL_LT, TTL_GT };
#define TTL_ANY (B(TTL_EQ) | B(TTL_LT) | B(TTL_GT))
static const Opt ttl_opts[] = {
  [TTL_EQ] = { "ttl-eq", T_UINT8, X_INVERT, TTL_ANY, 0, 0, 255 },
  [TTL_LT] = { "ttl-lt", T_UINT8, 0, TTL_ANY, 0, 0, 255 },
  [TTL_GT] = { "ttl-gt", T_UINT8, 0, TTL_ANY, 0, 0, 255 },
};

/* libip6t_hl: ttl's for IPv6. */
static const Opt hl_opts[] = {
  [TTL_EQ] = { "hl-eq", T_UINT8, X_INVERT, TTL_ANY, 0, 0, 255 },
  [TTL_LT] = { "hl-lt", T_UINT8, 0, TTL_ANY, 0, 0, 255 },
  [TTL_GT] = { "hl-gt", T_UINT8, 0, TTL_ANY, 0, 0, 255 },
};

static const Opt pkttype_opts[] = {
  { "pkt-type", T_STRING, X_INVERT | X_MAND },
};

static const Ext exts[] = {
  { "limit", NNS_NF_MATCH_LIMIT, limit_opts, G_N_ELEMENTS(limit_opts) },
  { "mac", NNS_NF_MATCH_MAC, mac_opts, G_N_ELEMENTS(mac_opts) },
  { "iprange", NNS_NF_MATCH_IPRANGE, iprange_opts, G_N_ELEMENTS(iprange_opts) },
  { "owner", NNS_NF_MATCH_OWNER, owner_opts, G_N_ELEMENTS(owner_opts) },
  { "addrtype", NNS_NF_MATCH_ADDRTYPE, addrtype_opts, G_N_ELEMENTS(addrtype_opts) },
  { "recent", NNS_NF_MATCH_RECENT, recent_opts, G_N_ELEMENTS(recent_opts) },
  { "length", NNS_NF_MATCH_LENGTH, length_opts, G_N_ELEMENTS(length_opts) },
  { "ttl", NNS_NF_MATCH_TTL, ttl_opts, G_N_ELEMENTS(ttl_opts), AF_INET },
  { "hl", NNS_NF_MATCH_TTL, hl_opts, G_N_ELEMENTS(hl_opts), AF_INET6 },
  { "pkttype", NNS_NF_MATCH_PKTTYPE, pkttype_opts, G_N_ELEMENTS(pkttype_opts) },
  { "set", NNS_NF_MATCH_SET, NULL, 0 },
};

static gboolean
for_family(const Ext *x, int family)
{
  return x->family == 0 || x->family == (family == AF_INET6 ? AF_INET6 : AF_INET);
}

static const Ext *
ext_of(NnsNfMatchKind kind, int family)
{
  for (gsize i = 0; i < G_N_ELEMENTS(exts); i++)
    if (exts[i].kind == kind && for_family(&exts[i], family))
      return &exts[i];
  return NULL;
}

gboolean
nns_ipt_xmatch_lookup(const char *name, int family, NnsNfMatchKind *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS(exts); i++)
    if (g_str_equal(exts[i].name, name) && for_family(&exts[i], family)) {
      *kind = exts[i].kind;
      return TRUE;
    }
  return FALSE;
}

void
nns_ipt_xmatch_init(NnsNfMatch *m)
{
  switch (m->kind) {
  case NNS_NF_MATCH_LIMIT:
    /* XT_LIMIT_AVG 3/hour, XT_LIMIT_BURST 5 */
    m->u.limit.avg = 10000 * 60 * 60 / 3;
    m->u.limit.burst = 5;
    break;
  case NNS_NF_MATCH_RECENT:
    g_strlcpy(m->u.recent.name, "DEFAULT", sizeof m->u.recent.name);
    m->u.recent.side = NNS_NF_RECENT_SOURCE;
    memset(m->u.recent.mask, 0xff, sizeof m->u.recent.mask);
    break;
  default:
    break;
  }
}

/* ------------------------------------------------------------------ */
/* Values.                                                             */

/* xtables_strtoul: base 0, the whole word, within [min, max]. */
static gboolean
strtoul_range(const char *s, guint64 min, guint64 max, guint64 *out)
{
  char *end;
  if (!*s || *s == '-')
    return FALSE;
  errno = 0;
  uintmax_t v = strtoumax(s, &end, 0);
  if (end == s || *end || errno == ERANGE || v < min || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

/* xtopt_parse_ethermac */
static gboolean
parse_ethermac(const char *arg, guint8 mac[6])
{
  char *end;
  for (int i = 0; i < 5; i++) {
    mac[i] = (guint8) strtoul(arg, &end, 16);
    if (*end != ':' || end - arg > 2)
      return FALSE;
    arg = end + 1;
  }
  mac[5] = (guint8) strtoul(arg, &end, 16);
  return *end == '\0' && end - arg <= 2;
}

/* xtopt_parse_mint for XTTYPE_UINT16RC: up to two values split by ':',
 * an empty one being the range's end. */
static gboolean
parse_uint16rc(NnsIptParser *p, const Ext *x, const Opt *o, const char *arg, guint16 out[2])
{
  out[0] = 0;
  out[1] = 65535;
  const char *s = arg;
  for (int n = 0;; n++) {
    if (n == 2)
      return NNS_IPT_PARAM(p, "%s: Too many components for option \"--%s\" (max: 2)\n", x->name, o->name);
    const char *colon = strchr(s, ':');
    g_autofree char *word = colon ? g_strndup(s, colon - s) : g_strdup(s);
    guint64 v = n == 0 ? 0 : 65535;
    if (*word && !strtoul_range(word, 0, 65535, &v))
      return NNS_IPT_PARAM(p, "%s: bad value for option \"--%s\" near \"%s\", or out of range (%u-%u).\n",
                           x->name, o->name, s, 0, 65535);
    out[n] = (guint16) v;
    if (!colon) {
      if (n == 0)
        out[1] = out[0];
      return TRUE;
    }
    s = colon + 1;
  }
}

/* libxt_limit's parse_rate: N[/second|minute|hour|day], any prefix of the
 * unit; the interval in 1/10000 s. */
static gboolean
parse_rate(NnsIptParser *p, const char *rate, guint32 *avg)
{
  guint32 mult = 1;
  const char *delim = strchr(rate, '/');
  if (delim) {
    const char *u = delim + 1;
    size_t len = strlen(u);
    if (len == 0)
      return NNS_IPT_PARAM(p, "bad rate \"%s\"'", rate);
    if (strncasecmp(u, "second", len) == 0)
      mult = 1;
    else if (strncasecmp(u, "minute", len) == 0)
      mult = 60;
    else if (strncasecmp(u, "hour", len) == 0)
      mult = 60 * 60;
    else if (strncasecmp(u, "day", len) == 0)
      mult = 24 * 60 * 60;
    else
      return NNS_IPT_PARAM(p, "bad rate \"%s\"'", rate);
  }
  guint32 r = (guint32) atoi(rate);
  if (!r)
    return NNS_IPT_PARAM(p, "bad rate \"%s\"'", rate);
  *avg = 10000 * mult / r;
  if (*avg == 0)
    return NNS_IPT_PARAM(p, "Rate too fast \"%s\"", rate);
  return TRUE;
}

/* libxt_iprange: ADDR or ADDR-ADDR. */
static gboolean
parse_iprange(NnsIptParser *p, const char *optname, const char *arg, guint8 min[16], guint8 max[16])
{
  g_autofree char *copy = g_strdup(arg);
  char *dash = strchr(copy, '-');
  const char *to = copy;
  if (dash) {
    *dash = '\0';
    to = dash + 1;
  }
  int af = p->cmd->rule.family == AF_INET6 ? AF_INET6 : AF_INET;
  memset(min, 0, 16);
  memset(max, 0, 16);
  if (inet_pton(af, copy, min) != 1)
    return NNS_IPT_PARAM(p, "iprange: Bad value for \"%s\" option: \"%s\"", optname, copy);
  if (inet_pton(af, to, max) != 1)
    return NNS_IPT_PARAM(p, "iprange: Bad value for \"%s\" option: \"%s\"", optname, to);
  if (dash && memcmp(min, max, af == AF_INET6 ? 16 : 4) > 0) {
    g_autofree char *old = p->cmd->warning;
    p->cmd->warning = g_strdup_printf("%sxt_iprange: range %s-%s is reversed and will never match\n",
                                      old ? old : "", copy, to);
  }
  return TRUE;
}

/* libxt_owner: a name the namespace's passwd knows (root only), else
 * ID or ID-ID (ID:ID), each at most UINT32_MAX - 1. */
static gboolean
parse_owner(NnsIptParser *p, const char *optname, const char *arg, guint32 *from, guint32 *to)
{
  if (g_str_equal(arg, "root")) {
    *from = *to = 0;
    return TRUE;
  }
  char *end;
  errno = 0;
  if (!*arg || *arg == '-')
    goto bad;
  uintmax_t v = strtoumax(arg, &end, 0);
  if (end == arg || errno == ERANGE || v > G_MAXUINT32 - 1)
    goto bad;
  *from = *to = (guint32) v;
  if (*end == '-' || *end == ':') {
    const char *s = end + 1;
    if (!*s || *s == '-')
      goto bad;
    v = strtoumax(s, &end, 0);
    if (end == s || errno == ERANGE || v > G_MAXUINT32 - 1)
      goto bad;
    *to = (guint32) v;
  }
  if (*end == '\0')
    return TRUE;
bad:
  return NNS_IPT_PARAM(p, "owner: Bad value for \"%s\" option: \"%s\"", optname, arg);
}

static const char *const rtn_names[] = {
  "UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST", "BLACKHOLE", "UNREACHABLE",
  "PROHIBIT", "THROW", "NAT", "XRESOLVE",
};

static gboolean
addrtype_one(const char *name, size_t len, guint16 *mask)
{
  for (gsize i = 0; i < G_N_ELEMENTS(rtn_names); i++)
    if (strncasecmp(name, rtn_names[i], len) == 0) {
      *mask |= 1 << i;
      return TRUE;
    }
  return FALSE;
}

/* libxt_addrtype's parse_types: TYPE[,TYPE...], any prefix of a name. */
static gboolean
parse_addrtypes(NnsIptParser *p, const char *arg, guint16 *mask)
{
  const char *comma;
  while ((comma = strchr(arg, ',')) != NULL) {
    if (comma == arg || !addrtype_one(arg, comma - arg, mask))
      return NNS_IPT_PARAM(p, "addrtype: bad type `%s'", arg);
    arg = comma + 1;
  }
  if (!*arg || !addrtype_one(arg, strlen(arg), mask))
    return NNS_IPT_PARAM(p, "addrtype: bad type \"%s\"", arg);
  return TRUE;
}

const char *
nns_ipt_addrtype_name(guint bit)
{
  return bit < G_N_ELEMENTS(rtn_names) ? rtn_names[bit] : NULL;
}

static const struct {
  const char *name;
  guint8 type;
} pkttypes[] = {
  { "unicast", NNS_NF_PKT_HOST }, { "broadcast", NNS_NF_PKT_BROADCAST },
  { "multicast", NNS_NF_PKT_MULTICAST }, { "host", NNS_NF_PKT_HOST },
  { "otherhost", NNS_NF_PKT_OTHERHOST },
};

const char *
nns_ipt_pkttype_name(guint8 type)
{
  for (gsize i = 0; i < G_N_ELEMENTS(pkttypes); i++)
    if (pkttypes[i].type == type)
      return pkttypes[i].name;
  return NULL;
}

/* libxt_set: --match-set NAME FLAGS.  ipset is not modelled: no set
 * exists, and the real tool says so while parsing (recorded). */
static gboolean
set_option(NnsIptParser *p, const char *opt, gboolean *handled)
{
  if (!g_str_equal(opt, "--match-set")) {
    *handled = FALSE;
    return TRUE;
  }
  *handled = TRUE;
  if (p->i >= p->argc)
    return NNS_IPT_PARAM(p, "option \"%s\" requires an argument", opt);
  const char *name = p->argv[p->i++];
  const char *dirs = p->i < p->argc ? p->argv[p->i] : NULL;
  if (!dirs || dirs[0] == '-' || dirs[0] == '!')
    return NNS_IPT_PARAM(p, "--match-set requires two args.");
  if (strlen(name) > 31)
    return NNS_IPT_PARAM(p, "setname `%s' too long, max %d characters.", name, 31);
  return NNS_IPT_PARAM(p, "Set %s doesn't exist.\n", name);
}

/* ------------------------------------------------------------------ */
/* Options.                                                            */

/* The extension's own handling of a parsed option. */
static gboolean
apply(NnsIptParser *p, NnsNfMatch *m, const Opt *o, guint id, const char *arg, guint64 num, gboolean inv)
{
  g_autofree char *optname = g_strdup_printf("--%s", o->name);
  switch (m->kind) {
  case NNS_NF_MATCH_LIMIT:
    if (id == LIMIT_RATE)
      return parse_rate(p, arg, &m->u.limit.avg);
    m->u.limit.burst = (guint32) num;
    return TRUE;
  case NNS_NF_MATCH_MAC:
    if (!parse_ethermac(arg, m->u.mac))
      return NNS_IPT_PARAM(p, "Invalid MAC address specified.");
    m->invert = inv;
    return TRUE;
  case NNS_NF_MATCH_IPRANGE:
    if (id == IPR_SRC) {
      m->u.iprange.flags |= NNS_NF_IPRANGE_SRC | (inv ? NNS_NF_IPRANGE_SRC_INV : 0);
      return parse_iprange(p, optname, arg, m->u.iprange.src_min, m->u.iprange.src_max);
    }
    m->u.iprange.flags |= NNS_NF_IPRANGE_DST | (inv ? NNS_NF_IPRANGE_DST_INV : 0);
    return parse_iprange(p, optname, arg, m->u.iprange.dst_min, m->u.iprange.dst_max);
  case NNS_NF_MATCH_OWNER: {
    guint8 bit = id == OWN_UID ? NNS_NF_OWNER_UID : id == OWN_GID ? NNS_NF_OWNER_GID : NNS_NF_OWNER_SOCKET;
    if (id == OWN_UID && !parse_owner(p, optname, arg, &m->u.owner.uid_min, &m->u.owner.uid_max))
      return FALSE;
    if (id == OWN_GID && !parse_owner(p, optname, arg, &m->u.owner.gid_min, &m->u.owner.gid_max))
      return FALSE;
    m->u.owner.match |= bit;
    if (inv)
      m->u.owner.invert |= bit;
    return TRUE;
  }
  case NNS_NF_MATCH_ADDRTYPE:
    switch (id) {
    case AT_SRC:
      if (inv)
        m->u.addrtype.flags |= NNS_NF_ADDRTYPE_INVERT_SOURCE;
      return parse_addrtypes(p, arg, &m->u.addrtype.source);
    case AT_DST:
      if (inv)
        m->u.addrtype.flags |= NNS_NF_ADDRTYPE_INVERT_DEST;
      return parse_addrtypes(p, arg, &m->u.addrtype.dest);
    case AT_IN:
      m->u.addrtype.flags |= NNS_NF_ADDRTYPE_LIMIT_IFACE_IN;
      return TRUE;
    default:
      m->u.addrtype.flags |= NNS_NF_ADDRTYPE_LIMIT_IFACE_OUT;
      return TRUE;
    }
  case NNS_NF_MATCH_RECENT: {
    static const guint8 ops[] = {
      [RC_SET] = NNS_NF_RECENT_SET, [RC_RCHECK] = NNS_NF_RECENT_CHECK,
      [RC_UPDATE] = NNS_NF_RECENT_UPDATE, [RC_REMOVE] = NNS_NF_RECENT_REMOVE,
    };
    switch (id) {
    case RC_SET:
    case RC_RCHECK:
    case RC_UPDATE:
    case RC_REMOVE:
      m->u.recent.check_set |= ops[id];
      if (inv)
        m->u.recent.invert = TRUE;
      return TRUE;
    case RC_SECONDS:
      m->u.recent.seconds = (guint32) num;
      return TRUE;
    case RC_REAP:
      m->u.recent.check_set |= NNS_NF_RECENT_REAP;
      return TRUE;
    case RC_HITCOUNT:
      m->u.recent.hit_count = (guint32) num;
      return TRUE;
    case RC_RTTL:
      m->u.recent.check_set |= NNS_NF_RECENT_TTL;
      return TRUE;
    case RC_NAME:
      g_strlcpy(m->u.recent.name, arg, sizeof m->u.recent.name);
      return TRUE;
    case RC_RSOURCE:
      m->u.recent.side = NNS_NF_RECENT_SOURCE;
      return TRUE;
    case RC_RDEST:
      m->u.recent.side = NNS_NF_RECENT_DEST;
      return TRUE;
    default: {
      int af = p->cmd->rule.family == AF_INET6 ? AF_INET6 : AF_INET;
      memset(m->u.recent.mask, 0, sizeof m->u.recent.mask);
      if (inet_pton(af, arg, m->u.recent.mask) != 1)
        return NNS_IPT_PARAM(p, "getaddrinfo: Temporary failure in name resolution\n");
      return TRUE;
    }
    }
  }
  case NNS_NF_MATCH_TTL:
    m->u.ttl.value = (guint8) num;
    m->u.ttl.mode = id == TTL_EQ ? (inv ? NNS_NF_TTL_NE : NNS_NF_TTL_EQ) : id == TTL_LT ? NNS_NF_TTL_LT : NNS_NF_TTL_GT;
    return TRUE;
  case NNS_NF_MATCH_PKTTYPE:
    for (gsize i = 0; i < G_N_ELEMENTS(pkttypes); i++)
      if (g_ascii_strcasecmp(arg, pkttypes[i].name) == 0) {
        m->u.pkttype = pkttypes[i].type;
        m->invert = inv;
        return TRUE;
      }
    return NNS_IPT_PARAM(p, "Bad packet type '%s'", arg);
  default:
    return TRUE;
  }
}

gboolean
nns_ipt_xmatch_option(NnsIptParser *p, guint k, const char *opt, gboolean *handled)
{
  NnsNfMatch *m = &p->cmd->rule.matches[k];
  const Ext *x = ext_of(m->kind, p->cmd->family);
  *handled = FALSE;
  if (!x)
    return TRUE;
  if (m->kind == NNS_NF_MATCH_SET)
    return set_option(p, opt, handled);
  guint id;
  for (id = 0; id < x->n_opts; id++)
    if (g_str_has_prefix(opt, "--") && g_str_equal(opt + 2, x->opts[id].name))
      break;
  if (id == x->n_opts)
    return TRUE;
  *handled = TRUE;
  const Opt *o = &x->opts[id];
  /* xtables_option_parse's checks, in its order. */
  if (p->xflags[k] & B(id))
    return NNS_IPT_PARAM(p, "%s: option \"--%s\" can only be used once.\n", x->name, o->name);
  gboolean inv = p->invert;
  if (inv && !(o->flags & X_INVERT))
    return NNS_IPT_PARAM(p, "%s: option \"--%s\" cannot be inverted.\n", x->name, o->name);
  const char *arg = NULL;
  if (o->type != T_NONE) {
    if (p->i >= p->argc)
      return NNS_IPT_PARAM(p, "option \"%s\" requires an argument", opt);
    arg = p->argv[p->i++];
  }
  guint64 num = 0;
  guint16 rc[2];
  switch (o->type) {
  case T_UINT8:
  case T_UINT32:
    if (!strtoul_range(arg, o->min, o->max, &num))
      return NNS_IPT_PARAM(p, "%s: bad value for option \"--%s\", or out of range (%u-%u).\n", x->name, o->name,
                           o->min, o->max);
    break;
  case T_UINT16RC:
    if (!parse_uint16rc(p, x, o, arg, rc))
      return FALSE;
    m->u.length.min = rc[0];
    m->u.length.max = rc[1];
    m->invert = inv;
    break;
  default:
    break;
  }
  p->xflags[k] |= B(id);
  p->invert = FALSE;
  if (o->type == T_UINT16RC)
    return TRUE;
  return apply(p, m, o, id, arg, num, inv);
}

/* nf_tables keeps a limit as a rate per unit (iptables-nft's
 * add_nft_limit) and iptables reads the interval back from it; a burst
 * of 0 is the kernel's default 5. */
static void
limit_as_kernel_keeps(NnsNfMatch *m)
{
  static const guint32 mult[] = { 10000u * 24 * 60 * 60, 10000u * 60 * 60, 10000u * 60, 10000u };
  static const guint32 unit[] = { 24 * 60 * 60, 60 * 60, 60, 1 };
  guint32 avg = m->u.limit.avg;
  gsize i;
  for (i = 1; i < G_N_ELEMENTS(mult); i++)
    if (avg > mult[i] || mult[i] / avg < mult[i] % avg)
      break;
  guint32 rate = mult[i - 1] / avg;
  m->u.limit.avg = (guint32) ((guint64) 10000 * unit[i - 1] / rate);
  if (m->u.limit.burst == 0)
    m->u.limit.burst = 5;
}

gboolean
nns_ipt_xmatch_final(NnsIptParser *p, guint k)
{
  NnsNfMatch *m = &p->cmd->rule.matches[k];
  const Ext *x = ext_of(m->kind, p->cmd->family);
  if (!x)
    return TRUE;
  guint xf = p->xflags[k];
  /* xtables_options_fcheck */
  for (guint id = 0; id < x->n_opts; id++) {
    const Opt *o = &x->opts[id];
    if ((o->flags & X_MAND) && !(xf & B(id)))
      return NNS_IPT_PARAM(p, "%s: option \"--%s\" must be specified\n", x->name, o->name);
    if (!(xf & B(id)))
      continue;
    for (guint j = 0; j < x->n_opts; j++) {
      if (j == id)
        continue;
      if ((o->excl & B(j)) && (xf & B(j)))
        return NNS_IPT_PARAM(p, "%s: option \"--%s\" cannot be used together with \"--%s\".\n", x->name, o->name,
                             x->opts[j].name);
      if ((o->also & B(j)) && !(xf & B(j)))
        return NNS_IPT_PARAM(p, "%s: option \"--%s\" also requires \"--%s\".\n", x->name, o->name,
                             x->opts[j].name);
    }
  }
  /* The extensions' x6_fcheck. */
  switch (m->kind) {
  case NNS_NF_MATCH_LIMIT:
    limit_as_kernel_keeps(m);
    break;
  case NNS_NF_MATCH_IPRANGE:
    if (!(xf & (B(IPR_SRC) | B(IPR_DST))))
      return NNS_IPT_PARAM(p, "iprange match: You must specify `--src-range' or `--dst-range'");
    break;
  case NNS_NF_MATCH_OWNER:
    if (!xf)
      return NNS_IPT_PARAM(p, "owner: At least one of --uid-owner, --gid-owner or --socket-exists is required");
    break;
  case NNS_NF_MATCH_ADDRTYPE:
    if (!(xf & (B(AT_SRC) | B(AT_DST))))
      return NNS_IPT_PARAM(p, "addrtype: you must specify --src-type or --dst-type");
    break;
  case NNS_NF_MATCH_RECENT:
    if (!(xf & RC_ANY_OP))
      return NNS_IPT_PARAM(p, "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
    break;
  case NNS_NF_MATCH_TTL:
    if (!(xf & TTL_ANY) && p->cmd->family == AF_INET6)
      return NNS_IPT_PARAM(p, "HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'");
    if (!(xf & TTL_ANY))
      return NNS_IPT_PARAM(p, "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
    break;
  case NNS_NF_MATCH_SET:
    return NNS_IPT_PARAM(p, "You must specify `--match-set' with proper arguments");
  default:
    break;
  }
  return TRUE;
}
