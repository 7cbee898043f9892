/* bench-engine: what the simulated packet engine costs, measured.
 *
 *   bench-engine [--pings N] [--routers R] [--routes M[,M...]] [--lookups K]
 *
 * 1. Per hop.  Namespaces n0 .. n(R+1) in a chain of veth pairs, every
 *    middle one a router (ip_forward=1), set up with the same `ip` commands
 *    a user types.  n0 pings the far end N times (-q, 1 ms apart in
 *    simulated time) and the frames delivered are counted from the devices'
 *    own RX counters, so a hop is a frame crossing a veth pair and being
 *    received and routed at the other end.  The same is run with no router
 *    (n0 -- n1) and the difference divided by the extra frames gives the
 *    marginal cost of one hop, without ping's fixed cost per packet.
 * 2. Route lookups.  M routes are inserted into the main table of one
 *    namespace through the backend (RTM_NEWROUTE), then K lookups of random
 *    addresses among them are timed in the core's FIB (longest-prefix
 *    match) and, for a tenth of K, through the backend's RTM_GETROUTE.
 *    Run for 1,000 and 1,000,000 routes: the cost stays flat because a
 *    lookup hashes once per prefix length in use, never scans routes.
 *
 * Every measurement is checked (every ping answered, every lookup finds the
 * route it should), so the figures cannot come from work not done.  Times
 * are the wall clock (g_get_monotonic_time): the simulation itself never
 * reads it.  Not in the default suite: `meson test -C build --benchmark`.
 */
#include "backends/sim/sim-backend.h"
#include "core/fib.h"
#include "core/netns.h"
#include "core/world.h"
#include "tests/bench/bench-shell.h"

#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static guint64
frames_received(NnsWorld *w)
{
  guint64 n = 0;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, w->namespaces);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    g_autoptr(GPtrArray) devs = nns_netns_devices(key);
    for (guint i = 0; i < devs->len; i++)
      n += ((NnsDevice *) devs->pdata[i])->counters.rx_packets;
  }
  return n;
}

typedef struct {
  double seconds;
  guint64 frames;
} ChainRun;

/* n0 -- n1 -- ... -- n(routers+1); link i joins n(i) (10.i.0.1) and
 * n(i+1) (10.i.0.2). */
static ChainRun
run_chain(guint routers, guint pings)
{
  NnsBackend *be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  NnsShell *sh = nns_shell_new(be);
  guint last = routers + 1;
  for (guint i = 0; i <= last; i++) {
    nns_bench_must(sh, "ip netns add n%u", i);
    nns_bench_must(sh, "ip -n n%u link set lo up", i);
  }
  for (guint i = 0; i < last; i++) {
    nns_bench_must(sh, "ip link add a%u netns n%u type veth peer name b%u netns n%u", i, i, i, i + 1);
    nns_bench_must(sh, "ip -n n%u addr add 10.%u.0.1/24 dev a%u", i, i, i);
    nns_bench_must(sh, "ip -n n%u addr add 10.%u.0.2/24 dev b%u", i + 1, i, i);
    nns_bench_must(sh, "ip -n n%u link set a%u up", i, i);
    nns_bench_must(sh, "ip -n n%u link set b%u up", i + 1, i);
  }
  nns_bench_must(sh, "ip -n n0 route add default via 10.0.0.2");
  nns_bench_must(sh, "ip -n n%u route add default via 10.%u.0.1", last, routers);
  for (guint k = 1; k <= routers; k++) {
    nns_bench_must(sh, "ip netns exec n%u sysctl -q -w net.ipv4.ip_forward=1", k);
    if (k < routers)
      nns_bench_must(sh, "ip -n n%u route add default via 10.%u.0.2", k, k);
    if (k > 1)
      nns_bench_must(sh, "ip -n n%u route add 10.0.0.0/24 via 10.%u.0.1", k, k - 1);
  }
  /* Warm up: neighbours resolved along the way. */
  nns_bench_must(sh, "ip netns exec n0 ping -q -c 1 -W 1 10.%u.0.2", routers);
  NnsWorld *w = nns_sim_backend_world(be);
  guint64 before = frames_received(w);
  g_autoptr(GString) out = g_string_new("");
  NnsIo io = { .out = out, .err = out };
  g_autofree char *line = g_strdup_printf("ip netns exec n0 ping -q -c %u -i 0.001 -W 1 10.%u.0.2", pings, routers);
  gint64 t0 = g_get_monotonic_time();
  int st = nns_shell_run_line(sh, line, &io);
  gint64 t1 = g_get_monotonic_time();
  g_autofree char *want = g_strdup_printf("%u packets transmitted, %u received, 0%% packet loss", pings, pings);
  if (st != 0 || !strstr(out->str, want)) {
    fprintf(stderr, "bench-engine: not every ping was answered:\n%s", out->str);
    exit(1);
  }
  ChainRun r = { (double) (t1 - t0) / 1e6, frames_received(w) - before };
  nns_shell_free(sh);
  nns_backend_free(be);
  return r;
}

