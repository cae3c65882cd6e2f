/* html.c — the page: one HTML file with its CSS, script, SVG and data inline.
 *
 * Layout, top to bottom: headline figures, timeline, say/do, network with
 * the top event types, crisis episodes, the event table with its mentions,
 * and the coding provenance. A Content-Security-Policy forbids every fetch,
 * so the page provably works offline. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "report/report.h"

void dy_report_init(dy_report *r)
{
    memset(r, 0, sizeof *r);
    dy_arena_init(&r->arena, 1 << 16);
    r->by = DYAD_BY_MONTH;
    r->title = r->scope = r->from = r->to = "";
}

void dy_report_free(dy_report *r)
{
    if (!r)
        return;
    free(r->periods);
    free(r->actors);
    free(r->edges);
    free(r->cells);
    free(r->codes);
    free(r->rows);
    free(r->mentions);
    free(r->episodes);
    free(r->steps);
    free(r->prov);
    free(r->runs);
    free(r->dicts);
    free(r->notes);
    dy_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}

const char *dy_rp_str(dy_report *r, const char *s)
{
    if (!s)
        s = "";
    return dy_arena_strndup(&r->arena, s, strlen(s));
}

bool dy_rp_add_kv(dy_report *r, dy_rp_kv **v, size_t *n, size_t *cap, const char *k,
                  const char *val)
{
    dy_rp_kv kv = {dy_rp_str(r, k), dy_rp_str(r, val)};
    return kv.key && kv.value && DY_VEC_PUSH(*v, *n, *cap, kv);
}

/* 1234567 -> "1,234,567" */
static bool ht_count(dy_buf *b, uint64_t v)
{
    char d[32];
    int n = snprintf(d, sizeof d, "%" PRIu64, v);
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0 && !dy_buf_putc(b, ','))
            return false;
        if (!dy_buf_putc(b, d[i]))
            return false;
    }
    return true;
}

static bool ht_kpi(dy_buf *b, const char *value, const char *label)
{
    return dy_buf_puts(b, "<div class=\"kpi\"><b>") && dy_html_escs(b, value) &&
           dy_buf_puts(b, "</b><span>") && dy_html_escs(b, label) && dy_buf_puts(b, "</span></div>");
}

static bool ht_kpi_count(dy_buf *b, uint64_t v, const char *label)
{
    dy_buf t = {0};
    bool ok = ht_count(&t, v) && dy_buf_cstr(&t) && ht_kpi(b, t.p, label);
    dy_buf_free(&t);
    return ok;
}

static bool ht_legend(dy_buf *b)
{
    bool ok = dy_buf_puts(b, "<ul class=\"legend\">");
    static const int order[4] = {2, 1, 3, 4};
    for (int i = 0; i < 4 && ok; i++)
        ok = dy_buf_printf(b, "<li><i style=\"background:%s\"></i>%s</li>",
                           dy_rp_quad_color[order[i]], dy_rp_quad_label[order[i]]);
    return ok && dy_buf_puts(b, "<li><i class=\"line\" style=\"background:#1d232b\"></i>mean "
                                "Goldstein (right axis, &minus;10 conflict to +10 cooperation)</li></ul>\n");
}

