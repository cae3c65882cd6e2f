/* dyad report: the page's only script. It reads the aggregates embedded by
 * dyad (#dyad-data) and, when a network node is clicked, re-scales the SVG
 * that dyad drew: no drawing library, no network. ?selftest=1 exercises the
 * page and writes PASS or FAIL into #selftest (used by tests/cli/report_browser.sh). */
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push("error: " + e.message); });
  window.addEventListener("unhandledrejection", function (e) { errors.push("rejection: " + e.reason); });
  var cerr = console.error;
  console.error = function () { errors.push("console: " + Array.prototype.join.call(arguments, " ")); cerr.apply(console, arguments); };

  var NS = "http://www.w3.org/2000/svg";
  var STACK = [2, 1, 3, 4, 0];
  var QLABEL = ["unclassified", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  var D = JSON.parse(document.getElementById("dyad-data").textContent);
  var np = D.periods.length;
  var current = -1;

  function $(s, root) { return (root || document).querySelector(s); }
  function $$(s, root) { return Array.prototype.slice.call((root || document).querySelectorAll(s)); }

  function nice(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var m = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < m.length; i++) if (m[i] * p >= v * (1 - 1e-12)) return m[i] * p;
    return 10 * p;
  }
  function step(v) { var s = nice(v / 4); return s < 1 ? 1 : Math.ceil(s); }
  function fmt(v) {
    if (v >= 1e6 && v % 1e5 === 0) return v / 1e6 + "M";
    if (v >= 1e4 && v % 1e3 === 0) return v / 1e3 + "k";
    return String(v);
  }
  function commas(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function f1(v) { return (Math.round(v * 10) / 10).toFixed(1); }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  /* "2017-08" -> "Aug 2017", "2017-08-06" -> "6 Aug 2017", as dyad prints them */
  function human(l) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(l);
    if (!m || +m[2] < 1 || +m[2] > 12) return l;
    return (m[3] ? +m[3] + " " : "") + MONTHS[+m[2] - 1] + " " + m[1];
  }

  /* per period: [n0..n4, gsum, gn] for everything or for one node */
  function tallies(node) {
    if (node < 0) return D.total;
    var t = [];
    for (var i = 0; i < np; i++) t.push([0, 0, 0, 0, 0, 0, 0]);
    D.cells.forEach(function (c) {
      if (c[0] !== node) return;
      for (var k = 0; k < 7; k++) t[c[1]][k] += c[2 + k];
    });
    return t;
  }

  function drawTimeline(t) {
    var svg = $("#tl");
    if (!svg) return;
    var base = +svg.dataset.base, ph = +svg.dataset.ph, l = +svg.dataset.l, slot = +svg.dataset.slot, top = +svg.dataset.t;
    var maxv = 0;
    t.forEach(function (r) { var s = r[0] + r[1] + r[2] + r[3] + r[4]; if (s > maxv) maxv = s; });
    var st = step(maxv), ymax = 4 * st;
    var rects = $$("rect[data-p]", svg);
    var byp = {};
    rects.forEach(function (r) { byp[r.dataset.p + ":" + r.dataset.q] = r; });
    for (var p = 0; p < np; p++) {
      var y = base;
      for (var s = 0; s < 5; s++) {
        var q = STACK[s], r = byp[p + ":" + q];
        var h = ph * t[p][q] / ymax;
        y -= h;
        if (!r) continue;
        r.setAttribute("y", f1(y));
        r.setAttribute("height", f1(h));
        r.firstChild.textContent = human(D.periods[p]) + ": " + t[p][q] + " " + QLABEL[q];
      }
    }
    $$(".tl-y", svg).forEach(function (e) { e.textContent = fmt(st * +e.dataset.k); });
    var d = "", pen = false;
    for (var i = 0; i < np; i++) {
      if (!t[i][6]) { pen = false; continue; }
      var g = t[i][5] / t[i][6];
      d += (pen ? "L" : "M") + f1(l + slot * (i + 0.5)) + " " + f1(top + ph * (10 - g) / 20);
      pen = true;
    }
    $("#tl-g").setAttribute("d", d);
    $$("#tl-gd circle").forEach(function (c) {
      var p = +c.dataset.p, has = t[p][6] > 0;
      c.style.display = has ? "" : "none";
      if (!has) return;
      var g = t[p][5] / t[p][6];
      c.setAttribute("cy", f1(top + ph * (10 - g) / 20));
      c.firstChild.textContent = human(D.periods[p]) + ": mean Goldstein " + (g >= 0 ? "+" : "") + g.toFixed(1);
    });
  }

  function drawSaydo(t, id, qs, qd) {
    var svg = document.getElementById(id);
    if (!svg) return;
    var base = +svg.dataset.base, ph = +svg.dataset.ph, l = +svg.dataset.l, slot = +svg.dataset.slot;
    var maxv = 0, said = 0, done = 0;
    t.forEach(function (r) { maxv = Math.max(maxv, r[qs], r[qd]); said += r[qs]; done += r[qd]; });
    var ymax = 4 * step(maxv);
    function pts(q) {
      var a = [];
      for (var i = 0; i < np; i++) a.push([f1(l + slot * (i + 0.5)), f1(base - ph * t[i][q] / ymax)]);
      return a;
    }
    var s = pts(qs), dn = pts(qd);
    var line = function (a) { return a.map(function (p, i) { return (i ? "L" : "M") + p[0] + " " + p[1]; }).join(""); };
    document.getElementById(id + "-s").setAttribute("d", line(s));
    document.getElementById(id + "-d").setAttribute("d", line(dn));
    var back = dn.slice().reverse().map(function (p) { return "L" + p[0] + " " + p[1]; }).join("");
    document.getElementById(id + "-a").setAttribute("d", np ? line(s) + back + "Z" : "");
    $$("#" + id + "-pts circle").forEach(function (c) {
      var p = +c.dataset.p, q = +c.dataset.q;
      c.setAttribute("cy", f1(base - ph * t[p][q] / ymax));
      c.firstChild.textContent = human(D.periods[p]) + ": " + t[p][q] + " " + QLABEL[q];
    });
    $$("." + id + "-y", svg).forEach(function (e) { e.textContent = fmt(4 * step(maxv) / 4 * +e.dataset.k); });
    var ratio = document.getElementById(id + "-r");
    if (ratio) ratio.textContent = commas(said) + " said, " + commas(done) + " done" + (done ? " (" + (said / done).toFixed(2) + " : 1)" : "");
  }

  function drawCodes(node) {
    var svg = $("#cd");
    if (!svg) return;
    var rows = D.codes.filter(function (c) { return c[0] === node; });
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var maxv = 1;
    rows.forEach(function (c) { if (c[3] > maxv) maxv = c[3]; });
    svg.setAttribute("viewBox", "0 0 460 " + (8 + 25 * Math.max(rows.length, 1)));
    function text(cls, x, y, s) {
      var e = document.createElementNS(NS, "text");
      e.setAttribute("class", cls); e.setAttribute("x", x); e.setAttribute("y", y);
      e.textContent = s; svg.appendChild(e);
    }
    rows.forEach(function (c, i) {
      var y = 4 + 25 * i, w = 166 * c[3] / maxv, name = D.names[c[1]] || "";
      text("code", 0, y + 16, c[1]);
      var chars = Array.from(name);
      text("cname", 42, y + 16, chars.length > 30 ? chars.slice(0, 30).join("") + "\u2026" : name);
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("class", "q" + c[2]); r.setAttribute("x", 250); r.setAttribute("y", y + 4);
      r.setAttribute("width", f1(w)); r.setAttribute("height", 16); svg.appendChild(r);
      text("ax", f1(254 + w), y + 16, String(c[3]));
    });
  }

  var search = $("#q");
  function filterRows() {
    var code = current >= 0 ? D.nodes[current][0] : null;
    var q = search ? search.value.trim().toLowerCase() : "";
    var shown = 0, rows = $$("#events tbody tr");
    rows.forEach(function (tr) {
      var ok = (!code || tr.dataset.s === code || tr.dataset.t === code) &&
               (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.classList.toggle("hide", !ok);
      if (ok) shown++;
    });
    var c = $("#rowcount");
    if (c) c.textContent = shown + " of " + rows.length + " rows shown";
    return shown;
  }

  function select(node) {
    current = node;
    var t = tallies(node);
    drawTimeline(t);
    drawSaydo(t, "sd-k", 1, 2);
    drawSaydo(t, "sd-c", 3, 4);
    drawCodes(node);
    var nw = $("#nw");
    if (nw) {
      nw.classList.toggle("filtering", node >= 0);
      var near = {};
      $$(".edge", nw).forEach(function (e) {
        var on = node >= 0 && (+e.dataset.s === node || +e.dataset.t === node);
        e.classList.toggle("dim", node >= 0 && !on);
        if (on) { near[e.dataset.s] = 1; near[e.dataset.t] = 1; }
      });
      $$(".node", nw).forEach(function (g) {
        var i = +g.dataset.i;
        g.classList.toggle("sel", i === node);
        g.classList.toggle("dim", node >= 0 && i !== node && !near[i]);
        g.setAttribute("aria-pressed", i === node ? "true" : "false");
      });
    }
    var eps = $$(".episode"), shownEp = 0, who = node >= 0 ? " " + D.nodes[node][0] + " " : null;
    eps.forEach(function (ep) {
      ep.hidden = !!who && ep.dataset.actors.indexOf(who) < 0;
      if (!ep.hidden) shownEp++;
    });
    var none = $("#ep-none");
    if (none) none.hidden = !(who && eps.length && !shownEp);
    var bar = $("#filter");
    if (bar) {
      bar.classList.toggle("on", node >= 0);
      $("#filter-what").textContent = node >= 0 ? D.nodes[node][0] + " (" + commas(D.nodes[node][1]) + " events as source or target)" : "";
    }
    filterRows();
  }

  $$("#nw .node").forEach(function (g) {
    var i = +g.dataset.i;
    g.addEventListener("click", function () { select(current === i ? -1 : i); });
    g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(current === i ? -1 : i); } });
  });
  var clear = $("#filter-clear");
  if (clear) clear.addEventListener("click", function () { select(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    if ($(".mention.open")) openMention(null); else if (current >= 0) select(-1);
  });
  if (search) search.addEventListener("input", filterRows);

  /* mentions open beside the table instead of jumping down the page */
  function openMention(id) {
    $$(".mention.open").forEach(function (m) { m.classList.remove("open"); });
    var m = id ? document.getElementById(id) : null;
    if (m) m.classList.add("open");
    return m;
  }
  $$("#events a[href^=\"#m\"]").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); openMention(a.getAttribute("href").slice(1)); });
  });
  $$(".mention .close").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); openMention(null); });
  });
  filterRows();

  /* ---- self-test: ?selftest=1 ---- */
  function selftest() {
    var fails = [], notes = [];
    function check(ok, what) { if (!ok) fails.push(what); }
    ["#tl", "#sd-k", "#sd-c", "#nw", "#cd"].forEach(function (s) {
      var e = $(s);
      check(e && e.tagName.toLowerCase() === "svg" && e.childElementCount > 0, "chart " + s + " present");
    });
    check($$("#tl rect[data-p]").length === 5 * np, "timeline has 5 bars per period");
    check(performance.getEntriesByType("resource").length === 0, "no network requests");
    var rows = $$("#events tbody tr");
    var nodes = $$("#nw .node");
    check(nodes.length > 0, "network has nodes");
    if (nodes.length) {
      var pick = nodes.length > 1 ? 1 : 0, code = D.nodes[pick][0];
      nodes[pick].dispatchEvent(new MouseEvent("click", { bubbles: true }));
      var vis = rows.filter(function (tr) { return !tr.classList.contains("hide"); });
      check(current === pick, "click selects the node");
      check(vis.every(function (tr) { return tr.dataset.s === code || tr.dataset.t === code; }), "visible rows involve " + code);
      var expect = rows.filter(function (tr) { return tr.dataset.s === code || tr.dataset.t === code; }).length;
      check(vis.length === expect, "table shows exactly the rows involving " + code + " (" + vis.length + " vs " + expect + ")");
      var sum = 0;
      $$("#tl rect[data-p]").forEach(function (r) { sum += +/: (\d+) /.exec(r.firstChild.textContent)[1]; });
      var dated = D.nodes[pick][2];
      check(sum === dated, "timeline sums to the node's dated events (" + sum + " vs " + dated + ")");
      check($("#filter").classList.contains("on"), "filter bar shown");
      check($$(".episode").every(function (ep) { return ep.hidden === (ep.dataset.actors.indexOf(" " + code + " ") < 0); }),
            "episodes shown exactly when they involve " + code);
      notes.push("clicked " + code + ": " + vis.length + " of " + rows.length + " rows, " + sum + " events in the timeline");
      $("#filter-clear").click();
      check(current === -1 && rows.every(function (tr) { return !tr.classList.contains("hide"); }), "clear restores every row");
    }
    if (rows.length && search) {
      var word = rows[0].dataset.s;
      search.value = word;
      search.dispatchEvent(new Event("input"));
      var hits = rows.filter(function (tr) { return !tr.classList.contains("hide"); });
      check(hits.length > 0 && hits.every(function (tr) { return tr.textContent.toLowerCase().indexOf(word.toLowerCase()) >= 0; }), "search filters rows");
      search.value = "";
      search.dispatchEvent(new Event("input"));
    }
    var link = $("#events a[href^=\"#m\"]");
    if (link) {
      link.click();
      var m = document.getElementById(link.getAttribute("href").slice(1));
      check(m && getComputedStyle(m).display !== "none", "a mentions link opens its sentences");
      check(m && m.querySelectorAll("blockquote mark").length > 0, "the sentence has marked spans");
      openMention(null);
      check(m && getComputedStyle(m).display === "none", "the mentions panel closes");
    }
    check(errors.length === 0, "no script errors: " + errors.join("; "));
    var out = document.getElementById("selftest") || document.body.appendChild(document.createElement("pre"));
    out.id = "selftest";
    out.textContent = (fails.length ? "SELFTEST FAIL\n" + fails.join("\n") : "SELFTEST PASS") + "\n" + notes.join("\n");
  }
  if (/[?&]selftest=1/.test(location.search)) {
    try { selftest(); } catch (e) {
      var o = document.body.appendChild(document.createElement("pre"));
      o.id = "selftest"; o.textContent = "SELFTEST FAIL\nexception: " + e;
    }
  }
})();
