/* dmesg (util-linux 2.38): the simulated kernel log.  The kernel has one
 * log for the whole machine, so every namespace sees the same records;
 * times are the simulated clock since the world began (its boot).  The
 * only writer so far is netfilter's LOG target, whose lines are printed
 * as nf_log_syslog.c words them (docs/iptables.md). */
#include "shell/tools/tools.h"
#include "core/kmsg.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

static const char *const level_names[] = { "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug" };

/* nf_log_dump_packet_common, dump_mac_header, dump_ipv4_packet. */
static void
print_log_entry(GString *out, const NnsNfLogEntry *l)
{
  g_string_append_printf(out, "%sIN=%s OUT=%s ", l->prefix, l->in, l->out);
  if (l->has_mac) {
    g_string_append(out, "MAC=");
    for (int i = 0; i < 14; i++)
      g_string_append_printf(out, i ? ":%02x" : "%02x", l->mac[i]);
    g_string_append_c(out, ' ');
  }
  char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &l->saddr, s, sizeof s);
  inet_ntop(AF_INET, &l->daddr, d, sizeof d);
  g_string_append_printf(out, "SRC=%s DST=%s ", s, d);
  g_string_append_printf(out, "LEN=%u TOS=0x%02X PREC=0x%02X TTL=%u ID=%u ", l->len, l->tos & 0x1e,
                         l->tos & 0xe0, l->ttl, l->ip_id);
  if (l->df)
    g_string_append(out, "DF ");
  if (l->proto == IPPROTO_ICMP) {
    g_string_append_printf(out, "PROTO=ICMP TYPE=%u CODE=%u ", l->icmp_type, l->icmp_code);
    if (l->icmp_type == 0 || l->icmp_type == 8)
      g_string_append_printf(out, "ID=%u SEQ=%u ", l->icmp_id, l->icmp_seq);
  } else {
    g_string_append_printf(out, "PROTO=%u ", l->proto);
  }
}

static gboolean
parse_levels(const char *list, guint *mask)
{
  g_auto(GStrv) names = g_strsplit(list, ",", -1);
  *mask = 0;
  for (guint i = 0; names[i]; i++) {
    gboolean found = FALSE;
    for (guint l = 0; l < G_N_ELEMENTS(level_names); l++)
      if (g_str_equal(names[i], level_names[l])) {
        *mask |= 1u << l;
        found = TRUE;
      }
    if (!found)
      return FALSE;
  }
  return TRUE;
}

static int
usage_error(NnsIo *io, const char *fmt, const char *arg)
{
  nns_err(io, "dmesg: ");
  nns_err(io, fmt, arg);
  nns_err(io, "\nTry 'dmesg --help' for more information.\n");
  return 1;
}

int
nns_tool_dmesg(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  (void) pid;
  gboolean clear = FALSE, print = TRUE, raw = FALSE, notime = FALSE;
  guint levels = 0xff;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-c") || !strcmp(a, "--read-clear")) {
      clear = TRUE;
    } else if (!strcmp(a, "-C") || !strcmp(a, "--clear")) {
      clear = TRUE;
      print = FALSE;
    } else if (!strcmp(a, "-r") || !strcmp(a, "--raw")) {
      raw = TRUE;
    } else if (!strcmp(a, "-t") || !strcmp(a, "--notime")) {
      notime = TRUE;
    } else if (!strcmp(a, "-l") || !strcmp(a, "--level") || g_str_has_prefix(a, "--level=")) {
      const char *v = a[1] == 'l' ? (i + 1 < argc ? argv[++i] : NULL) : strchr(a, '=') ? strchr(a, '=') + 1 : NULL;
      if (!v)
        return usage_error(io, "option requires an argument -- '%s'", "l");
      if (!parse_levels(v, &levels)) {
        nns_err(io, "dmesg: unknown level '%s'\n", v);
        return 1;
      }
    } else if (g_str_has_prefix(a, "--")) {
      return usage_error(io, "unrecognized option '%s'", a);
    } else if (a[0] == '-' && a[1]) {
      char opt[2] = { a[1], 0 };
      return usage_error(io, "invalid option -- '%s'", opt);
    } else {
      return usage_error(io, "%s", "bad usage");
    }
  }
  NnsBackend *be = sh->backend;
  if (!be->ops->kmsg_dump) {
    nns_err(io, "dmesg: read kernel buffer failed: Operation not supported\n");
    return 1;
  }
  if (print) {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) recs = be->ops->kmsg_dump(be, &error);
    if (!recs) {
      nns_err(io, "dmesg: read kernel buffer failed: %s\n", g_strerror(error->code));
      return 1;
    }
    for (guint i = 0; i < recs->len; i++) {
      const NnsKmsg *m = &g_array_index(recs, NnsKmsg, i);
      if (!(levels & (1u << (m->nf.level & 7))))
        continue;
      if (raw)
        g_string_append_printf(io->out, "<%u>", m->nf.level);
      if (!notime)
        g_string_append_printf(io->out, "[%5" G_GUINT64_FORMAT ".%06" G_GUINT64_FORMAT "] ",
                               m->time_us / 1000000, m->time_us % 1000000);
      print_log_entry(io->out, &m->nf);
      g_string_append_c(io->out, '\n');
    }
  }
  if (clear && be->ops->kmsg_clear)
    be->ops->kmsg_clear(be);
  return 0;
}
