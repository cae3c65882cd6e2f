#!/usr/bin/env bash
# dyad report as a user runs it: one self-contained page whose figures match
# the store, filters, the table cap, escaping of hostile text, deterministic
# bytes, and clear errors that leave no half-written file behind.
# With DYAD_TEST_PG set, the same report is built from PostgreSQL and must
# be byte-identical to the SQLite one.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# the number in a KPI box: <b>3,048</b><span>events</span>
kpi() { grep -o "<div class=\"kpi\"><b>[^<]*</b><span>$2</span>" "$1" | sed 's/.*<b>\([^<]*\)<.*/\1/; s/,//g'; }

# Synthetic background events and scripted hostage crises, plus hand-written
# events: a hostile headline, and a crisis with its whole sequence.
awk -v n=400 -v crisis=100 -f "$DYAD_SOURCE_DIR/tests/cli/report-events.awk" > "$T/ev.jsonl"
cat >> "$T/ev.jsonl" <<'J'
{"doc":"evil-1","sentence":2,"date":"2004-09-01","source":"RUSREB","target":"RUSCVL","code":"181","root":"18","quad":4,"goldstein":-9.0,"plover":"ASSAULT","source_text":"Gunmen","target_text":"pupils","verb_text":"seized","pattern":"hand.verbs.txt:3","issues":"","flags":"","sentence_text":"Gunmen <script>alert('pwned')</script> seized pupils & \"teachers\".","source_span":[0,6],"target_span":[46,52],"verb_span":[39,45]}
{"doc":"evil-2","sentence":0,"date":"2004-09-02","source":"UNO","target":"RUSREB","code":"0253","root":"02","quad":1,"goldstein":3.0,"plover":"DEMAND","source_text":"The UN","target_text":"the hostage-takers","verb_text":"urged","pattern":"hand.verbs.txt:9","issues":"","flags":"","sentence_text":"The UN urged the hostage-takers to free the children.","source_span":[0,6],"target_span":[13,31],"verb_span":[7,12]}
{"doc":"evil-3","sentence":0,"date":"2004-09-03","source":"RUSMIL","target":"RUSREB","code":"190","root":"19","quad":4,"goldstein":-10.0,"plover":"ASSAULT","source_text":"Troops","target_text":"the gunmen","verb_text":"stormed","pattern":"hand.verbs.txt:12","issues":"","flags":"","sentence_text":"Troops stormed the building held by the gunmen.","source_span":[0,6],"target_span":[36,46],"verb_span":[7,14]}
J
"$DYAD" load --db "$T/s.db" "$T/ev.jsonl" > /dev/null 2>&1
# the truth, straight from the input: distinct (source, target, code, date)
keys() { sed 's/.*"date":"\([^"]*\)","source":"\([^"]*\)","target":"\([^"]*\)","code":"\([^"]*\)".*/\2 \3 \4 \1/' "$T/ev.jsonl" | sort -u; }
n_all=$(keys | wc -l)
n_reb=$(keys | awk '$1 ~ /^RUSREB/ || $2 ~ /^RUSREB/' | wc -l)
n_dyad=$(keys | awk '($1 ~ /^RUSMIL/ && $2 ~ /^RUSREB/) || ($1 ~ /^RUSREB/ && $2 ~ /^RUSMIL/)' | wc -l)
n_2004=$(keys | awk '$4 >= "2004-01-01" && $4 <= "2004-12-31"' | wc -l)

# 1. the whole store
"$DYAD" report --db "$T/s.db" -o "$T/all.html" --title 'Beslan <b>and</b> after' 2> "$T/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "report exit $rc: $(cat "$T/err")"
[ -s "$T/all.html" ] && ok || bad "no report written"
[ ! -e "$T/all.html.tmp" ] && ok || bad "temporary file left behind"
# the store's monthly summary and its events table give the same page
for scope in "" "--actor RUS" "--by year"; do
  "$DYAD" report --db "$T/s.db" -o "$T/sum.html" $scope 2>> "$T/err"
  "$DYAD" report --db "$T/s.db" -o "$T/nosum.html" $scope --no-summary 2>> "$T/err"
  cmp -s "$T/sum.html" "$T/nosum.html" && ok || bad "summary and events differ ($scope)"
