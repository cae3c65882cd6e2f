#!/usr/bin/env bash
# dyad load and dyad query as a user runs them, on SQLite and (when
# DYAD_TEST_PG is set) PostgreSQL: totals, exit codes, idempotent reloads,
# stdin, and a load killed with SIGKILL midway leaving the store untouched.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}" "${DYAD_BUILD_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
H="$DYAD_SOURCE_DIR/tests/data/hostage-events.jsonl"
GEN="$DYAD_BUILD_DIR/bench/bench_store"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The total of the events column of a one-row, all-period series.
total() { "$DYAD" query --db "$1" --by all --dedup "${2:-events}" --format csv | awk -F, 'NR == 2 { print $2 }'; }

# PostgreSQL: the staging schemas of loads into an empty store.
staging() { psql -Atq "$1" -c "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'dyad\_load\_%'"; }

run_backend() {
  local DB=$1 name=$2 pid
  # 0. a load into the empty store killed midway leaves it empty (on
  #    PostgreSQL this is the path that drops and rebuilds the keys)
  "$DYAD" load --db "$DB" "$T/big.jsonl" 2> /dev/null &
  pid=$!
  sleep 0.7
  if kill -0 $pid 2> /dev/null; then
    kill -9 $pid; wait $pid 2> /dev/null
    [ -z "$(total "$DB")" ] && ok || bad "$name: a killed load into an empty store left events"
    if [ "$name" = postgresql ]; then
      # its staging schema is left behind; once its server sessions are
      # gone (their locks with them) the next load drops it
      [ "$(staging "$DB")" = 1 ] && ok || bad "$name: the killed load left no staging schema: nothing was tested"
      for _ in $(seq 50); do
        [ "$(psql -Atq "$DB" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" = 0 ] && break
        sleep 0.1
      done
    fi
  else
    bad "$name: the first big load finished before the kill; nothing was tested"
  fi
  # 1. load: totals on stderr, exit 0
  "$DYAD" load --db "$DB" "$H" 2> "$T/err"; rc=$?
  [ $rc -eq 0 ] && ok || bad "$name: load exit $rc: $(cat "$T/err")"
  grep -q 'mentions read 28 = loaded 28 + duplicate 0 + rejected 0; new events 25' "$T/err" && ok || bad "$name: totals: $(cat "$T/err")"
  if [ "$name" = postgresql ]; then
    [ "$(staging "$DB")" = 0 ] && ok || bad "$name: a staging schema is left after the load"
  fi
  # 2. again, from stdin: all duplicate, nothing changes
  "$DYAD" load --db "$DB" - < "$H" 2> "$T/err"; rc=$?
  [ $rc -eq 0 ] && ok || bad "$name: reload exit $rc"
  grep -q 'loaded 0 + duplicate 28 + rejected 0; new events 0' "$T/err" && ok || bad "$name: reload totals: $(cat "$T/err")"
  [ "$(total "$DB")" = 25 ] && ok || bad "$name: events after reload: $(total "$DB")"
  [ "$(total "$DB" mentions)" = 28 ] && ok || bad "$name: mentions after reload"
  # 3. rejected lines: file:line on stderr, exit 1, good lines still loaded
  { head -n 2 "$H" | sed 's/"doc":"mos-1"/"doc":"new-1"/; s/"doc":"mos-2"/"doc":"new-2"/'
    echo '{"doc":"bad","sentence":0,"date":"2002-13-01","source":"RUS","target":"USA","code":"111"}'
    echo 'not json'; } > "$T/bad.jsonl"
  "$DYAD" load --db "$DB" "$T/bad.jsonl" 2> "$T/err"; rc=$?
  [ $rc -eq 1 ] && ok || bad "$name: rejects exit $rc (want 1)"
  grep -q 'bad.jsonl:3: date is not a valid YYYY-MM-DD (bad)' "$T/err" && ok || bad "$name: line 3 diagnostic: $(cat "$T/err")"
  grep -q 'bad.jsonl:4: invalid JSON' "$T/err" && ok || bad "$name: line 4 diagnostic"
  grep -q 'read 4 = loaded 2 + duplicate 0 + rejected 2' "$T/err" && ok || bad "$name: reject totals: $(cat "$T/err")"
  # 4. queries in three formats
  "$DYAD" query --db "$DB" --say-do --actor RUS --by year > "$T/q.txt" || bad "$name: say-do exit"
  grep -q '^RUS *2004 *3 *1 *1 *2 .*0\.417' "$T/q.txt" && ok || bad "$name: say-do table: $(cat "$T/q.txt")"
  "$DYAD" query --db "$DB" --episodes --format csv > "$T/q.csv"
  [ "$(grep -c ',taking,' "$T/q.csv")" = 3 ] && ok || bad "$name: three hostage takings open episodes"
  "$DYAD" query --db "$DB" --top-partners HMS --limit 1 --format json > "$T/q.json"
  grep -q '"partner": "ISRCVL", "events": 2' "$T/q.json" && ok || bad "$name: json: $(cat "$T/q.json")"
  "$DYAD" query --db "$DB" --dyad RUSGOV,RUSREB --directed --by all --format csv | grep -q '^all,4,' && ok || bad "$name: directed dyad"
  # 5. a load killed midway leaves the store as it was
  local before after
  before=$(total "$DB" mentions)
  "$DYAD" load --db "$DB" "$T/big.jsonl" 2> /dev/null &
  pid=$!
  sleep 0.7
  if kill -0 $pid 2> /dev/null; then
    kill -9 $pid; wait $pid 2> /dev/null
    after=$(total "$DB" mentions)
    [ "$after" = "$before" ] && ok || bad "$name: killed load changed the store: $before -> $after"
    # and the store still takes a load afterwards
    head -n 1000 "$T/big.jsonl" | "$DYAD" load --db "$DB" 2> "$T/err"
    grep -q 'read 1000 = loaded 1000' "$T/err" && ok || bad "$name: load after the kill: $(cat "$T/err")"
  else
    bad "$name: the big load finished before the kill; nothing was tested"
  fi
  # 6. provenance: code --provenance | load, and code --db, in the runs table
  echo "Russia appealed for the release of its citizens held by Hamas." > "$T/news.txt"
  "$DYAD" code --date 2025-01-01 --provenance "$T/news.txt" > "$T/p.jsonl" 2> /dev/null
  tail -n 1 "$T/p.jsonl" | grep -q '^{"dyad_run":{"dyad_version":' && ok || bad "$name: provenance line: $(tail -n 1 "$T/p.jsonl")"
  "$DYAD" load --db "$DB" "$T/p.jsonl" 2> "$T/err"
  grep -q 'mentions read 1 = loaded 1 + duplicate 0 + rejected 0' "$T/err" && ok || bad "$name: provenance line counted: $(cat "$T/err")"
  "$DYAD" code --date 2025-01-01 --db "$DB" "$T/news.txt" 2> /dev/null
  "$DYAD" query --db "$DB" --runs --format csv > "$T/runs.csv"
  head -n 1 "$T/runs.csv" | grep -q '^run_id,started_at,dyad_version,command,input,dictionaries,goldstein_scale,quad_scheme,records_read,records_coded,records_rejected,sentences,mentions_read,mentions_loaded,mentions_duplicate,mentions_rejected$' && ok || bad "$name: runs columns"
  tail -n 2 "$T/runs.csv" | head -n 1 | grep -q ',load,.*p.jsonl,".*dyad.verbs.txt.*",gdelt,icews,1,1,0,1,1,1,0,0$' && ok || bad "$name: load run with provenance: $(tail -n 2 "$T/runs.csv")"
  tail -n 1 "$T/runs.csv" | grep -q ',code,.*news.txt,".*dyad.verbs.txt.*",gdelt,icews,1,1,0,1,1,0,1,0$' && ok || bad "$name: code run: $(tail -n 1 "$T/runs.csv")"
}

