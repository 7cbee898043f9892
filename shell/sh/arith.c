/* bash's expr.c, rewritten: the same tokens, the same recursive descent
 * (lowest to highest: , = ?: || && | ^ & == < << + * ** unary), the same
 * lookahead for `x = ...` and `x++`, and the same error texts and error
 * tokens (the text from the last token read, or from after the operator
 * for a division by 0).  An error unwinds to nns_sh_arith_eval with
 * longjmp, as bash's evalerror does; nothing on the way owns memory but
 * the evaluator's `garbage`. */
#include "shell/sh/arith.h"

#include <setjmp.h>
#include <string.h>

/* Tokens: single characters stand for themselves ('+', '(', ...). */
enum {
  T_END = 0, EQEQ, NEQ, LEQ, GEQ, STR, NUM, LAND, LOR, LSH, RSH, OP_ASSIGN, COND, POWER,
  PREINC, PREDEC, POSTINC, POSTDEC,
};

typedef struct {
  NnsShFrame *frame;
  jmp_buf fail;
  char *msg;
  guint depth;
  GPtrArray *garbage;         /* strings the evaluation made */
  /* The expression being read (a variable's value pushes a new one). */
  const char *expression;
  const char *tp, *lasttp;
  int curtok, lasttok, assigntok;
  gint64 tokval;
  const char *tokstr;         /* the last name read */
  int noeval;
} Ev;

typedef struct {
  const char *expression, *tp, *lasttp;
  int curtok, lasttok;
  gint64 tokval;
  const char *tokstr;
} Saved;

static gint64 expcomma(Ev *ev);
static void evalerror(Ev *ev, const char *msg) G_GNUC_NORETURN;

static void
evalerror(Ev *ev, const char *msg)
{
  const char *t = ev->expression;
  while (*t == ' ' || *t == '\t')
    t++;
  ev->msg = g_strdup_printf("%s: %s (error token is \"%s\")", t, msg,
                            ev->lasttp && *ev->lasttp ? ev->lasttp : "");
  longjmp(ev->fail, 1);
}

static void
enter(Ev *ev)
{
  if (ev->depth >= NNS_SH_ARITH_MAX_DEPTH)
    evalerror(ev, "expression recursion level exceeded");
  ev->depth++;
}

