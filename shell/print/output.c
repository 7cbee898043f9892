#include "shell/print/output.h"

#include <string.h>

void
nns_printer_init(NnsPrinter *p, GString *out, gboolean json, gboolean pretty, gboolean oneline)
{
  p->out = out;
  p->json = json;
  p->pretty = pretty;
  p->oneline = oneline;
  p->color = FALSE;
  p->depth = 0;
  p->sep = '\0';
}

/* The JSON writer's grammar: a separator before every element but the
 * first, a new indented line before names in pretty mode. */
static void
json_eol(NnsPrinter *p)
{
  if (!p->pretty)
    return;
  g_string_append_c(p->out, '\n');
  for (guint i = 0; i < p->depth; i++)
    g_string_append(p->out, "    ");
}

static void
json_eor(NnsPrinter *p)
{
  if (p->sep)
    g_string_append_c(p->out, p->sep);
  p->sep = ',';
}

static void
json_puts(NnsPrinter *p, const char *s)
{
  g_string_append_c(p->out, '"');
  for (; *s; s++) {
    switch (*s) {
    case '\t': g_string_append(p->out, "\\t"); break;
    case '\n': g_string_append(p->out, "\\n"); break;
    case '\r': g_string_append(p->out, "\\r"); break;
    case '\f': g_string_append(p->out, "\\f"); break;
    case '\b': g_string_append(p->out, "\\b"); break;
    case '\\': g_string_append(p->out, "\\\\"); break;
    case '"': g_string_append(p->out, "\\\""); break;
    default: g_string_append_c(p->out, *s);
    }
  }
  g_string_append_c(p->out, '"');
}

static void
json_name(NnsPrinter *p, const char *key)
{
  json_eor(p);
  json_eol(p);
  p->sep = '\0';
  json_puts(p, key);
  g_string_append(p->out, p->pretty ? ": " : ":");
}

static void
json_begin(NnsPrinter *p, char c)
{
  json_eor(p);
  g_string_append_c(p->out, c);
  p->depth++;
  p->sep = '\0';
  /* Arrays keep their elements on one line: "[ a,b ]" when pretty. */
  if (c == '[' && p->pretty)
    g_string_append_c(p->out, ' ');
}

/* A value follows its name, or a separator in an array. */
static void
json_key(NnsPrinter *p, const char *key)
{
  if (key)
    json_name(p, key);
  json_eor(p);
}

static void
json_end(NnsPrinter *p, char c)
{
  if (c == ']') {
    if (p->pretty && p->sep)
      g_string_append_c(p->out, ' ');
    p->sep = '\0';
  }
  p->depth--;
  if (p->sep)
    json_eol(p);
  g_string_append_c(p->out, c);
  p->sep = ',';
}

void
nns_print_begin_dump(NnsPrinter *p)
{
  if (p->json)
    json_begin(p, '[');
}

void
nns_print_end_dump(NnsPrinter *p)
{
  if (!p->json)
    return;
  json_end(p, ']');
  g_string_append_c(p->out, '\n');
}

void
nns_print_open_object(NnsPrinter *p, const char *key)
{
  if (!p->json)
    return;
  if (key)
    json_name(p, key);
  json_begin(p, '{');
}

void
nns_print_close_object(NnsPrinter *p)
{
  if (p->json)
    json_end(p, '}');
}

void
nns_print_open_array(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *text)
{
  if (p->json) {
    if (kind & NNS_PRINT_JSON) {
      if (key)
        json_name(p, key);
      json_begin(p, '[');
    }
  } else if ((kind & NNS_PRINT_FP) && text) {
    g_string_append(p->out, text);
  }
}

