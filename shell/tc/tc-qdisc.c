/* `tc qdisc` of iproute2 6.1 (tc/tc_qdisc.c, q_fifo.c): show, add,
 * replace, change and del at a device's root.  Roots are all netnsim
 * models: no classes, no ingress/clsact, no estimators or size tables. */
#include "shell/tc/tc.h"
#include "shell/ip/ip-common.h"
#include "shell/print/print-ip.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TC_H_ROOT 0xffffffffu

static int
incomplete(NnsIo *io)
{
  nns_err(io, "Command line is not complete. Try option \"help\"\n");
  return 255;
}

static int
usage(NnsIo *io)
{
  nns_err(io,
          "Usage: tc qdisc [ add | del | replace | change | show ] dev STRING\n"
          "       [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]\n"
          "       [ estimator INTERVAL TIME_CONSTANT ]\n"
          "       [ stab [ help | STAB_OPTIONS] ]\n"
          "       [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]\n"
          "       [ [ QDISC_KIND ] [ help | OPTIONS ] ]\n"
          "\n"
          "       tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]\n"
          "Where:\n"
          "QDISC_KIND := { [p|b]fifo | tbf | prio | cbq | red | etc. }\n"
          "OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help\n"
          "STAB_OPTIONS := ... try tc qdisc add stab help\n"
          "QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }\n");
  return 0;
}

/* get_qdisc_handle: hex major, an optional ":" (a minor is ignored). */
static gboolean
parse_handle(const char *s, guint32 *out)
{
  if (g_str_equal(s, "none")) {
    *out = 0;
    return TRUE;
  }
  char *end = NULL;
  unsigned long maj = strtoul(s, &end, 16);
  if (end == s || maj >= (1ul << 16) || (*end != ':' && *end))
    return FALSE;
  *out = (guint32) maj << 16;
  return TRUE;
}

/* tc's print_size. */
static char *
format_size(guint32 sz)
{
  double tmp = sz;
  if (sz >= 1024 * 1024 && fabs(1024 * 1024 * rint(tmp / (1024 * 1024)) - sz) < 1024)
    return g_strdup_printf("%gMb", rint(tmp / (1024 * 1024)));
  if (sz >= 1024 && fabs(1024 * rint(tmp / 1024) - sz) < 16)
    return g_strdup_printf("%gKb", rint(tmp / 1024));
  return g_strdup_printf("%ub", sz);
}

/* The kinds tc has a module for (tc/q_*.c of 6.1): their options are
 * parsed by tc; any other name is "Unknown qdisc". */
static gboolean
tc_knows_kind(const char *kind)
{
  static const char *const kinds[] = {
    "bfifo", "pfifo", "pfifo_head_drop", "pfifo_fast", "cake", "cbs", "choke", "clsact", "codel",
    "drr", "etf", "ets", "fq", "fq_codel", "fq_pie", "gred", "hfsc", "hhf", "htb", "ingress",
    "mqprio", "multiq", "netem", "pie", "plug", "prio", "qfq", "red", "sfb", "sfq", "skbprio",
    "taprio", "tbf",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++)
    if (g_str_equal(kind, kinds[i]))
      return TRUE;
  return FALSE;
}

/* fifo_parse_opt: `limit SIZE`. */
static int
parse_fifo(const char *kind, int argc, char **argv, NnsQdiscRecord *req, NnsIo *io)
{
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "limit")) {
      if (++i >= argc)
        return incomplete(io);
      char *end = NULL;
      guint64 v = g_ascii_strtoull(argv[i], &end, 10);
      if (!g_ascii_isdigit(argv[i][0]) || *end || v > G_MAXUINT32) {
        nns_err(io, "%s: Illegal value for \"limit\": \"%s\"\n", kind, argv[i]);
        return 1;
      }
      req->has_limit = TRUE;
      req->limit = (guint32) v;
    } else {
      if (!g_str_equal(argv[i], "help"))
        nns_err(io, "%s: unknown parameter \"%s\"\n", kind, argv[i]);
      nns_err(io, "Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]\n");
      return 1;
    }
  }
  return 0;
}

static int
kernel_error(NnsIo *io, const GError *error)
{
  nns_print_rtnl_error(io->err, error);
  return 2;
}

static int
device_index(NnsShell *sh, int pid, const char *name, int *ifindex, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  NnsLinkRecord *l = be->ops->link_get(be, pid, name, &error);
  if (!l) {
    nns_err(io, "Cannot find device \"%s\"\n", name);
    return 1;
  }
  *ifindex = l->ifindex;
  nns_link_record_free(l);
  return 0;
}

