/* From shell text to a tree of commands, with bash's syntax error texts.
 *
 *   list      := and_or ((; | & | newline) and_or)*
 *   and_or    := pipeline ((&& | ||) newline* pipeline)*
 *   pipeline  := [!] command ((| | |&) newline* command)*
 *   command   := simple | (if | while | until | for | { list }) redirection*
 *   simple    := (NAME=WORD)* (WORD | redirection)*
 *
 * Reserved words are words in the place of a command's name (and `in`
 * and `do` in a for loop's). */
#pragma once

#include "shell/sh/ast.h"
#include "shell/sh/lex.h"

G_BEGIN_DECLS

/* A parser reads a text one complete command at a time: the commands up
 * to the end of the line where the last of them ends (an if opened on
 * one line goes on to its fi), so that each runs before the next is
 * read, as bash reads a script or a -c string. */
typedef struct _NnsShParser NnsShParser;

NnsShParser *nns_sh_parser_new(const char *text, const NnsShOrigin *origin);
void nns_sh_parser_free(NnsShParser *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(NnsShParser, nns_sh_parser_free)
/* The next command, a list (NNS_SH_NODE_LIST); NULL at the end of the
 * text (no error), or with an NNS_SH_ERROR whose message is bash's
 * stderr text (one or two lines, no final newline) and whose code is the
 * exit status. */
NnsShNode *nns_sh_parser_next(NnsShParser *p, GError **error);

/* The list of a command substitution: from text[start] up to the `)'
 * that closes it (`paren`, a $( )), or to the end of the text (the text
 * of `...`), with *end the position after it; text[start] is on line
 * `line`.  `depth`: how deep the
 * substitution stands (NNS_SH_MAX_DEPTH bounds it and what it holds).
 * Its syntax errors are bash's: an end of text inside $( ) is an
 * "unexpected EOF while looking for matching `)'"; a token bash does not
 * expect ends a -c string with status 127, as bash's parse_comsub does. */
NnsShNode *nns_sh_parse_subst(const char *text, gsize start, guint line, const NnsShOrigin *origin,
                              guint depth, gboolean paren, gsize *end, GError **error);

G_END_DECLS
