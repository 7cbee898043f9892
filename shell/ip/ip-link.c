/* `ip link`: parsing of add / delete / set / show, as iproute2's
 * ip/iplink.c; the semantics are the backend's, the output print-link.c's. */
#include "shell/ip/ip-common.h"
#include "shell/ip/ip-addr-filter.h"
#include "shell/ip/ip-link-parse.h"
#include "shell/ip/ip-link-bridge.h"
#include "shell/ip/ip-usage.h"

#include <errno.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>

/* duparg() */
static int
duparg(NnsIpCall *c, const char *key, const char *arg)
{
  nns_err(c->io, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key, arg);
  return 255;
}

static const char *const known_kinds[] = { "veth", "bridge", "dummy", "ifb" };

/* iplink_modify(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL). */
static int
link_add(NnsIpCall *c, int argc, char **argv)
{
  NnsLinkCreate req = { 0 };
  NnsLinkArgs a = { .create = TRUE, .ch = &req.link };
  int rc = nns_ip_link_parse(c, argc, argv, &a);
  if (rc >= 0)
    return rc;
  int i = a.consumed;
  const char *kind = a.type;
  if (!kind) {
    nns_err(c->io, "Not enough information: \"type\" argument is required\n");
    return 1;
  }
  gboolean known = FALSE;
  for (gsize k = 0; k < G_N_ELEMENTS(known_kinds); k++)
    known |= g_str_equal(kind, known_kinds[k]);
  if (!known && i < argc) {
    nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
    return 1;
  }
  if (g_str_equal(kind, "veth") && i < argc) {
    if (!g_str_equal(argv[i], "peer")) {
      nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
      return 1;
    }
    /* veth_parse_opt: iplink_parse again for the peer, which takes no type. */
    req.has_peer = TRUE;
    NnsLinkArgs pa = { .create = TRUE, .ch = &req.peer };
    i++;
    rc = nns_ip_link_parse(c, argc - i, argv + i, &pa);
    if (rc >= 0)
      return rc;
    if (pa.type)
      return duparg(c, "type", pa.type);
  } else if (g_str_equal(kind, "bridge") && i < argc) {
    rc = nns_ip_link_bridge_opts(c, argc - i, argv + i, &req.link.br);
    if (rc >= 0)
      return rc;
  } else if (i < argc) {
    nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
    return 1;
  }
  if (!known) {
    nns_err(c->io, "Error: Unknown device type.\n");
    return 2;
  }
  req.kind = kind;
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->link_create(c->be, c->pid, &req, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

/* iplink_modify(RTM_DELLINK, 0): the same words; the kernel's dellink
 * reads only which device. */
static int
link_delete(NnsIpCall *c, int argc, char **argv)
{
  NnsLinkChange ch = { 0 };
  NnsLinkArgs a = { .create = FALSE, .ch = &ch };
  int rc = nns_ip_link_parse(c, argc, argv, &a);
  if (rc >= 0)
    return rc;
  if (ch.group_wide) {
    nns_err(c->io, "netnsim: \"ip link delete group\" is not modelled\n");
    return 255;
  }
  if (a.type && a.consumed < argc) {
    nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[a.consumed]);
    return 1;
  }
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->link_delete(c->be, c->pid, a.ifindex, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

/* iplink_modify(RTM_NEWLINK, 0): one device, or with `group G` and no
 * device every device of the group. */
static int
link_set(NnsIpCall *c, int argc, char **argv)
{
  NnsLinkChange ch = { 0 };
  NnsLinkArgs a = { .create = FALSE, .ch = &ch };
  int rc = nns_ip_link_parse(c, argc, argv, &a);
  if (rc >= 0)
    return rc;
  if (a.type) {
    /* iplink_modify: the kind's own words follow as IFLA_INFO_DATA. */
    int i = a.consumed;
    ch.info_kind = a.type;
    if (g_str_equal(a.type, "bridge") && i < argc) {
      rc = nns_ip_link_bridge_opts(c, argc - i, argv + i, &ch.br);
      if (rc >= 0)
        return rc;
    } else if (g_str_equal(a.type, "bridge_slave") && i < argc) {
      nns_err(c->io, "netnsim: ip link: the options of type bridge_slave are not modelled "
                     "(bridge link set takes them)\n");
      return 1;
    } else if (i < argc) {
      nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
      return 1;
    }
  }
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->link_change(c->be, c->pid, a.ifindex, &ch, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

static gboolean
filter_match(const NnsAddrFilter *f, const NnsIpContext *ctx, const NnsLinkRecord *l)
{
  if (f->dev && !g_str_equal(f->dev, l->name))
    return FALSE;
  if (f->up && !(l->flags & IFF_UP))
    return FALSE;
  if (f->has_group && l->group != f->group)
    return FALSE;
  if (f->master) {
    const NnsLinkRecord *m = l->master ? nns_ip_link_by_index(ctx, l->master) : NULL;
    if (!m || !g_str_equal(m->name, f->master))
      return FALSE;
  }
  if (f->kind) {
    gsize n = strlen(f->kind);
    if (n > 6 && g_str_has_suffix(f->kind, "_slave")) {
      if (!l->slave_kind || strncmp(l->slave_kind, f->kind, n - 6) != 0)
        return FALSE;
    } else if (!l->kind || !g_str_equal(l->kind, f->kind)) {
      return FALSE;
    }
  }
  return TRUE;
}

/* The addresses print_selected_addrinfo hands to print_addrinfo for one
 * link, and whether ipaddr_filter keeps the link: one of them passes, or
 * it has none at all and no family was asked for.  print_addrinfo prints
 * nothing for one that fails its tests, but -j still opens (and closes)
 * an object for it: `placeholder` stands in there. */
static gboolean
select_addrs(const NnsAddrFilter *f, const NnsLinkRecord *l, GPtrArray *addrs, gboolean json,
             NnsAddrRecord *placeholder, GPtrArray *mine)
{
  gboolean any = FALSE, kept = FALSE;
  for (guint j = 0; addrs && j < addrs->len; j++) {
    NnsAddrRecord *a = g_ptr_array_index(addrs, j);
    if (a->ifindex != l->ifindex)
      continue;
    any = TRUE;
    if (f->family && a->family != f->family)
      continue;
    gboolean ok = nns_ip_addr_filter_match(f, l, a);
    kept |= ok;
    if (f->up && !(l->flags & IFF_UP))
      continue;
    if (ok)
      g_ptr_array_add(mine, a);
    else if (json)
      g_ptr_array_add(mine, placeholder);
  }
  return kept || (!any && !f->family);
}

/* With a label, print_linkinfo prints no link: only its addresses, and
 * in -br a line for each link kept. */
static void
print_label_addrs(NnsIpCall *c, NnsPrinter *p, const NnsIpContext *ctx, const NnsLinkRecord *l, GPtrArray *mine)
{
  if (c->opts.brief && !c->opts.json) {
    char buf[NNS_INET_STRLEN];
    for (guint j = 0; j < mine->len; j++) {
      const NnsAddrRecord *a = g_ptr_array_index(mine, j);
      nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(a->family), "local", "%s",
                             nns_inet_format(&a->local, buf));
      nns_print_text(p, "/%u ", a->prefixlen);
    }
    nns_print_text(p, "\n");
    return;
  }
  if (c->opts.oneline) {
    nns_ip_print_addr_block(c, p, ctx, l, mine);
    return;
  }
  for (guint j = 0; j < mine->len; j++) {
    nns_print_addr(p, &c->opts, l, g_ptr_array_index(mine, j));
    nns_print_text(p, "\n");
  }
}

/* `ip link show` and, with addresses, `ip addr show` share this loop. */
int
nns_ip_link_list(NnsIpCall *c, int argc, char **argv, gboolean with_addrs)
{
  NnsAddrFilter f;
  NnsIpContext ctx = { 0 };
  int rc = nns_ip_addr_filter_begin(c, argc, argv, with_addrs, &f, &ctx);
  if (rc >= 0)
    return rc;
  g_autoptr(GPtrArray) addrs = NULL;
  if (with_addrs) {
    g_autoptr(GError) error = NULL;
    addrs = c->be->ops->addr_dump(c->be, c->pid, f.family, &error);
  }
  /* The link dump asks for -6's family; the printers follow the filter's
   * (which `to` may have set). */
  c->opts.inet6_links = with_addrs && c->opts.family == AF_INET6 && !f.dev;
  if (with_addrs)
    c->opts.family = f.family;
  NnsAddrRecord placeholder = { .family = AF_UNSPEC };
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  p.color = c->opts.color;
  nns_print_begin_dump(&p);
  for (guint i = 0; i < ctx.links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(ctx.links, i);
    if (!filter_match(&f, &ctx, l))
      continue;
    if (!with_addrs) {
      nns_print_link(&p, &c->opts, &ctx, l, NULL);
      continue;
    }
    g_autoptr(GPtrArray) mine = g_ptr_array_new();
    if (!select_addrs(&f, l, addrs, c->opts.json, &placeholder, mine))
      continue;
    if (f.label)
      print_label_addrs(c, &p, &ctx, l, mine);
    else
      nns_ip_print_addr_block(c, &p, &ctx, l, mine);
  }
  nns_print_end_dump(&p);
  nns_ip_context_clear(&ctx);
  return 0;
}

int
nns_ip_link(NnsIpCall *c, int argc, char **argv)
{
  c->opts.do_link = TRUE;
  if (argc == 0)
    return nns_ip_link_list(c, 0, NULL, FALSE);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "add"))
    return link_add(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "delete"))
    return link_delete(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "set") || nns_ip_matches(cmd, "change"))
    return link_set(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst"))
    return nns_ip_link_list(c, argc - 1, argv + 1, FALSE);
  if (nns_ip_matches(cmd, "help")) {
    g_string_append(c->io->err, nns_ip_link_usage);
    return 255;
  }
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip link help\".\n", cmd);
  return 255;
}