/* tc_qdisc_modify. */
static int
modify(NnsShell *sh, int pid, const char *verb, int argc, char **argv, NnsIo *io)
{
  NnsQdiscRecord req = { 0 };
  guint flags = 0;
  if (g_str_equal(verb, "add"))
    flags = NNS_NLM_CREATE | NNS_NLM_EXCL;
  else if (g_str_equal(verb, "replace"))
    flags = NNS_NLM_CREATE | NNS_NLM_REPLACE;
  gboolean del = g_str_equal(verb, "delete");
  const char *dev = NULL;
  int i = 0;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (g_str_equal(a, "dev")) {
      if (++i >= argc)
        return incomplete(io);
      if (dev) {
        nns_err(io, "Error: duplicate \"dev\": \"%s\" is the second value.\n", argv[i]);
        return 255;
      }
      dev = argv[i];
    } else if (g_str_equal(a, "handle")) {
      if (req.handle) {
        nns_err(io, "Error: duplicate \"handle\": \"%s\" is the second value.\n", argc > i + 1 ? argv[i + 1] : "");
        return 255;
      }
      if (++i >= argc)
        return incomplete(io);
      if (!parse_handle(argv[i], &req.handle)) {
        nns_err(io, "Error: argument \"%s\" is wrong: invalid qdisc ID\n", argv[i]);
        return 255;
      }
    } else if (g_str_equal(a, "root")) {
      if (req.parent) {
        nns_err(io, "Error: \"root\" is duplicate parent ID\n");
        return 255;
      }
      req.parent = TC_H_ROOT;
    } else if (g_str_equal(a, "parent") || g_str_equal(a, "ingress") || g_str_equal(a, "clsact") ||
               nns_ip_matches(a, "estimator") || nns_ip_matches(a, "stab") ||
               g_str_equal(a, "ingress_block") || g_str_equal(a, "egress_block")) {
      /* Classes and the ingress side are not modelled: say so rather than
       * answer what the kernel might. */
      nns_err(io, "netnsim: tc qdisc: \"%s\" is not modelled (only a device's root qdisc is)\n", a);
      return 1;
    } else if (nns_ip_matches(a, "help")) {
      return usage(io);
    } else {
      g_strlcpy(req.kind, a, sizeof req.kind);
      i++;
      break;
    }
  }
  int optc = argc - i;
  char **optv = argv + i;
  if (req.kind[0]) {
    if (g_str_equal(req.kind, "pfifo") || g_str_equal(req.kind, "bfifo")) {
      int rc = parse_fifo(req.kind, optc, optv, &req, io);
      if (rc)
        return rc;
    } else if (optc && tc_knows_kind(req.kind) && !g_str_equal(req.kind, "pfifo_fast")) {
      /* tc would parse these options; netnsim has not got their parser. */
      nns_err(io, "netnsim: tc qdisc: the options of \"%s\" are not modelled\n", req.kind);
      return 1;
    } else if (optc && g_str_equal(req.kind, "pfifo_fast")) {
      nns_err(io, "qdisc 'pfifo_fast' does not support option parsing\n");
      return 255;
    } else if (optc) {
      nns_err(io, "Unknown qdisc \"%s\", hence option \"%s\" is unparsable\n", req.kind, optv[0]);
      return 1;
    }
  }
  NnsBackend *be = sh->backend;
  if (!be->ops->qdisc_modify) {
    nns_err(io, "netnsim: tc qdisc is not available on the %s backend\n", be->ops->name);
    return 1;
  }
  if (dev) {
    int rc = device_index(sh, pid, dev, &req.ifindex, io);
    if (rc)
      return rc;
  }
  g_autoptr(GError) error = NULL;
  if (!req.ifindex) {
    nns_set_errno(&error, ENODEV);
    return kernel_error(io, error);
  }
  gboolean ok = del ? be->ops->qdisc_delete(be, pid, &req, &error)
                    : be->ops->qdisc_modify(be, pid, &req, flags, &error);
  return ok ? 0 : kernel_error(io, error);
}

