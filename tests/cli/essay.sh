#!/usr/bin/env bash
# The motivating essay (../shared/data/seed/hostage-diplomacy-essay.txt),
# coded with the Phoenix dictionaries as they are published and with dyad's
# own: the state's appeal for the hostage's release, the hostage-taking by
# the armed group, the Beslan hostage-taking and use of force (2004), and the
# special forces' gas attack in Moscow (2002), each dated as the text dates
# it (docs/events.md, "Event dates", "Instruments and results").
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}"
S="$DYAD_SOURCE_DIR/../shared/data"
ESSAY="$S/seed/hostage-diplomacy-essay.txt"
if [ ! -f "$ESSAY" ] || [ ! -d "$S/petrarch2/dictionaries" ]; then
  echo "SKIP: ../shared is absent (the essay and the Phoenix dictionaries)"; exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# has FILE SENTENCE DATE PRECISION SOURCE TARGET CODE [FLAG]: one event with these fields
has() {
  local line
  line=$(grep -E "^\{\"doc\":\"[^\"]*\",\"sentence\":$2,\"date\":\"$3\",\"date_precision\":\"$4\",\"doc_date\":\"2025-01-15\",\"source\":\"$5\",\"target\":\"$6\",\"code\":\"$7\"" "$1")
  [ -n "$line" ] || return 1
  [ -z "${8:-}" ] || printf '%s' "$line" | grep -q "\"flags\":\"[^\"]*$8"
}

# 1. Phoenix dictionaries (CAMEO.2.0, Phoenix actors, agents, discards, issues)
"$DYAD" code --dict "$S/petrarch2/dictionaries" --lenient --date 2025-01-15 "$ESSAY" > "$T/phx.jsonl" 2> "$T/err" \
  || bad "Phoenix run exit: $(tail -1 "$T/err")"
has "$T/phx.jsonl" 16 2025-01-15 day RUSGOV '[^"]*' 1053 && ok || bad "Phoenix: Putin presses for the release (1053)"
has "$T/phx.jsonl" 0 2025-01-15 day PSEREBHMS RUSCVL 181 && ok || bad "Phoenix: Hamas holds the Russian citizen (181)"
has "$T/phx.jsonl" 5 2004-01-01 year '[^"]*UAF' '[^"]*' 181 && ok || bad "Phoenix: Beslan hostage-taking, dated 2004"
has "$T/phx.jsonl" 5 2004-01-01 year RUSGOV RUSCVL 190 result && ok || bad "Phoenix: Beslan force killing hostages, 2004"
has "$T/phx.jsonl" 7 2002-01-01 year RUSMIL RUSCVL 190 instrument && ok || bad "Phoenix: Moscow gas attack, 2002"
# one sentence is still discarded, by a phrase that is no date ("World War II")
grep -q 'sentences 23 (discarded 1)' "$T/err" && ok || bad "Phoenix totals: $(tail -1 "$T/err")"

# 2. --strict-discards: PETRARCH2's year discards drop the Beslan and Moscow sentences
"$DYAD" code --dict "$S/petrarch2/dictionaries" --lenient --date 2025-01-15 --strict-discards "$ESSAY" \
  > "$T/strict.jsonl" 2> "$T/err" || bad "strict run exit"
! grep -qE '"sentence":(5|7),' "$T/strict.jsonl" && grep -q 'sentences 23 (discarded 3)' "$T/err" \
  && ok || bad "strict discards: $(tail -1 "$T/err")"

# 3. anonymous hostages with Phoenix (which has no hostage agent): no country
printf 'The rebels released 24 hostages on Sunday.\n' |
  "$DYAD" code --dict "$S/petrarch2/dictionaries" --lenient --date 2025-01-15 > "$T/h.jsonl" 2> /dev/null
grep -q '"source":"---REB","target":"---CVL","code":"0841"' "$T/h.jsonl" && [ "$(wc -l < "$T/h.jsonl")" -eq 1 ] \
  && ok || bad "Phoenix: anonymous hostages: $(cat "$T/h.jsonl")"

# 4. dyad's own dictionaries
"$DYAD" code --date 2025-01-15 "$ESSAY" > "$T/def.jsonl" 2> "$T/err" || bad "defaults run exit"
has "$T/def.jsonl" 0 2025-01-15 day RUS RUSCVL 0253 && ok || bad "defaults: appeal for the release (0253)"
has "$T/def.jsonl" 0 2025-01-15 day PSEREBHMS RUSCVL 181 && ok || bad "defaults: Hamas holds the citizen"
has "$T/def.jsonl" 5 2004-01-01 year '[^"]*REB' '[^"]*CVL' 181 && ok || bad "defaults: Beslan hostage-taking"
has "$T/def.jsonl" 5 2004-01-01 year RUSGOV RUSCVL 175 && ok || bad "defaults: excessive force"
has "$T/def.jsonl" 7 2002-01-01 year RUSMIL RUSCVL 2041 && ok || bad "defaults: chemical gas"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
