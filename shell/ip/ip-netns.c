/* `ip netns`, as iproute2's ip/ipnetns.c: names in /run/netns, exec in a
 * namespace (nested shells for `bash`), identify, pids and nsids. */
#include "shell/ip/ip-common.h"

#include <errno.h>
#include <string.h>

static const char netns_usage[] =
  "Usage:\tip netns list\n"
  "\tip netns add NAME\n"
  "\tip netns attach NAME PID\n"
  "\tip netns set NAME NETNSID\n"
  "\tip [-all] netns delete [NAME]\n"
  "\tip netns identify [PID]\n"
  "\tip netns pids NAME\n"
  "\tip [-all] netns exec [NAME] cmd ...\n"
  "\tip netns monitor\n"
  "\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
  "NETNSID := auto | POSITIVE-INT\n";

static gboolean
name_valid(const char *name)
{
  return *name && !strchr(name, '/') && !g_str_equal(name, ".") && !g_str_equal(name, "..");
}

static int
netns_list(NnsIpCall *c)
{
  g_autoptr(GPtrArray) names = c->be->ops->netns_names(c->be);
  for (guint i = 0; i < names->len; i++) {
    const char *name = names->pdata[i];
    int id = c->be->ops->nsid_of_name(c->be, c->pid, name);
    if (id >= 0)
      nns_out(c->io, "%s (id: %d)\n", name, id);
    else
      nns_out(c->io, "%s\n", name);
  }
  return 0;
}

static int
netns_add(NnsIpCall *c, int argc, char **argv)
{
  if (argc < 1) {
    nns_err(c->io, "No netns name specified\n");
    return 255;
  }
  if (!name_valid(argv[0])) {
    nns_err(c->io, "Invalid netns name \"%s\"\n", argv[0]);
    return 255;
  }
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->netns_add(c->be, c->pid, argv[0], &error)) {
    nns_err(c->io, "Cannot create namespace file \"/run/netns/%s\": %s\n", argv[0], g_strerror(error->code));
    return 1;
  }
  return 0;
}

static int
netns_delete_one(NnsIpCall *c, const char *name)
{
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->netns_delete(c->be, name, &error)) {
    nns_err(c->io, "Cannot remove namespace file \"/run/netns/%s\": %s\n", name, g_strerror(error->code));
    return 1;
  }
  return 0;
}

static int
netns_delete(NnsIpCall *c, int argc, char **argv)
{
  if (c->all_netns) {
    g_autoptr(GPtrArray) names = c->be->ops->netns_names(c->be);
    int rc = 0;
    for (guint i = 0; i < names->len; i++)
      rc |= netns_delete_one(c, names->pdata[i]);
    return rc;
  }
  if (argc < 1) {
    nns_err(c->io, "No netns name specified\n");
    return 1;
  }
  return netns_delete_one(c, argv[0]);
}

int
nns_ip_netns_switch(NnsShell *sh, int pid, const char *name, NnsIo *io)
{
  g_autoptr(GError) error = NULL;
  int child = sh->backend->ops->process_spawn(sh->backend, pid, name, &error);
  if (child < 0)
    nns_err(io, "Cannot open network namespace \"%s\": %s\n", name, g_strerror(error->code));
  return child;
}

/* Run argv in a new process of the named namespace. */
static int
exec_in(NnsIpCall *c, const char *name, int argc, char **argv)
{
  int child = nns_ip_netns_switch(c->sh, c->pid, name, c->io);
  if (child < 0)
    return 255;
  const char *prog = argv[0];
  const char *base = strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog;
  /* An interactive shell in the namespace: the REPL's next commands run in
   * it.  (With a pipe to read, it is shell/tools/bash.c's to run.) */
  if (argc == 1 && !c->io->in && (g_str_equal(base, "bash") || g_str_equal(base, "sh"))) {
    nns_shell_push(c->sh, child);
    return 0;
  }
  int rc;
  if (!nns_shell_lookup(c->sh, base)) {
    nns_err(c->io, "exec of \"%s\" failed: No such file or directory\n", prog);
    rc = 1;
  } else {
    rc = nns_shell_run_argv(c->sh, child, argc, argv, c->io);
  }
  c->be->ops->process_exit(c->be, child);
  return rc;
}

static int
netns_exec(NnsIpCall *c, int argc, char **argv)
{
  if (c->all_netns) {
    if (argc < 1) {
      nns_err(c->io, "No command specified\n");
      return 1;
    }
    g_autoptr(GPtrArray) names = c->be->ops->netns_names(c->be);
    for (guint i = 0; i < names->len; i++) {
      nns_out(c->io, "\nnetns: %s\n", (char *) names->pdata[i]);
      exec_in(c, names->pdata[i], argc, argv);
    }
    return 0;
  }
  if (argc < 1) {
    nns_err(c->io, "No netns name specified\n");
    return 1;
  }
  if (argc < 2) {
    nns_err(c->io, "No command specified\n");
    return 1;
  }
  return exec_in(c, argv[0], argc - 1, argv + 1);
}

static gboolean
parse_pid(const char *s, int *pid)
{
  char *end = NULL;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v <= 0 || v > G_MAXINT)
    return FALSE;
  *pid = (int) v;
  return TRUE;
}

