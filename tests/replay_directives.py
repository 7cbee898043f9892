#!/usr/bin/env python3
"""replay_directives: `netnsim replay`'s directives (docs/transcripts.md,
"Directives"): spend-ifindex gives the next device the ifindex asked for
(the kernel's veth registers its peer first), and every misused directive
fails the replay at its own line, naming what is wrong, while the steps
around it still run.

    replay_directives.py NETNSIM
"""
import os, subprocess, sys, tempfile

DOC = '''<!-- netnsim: world bare -->
# ip link show lo
1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
<!-- netnsim: spend-ifindex 5 -->
# ip link add d0 type veth peer name d1
# ip -o link show d1 | grep -c '^5: d1@d0'
1
<!-- netnsim: spend-ifindex 3 -->
<!-- netnsim: exit -->
<!-- netnsim: profile nosuch -->
<!-- netnsim: world mars -->
<!-- netnsim: seed x -->
<!-- netnsim: only-devices -->
<!-- netnsim: clock-per-command x -->
<!-- netnsim: alias ll -->
<!-- netnsim: silent -->
<!-- netnsim: reset x -->
<!-- netnsim: interrupt 0 -->
<!-- netnsim: bogus -->
<!-- netnsim: ignore-block why -->
<!-- netnsim: silent false -->
# echo done
done
'''

EXPECTED = [
    'FAIL %s:9  spend-ifindex 3: ifindex 7 is already spent',
    'FAIL %s:10  exit: no nested shell to leave',
    'FAIL %s:11  unknown profile `nosuch`',
    'FAIL %s:12  directive `world mars`: the world is `host` or `bare`',
    'FAIL %s:13  directive `seed x`: a seed is a number',
    'FAIL %s:14  directive `only-devices`: name the devices the document shows',
    'FAIL %s:15  directive `clock-per-command x`: give the seconds between two commands',
    'FAIL %s:16  directive `alias ll`: write alias NAME=TEXT',
    'FAIL %s:17  directive `silent`: silent needs a command',
    'FAIL %s:18  directive `reset x`: takes no argument',
    'FAIL %s:19  directive `interrupt 0`: needs a positive number',
    'FAIL %s:20  directive `bogus`: unknown directive',
    'FAIL %s:21  this directive belongs in a markdown document (see docs/transcripts.md)',
    'FAIL %s:22  set-up `false` failed (exit 1)',
    '4 passed, 14 failed',
]


def main():
    netnsim = sys.argv[1]
    wrapper = os.environ.get('NETNSIM_WRAPPER', '').split()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'directives.t')
        with open(path, 'w') as f:
            f.write(DOC)
        r = subprocess.run(wrapper + [netnsim, 'replay', path], capture_output=True, text=True, timeout=120)
        missing = [(e % path if '%s' in e else e) for e in EXPECTED]
        missing = [e for e in missing if e not in r.stdout.splitlines()]
        ok = r.returncode == 1 and not missing
        if not ok:
            print('status %d; missing lines:\n  %s\noutput:\n%s%s' % (r.returncode, '\n  '.join(missing), r.stdout, r.stderr))
        # A missing document fails the run with status 2.
        r2 = subprocess.run(wrapper + [netnsim, 'replay', os.path.join(d, 'nosuch.t')],
                            capture_output=True, text=True, timeout=120)
        if r2.returncode != 2 or 'nosuch.t' not in r2.stdout + r2.stderr:
            print('missing document: status %d, %s%s' % (r2.returncode, r2.stdout, r2.stderr))
            ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
