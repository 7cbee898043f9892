/* Unit tests of shell/replay: the readers' rules, the normalisation's
 * structure, the diff and the compatibility profiles. */
#include "shell/replay/replay.h"
#include "shell/replay/diff.h"
#include "shell/replay/normalise.h"
#include "shell/replay/profile.h"
#include "backends/sim/sim-backend.h"

#include <string.h>

static gboolean
known(const char *word, gpointer data)
{
  (void) data;
  return g_str_equal(word, "ip") || g_str_equal(word, "ping") || g_str_equal(word, "ls");
}

static NnsStep *
step(NnsReplayDoc *doc, guint i)
{
  g_assert_cmpuint(i, <, doc->steps->len);
  return doc->steps->pdata[i];
}

static void
test_console(void)
{
  const char *text = "header\n<!-- netnsim: world bare -->\n# ip netns list\nblue\n"
                     "# ip link show x\nDevice \"x\" does not exist.\n[exit 1]\n# true\n";
  g_autoptr(NnsReplayDoc) doc = nns_read_document("t.t", text, known, NULL, NULL);
  g_assert_false(doc->markdown);
  g_assert_cmpuint(doc->steps->len, ==, 4);
  g_assert_cmpint(step(doc, 0)->kind, ==, NNS_STEP_DIRECTIVE);
  g_assert_cmpstr(step(doc, 0)->text, ==, "world bare");
  g_assert_cmpstr(step(doc, 1)->text, ==, "ip netns list");
  g_assert_cmpuint(step(doc, 1)->line, ==, 3);
  g_assert_cmpint(step(doc, 1)->expected_status, ==, 0);
  g_assert_cmpint(step(doc, 2)->expected_status, ==, 1);
  g_assert_cmpuint(step(doc, 2)->expected->len, ==, 1);
  g_assert_cmpuint(step(doc, 3)->expected->len, ==, 0);
}

static void
test_markdown_prompts(void)
{
  const char *text =
    "prose\n```\nroot@ubuntu:~# ip netns add a\nroot@ubuntu:~# ip netns list\na\n"
    "[root@c7 ~]# ip link\n1: lo\n~# ping x\n# ip netns\n# not a command\n$ ls\n```\n";
  g_autoptr(NnsReplayDoc) doc = nns_read_document("d.txt", text, known, NULL, NULL);
  g_assert_true(doc->markdown);
  g_assert_cmpuint(doc->steps->len, ==, 6);
  g_assert_cmpstr(step(doc, 0)->text, ==, "ip netns add a");
  g_assert_cmpstr(step(doc, 2)->text, ==, "ip link");
  g_assert_cmpstr(step(doc, 3)->text, ==, "ping x");
  /* "# not a command" is output of `ip netns`: "# " needs a command after it */
  g_assert_cmpstr(step(doc, 4)->text, ==, "ip netns");
  g_assert_cmpuint(step(doc, 4)->expected->len, ==, 1);
  g_assert_cmpstr(step(doc, 5)->text, ==, "ls");
  g_assert_cmpint(step(doc, 5)->expected_status, ==, -1);
  g_assert_false(step(doc, 0)->flags & NNS_STEP_BARE_BLOCK);
}

static void
test_markdown_bare(void)
{
  const char *text =
    "<!-- netnsim: alias ll=ls -l -->\n"
    "```\nip netns add a\n\n# a comment\nll /run/netns\ntotal 0\n\nip netns\na\n```\n"
    "<!-- netnsim: ignore-block placeholders -->\n```\nip netns add <name>\n```\n"
    "<!-- netnsim: commands-only -->\n```\nip netns del a\n```\n"
    "```\n# ip netns\n<!-- netnsim: command -->\nls /run\n```\n";
  g_autoptr(NnsReplayDoc) doc = nns_read_document("d.md", text, known, NULL, NULL);
  g_assert_cmpuint(doc->steps->len, ==, 7);
  g_assert_cmpint(step(doc, 0)->kind, ==, NNS_STEP_DIRECTIVE);
  g_assert_cmpstr(step(doc, 2)->text, ==, "ll /run/netns");
  g_assert_cmpuint(step(doc, 2)->expected->len, ==, 1);
  g_assert_true(step(doc, 2)->flags & NNS_STEP_BARE_BLOCK);
  g_assert_cmpstr(step(doc, 4)->text, ==, "ip netns del a");
  g_assert_true(step(doc, 4)->flags & NNS_STEP_COMMANDS_ONLY);
  g_assert_cmpstr(step(doc, 6)->text, ==, "ls /run");
}

