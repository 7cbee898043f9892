#include "shell/sh/lex.h"
#include "shell/sh/lex-private.h"

#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK(nns-sh-error-quark, nns_sh_error)

void
nns_sh_token_free(NnsShToken *tok)
{
  if (!tok)
    return;
  g_free(tok->text);
  nns_sh_word_free(tok->word);
  g_free(tok);
}


static const struct {
  const char *text;
  NnsShTokKind kind;
} operators[] = {
  /* Longest first, so ">>" is not read as two ">". */
  { "&>>", NNS_SH_TOK_ANDDGREAT }, { ";;&", NNS_SH_TOK_DSEMI_AND },
  { "&&", NNS_SH_TOK_AND }, { "||", NNS_SH_TOK_OR }, { ";;", NNS_SH_TOK_DSEMI }, { ";&", NNS_SH_TOK_SEMI_AND },
  { "|&", NNS_SH_TOK_PIPE_ALL }, { ">>", NNS_SH_TOK_DGREAT }, { ">&", NNS_SH_TOK_GREATAND },
  { ">|", NNS_SH_TOK_GREAT }, { "&>", NNS_SH_TOK_ANDGREAT },
  { ";", NNS_SH_TOK_SEMI }, { "&", NNS_SH_TOK_AMP }, { "|", NNS_SH_TOK_PIPE },
  { ">", NNS_SH_TOK_GREAT }, { "<", NNS_SH_TOK_LESS }, { "\n", NNS_SH_TOK_NEWLINE },
  { "(", NNS_SH_TOK_LPAREN }, { ")", NNS_SH_TOK_RPAREN },
};

