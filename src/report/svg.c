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
static const char *const sv_stage_color[DY_EP_NSTAGE] = {"#b2182b", "#e08214", "#5e3c99",
                                                         "#1b7837", "#542788"};
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
    /* 11 classes from -10 to +10 (RdBu), so legend and edges agree exactly */
    static const char *const pal[11] = {"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7",
                                        "#c8c8c8", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac",
                                        "#053061"};
    int k = isnan(g) ? 5 : (int)lround((g + 10) / 2);
    if (k < 0)
        k = 0;
    if (k > 10)
        k = 10;
    memcpy(out, pal[k], 8);
}

static double sv_mean(const dy_rp_tally *t) { return t->gn ? t->gsum / (double)t->gn : NAN; }

static uint64_t sv_sum(const dy_rp_tally *t)
{
    uint64_t s = 0;
    for (int q = 0; q < DY_RP_NQUAD; q++)
        s += t->n[q];
    return s;
}

static bool sv_fmt_count(dy_buf *b, double v)
{
    if (v >= 1e6 && fmod(v, 1e5) == 0)
        return dy_buf_printf(b, "%gM", v / 1e6);
    if (v >= 1e4 && fmod(v, 1e3) == 0)
        return dy_buf_printf(b, "%gk", v / 1e3);
    return dy_buf_printf(b, "%g", v);
}

/* Which period labels to print: about `want` of them, evenly spaced. */
static size_t sv_label_every(size_t n, size_t want)
{
    size_t k = (n + want - 1) / (want ? want : 1);
    return k ? k : 1;
}

/* ---- timeline: stacked bars per period, Goldstein mean as a line ---- */

#define TL_W 1100.0
#define TL_H 300.0
#define TL_L 56.0
#define TL_R 52.0
#define TL_T 14.0
#define TL_B 34.0

bool dy_svg_timeline(dy_buf *b, const dy_report *r)
{
    size_t np = r->nperiods;
    double pw = TL_W - TL_L - TL_R, ph = TL_H - TL_T - TL_B;
    double maxv = 0;
    for (size_t i = 0; i < np; i++)
        if ((double)sv_sum(&r->periods[i].t) > maxv)
            maxv = (double)sv_sum(&r->periods[i].t);
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
    ok = ok && dy_buf_printf(b, "<text class=\"axt\" x=\"%.1f\" y=\"10\" text-anchor=\"start\">events</text>"
                                "<text class=\"axt g\" x=\"%.1f\" y=\"10\" text-anchor=\"end\">Goldstein</text>\n",
                             4.0, TL_W - 2);
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
                 dy_html_escs(b, p->label) &&
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
    ok = ok && dy_buf_puts(b, "\"/>\n");
    size_t every = sv_label_every(np, 12);
    for (size_t i = 0; i < np && ok; i += every) {
        double x = TL_L + slot * ((double)i + 0.5);
        ok = dy_buf_printf(b, "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
                           TL_H - 12) &&
             dy_html_escs(b, r->periods[i].label) && dy_buf_puts(b, "</text>");
    }
    return ok && dy_buf_puts(b, "\n</svg>\n");
}

/* ---- say/do: verbal against material, for cooperation or conflict ---- */

#define SD_W 540.0
#define SD_H 230.0
#define SD_L 50.0
#define SD_R 14.0
#define SD_T 14.0
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
                            SD_L, slot);
    for (int k = 0; k <= 4 && ok; k++) {
        double y = SD_T + ph - ph * k / 4.0;
        ok = dy_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                              "<text class=\"ax %s-y\" data-k=\"%d\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                           SD_L, SD_L + pw, y, y, id, k, SD_L - 6, y + 4) &&
             sv_fmt_count(b, step * k) && dy_buf_puts(b, "</text>\n");
    }
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
    size_t every = sv_label_every(np, 6);
    for (size_t i = 0; i < np && ok; i += every) {
        double x = SD_L + slot * ((double)i + 0.5);
        ok = dy_buf_printf(b, "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
                           SD_H - 10) &&
             dy_html_escs(b, r->periods[i].label) && dy_buf_puts(b, "</text>");
    }
    return ok && dy_buf_puts(b, "\n</svg>\n");
}

/* ---- actor network ---- */

