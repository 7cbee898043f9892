/* Atomicity and determinism, as properties over random command sequences.
 *
 * Seeded pseudo-random sequences of commands (valid and invalid `ip`,
 * `ifconfig`, `sysctl` and shell commands, as a user would type them) run
 * on the simulated backend.  After every command that fails (non-zero exit
 * status), a full dump of the state, taken through the backend's
 * operations as a netlink client would see it (every namespace: its
 * names, links with all their attributes, addresses, routes (multipath
 * included), policy rules, nsids and forwarding sysctls), must be identical to the dump taken before it: bad
 * input changes nothing.  And the same sequence must give the same dumps
 * on every run, in this process and in a fresh one (determinism).
 *
 * NETNSIM_ATOMICITY_SEEDS=N runs N sequences (default 24, 7 under
 * valgrind) and NETNSIM_ATOMICITY_STEPS=N makes each N commands long
 * (default 150).
 *
 * Exceptions, where the kernel itself commits part of a failing request,
 * are listed in `partial_by_design` with the reason.
 */
#include "backends/sim/sim-backend.h"
#include "shell/shell.h"

#include <linux/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The state dump.                                                     */

static void
dump_inet(GString *out, const char *label, const NnsInet *a)
{
  char buf[NNS_INET_STRLEN];
  if (a->family)
    g_string_append_printf(out, " %s=%s", label, nns_inet_format(a, buf));
}

static void
dump_links(NnsBackend *be, int pid, GString *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = be->ops->link_dump(be, pid, &error);
  if (!links) {
    g_string_append_printf(out, "  links: error %d\n", error->code);
    return;
  }
  for (guint i = 0; i < links->len; i++) {
    const NnsLinkRecord *r = links->pdata[i];
    g_string_append_printf(out,
        "  link %d %s flags=%#x type=%u mtu=%u/%u/%u txq=%u group=%u oper=%u mode=%u qdisc=%s"
        " addr=%02x:%02x:%02x:%02x:%02x:%02x brd=%02x:%02x:%02x:%02x:%02x:%02x link=%d",
        r->ifindex, r->name, r->flags, r->type, r->mtu, r->min_mtu, r->max_mtu, r->txqlen,
        r->group, r->operstate, r->linkmode, r->qdisc ? r->qdisc : "-",
        r->addr[0], r->addr[1], r->addr[2], r->addr[3], r->addr[4], r->addr[5],
        r->broadcast[0], r->broadcast[1], r->broadcast[2], r->broadcast[3], r->broadcast[4],
        r->broadcast[5], r->link);
    if (r->has_link_netnsid)
      g_string_append_printf(out, " link-netnsid=%d", r->link_netnsid);
    g_string_append_printf(out,
        " master=%d kind=%s slave=%s alias=%s promisc=%u q=%u/%u carrier-changes=%u"
        " brport=%u/%u/%u stats=%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
        "/%" G_GUINT64_FORMAT "\n",
        r->master, r->kind ? r->kind : "-", r->slave_kind ? r->slave_kind : "-",
        r->alias ? r->alias : "-", r->promiscuity, r->num_tx_queues, r->num_rx_queues,
        r->carrier_changes, r->brport_state, r->brport_priority, r->brport_cost,
        r->stats.rx_packets, r->stats.tx_packets, r->stats.rx_bytes, r->stats.tx_bytes);
  }
}

static void
dump_addrs(NnsBackend *be, int pid, GString *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) addrs = be->ops->addr_dump(be, pid, AF_UNSPEC, &error);
  if (!addrs) {
    g_string_append_printf(out, "  addrs: error %d\n", error->code);
    return;
  }
  for (guint i = 0; i < addrs->len; i++) {
    const NnsAddrRecord *a = addrs->pdata[i];
    g_string_append_printf(out, "  addr if=%d fam=%u/%u scope=%u flags=%#x", a->ifindex,
                           a->family, a->prefixlen, a->scope, a->flags);
    dump_inet(out, "local", &a->local);
    if (a->has_broadcast)
      dump_inet(out, "brd", &a->broadcast);
    g_string_append_printf(out, " label=%s lft=%u/%u\n", a->label, a->valid_lft, a->preferred_lft);
  }
}

