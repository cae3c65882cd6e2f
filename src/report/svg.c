/* svg.c — the charts, drawn by dyad itself as SVG.
 *
 * Every coordinate is printed with one decimal, every loop runs in the
 * report's array order, and the network is a ring in actor-code order: the
 * same aggregates give the same bytes. Elements the page script updates
 * after a click carry data-* attributes naming what they show (period p,
 * quad q, node i).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "report/report.h"

/* Blue for cooperation, red/orange for conflict (ColorBrewer RdBu: safe for
 * the common colour-vision deficiencies); verbal is the lighter shade. */
const char *const dy_rp_quad_color[DY_RP_NQUAD] = {"#9a9a9a", "#92c5de", "#2166ac", "#f4a582",
                                                   "#b2182b"};
const char *const dy_rp_quad_label[DY_RP_NQUAD] = {"unclassified", "verbal cooperation",
                                                   "material cooperation", "verbal conflict",
                                                   "material conflict"};
const char *const dy_rp_stage_label[DY_EP_NSTAGE] = {"taken", "appeal", "negotiate",
                                                     "release", "force"};
/* one hue per stage, far apart: taken red, appeal orange, negotiate blue,
 * release green, force near-black purple */
static const char *const sv_stage_color[DY_EP_NSTAGE] = {"#c2182b", "#e08214", "#2c7bb6",
                                                         "#1b7837", "#3f007d"};
/* stacking order, bottom to top: cooperation under conflict */
#define SV_PI 3.14159265358979323846

static const int sv_stack[DY_RP_NQUAD] = {2, 1, 3, 4, 0};

