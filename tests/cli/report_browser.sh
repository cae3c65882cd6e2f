#!/usr/bin/env bash
# The report in a real browser: headless Chromium loads report.html?selftest=1,
# whose own script clicks a network node, checks that the table, timeline and
# episodes filtered to that actor, searches, opens a mentions panel, and
# writes SELFTEST PASS or FAIL into the page; --dump-dom reveals it. The
# browser's console (stderr) must stay silent: no script errors, no blocked
# requests. Skipped (exit 77) when Chromium is absent; CI sets
# DYAD_TEST_CHROMIUM=/usr/bin/chromium. DYAD_REPORT_SCREENSHOTS=DIR keeps
# screenshots of the page for people to look at.
set -u
: "${DYAD:?}" "${DYAD_SOURCE_DIR:?}"
CHROMIUM=${DYAD_TEST_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: Chromium not found (install Debian's chromium or set DYAD_TEST_CHROMIUM)"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
chrome() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/profile" --enable-logging=stderr --v=0 "$@"
}

awk -v n=2000 -v crisis=200 -f "$DYAD_SOURCE_DIR/tests/cli/report-events.awk" > "$T/ev.jsonl"
printf '%s\n' '{"doc":"evil","sentence":0,"date":"2004-09-01","source":"RUSREB","target":"RUSCVL","code":"181","root":"18","quad":4,"goldstein":-9.0,"plover":"ASSAULT","source_text":"Gunmen","target_text":"pupils","verb_text":"seized","pattern":"hand.verbs.txt:3","issues":"","flags":"","sentence_text":"Gunmen <script>document.title=\"pwned\"</script><img src=x onerror=alert(1)> seized pupils.","source_span":[0,6],"target_span":[82,88],"verb_span":[75,81]}' >> "$T/ev.jsonl"
"$DYAD" load --db "$T/s.db" "$T/ev.jsonl" > /dev/null 2>&1 || { echo "FAIL: load"; exit 1; }
# and a coding run into the same store, whose counts the provenance panel must show
cat > "$T/news.txt" <<'TXT'
Armed men seized forty passengers on a ferry near Port Aldane on Monday.
The government of Velmora appealed for the release of the passengers.
Negotiators from Ostrava met the kidnappers on Tuesday.
TXT
"$DYAD" code --date 2004-09-02 --db "$T/s.db" "$T/news.txt" > /dev/null 2> "$T/code.err" \
  || { echo "FAIL: code --db: $(cat "$T/code.err")"; exit 1; }
totals=$(grep -o 'records read [0-9]* = coded [0-9]* + rejected [0-9]*; sentences [0-9]*' "$T/code.err")
read -r R C J S <<< "$(echo "$totals" | tr -cs '0-9' ' ')"
[ -n "${S:-}" ] || { echo "FAIL: no totals from dyad code: $(cat "$T/code.err")"; exit 1; }
TITLE='<script>document.title="pwned"</script>Beslan & after'
"$DYAD" report --db "$T/s.db" -o "$T/report.html" --title "$TITLE" 2> "$T/err" \
  || { echo "FAIL: report: $(cat "$T/err")"; exit 1; }

# 1. the page's self-test, run by the browser
chrome --dump-dom "file://$T/report.html?selftest=1" > "$T/dom.html" 2> "$T/chrome.err"
rc=$?
[ $rc -eq 0 ] && ok || bad "chromium exit $rc: $(tail -n 3 "$T/chrome.err")"
result=$(sed -n '/<pre id="selftest">/,/<\/pre>/p' "$T/dom.html")
case "$result" in
  *"SELFTEST PASS"*) ok ;;
  *) bad "self-test: ${result:-no result in the DOM (did the script run?)}" ;;
esac
echo "$result" | sed -n 's/<[^>]*>//g; 2,$p' | sed 's/^/  /'
# 2. no console output at all from the page: errors, CSP blocks, anything
if grep -q 'CONSOLE' "$T/chrome.err"; then
  bad "console messages: $(grep 'CONSOLE' "$T/chrome.err" | head -n 3)"
else
  ok
