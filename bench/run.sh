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
for i in 1 2 3; do /usr/bin/time -f "%e s" wc -w "$G" 2>&1 | tail -n 1; done

echo "== tokeniser + sentence splitter, and the CSV reader, one core"
"$BIN/bench_text" "$SHARED/news/guardian_sample.csv" 20 5

echo "== raw text, Phoenix dictionaries, one core"
"$BIN/bench_code" "$PHOENIX" csv "$G" 3

echo "== raw text, dyad defaults, one core"
"$BIN/bench_code" default csv "$G" 3

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
