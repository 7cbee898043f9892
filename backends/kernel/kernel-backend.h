/* The kernel backend: the operations of backends/backend.h sent to the real
 * Linux kernel as rtnetlink messages (libmnl), inside a sandbox of new
 * network, mount and PID namespaces so that the host is never touched.
 * See docs/kernel-backend.md. */
#pragma once

#include "backends/backend.h"
#include "backends/sim/sim-backend.h"

G_BEGIN_DECLS

/* Enter the sandbox (once per process) and set up a fresh world: a new
 * network namespace holding only `lo` (down), and an empty /run/netns.
 *
 * The first call forks: the calling process stays outside as a waiter that
 * exits with the sandbox's status, the call returns in the child, which is
 * PID 1 of a new PID namespace and dies with the waiter (even after
 * SIGKILL).  Fails with a message when the machine allows neither root nor
 * unprivileged user namespaces. */
NnsBackend *nns_kernel_backend_new(GError **error);
/* The same with a world: NNS_WORLD_HOST adds an up `lo`, an `eth0` with
 * 10.0.2.15/24 and a default route via 10.0.2.2 (a veth whose other end
 * sits in a hidden namespace that answers as the gateway). */
NnsBackend *nns_kernel_backend_new_world(NnsWorldKind world, GError **error);

/* How long a read after a change waits for the kernel's deferred work
 * (20 ms by default, what makes runs comparable with console transcripts;
 * docs/kernel-backend.md, "Timing").  0 reads at once: the benchmark's
 * setting, which measures the kernel's own cost. */
void nns_kernel_backend_set_settle(NnsBackend *be, guint usec);

/* TRUE when this process already runs inside the kernel backend's sandbox. */
gboolean nns_kernel_sandbox_active(void);

G_END_DECLS
