/* Markdown documents (tutorials such as the seeds): commands and outputs
 * come from fenced code blocks only; prose is ignored.  Which lines of a
 * block are commands is decided per block, by the rules of
 * docs/transcripts.md ("Reading markdown"). */
#include "shell/replay/doc.h"

#include <string.h>

typedef struct {
  NnsKnownCommandFn known;
  gpointer data;
  GHashTable *aliases;        /* names given by `alias` directives so far */
} Reader;

/* Prompts seen in the wild.  The first three name a user, a host or a
 * home directory and cannot be output; a bare "# " or "$ " can (a comment,
 * a config file), so such a line is a command only when a command follows. */
static const char *const strong_prompts[] = {
  "^\\[[^]@\\s]+@[^]]+\\][#$] ?(.*)$",           /* [root@host ~]# */
  "^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:[^#$\\s]*[#$] ?(.*)$", /* root@host:~# */
  "^~[#$] ?(.*)$",                                /* ~# */
};
static const char weak_prompt[] = "^[#$] (.*)$";  /* # , $ */

static char *
first_word(const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  const char *end = line;
  while (*end && !g_ascii_isspace(*end) && *end != ';' && *end != '|' && *end != '&')
    end++;
  return g_strndup(line, (gsize) (end - line));
}

static gboolean
is_command(Reader *r, const char *line)
{
  g_autofree char *w = first_word(line);
  if (!*w)
    return FALSE;
  return g_hash_table_contains(r->aliases, w) || r->known(w, r->data);
}

/* The command after a prompt, or NULL when `line` is no prompt line.
 * `*strong` says which kind of prompt it was. */
