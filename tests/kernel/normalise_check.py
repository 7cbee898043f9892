#!/usr/bin/env python3
"""normalise_check: netnsim diff's normaliser (C, shell/diff-normalise.c)
gives what tests/compare.py gives, on every kernel recording of fixtures/.

    normalise_check.py TEST-NORMALISE FIXTURES_DIR"""
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare import parse, normalise  # noqa: E402


def main():
    prog, fixtures = sys.argv[1:3]
    wrapper = os.environ.get('NETNSIM_WRAPPER', '').split()
    passed = failed = 0
    for t in sorted(glob.glob(os.path.join(fixtures, '**', '*.t'), recursive=True)):
        want = []
        for cmd, lines in normalise(parse(t)):
            want.append('# ' + cmd)
            want.extend(lines)
        run = subprocess.run(wrapper + [prog, t], capture_output=True, text=True, errors='replace')
        got = run.stdout.splitlines()
        if run.returncode == 0 and got == want:
            passed += 1
            continue
        failed += 1
        print('FAIL: %s' % os.path.relpath(t, fixtures))
        for i, (w, g) in enumerate(zip(want + [''] * len(got), got + [''] * len(want))):
            if w != g:
                print('    line %d: compare.py %r, C %r' % (i + 1, w, g))
                break
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
