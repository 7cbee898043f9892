/* The substitutions inside a word: $(LIST) and `LIST`, whose lists the
 * parser reads as it reads any (so a case's `a)' inside $( ) is the
 * case's), and $((EXPR)), whose text is kept as a word to expand ($X,
 * $( ) inside it) and evaluate when the command runs.  Each nests one
 * level deeper, against NNS_SH_MAX_DEPTH. */
#include "shell/sh/lex-private.h"
#include "shell/sh/parse.h"

#include <string.h>

static gboolean
too_deep(Lexer *lx, GError **error)
{
  if (nns_sh_lex_nesting(lx) + 1 < NNS_SH_MAX_DEPTH)
    return FALSE;
  g_set_error(error, NNS_SH_ERROR, 2, "netnsim: substitutions nested more than %d deep", NNS_SH_MAX_DEPTH);
  return TRUE;
}

static NnsShPart *
add_part(NnsShWord *w, NnsShPartKind kind, gboolean quoted)
{
  nns_sh_word_add(w, kind, quoted, "", 0);
  return g_ptr_array_index(w->parts, w->parts->len - 1);
}

/* $( at lx->i: the list up to its `)'. */
static gboolean
lex_cmdsubst(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error)
{
  if (too_deep(lx, error))
    return FALSE;
  gsize end = 0;
  NnsShNode *cmd = nns_sh_parse_subst(lx->s, lx->i + 2, nns_sh_lex_line_at(lx, lx->i + 2), lx->origin,
                                      nns_sh_lex_nesting(lx) + 1, TRUE, &end, error);
  if (!cmd)
    return FALSE;
  add_part(w, NNS_SH_PART_CMDSUBST, quoted)->cmd = cmd;
  lx->i = end;
  return TRUE;
}

/* The `))' of a $(( whose text starts at s[i], as bash matches the
 * parentheses (quotes and backslashes skipped): the position of its
 * first `)'; G_MAXSIZE when the text ends first; 0 when the parenthesis
 * of $( closes alone (bash reads a $( (LIST) ) then), unless `any_close'
 * (the position of the `)' that closes whatever follows). */
static gsize
arith_end(const char *s, gsize i, gboolean any_close)
{
  guint depth = 0;
  for (;;) {
    char c = s[i];
    if (c == '\0')
      return G_MAXSIZE;
    if (c == '\\' && s[i + 1]) {
      i += 2;
    } else if (c == '\'' || c == '"') {
      gsize k = i + 1;
      while (s[k] && s[k] != c) {
        if (c == '"' && s[k] == '\\' && s[k + 1])
          k++;
        k++;
      }
      if (!s[k])
        return G_MAXSIZE;
      i = k + 1;
    } else if (c == '(') {
      depth++;
      i++;
    } else if (c == ')' && depth > 0) {
      depth--;
      i++;
    } else if (c == ')') {
      return s[i + 1] == ')' || any_close ? i : 0;
    } else {
      i++;
    }
  }
}

/* $(( at lx->i, its `))' at `close': the expression as a word, expanded
 * as inside double quotes but with the double quotes removed. */
