#include "shell/sh/parse.h"
#include "shell/sh/parse-private.h"

#include <stdlib.h>
#include <string.h>

/* The next token, read from the text when the parser first needs it.
 * After the lexer failed, the input ends there: the parser's error (or
 * success) is replaced by the lexer's when the command is done. */
NnsShToken *
nns_sh_peek(Parser *p)
{
  while (p->pos >= p->toks->len) {
    if (p->lex_error)
      return p->end;
    NnsShToken *tok = nns_sh_lexer_next(p->lx, &p->lex_error);
    if (!tok) {
      p->end->lineno = nns_sh_lexer_line(p->lx);
      return p->end;
    }
    g_ptr_array_add(p->toks, tok);
  }
  return g_ptr_array_index(p->toks, p->pos);
}

NnsShToken *
nns_sh_next(Parser *p)
{
  NnsShToken *tok = nns_sh_peek(p);
  if (tok->kind != NNS_SH_TOK_END)
    p->pos++;
  return tok;
}

void
nns_sh_skip_newlines(Parser *p)
{
  while (nns_sh_peek(p)->kind == NNS_SH_TOK_NEWLINE)
    p->pos++;
}

const char *
nns_sh_reserved(Parser *p)
{
  NnsShToken *tok = nns_sh_peek(p);
  return tok->kind == NNS_SH_TOK_WORD ? nns_sh_word_plain(tok->word) : NULL;
}

gboolean
nns_sh_at_word(Parser *p, const char *word)
{
  const char *r = nns_sh_reserved(p);
  return r && g_str_equal(r, word);
}

/* The text of line `lineno` of the input, as bash repeats it. */
static char *
line_text(Parser *p, guint lineno)
{
  const char *s = p->text;
  for (guint l = p->origin->first_line; l < lineno && s; l++) {
    s = strchr(s, '\n');
    if (s)
      s++;
  }
  if (!s)
    return g_strdup("");
  const char *end = strchr(s, '\n');
  return end ? g_strndup(s, end - s) : g_strdup(s);
}

/* The line bash names when the input ends too soon: the one after the
 * last. */
static guint
eof_line(Parser *p)
{
  guint lines = 0;
  for (const char *s = p->text; *s; s++)
    if (*s == '\n')
      lines++;
  gsize len = strlen(p->text);
  return p->origin->first_line + lines + (len > 0 && p->text[len - 1] == '\n' ? 0 : 1);
}

/* bash names the offending token, then repeats its line; at the end of
 * the input it complains of the end of file, except where a word must
 * follow (a redirection's target, a for loop's name), where the end is a
 * `newline'. */
gboolean
nns_sh_syntax_error_at(Parser *p, gboolean end_is_newline, GError **error)
{
  NnsShToken *tok = nns_sh_peek(p);
  if (tok->kind == NNS_SH_TOK_END && !end_is_newline && p->in_subst) {
    g_autofree char *where = nns_sh_frame_syntax_where(p->origin->frame, eof_line(p));
    g_set_error(error, NNS_SH_ERROR, 2, "%sunexpected EOF while looking for matching `)'", where);
    return FALSE;
  }
  if (tok->kind == NNS_SH_TOK_END && !end_is_newline) {
    g_autofree char *where = nns_sh_frame_syntax_where(p->origin->frame, eof_line(p));
    g_set_error(error, NNS_SH_ERROR, 2, "%ssyntax error: unexpected end of file", where);
    return FALSE;
  }
  const char *name = tok->kind == NNS_SH_TOK_END || tok->kind == NNS_SH_TOK_NEWLINE ? "newline" : tok->text;
  g_autofree char *where = nns_sh_frame_syntax_where(p->origin->frame, tok->lineno);
  g_autofree char *line = line_text(p, tok->lineno);
  int status = p->in_subst && p->origin->frame->source == NNS_SH_SOURCE_STRING ? 127 : 2;
  g_set_error(error, NNS_SH_ERROR, status, "%ssyntax error near unexpected token `%s'\n%s`%s'",
              where, name, where, line);
  return FALSE;
}

gboolean
nns_sh_syntax_error(Parser *p, GError **error)
{
  return nns_sh_syntax_error_at(p, FALSE, error);
}

static gboolean
is_redirection(NnsShTokKind kind)
{
  return kind == NNS_SH_TOK_GREAT || kind == NNS_SH_TOK_DGREAT || kind == NNS_SH_TOK_LESS
      || kind == NNS_SH_TOK_GREATAND || kind == NNS_SH_TOK_ANDGREAT || kind == NNS_SH_TOK_ANDDGREAT;
}

