#!/usr/bin/env bash
# Event dates from the text (docs/events.md, "Event dates"): the JSON and TSV
# fields, --strict-discards, and the store's loader reading the new fields.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D="$DYAD_SOURCE_DIR/tests/spec/dict"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# "1987" is a sentence discard in the spec dictionaries (only a date)
printf 'In 1987, Corsaria seized hostages from Belmont.\nArvenia condemned Belmont.\n' > "$T/a.txt"

# 1. JSON: the text's date with its precision, the document's kept
"$DYAD" code --dict "$D" --date 2010-06-01 "$T/a.txt" > "$T/a.jsonl" 2> "$T/err" || bad "code exit"
grep -q '"date":"1987-01-01","date_precision":"year","doc_date":"2010-06-01","source":"COR","target":"BEL","code":"181"' \
  "$T/a.jsonl" && ok || bad "dated event: $(head -1 "$T/a.jsonl")"
grep -q '"date":"2010-06-01","date_precision":"day","doc_date":"2010-06-01","source":"ARV"' "$T/a.jsonl" \
  && ok || bad "undated sentence keeps the document date"
grep -q 'sentences 2 (discarded 0)' "$T/err" && ok || bad "totals: $(cat "$T/err")"

# 2. --strict-discards: PETRARCH2's behaviour, the sentence is dropped and counted
"$DYAD" code --dict "$D" --date 2010-06-01 --strict-discards "$T/a.txt" > "$T/s.jsonl" 2> "$T/err" || bad "strict exit"
[ "$(wc -l < "$T/s.jsonl")" -eq 1 ] && ! grep -q '"code":"181"' "$T/s.jsonl" && ok || bad "strict: $(cat "$T/s.jsonl")"
grep -q 'sentences 2 (discarded 1)' "$T/err" && ok || bad "strict totals: $(cat "$T/err")"

# 3. TSV: Date is the period's first day, Month and Day empty below the precision
"$DYAD" code --dict "$D" --date 2010-06-01 --output tsv "$T/a.txt" > "$T/a.tsv" 2>/dev/null
awk -F'\t' 'NF != 26 { exit 1 }' "$T/a.tsv" && ok || bad "TSV column count"
awk -F'\t' '$14 == "181" && $2 == "19870101" && $3 == "1987" && $4 == "" && $5 == "" { f = 1 } END { exit !f }' \
  "$T/a.tsv" && ok || bad "TSV year precision: $(head -1 "$T/a.tsv")"
printf 'In March 1990, Arvenia condemned Belmont.\n' | "$DYAD" code --dict "$D" --date 2010-06-01 --output tsv \
  2>/dev/null | awk -F'\t' '$2 == "19900301" && $4 == "03" && $5 == "" { f = 1 } END { exit !f }' \
  && ok || bad "TSV month precision"

# 4. the store loads the new fields (fast path and jansson path alike) and
#    keeps the document's date for the document
"$DYAD" load --db "$T/s.db" "$T/a.jsonl" > /dev/null 2> "$T/err" || bad "load exit: $(cat "$T/err")"
grep -q 'loaded 2 + duplicate 0 + rejected 0' "$T/err" && ok || bad "load counts: $(cat "$T/err")"
"$DYAD" query --db "$T/s.db" --events --format csv > "$T/q.csv" || bad "query exit"
grep -q '^1987-01-01,COR,BEL,181,' "$T/q.csv" && ok || bad "stored event date: $(cat "$T/q.csv")"
if command -v sqlite3 > /dev/null; then
  [ "$(sqlite3 "$T/s.db" 'SELECT date FROM documents')" = "2010-06-01" ] && ok || bad "document date in the store"
fi
# a line with the keys in another order takes the loader's jansson path
sed 's/^{"doc":"\([^"]*\)",/{"sentence":0,"doc":"\1",/; s/,"sentence":0,/,/' "$T/a.jsonl" | head -1 > "$T/b.jsonl"
"$DYAD" load --db "$T/b.db" "$T/b.jsonl" > /dev/null 2> "$T/err" && grep -q 'loaded 1 ' "$T/err" \
  && ok || bad "reordered line: $(cat "$T/err")"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
