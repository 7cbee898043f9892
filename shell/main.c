/* netnsim: the command-line entry point.
 *
 *   netnsim [--world host|bare] [--seed N]             readline shell
 *   netnsim [...] -c 'CMD'                             one command line
 *   netnsim [...] script FILE                          a file of commands
 *   netnsim record [--world W] [--status] [FILE|-]     a transcript
 *   netnsim diff [--world W] FILE                      sim against kernel
 *   netnsim replay [--world W] [--update] FILE...      check transcripts
 *   netnsim --record-session FILE                      shell, recorded
 * --backend kernel runs any of them on the real kernel, in a sandbox.
 */
#include "backends/kernel/kernel-backend.h"
#include "backends/sim/sim-backend.h"
#include "shell/diff.h"
#include "shell/repl.h"
#include "shell/replay/replay.h"
#include "shell/replay/session.h"
#include "shell/runner.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  NnsWorldKind world;
  guint32 seed;
  gboolean status;
  const char *command;
  gboolean kernel;            /* --backend kernel */
  const char *record_session; /* --record-session FILE */
} Options;

static int
usage(void)
{
  fputs("Usage: netnsim [--world host|bare] [--seed N] [-c 'COMMAND' | script FILE]\n"
        "       netnsim record [--world host|bare] [--status] [FILE|-]\n"
        "       netnsim diff [--world host|bare] FILE\n"
        "       netnsim replay [--world host|bare] [--update] [--verbose] FILE...\n"
        "       netnsim [--world host|bare] [--seed N] --record-session FILE\n"
        "       (--backend sim|kernel before any of them chooses the backend)\n",
        stderr);
  return 2;
}