void
nns_print_close_array(NnsPrinter *p, NnsPrintKind kind, const char *text)
{
  if (p->json) {
    if (kind & NNS_PRINT_JSON)
      json_end(p, ']');
  } else if ((kind & NNS_PRINT_FP) && text) {
    g_string_append(p->out, text);
  }
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void
nns_print_string(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, const char *value)
{
  if (p->json) {
    if (!(kind & NNS_PRINT_JSON))
      return;
    json_key(p, key);
    json_puts(p, value ? value : "");
  } else if ((kind & NNS_PRINT_FP) && fmt) {
    g_string_append_printf(p->out, fmt, value ? value : "");
  }
}

void
nns_print_color_string(NnsPrinter *p, NnsPrintKind kind, NnsColor color, const char *key, const char *fmt,
                       const char *value)
{
  gboolean paint = !p->json && p->color && color != NNS_COLOR_NONE && (kind & NNS_PRINT_FP) && fmt;
  if (paint)
    g_string_append(p->out, nns_color_start(color));
  nns_print_string(p, kind, key, fmt, value);
  if (paint)
    g_string_append(p->out, NNS_COLOR_END);
}

/* Whether the conversion in `fmt` takes a 64-bit argument (an l, ll, j or
 * z length): callers write "%u" for 32-bit fields and G_GUINT64_FORMAT for
 * counters, and a variadic argument must be the width its format says. */
static gboolean
wide_conversion(const char *fmt)
{
  for (const char *c = fmt; (c = strchr(c, '%'));) {
    if (c[1] == '%') {
      c += 2;
      continue;
    }
    c += 1 + strspn(c + 1, "-+ #0123456789.*");
    return *c == 'l' || *c == 'j' || *c == 'z';
  }
  return FALSE;
}

void
nns_print_uint(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, guint64 value)
{
  if (p->json) {
    if (!(kind & NNS_PRINT_JSON))
      return;
    json_key(p, key);
    g_string_append_printf(p->out, "%" G_GUINT64_FORMAT, value);
  } else if ((kind & NNS_PRINT_FP) && fmt) {
    if (wide_conversion(fmt))
      g_string_append_printf(p->out, fmt, value);
    else
      g_string_append_printf(p->out, fmt, (guint) value);
  }
}

void
nns_print_int(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, gint64 value)
{
  if (p->json) {
    if (!(kind & NNS_PRINT_JSON))
      return;
    json_key(p, key);
    g_string_append_printf(p->out, "%" G_GINT64_FORMAT, value);
  } else if ((kind & NNS_PRINT_FP) && fmt) {
    if (wide_conversion(fmt))
      g_string_append_printf(p->out, fmt, value);
    else
      g_string_append_printf(p->out, fmt, (int) value);
  }
}

void
nns_print_bool(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, gboolean value)
{
  if (p->json) {
    if (!(kind & NNS_PRINT_JSON))
      return;
    json_key(p, key);
    g_string_append(p->out, value ? "true" : "false");
  } else if ((kind & NNS_PRINT_FP) && fmt) {
    g_string_append_printf(p->out, fmt, value ? "true" : "false");
  }
}

void
nns_print_on_off(NnsPrinter *p, const char *key, gboolean on)
{
  nns_print_text(p, "%s %s ", key, on ? "on" : "off");
  nns_print_bool(p, NNS_PRINT_JSON, key, NULL, on);
}

void
nns_print_null(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, const char *text)
{
  if (p->json) {
    if (!(kind & NNS_PRINT_JSON))
      return;
    json_key(p, key);
    g_string_append(p->out, "null");
  } else if ((kind & NNS_PRINT_FP) && fmt) {
    g_string_append_printf(p->out, fmt, text);
  }
}

void
nns_print_json_raw(NnsPrinter *p, const char *key, const char *text)
{
  if (!p->json)
    return;
  json_key(p, key);
  g_string_append(p->out, text);
}

void
nns_print_text(NnsPrinter *p, const char *fmt, ...)
{
  if (p->json)
    return;
  va_list ap;
  va_start(ap, fmt);
  g_string_append_vprintf(p->out, fmt, ap);
  va_end(ap);
}

void
nns_print_color_text(NnsPrinter *p, NnsColor color, const char *fmt, ...)
{
  if (p->json)
    return;
  gboolean paint = p->color && color != NNS_COLOR_NONE;
  if (paint)
    g_string_append(p->out, nns_color_start(color));
  va_list ap;
  va_start(ap, fmt);
  g_string_append_vprintf(p->out, fmt, ap);
  va_end(ap);
  if (paint)
    g_string_append(p->out, NNS_COLOR_END);
}
#pragma GCC diagnostic pop

void
nns_print_nl(NnsPrinter *p)
{
  if (p->json)
    return;
  g_string_append(p->out, p->oneline ? "\\" : "\n");
}