static int
netns_identify(NnsIpCall *c, int argc, char **argv)
{
  int pid = c->pid;
  if (argc > 0 && !parse_pid(argv[0], &pid)) {
    nns_err(c->io, "Specified string '%s' is not a pid\n", argv[0]);
    return 1;
  }
  guint64 inode = c->be->ops->process_netns_inode(c->be, pid);
  if (!inode) {
    nns_err(c->io, "Cannot open network namespace: %s\n", g_strerror(ENOENT));
    return 1;
  }
  g_autoptr(GPtrArray) names = c->be->ops->netns_names(c->be);
  gboolean first = TRUE;
  for (guint i = 0; i < names->len; i++) {
    if (c->be->ops->netns_inode(c->be, names->pdata[i]) != inode)
      continue;
    nns_out(c->io, "%s%s", first ? "" : " ", (char *) names->pdata[i]);
    first = FALSE;
  }
  nns_out(c->io, "\n");
  return 0;
}

static int
netns_pids(NnsIpCall *c, int argc, char **argv)
{
  if (argc < 1) {
    nns_err(c->io, "No netns name specified\n");
    return 1;
  }
  if (!c->be->ops->netns_inode(c->be, argv[0])) {
    nns_err(c->io, "Cannot open network namespace: %s\n", g_strerror(ENOENT));
    return 1;
  }
  g_autoptr(GArray) pids = c->be->ops->netns_pids(c->be, argv[0]);
  for (guint i = 0; i < pids->len; i++)
    nns_out(c->io, "%d\n", g_array_index(pids, int, i));
  return 0;
}

static int
netns_set(NnsIpCall *c, int argc, char **argv)
{
  if (argc < 2) {
    nns_err(c->io, "No netns name specified\n");
    return 1;
  }
  int nsid = -1;
  if (!g_str_equal(argv[1], "auto")) {
    char *end = NULL;
    long v = strtol(argv[1], &end, 10);
    if (!*argv[1] || *end || v < 0 || v > G_MAXINT)
      return nns_ip_invarg(c, "Invalid \"netnsid\" value", argv[1]);
    nsid = (int) v;
  }
  if (!c->be->ops->netns_inode(c->be, argv[0])) {
    nns_err(c->io, "Cannot open network namespace \"%s\": %s\n", argv[0], g_strerror(ENOENT));
    return 1;
  }
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->nsid_set(c->be, c->pid, argv[0], nsid, &error))
    return nns_ip_rtnl_fail(c, error);
  return 0;
}

static int
netns_list_id(NnsIpCall *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = c->be->ops->nsid_dump(c->be, c->pid, &error);
  g_autoptr(GPtrArray) names = c->be->ops->netns_names(c->be);
  for (guint i = 0; ids && i < ids->len; i++) {
    const NnsNsidPair *pair = g_ptr_array_index(ids, i);
    const char *name = NULL;
    for (guint j = 0; j < names->len && !name; j++)
      if (c->be->ops->nsid_of_name(c->be, c->pid, names->pdata[j]) == pair->nsid)
        name = names->pdata[j];
    if (name)
      nns_out(c->io, "nsid %d (iproute2 netns name: %s)\n", pair->nsid, name);
    else
      nns_out(c->io, "nsid %d \n", pair->nsid);
  }
  return 0;
}

static int
netns_attach(NnsIpCall *c, int argc, char **argv)
{
  int pid;
  if (argc < 2) {
    nns_err(c->io, "No netns name and PID specified\n");
    return 1;
  }
  if (!parse_pid(argv[1], &pid)) {
    nns_err(c->io, "Invalid PID: %s\n", argv[1]);
    return 1;
  }
  g_autoptr(GError) error = NULL;
  if (!c->be->ops->netns_attach(c->be, argv[0], pid, &error)) {
    if (error->code == EEXIST)
      nns_err(c->io, "Cannot create namespace file \"/run/netns/%s\": %s\n", argv[0], g_strerror(error->code));
    else if (error->code == ESRCH)   /* ip binds /proc/PID/ns/net, which is not there */
      nns_err(c->io, "Bind /proc/%d/ns/net -> /run/netns/%s failed: %s\n", pid, argv[0], g_strerror(ENOENT));
    else
      nns_err(c->io, "Cannot open network namespace: %s\n", g_strerror(error->code));
    return 1;
  }
  return 0;
}

int
nns_ip_netns(NnsIpCall *c, int argc, char **argv)
{
  if (argc == 0)
    return netns_list(c);
  const char *cmd = argv[0];
  argc--;
  argv++;
  if (nns_ip_matches(cmd, "list") || nns_ip_matches(cmd, "show") || nns_ip_matches(cmd, "lst"))
    return netns_list(c);
  if (nns_ip_matches(cmd, "list-id"))
    return netns_list_id(c);
  if (nns_ip_matches(cmd, "add"))
    return netns_add(c, argc, argv);
  if (nns_ip_matches(cmd, "attach"))
    return netns_attach(c, argc, argv);
  if (nns_ip_matches(cmd, "set"))
    return netns_set(c, argc, argv);
  if (nns_ip_matches(cmd, "delete"))
    return netns_delete(c, argc, argv);
  if (nns_ip_matches(cmd, "identify"))
    return netns_identify(c, argc, argv);
  if (nns_ip_matches(cmd, "pids"))
    return netns_pids(c, argc, argv);
  if (nns_ip_matches(cmd, "exec"))
    return netns_exec(c, argc, argv);
  if (nns_ip_matches(cmd, "help")) {
    g_string_append(c->io->err, netns_usage);
    return 255;
  }
  nns_err(c->io, "Command \"%s\" is unknown, try \"ip netns help\".\n", cmd);
  return 255;
}
