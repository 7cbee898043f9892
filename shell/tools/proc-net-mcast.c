/* /proc/net/dev_mcast, igmp and igmp6 from the backend's multicast records
 * (dev_mc_seq_show, igmp_mc_seq_show, igmp6_mc_seq_show). */
#include "shell/tools/tools.h"

#include <linux/if_packet.h>
#include <string.h>
#include <sys/socket.h>

static GPtrArray *
records(NnsShell *sh, int pid)
{
  return sh->backend->ops->maddr_dump(sh->backend, pid, NULL);
}

void
nns_proc_net_dev_mcast(NnsShell *sh, int pid, GString *out)
{
  g_autoptr(GPtrArray) all = records(sh, pid);
  for (guint i = 0; all && i < all->len; i++) {
    const NnsMaddrRecord *m = all->pdata[i];
    if (m->family != AF_PACKET)
      continue;
    g_string_append_printf(out, "%-4d %-15s %-5u %-5d ", m->ifindex, m->ifname, m->users, m->is_static ? 1 : 0);
    for (int b = 0; b < 6; b++)
      g_string_append_printf(out, "%02x", m->addr[b]);
    g_string_append_c(out, '\n');
  }
}

void
nns_proc_net_igmp(NnsShell *sh, int pid, GString *out)
{
  g_string_append(out, "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n");
  g_autoptr(GPtrArray) all = records(sh, pid);
  for (guint i = 0; all && i < all->len; i++) {
    const NnsMaddrRecord *m = all->pdata[i];
    if (m->family != AF_INET)
      continue;
    /* The device's line heads its first group (IGMPv3: no querier heard). */
    if (i == 0 || ((NnsMaddrRecord *) all->pdata[i - 1])->family != AF_INET ||
        ((NnsMaddrRecord *) all->pdata[i - 1])->ifindex != m->ifindex) {
      guint count = 0;
      for (guint j = i; j < all->len && ((NnsMaddrRecord *) all->pdata[j])->family == AF_INET &&
                        ((NnsMaddrRecord *) all->pdata[j])->ifindex == m->ifindex; j++)
        count++;
      g_string_append_printf(out, "%d\t%-10s: %5u %7s\n", m->ifindex, m->ifname, count, "V3");
    }
    /* The __be32 printed as a number: its bytes reversed on a little-endian machine. */
    g_string_append_printf(out, "\t\t\t\t%02X%02X%02X%02X %5u %d:%08X\t\t%d\n", m->addr[3], m->addr[2],
                           m->addr[1], m->addr[0], m->users, 0, 0u, 0);
  }
}

void
nns_proc_net_igmp6(NnsShell *sh, int pid, GString *out)
{
  g_autoptr(GPtrArray) all = records(sh, pid);
  for (guint i = 0; all && i < all->len; i++) {
    const NnsMaddrRecord *m = all->pdata[i];
    if (m->family != AF_INET6)
      continue;
    g_string_append_printf(out, "%-4d %-15s ", m->ifindex, m->ifname);
    for (int b = 0; b < 16; b++)
      g_string_append_printf(out, "%02x", m->addr[b]);
    g_string_append_printf(out, " %5u %08X %d\n", m->users, m->flags, 0);
  }
}
