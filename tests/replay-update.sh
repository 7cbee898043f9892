#!/bin/sh
# --update rewrites a maintained console fixture so that it replays, and
# refuses seeds and markdown documents.
#   replay-update.sh NETNSIM FIXTURE SEED
set -u
netnsim=$1 fixture=$2 seed=$3
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
fail() { echo "replay-update: $*" >&2; exit 1; }
# Outputs emptied (directives and commands kept): --update refills them.
grep -E '^(# |<!-- netnsim:)' "$fixture" > "$tmp/empty.t"
"$netnsim" replay "$tmp/empty.t" > /dev/null && fail "an emptied fixture passes"
"$netnsim" replay --update "$tmp/empty.t" > /dev/null || fail "--update failed"
"$netnsim" replay "$tmp/empty.t" || fail "the updated fixture does not pass"
cmp "$tmp/empty.t" "$fixture" || fail "--update did not restore the fixture"
mkdir -p "$tmp/seeds" && cp "$fixture" "$tmp/seeds/x.t"
"$netnsim" replay --update "$tmp/seeds/x.t" > "$tmp/out" && fail "--update rewrote a seed"
grep -q "never rewrites" "$tmp/out" || fail "no reason given for the refusal"
cp "$seed" "$tmp/doc.md"
"$netnsim" replay --update "$tmp/doc.md" > "$tmp/out" && fail "--update rewrote a markdown document"
cmp -s "$seed" "$tmp/doc.md" || fail "the markdown document changed"
exit 0
