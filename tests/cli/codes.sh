#!/usr/bin/env bash
# dyad codes as a user runs it: one code with all its fields, a root listing,
# name search, the scale/scheme/format options, and exit codes.
set -u
: "${DYAD:?}"
[ -x "$DYAD" ] || { echo "SKIP: $DYAD is not built"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() { grep -qF -- "$2" "$1" && ok || bad "$3: no '$2' in: $(cat "$1")"; }

# 1. one code, every field, default scale (GDELT) and scheme (ICEWS)
"$DYAD" codes 0253 > "$T/one" 2> "$T/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "codes 0253 exit $rc"
has "$T/one" "name       Appeal for release of persons or property" "0253 name"
has "$T/one" "root       02  APPEAL" "0253 root"
has "$T/one" "parent     025  Appeal to yield" "0253 parent"
has "$T/one" "quad       1 verbal-cooperation (icews scheme)" "0253 quad"
has "$T/one" "  phoenix  0 neutral" "0253 phoenix quad"
has "$T/one" "goldstein  -0.3 (gdelt scale)" "0253 goldstein"
has "$T/one" "disputed   no" "0253 disputed"
[ -s "$T/err" ] && bad "stderr not empty: $(cat "$T/err")" || ok

# 2. a disputed code shows every scale's value; --scale picks one
"$DYAD" codes --scale icews 016 > "$T/016"
has "$T/016" "goldstein  -5.0 (icews scale)" "016 icews"
has "$T/016" "  phoenix    3.4" "016 phoenix value"
has "$T/016" "disputed   yes" "016 disputed"
"$DYAD" codes 1214 > "$T/1214"
has "$T/1214" "(not listed by gdelt: the value of 121)" "1214 inherited"

# 3. a root lists the root and its codes; root 16 differs between the schemes
"$DYAD" codes 18 > "$T/18"
[ "$(wc -l < "$T/18")" -eq 15 ] && ok || bad "root 18 lists $(wc -l < "$T/18") lines, want 15"
[ "$(cut -c1-4 "$T/18" | tr -d ' ' | grep -vc '^18')" -eq 0 ] && ok || bad "root 18 lists other roots"
has "$T/18" "Abduct, hijack, or take hostage" "181 in root 18"
"$DYAD" codes --format tsv --quads phoenix 16 > "$T/16p"
"$DYAD" codes --format tsv --quads icews 16 > "$T/16i"
[ "$(awk -F'\t' 'NR==2 {print $1, $5}' "$T/16p")" = "16 3" ] && ok || bad "16 phoenix quad: $(sed -n 2p "$T/16p")"
[ "$(awk -F'\t' 'NR==2 {print $1, $5}' "$T/16i")" = "16 4" ] && ok || bad "16 icews quad: $(sed -n 2p "$T/16i")"

# 4. name search: case-insensitive words, all must match
"$DYAD" codes hostage > "$T/h"
[ "$(cut -c1-4 "$T/h" | tr -d ' ')" = "181" ] && ok || bad "search hostage: $(cat "$T/h")"
"$DYAD" codes Release PERSONS > "$T/r"
[ "$(cut -c1-4 "$T/r" | tr -d ' ' | tr '\n' ' ')" = "0253 0353 0841 1053 1243 " ] && ok || bad "search release persons: $(cat "$T/r")"

# 5. formats: TSV has a header and 16 columns; JSON lines parse to the fields
"$DYAD" codes --format tsv > "$T/all.tsv"
[ "$(wc -l < "$T/all.tsv")" -eq 319 ] && ok || bad "tsv lines $(wc -l < "$T/all.tsv"), want 318 + header"
awk -F'\t' 'NF != 16 { exit 1 }' "$T/all.tsv" && ok || bad "tsv column count"
"$DYAD" codes --format json 181 > "$T/j"
has "$T/j" '"code":"181"' "json code"
has "$T/j" '"goldstein":-9.0' "json goldstein"
has "$T/j" '"plover_type":"ASSAULT","plover_mode":"abduct"' "json plover"
"$DYAD" codes > "$T/all"
[ "$(wc -l < "$T/all")" -eq 318 ] && ok || bad "codes lists $(wc -l < "$T/all") codes"

# 6. exit codes: unknown code and no match are 1, bad options are 2
"$DYAD" codes 999 > /dev/null 2> "$T/e1"; rc=$?
[ $rc -eq 1 ] && ok || bad "unknown code exit $rc"
has "$T/e1" "'999' is not a CAMEO code" "unknown code message"
"$DYAD" codes "013:012" > /dev/null 2>&1; rc=$?
[ $rc -eq 1 ] && ok || bad "compound code exit $rc"
"$DYAD" codes zzqx > /dev/null 2>&1; rc=$?
[ $rc -eq 1 ] && ok || bad "no match exit $rc"
"$DYAD" codes --scale goldstein 0253 > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "bad --scale exit $rc"
"$DYAD" codes --format xml > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "bad --format exit $rc"
"$DYAD" codes --bogus > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "unknown option exit $rc"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
