#include "core/error.h"

G_DEFINE_QUARK(nns-error-quark, nns_error)

void
nns_set_errno(GError **error, int errnum)
{
  g_set_error_literal(error, NNS_ERROR, errnum, "");
}

void
nns_set_extack(GError **error, int errnum, const char *extack)
{
  g_set_error_literal(error, NNS_ERROR, errnum, extack ? extack : "");
}

gboolean
nns_error_has_extack(const GError *error)
{
  return error && error->domain == NNS_ERROR && error->message[0] != '\0';
}
