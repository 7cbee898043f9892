/* `ip address`: add / del / flush / show, as iproute2's ip/ipaddress.c. */
#include "shell/ip/ip-common.h"
#include "shell/ip/ip-addr-filter.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

void
nns_ip_print_addr_block(NnsIpCall *c, NnsPrinter *p, const NnsIpContext *ctx, const NnsLinkRecord *l,
                        GPtrArray *addrs)
{
  if (c->opts.oneline && !c->opts.json && !c->opts.brief) {
    /* -o: one line per address, led by the link's index and name. */
    for (guint i = 0; i < addrs->len; i++) {
      nns_print_text(p, "%d: %s", l->ifindex, l->name);
      nns_print_addr(p, &c->opts, l, g_ptr_array_index(addrs, i));
      nns_print_text(p, "\n");
    }
    return;
  }
  nns_print_link(p, &c->opts, ctx, l, addrs);
}

/* get_prefix(): ADDR[/LEN], with iproute2's complaint on failure. */
static gboolean
parse_prefix(const char *text, NnsInet *addr, guint8 *plen, gboolean *plen_given)
{
  g_autofree char *copy = g_strdup(text);
  char *slash = strchr(copy, '/');
  if (slash)
    *slash++ = '\0';
  if (!nns_inet_parse(copy, addr))
    return FALSE;
  *plen = (guint8) nns_inet_bits(addr);
  *plen_given = FALSE;
  if (slash) {
    char *end = NULL;
    long v = strtol(slash, &end, 10);
    if (!*slash || *end || v < 0 || v > (long) nns_inet_bits(addr))
      return FALSE;
    *plen = (guint8) v;
    *plen_given = TRUE;
  }
  return TRUE;
}

static int
addr_modify(NnsIpCall *c, int argc, char **argv, gboolean add, gboolean replace)
{
  NnsAddrChange req = { 0 };
  const char *dev = NULL, *local = NULL, *brd = NULL;
  for (int i = 0; i < argc; i++) {
    const char *w = argv[i];
    gboolean takes = g_str_equal(w, "dev") || g_str_equal(w, "broadcast") || g_str_equal(w, "brd") ||
                     g_str_equal(w, "scope") || g_str_equal(w, "label") || g_str_equal(w, "local");
    if (takes && i + 1 >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (g_str_equal(w, "dev"))
      dev = argv[++i];
    else if (g_str_equal(w, "broadcast") || g_str_equal(w, "brd"))
      brd = argv[++i];
    else if (g_str_equal(w, "scope")) {
      if (!nns_ip_parse_scope(argv[++i], &req.scope)) {
        nns_err(c->io, "Error: argument \"%s\" is wrong: invalid scope value.\n", argv[i]);
        return 255;
      }
      req.has_scope = TRUE;
    } else if (g_str_equal(w, "label"))
      req.label = argv[++i];
    else if (g_str_equal(w, "local"))
      local = argv[++i];
    else if (g_str_equal(w, "nodad"))
      req.flags |= IFA_F_NODAD;
    else if (g_str_equal(w, "noprefixroute"))
      req.flags |= IFA_F_NOPREFIXROUTE;
    else if (!local)
      local = w;
    else {
      nns_err(c->io, "Error: either \"local\" is duplicate, or \"%s\" is a garbage.\n", w);
      return 255;
    }
  }
  if (!dev) {
    nns_err(c->io, "Not enough information: \"dev\" argument is required.\n");
    return 1;
  }
  gboolean plen_given = FALSE;
  if (local && !parse_prefix(local, &req.local, &req.prefixlen, &plen_given)) {
    nns_err(c->io, "Error: any valid prefix is expected rather than \"%s\".\n", local);
    return 1;
  }
  req.has_peer_prefix = plen_given;
  if (brd && local) {
    if (g_str_equal(brd, "+") || g_str_equal(brd, "-")) {
      if (req.local.family == AF_INET && req.prefixlen < 31) {
        req.broadcast = req.local;
        if (brd[0] == '+')
          nns_inet_fill_host(&req.broadcast, req.prefixlen);
        else
          nns_inet_mask(&req.broadcast, req.prefixlen);
        req.has_broadcast = TRUE;
      }
    } else if (nns_inet_parse(brd, &req.broadcast)) {
      req.has_broadcast = TRUE;
    } else {
      nns_err(c->io, "Error: an inet address is expected rather than \"%s\".\n", brd);
      return 1;
    }
  }
  req.ifindex = nns_ip_dev_index(c, dev);
  if (!req.ifindex)
    return 1;
  if (!local) {
    nns_err(c->io, "RTNETLINK answers: Operation not supported\n");
    return 2;
  }
  if (!add && req.local.family == AF_INET && !plen_given) {
    nns_err(c->io,
            "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
            "         Explicitly specify the prefix length (%s/%u) to avoid this warning.\n"
            "         This special behaviour is likely to disappear in further releases,\n"
            "         fix your scripts!\n",
            local, 32);
  }
  g_autoptr(GError) error = NULL;
  gboolean ok = add ? c->be->ops->addr_add(c->be, c->pid, &req, replace, &error)
                    : c->be->ops->addr_delete(c->be, c->pid, &req, &error);
  if (!ok)
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

/* print_addrinfo under -s -s while flushing: each address to go, led by
 * its device (only the address in -br, with no line end). */
static void
print_flushed(NnsIpCall *c, NnsPrinter *p, const NnsLinkRecord *l, const NnsAddrRecord *a)
{
  char buf[NNS_INET_STRLEN];
  if (c->opts.brief) {
    nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(a->family), "local", "%s",
                           nns_inet_format(&a->local, buf));
    nns_print_text(p, "/%u ", a->prefixlen);
    return;
  }
  nns_print_text(p, "%d: %s", l->ifindex, l->name);
  nns_print_addr(p, &c->opts, l, a);
  nns_print_text(p, "\n");
}

/* One round of ipaddr_flush: the addresses of a fresh dump that the filter
 * selects, deleted in dump order (an address already gone with its
 * primary is EADDRNOTAVAIL, which flush_update ignores).  The number
 * selected, -1 after "Failed to send flush request" or -2 when the dump
 * failed (iproute2 exits 1 there). */
static int
flush_round(NnsIpCall *c, const NnsAddrFilter *f, const NnsIpContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) addrs = c->be->ops->addr_dump(c->be, c->pid, f->family, &error);
  if (!addrs) {
    nns_err(c->io, "Flush terminated\n");
    return -2;
  }
  g_autoptr(GPtrArray) doomed = g_ptr_array_new();
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, FALSE, FALSE, c->opts.oneline);
  p.color = c->opts.color;
  for (guint i = 0; i < addrs->len; i++) {
    NnsAddrRecord *a = g_ptr_array_index(addrs, i);
    const NnsLinkRecord *l = nns_ip_link_by_index(ctx, a->ifindex);
    if (!l || !nns_ip_addr_filter_selects(f, l, a))
      continue;
    g_ptr_array_add(doomed, a);
    if (c->opts.stats >= 2)
      print_flushed(c, &p, l, a);
  }
  int failed = 0;
  for (guint i = 0; i < doomed->len; i++) {
    const NnsAddrRecord *a = g_ptr_array_index(doomed, i);
    NnsAddrChange req = { .ifindex = a->ifindex, .local = a->local, .prefixlen = a->prefixlen,
                          .has_peer_prefix = TRUE };
    g_autoptr(GError) e = NULL;
    /* The kernel takes the whole batch; the first error is reported. */
    if (!c->be->ops->addr_delete(c->be, c->pid, &req, &e) && !failed && e->code != EADDRNOTAVAIL)
      failed = e->code;
  }
  if (failed) {
    nns_err(c->io, "Failed to send flush request: %s\n", g_strerror(failed));
    return -1;
  }
  return (int) doomed->len;
}

