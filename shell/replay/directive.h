/* Directives: what a document leaves implicit, stated in the fixture as
 * `<!-- netnsim: NAME ARGS -->` lines (docs/transcripts.md, "Directives"). */
#pragma once

#include <glib.h>

typedef enum {
  NNS_DIR_WORLD,              /* world host|bare          number = NnsWorldKind */
  NNS_DIR_SEED,               /* seed N                   number */
  NNS_DIR_PROFILE,            /* profile NAME...          words */
  NNS_DIR_CLOCK_PER_COMMAND,  /* clock-per-command SECS   number = ms */
  NNS_DIR_ALIAS,              /* alias NAME=TEXT          name, arg */
  NNS_DIR_SILENT,             /* silent CMD               arg */
  NNS_DIR_EXIT,               /* exit */
  NNS_DIR_RESET,              /* reset */
  NNS_DIR_SPEND_IFINDEX,      /* spend-ifindex N          number */
  NNS_DIR_INTERRUPT,          /* interrupt N              number */
  NNS_DIR_EXCERPT,            /* excerpt */
  NNS_DIR_ONLY_DEVICES,       /* only-devices NAME...     words */
  NNS_DIR_NOTE,               /* note TEXT */
  NNS_DIR_READER_ONLY,        /* ignore-block, commands-only, command */
} NnsDirectiveKind;

typedef struct {
  NnsDirectiveKind kind;
  int number;
  char *name;
  char *arg;
  char **words;
} NnsDirective;

gboolean nns_directive_parse(const char *text, NnsDirective *d, GError **error);
void nns_directive_clear(NnsDirective *d);
