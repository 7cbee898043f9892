/* What -L prints for the matches with xtables option tables (libxt_limit,
 * mac, iprange, owner, addrtype, recent, length, ttl and pkttype's print
 * functions), byte for byte as 1.8.9 (nf_tables). */
#include "shell/iptables/ipt.h"

#include <string.h>
#include <sys/socket.h>

/* getpwuid/getgrgid in a namespace of netnsim: its processes are root's,
 * and root is the one name its passwd and group files hold. */
static void
print_owner_item(GString *out, const NnsNfMatch *m, const char *label, guint8 flag, guint fmt)
{
  if (!(m->u.owner.match & flag))
    return;
  if (m->u.owner.invert & flag)
    g_string_append(out, " !");
  g_string_append_printf(out, " %s", label);
  if (flag == NNS_NF_OWNER_SOCKET)
    return;
  guint32 lo = flag == NNS_NF_OWNER_UID ? m->u.owner.uid_min : m->u.owner.gid_min;
  guint32 hi = flag == NNS_NF_OWNER_UID ? m->u.owner.uid_max : m->u.owner.gid_max;
  if (lo != hi)
    g_string_append_printf(out, " %u-%u", lo, hi);
  else if (!(fmt & NNS_IPT_FMT_NUMERIC) && lo == 0)
    g_string_append(out, " root");
  else
    g_string_append_printf(out, " %u", lo);
}

static void
print_addrtypes(GString *out, guint16 mask)
{
  const char *sep = "";
  for (guint i = 0; i < 16; i++)
    if ((mask & (1u << i)) && nns_ipt_addrtype_name(i)) {
      g_string_append_printf(out, "%s%s", sep, nns_ipt_addrtype_name(i));
      sep = ",";
    }
}

static void
print_range(GString *out, const char *label, gboolean inv, guint8 family, const guint8 *lo, const guint8 *hi)
{
  g_string_append_printf(out, " %s%s ", label, inv ? " !" : "");
  nns_ipt_append_addr(out, family, lo);
  g_string_append_c(out, '-');
  nns_ipt_append_addr(out, family, hi);
}

void
nns_ipt_print_xmatch(GString *out, const NnsNfRule *r, const NnsNfMatch *m, guint fmt)
{
  switch (m->kind) {
  case NNS_NF_MATCH_LIMIT:
    g_string_append(out, " limit: avg");
    nns_ipt_append_rate(out, m->u.limit.avg);
    g_string_append_printf(out, " burst %u", m->u.limit.burst);
    break;
  case NNS_NF_MATCH_MAC:
    g_string_append_printf(out, " MAC%s %02x:%02x:%02x:%02x:%02x:%02x", m->invert ? " !" : "", m->u.mac[0],
                           m->u.mac[1], m->u.mac[2], m->u.mac[3], m->u.mac[4], m->u.mac[5]);
    break;
  case NNS_NF_MATCH_IPRANGE: {
    guint8 f = m->u.iprange.flags;
    if (f & NNS_NF_IPRANGE_SRC)
      print_range(out, "source IP range", f & NNS_NF_IPRANGE_SRC_INV, r->family, m->u.iprange.src_min,
                  m->u.iprange.src_max);
    if (f & NNS_NF_IPRANGE_DST)
      print_range(out, "destination IP range", f & NNS_NF_IPRANGE_DST_INV, r->family, m->u.iprange.dst_min,
                  m->u.iprange.dst_max);
    break;
  }
  case NNS_NF_MATCH_OWNER:
    print_owner_item(out, m, "owner socket exists", NNS_NF_OWNER_SOCKET, fmt);
    print_owner_item(out, m, "owner UID match", NNS_NF_OWNER_UID, fmt);
    print_owner_item(out, m, "owner GID match", NNS_NF_OWNER_GID, fmt);
    break;
  case NNS_NF_MATCH_ADDRTYPE:
    g_string_append(out, " ADDRTYPE match");
    if (m->u.addrtype.source) {
      g_string_append(out, " src-type ");
      if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_INVERT_SOURCE)
        g_string_append_c(out, '!');
      print_addrtypes(out, m->u.addrtype.source);
    }
    if (m->u.addrtype.dest) {
      g_string_append(out, " dst-type ");
      if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_INVERT_DEST)
        g_string_append_c(out, '!');
      print_addrtypes(out, m->u.addrtype.dest);
    }
    if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_LIMIT_IFACE_IN)
      g_string_append(out, " limit-in");
    if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_LIMIT_IFACE_OUT)
      g_string_append(out, " limit-out");
    break;
  case NNS_NF_MATCH_RECENT: {
    guint8 cs = m->u.recent.check_set;
    if (m->u.recent.invert)
      g_string_append(out, " !");
    g_string_append(out, " recent:");
    if (cs & NNS_NF_RECENT_SET)
      g_string_append(out, " SET");
    if (cs & NNS_NF_RECENT_CHECK)
      g_string_append(out, " CHECK");
    if (cs & NNS_NF_RECENT_UPDATE)
      g_string_append(out, " UPDATE");
    if (cs & NNS_NF_RECENT_REMOVE)
      g_string_append(out, " REMOVE");
    if (m->u.recent.seconds)
      g_string_append_printf(out, " seconds: %u", m->u.recent.seconds);
    if (cs & NNS_NF_RECENT_REAP)
      g_string_append(out, " reap");
    if (m->u.recent.hit_count)
      g_string_append_printf(out, " hit_count: %u", m->u.recent.hit_count);
    if (cs & NNS_NF_RECENT_TTL)
      g_string_append(out, " TTL-Match");
    g_string_append_printf(out, " name: %s side: %s mask: ", m->u.recent.name,
                           m->u.recent.side == NNS_NF_RECENT_DEST ? "dest" : "source");
    nns_ipt_append_addr(out, r->family, m->u.recent.mask);
    break;
  }
  case NNS_NF_MATCH_LENGTH:
    g_string_append_printf(out, " length %s", m->invert ? "!" : "");
    if (m->u.length.min == m->u.length.max)
      g_string_append_printf(out, "%u", m->u.length.min);
    else
      g_string_append_printf(out, "%u:%u", m->u.length.min, m->u.length.max);
    break;
  case NNS_NF_MATCH_TTL: {
    static const char *const ops[] = { "==", "!=", "<", ">" };
    const char *what = r->family == AF_INET6 ? "HL" : "TTL";
    g_string_append_printf(out, " %s match %s %s %u", what, what, ops[m->u.ttl.mode], m->u.ttl.value);
    break;
  }
  case NNS_NF_MATCH_PKTTYPE: {
    const char *name = nns_ipt_pkttype_name(m->u.pkttype);
    g_string_append_printf(out, " PKTTYPE %s= ", m->invert ? "!" : "");
    if (name)
      g_string_append(out, name);
    else
      g_string_append_printf(out, "%d", m->u.pkttype);
    break;
  }
  default:
    break;
  }
}
