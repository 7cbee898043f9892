/* `conntrack` (conntrack-tools 1.4.7): list, count, flush and delete the
 * caller's namespace's connection tracking entries, in the tool's own
 * format.  Like the real tool, the summary goes to stderr and the entries
 * to stdout; stdout is fully buffered unless it is a terminal, so in a
 * transcript or a pipe the summary comes first (recorded). */
#include "shell/conntrack/conntrack.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#define PROG "conntrack v1.4.7 (conntrack-tools)"

static const char usage_text[] =
  "Command line interface for the connection tracking system. Version 1.4.7\n"
  "Usage: conntrack [commands] [options]\n"
  "\n"
  "Commands:\n"
  "  -L [table] [options]\t\tList conntrack or expectation table\n"
  "  -G [table] parameters\t\tGet conntrack or expectation\n"
  "  -D [table] parameters\t\tDelete conntrack or expectation\n"
  "  -I [table] parameters\t\tCreate a conntrack or expectation\n"
  "  -U [table] parameters\t\tUpdate a conntrack\n"
  "  -E [table] [options]\t\tShow events\n"
  "  -F [table]\t\t\tFlush table\n"
  "  -C [table]\t\t\tShow counter\n"
  "  -S\t\t\t\tShow statistics\n"
  "\n"
  "Tables: conntrack, expect, dying, unconfirmed\n"
  "\n"
  "Conntrack parameters and options:\n"
  "  -n, --src-nat ip\t\t\tsource NAT ip\n"
  "  -g, --dst-nat ip\t\t\tdestination NAT ip\n"
  "  -j, --any-nat ip\t\t\tsource or destination NAT ip\n"
  "  -m, --mark mark\t\t\tSet mark\n"
  "  -c, --secmark secmark\t\t\tSet selinux secmark\n"
  "  -e, --event-mask eventmask\t\tEvent mask, eg. NEW,DESTROY\n"
  "  -z, --zero \t\t\t\tZero counters while listing\n"
  "  -o, --output type[,...]\t\tOutput format, eg. xml\n"
  "  -l, --label label[,...]\t\tconntrack labels\n"
  "\n"
  "Expectation parameters and options:\n"
  "  --tuple-src ip\tSource address in expect tuple\n"
  "  --tuple-dst ip\tDestination address in expect tuple\n"
  "\n"
  "Updating parameters and options:\n"
  "  --label-add label\tAdd label\n"
  "  --label-del label\tDelete label\n"
  "\n"
  "Common parameters and options:\n"
  "  -s, --src, --orig-src ip\t\tSource address from original direction\n"
  "  -d, --dst, --orig-dst ip\t\tDestination address from original direction\n"
  "  -r, --reply-src ip\t\tSource addres from reply direction\n"
  "  -q, --reply-dst ip\t\tDestination address from reply direction\n"
  "  -p, --protonum proto\t\tLayer 4 Protocol, eg. 'tcp'\n"
  "  -f, --family proto\t\tLayer 3 Protocol, eg. 'ipv6'\n"
  "  -t, --timeout timeout\t\tSet timeout\n"
  "  -u, --status status\t\tSet status, eg. ASSURED\n"
  "  -w, --zone value\t\tSet conntrack zone\n"
  "  --orig-zone value\t\tSet zone for original direction\n"
  "  --reply-zone value\t\tSet zone for reply direction\n"
  "  -b, --buffer-size\t\tNetlink socket buffer size\n"
  "  --mask-src ip\t\t\tSource mask address\n"
  "  --mask-dst ip\t\t\tDestination mask address\n"
  "\n";

enum { CMD_NONE, CMD_LIST, CMD_COUNT, CMD_FLUSH, CMD_DELETE, CMD_VERSION, CMD_HELP, CMD_LIST_EXPECT };

typedef struct {
  int cmd;
  int proto;                          /* -1: any */
  gboolean extended;
  gboolean has_src, has_dst;
  guint32 src, dst;                   /* network order */
} Args;

