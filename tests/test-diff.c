/* netnsim diff's comparison (shell/diff.c): outputs the kernel prints in
 * hash order (neighbour tables) are held as sets of lines, every other
 * output line by line. */
#include "shell/diff-hash-order.h"
#include "shell/diff.h"

#include <string.h>

static void
test_classifier(void)
{
  static const char *const hashed[] = {
    "ip neigh", "ip neigh show", "ip -6 neigh show dev vb", "ip n", "ip -4 nei ls", "ip neighbor list",
    "ip netns exec b ip -6 neigh show dev vb", "ip -n a neigh", "ip -s -s neigh show", "arp -n", "arp",
    "ip netns exec r arp -an", "ip neigh lst", "ip -6 neigh show fe80::ff:fe00:c01",
  };
  static const char *const ordered[] = {
    "ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0", "ip neigh flush dev v0", "ip neigh get 10.0.0.2 dev v0",
    "ip neigh | grep REACH", "ip -j neigh", "ip -json neigh show", "ip link", "ip route", "ip netconf",
    "ip neigh del 10.0.0.2 dev v0", "ip neigh show > /tmp/x", "ip netns exec b ip link", "ip -n a ntable",
  };
  for (guint i = 0; i < G_N_ELEMENTS(hashed); i++)
    g_assert_true(nns_command_in_hash_order(hashed[i]) || (g_printerr("%s\n", hashed[i]), FALSE));
  for (guint i = 0; i < G_N_ELEMENTS(ordered); i++)
    g_assert_false(nns_command_in_hash_order(ordered[i]) && (g_printerr("%s\n", ordered[i]), TRUE));
}

/* Two entries of b's table in the kernel's two hash orders (lines of
 * fixtures/oracle/pkt-ipv6-router.t): the same set, so no difference,
 * though the MAC addresses are named in order of first appearance. */
static void
test_neighbours_as_sets(void)
{
  const char *kernel = "# ip netns exec b ip -6 neigh show dev vb\n"
                       "fe80::c8a2:dff:fe2b:9e61 lladdr ca:a2:0d:2b:9e:61 router STALE\n"
                       "2001:db8:2::1 lladdr ca:a2:0d:2b:9e:61 router REACHABLE\n"
                       "fe80::1 lladdr 02:00:00:00:00:01 STALE\n"
                       "# ip link show lo\nline one\nline two\n";
  const char *sim = "# ip netns exec b ip -6 neigh show dev vb\n"
                    "fe80::1 lladdr 02:00:00:00:00:01 STALE\n"
                    "2001:db8:2::1 lladdr ca:a2:0d:2b:9e:61 router REACHABLE\n"
                    "fe80::c8a2:dff:fe2b:9e61 lladdr ca:a2:0d:2b:9e:61 router STALE\n"
                    "# ip link show lo\nline two\nline one\n";
  guint passed = 0;
  g_autoptr(GString) report = g_string_new(NULL);
  guint failed = nns_diff_transcripts(kernel, sim, &passed, report);
  g_assert_cmpuint(passed, ==, 1);
  g_assert_cmpuint(failed, ==, 1);
  /* The only difference reported is the one whose order is meaningful. */
  g_assert_nonnull(strstr(report->str, "differs: # ip link show lo"));
  g_assert_null(strstr(report->str, "neigh"));
}

/* A different entry is still a difference, and the status stays last. */
static void
test_sets_still_differ(void)
{
  const char *kernel = "# arp -n\nAddress HWtype HWaddress Flags Mask Iface\n10.0.0.2 ether 02:00:00:00:00:02 C v0\n"
                       "10.0.0.3 ether 02:00:00:00:00:03 C v0\n[exit 1]\n";
  const char *sim = "# arp -n\nAddress HWtype HWaddress Flags Mask Iface\n10.0.0.3 ether 02:00:00:00:00:03 C v0\n"
                    "10.0.0.2 ether 02:00:00:00:00:02 C v0\n[exit 1]\n";
  const char *other = "# arp -n\nAddress HWtype HWaddress Flags Mask Iface\n10.0.0.3 ether 02:00:00:00:00:03 C v0\n"
                      "10.0.0.4 ether 02:00:00:00:00:02 C v0\n[exit 1]\n";
  guint passed = 0;
  g_autoptr(GString) report = g_string_new(NULL);
  g_assert_cmpuint(nns_diff_transcripts(kernel, sim, &passed, report), ==, 0);
  g_assert_cmpuint(nns_diff_transcripts(kernel, other, &passed, report), ==, 1);
  g_assert_nonnull(strstr(report->str, "+10.0.0.4"));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/diff/hash-order/classifier", test_classifier);
  g_test_add_func("/diff/hash-order/neighbours-as-sets", test_neighbours_as_sets);
  g_test_add_func("/diff/hash-order/sets-still-differ", test_sets_still_differ);
  return g_test_run();
}
