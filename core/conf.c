#include "core/conf.h"
#include "core/address.h"
#include "core/error.h"
#include "core/mcast.h"
#include "core/netns.h"

#include <errno.h>
#include <limits.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>

/* Entry flags. */
enum {
  C_RO = 1 << 0,        /* 0444: a write is refused */
  C_SECRET = 1 << 1,    /* stable_secret: 0600, unreadable until set */
  C_LO = 1 << 2,        /* lo registers with `lo` instead of the default */
  C_RANGE = 1 << 3,     /* proc_dointvec_minmax: min and max hold */
};

typedef struct {
  const char *name;
  int dflt;             /* `default`'s and a new device's */
  int all;              /* `all`'s */
  int lo;               /* lo's, with C_LO */
  guint flags;
  int min, max;
} Entry;

/* Recorded (fixtures/oracle/conf-sysctl): the kernel's 6.x entries, sorted. */
static const Entry v4[] = {
  { "accept_local", 0, 0 },
  { "accept_redirects", 1, 1 },
  { "accept_source_route", 1, 0 },
  { "arp_accept", 0, 0 },
  { "arp_announce", 0, 0 },
  { "arp_evict_nocarrier", 1, 1 },
  { "arp_filter", 0, 0 },
  { "arp_ignore", 0, 0 },
  { "arp_notify", 0, 0 },
  { "bc_forwarding", 0, 0 },
  { "bootp_relay", 0, 0 },
  { "disable_policy", 0, 0, 1, C_LO },
  { "disable_xfrm", 0, 0, 1, C_LO },
  { "drop_gratuitous_arp", 0, 0 },
  { "drop_unicast_in_l2_multicast", 0, 0 },
  { "force_igmp_version", 0, 0 },
  { "forwarding", 0, 0 },
  { "igmpv2_unsolicited_report_interval", 10000, 10000 },
  { "igmpv3_unsolicited_report_interval", 1000, 1000 },
  { "ignore_routes_with_linkdown", 0, 0 },
  { "log_martians", 0, 0 },
  { "mc_forwarding", 0, 0, 0, C_RO },
  { "medium_id", 0, 0 },
  { "promote_secondaries", 0, 0 },
  { "proxy_arp", 0, 0 },
  { "proxy_arp_pvlan", 0, 0 },
  { "route_localnet", 0, 0 },
  { "rp_filter", 0, 0 },
  { "secure_redirects", 1, 1 },
  { "send_redirects", 1, 1 },
  { "shared_media", 1, 1 },
  { "src_valid_mark", 0, 0 },
  { "tag", 0, 0 },
};

static const Entry v6[] = {
  { "accept_dad", 1, 0, -1, C_LO },
  { "accept_ra", 1, 1 },
  { "accept_ra_defrtr", 1, 1 },
  { "accept_ra_from_local", 0, 0 },
  { "accept_ra_min_hop_limit", 1, 1 },
  { "accept_ra_min_lft", 0, 0 },
  { "accept_ra_mtu", 1, 1 },
  { "accept_ra_pinfo", 1, 1 },
  { "accept_ra_rt_info_max_plen", 0, 0 },
  { "accept_ra_rt_info_min_plen", 0, 0 },
  { "accept_ra_rtr_pref", 1, 1 },
  { "accept_redirects", 1, 1 },
  { "accept_source_route", 0, 0 },
  { "accept_untracked_na", 0, 0 },
  { "addr_gen_mode", 0, 0, 0, C_RANGE, 0, 3 },
  { "autoconf", 1, 1 },
  { "dad_transmits", 1, 1 },
  { "disable_ipv6", 0, 0 },
  { "disable_policy", 0, 0 },
  { "drop_unicast_in_l2_multicast", 0, 0 },
  { "drop_unsolicited_na", 0, 0 },
  { "enhanced_dad", 1, 1 },
  { "force_forwarding", 0, 0 },
  { "force_mld_version", 0, 0 },
  { "force_tllao", 0, 0 },
  { "forwarding", 0, 0 },
  { "hop_limit", 64, 64, 0, C_RANGE, 1, 255 },
  { "ignore_routes_with_linkdown", 0, 0 },
  { "ioam6_enabled", 0, 0 },
  { "ioam6_id", 65535, 65535 },
  { "ioam6_id_wide", (int) 4294967295u, (int) 4294967295u },
  { "keep_addr_on_down", 0, 0 },
  { "max_addresses", 16, 16 },
  { "max_desync_factor", 600, 600 },
  { "mc_forwarding", 0, 0, 0, C_RO },
  { "mldv1_unsolicited_report_interval", 10000, 10000 },
  { "mldv2_unsolicited_report_interval", 1000, 1000 },
  { "mtu", 1280, 1280 },
  { "ndisc_evict_nocarrier", 1, 1 },
  { "ndisc_notify", 0, 0 },
  { "ndisc_tclass", 0, 0 },
  { "optimistic_dad", 0, 0 },
  { "proxy_ndp", 0, 0 },
  { "ra_defrtr_metric", 1024, 1024 },
  { "ra_honor_pio_life", 0, 0 },
  { "ra_honor_pio_pflag", 0, 0 },
  { "regen_max_retry", 3, 3 },
  { "regen_min_advance", 2, 2 },
  { "router_probe_interval", 60, 60 },
  { "router_solicitation_delay", 1, 1 },
  { "router_solicitation_interval", 4, 4 },
  { "router_solicitation_max_interval", 3600, 3600 },
  { "router_solicitations", -1, -1, 0, C_RANGE, -1, INT_MAX },
  { "rpl_seg_enabled", 0, 0 },
  { "seg6_enabled", 0, 0 },
  { "seg6_require_hmac", 0, 0 },
  { "stable_secret", 0, 0, 0, C_SECRET },
  { "suppress_frag_ndisc", 1, 1 },
  { "temp_prefered_lft", 86400, 86400 },
  { "temp_valid_lft", 604800, 604800 },
  { "use_oif_addrs_only", 0, 0 },
  { "use_optimistic", 0, 0 },
  { "use_tempaddr", 0, 0, -1, C_LO },
};

