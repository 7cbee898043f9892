/* Errors as the kernel returns them: an errno, and optionally the text of
 * the netlink extended acknowledgement.  Front ends print them in one place
 * (shell/print/print-error.c) the way iproute2 does. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NNS_ERROR (nns_error_quark())
GQuark nns_error_quark(void);

/* The GError's code is the positive errno; its message is the extack text,
 * or "" when the kernel gave none. */
void nns_set_errno(GError **error, int errnum);
void nns_set_extack(GError **error, int errnum, const char *extack);

/* TRUE when the error carries an extended-ack message. */
gboolean nns_error_has_extack(const GError *error);

G_END_DECLS
