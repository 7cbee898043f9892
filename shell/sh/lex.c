#include "shell/sh/lex.h"

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

typedef struct {
  const char *s;
  gsize i;
  GPtrArray *toks;
} Lexer;

static const struct {
  const char *text;
  NnsShTokKind kind;
} operators[] = {
  /* Longest first, so ">>" is not read as two ">". */
  { "&>>", NNS_SH_TOK_ANDDGREAT },
  { "&&", NNS_SH_TOK_AND }, { "||", NNS_SH_TOK_OR }, { ";;", NNS_SH_TOK_DSEMI },
  { "|&", NNS_SH_TOK_PIPE_ALL }, { ">>", NNS_SH_TOK_DGREAT }, { ">&", NNS_SH_TOK_GREATAND },
  { ">|", NNS_SH_TOK_GREAT }, { "&>", NNS_SH_TOK_ANDGREAT },
  { ";", NNS_SH_TOK_SEMI }, { "&", NNS_SH_TOK_AMP }, { "|", NNS_SH_TOK_PIPE },
  { ">", NNS_SH_TOK_GREAT }, { "<", NNS_SH_TOK_LESS }, { "\n", NNS_SH_TOK_NEWLINE },
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

static void
push(Lexer *lx, NnsShTokKind kind, const char *text, gsize len, NnsShWord *word, int io_number)
{
  NnsShToken *tok = g_new0(NnsShToken, 1);
  tok->kind = kind;
  tok->text = g_strndup(text, len);
  tok->word = word;
  tok->io_number = io_number;
  g_ptr_array_add(lx->toks, tok);
}

static gboolean
unsupported(GError **error, const char *what)
{
  g_set_error(error, NNS_SH_ERROR, 2, "netnsim: %s are not supported", what);
  return FALSE;
}

/* A $ at lx->i: adds a parameter part, or a literal "$" when nothing
 * that names a parameter follows. */
static gboolean
lex_dollar(Lexer *lx, NnsShWord *w, GError **error)
{
  const char *s = lx->s;
  gsize i = lx->i + 1;
  if (s[i] && strchr("$?#!-@*0123456789", s[i])) {
    nns_sh_word_add(w, NNS_SH_PART_PARAM, s + i, 1);
    lx->i = i + 1;
  } else if (is_name_start(s[i])) {
    gsize start = i;
    while (g_ascii_isalnum(s[i]) || s[i] == '_')
      i++;
    nns_sh_word_add(w, NNS_SH_PART_PARAM, s + start, i - start);
    lx->i = i;
  } else if (s[i] == '{') {
    const char *close = strchr(s + i, '}');
    if (!close) {
      g_set_error_literal(error, NNS_SH_ERROR, 2,
                          "bash: -c: line 1: unexpected EOF while looking for matching `}'");
      return FALSE;
    }
    nns_sh_word_add(w, NNS_SH_PART_PARAM, s + i + 1, close - (s + i + 1));
    lx->i = close - s + 1;
  } else if (s[i] == '(') {
    return unsupported(error, "command substitutions");
  } else {
    nns_sh_word_add(w, NNS_SH_PART_LITERAL, "$", 1);
    lx->i = i;
  }
  return TRUE;
}

static gboolean
lex_single(Lexer *lx, NnsShWord *w, GError **error)
{
  const char *start = lx->s + lx->i + 1;
  const char *close = strchr(start, '\'');
  if (!close) {
    g_set_error_literal(error, NNS_SH_ERROR, 2,
                        "bash: -c: line 1: unexpected EOF while looking for matching `''");
    return FALSE;
  }
  nns_sh_word_add(w, NNS_SH_PART_LITERAL, start, close - start);
  lx->i = close - lx->s + 1;
  return TRUE;
}

static gboolean
lex_double(Lexer *lx, NnsShWord *w, GError **error)
{
  const char *s = lx->s;
  lx->i++;
  while (s[lx->i] != '"') {
    char c = s[lx->i];
    if (c == '\0') {
      g_set_error_literal(error, NNS_SH_ERROR, 2,
                          "bash: -c: line 1: unexpected EOF while looking for matching `\"'");
      return FALSE;
    }
    if (c == '\\' && s[lx->i + 1] && strchr("$`\"\\\n", s[lx->i + 1])) {
      if (s[lx->i + 1] != '\n')
        nns_sh_word_add(w, NNS_SH_PART_LITERAL, s + lx->i + 1, 1);
      lx->i += 2;
    } else if (c == '$') {
      if (!lex_dollar(lx, w, error))
        return FALSE;
    } else if (c == '`') {
      return unsupported(error, "command substitutions");
    } else {
      nns_sh_word_add(w, NNS_SH_PART_LITERAL, s + lx->i, 1);
      lx->i++;
    }
  }
  lx->i++;
  return TRUE;
}

/* One word starting at lx->i (not a blank nor an operator). */
static gboolean
lex_word(Lexer *lx, GError **error)
{
  const char *s = lx->s;
  gsize start = lx->i;
  gboolean digits_only = TRUE;
  g_autoptr(NnsShWord) w = nns_sh_word_new();
  while (!is_meta(s[lx->i])) {
    char c = s[lx->i];
    if (!g_ascii_isdigit(c))
      digits_only = FALSE;
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
        nns_sh_word_add(w, NNS_SH_PART_LITERAL, "\\", 1);
        lx->i++;
      } else {
        if (s[lx->i + 1] != '\n')
          nns_sh_word_add(w, NNS_SH_PART_LITERAL, s + lx->i + 1, 1);
        lx->i += 2;
      }
    } else if (c == '$') {
      if (!lex_dollar(lx, w, error))
        return FALSE;
    } else if (c == '`') {
      return unsupported(error, "command substitutions");
    } else {
      nns_sh_word_add(w, NNS_SH_PART_LITERAL, s + lx->i, 1);
      lx->i++;
    }
  }
  /* "2>" : a word of digits glued to a redirection is its descriptor. */
  if (digits_only && lx->i - start <= 4 && (s[lx->i] == '>' || s[lx->i] == '<')) {
    int fd = atoi(s + start);
    gsize op_start = lx->i;
    for (gsize k = 0; k < G_N_ELEMENTS(operators); k++) {
      gsize n = strlen(operators[k].text);
      if (strncmp(s + op_start, operators[k].text, n) == 0) {
        lx->i += n;
        push(lx, operators[k].kind, s + start, lx->i - start, NULL, fd);
        return TRUE;
      }
    }
  }
  push(lx, NNS_SH_TOK_WORD, s + start, lx->i - start, g_steal_pointer(&w), -1);
  return TRUE;
}

