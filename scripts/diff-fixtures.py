#!/usr/bin/env python3
"""diff-fixtures: `netnsim diff` (simulation against the real kernel) on
every fixture command list, fixtures/oracle/*.cmds and
fixtures/oracle/seeds/*.cmds, a few lists at a time (they mostly wait on
sleeps and the kernel's timers, not the CPU).  Needs root, as the kernel
backend does (docs/kernel-backend.md).

    scripts/diff-fixtures.py [-j N] [--netnsim PATH] [--out DIR] [CASE...]

Prints one line per list ("CASE: N passed, N failed", in the fixtures'
order) and the totals last; each list's full report (`differs:` blocks) is
written to DIR/CASE.diff (default build/diff-fixtures).  CASE names a
subset (`pkt-nud`, `seeds/netns-basics`).  Exits 1 when a command
differs or a run fails, 0 otherwise."""
import argparse
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, 'fixtures', 'oracle')
SUMMARY = re.compile(r'^(\d+) passed, (\d+) failed$')


def lists(names):
    found = []
    for sub in ('', 'seeds'):
        d = os.path.join(FIXTURES, sub)
        for f in sorted(os.listdir(d)):
            if f.endswith('.cmds'):
                found.append(os.path.join(sub, f[:-len('.cmds')]) if sub else f[:-len('.cmds')])
    if not names:
        return found
    unknown = [n for n in names if n not in found]
    if unknown:
        sys.exit('diff-fixtures: no such list: %s' % ', '.join(unknown))
    return [n for n in found if n in names]


def run(netnsim, out, case):
    start = time.monotonic()
    path = os.path.join(FIXTURES, case + '.cmds')
    try:
        p = subprocess.run([netnsim, 'diff', '--world', 'bare', path], capture_output=True, text=True,
                           timeout=600)
        stdout, stderr, code = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        stdout, stderr, code = e.stdout or '', 'timed out after 600 s\n', -1
        stdout = stdout.decode() if isinstance(stdout, bytes) else stdout
    report = os.path.join(out, case.replace('/', '-') + '.diff')
    with open(report, 'w') as f:
        f.write(stdout + stderr)
    last = stdout.rstrip('\n').split('\n')[-1] if stdout else ''
    m = SUMMARY.match(last)
    if not m or code not in (0, 1):
        return case, None, None, time.monotonic() - start, 'exit %d: %s' % (code, stderr.strip())
    return case, int(m.group(1)), int(m.group(2)), time.monotonic() - start, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-j', type=int, default=3, help='lists run at once (default 3)')
    ap.add_argument('--netnsim', default=os.path.join(ROOT, 'build', 'netnsim'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'build', 'diff-fixtures'))
    ap.add_argument('cases', nargs='*')
    a = ap.parse_args()
    cases = lists(a.cases)
    os.makedirs(a.out, exist_ok=True)
    start = time.monotonic()
    passed = failed = broken = differing = 0
    with ThreadPoolExecutor(max_workers=max(1, a.j)) as pool:
        for case, p, f, secs, err in pool.map(lambda c: run(a.netnsim, a.out, c), cases):
            if err:
                broken += 1
                print('%s: run failed (%s) in %.0f s' % (case, err, secs), flush=True)
                continue
            passed += p
            failed += f
            differing += f > 0
            print('%s: %d passed, %d failed in %.0f s' % (case, p, f, secs), flush=True)
    print('%d lists (%d with differences, %d runs failed) in %.0f s; reports in %s'
          % (len(cases), differing, broken, time.monotonic() - start, a.out))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or broken else 0


if __name__ == '__main__':
    sys.exit(main())