static gboolean
is_blank(char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
is_meta(char c)
{
  return c == '\0' || is_blank(c) || strchr("|&;<>()\n", c) != NULL;
}

static gboolean
is_name_start(char c)
{
  return g_ascii_isalpha(c) || c == '_';
}

/* The line number of s[pos]; positions asked for never go backwards by
 * much, so the count runs on from the last one. */
guint
nns_sh_lex_line_at(Lexer *lx, gsize pos)
{
  if (pos < lx->line_pos) {
    lx->line_pos = 0;
    lx->line_no = lx->origin->first_line;
  }
  for (; lx->line_pos < pos; lx->line_pos++)
    if (lx->s[lx->line_pos] == '\n')
      lx->line_no++;
  return lx->line_no;
}

static void
push(Lexer *lx, NnsShTokKind kind, gsize start, gsize len, NnsShWord *word, int io_number)
{
  NnsShToken *tok = g_new0(NnsShToken, 1);
  tok->kind = kind;
  tok->text = g_strndup(lx->s + start, len);
  tok->word = word;
  tok->io_number = io_number;
  tok->lineno = nns_sh_lex_line_at(lx, start);
  lx->tok = tok;
}

static gboolean
unsupported(GError **error, const char *what)
{
  g_set_error(error, NNS_SH_ERROR, 2, "netnsim: %s are not supported", what);
  return FALSE;
}

/* bash's "unexpected EOF while looking for matching `X'", at the line
 * where X's opening stands. */
gboolean
nns_sh_lex_eof(Lexer *lx, gsize open, char what, GError **error)
{
  g_autofree char *where = nns_sh_frame_syntax_where(lx->origin->frame, nns_sh_lex_line_at(lx, open));
  g_set_error(error, NNS_SH_ERROR, 2, "%sunexpected EOF while looking for matching `%c'", where, what);
  return FALSE;
}

/* One command may not be longer than NNS_SH_MAX_LINE. */
static gboolean
too_long(Lexer *lx, GError **error)
{
  if (lx->i - lx->unit_start <= NNS_SH_MAX_LINE)
    return FALSE;
  g_set_error(error, NNS_SH_ERROR, 2, "netnsim: input line longer than %d bytes", NNS_SH_MAX_LINE);
  return TRUE;
}

static gboolean lex_unquoted(Lexer *lx, NnsShWord *w, gboolean in_brace, GError **error);

/* How deep the expansion being read stands: the parser's compound
 * commands and substitutions, and this lexer's own ${ $( $((. */
guint
nns_sh_lex_nesting(Lexer *lx)
{
  return lx->depth + *lx->pdepth;
}

/* ${...} at lx->i.  What bash expands: NAME, a positional parameter, a
 * special one, each with # before it (length) or an operator after it
 * (:- - := = :+ + :? ?) and its word; a name bash does not accept is
 * kept, and is a "bad substitution" when expanded.  Forms bash has that
 * netnsim does not (patterns, substrings, indirection) are refused. */
static gboolean
lex_brace(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error)
{
  const char *s = lx->s;
  gsize open = lx->i;
  gsize i = open + 2;
  gboolean length = FALSE;
  if (s[i] == '#' && s[i + 1] != '}' && s[i + 1] != '\0') {
    length = TRUE;
    i++;
  }
  gsize name_start = i;
  if (is_name_start(s[i])) {
    while (g_ascii_isalnum(s[i]) || s[i] == '_')
      i++;
  } else if (g_ascii_isdigit(s[i])) {
    while (g_ascii_isdigit(s[i]))
      i++;
  } else if (s[i] && strchr("@*#?-$!0", s[i])) {
    i++;
  }
  gsize name_end = i;
  char op = 0;
  gboolean colon = FALSE;
  if (name_end > name_start && !length && s[i] == ':' && s[i + 1] && strchr("-=+?", s[i + 1])) {
    colon = TRUE;
    op = s[i + 1];
    i += 2;
  } else if (name_end > name_start && !length && s[i] && strchr("-=+?", s[i])) {
    op = s[i];
    i++;
  }
  if (s[i] != '}' && !op) {
    /* Not a form netnsim expands: find the closing brace. */
    const char *close = strchr(s + i, '}');
    if (!close)
      return nns_sh_lex_eof(lx, open, '}', error);
    gsize end = close - s + 1;
    if (name_end > name_start && s[name_start] != '!' && s[i] && strchr("%#/^,:@", s[i])
        && !(s[i] == ':' && s[i + 1] == '}')) {
      g_autofree char *text = g_strndup(s + open, end - open);
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: %s: this parameter expansion is not supported", text);
      return FALSE;
    }
    if (s[name_start] == '!' && name_end == name_start + 1 && s[i] != '}') {
      g_autofree char *text = g_strndup(s + open, end - open);
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: %s: indirect expansion is not supported", text);
      return FALSE;
    }
    nns_sh_word_add(w, NNS_SH_PART_BAD, quoted, s + open, end - open);
    lx->i = end;
    return TRUE;
  }
  nns_sh_word_add(w, NNS_SH_PART_PARAM, quoted, s + name_start, name_end - name_start);
  NnsShPart *part = g_ptr_array_index(w->parts, w->parts->len - 1);
  part->length = length;
  part->op = op;
  part->colon = colon;
  if (name_end == name_start) {
    /* ${} */
    part->kind = NNS_SH_PART_BAD;
    g_free(part->text);
    part->text = g_strndup(s + open, i + 1 - open);
    lx->i = i + 1;
    return TRUE;
  }
  lx->i = i;
  if (op) {
    if (nns_sh_lex_nesting(lx) >= NNS_SH_MAX_DEPTH) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: parameter expansions nested more than %d deep",
                  NNS_SH_MAX_DEPTH);
      return FALSE;
    }
    part->arg = nns_sh_word_new();
    lx->depth++;
    gboolean ok = lex_unquoted(lx, part->arg, TRUE, error);
    lx->depth--;
    if (!ok)
      return FALSE;
    if (s[lx->i] != '}')
      return nns_sh_lex_eof(lx, open, '}', error);
    /* Inside double quotes the whole expansion is quoted. */
    if (quoted)
      for (guint k = 0; k < part->arg->parts->len; k++)
        ((NnsShPart *) part->arg->parts->pdata[k])->quoted = TRUE;
  }
  lx->i++;
  return TRUE;
}

static gboolean lex_dollar_part(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error);

/* A $ at lx->i: adds a parameter part (with its text as typed), or a
 * literal "$" when nothing that names a parameter follows. */
gboolean
nns_sh_lex_dollar(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error)
{
  gsize start = lx->i;
  guint parts = w->parts->len;
  if (!lex_dollar_part(lx, w, quoted, error))
    return FALSE;
  NnsShPart *last = w->parts->len > parts ? g_ptr_array_index(w->parts, w->parts->len - 1) : NULL;
  if (last && last->kind != NNS_SH_PART_LITERAL && !last->src)
    last->src = g_strndup(lx->s + start, lx->i - start);
  return TRUE;
}