GPtrArray *
nns_sh_lex(const char *line, GError **error)
{
  if (strlen(line) > NNS_SH_MAX_LINE) {
    g_set_error(error, NNS_SH_ERROR, 2, "netnsim: input line longer than %d bytes", NNS_SH_MAX_LINE);
    return NULL;
  }
  Lexer lx = { line, 0, g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_token_free) };
  g_autoptr(GPtrArray) toks = lx.toks;
  while (line[lx.i]) {
    if (toks->len >= NNS_SH_MAX_TOKENS) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d tokens in one line", NNS_SH_MAX_TOKENS);
      return NULL;
    }
    char c = line[lx.i];
    if (is_blank(c)) {
      lx.i++;
      continue;
    }
    if (c == '#') {
      while (line[lx.i] && line[lx.i] != '\n')
        lx.i++;
      continue;
    }
    if (c == '\\' && line[lx.i + 1] == '\n') {
      lx.i += 2;
      continue;
    }
    if (c == '(' || c == ')')
      return unsupported(error, "subshells"), NULL;
    gboolean matched = FALSE;
    for (gsize k = 0; k < G_N_ELEMENTS(operators) && !matched; k++) {
      gsize n = strlen(operators[k].text);
      if (strncmp(line + lx.i, operators[k].text, n) == 0) {
        if (operators[k].kind == NNS_SH_TOK_LESS && line[lx.i + 1] == '<')
          return unsupported(error, "here-documents"), NULL;
        push(&lx, operators[k].kind, line + lx.i, n, NULL, -1);
        lx.i += n;
        matched = TRUE;
      }
    }
    if (!matched && !lex_word(&lx, error))
      return NULL;
  }
  push(&lx, NNS_SH_TOK_END, "", 0, NULL, -1);
  return g_steal_pointer(&toks);
}
