// Drive headless Chromium over the DevTools protocol with nothing but Node's
// own modules (Node 20: run with --experimental-websocket; Node 22 has
// WebSocket built in). Loads a page, reports its paint timings, every console
// message, exception and log error, and with --click clicks the second network
// node with a real mouse event and reports what the page then shows.
//
//   node --experimental-websocket cdp.mjs CHROMIUM URL [--click] [--shot=FILE.png]
//
// Prints one JSON object on stdout; exits 0 when it could measure, 1 otherwise.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [chromium, url, ...flags] = process.argv.slice(2);
if (!chromium || !url) {
  console.error("usage: cdp.mjs CHROMIUM URL [--click]");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "dyad-cdp-"));
const proc = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--window-size=1400,1000", `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

function finish(code, out) {
  if (out) process.stdout.write(JSON.stringify(out, null, 1) + "\n");
  proc.kill("SIGKILL");
  try { rmSync(profile, { recursive: true, force: true }); } catch { /* best effort */ }
  process.exit(code);
}
const timer = setTimeout(() => finish(1, { error: "timeout" }), 90000);

const wsUrl = await new Promise((resolve, reject) => {
  let buf = "";
  proc.stderr.on("data", (d) => {
    buf += d;
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(buf);
    if (m) resolve(m[1]);
  });
  proc.on("exit", (c) => reject(new Error("chromium exited " + c)));
}).catch((e) => finish(1, { error: String(e) }));

const ws = new WebSocket(wsUrl);
await new Promise((r) => ws.addEventListener("open", r, { once: true }));
let nextId = 1;
const pending = new Map();
const waiters = [];
const messages = [];
ws.addEventListener("message", (ev) => {
  const msg = JSON.parse(ev.data);
  if (msg.id && pending.has(msg.id)) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result);
    return;
  }
  if (msg.method === "Runtime.consoleAPICalled")
    messages.push(`console.${msg.params.type}: ` + msg.params.args.map((a) => a.value ?? a.description).join(" "));
  else if (msg.method === "Runtime.exceptionThrown")
    messages.push("exception: " + (msg.params.exceptionDetails.exception?.description || msg.params.exceptionDetails.text));
  else if (msg.method === "Log.entryAdded" && ["error", "warning"].includes(msg.params.entry.level))
    messages.push(`log.${msg.params.entry.level}: ${msg.params.entry.text}`);
  for (const w of waiters.slice())
    if (w.method === msg.method) { waiters.splice(waiters.indexOf(w), 1); w.resolve(msg.params); }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const waitFor = (method) => new Promise((resolve) => waiters.push({ method, resolve }));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

try {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  const evaluate = async (expr) =>
    (await s("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true })).result.value;
  await s("Page.enable");
  await s("Runtime.enable");
  await s("Log.enable");
  const loaded = waitFor("Page.loadEventFired");
  const t0 = Date.now();
  await s("Page.navigate", { url });
  await loaded;
  const wall = Date.now() - t0;
  // paint entries arrive once the first frame is drawn
  let timing = null;
  for (let i = 0; i < 50 && !(timing && timing.fcp !== null); i++) {
    timing = await evaluate(`(() => {
      const p = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
      const n = performance.getEntriesByType("navigation")[0];
      return { fcp: p ? p.startTime : null, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
               resources: performance.getEntriesByType("resource").length,
               bytes: document.documentElement.outerHTML.length };
    })()`);
    if (timing.fcp === null) await sleep(100);
  }
  // what the page shows: charts, headline, scripts, the provenance panel
  const page = await evaluate(`(() => {
    const n = (s) => document.querySelectorAll(s).length;
    const runs = [...document.querySelectorAll("#runs tbody tr")].map((tr) => {
      const counts = {};
      tr.querySelectorAll("td[data-c]").forEach((td) => { counts[td.dataset.c] = td.textContent; });
      return { command: tr.cells[1] ? tr.cells[1].querySelector("b").textContent : "", counts };
    });
    return { h1: document.querySelector("h1").textContent, title: document.title,
             scripts: n("script"), bars: n("#tl rect[data-p]"), nodes: n("#nw .node"),
             edges: n("#nw .edge"), codes: n("#cd rect"),
             saydo: ["sd-k-d", "sd-k-s", "sd-c-d", "sd-c-s"].every((id) =>
               (document.getElementById(id)?.getAttribute("d") || "").startsWith("M")),
             episodes: n(".episode svg"), rows: n("#events tbody tr"),
             no_provenance: !!document.getElementById("no-provenance"), runs };
  })()`);
  const out = { url, wall_ms_to_load: wall, ...timing, page, messages };
  if (flags.includes("--click")) {
    const box = await evaluate(`(() => {
      const g = document.querySelectorAll("#nw .node")[1] || document.querySelector("#nw .node");
      if (!g) return null;
      g.scrollIntoView({ block: "center" });
      const r = g.querySelector("circle").getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, code: g.querySelector("text").textContent };
    })()`);
    if (!box) throw new Error("no network node to click");
    for (const type of ["mouseMoved", "mousePressed", "mouseReleased"])
      await s("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
    await sleep(100);
    out.clicked = await evaluate(`(() => {
      const code = ${JSON.stringify(box.code)};
      const rows = [...document.querySelectorAll("#events tbody tr")];
      const shown = rows.filter((tr) => !tr.classList.contains("hide"));
      return { code, rows: rows.length, shown: shown.length,
               expected: rows.filter((tr) => tr.dataset.s === code || tr.dataset.t === code).length,
               all_involve: shown.every((tr) => tr.dataset.s === code || tr.dataset.t === code),
               filter_bar: document.getElementById("filter").classList.contains("on"),
               filter_text: document.getElementById("filter-what").textContent,
               selected: !!document.querySelector("#nw .node.sel") };
    })()`);
  }
  const shot = flags.find((f) => f.startsWith("--shot="));
  if (shot) { // the page as it now looks (after the click, if any), full height
    await evaluate("window.scrollTo(0, 0)");
    const { data } = await s("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
    writeFileSync(shot.slice(7), Buffer.from(data, "base64"));
  }
  clearTimeout(timer);
  finish(0, out);
} catch (e) {
  finish(1, { error: String(e), messages });
}