static void
dump_routes(NnsBackend *be, int pid, GString *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) routes = be->ops->route_dump(be, pid, AF_UNSPEC, &error);
  if (!routes) {
    g_string_append_printf(out, "  routes: error %d\n", error->code);
    return;
  }
  for (guint i = 0; i < routes->len; i++) {
    const NnsRouteRecord *r = routes->pdata[i];
    g_string_append_printf(out, "  route fam=%u/%u tos=%u table=%u proto=%u scope=%u type=%u flags=%#x",
                           r->family, r->dst_len, r->tos, r->table, r->protocol, r->scope, r->type,
                           r->flags);
    dump_inet(out, "dst", &r->dst);
    if (r->has_prefsrc)
      dump_inet(out, "src", &r->prefsrc);
    if (r->has_gateway)
      dump_inet(out, "via", &r->gateway);
    g_string_append_printf(out, " oif=%d", r->oif);
    for (guint n = 0; n < r->n_nexthops; n++) {
      const NnsNexthopRecord *nh = &r->nexthops[n];
      g_string_append_printf(out, " nexthop");
      if (nh->has_gateway)
        dump_inet(out, "via", &nh->gateway);
      g_string_append_printf(out, " dev=%d weight=%u flags=%#x", nh->ifindex, nh->weight, nh->flags);
    }
    if (r->has_priority)
      g_string_append_printf(out, " metric=%u", r->priority);
    g_string_append_printf(out, " pref=%u\n", r->pref);
  }
}

static void
dump_rules(NnsBackend *be, int pid, GString *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = be->ops->rule_dump(be, pid, AF_UNSPEC, &error);
  if (!rules) {
    g_string_append_printf(out, "  rules: error %d\n", error->code);
    return;
  }
  for (guint i = 0; i < rules->len; i++) {
    const NnsRuleRecord *r = rules->pdata[i];
    g_string_append_printf(out, "  rule fam=%u pref=%u action=%u table=%u flags=%#x tos=%u proto=%u",
                           r->family, r->priority, r->action, r->table, r->flags, r->tos, r->protocol);
    if (r->src_len) {
      dump_inet(out, "from", &r->src);
      g_string_append_printf(out, "/%u", r->src_len);
    }
    if (r->dst_len) {
      dump_inet(out, "to", &r->dst);
      g_string_append_printf(out, "/%u", r->dst_len);
    }
    g_string_append_printf(out, " mark=%#x/%#x iif=%s oif=%s goto=%u\n", r->mark, r->mask, r->iifname,
                           r->oifname, r->target);
  }
}

static int
by_nsid(gconstpointer a, gconstpointer b)
{
  const NnsNsidPair *x = *(NnsNsidPair *const *) a, *y = *(NnsNsidPair *const *) b;
  return (x->nsid > y->nsid) - (x->nsid < y->nsid);
}

static void
dump_nsids(NnsBackend *be, int pid, GString *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = be->ops->nsid_dump(be, pid, &error);
  if (!ids) {
    g_string_append_printf(out, "  nsids: error %d\n", error->code);
    return;
  }
  g_ptr_array_sort(ids, by_nsid);
  for (guint i = 0; i < ids->len; i++) {
    const NnsNsidPair *p = ids->pdata[i];
    g_string_append_printf(out, "  nsid %d current %d\n", p->nsid, p->current_nsid);
  }
}

static const char *const dumped_sysctls[] = {
  "net/ipv4/ip_forward",
  "net/ipv4/conf/all/forwarding",
  "net/ipv6/conf/all/forwarding",
};

static void
dump_namespace(NnsBackend *be, int pid, GString *out)
{
  g_string_append_printf(out, "netns %" G_GUINT64_FORMAT "\n", be->ops->process_netns_inode(be, pid));
  dump_links(be, pid, out);
  dump_addrs(be, pid, out);
  dump_routes(be, pid, out);
  dump_rules(be, pid, out);
  dump_nsids(be, pid, out);
  for (gsize i = 0; i < G_N_ELEMENTS(dumped_sysctls); i++) {
    g_autoptr(GError) error = NULL;
    g_autofree char *v = be->ops->sysctl_get(be, pid, dumped_sysctls[i], &error);
    g_string_append_printf(out, "  sysctl %s=%s\n", dumped_sysctls[i], v ? g_strchomp(v) : "?");
  }
}

