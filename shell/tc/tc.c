/* `tc`: global options and the object table, as iproute2's tc/tc.c. */
#include "shell/tc/tc.h"
#include "shell/ip/ip-common.h"

static int
usage(NnsIo *io)
{
  nns_err(io,
          "Usage:\ttc [ OPTIONS ] OBJECT { COMMAND | help }\n"
          "\ttc [-force] -batch filename\n"
          "where  OBJECT := { qdisc | class | filter | chain |\n"
          "\t\t    action | monitor | exec }\n"
          "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |\n"
          "\t\t    -o[neline] | -j[son] | -p[retty] | -c[olor]\n"
          "\t\t    -b[atch] [filename] | -n[etns] name | -N[umeric] |\n"
          "\t\t     -nm | -nam[es] | { -cf | -conf } path\n"
          "\t\t     -br[ief] }\n");
  return 0;
}

int
nns_cmd_tc(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  const char *netns = NULL;
  gboolean stats = FALSE;
  NnsColorOpt color = NNS_COLOR_OPT_NEVER;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *opt = argv[i] + 1;
    if (opt[0] == '-' && opt[1])
      opt++;
    if (nns_ip_matches(opt, "Version")) {
      nns_out(io, "tc utility, iproute2-6.1.0, libbpf 1.1.2\n");
      return 0;
    } else if (nns_ip_matches(opt, "statistics")) {
      stats = TRUE;
    } else if (nns_ip_matches(opt, "netns")) {
      if (++i >= argc) {
        nns_err(io, "Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      netns = argv[i];
    } else if (nns_ip_matches(opt, "cf") || nns_ip_matches(opt, "conf")) {
      /* -cf PATH: the class names file, read only with -nm, which
       * netnsim has no classes for; `-c` is this, not -color. */
      if (++i >= argc)
        return usage(io);
    } else if (nns_color_option(opt, &color)) {
      ;
    } else if (nns_ip_matches(opt, "help")) {
      return usage(io);
    } else {
      nns_err(io, "Option \"%s\" is unknown, try \"tc -help\".\n", argv[i]);
      return 255;
    }
  }
  if (i >= argc)
    return usage(io);
  if (!nns_ip_matches(argv[i], "qdisc")) {
    nns_err(io, "Object \"%s\" is unknown, try \"tc help\".\n", argv[i]);
    return 255;
  }
  int child = 0;
  if (netns) {
    /* -n NS: netns_switch() before the object runs. */
    if ((child = nns_ip_netns_switch(sh, pid, netns, io)) < 0)
      return 255;
    pid = child;
  }
  int rc = nns_tc_qdisc(sh, pid, stats, nns_color_enabled(color, FALSE, sh, io), argc - i - 1, argv + i + 1, io);
  if (child > 0)
    sh->backend->ops->process_exit(sh->backend, child);
  return rc;
}