#define NW_W 680.0
#define NW_H 560.0
#define NW_RING 205.0 /* radius of the ring; labels sit outside it */

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
        if ((double)sv_sum(&r->edges[e].t) > maxc)
            maxc = (double)sv_sum(&r->edges[e].t);
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
        ok = dy_buf_printf(b, "<marker id=\"ah%d\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                              "markerWidth=\"5\" markerHeight=\"5\" orient=\"auto-start-reverse\">"
                              "<path d=\"M0 1L10 5L0 9z\" fill=\"%s\"/></marker>",
                           k, c);
    }
    ok = ok && dy_buf_puts(b, "</defs>\n<g class=\"edges\">\n");
    /* thin edges first, so the busy ones are drawn on top */
    for (size_t e = r->nedges; e-- > 0 && ok;) {
        const dy_rp_edge *ed = &r->edges[e];
        const dy_rp_actor *s = &r->actors[ed->src], *t = &r->actors[ed->tgt];
        double cnt = (double)sv_sum(&ed->t), g = sv_mean(&ed->t);
        double w = 1 + 9 * cnt / maxc;
        char c[8];
        dy_svg_gcolor(g, c);
        int bucket = isnan(g) ? 5 : (int)lround((g + 10) / 2);
        bucket = bucket < 0 ? 0 : bucket > 10 ? 10 : bucket;
        ok = dy_buf_printf(b, "<path class=\"edge\" data-s=\"%u\" data-t=\"%u\" stroke=\"%s\" "
                              "stroke-width=\"%.1f\" marker-end=\"url(#ah%d)\" d=\"",
                           ed->src, ed->tgt, c, w, bucket);
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
            double rt = nw_radius(t, maxn) + 2 + w * 0.6;
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
             dy_html_escs(b, a->code) &&
             dy_buf_printf(b, "</text><title>%" PRIu64 " events as source, %" PRIu64
                              " as target. Click to filter.</title></g>\n",
                           a->as_source, a->as_target);
    }
    return ok && dy_buf_puts(b, "</g>\n</svg>\n");
}

/* ---- top event types: horizontal bars ---- */

#define CD_W 460.0
#define CD_BAR 250.0 /* where the bars start */
#define CD_NAME 30    /* characters of a code name shown; the rest in a tooltip */

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
#define CD_ROW 25.0

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
#define EP_H 150.0
#define EP_L 70.0
#define EP_R 12.0
#define EP_T 10.0
#define EP_B 24.0

bool dy_svg_episode(dy_buf *b, const dy_report *r, const dy_rp_episode *ep)
{
    double pw = EP_W - EP_L - EP_R, ph = EP_H - EP_T - EP_B, lane = ph / DY_EP_NSTAGE;
    int32_t span = 1;
    for (size_t i = 0; i < ep->nstep; i++)
        if (r->steps[ep->step0 + i].day > span)
            span = r->steps[ep->step0 + i].day;
    bool ok = dy_buf_printf(b, "<svg class=\"chart ep\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                               "aria-label=\"Sequence of the episode by stage and day\">\n",
                            EP_W, EP_H);
    for (int s = 0; s < DY_EP_NSTAGE && ok; s++) {
        double y = EP_T + lane * (s + 0.5);
        ok = dy_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                              "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                           EP_L, EP_L + pw, y, y, EP_L - 6, y + 4, dy_rp_stage_label[s]);
    }
    ok = ok && dy_buf_puts(b, "<path class=\"seq\" d=\"");
    for (size_t i = 0; i < ep->nstep && ok; i++) {
        const dy_rp_step *st = &r->steps[ep->step0 + i];
        ok = dy_buf_printf(b, "%c%.1f %.1f", i ? 'L' : 'M', EP_L + pw * st->day / span,
                           EP_T + lane * (st->stage + 0.5));
    }
    ok = ok && dy_buf_puts(b, "\"/>\n");
    for (size_t i = 0; i < ep->nstep && ok; i++) {
        const dy_rp_step *st = &r->steps[ep->step0 + i];
        ok = dy_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"><title>",
                           EP_L + pw * st->day / span, EP_T + lane * (st->stage + 0.5),
                           sv_stage_color[st->stage]) &&
             dy_html_escs(b, st->date) && dy_buf_puts(b, " ") && dy_html_escs(b, st->source) &&
             dy_buf_puts(b, " \xE2\x86\x92 ") && dy_html_escs(b, st->target) &&
             dy_buf_puts(b, " ") && dy_html_escs(b, st->code) && dy_buf_puts(b, "</title></circle>");
    }
    ok = ok && dy_buf_printf(b, "\n<text class=\"ax\" x=\"%.1f\" y=\"%.1f\">day 0</text>"
                                "<text class=\"ax\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">day %d</text>\n",
                             EP_L, EP_H - 6, EP_L + pw, EP_H - 6, (int)span);
    return ok && dy_buf_puts(b, "</svg>\n");
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