static gboolean
lex_dollar_part(Lexer *lx, NnsShWord *w, gboolean quoted, GError **error)
{
  const char *s = lx->s;
  gsize i = lx->i + 1;
  if (s[i] && strchr("$?#!-@*0123456789", s[i])) {
    nns_sh_word_add(w, NNS_SH_PART_PARAM, quoted, s + i, 1);
    lx->i = i + 1;
  } else if (is_name_start(s[i])) {
    gsize start = i;
    while (g_ascii_isalnum(s[i]) || s[i] == '_')
      i++;
    nns_sh_word_add(w, NNS_SH_PART_PARAM, quoted, s + start, i - start);
    lx->i = i;
  } else if (s[i] == '{') {
    return lex_brace(lx, w, quoted, error);
  } else if (s[i] == '(') {
    return nns_sh_lex_paren(lx, w, quoted, error);
  } else if (s[i] == '\'' && !quoted) {
    return unsupported(error, "$'...' strings");
  } else {
    nns_sh_word_add(w, NNS_SH_PART_LITERAL, quoted, "$", 1);
    lx->i = i;
  }
  return TRUE;
}

static gboolean
lex_single(Lexer *lx, NnsShWord *w, GError **error)
{
  const char *start = lx->s + lx->i + 1;
  const char *close = strchr(start, '\'');
  if (!close)
    return nns_sh_lex_eof(lx, lx->i, '\'', error);
  nns_sh_word_add(w, NNS_SH_PART_LITERAL, TRUE, start, close - start);
  lx->i = close - lx->s + 1;
  return !too_long(lx, error);
}

static gboolean
lex_double(Lexer *lx, NnsShWord *w, GError **error)
{
  const char *s = lx->s;
  gsize open = lx->i;
  lx->i++;
  guint parts = w->parts->len;
  while (s[lx->i] != '"') {
    char c = s[lx->i];
    if (c == '\0')
      return nns_sh_lex_eof(lx, open, '"', error);
    if (c == '\\' && s[lx->i + 1] && strchr("$`\"\\\n", s[lx->i + 1])) {
      if (s[lx->i + 1] != '\n')
        nns_sh_word_add(w, NNS_SH_PART_LITERAL, TRUE, s + lx->i + 1, 1);
      lx->i += 2;
    } else if (c == '$') {
      if (!nns_sh_lex_dollar(lx, w, TRUE, error))
        return FALSE;
    } else if (c == '`') {
      if (!nns_sh_lex_backquote(lx, w, TRUE, error))
        return FALSE;
    } else {
      gsize n = 1 + strcspn(s + lx->i + 1, "\\$`\"");
      nns_sh_word_add(w, NNS_SH_PART_LITERAL, TRUE, s + lx->i, n);
      lx->i += n;
    }
    if (too_long(lx, error))
      return FALSE;
  }
  lx->i++;
  /* "" is a word even with nothing in it ("$@" alone may be none). */
  if (w->parts->len == parts)
    nns_sh_word_add(w, NNS_SH_PART_LITERAL, TRUE, "", 0);
  return TRUE;
}

/* Text outside quotes: up to a metacharacter for a word, up to the
 * closing brace for the word of a ${NAME:-WORD}. */
static gboolean
lex_unquoted(Lexer *lx, NnsShWord *w, gboolean in_brace, GError **error)
{
  const char *s = lx->s;
  for (;;) {
    char c = s[lx->i];
    if (in_brace ? c == '}' || c == '\0' : is_meta(c))
      return TRUE;
    if (c == '\'') {
      w->quoted = TRUE;
      if (!lex_single(lx, w, error))
        return FALSE;
    } else if (c == '"') {
      w->quoted = TRUE;
      if (!lex_double(lx, w, error))
        return FALSE;
    } else if (c == '\\') {
      w->quoted = TRUE;
      if (s[lx->i + 1] == '\0') {
        /* bash keeps a backslash that ends the input. */
        nns_sh_word_add(w, NNS_SH_PART_LITERAL, TRUE, "\\", 1);
        lx->i++;
      } else {
        if (s[lx->i + 1] != '\n')
          nns_sh_word_add(w, NNS_SH_PART_LITERAL, TRUE, s + lx->i + 1, 1);
        lx->i += 2;
      }
    } else if (c == '$') {
      if (!nns_sh_lex_dollar(lx, w, FALSE, error))
        return FALSE;
    } else if (c == '`') {
      if (!nns_sh_lex_backquote(lx, w, FALSE, error))
        return FALSE;
    } else {
      gsize n = 1;
      while (s[lx->i + n] && !strchr("'\"\\$`", s[lx->i + n])
             && !(in_brace ? s[lx->i + n] == '}' : is_meta(s[lx->i + n])))
        n++;
      nns_sh_word_add(w, NNS_SH_PART_LITERAL, FALSE, s + lx->i, n);
      lx->i += n;
    }
    if (too_long(lx, error))
      return FALSE;
  }
}

