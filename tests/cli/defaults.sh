#!/usr/bin/env bash
# dyad's own dictionaries as a user meets them: `dyad dict check` passes on
# every file under dict/ and on the country file generated from iso-codes,
# with no warning; `dyad dict gaps` finds what the defaults miss in a small
# corpus of our own, in a stable order, with the documented exit codes.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}" "${DYAD_BUILD_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

GEN="$DYAD_BUILD_DIR/gen/iso3166.actors.txt"
[ -f "$GEN" ] && ok || bad "generated country file missing: $GEN"

# 1. the whole set, then each file alone: clean and warning-free
"$DYAD" dict check "$DYAD_SOURCE_DIR/dict" "$GEN" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "dict check dict/ exit $rc: $(cat "$T/err")"
grep -q ' 0 warnings$' "$T/out" && ok || bad "warnings: $(cat "$T/out") $(cat "$T/err")"
for f in "$DYAD_SOURCE_DIR"/dict/*.txt "$GEN"; do
    "$DYAD" dict check "$f" > "$T/one" 2>&1 && ok || bad "dict check $(basename "$f"): $(cat "$T/one")"
done

# 2. an error in a copy is reported with file:line:column and exit 3
cp "$DYAD_SOURCE_DIR/dict/dyad.verbs.txt" "$T/bad.verbs.txt"
printf -- '--- BROKEN [190] ---\nBREAK_IT\n- * (UNCLOSED [190]\n' >> "$T/bad.verbs.txt"
"$DYAD" dict check "$T/bad.verbs.txt" > /dev/null 2> "$T/err3"
rc=$?
[ $rc -eq 3 ] && ok || bad "broken copy exit $rc (want 3)"
grep -q 'bad.verbs.txt:[0-9]*:[0-9]*:' "$T/err3" && ok || bad "no file:line:col in: $(cat "$T/err3")"

# 3. gaps over a corpus written here: uncovered verbs and names, counted
cat > "$T/c.txt" <<'C'
Moldovan troops waylaid a convoy near Tiraspol.

Officials in Tiraspol waylaid the monitors again.

The Kremlin condemned Hamas.
C
"$DYAD" dict gaps --top 5 "$T/c.txt" > "$T/gaps" 2> "$T/gerr"
rc=$?
[ $rc -eq 0 ] && ok || bad "dict gaps exit $rc: $(cat "$T/gerr")"
grep -Eq '^ +2  WAYLAID ' "$T/gaps" && ok || bad "WAYLAID x2 not listed: $(cat "$T/gaps")"
grep -Eq '^ +2  TIRASPOL ' "$T/gaps" && ok || bad "TIRASPOL x2 not listed: $(cat "$T/gaps")"
grep -q 'CONDEMNED' "$T/gaps" && bad "a dictionary verb listed as a gap" || ok
grep -q 'KREMLIN\|HAMAS' "$T/gaps" && bad "a dictionary actor listed as a gap" || ok
"$DYAD" dict gaps --tsv "$T/c.txt" > "$T/tsv" 2>/dev/null
grep -q "$(printf '^verb\t2\tWAYLAID\t')" "$T/tsv" && ok || bad "tsv row: $(cat "$T/tsv")"
"$DYAD" dict gaps --tsv "$T/c.txt" > "$T/tsv2" 2>/dev/null
cmp -s "$T/tsv" "$T/tsv2" && ok || bad "gaps output differs between runs"

# 4. with --dict the named dictionaries are used instead of the defaults
printf 'TIRASPOL [MDA]\n' > "$T/extra.actors.txt"
"$DYAD" dict gaps --dict "$DYAD_SOURCE_DIR/dict" --dict "$T/extra.actors.txt" --tsv "$T/c.txt" > "$T/tsv3" 2>/dev/null
grep -q 'TIRASPOL' "$T/tsv3" && bad "TIRASPOL still a gap with --dict" || ok

# 5. usage and I/O errors
"$DYAD" dict gaps > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "no corpus exit $rc (want 2)"
"$DYAD" dict gaps --top 0 "$T/c.txt" > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "--top 0 exit $rc (want 2)"
"$DYAD" dict gaps "$T/missing.txt" > /dev/null 2>&1; rc=$?
[ $rc -eq 4 ] && ok || bad "missing corpus exit $rc (want 4)"

echo "defaults.sh: $pass passed, $fail failed"
[ $fail -eq 0 ]
