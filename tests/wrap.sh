#!/bin/sh
# Run a test program under $NETNSIM_WRAPPER (valgrind in the `valgrind`
# test setup), so that the same tests serve every gate.
exec ${NETNSIM_WRAPPER:-} "$@"
