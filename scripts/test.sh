#!/bin/sh
# Set up, then run every gate (docs/testing.md): the whole test suite
# plainly, under valgrind memcheck, and built with ASan+UBSan; line coverage
# against its threshold; a short fuzzing run of each harness.  Every gate
# runs even when one before it failed; the last line sums them up.
set -eu
sh scripts/setup.sh
G=build-gates
mkdir -p $G
: > $G/testlog-gates.json
gate() {  # gate NAME COMMAND...: run a gate that is not a meson test run
  name=$1; shift
  start=$(date +%s)
  if "$@"; then result=OK; else result=FAIL; fi
  echo "gate $name: $result in $(($(date +%s) - start)) s"
  mkdir -p $G
  printf '{"name": "gate-%s", "result": "%s"}\n' "$name" "$result" >> $G/testlog-gates.json
}

rm -f build/meson-logs/testlog*.json build-asan/meson-logs/testlog*.json
# Four tests at a time on two cores: the kernel suite's tests spend their
# time in the fixtures' sleeps and the real kernel's timers, not the CPU.
export MESON_TESTTHREADS=${MESON_TESTTHREADS:-4}
# The kernel suite waits on the real kernel (a ping's -W 1) whatever runs
# it, so CI runs it under valgrind and ASan only, not a third time plainly.
since() { echo "$1: $(($(date +%s) - $2)) s"; }
t=$(date +%s); meson test -C build --print-errorlogs --no-suite kernel || true; since "plain suite" $t
t=$(date +%s); meson test -C build --print-errorlogs --setup valgrind || true; since "valgrind suite" $t

# AddressSanitizer + UndefinedBehaviorSanitizer: the same suite.
t=$(date +%s)
if [ ! -f build-asan/build.ninja ]; then
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-asan >/dev/null
meson test -C build-asan --print-errorlogs --setup sanitize || true
since "ASan+UBSan build and suite" $t

# Coverage (gcov + gcovr) of core/, lib/, backends/sim/, shell/ against
# tests/coverage-threshold; report in build-cov/coverage/index.html.
gate coverage sh scripts/coverage.sh

# libFuzzer: a short fresh run of each harness (40 s each for the six, or
# NETNSIM_FUZZ_SECONDS) with no crash, timeout or leak; the crashes already
# found replay in the suites above (fuzz/regressions).
gate fuzz sh fuzz/run.sh "${NETNSIM_FUZZ_SECONDS:-40}"

python3 tests/summary.py build/meson-logs/testlog.json build/meson-logs/testlog-valgrind.json \
  build-asan/meson-logs/testlog-sanitize.json $G/testlog-gates.json