static bool ht_header(dy_buf *b, const dy_report *r)
{
    static const char *const byname[] = {"period", "day", "week", "month", "year"};
    bool ok = dy_buf_puts(b, "<header><h1>") && dy_html_escs(b, r->title) &&
              dy_buf_puts(b, "</h1><p class=\"sub\">") && dy_html_escs(b, r->scope);
    if (ok && r->from[0] && strcmp(r->from, r->to) == 0)
        ok = dy_buf_puts(b, " &middot; ") && dy_rp_date_human(b, r->from, false);
    else if (ok && r->from[0])
        ok = dy_buf_puts(b, " &middot; ") && dy_rp_date_human(b, r->from, false) &&
             dy_buf_puts(b, " to ") && dy_rp_date_human(b, r->to, false);
    ok = ok && dy_buf_printf(b, " &middot; by %s &middot; dyad %s</p></header>\n", byname[r->by >= DYAD_BY_NONE && r->by <= DYAD_BY_YEAR ? r->by : 0],
                             dyad_version());
    ok = ok && dy_buf_puts(b, "<div class=\"kpis\">") && ht_kpi_count(b, r->events, "events") &&
         ht_kpi_count(b, r->mentions_total, "mentions (sentences)") &&
         ht_kpi_count(b, r->actors_total, "actors") &&
         ht_kpi_count(b, r->edges_total, "directed dyads");
    char tmp[64];
    if (r->total.gn)
        snprintf(tmp, sizeof tmp, "%+.2f", r->total.gsum / (double)r->total.gn);
    else
        snprintf(tmp, sizeof tmp, "n/a");
    ok = ok && ht_kpi(b, tmp, "mean Goldstein");
    uint64_t conf = r->total.n[3] + r->total.n[4], all = dy_rp_tally_total(&r->total);
    snprintf(tmp, sizeof tmp, "%.0f%%", all ? 100.0 * (double)conf / (double)all : 0.0);
    ok = ok && ht_kpi(b, tmp, "conflict share") && dy_buf_puts(b, "</div>\n");
    for (size_t i = 0; i < r->nnotes && ok; i++)
        ok = dy_buf_puts(b, "<p class=\"note\"><b>") && dy_html_escs(b, r->notes[i].key) &&
             dy_buf_puts(b, "</b> ") && dy_html_escs(b, r->notes[i].value) && dy_buf_puts(b, "</p>\n");
    return ok && dy_buf_puts(b, "<div id=\"filter\" role=\"status\"><span>Showing only events "
                                "involving <b id=\"filter-what\"></b></span><button "
                                "id=\"filter-clear\" type=\"button\">Show everything</button></div>\n");
}

static bool ht_timecharts(dy_buf *b, const dy_report *r)
{
    bool ok = dy_buf_puts(b, "<section class=\"card\" id=\"timeline\"><h2>Events over time</h2>"
                             "<p class=\"lede\">Events per period, stacked by quad class. The black "
                             "line is the mean Goldstein score of the period's events: up is "
                             "cooperation, down is conflict.") &&
              (r->undated ? dy_buf_printf(b, " %" PRIu64 " events without a date are counted "
                                             "above but not drawn here.", r->undated)
                          : true) &&
              (r->nperiods == 1 ? dy_buf_puts(b, " All dated events fall in one period (") &&
                                      dy_rp_date_human(b, r->periods[0].label, false) &&
                                      dy_buf_puts(b, "); <code>--by day</code> or <code>--by week</code> "
                                                     "draws a finer axis.")
                                : true) &&
              dy_buf_puts(b, "</p>\n") && dy_svg_timeline(b, r) && ht_legend(b) &&
              dy_buf_puts(b, "</section>\n");
    ok = ok && dy_buf_puts(b, "<section class=\"card\" id=\"saydo\"><h2>Say and do</h2>"
                              "<p class=\"lede\">What actors said (verbal events, dashed) against "
                              "what they did (material events, solid). The shaded band is the "
                              "gap between words and deeds.</p><div class=\"row2\"><div>"
                              "<h3>Cooperation <span class=\"ratio\" id=\"sd-k-r\"></span></h3>\n") &&
         dy_svg_saydo(b, r, 0) &&
         dy_buf_puts(b, "<ul class=\"legend\"><li><i class=\"dash\" style=\"color:#2166ac\"></i>"
                        "said: verbal cooperation (quad 1)</li><li><i class=\"line\" "
                        "style=\"background:#2166ac\"></i>done: material cooperation (quad 2)</li>"
                        "</ul></div><div><h3>Conflict <span class=\"ratio\" id=\"sd-c-r\"></span>"
                        "</h3>\n") &&
         dy_svg_saydo(b, r, 1) &&
         dy_buf_puts(b, "<ul class=\"legend\"><li><i class=\"dash\" style=\"color:#b2182b\"></i>"
                        "said: verbal conflict (quad 3)</li><li><i class=\"line\" "
                        "style=\"background:#b2182b\"></i>done: material conflict (quad 4)</li>"
                        "</ul></div></div></section>\n");
    return ok;
}