/* Every namespace reachable: init's, those of the shells on the stack
 * (a nested shell may hold a namespace whose name is gone), and every
 * named one, each dumped once, from a process inside it. */
static char *
state_dump(NnsShell *sh)
{
  NnsBackend *be = sh->backend;
  GString *out = g_string_new(NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(int));
  int init = 1;
  g_array_append_val(pids, init);
  g_array_append_vals(pids, sh->pids->data, sh->pids->len);

  g_autoptr(GPtrArray) names = be->ops->netns_names(be);
  g_string_append(out, "names");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf(out, " %s=%" G_GUINT64_FORMAT, (char *) names->pdata[i],
                           be->ops->netns_inode(be, names->pdata[i]));
  g_string_append_c(out, '\n');

  for (guint i = 0; i < pids->len; i++) {
    int pid = g_array_index(pids, int, i);
    guint64 ino = be->ops->process_netns_inode(be, pid);
    if (!ino || g_hash_table_contains(seen, &ino))
      continue;
    g_hash_table_add(seen, g_memdup2(&ino, sizeof ino));
    dump_namespace(be, pid, out);
  }
  for (guint i = 0; i < names->len; i++) {
    guint64 ino = be->ops->netns_inode(be, names->pdata[i]);
    if (!ino || g_hash_table_contains(seen, &ino))
      continue;
    g_hash_table_add(seen, g_memdup2(&ino, sizeof ino));
    g_autoptr(GError) error = NULL;
    int pid = be->ops->process_spawn(be, 1, names->pdata[i], &error);
    g_assert_cmpint(pid, >, 0);
    dump_namespace(be, pid, out);
    be->ops->process_exit(be, pid);
  }
  return g_string_free(out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Random commands.                                                    */

#define PICK(r, a) ((a)[g_rand_int_range((r), 0, (gint32) G_N_ELEMENTS(a))])

static const char *const netns_names[] = {
  "blue", "red", "ns1", "ns1", "blue", "x", "a-very-long-namespace-name-of-many-chars", "", "bad/name", ".",
};
static const char *const devices[] = {
  "veth0", "veth1", "veth0", "br0", "br0", "d0", "lo", "eth0", "eth1", "nosuchdev",
  "abcdefghijklmnop", "v", "",
};
static const char *const addrs[] = {
  "10.0.0.1/24", "10.0.0.2/24", "10.0.0.1/24", "192.168.1.1/32", "10.1.1.1/8", "10.0.0.1",
  "fe80::1/64", "2001:db8::1/64", "::1/128", "300.1.1.1/24", "10.0.0.1/33", "garbage", "0.0.0.0/0",
  "127.0.0.1/8",
};
static const char *const macs[] = {
  "02:00:00:00:00:01", "02:00:00:00:00:02", "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01",
  "00:00:00:00:00:00", "zz:00", "02:00:00:00:00:01:02",
};
static const char *const numbers[] = {
  "0", "1", "67", "68", "1280", "1500", "9000", "65535", "65536", "-1", "4294967295", "abc", "",
};
static const char *const kinds[] = { "veth", "bridge", "dummy", "vxlan", "nosuchkind" };
static const char *const rule_words[] = {
  "from 10.0.0.0/24", "to 10.1.0.0/16", "not", "iif veth0", "oif br0", "fwmark 0x10", "fwmark 1/0xff",
  "tos 0x10", "tos 0x3", "pref 100", "pref 100", "pref 0", "table 100", "table 0", "table main", "lookup 5",
  "unreachable", "prohibit", "blackhole", "goto 50", "goto 200", "nop", "from 2001:db8::/32", "table foo",
  "pref abc", "iif 0123456789abcdefg",
};
static const char *const gateways[] = { "10.0.0.2", "10.0.0.3", "10.0.0.1", "10.9.9.9", "192.168.1.2", "nosuch" };

static void
append_link_attr(GRand *r, GString *c)
{
  switch (g_rand_int_range(r, 0, 13)) {
  case 0: g_string_append(c, " up"); break;
  case 1: g_string_append(c, " down"); break;
  case 2: g_string_append_printf(c, " mtu %s", PICK(r, numbers)); break;
  case 3: g_string_append_printf(c, " name %s", PICK(r, devices)); break;
  case 4: g_string_append_printf(c, " address %s", PICK(r, macs)); break;
  case 5: g_string_append_printf(c, " master %s", PICK(r, devices)); break;
  case 6: g_string_append(c, " nomaster"); break;
  case 7: g_string_append_printf(c, " netns %s", PICK(r, netns_names)); break;
  case 8: g_string_append(c, " netns 1"); break;
  case 9: g_string_append_printf(c, " alias %s", PICK(r, devices)); break;
  case 10: g_string_append_printf(c, " txqueuelen %s", PICK(r, numbers)); break;
  case 11: g_string_append_printf(c, " group %s", PICK(r, numbers)); break;
  default: g_string_append(c, " bogus"); break;
  }
}

/* *partial is set for a command the kernel itself may apply in part when
 * it fails (see partial_by_design). */
static void
append_ip_command(GRand *r, GString *c, gboolean *partial)
{
  switch (g_rand_int_range(r, 0, 19)) {
  case 16: case 17: {
    g_string_append_printf(c, "%srule %s", g_rand_boolean(r) ? "-6 " : "", g_rand_boolean(r) ? "add" : "del");
    int n = g_rand_int_range(r, 0, 4);
    for (int i = 0; i < n; i++)
      g_string_append_printf(c, " %s", PICK(r, rule_words));
    break;
  }
  case 18: {
    /* Multipath routes, their weights and their mistakes. */
    g_string_append_printf(c, "route %s 10.%d.0.0/16", g_rand_boolean(r) ? "add" : g_rand_boolean(r) ? "del" : "replace",
                           g_rand_int_range(r, 1, 4));
    int n = g_rand_int_range(r, 1, 4);
    for (int i = 0; i < n; i++) {
      g_string_append_printf(c, " nexthop via %s", PICK(r, gateways));
      if (g_rand_boolean(r))
        g_string_append_printf(c, " dev %s", PICK(r, devices));
      if (g_rand_boolean(r))
        g_string_append_printf(c, " weight %s", PICK(r, numbers));
    }
    break;
  }
  case 0:
    g_string_append_printf(c, "netns add %s", PICK(r, netns_names));
    break;
  case 1:
    g_string_append_printf(c, "netns del %s", PICK(r, netns_names));
    break;
  case 2:
    g_string_append_printf(c, "netns set %s %s", PICK(r, netns_names), PICK(r, numbers));
    break;
  case 3: {
    const char *kind = PICK(r, kinds);
    g_string_append_printf(c, "link add %s type %s", PICK(r, devices), kind);
    if (g_str_equal(kind, "veth") && g_rand_boolean(r)) {
      g_string_append_printf(c, " peer name %s", PICK(r, devices));
      if (g_rand_int_range(r, 0, 3) == 0)
        g_string_append_printf(c, " netns %s", PICK(r, netns_names));
    }
    break;
  }
  case 4: case 5: case 6: {
    g_string_append_printf(c, "link set %s%s", g_rand_boolean(r) ? "dev " : "", PICK(r, devices));
    int n = g_rand_int_range(r, 1, 4);
    for (int i = 0; i < n; i++)
      append_link_attr(r, c);
    *partial = n > 1;
    break;
  }
  case 7:
    g_string_append_printf(c, "link del %s", PICK(r, devices));
    break;
  case 8: case 9:
    g_string_append_printf(c, "addr add %s dev %s", PICK(r, addrs), PICK(r, devices));
    if (g_rand_int_range(r, 0, 4) == 0)
      g_string_append(c, " broadcast +");
    if (g_rand_int_range(r, 0, 4) == 0)
      g_string_append_printf(c, " label %s", PICK(r, devices));
    if (g_rand_int_range(r, 0, 6) == 0)
      g_string_append(c, " scope link");
    break;
  case 10:
    g_string_append_printf(c, "addr del %s dev %s", PICK(r, addrs), PICK(r, devices));
    break;
  case 11:
    g_string_append_printf(c, "addr flush dev %s", PICK(r, devices));
    break;
  case 12:
    g_string_append_printf(c, "link show %s", PICK(r, devices));
    break;
  case 13:
    g_string_append_printf(c, "route show dev %s", PICK(r, devices));
    break;
  case 14:
    g_string_append_printf(c, "addr replace %s dev %s", PICK(r, addrs), PICK(r, devices));
    break;
  default:
    g_string_append_printf(c, "link %s %s", PICK(r, devices), PICK(r, numbers));
    break;
  }
}

static char *
random_command(GRand *r, gboolean *partial)
{
  GString *c = g_string_new(NULL);
  *partial = FALSE;
  switch (g_rand_int_range(r, 0, 14)) {
  case 0:
    g_string_append_printf(c, "ip netns exec %s ", PICK(r, netns_names));
    append_ip_command(r, g_string_append(c, "ip "), partial);
    break;
  case 1:
    g_string_append_printf(c, "ip -n %s ", PICK(r, netns_names));
    append_ip_command(r, c, partial);
    break;
  case 2:
    g_string_append_printf(c, "ifconfig %s %s", PICK(r, devices), PICK(r, addrs));
    if (g_rand_boolean(r))
      g_string_append_printf(c, " netmask %s", g_rand_boolean(r) ? "255.255.255.0" : "255.0.255.0");
    if (g_rand_boolean(r))
      g_string_append(c, g_rand_boolean(r) ? " up" : " down");
    *partial = TRUE;
    break;
  case 3:
    g_string_append_printf(c, "ifconfig %s %s", PICK(r, devices),
                           g_rand_boolean(r) ? "up" : g_rand_boolean(r) ? "down" : "mtu 1400");
    break;
  case 4:
    g_string_append_printf(c, "sysctl -w net.ipv4.ip_forward=%s", PICK(r, numbers));
    break;
  case 5:
    g_string_append_printf(c, "echo %s > /proc/sys/net/ipv4/ip_forward", PICK(r, numbers));
    break;
  case 6:
    /* A nested shell in a namespace, and leaving it. */
    if (g_rand_boolean(r))
      g_string_append_printf(c, "ip netns exec %s bash", PICK(r, netns_names));
    else
      g_string_append(c, "exit");
    *partial = g_str_equal(c->str, "exit");
    break;
  case 7:
    g_string_append_printf(c, "nic add %s", PICK(r, devices));
    break;
  case 8:
    g_string_append_printf(c, "ip link add %s type veth peer name %s", PICK(r, devices), PICK(r, devices));
    break;
  case 9:
    /* Words in the wrong order. */
    g_string_append_printf(c, "ip %s %s %s", PICK(r, devices), PICK(r, netns_names), PICK(r, addrs));
    break;
  default:
    append_ip_command(r, g_string_append(c, "ip "), partial);
    break;
  }
  return g_string_free(c, FALSE);
}

/* ------------------------------------------------------------------ */
/* The properties.                                                     */

static guint
env_or(const char *name, guint fallback)
{
  /* Under valgrind (the memcheck gate) fewer sequences: breadth is the
   * plain and sanitizer runs' job, memcheck's is memory. */
  const char *wrapper = g_getenv("NETNSIM_WRAPPER");
  if (wrapper && strstr(wrapper, "valgrind") && g_str_equal(name, "NETNSIM_ATOMICITY_SEEDS"))
    fallback = fallback / 4 + 1;
  const char *v = g_getenv(name);
  return v && *v ? (guint) g_ascii_strtoull(v, NULL, 10) : fallback;
}

/* Where a failing command may leave changes, in reality too, so that the
 * property does not apply (docs/testing.md, "Atomicity"):
 *  - `ip link set DEV A B ...` with several attributes: the kernel's
 *    do_setlink() commits them one by one and stops at the first that
 *    fails ("ip link set v0 address 02:00:00:00:00:09 mtu 99999" changes
 *    the address, then answers "Error: mtu greater than device maximum.");
 *  - `ifconfig DEV ADDR ...`: one ioctl per word, each committed, and
 *    SIOCSIFADDR itself deletes the old address before inserting the new;
 *  - `exit`: its status is the previous command's, not a failure. */
static gboolean
partial_by_design(gboolean partial)
{
  return partial;
}

/* Runs one sequence; returns a digest of every dump, and appends to
 * `failures` each failing command that changed the state. */
static guint n_failed, n_passed;

static char *
run_sequence(guint32 seed, guint steps, GString *failures)
{
  g_autoptr(GRand) r = g_rand_new_with_seed(seed);
  g_autoptr(NnsBackend) be = nns_sim_backend_new(seed % 2 ? NNS_WORLD_HOST : NNS_WORLD_BARE, seed);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GChecksum) digest = g_checksum_new(G_CHECKSUM_SHA256);
  g_autofree char *before = state_dump(sh);
  for (guint i = 0; i < steps; i++) {
    gboolean partial;
    g_autofree char *cmd = random_command(r, &partial);
    g_autoptr(GString) out = g_string_new(NULL);
    NnsIo io = { .out = out, .err = out };
    int rc = nns_shell_run_line(sh, cmd, &io);
    /* `exit` in the outermost shell ends a real session: start again. */
    sh->exit_requested = FALSE;
    if (rc != 0)
      n_failed++;
    else
      n_passed++;
    char *after = state_dump(sh);
    if (rc != 0 && g_strcmp0(before, after) != 0 && !partial_by_design(partial)) {
      g_auto(GStrv) a = g_strsplit(before, "\n", -1), b = g_strsplit(after, "\n", -1);
      guint k = 0;
      while (a[k] && b[k] && g_str_equal(a[k], b[k]))
        k++;
      g_string_append_printf(failures,
                             "seed %u step %u: `%s` failed (exit %d: %s) and changed the state:\n"
                             "  before: %s\n  after:  %s\n",
                             seed, i, cmd, rc, g_strchomp(out->str), a[k] ? a[k] : "(end)",
                             b[k] ? b[k] : "(end)");
    }
    g_checksum_update(digest, (const guchar *) cmd, -1);
    g_checksum_update(digest, (const guchar *) out->str, (gssize) out->len);
    g_checksum_update(digest, (const guchar *) after, -1);
    g_free(before);
    before = after;
  }
  return g_strdup(g_checksum_get_string(digest));
}

static void
test_failing_commands_change_nothing(void)
{
  guint seeds = env_or("NETNSIM_ATOMICITY_SEEDS", 24);
  guint steps = env_or("NETNSIM_ATOMICITY_STEPS", 150);
  g_autoptr(GString) failures = g_string_new(NULL);
  for (guint s = 1; s <= seeds; s++) {
    g_autofree char *d = run_sequence(s, steps, failures);
  }
  g_test_message("%u commands failed, %u succeeded", n_failed, n_passed);
  if (failures->len) {
    g_printerr("%s", failures->str);
    g_test_fail_printf("failing commands changed the state (above)");
  }
}

static char *
all_digests(guint seeds, guint steps)
{
  GString *out = g_string_new(NULL);
  g_autoptr(GString) ignored = g_string_new(NULL);
  for (guint s = 1; s <= seeds; s++) {
    g_autofree char *d = run_sequence(1000 + s, steps, ignored);
    g_string_append_printf(out, "%u %s\n", 1000 + s, d);
  }
  return g_string_free(out, FALSE);
}

static void
test_same_sequence_same_dumps(void)
{
  guint seeds = env_or("NETNSIM_ATOMICITY_SEEDS", 24) / 3 + 1;
  guint steps = env_or("NETNSIM_ATOMICITY_STEPS", 150);
  g_autofree char *first = all_digests(seeds, steps);
  g_autofree char *second = all_digests(seeds, steps);
  g_assert_cmpstr(first, ==, second);
  /* And in a fresh process (other addresses, other hash seeds). */
  if (g_test_subprocess()) {
    fputs(first, stdout);
    return;
  }
  g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed();
  g_test_trap_assert_stdout(first);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/atomicity/failing-commands-change-nothing", test_failing_commands_change_nothing);
  g_test_add_func("/atomicity/same-sequence-same-dumps", test_same_sequence_same_dumps);
  return g_test_run();
}
