#!/usr/bin/env bash
# Coding across machines with GNU parallel, as docs/scale.md tells a user to:
# an installed dyad prefix; a stream cut into blocks (--pipe -k) and whole
# files sent to hosts and back (--trc) give the same events, byte for byte,
# as one process; the per-job totals add up to the one-process totals; a bad
# record fails its job only; shard outputs loaded at the same time into one
# store (SQLite, and PostgreSQL when DYAD_TEST_PG is set) count what one load
# counts. Hosts are reached over ssh when DYAD_TEST_SSH (the ssh command) and
# DYAD_TEST_SSH_HOSTS (parallel's -S list) are set: .ci/run starts an sshd on
# loopback with a user of its own, who sees only the installed prefix and
# what parallel sends. Otherwise parallel runs the jobs locally.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}" "${DYAD_BUILD_DIR:?}"
if ! command -v parallel > /dev/null; then
  echo "SKIP: GNU parallel is not installed (scripts/install-deps --all installs it)"; exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
chmod 755 "$T" # the ssh user of the hosts runs the installed prefix in here
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The deployment: an installed prefix, moved where the hosts can run it.
cmake --install "$DYAD_BUILD_DIR" --prefix "$T/staged" > /dev/null || { echo "FAIL: cmake --install"; exit 1; }
mv "$T/staged" "$T/prefix"
D="$T/prefix/bin/dyad"
"$D" code "$DYAD_SOURCE_DIR/examples/hostage-crises.jsonl" > /dev/null 2>&1 && ok || bad "the moved prefix does not run"

if [ -n "${DYAD_TEST_SSH:-}" ] && [ -n "${DYAD_TEST_SSH_HOSTS:-}" ]; then
  P=(parallel --ssh "$DYAD_TEST_SSH" -S "$DYAD_TEST_SSH_HOSTS")
  TRC=(--workdir ... --trc {.}.events) # each file to a host and its events back
  echo "cluster: jobs run over ssh on $DYAD_TEST_SSH_HOSTS"
else
  P=(parallel -j 3)
  TRC=()
  echo "SKIP: DYAD_TEST_SSH or DYAD_TEST_SSH_HOSTS is unset: jobs run locally, not over ssh"
fi

# Input: the example crises under 200 sets of new ids (2,000 documents).
for i in $(seq 1 200); do
  sed "s/\"id\":\"\([^\"]*\)\"/\"id\":\"\1-$i\"/" "$DYAD_SOURCE_DIR/examples/hostage-crises.jsonl"
done > "$T/in.jsonl"

# Sum the "records read N = coded N + rejected N; sentences N (discarded N);
# events N" lines of several jobs into one line of the same shape.
sum_totals() {
  awk '/records read/ { gsub(/[^0-9]+/, " "); n = split($0, f, " "); for (i = 1; i <= n; i++) v[i] += f[i] }
       END { printf "records read %d = coded %d + rejected %d; sentences %d (discarded %d); events %d\n", v[1], v[2], v[3], v[4], v[5], v[6] }' "$@"
}
one_totals() { sed -n 's/^dyad: \(records read.*\)$/\1/p' "$1"; }

"$DYAD" code "$T/in.jsonl" > "$T/whole.jsonl" 2> "$T/whole.err" && ok || bad "one process: $(cat "$T/whole.err")"
[ "$(wc -l < "$T/whole.jsonl")" -gt 1000 ] && ok || bad "one process coded too little: $(one_totals "$T/whole.err")"

# 1. One stream, cut into 16 kB blocks at line ends, output kept in order.
"${P[@]}" --pipe -k --block 64k "$D" code --input jsonl < "$T/in.jsonl" > "$T/piped.jsonl" 2> "$T/piped.err"
rc=$?
[ $rc -eq 0 ] && ok || bad "--pipe exit $rc: $(head -3 "$T/piped.err")"
cmp -s "$T/whole.jsonl" "$T/piped.jsonl" && ok || bad "--pipe output differs from one process"
jobs=$(grep -c 'records read' "$T/piped.err")
[ "$jobs" -ge 4 ] && ok || bad "--pipe ran only $jobs jobs"
[ "$(sum_totals "$T/piped.err")" = "$(one_totals "$T/whole.err")" ] && ok ||
  bad "--pipe totals $(sum_totals "$T/piped.err") against $(one_totals "$T/whole.err")"