static int
param_error(NnsIo *io, const char *fmt, const char *arg)
{
  nns_err(io, PROG ": ");
  nns_err(io, fmt, arg);
  nns_err(io, "\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
  return 2;
}

static gboolean
set_cmd(Args *a, int cmd)
{
  if (a->cmd != CMD_NONE)
    return FALSE;
  a->cmd = cmd;
  return TRUE;
}

/* -p: a name from /etc/protocols conntrack knows, or a number. */
static int
parse_proto(const char *s)
{
  static const struct { const char *name; int num; } names[] = {
    { "icmp", IPPROTO_ICMP }, { "tcp", IPPROTO_TCP }, { "udp", IPPROTO_UDP },
    { "udplite", IPPROTO_UDPLITE }, { "sctp", IPPROTO_SCTP }, { "dccp", IPPROTO_DCCP },
    { "gre", IPPROTO_GRE }, { "icmpv6", IPPROTO_ICMPV6 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_ascii_strcasecmp(s, names[i].name) == 0)
      return names[i].num;
  char *end = NULL;
  long n = strtol(s, &end, 10);
  if (*s && !*end && n >= 0 && n <= 255)
    return (int) n;
  return -1;
}

/* The table after -L/-F/-C: conntrack (the default) or expect. */
static const char *
table_operand(int argc, char **argv, int *i)
{
  if (*i + 1 < argc && argv[*i + 1][0] != '-')
    return argv[++*i];
  return "conntrack";
}

static int
parse(int argc, char **argv, Args *a, NnsIo *io)
{
  memset(a, 0, sizeof *a);
  a->proto = -1;
  for (int i = 1; i < argc; i++) {
    const char *o = argv[i];
    int cmd = -1;
    if (!strcmp(o, "-L") || !strcmp(o, "--dump"))
      cmd = CMD_LIST;
    else if (!strcmp(o, "-C") || !strcmp(o, "--count"))
      cmd = CMD_COUNT;
    else if (!strcmp(o, "-F") || !strcmp(o, "--flush"))
      cmd = CMD_FLUSH;
    else if (!strcmp(o, "-D") || !strcmp(o, "--delete"))
      cmd = CMD_DELETE;
    else if (!strcmp(o, "-V") || !strcmp(o, "--version"))
      cmd = CMD_VERSION;
    else if (!strcmp(o, "-h") || !strcmp(o, "--help"))
      cmd = CMD_HELP;
    if (cmd >= 0) {
      if (!set_cmd(a, cmd))
        return param_error(io, "%s", "Invalid commands combination");
      if (cmd == CMD_LIST || cmd == CMD_COUNT || cmd == CMD_FLUSH) {
        const char *t = table_operand(argc, argv, &i);
        if (!strcmp(t, "expect") || !strcmp(t, "expectation")) {
          if (cmd != CMD_LIST)
            return param_error(io, "%s", "expectation tables are not simulated");
          a->cmd = CMD_LIST_EXPECT;
        } else if (strcmp(t, "conntrack") != 0) {
          return param_error(io, "unknown type `%s'", t);
        }
      }
      continue;
    }
    gboolean has_arg = !strcmp(o, "-p") || !strcmp(o, "--protonum") || !strcmp(o, "-o") ||
                       !strcmp(o, "--output") || !strcmp(o, "-f") || !strcmp(o, "--family") ||
                       !strcmp(o, "-s") || !strcmp(o, "--src") || !strcmp(o, "--orig-src") ||
                       !strcmp(o, "-d") || !strcmp(o, "--dst") || !strcmp(o, "--orig-dst");
    if (!has_arg)
      return param_error(io, "unknown option `%s'", o);
    if (i + 1 >= argc)
      return param_error(io, "option `%s' requires an argument", o);
    const char *v = argv[++i];
    if (o[1] == 'p' || !strcmp(o, "--protonum")) {
      a->proto = parse_proto(v);
      if (a->proto < 0)
        return param_error(io, "`%s' unsupported protocol", v);
    } else if (o[1] == 'o' || !strcmp(o, "--output")) {
      g_auto(GStrv) types = g_strsplit(v, ",", -1);
      for (guint k = 0; types[k]; k++) {
        if (!strcmp(types[k], "extended"))
          a->extended = TRUE;
        else if (!strcmp(types[k], "xml") || !strcmp(types[k], "id") || !strcmp(types[k], "timestamp") ||
                 !strcmp(types[k], "ktimestamp") || !strcmp(types[k], "labels") || !strcmp(types[k], "userspace"))
          return param_error(io, "output type `%s' is not simulated", types[k]);
        else
          return param_error(io, "Bad parameter `%s'", types[k]);
      }
    } else if (o[1] == 'f' || !strcmp(o, "--family")) {
      if (strcmp(v, "ipv4") != 0)
        return param_error(io, "family `%s' is not simulated", v);
    } else {
      struct in_addr addr;
      if (inet_pton(AF_INET, v, &addr) != 1)
        return param_error(io, "Bad parameter `%s'", v);
      gboolean src = o[1] == 's' || !strcmp(o, "--src") || !strcmp(o, "--orig-src");
      if (src) {
        a->has_src = TRUE;
        a->src = addr.s_addr;
      } else {
        a->has_dst = TRUE;
        a->dst = addr.s_addr;
      }
    }
  }
  return 0;
}

static const char *
proto_name(guint8 p)
{
  switch (p) {
  case IPPROTO_ICMP: return "icmp";
  case IPPROTO_TCP: return "tcp";
  case IPPROTO_UDP: return "udp";
  default: return "unknown";
  }
}

static void
print_tuple(GString *out, const NnsNfCtRecord *r, int d)
{
  char s[INET_ADDRSTRLEN], t[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &r->src[d], s, sizeof s);
  inet_ntop(AF_INET, &r->dst[d], t, sizeof t);
  g_string_append_printf(out, "src=%s dst=%s ", s, t);
  if (r->proto == IPPROTO_ICMP)
    g_string_append_printf(out, "type=%u code=%u id=%u ", r->dport[d], r->icmp_code[d], r->sport[d]);
  else if (r->proto == IPPROTO_TCP || r->proto == IPPROTO_UDP)
    g_string_append_printf(out, "sport=%u dport=%u ", r->sport[d], r->dport[d]);
}

/* One line as conntrack-tools' default (and -o extended) output prints it. */
static void
print_entry(GString *out, const NnsNfCtRecord *r, gboolean extended)
{
  if (extended)
    g_string_append(out, "ipv4     2 ");
  g_string_append_printf(out, "%-8s %u %" G_GUINT64_FORMAT " ", proto_name(r->proto), r->proto, r->timeout_s);
  print_tuple(out, r, 0);
  if (!r->seen_reply)
    g_string_append(out, "[UNREPLIED] ");
  print_tuple(out, r, 1);
  if (r->assured)
    g_string_append(out, "[ASSURED] ");
  g_string_append_printf(out, "mark=%u use=%u\n", r->mark, r->use);
}

static gboolean
wanted(const Args *a, const NnsNfCtRecord *r)
{
  return (a->proto < 0 || a->proto == r->proto) && (!a->has_src || a->src == r->src[0]) &&
         (!a->has_dst || a->dst == r->dst[0]);
}

/* The summary (stderr) and the entries (stdout) in the order they reach a
 * terminal or, buffered, a pipe. */
static void
emit(NnsShell *sh, NnsIo *io, GString *entries, const char *summary)
{
  if (sh->stdout_tty) {
    g_string_append_len(io->out, entries->str, (gssize) entries->len);
    nns_err(io, "%s", summary);
  } else {
    nns_err(io, "%s", summary);
    g_string_append_len(io->out, entries->str, (gssize) entries->len);
  }
}

int
nns_cmd_conntrack(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  Args a;
  int rc = parse(argc, argv, &a, io);
  if (rc)
    return rc;
  switch (a.cmd) {
  case CMD_NONE:
  case CMD_HELP:
    g_string_append(io->out, usage_text);
    return 0;
  case CMD_VERSION:
    g_string_append(io->out, PROG "\n");
    return 0;
  case CMD_LIST_EXPECT:
    nns_err(io, PROG ": 0 expectations have been shown.\n");
    return 0;
  default:
    break;
  }
  NnsBackend *be = sh->backend;
  if (!be->ops->nf_ct_dump) {
    nns_err(io, PROG ": Operation failed: %s\n", g_strerror(EOPNOTSUPP));
    return 1;
  }
  g_autoptr(GError) e = NULL;
  g_autoptr(GArray) all = be->ops->nf_ct_dump(be, pid, &e);
  if (!all) {
    nns_err(io, PROG ": Operation failed: %s\n", g_strerror(e->code));
    return 1;
  }
  if (a.cmd == CMD_FLUSH) {
    guint n = 0;
    be->ops->nf_ct_flush(be, pid, &n, NULL);
    nns_err(io, PROG ": connection tracking table has been emptied.\n");
    return 0;
  }
  g_autoptr(GString) entries = g_string_new(NULL);
  guint shown = 0;
  for (guint i = 0; i < all->len; i++) {
    const NnsNfCtRecord *r = &g_array_index(all, NnsNfCtRecord, i);
    if (!wanted(&a, r))
      continue;
    shown++;
    print_entry(entries, r, a.extended);
  }
  if (a.cmd == CMD_COUNT) {
    g_string_append_printf(io->out, "%u\n", all->len);
    return 0;
  }
  if (a.cmd == CMD_DELETE) {
    if (shown) {
      /* Only the entries the filters chose go. */
      guint n = 0;
      if (shown == all->len)
        be->ops->nf_ct_flush(be, pid, &n, NULL);
      else
        return param_error(io, "%s", "deleting some entries only is not simulated");
    }
    g_autofree char *sum = g_strdup_printf(PROG ": %u flow entries have been deleted.\n", shown);
    emit(sh, io, entries, sum);
    return shown ? 0 : 1;
  }
  g_autofree char *sum = g_strdup_printf(PROG ": %u flow entries have been shown.\n", shown);
  emit(sh, io, entries, sum);
  return 0;
}
