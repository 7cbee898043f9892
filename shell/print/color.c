#include "shell/print/color.h"

#include <linux/if.h>
#include <sys/socket.h>

const char *
nns_color_start(NnsColor c)
{
  /* attr_colors_light: cyan, yellow, magenta, blue, green, red. */
  static const char *const light[] = {
    [NNS_COLOR_IFNAME] = "\033[36m", [NNS_COLOR_MAC] = "\033[33m",
    [NNS_COLOR_INET] = "\033[35m", [NNS_COLOR_INET6] = "\033[34m",
    [NNS_COLOR_OPERSTATE_UP] = "\033[32m", [NNS_COLOR_OPERSTATE_DOWN] = "\033[31m",
  };
  return c < NNS_COLOR_NONE ? light[c] : "";
}

NnsColor
nns_color_family(guint8 family)
{
  switch (family) {
  case AF_INET: return NNS_COLOR_INET;
  case AF_INET6: return NNS_COLOR_INET6;
  default: return NNS_COLOR_NONE;
  }
}

NnsColor
nns_color_operstate(guint8 operstate)
{
  switch (operstate) {
  case IF_OPER_UP: return NNS_COLOR_OPERSTATE_UP;
  case IF_OPER_DOWN: return NNS_COLOR_OPERSTATE_DOWN;
  default: return NNS_COLOR_NONE;
  }
}
