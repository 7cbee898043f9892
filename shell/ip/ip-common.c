#include "shell/ip/ip-common.h"

#include <string.h>

gboolean
nns_ip_matches(const char *arg, const char *word)
{
  size_t len = strlen(arg);
  return len > 0 && len <= strlen(word) && strncmp(arg, word, len) == 0;
}

int
nns_ip_invarg(NnsIpCall *c, const char *msg, const char *arg)
{
  nns_err(c->io, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
  return 255;
}

int
nns_ip_dev_index(NnsIpCall *c, const char *name)
{
  g_autoptr(GError) error = NULL;
  NnsLinkRecord *rec = c->be->ops->link_get(c->be, c->pid, name, &error);
  if (!rec) {
    nns_err(c->io, "Cannot find device \"%s\"\n", name);
    return 0;
  }
  int ifindex = rec->ifindex;
  nns_link_record_free(rec);
  return ifindex;
}

/* iproute2 names a peer namespace by asking each /run/netns name's nsid. */
gboolean
nns_ip_context_load(NnsIpCall *c, NnsIpContext *ctx)
{
  g_autoptr(GError) error = NULL;
  ctx->links = c->be->ops->link_dump(c->be, c->pid, &error);
  if (!ctx->links) {
    nns_ip_rtnl_fail(c, error);
    return FALSE;
  }
  ctx->nsid_names = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  gboolean needed = FALSE;
  for (guint i = 0; i < ctx->links->len; i++)
    needed |= ((NnsLinkRecord *) g_ptr_array_index(ctx->links, i))->has_link_netnsid;
  if (!needed)
    return TRUE;
  g_autoptr(GPtrArray) names = c->be->ops->netns_names(c->be);
  for (guint i = 0; i < names->len; i++) {
    int id = c->be->ops->nsid_of_name(c->be, c->pid, names->pdata[i]);
    if (id >= 0 && !g_hash_table_contains(ctx->nsid_names, GINT_TO_POINTER(id)))
      g_hash_table_insert(ctx->nsid_names, GINT_TO_POINTER(id), g_strdup(names->pdata[i]));
  }
  return TRUE;
}

void
nns_ip_context_clear(NnsIpContext *ctx)
{
  g_clear_pointer(&ctx->links, g_ptr_array_unref);
  g_clear_pointer(&ctx->nsid_names, g_hash_table_unref);
}

void
nns_ip_flush_summary(NnsIpCall *c, guint flushed)
{
  if (!c->opts.stats)
    return;
  if (flushed == 0)
    nns_out(c->io, "Nothing to flush.\n");
  else
    nns_out(c->io, "\n*** Round 1, deleting %u entries ***\n*** Flush is complete after 1 round ***\n", flushed);
}

int
nns_ip_rtnl_fail(NnsIpCall *c, const GError *error)
{
  nns_print_rtnl_error(c->io->err, error);
  return 2;
}

gboolean
nns_ip_context_has_name(const NnsIpContext *ctx, const char *name)
{
  for (guint i = 0; i < ctx->links->len; i++)
    if (g_str_equal(((NnsLinkRecord *) g_ptr_array_index(ctx->links, i))->name, name))
      return TRUE;
  return FALSE;
}
