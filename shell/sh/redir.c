#include "shell/sh/redir.h"
#include "shell/sh/expand.h"
#include "shell/tools/tools.h"

typedef struct {
  char *path;
  GString *buf;
} Opened;

static void
opened_free(gpointer p)
{
  Opened *o = p;
  g_free(o->path);
  g_string_free(o->buf, TRUE);
  g_free(o);
}

void
nns_sh_redirs_init(NnsShRedirs *r, GString *out, GString *err, const char *in, gsize in_len)
{
  r->out = out;
  r->err = err;
  r->in = in;
  r->in_len = in_len;
  r->in_file = NULL;
  r->opened = g_ptr_array_new_with_free_func(opened_free);
}

void
nns_sh_redirs_clear(NnsShRedirs *r)
{
  if (r->in_file)
    g_string_free(r->in_file, TRUE);
  r->in_file = NULL;
  g_clear_pointer(&r->opened, g_ptr_array_unref);
}

static void
complain(NnsShExpand *x, NnsShRedirs *r, const char *what, const char *why)
{
  g_autofree char *where = nns_sh_frame_where(x->frame);
  g_string_append_printf(r->err, "%s%s: %s\n", where, what, why);
  x->status = 1;
}

static GString *
open_output(NnsShExpand *x, NnsShRedirs *r, const char *path, gboolean append)
{
  int err = nns_fs_open_write(x->sh, x->pid, path, append);
  if (err) {
    complain(x, r, path, nns_strerror(err));
    return NULL;
  }
  Opened *o = g_new0(Opened, 1);
  o->path = g_strdup(path);
  o->buf = g_string_new("");
  g_ptr_array_add(r->opened, o);
  return o->buf;
}

static void
set_fd(NnsShRedirs *r, int fd, GString *target)
{
  if (fd == 1)
    r->out = target;
  else if (fd == 2)
    r->err = target;
  /* Other descriptors are accepted and never written. */
}

static gboolean
apply_one(NnsShExpand *x, NnsShRedirs *r, const NnsShRedir *rd)
{
  if (rd->kind == NNS_SH_REDIR_DUP) {
    GString *src = rd->dup_fd == 1 ? r->out : rd->dup_fd == 2 ? r->err : NULL;
    if (!src) {
      g_autofree char *fd = g_strdup_printf("%d", rd->dup_fd);
      complain(x, r, fd, "Bad file descriptor");
      return FALSE;
    }
    set_fd(r, rd->fd, src);
    return TRUE;
  }
  x->err = r->err;
  g_autofree char *path = nns_sh_expand_target(x, rd->target);
  if (!path)
    return FALSE;
  if (rd->kind == NNS_SH_REDIR_IN) {
    GString *data = g_string_new("");
    int err = nns_fs_read(x->sh, x->pid, path, data);
    if (err) {
      g_string_free(data, TRUE);
      complain(x, r, path, nns_strerror(err));
      return FALSE;
    }
    if (rd->fd == 0) {
      if (r->in_file)
        g_string_free(r->in_file, TRUE);
      r->in_file = data;
      r->in = data->str;
      r->in_len = data->len;
    } else {
      g_string_free(data, TRUE);
    }
    return TRUE;
  }
  gboolean append = rd->kind == NNS_SH_REDIR_APPEND || rd->kind == NNS_SH_REDIR_BOTH_APPEND;
  GString *buf = open_output(x, r, path, append);
  if (!buf)
    return FALSE;
  if (rd->kind == NNS_SH_REDIR_BOTH || rd->kind == NNS_SH_REDIR_BOTH_APPEND) {
    r->out = buf;
    r->err = buf;
  } else {
    set_fd(r, rd->fd, buf);
  }
  return TRUE;
}

gboolean
nns_sh_redirs_apply(NnsShExpand *x, NnsShRedirs *r, GPtrArray *redirs)
{
  for (guint i = 0; i < redirs->len; i++)
    if (!apply_one(x, r, g_ptr_array_index(redirs, i)))
      return FALSE;
  return TRUE;
}

/* bash's own commands report a failed write under bash's name. */
static gboolean
is_builtin(const char *name)
{
  static const char *const builtins[] = { "echo", "printf", "true", "false", "exit", "cd", "pwd", "test", "[",
                                           "break", "continue", ":", "shift", "set", "export", "unset", "read" };
  for (gsize i = 0; i < G_N_ELEMENTS(builtins); i++)
    if (g_str_equal(builtins[i], name))
      return TRUE;
  return FALSE;
}

gboolean
nns_sh_redirs_flush(NnsShExpand *x, NnsShRedirs *r, const char *name)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < r->opened->len; i++) {
    Opened *o = g_ptr_array_index(r->opened, i);
    if (o->buf->len == 0)
      continue;
    int err = nns_fs_write(x->sh, x->pid, o->path, o->buf->str, o->buf->len);
    if (err) {
      /* Reported where the command's stderr went, unless that is the
       * file that failed. */
      GString *to = r->err == o->buf ? NULL : r->err;
      g_autofree char *where = nns_sh_frame_where(x->frame);
      if (to && name && is_builtin(name))
        g_string_append_printf(to, "%s%s: write error: %s\n", where, name, nns_strerror(err));
      else if (to && name)
        g_string_append_printf(to, "%s: write error: %s\n", name, nns_strerror(err));
      ok = FALSE;
    }
  }
  return ok;
}
