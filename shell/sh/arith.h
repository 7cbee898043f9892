/* Shell arithmetic, as bash 5.2's expr.c evaluates $(( )): 64-bit
 * integers that wrap, C's operators and precedence (** and the
 * assignments too), variables by name (a value is itself evaluated as an
 * expression), numbers in bases 8, 16 and BASE#DIGITS, and bash's
 * complaints word for word.  Evaluation recurses at most
 * NNS_SH_ARITH_MAX_DEPTH deep (bash's own bound on nested variable
 * values, here on parentheses and operators too). */
#pragma once

#include "shell/sh/frame.h"

G_BEGIN_DECLS

#define NNS_SH_ARITH_MAX_DEPTH 1024

/* Evaluates `expr` (already expanded: $X, $( ) filled in) in `frame`,
 * whose variables the assignments set.  FALSE with *msg set to bash's
 * complaint ("1/0: division by 0 (error token is \"0\")"), without the
 * "bash: line N: " before it. */
gboolean nns_sh_arith_eval(NnsShFrame *frame, const char *expr, gint64 *value, char **msg);

G_END_DECLS
