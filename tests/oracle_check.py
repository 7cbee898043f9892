#!/usr/bin/env python3
"""oracle_check: replay a kernel-recorded case on netnsim and hold every
command's output and exit status against the recording.

    oracle_check.py NETNSIM CASE.cmds [--scope all|ip] [--pending FILE]
                    [--backend sim|kernel] [--unordered FILE]

The recording is CASE.t beside CASE.cmds (recorded with
../shared/oracle/record-kernel --status).  Normalisation is compare.py's
(MAC addresses, link-local addresses, namespace inodes and ping timings are
renamed or masked, structure kept).

--scope ip: only commands made of `ip ...`, `ip netns exec NS ip ...`,
`ls /var/run/netns` and `readlink` must agree; the others (ping, route,
iptables, ... which later work delivers) are reported as pending and do not
fail the run.  --pending FILE lists commands (one per line, as in the case)
that are known not to agree yet, each with a reason in docs/; they are
reported, not failed.  --backend kernel replays the case on the kernel
backend (netnsim's printers over the real kernel's state).

--unordered FILE (kernel backend only) lists commands (one per line, as in
the case, each with its reason in the file) whose lines the real kernel
prints in an order that is random from run to run (a neighbour table's
hash order, say): their lines must agree as a multiset, not in order.  The
lines of such a command are sorted in both transcripts before
normalisation, so that the names normalisation gives in order of first
appearance do not depend on the kernel's order either; an "[exit N]" line
stays last.  The simulation's own tests never pass it: the simulation's
order is fixed and is held against the recording's exactly.

Prints one verdict per command and "N passed, N failed" last; exits 1 when
an in-scope command differs, 2 on bad arguments.
"""
import os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import parse, normalise  # noqa: E402
import difflib  # noqa: E402

EXEC = re.compile(r'^ip netns exec \S+ ')
IP_SCOPE = re.compile(r'^(ip\b.*|ls /var/run/netns.*|ls /run/netns.*|readlink .*)$')


def in_ip_scope(cmd):
    while EXEC.match(cmd):
        cmd = EXEC.sub('', cmd, count=1)
    return bool(IP_SCOPE.match(cmd))


def read_list(path):
    """The commands of a --pending or --unordered file: one per line, '#'
    opening a comment line."""
    with open(path) as f:
        return {l.rstrip('\n') for l in f if l.strip() and not l.startswith('#')}


def sort_lines(blocks, cmds):
    """The lines of each command of CMDS sorted, an "[exit N]" line last."""
    for block in blocks:
        if block[0] in cmds:
            block[1].sort(key=lambda l: (l.startswith('[exit '), l))
    return blocks


def main():
    args = [a for a in sys.argv[1:]]
    scope = 'all'
    pending = set()
    unordered = set()
    if '--scope' in args:
        i = args.index('--scope'); scope = args[i + 1]; del args[i:i + 2]
    if '--pending' in args:
        i = args.index('--pending')
        pending = read_list(args[i + 1])
        del args[i:i + 2]
    if '--unordered' in args:
        i = args.index('--unordered')
        unordered = read_list(args[i + 1])
        del args[i:i + 2]
    backend = []
    if '--backend' in args:
        i = args.index('--backend'); backend = ['--backend', args[i + 1]]; del args[i:i + 2]
    if unordered and backend != ['--backend', 'kernel']:
        print('--unordered is for the kernel backend only: the simulation\'s order is held exactly')
        return 2
    netnsim, cmds = args
    expected_path = cmds[:-len('.cmds')] + '.t'
    exp_blocks = parse(expected_path)
    stale = sorted(unordered - {cmd for cmd, _ in exp_blocks})
    if stale:
        print('--unordered names commands the case does not run: %s' % '; '.join(stale))
        return 2
    # NETNSIM_WRAPPER runs netnsim under valgrind in the valgrind setup.
    wrapper = os.environ.get('NETNSIM_WRAPPER', '').split()
    run = subprocess.run(wrapper + [netnsim, 'record'] + backend + ['--world', 'bare', '--status', cmds],
                         capture_output=True, text=True, timeout=280)
    if run.returncode != 0:
        print('netnsim record failed: %s' % run.stderr)
        return 1
    actual_path = os.environ.get('TMPDIR', '/tmp') + '/oracle-%d.t' % os.getpid()
    with open(actual_path, 'w') as f:
        f.write(run.stdout)
    try:
        act_blocks = parse(actual_path)
    finally:
        os.unlink(actual_path)
    exp = normalise(sort_lines(exp_blocks, unordered))
    act = normalise(sort_lines(act_blocks, unordered))
    passed = failed = waiting = 0
    for i, (cmd, lines) in enumerate(exp):
        got = act[i][1] if i < len(act) and act[i][0] == cmd else ['<command missing or out of order>']
        if got == lines or (cmd in unordered and sorted(got) == sorted(lines)):
            passed += 1
            continue
        in_scope = scope == 'all' or in_ip_scope(cmd)
        if not in_scope or cmd in pending:
            waiting += 1
            print('pending: # %s' % cmd)
            continue
        failed += 1
        print('FAIL: # %s' % cmd)
        for d in difflib.unified_diff(lines, got, 'kernel', 'netnsim', lineterm='', n=1):
            print('    ' + d)
    print('%d passed, %d failed, %d skipped' % (passed, failed, waiting))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
