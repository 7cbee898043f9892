#include "shell/replay/directive.h"
#include "backends/sim/sim-backend.h"

#include <stdlib.h>
#include <string.h>

static gboolean
bad(GError **error, const char *text, const char *why)
{
  g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "directive `%s`: %s", text, why);
  return FALSE;
}

static gboolean
parse_count(const char *s, int *out)
{
  char *end = NULL;
  gint64 v = g_ascii_strtoll(s, &end, 10);
  if (!*s || *end || v < 0 || v > G_MAXINT)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

gboolean
nns_directive_parse(const char *text, NnsDirective *d, GError **error)
{
  memset(d, 0, sizeof *d);
  const char *sp = strchr(text, ' ');
  g_autofree char *name = sp ? g_strndup(text, (gsize) (sp - text)) : g_strdup(text);
  const char *arg = sp ? sp + 1 : "";
  while (*arg == ' ')
    arg++;

  if (g_str_equal(name, "world")) {
    d->kind = NNS_DIR_WORLD;
    if (g_str_equal(arg, "host"))
      d->number = NNS_WORLD_HOST;
    else if (g_str_equal(arg, "bare"))
      d->number = NNS_WORLD_BARE;
    else
      return bad(error, text, "the world is `host` or `bare`");
  } else if (g_str_equal(name, "seed")) {
    d->kind = NNS_DIR_SEED;
    if (!parse_count(arg, &d->number))
      return bad(error, text, "a seed is a number");
  } else if (g_str_equal(name, "profile")) {
    d->kind = NNS_DIR_PROFILE;
    d->words = g_strsplit_set(arg, " ", -1);
  } else if (g_str_equal(name, "only-devices")) {
    d->kind = NNS_DIR_ONLY_DEVICES;
    if (!*arg)
      return bad(error, text, "name the devices the document shows");
    d->words = g_strsplit_set(arg, " ", -1);
  } else if (g_str_equal(name, "clock-per-command")) {
    d->kind = NNS_DIR_CLOCK_PER_COMMAND;
    char *end = NULL;
    double secs = g_ascii_strtod(arg, &end);
    if (!*arg || *end || secs < 0 || secs > 86400)
      return bad(error, text, "give the seconds between two commands");
    d->number = (int) (secs * 1000 + 0.5);
  } else if (g_str_equal(name, "alias")) {
    d->kind = NNS_DIR_ALIAS;
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
      return bad(error, text, "write alias NAME=TEXT");
    d->name = g_strndup(arg, (gsize) (eq - arg));
    d->arg = g_strdup(eq + 1);
  } else if (g_str_equal(name, "silent")) {
    d->kind = NNS_DIR_SILENT;
    if (!*arg)
      return bad(error, text, "silent needs a command");
    d->arg = g_strdup(arg);
  } else if (g_str_equal(name, "exit") || g_str_equal(name, "reset") ||
             g_str_equal(name, "excerpt")) {
    d->kind = g_str_equal(name, "exit") ? NNS_DIR_EXIT
            : g_str_equal(name, "reset") ? NNS_DIR_RESET : NNS_DIR_EXCERPT;
    if (*arg)
      return bad(error, text, "takes no argument");
  } else if (g_str_equal(name, "spend-ifindex") || g_str_equal(name, "interrupt")) {
    d->kind = g_str_equal(name, "interrupt") ? NNS_DIR_INTERRUPT : NNS_DIR_SPEND_IFINDEX;
    if (!parse_count(arg, &d->number) || d->number < 1)
      return bad(error, text, "needs a positive number");
  } else if (g_str_equal(name, "note")) {
    d->kind = NNS_DIR_NOTE;
  } else if (g_str_equal(name, "ignore-block") || g_str_equal(name, "commands-only") ||
             g_str_equal(name, "command")) {
    d->kind = NNS_DIR_READER_ONLY;
  } else {
    return bad(error, text, "unknown directive");
  }
  return TRUE;
}

void
nns_directive_clear(NnsDirective *d)
{
  g_free(d->name);
  g_free(d->arg);
  g_strfreev(d->words);
  memset(d, 0, sizeof *d);
}
