/* `ip neigh`, as iproute2 6.1's ip/ipneigh.c: add/del/change/replace,
 * show/list with filters, flush. */
#include "shell/ip/ip-common.h"
#include "shell/print/print-neigh.h"

#include <errno.h>
#include <linux/neighbour.h>
#include <stdlib.h>
#include <string.h>

static int
nud_from_name(const char *s)
{
  static const struct { const char *n; int v; } names[] = {
    { "permanent", NUD_PERMANENT }, { "reachable", NUD_REACHABLE }, { "noarp", NUD_NOARP },
    { "none", NUD_NONE }, { "stale", NUD_STALE }, { "incomplete", NUD_INCOMPLETE },
    { "delay", NUD_DELAY }, { "probe", NUD_PROBE }, { "failed", NUD_FAILED },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_ascii_strcasecmp(s, names[i].n) == 0)
      return names[i].v;
  char *end = NULL;
  long v = strtol(s, &end, 0);
  if (*s && !*end && v >= 0 && v <= 0xff)
    return (int) v;
  return -1;
}

static const char *
family_word(guint8 family)
{
  return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "any valid";
}

/* ll_addr_a2n: six hex octets separated by ':'. */
static gboolean
parse_lladdr(NnsIpCall *c, const char *arg, guint8 mac[6])
{
  g_auto(GStrv) parts = g_strsplit(arg, ":", -1);
  guint n = g_strv_length(parts);
  for (guint i = 0; i < n; i++) {
    char *end = NULL;
    unsigned long v = strtoul(parts[i], &end, 16);
    if (!*parts[i] || *end || v > 255) {
      nns_err(c->io, "\"%s\" is invalid lladdr.\n", parts[i]);
      return FALSE;
    }
    if (i < 6)
      mac[i] = (guint8) v;
  }
  if (n != 6) {
    nns_err(c->io, "\"%s\" is invalid lladdr.\n", arg);
    return FALSE;
  }
  return TRUE;
}

static int
not_supported(NnsIpCall *c)
{
  nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
  return 2;
}

static int
neigh_modify(NnsIpCall *c, guint flags, gboolean del, int argc, char **argv)
{
  NnsNeighRecord req = { .state = NUD_PERMANENT };
  const char *dev = NULL, *lladdr = NULL;
  gboolean dst_ok = FALSE;
  guint8 family = c->opts.family;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if ((g_str_equal(a, "lladdr") || g_str_equal(a, "nud") || g_str_equal(a, "dev") || g_str_equal(a, "proxy") ||
         g_str_equal(a, "to")) && i + 1 >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (g_str_equal(a, "lladdr")) {
      if (lladdr) {
        nns_err(c->io, "Error: duplicate \"lladdr\": \"%s\" is the second value.\n", argv[i + 1]);
        return 255;
      }
      lladdr = argv[++i];
    } else if (g_str_equal(a, "nud")) {
      int s = nud_from_name(argv[++i]);
      if (s < 0) {
        nns_err(c->io, "Error: argument \"%s\" is wrong: nud state is bad\n", argv[i]);
        return 255;
      }
      req.state = (guint16) s;
    } else if (g_str_equal(a, "proxy")) {
      a = argv[++i];
      if (dst_ok) {
        nns_err(c->io, "Error: duplicate \"address\": \"%s\" is the second value.\n", a);
        return 255;
      }
      if (!nns_inet_parse(a, &req.dst) || (family && req.dst.family != family)) {
        nns_err(c->io, "Error: %s address is expected rather than \"%s\".\n", family_word(family), a);
        return 1;
      }
      req.flags |= NTF_PROXY;
      dst_ok = TRUE;
    } else if (g_str_equal(a, "router")) {
      req.flags |= NTF_ROUTER;
    } else if (g_str_equal(a, "extern_learn")) {
      req.flags |= NTF_EXT_LEARNED;
    } else if (g_str_equal(a, "dev")) {
      dev = argv[++i];
    } else {
      if (g_str_equal(a, "to"))
        a = argv[++i];
      if (dst_ok) {
        nns_err(c->io, "Error: either \"to\" is duplicate, or \"%s\" is a garbage.\n", a);
        return 255;
      }
      if (!nns_inet_parse(a, &req.dst) || (family && req.dst.family != family)) {
        nns_err(c->io, "Error: %s address is expected rather than \"%s\".\n", family_word(family), a);
        return 1;
      }
      dst_ok = TRUE;
    }
  }
  if (!dev || !dst_ok) {
    nns_err(c->io, "Device and destination are required arguments.\n");
    return 255;
  }
  req.family = req.dst.family;
  if (!(req.ifindex = nns_ip_dev_index(c, dev)))
    return 1;
  if (lladdr) {
    if (!parse_lladdr(c, lladdr, req.lladdr))
      return 1;
    req.has_lladdr = TRUE;
  }
  g_autoptr(GError) error = NULL;
  gboolean ok;
  if (del) {
    if (!c->be->ops->neigh_delete)
      return not_supported(c);
    ok = c->be->ops->neigh_delete(c->be, c->pid, &req, &error);
  } else {
    if (!c->be->ops->neigh_add)
      return not_supported(c);
    ok = c->be->ops->neigh_add(c->be, c->pid, &req, flags, &error);
  }
  return ok ? 0 : nns_ip_rtnl_fail(c, error);
}