done
[ "$(kpi "$T/all.html" events)" = "$n_all" ] && ok || bad "events KPI $(kpi "$T/all.html" events), want $n_all"
for id in tl sd-k sd-c nw cd; do
  grep -q "<svg id=\"$id\"" "$T/all.html" && ok || bad "chart $id missing"
done
grep -q 'class="episode" data-a="RUSREB" data-b="RUSCVL"' "$T/all.html" && ok || bad "no RUSREB/RUSCVL episode"
# escaping: the only script elements are dyad's own two
[ "$(grep -o '<script' "$T/all.html" | wc -l)" -eq 2 ] && ok || bad "unexpected <script> elements"
grep -q "alert('pwned')" "$T/all.html" && bad "hostile sentence not escaped" || ok
grep -q '&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; <mark class="hv">seized</mark> <mark class="ht">pupils</mark> &amp; &quot;teachers&quot;' "$T/all.html" \
  && ok || bad "hostile sentence not shown as marked text"
grep -q '<h1>Beslan &lt;b&gt;and&lt;/b&gt; after</h1>' "$T/all.html" && ok || bad "title not escaped"
# self-contained: nothing fetched, everything inline
grep -Eq "<link|<img|<iframe| src=|url\\((http|//)|href=\"http" "$T/all.html" && bad "external reference in the page" || ok
grep -q "default-src 'none'" "$T/all.html" && ok || bad "no content security policy"
# the chart data is exact: the timeline's per-period totals add up to every dated event
tl_sum=$(grep -o '"total":\[\[[^]]*\]\(,\[[^]]*\]\)*\]' "$T/all.html" | grep -o '\[[0-9][^]]*\]' \
         | awk -F, '{ s += $1 + $2 + $3 + $4 + $5 } END { print s + 0 }')
[ "$tl_sum" = "$n_all" ] && ok || bad "timeline total $tl_sum, want $n_all"

# 2. deterministic bytes
"$DYAD" report --db "$T/s.db" -o "$T/all2.html" --title 'Beslan <b>and</b> after' 2>/dev/null
cmp -s "$T/all.html" "$T/all2.html" && ok || bad "two runs differ"

# the same events loaded in another order: the same page
tac "$T/ev.jsonl" > "$T/rev.jsonl"
"$DYAD" load --db "$T/rev.db" "$T/rev.jsonl" > /dev/null 2>&1
"$DYAD" report --db "$T/rev.db" -o "$T/rev.html" --title 'Beslan <b>and</b> after' 2>/dev/null
# (apart from the provenance table's rows: each run has its own time and input)
noruns() { grep -v '^<tr><td><b>[0-9]*</b><br>' "$1"; }
cmp -s <(noruns "$T/all.html") <(noruns "$T/rev.html") && ok || bad "load order changed the page"

# 3. filters: actor, dyad, dates
"$DYAD" report --db "$T/s.db" --actor RUSREB -o "$T/reb.html" 2>/dev/null
[ "$(kpi "$T/reb.html" events)" = "$n_reb" ] && ok || bad "actor events $(kpi "$T/reb.html" events), want $n_reb"
grep -q 'events involving RUSREB' "$T/reb.html" && ok || bad "actor scope not shown"
"$DYAD" report --db "$T/s.db" --dyad RUSMIL,RUSREB -o "$T/dyad.html" 2>/dev/null
[ "$(kpi "$T/dyad.html" events)" = "$n_dyad" ] && ok || bad "dyad events $(kpi "$T/dyad.html" events), want $n_dyad"
"$DYAD" report --db "$T/s.db" --from 2004-01-01 --to 2004-12-31 --by week -o "$T/y.html" 2>/dev/null
[ "$(kpi "$T/y.html" events)" = "$n_2004" ] && ok || bad "2004 events $(kpi "$T/y.html" events), want $n_2004"
grep -q "&middot; by week &middot;" "$T/y.html" && ok || bad "period not shown"
# weeks without events are on the axis too: 2004 spans 52 or 53 Mondays at most
nper=$(grep -o '"periods":\[[^]]*\]' "$T/y.html" | tr ',' '\n' | wc -l)
[ "$nper" -ge 50 ] && [ "$nper" -le 53 ] && ok || bad "weekly periods $nper"

