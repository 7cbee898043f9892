#!/usr/bin/env python3
"""replay-session: drive the readline REPL through a pseudo-terminal with
--record-session, then replay the recording unchanged.

    replay-session.py NETNSIM"""
import os, pty, select, sys, tempfile, time

COMMANDS = [
    'ip netns add blue',
    'ip link add veth0 type veth peer name veth1',
    'ip link set veth1 netns blue',
    'ip netns exec blue bash',
    'ip link set lo up',
    'ip addr',
    'ip link show nosuch',
    'exit',
    'ip netns list',
    'ip link show veth0',
    'exit',
]

def read_until(fd, marker, timeout=20):
    buf, end = b'', time.time() + timeout
    while marker not in buf:
        left = end - time.time()
        if left <= 0:
            raise SystemExit('timeout waiting for %r; got %r' % (marker, buf[-300:]))
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf

def main():
    netnsim = sys.argv[1]
    tmp = tempfile.mkdtemp()
    session = os.path.join(tmp, 'session.t')
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['HOME'] = tmp          # readline's history file
        os.environ['TERM'] = 'dumb'
        os.execv(netnsim, [netnsim, '--world', 'bare', '--record-session', session])
    read_until(fd, b'# ')
    for cmd in COMMANDS:
        os.write(fd, cmd.encode() + b'\r')
        if cmd != COMMANDS[-1]:
            read_until(fd, b'# ')
    _, status = os.waitpid(pid, 0)
    if status != 0:
        print('netnsim exited with %d' % status)
        return 1
    with open(session) as f:
        text = f.read()
    print(text)
    for cmd in COMMANDS:
        if '# %s\n' % cmd not in text:
            print('command missing from the recording: %s' % cmd)
            return 1
    if '[exit 1]' not in text:
        print('the failing command has no [exit N]')
        return 1
    wrapper = os.environ.get('NETNSIM_WRAPPER', '').split()
    rc = os.spawnvp(os.P_WAIT, (wrapper + [netnsim])[0], wrapper + [netnsim, 'replay', session])
    return rc

if __name__ == '__main__':
    sys.exit(main())