static bool ht_network(dy_buf *b, dy_report *r)
{
    bool ok = dy_buf_puts(b, "<section class=\"card\" id=\"network\"><h2>Who acts on whom</h2>"
                             "<p class=\"lede\">") &&
              dy_buf_printf(b, "The %zu most active actors", r->nactors) &&
              (r->actors_total > r->nactors
                   ? dy_buf_printf(b, " (of %" PRIu64 ")", r->actors_total) : true) &&
              dy_buf_printf(b, " and the %zu busiest links between them. An arrow runs from "
                               "source to target; its width is the number of events, its colour "
                               "their mean Goldstein score. Click an actor to filter the whole "
                               "page; click again or press Escape to clear.</p>\n",
                            r->nedges) &&
              dy_buf_puts(b, "<div class=\"netrow\"><div>") && dy_svg_network(b, r) &&
              dy_buf_puts(b, "<div class=\"gscale\">conflict");
    for (int k = 0; k <= 10 && ok; k++) {
        char c[8];
        dy_svg_gcolor(-10 + 2 * k, c);
        ok = dy_buf_printf(b, "<span class=\"sw\" style=\"background:%s\" title=\"Goldstein %+d\">"
                              "</span>", c, -10 + 2 * k);
    }
    ok = ok && dy_buf_puts(b, "cooperation</div><p class=\"keynote\">Line colour: the mean Goldstein "
                              "score of the link's events. Line width: its number of events. Circle "
                              "size: the actor's events as source or target. Hover for the figures."
                              "</p></div><div><h3>Most frequent event types</h3>\n") &&
         dy_svg_codes(b, r) && dy_buf_puts(b, "</div></div></section>\n");
    return ok;
}

/* Every actor in an episode, each once and followed by a space, in order of appearance:
 * the page hides episodes that do not involve a clicked actor. */
static bool ht_ep_actors(dy_buf *b, const dy_report *r, const dy_rp_episode *ep)
{
    bool ok = true;
    for (size_t i = 0; i < ep->nstep * 2 && ok; i++) {
        const dy_rp_step *st = &r->steps[ep->step0 + i / 2];
        const char *a = i % 2 ? st->target : st->source;
        bool seen = !a[0];
        for (size_t j = 0; j < i && !seen; j++) {
            const dy_rp_step *sj = &r->steps[ep->step0 + j / 2];
            seen = strcmp(j % 2 ? sj->target : sj->source, a) == 0;
        }
        if (!seen)
            ok = dy_html_escs(b, a) && dy_buf_putc(b, ' ');
    }
    return ok;
}

static bool ht_episodes(dy_buf *b, const dy_report *r)
{
    bool ok = dy_buf_puts(b, "<section class=\"card\" id=\"episodes\"><h2>Crisis episodes</h2>"
                             "<p class=\"lede\">Hostage crises, each opened by a hostage taking "
                             "(CAMEO 181) and followed by the events that involve the takers or "
                             "the held: appeals for release (0253, 1053), negotiation (04), "
                             "release (0841) and force (18&ndash;20).</p>\n");
    if (r->nepisodes == 0)
        return ok && dy_buf_puts(b, "<p>No hostage taking (CAMEO 181) in scope.</p></section>\n");
    ok = ok && dy_buf_puts(b, "<div class=\"eps\">\n");
    for (size_t i = 0; i < r->nepisodes && ok; i++) {
        const dy_rp_episode *ep = &r->episodes[i];
        ok = dy_buf_puts(b, "<div class=\"episode\" data-a=\"") && dy_html_escs(b, ep->taker) &&
             dy_buf_puts(b, "\" data-b=\"") && dy_html_escs(b, ep->held) &&
             dy_buf_puts(b, "\" data-actors=\" ") && ht_ep_actors(b, r, ep) &&
             dy_buf_puts(b, "\"><h3>") && dy_html_escs(b, ep->taker) &&
             dy_buf_puts(b, " holds ") && dy_html_escs(b, ep->held[0] ? ep->held : "(unknown)") &&
             dy_buf_puts(b, "</h3><div class=\"meta\">") && dy_rp_date_human(b, ep->start, false) &&
             (strcmp(ep->start, ep->end) ? dy_buf_puts(b, " to ") && dy_rp_date_human(b, ep->end, false)
                                         : true) &&
             dy_buf_printf(b, " &middot; %zu events", ep->events) &&
             (ep->events > ep->nstep ? dy_buf_printf(b, " (the first %zu drawn)", ep->nstep) : true) &&
             dy_buf_puts(b, "</div>\n") &&
             dy_svg_episode(b, r, ep) && dy_buf_puts(b, "</div>\n");
    }
    return ok && dy_buf_puts(b, "</div><p id=\"ep-none\" hidden>No episode involves this actor.</p>"
                                "</section>\n");
}