# 4. the table cap is stated and the charts stay exact
"$DYAD" report --db "$T/s.db" --max-rows 5 -o "$T/cap.html" 2>/dev/null
[ "$(grep -c '^<tr data-s=' "$T/cap.html")" -eq 5 ] && ok || bad "capped table rows"
grep -q "The table holds the 5 most recent of [0-9,]* events</b>" "$T/cap.html" && ok || bad "cap not stated"
[ "$(kpi "$T/cap.html" events)" = "$n_all" ] && ok || bad "capped report changed the counts"

# 5. empty scope is a page that says so
"$DYAD" report --db "$T/s.db" --actor ZZZ -o "$T/none.html" 2>/dev/null
rc=$?
[ $rc -eq 0 ] && grep -q 'No events.' "$T/none.html" && ok || bad "empty scope: exit $rc"

# 6. errors: usage, bad filters, bad store; no file left behind
"$DYAD" report -o "$T/x.html" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "missing --db exit $rc (want 2)"
"$DYAD" report --db "$T/s.db" --by fortnight -o "$T/x.html" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "bad --by exit $rc (want 2)"
"$DYAD" report --db "$T/s.db" --from 2004-13-45 -o "$T/x.html" 2> "$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q 'YYYY-MM-DD' "$T/err" && ok || bad "bad date exit $rc: $(cat "$T/err")"
[ ! -e "$T/x.html" ] && [ ! -e "$T/x.html.tmp" ] && ok || bad "a failed report left a file"
"$DYAD" report --db "$T/nodir/s.db" -o "$T/x.html" 2>/dev/null; rc=$?
[ $rc -eq 5 ] && ok || bad "unopenable store exit $rc (want 5)"
"$DYAD" report --db "$T/typo.db" -o "$T/x.html" 2>/dev/null; rc=$?
[ $rc -eq 5 ] && [ ! -e "$T/typo.db" ] && ok || bad "a missing store: exit $rc, or it was created"
"$DYAD" report --db "$T/s.db" -o "$T/nodir/x.html" 2>/dev/null; rc=$?
[ $rc -eq 4 ] && ok || bad "unwritable output exit $rc (want 4)"

# 7. PostgreSQL gives the same page (a database of its own, so tests can run in parallel)
if [ -n "${DYAD_TEST_PG:-}" ]; then
  db="dyad_report_test_$$"
  psql -q "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" > /dev/null 2>&1 || bad "cannot create $db"
  url="${DYAD_TEST_PG%/*}/$db"
  "$DYAD" load --db "$url" "$T/ev.jsonl" > /dev/null 2>&1
  "$DYAD" report --db "$url" -o "$T/pg.html" --title 'Beslan <b>and</b> after' 2> "$T/err"
  sed 's/<dd>postgresql<\/dd>/<dd>sqlite<\/dd>/' "$T/pg.html" > "$T/pg2.html"
  cmp -s <(noruns "$T/all.html") <(noruns "$T/pg2.html") && ok || bad "PostgreSQL report differs from SQLite: $(cat "$T/err")"
  psql -q "$DYAD_TEST_PG" -c "DROP DATABASE IF EXISTS $db" > /dev/null 2>&1
else
  echo "note: DYAD_TEST_PG unset; PostgreSQL comparison skipped"
fi

echo "report: $pass passed, $fail failed"
[ $fail -eq 0 ]
