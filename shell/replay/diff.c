/* Longest common subsequence by dynamic programming: outputs of one
 * command are short, so the quadratic table is cheap and the diff minimal. */
#include "shell/replay/diff.h"

#include <string.h>

enum { KEEP, DEL, ADD };
#define CONTEXT 3

typedef struct {
  int op;
  guint ia, ib;               /* line indexes in a and b */
} Edit;

static GArray *
edit_script(GPtrArray *a, GPtrArray *b)
{
  guint n = a->len, m = b->len;
  guint *t = g_new0(guint, (gsize) (n + 1) * (m + 1));
#define T(i, j) t[(gsize) (i) * (m + 1) + (j)]
  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      T(i, j) = g_str_equal(a->pdata[i], b->pdata[j]) ? T(i + 1, j + 1) + 1
                                                      : MAX(T(i + 1, j), T(i, j + 1));
  GArray *edits = g_array_new(FALSE, FALSE, sizeof(Edit));
  guint i = 0, j = 0;
  while (i < n || j < m) {
    Edit e = { KEEP, i, j };
    if (i < n && j < m && g_str_equal(a->pdata[i], b->pdata[j])) {
      i++, j++;
    } else if (i < n && (j == m || T(i + 1, j) >= T(i, j + 1))) {
      e.op = DEL;             /* removals first, as diff -u shows them */
      i++;
    } else {
      e.op = ADD;
      j++;
    }
    g_array_append_val(edits, e);
  }
#undef T
  g_free(t);
  return edits;
}

void
nns_unified_diff(GPtrArray *a, GPtrArray *b, const char *label_a, const char *label_b,
                 const char *indent, GString *out)
{
  g_autoptr(GArray) edits = edit_script(a, b);
  guint n = edits->len;
  gboolean any = FALSE;
  for (guint k = 0; k < n; k++)
    any |= g_array_index(edits, Edit, k).op != KEEP;
  if (!any)
    return;
  g_string_append_printf(out, "%s--- %s\n%s+++ %s\n", indent, label_a, indent, label_b);
  guint k = 0;
  while (k < n) {
    while (k < n && g_array_index(edits, Edit, k).op == KEEP)
      k++;
    if (k == n)
      break;
    /* A hunk: from CONTEXT lines before the change to CONTEXT after the
     * last change that is no more than 2*CONTEXT unchanged lines apart. */
    guint start = k > CONTEXT ? k - CONTEXT : 0, end = k;
    guint keep_run = 0;
    for (guint q = k; q < n; q++) {
      if (g_array_index(edits, Edit, q).op == KEEP) {
        if (++keep_run > 2 * CONTEXT)
          break;
      } else {
        keep_run = 0;
        end = q;
      }
    }
    end = MIN(n, end + 1 + CONTEXT);
    guint la = 0, lb = 0;
    for (guint q = start; q < end; q++) {
      int op = g_array_index(edits, Edit, q).op;
      la += op != ADD;
      lb += op != DEL;
    }
    Edit *s = &g_array_index(edits, Edit, start);
    g_string_append_printf(out, "%s@@ -%u,%u +%u,%u @@\n", indent,
                           la ? s->ia + 1 : s->ia, la, lb ? s->ib + 1 : s->ib, lb);
    for (guint q = start; q < end; q++) {
      Edit *e = &g_array_index(edits, Edit, q);
      if (e->op == KEEP)
        g_string_append_printf(out, "%s %s\n", indent, (char *) a->pdata[e->ia]);
      else if (e->op == DEL)
        g_string_append_printf(out, "%s-%s\n", indent, (char *) a->pdata[e->ia]);
      else
        g_string_append_printf(out, "%s+%s\n", indent, (char *) b->pdata[e->ib]);
    }
    k = end;
  }
}