double dy_svg_nice(double v)
{
    if (!(v > 0))
        return 1;
    double p = pow(10, floor(log10(v)));
    static const double m[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (m[i] * p >= v * (1 - 1e-12))
            return m[i] * p;
    return 10 * p;
}

/* Axis step for 4 intervals covering v; integer counts never get fractional ticks. */
static double sv_step(double v)
{
    double s = dy_svg_nice(v / 4);
    return s < 1 ? 1 : ceil(s); /* 2.5 becomes 3 */
}

void dy_svg_gcolor(double g, char out[8])
{
    /* 11 classes from -10 to +10 (RdBu), so legend and edges agree exactly;
     * the three palest classes are deepened so a thin line on white still shows */
    static const char *const pal[11] = {"#67001f", "#b2182b", "#d6604d", "#f4a582", "#e9a98f",
                                        "#9a9a9a", "#8fb9d6", "#92c5de", "#4393c3", "#2166ac",
                                        "#053061"};
    int k = isnan(g) ? 5 : (int)lround((g + 10) / 2);
    if (k < 0)
        k = 0;
    if (k > 10)
        k = 10;
    memcpy(out, pal[k], 8);
}

static double sv_mean(const dy_rp_tally *t) { return t->gn ? t->gsum / (double)t->gn : NAN; }

static bool sv_fmt_count(dy_buf *b, double v)
{
    if (v >= 1e6 && fmod(v, 1e5) == 0)
        return dy_buf_printf(b, "%gM", v / 1e6);
    if (v >= 1e4 && fmod(v, 1e3) == 0)
        return dy_buf_printf(b, "%gk", v / 1e3);
    return dy_buf_printf(b, "%g", v);
}

static const char *sv_period_word(dyad_period by)
{
    switch (by) {
    case DYAD_BY_DAY: return "day";
    case DYAD_BY_WEEK: return "week";
    case DYAD_BY_YEAR: return "year";
    default: return "month";
    }
}

static const char *const sv_month[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "2017-08" -> "Aug 2017", "2017-08-06" -> "6 Aug 2017", "2017" stays; anything
 * else is written as it is (escaped). With `year_only`, a month is its year. */
bool dy_rp_date_human(dy_buf *b, const char *s, bool year_only)
{
    size_t n = s ? strlen(s) : 0;
    bool digits = n >= 4;
    for (size_t i = 0; i < n && digits; i++)
        digits = (i == 4 || i == 7) ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9');
    int m = n >= 7 && digits ? (s[5] - '0') * 10 + (s[6] - '0') : 0;
    if (!digits || (n != 4 && n != 7 && n != 10) || (n > 4 && (m < 1 || m > 12)))
        return dy_html_escs(b, s);
    if (n == 4 || year_only)
        return dy_buf_put(b, s, 4);
    if (n == 7)
        return dy_buf_printf(b, "%s %.4s", sv_month[m - 1], s);
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return dy_buf_printf(b, "%d %s %.4s", d, sv_month[m - 1], s);
}

/* Period labels under a time axis: about `want` of them. Months are labelled
 * on round months (every 1, 2, 3, 6 months or 1, 2, 5, 10... years, counted
 * from January), other periods every k-th. */
static bool sv_xlabels(dy_buf *b, const dy_report *r, size_t want, double x0, double slot, double y)
{
    size_t np = r->nperiods;
    static const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    int mstep = 0;
    if (np && r->by == DYAD_BY_MONTH && strlen(r->periods[0].label) == 7)
        for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !mstep; i++)
            if ((double)np / steps[i] <= (double)want)
                mstep = steps[i];
    size_t every = (np + want - 1) / (want ? want : 1);
    every = every ? every : 1;
    bool ok = true;
    for (size_t i = 0; i < np && ok; i++) {
        const char *l = r->periods[i].label;
        if (mstep) {
            int idx = atoi(l) * 12 + atoi(l + 5) - 1;
            if (idx % mstep != 0 && !(np == 1))
                continue;
        } else if (i % every != 0) {
            continue;
        }
        ok = dy_buf_printf(b, "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                           x0 + slot * ((double)i + 0.5), y) &&
             dy_rp_date_human(b, l, mstep >= 12) && dy_buf_puts(b, "</text>");
    }
    return ok;
}

/* A line of grey text in the middle of an empty chart. */
static bool sv_empty(dy_buf *b, double x, double y, const char *msg)
{
    return dy_buf_printf(b, "<text class=\"empty\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                         x, y, msg);
}

/* ---- timeline: stacked bars per period, Goldstein mean as a line ---- */

#define TL_W 1100.0
#define TL_H 300.0
#define TL_L 56.0
#define TL_R 52.0
#define TL_T 26.0
#define TL_B 34.0

bool dy_svg_timeline(dy_buf *b, const dy_report *r)
{
    size_t np = r->nperiods;
    double pw = TL_W - TL_L - TL_R, ph = TL_H - TL_T - TL_B;
    double maxv = 0;
    for (size_t i = 0; i < np; i++)
        if ((double)dy_rp_tally_total(&r->periods[i].t) > maxv)
            maxv = (double)dy_rp_tally_total(&r->periods[i].t);
    double step = sv_step(maxv), ymax = 4 * step;
    double slot = np ? pw / (double)np : pw, bw = slot * 0.8;
    if (bw > 40)
        bw = 40;
    bool ok = dy_buf_printf(b,
                            "<svg id=\"tl\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                            "aria-labelledby=\"tl-t\" data-base=\"%.1f\" data-ph=\"%.1f\" "
                            "data-l=\"%.1f\" data-slot=\"%.4f\" data-t=\"%.1f\"><title id=\"tl-t\">"
                            "Events per period by quad class, with the mean Goldstein score</title>\n",
                            TL_W, TL_H, TL_T + ph, ph, TL_L, slot, TL_T);
    /* gridlines and both axes */
    for (int k = 0; k <= 4 && ok; k++) {
        double y = TL_T + ph - ph * k / 4.0;
        ok = dy_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
                           TL_L, TL_L + pw, y, y) &&
             dy_buf_printf(b, "<text class=\"ax tl-y\" data-k=\"%d\" x=\"%.1f\" y=\"%.1f\" "
                              "text-anchor=\"end\">", k, TL_L - 8, y + 4) &&
             sv_fmt_count(b, step * k) && dy_buf_puts(b, "</text>") &&
             dy_buf_printf(b, "<text class=\"ax g\" x=\"%.1f\" y=\"%.1f\">%+d</text>\n",
                           TL_L + pw + 8, y + 4, -10 + 5 * k);
    }
    ok = ok && dy_buf_printf(b, "<text class=\"axt\" x=\"%.1f\" y=\"12\" text-anchor=\"start\">events per %s</text>"
                                "<text class=\"axt g\" x=\"%.1f\" y=\"12\" text-anchor=\"end\">mean Goldstein</text>\n",
                             4.0, sv_period_word(r->by), TL_W - 2);
    if (ok && np == 0)
        ok = sv_empty(b, TL_L + pw / 2, TL_T + ph / 2, "No dated events in scope");
    for (size_t i = 0; i < np && ok; i++) {
        const dy_rp_period *p = &r->periods[i];
        double x = TL_L + slot * (double)i + (slot - bw) / 2, y = TL_T + ph;
        for (int s = 0; s < DY_RP_NQUAD && ok; s++) {
            int q = sv_stack[s];
            double h = ymax > 0 ? ph * (double)p->t.n[q] / ymax : 0;
            y -= h;
            ok = dy_buf_printf(b, "<rect class=\"q%d\" data-p=\"%zu\" data-q=\"%d\" x=\"%.1f\" y=\"%.1f\" "
                                  "width=\"%.1f\" height=\"%.1f\"><title>",
                               q, i, q, x, y, bw, h) &&
                 dy_rp_date_human(b, p->label, false) &&
                 dy_buf_printf(b, ": %" PRIu64 " %s</title></rect>", p->t.n[q], dy_rp_quad_label[q]);
        }
        ok = ok && dy_buf_putc(b, '\n');
    }
    /* Goldstein mean: -10..+10 over the plot height, broken where a period has none */
    ok = ok && dy_buf_puts(b, "<line class=\"zero\" ") &&
         dy_buf_printf(b, "x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", TL_L, TL_L + pw,
                       TL_T + ph / 2, TL_T + ph / 2) &&
         dy_buf_puts(b, "<path id=\"tl-g\" class=\"gline\" d=\"");
    bool pen = false;
    for (size_t i = 0; i < np && ok; i++) {
        double g = sv_mean(&r->periods[i].t);
        if (isnan(g)) {
            pen = false;
            continue;
        }
        double x = TL_L + slot * ((double)i + 0.5), y = TL_T + ph * (10 - g) / 20;
        ok = dy_buf_printf(b, "%c%.1f %.1f", pen ? 'L' : 'M', x, y);
        pen = true;
    }
    ok = ok && dy_buf_puts(b, "\"/>\n<g id=\"tl-gd\">");
    /* a dot per period, so a lone period or an isolated one still shows its mean */
    for (size_t i = 0; i < np && ok && np <= 120; i++) {
        double g = sv_mean(&r->periods[i].t);
        if (isnan(g))
            continue;
        ok = dy_buf_printf(b, "<circle data-p=\"%zu\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>", i,
                           TL_L + slot * ((double)i + 0.5), TL_T + ph * (10 - g) / 20) &&
             dy_rp_date_human(b, r->periods[i].label, false) &&
             dy_buf_printf(b, ": mean Goldstein %+.1f</title></circle>", g);
    }
    ok = ok && dy_buf_puts(b, "</g>\n") && sv_xlabels(b, r, 12, TL_L, slot, TL_H - 12);
    return ok && dy_buf_puts(b, "\n</svg>\n");
}

/* ---- say/do: verbal against material, for cooperation or conflict ---- */

#define SD_W 540.0
#define SD_H 240.0
#define SD_L 50.0
#define SD_R 14.0
#define SD_T 24.0
#define SD_B 30.0

bool dy_svg_saydo(dy_buf *b, const dy_report *r, int conflict)
{
    size_t np = r->nperiods;
    int qs = conflict ? 3 : 1, qd = conflict ? 4 : 2;
    const char *col = conflict ? "#b2182b" : "#2166ac";
    double pw = SD_W - SD_L - SD_R, ph = SD_H - SD_T - SD_B, maxv = 0;
    for (size_t i = 0; i < np; i++) {
        if ((double)r->periods[i].t.n[qs] > maxv)
            maxv = (double)r->periods[i].t.n[qs];
        if ((double)r->periods[i].t.n[qd] > maxv)
            maxv = (double)r->periods[i].t.n[qd];
    }
    double step = sv_step(maxv), ymax = 4 * step;
    double slot = np ? pw / (double)np : pw;
    const char *id = conflict ? "sd-c" : "sd-k";
    bool ok = dy_buf_printf(b,
                            "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                            "aria-label=\"%s: said (verbal) against done (material) per period\" "
                            "data-base=\"%.1f\" data-ph=\"%.1f\" data-l=\"%.1f\" data-slot=\"%.4f\">\n",
                            id, SD_W, SD_H, conflict ? "Conflict" : "Cooperation", SD_T + ph, ph,
                            SD_L, slot) &&
              dy_buf_printf(b, "<text class=\"axt\" x=\"4\" y=\"12\">events per %s</text>\n",
                            sv_period_word(r->by));
    for (int k = 0; k <= 4 && ok; k++) {
        double y = SD_T + ph - ph * k / 4.0;
        ok = dy_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                              "<text class=\"ax %s-y\" data-k=\"%d\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                           SD_L, SD_L + pw, y, y, id, k, SD_L - 6, y + 4) &&
             sv_fmt_count(b, step * k) && dy_buf_puts(b, "</text>\n");
    }
    if (ok && np == 0)
        ok = sv_empty(b, SD_L + pw / 2, SD_T + ph / 2, "No dated events in scope");
    /* the gap between the lines is shaded; "done" solid, "said" dashed */
    for (int pass = 0; pass < 3 && ok; pass++) {
        if (pass == 0)
            ok = dy_buf_printf(b, "<path id=\"%s-a\" class=\"gap\" fill=\"%s\" d=\"", id, col);
        else
            ok = dy_buf_printf(b, "<path id=\"%s-%c\" class=\"%s\" stroke=\"%s\" d=\"", id,
                               pass == 1 ? 's' : 'd', pass == 1 ? "say" : "do", col);
        for (size_t i = 0; i < np && ok; i++) {
            double x = SD_L + slot * ((double)i + 0.5);
            int q = pass == 2 ? qd : qs;
            double y = SD_T + ph - ph * (double)r->periods[i].t.n[q] / ymax;
            ok = dy_buf_printf(b, "%c%.1f %.1f", i ? 'L' : 'M', x, y);
        }
        if (pass == 0) /* back along the "done" line closes the band */
            for (size_t i = np; i-- > 0 && ok;) {
                double x = SD_L + slot * ((double)i + 0.5);
                double y = SD_T + ph - ph * (double)r->periods[i].t.n[qd] / ymax;
                ok = dy_buf_printf(b, "L%.1f %.1f", x, y);
            }
        ok = ok && dy_buf_puts(b, pass == 0 && np ? "Z\"/>\n" : "\"/>\n");
    }
    /* dots on both lines while periods are few enough to tell apart (and so a
     * single period shows at all): hollow for said, filled for done */
    ok = ok && dy_buf_printf(b, "<g id=\"%s-pts\">", id);
    for (size_t i = 0; i < np && np <= 60 && ok; i++)
        for (int pass = 0; pass < 2 && ok; pass++) {
            int q = pass ? qd : qs;
            uint64_t v = r->periods[i].t.n[q];
            ok = dy_buf_printf(b, "<circle data-p=\"%zu\" data-q=\"%d\" class=\"%s\" stroke=\"%s\" "
                                  "fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\"><title>",
                               i, q, pass ? "dot-do" : "dot-say", col, pass ? col : "#fff",
                               SD_L + slot * ((double)i + 0.5), SD_T + ph - ph * (double)v / ymax) &&
                 dy_rp_date_human(b, r->periods[i].label, false) &&
                 dy_buf_printf(b, ": %" PRIu64 " %s</title></circle>", v, dy_rp_quad_label[q]);
        }
    ok = ok && dy_buf_puts(b, "</g>\n") && sv_xlabels(b, r, 6, SD_L, slot, SD_H - 10);
    return ok && dy_buf_puts(b, "\n</svg>\n");
}

static bool sv_clip(dy_buf *b, const char *s, size_t max);

/* ---- actor network ---- */

#define NW_W 680.0
#define NW_H 560.0
#define NW_RING 205.0 /* radius of the ring; labels sit outside it */
#define NW_LABEL 12   /* characters of an actor code shown; the whole code in the tooltip */

static int nw_code_cmp(const void *a, const void *b)
{
    const dy_rp_actor *const *x = a, *const *y = b;
    return strcmp((*x)->code, (*y)->code);
}

/* A ring in actor-code order: an actor's agents sit together (RUS, RUSGOV,
 * RUSMIL), every label has room, nothing overlaps however dense the links,
 * and the drawing depends on nothing but the set of actors. */
static void nw_layout(dy_report *r)
{
    size_t n = r->nactors;
    const dy_rp_actor **order = n ? calloc(n, sizeof *order) : NULL;
    for (size_t i = 0; i < n && order; i++)
        order[i] = &r->actors[i];
    if (order)
        qsort(order, n, sizeof *order, nw_code_cmp);
    for (size_t k = 0; k < n; k++) {
        /* without memory for the sort, the ring keeps activity order */
        size_t i = order ? (size_t)(order[k] - r->actors) : k;
        double a = 2 * SV_PI * (double)k / (double)n - SV_PI / 2;
        r->actors[i].x = NW_W / 2 + NW_RING * cos(a);
        r->actors[i].y = NW_H / 2 + NW_RING * sin(a);
    }
    free(order);
}

static double nw_radius(const dy_rp_actor *a, double maxn)
{
    double v = (double)(a->as_source + a->as_target);
    return 4 + 13 * sqrt(maxn > 0 ? v / maxn : 0);
}

bool dy_svg_network(dy_buf *b, dy_report *r)
{
    nw_layout(r);
    const double cx = NW_W / 2, cy = NW_H / 2;
    double maxc = 1, maxn = 1;
    for (size_t e = 0; e < r->nedges; e++)
        if ((double)dy_rp_tally_total(&r->edges[e].t) > maxc)
            maxc = (double)dy_rp_tally_total(&r->edges[e].t);
    for (size_t i = 0; i < r->nactors; i++)
        if ((double)(r->actors[i].as_source + r->actors[i].as_target) > maxn)
            maxn = (double)(r->actors[i].as_source + r->actors[i].as_target);
    bool ok = dy_buf_printf(b,
                            "<svg id=\"nw\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                            "aria-label=\"Actor network: who acts on whom\">\n<defs>",
                            NW_W, NW_H);
    for (int k = 0; k <= 10 && ok; k++) {
        char c[8];
        dy_svg_gcolor(-10 + 2 * k, c);
        /* one size whatever the line's width: a busy link must not grow a huge head */
        ok = dy_buf_printf(b, "<marker id=\"ah%d\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                              "markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" "
                              "orient=\"auto-start-reverse\"><path d=\"M0 1L10 5L0 9z\" fill=\"%s\"/></marker>",
                           k, c);
    }
    ok = ok && dy_buf_puts(b, "</defs>\n<g class=\"edges\">\n");
    if (ok && r->nactors == 0)
        ok = sv_empty(b, cx, cy, "No actors in scope");
    /* widths grow with the square root of the count, against at least 8 events,
     * so a handful of single events are thin lines, not the heaviest strokes */
    double wref = maxc > 8 ? maxc : 8;
    /* thin edges first, so the busy ones are drawn on top */
    for (size_t e = r->nedges; e-- > 0 && ok;) {
        const dy_rp_edge *ed = &r->edges[e];
        const dy_rp_actor *s = &r->actors[ed->src], *t = &r->actors[ed->tgt];
        double cnt = (double)dy_rp_tally_total(&ed->t), g = sv_mean(&ed->t);
        double w = 1.2 + 6.8 * sqrt(cnt / wref), op = 0.45 + 0.5 * sqrt(cnt / wref);
        char c[8];
        dy_svg_gcolor(g, c);
        int bucket = isnan(g) ? 5 : (int)lround((g + 10) / 2);
        bucket = bucket < 0 ? 0 : bucket > 10 ? 10 : bucket;
        ok = dy_buf_printf(b, "<path class=\"edge\" data-s=\"%u\" data-t=\"%u\" stroke=\"%s\" "
                              "stroke-width=\"%.1f\" stroke-opacity=\"%.2f\" marker-end=\"url(#ah%d)\" d=\"",
                           ed->src, ed->tgt, c, w, op, bucket);
        double rs = nw_radius(s, maxn);
        if (ok && ed->src == ed->tgt) { /* a self-loop outside the ring */
            double ox = (s->x - cx) / NW_RING, oy = (s->y - cy) / NW_RING; /* outward unit */
            double px = -oy, py = ox, l = rs + 26;
            ok = dy_buf_printf(b, "M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f",
                               s->x + (ox + px * 0.6) * rs, s->y + (oy + py * 0.6) * rs,
                               s->x + ox * l + px * 18, s->y + oy * l + py * 18,
                               s->x + ox * l - px * 18, s->y + oy * l - py * 18,
                               s->x + (ox - px * 0.6) * (rs + 3), s->y + (oy - py * 0.6) * (rs + 3));
        } else if (ok) {
            /* through the interior: the control point is pulled to the centre, and
             * shifted to the right of travel so A->B and B->A part; the path
             * stops at the target's rim so the arrowhead shows */
            double ex = t->x - s->x, ey = t->y - s->y, d = sqrt(ex * ex + ey * ey);
            if (d < 1e-6)
                d = 1e-6;
            double ux = ex / d, uy = ey / d;
            double mx = (s->x + t->x) / 2, my = (s->y + t->y) / 2;
            double qx = mx + (cx - mx) * 0.55 - uy * d * 0.08, qy = my + (cy - my) * 0.55 + ux * d * 0.08;
            double ax = qx - s->x, ay = qy - s->y, al = sqrt(ax * ax + ay * ay);
            double bx = qx - t->x, by = qy - t->y, bl = sqrt(bx * bx + by * by);
            double rt = nw_radius(t, maxn) + 2;
            if (al < 1e-6) al = 1e-6;
            if (bl < 1e-6) bl = 1e-6;
            ok = dy_buf_printf(b, "M%.1f %.1fQ%.1f %.1f %.1f %.1f", s->x + ax / al * rs,
                               s->y + ay / al * rs, qx, qy, t->x + bx / bl * rt, t->y + by / bl * rt);
        }
        ok = ok && dy_buf_puts(b, "\"><title>") && dy_html_escs(b, s->code) &&
             dy_buf_puts(b, " \xE2\x86\x92 ") && dy_html_escs(b, t->code) &&
             dy_buf_printf(b, ": %.0f events", cnt) &&
             (isnan(g) ? dy_buf_puts(b, "") : dy_buf_printf(b, ", mean Goldstein %.1f", g)) &&
             dy_buf_puts(b, "</title></path>\n");
    }
    ok = ok && dy_buf_puts(b, "</g>\n<g class=\"nodes\">\n");
    for (size_t i = 0; i < r->nactors && ok; i++) {
        const dy_rp_actor *a = &r->actors[i];
        double rr = nw_radius(a, maxn);
        double ox = (a->x - cx) / NW_RING, oy = (a->y - cy) / NW_RING;
        /* labels point away from the ring: left half anchors at the end */
        const char *anchor = ox > 0.2 ? "start" : ox < -0.2 ? "end" : "middle";
        double lx = a->x + ox * (rr + 5), ly = a->y + oy * (rr + 5) + 4 + (fabs(ox) <= 0.2 ? oy * 6 : 0);
        ok = dy_buf_printf(b, "<g class=\"node\" data-i=\"%zu\" tabindex=\"0\" role=\"button\" "
                              "aria-label=\"filter by ",
                           i) &&
             dy_html_escs(b, a->code) &&
             dy_buf_printf(b, "\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>"
                              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
                           a->x, a->y, rr, lx, ly, anchor) &&
             sv_clip(b, a->code, NW_LABEL) && dy_buf_puts(b, "</text><title>") &&
             dy_html_escs(b, a->code) &&
             dy_buf_printf(b, ": %" PRIu64 " events as source, %" PRIu64
                              " as target. Click to filter.</title></g>\n",
                           a->as_source, a->as_target);
    }
    return ok && dy_buf_puts(b, "</g>\n</svg>\n");
}

/* ---- top event types: horizontal bars ---- */

#define CD_W 460.0
#define CD_BAR 250.0 /* where the bars start */
#define CD_NAME 30    /* characters of a code name shown; the rest in a tooltip */
#define CD_ROW 25.0

/* Escape at most `max` characters of s, with an ellipsis when cut. */
static bool sv_clip(dy_buf *b, const char *s, size_t max)
{
    size_t n = 0, chars = 0, len = strlen(s);
    while (n < len && chars < max) {
        n++;
        while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    return dy_html_esc(b, s, n) && (n == len || dy_buf_puts(b, "\xE2\x80\xA6"));
}

bool dy_svg_codes(dy_buf *b, const dy_report *r)
{
    size_t n = 0;
    uint64_t maxv = 1;
    for (size_t i = 0; i < r->ncodes; i++)
        if (r->codes[i].node == UINT32_MAX) {
            n++;
            if (r->codes[i].n > maxv)
                maxv = r->codes[i].n;
        }
    double h = 8 + CD_ROW * (double)(n ? n : 1);
    bool ok = dy_buf_printf(b,
                            "<svg id=\"cd\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                            "aria-label=\"Most frequent event types\">\n",
                            CD_W, h);
    if (ok && n == 0)
        ok = sv_empty(b, CD_W / 2, 20, "No events in scope");
    size_t row = 0;
    for (size_t i = 0; i < r->ncodes && ok; i++) {
        const dy_rp_code *c = &r->codes[i];
        if (c->node != UINT32_MAX)
            continue;
        double y = 4 + CD_ROW * (double)row++;
        double w = (CD_W - CD_BAR - 44) * (double)c->n / (double)maxv;
        int q = c->quad >= 0 && c->quad < DY_RP_NQUAD ? c->quad : 0;
        ok = dy_buf_printf(b, "<text class=\"code\" x=\"0\" y=\"%.1f\">", y + 16) &&
             dy_html_escs(b, c->code) &&
             dy_buf_printf(b, "</text><text class=\"cname\" x=\"42\" y=\"%.1f\">", y + 16) &&
             sv_clip(b, c->name, CD_NAME) && dy_buf_puts(b, "<title>") && dy_html_escs(b, c->name) &&
             dy_buf_printf(b, "</title></text><rect class=\"q%d\" x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" "
                              "height=\"16\"/><text class=\"ax\" x=\"%.1f\" y=\"%.1f\">%" PRIu64
                              "</text>\n",
                           q, CD_BAR, y + 4, w, CD_BAR + 4 + w, y + 16, c->n);
    }
    return ok && dy_buf_puts(b, "</svg>\n");
}

/* ---- one crisis episode: stages over days ---- */

#define EP_W 380.0
#define EP_H 156.0
#define EP_L 70.0
#define EP_R 14.0
#define EP_T 10.0
#define EP_B 32.0

/* One lane per stage, one dot per day and stage (its area grows with the
 * events that day), a few day ticks, and the calendar dates at both ends. */
bool dy_svg_episode(dy_buf *b, const dy_report *r, const dy_rp_episode *ep)
{
    double pw = EP_W - EP_L - EP_R, ph = EP_H - EP_T - EP_B, lane = ph / DY_EP_NSTAGE;
    int32_t span = 0;
    for (size_t i = 0; i < ep->nstep; i++)
        if (r->steps[ep->step0 + i].day > span)
            span = r->steps[ep->step0 + i].day;
    double scale = span > 0 ? pw / span : 0, x0 = span > 0 ? EP_L : EP_L + pw / 2;
    bool ok = dy_buf_printf(b, "<svg class=\"chart ep\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                               "aria-label=\"Sequence of the episode by stage and day\">\n",
                            EP_W, EP_H);
    for (int s = 0; s < DY_EP_NSTAGE && ok; s++) {
        double y = EP_T + lane * (s + 0.5);
        ok = dy_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                              "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" style=\"fill:%s\">%s</text>\n",
                           EP_L, EP_L + pw, y, y, EP_L - 6, y + 4, sv_stage_color[s], dy_rp_stage_label[s]);
    }
    /* day ticks: a nice step giving at most 5 intervals */
    double dstep = span > 0 ? dy_svg_nice(span / 5.0) : 1;
    dstep = dstep < 1 ? 1 : ceil(dstep);
    for (double d = 0; span > 0 && d <= span && ok; d += dstep)
        ok = dy_buf_printf(b, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                              "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s%.0f</text>",
                           x0 + d * scale, x0 + d * scale, EP_T + ph, EP_T + ph + 3, x0 + d * scale,
                           EP_T + ph + 13, d == 0 ? "day " : "", d);
    ok = ok && dy_buf_putc(b, '\n');
    /* steps arrive in time order: gather each (day, stage) */
    for (size_t i = 0; i < ep->nstep && ok;) {
        const dy_rp_step *st = &r->steps[ep->step0 + i];
        size_t n = 0;
        for (size_t j = i; j < ep->nstep; j++) {
            const dy_rp_step *sj = &r->steps[ep->step0 + j];
            if (sj->day != st->day)
                break;
            n += sj->stage == st->stage;
        }
        bool first = true; /* is this the (day, stage)'s first step? */
        for (size_t j = i; j-- > 0 && first;) {
            const dy_rp_step *sj = &r->steps[ep->step0 + j];
            if (sj->day != st->day)
                break;
            first = sj->stage != st->stage;
        }
        if (first) {
            ok = dy_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>",
                               x0 + scale * st->day, EP_T + lane * (st->stage + 0.5),
                               3.5 + 1.5 * sqrt((double)(n - 1)), sv_stage_color[st->stage]) &&
                 dy_rp_date_human(b, st->date, false) &&
                 dy_buf_printf(b, " (day %d), %s: ", (int)st->day, dy_rp_stage_label[st->stage]);
            /* every event of that day and stage in the tooltip */
            size_t k = 0;
            for (size_t j = i; j < ep->nstep && ok; j++) {
                const dy_rp_step *sj = &r->steps[ep->step0 + j];
                if (sj->day != st->day)
                    break;
                if (sj->stage != st->stage)
                    continue;
                ok = (k++ ? dy_buf_puts(b, "; ") : true) && dy_html_escs(b, sj->source) &&
                     dy_buf_puts(b, " \xE2\x86\x92 ") && dy_html_escs(b, sj->target) &&
                     dy_buf_puts(b, " ") && dy_html_escs(b, sj->code);
            }
            ok = ok && dy_buf_puts(b, "</title></circle>");
        }
        i++;
    }
    ok = ok && dy_buf_printf(b, "\n<text class=\"ax\" x=\"%.1f\" y=\"%.1f\">", EP_L, EP_H - 4) &&
         dy_rp_date_human(b, ep->start, false) && dy_buf_puts(b, "</text>");
    if (ok && span > 0)
        ok = dy_buf_printf(b, "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                           EP_L + pw, EP_H - 4) &&
             dy_rp_date_human(b, ep->end, false) && dy_buf_puts(b, "</text>");
    return ok && dy_buf_puts(b, "\n</svg>\n");
}

int dy_rp_stage(const char *c)
{
    if (!c || !c[0] || !c[1])
        return -1;
    if (strncmp(c, "181", 3) == 0)
        return DY_EP_TAKE;
    if (strcmp(c, "0253") == 0 || strcmp(c, "1053") == 0)
        return DY_EP_APPEAL;
    if (strcmp(c, "0841") == 0)
        return DY_EP_RELEASE;
    if (c[0] == '0' && c[1] == '4')
        return DY_EP_NEGOTIATE;
    if ((c[0] == '1' && (c[1] == '8' || c[1] == '9')) || (c[0] == '2' && c[1] == '0'))
        return DY_EP_FORCE;
    return -1;
}
