#include "shell/replay/normalise.h"

#include <string.h>

typedef struct {
  GRegex *re;
  const char *replacement;
} Mask;

struct _NnsNormaliser {
  GRegex *mac, *ll6, *nsinode, *qhandle, *ls_line, *ls_date;
  GHashTable *names;          /* "kind\tvalue" -> "<kindN>" */
  GHashTable *counts;         /* kind -> count (GUINT_TO_POINTER) */
  GArray *masks;              /* Mask */
};

/* Masks: figures that depend on the machine's speed or history. */
static const struct {
  const char *pattern, *replacement;
} mask_rules[] = {
  { "time=[0-9.]+ ms", "time=T ms" },                               /* ping replies */
  { ", time [0-9]+ms", ", time Tms" },                              /* ping statistics */
  { "rtt min/avg/max/mdev = \\S+ ms", "rtt min/avg/max/mdev = T ms" },
  { "\\b(packets|bytes|errors|dropped|overruns|frame|carrier|collisions) [0-9]+", "\\1 N" },
  { "\\([0-9]+(\\.[0-9]+)? [KMGT]?i?B\\)", "(N B)" },               /* ifconfig byte totals */
};

static GRegex *
re(const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *r = g_regex_new(pattern, 0, 0, &error);
  g_assert_no_error(error);
  return r;
}

NnsNormaliser *
nns_normaliser_new(void)
{
  NnsNormaliser *n = g_new0(NnsNormaliser, 1);
  /* all-zero and all-ones are fixed addresses (lo, broadcast): kept */
  n->mac = re("\\b(?!00:00:00:00:00:00\\b|ff:ff:ff:ff:ff:ff\\b)[0-9a-f]{2}(?::[0-9a-f]{2}){5}\\b");
  n->ll6 = re("\\bfe80::[0-9a-f:]+(?=/|\\s|$)");
  n->nsinode = re("net:\\[([0-9]+)\\]");
  /* qdisc_alloc_handle counts for the whole machine since boot */
  n->qhandle = re("^(qdisc \\S+ )(8[0-9a-f]{3})(:)");
  n->ls_line = re("^[-dlcbps][-rwxsStT]{9}[.+@]?\\s");
  n->ls_date = re("(?:\\b[A-Z][a-z]{2}|[0-9]{1,2}月)\\s+[0-9]{1,2}\\s+(?:[0-9]{1,2}:[0-9]{2}|[0-9]{4})\\b");
  n->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  n->counts = g_hash_table_new(g_str_hash, g_str_equal);
  n->masks = g_array_new(FALSE, FALSE, sizeof(Mask));
  for (gsize i = 0; i < G_N_ELEMENTS(mask_rules); i++) {
    Mask m = { re(mask_rules[i].pattern), mask_rules[i].replacement };
    g_array_append_val(n->masks, m);
  }
  return n;
}

void
nns_normaliser_free(NnsNormaliser *n)
{
  if (!n)
    return;
  g_regex_unref(n->mac);
  g_regex_unref(n->ll6);
  g_regex_unref(n->nsinode);
  g_regex_unref(n->qhandle);
  g_regex_unref(n->ls_line);
  g_regex_unref(n->ls_date);
  g_hash_table_unref(n->names);
  g_hash_table_unref(n->counts);
  for (guint i = 0; i < n->masks->len; i++)
    g_regex_unref(g_array_index(n->masks, Mask, i).re);
  g_array_unref(n->masks);
  g_free(n);
}

/* The name of `value` in order of first appearance: <mac1>, <mac2>, ... */
static const char *
name_of(NnsNormaliser *n, const char *kind, const char *value)
{
  g_autofree char *key = g_strdup_printf("%s\t%s", kind, value);
  const char *name = g_hash_table_lookup(n->names, key);
  if (name)
    return name;
  guint count = GPOINTER_TO_UINT(g_hash_table_lookup(n->counts, kind)) + 1;
  g_hash_table_insert(n->counts, (gpointer) kind, GUINT_TO_POINTER(count));
  char *fresh = g_strdup_printf("<%s%u>", kind, count);
  g_hash_table_insert(n->names, g_steal_pointer(&key), fresh);
  return fresh;
}

typedef struct {
  NnsNormaliser *n;
  const char *kind;
  int group;
} RenameCtx;

static gboolean
rename_cb(const GMatchInfo *m, GString *out, gpointer data)
{
  RenameCtx *c = data;
  g_autofree char *value = g_match_info_fetch(m, c->group);
  if (c->group == 0) {
    g_string_append(out, name_of(c->n, c->kind, value));
  } else if (c->group == 2) {
    /* the value between groups 1 and 3, which stay */
    g_autofree char *head = g_match_info_fetch(m, 1);
    g_autofree char *tail = g_match_info_fetch(m, 3);
    g_string_append_printf(out, "%s%s%s", head, name_of(c->n, c->kind, value), tail);
  } else {
    g_string_append_printf(out, "net:[%s]", name_of(c->n, c->kind, value));
  }
  return FALSE;
}

static char *
rename_all(NnsNormaliser *n, GRegex *r, const char *kind, int group, const char *line)
{
  RenameCtx c = { n, kind, group };
  return g_regex_replace_eval(r, line, -1, 0, 0, rename_cb, &c, NULL);
}

static char *
normalise_line(NnsNormaliser *n, const char *raw)
{
  g_autofree char *line = g_strchomp(g_strdup(raw));   /* trailing blanks */
  g_autofree char *a = rename_all(n, n->mac, "mac", 0, line);
  g_autofree char *b = rename_all(n, n->ll6, "ll6_", 0, a);
  g_autofree char *b2 = rename_all(n, n->nsinode, "ns", 1, b);
  char *c = rename_all(n, n->qhandle, "qh", 2, b2);
  for (guint i = 0; i < n->masks->len; i++) {
    Mask *m = &g_array_index(n->masks, Mask, i);
    char *next = g_regex_replace(m->re, c, -1, 0, m->replacement, 0, NULL);
    g_free(c);
    c = next;
  }
  if (g_regex_match(n->ls_line, c, 0, NULL)) {
    char *next = g_regex_replace_literal(n->ls_date, c, -1, 0, "<date>", 0, NULL);
    g_free(c);
    c = next;
  }
  return c;
}

gboolean
nns_line_is_blank(const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isspace(*s))
      return FALSE;
  return TRUE;
}

GPtrArray *
nns_normalise(NnsNormaliser *n, GPtrArray *lines, guint flags)
{
  guint first = 0, last = lines->len;
  /* Trailing blank lines: always (a transcript cannot show them apart
   * from the separator before the next command); leading ones only in
   * markdown, where authors put a blank line after the command. */
  while (last > first && nns_line_is_blank(lines->pdata[last - 1]))
    last--;
  if (flags & NNS_NORM_MARKDOWN)
    while (first < last && nns_line_is_blank(lines->pdata[first]))
      first++;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (guint i = first; i < last; i++) {
    if ((flags & NNS_NORM_NO_BLANKS) && nns_line_is_blank(lines->pdata[i]))
      continue;
    g_ptr_array_add(out, normalise_line(n, lines->pdata[i]));
  }
  return out;
}
