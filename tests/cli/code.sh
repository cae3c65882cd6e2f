#!/usr/bin/env bash
# dyad code as a user runs it: formats, totals on stderr, exit codes, rejected
# records, and byte-identical output whatever the thread count.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D="$DYAD_SOURCE_DIR/tests/spec/dict"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 1. plain text from stdin, JSON lines out
printf 'Arvenia condemned Belmont on Monday.\n\nBelmont shelled Corsaria.\n' > "$T/a.txt"
"$DYAD" code --dict "$D" < "$T/a.txt" > "$T/out.jsonl" 2> "$T/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "plain text exit $rc"
[ "$(wc -l < "$T/out.jsonl")" -eq 2 ] && ok || bad "expected 2 events, got $(wc -l < "$T/out.jsonl")"
grep -q '"source":"ARV","target":"BEL","code":"111"' "$T/out.jsonl" && ok || bad "ARV BEL 111 missing"
grep -q 'records read 1 = coded 1 + rejected 0' "$T/err" && ok || bad "totals line: $(cat "$T/err")"

# 2. JSON lines with a bad record: reported with file:line and id, counted, exit 1
cat > "$T/b.jsonl" <<'J'
{"id":"n1","date":"2004-09-03","text":"Arvenia condemned Belmont."}
{"id":"n2","date":"2004-09-03",
{"id":"n3","date":"2004-09-04","text":"Belmont shelled Corsaria."}
J
"$DYAD" code --dict "$D" "$T/b.jsonl" > "$T/out2" 2> "$T/err2"
rc=$?
[ $rc -eq 1 ] && ok || bad "bad record exit $rc (want 1)"
grep -q 'b.jsonl:2' "$T/err2" && ok || bad "no file:line for the bad record: $(cat "$T/err2")"
grep -q 'records read 3 = coded 2 + rejected 1' "$T/err2" && ok || bad "counts: $(cat "$T/err2")"
[ "$(wc -l < "$T/out2")" -eq 2 ] && ok || bad "good records still coded"

# 3. TSV has the Phoenix column count
"$DYAD" code --dict "$D" --output tsv "$T/a.txt" > "$T/out.tsv" 2>/dev/null
awk -F'\t' 'NF != 26 { exit 1 }' "$T/out.tsv" && ok || bad "TSV column count"

# 4. determinism across threads
for i in $(seq 300); do
  echo "{\"id\":\"d$i\",\"date\":\"2004-01-01\",\"text\":\"Arvenia condemned Belmont. Corsarian troops stormed the Belmontese embassy $i times.\"}"
done > "$T/many.jsonl"
"$DYAD" code --dict "$D" --threads 1 "$T/many.jsonl" > "$T/t1" 2>/dev/null
"$DYAD" code --dict "$D" --threads 3 "$T/many.jsonl" > "$T/t3" 2>/dev/null
[ -s "$T/t1" ] && cmp -s "$T/t1" "$T/t3" && ok || bad "--threads 3 output differs from --threads 1"

# 5. usage and missing files
"$DYAD" code --bogus > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown option exit"
"$DYAD" code --dict "$D" "$T/nope.txt" > /dev/null 2>&1; [ $? -eq 4 ] && ok || bad "missing file exit"
"$DYAD" code --dict "$T/nodict" "$T/a.txt" > /dev/null 2>&1; rc=$?; [ $rc -eq 3 ] || [ $rc -eq 4 ] && ok || bad "missing dict exit $rc"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
