/* iproute2's argument parsers (utils.c, rt_names.c) that `ip route` and
 * `ip rule` share, with their complaints. */
#include "shell/ip/ip-common.h"

#include <linux/rtnetlink.h>
#include <string.h>

gboolean
nns_ip_get_u32(const char *s, guint32 *out)
{
  char *end = NULL;
  if (!s || !*s)
    return FALSE;
  guint64 v = g_ascii_strtoull(s, &end, 0);
  if (*end || v > G_MAXUINT32)
    return FALSE;
  *out = (guint32) v;
  return TRUE;
}

gboolean
nns_ip_parse_scope(const char *t, guint8 *out)
{
  static const struct { const char *name; guint8 v; } names[] = {
    { "global", RT_SCOPE_UNIVERSE }, { "nowhere", RT_SCOPE_NOWHERE }, { "host", RT_SCOPE_HOST },
    { "link", RT_SCOPE_LINK },       { "site", RT_SCOPE_SITE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_str_equal(t, names[i].name)) {
      *out = names[i].v;
      return TRUE;
    }
  guint32 v;
  if (t[0] == '-' || !nns_ip_get_u32(t, &v) || v > 255)
    return FALSE;
  *out = (guint8) v;
  return TRUE;
}

gboolean
nns_ip_parse_table(const char *t, guint32 *out)
{
  if (g_str_equal(t, "all") || g_str_equal(t, "unspec"))
    *out = 0;
  else if (g_str_equal(t, "local"))
    *out = RT_TABLE_LOCAL;
  else if (g_str_equal(t, "main"))
    *out = RT_TABLE_MAIN;
  else if (g_str_equal(t, "default"))
    *out = RT_TABLE_DEFAULT;
  else
    return nns_ip_get_u32(t, out);
  return TRUE;
}

gboolean
nns_ip_parse_proto(const char *t, guint32 *out)
{
  static const struct { const char *n; guint v; } names[] = {
    { "unspec", 0 }, { "redirect", 1 }, { "kernel", 2 }, { "boot", 3 }, { "static", 4 }, { "gated", 8 },
    { "ra", 9 }, { "mrt", 10 }, { "zebra", 11 }, { "bird", 12 }, { "dnrouted", 13 }, { "xorp", 14 },
    { "ntk", 15 }, { "dhcp", 16 }, { "keepalived", 18 }, { "babel", 42 }, { "openr", 99 }, { "bgp", 186 },
    { "isis", 187 }, { "ospf", 188 }, { "rip", 189 }, { "eigrp", 192 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_str_equal(t, names[i].n)) {
      *out = names[i].v;
      return TRUE;
    }
  return nns_ip_get_u32(t, out) && *out < 256;
}

const char *
nns_ip_family_name(guint8 family)
{
  return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "any valid";
}

/* get_prefix: "default", "any", "all" or ADDR[/LEN]; exit 1 on failure. */
gboolean
nns_ip_get_prefix(NnsIpCall *c, const char *arg, guint8 family, NnsInet *addr, guint8 *len, gboolean *is_default)
{
  *is_default = FALSE;
  if (g_str_equal(arg, "default") || g_str_equal(arg, "any") || g_str_equal(arg, "all")) {
    memset(addr, 0, sizeof *addr);
    addr->family = family == AF_INET6 ? AF_INET6 : AF_INET;
    *len = 0;
    *is_default = TRUE;
    return TRUE;
  }
  g_autofree char *copy = g_strdup(arg);
  char *slash = strchr(copy, '/');
  if (slash)
    *slash++ = '\0';
  gboolean ok = nns_inet_parse(copy, addr) && (!family || addr->family == family);
  guint32 plen = ok ? nns_inet_bits(addr) : 0;
  if (ok && slash) {
    char *end = NULL;
    guint64 v = g_ascii_strtoull(slash, &end, 10);
    ok = *slash && !*end && v <= nns_inet_bits(addr);
    plen = (guint32) v;
  }
  if (!ok) {
    nns_err(c->io, "Error: %s prefix is expected rather than \"%s\".\n", nns_ip_family_name(family), arg);
    return FALSE;
  }
  *len = (guint8) plen;
  return TRUE;
}

gboolean
nns_ip_get_addr(NnsIpCall *c, const char *arg, guint8 family, NnsInet *addr)
{
  if (!nns_inet_parse(arg, addr) || (family && addr->family != family)) {
    nns_err(c->io, "Error: %s address is expected rather than \"%s\".\n", nns_ip_family_name(family), arg);
    return FALSE;
  }
  return TRUE;
}

int
nns_ip_incomplete(NnsIpCall *c)
{
  nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
  return 255;
}

