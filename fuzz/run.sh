#!/bin/sh
# Build the libFuzzer harnesses (clang, ASan+UBSan) and fuzz each one.
#
#   sh fuzz/run.sh [SECONDS_EACH] [HARNESS...]
#
# Seeds come from fixtures/ and fuzz/seeds-netlink/ (fuzz/make-corpus.py);
# the corpus grows in build-fuzz/corpus/<harness>/.  A crash leaves
# build-fuzz/crash-* and fails the run: copy the input to
# fuzz/regressions/<harness>/ (the normal suite replays it) and fix it.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-shell-line script record iptables-restore transcript netlink}
B=build-fuzz
if [ ! -f $B/build.ninja ]; then
  CC=clang meson setup $B -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link -Dwerror=false >/dev/null
fi
ninja -C $B >/dev/null
python3 fuzz/make-corpus.py fixtures $B/seeds
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
# intercept_strstr=0: ASan's strstr measures the whole haystack on every
# call, which makes g_strsplit quadratic (the transcript harness ran 5 times
# slower); glibc's own strstr is exact, and every other check stays.
export ASAN_OPTIONS=detect_leaks=1:intercept_strstr=0
status=0
for h in $harnesses; do
  mkdir -p $B/corpus/$h $B/artifacts/$h
  log=$B/fuzz-$h.log
  # -timeout: one input may take 10 s at most; -rss_limit_mb: 2 GiB;
  # -max_len: script inputs up to 16 KiB.
  if ! $B/fuzz/fuzz-$h -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -max_len=16384 -dict=fuzz/netnsim.dict -print_final_stats=1 \
       -artifact_prefix=$B/artifacts/$h/ \
       $B/corpus/$h $B/seeds/$h >"$log" 2>&1; then
    echo "fuzz-$h: FAILED (see $log and $B/artifacts/$h/)"
    tail -40 "$log"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz-$h: ${runs:-?} executions in ${secs}s"
done
exit $status
