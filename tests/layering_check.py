#!/usr/bin/env python3
"""layering_check: the include rules of docs/architecture.md.

    layering_check.py SOURCE_ROOT

core/ includes only core/; lib/ only core/ and lib/; backends/ never
shell/.  Prints every include that breaks a rule and exits 1 when there
is one."""
import os
import re
import sys

ALLOWED = {
    'core': ('core/',),
    'lib': ('core/', 'lib/'),
    'backends': ('core/', 'lib/', 'backends/'),
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def main():
    root = sys.argv[1]
    bad = 0
    checked = 0
    for top, allowed in ALLOWED.items():
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if not name.endswith(('.c', '.h')):
                    continue
                path = os.path.join(dirpath, name)
                checked += 1
                with open(path) as f:
                    for n, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if m and '/' in m.group(1) and not m.group(1).startswith(allowed):
                            print('%s:%d: %s may not include "%s"' % (os.path.relpath(path, root), n, top,
                                                                       m.group(1)))
                            bad += 1
    print('%d files checked, %d includes across the layers' % (checked, bad))
    return 1 if bad or not checked else 0


if __name__ == '__main__':
    sys.exit(main())
