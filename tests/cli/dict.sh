#!/usr/bin/env bash
# dyad dict check / stats as a user runs them: every error listed with
# file:line:column, exit 3 on errors, 0 when clean, 2 on usage errors.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

mkdir "$T/d"
cat > "$T/d/t.verbs.txt" <<'V'
&ARMS
+RIFLE
--- SEIZE [---] ---
SEIZE
- * &ARMS [181]
V
cat > "$T/d/t.actors.txt" <<'A'
ARVENIA [ARV]
+ARVENIAN
OLMAR_
	[ARVGOV 20000101-20041231]
A
"$DYAD" dict check "$T/d" > "$T/out" 2> "$T/err"; rc=$?
[ $rc -eq 0 ] && ok || bad "clean check exit $rc: $(cat "$T/err")"
grep -q '^ok: 2 files' "$T/out" && ok || bad "check summary: $(cat "$T/out")"

"$DYAD" dict stats "$T/d" > "$T/out" 2> "$T/err"; rc=$?
[ $rc -eq 0 ] && ok || bad "stats exit $rc"
grep -Eq '^actors +2$' "$T/out" && ok || bad "stats actors: $(cat "$T/out")"
grep -Eq '^patterns +1$' "$T/out" && ok || bad "stats patterns"
grep -Eq '^synset_phrases +2$' "$T/out" && ok || bad "stats synset phrases (RIFLE, RIFLES)"

# two bad lines in two files: both listed, exit 3
printf 'BELMONT [BEL\n' >> "$T/d/t.actors.txt"
printf -- '- * (TO [011]\n' >> "$T/d/t.verbs.txt"
"$DYAD" dict check "$T/d" > "$T/out" 2> "$T/err"; rc=$?
[ $rc -eq 3 ] && ok || bad "bad check exit $rc (want 3)"
grep -q 't.actors.txt:5:13: missing' "$T/err" && ok || bad "actor error position: $(cat "$T/err")"
grep -q "t.verbs.txt:6:9: missing ')'" "$T/err" && ok || bad "verb error position: $(cat "$T/err")"
grep -q '2 errors' "$T/err" && ok || bad "error count"

"$DYAD" dict check > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no path exit"
"$DYAD" dict frobnicate x > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown subcommand exit"
"$DYAD" dict check "$T/nope" > /dev/null 2>&1; [ $? -eq 3 ] && ok || bad "missing path exit"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