#define N4 G_N_ELEMENTS(v4)
#define N6 G_N_ELEMENTS(v6)

/* A set of values: a namespace's all or default, or a device's. */
typedef struct {
  int v4[N4];
  guint64 v4_written;   /* entries written since (IPv4: `default` no longer reaches them) */
  int v6[N6];
} Set;

struct _NnsConf {
  Set all, dflt;
};

#define IPV6_MIN_MTU 1280

static const Entry *
table(int family, gsize *n)
{
  *n = family == AF_INET ? N4 : N6;
  return family == AF_INET ? v4 : v6;
}

static int
find(int family, const char *name)
{
  gsize n;
  const Entry *t = table(family, &n);
  for (gsize i = 0; i < n; i++)
    if (g_str_equal(t[i].name, name))
      return (int) i;
  return -1;
}

static int *
slot(Set *s, int family, int i)
{
  return family == AF_INET ? &s->v4[i] : &s->v6[i];
}

NnsConf *
nns_conf_new(void)
{
  NnsConf *c = g_new0(NnsConf, 1);
  for (gsize i = 0; i < N4; i++) {
    c->all.v4[i] = v4[i].all;
    c->dflt.v4[i] = v4[i].dflt;
  }
  for (gsize i = 0; i < N6; i++) {
    c->all.v6[i] = v6[i].all;
    c->dflt.v6[i] = v6[i].dflt;
  }
  return c;
}

void
nns_conf_free(NnsConf *conf)
{
  g_free(conf);
}

void
nns_conf_dev_register(NnsDevice *dev)
{
  NnsConf *c = dev->ns->conf;
  Set *s = dev->conf ? dev->conf : g_new0(Set, 1);
  /* inetdev_init and ipv6_add_dev copy `default`. */
  *s = c->dflt;
  s->v4_written = 0;
  if (dev->kind == NNS_KIND_LOOPBACK) {
    for (gsize i = 0; i < N4; i++)
      if (v4[i].flags & C_LO)
        s->v4[i] = v4[i].lo;
    for (gsize i = 0; i < N6; i++)
      if (v6[i].flags & C_LO)
        s->v6[i] = v6[i].lo;
  }
  s->v6[find(AF_INET6, "mtu")] = (int) dev->mtu;
  dev->conf = s;
  dev->disable_ipv6 = c->dflt.v6[find(AF_INET6, "disable_ipv6")];
}

void
nns_conf_dev_free(NnsDevice *dev)
{
  g_free(dev->conf);
  dev->conf = NULL;
}

void
nns_conf_mtu_changed(NnsDevice *dev)
{
  if (dev->conf && dev->mtu >= IPV6_MIN_MTU)
    ((Set *) dev->conf)->v6[find(AF_INET6, "mtu")] = (int) dev->mtu;
}

int
nns_conf_dev(const NnsDevice *dev, int family, const char *name)
{
  int i = find(family, name);
  if (i < 0 || !dev->conf)
    return 0;
  if (family == AF_INET6 && g_str_equal(name, "disable_ipv6"))
    return dev->disable_ipv6;
  return *slot(dev->conf, family, i);
}