static void
print_qdisc(GString *out, const NnsQdiscRecord *q, const char *devname, gboolean stats, gboolean color)
{
  g_string_append_printf(out, "qdisc %s %x: ", q->kind, q->handle >> 16);
  if (devname) {
    /* "dev " plain, the name and its space coloured (tc -color). */
    NnsPrinter p;
    nns_printer_init(&p, out, FALSE, FALSE, FALSE);
    p.color = color;
    g_string_append(out, "dev ");
    nns_print_color_text(&p, NNS_COLOR_IFNAME, "%s ", devname);
  }
  /* print_tc_classid: a child the kernel attached (mq's per-queue
   * defaults) names its parent class. */
  if (q->parent == TC_H_ROOT)
    g_string_append(out, "root");
  else if (!(q->parent >> 16))
    g_string_append_printf(out, "parent :%x", q->parent & 0xffff);
  else if (!(q->parent & 0xffff))
    g_string_append_printf(out, "parent %x:", q->parent >> 16);
  else
    g_string_append_printf(out, "parent %x:%x", q->parent >> 16, q->parent & 0xffff);
  if (q->refcnt != 1)
    g_string_append_printf(out, " refcnt %u", q->refcnt);
  g_string_append_c(out, ' ');
  /* The kind's print_qopt (pfifo_fast through prio's). */
  if (g_str_equal(q->kind, "pfifo_fast")) {
    g_string_append(out, "bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1");
  } else if (g_str_equal(q->kind, "pfifo")) {
    g_string_append_printf(out, "limit %up", q->limit);
  } else if (g_str_equal(q->kind, "bfifo")) {
    g_autofree char *sz = format_size(q->limit);
    g_string_append_printf(out, "limit %s", sz);
  } else if (g_str_equal(q->kind, "fq_codel")) {
    /* The defaults of a fq_codel nobody tuned (Debian 12's default qdisc);
     * its quantum is the device's MTU and link header when it was made. */
    g_string_append_printf(out, "limit 10240p flows 1024 quantum %u target 5ms interval 100ms "
                                "memory_limit 32Mb ecn drop_batch 64 ", q->quantum);
  }
  g_string_append_c(out, '\n');
  if (stats) {
    /* print_tcstats_attr: the basic and queue statistics. */
    g_string_append_printf(out, " Sent %" G_GUINT64_FORMAT " bytes %" G_GUINT64_FORMAT
                                " pkt (dropped %u, overlimits %u requeues %u) \n",
                           q->sent_bytes, q->sent_packets, q->drops, q->overlimits, q->requeues);
    g_autofree char *backlog = format_size(q->backlog);
    g_string_append_printf(out, " backlog %s %up requeues %u\n", backlog, q->qlen, q->requeues);
  }
}

/* tc_qdisc_list. */
static int
show(NnsShell *sh, int pid, gboolean stats, gboolean color, int argc, char **argv, NnsIo *io)
{
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "dev")) {
      if (++i >= argc)
        return incomplete(io);
      dev = argv[i];
    } else if (g_str_equal(argv[i], "root")) {
      /* The only qdiscs netnsim has are roots. */
    } else if (nns_ip_matches(argv[i], "help")) {
      return usage(io);
    } else {
      nns_err(io, "netnsim: tc qdisc show: \"%s\" is not modelled\n", argv[i]);
      return 1;
    }
  }
  NnsBackend *be = sh->backend;
  if (!be->ops->qdisc_dump) {
    nns_err(io, "netnsim: tc qdisc is not available on the %s backend\n", be->ops->name);
    return 1;
  }
  int ifindex = 0;
  if (dev) {
    int rc = device_index(sh, pid, dev, &ifindex, io);
    if (rc)
      return rc;
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) qdiscs = be->ops->qdisc_dump(be, pid, &error);
  if (!qdiscs)
    return kernel_error(io, error);
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, NULL);
  for (guint i = 0; stats && i < qdiscs->len; i++) {
    const NnsQdiscRecord *q = qdiscs->pdata[i];
    /* fq_codel's extended statistics (maxpacket, flows...) are not kept. */
    if ((!ifindex || q->ifindex == ifindex) && g_str_equal(q->kind, "fq_codel")) {
      nns_err(io, "netnsim: tc -s of fq_codel (its extended statistics) is not modelled\n");
      return 1;
    }
  }
  for (guint i = 0; i < qdiscs->len; i++) {
    const NnsQdiscRecord *q = qdiscs->pdata[i];
    if (ifindex && q->ifindex != ifindex)
      continue;
    const char *name = NULL;
    for (guint k = 0; links && k < links->len; k++)
      if (((NnsLinkRecord *) links->pdata[k])->ifindex == q->ifindex)
        name = ((NnsLinkRecord *) links->pdata[k])->name;
    print_qdisc(io->out, q, ifindex ? NULL : name, stats, color);
  }
  return 0;
}

int
nns_tc_qdisc(NnsShell *sh, int pid, gboolean stats, gboolean color, int argc, char **argv, NnsIo *io)
{
  if (argc < 1)
    return show(sh, pid, stats, color, 0, argv, io);
  const char *verb = argv[0];
  if (nns_ip_matches(verb, "add"))
    return modify(sh, pid, "add", argc - 1, argv + 1, io);
  if (nns_ip_matches(verb, "change"))
    return modify(sh, pid, "change", argc - 1, argv + 1, io);
  if (nns_ip_matches(verb, "replace"))
    return modify(sh, pid, "replace", argc - 1, argv + 1, io);
  if (nns_ip_matches(verb, "delete"))
    return modify(sh, pid, "delete", argc - 1, argv + 1, io);
  if (nns_ip_matches(verb, "list") || nns_ip_matches(verb, "show") || nns_ip_matches(verb, "lst"))
    return show(sh, pid, stats, color, argc - 1, argv + 1, io);
  if (nns_ip_matches(verb, "help"))
    return usage(io);
  nns_err(io, "Command \"%s\" is unknown, try \"tc qdisc help\".\n", verb);
  return 255;
}
