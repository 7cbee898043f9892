/* POSIX basic and extended regular expressions, rewritten for PCRE. */
#include "shell/tools/tools.h"

#include <string.h>

#define UNMATCHED_BRACKET "Unmatched [, [^, [:, [., or [="
#define UNMATCHED_OPEN "Unmatched ( or \\("
#define UNMATCHED_CLOSE "Unmatched ) or \\)"

/* A bracket expression starting at p ('['); backslash is literal in
 * POSIX and must be escaped for PCRE.  Returns after the ']' or NULL. */
static const char *
copy_bracket(GString *out, const char *p)
{
  g_string_append_c(out, *p++);
  if (*p == '^')
    g_string_append_c(out, *p++);
  if (*p == ']') {
    g_string_append(out, "\\]");
    p++;
  }
  while (*p && *p != ']') {
    if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
      char kind = p[1];
      const char *close = p + 2;
      while (*close && !(close[0] == kind && close[1] == ']'))
        close++;
      if (!*close)
        return NULL;
      g_string_append_len(out, p, close + 2 - p);
      p = close + 2;
    } else if (*p == '\\' || *p == '[') {
      g_string_append_c(out, '\\');
      g_string_append_c(out, *p++);
    } else {
      g_string_append_c(out, *p++);
    }
  }
  if (!*p)
    return NULL;
  g_string_append_c(out, *p++);
  return p;
}

/* Where an anchor or a leading '*' is special in a BRE: at the start of
 * the pattern or of a group or alternative. */
static gboolean
at_start(const char *pattern, const char *p, gboolean extended)
{
  if (p == pattern)
    return TRUE;
  if (extended)
    return p[-1] == '(' || p[-1] == '|';
  return p - pattern >= 2 && p[-2] == '\\' && (p[-1] == '(' || p[-1] == '|');
}

static gboolean
at_end(const char *p, gboolean extended)
{
  if (p[1] == '\0')
    return TRUE;
  if (extended)
    return p[1] == ')' || p[1] == '|';
  return p[1] == '\\' && (p[2] == ')' || p[2] == '|');
}

char *
nns_grep_to_pcre(const char *pattern, gboolean extended, const char **why)
{
  g_autoptr(GString) out = g_string_new("");
  int depth = 0;
  const char *p = pattern;
  while (*p) {
    char c = *p;
    if (c == '[') {
      p = copy_bracket(out, p);
      if (!p) {
        *why = UNMATCHED_BRACKET;
        return NULL;
      }
      continue;
    }
    if (c == '\\' && p[1]) {
      char e = p[1];
      p += 2;
      gboolean group_char = strchr("(){}|+?", e) != NULL;
      if (group_char && !extended) {
        /* \( \) \{ \} \| \+ \? are the BRE's operators. */
        if (e == '(')
          depth++;
        if (e == ')' && --depth < 0) {
          *why = UNMATCHED_CLOSE;
          return NULL;
        }
        g_string_append_c(out, e);
      } else if (e == '<') {
        g_string_append(out, "\\b(?=\\w)");
      } else if (e == '>') {
        g_string_append(out, "\\b(?<=\\w)");
      } else if (strchr("wWsSbB123456789", e)) {
        g_string_append_c(out, '\\');
        g_string_append_c(out, e);
      } else if (g_ascii_isalnum(e)) {
        g_string_append_c(out, e);
      } else {
        g_string_append_c(out, '\\');
        g_string_append_c(out, e);
      }
      continue;
    }
    if (c == '\\') {
      /* A trailing backslash. */
      *why = "Trailing backslash";
      return NULL;
    }
    if (extended && c == '(') {
      depth++;
      g_string_append_c(out, c);
    } else if (extended && c == ')') {
      /* GNU reads an unopened ) as a literal. */
      if (depth == 0) {
        g_string_append(out, "\\)");
      } else {
        depth--;
        g_string_append_c(out, c);
      }
    } else if (!extended && strchr("(){}|+?", c)) {
      g_string_append_c(out, '\\');
      g_string_append_c(out, c);
    } else if (c == '*' && at_start(pattern, p, extended)) {
      g_string_append(out, "\\*");
    } else if (c == '^' && !extended && !at_start(pattern, p, extended)) {
      g_string_append(out, "\\^");
    } else if (c == '$' && !extended && !at_end(p, extended)) {
      g_string_append(out, "\\$");
    } else {
      g_string_append_c(out, c);
    }
    p++;
  }
  if (depth > 0) {
    *why = UNMATCHED_OPEN;
    return NULL;
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}
