#!/usr/bin/env python3
"""cli_check: netnsim's own command line (README.md, "Usage"): the modes,
their options and their errors, the exit statuses the usage promises (2 for
a wrong command line, 1 for an unreadable file), determinism under --seed,
and output passed through byte for byte.

    cli_check.py NETNSIM

Runs netnsim under $NETNSIM_WRAPPER (valgrind in that test setup).
"""
import os, subprocess, sys

failures = []


def run(netnsim, args, stdin=b''):
    wrapper = os.environ.get('NETNSIM_WRAPPER', '').split()
    return subprocess.run(wrapper + [netnsim] + args, input=stdin, capture_output=True, timeout=120)


def check(what, cond):
    if not cond:
        failures.append(what)
        print('FAIL: %s' % what)


def main():
    netnsim = sys.argv[1]
    # A wrong command line: the usage on standard error, status 2.
    for args in (['--world', 'mars', '-c', 'true'], ['--backend', 'other', '-c', 'true'], ['bogus'],
                 ['script'], ['script', 'a', 'b'], ['record', 'a', 'b'], ['record', '--world', 'mars'],
                 ['replay', '--world', 'mars', 'x.t'], ['diff'], ['diff', '--world', 'mars', 'x.cmds'],
                 ['diff', '--bogus', 'x.cmds']):
        r = run(netnsim, args)
        check('%s: status 2' % args, r.returncode == 2)
        check('%s: usage' % args, r.stderr.startswith(b'Usage: netnsim') and not r.stdout)
    # An unreadable file: one line naming it, status 1 (diff: 2).
    for args, status in ((['script', '/nonexistent/x'], 1), (['record', '/nonexistent/x'], 1),
                         (['diff', '/nonexistent/x'], 2)):
        r = run(netnsim, args)
        check('%s: status %d' % (args, status), r.returncode == status)
        check('%s: message' % args, r.stderr.startswith(b'netnsim: ') and b'/nonexistent/x' in r.stderr)
    # -c runs a line; its status is netnsim's.
    r = run(netnsim, ['-c', 'echo hi; ip link show nosuch'])
    check('-c: output', r.stdout == b'hi\nDevice "nosuch" does not exist.\n')
    check('-c: status', r.returncode == 1)
    # Standard input that is not a terminal is a script; `exit N` ends it.
    r = run(netnsim, [], b'echo a\nexit 3\necho b\n')
    check('stdin script', r.stdout == b'a\n' and r.returncode == 3)
    r = run(netnsim, ['script', '-'], b'echo c\n')
    check('script -', r.stdout == b'c\n' and r.returncode == 0)
    # record reads standard input too, and shows statuses with --status.
    r = run(netnsim, ['record', '--world', 'bare', '--status', '-'], b'; a comment\n@ true\nfalse\necho d\n')
    check('record -', r.stdout == b'# false\n[exit 1]\n# echo d\nd\n' and r.returncode == 0)
    # Output is passed on byte for byte, a NUL included.
    r = run(netnsim, ['-c', "echo -e 'a\\0b'; echo after"])
    check('NUL in output (-c)', r.stdout == b'a\0b\nafter\n')
    r = run(netnsim, ['record', '-'], b"echo -e 'a\\0b'\necho after\n")
    check('NUL in output (record)', r.stdout == b"# echo -e 'a\\0b'\na\0b\n# echo after\nafter\n")
    # --seed chooses the generated MAC addresses: the same seed, the same
    # machine; another seed, another address (README: deterministic).
    line = 'ip link add v0 type veth peer name v1; cat /sys/class/net/v0/address'
    a1, a2 = run(netnsim, ['--world', 'bare', '-c', line]), run(netnsim, ['--world', 'bare', '--seed', '1', '-c', line])
    b = run(netnsim, ['--world', 'bare', '--seed', '7', '-c', line])
    check('--seed: same seed, same output', a1.stdout == a2.stdout and a1.returncode == 0)
    check('--seed: another seed, another MAC', b.stdout != a1.stdout and len(b.stdout) == len(a1.stdout))
    # --world bare has no eth0; the host world has one.
    check('--world bare', run(netnsim, ['--world', 'bare', '-c', 'ip link show eth0']).returncode == 1)
    check('--world host', run(netnsim, ['--world', 'host', '-c', 'ip link show eth0']).returncode == 0)
    check('--backend sim', run(netnsim, ['--backend', 'sim', '-c', 'true']).returncode == 0)
    print('%d failed' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