void
nns_conf_dev_set(NnsDevice *dev, int family, const char *name, int value)
{
  int i = find(family, name);
  if (i >= 0 && dev->conf)
    *slot(dev->conf, family, i) = value;
}

int
nns_conf_all(NnsNetns *ns, int family, const char *name)
{
  int i = find(family, name);
  return i < 0 ? 0 : *slot(&ns->conf->all, family, i);
}

int
nns_conf_default_disable_ipv6(NnsNetns *ns)
{
  return ns->conf->dflt.v6[find(AF_INET6, "disable_ipv6")];
}

/* ------------------------------------------------------------------ */
/* /proc/sys paths.                                                    */

typedef struct {
  int family;
  Set *set;             /* NULL: no such directory */
  NnsDevice *dev;       /* the device's set, else NULL */
  gboolean is_all, is_default;
  int entry;            /* -1: the directory itself */
} Where;

static gboolean
resolve(NnsNetns *ns, const char *path, Where *w)
{
  memset(w, 0, sizeof *w);
  w->entry = -1;
  if (g_str_equal(path, "net/ipv4/ip_forward")) {
    w->family = AF_INET;
    w->set = &ns->conf->all;
    w->is_all = TRUE;
    w->entry = find(AF_INET, "forwarding");
    return TRUE;
  }
  const char *rest;
  if (g_str_has_prefix(path, "net/ipv4/conf/"))
    w->family = AF_INET, rest = path + strlen("net/ipv4/conf/");
  else if (g_str_has_prefix(path, "net/ipv6/conf/"))
    w->family = AF_INET6, rest = path + strlen("net/ipv6/conf/");
  else
    return FALSE;
  const char *slash = strchr(rest, '/');
  g_autofree char *dir = slash ? g_strndup(rest, slash - rest) : g_strdup(rest);
  if (g_str_equal(dir, "all")) {
    w->set = &ns->conf->all;
    w->is_all = TRUE;
  } else if (g_str_equal(dir, "default")) {
    w->set = &ns->conf->dflt;
    w->is_default = TRUE;
  } else if ((w->dev = nns_netns_device_by_name(ns, dir)) && w->dev->conf) {
    w->set = w->dev->conf;
  } else {
    return FALSE;
  }
  if (!slash || !slash[1])
    return TRUE;
  w->entry = find(w->family, slash + 1);
  return w->entry >= 0;
}

gboolean
nns_conf_owns(const char *path)
{
  return g_str_equal(path, "net/ipv4/ip_forward") || g_str_has_prefix(path, "net/ipv4/conf/") ||
         g_str_has_prefix(path, "net/ipv6/conf/");
}

char *
nns_conf_read(NnsNetns *ns, const char *path, int *err)
{
  Where w;
  if (!resolve(ns, path, &w) || w.entry < 0) {
    *err = w.set && w.entry < 0 ? EISDIR : ENOENT;
    return NULL;
  }
  if (w.family == AF_INET6 && (v6[w.entry].flags & C_SECRET)) {
    *err = EIO;
    return NULL;
  }
  if (w.dev && w.family == AF_INET6 && g_str_equal(v6[w.entry].name, "disable_ipv6"))
    return g_strdup_printf("%d", w.dev->disable_ipv6);
  int v = *slot(w.set, w.family, w.entry);
  if (w.family == AF_INET6 && g_str_equal(v6[w.entry].name, "ioam6_id_wide"))
    return g_strdup_printf("%u", (guint) v);
  return g_strdup_printf("%d", v);
}

/* addrconf_disable_ipv6: a device whose switch flips loses its IPv6
 * addresses, or gets them as if it had just come up. */
static void
device_disable_ipv6(NnsDevice *dev, int value)
{
  gboolean changed = !dev->disable_ipv6 != !value;
  dev->disable_ipv6 = value;
  if (changed)
    nns_addrconf_disable_changed(dev);
}

/* dev_forward_change: the device's IPv6 forwarding switch, and the
 * all-routers groups with it. */
static void
device_forward6(NnsDevice *dev, int value)
{
  Set *s = dev->conf;
  int i = find(AF_INET6, "forwarding");
  gboolean changed = !s->v6[i] != !value;
  s->v6[i] = value;
  if (changed)
    nns_mcast_forwarding_changed(dev, value != 0);
}

