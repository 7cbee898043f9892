/* `ip addr show` / `ip link show` arguments, as iproute2 6.1's
 * ipaddr_list_flush_or_save and get_filter parse them, and the address
 * tests of ipaddr_filter and print_addrinfo. */
#include "shell/ip/ip-addr-filter.h"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <fnmatch.h>
#include <string.h>

/* ifa_flag_names[]: the words get_filter knows, in its order. */
static const struct {
  const char *name;
  guint32 value;
} flag_names[] = {
  { "secondary", IFA_F_SECONDARY },   { "temporary", IFA_F_SECONDARY },
  { "nodad", IFA_F_NODAD },           { "optimistic", IFA_F_OPTIMISTIC },
  { "dadfailed", IFA_F_DADFAILED },   { "home", IFA_F_HOMEADDRESS },
  { "deprecated", IFA_F_DEPRECATED }, { "tentative", IFA_F_TENTATIVE },
  { "permanent", IFA_F_PERMANENT },   { "mngtmpaddr", IFA_F_MANAGETEMPADDR },
  { "noprefixroute", IFA_F_NOPREFIXROUTE }, { "autojoin", IFA_F_MCAUTOJOIN },
  { "stable-privacy", IFA_F_STABLE_PRIVACY },
};

/* get_filter(): a flag word, `-` inverting it; dynamic and primary are
 * the inverses of permanent and secondary. */
static gboolean
get_filter(NnsAddrFilter *f, const char *arg)
{
  gboolean inv = FALSE;
  if (arg[0] == '-') {
    inv = TRUE;
    arg++;
  }
  if (g_str_equal(arg, "dynamic")) {
    inv = !inv;
    arg = "permanent";
  } else if (g_str_equal(arg, "primary")) {
    inv = !inv;
    arg = "secondary";
  }
  for (gsize i = 0; i < G_N_ELEMENTS(flag_names); i++) {
    if (!g_str_equal(arg, flag_names[i].name))
      continue;
    if (inv)
      f->flags &= ~flag_names[i].value;
    else
      f->flags |= flag_names[i].value;
    f->flagmask |= flag_names[i].value;
    return TRUE;
  }
  return FALSE;
}

/* rtnl_group_a2n(): `default` or a non-negative number. */
static gboolean
group_a2n(const char *arg, guint *out)
{
  if (g_str_equal(arg, "default")) {
    *out = 0;
    return TRUE;
  }
  char *end = NULL;
  gint64 v = g_ascii_strtoll(arg, &end, 0);
  if (end == arg || *end || v < 0 || v > G_MAXINT32)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static gboolean
link_exists(NnsIpCall *c, const char *name)
{
  NnsLinkRecord *l = c->be->ops->link_get(c->be, c->pid, name, NULL);
  if (!l)
    return FALSE;
  nns_link_record_free(l);
  return TRUE;
}

int
nns_ip_addr_filter_parse(NnsIpCall *c, int argc, char **argv, gboolean with_addrs, NnsAddrFilter *f)
{
  memset(f, 0, sizeof *f);
  f->family = with_addrs ? c->opts.family : 0;
  for (int i = 0; i < argc; i++) {
    const char *w = argv[i];
    gboolean takes = g_str_equal(w, "to") || g_str_equal(w, "scope") || g_str_equal(w, "label") ||
                     g_str_equal(w, "group") || g_str_equal(w, "master") || g_str_equal(w, "vrf") ||
                     g_str_equal(w, "type") || g_str_equal(w, "dev");
    if (takes && i + 1 >= argc)
      return nns_ip_incomplete(c);
    if (g_str_equal(w, "to")) {
      /* `ip link` asks for AF_PACKET, whatever -4/-6 said: get_prefix
       * refuses every value in that family before reading it. */
      if (!with_addrs) {
        nns_err(c->io, "Error: \"%s\" may be inet prefix, but it is not allowed in this context.\n",
                argv[i + 1]);
        return 1;
      }
      gboolean is_default;
      NnsInet pfx;
      guint8 len;
      if (!nns_ip_get_prefix(c, argv[++i], f->family, &pfx, &len, &is_default))
        return 1;
      if (!is_default) {
        f->has_pfx = TRUE;
        f->pfx = pfx;
        f->pfx_len = len;
        if (!f->family)
          f->family = pfx.family;
      }
    } else if (g_str_equal(w, "scope")) {
      guint8 scope = 0;
      f->scopemask = 0xff;
      if (!nns_ip_parse_scope(argv[++i], &scope)) {
        if (!g_str_equal(argv[i], "all"))
          return nns_ip_invarg(c, "invalid \"scope\"\n", argv[i]);
        scope = RT_SCOPE_NOWHERE;
        f->scopemask = 0;
      }
      f->scope = scope;
    } else if (g_str_equal(w, "up")) {
      f->up = TRUE;
    } else if (get_filter(f, w)) {
      /* a flag word */
    } else if (g_str_equal(w, "label")) {
      f->label = argv[++i];
    } else if (g_str_equal(w, "group")) {
      if (!group_a2n(argv[++i], &f->group))
        return nns_ip_invarg(c, "Invalid \"group\" value\n", argv[i]);
      f->has_group = TRUE;
    } else if (g_str_equal(w, "master")) {
      if (!link_exists(c, argv[++i]))
        return nns_ip_invarg(c, "Device does not exist\n", argv[i]);
      f->master = argv[i];
    } else if (g_str_equal(w, "vrf")) {
      /* No VRF device is modelled: no name is a VRF's. */
      return nns_ip_invarg(c, "Not a valid VRF name\n", argv[++i]);
    } else if (g_str_equal(w, "type")) {
      f->kind = argv[++i];
    } else {
      if (g_str_equal(w, "dev"))
        w = argv[++i];
      if (f->dev) {
        nns_err(c->io, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", w);
        return 255;
      }
      f->dev = w;
    }
  }
  return -1;
}

gboolean
nns_ip_addr_filter_match(const NnsAddrFilter *f, const NnsLinkRecord *link, const NnsAddrRecord *a)
{
  if ((f->scope ^ a->scope) & f->scopemask)
    return FALSE;
  if ((f->flags ^ a->flags) & f->flagmask)
    return FALSE;
  if (f->has_pfx && (a->family != f->pfx.family || !nns_inet_same_prefix(&a->local, &f->pfx, f->pfx_len)))
    return FALSE;
  if (f->label) {
    /* IPv6 addresses carry no IFA_LABEL: the device's name stands in. */
    const char *label = a->family == AF_INET && a->label[0] ? a->label : link->name;
    if (fnmatch(f->label, label, 0) != 0)
      return FALSE;
  }
  return TRUE;
}

gboolean
nns_ip_addr_filter_selects(const NnsAddrFilter *f, const NnsLinkRecord *link, const NnsAddrRecord *a)
{
  if (f->dev && !g_str_equal(f->dev, link->name))
    return FALSE;
  if (f->family && a->family != f->family)
    return FALSE;
  return nns_ip_addr_filter_match(f, link, a);
}

int
nns_ip_addr_filter_begin(NnsIpCall *c, int argc, char **argv, gboolean with_addrs, NnsAddrFilter *f,
                         NnsIpContext *ctx)
{
  int rc = nns_ip_addr_filter_parse(c, argc, argv, with_addrs, f);
  if (rc >= 0)
    return rc;
  if (!nns_ip_context_load(c, ctx))
    return 2;
  if (f->dev && !nns_ip_context_has_name(ctx, f->dev)) {
    nns_err(c->io, "Device \"%s\" does not exist.\n", f->dev);
    nns_ip_context_clear(ctx);
    return 1;
  }
  return -1;
}
