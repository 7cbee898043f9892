/* Unit tests of the model core: the kernel semantics netnsim promises. */
#include "core/address.h"
#include "core/device.h"
#include "core/netns.h"
#include "core/route.h"
#include "core/world.h"
#include "core/error.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

static NnsNetns *
add_named(NnsWorld *w, const char *name)
{
  NnsNetns *ns = nns_netns_new(w, nns_world_alloc_inode(w));
  g_assert_true(nns_world_bind_name(w, name, ns, NULL));
  return ns;
}

static void
test_new_namespace_has_only_lo_down(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *ns = add_named(w, "blue");
  g_autoptr(GPtrArray) devs = nns_netns_devices(ns);
  g_assert_cmpuint(devs->len, ==, 1);
  NnsDevice *lo = devs->pdata[0];
  g_assert_cmpstr(lo->name, ==, "lo");
  g_assert_cmpint(lo->ifindex, ==, 1);
  g_assert_false(nns_device_flags(lo) & IFF_UP);
  g_assert_cmpuint(nns_device_operstate(lo), ==, IF_OPER_DOWN);
  g_assert_cmpstr(nns_device_qdisc(lo), ==, "noop");
}

static void
test_lo_up_gets_loopback_addresses(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsDevice *lo = nns_netns_device_by_name(w->root, "lo");
  g_assert_true(nns_device_set_up(lo, TRUE, NULL));
  g_assert_cmpuint(lo->addrs4->len, ==, 1);
  g_assert_cmpuint(lo->addrs6->len, ==, 1);
  g_assert_cmpuint(nns_device_operstate(lo), ==, IF_OPER_UNKNOWN);
  g_assert_cmpuint(nns_device_flags(lo), ==, IFF_LOOPBACK | IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
}

static void
test_veth_peer_registered_first(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsDevice *v1 = nns_veth_create(w->root, "veth1", w->root, "veth2", NULL);
  g_assert_nonnull(v1);
  g_assert_cmpint(v1->peer->ifindex, ==, 2);
  g_assert_cmpint(v1->ifindex, ==, 3);
}

static void
test_veth_delete_takes_peer(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *ns = add_named(w, "net1");
  NnsDevice *v0 = nns_veth_create(w->root, "veth0", ns, "veth1", NULL);
  nns_device_delete(v0);
  g_assert_null(nns_netns_device_by_name(w->root, "veth0"));
  g_assert_null(nns_netns_device_by_name(ns, "veth1"));
}

static void
test_lo_and_bridge_cannot_move(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *ns = add_named(w, "net1");
  g_autoptr(GError) e1 = NULL, e2 = NULL;
  g_assert_false(nns_device_move(nns_netns_device_by_name(w->root, "lo"), ns, &e1));
  g_assert_error(e1, NNS_ERROR, EINVAL);
  NnsDevice *br = nns_device_create(w->root, NNS_KIND_BRIDGE, "br0", NULL);
  g_assert_false(nns_device_move(br, ns, &e2));
  g_assert_error(e2, NNS_ERROR, EINVAL);
  g_assert_true(br->ns == w->root);
}

static void
test_physical_returns_to_root_when_namespace_dies(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *a = add_named(w, "a");
  NnsDevice *eth1 = nns_device_create(w->root, NNS_KIND_PHYSICAL, "eth1", NULL);
  NnsDevice *v = nns_veth_create(w->root, "v0", a, "v1", NULL);
  (void) v;
  g_assert_true(nns_device_move(eth1, a, NULL));
  g_assert_true(nns_world_unbind_name(w, "a", NULL));
  NnsDevice *back = nns_netns_device_by_name(w->root, "eth1");
  g_assert_nonnull(back);
  g_assert_true(back->ns == w->root);
  /* The veth pair died with the namespace that held one end. */
  g_assert_null(nns_netns_device_by_name(w->root, "v0"));
}

static void
test_namespace_lives_while_a_process_is_in_it(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *a = add_named(w, "a");
  int pid = nns_world_spawn(w, a)->pid;
  g_assert_true(nns_world_unbind_name(w, "a", NULL));
  g_assert_null(nns_world_netns_by_name(w, "a"));
  NnsProcess *still = nns_world_process(w, pid);
  g_assert_nonnull(still);
  g_assert_nonnull(nns_netns_device_by_name(still->ns, "lo"));
  nns_world_exit(w, pid);
  g_assert_null(nns_world_process(w, pid));
}

static void
test_move_keeps_ifindex_unless_taken(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *a = add_named(w, "a");
  NnsDevice *d = nns_device_create(w->root, NNS_KIND_DUMMY, "d0", NULL);
  g_assert_cmpint(d->ifindex, ==, 2);
  g_assert_true(nns_device_move(d, a, NULL));
  g_assert_cmpint(d->ifindex, ==, 2);
  NnsDevice *e = nns_device_create(w->root, NNS_KIND_DUMMY, "d1", NULL);
  g_assert_cmpint(e->ifindex, ==, 3);
  nns_device_create(a, NNS_KIND_DUMMY, "x", NULL); /* takes 3 in a */
  g_assert_true(nns_device_move(e, a, NULL));
  g_assert_cmpint(e->ifindex, ==, 4);
}

static void
test_nsids_allocated_on_need(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsNetns *n1 = add_named(w, "net1");
  NnsNetns *n2 = add_named(w, "net2");
  NnsDevice *v1 = nns_veth_create(w->root, "veth1", w->root, "veth2", NULL);
  g_assert_cmpint(nns_netns_peer_id(w->root, n1), ==, -1);
  g_assert_true(nns_device_move(v1, n1, NULL));
  g_assert_true(nns_device_move(v1->peer, n2, NULL));
  g_assert_cmpint(nns_netns_peer_id(w->root, n1), ==, 0);
  g_assert_cmpint(nns_netns_peer_id(w->root, n2), ==, 1);
  g_assert_cmpint(nns_netns_peer_id(n2, n1), ==, 0);
}

static void
test_duplicate_ipv4_address_is_refused(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsDevice *d = nns_device_create(w->root, NNS_KIND_DUMMY, "d0", NULL);
  NnsAddressSpec spec = { .prefixlen = 24, .scope = NNS_SCOPE_DEFAULT };
  nns_inet_parse("10.0.0.1", &spec.local);
  g_assert_true(nns_address_add(d, &spec, FALSE, NULL));
  g_autoptr(GError) error = NULL;
  g_assert_false(nns_address_add(d, &spec, FALSE, &error));
  g_assert_error(error, NNS_ERROR, EEXIST);
  g_assert_cmpstr(error->message, ==, "ipv4: Address already assigned");
  g_assert_cmpuint(d->addrs4->len, ==, 1);
}

static void
test_connected_route_follows_device_state(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsDevice *d = nns_device_create(w->root, NNS_KIND_DUMMY, "d0", NULL);
  NnsAddressSpec spec = { .prefixlen = 24, .scope = NNS_SCOPE_DEFAULT };
  nns_inet_parse("10.0.0.1", &spec.local);
  nns_address_add(d, &spec, FALSE, NULL);
  g_autoptr(GPtrArray) down = nns_routes_sorted(w->root, AF_INET);
  guint main_routes = 0;
  for (guint i = 0; i < down->len; i++)
    main_routes += ((NnsRoute *) down->pdata[i])->table == RT_TABLE_MAIN;
  g_assert_cmpuint(main_routes, ==, 0);
  nns_device_set_up(d, TRUE, NULL);
  g_autoptr(GPtrArray) up = nns_routes_sorted(w->root, AF_INET);
  NnsRoute *first = up->pdata[0];
  g_assert_cmpuint(first->table, ==, RT_TABLE_MAIN);
  g_assert_cmpuint(first->dst_len, ==, 24);
  nns_device_set_up(d, FALSE, NULL);
  g_autoptr(GPtrArray) again = nns_routes_sorted(w->root, AF_INET);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpuint(((NnsRoute *) again->pdata[i])->table, !=, RT_TABLE_MAIN);
}

/* Recorded in pkt-ipv6: a manual IPv6 address is tentative (and has no
 * local route) until DAD ends; with nodad it is usable at once. */
static void
test_ipv6_nodad_skips_duplicate_address_detection(void)
{
  g_autoptr(NnsWorld) w = nns_world_new(1);
  NnsDevice *v = nns_veth_create(w->root, "va", w->root, "vb", NULL);
  nns_device_set_up(v, TRUE, NULL);
  nns_device_set_up(v->peer, TRUE, NULL);
  NnsAddressSpec dad = { .prefixlen = 64, .scope = NNS_SCOPE_DEFAULT };
  nns_inet_parse("2001:db8::1", &dad.local);
  NnsAddressSpec nodad = dad;
  nns_inet_parse("2001:db8::3", &nodad.local);
  nodad.flags = IFA_F_NODAD;
  g_assert_true(nns_address_add(v, &dad, FALSE, NULL));
  g_assert_true(nns_address_add(v, &nodad, FALSE, NULL));
  guint locals = 0;
  for (guint i = 0; i < v->addrs6->len; i++) {
    NnsAddress *a = g_ptr_array_index(v->addrs6, i);
    guint32 flags = nns_address_flags(a);
    if (nns_inet_equal(&a->local, &nodad.local))
      g_assert_cmpuint(flags & (IFA_F_NODAD | IFA_F_TENTATIVE), ==, IFA_F_NODAD);
    else if (nns_inet_equal(&a->local, &dad.local))
      g_assert_cmpuint(flags & (IFA_F_NODAD | IFA_F_TENTATIVE), ==, IFA_F_TENTATIVE);
  }
  g_autoptr(GPtrArray) routes = nns_routes_sorted(w->root, AF_INET6);
  for (guint i = 0; i < routes->len; i++) {
    NnsRoute *r = routes->pdata[i];
    if (r->type == RTN_LOCAL && r->dev == v) {
      g_assert_false(nns_inet_equal(&r->dst, &dad.local));
      locals += nns_inet_equal(&r->dst, &nodad.local);
    }
  }
  g_assert_cmpuint(locals, ==, 1);
}

static void
test_macs_are_deterministic(void)
{
  g_autoptr(NnsWorld) a = nns_world_new(7);
  g_autoptr(NnsWorld) b = nns_world_new(7);
  NnsDevice *x = nns_device_create(a->root, NNS_KIND_DUMMY, "d0", NULL);
  NnsDevice *y = nns_device_create(b->root, NNS_KIND_DUMMY, "d0", NULL);
  g_assert_cmpmem(x->mac, 6, y->mac, 6);
  g_assert_cmpuint(x->mac[0] & 0x03, ==, 0x02);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/netns/new-has-only-lo-down", test_new_namespace_has_only_lo_down);
  g_test_add_func("/core/device/lo-up-addresses", test_lo_up_gets_loopback_addresses);
  g_test_add_func("/core/device/veth-peer-first", test_veth_peer_registered_first);
  g_test_add_func("/core/device/veth-delete-pair", test_veth_delete_takes_peer);
  g_test_add_func("/core/device/lo-bridge-immovable", test_lo_and_bridge_cannot_move);
  g_test_add_func("/core/netns/physical-returns-home", test_physical_returns_to_root_when_namespace_dies);
  g_test_add_func("/core/netns/lives-with-process", test_namespace_lives_while_a_process_is_in_it);
  g_test_add_func("/core/device/move-ifindex", test_move_keeps_ifindex_unless_taken);
  g_test_add_func("/core/netns/nsid-on-need", test_nsids_allocated_on_need);
  g_test_add_func("/core/address/duplicate", test_duplicate_ipv4_address_is_refused);
  g_test_add_func("/core/route/connected-follows-state", test_connected_route_follows_device_state);
  g_test_add_func("/core/world/deterministic-macs", test_macs_are_deterministic);
  g_test_add_func("/core/address/ipv6-nodad", test_ipv6_nodad_skips_duplicate_address_detection);
  return g_test_run();
}
