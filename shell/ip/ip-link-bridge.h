/* `ip link ... type bridge OPTIONS` (ip-link-bridge.c). */
#pragma once

#include "shell/ip/ip-common.h"

G_BEGIN_DECLS

/* bridge_parse_opt: the words after `type bridge` into *attrs.  Returns -1
 * when all were taken, else an exit status after the complaint. */
int nns_ip_link_bridge_opts(NnsIpCall *c, int argc, char **argv, NnsBridgeAttrs *attrs);

G_END_DECLS
