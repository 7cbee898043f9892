/* `ip route show`, as iproute2's ip/iproute.c (the kernel-maintained
 * routes; adding routes arrives with the packet engine). */
#include "shell/ip/ip-common.h"

#include <linux/rtnetlink.h>

static int
route_list(NnsIpCall *c, int argc, char **argv)
{
  guint32 table = RT_TABLE_MAIN;
  gboolean all = FALSE;
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    if ((g_str_equal(argv[i], "table") || g_str_equal(argv[i], "dev")) && i + 1 >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (g_str_equal(argv[i], "table")) {
      const char *t = argv[++i];
      if (g_str_equal(t, "all") || g_str_equal(t, "0"))
        all = TRUE;
      else if (g_str_equal(t, "local") || g_str_equal(t, "255"))
        table = RT_TABLE_LOCAL;
      else if (g_str_equal(t, "main") || g_str_equal(t, "254"))
        table = RT_TABLE_MAIN;
      else {
        char *end = NULL;
        table = (guint32) g_ascii_strtoull(t, &end, 0);
        if (!*t || *end)
          return nns_ip_invarg(c, "invalid table ID\n", t);
      }
    } else if (g_str_equal(argv[i], "dev")) {
      dev = argv[++i];
    }
  }
  int ifindex = 0;
  if (dev && !(ifindex = nns_ip_dev_index(c, dev)))
    return 1;
  NnsIpContext ctx = { 0 };
  if (!nns_ip_context_load(c, &ctx))
    return 2;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) routes = c->be->ops->route_dump(c->be, c->pid, c->opts.family ? c->opts.family : (all ? 0 : AF_INET), &error);
  c->opts.show_table_always = all;
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  nns_print_begin_dump(&p);
  for (guint i = 0; routes && i < routes->len; i++) {
    const NnsRouteRecord *r = g_ptr_array_index(routes, i);
    if (!all && r->table != table)
      continue;
    if (ifindex && r->oif != ifindex)
      continue;
    nns_print_route(&p, &c->opts, &ctx, r);
  }
  nns_print_end_dump(&p);
  nns_ip_context_clear(&ctx);
  return 0;
}

int
nns_ip_route(NnsIpCall *c, int argc, char **argv)
{
  if (argc == 0)
    return route_list(c, 0, NULL);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst"))
    return route_list(c, argc - 1, argv + 1);
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip route help\".\n", cmd);
  return 255;
}
