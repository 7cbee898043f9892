/* `ip link`: parsing of add / delete / set / show, as iproute2's
 * ip/iplink.c; the semantics are the backend's, the output print-link.c's. */
#include "shell/ip/ip-common.h"
#include "shell/ip/ip-link-bridge.h"
#include "shell/ip/ip-usage.h"

#include <errno.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>

static gboolean
parse_uint(const char *s, guint *out)
{
  char *end = NULL;
  if (!*s || *s == '-')
    return FALSE;
  guint64 v = g_ascii_strtoull(s, &end, 0);
  if (*end || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static int
parse_mac(NnsIpCall *c, const char *s, guint8 mac[6])
{
  g_auto(GStrv) parts = g_strsplit(s, ":", -1);
  guint n = g_strv_length(parts);
  for (guint i = 0; i < n; i++) {
    char *end = NULL;
    gulong v = strtoul(parts[i], &end, 16);
    if (!*parts[i] || *end || v > 255) {
      nns_err(c->io, "\"%s\" is invalid lladdr.\n", s);
      return 1;
    }
    if (i < 6)
      mac[i] = (guint8) v;
  }
  if (n != 6) {
    nns_err(c->io, "Invalid address length %u - must be 6 bytes\n", n);
    return 1;
  }
  return 0;
}

static int
invarg_blank(NnsIpCall *c, const char *msg, const char *arg)
{
  /* iproute2 prints these with an empty line after them. */
  nns_err(c->io, "Error: argument \"%s\" is wrong: %s\n\n", arg, msg);
  return 255;
}

/* duparg(): a keyword iplink_parse takes once per device. */
static int
duparg(NnsIpCall *c, const char *key, const char *arg)
{
  nns_err(c->io, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key, arg);
  return 255;
}

/* get_integer(..., 0): an int in any base strtol reads. */
static gboolean
parse_int(const char *s, int *out)
{
  char *end = NULL;
  long v = strtol(s, &end, 0);
  if (!*s || *end || v < G_MININT || v > G_MAXINT)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

/* The flags iplink_parse sets under ifi_change: `WORD on|off`, where "on"
 * sets the flag, or clears it for arp (NOARP) and trailers (NOTRAILERS). */
typedef struct {
  const char *word;
  guint flag;
  gboolean on_sets;
} FlagWord;

static const FlagWord flag_words[] = {
  { "multicast", IFF_MULTICAST, TRUE }, { "allmulticast", IFF_ALLMULTI, TRUE },
  { "promisc", IFF_PROMISC, TRUE },     { "trailers", IFF_NOTRAILERS, FALSE },
  { "arp", IFF_NOARP, FALSE },          { "dynamic", IFF_DYNAMIC, TRUE },
};

static const FlagWord *
flag_word(const char *w)
{
  for (gsize i = 0; i < G_N_ELEMENTS(flag_words); i++)
    if (g_str_equal(w, flag_words[i].word))
      return &flag_words[i];
  return NULL;
}

/* parse_on_off */
static gboolean
parse_on_off(NnsIpCall *c, const char *what, const char *arg, gboolean *on)
{
  if (g_str_equal(arg, "on") || g_str_equal(arg, "off")) {
    *on = g_str_equal(arg, "on");
    return TRUE;
  }
  nns_err(c->io, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n", what, arg);
  return FALSE;
}

/* The attributes `ip link add` and `ip link set` share (iplink_parse).
 * Returns -1 when the word is not one of them, else an exit status (0 ok). */
static int
parse_link_attr(NnsIpCall *c, int *i, int argc, char **argv, NnsLinkChange *ch)
{
  const char *w = argv[*i];
#define NEXT()                                                                 \
  do {                                                                         \
    if (++*i >= argc) {                                                        \
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");   \
      return 255;                                                              \
    }                                                                          \
  } while (0)
  if (g_str_equal(w, "up")) {
    ch->mask = (ch->mask | NNS_LINK_SET_UP) & ~NNS_LINK_SET_DOWN;
  } else if (g_str_equal(w, "down")) {
    ch->mask = (ch->mask | NNS_LINK_SET_DOWN) & ~NNS_LINK_SET_UP;
  } else if (g_str_equal(w, "name")) {
    NEXT();
    if (ch->mask & NNS_LINK_SET_NAME)
      return duparg(c, "name", argv[*i]);
    if (strlen(argv[*i]) > NNS_NAME_MAX_TEXT || !*argv[*i])
      return nns_ip_invarg(c, "\"name\" not a valid ifname", argv[*i]);
    g_strlcpy(ch->name, argv[*i], sizeof ch->name);
    ch->mask |= NNS_LINK_SET_NAME;
  } else if (g_str_equal(w, "mtu")) {
    NEXT();
    if (ch->mask & NNS_LINK_SET_MTU)
      return duparg(c, "mtu", argv[*i]);
    /* get_integer(): a negative MTU reaches the kernel, which refuses it. */
    int mtu;
    if (!parse_int(argv[*i], &mtu))
      return invarg_blank(c, "Invalid \"mtu\" value", argv[*i]);
    ch->mtu = (guint) mtu;
    ch->mask |= NNS_LINK_SET_MTU;
  } else if (g_str_equal(w, "address")) {
    NEXT();
    int rc = parse_mac(c, argv[*i], ch->addr);
    if (rc)
      return rc;
    ch->mask |= NNS_LINK_SET_ADDRESS;
  } else if (nns_ip_matches(w, "txqueuelen") || g_str_equal(w, "qlen") || nns_ip_matches(w, "txqlen")) {
    NEXT();
    if (ch->mask & NNS_LINK_SET_TXQLEN)
      return duparg(c, "txqueuelen", argv[*i]);
    if (!parse_uint(argv[*i], &ch->txqlen))
      return invarg_blank(c, "Invalid \"txqueuelen\" value", argv[*i]);
    ch->mask |= NNS_LINK_SET_TXQLEN;
  } else if (g_str_equal(w, "group")) {
    NEXT();
    if (ch->mask & NNS_LINK_SET_GROUP)
      return duparg(c, "group", argv[*i]);
    if (!parse_uint(argv[*i], &ch->group) && !g_str_equal(argv[*i], "default"))
      return invarg_blank(c, "Invalid \"group\" value", argv[*i]);
    ch->mask |= NNS_LINK_SET_GROUP;
  } else if (g_str_equal(w, "alias")) {
    NEXT();
    ch->alias = argv[*i];
    ch->mask |= NNS_LINK_SET_ALIAS;
  } else if (g_str_equal(w, "netns")) {
    NEXT();
    guint pid;
    if (parse_uint(argv[*i], &pid)) {
      ch->netns_pid = (int) pid;
      ch->mask |= NNS_LINK_SET_NETNS_PID;
    } else if (c->be->ops->netns_inode(c->be, argv[*i])) {
      ch->netns_name = argv[*i];
      ch->mask |= NNS_LINK_SET_NETNS_NAME;
    } else {
      return invarg_blank(c, "Invalid \"netns\" value", argv[*i]);
    }
  } else if (g_str_equal(w, "master")) {
    NEXT();
    g_autoptr(GError) error = NULL;
    NnsLinkRecord *m = c->be->ops->link_get(c->be, c->pid, argv[*i], &error);
    if (!m)
      return nns_ip_invarg(c, "Device does not exist\n", argv[*i]);
    ch->master_ifindex = m->ifindex;
    nns_link_record_free(m);
    ch->mask |= NNS_LINK_SET_MASTER;
  } else if (nns_ip_matches(w, "nomaster")) {   /* matches(): "n" and "no" too */
    ch->master_ifindex = 0;
    ch->mask |= NNS_LINK_SET_MASTER;
  } else if (nns_ip_matches(w, "numtxqueues") || nns_ip_matches(w, "numrxqueues")) {
    /* Prefixes, as matches() takes them; the kernel reads the counts
     * when it creates a device and ignores them on a change. */
    gboolean tx = nns_ip_matches(w, "numtxqueues");
    const char *key = tx ? "numtxqueues" : "numrxqueues";
    guint bit = tx ? NNS_LINK_SET_NUM_TX_QUEUES : NNS_LINK_SET_NUM_RX_QUEUES;
    NEXT();
    if (ch->mask & bit)
      return duparg(c, key, argv[*i]);
    int n;
    if (!parse_int(argv[*i], &n))
      return invarg_blank(c, tx ? "Invalid \"numtxqueues\" value" : "Invalid \"numrxqueues\" value",
                          argv[*i]);
    *(tx ? &ch->num_tx_queues : &ch->num_rx_queues) = (guint) n;
    ch->mask |= bit;
  } else if (flag_word(w)) {
    NEXT();
    gboolean on;
    if (!parse_on_off(c, w, argv[*i], &on))
      return 1;
    const FlagWord *f = flag_word(w);
    ch->flags_change |= f->flag;
    if (on == f->on_sets)
      ch->flags |= f->flag;
    else
      ch->flags &= ~f->flag;
  } else if (g_str_equal(w, "carrier") || g_str_equal(w, "protodown")) {
    NEXT();
    gboolean on;
    /* parse_one_of("carrier" / "protodown", { "off", "on" }): prefixes,
     * the first match winning; -EINVAL is the status. */
    if (nns_ip_matches(argv[*i], "off") || nns_ip_matches(argv[*i], "on")) {
      on = !nns_ip_matches(argv[*i], "off");
    } else {
      nns_err(c->io, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n", w, argv[*i]);
      return EINVAL;
    }
    if (*w == 'c') {
      ch->carrier = on;
      ch->mask |= NNS_LINK_SET_CARRIER;
    } else {
      ch->protodown = on;
      ch->mask |= NNS_LINK_SET_PROTODOWN;
    }
  } else {
    return -1;
  }
  return 0;
#undef NEXT
}

/* One device's words of iplink_parse (iproute2 6.1), up to `type KIND`
 * (returned in *kind, NULL when absent): attributes into *ch, the
 * device's name from `name X`, `dev X` or a bare word.  Then, as
 * iplink_parse ends for a creation: a group needs a device named, and
 * `name` and `dev` may not name two devices.  Returns -1 when all went
 * well, else an exit status. */
static int
parse_link_words(NnsIpCall *c, int *i, int argc, char **argv, NnsLinkChange *ch, const char **kind)
{
  const char *name = NULL, *dev = NULL;
  for (; *i < argc; (*i)++) {
    gboolean is_name = g_str_equal(argv[*i], "name");
    int rc = parse_link_attr(c, i, argc, argv, ch);
    if (rc > 0)
      return rc;
    if (rc == 0) {
      if (is_name) {
        name = argv[*i];
        if (!dev)
          dev = name;
      }
      continue;
    }
    if (nns_ip_matches(argv[*i], "type")) {
      if (++*i >= argc) {
        nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      *kind = argv[(*i)++];
      break;
    }
    if (g_str_equal(argv[*i], "dev") && ++*i >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (dev != name) {
      nns_err(c->io, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", argv[*i]);
      return 255;
    }
    dev = argv[*i];
  }
  /* "Allow ip link add dev and ip link add name" */
  if (!name)
    name = dev;
  else if (!dev)
    dev = name;
  else if (g_str_equal(name, dev))
    name = dev;
  if ((ch->mask & NNS_LINK_SET_GROUP) && !dev) {
    if (*i < argc)
      nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[*i]);
    else
      nns_err(c->io, "group cannot be used when creating devices.\n");
    return 255;
  }
  if (name != dev) {
    nns_err(c->io, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
    return 255;
  }
  if (name) {
    g_strlcpy(ch->name, name, sizeof ch->name);
    ch->mask |= NNS_LINK_SET_NAME;
  }
  return -1;
}

static const char *const known_kinds[] = { "veth", "bridge", "dummy", "ifb" };

static int
link_add(NnsIpCall *c, int argc, char **argv)
{
  NnsLinkCreate req = { 0 };
  const char *kind = NULL;
  int i = 0;
  int rc = parse_link_words(c, &i, argc, argv, &req.link, &kind);
  if (rc >= 0)
    return rc;
  if (!kind) {
    nns_err(c->io, "Not enough information: \"type\" argument is required\n");
    return 1;
  }
  gboolean known = FALSE;
  for (gsize k = 0; k < G_N_ELEMENTS(known_kinds); k++)
    known |= g_str_equal(kind, known_kinds[k]);
  if (!known && i < argc) {
    nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
    return 1;
  }
  if (g_str_equal(kind, "veth") && i < argc) {
    if (!g_str_equal(argv[i], "peer")) {
      nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
      return 1;
    }
    /* veth_parse_opt: iplink_parse again for the peer, which takes no type. */
    req.has_peer = TRUE;
    const char *peer_kind = NULL;
    i++;
    rc = parse_link_words(c, &i, argc, argv, &req.peer, &peer_kind);
    if (rc >= 0)
      return rc;
    if (peer_kind)
      return duparg(c, "type", peer_kind);
  } else if (g_str_equal(kind, "bridge") && i < argc) {
    rc = nns_ip_link_bridge_opts(c, argc - i, argv + i, &req.link.br);
    if (rc >= 0)
      return rc;
  } else if (i < argc) {
    nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
    return 1;
  }
  if (!known) {
    nns_err(c->io, "Error: Unknown device type.\n");
    return 2;
  }
  req.kind = kind;
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->link_create(c->be, c->pid, &req, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

static int
link_delete(NnsIpCall *c, int argc, char **argv)
{
  const char *name = NULL;
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "dev") && i + 1 < argc)
      i++;
    else if (g_str_equal(argv[i], "type") && i + 1 < argc) {
      i++;
      continue;
    }
    name = argv[i];
  }
  if (!name) {
    nns_err(c->io, "Not enough information: \"dev\" argument is required.\n");
    return 255;
  }
  int ifindex = nns_ip_dev_index(c, name);
  if (!ifindex)
    return 1;
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->link_delete(c->be, c->pid, ifindex, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

static int
link_set(NnsIpCall *c, int argc, char **argv)
{
  NnsLinkChange ch = { 0 };
  const char *dev = NULL;
  for (int i = 0; i < argc; i++) {
    if (g_str_equal(argv[i], "dev")) {
      if (++i >= argc) {
        nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
        return 255;
      }
      dev = argv[i];
      continue;
    }
    int rc = parse_link_attr(c, &i, argc, argv, &ch);
    if (rc > 0)
      return rc;
    if (rc == 0)
      continue;
    if (nns_ip_matches(argv[i], "type")) {
      /* iplink_modify: the kind's own words follow as IFLA_INFO_DATA. */
      if (++i >= argc)
        return nns_ip_incomplete(c);
      ch.info_kind = argv[i++];
      if (g_str_equal(ch.info_kind, "bridge") && i < argc) {
        rc = nns_ip_link_bridge_opts(c, argc - i, argv + i, &ch.br);
        if (rc >= 0)
          return rc;
      } else if (g_str_equal(ch.info_kind, "bridge_slave") && i < argc) {
        nns_err(c->io, "netnsim: ip link: the options of type bridge_slave are not modelled "
                       "(bridge link set takes them)\n");
        return 1;
      } else if (i < argc) {
        nns_err(c->io, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n", argv[i]);
        return 1;
      }
      break;
    }
    if (dev) {
      nns_err(c->io, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", argv[i]);
      return 255;
    }
    dev = argv[i];
  }
  if (!dev) {
    nns_err(c->io, "Not enough information: \"dev\" argument is required.\n");
    return 255;
  }
  int ifindex = nns_ip_dev_index(c, dev);
  if (!ifindex)
    return 1;
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->link_change(c->be, c->pid, ifindex, &ch, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

typedef struct {
  const char *dev;
  const char *label;          /* ip addr show label PATTERN */
  const char *kind;
  const char *master;
  gboolean up;
  gboolean has_group;
  guint group;
} LinkFilter;

static gboolean
filter_match(const LinkFilter *f, const NnsIpContext *ctx, const NnsLinkRecord *l)
{
  if (f->dev && !g_str_equal(f->dev, l->name))
    return FALSE;
  if (f->up && !(l->flags & IFF_UP))
    return FALSE;
  if (f->has_group && l->group != f->group)
    return FALSE;
  if (f->master) {
    const NnsLinkRecord *m = l->master ? nns_ip_link_by_index(ctx, l->master) : NULL;
    if (!m || !g_str_equal(m->name, f->master))
      return FALSE;
  }
  if (f->kind) {
    gsize n = strlen(f->kind);
    if (n > 6 && g_str_has_suffix(f->kind, "_slave")) {
      if (!l->slave_kind || strncmp(l->slave_kind, f->kind, n - 6) != 0)
        return FALSE;
    } else if (!l->kind || !g_str_equal(l->kind, f->kind)) {
      return FALSE;
    }
  }
  return TRUE;
}

/* `ip link show` and, with addresses, `ip addr show` share this loop. */
int
nns_ip_link_list(NnsIpCall *c, int argc, char **argv, gboolean with_addrs)
{
  LinkFilter f = { 0 };
  for (int i = 0; i < argc; i++) {
    const char *w = argv[i];
    if ((g_str_equal(w, "dev") || g_str_equal(w, "type") || g_str_equal(w, "master") ||
         g_str_equal(w, "group") || g_str_equal(w, "label")) && i + 1 >= argc) {
      nns_err(c->io, "Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (g_str_equal(w, "dev"))
      f.dev = argv[++i];
    else if (g_str_equal(w, "type"))
      f.kind = argv[++i];
    else if (g_str_equal(w, "master"))
      f.master = argv[++i];
    else if (with_addrs && g_str_equal(w, "label"))
      f.label = argv[++i];
    else if (g_str_equal(w, "group")) {
      f.has_group = TRUE;
      if (!parse_uint(argv[++i], &f.group))
        f.group = 0;
    } else if (g_str_equal(w, "up"))
      f.up = TRUE;
    else if (f.dev) {
      nns_err(c->io, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", w);
      return 255;
    } else
      f.dev = w;
  }
  NnsIpContext ctx = { 0 };
  if (!nns_ip_context_load(c, &ctx))
    return 2;
  if (f.dev && !nns_ip_context_has_name(&ctx, f.dev)) {
    nns_err(c->io, "Device \"%s\" does not exist.\n", f.dev);
    nns_ip_context_clear(&ctx);
    return 1;
  }
  g_autoptr(GPtrArray) addrs = NULL;
  if (with_addrs) {
    g_autoptr(GError) error = NULL;
    addrs = c->be->ops->addr_dump(c->be, c->pid, c->opts.family, &error);
  }
  c->opts.inet6_links = with_addrs && c->opts.family == AF_INET6 && !f.dev;
  NnsPrinter p;
  nns_printer_init(&p, c->io->out, c->opts.json, c->opts.pretty, c->opts.oneline);
  p.color = c->opts.color;
  nns_print_begin_dump(&p);
  for (guint i = 0; i < ctx.links->len; i++) {
    const NnsLinkRecord *l = g_ptr_array_index(ctx.links, i);
    if (!filter_match(&f, &ctx, l))
      continue;
    if (!with_addrs) {
      nns_print_link(&p, &c->opts, &ctx, l, NULL);
      continue;
    }
    g_autoptr(GPtrArray) mine = g_ptr_array_new();
    for (guint j = 0; addrs && j < addrs->len; j++) {
      NnsAddrRecord *a = g_ptr_array_index(addrs, j);
      if (a->ifindex != l->ifindex)
        continue;
      /* A label filter shows the matching IPv4 addresses alone. */
      if (f.label && (a->family != AF_INET || !g_pattern_match_simple(f.label, a->label)))
        continue;
      g_ptr_array_add(mine, a);
    }
    if (f.label) {
      for (guint j = 0; j < mine->len; j++) {
        nns_print_addr(&p, &c->opts, l, g_ptr_array_index(mine, j));
        nns_print_text(&p, "\n");
      }
      continue;
    }
    /* -4/-6 hide links without an address of that family. */
    if (c->opts.family && mine->len == 0)
      continue;
    nns_ip_print_addr_block(c, &p, &ctx, l, mine);
  }
  nns_print_end_dump(&p);
  nns_ip_context_clear(&ctx);
  return 0;
}

int
nns_ip_link(NnsIpCall *c, int argc, char **argv)
{
  c->opts.do_link = TRUE;
  if (argc == 0)
    return nns_ip_link_list(c, 0, NULL, FALSE);
  const char *cmd = argv[0];
  if (nns_ip_matches(cmd, "add"))
    return link_add(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "delete"))
    return link_delete(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "set") || nns_ip_matches(cmd, "change"))
    return link_set(c, argc - 1, argv + 1);
  if (nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "lst"))
    return nns_ip_link_list(c, argc - 1, argv + 1, FALSE);
  if (nns_ip_matches(cmd, "help")) {
    g_string_append(c->io->err, nns_ip_link_usage);
    return 255;
  }
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip link help\".\n", cmd);
  return 255;
}
