/* The save form (-S, iptables-save) of the matches with xtables option
 * tables: libxt_limit, mac, iprange, owner, addrtype, recent, length, ttl
 * and pkttype's save functions, byte for byte as 1.8.9 writes them. */
#include "lib/iptables/ipt-grammar.h"

#include <arpa/inet.h>
#include <string.h>

void
nns_ipt_append_addr(GString *out, guint8 family, const guint8 *addr)
{
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(family == AF_INET6 ? AF_INET6 : AF_INET, addr, buf, sizeof buf);
  g_string_append(out, buf);
}

void
nns_ipt_append_rate(GString *out, guint32 avg)
{
  static const struct {
    const char *name;
    guint32 mult;
  } rates[] = {
    { "day", 10000u * 24 * 60 * 60 }, { "hour", 10000u * 60 * 60 }, { "min", 10000u * 60 }, { "sec", 10000u },
  };
  gsize i;
  for (i = 1; i < G_N_ELEMENTS(rates); i++)
    if (avg > rates[i].mult || rates[i].mult / avg < rates[i].mult % avg)
      break;
  g_string_append_printf(out, " %u/%s", rates[i - 1].mult / avg, rates[i - 1].name);
}

static void
save_owner_item(GString *out, const NnsNfMatch *m, const char *label, guint8 flag)
{
  if (!(m->u.owner.match & flag))
    return;
  if (m->u.owner.invert & flag)
    g_string_append(out, " !");
  g_string_append_printf(out, " %s", label);
  guint32 lo = flag == NNS_NF_OWNER_UID ? m->u.owner.uid_min : m->u.owner.gid_min;
  guint32 hi = flag == NNS_NF_OWNER_UID ? m->u.owner.uid_max : m->u.owner.gid_max;
  if (flag == NNS_NF_OWNER_SOCKET)
    return;
  if (lo != hi)
    g_string_append_printf(out, " %u-%u", lo, hi);
  else
    g_string_append_printf(out, " %u", lo);
}

static void
append_addrtypes(GString *out, guint16 mask)
{
  const char *sep = "";
  for (guint i = 0; i < 16; i++)
    if ((mask & (1u << i)) && nns_ipt_addrtype_name(i)) {
      g_string_append_printf(out, "%s%s", sep, nns_ipt_addrtype_name(i));
      sep = ",";
    }
}