static gboolean
cr_ws(char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

static gboolean
var_start(unsigned char c)
{
  return g_ascii_isalpha(c) || c == '_';
}

static gboolean
var_char(unsigned char c)
{
  return g_ascii_isalnum(c) || c == '_';
}

static gboolean
is_arithop(int c)
{
  return c && strchr("=><+-*/%!()&|^~?:,", c) != NULL;
}

static gboolean
is_multiop(int c)
{
  return c == EQEQ || c == NEQ || c == LEQ || c == GEQ || c == LAND || c == LOR || c == LSH || c == RSH
      || c == OP_ASSIGN || c == COND || c == POWER || c == PREINC || c == PREDEC || c == POSTINC
      || c == POSTDEC;
}

static gint64
wrap(guint64 v)
{
  return (gint64) v;
}

static gint64
shift(gint64 v, gint64 n, gboolean left)
{
  /* What x86's shift instructions do with the count bash hands them. */
  int k = (int) (n & 63);
  return left ? wrap((guint64) v << k) : v >> k;
}

/* The digit value of c in `base`, or -1. */
static int
digit_value(unsigned char c, int base)
{
  int d;
  if (g_ascii_isdigit(c))
    d = c - '0';
  else if (c >= 'a' && c <= 'z')
    d = c - 'a' + 10;
  else if (c >= 'A' && c <= 'Z')
    d = c - 'A' + (base <= 36 ? 10 : 36);
  else if (c == '@')
    d = 62;
  else if (c == '_')
    d = 63;
  else
    return -1;
  return d;
}

/* A number as bash's strlong reads it: 0x.., 0.., BASE#DIGITS, decimal. */
static gint64
strlong(Ev *ev, const char *s, const char *end)
{
  int base = 10;
  gboolean foundbase = FALSE;
  guint64 val = 0;
  if (*s == '0') {
    s++;
    if (s == end)
      return 0;
    if (*s == 'x' || *s == 'X') {
      base = 16;
      s++;
    } else {
      base = 8;
    }
    foundbase = TRUE;
  }
  for (; s < end; s++) {
    unsigned char c = *s;
    if (c == '#') {
      if (foundbase)
        evalerror(ev, "invalid number");
      if ((gint64) val < 2 || (gint64) val > 64)
        evalerror(ev, "invalid arithmetic base");
      base = (int) val;
      val = 0;
      foundbase = TRUE;
      int d = s + 1 < end ? digit_value(s[1], base) : -1;
      if (d < 0 || d >= base)
        evalerror(ev, "invalid integer constant");
    } else if (g_ascii_isalnum(c) || c == '_' || c == '@') {
      int d = digit_value(c, base);
      if (d >= base)
        evalerror(ev, "value too great for base");
      val = val * (guint64) base + (guint64) d;
    } else {
      break;
    }
  }
  return wrap(val);
}

static gint64 subexpr(Ev *ev, const char *expr);

/* A variable's value, itself an expression; unset or empty is 0. */
static gint64
streval(Ev *ev, const char *name)
{
  if (ev->noeval)
    return 0;
  const char *v = nns_sh_frame_get(ev->frame, name);
  if (!v || !*v)
    return 0;
  /* Evaluating it may assign the variable: read a copy. */
  char *copy = g_strdup(v);
  g_ptr_array_add(ev->garbage, copy);
  return subexpr(ev, copy);
}

static void
bind(Ev *ev, const char *name, gint64 value)
{
  char buf[32];
  g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  nns_sh_frame_set(ev->frame, name, buf);
}

static void
readtok(Ev *ev)
{
  const char *cp = ev->tp;
  unsigned char c;
  while ((c = *cp) && cr_ws(c))
    cp++;
  if (c == '\0') {
    ev->lasttok = ev->curtok;
    ev->curtok = T_END;
    ev->tp = cp;
    return;
  }
  cp++;
  ev->lasttp = ev->tp = cp - 1;
  if (var_start(c)) {
    while (var_char(*cp))
      cp++;
    char *name = g_strndup(ev->tp, cp - ev->tp);
    g_ptr_array_add(ev->garbage, name);
    ev->tokstr = name;
    /* NAME = ...: its value is not needed (nor evaluated). */
    const char *p = cp;
    while (cr_ws(*p))
      p++;
    gboolean assigned = p[0] == '=' && p[1] != '=';
    if (ev->lasttok == PREINC || ev->lasttok == PREDEC || !assigned)
      ev->tokval = streval(ev, name);
    else
      ev->tokval = 0;
    ev->lasttok = ev->curtok;
    ev->curtok = STR;
  } else if (g_ascii_isdigit(c)) {
    while (g_ascii_isalnum(*cp) || *cp == '#' || *cp == '@' || *cp == '_')
      cp++;
    ev->tokval = strlong(ev, ev->tp, cp);
    ev->lasttok = ev->curtok;
    ev->curtok = NUM;
  } else {
    unsigned char c1 = *cp++;
    int t = c;
    if (c == '=' && c1 == '=') {
      t = EQEQ;
    } else if (c == '!' && c1 == '=') {
      t = NEQ;
    } else if (c == '>' && c1 == '=') {
      t = GEQ;
    } else if (c == '<' && c1 == '=') {
      t = LEQ;
    } else if ((c == '<' || c == '>') && c1 == c) {
      t = c == '<' ? LSH : RSH;
      if (*cp == '=') {
        ev->assigntok = t;
        t = OP_ASSIGN;
        cp++;
      }
    } else if (c == '&' && c1 == '&') {
      t = LAND;
    } else if (c == '|' && c1 == '|') {
      t = LOR;
    } else if (c == '*' && c1 == '*') {
      t = POWER;
    } else if ((c == '-' || c == '+') && c1 == c && ev->curtok == STR) {
      t = c == '-' ? POSTDEC : POSTINC;
    } else if ((c == '-' || c == '+') && c1 == c && ev->curtok == NUM
               && (ev->lasttok == PREINC || ev->lasttok == PREDEC)) {
      evalerror(ev, c == '-' ? "--: assignment requires lvalue" : "++: assignment requires lvalue");
    } else if ((c == '-' || c == '+') && c1 == c) {
      const char *xp = cp;
      while (cr_ws(*xp))
        xp++;
      if (var_start(*xp))
        t = c == '-' ? PREDEC : PREINC;
      else
        cp--;
    } else if (c1 == '=' && strchr("*/%+-&^|", c)) {
      ev->assigntok = c;
      t = OP_ASSIGN;
    } else if (!is_arithop(c)) {
      if (ev->curtok == T_END || is_arithop(ev->curtok) || is_multiop(ev->curtok))
        evalerror(ev, "syntax error: operand expected");
      evalerror(ev, "syntax error: invalid arithmetic operator");
    } else {
      cp--;
    }
    ev->lasttok = ev->curtok;
    ev->curtok = t;
  }
  ev->tp = cp;
}

static gint64
exp_primary(Ev *ev)
{
  gint64 val = 0;
  if (ev->curtok == PREINC || ev->curtok == PREDEC) {
    int stok = ev->lasttok = ev->curtok;
    readtok(ev);
    if (ev->curtok != STR)
      evalerror(ev, "identifier expected after pre-increment or pre-decrement");
    val = wrap((guint64) ev->tokval + (stok == PREINC ? 1 : (guint64) -1));
    if (!ev->noeval)
      bind(ev, ev->tokstr, val);
    ev->curtok = NUM;
    readtok(ev);
  } else if (ev->curtok == '(') {
    enter(ev);
    readtok(ev);
    val = expcomma(ev);
    if (ev->curtok != ')')
      evalerror(ev, "missing `)'");
    readtok(ev);
    ev->depth--;
  } else if (ev->curtok == NUM || ev->curtok == STR) {
    val = ev->tokval;
    if (ev->curtok == STR) {
      const char *p = ev->tp;
      while (cr_ws(*p))
        p++;
      if ((p[0] == '+' || p[0] == '-') && p[1] == p[0]) {
        ev->lasttp = p;
        ev->tp = p + 2;
        ev->lasttok = STR;
        gint64 v2 = wrap((guint64) val + (p[0] == '+' ? 1 : (guint64) -1));
        if (!ev->noeval)
          bind(ev, ev->tokstr, v2);
        ev->curtok = NUM;
      }
    }
    readtok(ev);
  } else {
    evalerror(ev, "syntax error: operand expected");
  }
  return val;
}

static gint64
exp_unary(Ev *ev)
{
  int t = ev->curtok;
  if (t != '!' && t != '~' && t != '-' && t != '+')
    return exp_primary(ev);
  readtok(ev);
  enter(ev);
  gint64 v = exp_unary(ev);
  ev->depth--;
  ev->lasttok = NUM;
  return t == '!' ? !v : t == '~' ? ~v : t == '-' ? wrap(0 - (guint64) v) : v;
}

static gint64
ipow(gint64 base, gint64 exp)
{
  guint64 result = 1, b = (guint64) base;
  while (exp) {
    if (exp & 1)
      result *= b;
    exp >>= 1;
    b *= b;
  }
  return wrap(result);
}

static gint64
exppower(Ev *ev)
{
  gint64 val1 = exp_unary(ev);
  while (ev->curtok == POWER) {
    readtok(ev);
    enter(ev);
    gint64 val2 = exppower(ev);
    ev->depth--;
    ev->lasttok = NUM;
    if (val2 == 0)
      return 1;
    if (val2 < 0)
      evalerror(ev, "exponent less than 0");
    val1 = ipow(val1, val2);
  }
  return val1;
}

static gint64
divide(int op, gint64 a, gint64 b)
{
  if (a == G_MININT64 && b == -1)
    return op == '/' ? G_MININT64 : 0;
  return op == '/' ? a / b : a % b;
}

static gint64
exp_mul(Ev *ev)
{
  gint64 val1 = exppower(ev);
  while (ev->curtok == '*' || ev->curtok == '/' || ev->curtok == '%') {
    int op = ev->curtok;
    const char *stp = ev->tp;
    readtok(ev);
    gint64 val2 = exppower(ev);
    if (op != '*' && val2 == 0) {
      if (!ev->noeval) {
        ev->lasttp = stp;
        while (*ev->lasttp == ' ' || *ev->lasttp == '\t')
          ev->lasttp++;
        evalerror(ev, "division by 0");
      }
      val2 = 1;
    }
    val1 = op == '*' ? wrap((guint64) val1 * (guint64) val2) : divide(op, val1, val2);
    ev->lasttok = NUM;
  }
  return val1;
}

static gint64
exp_add(Ev *ev)
{
  gint64 val1 = exp_mul(ev);
  while (ev->curtok == '+' || ev->curtok == '-') {
    int op = ev->curtok;
    readtok(ev);
    gint64 val2 = exp_mul(ev);
    val1 = op == '+' ? wrap((guint64) val1 + (guint64) val2) : wrap((guint64) val1 - (guint64) val2);
    ev->lasttok = NUM;
  }
  return val1;
}

static gint64
expshift(Ev *ev)
{
  gint64 val1 = exp_add(ev);
  while (ev->curtok == LSH || ev->curtok == RSH) {
    int op = ev->curtok;
    readtok(ev);
    gint64 val2 = exp_add(ev);
    val1 = shift(val1, val2, op == LSH);
    ev->lasttok = NUM;
  }
  return val1;
}

static gint64
exp_cmp(Ev *ev)
{
  gint64 val1 = expshift(ev);
  while (ev->curtok == LEQ || ev->curtok == GEQ || ev->curtok == '<' || ev->curtok == '>') {
    int op = ev->curtok;
    readtok(ev);
    gint64 val2 = expshift(ev);
    val1 = op == LEQ ? val1 <= val2 : op == GEQ ? val1 >= val2 : op == '<' ? val1 < val2 : val1 > val2;
    ev->lasttok = NUM;
  }
  return val1;
}

static gint64
exp_eq(Ev *ev)
{
  gint64 val1 = exp_cmp(ev);
  while (ev->curtok == EQEQ || ev->curtok == NEQ) {
    int op = ev->curtok;
    readtok(ev);
    gint64 val2 = exp_cmp(ev);
    val1 = op == EQEQ ? val1 == val2 : val1 != val2;
    ev->lasttok = NUM;
  }
  return val1;
}

/* & ^ |, each a level above the next. */
static gint64
expbits(Ev *ev, int level)
{
  static const int ops[] = { '&', '^', '|' };
  gint64 val1 = level == 0 ? exp_eq(ev) : expbits(ev, level - 1);
  while (ev->curtok == ops[level]) {
    readtok(ev);
    gint64 val2 = level == 0 ? exp_eq(ev) : expbits(ev, level - 1);
    val1 = level == 0 ? val1 & val2 : level == 1 ? val1 ^ val2 : val1 | val2;
    ev->lasttok = NUM;
  }
  return val1;
}

/* && (or ||): the right side is read, not evaluated, when the left decides. */
static gint64
explogic(Ev *ev, int op)
{
  gint64 val1 = op == LOR ? explogic(ev, LAND) : expbits(ev, 2);
  while (ev->curtok == op) {
    gboolean skip = op == LAND ? val1 == 0 : val1 != 0;
    ev->noeval += skip;
    readtok(ev);
    gint64 val2 = op == LOR ? explogic(ev, LAND) : expbits(ev, 2);
    ev->noeval -= skip;
    val1 = op == LAND ? val1 && val2 : val1 || val2;
    ev->lasttok = op;
  }
  return val1;
}

static gint64
expcond(Ev *ev)
{
  gint64 cval = explogic(ev, LOR);
  if (ev->curtok != '?')
    return cval;
  ev->noeval += cval == 0;
  readtok(ev);
  if (ev->curtok == T_END || ev->curtok == ':')
    evalerror(ev, "expression expected");
  enter(ev);
  gint64 val1 = expcomma(ev);
  ev->depth--;
  ev->noeval -= cval == 0;
  if (ev->curtok != ':')
    evalerror(ev, "`:' expected for conditional expression");
  ev->noeval += cval != 0;
  readtok(ev);
  if (ev->curtok == T_END)
    evalerror(ev, "expression expected");
  enter(ev);
  gint64 val2 = expcond(ev);
  ev->depth--;
  ev->noeval -= cval != 0;
  ev->lasttok = COND;
  return cval ? val1 : val2;
}

static gint64
expassign(Ev *ev)
{
  gint64 value = expcond(ev);
  if (ev->curtok != '=' && ev->curtok != OP_ASSIGN)
    return value;
  gboolean special = ev->curtok == OP_ASSIGN;
  if (ev->lasttok != STR)
    evalerror(ev, "attempted assignment to non-variable");
  int op = ev->assigntok;
  gint64 lvalue = value;
  if (!ev->tokstr)
    evalerror(ev, "syntax error in variable assignment");
  const char *lhs = ev->tokstr;
  readtok(ev);
  enter(ev);
  value = expassign(ev);
  ev->depth--;
  if (special) {
    if ((op == '/' || op == '%') && value == 0) {
      if (!ev->noeval)
        evalerror(ev, "division by 0");
      value = 1;
    }
    switch (op) {
    case '*': lvalue = wrap((guint64) lvalue * (guint64) value); break;
    case '/': case '%': lvalue = divide(op, lvalue, value); break;
    case '+': lvalue = wrap((guint64) lvalue + (guint64) value); break;
    case '-': lvalue = wrap((guint64) lvalue - (guint64) value); break;
    case LSH: case RSH: lvalue = shift(lvalue, value, op == LSH); break;
    case '&': lvalue &= value; break;
    case '|': lvalue |= value; break;
    case '^': lvalue ^= value; break;
    default: break;
    }
    value = lvalue;
  }
  if (!ev->noeval)
    bind(ev, lhs, value);
  return value;
}

static gint64
expcomma(Ev *ev)
{
  gint64 value = expassign(ev);
  while (ev->curtok == ',') {
    readtok(ev);
    value = expassign(ev);
  }
  return value;
}

static gint64
subexpr(Ev *ev, const char *expr)
{
  const char *p = expr;
  while (cr_ws(*p))
    p++;
  if (!*p)
    return 0;
  enter(ev);
  Saved s = { ev->expression, ev->tp, ev->lasttp, ev->curtok, ev->lasttok, ev->tokval, ev->tokstr };
  ev->expression = ev->tp = expr;
  ev->curtok = ev->lasttok = T_END;
  ev->tokval = 0;
  ev->tokstr = NULL;
  readtok(ev);
  gint64 val = expcomma(ev);
  if (ev->curtok != T_END)
    evalerror(ev, "syntax error in expression");
  ev->expression = s.expression;
  ev->tp = s.tp;
  ev->lasttp = s.lasttp;
  ev->curtok = s.curtok;
  ev->lasttok = s.lasttok;
  ev->tokval = s.tokval;
  ev->tokstr = s.tokstr;
  ev->depth--;
  return val;
}

gboolean
nns_sh_arith_eval(NnsShFrame *frame, const char *expr, gint64 *value, char **msg)
{
  Ev *ev = g_new0(Ev, 1);
  ev->frame = frame;
  ev->garbage = g_ptr_array_new_with_free_func(g_free);
  ev->expression = expr;
  volatile gboolean ok = FALSE;
  if (setjmp(ev->fail) == 0) {
    *value = subexpr(ev, expr);
    ok = TRUE;
  } else {
    *msg = g_steal_pointer(&ev->msg);
  }
  g_ptr_array_unref(ev->garbage);
  g_free(ev->msg);
  g_free(ev);
  return ok;
}
