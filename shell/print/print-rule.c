/* print_rule of iproute2 6.1: one line of `ip rule`, text and JSON
 * (recorded: fixtures/oracle/ip-rule). */
#include "shell/print/print-ip.h"

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>

const char *
nns_ip_rtntype_name(guint type, char buf[16])
{
  static const char *const names[] = {
    "none", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
    "unreachable", "prohibit", "throw", "nat", "xresolve",
  };
  if (type < G_N_ELEMENTS(names))
    return names[type];
  g_snprintf(buf, 16, "%u", type);
  return buf;
}

/* Debian 12's /etc/iproute2/rt_dsfield. */
static const struct {
  guint8 value;
  const char *name;
} dsfields[] = {
  { 0x00, "default" }, { 0x28, "AF11" }, { 0x30, "AF12" }, { 0x38, "AF13" }, { 0x48, "AF21" },
  { 0x50, "AF22" }, { 0x58, "AF23" }, { 0x68, "AF31" }, { 0x70, "AF32" }, { 0x78, "AF33" },
  { 0x88, "AF41" }, { 0x90, "AF42" }, { 0x98, "AF43" }, { 0x20, "CS1" }, { 0x40, "CS2" },
  { 0x60, "CS3" }, { 0x80, "CS4" }, { 0xa0, "CS5" }, { 0xc0, "CS6" }, { 0xe0, "CS7" },
  { 0xb8, "EF" },
};

const char *
nns_ip_dsfield_name(guint8 dsfield, char buf[16])
{
  for (gsize i = 0; i < G_N_ELEMENTS(dsfields); i++)
    if (dsfields[i].value == dsfield)
      return dsfields[i].name;
  g_snprintf(buf, 16, "0x%02x", dsfield);
  return buf;
}

gboolean
nns_ip_dsfield_parse(const char *text, guint32 *out)
{
  for (gsize i = 0; i < G_N_ELEMENTS(dsfields); i++)
    if (g_str_equal(dsfields[i].name, text)) {
      *out = dsfields[i].value;
      return TRUE;
    }
  char *end = NULL;
  unsigned long v = strtoul(text, &end, 16);
  if (end == text || *end || v > 255)
    return FALSE;
  *out = (guint32) v;
  return TRUE;
}

void
nns_print_rule(NnsPrinter *p, const NnsIpOptions *o, const NnsRuleRecord *r)
{
  char buf[NNS_INET_STRLEN], tmp[16];
  guint host_len = r->family == AF_INET6 ? 128 : 32;
  nns_print_open_object(p, NULL);
  nns_print_uint(p, NNS_PRINT_ANY, "priority", "%u:\t", r->has_priority ? r->priority : 0);
  if (r->flags & FIB_RULE_INVERT)
    nns_print_null(p, NNS_PRINT_ANY, "not", "not ", NULL);
  if (r->src_len) {
    nns_print_text(p, "from ");
    nns_print_string(p, NNS_PRINT_ANY, "src", "%s", nns_inet_format(&r->src, buf));
    if (r->src_len != host_len)
      nns_print_uint(p, NNS_PRINT_ANY, "srclen", "/%u", r->src_len);
  } else {
    nns_print_string(p, NNS_PRINT_ANY, "src", "from %s", "all");
  }
  if (r->dst_len) {
    nns_print_text(p, " to ");
    nns_print_string(p, NNS_PRINT_ANY, "dst", "%s", nns_inet_format(&r->dst, buf));
    if (r->dst_len != host_len)
      nns_print_uint(p, NNS_PRINT_ANY, "dstlen", "/%u", r->dst_len);
  }
  if (r->tos)
    nns_print_string(p, NNS_PRINT_ANY, "tos", " tos %s", nns_ip_dsfield_name(r->tos, tmp));
  if (r->has_mark || r->has_mask) {
    /* print_0xhex: "%#llx", so 0 is "0". */
    g_autofree char *mark = g_strdup_printf("%#x", r->has_mark ? r->mark : 0);
    nns_print_string(p, NNS_PRINT_ANY, "fwmark", " fwmark %s", mark);
    if (r->has_mask && r->mask != 0xffffffffu) {
      g_autofree char *mask = g_strdup_printf("%#x", r->mask);
      nns_print_string(p, NNS_PRINT_ANY, "fwmask", "/%s", mask);
    }
  }
  if (r->iifname[0]) {
    nns_print_text(p, " iif ");
    nns_print_string(p, NNS_PRINT_ANY, "iif", "%s", r->iifname);
    if (r->flags & FIB_RULE_IIF_DETACHED)
      nns_print_null(p, NNS_PRINT_ANY, "iif_detached", " [detached]", NULL);
  }
  if (r->oifname[0]) {
    nns_print_text(p, " oif ");
    nns_print_string(p, NNS_PRINT_ANY, "oif", "%s", r->oifname);
    if (r->flags & FIB_RULE_OIF_DETACHED)
      nns_print_null(p, NNS_PRINT_ANY, "oif_detached", " [detached]", NULL);
  }
  if (r->table)
    nns_print_string(p, NNS_PRINT_ANY, "table", " lookup %s", nns_ip_table_name(r->table, tmp));
  if (r->action == RTN_NAT) {
    /* The kernel keeps no gateway for it. */
    nns_print_null(p, NNS_PRINT_ANY, "masquerade", " masquerade", NULL);
  } else if (r->action == FR_ACT_GOTO) {
    if (r->has_goto)
      nns_print_uint(p, NNS_PRINT_ANY, "goto", " goto %u", r->target);
    else
      nns_print_string(p, NNS_PRINT_ANY, "goto", " goto %s", "none");
    if (r->flags & FIB_RULE_UNRESOLVED)
      nns_print_null(p, NNS_PRINT_ANY, "unresolved", " [unresolved]", NULL);
  } else if (r->action == FR_ACT_NOP) {
    nns_print_null(p, NNS_PRINT_ANY, "nop", " nop", NULL);
  } else if (r->action != FR_ACT_TO_TBL) {
    nns_print_string(p, NNS_PRINT_ANY, "action", " %s", nns_ip_rtntype_name(r->action, tmp));
  }
  if (r->has_protocol && ((r->protocol && r->protocol != RTPROT_KERNEL) || o->details))
    nns_print_string(p, NNS_PRINT_ANY, "protocol", " proto %s", nns_ip_proto_name(r->protocol, tmp));
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}