static GPtrArray *
lines_of(const char *const *v)
{
  GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
  for (; *v; v++)
    g_ptr_array_add(a, g_strdup(*v));
  return a;
}

static void
test_normalise(void)
{
  const char *const in[] = {
    "    link/ether aa:bb:cc:00:11:22 brd ff:ff:ff:ff:ff:ff   ",
    "    link/ether aa:bb:cc:00:11:33 brd ff:ff:ff:ff:ff:ff",
    "    inet6 fe80::a8bb:ccff:fe00:1122/64 scope link",
    "net:[4026532160] aa:bb:cc:00:11:22",
    "64 bytes from 1.1.1.1: icmp_seq=1 ttl=64 time=0.050 ms",
    "-r--r--r-- 1 root root 0 1月  24 11:56 mynet",
    "-r--r--r-- 1 root root 0 Jan  1 00:00 mynet",
    "qdisc pfifo_fast 8003: dev eth0 root refcnt 2 bands 3",
    "qdisc pfifo 1: dev v0 root refcnt 3 limit 1000p",
    "qdisc bfifo 8003: dev v1 root refcnt 3 limit 8003b",
    "", NULL,
  };
  g_autoptr(GPtrArray) a = lines_of(in);
  g_autoptr(NnsNormaliser) n = nns_normaliser_new();
  g_autoptr(GPtrArray) out = nns_normalise(n, a, NNS_NORM_MARKDOWN);
  g_assert_cmpuint(out->len, ==, 10);
  g_assert_cmpstr(out->pdata[0], ==, "    link/ether <mac1> brd ff:ff:ff:ff:ff:ff");
  g_assert_cmpstr(out->pdata[1], ==, "    link/ether <mac2> brd ff:ff:ff:ff:ff:ff");
  g_assert_cmpstr(out->pdata[2], ==, "    inet6 <ll6_1>/64 scope link");
  g_assert_cmpstr(out->pdata[3], ==, "net:[<ns1>] <mac1>");
  g_assert_cmpstr(out->pdata[4], ==, "64 bytes from 1.1.1.1: icmp_seq=1 ttl=64 time=T ms");
  g_assert_cmpstr(out->pdata[5], ==, "-r--r--r-- 1 root root 0 <date> mynet");
  g_assert_cmpstr(out->pdata[6], ==, "-r--r--r-- 1 root root 0 <date> mynet");
  /* qdisc auto handles: named in order, a handle the user chose kept */
  g_assert_cmpstr(out->pdata[7], ==, "qdisc pfifo_fast <qh1>: dev eth0 root refcnt 2 bands 3");
  g_assert_cmpstr(out->pdata[8], ==, "qdisc pfifo 1: dev v0 root refcnt 3 limit 1000p");
  g_assert_cmpstr(out->pdata[9], ==, "qdisc bfifo <qh1>: dev v1 root refcnt 3 limit 8003b");
}

static void
test_diff(void)
{
  const char *const a[] = { "1", "2", "3", "4", NULL };
  const char *const b[] = { "1", "2", "x", "4", NULL };
  g_autoptr(GPtrArray) la = lines_of(a);
  g_autoptr(GPtrArray) lb = lines_of(b);
  g_autoptr(GString) out = g_string_new(NULL);
  nns_unified_diff(la, lb, "exp", "got", "", out);
  g_assert_cmpstr(out->str, ==, "--- exp\n+++ got\n@@ -1,4 +1,4 @@\n 1\n 2\n-3\n+x\n 4\n");
  g_string_truncate(out, 0);
  nns_unified_diff(la, la, "exp", "got", "", out);
  g_assert_cmpstr(out->str, ==, "");
}