static gboolean
parse_value(const Entry *e, int family, NnsDevice *dev, const char *text, long *out, GError **error)
{
  g_autofree char *v = g_strstrip(g_strdup(text));
  char *end = NULL;
  long n = strtol(v, &end, 10);
  gboolean ok = *v && !*end && n >= INT_MIN && n <= (long) UINT_MAX;
  if (ok && (e->flags & C_RANGE))
    ok = n >= e->min && n <= e->max;
  /* addrconf_sysctl_mtu: from IPV6_MIN_MTU to the device's own MTU. */
  if (ok && family == AF_INET6 && g_str_equal(e->name, "mtu"))
    ok = n >= IPV6_MIN_MTU && (!dev || n <= (long) dev->mtu);
  if (ok && (e->flags & (C_RO | C_SECRET)))
    ok = FALSE;
  if (!ok) {
    nns_set_errno(error, EINVAL);
    return FALSE;
  }
  *out = n;
  return TRUE;
}

gboolean
nns_conf_write(NnsNetns *ns, const char *path, const char *value, GError **error)
{
  Where w;
  if (!resolve(ns, path, &w) || w.entry < 0) {
    nns_set_errno(error, w.set && w.entry < 0 ? EISDIR : ENOENT);
    return FALSE;
  }
  const Entry *e = w.family == AF_INET ? &v4[w.entry] : &v6[w.entry];
  long n;
  if (!parse_value(e, w.family, w.dev, value, &n, error))
    return FALSE;
  int val = (int) n;
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  if (w.family == AF_INET) {
    int old = w.set->v4[w.entry];
    w.set->v4[w.entry] = val;
    if (g_str_equal(e->name, "forwarding")) {
      /* devinet_sysctl_forward: a change of all's is inet_forward_change
       * (writing the value it has does nothing more). */
      if (w.is_all && old != val) {
        ns->conf->all.v4[find(AF_INET, "accept_redirects")] = !val;
        ns->conf->dflt.v4[w.entry] = val;
        for (guint i = 0; i < devs->len; i++)
          ((Set *) ((NnsDevice *) devs->pdata[i])->conf)->v4[w.entry] = val;
      }
      return TRUE;
    }
    /* devinet_conf_proc: the entry is the device's own from now on; a
     * write to default reaches the devices whose entry is not. */
    w.set->v4_written |= G_GUINT64_CONSTANT(1) << w.entry;
    if (w.is_default) {
      for (guint i = 0; i < devs->len; i++) {
        Set *s = ((NnsDevice *) devs->pdata[i])->conf;
        if (!(s->v4_written & (G_GUINT64_CONSTANT(1) << w.entry)))
          s->v4[w.entry] = val;
      }
    }
    return TRUE;
  }
  if (g_str_equal(e->name, "disable_ipv6")) {
    if (w.dev) {
      device_disable_ipv6(w.dev, val);
      return TRUE;
    }
    w.set->v6[w.entry] = val;
    /* addrconf_disable_change: all's sets default's and every device's. */
    if (w.is_all) {
      ns->conf->dflt.v6[w.entry] = val;
      for (guint i = 0; i < devs->len; i++)
        device_disable_ipv6(devs->pdata[i], val);
    }
    return TRUE;
  }
  if (g_str_equal(e->name, "forwarding")) {
    if (w.dev) {
      device_forward6(w.dev, val);
      return TRUE;
    }
    w.set->v6[w.entry] = val;
    /* addrconf_fixup_forwarding: all's sets default's and every device's. */
    if (w.is_all) {
      ns->conf->dflt.v6[w.entry] = val;
      for (guint i = 0; i < devs->len; i++)
        device_forward6(devs->pdata[i], val);
    }
    return TRUE;
  }
  w.set->v6[w.entry] = val;
  return TRUE;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
nns_conf_list(NnsNetns *ns, const char *dir)
{
  g_autofree char *d = g_str_has_suffix(dir, "/") ? g_strndup(dir, strlen(dir) - 1) : g_strdup(dir);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  if (g_str_equal(d, "net/ipv4/conf") || g_str_equal(d, "net/ipv6/conf")) {
    g_ptr_array_add(names, g_strdup("all"));
    g_ptr_array_add(names, g_strdup("default"));
    g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
    for (guint i = 0; i < devs->len; i++)
      if (((NnsDevice *) devs->pdata[i])->conf)
        g_ptr_array_add(names, g_strdup(((NnsDevice *) devs->pdata[i])->name));
    g_ptr_array_sort(names, compare_names);
    return names;
  }
  Where w;
  if (!resolve(ns, d, &w) || w.entry >= 0 || g_str_equal(d, "net/ipv4/ip_forward")) {
    g_ptr_array_free(names, TRUE);
    return NULL;
  }
  gsize n;
  const Entry *t = table(w.family, &n);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add(names, g_strdup(t[i].name));
  return names;
}
