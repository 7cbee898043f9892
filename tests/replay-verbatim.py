#!/usr/bin/env python3
"""replay-verbatim: each seed fixture is its seed byte for byte once its
directive lines are taken out, so no expected output was ever edited.

    replay-verbatim.py FIXTURES_DIR SEEDS_DIR

Exits 77 (skipped) when SEEDS_DIR is not there."""
import os, re, sys

DIRECTIVE = re.compile(r'^[ \t]*<!-- netnsim:.*-->[ \t]*$')

def main():
    fixtures, seeds = sys.argv[1], sys.argv[2]
    if not os.path.isdir(seeds):
        print('no seeds at %s' % seeds)
        return 77
    bad = 0
    names = sorted(f for f in os.listdir(fixtures) if f.endswith('.md'))
    for name in names:
        with open(os.path.join(fixtures, name), encoding='utf-8') as f:
            lines = f.read().split('\n')
        text = '\n'.join(l for l in lines if not DIRECTIVE.match(l))
        src = [s for s in os.listdir(seeds) if s.startswith(name[:3] + '_')]
        if len(src) != 1:
            print('%s: no single seed %s_*' % (name, name[:3])); bad += 1; continue
        with open(os.path.join(seeds, src[0]), encoding='utf-8') as f:
            seed = f.read()
        if text != seed:
            print('%s: differs from %s beyond directive lines' % (name, src[0])); bad += 1
        else:
            print('%s: verbatim %s' % (name, src[0]))
    print('%d passed, %d failed' % (len(names) - bad, bad))
    return 1 if bad or not names else 0

if __name__ == '__main__':
    sys.exit(main())
