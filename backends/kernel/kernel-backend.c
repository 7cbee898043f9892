/* The kernel backend's object: its table of operations, the world it
 * starts from, and its end. */
#include "backends/kernel/kernel-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <string.h>
#include <unistd.h>

/* The namespace behind every "physical" NIC of the kernel world: the other
 * ends of their veths live there, unnamed, held by a descriptor only. */
static int
wire_netns(NnsKernelBackend *kb, GError **error)
{
  if (kb->wire_fd < 0 && (kb->wire_fd = nns_kernel_netns_create(kb)) < 0)
    nns_set_errno(error, errno);
  return kb->wire_fd;
}

/* A NIC plugged into the root namespace.  The kernel of this machine has
 * no device that behaves as a physical one (no dummy, no netdevsim), so it
 * is a veth whose peer sits in the hidden wire namespace, already up: its
 * carrier follows its own state as a cabled NIC's does.  The veth is made
 * from the wire side so that the NIC is registered first and gets the
 * root's next ifindex (the peer's counter is the wire namespace's). */
static gboolean
kernel_nic_plug(NnsBackend *be, const char *name, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int wire = wire_netns(kb, error);
  if (wire < 0)
    return FALSE;
  NnsLinkCreate req = { .kind = "veth", .has_peer = TRUE };
  /* `link` is the wire's end (cable in, up), `peer` the NIC (down, as a
   * NIC is until someone sets it up). */
  req.link.mask = NNS_LINK_SET_NAME | NNS_LINK_SET_UP;
  g_strlcpy(req.link.name, name, sizeof req.link.name);
  req.peer.mask = NNS_LINK_SET_NAME;
  g_strlcpy(req.peer.name, name, sizeof req.peer.name);
  return nns_kernel_link_create_in(kb, wire, &req, kb->root_fd, error);
}

static gboolean
set_up(NnsKernelBackend *kb, int fd, const char *name, GError **error)
{
  NnsLinkChange up = { .mask = NNS_LINK_SET_UP | NNS_LINK_SET_NAME };
  g_strlcpy(up.name, name, sizeof up.name);
  return nns_kernel_link_change_in(kb, fd, 0, &up, error);
}

static gboolean
add_v4(NnsKernelBackend *kb, int fd, int ifindex, const char *addr, guint8 plen, const char *brd, GError **error)
{
  NnsAddrChange a = { .ifindex = ifindex, .prefixlen = plen, .has_peer_prefix = TRUE };
  nns_inet_parse(addr, &a.local);
  if (brd) {
    a.has_broadcast = TRUE;
    nns_inet_parse(brd, &a.broadcast);
  }
  return nns_kernel_addr_add_in(kb, fd, &a, error);
}

/* Wait (a little) until `ifindex` has its link-local address and DAD is
 * over for it, as the simulated host world starts with DAD long past.  The
 * address appears only once linkwatch has seen the carrier. */
static void
settle_dad(NnsBackend *be, int ifindex)
{
  for (int tries = 0; tries < 50; tries++) {
    g_autoptr(GPtrArray) addrs = nns_kernel_addr_dump(be, 1, AF_INET6, NULL);
    gboolean settled = FALSE;
    for (guint i = 0; addrs && i < addrs->len; i++) {
      const NnsAddrRecord *a = addrs->pdata[i];
      if (a->ifindex == ifindex && a->local.bytes[0] == 0xfe && (a->local.bytes[1] & 0xc0) == 0x80)
        settled = !(a->flags & IFA_F_TENTATIVE);
    }
    if (settled)
      return;
    g_usleep(100 * 1000);
  }
}

/* World `host`: lo up, eth0 up with 10.0.2.15/24 and a default route via
 * 10.0.2.2, which the wire namespace answers. */
static gboolean
build_host_world(NnsBackend *be, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  if (!set_up(kb, kb->root_fd, "lo", error) || !kernel_nic_plug(be, "eth0", error))
    return FALSE;
  NnsLinkRecord *eth0 = nns_kernel_link_get(be, 1, "eth0", error);
  if (!eth0)
    return FALSE;
  int ifindex = eth0->ifindex;
  nns_link_record_free(eth0);
  /* The wire side: up, holding the gateway's address on its eth0, which
   * is ifindex 2 of that namespace (lo is 1). */
  if (!set_up(kb, kb->wire_fd, "lo", error) || !set_up(kb, kb->root_fd, "eth0", error) ||
      !add_v4(kb, kb->root_fd, ifindex, "10.0.2.15", 24, "10.0.2.255", error) ||
      !add_v4(kb, kb->wire_fd, 2, "10.0.2.2", 24, "10.0.2.255", error))
    return FALSE;
  if (!nns_kernel_route_add_default(kb, kb->root_fd, "10.0.2.2", error))
    return FALSE;
  settle_dad(be, ifindex);
  return TRUE;
}

static void
kernel_free(NnsBackend *be)
{
  NnsKernelBackend *kb = nns_kernel(be);
  nns_kernel_world_teardown();
  g_hash_table_destroy(kb->procs);
  if (kb->wire_fd >= 0)
    close(kb->wire_fd);
  close(kb->root_fd);
  g_free(kb);
}