"$GEN" gen 300000 7 > "$T/big.jsonl" || { echo "FAIL: generator"; exit 1; }

run_backend "$T/store.db" sqlite

# SQLite: a load into an empty store writes through a rollback journal; killed
# once it has written pages to the file, it is rolled back from the journal
# when the store is next opened
E="$T/empty.db"
"$DYAD" load --db "$E" "$T/big.jsonl" 2> /dev/null &
pid=$!
for _ in $(seq 1 400); do
  [ -e "$E-journal" ] && [ "$(stat -c %s "$E" 2> /dev/null || echo 0)" -gt 2000000 ] && break
  sleep 0.025
done
if kill -0 $pid 2> /dev/null && [ -e "$E-journal" ] && [ "$(stat -c %s "$E")" -gt 2000000 ]; then
  kill -9 $pid; wait $pid 2> /dev/null
  [ -z "$(total "$E")" ] && ok || bad "sqlite: a load killed while writing left events"
  [ "$(stat -c %s "$E")" -lt 1000000 ] && ok || bad "sqlite: the killed load's pages are still in the file"
  head -n 1000 "$T/big.jsonl" | "$DYAD" load --db "$E" 2> "$T/err"
  grep -q 'read 1000 = loaded 1000' "$T/err" && ok || bad "sqlite: load after the kill: $(cat "$T/err")"
else
  wait $pid 2> /dev/null
  bad "sqlite: the load into an empty store ended before it wrote to the file; nothing was tested"
fi

# usage and database errors
"$DYAD" load "$H" > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "load without --db exit"
"$DYAD" query --db "$T/store.db" --quad 9 > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad --quad exit"
"$DYAD" query --db "$T/store.db" --actor "R S" > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad actor exit"
mkdir "$T/dir.db"
"$DYAD" load --db "$T/dir.db" "$H" > /dev/null 2> "$T/err"; [ $? -eq 5 ] && ok || bad "directory as store exit: $(cat "$T/err")"
"$DYAD" query --db postgresql://nobody@127.0.0.1:1/none > /dev/null 2> "$T/err"; [ $? -eq 5 ] && ok || bad "unreachable server exit"
grep -q 'cannot connect to PostgreSQL' "$T/err" && ok || bad "unreachable server message: $(cat "$T/err")"
"$DYAD" load --db "$T/store.db" "$T/missing.jsonl" > /dev/null 2>&1; [ $? -eq 4 ] && ok || bad "missing input exit"

if [ -n "${DYAD_TEST_PG:-}" ]; then
  db="dyad_test_cli_$$"
  psql -q "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" > /dev/null 2>&1 || bad "cannot create $db"
  url="${DYAD_TEST_PG%/*}/$db"
  run_backend "$url" postgresql
  psql -q "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $db" > /dev/null 2>&1
else
  echo "SKIP: DYAD_TEST_PG is unset: the PostgreSQL half of this test did not run"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
