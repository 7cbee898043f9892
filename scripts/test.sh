#!/bin/sh
# Set up, then run the whole test suite: plainly, then under valgrind memcheck.
set -eu
sh scripts/setup.sh
meson test -C build --print-errorlogs
meson test -C build --print-errorlogs --setup valgrind