# 2. A bad record fails its own job (exit 1 there, so parallel exits 1: one
#    failed job); every other record is still coded and the counts add up.
{ head -n 700 "$T/in.jsonl"; echo '{"id":"broken-1","date":"2002-10-23","text":'; tail -n +701 "$T/in.jsonl"; } > "$T/bad.jsonl"
"${P[@]}" --pipe -k --block 64k "$D" code --input jsonl < "$T/bad.jsonl" > "$T/bad.out" 2> "$T/bad.err"
rc=$?
[ $rc -eq 1 ] && ok || bad "a bad record: parallel exit $rc, want 1 (one failed job)"
cmp -s "$T/whole.jsonl" "$T/bad.out" && ok || bad "a bad record changed the other events"
[ "$(sum_totals "$T/bad.err")" = "records read 2001 = coded 2000 + rejected 1; sentences $(one_totals "$T/whole.err" | sed 's/.*sentences //')" ] && ok ||
  bad "a bad record: totals $(sum_totals "$T/bad.err")"
# (its line counts from the start of its block: docs/scale.md)
grep -q '^dyad: -:[0-9]*: invalid JSON' "$T/bad.err" && ok || bad "the rejected record is not reported: $(grep -v 'records read' "$T/bad.err" | head -2)"

# 3. Whole files to the hosts and the events back (--trc), one per file.
mkdir "$T/files"
split -n l/5 -d --additional-suffix=.jsonl "$T/in.jsonl" "$T/files/part"
( cd "$T/files" && "${P[@]}" "${TRC[@]}" "$D code {} > {.}.events" ::: part*.jsonl ) 2> "$T/files.err"
rc=$?
[ $rc -eq 0 ] && ok || bad "--trc exit $rc: $(head -3 "$T/files.err")"
cat "$T/files"/part*.events | cmp -s - "$T/whole.jsonl" && ok || bad "--trc outputs differ from one process"

# 4. The shard outputs loaded into one store at the same time count what one
#    load of everything counts (loads take the store's write lock in turn).
store_check() {
  local one=$1 many=$2 name=$3
  "$DYAD" load --db "$one" "$T/whole.jsonl" 2> /dev/null || bad "$name: one load failed"
  parallel -j 5 "$DYAD" load --db "$many" ::: "$T/files"/part*.events 2> "$T/load.err" || bad "$name: parallel loads failed: $(head -3 "$T/load.err")"
  local q1 q2
  q1=$("$DYAD" query --db "$one" --by month --format csv)
  q2=$("$DYAD" query --db "$many" --by month --format csv)
  [ -n "$q1" ] && [ "$q1" = "$q2" ] && ok || bad "$name: five parallel loads give other counts than one load"
}
store_check "$T/one.db" "$T/many.db" sqlite
if [ -n "${DYAD_TEST_PG:-}" ]; then
  dbs=("dyad_test_cluster1_$$" "dyad_test_cluster2_$$")
  for db in "${dbs[@]}"; do
    psql -q "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" > /dev/null 2>&1 || bad "cannot create $db"
  done
  store_check "${DYAD_TEST_PG%/*}/${dbs[0]}" "${DYAD_TEST_PG%/*}/${dbs[1]}" postgresql
  for db in "${dbs[@]}"; do psql -q "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $db" > /dev/null 2>&1; done
else
  echo "SKIP: DYAD_TEST_PG is unset: the PostgreSQL store part did not run"
fi

# 5. Real news, when ../shared is here: the Guardian CSV, its header sent
#    with every block.
G="$DYAD_SOURCE_DIR/../shared/data/news/guardian_sample.csv"
if [ -f "$G" ]; then
  "$DYAD" code "$G" > "$T/g1.jsonl" 2> /dev/null
  "${P[@]}" --pipe -k --header 1 --block 64k "$D" code --input csv < "$G" > "$T/g2.jsonl" 2> /dev/null
  [ -s "$T/g1.jsonl" ] && cmp -s "$T/g1.jsonl" "$T/g2.jsonl" && ok || bad "Guardian CSV: --pipe --header 1 output differs"
else
  echo "SKIP: ../shared is absent: the Guardian part did not run"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