static gboolean
all_digits(const char *s)
{
  if (!s || !*s || strlen(s) > 4)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit(*s))
      return FALSE;
  return TRUE;
}

static gboolean
parse_redirection(Parser *p, GPtrArray *redirs, GError **error)
{
  NnsShToken *op = nns_sh_next(p);
  if (nns_sh_peek(p)->kind != NNS_SH_TOK_WORD)
    return nns_sh_syntax_error_at(p, TRUE, error);
  NnsShToken *target = nns_sh_next(p);
  NnsShRedir *r = g_new0(NnsShRedir, 1);
  r->fd = op->io_number;
  switch (op->kind) {
  case NNS_SH_TOK_GREAT: r->kind = NNS_SH_REDIR_OUT; break;
  case NNS_SH_TOK_DGREAT: r->kind = NNS_SH_REDIR_APPEND; break;
  case NNS_SH_TOK_LESS: r->kind = NNS_SH_REDIR_IN; break;
  case NNS_SH_TOK_ANDGREAT: r->kind = NNS_SH_REDIR_BOTH; break;
  case NNS_SH_TOK_ANDDGREAT: r->kind = NNS_SH_REDIR_BOTH_APPEND; break;
  default: {
    /* >&N copies a descriptor; >&- closes it, which we model as
     * discarding; >&FILE (no number before it) is &>FILE. */
    const char *text = nns_sh_word_plain(target->word);
    if (all_digits(text)) {
      r->kind = NNS_SH_REDIR_DUP;
      r->dup_fd = atoi(text);
    } else if (text && g_str_equal(text, "-")) {
      r->kind = NNS_SH_REDIR_OUT;
      nns_sh_word_free(target->word);
      target->word = nns_sh_word_new();
      target->word->raw = g_strdup("/dev/null");
      nns_sh_word_add(target->word, NNS_SH_PART_LITERAL, FALSE, "/dev/null", 9);
    } else {
      r->kind = r->fd < 0 ? NNS_SH_REDIR_BOTH : NNS_SH_REDIR_OUT;
    }
  }
  }
  if (r->fd < 0)
    r->fd = r->kind == NNS_SH_REDIR_IN ? 0 : 1;
  if (r->kind != NNS_SH_REDIR_DUP)
    r->target = g_steal_pointer(&target->word);
  g_ptr_array_add(redirs, r);
  return TRUE;
}

gboolean
nns_sh_parse_redirections(Parser *p, GPtrArray *redirs, GError **error)
{
  while (is_redirection(nns_sh_peek(p)->kind))
    if (!parse_redirection(p, redirs, error))
      return FALSE;
  return TRUE;
}

/* NAME=WORD: the assignment it is (taking the word's parts), or NULL. */
static NnsShAssign *
assignment(NnsShWord *w)
{
  NnsShPart *first = w->parts->len ? g_ptr_array_index(w->parts, 0) : NULL;
  if (!first || first->kind != NNS_SH_PART_LITERAL || first->quoted)
    return NULL;
  const char *eq = strchr(first->text, '=');
  if (!eq || !nns_sh_is_name_len(first->text, eq - first->text))
    return NULL;
  NnsShAssign *a = g_new0(NnsShAssign, 1);
  a->name = g_strndup(first->text, eq - first->text);
  a->value = nns_sh_word_new();
  a->value->quoted = w->quoted;
  a->value->raw = g_strdup(strchr(w->raw, '=') + 1);
  char *rest = g_strdup(eq + 1);
  g_free(first->text);
  first->text = rest;
  GPtrArray *empty = a->value->parts;
  a->value->parts = w->parts;
  w->parts = empty;
  return a;
}

static NnsShNode *
parse_simple(Parser *p, GError **error)
{
  g_autoptr(NnsShNode) cmd = nns_sh_node_new(NNS_SH_NODE_SIMPLE, nns_sh_peek(p)->lineno);
  for (;;) {
    NnsShToken *tok = nns_sh_peek(p);
    if (tok->kind == NNS_SH_TOK_WORD) {
      if (cmd->words->len + cmd->assigns->len >= NNS_SH_MAX_WORDS) {
        g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d words in one command", NNS_SH_MAX_WORDS);
        return NULL;
      }
      NnsShAssign *a = cmd->words->len == 0 ? assignment(tok->word) : NULL;
      if (a) {
        g_ptr_array_add(cmd->assigns, a);
      } else {
        g_ptr_array_add(cmd->words, g_steal_pointer(&tok->word));
      }
      nns_sh_next(p);
    } else if (is_redirection(tok->kind)) {
      if (!parse_redirection(p, cmd->redirs, error))
        return NULL;
    } else if (tok->kind == NNS_SH_TOK_LPAREN && cmd->words->len == 1 && cmd->redirs->len == 0) {
      return nns_sh_refuse_subshell(error);
    } else {
      break;
    }
  }
  if (cmd->words->len == 0 && cmd->redirs->len == 0 && cmd->assigns->len == 0) {
    nns_sh_syntax_error(p, error);
    return NULL;
  }
  return g_steal_pointer(&cmd);
}

