/* net-tools 2.10 `arp`: /proc/net/arp as arp -n / -a prints it, and
 * SIOCSARP / SIOCDARP as neighbour requests. */
#include "shell/nettools/nettools.h"
#include "shell/print/print-ip.h"

#include <errno.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#define NUD_VALID_MASK (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)

static const char *
link_name(GPtrArray *links, int ifindex)
{
  for (guint i = 0; links && i < links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(links, i);
    if (l->ifindex == ifindex)
      return l->name;
  }
  return "?";
}

static gboolean
parse_mac(const char *s, guint8 mac[6])
{
  g_auto(GStrv) parts = g_strsplit(s, ":", -1);
  if (g_strv_length(parts) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++) {
    char *end = NULL;
    unsigned long v = strtoul(parts[i], &end, 16);
    if (!*parts[i] || *end || v > 255 || strlen(parts[i]) > 2)
      return FALSE;
    mac[i] = (guint8) v;
  }
  return TRUE;
}

static int
arp_show(NnsShell *sh, int pid, NnsIo *io, gboolean bsd, const char *dev, const char *host)
{
  NnsBackend *be = sh->backend;
  if (!be->ops->neigh_dump) {
    nns_err(io, "arp: cannot read the ARP table: %s\n", g_strerror(EOPNOTSUPP));
    return 1;
  }
  NnsInet want;
  if (host && !(nns_inet_parse(host, &want) && want.family == AF_INET)) {
    nns_err(io, "%s: Unknown host\n", host);
    return 255;
  }
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, NULL);
  g_autoptr(GPtrArray) all = be->ops->neigh_dump(be, pid, AF_INET, NULL);
  guint entries = 0, shown = 0;
  for (guint i = 0; all && i < all->len; i++) {
    const NnsNeighRecord *n = g_ptr_array_index(all, i);
    /* NEIGH_SEQ_SKIP_NOARP: no NOARP, no NONE entries */
    if ((n->flags & NTF_PROXY) || !(n->state & ~NUD_NOARP))
      continue;
    entries++;
    const char *name = link_name(links, n->ifindex);
    if (dev && !g_str_equal(dev, name))
      continue;
    if (host && !nns_inet_equal(&want, &n->dst))
      continue;
    gboolean com = (n->state & NUD_VALID_MASK) != 0, perm = (n->state & NUD_PERMANENT) != 0;
    char ip[NNS_INET_STRLEN], mac[18];
    nns_inet_format(&n->dst, ip);
    nns_ip_format_mac(n->lladdr, mac);
    if (bsd) {
      nns_out(io, "? (%s) at ", ip);
      if (!com)
        nns_out(io, "<incomplete> ");
      else
        nns_out(io, "%s [ether] ", mac);
      if (perm)
        nns_out(io, "PERM ");
      nns_out(io, "on %s\n", name);
    } else {
      if (shown == 0)
        nns_out(io, "Address                  HWtype  HWaddress           Flags Mask            Iface\n");
      char flags[8] = "";
      if (com)
        strcat(flags, "C");
      if (perm)
        strcat(flags, "M");
      nns_out(io, "%-23.23s  ", ip);
      if (!com)
        nns_out(io, "%-8.8s%-20.20s", "", "(incomplete)");
      else
        nns_out(io, "%-8.8s%-20.20s", "ether", mac);
      nns_out(io, "%-6.6s%-15.15s %s\n", flags, "", name);
    }
    shown++;
  }
  if (!shown) {
    if (host && !bsd)
      nns_out(io, "%s (%s) -- no entry\n", host, host);
    else if (host || dev)
      nns_out(io, "arp: in %u entries no match found.\n", entries);
  }
  return 0;
}

int
nns_cmd_arp(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io)
{
  NnsBackend *be = sh->backend;
  gboolean bsd = FALSE;
  const char *dev = NULL;
  int mode = 0; /* 0 show, 's' set, 'd' delete */
  GPtrArray *rest = g_ptr_array_new();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1]) {
      if (g_str_equal(a, "-i") && i + 1 < argc) {
        dev = argv[++i];
        continue;
      }
      for (const char *p = a + 1; *p; p++) {
        if (*p == 'a')
          bsd = TRUE;
        else if (*p == 's')
          mode = 's';
        else if (*p == 'd')
          mode = 'd';
      }
      continue;
    }
    g_ptr_array_add(rest, (gpointer) a);
  }
  int rc = 0;
  if (mode == 0) {
    rc = arp_show(sh, pid, io, bsd, dev, rest->len ? rest->pdata[0] : NULL);
  } else if (rest->len < (mode == 's' ? 2u : 1u)) {
    nns_err(io, "arp: need host name\n");
    rc = 255;
  } else {
    const char *host = rest->pdata[0];
    NnsNeighRecord req = { .family = AF_INET };
    if (!(nns_inet_parse(host, &req.dst) && req.dst.family == AF_INET)) {
      nns_err(io, "%s: Unknown host\n", host);
      rc = 255;
    } else if (mode == 's' && !parse_mac(rest->pdata[1], req.lladdr)) {
      nns_err(io, "arp: invalid hardware address\n");
      rc = 255;
    } else if (!be->ops->neigh_add || !be->ops->route_get || !be->ops->neigh_dump) {
      nns_err(io, "SIOC%cARP: %s\n", mode == 's' ? 'S' : 'D', g_strerror(EOPNOTSUPP));
      rc = 255;
    } else if (mode == 's') {
      NnsRouteRecord q = { .family = AF_INET, .dst = req.dst };
      g_autoptr(GError) error = NULL;
      NnsRouteRecord *r = be->ops->route_get(be, pid, &q, &error);
      if (dev) {
        NnsLinkRecord *l = be->ops->link_get(be, pid, dev, NULL);
        req.ifindex = l ? l->ifindex : 0;
        if (l)
          nns_link_record_free(l);
      } else if (r) {
        req.ifindex = r->oif;
      }
      g_free(r);
      req.has_lladdr = TRUE;
      req.state = NUD_PERMANENT;
      g_clear_error(&error);
      if (!req.ifindex || !be->ops->neigh_add(be, pid, &req, NNS_NLM_CREATE | NNS_NLM_REPLACE, &error)) {
        nns_err(io, "SIOCSARP: %s\n", g_strerror(error ? error->code : ENETUNREACH));
        rc = 255;
      }
    } else {
      g_autoptr(GPtrArray) all = be->ops->neigh_dump(be, pid, AF_INET, NULL);
      gboolean found = FALSE;
      for (guint i = 0; all && i < all->len; i++) {
        NnsNeighRecord *n = all->pdata[i];
        if (!nns_inet_equal(&n->dst, &req.dst) || (n->flags & NTF_PROXY) || !(n->state & ~NUD_NOARP))
          continue;
        be->ops->neigh_delete(be, pid, n, NULL);
        found = TRUE;
        break;
      }
      if (!found) {
        nns_err(io, "No ARP entry for %s\n", host);
        rc = 255;
      }
    }
  }
  g_ptr_array_free(rest, TRUE);
  return rc;
}
