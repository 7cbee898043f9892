#include "shell/sh/parse.h"
#include "shell/sh/lex.h"

#include <string.h>

typedef struct {
  GPtrArray *toks;
  guint pos;
  const char *line;
} Parser;

static NnsShToken *
peek(Parser *p)
{
  return g_ptr_array_index(p->toks, p->pos);
}

static NnsShToken *
next(Parser *p)
{
  NnsShToken *tok = peek(p);
  if (tok->kind != NNS_SH_TOK_END)
    p->pos++;
  return tok;
}

static void
skip_newlines(Parser *p)
{
  while (peek(p)->kind == NNS_SH_TOK_NEWLINE)
    p->pos++;
}

/* bash names the offending token, then repeats the line; at the end of
 * the input it complains of the end of file, except where a word must
 * follow (a redirection's target), where the end is a `newline'. */
static void
syntax_error_at(Parser *p, gboolean end_is_newline, GError **error)
{
  NnsShToken *tok = peek(p);
  if (tok->kind == NNS_SH_TOK_END && p->pos > 0 && !end_is_newline) {
    g_set_error_literal(error, NNS_SH_ERROR, 2, "bash: -c: line 2: syntax error: unexpected end of file");
    return;
  }
  const char *name = tok->kind == NNS_SH_TOK_END || tok->kind == NNS_SH_TOK_NEWLINE ? "newline" : tok->text;
  g_set_error(error, NNS_SH_ERROR, 2,
              "bash: -c: line 1: syntax error near unexpected token `%s'\nbash: -c: line 1: `%s'",
              name, p->line);
}

static void
syntax_error(Parser *p, GError **error)
{
  syntax_error_at(p, FALSE, error);
}

static gboolean
is_redirection(NnsShTokKind kind)
{
  return kind == NNS_SH_TOK_GREAT || kind == NNS_SH_TOK_DGREAT || kind == NNS_SH_TOK_LESS
      || kind == NNS_SH_TOK_GREATAND || kind == NNS_SH_TOK_ANDGREAT || kind == NNS_SH_TOK_ANDDGREAT;
}

/* The literal text of an unquoted word made of one literal part, or NULL. */
static const char *
plain_text(const NnsShWord *w)
{
  if (w->quoted || w->parts->len != 1)
    return NULL;
  const NnsShPart *part = g_ptr_array_index(w->parts, 0);
  return part->kind == NNS_SH_PART_LITERAL ? part->text : NULL;
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
parse_redirection(Parser *p, NnsShCommand *cmd, GError **error)
{
  NnsShToken *op = next(p);
  if (peek(p)->kind != NNS_SH_TOK_WORD) {
    syntax_error_at(p, TRUE, error);
    return FALSE;
  }
  NnsShToken *target = next(p);
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
    const char *text = plain_text(target->word);
    if (all_digits(text)) {
      r->kind = NNS_SH_REDIR_DUP;
      r->dup_fd = atoi(text);
    } else if (text && g_str_equal(text, "-")) {
      r->kind = NNS_SH_REDIR_OUT;
      nns_sh_word_free(target->word);
      target->word = nns_sh_word_new();
      nns_sh_word_add(target->word, NNS_SH_PART_LITERAL, "/dev/null", 9);
    } else {
      r->kind = r->fd < 0 ? NNS_SH_REDIR_BOTH : NNS_SH_REDIR_OUT;
    }
  }
  }
  if (r->fd < 0)
    r->fd = r->kind == NNS_SH_REDIR_IN ? 0 : 1;
  if (r->kind != NNS_SH_REDIR_DUP)
    r->target = g_steal_pointer(&target->word);
  g_ptr_array_add(cmd->redirs, r);
  return TRUE;
}

/* Words and redirections up to the next operator. */
static NnsShCommand *
parse_command(Parser *p, GError **error)
{
  g_autoptr(NnsShCommand) cmd = nns_sh_command_new();
  for (;;) {
    NnsShToken *tok = peek(p);
    if (tok->kind == NNS_SH_TOK_WORD) {
      if (cmd->words->len >= NNS_SH_MAX_WORDS) {
        g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d words in one command", NNS_SH_MAX_WORDS);
        return NULL;
      }
      g_ptr_array_add(cmd->words, g_steal_pointer(&tok->word));
      next(p);
    } else if (is_redirection(tok->kind)) {
      if (!parse_redirection(p, cmd, error))
        return NULL;
    } else {
      break;
    }
  }
  if (cmd->words->len == 0 && cmd->redirs->len == 0) {
    syntax_error(p, error);
    return NULL;
  }
  return g_steal_pointer(&cmd);
}

static NnsShPipeline *
parse_pipeline(Parser *p, NnsShJoin join, GError **error)
{
  g_autoptr(NnsShPipeline) pl = nns_sh_pipeline_new(join);
  NnsShToken *tok = peek(p);
  const char *bang = tok->kind == NNS_SH_TOK_WORD ? plain_text(tok->word) : NULL;
  if (bang && g_str_equal(bang, "!")) {
    pl->negate = TRUE;
    next(p);
  }
  for (;;) {
    if (pl->commands->len >= NNS_SH_MAX_STAGES) {
      g_set_error(error, NNS_SH_ERROR, 2, "netnsim: more than %d commands in one pipeline", NNS_SH_MAX_STAGES);
      return NULL;
    }
    NnsShCommand *cmd = parse_command(p, error);
    if (!cmd)
      return NULL;
    g_ptr_array_add(pl->commands, cmd);
    NnsShTokKind kind = peek(p)->kind;
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
    next(p);
    skip_newlines(p);
  }
  return g_steal_pointer(&pl);
}

NnsShProgram *
nns_sh_parse(const char *line, GError **error)
{
  g_autoptr(GPtrArray) toks = nns_sh_lex(line, error);
  if (!toks)
    return NULL;
  Parser p = { toks, 0, line };
  g_autoptr(NnsShProgram) prog = nns_sh_program_new();
  NnsShJoin join = NNS_SH_JOIN_SEQ;
  for (;;) {
    /* Blank lines, and a newline after && or ||, are allowed. */
    skip_newlines(&p);
    if (peek(&p)->kind == NNS_SH_TOK_END) {
      if (join != NNS_SH_JOIN_SEQ) {
        syntax_error(&p, error);
        return NULL;
      }
      break;
    }
    NnsShPipeline *pl = parse_pipeline(&p, join, error);
    if (!pl)
      return NULL;
    g_ptr_array_add(prog->pipelines, pl);
    NnsShToken *tok = peek(&p);
    switch (tok->kind) {
    case NNS_SH_TOK_END:
      return g_steal_pointer(&prog);
    case NNS_SH_TOK_SEMI:
    case NNS_SH_TOK_AMP:      /* no background jobs: run it now, same output */
    case NNS_SH_TOK_NEWLINE:
      join = NNS_SH_JOIN_SEQ;
      break;
    case NNS_SH_TOK_AND:
      join = NNS_SH_JOIN_AND;
      break;
    case NNS_SH_TOK_OR:
      join = NNS_SH_JOIN_OR;
      break;
    default:
      syntax_error(&p, error);
      return NULL;
    }
    next(&p);
    /* "a; ;" : a separator must be followed by a command or the end. */
    NnsShTokKind k = peek(&p)->kind;
    if (join == NNS_SH_JOIN_SEQ && k != NNS_SH_TOK_END && k != NNS_SH_TOK_NEWLINE
        && k != NNS_SH_TOK_WORD && !is_redirection(k)) {
      syntax_error(&p, error);
      return NULL;
    }
  }
  return g_steal_pointer(&prog);
}
