#!/bin/sh
# A transcript with a deliberate mistake in one expected output must fail,
# name the file, line and command, and show the difference as a diff.
#   replay-mistake.sh NETNSIM FIXTURE
set -u
netnsim=$1 fixture=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
# The mistake: the namespace list of the fixture says "green" for "red".
sed 's/^red$/green/' "$fixture" > "$tmp/mistake.t"
line=$(grep -n '^# ip netns list$' "$tmp/mistake.t" | cut -d: -f1)
${NETNSIM_WRAPPER:-} "$netnsim" replay "$tmp/mistake.t" > "$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
fail() { echo "replay-mistake: $*" >&2; exit 1; }
[ $rc -eq 1 ] || fail "exit status $rc, expected 1"
grep -qx "FAIL $tmp/mistake.t:$line  ip netns list" "$tmp/out" || fail "no verdict naming line $line"
grep -qx -- '    -green' "$tmp/out" || fail "the diff does not show the expected line"
grep -qx -- '    +red' "$tmp/out" || fail "the diff does not show netnsim's line"
[ "$(grep -c '^FAIL' "$tmp/out")" -eq 1 ] || fail "other commands failed too"
tail -n 1 "$tmp/out" | grep -qE '^[0-9]+ passed, 1 failed$' || fail "no closing count"
# The unchanged fixture passes.
${NETNSIM_WRAPPER:-} "$netnsim" replay "$fixture" > "$tmp/out2" 2>&1 || { cat "$tmp/out2"; fail "the fixture itself fails"; }
exit 0