static gboolean
lex_arith(Lexer *lx, NnsShWord *w, gboolean quoted, gsize skip, gsize close, GError **error)
{
  const char *s = lx->s;
  gsize open = lx->i;
  g_autoptr(NnsShWord) arg = nns_sh_word_new();
  gboolean ok = TRUE;
  lx->i += skip;
  lx->depth++;
  while (ok && lx->i < close) {
    char c = s[lx->i];
    if (c == '\\' && lx->i + 1 < close && strchr("$`\"\\\n", s[lx->i + 1])) {
      if (s[lx->i + 1] != '\n')
        nns_sh_word_add(arg, NNS_SH_PART_LITERAL, TRUE, s + lx->i + 1, 1);
      lx->i += 2;
    } else if (c == '$') {
      ok = nns_sh_lex_dollar(lx, arg, TRUE, error);
    } else if (c == '`') {
      ok = nns_sh_lex_backquote(lx, arg, TRUE, error);
    } else if (c == '"') {
      lx->i++;
    } else {
      gsize n = 1;
      while (lx->i + n < close && !strchr("\\$`\"", s[lx->i + n]))
        n++;
      nns_sh_word_add(arg, NNS_SH_PART_LITERAL, TRUE, s + lx->i, n);
      lx->i += n;
    }
  }
  lx->depth--;
  if (!ok)
    return FALSE;
  /* An expansion inside that read past the `))' (a case pattern's `)'
   * in a $( ) say): the parentheses did not match as bash matched them. */
  if (lx->i != close)
    return nns_sh_lex_eof(lx, open, ')', error);
  add_part(w, NNS_SH_PART_ARITH, quoted)->arg = g_steal_pointer(&arg);
  lx->i = close + 2;
  return TRUE;
}

gboolean
nns_sh_lex_paren(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error)
{
  const char *s = lx->s;
  gsize open = lx->i;
  if (s[open + 2] == '(') {
    gsize close = arith_end(s, open + 3, FALSE);
    if (close == G_MAXSIZE)
      return nns_sh_lex_eof(lx, open, ')', error);
    if (close)
      return !too_deep(lx, error) && lex_arith(lx, w, quoted, 3, close, error);
    /* $( (LIST) ...: bash reads a subshell, which netnsim refuses, but
     * first the end of the text where the $( does not close. */
    if (arith_end(s, open + 2, TRUE) == G_MAXSIZE)
      return nns_sh_lex_eof(lx, open, ')', error);
  }
  return lex_cmdsubst(lx, w, quoted, error);
}

/* `...` at lx->i: the text up to the next unescaped backquote, whose
 * backslashes before $ ` \ (and " inside double quotes) go, read as a
 * list of its own. */
gboolean
nns_sh_lex_backquote(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error)
{
  const char *s = lx->s;
  gsize open = lx->i;
  gsize i = open + 1;
  g_autoptr(GString) text = g_string_new("");
  for (;;) {
    char c = s[i];
    if (c == '\0')
      return nns_sh_lex_eof(lx, open, '`', error);
    if (c == '`')
      break;
    if (c == '\\' && s[i + 1]) {
      if (!strchr("$`\\", s[i + 1]) && !(quoted && s[i + 1] == '"'))
        g_string_append_c(text, c);
      g_string_append_c(text, s[i + 1]);
      i += 2;
      continue;
    }
    g_string_append_c(text, c);
    i++;
  }
  if (too_deep(lx, error))
    return FALSE;
  NnsShOrigin origin = { .frame = lx->origin->frame, .first_line = nns_sh_lex_line_at(lx, open) };
  gsize end = 0;
  NnsShNode *cmd = nns_sh_parse_subst(text->str, 0, origin.first_line, &origin, nns_sh_lex_nesting(lx) + 1,
                                      FALSE, &end, error);
  if (!cmd)
    return FALSE;
  add_part(w, NNS_SH_PART_CMDSUBST, quoted)->cmd = cmd;
  lx->i = i + 1;
  return TRUE;
}

gboolean
nns_sh_lex_arith_command(Lexer *lx, NnsShWord **w, GError **error)
{
  gsize open = lx->i;
  *w = NULL;
  gsize close = arith_end(lx->s, open + 2, FALSE);
  if (close == G_MAXSIZE)
    return nns_sh_lex_eof(lx, open, ')', error);
  if (!close)
    return TRUE;
  g_autoptr(NnsShWord) word = nns_sh_word_new();
  if (too_deep(lx, error) || !lex_arith(lx, word, FALSE, 2, close, error))
    return FALSE;
  word->raw = g_strndup(lx->s + open, lx->i - open);
  *w = g_steal_pointer(&word);
  return TRUE;
}
