/* print_neigh of iproute2 6.1: one line of `ip neigh`. */
#include "shell/print/print-neigh.h"

#include <linux/neighbour.h>

static const struct {
  guint16 bit;
  const char *name;
} nud_names[] = {
  { NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" }, { NUD_STALE, "STALE" },
  { NUD_DELAY, "DELAY" }, { NUD_PROBE, "PROBE" }, { NUD_FAILED, "FAILED" },
  { NUD_NOARP, "NOARP" }, { NUD_PERMANENT, "PERMANENT" },
};

const char *
nns_neigh_state_name(guint16 state)
{
  for (gsize i = 0; i < G_N_ELEMENTS(nud_names); i++)
    if (state == nud_names[i].bit)
      return nud_names[i].name;
  return state ? "UNKNOWN" : "NONE";
}

void
nns_print_neigh(NnsPrinter *p, const NnsIpOptions *o, const NnsIpContext *ctx, const NnsNeighRecord *n,
                gboolean hide_dev)
{
  char buf[NNS_INET_STRLEN];
  nns_print_open_object(p, NULL);
  if (o->brief) {
    /* -br: address, device, link-layer address in columns; no state. */
    nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(n->dst.family), "dst", "%-39s ",
                           nns_inet_format(&n->dst, buf));
    if (!hide_dev) {
      const NnsLinkRecord *l = nns_ip_link_by_index(ctx, n->ifindex);
      g_autofree char *name = l ? g_strdup(l->name) : g_strdup_printf("if%d", n->ifindex);
      nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "dev", "%-16s ", name);
    }
    if (n->has_lladdr) {
      char mac[18];
      nns_ip_format_mac(n->lladdr, mac);
      nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_MAC, "lladdr", "%s", mac);
    }
    nns_print_text(p, "\n");
    nns_print_close_object(p);
    return;
  }
  nns_print_color_string(p, NNS_PRINT_ANY, nns_color_family(n->dst.family), "dst", "%s ",
                         nns_inet_format(&n->dst, buf));
  if (!hide_dev) {
    const NnsLinkRecord *l = nns_ip_link_by_index(ctx, n->ifindex);
    g_autofree char *name = l ? g_strdup(l->name) : g_strdup_printf("if%d", n->ifindex);
    nns_print_text(p, "dev ");
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_IFNAME, "dev", "%s ", name);
  }
  if (n->has_lladdr) {
    char mac[18];
    nns_ip_format_mac(n->lladdr, mac);
    nns_print_text(p, "lladdr ");
    nns_print_color_string(p, NNS_PRINT_ANY, NNS_COLOR_MAC, "lladdr", "%s ", mac);
  }
  if (n->flags & NTF_ROUTER)
    nns_print_null(p, NNS_PRINT_ANY, "router", "%s ", "router");
  if (n->flags & NTF_PROXY)
    nns_print_null(p, NNS_PRINT_ANY, "proxy", "%s ", "proxy");
  if (n->flags & NTF_EXT_LEARNED)
    nns_print_null(p, NNS_PRINT_ANY, "extern_learn", "%s ", "extern_learn");
  if (o->stats && !(n->flags & NTF_PROXY)) {
    /* The only reference left is a pending timer's (NUD_IN_TIMER). */
    guint refcnt = (n->state & (NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE)) ? 1 : 0;
    if (refcnt)
      nns_print_uint(p, NNS_PRINT_ANY, "refcnt", " ref %u", refcnt);
    nns_print_uint(p, NNS_PRINT_ANY, "used", " used %u", n->used_s);
    nns_print_uint(p, NNS_PRINT_ANY, "confirmed", "/%u", n->confirmed_s);
    nns_print_uint(p, NNS_PRINT_ANY, "updated", "/%u", n->updated_s);
    nns_print_uint(p, NNS_PRINT_ANY, "probes", "probes %u ", n->probes);
  }
  if (n->state && !(n->flags & NTF_PROXY)) {
    nns_print_open_array(p, NNS_PRINT_JSON, "state", NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(nud_names); i++)
      if (n->state & nud_names[i].bit)
        nns_print_string(p, NNS_PRINT_ANY, NULL, "%s ", nud_names[i].name);
    nns_print_close_array(p, NNS_PRINT_JSON, NULL);
  }
  nns_print_text(p, "\n");
  nns_print_close_object(p);
}
