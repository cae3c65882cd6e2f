#!/usr/bin/env bash
# Report benchmark (called by bench/run.sh, or alone: bench/report.sh BUILD_DIR).
#   1. a store of DYAD_BENCH_REPORT_N synthetic events (default 1,000,000; the
#      store benchmark's generator and database are reused when present);
#   2. `dyad report` over the whole store: wall and CPU time, peak RSS (median
#      and range of 5) and page size, with the load average (a shared machine);
#   3. the page in headless Chromium over the DevTools protocol: first
#      contentful paint, DOMContentLoaded and load (median and range of 5
#      fresh browsers). The target is first paint under 2 s.
# Needs chromium and Node.js (20+, for its WebSocket); steps without them are skipped.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
N=${DYAD_BENCH_REPORT_N:-1000000}
DYAD="$BUILD/dyad"
B="$BUILD/bench/bench_store"
[ -x "$B" ] || B="$BUILD/bench_store"
[ -x "$DYAD" ] || { echo "report bench: $DYAD not built"; exit 1; }

DB="$OUT/bench-query-$N.db"
if [ ! -s "$DB" ]; then
  EV="$OUT/events-$N.jsonl"
  [ -s "$EV" ] || "$B" gen "$N" > "$EV"
  "$DYAD" load --db "$DB" "$EV" > /dev/null
fi
events=$(sqlite3 "$DB" "SELECT COUNT(*) FROM events" 2>/dev/null || echo "?")
mentions=$(sqlite3 "$DB" "SELECT COUNT(*) FROM mentions" 2>/dev/null || echo "?")
echo "store: $DB ($events events, $mentions mentions)"

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%s (min %s, max %s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

PAGE="$OUT/report-$N.html"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times are pessimistic when it is high)"
: > "$OUT/report-times"
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/report-time1" \
    "$DYAD" report --db "$DB" -o "$PAGE" --title "Benchmark: $N synthetic events"
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$OUT/report-time1" >> "$OUT/report-times"
done
echo "dyad report, whole store (5 runs): wall $(cut -d' ' -f1 "$OUT/report-times" | median) s;" \
     "CPU (user+sys) $(cut -d' ' -f2 "$OUT/report-times" | median) s; peak RSS $(cut -d' ' -f3 "$OUT/report-times" | median) KB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
bytes=$(wc -c < "$PAGE")
echo "page: $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f MB", b / 1048576 }')), gzip $(gzip -c "$PAGE" | wc -c) bytes; table rows $(grep -c '^<tr data-s=' "$PAGE")"

CHROMIUM=${DYAD_TEST_CHROMIUM:-$(command -v chromium || true)}
NODE=$(command -v node || true)
if [ -z "$CHROMIUM" ] || [ -z "$NODE" ]; then
  echo "first paint: skipped (needs chromium and node)"
  exit 0
fi
WSFLAG=""
[ "$("$NODE" -e 'process.stdout.write(typeof WebSocket)')" = function ] || WSFLAG=--experimental-websocket
: > "$OUT/report-paint"
for i in 1 2 3 4 5; do
  "$NODE" $WSFLAG tests/browser/cdp.mjs "$CHROMIUM" "file://$PWD/$PAGE" \
    | "$NODE" -e 'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => {
        const r = JSON.parse(s);
        if (r.error || r.messages.length) { console.error("cdp:", s); process.exit(1); }
        console.log(Math.round(r.fcp), Math.round(r.dcl), Math.round(r.load)); })' >> "$OUT/report-paint"
done
echo "first contentful paint: $(cut -d' ' -f1 "$OUT/report-paint" | median) ms"
echo "DOMContentLoaded:       $(cut -d' ' -f2 "$OUT/report-paint" | median) ms"
echo "load:                   $(cut -d' ' -f3 "$OUT/report-paint" | median) ms"
fcp=$(cut -d' ' -f1 "$OUT/report-paint" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
[ "$fcp" -lt 2000 ] && echo "target (first paint < 2000 ms): met" || echo "target (first paint < 2000 ms): NOT met"