static bool ht_table(dy_buf *b, const dy_report *r)
{
    bool ok = dy_buf_puts(b, "<section class=\"card\" id=\"table\"><h2>Events</h2><p class=\"lede\">");
    if (r->events > r->nrows)
        ok = ok && dy_buf_puts(b, "<b>The table holds the ") && ht_count(b, r->nrows) &&
             dy_buf_puts(b, " most recent of ") && ht_count(b, r->events) &&
             dy_buf_puts(b, " events</b> (the page would be too large with all of them); "
                            "every chart above counts all events exactly. ");
    ok = ok && dy_buf_puts(b, "Follow a row's mentions link to read the sentences it was coded "
                              "from, with the <mark class=\"hs\">source</mark>, "
                              "<mark class=\"ht\">target</mark> and <mark class=\"hv\">verb</mark> "
                              "marked.</p>\n<div class=\"tools\"><input id=\"q\" type=\"search\" "
                              "placeholder=\"Search actors, codes, dates, words\" "
                              "aria-label=\"Search the events\"><span class=\"count\" "
                              "id=\"rowcount\"></span></div>\n<div class=\"tablewrap\"><table "
                              "id=\"events\"><thead><tr><th>Date</th><th>Source</th><th>Event</th>"
                              "<th>Target</th><th>Class</th><th>Goldstein</th><th>Mentions</th>"
                              "</tr></thead><tbody>\n");
    for (size_t i = 0; i < r->nrows && ok; i++) {
        const dy_rp_row *w = &r->rows[i];
        int q = w->quad >= 0 && w->quad < DY_RP_NQUAD ? w->quad : 0;
        ok = dy_buf_puts(b, "<tr data-s=\"") && dy_html_escs(b, w->source) &&
             dy_buf_puts(b, "\" data-t=\"") && dy_html_escs(b, w->target) &&
             dy_buf_puts(b, "\"><td>") && dy_html_escs(b, w->date) &&
             dy_buf_puts(b, "</td><td>") && dy_html_escs(b, w->source) &&
             dy_buf_puts(b, "</td><td><b>") && dy_html_escs(b, w->code) &&
             dy_buf_puts(b, "</b> ") && dy_html_escs(b, w->verb_text) &&
             dy_buf_puts(b, "</td><td>") && dy_html_escs(b, w->target) &&
             dy_buf_printf(b, "</td><td><span class=\"qd\" style=\"background:%s\"></span>%s</td>",
                           dy_rp_quad_color[q], dy_rp_quad_label[q]) &&
             (isnan(w->goldstein) ? dy_buf_puts(b, "<td class=\"num\"></td>")
                                  : dy_buf_printf(b, "<td class=\"num\">%.1f</td>", w->goldstein)) &&
             dy_buf_printf(b, "<td class=\"num\"><a href=\"#m%zu\">%" PRIu64 "</a></td></tr>\n",
                           i, w->mentions_total);
    }
    ok = ok && dy_buf_puts(b, "</tbody></table></div>\n<div id=\"mentions\">\n");
    for (size_t i = 0; i < r->nrows && ok; i++) {
        const dy_rp_row *w = &r->rows[i];
        ok = dy_buf_printf(b, "<div class=\"mention\" id=\"m%zu\" role=\"dialog\" aria-label=\"mentions\">"
                              "<a class=\"close\" href=\"#table\">close</a><h3>", i) &&
             dy_html_escs(b, w->source) && dy_buf_puts(b, " \xE2\x86\x92 ") &&
             dy_html_escs(b, w->target) && dy_buf_puts(b, " &middot; ") &&
             dy_html_escs(b, w->code) && dy_buf_puts(b, " &middot; ") &&
             dy_html_escs(b, w->date) && dy_buf_puts(b, "</h3>\n");
        for (size_t k = 0; k < w->nmention && ok; k++) {
            const dy_rp_mention *m = &r->mentions[w->mention0 + k];
            ok = dy_buf_puts(b, "<p class=\"src\">") && dy_html_escs(b, m->doc) &&
                 dy_buf_printf(b, ", sentence %u</p><blockquote>", (unsigned)m->sentence + 1) &&
                 dy_html_spans(b, m->text, m->source_span, m->target_span, m->verb_span) &&
                 dy_buf_puts(b, "</blockquote>\n");
        }
        if (ok && w->mentions_total > w->nmention)
            ok = dy_buf_printf(b, "<p class=\"src\">and %" PRIu64 " more mentions, not embedded.</p>",
                               w->mentions_total - w->nmention);
        ok = ok && dy_buf_puts(b, "</div>\n");
    }
    return ok && dy_buf_puts(b, "</div></section>\n");
}

