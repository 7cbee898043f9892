/* /proc/net: dev (the device statistics), dev_mcast, igmp, igmp6 and route. */
#include "shell/tools/tools.h"

#include <errno.h>

static void print_dev_file(NnsShell *sh, int pid, GString *out);

/* The files, in readdir's order. */
static const struct {
  const char *name;
  void (*print)(NnsShell *sh, int pid, GString *out);
} files[] = {
  { "dev", print_dev_file },
  { "dev_mcast", nns_proc_net_dev_mcast },
  { "igmp", nns_proc_net_igmp },
  { "igmp6", nns_proc_net_igmp6 },
  { "route", nns_proc_net_route },
};

static int
file_index(const char *rel)
{
  for (gsize i = 0; i < G_N_ELEMENTS(files); i++)
    if (g_str_equal(rel, files[i].name))
      return (int) i;
  return -1;
}

static int
proc_net_stat(NnsShell *sh, int pid, const char *rel, NnsFsStat *st)
{
  (void) sh; (void) pid;
  if (!*rel) {
    st->kind = NNS_FS_DIR;
    st->mode = 0555;
    return 0;
  }
  if (file_index(rel) < 0)
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
  files[file_index(rel)].print(sh, pid, out);
  return 0;
}

static void
print_dev_file(NnsShell *sh, int pid, GString *out)
{
  g_string_append(out,
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|"
      "bytes    packets errs drop fifo colls carrier compressed\n");
  g_autoptr(GPtrArray) links = nns_fs_links(sh, pid);
  for (guint i = 0; links && i < links->len; i++)
    print_dev(out, g_ptr_array_index(links, i));
}

static int
proc_net_list(NnsShell *sh, int pid, const char *rel, GPtrArray *names)
{
  (void) sh; (void) pid;
  if (*rel)
    return file_index(rel) >= 0 ? ENOTDIR : ENOENT;
  for (gsize i = 0; i < G_N_ELEMENTS(files); i++)
    g_ptr_array_add(names, g_strdup(files[i].name));
  return 0;
}

const NnsFsProvider nns_fs_proc_net = {
  .root = "/proc/net",
  .stat = proc_net_stat,
  .read = proc_net_read,
  .list = proc_net_list,
};
