/* iproute2's lib/color.c: what a field is coloured as (color_attr) and the
 * escape sequences of the palette.  Which fields are coloured is the
 * printers' business (the same calls as iproute2's print_color_*); whether
 * colour is on at all is the front end's (`-color` of ip, bridge and tc),
 * handed to the printer as NnsPrinter.color. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NNS_COLOR_IFNAME,
  NNS_COLOR_MAC,
  NNS_COLOR_INET,
  NNS_COLOR_INET6,
  NNS_COLOR_OPERSTATE_UP,
  NNS_COLOR_OPERSTATE_DOWN,
  NNS_COLOR_NONE,
} NnsColor;

/* The escape that starts a field of colour `c` (the light-background
 * palette: netnsim's processes have no COLORFGBG), "" for NNS_COLOR_NONE;
 * and the one that ends it. */
const char *nns_color_start(NnsColor c);
#define NNS_COLOR_END "\033[0m"

/* ifa_family_color / oper_state_color. */
NnsColor nns_color_family(guint8 family);
NnsColor nns_color_operstate(guint8 operstate);

G_END_DECLS
