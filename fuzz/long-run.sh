#!/bin/sh
# The long fuzzing run whose figures docs/testing.md records:
#
#   sh fuzz/long-run.sh SECONDS HARNESS
#
# Fuzzes HARNESS for SECONDS in all, restarting after a crash (each crash
# is kept in build-fuzz/artifacts/HARNESS/), and prints the executions
# summed over the restarts.  Run fuzz/run.sh once first (it builds).
set -u
cd "$(dirname "$0")/.."
total=$1 h=$2 B=build-fuzz
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
# intercept_strstr=0: ASan's strstr measures the whole haystack on every
# call, which makes g_strsplit quadratic (the transcript harness ran 5 times
# slower); glibc's own strstr is exact, and every other check stays.
export ASAN_OPTIONS=detect_leaks=1:intercept_strstr=0
mkdir -p $B/corpus/$h $B/artifacts/$h
start=$(date +%s) runs=0 crashes=0 i=0
while :; do
  left=$((total - ($(date +%s) - start)))
  [ $left -gt 5 ] || break
  i=$((i + 1))
  log=$B/long-$h-$i.log
  $B/fuzz/fuzz-$h -max_total_time=$left -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -dict=fuzz/netnsim.dict -print_final_stats=1 -artifact_prefix=$B/artifacts/$h/ \
    $B/corpus/$h $B/seeds/$h >"$log" 2>&1 || crashes=$((crashes + 1))
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  runs=$((runs + ${n:-0}))
done
echo "fuzz-$h: $runs executions in $(($(date +%s) - start)) s, $crashes crash(es) or timeout(s)"
