/* /proc/net: only dev, the device statistics table. */
#include "shell/tools/tools.h"

#include <errno.h>

static int
proc_net_stat(NnsShell *sh, int pid, const char *rel, NnsFsStat *st)
{
  (void) sh; (void) pid;
  if (!*rel) {
    st->kind = NNS_FS_DIR;
    st->mode = 0555;
    return 0;
  }
  if (!g_str_equal(rel, "dev"))
    return ENOENT;
  st->kind = NNS_FS_FILE;
  st->mode = 0444;
  return 0;
}

/* dev_seq_show() in net/core/net-procfs.c, column for column. */
static void
print_dev(GString *out, const NnsLinkRecord *rec)
{
  const NnsLinkStats *s = &rec->stats;
  g_string_append_printf(out,
      "%6s:%8" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %4" G_GUINT64_FORMAT " %4" G_GUINT64_FORMAT
      " %4u %5u %10u %9" G_GUINT64_FORMAT " %8" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT
      " %4" G_GUINT64_FORMAT " %4" G_GUINT64_FORMAT " %4u %5" G_GUINT64_FORMAT " %7u %10u\n",
      rec->name, s->rx_bytes, s->rx_packets, s->rx_errors, s->rx_dropped, 0u, 0u, 0u, s->multicast,
      s->tx_bytes, s->tx_packets, s->tx_errors, s->tx_dropped, 0u, s->collisions, 0u, 0u);
}

static int
proc_net_read(NnsShell *sh, int pid, const char *rel, GString *out)
{
  NnsFsStat st;
  int err = proc_net_stat(sh, pid, rel, &st);
  if (err)
    return err;
  if (st.kind == NNS_FS_DIR)
    return EISDIR;
  g_string_append(out,
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|"
      "bytes    packets errs drop fifo colls carrier compressed\n");
  g_autoptr(GPtrArray) links = nns_fs_links(sh, pid);
  for (guint i = 0; links && i < links->len; i++)
    print_dev(out, g_ptr_array_index(links, i));
  return 0;
}

static int
proc_net_list(NnsShell *sh, int pid, const char *rel, GPtrArray *names)
{
  (void) sh; (void) pid;
  if (*rel)
    return g_str_equal(rel, "dev") ? ENOTDIR : ENOENT;
  g_ptr_array_add(names, g_strdup("dev"));
  return 0;
}

const NnsFsProvider nns_fs_proc_net = {
  .root = "/proc/net",
  .stat = proc_net_stat,
  .read = proc_net_read,
  .list = proc_net_list,
};
