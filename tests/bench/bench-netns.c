/* bench-netns: how long it takes to set up and tear down many namespaces,
 * the simulation side by side with the real kernel.
 *
 *   bench-netns [--namespaces N[,N...]] [--backend sim|kernel|both]
 *
 * For each namespace nI the same eight commands a tutorial uses, through
 * the same front end (`ip`, in netnsim's shell) on either backend:
 *
 *   ip netns add nI
 *   ip link add vI type veth peer name pI
 *   ip link set pI netns nI
 *   ip addr add A.1/30 dev vI          ip -n nI addr add A.2/30 dev pI
 *   ip link set vI up                  ip -n nI link set pI up
 *   ip -n nI link set lo up
 *
 * then `ip netns delete nI` for each (the veth goes with its namespace).
 * On the kernel backend these are real rtnetlink requests in the
 * backend's sandbox (root, or an unprivileged user namespace), so the
 * figure is the kernel's own cost plus netnsim's netlink transport; on the
 * simulation it is the whole in-memory model.
 *
 * Every run checks its work before the teardown: `ip netns list` names N
 * namespaces, and the last one answers a ping from the root namespace.
 * Times are the wall clock (g_get_monotonic_time).  Not in the default
 * suite: `meson test -C build --benchmark` runs the simulation only (the
 * kernel half needs the sandbox); run `build/tests/bench-netns` as root
 * for both.  The kernel backend forks into its sandbox on first use, so
 * the simulation is measured first.
 */
#include "backends/kernel/kernel-backend.h"
#include "backends/sim/sim-backend.h"
#include "tests/bench/bench-shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Host h of nI's /30, 10.0.0.0 upwards: N up to 4 million. */
static void
host(guint i, guint h, char *buf, gsize n)
{
  guint32 a = 0x0a000000u + i * 4 + h;
  g_snprintf(buf, n, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

static void
check(NnsShell *sh, guint count)
{
  g_autofree char *list = nns_bench_output(sh, "ip netns list");
  guint lines = 0;
  for (const char *p = list; *p; p++)
    lines += *p == '\n';
  if (lines != count) {
    fprintf(stderr, "bench-netns: `ip netns list` names %u namespaces, not %u\n", lines, count);
    exit(1);
  }
  char last[32];
  host(count - 1, 2, last, sizeof last);
  g_autofree char *ping = nns_bench_output(sh, "ping -c 1 -W 1 %s", last);
  if (!strstr(ping, "1 packets transmitted, 1 received")) {
    fprintf(stderr, "bench-netns: the last namespace does not answer:\n%s", ping);
    exit(1);
  }
}

/* The eight steps of one namespace, as printf formats of (i, i) or
 * (i, address, i): their names in the report. */
static const char *const steps[] = {
  "ip netns add", "ip link add (veth)", "ip link set netns", "ip addr add",
  "ip -n addr add", "ip link set up", "ip -n link set up", "ip -n link set lo up",
};

static void
measure(const char *name, NnsBackend *be, guint count)
{
  NnsShell *sh = nns_shell_new(be);
  nns_bench_must(sh, "ip link set lo up");
  gint64 spent[G_N_ELEMENTS(steps)] = { 0 };
  gint64 t0 = g_get_monotonic_time();
  for (guint i = 0; i < count; i++) {
    char a1[32], a2[32];
    host(i, 1, a1, sizeof a1);
    host(i, 2, a2, sizeof a2);
    gint64 t = g_get_monotonic_time(), u;
#define STEP(k, ...) \
  (nns_bench_must(sh, __VA_ARGS__), u = g_get_monotonic_time(), spent[k] += u - t, t = u)
    STEP(0, "ip netns add n%u", i);
    STEP(1, "ip link add v%u type veth peer name p%u", i, i);
    STEP(2, "ip link set p%u netns n%u", i, i);
    STEP(3, "ip addr add %s/30 dev v%u", a1, i);
    STEP(4, "ip -n n%u addr add %s/30 dev p%u", i, a2, i);
    STEP(5, "ip link set v%u up", i);
    STEP(6, "ip -n n%u link set p%u up", i, i);
    STEP(7, "ip -n n%u link set lo up", i);
#undef STEP
  }
  gint64 t1 = g_get_monotonic_time();
  check(sh, count);
  gint64 t2 = g_get_monotonic_time();
  for (guint i = 0; i < count; i++)
    nns_bench_must(sh, "ip netns delete n%u", i);
  gint64 t3 = g_get_monotonic_time();
  double setup = (double) (t1 - t0) / 1e6, teardown = (double) (t3 - t2) / 1e6;
  printf("%-7s %8u namespaces: set up %9.3f s (%8.1f µs each), torn down %8.3f s (%8.1f µs each)\n", name, count,
         setup, setup * 1e6 / count, teardown, teardown * 1e6 / count);
  for (guint k = 0; k < G_N_ELEMENTS(steps); k++)
    printf("        %-22s %10.1f µs a command\n", steps[k], (double) spent[k] / count);
  fflush(stdout);
  nns_shell_free(sh);
}

int
main(int argc, char **argv)
{
  g_set_prgname("bench-netns");
  const char *counts = "1000";
  const char *which = "both";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (g_str_equal(argv[i], "--namespaces"))
      counts = argv[i + 1];
    else if (g_str_equal(argv[i], "--backend"))
      which = argv[i + 1];
  }
  g_auto(GStrv) list = g_strsplit(counts, ",", -1);
  if (!g_str_equal(which, "kernel"))
    for (guint k = 0; list[k]; k++) {
      NnsBackend *be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
      measure("sim", be, (guint) strtoul(list[k], NULL, 10));
      nns_backend_free(be);
    }
  if (g_str_equal(which, "sim"))
    return 0;
  g_autoptr(GError) error = NULL;
  NnsBackend *kb = nns_kernel_backend_new(&error);
  if (!kb) {
    fprintf(stderr, "bench-netns: the kernel half is skipped: %s\n", error->message);
    return g_str_equal(which, "kernel") ? 77 : 0;
  }
  /* The kernel's own cost: reads do not wait for its deferred work, as
   * they do to compare with console transcripts. */
  nns_kernel_backend_set_settle(kb, 0);
  /* One sandbox for every count: each run deletes what it made. */
  for (guint k = 0; list[k]; k++)
    measure("kernel", kb, (guint) strtoul(list[k], NULL, 10));
  nns_backend_free(kb);
  return 0;
}