/* Words that only a compound command may follow where a command starts. */
static gboolean
misplaced_reserved(const char *w)
{
  static const char *const words[] = { "then", "else", "elif", "fi", "do", "done", "}", "in", "esac" };
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
    if (g_str_equal(w, words[i]))
      return TRUE;
  return FALSE;
}

NnsShNode *
nns_sh_refuse_subshell(GError **error)
{
  g_set_error(error, NNS_SH_ERROR, 2, "netnsim: subshells are not supported");
  return NULL;
}

static NnsShNode *
parse_command(Parser *p, GError **error)
{
  if (nns_sh_peek(p)->kind == NNS_SH_TOK_LPAREN)
    return nns_sh_refuse_subshell(error);
  if (nns_sh_peek(p)->kind == NNS_SH_TOK_ARITH) {
    NnsShToken *tok = nns_sh_next(p);
    NnsShNode *n = nns_sh_node_new(NNS_SH_NODE_ARITH, tok->lineno);
    g_ptr_array_add(n->words, g_steal_pointer(&tok->word));
    if (!nns_sh_parse_redirections(p, n->redirs, error))
      g_clear_pointer(&n, nns_sh_node_free);
    return n;
  }
  const char *r = nns_sh_reserved(p);
  if (r && misplaced_reserved(r)) {
    nns_sh_syntax_error(p, error);
    return NULL;
  }
  if (r && (g_str_equal(r, "select") || g_str_equal(r, "function")
            || g_str_equal(r, "coproc") || g_str_equal(r, "[["))) {
    g_set_error(error, NNS_SH_ERROR, 2, "netnsim: %s: this compound command is not supported", r);
    return NULL;
  }
  if (r && (g_str_equal(r, "if") || g_str_equal(r, "while") || g_str_equal(r, "until")
            || g_str_equal(r, "for") || g_str_equal(r, "{") || g_str_equal(r, "case"))) {
    if (p->depth >= NNS_SH_MAX_DEPTH) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: compound commands nested more than %d deep",
                  NNS_SH_MAX_DEPTH);
      return NULL;
    }
    p->depth++;
    NnsShNode *n = nns_sh_parse_compound(p, r, error);
    p->depth--;
    if (n && !nns_sh_parse_redirections(p, n->redirs, error))
      g_clear_pointer(&n, nns_sh_node_free);
    return n;
  }
  return parse_simple(p, error);
}

static NnsShNode *
parse_pipeline(Parser *p, NnsShJoin join, GError **error)
{
  g_autoptr(NnsShNode) pl = nns_sh_node_new(NNS_SH_NODE_PIPELINE, nns_sh_peek(p)->lineno);
  pl->join = join;
  if (nns_sh_at_word(p, "!")) {
    pl->negate = TRUE;
    nns_sh_next(p);
  }
  for (;;) {
    if (pl->kids->len >= NNS_SH_MAX_STAGES) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d commands in one pipeline", NNS_SH_MAX_STAGES);
      return NULL;
    }
    NnsShNode *cmd = parse_command(p, error);
    if (!cmd)
      return NULL;
    g_ptr_array_add(pl->kids, cmd);
    NnsShTokKind kind = nns_sh_peek(p)->kind;
    if (kind != NNS_SH_TOK_PIPE && kind != NNS_SH_TOK_PIPE_ALL)
      break;
    if (kind == NNS_SH_TOK_PIPE_ALL) {
      /* |& is 2>&1 | */
      NnsShRedir *r = g_new0(NnsShRedir, 1);
      r->kind = NNS_SH_REDIR_DUP;
      r->fd = 2;
      r->dup_fd = 1;
      g_ptr_array_add(cmd->redirs, r);
    }
    nns_sh_next(p);
    nns_sh_skip_newlines(p);
  }
  return g_steal_pointer(&pl);
}

