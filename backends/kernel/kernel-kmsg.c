/* The kernel log (dmesg) as the sandbox may show it.  The kernel has one
 * log for the whole machine, and it is the host's: its records come from
 * every namespace, the host's own included, with nothing that says which
 * namespace wrote them, so the sandbox cannot show its part of it without
 * showing the host's.  What netnsim's log holds is netfilter's LOG target
 * (core/kmsg.h), and the kernel writes a LOG hit from any namespace but
 * init_net only when init_net's net.netfilter.nf_log_all_netns is set;
 * none of the sandbox's namespaces is init_net.  So:
 *
 * - with the switch off (read when the sandbox was entered), the
 *   sandbox's LOG hits never reach the log: its log is empty, which is
 *   exactly what it contributed;
 * - with the switch on, or unknown, its hits are in the host's log among
 *   the host's, and the log is refused (EPERM) as it is to a container
 *   without CAP_SYSLOG, rather than shown or guessed at.
 *
 * Clearing (dmesg -C) clears the sandbox's view only: the host's log is
 * not the sandbox's to clear.  docs/kernel-backend.md, "dmesg". */
#include "backends/kernel/kernel-private.h"
#include "core/kmsg.h"

#include <errno.h>

GArray *
nns_kernel_kmsg_dump(NnsBackend *be, GError **error)
{
  (void) be;
  if (nns_kernel_host_log_all_netns() != 0) {
    nns_set_errno(error, EPERM);
    return NULL;
  }
  return g_array_new(FALSE, TRUE, sizeof(NnsKmsg));
}

void
nns_kernel_kmsg_clear(NnsBackend *be)
{
  /* Nothing of the sandbox's is in the log (above); the host's stays. */
  (void) be;
}
