#include "backends/sim/sim-upstream.h"
#include "core/address.h"
#include "core/device.h"
#include "core/netns.h"
#include "core/world.h"

#include <linux/rtnetlink.h>

const char *const nns_upstream_hosts[] = { "1.1.1.1", "8.8.8.8", "9.9.9.9", "93.184.216.34", NULL };

static void
add_address(NnsDevice *dev, const char *addr, guint8 plen)
{
  NnsAddressSpec spec = { .prefixlen = plen, .scope = NNS_SCOPE_DEFAULT };
  nns_inet_parse(addr, &spec.local);
  nns_address_add(dev, &spec, FALSE, NULL);
}

void
nns_sim_upstream_attach(NnsWorld *world, NnsDevice *nic)
{
  /* An unnamed namespace kept alive by a process of its own, like a
   * container nobody named: it appears in no listing. */
  NnsNetns *up = nns_netns_new(world, nns_world_alloc_inode(world));
  nns_world_spawn(world, up);
  NnsDevice *lo = nns_netns_device_by_name(up, "lo");
  nns_device_set_up(lo, TRUE, NULL);
  for (guint i = 0; nns_upstream_hosts[i]; i++)
    add_address(lo, nns_upstream_hosts[i], 32);
  NnsDevice *gw = nns_device_create(up, NNS_KIND_PHYSICAL, "eth0", NULL);
  gw->wire = nic;
  nic->wire = gw;
  nns_device_set_up(gw, TRUE, NULL);
  add_address(gw, "10.0.2.2", 24);
}