gboolean
nns_sh_parse_and_or(Parser *p, NnsShNode *list, GError **error)
{
  NnsShJoin join = NNS_SH_JOIN_SEQ;
  for (;;) {
    NnsShNode *pl = parse_pipeline(p, join, error);
    if (!pl)
      return FALSE;
    g_ptr_array_add(list->kids, pl);
    NnsShTokKind kind = nns_sh_peek(p)->kind;
    if (kind == NNS_SH_TOK_AND)
      join = NNS_SH_JOIN_AND;
    else if (kind == NNS_SH_TOK_OR)
      join = NNS_SH_JOIN_OR;
    else
      return TRUE;
    nns_sh_next(p);
    /* A newline after && or || is allowed. */
    nns_sh_skip_newlines(p);
  }
}

static gboolean
starts_command(NnsShTokKind k)
{
  return k == NNS_SH_TOK_WORD || k == NNS_SH_TOK_LPAREN || k == NNS_SH_TOK_ARITH || is_redirection(k);
}

/* One complete command: lists up to a newline (or the end). */
static gboolean
parse_unit(Parser *p, NnsShNode *prog, GError **error)
{
  for (;;) {
    if (!nns_sh_parse_and_or(p, prog, error))
      return FALSE;
    NnsShTokKind k = nns_sh_peek(p)->kind;
    if (k == NNS_SH_TOK_END)
      return TRUE;
    if (k == NNS_SH_TOK_NEWLINE) {
      nns_sh_next(p);
      return TRUE;
    }
    if (k != NNS_SH_TOK_SEMI && k != NNS_SH_TOK_AMP)
      return nns_sh_syntax_error(p, error);
    /* & : no background jobs, it runs now with the same output. */
    nns_sh_next(p);
    /* "a; ;" : a separator must be followed by a command or the end. */
    k = nns_sh_peek(p)->kind;
    if (k == NNS_SH_TOK_END)
      return TRUE;
    if (k == NNS_SH_TOK_NEWLINE) {
      nns_sh_next(p);
      return TRUE;
    }
    if (!starts_command(k))
      return nns_sh_syntax_error(p, error);
  }
}

NnsShParser *
nns_sh_parser_new(const char *text, const NnsShOrigin *origin)
{
  Parser *p = g_new0(Parser, 1);
  p->lx = nns_sh_lexer_new_at(text, 0, origin->first_line, origin, &p->depth);
  p->toks = g_ptr_array_new_with_free_func((GDestroyNotify) nns_sh_token_free);
  p->end = g_new0(NnsShToken, 1);
  p->end->kind = NNS_SH_TOK_END;
  p->end->text = g_strdup("");
  p->end->io_number = -1;
  p->text = text;
  p->origin = origin;
  return p;
}

void
nns_sh_parser_free(NnsShParser *p)
{
  if (!p)
    return;
  nns_sh_lexer_free(p->lx);
  g_ptr_array_unref(p->toks);
  nns_sh_token_free(p->end);
  g_clear_error(&p->lex_error);
  g_free(p);
}

NnsShNode *
nns_sh_parser_next(NnsShParser *p, GError **error)
{
  /* The tokens of the command before are done with. */
  g_ptr_array_remove_range(p->toks, 0, p->pos);
  p->pos = 0;
  p->depth = 0;
  if (p->lex_error) {
    g_propagate_error(error, g_steal_pointer(&p->lex_error));
    return NULL;
  }
  /* Blank lines and comments between commands. */
  nns_sh_skip_newlines(p);
  g_ptr_array_remove_range(p->toks, 0, p->pos);
  p->pos = 0;
  nns_sh_lexer_start_unit(p->lx);
  NnsShToken *first = nns_sh_peek(p);
  if (first->kind == NNS_SH_TOK_END && !p->lex_error)
    return NULL;
  g_autoptr(NnsShNode) prog = nns_sh_node_new(NNS_SH_NODE_LIST, first->lineno);
  g_autoptr(GError) parse_error = NULL;
  gboolean ok = parse_unit(p, prog, &parse_error);
  if (!nns_sh_parse_settle(p, ok, &parse_error, error))
    return NULL;
  return g_steal_pointer(&prog);
}

gboolean
nns_sh_parse_settle(Parser *p, gboolean ok, GError **parse_error, GError **error)
{
  if (p->lex_error && (ok || nns_sh_peek(p) == p->end)) {
    g_propagate_error(error, g_steal_pointer(&p->lex_error));
    return FALSE;
  }
  if (!ok) {
    g_propagate_error(error, g_steal_pointer(parse_error));
    return FALSE;
  }
  return TRUE;
}
