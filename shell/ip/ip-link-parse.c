/* iplink_parse of iproute2 6.1: every keyword it takes, in its order and
 * by its matching (strcmp, or matches(), which takes any prefix: `d` is
 * dynamic, `a` address, `m` master, `t` txqueuelen), with each error's
 * text and exit status (invarg, duparg and the like exit 255; on_off's
 * complaint returns 1, parse_on_off's -EINVAL, a missing device 1).
 * What a word was read as goes into an NnsLinkChange; the backends
 * apply it. */
#include "shell/ip/ip-link-parse.h"
#include "shell/ip/ip-usage.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NNS_XDP_FLAGS_UPDATE_IF_NOEXIST (1U << 0)
#define NNS_XDP_FLAGS_SKB_MODE (1U << 1)
#define NNS_XDP_FLAGS_DRV_MODE (1U << 2)
#define NNS_XDP_FLAGS_HW_MODE (1U << 3)

static int
invarg(NnsIpCall *c, const char *msg, const char *arg)
{
  return nns_ip_invarg(c, msg, arg);
}

static int
duparg(NnsIpCall *c, const char *key, const char *arg)
{
  nns_err(c->io, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key, arg);
  return 255;
}

/* on_off(): returns -1 to iplink_modify, so `ip` exits 1. */
static int
on_off(NnsIpCall *c, const char *msg, const char *arg)
{
  nns_err(c->io, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n", msg, arg);
  return 1;
}

/* parse_on_off(): parse_one_of with { "off", "on" }, prefixes taken, the
 * first match winning; its -EINVAL is the exit status. */
static int
parse_on_off(NnsIpCall *c, const char *msg, const char *arg, gboolean *on)
{
  if (nns_ip_matches(arg, "off")) {
    *on = FALSE;
    return -1;
  }
  if (nns_ip_matches(arg, "on")) {
    *on = TRUE;
    return -1;
  }
  nns_err(c->io, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n", msg, arg);
  return EINVAL;
}

/* get_integer(..., 0) */
static gboolean
get_integer(const char *s, int *out)
{
  char *end = NULL;
  errno = 0;
  long v = strtol(s, &end, 0);
  if (end == s || *end || errno == ERANGE || v < G_MININT || v > G_MAXINT)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

/* get_unsigned(..., 0) */
static gboolean
get_unsigned(const char *s, guint *out)
{
  char *end = NULL;
  if (!*s)
    return FALSE;
  errno = 0;
  unsigned long v = strtoul(s, &end, 0);
  if (end == s || *end || (v == G_MAXULONG && errno == ERANGE) || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/* ll_addr_a2n(): a dotted IPv4 address, or up to `size` hex bytes
 * separated by colons (sscanf's %x each); the complaint names the piece
 * that failed.  FALSE after printing it. */
static gboolean
ll_addr_a2n(NnsIpCall *c, const char *arg, guint8 *out, gsize size, guint8 *len)
{
  if (strchr(arg, '.')) {
    struct in_addr in;
    if (inet_pton(AF_INET, arg, &in) != 1) {
      nns_err(c->io, "\"%s\" is invalid lladdr.\n", arg);
      return FALSE;
    }
    memcpy(out, &in, 4);
    *len = 4;
    return TRUE;
  }
  g_auto(GStrv) parts = g_strsplit(arg, ":", -1);
  gsize n = 0;
  for (; parts[n] && n < size; n++) {
    int v;
    if (sscanf(parts[n], "%x", &v) != 1 || v < 0 || v > 255) {
      nns_err(c->io, "\"%s\" is invalid lladdr.\n", parts[n]);
      return FALSE;
    }
    out[n] = (guint8) v;
  }
  *len = (guint8) n;
  return TRUE;
}

/* __check_ifname: not empty, no '/' and no white space; check_ifname
 * adds the kernel's length limit. */
static gboolean
altifname_ok(const char *name)
{
  if (!*name)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (*p == '/' || g_ascii_isspace(*p))
      return FALSE;
  return TRUE;
}

/* ll_name_to_index, silent: 0 when there is no such device. */
static int
link_index(NnsIpCall *c, const char *name, NnsLinkRecord **rec_out)
{
  g_autoptr(GError) error = NULL;
  NnsLinkRecord *rec = c->be->ops->link_get(c->be, c->pid, name, &error);
  if (!rec)
    return 0;
  int ifindex = rec->ifindex;
  if (rec_out)
    *rec_out = rec;
  else
    nns_link_record_free(rec);
  return ifindex;
}

/* get_operstate: the names of IF_OPER_*, any case. */
static int
get_operstate(const char *name)
{
  static const char *const names[] = { "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
                                       "TESTING", "DORMANT", "UP" };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_ascii_strcasecmp(name, names[i]) == 0)
      return (int) i;
  return -1;
}

static int
get_addr_gen_mode(const char *mode)
{
  static const char *const names[] = { "eui64", "none", "stable_secret", "random" };
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_ascii_strcasecmp(mode, names[i]) == 0)
      return (int) i;
  return -1;
}

/* rtnl_group_a2n: the names of /etc/iproute2/group ("default" is 0), or
 * a number strtol reads that is not negative as an int. */
static gboolean
group_a2n(const char *arg, guint *out)
{
  if (g_str_equal(arg, "default")) {
    *out = 0;
    return TRUE;
  }
  char *end = NULL;
  int v = (int) strtol(arg, &end, 0);
  if (end == arg || *end || v < 0)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/* The flags `WORD on|off` sets under ifi_change (strcmp'd, but dynamic,
 * which matches() prefixes and iplink_parse tries much later); "on" sets
 * the flag, or clears it for arp (NOARP) and trailers (NOTRAILERS). */
static gboolean
flag_word(const char *w, guint *flag, gboolean *on_sets)
{
  static const struct { const char *word; guint flag; gboolean on_sets; } words[] = {
    { "multicast", IFF_MULTICAST, TRUE }, { "allmulticast", IFF_ALLMULTI, TRUE },
    { "promisc", IFF_PROMISC, TRUE },     { "trailers", IFF_NOTRAILERS, FALSE },
    { "arp", IFF_NOARP, FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
    if (g_str_equal(w, words[i].word)) {
      *flag = words[i].flag;
      *on_sets = words[i].on_sets;
      return TRUE;
    }
  return FALSE;
}

static int
set_flag(NnsIpCall *c, NnsLinkChange *ch, const char *w, const char *arg, guint flag, gboolean on_sets)
{
  ch->flags_change |= flag;
  gboolean on;
  if (g_str_equal(arg, "on"))
    on = TRUE;
  else if (g_str_equal(arg, "off"))
    on = FALSE;
  else
    return on_off(c, w, arg);
  if (on == on_sets)
    ch->flags |= flag;
  else
    ch->flags &= ~flag;
  return -1;
}

/* xdp_parse: `off` or `none` as the command's last word detaches (an
 * IFLA_XDP whose fd is -1); anything else is a BPF program for
 * bpf_parse_common (object-file, obj, object-pinned, pinned, fd), which
 * netnsim does not load. */
static int
xdp_parse(NnsIpCall *c, int *i, int argc, char **argv, const char *kw, const char *dev, NnsLinkChange *ch)
{
  gboolean generic = g_str_equal(kw, "xdpgeneric"), drv = g_str_equal(kw, "xdpdrv"),
           offload = g_str_equal(kw, "xdpoffload");
  if (offload && (!dev || !link_index(c, dev, NULL)))
    return nns_ip_incomplete(c);
  guint32 flags = NNS_XDP_FLAGS_UPDATE_IF_NOEXIST;
  flags |= generic ? NNS_XDP_FLAGS_SKB_MODE : 0;
  flags |= drv ? NNS_XDP_FLAGS_DRV_MODE : 0;
  flags |= offload ? NNS_XDP_FLAGS_HW_MODE : 0;
  const char *w = argv[*i];
  if (*i == argc - 1 && (g_str_equal(w, "none") || g_str_equal(w, "off"))) {
    ch->xdp_flags = flags;
    ch->mask |= NNS_LINK_SET_XDP_OFF;
    return -1;
  }
  if (nns_ip_matches(w, "object-file") || g_str_equal(w, "obj") || nns_ip_matches(w, "object-pinned") ||
      nns_ip_matches(w, "pinned") || nns_ip_matches(w, "fd")) {
    nns_err(c->io, "netnsim: \"ip link ... %s %s\" (a BPF program) is not modelled\n", kw, w);
    return 255;
  }
  nns_err(c->io, "What mode is \"%s\"?\n", w);
  return 255;
}

/* iplink_parse_vf: `vf N` needs a device and one of the VF settings
 * after it (else the command line is not complete).  No modelled device
 * has virtual functions, and their settings are not modelled. */
static int
vf_parse(NnsIpCall *c, int *i, int argc, char **argv)
{
  static const char *const words[] = { "mac", "vlan", "rate", "max_tx_rate", "min_tx_rate", "spoofchk",
                                       "query_rss", "trust", "state", "node_guid", "port_guid" };
  const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
  for (gsize k = 0; next && k < G_N_ELEMENTS(words); k++)
    if (nns_ip_matches(next, words[k])) {
      nns_err(c->io, "netnsim: \"ip link ... vf %s %s\" (virtual functions) is not modelled\n", argv[*i], next);
      return 255;
    }
  return nns_ip_incomplete(c);
}

/* `ip link ... help` (matches()): iplink_usage, exit 255. */
static int
usage(NnsIpCall *c)
{
  g_string_append(c->io->err, nns_ip_link_usage);
  return 255;
}

/* The keywords taken before `type`; -2 when `w` is none of them (then it
 * names the device), -1 when it was read well, else an exit status. */
static int
parse_keyword(NnsIpCall *c, int *i, int argc, char **argv, NnsLinkChange *ch, const char **name,
              const char **dev, const char **link, gboolean *move_netns)
{
  const char *w = argv[*i];
#define NEXT()                                                                 \
  do {                                                                         \
    if (++*i >= argc)                                                          \
      return nns_ip_incomplete(c);                                             \
  } while (0)
  const char *a;
  guint flag;
  gboolean on_sets, on;
  int rc;
  if (g_str_equal(w, "up")) {
    ch->mask = (ch->mask | NNS_LINK_SET_UP) & ~NNS_LINK_SET_DOWN;
  } else if (g_str_equal(w, "down")) {
    ch->mask = (ch->mask | NNS_LINK_SET_DOWN) & ~NNS_LINK_SET_UP;
  } else if (g_str_equal(w, "name")) {
    NEXT();
    a = argv[*i];
    if (*name)
      return duparg(c, "name", a);
    if (strlen(a) >= IFNAMSIZ || !altifname_ok(a))
      return invarg(c, "\"name\" not a valid ifname", a);
    *name = a;
    if (!*dev)
      *dev = a;
  } else if (g_str_equal(w, "index")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & NNS_LINK_SET_INDEX)
      return duparg(c, "index", a);
    /* atoi(): what strtol reads, as an int. */
    ch->index = (int) strtol(a, NULL, 10);
    if (ch->index <= 0)
      return invarg(c, "Invalid \"index\" value", a);
    ch->mask |= NNS_LINK_SET_INDEX;
  } else if (nns_ip_matches(w, "link")) {
    NEXT();
    *link = argv[*i];
  } else if (nns_ip_matches(w, "address")) {
    NEXT();
    if (!ll_addr_a2n(c, argv[*i], ch->addr, sizeof ch->addr, &ch->addr_len))
      return 1;
    ch->mask |= NNS_LINK_SET_ADDRESS;
  } else if (nns_ip_matches(w, "broadcast") || g_str_equal(w, "brd")) {
    NEXT();
    if (!ll_addr_a2n(c, argv[*i], ch->broadcast, sizeof ch->broadcast, &ch->broadcast_len))
      return 1;
    ch->mask |= NNS_LINK_SET_BROADCAST;
  } else if (nns_ip_matches(w, "txqueuelen") || g_str_equal(w, "qlen") || nns_ip_matches(w, "txqlen")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & NNS_LINK_SET_TXQLEN)
      return duparg(c, "txqueuelen", a);
    int q;
    if (!get_integer(a, &q))
      return invarg(c, "Invalid \"txqueuelen\" value\n", a);
    ch->txqlen = (guint) q;
    ch->mask |= NNS_LINK_SET_TXQLEN;
  } else if (g_str_equal(w, "mtu")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & NNS_LINK_SET_MTU)
      return duparg(c, "mtu", a);
    /* A negative MTU reaches the kernel, which refuses it. */
    int mtu;
    if (!get_integer(a, &mtu))
      return invarg(c, "Invalid \"mtu\" value\n", a);
    ch->mtu = (guint) mtu;
    ch->mask |= NNS_LINK_SET_MTU;
  } else if (g_str_equal(w, "xdpgeneric") || g_str_equal(w, "xdpdrv") || g_str_equal(w, "xdpoffload") ||
             g_str_equal(w, "xdp")) {
    NEXT();
    if ((rc = xdp_parse(c, i, argc, argv, w, *dev, ch)) >= 0)
      return rc;
    if (g_str_equal(w, "xdpoffload") && *name == *dev)
      *dev = NULL;
  } else if (g_str_equal(w, "netns")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & (NNS_LINK_SET_NETNS_PID | NNS_LINK_SET_NETNS_NAME))
      return duparg(c, "netns", a);
    int pid;
    if (c->be->ops->netns_inode(c->be, a)) {
      ch->netns_name = a;
      ch->mask |= NNS_LINK_SET_NETNS_NAME;
    } else if (get_integer(a, &pid)) {
      ch->netns_pid = pid;
      ch->mask |= NNS_LINK_SET_NETNS_PID;
    } else {
      return invarg(c, "Invalid \"netns\" value\n", a);
    }
    *move_netns = TRUE;
  } else if (flag_word(w, &flag, &on_sets)) {
    NEXT();
    return set_flag(c, ch, w, argv[*i], flag, on_sets);
  } else if (g_str_equal(w, "carrier")) {
    NEXT();
    if ((rc = parse_on_off(c, "carrier", argv[*i], &on)) >= 0)
      return rc;
    ch->carrier = on;
    ch->mask |= NNS_LINK_SET_CARRIER;
  } else if (g_str_equal(w, "vf")) {
    NEXT();
    int vf;
    if (!get_integer(argv[*i], &vf))
      return invarg(c, "Invalid \"vf\" value\n", argv[*i]);
    if (!*dev) {
      nns_err(c->io, "Error: argument \"dev\" is required\n");
      return 255;
    }
    return vf_parse(c, i, argc, argv);
  } else if (nns_ip_matches(w, "master")) {
    NEXT();
    int ifindex = link_index(c, argv[*i], NULL);
    if (!ifindex)
      return invarg(c, "Device does not exist\n", argv[*i]);
    ch->master_ifindex = ifindex;
    ch->mask |= NNS_LINK_SET_MASTER;
  } else if (g_str_equal(w, "vrf")) {
    NEXT();
    /* name_is_vrf: the device's IFLA_INFO_KIND is "vrf". */
    NnsLinkRecord *rec = NULL;
    int ifindex = link_index(c, argv[*i], &rec);
    gboolean vrf = rec && rec->kind && g_str_equal(rec->kind, "vrf");
    if (rec)
      nns_link_record_free(rec);
    if (!ifindex || !vrf)
      return invarg(c, "Not a valid VRF name\n", argv[*i]);
    ch->master_ifindex = ifindex;
    ch->mask |= NNS_LINK_SET_MASTER;
  } else if (nns_ip_matches(w, "nomaster")) {
    ch->master_ifindex = 0;
    ch->mask |= NNS_LINK_SET_MASTER;
  } else if (nns_ip_matches(w, "dynamic")) {
    NEXT();
    return set_flag(c, ch, "dynamic", argv[*i], IFF_DYNAMIC, TRUE);
  } else if (nns_ip_matches(w, "alias")) {
    NEXT();
    a = argv[*i];
    if (strlen(a) >= 256)   /* IFALIASZ */
      return invarg(c, "alias too long\n", a);
    ch->alias = a;
    ch->mask |= NNS_LINK_SET_ALIAS;
  } else if (g_str_equal(w, "group")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & NNS_LINK_SET_GROUP)
      return duparg(c, "group", a);
    if (!group_a2n(a, &ch->group))
      return invarg(c, "Invalid \"group\" value\n", a);
    ch->mask |= NNS_LINK_SET_GROUP;
  } else if (g_str_equal(w, "mode")) {
    NEXT();
    a = argv[*i];
    if (g_ascii_strcasecmp(a, "default") == 0)
      ch->linkmode = IF_LINK_MODE_DEFAULT;
    else if (g_ascii_strcasecmp(a, "dormant") == 0)
      ch->linkmode = IF_LINK_MODE_DORMANT;
    else
      return invarg(c, "Invalid link mode\n", a);
    ch->mask |= NNS_LINK_SET_LINKMODE;
  } else if (g_str_equal(w, "state")) {
    NEXT();
    int state = get_operstate(argv[*i]);
    if (state < 0)
      return invarg(c, "Invalid operstate\n", argv[*i]);
    ch->operstate = (guint8) state;
    ch->mask |= NNS_LINK_SET_OPERSTATE;
  } else if (nns_ip_matches(w, "numtxqueues") || nns_ip_matches(w, "numrxqueues")) {
    gboolean tx = nns_ip_matches(w, "numtxqueues");
    guint bit = tx ? NNS_LINK_SET_NUM_TX_QUEUES : NNS_LINK_SET_NUM_RX_QUEUES;
    NEXT();
    a = argv[*i];
    if (ch->mask & bit)
      return duparg(c, tx ? "numtxqueues" : "numrxqueues", a);
    int n;
    if (!get_integer(a, &n))
      return invarg(c, tx ? "Invalid \"numtxqueues\" value\n" : "Invalid \"numrxqueues\" value\n", a);
    *(tx ? &ch->num_tx_queues : &ch->num_rx_queues) = (guint) n;
    ch->mask |= bit;
  } else if (nns_ip_matches(w, "addrgenmode")) {
    NEXT();
    int mode = get_addr_gen_mode(argv[*i]);
    if (mode < 0)
      return invarg(c, "Invalid address generation mode\n", argv[*i]);
    ch->addr_gen_mode = (guint8) mode;
    ch->mask |= NNS_LINK_SET_ADDR_GEN_MODE;
  } else if (nns_ip_matches(w, "link-netns")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & NNS_LINK_SET_LINK_NETNSID)
      return duparg(c, "link-netns/link-netnsid", a);
    /* get_netnsid_from_name, assigning an id when there is none. */
    int nsid = c->be->ops->netns_inode(c->be, a) ? c->be->ops->nsid_of_name(c->be, c->pid, a) : -1;
    if (nsid < 0 && c->be->ops->netns_inode(c->be, a)) {
      c->be->ops->nsid_set(c->be, c->pid, a, -1, NULL);
      nsid = c->be->ops->nsid_of_name(c->be, c->pid, a);
    }
    if (nsid < 0)
      return invarg(c, "Invalid \"link-netns\" value\n", a);
    ch->link_netnsid = nsid;
    ch->mask |= NNS_LINK_SET_LINK_NETNSID;
  } else if (nns_ip_matches(w, "link-netnsid")) {
    NEXT();
    a = argv[*i];
    if (ch->mask & NNS_LINK_SET_LINK_NETNSID)
      return duparg(c, "link-netns/link-netnsid", a);
    if (!get_integer(a, &ch->link_netnsid))
      return invarg(c, "Invalid \"link-netnsid\" value\n", a);
    ch->mask |= NNS_LINK_SET_LINK_NETNSID;
  } else if (g_str_equal(w, "protodown")) {
    NEXT();
    if ((rc = parse_on_off(c, "protodown", argv[*i], &on)) >= 0)
      return rc;
    ch->protodown = on;
    ch->mask |= NNS_LINK_SET_PROTODOWN;
  } else if (g_str_equal(w, "protodown_reason")) {
    NEXT();
    /* protodown_reason_a2n: /etc/iproute2/protodown_reasons.d names none
     * here, so a bit number below 32. */
    a = argv[*i];
    char *end = NULL;
    unsigned long reason = strtoul(a, &end, 0);
    if (end == a || *end || reason >= 32)
      return invarg(c, "invalid protodown reason\n", a);
    NEXT();
    guint32 bit = 1U << reason;
    if (nns_ip_matches(argv[*i], "on"))
      ch->protodown_reason_value |= bit;
    else if (nns_ip_matches(argv[*i], "off"))
      ch->protodown_reason_value &= ~bit;
    else
      return on_off(c, "protodown_reason", argv[*i]);
    ch->protodown_reason_mask = bit;
    ch->mask |= NNS_LINK_SET_PROTODOWN_REASON;
  } else if (g_str_equal(w, "gso_max_size") || g_str_equal(w, "gro_max_size")) {
    gboolean gso = w[1] == 's';
    NEXT();
    if (!get_unsigned(argv[*i], gso ? &ch->gso_max_size : &ch->gro_max_size))
      return invarg(c, gso ? "Invalid \"gso_max_size\" value\n" : "Invalid \"gro_max_size\" value\n", argv[*i]);
    ch->mask |= gso ? NNS_LINK_SET_GSO_MAX_SIZE : NNS_LINK_SET_GRO_MAX_SIZE;
  } else if (g_str_equal(w, "gso_max_segs")) {
    NEXT();
    if (!get_unsigned(argv[*i], &ch->gso_max_segs) || ch->gso_max_segs > 65535)   /* GSO_MAX_SEGS */
      return invarg(c, "Invalid \"gso_max_segs\" value\n", argv[*i]);
    ch->mask |= NNS_LINK_SET_GSO_MAX_SEGS;
  } else if (g_str_equal(w, "parentdev")) {
    NEXT();
    ch->parent_dev = argv[*i];
    ch->mask |= NNS_LINK_SET_PARENT_DEV;
  } else {
    return -2;
  }
  return -1;
#undef NEXT
}

