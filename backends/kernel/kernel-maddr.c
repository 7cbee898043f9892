/* Multicast addresses on the kernel: what iproute2's `ip maddr` reads
 * (/proc/net/dev_mcast, igmp, igmp6, seen from inside the caller's
 * namespace) and the ioctls it makes (SIOCADDMULTI, SIOCDELMULTI). */
#include "backends/kernel/kernel-private.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct {
  GPtrArray *out;
  int ifindex;
  guint8 addr[6];
  gboolean add;
} MaddrCall;

static char *
read_proc_net(const char *name)
{
  g_autofree char *path = g_build_filename("/proc/thread-self/net", name, NULL);
  char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL))
    return NULL;
  return text;
}

static gboolean
parse_hex(const char *hex, guint8 *out, gsize len)
{
  if (strlen(hex) != len * 2)
    return FALSE;
  for (gsize i = 0; i < len; i++) {
    int hi = g_ascii_xdigit_value(hex[2 * i]), lo = g_ascii_xdigit_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return FALSE;
    out[i] = (guint8) (hi << 4 | lo);
  }
  return TRUE;
}

static NnsMaddrRecord *
record(guint8 family, int ifindex, const char *name)
{
  NnsMaddrRecord *r = g_new0(NnsMaddrRecord, 1);
  r->family = family;
  r->ifindex = ifindex;
  g_strlcpy(r->ifname, name, sizeof r->ifname);
  return r;
}

/* "2    v0              1     1     333300000005" */
static void
read_dev_mcast(GPtrArray *out)
{
  g_autofree char *text = read_proc_net("dev_mcast");
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  for (char **l = lines; *l; l++) {
    int index, users, st;
    char name[64], hex[64];
    if (sscanf(*l, "%d %63s %d %d %63s", &index, name, &users, &st, hex) != 5)
      continue;
    NnsMaddrRecord *r = record(AF_PACKET, index, name);
    r->users = (guint) users;
    r->is_static = st != 0;
    if (parse_hex(hex, r->addr, 6))
      g_ptr_array_add(out, r);
    else
      g_free(r);
  }
}

/* "2\tv0        :     1      V3" then "\t\t\t\t010000E0     1 0:00000000\t\t0" */
static void
read_igmp(GPtrArray *out)
{
  g_autofree char *text = read_proc_net("igmp");
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  int index = 0;
  char name[64] = "";
  for (char **l = lines; *l && l[1]; l++) {
    if (l == lines)
      continue;
    if (**l != '\t') {
      if (sscanf(*l, "%d %63s", &index, name) == 2) {
        gsize n = strlen(name);
        if (n && name[n - 1] == ':')
          name[n - 1] = '\0';
      }
      continue;
    }
    guint32 group;
    int users;
    if (sscanf(*l, "%08x %d", &group, &users) != 2)
      continue;
    NnsMaddrRecord *r = record(AF_INET, index, name);
    memcpy(r->addr, &group, 4);   /* the file prints the __be32 as a host number */
    r->users = (guint) users;
    g_ptr_array_add(out, r);
  }
}

/* "2    v0              ff020000000000000000000000000001     1 0000000C 0" */
static void
read_igmp6(GPtrArray *out)
{
  g_autofree char *text = read_proc_net("igmp6");
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  for (char **l = lines; *l; l++) {
    int index, users;
    unsigned int flags;
    char name[64], hex[64];
    if (sscanf(*l, "%d %63s %63s %d %x", &index, name, hex, &users, &flags) != 5)
      continue;
    NnsMaddrRecord *r = record(AF_INET6, index, name);
    r->users = (guint) users;
    r->flags = flags;
    if (parse_hex(hex, r->addr, 16))
      g_ptr_array_add(out, r);
    else
      g_free(r);
  }
}

static int
do_dump(gpointer data)
{
  MaddrCall *c = data;
  read_dev_mcast(c->out);
  read_igmp(c->out);
  read_igmp6(c->out);
  return 0;
}

GPtrArray *
nns_kernel_maddr_dump(NnsBackend *be, int pid, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  if (fd < 0)
    return NULL;
  nns_kernel_settle(kb);
  MaddrCall c = { .out = g_ptr_array_new_with_free_func(g_free) };
  nns_kernel_in_netns(kb, fd, do_dump, &c);
  return c.out;
}

static int
do_change(gpointer data)
{
  MaddrCall *c = data;
  struct ifreq ifr = { 0 };
  if (!if_indextoname((unsigned) c->ifindex, ifr.ifr_name))
    return -1;
  memcpy(ifr.ifr_hwaddr.sa_data, c->addr, 6);
  ifr.ifr_hwaddr.sa_family = AF_UNSPEC;
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0)
    return -1;
  int rc = ioctl(s, c->add ? SIOCADDMULTI : SIOCDELMULTI, &ifr);
  int saved = errno;
  close(s);
  errno = saved;
  return rc;
}

gboolean
nns_kernel_maddr_change(NnsBackend *be, int pid, int ifindex, const guint8 addr[6], gboolean add, GError **error)
{
  NnsKernelBackend *kb = nns_kernel(be);
  int fd = nns_kernel_pid_netns(kb, pid, error);
  if (fd < 0)
    return FALSE;
  MaddrCall c = { .ifindex = ifindex, .add = add };
  memcpy(c.addr, addr, 6);
  kb->unsettled = TRUE;
  if (nns_kernel_in_netns(kb, fd, do_change, &c) < 0) {
    nns_set_errno(error, errno);
    return FALSE;
  }
  return TRUE;
}
