/* The normaliser of tests/compare.py, in C (GRegex is PCRE, so the same
 * patterns, look-aheads included, mean the same). */
#include "shell/diff-normalise.h"

#include <string.h>

static void
block_free(gpointer p)
{
  NnsTranscriptBlock *b = p;
  g_free(b->command);
  g_ptr_array_unref(b->lines);
  g_free(b);
}

GPtrArray *
nns_transcript_parse(const char *text)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func(block_free);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  NnsTranscriptBlock *cur = NULL;
  guint n = g_strv_length(lines);
  /* A final newline leaves an empty last piece that is no line. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < n; i++) {
    if (g_str_has_prefix(lines[i], "# ")) {
      cur = g_new0(NnsTranscriptBlock, 1);
      cur->command = g_strdup(lines[i] + 2);
      cur->lines = g_ptr_array_new_with_free_func(g_free);
      g_ptr_array_add(blocks, cur);
    } else if (cur) {
      g_ptr_array_add(cur->lines, g_strdup(lines[i]));
    }
  }
  return blocks;
}

/* Names given in order of first appearance, per kind: "<mac1>", ... */
typedef struct {
  GHashTable *maps;         /* kind -> (value -> name) */
} Renamer;

static const char *
rename_value(Renamer *r, const char *kind, const char *value)
{
  GHashTable *m = g_hash_table_lookup(r->maps, kind);
  if (!m) {
    m = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_insert(r->maps, g_strdup(kind), m);
  }
  const char *name = g_hash_table_lookup(m, value);
  if (!name) {
    char *fresh = g_strdup_printf("<%s%u>", kind, g_hash_table_size(m) + 1);
    g_hash_table_insert(m, g_strdup(value), fresh);
    name = fresh;
  }
  return name;
}

typedef struct {
  Renamer *r;
  const char *kind;
  gboolean inode;           /* rename group 2, keeping groups 1 and 3 around it */
} RenameCall;

static gboolean
rename_cb(const GMatchInfo *info, GString *res, gpointer data)
{
  RenameCall *c = data;
  if (c->inode) {
    g_autofree char *head = g_match_info_fetch(info, 1);
    g_autofree char *num = g_match_info_fetch(info, 2);
    g_autofree char *tail = g_match_info_fetch(info, 3);
    g_string_append_printf(res, "%s%s%s", head, rename_value(c->r, c->kind, num), tail);
  } else {
    g_autofree char *all = g_match_info_fetch(info, 0);
    g_string_append(res, rename_value(c->r, c->kind, all));
  }
  return FALSE;
}

static const struct {
  const char *pattern;
  const char *replacement;
} masks[] = {
  { "time=[0-9.]+ ms", "time=T ms" },
  { ", time \\d+ms", ", time Tms" },
  { "rtt min/avg/max/mdev = \\S+ ms", "rtt min/avg/max/mdev = T ms" },
  { "(packets|bytes|errors|dropped|overruns|frame|carrier|collisions) \\d+", "\\1 N" },
  { "\\(\\d+(\\.\\d+)? [KMG]?i?B\\)", "(N B)" },
  /* ping -D's timestamps and a flood's ipg/ewma: the clock's, not the network's. */
  { "^\\[\\d+\\.\\d{6}\\] ", "[TIME] " },
  { "ipg/ewma \\d+\\.\\d{3}/\\d+\\.\\d{3} ms", "ipg/ewma T ms" },
  /* ls -l dates: the files of /run/netns are as old as the run. */
  { "^([-dlrwxst]{10} +\\d+ +\\S+ +\\S+ +\\d+ )[A-Z][a-z]{2} [ \\d]\\d ( \\d{4}|\\d\\d:\\d\\d) ", "\\g<1>DATE " },
  /* A route exception's time left: the recording's wall clock runs on. */
  { "^(\\s+cache (?:<\\S+> )?)expires \\d+sec\\b", "\\g<1>expires Nsec" },
  /* IPv6's, on the route's line (text and JSON). */
  { " expires \\d+sec (mtu \\d+ )", " expires Nsec \\1" },
  { "\"expires\":\\d+,(\"metrics\":)", "\"expires\":N,\\1" },
};