int
nns_ip_link_parse(NnsIpCall *c, int argc, char **argv, NnsLinkArgs *a)
{
  NnsLinkChange *ch = a->ch;
  const char *name = NULL, *dev = NULL, *link = NULL;
  gboolean move_netns = FALSE;
  int i = 0;
  a->type = NULL;
  for (; i < argc; i++) {
    int rc = parse_keyword(c, &i, argc, argv, ch, &name, &dev, &link, &move_netns);
    if (rc >= 0)
      return rc;
    if (rc == -1)
      continue;
    const char *w = argv[i];
    if (nns_ip_matches(w, "type")) {
      if (++i >= argc)
        return nns_ip_incomplete(c);
      a->type = argv[i++];
      break;
    }
    if (nns_ip_matches(w, "help"))
      return usage(c);
    if (g_str_equal(w, "dev") && ++i >= argc)
      return nns_ip_incomplete(c);
    if (dev != name) {
      nns_err(c->io, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", argv[i]);
      return 255;
    }
    if (!altifname_ok(argv[i]))
      return invarg(c, "\"dev\" not a valid ifname", argv[i]);
    dev = argv[i];
  }
  a->consumed = i;
  /* "Allow ip link add dev and ip link add name" */
  if (!name)
    name = dev;
  else if (!dev)
    dev = name;
  else if (g_str_equal(name, dev))
    name = dev;

  if (dev && (ch->mask & NNS_LINK_SET_ADDRESS) && !a->create) {
    /* nl_get_ll_addr_len: the length of the device's own address. */
    NnsLinkRecord *rec = NULL;
    if (link_index(c, dev, &rec)) {
      int halen = rec->type == 768 /* ARPHRD_TUNNEL */ ? 4 : 6;
      nns_link_record_free(rec);
      if (halen != ch->addr_len) {
        nns_err(c->io, "Invalid address length %d - must be %d bytes\n", ch->addr_len, halen);
        return 1;
      }
    }
  }
  if ((ch->mask & NNS_LINK_SET_INDEX) && !a->create && !move_netns) {
    nns_err(c->io, "index can be used only when creating devices or when moving device to another netns.\n");
    return 255;
  }
  if ((ch->mask & NNS_LINK_SET_GROUP) && !dev) {
    if (i < argc) {
      nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
      return 255;
    }
    if (a->create) {
      nns_err(c->io, "group cannot be used when creating devices.\n");
      return 255;
    }
    a->type = NULL;
    a->ifindex = 0;
    ch->group_wide = TRUE;
    return -1;
  }
  if (!a->create) {
    if (!dev) {
      nns_err(c->io, "Not enough information: \"dev\" argument is required.\n");
      return 255;
    }
    a->ifindex = nns_ip_dev_index(c, dev);
    if (!a->ifindex)
      return 1;
    /* Not renaming to the same name. */
    if (name == dev)
      name = NULL;
  } else {
    if (name != dev) {
      nns_err(c->io, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
      return 255;
    }
    if (link) {
      ch->link_ifindex = nns_ip_dev_index(c, link);
      if (!ch->link_ifindex)
        return 1;
      ch->mask |= NNS_LINK_SET_LINK;
    }
  }
  if (name) {
    g_strlcpy(ch->name, name, sizeof ch->name);
    ch->mask |= NNS_LINK_SET_NAME;
  }
  return -1;
}