/* One word starting at lx->i (not a blank nor an operator). */
static gboolean
lex_word(Lexer *lx, GError **error)
{
  const char *s = lx->s;
  gsize start = lx->i;
  g_autoptr(NnsShWord) w = nns_sh_word_new();
  if (!lex_unquoted(lx, w, FALSE, error))
    return FALSE;
  w->raw = g_strndup(s + start, lx->i - start);
  /* "2>" : a word of digits glued to a redirection is its descriptor. */
  gboolean digits_only = TRUE;
  for (gsize k = start; k < lx->i; k++)
    if (!g_ascii_isdigit(s[k]))
      digits_only = FALSE;
  if (digits_only && lx->i - start <= 4 && (s[lx->i] == '>' || s[lx->i] == '<')) {
    int fd = atoi(s + start);
    gsize op_start = lx->i;
    for (gsize k = 0; k < G_N_ELEMENTS(operators); k++) {
      gsize n = strlen(operators[k].text);
      if (strncmp(s + op_start, operators[k].text, n) == 0) {
        lx->i += n;
        push(lx, operators[k].kind, start, lx->i - start, NULL, fd);
        return TRUE;
      }
    }
  }
  push(lx, NNS_SH_TOK_WORD, start, lx->i - start, g_steal_pointer(&w), -1);
  return TRUE;
}

NnsShLexer *
nns_sh_lexer_new(const char *text, const NnsShOrigin *origin)
{
  Lexer *lx = g_new0(Lexer, 1);
  lx->s = text;
  lx->origin = origin;
  lx->line_no = origin->first_line;
  static const guint zero = 0;
  lx->pdepth = &zero;
  return lx;
}

NnsShLexer *
nns_sh_lexer_new_at(const char *text, gsize start, guint line, const NnsShOrigin *origin, const guint *depth)
{
  Lexer *lx = nns_sh_lexer_new(text, origin);
  /* Lines are counted from here on, not again from the text's start. */
  lx->i = lx->unit_start = lx->line_pos = start;
  lx->line_no = line;
  lx->pdepth = depth;
  return lx;
}

gsize
nns_sh_lexer_pos(NnsShLexer *lx)
{
  return lx->i;
}

void
nns_sh_lexer_free(NnsShLexer *lx)
{
  g_free(lx);
}

void
nns_sh_lexer_start_unit(NnsShLexer *lx)
{
  lx->unit_start = lx->i;
  lx->unit_tokens = 0;
}

guint
nns_sh_lexer_line(NnsShLexer *lx)
{
  return nns_sh_lex_line_at(lx, lx->i);
}

NnsShToken *
nns_sh_lexer_next(NnsShLexer *lx, GError **error)
{
  const char *text = lx->s;
  lx->tok = NULL;
  while (!lx->tok) {
    if (lx->i - lx->unit_start > NNS_SH_MAX_LINE) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: input line longer than %d bytes", NNS_SH_MAX_LINE);
      return NULL;
    }
    if (lx->unit_tokens >= NNS_SH_MAX_TOKENS) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d tokens in one line", NNS_SH_MAX_TOKENS);
      return NULL;
    }
    char c = text[lx->i];
    if (c == '\0') {
      push(lx, NNS_SH_TOK_END, lx->i, 0, NULL, -1);
      break;
    }
    if (is_blank(c)) {
      lx->i++;
      continue;
    }
    if (c == '#') {
      while (text[lx->i] && text[lx->i] != '\n')
        lx->i++;
      continue;
    }
    if (c == '\\' && text[lx->i + 1] == '\n') {
      lx->i += 2;
      continue;
    }
    if (c == '(' && text[lx->i + 1] == '(') {
      gsize start = lx->i;
      NnsShWord *w = NULL;
      if (!nns_sh_lex_arith_command(lx, &w, error))
        return NULL;
      if (w) {
        push(lx, NNS_SH_TOK_ARITH, start, lx->i - start, w, -1);
        break;
      }
    }
    gboolean matched = FALSE;
    for (gsize k = 0; k < G_N_ELEMENTS(operators) && !matched; k++) {
      gsize n = strlen(operators[k].text);
      if (strncmp(text + lx->i, operators[k].text, n) == 0) {
        if (operators[k].kind == NNS_SH_TOK_LESS && text[lx->i + 1] == '<') {
          unsupported(error, "here-documents");
          return NULL;
        }
        push(lx, operators[k].kind, lx->i, n, NULL, -1);
        lx->i += n;
        matched = TRUE;
      }
    }
    if (!matched && !lex_word(lx, error)) {
      if (lx->tok)
        nns_sh_token_free(g_steal_pointer(&lx->tok));
      return NULL;
    }
  }
  lx->unit_tokens++;
  return g_steal_pointer(&lx->tok);
}
