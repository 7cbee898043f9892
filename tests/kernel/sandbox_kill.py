#!/usr/bin/env python3
"""sandbox_kill: kill the kernel backend with SIGKILL in the middle of a run
(the waiting parent in one round, the sandbox's PID 1 in the other) and
check that it left nothing behind on the host: the same `ip -o link`, the
same /proc/mounts, the same /run/netns, and no process or mount still
holding the sandbox's network namespace.

    sandbox_kill.py NETNSIM"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_env import SKIP, skip_reason  # noqa: E402

SCRIPT = '''ip netns add red
ip netns add blue
ip link add v0 type veth peer name v1 netns red
ip link add br0 type bridge
ip link set v0 master br0 up
ip -n red link set v1 up
ip -n red addr add 10.9.9.1/24 dev v1
sleep 10
sleep 10
sleep 10
'''


def host_state():
    links = subprocess.run(['ip', '-o', 'link'], capture_output=True, text=True).stdout
    with open('/proc/mounts') as f:
        mounts = f.read()
    names = sorted(os.listdir('/run/netns')) if os.path.isdir('/run/netns') else None
    return links, mounts, names


def children(pid):
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def netns_inode(pid):
    try:
        return os.stat('/proc/%d/ns/net' % pid).st_ino
    except OSError:
        return None


def holders(inode):
    """Processes and mounts on the host that still hold the namespace."""
    found = []
    for entry in os.listdir('/proc'):
        if entry.isdigit() and netns_inode(int(entry)) == inode:
            found.append('pid %s' % entry)
    with open('/proc/self/mountinfo') as f:
        for line in f:
            if 'net:[%d]' % inode in line:
                found.append('mount ' + line.split()[4])
    return found


def wait_for(cond, timeout):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def round_(netnsim, victim):
    before = host_state()
    proc = subprocess.Popen([netnsim, '--backend', 'kernel', '--world', 'bare', 'script', '/dev/stdin'],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.stdin.write(SCRIPT.encode())
    proc.stdin.close()
    # The sandbox is the waiter's only child; its namespace is ready once
    # the veth shows inside it.
    sandbox = []
    if not wait_for(lambda: sandbox.extend(children(proc.pid)) or sandbox, 10):
        proc.kill()
        return ['the sandbox process never appeared']
    init = sandbox[0]
    inode = netns_inode(init)
    host_inode = netns_inode(os.getpid())
    if inode is None or inode == host_inode:
        proc.kill()
        return ['the sandbox is not in a network namespace of its own']
    probe = ['nsenter', '--net=/proc/%d/ns/net' % init, 'ip', '-o', 'link']
    if not wait_for(lambda: 'br0' in subprocess.run(probe, capture_output=True, text=True).stdout, 10):
        proc.kill()
        return ['the set-up never completed in the sandbox']
    os.kill(proc.pid if victim == 'waiter' else init, signal.SIGKILL)
    proc.wait(timeout=10)
    problems = []
    if not wait_for(lambda: not os.path.exists('/proc/%d' % init), 10):
        problems.append('the sandbox (pid %d) outlived the kill of the %s' % (init, victim))
    # Namespace teardown in the kernel is asynchronous; give it a moment.
    wait_for(lambda: not holders(inode), 5)
    problems += ['left holding the sandbox namespace: ' + h for h in holders(inode)]
    after = host_state()
    for what, b, a in zip(('ip -o link', '/proc/mounts', '/run/netns'), before, after):
        if a != b:
            problems.append('%s changed on the host:\n--- before\n%s\n--- after\n%s' % (what, b, a))
    return problems


def main():
    netnsim = sys.argv[1]
    why = skip_reason(netnsim)
    if why:
        print('SKIP: ' + why)
        return SKIP
    failed = 0
    for victim in ('waiter', 'init'):
        problems = round_(netnsim, victim)
        print('%s: kill -9 of the %s' % ('FAIL' if problems else 'ok', victim))
        for p in problems:
            print('    ' + p)
        failed += bool(problems)
    print('%d passed, %d failed' % (2 - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
