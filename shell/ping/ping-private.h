/* iputils-ping 20221126: what the options ask for, shared by the option
 * parser (ping-opts.c) and the run and its printer (ping.c). */
#pragma once

#include "shell/shell.h"

typedef struct {
  NnsPingRequest req;
  const char *target;
  gboolean quiet;
  const char *iface_text;     /* -I as given */
  const char *prog;           /* "ping" or "ping6": error() names the program */
  guint8 family;              /* -4 / -6 (ping6 implies -6); 0: any */
  const char *pattern;        /* -p, checked when the packet is filled */
  gboolean sticky;            /* -B: the header names the source as -I does */
  gboolean flood;             /* -f: dots and backspaces instead of lines */
  gboolean interval_given;    /* -i: flood keeps it */
  gboolean adaptive;          /* -A */
  gboolean audible;           /* -a: a BEL after each reply */
  gboolean timestamps;        /* -D */
  gboolean outstanding;       /* -O */
} PingOptions;

/* Parse argv into `o`: 0, or the exit status of an option error (the
 * message written); `done` is set when an option (-V) ends the run. */
int nns_ping_parse(int argc, char **argv, PingOptions *o, NnsIo *io, gboolean *done);

/* fill_packet: the -p pattern's bytes, as many as sscanf("%2x" x 16)
 * takes; FALSE (the message written) when it is not hex. */
gboolean nns_ping_pattern(const PingOptions *o, NnsIo *io, guint8 bytes[16], guint *n);