static char *
read_input(const char *path, GError **error)
{
  char *text = NULL;
  if (!path || g_str_equal(path, "-")) {
    GString *all = g_string_new(NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
      g_string_append_len(all, buf, (gssize) n);
    return g_string_free(all, FALSE);
  }
  if (!g_file_get_contents(path, &text, NULL, error))
    return NULL;
  return text;
}

/* Options shared by every mode; returns the index of the first other word. */
static int
parse_options(int argc, char **argv, int i, Options *o)
{
  for (; i < argc; i++) {
    if (g_str_equal(argv[i], "--world") && i + 1 < argc) {
      const char *w = argv[++i];
      if (g_str_equal(w, "bare"))
        o->world = NNS_WORLD_BARE;
      else if (g_str_equal(w, "host"))
        o->world = NNS_WORLD_HOST;
      else
        return -1;
    } else if (g_str_equal(argv[i], "--seed") && i + 1 < argc) {
      o->seed = (guint32) g_ascii_strtoull(argv[++i], NULL, 10);
    } else if (g_str_equal(argv[i], "--backend") && i + 1 < argc) {
      const char *b = argv[++i];
      if (g_str_equal(b, "kernel"))
        o->kernel = TRUE;
      else if (g_str_equal(b, "sim"))
        o->kernel = FALSE;
      else
        return -1;
    } else if (g_str_equal(argv[i], "--record-session") && i + 1 < argc) {
      o->record_session = argv[++i];
    } else if (g_str_equal(argv[i], "--status")) {
      o->status = TRUE;
    } else if (g_str_equal(argv[i], "-c") && i + 1 < argc) {
      o->command = argv[++i];
    } else {
      break;
    }
  }
  return i;
}

/* The chosen backend; the kernel's fails where the machine forbids it. */
static NnsBackend *
make_backend(const Options *o)
{
  if (!o->kernel)
    return nns_sim_backend_new(o->world, o->seed);
  g_autoptr(GError) error = NULL;
  NnsBackend *be = nns_kernel_backend_new_world(o->world, &error);
  if (!be)
    fprintf(stderr, "netnsim: --backend kernel: %s\n", error->message);
  return be;
}

/* A document's machine: the chosen backend in the document's world. */
static NnsBackend *
replay_backend(int world, guint32 seed, gpointer data)
{
  Options w = *(const Options *) data;
  w.world = (NnsWorldKind) world;
  w.seed = seed;
  return make_backend(&w);
}

static int
run_replay(int argc, char **argv, int first, Options *o)
{
  int i = parse_options(argc, argv, first, o);
  if (i < 0)
    return usage();
  NnsReplayOptions ro = { .world = o->world, .seed = o->seed,
                          .make_backend = replay_backend, .backend_data = o };
  return nns_replay_main(argc - i, argv + i, &ro);
}

/* The REPL, writing the session as a transcript when asked to. */
static int
run_repl(NnsShell *sh, const Options *o)
{
  if (!o->record_session)
    return nns_repl_run(sh);
  g_autoptr(GError) error = NULL;
  NnsSession *session = nns_session_open(o->record_session,
                                         o->world == NNS_WORLD_BARE ? "bare" : "host", o->seed, &error);
  if (!session) {
    fprintf(stderr, "netnsim: --record-session: %s\n", error->message);
    return 1;
  }
  int rc = nns_repl_run_recorded(sh, session);
  nns_session_close(session);
  return rc;
}

static int
run_record(int argc, char **argv, int first, Options *o)
{
  int i = parse_options(argc, argv, first, o);
  if (i < 0 || argc - i > 1)
    return usage();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = read_input(i < argc ? argv[i] : NULL, &error);
  if (!text) {
    fprintf(stderr, "netnsim: %s\n", error->message);
    return 1;
  }
  g_autoptr(NnsBackend) be = make_backend(o);
  if (!be)
    return 1;
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  g_autoptr(GString) transcript = g_string_new(NULL);
  NnsRecordOptions ro = { .status = o->status };
  nns_record_run(sh, text, &ro, transcript);
  /* fwrite, not fputs: a command may print a NUL (`echo -e '\\0'`). */
  fwrite(transcript->str, 1, transcript->len, stdout);
  return 0;
}

int
main(int argc, char **argv)
{
  Options o = { .world = NNS_WORLD_HOST, .seed = 1 };
  if (argc > 1 && g_str_equal(argv[1], "record")) {
    o.world = NNS_WORLD_HOST;
    return run_record(argc, argv, 2, &o);
  }
  int i = parse_options(argc, argv, 1, &o);
  if (i < 0)
    return usage();
  /* `--backend kernel record ...` as well as `record --backend kernel`. */
  if (i < argc && g_str_equal(argv[i], "record"))
    return run_record(argc, argv, i + 1, &o);
  if (i < argc && g_str_equal(argv[i], "replay"))
    return run_replay(argc, argv, i + 1, &o);
  if (i < argc && g_str_equal(argv[i], "diff"))
    return nns_diff_command(argc - i - 1, argv + i + 1, o.seed);
  const char *script = NULL;
  if (i < argc) {
    if (g_str_equal(argv[i], "script") && i + 1 < argc && i + 2 == argc)
      script = argv[i + 1];
    else
      return usage();
  }
  g_autoptr(NnsBackend) be = make_backend(&o);
  if (!be)
    return 1;
  g_autoptr(NnsShell) sh = nns_shell_new(be);
  sh->stdout_tty = isatty(STDOUT_FILENO);
  if (o.command || script || !isatty(STDIN_FILENO)) {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = o.command ? g_strdup(o.command) : read_input(script, &error);
    if (!text) {
      fprintf(stderr, "netnsim: %s\n", error->message);
      return 1;
    }
    g_autoptr(GString) out = g_string_new(NULL);
    /* One stream, so that errors stand where the commands printed them. */
    sh->terminal = sh->stdout_tty ? out : NULL;
    int rc = nns_script_run(sh, text, out, out);
    sh->terminal = NULL;
    fwrite(out->str, 1, out->len, stdout);
    return rc;
  }
  return run_repl(sh, &o);
}
