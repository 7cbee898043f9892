/* One printing path for text and JSON, as iproute2's print_* calls: each
 * field names its JSON key and its text format; a printer in text mode
 * prints the format, in JSON mode the key and value. */
#pragma once

#include <glib.h>
#include "shell/print/color.h"

G_BEGIN_DECLS

typedef enum {
  NNS_PRINT_FP = 1,           /* text only */
  NNS_PRINT_JSON = 2,         /* JSON only */
  NNS_PRINT_ANY = 3,
} NnsPrintKind;

typedef struct {
  GString *out;
  gboolean json;
  gboolean pretty;
  gboolean oneline;           /* -o: newlines become "\" */
  gboolean color;             /* -color took effect: text fields get their colours */
  guint depth;
  char sep;
} NnsPrinter;

void nns_printer_init(NnsPrinter *p, GString *out, gboolean json, gboolean pretty, gboolean oneline);
/* The outer JSON array of a dump (new_json_obj / delete_json_obj). */
void nns_print_begin_dump(NnsPrinter *p);
void nns_print_end_dump(NnsPrinter *p);

void nns_print_open_object(NnsPrinter *p, const char *key);
void nns_print_close_object(NnsPrinter *p);
void nns_print_open_array(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *text);
void nns_print_close_array(NnsPrinter *p, NnsPrintKind kind, const char *text);

/* print_color_string: in text, the formatted field between its colour's
 * escapes when colour is on (never in JSON). */
void nns_print_color_string(NnsPrinter *p, NnsPrintKind kind, NnsColor color, const char *key,
                            const char *fmt, const char *value);
void nns_print_string(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, const char *value);
void nns_print_uint(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, guint64 value);
void nns_print_int(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, gint64 value);
void nns_print_bool(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, gboolean value);
/* print_on_off: "KEY on"/"KEY off" in text, a boolean in JSON. */
void nns_print_on_off(NnsPrinter *p, const char *key, gboolean on);
void nns_print_null(NnsPrinter *p, NnsPrintKind kind, const char *key, const char *fmt, const char *text);
/* Text only. */
/* jsonw_printf: `text` as the value, unquoted (a number in a format). */
void nns_print_json_raw(NnsPrinter *p, const char *key, const char *text);
void nns_print_text(NnsPrinter *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* color_fprintf: text only, coloured as nns_print_color_string. */
void nns_print_color_text(NnsPrinter *p, NnsColor color, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* End of a text line (or "\" in one-line mode). */
void nns_print_nl(NnsPrinter *p);

G_END_DECLS
