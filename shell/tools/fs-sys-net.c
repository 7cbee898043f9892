/* /sys/class/net: a link per device of the reading process's namespace,
 * each leading to a directory of attributes as net-sysfs.c shows them. */
#include "shell/tools/tools.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if.h>

typedef int (*AttrFn)(const NnsLinkRecord *rec, GString *out);

static void
print_mac(GString *out, const guint8 *a)
{
  g_string_append_printf(out, "%02x:%02x:%02x:%02x:%02x:%02x\n", a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int attr_addr_len(const NnsLinkRecord *r, GString *o) { (void) r; g_string_append(o, "6\n"); return 0; }
static int attr_address(const NnsLinkRecord *r, GString *o) { print_mac(o, r->addr); return 0; }
static int attr_broadcast(const NnsLinkRecord *r, GString *o) { print_mac(o, r->broadcast); return 0; }
static int attr_carrier_changes(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%u\n", r->carrier_changes); return 0; }
static int attr_ifindex(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%d\n", r->ifindex); return 0; }
static int attr_iflink(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%d\n", r->link ? r->link : r->ifindex); return 0; }
static int attr_link_mode(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%u\n", r->linkmode); return 0; }
static int attr_mtu(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%u\n", r->mtu); return 0; }
static int attr_group(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%u\n", r->group); return 0; }
static int attr_zero(const NnsLinkRecord *r, GString *o) { (void) r; g_string_append(o, "0\n"); return 0; }
static int attr_txqlen(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%u\n", r->txqlen); return 0; }
static int attr_type(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%u\n", r->type); return 0; }
static int attr_dormant(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%d\n", r->operstate == IF_OPER_DORMANT); return 0; }
static int attr_testing(const NnsLinkRecord *r, GString *o) { g_string_append_printf(o, "%d\n", r->operstate == IF_OPER_TESTING); return 0; }

/* dev->flags, without the bits dev_get_flags() adds from the link state. */
static int
attr_flags(const NnsLinkRecord *r, GString *o)
{
  g_string_append_printf(o, "0x%x\n", r->flags & ~(guint) (IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT));
  return 0;
}

/* The kernel refuses to tell the carrier of a device that is down. */
static int
attr_carrier(const NnsLinkRecord *r, GString *o)
{
  if (!(r->flags & IFF_UP))
    return EINVAL;
  g_string_append_printf(o, "%d\n", (r->flags & IFF_LOWER_UP) ? 1 : 0);
  return 0;
}

static int
attr_operstate(const NnsLinkRecord *r, GString *o)
{
  static const char *const names[] = { "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up" };
  g_string_append_printf(o, "%s\n", r->operstate < G_N_ELEMENTS(names) ? names[r->operstate] : "unknown");
  return 0;
}

static int
attr_ifalias(const NnsLinkRecord *r, GString *o)
{
  if (r->alias && *r->alias)
    g_string_append_printf(o, "%s\n", r->alias);
  return 0;
}

static int
attr_uevent(const NnsLinkRecord *r, GString *o)
{
  g_string_append_printf(o, "INTERFACE=%s\nIFINDEX=%d\n", r->name, r->ifindex);
  return 0;
}

/* Sorted by name, so listing them needs no sort. */
static const struct {
  const char *name;
  AttrFn read;
  guint change;               /* NnsLinkChangeMask of a writable one */
} attrs[] = {
  { "addr_len", attr_addr_len, 0 },
  { "address", attr_address, 0 },
  { "broadcast", attr_broadcast, 0 },
  { "carrier", attr_carrier, 0 },
  { "carrier_changes", attr_carrier_changes, 0 },
  { "dormant", attr_dormant, 0 },
  { "flags", attr_flags, 0 },
  { "ifalias", attr_ifalias, NNS_LINK_SET_ALIAS },
  { "ifindex", attr_ifindex, 0 },
  { "iflink", attr_iflink, 0 },
  { "link_mode", attr_link_mode, 0 },
  { "mtu", attr_mtu, NNS_LINK_SET_MTU },
  { "netdev_group", attr_group, NNS_LINK_SET_GROUP },
  { "operstate", attr_operstate, 0 },
  { "proto_down", attr_zero, 0 },
  { "testing", attr_testing, 0 },
  { "tx_queue_len", attr_txqlen, NNS_LINK_SET_TXQLEN },
  { "type", attr_type, 0 },
  { "uevent", attr_uevent, 0 },
};

static const char *const stats[] = {
  "collisions", "multicast", "rx_bytes", "rx_compressed", "rx_crc_errors", "rx_dropped", "rx_errors",
  "rx_fifo_errors", "rx_frame_errors", "rx_length_errors", "rx_missed_errors", "rx_nohandler",
  "rx_over_errors", "rx_packets", "tx_aborted_errors", "tx_bytes", "tx_carrier_errors", "tx_compressed",
  "tx_dropped", "tx_errors", "tx_fifo_errors", "tx_heartbeat_errors", "tx_packets", "tx_window_errors",
};

static guint64
stat_value(const NnsLinkStats *s, const char *name)
{
  if (g_str_equal(name, "collisions")) return s->collisions;
  if (g_str_equal(name, "multicast")) return s->multicast;
  if (g_str_equal(name, "rx_bytes")) return s->rx_bytes;
  if (g_str_equal(name, "rx_dropped")) return s->rx_dropped;
  if (g_str_equal(name, "rx_errors")) return s->rx_errors;
  if (g_str_equal(name, "rx_packets")) return s->rx_packets;
  if (g_str_equal(name, "tx_bytes")) return s->tx_bytes;
  if (g_str_equal(name, "tx_dropped")) return s->tx_dropped;
  if (g_str_equal(name, "tx_errors")) return s->tx_errors;
  if (g_str_equal(name, "tx_packets")) return s->tx_packets;
  return 0;
}

static gboolean
is_stat(const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS(stats); i++)
    if (g_str_equal(stats[i], name))
      return TRUE;
  return FALSE;
}

typedef enum { N_ROOT, N_DEV, N_ATTR, N_STATS, N_STAT } NodeKind;

typedef struct {
  NodeKind kind;
  GPtrArray *links;
  const NnsLinkRecord *rec;
  gsize attr;                 /* N_ATTR: index in attrs */
  const char *stat;           /* N_STAT: its name */
} Node;

static void
node_clear(Node *n)
{
  g_clear_pointer(&n->links, g_ptr_array_unref);
}

/* Splits "DEV/ATTR" or "DEV/statistics/NAME" and finds them. */
static int
locate(NnsShell *sh, int pid, const char *rel, Node *n)
{
  memset(n, 0, sizeof *n);
  n->links = nns_fs_links(sh, pid);
  if (!*rel) {
    n->kind = N_ROOT;
    return 0;
  }
  g_auto(GStrv) parts = g_strsplit(rel, "/", 4);
  n->rec = nns_fs_link_find(n->links, parts[0]);
  if (!n->rec)
    return ENOENT;
  if (!parts[1]) {
    n->kind = N_DEV;
    return 0;
  }
  if (g_str_equal(parts[1], "statistics")) {
    if (!parts[2]) {
      n->kind = N_STATS;
      return 0;
    }
    if (!is_stat(parts[2]))
      return ENOENT;
    if (parts[3])
      return ENOTDIR;
    n->kind = N_STAT;
    n->stat = g_intern_string(parts[2]);
    return 0;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(attrs); i++) {
    if (g_str_equal(attrs[i].name, parts[1])) {
      if (parts[2])
        return ENOTDIR;
      n->kind = N_ATTR;
      n->attr = i;
      return 0;
    }
  }
  return ENOENT;
}

static int
sys_net_stat(NnsShell *sh, int pid, const char *rel, NnsFsStat *st)
{
  Node n;
  int err = locate(sh, pid, rel, &n);
  if (!err) {
    switch (n.kind) {
    case N_ROOT: case N_STATS: st->kind = NNS_FS_DIR; st->mode = 0755; break;
    case N_DEV: st->kind = NNS_FS_LINK; st->mode = 0777; break;
    case N_STAT: st->kind = NNS_FS_FILE; st->mode = 0444; st->size = 4096; break;
    case N_ATTR:
      st->kind = NNS_FS_FILE;
      st->mode = attrs[n.attr].change ? 0644 : 0444;
      st->size = 4096;
      break;
    }
  }
  node_clear(&n);
  return err;
}

static int
sys_net_read(NnsShell *sh, int pid, const char *rel, GString *out)
{
  Node n;
  int err = locate(sh, pid, rel, &n);
  if (!err) {
    if (n.kind == N_ATTR)
      err = attrs[n.attr].read(n.rec, out);
    else if (n.kind == N_STAT)
      g_string_append_printf(out, "%" G_GUINT64_FORMAT "\n", stat_value(&n.rec->stats, n.stat));
    else
      err = EISDIR;
  }
  node_clear(&n);
  return err;
}

static int
sys_net_list(NnsShell *sh, int pid, const char *rel, GPtrArray *names)
{
  Node n;
  int err = locate(sh, pid, rel, &n);
  if (!err) {
    switch (n.kind) {
    case N_ROOT:
      for (guint i = 0; n.links && i < n.links->len; i++)
        g_ptr_array_add(names, g_strdup(((NnsLinkRecord *) g_ptr_array_index(n.links, i))->name));
      break;
    case N_DEV:
      for (gsize i = 0; i < G_N_ELEMENTS(attrs); i++)
        g_ptr_array_add(names, g_strdup(attrs[i].name));
      g_ptr_array_add(names, g_strdup("statistics"));
      break;
    case N_STATS:
      for (gsize i = 0; i < G_N_ELEMENTS(stats); i++)
        g_ptr_array_add(names, g_strdup(stats[i]));
      break;
    default:
      err = ENOTDIR;
    }
  }
  node_clear(&n);
  return err;
}

static int
sys_net_readlink(NnsShell *sh, int pid, const char *rel, char **target)
{
  Node n;
  int err = locate(sh, pid, rel, &n);
  if (!err && n.kind == N_DEV)
    *target = g_strdup_printf("../../devices/virtual/net/%s", n.rec->name);
  else if (!err)
    err = EINVAL;
  node_clear(&n);
  return err;
}

/* Writing mtu, tx_queue_len, netdev_group or ifalias is a link change. */
static int
sys_net_write(NnsShell *sh, int pid, const char *rel, const char *data, gsize len)
{
  Node n;
  int err = locate(sh, pid, rel, &n);
  if (!err && (n.kind != N_ATTR || !attrs[n.attr].change))
    err = n.kind == N_ATTR || n.kind == N_STAT ? EACCES : EISDIR;
  if (err) {
    node_clear(&n);
    return err;
  }
  g_autofree char *text = g_strndup(data, len);
  NnsLinkChange chg = { .mask = attrs[n.attr].change };
  if (chg.mask == NNS_LINK_SET_ALIAS) {
    char *nl = strchr(text, '\n');
    if (nl)
      *nl = '\0';
    chg.alias = text;
  } else {
    char *end = NULL;
    g_strstrip(text);
    guint64 v = g_ascii_strtoull(text, &end, 0);
    if (!*text || *end || v > G_MAXUINT32) {
      node_clear(&n);
      return EINVAL;
    }
    chg.mtu = chg.txqlen = chg.group = (guint) v;
  }
  NnsBackend *be = sh->backend;
  g_autoptr(GError) error = NULL;
  if (!be->ops->link_change(be, pid, n.rec->ifindex, &chg, &error))
    err = error && error->code > 0 ? error->code : EINVAL;
  node_clear(&n);
  return err;
}

const NnsFsProvider nns_fs_sys_net = {
  .root = "/sys/class/net",
  .stat = sys_net_stat,
  .read = sys_net_read,
  .list = sys_net_list,
  .readlink = sys_net_readlink,
  .write = sys_net_write,
  .link_to = NNS_FS_DIR,
};
