/* iproute2 6.1 `bridge`: its options and objects (bridge/bridge.c); the
 * objects are bridge-link.c's and bridge-fdb.c's, the output the
 * printers' (shell/print/print-bridge.c). */
#include "shell/bridge/bridge.h"
#include "shell/bridge/bridge-private.h"
#include "shell/ip/ip-common.h"
#include "shell/print/print-ip.h"

#include <string.h>

const NnsLinkRecord *
nns_br_link_by_name(GPtrArray *links, const char *name)
{
  for (guint i = 0; links && i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (g_str_equal(l->name, name))
      return l;
  }
  return NULL;
}

int
nns_br_ifindex(NnsBrCall *c, const char *name)
{
  g_autoptr(GError) error = NULL;
  NnsLinkRecord *l = c->be->ops->link_get(c->be, c->pid, name, &error);
  if (!l)
    return 0;
  int ifindex = l->ifindex;
  nns_link_record_free(l);
  return ifindex;
}

int
nns_br_incomplete(NnsBrCall *c)
{
  nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
  return 255;
}

int
nns_br_rtnl_fail(NnsBrCall *c, const GError *error)
{
  nns_print_rtnl_error(c->io->err, error);
  return 255;
}

gboolean
nns_br_on_off(NnsBrCall *c, const char *key, const char *arg, gboolean *on)
{
  /* parse_one_of(key, arg, { "off", "on" }): the first the word begins. */
  if (nns_ip_matches(arg, "off") || nns_ip_matches(arg, "on")) {
    *on = !nns_ip_matches(arg, "off");
    return TRUE;
  }
  nns_err(c->io, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n", key, arg);
  return FALSE;
}

static int
usage(NnsIo *io)
{
  nns_err(io, "Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
              "       bridge [ -force ] -batch filename\n"
              "where  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n"
              "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
              "                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
              "                    -com[pressvlans] -c[olor] -p[retty] -j[son] }\n");
  return 255;
}

int
nns_cmd_bridge(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsBrCall c = { .sh = sh, .be = sh->backend, .pid = pid, .io = io };
  NnsColorOpt color = NNS_COLOR_OPT_NEVER;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *o = argv[i] + (argv[i][1] == '-' ? 2 : 1);
    if (g_str_equal(o, "j") || g_str_equal(o, "json"))
      c.json = TRUE;
    else if (g_str_equal(o, "p") || g_str_equal(o, "pretty"))
      c.pretty = TRUE;
    else if (g_str_equal(o, "d") || g_str_equal(o, "details"))
      c.details = TRUE;
    else if (g_str_equal(o, "s") || g_str_equal(o, "stats") || g_str_equal(o, "statistics"))
      c.stats++;
    else if (g_str_equal(o, "jp") || g_str_equal(o, "pj"))
      c.json = c.pretty = TRUE;
    /* matches_color comes before -compressvlans: `-c` is colour. */
    else if (nns_color_option(o, &color))
      ;
    else if (strlen(o) >= 3 && nns_ip_matches(o, "compressvlans"))
      ; /* only `bridge vlan` shows it, which netnsim does not model */
    else {
      nns_err(io, "Option \"%s\" is unknown, try \"bridge help\".\n", argv[i]);
      return 255;
    }
  }
  if (i >= argc)
    return usage(io);
  c.color = nns_color_enabled(color, c.json, sh, io);
  const char *obj = argv[i++];
  if (g_str_has_prefix("link", obj))
    return nns_bridge_link(&c, argc - i, argv + i);
  if (g_str_has_prefix("fdb", obj))
    return nns_bridge_fdb(&c, argc - i, argv + i);
  nns_err(io, "Object \"%s\" is unknown, try \"bridge help\".\n", obj);
  return 255;
}