static const NnsBackendOps kernel_ops = {
  .name = "kernel",
  .link_create = nns_kernel_link_create,
  .link_change = nns_kernel_link_change,
  .link_delete = nns_kernel_link_delete,
  .link_dump = nns_kernel_link_dump,
  .link_get = nns_kernel_link_get,
  .addr_add = nns_kernel_addr_add,
  .addr_delete = nns_kernel_addr_delete,
  .addr_dump = nns_kernel_addr_dump,
  .route_dump = nns_kernel_route_dump,
  .route_dump_cloned = nns_kernel_route_dump_cloned,
  .route_add = nns_kernel_route_add,
  .route_delete = nns_kernel_route_delete,
  .route_get = nns_kernel_route_get,
  .route_table_exists = nns_kernel_route_table_exists,
  .rule_add = nns_kernel_rule_add,
  .rule_delete = nns_kernel_rule_delete,
  .rule_dump = nns_kernel_rule_dump,
  .neigh_add = nns_kernel_neigh_add,
  .neigh_delete = nns_kernel_neigh_delete,
  .neigh_dump = nns_kernel_neigh_dump,
  .fdb_dump = nns_kernel_fdb_dump,
  .fdb_add = nns_kernel_fdb_add,
  .fdb_delete = nns_kernel_fdb_delete,
  .brport_change = nns_kernel_brport_change,
  .ping = nns_kernel_ping,
  .nf_table_dump = nns_kernel_nf_table_dump,
  .nf_rule_add = nns_kernel_nf_rule_add,
  .nf_rule_delete = nns_kernel_nf_rule_delete,
  .nf_rule_replace = nns_kernel_nf_rule_replace,
  .nf_chain_policy = nns_kernel_nf_chain_policy,
  .nf_chain_flush = nns_kernel_nf_chain_flush,
  .nf_chain_zero = nns_kernel_nf_chain_zero,
  .nf_chain_new = nns_kernel_nf_chain_new,
  .nf_chain_delete = nns_kernel_nf_chain_delete,
  .nf_chain_rename = nns_kernel_nf_chain_rename,
  .nf_table_replace = nns_kernel_nf_table_replace,
  .nf_ct_dump = nns_kernel_nf_ct_dump,
  .nf_ct_flush = nns_kernel_nf_ct_flush,
  .nsid_of_name = nns_kernel_nsid_of_name,
  .nsid_set = nns_kernel_nsid_set,
  .nsid_dump = nns_kernel_nsid_dump,
  .netns_add = nns_kernel_netns_add,
  .netns_delete = nns_kernel_netns_delete,
  .netns_names = nns_kernel_netns_names,
  .netns_attach = nns_kernel_netns_attach,
  .process_spawn = nns_kernel_process_spawn,
  .process_exit = nns_kernel_process_exit,
  .process_exists = nns_kernel_process_exists,
  .process_netns_inode = nns_kernel_process_netns_inode,
  .netns_inode = nns_kernel_netns_inode,
  .netns_pids = nns_kernel_netns_pids,
  .sysctl_get = nns_kernel_sysctl_get,
  .sysctl_set = nns_kernel_sysctl_set,
  .sysctl_list = nns_kernel_sysctl_list,
  .qdisc_modify = nns_kernel_qdisc_modify,
  .qdisc_delete = nns_kernel_qdisc_delete,
  .qdisc_dump = nns_kernel_qdisc_dump,
  .module_load = nns_kernel_module_load,
  .maddr_dump = nns_kernel_maddr_dump,
  .maddr_change = nns_kernel_maddr_change,
  .nic_plug = kernel_nic_plug,
  .clock_advance = nns_kernel_clock_advance,
  .kmsg_dump = nns_kernel_kmsg_dump,
  .kmsg_clear = nns_kernel_kmsg_clear,
  .free = kernel_free,
};

NnsBackend *
nns_kernel_backend_new_world(NnsWorldKind world, GError **error)
{
  if (!nns_kernel_sandbox_enter(error) || !nns_kernel_world_fresh(error))
    return NULL;
  NnsKernelBackend *kb = g_new0(NnsKernelBackend, 1);
  kb->settle_us = NNS_KERNEL_SETTLE_US;
  kb->parent.ops = &kernel_ops;
  kb->wire_fd = -1;
  kb->root_fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (kb->root_fd < 0) {
    g_set_error(error, NNS_ERROR, errno, "cannot open the sandbox's namespace: %s", g_strerror(errno));
    g_free(kb);
    return NULL;
  }
  nns_kernel_process_init(kb);
  if (world == NNS_WORLD_HOST && !build_host_world(&kb->parent, error)) {
    g_prefix_error(error, "cannot build the host world: ");
    kernel_free(&kb->parent);
    return NULL;
  }
  return &kb->parent;
}

NnsBackend *
nns_kernel_backend_new(GError **error)
{
  return nns_kernel_backend_new_world(NNS_WORLD_BARE, error);
}

void
nns_kernel_backend_set_settle(NnsBackend *be, guint usec)
{
  nns_kernel(be)->settle_us = usec;
}