static guint32
route_prefix(guint i)
{
  /* /24s from 16.0.0.0 upwards: a million of them reach 31.255.255.0. */
  return 0x10000000u + ((guint32) i << 8);
}

static void
run_routes(guint routes, guint lookups)
{
  NnsBackend *be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  NnsShell *sh = nns_shell_new(be);
  nns_bench_must(sh, "ip link add d0 type dummy");
  nns_bench_must(sh, "ip link set d0 up");
  nns_bench_must(sh, "ip addr add 10.255.0.1/16 dev d0");
  int pid = nns_shell_pid(sh);
  NnsWorld *w = nns_sim_backend_world(be);
  NnsDevice *d0 = nns_netns_device_by_name(w->root, "d0");
  /* Every fourth route is a /28 instead of a /24, so lookups see more than
   * one prefix length (plus the /16 and /32 of the address). */
  gint64 t0 = g_get_monotonic_time();
  for (guint i = 0; i < routes; i++) {
    NnsRouteRecord req = { .family = AF_INET, .dst_len = 24, .table = RT_TABLE_MAIN, .protocol = RTPROT_BOOT,
                           .scope = RT_SCOPE_UNIVERSE, .type = RTN_UNICAST, .oif = d0->ifindex,
                           .has_gateway = TRUE, .gateway = nns_inet4(0x0aff0002u) };
    req.dst = nns_inet4(route_prefix(i));
    if (i % 4 == 3)
      req.dst_len = 28;
    g_autoptr(GError) error = NULL;
    if (!be->ops->route_add(be, pid, &req, NNS_NLM_CREATE | NNS_NLM_EXCL, &error)) {
      fprintf(stderr, "bench-engine: route %u: %s\n", i, error->message);
      exit(1);
    }
  }
  gint64 t1 = g_get_monotonic_time();
  guint size = nns_fib_size(w->root->fib);

  /* Random /24 routes to look up, drawn before the clock starts. */
  GRand *rand = g_rand_new_with_seed(7);
  g_autoptr(GArray) targets = g_array_sized_new(FALSE, FALSE, sizeof(guint32), lookups);
  for (guint k = 0; k < lookups; k++) {
    guint i = (guint) g_rand_int_range(rand, 0, (gint32) routes);
    if (i % 4 == 3)
      i--;
    if (i >= routes)
      i = 0;
    guint32 addr = route_prefix(i) + 1 + (guint32) g_rand_int_range(rand, 0, 254);
    g_array_append_val(targets, addr);
  }
  g_rand_free(rand);
  /* The best of three rounds: the machine is shared, and the slowest
   * rounds measure the neighbours' work, not ours. */
  guint hits = 0, gets = lookups / 10, get_hits = 0;
  gint64 fib_us = G_MAXINT64, get_us = G_MAXINT64;
  for (int round = 0; round < 3; round++) {
    hits = get_hits = 0;
    gint64 t2 = g_get_monotonic_time();
    for (guint k = 0; k < lookups; k++) {
      NnsInet dst = nns_inet4(g_array_index(targets, guint32, k));
      NnsRoute *r = nns_fib_lookup(w->root->fib, RT_TABLE_MAIN, &dst, NULL, NULL);
      hits += r && r->dst_len == 24 && nns_inet_same_prefix(&r->dst, &dst, 24);
    }
    gint64 t3 = g_get_monotonic_time();
    for (guint k = 0; k < gets; k++) {
      NnsRouteRecord req = { .family = AF_INET, .dst_len = 32 };
      req.dst = nns_inet4(g_array_index(targets, guint32, k));
      g_autoptr(GError) error = NULL;
      NnsRouteRecord *got = be->ops->route_get(be, pid, &req, &error);
      get_hits += got && got->has_gateway && got->oif == d0->ifindex;
      g_free(got);
    }
    gint64 t4 = g_get_monotonic_time();
    fib_us = MIN(fib_us, t3 - t2);
    get_us = MIN(get_us, t4 - t3);
  }
  if (hits != lookups || get_hits != gets) {
    fprintf(stderr, "bench-engine: lookups went wrong: %u/%u, %u/%u\n", hits, lookups, get_hits, gets);
    exit(1);
  }
  printf("routes %8u (FIB holds %u): insert %7.0f ns/route (%.2f s); "
         "FIB lookup %6.0f ns (%u lookups); RTM_GETROUTE %6.0f ns (%u)\n",
         routes, size, (double) (t1 - t0) * 1000.0 / routes, (double) (t1 - t0) / 1e6,
         (double) fib_us * 1000.0 / lookups, lookups, (double) get_us * 1000.0 / gets, gets);
  nns_shell_free(sh);
  nns_backend_free(be);
}

