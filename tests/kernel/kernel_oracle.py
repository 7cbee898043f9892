#!/usr/bin/env python3
"""kernel_oracle: a kernel-recorded case replayed with
`netnsim record --backend kernel` and held against its recording by
tests/oracle_check.py: netnsim's printers over the real kernel's state.

    kernel_oracle.py NETNSIM CASE.cmds [oracle_check options]

Skips (exit 77) with the reason when the machine does not allow it, or
when the case runs iptables and iptables-nft is not installed (the kernel
backend's netfilter operations run it)."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from kernel_env import SKIP, skip_reason  # noqa: E402


def main():
    netnsim = sys.argv[1]
    why = skip_reason(netnsim)
    if why:
        print('SKIP: ' + why)
        return SKIP
    with open(sys.argv[2]) as f:
        uses_iptables = 'iptables' in f.read()
    missing = [t for t in ('iptables', 'iptables-save', 'iptables-restore', 'nft') if not shutil.which(t)]
    if uses_iptables and missing:
        print('SKIP: the case runs iptables, and the kernel backend runs iptables-nft, but %s '
              'is not installed' % ', '.join(missing))
        return SKIP
    check = os.path.join(os.path.dirname(HERE), 'oracle_check.py')
    os.execvp(sys.executable, [sys.executable, check] + sys.argv[1:] + ['--backend', 'kernel'])


if __name__ == '__main__':
    sys.exit(main())
