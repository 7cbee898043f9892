#!/usr/bin/env python3
"""diff_check: `netnsim diff` reports agreement and difference as it should.
A command list on which both backends agree gives "N passed, 0 failed" and
exit 0; one with a command that the simulation does not model (a sysctl
it does not have) reports that command, with the kernel's line as "-" and
the simulation's as "+", and exits 1.

    diff_check.py NETNSIM"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_env import SKIP, skip_reason  # noqa: E402

AGREE = '''; both backends agree on these
@ ip link set lo up
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip addr add 10.3.0.1/24 dev v0
ip link set v0 up
ip -n a link set v1 up
ip addr show dev v0
ip netns list
ip link del v0
ip -n a link
'''

DIFFER = '''ip link show lo
cat /proc/sys/net/ipv4/tcp_syn_retries
'''


def run(netnsim, text):
    with tempfile.NamedTemporaryFile('w', suffix='.cmds', delete=False) as f:
        f.write(text)
    try:
        return subprocess.run([netnsim, 'diff', '--world', 'bare', f.name], capture_output=True, text=True,
                              timeout=120)
    finally:
        os.unlink(f.name)


def main():
    netnsim = sys.argv[1]
    why = skip_reason(netnsim)
    if why:
        print('SKIP: ' + why)
        return SKIP
    problems = []
    agree = run(netnsim, AGREE)
    last = agree.stdout.rstrip('\n').split('\n')[-1]
    if agree.returncode != 0 or last != '9 passed, 0 failed':
        problems.append('agreeing list: exit %d, output:\n%s%s' % (agree.returncode, agree.stdout, agree.stderr))
    differ = run(netnsim, DIFFER)
    out = differ.stdout
    if (differ.returncode != 1 or not out.endswith('1 passed, 1 failed\n')
            or 'differs: # cat /proc/sys/net/ipv4/tcp_syn_retries' not in out or '    -6\n' not in out):
        problems.append('differing list: exit %d, output:\n%s%s' % (differ.returncode, out, differ.stderr))
    for p in problems:
        print('FAIL: ' + p)
    print('%d passed, %d failed' % (2 - len(problems), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
