/* Usage texts of the ip objects, byte for byte as iproute2 6.1. */
#pragma once

extern const char nns_ip_link_usage[];