static bool ht_run_count(dy_buf *b, const dy_rp_run *run, int k)
{
    if (run->n[k] < 0)
        return dy_buf_printf(b, "<td class=\"num na\" data-c=\"%s\" title=\"not recorded\">&ndash;</td>",
                             dy_rp_run_count_col[k]);
    return dy_buf_printf(b, "<td class=\"num\" data-c=\"%s\">", dy_rp_run_count_col[k]) &&
           ht_count(b, (uint64_t)run->n[k]) && dy_buf_puts(b, "</td>");
}

static bool ht_or_unknown(dy_buf *b, const char *s)
{
    return s[0] ? dy_html_escs(b, s) : dy_buf_puts(b, "<i>not recorded</i>");
}

static bool ht_run(dy_buf *b, const dy_report *r, const dy_rp_run *run)
{
    bool ok = dy_buf_puts(b, "<tr><td><b>") && dy_html_escs(b, run->id[0] ? run->id : "?") &&
              dy_buf_puts(b, "</b><br>") && ht_or_unknown(b, run->started) &&
              (run->version[0] ? dy_buf_puts(b, "<br>dyad ") && dy_html_escs(b, run->version) : true) &&
              dy_buf_puts(b, "</td><td><b>") && ht_or_unknown(b, run->command) &&
              dy_buf_puts(b, "</b><br><span class=\"path\">") && ht_or_unknown(b, run->input) &&
              dy_buf_puts(b, "</span></td><td>");
    if (run->ndict) {
        ok = ok && dy_buf_puts(b, "<ul class=\"dicts\">");
        for (size_t i = 0; i < run->ndict && ok; i++) {
            const dy_rp_dict *d = &r->dicts[run->dict0 + i];
            ok = dy_buf_puts(b, "<li><span class=\"path\">") && ht_or_unknown(b, d->path) &&
                 dy_buf_puts(b, "</span>") &&
                 (d->kind[0] ? dy_buf_puts(b, " &middot; ") && dy_html_escs(b, d->kind) : true) &&
                 (d->entries >= 0 ? dy_buf_puts(b, " &middot; ") && ht_count(b, (uint64_t)d->entries) &&
                                        dy_buf_puts(b, " entries") : true) &&
                 (d->version[0] ? dy_buf_puts(b, " &middot; version ") && dy_html_escs(b, d->version) : true) &&
                 dy_buf_puts(b, "</li>");
        }
        ok = ok && dy_buf_puts(b, "</ul>");
    } else if (run->dicts_raw[0]) {
        ok = ok && dy_buf_puts(b, "<span class=\"path\">") && dy_html_escs(b, run->dicts_raw) &&
             dy_buf_puts(b, "</span>");
    } else {
        ok = ok && dy_buf_puts(b, "<i>none recorded</i>");
    }
    ok = ok && dy_buf_puts(b, "</td><td>Goldstein: ") && ht_or_unknown(b, run->scale) &&
         dy_buf_puts(b, "<br>quads: ") && ht_or_unknown(b, run->scheme) && dy_buf_puts(b, "</td>");
    for (int k = 0; k < DY_RUN_NCOUNT && ok; k++)
        ok = ht_run_count(b, run, k);
    return ok && dy_buf_puts(b, "</tr>\n");
}