int
main(int argc, char **argv)
{
  g_set_prgname("bench-engine");
  guint pings = 20000, routers = 8, lookups = 1000000;
  const char *route_counts = "1000,1000000";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (g_str_equal(argv[i], "--pings"))
      pings = (guint) strtoul(argv[i + 1], NULL, 10);
    else if (g_str_equal(argv[i], "--routers"))
      routers = (guint) strtoul(argv[i + 1], NULL, 10);
    else if (g_str_equal(argv[i], "--routes"))
      route_counts = argv[i + 1];
    else if (g_str_equal(argv[i], "--lookups"))
      lookups = (guint) strtoul(argv[i + 1], NULL, 10);
  }
  if (pings) {
    /* Best of three, as for the lookups below. */
    ChainRun direct = run_chain(0, pings), chain = run_chain(routers, pings);
    for (int round = 1; round < 3; round++) {
      ChainRun d = run_chain(0, pings), c = run_chain(routers, pings);
      if (d.seconds < direct.seconds)
        direct = d;
      if (c.seconds < chain.seconds)
        chain = c;
    }
    printf("chain of %u routers: %u pings, %" G_GUINT64_FORMAT " frames in %.3f s: %.0f frames/s, "
           "%.0f ns/frame\n", routers, pings, chain.frames, chain.seconds, chain.frames / chain.seconds,
           chain.seconds * 1e9 / chain.frames);
    printf("no router:          %u pings, %" G_GUINT64_FORMAT " frames in %.3f s: %.0f frames/s, "
           "%.0f ns/frame\n", pings, direct.frames, direct.seconds, direct.frames / direct.seconds,
           direct.seconds * 1e9 / direct.frames);
    printf("marginal cost of a routed hop: %.0f ns\n",
           (chain.seconds - direct.seconds) * 1e9 / (double) (chain.frames - direct.frames));
  }
  g_auto(GStrv) counts = g_strsplit(route_counts, ",", -1);
  for (guint i = 0; counts[i]; i++)
    if (*counts[i])
      run_routes((guint) strtoul(counts[i], NULL, 10), lookups);
  return 0;
}
