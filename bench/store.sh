#!/usr/bin/env bash
# Store benchmarks (called by bench/run.sh, or alone: bench/store.sh BUILD_DIR).
#   1. load 1,000,000 synthetic events (JSON lines, as `dyad code` writes them)
#      into a fresh SQLite file and a fresh PostgreSQL database;
#   2. on a store of DYAD_BENCH_STORE_N events (default 1,000,000; the figures
#      in docs/store.md use 10,000,000), time a monthly dyad series, a say/do
#      query and a top-partners query.
# PostgreSQL runs when DYAD_BENCH_PG or DYAD_TEST_PG names a server; the
# script creates and drops its own databases there. Inputs go to bench/out/.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
B="$BUILD/bench/bench_store"
[ -x "$B" ] || B="$BUILD/bench_store"
N=${DYAD_BENCH_STORE_N:-1000000}
REPS=${DYAD_BENCH_STORE_REPS:-3}
PG=${DYAD_BENCH_PG:-${DYAD_TEST_PG:-}}

gen() { [ -s "$OUT/events-$1.jsonl" ] || "$B" gen "$1" > "$OUT/events-$1.jsonl"; echo "$OUT/events-$1.jsonl"; }

F1=$(gen 1000000)
echo "input: $F1 ($(wc -l < "$F1") lines, $(du -h "$F1" | cut -f1))"
"$B" load "$OUT/bench-load.db" "$F1" "$REPS"
rm -f "$OUT"/bench-load.db*
if [ -n "$PG" ]; then
  psql -q "$PG" -c "DROP DATABASE IF EXISTS dyad_bench_load" -c "CREATE DATABASE dyad_bench_load" >/dev/null
  "$B" load "${PG%/*}/dyad_bench_load" "$F1" "$REPS"
  psql -q "$PG" -c "DROP DATABASE IF EXISTS dyad_bench_load" >/dev/null
else
  echo "PostgreSQL: skipped (set DYAD_BENCH_PG or DYAD_TEST_PG)"
fi

FN=$(gen "$N")
Q="$OUT/bench-query-$N.db"
[ -s "$Q" ] || "$B" load "$Q" "$FN" 1
"$B" query "$Q" 5
if [ -n "$PG" ]; then
  db="dyad_bench_q$N"
  if ! psql -q "$PG" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    psql -q "$PG" -c "CREATE DATABASE $db" >/dev/null
    "$B" load "${PG%/*}/$db" "$FN" 1
    psql -q "${PG%/*}/$db" -c "VACUUM ANALYZE" >/dev/null
  fi
  "$B" query "${PG%/*}/$db" 5
fi
