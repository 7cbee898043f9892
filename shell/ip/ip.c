/* `ip`: global options, then the object table, as iproute2's ip/ip.c. */
#include "shell/ip/ip.h"
#include "shell/ip/ip-common.h"

#include <string.h>

typedef int (*IpObjectFn)(NnsIpCall *c, int argc, char **argv);

static const struct {
  const char *name;
  IpObjectFn run;             /* NULL: an object netnsim does not model yet */
} objects[] = {
  { "address", nns_ip_addr },
  { "addrlabel", NULL },
  { "maddress", nns_ip_maddr },
  { "route", nns_ip_route },
  { "rule", nns_ip_rule },
  { "neighbor", nns_ip_neigh },
  { "neighbour", nns_ip_neigh },
  { "ntable", NULL },
  { "link", nns_ip_link },
  { "netns", nns_ip_netns },
};

static int
run_object(NnsIpCall *c, int argc, char **argv)
{
  for (gsize i = 0; i < G_N_ELEMENTS(objects); i++) {
    if (!nns_ip_matches(argv[0], objects[i].name))
      continue;
    if (!objects[i].run)
      break;
    return objects[i].run(c, argc - 1, argv + 1);
  }
  nns_err(c->io, "Object \"%s\" is unknown, try \"ip help\".\n", argv[0]);
  return 1;
}

static int
usage(NnsIpCall *c)
{
  nns_err(c->io,
          "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
          "       ip [ -force ] -batch filename\n"
          "where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
          "                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
          "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
          "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
          "                   token | tunnel | tuntap | vrf | xfrm }\n"
          "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
          "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
          "                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
          "                    -4 | -6 | -M | -B | -0 |\n"
          "                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
          "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
          "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
          "                    -c[olor]}\n");
  return 255;
}

/* -batch: one ip command per line, stopping at the first failure. */
static int
run_batch(NnsIpCall *c, const char *path)
{
  g_autofree char *text = NULL;
  GString *file = g_hash_table_lookup(c->sh->files, path);
  if (g_str_equal(path, "-"))
    text = g_strndup(c->io->in ? c->io->in : "", c->io->in ? c->io->in_len : 0);
  else if (file)
    text = g_strdup(file->str);
  else {
    nns_err(c->io, "Cannot open file \"%s\" for reading: No such file or directory\n", path);
    return 255;
  }
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (guint n = 0; lines[n]; n++) {
    g_auto(GStrv) words = NULL;
    int wc = 0;
    if (!g_shell_parse_argv(lines[n], &wc, &words, NULL) || wc == 0)
      continue;
    int rc = run_object(c, wc, words);
    if (rc != 0) {
      nns_err(c->io, "Command failed %s:%u\n", path, n + 1);
      return 1;
    }
  }
  return 0;
}

int
nns_cmd_ip(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsIpCall c = { .sh = sh, .be = sh->backend, .pid = pid, .io = io };
  const char *netns = NULL, *batch = NULL;
  NnsColorOpt color = NNS_COLOR_OPT_NEVER;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *opt = argv[i] + 1;
    if (opt[0] == '-' && opt[1])
      opt++;
    if (g_str_equal(opt, "4"))
      c.opts.family = AF_INET;
    else if (g_str_equal(opt, "6"))
      c.opts.family = AF_INET6;
    else if (nns_ip_matches(opt, "json"))
      c.opts.json = TRUE;
    else if (nns_ip_matches(opt, "pretty"))
      c.opts.pretty = TRUE;
    else if (nns_ip_matches(opt, "brief") && strlen(opt) >= 2)
      c.opts.brief = TRUE;
    else if (nns_ip_matches(opt, "batch")) {
      if (++i >= argc)
        return usage(&c);
      batch = argv[i];
    } else if (nns_ip_matches(opt, "oneline"))
      c.opts.oneline = TRUE;
    else if (nns_ip_matches(opt, "details"))
      c.opts.details = TRUE;
    else if (nns_ip_matches(opt, "statistics") || nns_ip_matches(opt, "stats"))
      c.opts.stats++;
    else if (nns_ip_matches(opt, "all"))
      c.all_netns = TRUE;
    else if (nns_ip_matches(opt, "netns")) {
      if (++i >= argc)
        return usage(&c);
      netns = argv[i];
    } else if (nns_ip_matches(opt, "family")) {
      if (++i >= argc)
        return usage(&c);
      c.opts.family = g_str_equal(argv[i], "inet6") ? AF_INET6 : g_str_equal(argv[i], "inet") ? AF_INET : 0;
    } else if (nns_color_option(opt, &color)) {
      ;
    } else if (nns_ip_matches(opt, "help")) {
      return usage(&c);
    } else {
      nns_err(io, "Option \"%s\" is unknown, try \"ip -help\".\n", argv[i]);
      return 255;
    }
  }
  if (!batch && i >= argc)
    return usage(&c);
  c.opts.color = nns_color_enabled(color, c.opts.json, sh, io);
  int child = 0;
  if (netns) {
    /* -n NS: netns_switch() before the object runs. */
    if ((child = nns_ip_netns_switch(sh, pid, netns, io)) < 0)
      return 255;
    c.pid = child;
  }
  int rc = batch ? run_batch(&c, batch) : run_object(&c, argc - i, argv + i);
  if (child > 0)
    sh->backend->ops->process_exit(sh->backend, child);
  return rc;
}
