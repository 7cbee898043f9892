/* bash's backslash escapes (builtins/printf.def and echo.def). */
#include "shell/tools/tools.h"

static int
hex_value(char c)
{
  return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/* `s` points at the backslash. */
gboolean
nns_tool_escape(GString *out, const char *s, NnsEscStyle style, const char **end)
{
  const char *p = s + 1;
  switch (*p) {
  case 'a': g_string_append_c(out, '\a'); p++; break;
  case 'b': g_string_append_c(out, '\b'); p++; break;
  case 'e': case 'E': g_string_append_c(out, '\033'); p++; break;
  case 'f': g_string_append_c(out, '\f'); p++; break;
  case 'n': g_string_append_c(out, '\n'); p++; break;
  case 'r': g_string_append_c(out, '\r'); p++; break;
  case 't': g_string_append_c(out, '\t'); p++; break;
  case 'v': g_string_append_c(out, '\v'); p++; break;
  case '\\': g_string_append_c(out, '\\'); p++; break;
  case 'c':
    if (style != NNS_ESC_FORMAT) {
      *end = p + 1;
      return FALSE;
    }
    g_string_append(out, "\\c");
    p++;
    break;
  case 'x': {
    int v = 0, n = 0;
    for (p++; n < 2 && hex_value(*p) >= 0; p++, n++)
      v = v * 16 + hex_value(*p);
    if (n == 0)
      g_string_append(out, "\\x");
    else
      g_string_append_c(out, (char) v);
    break;
  }
  case 'u': case 'U': {
    int max = *p == 'u' ? 4 : 8, n = 0;
    gunichar v = 0;
    for (p++; n < max && hex_value(*p) >= 0; p++, n++)
      v = v * 16 + hex_value(*p);
    if (n == 0)
      g_string_append_printf(out, "\\%c", p[-1]);
    else
      g_string_append_unichar(out, v);
    break;
  }
  default:
    if ((style == NNS_ESC_FORMAT && *p >= '0' && *p <= '7') || (style != NNS_ESC_FORMAT && *p == '0')) {
      /* The format takes 1-3 digits; echo and %b a 0 and up to 3 more. */
      int v = 0, n = 0;
      if (style != NNS_ESC_FORMAT)
        p++;
      for (; n < 3 && *p >= '0' && *p <= '7'; p++, n++)
        v = v * 8 + (*p - '0');
      g_string_append_c(out, (char) v);
    } else if (style == NNS_ESC_FORMAT && (*p == '"' || *p == '\'' || *p == '?')) {
      g_string_append_c(out, *p++);
    } else if (*p == '\0') {
      g_string_append_c(out, '\\');
    } else {
      /* Unknown escapes stay as typed. */
      g_string_append_c(out, '\\');
      g_string_append_c(out, *p++);
    }
  }
  *end = p;
  return TRUE;
}
