#!/usr/bin/env bash
# make bench: dictionary loading, coding throughput (raw text and parsed), and
# the wc -w floor on the same bytes. Inputs are generated under bench/out/
# from ../shared (never committed). Quote the figures with their input sizes.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
BIN=$BUILD/bench
SHARED=../shared/data
OUT=bench/out
mkdir -p "$OUT"
if [ ! -d "$SHARED" ]; then
  echo "bench: ../shared is absent; nothing to measure"; exit 0
fi
PHX=$SHARED/petrarch2/dictionaries
PHOENIX=$PHX/CAMEO.2.0.txt,$PHX/Phoenix.Countries.actors.txt,$PHX/Phoenix.International.actors.txt,$PHX/Phoenix.MilNonState.actors.txt,$PHX/Phoenix.agents.txt,$PHX/Phoenix.discards.txt,$PHX/Phoenix.IssueCoding.txt
REPL=${DYAD_BENCH_COPIES:-100}

# Guardian sample replicated (header once, rows REPL times): about 1M sentences at 100 copies.
G=$OUT/guardian-x$REPL.csv
if [ ! -f "$G" ]; then
  head -n 1 $SHARED/news/guardian_sample.csv > "$G"
  for i in $(seq "$REPL"); do tail -n +2 $SHARED/news/guardian_sample.csv; done >> "$G"
fi

echo "== dictionary load (full Phoenix set)"
"$BIN/bench_dictload"

echo "== wc -w floor on the same bytes"
WC=()
for i in 1 2 3 4 5; do
  WC+=("$( { /usr/bin/time -f "%e" wc -w "$G" >/dev/null; } 2>&1 | tail -n 1)")
done
WC_MED=$(printf '%s\n' "${WC[@]}" | sort -n | sed -n 3p)
echo "wc -w: median $WC_MED s (runs: ${WC[*]})"

# sentences/s and the ratio to wc -w from a bench_code report on stdin
ratio() {
  # not tee /dev/stderr: that reopens (and truncates) a log file stderr points at
  local report
  report=$(cat)
  printf '%s\n' "$report"
  printf '%s\n' "$report" | awk -v wc="$WC_MED" '/^coding/ { for (i = 1; i <= NF; i++) if ($i == "median") s = $(i + 1) }
    /^median time/ { t = $3 } END { if (t > 0 && wc > 0) printf "ratio to wc -w: %.1fx its time\n", t / wc }'
}

echo "== tokeniser + sentence splitter, and the CSV reader, one core"
"$BIN/bench_text" "$SHARED/news/guardian_sample.csv" 20 5

RUNS=${DYAD_BENCH_RUNS:-5}
echo "== raw text, Phoenix dictionaries, one core"
"$BIN/bench_code" "$PHOENIX" csv "$G" "$RUNS" 2>&1 | ratio

echo "== raw text, dyad defaults, one core"
"$BIN/bench_code" default csv "$G" "$RUNS" 2>&1 | ratio

# bench_code holds its input in memory; the CLI streams, so its peak RSS
# must not grow with the input: compare a tenth of the input with all of it.
G10=$OUT/guardian-x$(( REPL / 10 > 0 ? REPL / 10 : 1 )).csv
if [ ! -f "$G10" ]; then
  head -n 1 $SHARED/news/guardian_sample.csv > "$G10"
  for i in $(seq $(( REPL / 10 > 0 ? REPL / 10 : 1 ))); do tail -n +2 $SHARED/news/guardian_sample.csv; done >> "$G10"
fi
echo "== memory: dyad code --threads 1, Phoenix, output to /dev/null"
TM=$(mktemp)
for f in "$G10" "$G"; do
  /usr/bin/time -o "$TM" -f "$(basename "$f"): $(du -m "$f" | cut -f1) MB in, peak RSS %M KB, %e s" \
      "$BUILD/dyad" code --threads 1 --lenient --input csv $(printf -- '--dict %s ' ${PHOENIX//,/ }) "$f" >/dev/null 2>&1
  cat "$TM"
done
rm -f "$TM"

# Parsed input: the PETRARCH GigaWord sample replicated to >= 100,000 sentences.
P=$OUT/gigaword-x.xml
if [ ! -f "$P" ]; then
  src=$SHARED/petrarch2/text/GigaWord.sample.PETR.xml
  n=$(grep -c '<Sentence ' "$src")
  copies=$(( (100000 + n - 1) / n ))
  { echo "<Sentences>"
    for i in $(seq "$copies"); do sed -n '/<Sentence /,/<\/Sentence>/p' "$src"; done
    echo "</Sentences>"; } > "$P"
fi
echo "== Penn-parsed PETRARCH XML, Phoenix dictionaries, one core"
"$BIN/bench_code" "$PHOENIX" petrarch-xml "$P" 3

for extra in bench/store.sh bench/report.sh; do
  [ -x "$extra" ] && { echo "== $extra"; "$extra" "$BUILD"; }
done
