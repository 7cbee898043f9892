#!/bin/sh
# Set up, then run the whole test suite: plainly, then under valgrind memcheck.
set -eu
sh scripts/setup.sh
meson test -C build --print-errorlogs
meson test -C build --print-errorlogs --setup valgrind
python3 tests/summary.py build/meson-logs/testlog.json build/meson-logs/testlog-valgrind.json
