#include "shell/diff-hash-order.h"
#include "shell/diff-normalise.h"

#include <string.h>

/* iproute2's matches(): `word` is a non-empty prefix of `full`. */
static gboolean
prefix_of(const char *word, const char *full)
{
  return *word && g_str_has_prefix(full, word);
}

/* ip's global options that take a value (the rest take none). */
static gboolean
option_takes_value(const char *o)
{
  static const char *const with_value[] = { "-n", "-netns", "-f", "-family", "-b", "-batch", "-rc", "-rcvbuf", NULL };
  return g_strv_contains(with_value, o);
}

gboolean
nns_command_in_hash_order(const char *command)
{
  if (strchr(command, '|') || strchr(command, '>'))
    return FALSE;
  g_auto(GStrv) w = g_strsplit_set(command, " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new();
  for (guint i = 0; w[i]; i++)
    if (*w[i])
      g_ptr_array_add(words, w[i]);
  guint at = 0;
  /* `ip netns exec NS CMD...` runs CMD. */
  while (at + 3 < words->len && g_str_equal(words->pdata[at], "ip") && g_str_equal(words->pdata[at + 1], "netns") &&
         g_str_equal(words->pdata[at + 2], "exec"))
    at += 4;
  if (at >= words->len)
    return FALSE;
  if (g_str_equal(words->pdata[at], "arp"))
    return TRUE;
  if (!g_str_equal(words->pdata[at], "ip"))
    return FALSE;
  for (at++; at < words->len && ((char *) words->pdata[at])[0] == '-'; at++) {
    /* JSON is one document, not lines of entries. */
    if (prefix_of((char *) words->pdata[at] + 1, "json") || g_str_equal(words->pdata[at], "-jp") ||
        g_str_equal(words->pdata[at], "-pj"))
      return FALSE;
    if (option_takes_value(words->pdata[at]))
      at++;
  }
  if (at >= words->len || !(prefix_of(words->pdata[at], "neighbour") || prefix_of(words->pdata[at], "neighbor")))
    return FALSE;
  if (++at >= words->len)
    return TRUE;
  /* do_ipneigh: show, list and lst list; any other word is another
   * command or an error. */
  const char *verb = words->pdata[at];
  return prefix_of(verb, "show") || prefix_of(verb, "list") || prefix_of(verb, "lst");
}

static gint
by_text(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

void
nns_transcript_sort_hash_ordered(GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++) {
    NnsTranscriptBlock *b = g_ptr_array_index(blocks, i);
    if (!nns_command_in_hash_order(b->command) || b->lines->len < 2)
      continue;
    guint n = b->lines->len;
    if (g_str_has_prefix(b->lines->pdata[n - 1], "[exit "))
      n--;
    /* arp prints a heading first; it stays. */
    guint from = n && g_str_has_prefix(b->lines->pdata[0], "Address ") ? 1 : 0;
    if (n > from)
      qsort(b->lines->pdata + from, n - from, sizeof(gpointer), by_text);
  }
}