void
nns_ipt_save_xmatch(GString *out, const NnsNfRule *r, const NnsNfMatch *m, gboolean args)
{
  guint8 fam = r->family;
  switch (m->kind) {
  case NNS_NF_MATCH_LIMIT:
    g_string_append(out, " -m limit --limit");
    nns_ipt_append_rate(out, m->u.limit.avg);
    if (m->u.limit.burst != 5)
      g_string_append_printf(out, " --limit-burst %u", m->u.limit.burst);
    break;
  case NNS_NF_MATCH_MAC:
    g_string_append(out, " -m mac");
    if (m->invert)
      g_string_append(out, " !");
    g_string_append_printf(out, " --mac-source %02x:%02x:%02x:%02x:%02x:%02x", m->u.mac[0], m->u.mac[1],
                           m->u.mac[2], m->u.mac[3], m->u.mac[4], m->u.mac[5]);
    break;
  case NNS_NF_MATCH_IPRANGE: {
    guint8 f = m->u.iprange.flags;
    g_string_append(out, " -m iprange");
    if (f & NNS_NF_IPRANGE_SRC) {
      g_string_append(out, (f & NNS_NF_IPRANGE_SRC_INV) ? " ! --src-range " : " --src-range ");
      nns_ipt_append_addr(out, fam, m->u.iprange.src_min);
      g_string_append_c(out, '-');
      nns_ipt_append_addr(out, fam, m->u.iprange.src_max);
    }
    if (f & NNS_NF_IPRANGE_DST) {
      g_string_append(out, (f & NNS_NF_IPRANGE_DST_INV) ? " ! --dst-range " : " --dst-range ");
      nns_ipt_append_addr(out, fam, m->u.iprange.dst_min);
      g_string_append_c(out, '-');
      nns_ipt_append_addr(out, fam, m->u.iprange.dst_max);
    }
    break;
  }
  case NNS_NF_MATCH_OWNER:
    g_string_append(out, " -m owner");
    save_owner_item(out, m, "--socket-exists", NNS_NF_OWNER_SOCKET);
    save_owner_item(out, m, "--uid-owner", NNS_NF_OWNER_UID);
    save_owner_item(out, m, "--gid-owner", NNS_NF_OWNER_GID);
    break;
  case NNS_NF_MATCH_ADDRTYPE:
    g_string_append(out, " -m addrtype");
    if (m->u.addrtype.source) {
      if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_INVERT_SOURCE)
        g_string_append(out, " !");
      g_string_append(out, " --src-type ");
      append_addrtypes(out, m->u.addrtype.source);
    }
    if (m->u.addrtype.dest) {
      if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_INVERT_DEST)
        g_string_append(out, " !");
      g_string_append(out, " --dst-type ");
      append_addrtypes(out, m->u.addrtype.dest);
    }
    if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_LIMIT_IFACE_IN)
      g_string_append(out, " --limit-iface-in");
    if (m->u.addrtype.flags & NNS_NF_ADDRTYPE_LIMIT_IFACE_OUT)
      g_string_append(out, " --limit-iface-out");
    break;
  case NNS_NF_MATCH_RECENT: {
    guint8 cs = m->u.recent.check_set;
    g_string_append(out, " -m recent");
    if (m->u.recent.invert)
      g_string_append(out, " !");
    if (cs & NNS_NF_RECENT_SET)
      g_string_append(out, " --set");
    if (cs & NNS_NF_RECENT_CHECK)
      g_string_append(out, " --rcheck");
    if (cs & NNS_NF_RECENT_UPDATE)
      g_string_append(out, " --update");
    if (cs & NNS_NF_RECENT_REMOVE)
      g_string_append(out, " --remove");
    if (m->u.recent.seconds)
      g_string_append_printf(out, " --seconds %u", m->u.recent.seconds);
    if (cs & NNS_NF_RECENT_REAP)
      g_string_append(out, " --reap");
    if (m->u.recent.hit_count)
      g_string_append_printf(out, " --hitcount %u", m->u.recent.hit_count);
    if (cs & NNS_NF_RECENT_TTL)
      g_string_append(out, " --rttl");
    static const guint8 all[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    g_string_append(out, " --name");
    if (args)
      nns_ipt_save_string(out, m->u.recent.name);   /* words for a shell's split: "" stays a word */
    else
      g_string_append_printf(out, " %s", m->u.recent.name);
    if (!args || memcmp(m->u.recent.mask, all, 16) != 0) {
      g_string_append(out, " --mask ");
      nns_ipt_append_addr(out, fam, m->u.recent.mask);
    }
    g_string_append(out, m->u.recent.side == NNS_NF_RECENT_DEST ? " --rdest" : " --rsource");
    break;
  }
  case NNS_NF_MATCH_LENGTH:
    g_string_append_printf(out, " -m length %s--length ", m->invert ? "! " : "");
    if (m->u.length.min == m->u.length.max)
      g_string_append_printf(out, "%u", m->u.length.min);
    else
      g_string_append_printf(out, "%u:%u", m->u.length.min, m->u.length.max);
    break;
  case NNS_NF_MATCH_TTL: {
    static const char *const opts[] = { " --ttl-eq", " ! --ttl-eq", " --ttl-lt", " --ttl-gt" };
    static const char *const opts6[] = { " --hl-eq", " ! --hl-eq", " --hl-lt", " --hl-gt" };
    if (fam == AF_INET6)
      g_string_append_printf(out, " -m hl%s %u", opts6[m->u.ttl.mode], m->u.ttl.value);
    else
      g_string_append_printf(out, " -m ttl%s %u", opts[m->u.ttl.mode], m->u.ttl.value);
    break;
  }
  case NNS_NF_MATCH_PKTTYPE: {
    const char *name = nns_ipt_pkttype_name(m->u.pkttype);
    g_string_append_printf(out, " -m pkttype%s --pkt-type ", m->invert ? " !" : "");
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