static char *
after_prompt(const char *line, gboolean *strong)
{
  for (gsize i = 0; i < G_N_ELEMENTS(strong_prompts); i++) {
    g_autoptr(GRegex) re = g_regex_new(strong_prompts[i], 0, 0, NULL);
    g_autoptr(GMatchInfo) m = NULL;
    if (g_regex_match(re, line, 0, &m)) {
      *strong = TRUE;
      return g_match_info_fetch(m, 1);
    }
  }
  g_autoptr(GRegex) re = g_regex_new(weak_prompt, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  if (g_regex_match(re, line, 0, &m)) {
    *strong = FALSE;
    return g_match_info_fetch(m, 1);
  }
  return NULL;
}

/* A prompt line that holds a command. */
static char *
prompted_command(Reader *r, const char *line)
{
  gboolean strong = FALSE;
  g_autofree char *cmd = after_prompt(line, &strong);
  if (!cmd)
    return NULL;
  if (strong || is_command(r, cmd))
    return g_steal_pointer(&cmd);
  return NULL;
}

typedef struct {
  guint line;
  char *text;                 /* the line, or the directive's text */
  gboolean directive;
} BlockLine;

static void
block_line_clear(gpointer p)
{
  g_free(((BlockLine *) p)->text);
}

static void
note_alias(Reader *r, const char *directive)
{
  if (!g_str_has_prefix(directive, "alias "))
    return;
  const char *def = directive + 6;
  const char *eq = strchr(def, '=');
  if (eq)
    g_hash_table_add(r->aliases, g_strstrip(g_strndup(def, (gsize) (eq - def))));
}

/* Turn one fenced block into steps. */
static void
read_block(Reader *r, NnsReplayDoc *doc, GArray *block, guint flags)
{
  gboolean prompted = FALSE;
  for (guint i = 0; i < block->len; i++) {
    BlockLine *bl = &g_array_index(block, BlockLine, i);
    g_autofree char *cmd = bl->directive ? NULL : prompted_command(r, bl->text);
    if (cmd && *cmd)
      prompted = TRUE;
  }
  flags |= NNS_STEP_MARKDOWN | (prompted ? 0 : NNS_STEP_BARE_BLOCK);
  NnsStep *cur = NULL;
  gboolean force_command = FALSE, only_next = FALSE;
  for (guint i = 0; i < block->len; i++) {
    BlockLine *bl = &g_array_index(block, BlockLine, i);
    if (bl->directive) {
      note_alias(r, bl->text);
      if (g_str_equal(bl->text, "command")) {
        force_command = TRUE;
        continue;
      }
      if (g_str_equal(bl->text, "commands-only")) {
        only_next = TRUE;     /* inside a block: the next command only */
        continue;
      }
      g_ptr_array_add(doc->steps, nns_step_new(NNS_STEP_DIRECTIVE, bl->line, bl->text));
      cur = NULL;
      continue;
    }
    g_autofree char *cmd = NULL;
    if (force_command) {
      gboolean strong;
      cmd = after_prompt(bl->text, &strong);
      if (!cmd)
        cmd = g_strdup(bl->text);
      force_command = FALSE;
    } else if (prompted) {
      cmd = prompted_command(r, bl->text);
      if (cmd && !*cmd) {
        /* A prompt with nothing typed after it. */
        cur = NULL;
        continue;
      }
    } else {
      const char *t = bl->text;
      while (*t == ' ' || *t == '\t')
        t++;
      if (!*t || *t == '#')
        continue;             /* a separator, or a shell comment */
      if (is_command(r, t))
        cmd = g_strdup(t);
    }
    if (cmd) {
      cur = nns_step_new(NNS_STEP_COMMAND, bl->line, g_strchomp(cmd));
      cur->flags = flags | (only_next ? NNS_STEP_COMMANDS_ONLY : 0);
      only_next = FALSE;
      g_ptr_array_add(doc->steps, cur);
    } else if (cur) {
      g_ptr_array_add(cur->expected, g_strdup(bl->text));
    }
    /* Lines before a block's first command show no command's output. */
  }
}

/* A fence opens or closes a block (up to three spaces of indent). */
static gboolean
fence(const char *line)
{
  for (int i = 0; i < 3 && *line == ' '; i++)
    line++;
  return g_str_has_prefix(line, "```") || g_str_has_prefix(line, "~~~");
}

NnsReplayDoc *
nns_read_markdown(const char *path, const char *text, NnsKnownCommandFn known, gpointer data,
                  GError **error)
{
  g_autoptr(NnsReplayDoc) doc = nns_replay_doc_new(path, TRUE);
  Reader r = { known, data, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  g_autoptr(GArray) block = NULL;
  guint block_flags = 0, pending_flags = 0;
  gboolean ignore_next = FALSE, ignoring = FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; lines[i]; i++) {
    char *line = lines[i];
    gsize len = strlen(line);
    if (len && line[len - 1] == '\r')
      line[len - 1] = '\0';
    if (fence(line)) {
      if (!block) {
        block = g_array_new(FALSE, TRUE, sizeof(BlockLine));
        g_array_set_clear_func(block, block_line_clear);
        block_flags = pending_flags;
        ignoring = ignore_next;
        pending_flags = 0;
        ignore_next = FALSE;
      } else {
        if (!ignoring)
          read_block(&r, doc, block, block_flags);
        g_clear_pointer(&block, g_array_unref);
      }
      continue;
    }
    g_autofree char *directive = nns_directive_of_line(line);
    if (!block) {
      if (!directive)
        continue;             /* prose */
      if (g_str_has_prefix(directive, "ignore-block")) {
        ignore_next = TRUE;
      } else if (g_str_equal(directive, "commands-only")) {
        pending_flags |= NNS_STEP_COMMANDS_ONLY;
      } else if (g_str_equal(directive, "command")) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s:%u: `command` stands inside a fenced block, before the line it names",
                    path, i + 1);
        ok = FALSE;
        break;
      } else {
        note_alias(&r, directive);
        g_ptr_array_add(doc->steps, nns_step_new(NNS_STEP_DIRECTIVE, i + 1, directive));
      }
      continue;
    }
    BlockLine bl = { i + 1, NULL, directive != NULL };
    bl.text = directive ? g_steal_pointer(&directive) : g_strdup(line);
    g_array_append_val(block, bl);
  }
  /* An unclosed block ends with the document. */
  if (ok && block && !ignoring)
    read_block(&r, doc, block, block_flags);
  g_hash_table_unref(r.aliases);
  if (!ok)
    return NULL;
  return g_steal_pointer(&doc);
}
