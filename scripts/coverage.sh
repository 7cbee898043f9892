#!/bin/sh
# Line coverage (gcov + gcovr) of core/, lib/, backends/sim/ and shell/ over the
# whole suite, its HTML report, and the threshold check (docs/testing.md):
#
#   sh scripts/coverage.sh        -> build-cov/coverage/index.html
set -eu
cd "$(dirname "$0")/.."
[ -f build-cov/build.ninja ] || meson setup build-cov -Db_coverage=true -Dbuildtype=debug >/dev/null
ninja -C build-cov >/dev/null
find build-cov -name '*.gcda' -delete
# A failing test is the other gates' to report; coverage is measured all the same.
meson test -C build-cov >/dev/null ||
  echo "coverage: some tests failed in build-cov (see build-cov/meson-logs/testlog.txt)"
python3 tests/coverage-check.py build-cov --html build-cov/coverage
