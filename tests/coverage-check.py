#!/usr/bin/env python3
"""coverage-check: line coverage of core/, lib/, backends/sim/ and shell/ from a
build configured with -Db_coverage=true whose tests have run, held against
the threshold in tests/coverage-threshold (which may only rise).

    coverage-check.py BUILD_DIR [--html DIR]

Prints the figure per directory and in all; with --html writes gcovr's
detailed HTML report to DIR/index.html.  Exits 1 below the threshold.
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# lib/ holds what shell/ and the backends share (the iptables grammar).
FILTER = r'(core|lib|backends/sim|shell)/'
THRESHOLD_FILE = os.path.join(ROOT, 'tests', 'coverage-threshold')


def main():
    args = sys.argv[1:]
    html = None
    if '--html' in args:
        i = args.index('--html'); html = args[i + 1]; del args[i:i + 2]
    build = os.path.abspath(args[0])
    summary = os.path.join(build, 'coverage-summary.json')
    cmd = ['gcovr', '-r', ROOT, build, '--filter', FILTER, '--exclude-unreachable-branches',
           '--json-summary', summary]
    if html:
        os.makedirs(html, exist_ok=True)
        cmd += ['--html-details', os.path.join(html, 'index.html')]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(summary) as f:
        data = json.load(f)
    per_dir = {}
    for entry in data['files']:
        top = entry['filename'].split('/')[0]
        if entry['filename'].startswith('backends/'):
            top = 'backends/sim'
        d = per_dir.setdefault(top, [0, 0])
        d[0] += entry['line_covered']
        d[1] += entry['line_total']
    for top, (cov, tot) in sorted(per_dir.items()):
        print('coverage %-13s %5.1f%% (%d of %d lines)' % (top + '/', 100.0 * cov / max(tot, 1), cov, tot))
    covered, total = data['line_covered'], data['line_total']
    percent = 100.0 * covered / max(total, 1)
    with open(THRESHOLD_FILE) as f:
        threshold = float(next(l for l in f if l.strip() and not l.startswith('#')).strip())
    print('coverage: %.1f%% of %d lines (threshold %.1f%%)' % (percent, total, threshold))
    if html:
        print('coverage: HTML report in %s' % os.path.join(html, 'index.html'))
    if percent < threshold:
        print('coverage: FAILED: below the threshold in tests/coverage-threshold; '
              'add tests that assert behaviour (docs/testing.md), never lower it')
        return 1
    if percent >= threshold + 2:
        print('coverage: the threshold may rise to %.0f (tests/coverage-threshold)' % (percent - 1))
    return 0


if __name__ == '__main__':
    sys.exit(main())
