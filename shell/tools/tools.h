/* Text tools and file commands (echo, printf, cat, ls, readlink, grep,
 * head, tail, wc, sort, true, false, seq, sleep, sysctl, exit, ...). */
#pragma once

#include "shell/shell.h"

G_BEGIN_DECLS

void nns_tools_register(NnsShell *sh);

/* ------------------------------------------------------------------ */
/* Below: shared by the tools and by the shell's redirections.         */

/* The file system a process sees: /proc, /sys/class/net and /run/netns
 * made from the backend's state as seen from the process's namespace,
 * plus the plain files users write (sh->files).  Paths are made absolute
 * against /root, root's home and the shell's working directory.
 * Functions return 0 or a positive errno. */
typedef enum {
  NNS_FS_FILE,
  NNS_FS_DIR,
  NNS_FS_LINK,
  NNS_FS_CHAR,                /* /dev/null */
} NnsFsKind;

typedef struct {
  NnsFsKind kind;
  gsize size;
  guint mode;                 /* permission bits, e.g. 0644 */
} NnsFsStat;

char *nns_fs_abspath(const char *path);
int nns_fs_stat(NnsShell *sh, int pid, const char *path, gboolean follow, NnsFsStat *st);
int nns_fs_read(NnsShell *sh, int pid, const char *path, GString *out);
/* Appends the directory's entry names, sorted bytewise. */
int nns_fs_list(NnsShell *sh, int pid, const char *path, GPtrArray *names);
int nns_fs_readlink(NnsShell *sh, int pid, const char *path, char **target);
/* open(O_WRONLY|O_CREAT|(append ? O_APPEND : O_TRUNC)), then write(). */
int nns_fs_open_write(NnsShell *sh, int pid, const char *path, gboolean append);
int nns_fs_write(NnsShell *sh, int pid, const char *path, const char *data, gsize len);

/* One subtree of the file system made from the backend (fs-*.c).  `rel`
 * is the path below `root`: "" for the root itself, else "a/b". */
typedef struct {
  const char *root;
  int (*stat)(NnsShell *sh, int pid, const char *rel, NnsFsStat *st);
  int (*read)(NnsShell *sh, int pid, const char *rel, GString *out);
  int (*list)(NnsShell *sh, int pid, const char *rel, GPtrArray *names);
  int (*readlink)(NnsShell *sh, int pid, const char *rel, char **target);  /* NULL: EINVAL */
  int (*write)(NnsShell *sh, int pid, const char *rel, const char *data, gsize len); /* NULL: EACCES */
  NnsFsKind link_to;          /* what the subtree's links lead to */
} NnsFsProvider;

extern const NnsFsProvider nns_fs_proc_sys;     /* /proc/sys */
extern const NnsFsProvider nns_fs_proc_net;     /* /proc/net */
extern const NnsFsProvider nns_fs_proc;         /* /proc, /proc/PID/ns/net */
extern const NnsFsProvider nns_fs_sys_net;      /* /sys/class/net */
extern const NnsFsProvider nns_fs_run_netns;    /* /run/netns */

/* The devices of the process's namespace in dump order (NULL if none),
 * and one of them by name (fs-links.c). */
GPtrArray *nns_fs_links(NnsShell *sh, int pid);
/* Files of /proc/net (proc-net-mcast.c, proc-net-route.c). */
void nns_proc_net_dev_mcast(NnsShell *sh, int pid, GString *out);
void nns_proc_net_igmp(NnsShell *sh, int pid, GString *out);
void nns_proc_net_igmp6(NnsShell *sh, int pid, GString *out);
void nns_proc_net_route(NnsShell *sh, int pid, GString *out);
const NnsLinkRecord *nns_fs_link_find(GPtrArray *links, const char *name);

/* strerror() as glibc's C locale words it, whatever the user's locale. */
const char *nns_strerror(int errnum);

/* Command-line options, GNU getopt style: `spec` lists the letters, a ':'
 * after one that takes an argument; a '#' in spec accepts -NUM (head -5),
 * stored as option '#'.  With `permute`, options may follow operands. */
typedef struct {
  char opt;
  const char *arg;
} NnsOpt;

typedef struct {
  GArray *opts;               /* NnsOpt, in order */
  GPtrArray *operands;        /* const char* (borrowed from argv) */
  char bad_opt;               /* set when an unknown option was given */
  char missing_arg;           /* set when an option lacks its argument */
  const char *bad_long;       /* an unknown --long option */
  char *long_error;           /* getopt_long's other complaints, without "NAME: " */
} NnsOpts;

/* A long option of getopt_long: --NAME, --NAME=ARG or --NAME ARG, or any
 * unambiguous prefix of NAME; it is stored as option `opt` (its short
 * letter, or a code of its own for a long-only option). */
typedef struct {
  const char *name;
  gboolean has_arg;
  char opt;
} NnsLongOpt;

gboolean nns_opts_parse(NnsOpts *o, int argc, char **argv, const char *spec, gboolean permute);
/* The same with long options (`longs` ends with a NULL name).  On failure
 * o->opts holds the options read before the bad one, in order, as
 * getopt_long would have returned them. */
gboolean nns_opts_parse_long(NnsOpts *o, int argc, char **argv, const char *spec, const NnsLongOpt *longs,
                             gboolean permute);
void nns_opts_clear(NnsOpts *o);
/* coreutils' complaint about bad options, then "Try 'NAME --help' ...". */
int nns_opts_fail(NnsIo *io, const char *name, const NnsOpts *o, const char *usage, int status);

/* The contents of a file operand ("-" is standard input); errno on failure. */
int nns_tool_read_input(NnsShell *sh, int pid, NnsIo *io, const char *operand, GString *out);
/* Lines of a text, without their newlines; a last line without one counts. */
GPtrArray *nns_tool_split_lines(const char *data, gsize len);

/* Backslash escapes of echo -e, printf's format and printf's %b; they
 * differ in octal: echo and %b take \0NNN, the format \NNN.  Returns
 * FALSE at \c (stop all output), leaving *end after the escape. */
typedef enum {
  NNS_ESC_ECHO,
  NNS_ESC_FORMAT,
  NNS_ESC_B,
} NnsEscStyle;
gboolean nns_tool_escape(GString *out, const char *s, NnsEscStyle style, const char **end);

/* A grep pattern (basic, or extended with `extended`) in GRegex's PCRE
 * syntax; NULL with grep's complaint ("Unmatched ( or \\(") in *why. */
char *nns_grep_to_pcre(const char *pattern, gboolean extended, const char **why);

/* The builtins' and tools' entry points. */
int nns_tool_echo(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_printf(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_cat(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_ls(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_readlink(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_grep(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_head(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_tail(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_wc(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_cut(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_seq(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_od(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_sort(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_true(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_false(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_test(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_dmesg(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_sleep(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_sysctl(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_exit(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_bash(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);
int nns_tool_sh(NnsShell *sh, int pid, int argc, char **argv, NnsIo *io);

G_END_DECLS