static bool ht_prov(dy_buf *b, const dy_report *r)
{
    bool ok = dy_buf_puts(b, "<section class=\"card\" id=\"provenance\"><h2>How these events were "
                             "coded</h2>\n");
    if (r->runs_state == DY_RUNS_SOME) {
        ok = ok && dy_buf_puts(b, "<p class=\"lede\">Every <code>dyad code --db</code> and "
                                  "<code>dyad load</code> that wrote to this store, as the store "
                                  "recorded it") &&
             (r->runs_total > r->nruns
                  ? dy_buf_printf(b, " (the newest %zu of %" PRIu64 " runs)", r->nruns, r->runs_total)
                  : true) &&
             dy_buf_puts(b, ". Records read = coded + rejected; mentions are the events each "
                            "run stored, before merging.</p>\n<div class=\"tablewrap\"><table "
                            "id=\"runs\"><thead><tr><th rowspan=\"2\">Run</th><th rowspan=\"2\">"
                            "Command and input</th><th rowspan=\"2\">Dictionaries</th><th "
                            "rowspan=\"2\">Scale and scheme</th><th colspan=\"3\" class=\"grp\">"
                            "Records</th><th rowspan=\"2\" class=\"num\">Sentences</th><th "
                            "colspan=\"4\" class=\"grp\">Mentions</th></tr><tr><th class=\"num\">"
                            "read</th><th class=\"num\">coded</th><th class=\"num\">rejected</th>"
                            "<th class=\"num\">read</th><th class=\"num\">stored</th><th "
                            "class=\"num\">duplicate</th><th class=\"num\">rejected</th></tr>"
                            "</thead><tbody>\n");
        for (size_t i = 0; i < r->nruns && ok; i++)
            ok = ht_run(b, r, &r->runs[i]);
        ok = ok && dy_buf_puts(b, "</tbody></table></div>\n");
    } else {
        ok = ok && dy_buf_puts(b, "<p class=\"empty\" id=\"no-provenance\"><b>No provenance "
                                  "recorded.</b> ") &&
             dy_buf_puts(b, r->runs_state == DY_RUNS_EMPTY
                                ? "This store keeps a record of its runs, but none is in it: its "
                                  "events were written before dyad kept one. "
                                : "This store was written before dyad recorded its runs. ") &&
             dy_buf_puts(b, "The dictionaries and their versions, the Goldstein scale, the quad "
                            "scheme and the counts read, coded and rejected are unknown; coding or "
                            "loading with this version of dyad records them.</p>\n");
    }
    ok = ok && dy_buf_puts(b, "<h3>The store</h3><dl class=\"prov\">\n");
    for (size_t i = 0; i < r->nprov && ok; i++)
        ok = dy_buf_puts(b, "<dt>") && dy_html_escs(b, r->prov[i].key) &&
             dy_buf_puts(b, "</dt><dd>") && dy_html_escs(b, r->prov[i].value) &&
             dy_buf_puts(b, "</dd>\n");
    return ok && dy_buf_puts(b, "</dl></section>\n");
}

static bool ht_tally_json(dy_buf *b, const dy_rp_tally *t)
{
    return dy_buf_printf(b, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%.10g,%" PRIu64,
                         t->n[0], t->n[1], t->n[2], t->n[3], t->n[4], t->gsum, t->gn);
}