static void
test_profiles(void)
{
  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GPtrArray) list = g_ptr_array_new();
  g_ptr_array_add(list, (gpointer) nns_profile_lookup("iproute2-3.10"));
  g_ptr_array_add(list, (gpointer) nns_profile_lookup("iputils-s20101006"));
  const char *const route[] = { "10.0.1.0/24 dev veth1 proto kernel scope link src 10.0.1.1 linkdown ", NULL };
  g_autoptr(GPtrArray) r = lines_of(route);
  nns_profiles_apply(list, sh, "ip netns exec x ip route", r);
  g_assert_cmpstr(r->pdata[0], ==, "10.0.1.0/24 dev veth1  proto kernel  scope link  src 10.0.1.1 ");
  const char *const link[] = { "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000", NULL };
  g_autoptr(GPtrArray) l = lines_of(link);
  nns_profiles_apply(list, sh, "ip link list", l);
  g_assert_cmpstr(l->pdata[0], ==, "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT qlen 1000");
  /* a pipeline's output is no single tool's: left alone */
  g_autoptr(GPtrArray) p = lines_of(link);
  nns_profiles_apply(list, sh, "ip link list | cat", p);
  g_assert_cmpstr(p->pdata[0], ==, link[0]);
  const char *const ping[] = { "ping: connect: Network is unreachable",
                               "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.050 ms", NULL };
  g_autoptr(GPtrArray) q = lines_of(ping);
  nns_profiles_apply(list, sh, "ping 127.0.0.1", q);
  g_assert_cmpstr(q->pdata[0], ==, "connect: Network is unreachable");
  g_assert_cmpstr(q->pdata[1], ==, "64 bytes from 127.0.0.1: icmp_req=1 ttl=64 time=0.050 ms");
  g_assert_null(nns_profile_lookup("iproute2-9.99"));
}

/* linux-3.x rewrites veth lines only, and not a qdisc grafted with tc. */
static void
test_profile_linux_3(void)
{
  g_autoptr(NnsBackend) be = nns_sim_backend_new(NNS_WORLD_BARE, 1);
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GString) out = g_string_new(NULL);
  NnsIo io = { .out = out, .err = out };
  g_assert_cmpint(nns_shell_run_line(sh, "ip link add v0 type veth peer name v1", &io), ==, 0);
  g_assert_cmpint(nns_shell_run_line(sh, "ip link add br0 type bridge", &io), ==, 0);
  g_assert_cmpint(nns_shell_run_line(sh, "ip link set v0 up", &io), ==, 0);
  g_assert_cmpint(nns_shell_run_line(sh, "ip link set br0 up", &io), ==, 0);
  g_autoptr(GPtrArray) list = g_ptr_array_new();
  g_ptr_array_add(list, (gpointer) nns_profile_lookup("linux-3.x"));
  const char *const link[] = {
    "3: v0@v1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000",
    "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0",
    "4: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000",
    "    link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0", NULL };
  g_autoptr(GPtrArray) l = lines_of(link);
  nns_profiles_apply(list, sh, "ip link list", l);
  g_assert_cmpstr(l->pdata[0], ==, "3: v0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN mode DEFAULT group default qlen 1000");
  g_assert_cmpstr(l->pdata[1], ==, "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff");
  g_assert_cmpstr(l->pdata[2], ==, link[2]);
  g_assert_cmpstr(l->pdata[3], ==, link[3]);
  g_assert_cmpint(nns_shell_run_line(sh, "tc qdisc replace dev v0 root handle 1: noqueue", &io), ==, 0);
  g_autoptr(GPtrArray) t = lines_of(link);
  nns_profiles_apply(list, sh, "ip link list", t);
  g_assert_nonnull(strstr(t->pdata[0], " qdisc noqueue "));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/replay/console", test_console);
  g_test_add_func("/replay/markdown-prompts", test_markdown_prompts);
  g_test_add_func("/replay/markdown-bare", test_markdown_bare);
  g_test_add_func("/replay/normalise", test_normalise);
  g_test_add_func("/replay/diff", test_diff);
  g_test_add_func("/replay/profiles", test_profiles);
  g_test_add_func("/replay/profile-linux-3", test_profile_linux_3);
  return g_test_run();
}
