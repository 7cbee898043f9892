/* The readline REPL: history kept in a file, completion of commands,
 * namespace names and device names, a prompt naming the namespace of a
 * nested shell. */
#include "shell/repl.h"
#include "shell/replay/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/history.h>
#include <readline/readline.h>

static NnsShell *repl_shell;

static const char *const ip_words[] = {
  "link", "address", "route", "netns", "add", "delete", "set", "show", "list", "exec",
  "identify", "pids", "type", "veth", "bridge", "dummy", "peer", "name", "up", "down",
  "dev", "master", "nomaster", "mtu", "netns", "flush", "bash", "rule", "from", "table", "lookup",
  "nexthop", "via", "weight",
  /* bridge fdb / link, ip link ... type bridge */
  "fdb", "append", "replace", "self", "static", "permanent", "dynamic", "cost", "priority", "state",
  "learning", "flood", "hairpin", "isolated", "stp_state", "forward_delay", "hello_time", "max_age",
  "ageing_time", NULL,
};

/* Every candidate for the word being completed: commands first on a line,
 * then namespace names, device names of the current namespace, ip words. */
static GPtrArray *
candidates(gboolean first_word)
{
  GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
  NnsShell *sh = repl_shell;
  GHashTableIter it;
  gpointer key;
  if (first_word) {
    g_hash_table_iter_init(&it, sh->commands);
    while (g_hash_table_iter_next(&it, &key, NULL))
      g_ptr_array_add(all, g_strdup(key));
    return all;
  }
  g_autoptr(GPtrArray) names = sh->backend->ops->netns_names(sh->backend);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add(all, g_strdup(names->pdata[i]));
  g_autoptr(GPtrArray) links = sh->backend->ops->link_dump(sh->backend, nns_shell_pid(sh), NULL);
  for (guint i = 0; links && i < links->len; i++)
    g_ptr_array_add(all, g_strdup(((NnsLinkRecord *) links->pdata[i])->name));
  for (guint i = 0; ip_words[i]; i++)
    g_ptr_array_add(all, g_strdup(ip_words[i]));
  return all;
}

static GPtrArray *matches;
static guint match_next;

static char *
generator(const char *text, int state)
{
  if (state == 0)
    match_next = 0;
  size_t len = strlen(text);
  while (matches && match_next < matches->len) {
    const char *c = matches->pdata[match_next++];
    if (strncmp(c, text, len) == 0)
      return strdup(c);
  }
  return NULL;
}

static char **
complete(const char *text, int start, int end)
{
  (void) end;
  g_clear_pointer(&matches, g_ptr_array_unref);
  gboolean first = TRUE;
  for (int i = 0; i < start; i++)
    if (!g_ascii_isspace(rl_line_buffer[i]))
      first = FALSE;
  matches = candidates(first);
  rl_attempted_completion_over = 1;
  return rl_completion_matches(text, generator);
}

static char *
prompt_for(NnsShell *sh)
{
  if (sh->pids->len <= 1)
    return g_strdup("netnsim# ");
  int pid = nns_shell_pid(sh);
  guint64 inode = sh->backend->ops->process_netns_inode(sh->backend, pid);
  g_autoptr(GPtrArray) names = sh->backend->ops->netns_names(sh->backend);
  for (guint i = 0; i < names->len; i++)
    if (sh->backend->ops->netns_inode(sh->backend, names->pdata[i]) == inode)
      return g_strdup_printf("netnsim(%s)# ", (char *) names->pdata[i]);
  return g_strdup("netnsim(?)# ");
}

int
nns_repl_run(NnsShell *sh)
{
  return nns_repl_run_recorded(sh, NULL);
}

int
nns_repl_run_recorded(NnsShell *sh, NnsSession *session)
{
  repl_shell = sh;
  rl_attempted_completion_function = complete;
  const char *home = g_get_home_dir();
  g_autofree char *history = g_build_filename(home ? home : ".", ".netnsim_history", NULL);
  read_history(history);
  while (!sh->exit_requested) {
    g_autofree char *prompt = prompt_for(sh);
    char *line = readline(prompt);
    if (!line) {
      /* ^D leaves a nested shell, or netnsim. */
      if (!nns_shell_pop(sh))
        break;
      /* as `exit` would: the recording replays the same nesting */
      nns_session_add(session, "exit", "", 0);
      continue;
    }
    if (*line)
      add_history(line);
    g_autoptr(GString) out = g_string_new(NULL);
    NnsIo io = { .out = out, .err = out };
    sh->terminal = sh->stdout_tty ? out : NULL;
    int status = nns_shell_run_line(sh, line, &io);
    sh->terminal = NULL;
    nns_session_add(session, line, out->str, status);
    fputs(out->str, stdout);
    fflush(stdout);
    free(line);
  }
  write_history(history);
  g_clear_pointer(&matches, g_ptr_array_unref);
  return sh->exit_requested ? sh->exit_status : 0;
}