/* The aggregates the script needs to redraw after a click. */
static bool ht_data(dy_buf *b, const dy_report *r)
{
    bool ok = dy_buf_puts(b, "<script type=\"application/json\" id=\"dyad-data\">{\"periods\":[");
    for (size_t i = 0; i < r->nperiods && ok; i++)
        ok = (i == 0 || dy_buf_putc(b, ',')) && dy_json_str(b, r->periods[i].label);
    ok = ok && dy_buf_puts(b, "],\n\"total\":[");
    for (size_t i = 0; i < r->nperiods && ok; i++)
        ok = dy_buf_puts(b, i ? ",[" : "[") && ht_tally_json(b, &r->periods[i].t) && dy_buf_putc(b, ']');
    ok = ok && dy_buf_puts(b, "],\n\"nodes\":[");
    for (size_t i = 0; i < r->nactors && ok; i++)
        ok = dy_buf_puts(b, i ? ",[" : "[") && dy_json_str(b, r->actors[i].code) &&
             dy_buf_printf(b, ",%" PRIu64 ",%" PRIu64 "]", r->actors[i].involved, r->actors[i].dated);
    ok = ok && dy_buf_puts(b, "],\n\"cells\":[");
    for (size_t i = 0; i < r->ncells && ok; i++)
        ok = dy_buf_printf(b, "%s[%u,%u,", i ? ",\n" : "", r->cells[i].node, r->cells[i].period) &&
             ht_tally_json(b, &r->cells[i].t) && dy_buf_putc(b, ']');
    ok = ok && dy_buf_puts(b, "],\n\"codes\":[");
    for (size_t i = 0; i < r->ncodes && ok; i++) {
        const dy_rp_code *c = &r->codes[i];
        ok = dy_buf_printf(b, "%s[%d,", i ? "," : "", c->node == UINT32_MAX ? -1 : (int)c->node) &&
             dy_json_str(b, c->code) && dy_buf_printf(b, ",%d,%" PRIu64 "]", c->quad, c->n);
    }
    ok = ok && dy_buf_puts(b, "],\n\"names\":{");
    bool first = true;
    for (size_t i = 0; i < r->ncodes && ok; i++) {
        const dy_rp_code *c = &r->codes[i];
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(r->codes[j].code, c->code) == 0;
        if (seen || !c->name[0])
            continue;
        ok = (first || dy_buf_putc(b, ',')) && dy_json_str(b, c->code) && dy_buf_putc(b, ':') &&
             dy_json_str(b, c->name);
        first = false;
    }
    return ok && dy_buf_puts(b, "}}</script>\n");
}

int dy_report_render(dy_report *r, FILE *out, dyad_error *err)
{
    dy_buf b = {0};
    int rc = DYAD_OK;
    bool ok = dy_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                              "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                              "img-src data:\">"
                              "<meta name=\"generator\" content=\"dyad ") &&
              dy_buf_puts(&b, dyad_version()) && dy_buf_puts(&b, "\"><title>") &&
              dy_html_escs(&b, r->title) && dy_buf_puts(&b, "</title>\n<style>\n") &&
              dy_buf_put(&b, dy_report_css, dy_report_css_len) &&
              dy_buf_puts(&b, "</style></head>\n<body>\n") && ht_header(&b, r) &&
              ht_timecharts(&b, r) && ht_network(&b, r) && ht_episodes(&b, r) &&
              ht_table(&b, r) && ht_prov(&b, r) &&
              dy_buf_puts(&b, "<footer>Made by dyad ") && dy_buf_puts(&b, dyad_version()) &&
              dy_buf_puts(&b, ". Every chart is SVG drawn by dyad from aggregates computed in the "
                              "store; the page loads nothing from the network.</footer>\n") &&
              ht_data(&b, r) && dy_buf_puts(&b, "<script>\n") &&
              dy_buf_put(&b, dy_report_js, dy_report_js_len) &&
              dy_buf_puts(&b, "</script>\n</body></html>\n");
    if (!ok) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory while rendering the report", NULL, 0, 0,
                     NULL, 0);
        goto done;
    }
    if (fwrite(b.p, 1, b.n, out) != b.n || fflush(out) != 0)
        rc = dy_fail(err, DYAD_E_IO, "could not write the report", NULL, 0, 0, NULL, 0);
done:
    dy_buf_free(&b);
    return rc;
}