typedef struct {
  int ifindex;
  guint state;                /* mask of NUD_* (0x100 stands for NUD_NONE) */
  gboolean proxy;
  gboolean has_prefix;
  NnsInet prefix;
  guint8 prefix_len;
} NeighFilter;

static gboolean
neigh_match(const NeighFilter *f, const NnsNeighRecord *n, guint8 family)
{
  if (family && n->family != family)
    return FALSE;
  if (f->ifindex && n->ifindex != f->ifindex)
    return FALSE;
  if (f->has_prefix && (n->dst.family != f->prefix.family || !nns_inet_same_prefix(&n->dst, &f->prefix, f->prefix_len)))
    return FALSE;
  if (f->proxy != !!(n->flags & NTF_PROXY))
    return FALSE;
  if (f->proxy)
    return TRUE;
  if (n->state == NUD_NONE)
    return (f->state & 0x100) != 0;
  return (f->state & n->state) != 0;
}

static int
neigh_show_or_flush(NnsIpCall *c, int argc, char **argv, gboolean flush)
{
  NeighFilter f = { .state = 0xff & ~NUD_NOARP };
  gboolean state_given = FALSE;
  const char *dev = NULL;
  guint8 family = c->opts.family;
  if (flush && argc == 0) {
    nns_err(c->io, "Flush requires arguments.\n");
    return 1;
  }
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if ((g_str_equal(a, "dev") || g_str_equal(a, "nud") || g_str_equal(a, "to") || g_str_equal(a, "vrf")) &&
        i + 1 >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (g_str_equal(a, "dev")) {
      dev = argv[++i];
    } else if (g_str_equal(a, "nud")) {
      const char *s = argv[++i];
      if (!state_given)
        f.state = 0;
      state_given = TRUE;
      if (g_str_equal(s, "all")) {
        f.state = ~0u;
        continue;
      }
      int v = nud_from_name(s);
      if (v < 0) {
        nns_err(c->io, "Error: argument \"%s\" is wrong: nud state is bad\n", s);
        return 255;
      }
      f.state |= v ? (guint) v : 0x100;
    } else if (g_str_equal(a, "proxy")) {
      f.proxy = TRUE;
    } else if (g_str_equal(a, "unused") || g_str_equal(a, "nomaster")) {
    } else {
      if (g_str_equal(a, "to"))
        a = argv[++i];
      if (g_str_equal(a, "all") || g_str_equal(a, "default") || g_str_equal(a, "any"))
        continue;
      g_autofree char *copy = g_strdup(a);
      char *slash = strchr(copy, '/');
      if (slash)
        *slash++ = '\0';
      if (!nns_inet_parse(copy, &f.prefix) || (family && f.prefix.family != family)) {
        nns_err(c->io, "Error: %s prefix is expected rather than \"%s\".\n", family_word(family), a);
        return 1;
      }
      f.prefix_len = slash ? (guint8) atoi(slash) : (guint8) nns_inet_bits(&f.prefix);
      f.has_prefix = TRUE;
    }
  }
  if (flush && !state_given)
    f.state &= ~(guint) NUD_PERMANENT;
  if (dev && !(f.ifindex = nns_ip_dev_index(c, dev)))
    return 1;
  if (!c->be->ops->neigh_dump)
    return not_supported(c);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = c->be->ops->neigh_dump(c->be, c->pid, family, &error);
  if (!all)
    return nns_ip_rtnl_fail(c, error);
  if (flush) {
    if (!c->be->ops->neigh_delete)
      return not_supported(c);
    guint flushed = 0;
    for (guint i = 0; i < all->len; i++) {
      NnsNeighRecord *n = all->pdata[i];
      if (!neigh_match(&f, n, family) || (n->flags & NTF_PROXY))
        continue;
      if (c->be->ops->neigh_delete(c->be, c->pid, n, NULL))
        flushed++;
    }
    nns_ip_flush_summary(c, flushed);
    return 0;
  }
  NnsIpContext ctx = { 0 };
  if (!nns_ip_context_load(c, &ctx))
    return 2;
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  p.color = c->opts.color;
  nns_print_begin_dump(&p);
  for (guint i = 0; i < all->len; i++) {
    NnsNeighRecord *n = all->pdata[i];
    if (neigh_match(&f, n, family))
      nns_print_neigh(&p, &c->opts, &ctx, n, f.ifindex != 0);
  }
  nns_print_end_dump(&p);
  nns_ip_context_clear(&ctx);
  return 0;
}

int
nns_ip_neigh(NnsIpCall *c, int argc, char **argv)
{
  if (argc == 0)
    return neigh_show_or_flush(c, 0, NULL, FALSE);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "add"))
    return neigh_modify(c, NNS_NLM_CREATE | NNS_NLM_EXCL, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "change") || g_str_equal(cmd, "chg"))
    return neigh_modify(c, NNS_NLM_REPLACE, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "replace"))
    return neigh_modify(c, NNS_NLM_CREATE | NNS_NLM_REPLACE, FALSE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "delete"))
    return neigh_modify(c, 0, TRUE, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst"))
    return neigh_show_or_flush(c, argc - 1, argv + 1, FALSE);
  if (nns_ip_matches(cmd, "flush"))
    return neigh_show_or_flush(c, argc - 1, argv + 1, TRUE);
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip neigh help\".\n", cmd);
  return 255;
}