/* ipaddr_flush: rounds until a dump selects nothing (at most 10), a
 * single one when the filter asks for primaries only. */
static int
addr_flush(NnsIpCall *c, int argc, char **argv)
{
  enum { MAX_FLUSH_LOOPS = 10 };
  if (argc == 0) {
    nns_err(c->io, "Flush requires arguments.\n");
    return 1;
  }
  NnsAddrFilter f;
  NnsIpContext ctx = { 0 };
  int rc = nns_ip_addr_filter_begin(c, argc, argv, TRUE, &f, &ctx);
  if (rc >= 0)
    return rc;
  gboolean primaries_only = (f.flagmask & IFA_F_SECONDARY) && !(f.flags & IFA_F_SECONDARY);
  int round = 0;
  rc = 255;
  while (round < MAX_FLUSH_LOOPS) {
    int flushed = flush_round(c, &f, &ctx);
    if (flushed < 0) {
      rc = flushed == -2 ? 1 : 255;
      goto out;
    }
    if (flushed == 0)
      break;
    round++;
    if (c->opts.stats)
      nns_out(c->io, "\n*** Round %d, deleting %d addresses ***\n", round, flushed);
    if (primaries_only)
      break;
  }
  if (round == MAX_FLUSH_LOOPS) {
    nns_err(c->io, "*** Flush remains incomplete after %d rounds. ***\n", MAX_FLUSH_LOOPS);
    goto out;
  }
  if (c->opts.stats) {
    if (round == 0)
      nns_out(c->io, "Nothing to flush.\n");
    else
      nns_out(c->io, "*** Flush is complete after %d round%s ***\n", round, round > 1 ? "s" : "");
  }
  rc = 0;
out:
  nns_ip_context_clear(&ctx);
  return rc;
}

int
nns_ip_addr(NnsIpCall *c, int argc, char **argv)
{
  c->opts.do_link = FALSE;
  if (argc == 0)
    return nns_ip_link_list(c, 0, NULL, TRUE);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "add"))
    return addr_modify(c, argc - 1, argv + 1, TRUE, FALSE);
  if (nns_ip_matches(cmd, "replace") || nns_ip_matches(cmd, "change"))
    return addr_modify(c, argc - 1, argv + 1, TRUE, TRUE);
  if (nns_ip_matches(cmd, "delete"))
    return addr_modify(c, argc - 1, argv + 1, FALSE, FALSE);
  if (nns_ip_matches(cmd, "flush"))
    return addr_flush(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst"))
    return nns_ip_link_list(c, argc - 1, argv + 1, TRUE);
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip address help\".\n", cmd);
  return 255;
}