/* Not G_REGEX_OPTIMIZE: PCRE's JIT code is opaque to valgrind, which the
 * test suite runs under, and transcripts are small. */
static GRegex *
compile(const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *re = g_regex_new(pattern, 0, 0, &error);
  if (!re)
    g_error("diff-normalise: bad pattern %s: %s", pattern, error->message);
  return re;
}

static char *
substitute(GRegex *re, const char *line, Renamer *r, const char *kind, gboolean inode)
{
  RenameCall c = { r, kind, inode };
  return g_regex_replace_eval(re, line, -1, 0, 0, rename_cb, &c, NULL);
}

void
nns_transcript_normalise(GPtrArray *blocks)
{
  /* A word starts at a boundary or right after a colour escape of `ip -c`
   * ("\e[33m" + MAC), and an address may end at the escape closing it. */
#define START "(?:\\b|(?<=\\x1b\\[\\d\\dm)|(?<=\\x1b\\[\\d;\\d\\dm))"
  g_autoptr(GRegex) mac = compile(START "(?!00:00:00:00:00:00|ff:ff:ff:ff:ff:ff)([0-9a-f]{2}(?::[0-9a-f]{2}){5})\\b");
  g_autoptr(GRegex) ll6 = compile(START "fe80::[0-9a-f:]+(?=/|\\s|$|\\x1b)");
#undef START
  g_autoptr(GRegex) inode = compile("(net:\\[)(\\d+)(\\])");
  /* qdisc_alloc_handle counts for the whole machine since boot. */
  g_autoptr(GRegex) qhandle = compile("^(qdisc \\S+ )(8[0-9a-f]{3})(:)");
  /* ... and a child that mq attached names its class of that handle. */
  g_autoptr(GRegex) qparent = compile("^(qdisc .* parent )(8[0-9a-f]{3})(:)");
  /* conntrack -L lines of ICMP flows: the echo id is ping's PID on the kernel. */
  g_autoptr(GRegex) ct_icmp = compile("^(?:ipv4 +2 +)?icmp +1 ");
  g_autoptr(GRegex) ct_id = compile("\\b(id=)(\\d+)()");
  GRegex *mask_re[G_N_ELEMENTS(masks)];
  for (gsize m = 0; m < G_N_ELEMENTS(masks); m++)
    mask_re[m] = compile(masks[m].pattern);
  Renamer r = { g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref) };
  for (guint b = 0; b < blocks->len; b++) {
    NnsTranscriptBlock *blk = g_ptr_array_index(blocks, b);
    for (guint i = 0; i < blk->lines->len; i++) {
      g_autofree char *line = g_strdup(g_ptr_array_index(blk->lines, i));
      g_strchomp(line);
      g_autofree char *a = substitute(mac, line, &r, "mac", FALSE);
      g_autofree char *b2 = substitute(ll6, a, &r, "ll6_", FALSE);
      g_autofree char *c2 = substitute(inode, b2, &r, "ns", TRUE);
      g_autofree char *d2 = substitute(qhandle, c2, &r, "qh", TRUE);
      char *cur = substitute(qparent, d2, &r, "qh", TRUE);
      if (g_regex_match(ct_icmp, cur, 0, NULL)) {
        char *next = substitute(ct_id, cur, &r, "echoid", TRUE);
        g_free(cur);
        cur = next;
      }
      for (gsize m = 0; m < G_N_ELEMENTS(masks); m++) {
        char *next = g_regex_replace(mask_re[m], cur, -1, 0, masks[m].replacement, 0, NULL);
        g_free(cur);
        cur = next;
      }
      g_free(blk->lines->pdata[i]);
      blk->lines->pdata[i] = cur;
    }
    while (blk->lines->len && ((char *) g_ptr_array_index(blk->lines, blk->lines->len - 1))[0] == '\0')
      g_ptr_array_remove_index(blk->lines, blk->lines->len - 1);
  }
  for (gsize m = 0; m < G_N_ELEMENTS(masks); m++)
    g_regex_unref(mask_re[m]);
  g_hash_table_unref(r.maps);
}