fi
# 3. the hostile sentence stayed text after the script ran
[ "$(grep -o '<script' "$T/dom.html" | wc -l)" -eq 2 ] && ok || bad "extra <script> elements in the DOM"
grep -q '<img' "$T/dom.html" && bad "an <img> element came from the data" || ok
grep -q '<title>&lt;script&gt;document.title="pwned"&lt;/script&gt;Beslan &amp; after</title>' "$T/dom.html" \
  && ok || bad "document title changed"

# 4. a real mouse click over the DevTools protocol (Node's own WebSocket; no npm)
NODE=$(command -v node || true)
WSFLAG=""
if [ -n "$NODE" ] && [ "$("$NODE" -e 'process.stdout.write(typeof WebSocket)' 2>/dev/null)" != function ]; then
  [ "$("$NODE" --experimental-websocket -e 'process.stdout.write(typeof WebSocket)' 2>/dev/null)" = function ] \
    && WSFLAG=--experimental-websocket || NODE=""
fi
if [ -n "$NODE" ]; then
  timeout 120 "$NODE" $WSFLAG "$DYAD_SOURCE_DIR/tests/browser/cdp.mjs" "$CHROMIUM" "file://$T/report.html" --click \
    > "$T/cdp.json" 2> "$T/cdp.err"
  rc=$?
  [ $rc -eq 0 ] && ok || bad "DevTools run exit $rc: $(cat "$T/cdp.json" "$T/cdp.err" | head -n 5)"
  # the checks, in Node (no jq needed): the click filtered the table exactly, nothing logged or fetched
  TITLE="$TITLE" R=$R C=$C J=$J S=$S "$NODE" -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const c = r.clicked || {}, p = r.page || {}, env = process.env;
    const bad = [];
    // the charts are there and drawn
    if (!(p.bars > 0 && p.nodes > 1 && p.edges > 0 && p.codes > 0 && p.saydo && p.episodes > 0))
      bad.push("charts: " + JSON.stringify(p));
    // a <script> headline is text: shown literally, run never, no extra script elements
    if (p.h1 !== env.TITLE || p.title !== env.TITLE) bad.push("headline: " + JSON.stringify([p.h1, p.title]));
    if (p.scripts !== 2) bad.push("script elements: " + p.scripts);
    // the provenance panel: the coding run with the counts dyad code printed
    const num = (s) => s === undefined ? NaN : +String(s).replace(/,/g, "");
    if (p.no_provenance) {
      bad.push("provenance: the page says no provenance recorded, but dyad code --db records a run");
    } else {
      const run = (p.runs || []).find((x) => x.command === "code");
      const k = run ? run.counts : {};
      if (!run || num(k.records_read) !== +env.R || num(k.records_coded) !== +env.C ||
          num(k.records_rejected) !== +env.J || num(k.sentences) !== +env.S)
        bad.push("provenance: want read " + env.R + " coded " + env.C + " rejected " + env.J +
                 " sentences " + env.S + ", page has " + JSON.stringify(p.runs));
      else
        console.log("  provenance: code run shows read " + env.R + " = coded " + env.C + " + rejected " + env.J + ", " + env.S + " sentences");
    }
    if (r.messages === undefined || r.messages.length) bad.push("console: " + JSON.stringify(r.messages));
    if (r.resources !== 0) bad.push("resources fetched: " + r.resources);
    if (!(c.shown > 0 && c.shown === c.expected && c.shown < c.rows)) bad.push("table after click: " + JSON.stringify(c));
    if (!c.all_involve || !c.filter_bar || !c.selected) bad.push("page state after click: " + JSON.stringify(c));
    console.log("  mouse click on " + c.code + ": " + c.shown + " of " + c.rows + " rows; first paint " + r.fcp + " ms");
    if (bad.length) { console.log(bad.join("\n")); process.exit(1); }' "$T/cdp.json" && ok || bad "DevTools click checks"
else
  echo "note: no Node.js with WebSocket; the DevTools click check was skipped"
fi

# 5. screenshots for people (optional)
if [ -n "${DYAD_REPORT_SCREENSHOTS:-}" ]; then
  mkdir -p "$DYAD_REPORT_SCREENSHOTS"
  chrome --hide-scrollbars --window-size=1400,2400 --screenshot="$DYAD_REPORT_SCREENSHOTS/report.png" \
    "file://$T/report.html" > /dev/null 2>&1 && ok || bad "screenshot"
fi

echo "report_browser: $pass passed, $fail failed"
[ $fail -eq 0 ]
