/* query.c — fill a dy_report from the store: every figure is a GROUP BY in
 * SQL (SQLite or PostgreSQL, through dy_store_select), so the page carries
 * aggregates, not events, and stays small and exact for any store size.
 * Every ORDER BY ends in a total tie-break: same store, same page. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "report/report.h"
#include "store/store.h"

#define QR_ROWS_DEFAULT 1000
#define QR_ACTORS_DEFAULT 30
#define QR_EDGES_MAX 100
#define QR_CODES_TOP 12
#define QR_CODES_NODE 8
#define QR_MENTIONS_ROW 3
#define QR_EPISODES_DEFAULT 6
#define QR_STEPS_MAX 150
#define QR_PERIODS_MAX 5000

typedef struct qr_ctx {
    dyad_store *s;
    dy_report *r;
    const dyad_query *f;     /* the filters */
    dyad_error *err;
    bool oom;
} qr_ctx;

static uint64_t qr_u(const char *v) { return v ? strtoull(v, NULL, 10) : 0; }
static double qr_d(const char *v) { return v ? strtod(v, NULL) : 0; }
static const char *qr_s(const char *v) { return v ? v : ""; }

/* " FROM events e [LEFT JOIN codes c] WHERE 1=1 AND <filters>" */
static bool qr_from(qr_ctx *c, dy_buf *sql, dy_params *p, bool codes)
{
    return dy_buf_puts(sql, codes ? " FROM events e LEFT JOIN codes c ON c.code = e.code WHERE 1=1"
                                  : " FROM events e WHERE 1=1") &&
           dy_store_where(c->f, sql, p, c->err);
}

/* " AND col IN (?, ...)" over the network's nodes */
static bool qr_in_nodes(qr_ctx *c, dy_buf *sql, dy_params *p, const char *col)
{
    bool ok = dy_buf_printf(sql, " AND %s IN (", col);
    for (size_t i = 0; i < c->r->nactors && ok; i++)
        ok = dy_buf_puts(sql, i ? ", ?" : "?") && dy_params_add(p, c->r->actors[i].code);
    return ok && dy_buf_puts(sql, ")");
}

/* Run sql (built by the caller) and release it. */
static int qr_run(qr_ctx *c, dy_buf *sql, dy_params *p, bool built, dy_row_fn fn, void *user)
{
    int rc;
    if (!built || !dy_buf_cstr(sql))
        rc = c->err && c->err->code ? c->err->code
                                    : dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    else
        rc = dy_store_select(c->s, sql->p, (const char *const *)p->v, p->n, NULL, fn, user, c->err);
    if (!rc && c->oom)
        rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    dy_buf_free(sql);
    dy_params_free(p);
    return rc;
}

static void qr_tally_add(dy_rp_tally *t, int quad, uint64_t n, double gsum, uint64_t gn)
{
    t->n[quad >= 1 && quad <= 4 ? quad : 0] += n;
    t->gsum += gsum;
    t->gn += gn;
}

/* ---- totals ---- */

static int qr_total_row(void *user, size_t n, const char *const *v)
{
    qr_ctx *c = user;
    (void)n;
    dy_report *r = c->r;
    uint64_t k = qr_u(v[1]);
    qr_tally_add(&r->total, atoi(qr_s(v[0])), k, qr_d(v[2]), qr_u(v[3]));
    r->events += k;
    if (v[4] && v[4][0] && (!r->from[0] || strcmp(v[4], r->from) < 0))
        r->from = dy_rp_str(r, v[4]);
    if (v[5] && v[5][0] && strcmp(v[5], r->to) > 0)
        r->to = dy_rp_str(r, v[5]);
    r->mentions_total += qr_u(v[6]);
    r->undated += qr_u(v[7]);
    if (!r->from || !r->to)
        c->oom = true;
    return c->oom;
}

static int qr_count_row(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(uint64_t *)user = qr_u(v[0]);
    return 0;
}

static int qr_totals(qr_ctx *c)
{
    dy_buf sql = {0};
    dy_params p = {0};
    bool ok = dy_buf_puts(&sql, "SELECT e.quad, COUNT(*), SUM(e.goldstein), COUNT(e.goldstein),"
                                " MIN(CASE WHEN e.date <> '' THEN e.date END), MAX(e.date),"
                                " SUM(e.mentions), SUM(CASE WHEN e.date = '' THEN 1 ELSE 0 END)") &&
              qr_from(c, &sql, &p, false) && dy_buf_puts(&sql, " GROUP BY e.quad ORDER BY e.quad");
    int rc = qr_run(c, &sql, &p, ok, qr_total_row, c);
    if (rc)
        return rc;
    ok = dy_buf_puts(&sql, "SELECT COUNT(*) FROM (SELECT e.source AS a") && qr_from(c, &sql, &p, false) &&
         dy_buf_puts(&sql, " UNION SELECT e.target") && qr_from(c, &sql, &p, false) &&
         dy_buf_puts(&sql, " AND e.target <> '') x");
    if ((rc = qr_run(c, &sql, &p, ok, qr_count_row, &c->r->actors_total)))
        return rc;
    ok = dy_buf_puts(&sql, "SELECT COUNT(*) FROM (SELECT DISTINCT e.source, e.target") &&
         qr_from(c, &sql, &p, false) && dy_buf_puts(&sql, " AND e.target <> '') x");
    return qr_run(c, &sql, &p, ok, qr_count_row, &c->r->edges_total);
}

/* ---- periods: the series, then every gap filled so the time axis is true ---- */

static int qr_period_row(void *user, size_t n, const char *const *v)
{
    qr_ctx *c = user;
    (void)n;
    dy_report *r = c->r;
    const char *label = qr_s(v[0]);
    if (!r->nperiods || strcmp(r->periods[r->nperiods - 1].label, label) != 0) {
        dy_rp_period per = {dy_rp_str(r, label), {{0}, 0, 0}};
        if (!per.label || !DY_VEC_PUSH(r->periods, r->nperiods, r->cap_periods, per)) {
            c->oom = true;
            return 1;
        }
    }
    qr_tally_add(&r->periods[r->nperiods - 1].t, atoi(qr_s(v[1])), qr_u(v[2]), qr_d(v[3]),
                 qr_u(v[4]));
    return 0;
}

/* The label after `label` for the period kind; false when it cannot parse. */
static bool qr_next_label(dyad_period by, const char *label, char out[32])
{
    int64_t d;
    char tmp[32];
    switch (by) {
    case DYAD_BY_DAY:
    case DYAD_BY_WEEK:
        if (!dy_store_date_parse(label, &d))
            return false;
        dy_store_date_format(d + (by == DYAD_BY_DAY ? 1 : 7), out);
        return true;
    case DYAD_BY_MONTH: {
        snprintf(tmp, sizeof tmp, "%s-01", label);
        if (!dy_store_date_parse(tmp, &d))
            return false;
        int y = atoi(label), m = atoi(label + 5) + 1;
        if (m > 12) {
            m = 1;
            y++;
        }
        snprintf(out, 32, "%04d-%02d", y % 10000, m);
        return true;
    }
    case DYAD_BY_YEAR:
        if (strlen(label) != 4 || atoi(label) <= 0)
            return false;
        snprintf(out, 32, "%04d", (atoi(label) + 1) % 10000);
        return true;
    case DYAD_BY_NONE:
        break;
    }
    return false;
}

static int qr_fill_gaps(qr_ctx *c)
{
    dy_report *r = c->r;
    if (r->nperiods < 2)
        return DYAD_OK;
    dy_rp_period *old = r->periods;
    size_t nold = r->nperiods;
    r->periods = NULL;
    r->nperiods = r->cap_periods = 0;
    int rc = DYAD_OK;
    char next[32];
    for (size_t i = 0; i < nold && !rc; i++) {
        if (!DY_VEC_PUSH(r->periods, r->nperiods, r->cap_periods, old[i])) {
            rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
            break;
        }
        if (i + 1 == nold)
            break;
        const char *cur = old[i].label;
        for (;;) {
            if (!qr_next_label(r->by, cur, next)) {
                rc = dy_fail(c->err, DYAD_E_STORE, "the store holds a malformed date", NULL, 0, 0,
                             cur, strlen(cur));
                break;
            }
            if (strcmp(next, old[i + 1].label) >= 0)
                break;
            if (r->nperiods >= QR_PERIODS_MAX) {
                rc = dy_fail(c->err, DYAD_E_LIMIT,
                             "too many periods for one chart (5000): use a coarser --by or a "
                             "shorter --from/--to", NULL, 0, 0, NULL, 0);
                break;
            }
            dy_rp_period gap = {dy_rp_str(r, next), {{0}, 0, 0}};
            if (!gap.label || !DY_VEC_PUSH(r->periods, r->nperiods, r->cap_periods, gap)) {
                rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
                break;
            }
            cur = gap.label;
        }
    }
    free(old);
    return rc;
}

static int qr_periods(qr_ctx *c)
{
    dy_buf sql = {0};
    dy_params p = {0};
    const char *pe = dy_store_period_expr(c->r->by);
    bool ok = dy_buf_printf(&sql, "SELECT %s AS p, e.quad, COUNT(*), SUM(e.goldstein), COUNT(e.goldstein)", pe) &&
              qr_from(c, &sql, &p, false) &&
              dy_buf_printf(&sql, " AND e.date <> '' GROUP BY %s, e.quad ORDER BY 1, 2", pe);
    int rc = qr_run(c, &sql, &p, ok, qr_period_row, c);
    return rc ? rc : qr_fill_gaps(c);
}

static size_t qr_period_index(const dy_report *r, const char *label)
{
    size_t lo = 0, hi = r->nperiods;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = strcmp(r->periods[mid].label, label);
        if (k == 0)
            return mid;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

static size_t qr_node_index(const dy_report *r, const char *code)
{
    for (size_t i = 0; i < r->nactors; i++)
        if (strcmp(r->actors[i].code, code) == 0)
            return i;
    return SIZE_MAX;
}

/* ---- network: nodes, edges, and the node cube ---- */

static int qr_actor_row(void *user, size_t n, const char *const *v)
{
    qr_ctx *c = user;
    (void)n;
    uint64_t ns = qr_u(v[1]), nt = qr_u(v[2]), self = qr_u(v[3]);
    dy_rp_actor a = {dy_rp_str(c->r, qr_s(v[0])), ns, nt, ns + nt - self, qr_u(v[4]), 0, 0};
    if (!a.code || !DY_VEC_PUSH(c->r->actors, c->r->nactors, c->r->cap_actors, a))
        c->oom = true;
    return c->oom;
}

static int qr_edge_row(void *user, size_t n, const char *const *v)
{
    qr_ctx *c = user;
    (void)n;
    dy_report *r = c->r;
    size_t s = qr_node_index(r, qr_s(v[0])), t = qr_node_index(r, qr_s(v[1]));
    if (s == SIZE_MAX || t == SIZE_MAX)
        return 0;
    if (!r->nedges || r->edges[r->nedges - 1].src != s || r->edges[r->nedges - 1].tgt != t) {
        dy_rp_edge e = {(uint32_t)s, (uint32_t)t, {{0}, 0, 0}};
        if (!DY_VEC_PUSH(r->edges, r->nedges, r->cap_edges, e)) {
            c->oom = true;
            return 1;
        }
    }
    qr_tally_add(&r->edges[r->nedges - 1].t, atoi(qr_s(v[2])), qr_u(v[3]), qr_d(v[4]), qr_u(v[5]));
    return 0;
}

static uint64_t qr_tsum(const dy_rp_tally *t)
{
    uint64_t s = 0;
    for (int q = 0; q < DY_RP_NQUAD; q++)
        s += t->n[q];
    return s;
}

static int qr_edge_cmp(const void *a, const void *b)
{
    const dy_rp_edge *x = a, *y = b;
    uint64_t nx = qr_tsum(&x->t), ny = qr_tsum(&y->t);
    if (nx != ny)
        return nx > ny ? -1 : 1;
    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    return x->tgt < y->tgt ? -1 : x->tgt > y->tgt;
}

/* Cells accumulate into a dense node x period grid (both halves of the
 * "involves" union add to it), then the non-empty ones are listed in order. */
typedef struct qr_grid {
    qr_ctx *c;
    dy_rp_tally *t;
} qr_grid;

static int qr_cell_row(void *user, size_t n, const char *const *v)
{
    qr_grid *g = user;
    (void)n;
    dy_report *r = g->c->r;
    size_t a = qr_node_index(r, qr_s(v[0])), p = qr_period_index(r, qr_s(v[1]));
    if (a == SIZE_MAX || p == SIZE_MAX)
        return 0;
    qr_tally_add(&g->t[a * r->nperiods + p], atoi(qr_s(v[2])), qr_u(v[3]), qr_d(v[4]), qr_u(v[5]));
    return 0;
}

static int qr_cells(qr_ctx *c)
{
    dy_report *r = c->r;
    size_t cells;
    if (!r->nperiods)
        return DYAD_OK;
    qr_grid g = {c, NULL};
    if (!dy_mul_ok(r->nactors, r->nperiods, &cells) || !(g.t = calloc(cells, sizeof *g.t)))
        return dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    const char *pe = dy_store_period_expr(r->by);
    int rc = DYAD_OK;
    /* grouped separately: two index-ordered scans beat one big union */
    for (int half = 0; half < 2 && !rc; half++) {
        dy_buf sql = {0};
        dy_params p = {0};
        const char *col = half ? "e.target" : "e.source";
        bool ok = dy_buf_printf(&sql, "SELECT %s, %s AS p, e.quad, COUNT(*), SUM(e.goldstein),"
                                      " COUNT(e.goldstein)", col, pe) &&
                  qr_from(c, &sql, &p, false) && qr_in_nodes(c, &sql, &p, col) &&
                  dy_buf_printf(&sql, " AND e.date <> ''%s GROUP BY %s, p, e.quad ORDER BY 1, 2, 3",
                                half ? " AND e.target <> e.source" : "", col);
        rc = qr_run(c, &sql, &p, ok, qr_cell_row, &g);
    }
    for (size_t i = 0; i < cells && !rc; i++) {
        const dy_rp_tally *t = &g.t[i];
        if (!(t->n[0] | t->n[1] | t->n[2] | t->n[3] | t->n[4]))
            continue;
        dy_rp_cell cell = {(uint32_t)(i / r->nperiods), (uint32_t)(i % r->nperiods), *t};
        if (!DY_VEC_PUSH(r->cells, r->ncells, r->cap_cells, cell))
            rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    }
    free(g.t);
    return rc;
}

static int qr_network(qr_ctx *c, size_t max_actors)
{
    dy_buf sql = {0};
    dy_params p = {0};
    bool ok = dy_buf_puts(&sql, "SELECT a, SUM(ns), SUM(nt), SUM(nself), SUM(dated) FROM ("
                                "SELECT e.source AS a, COUNT(*) AS ns, 0 AS nt, 0 AS nself,"
                                " SUM(CASE WHEN e.date <> '' THEN 1 ELSE 0 END) AS dated") &&
              qr_from(c, &sql, &p, false) &&
              dy_buf_puts(&sql, " GROUP BY e.source UNION ALL SELECT e.target, 0, COUNT(*),"
                                " SUM(CASE WHEN e.source = e.target THEN 1 ELSE 0 END),"
                                " SUM(CASE WHEN e.date <> '' AND e.source <> e.target THEN 1 ELSE 0 END)") &&
              qr_from(c, &sql, &p, false) &&
              dy_buf_printf(&sql, " AND e.target <> '' GROUP BY e.target) x GROUP BY a"
                                  " ORDER BY SUM(ns) + SUM(nt) DESC, a LIMIT %zu", max_actors);
    int rc = qr_run(c, &sql, &p, ok, qr_actor_row, c);
    if (rc || c->r->nactors == 0)
        return rc;
    ok = dy_buf_puts(&sql, "SELECT e.source, e.target, e.quad, COUNT(*), SUM(e.goldstein), COUNT(e.goldstein)") &&
         qr_from(c, &sql, &p, false) && qr_in_nodes(c, &sql, &p, "e.source") &&
         qr_in_nodes(c, &sql, &p, "e.target") &&
         dy_buf_puts(&sql, " GROUP BY e.source, e.target, e.quad ORDER BY 1, 2, 3");
    if ((rc = qr_run(c, &sql, &p, ok, qr_edge_row, c)))
        return rc;
    if (c->r->nedges)
        qsort(c->r->edges, c->r->nedges, sizeof *c->r->edges, qr_edge_cmp);
    if (c->r->nedges > QR_EDGES_MAX)
        c->r->nedges = QR_EDGES_MAX;
    return qr_cells(c);
}

/* ---- event types ---- */

typedef struct qr_crun {
    qr_ctx *c;
    dy_rp_kv *names;    /* the store's codebook: code -> name, in code order */
    size_t nnames, cap_names;
    dy_rp_code *tmp;    /* per-node counts from both halves, merged later */
    size_t ntmp, cap_tmp;
} qr_crun;

static int qr_name_row(void *user, size_t n, const char *const *v)
{
    qr_crun *cr = user;
    (void)n;
    dy_report *r = cr->c->r;
    if (!dy_rp_add_kv(r, &cr->names, &cr->nnames, &cr->cap_names, qr_s(v[0]), qr_s(v[1])))
        cr->c->oom = true;
    return cr->c->oom;
}

static const char *qr_name(const qr_crun *cr, const char *code)
{
    size_t lo = 0, hi = cr->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = strcmp(cr->names[mid].key, code);
        if (k == 0)
            return cr->names[mid].value;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const dyad_code_info *ci = dyad_codebook_lookup(code);
    return ci && ci->name ? ci->name : "";
}

/* global rows: code, quad, count; per-node rows: actor, code, quad, count */
static int qr_code_row(void *user, size_t n, const char *const *v)
{
    qr_crun *cr = user;
    dy_report *r = cr->c->r;
    uint32_t node = UINT32_MAX;
    if (n == 4) {
        size_t a = qr_node_index(r, qr_s(v[0]));
        if (a == SIZE_MAX)
            return 0;
        node = (uint32_t)a;
        v++;
    }
    dy_rp_code k = {node, dy_rp_str(r, qr_s(v[0])), NULL, atoi(qr_s(v[1])), qr_u(v[2])};
    k.name = k.code ? dy_rp_str(r, qr_name(cr, k.code)) : NULL;
    bool ok = k.code && k.name &&
              (node == UINT32_MAX ? DY_VEC_PUSH(r->codes, r->ncodes, r->cap_codes, k)
                                  : DY_VEC_PUSH(cr->tmp, cr->ntmp, cr->cap_tmp, k));
    if (!ok)
        cr->c->oom = true;
    return cr->c->oom;
}

static int qr_code_by_node(const void *a, const void *b)
{
    const dy_rp_code *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return strcmp(x->code, y->code);
}

static int qr_code_by_count(const void *a, const void *b)
{
    const dy_rp_code *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->code, y->code);
}

static int qr_codes(qr_ctx *c)
{
    qr_crun cr = {c, NULL, 0, 0, NULL, 0, 0};
    dy_buf sql = {0};
    dy_params p = {0};
    int rc = qr_run(c, &sql, &p, dy_buf_puts(&sql, "SELECT c.code, c.name FROM codes c ORDER BY c.code"),
                    qr_name_row, &cr);
    if (!rc) {
        bool ok = dy_buf_puts(&sql, "SELECT e.code, MIN(e.quad), COUNT(*)") &&
                  qr_from(c, &sql, &p, false) &&
                  dy_buf_printf(&sql, " GROUP BY e.code ORDER BY COUNT(*) DESC, e.code LIMIT %d",
                                QR_CODES_TOP);
        rc = qr_run(c, &sql, &p, ok, qr_code_row, &cr);
    }
    for (int half = 0; half < 2 && !rc && c->r->nactors; half++) {
        const char *col = half ? "e.target" : "e.source";
        bool ok = dy_buf_printf(&sql, "SELECT %s, e.code, MIN(e.quad), COUNT(*)", col) &&
                  qr_from(c, &sql, &p, false) && qr_in_nodes(c, &sql, &p, col) &&
                  dy_buf_printf(&sql, "%s GROUP BY %s, e.code ORDER BY 1, 2",
                                half ? " AND e.target <> e.source" : "", col);
        rc = qr_run(c, &sql, &p, ok, qr_code_row, &cr);
    }
    if (!rc && cr.ntmp) {
        /* add the two halves, then keep each node's most frequent codes */
        qsort(cr.tmp, cr.ntmp, sizeof *cr.tmp, qr_code_by_node);
        size_t w = 0;
        for (size_t i = 0; i < cr.ntmp; i++) {
            if (w && cr.tmp[w - 1].node == cr.tmp[i].node && !strcmp(cr.tmp[w - 1].code, cr.tmp[i].code)) {
                cr.tmp[w - 1].n += cr.tmp[i].n;
                if (cr.tmp[i].quad < cr.tmp[w - 1].quad)
                    cr.tmp[w - 1].quad = cr.tmp[i].quad;
            } else {
                cr.tmp[w++] = cr.tmp[i];
            }
        }
        qsort(cr.tmp, w, sizeof *cr.tmp, qr_code_by_count);
        size_t have = 0;
        for (size_t i = 0; i < w && !rc; i++) {
            have = i && cr.tmp[i].node == cr.tmp[i - 1].node ? have + 1 : 0;
            if (have < QR_CODES_NODE && !DY_VEC_PUSH(c->r->codes, c->r->ncodes, c->r->cap_codes, cr.tmp[i]))
                rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        }
    }
    free(cr.names);
    free(cr.tmp);
    return rc;
}

/* ---- the table and its mentions ---- */

static int qr_row_row(void *user, size_t n, const char *const *v)
{
    qr_ctx *c = user;
    (void)n;
    dy_report *r = c->r;
    dy_rp_row w = {strtoll(qr_s(v[0]), NULL, 10), dy_rp_str(r, v[1]), dy_rp_str(r, v[2]),
                   dy_rp_str(r, v[3]), dy_rp_str(r, v[4]), "", atoi(qr_s(v[5])),
                   v[6] ? strtod(v[6], NULL) : NAN, 0, 0, qr_u(v[7])};
    if (!w.date || !w.source || !w.target || !w.code || !DY_VEC_PUSH(r->rows, r->nrows, r->cap_rows, w))
        c->oom = true;
    return c->oom;
}

typedef struct qr_idx {
    int64_t id;
    size_t row;
} qr_idx;

static int qr_idx_cmp(const void *a, const void *b)
{
    const qr_idx *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct qr_mrun {
    qr_ctx *c;
    qr_idx *idx;
    dy_rp_mention *tmp; /* mentions in row order are gathered per row, then placed */
    size_t ntmp, cap_tmp;
    size_t *trow, cap_trow;  /* the row of each gathered mention */
} qr_mrun;

static int qr_mention_row(void *user, size_t n, const char *const *v)
{
    qr_mrun *m = user;
    qr_ctx *c = m->c;
    dy_report *r = c->r;
    (void)n;
    qr_idx key = {strtoll(qr_s(v[0]), NULL, 10), 0};
    qr_idx *hit = bsearch(&key, m->idx, r->nrows, sizeof *m->idx, qr_idx_cmp);
    if (!hit)
        return 0;
    dy_rp_row *w = &r->rows[hit->row];
    if (w->nmention >= QR_MENTIONS_ROW)
        return 0;
    if (w->nmention == 0)
        w->verb_text = dy_rp_str(r, v[10]);
    dy_rp_mention mn = {dy_rp_str(r, v[1]), (uint32_t)qr_u(v[2]), dy_rp_str(r, v[3]),
                        {(uint32_t)qr_u(v[4]), (uint32_t)qr_u(v[5])},
                        {(uint32_t)qr_u(v[6]), (uint32_t)qr_u(v[7])},
                        {(uint32_t)qr_u(v[8]), (uint32_t)qr_u(v[9])}};
    if (!w->verb_text || !mn.doc || !mn.text ||
        !DY_VEC_PUSH(m->tmp, m->ntmp, m->cap_tmp, mn) ||
        !dy_grow((void **)&m->trow, &m->cap_trow, m->ntmp, sizeof *m->trow)) {
        c->oom = true;
        return 1;
    }
    m->trow[m->ntmp - 1] = hit->row;
    w->nmention++;
    return 0;
}

static int qr_table(qr_ctx *c, size_t max_rows)
{
    dy_buf sql = {0};
    dy_params p = {0};
    /* newest first; the unique (source, target, code, date) key breaks ties */
    const char *order = " ORDER BY e.date DESC, e.source, e.target, e.code";
    bool ok = dy_buf_puts(&sql, "SELECT e.event_id, e.date, e.source, e.target, e.code, e.quad,"
                                " e.goldstein, e.mentions") &&
              qr_from(c, &sql, &p, false) && dy_buf_printf(&sql, "%s LIMIT %zu", order, max_rows);
    int rc = qr_run(c, &sql, &p, ok, qr_row_row, c);
    dy_report *r = c->r;
    if (rc || r->nrows == 0)
        return rc;
    qr_mrun m = {c, calloc(r->nrows, sizeof(qr_idx)), NULL, 0, 0, NULL, 0};
    if (!m.idx)
        return dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    for (size_t i = 0; i < r->nrows; i++)
        m.idx[i] = (qr_idx){r->rows[i].id, i};
    qsort(m.idx, r->nrows, sizeof *m.idx, qr_idx_cmp);
    ok = dy_buf_puts(&sql, "SELECT m.event_id, d.name, m.sentence, s.text, m.source_start,"
                           " m.source_end, m.target_start, m.target_end, m.verb_start, m.verb_end,"
                           " m.verb_text FROM mentions m JOIN documents d ON d.doc_id = m.doc_id"
                           " JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence"
                           " WHERE m.event_id IN (SELECT e.event_id") &&
         qr_from(c, &sql, &p, false) &&
         dy_buf_printf(&sql, "%s LIMIT %zu) ORDER BY m.event_id, d.name, m.sentence, m.pattern",
                       order, max_rows);
    rc = qr_run(c, &sql, &p, ok, qr_mention_row, &m);
    if (!rc) {
        /* lay the mentions out row by row: each row's slice is contiguous */
        size_t at = 0;
        for (size_t i = 0; i < r->nrows; i++) {
            r->rows[i].mention0 = at;
            at += r->rows[i].nmention;
        }
        size_t *fill = calloc(r->nrows ? r->nrows : 1, sizeof *fill);
        r->mentions = calloc(m.ntmp ? m.ntmp : 1, sizeof *r->mentions);
        if (!fill || !r->mentions) {
            rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        } else {
            for (size_t k = 0; k < m.ntmp; k++) {
                dy_rp_row *w = &r->rows[m.trow[k]];
                r->mentions[w->mention0 + fill[m.trow[k]]++] = m.tmp[k];
            }
            r->nmentions = r->cap_mentions = m.ntmp;
        }
        free(fill);
    }
    free(m.idx);
    free(m.tmp);
    free(m.trow);
    return rc;
}

/* ---- crisis episodes: the store's own episode query, then the largest few ---- */

static int qr_ep_cmp(const void *a, const void *b)
{
    const dy_rp_episode *x = a, *y = b;
    int sx = __builtin_popcount(x->stages), sy = __builtin_popcount(y->stages);
    if (sx != sy) /* the fullest crises first: most stages, then most events */
        return sx > sy ? -1 : 1;
    if (x->events != y->events)
        return x->events > y->events ? -1 : 1;
    int k = strcmp(x->start, y->start);
    return k ? k : (x->step0 > y->step0) - (x->step0 < y->step0);
}

static size_t qr_col(const dyad_table *t, const char *name)
{
    for (size_t i = 0; i < dyad_table_cols(t); i++)
        if (strcmp(dyad_table_name(t, i), name) == 0)
            return i;
    return SIZE_MAX;
}

static int qr_episodes(qr_ctx *c, size_t max_eps)
{
    dy_report *r = c->r;
    dyad_query q = *c->f;
    q.kind = DYAD_Q_EPISODES;
    q.gap = 0; /* the store's default quiet spell ends an episode */
    dyad_table *t = dyad_store_query(c->s, &q, c->err);
    if (!t)
        return c->err && c->err->code ? c->err->code : DYAD_E_STORE;
    int rc = DYAD_OK;
    size_t nr = dyad_table_rows(t);
    /* rows come in time order; columns are found by name */
    size_t cid = qr_col(t, "episode"), cdate = qr_col(t, "date"), csrc = qr_col(t, "source"),
           ctgt = qr_col(t, "target"), ccode = qr_col(t, "code");
    if (cid == SIZE_MAX || cdate == SIZE_MAX || csrc == SIZE_MAX || ctgt == SIZE_MAX ||
        ccode == SIZE_MAX)
        nr = 0;
    size_t *slot = NULL, nslot = 0, cap = 0; /* episode id - 1 -> index in r->episodes */
    /* pass 1: open episodes and count their steps (capped) */
    for (size_t i = 0; i < nr && !rc; i++) {
        size_t id = (size_t)strtoull(dyad_table_cell(t, i, cid), NULL, 10);
        int stage = dy_rp_stage(dyad_table_cell(t, i, ccode));
        if (id == 0 || id > nr || stage < 0)
            continue;
        while (nslot < id && !rc) {
            if (!DY_VEC_PUSH(slot, nslot, cap, SIZE_MAX))
                rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        }
        if (rc)
            break;
        if (slot[id - 1] == SIZE_MAX) {
            dy_rp_episode ep = {dy_rp_str(r, dyad_table_cell(t, i, csrc)),
                                dy_rp_str(r, dyad_table_cell(t, i, ctgt)),
                                dy_rp_str(r, dyad_table_cell(t, i, cdate)), NULL, 0, 0, 0, 0};
            ep.end = ep.start;
            if (!ep.taker || !ep.held || !ep.start ||
                !DY_VEC_PUSH(r->episodes, r->nepisodes, r->cap_episodes, ep)) {
                rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
                break;
            }
            slot[id - 1] = r->nepisodes - 1;
        }
        dy_rp_episode *ep = &r->episodes[slot[id - 1]];
        ep->events++;
        if (ep->nstep < QR_STEPS_MAX)
            ep->nstep++;
        ep->stages |= 1u << stage;
    }
    /* pass 2: each episode's steps contiguous in r->steps */
    size_t total = 0;
    for (size_t e = 0; e < r->nepisodes; e++) {
        r->episodes[e].step0 = total;
        total += r->episodes[e].nstep;
        r->episodes[e].nstep = 0;
    }
    if (!rc && total && !(r->steps = calloc(total, sizeof *r->steps)))
        rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    r->nsteps = r->cap_steps = rc ? 0 : total;
    for (size_t i = 0; i < nr && !rc; i++) {
        size_t id = (size_t)strtoull(dyad_table_cell(t, i, cid), NULL, 10);
        int stage = dy_rp_stage(dyad_table_cell(t, i, ccode));
        if (id == 0 || id > nslot || stage < 0 || slot[id - 1] == SIZE_MAX)
            continue;
        dy_rp_episode *ep = &r->episodes[slot[id - 1]];
        if (ep->nstep >= QR_STEPS_MAX)
            continue;
        int64_t d0 = 0, d = 0;
        const char *date = dyad_table_cell(t, i, cdate);
        dy_store_date_parse(ep->start, &d0);
        if (!dy_store_date_parse(date, &d))
            d = d0;
        dy_rp_step st = {(int32_t)(d - d0), stage, dy_rp_str(r, date),
                         dy_rp_str(r, dyad_table_cell(t, i, csrc)),
                         dy_rp_str(r, dyad_table_cell(t, i, ctgt)),
                         dy_rp_str(r, dyad_table_cell(t, i, ccode))};
        if (!st.date || !st.source || !st.target || !st.code) {
            rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
            break;
        }
        r->steps[ep->step0 + ep->nstep++] = st;
        ep->end = st.date;
    }
    if (!rc && r->nepisodes) {
        qsort(r->episodes, r->nepisodes, sizeof *r->episodes, qr_ep_cmp);
        if (r->nepisodes > max_eps)
            r->nepisodes = max_eps;
    }
    free(slot);
    dyad_table_free(t);
    return rc;
}

/* ---- provenance: what the store records about the coding ---- */

typedef struct qr_prun {
    qr_ctx *c;
    dy_buf files;     /* "file (n), file (n)" from mention patterns */
    char last[256];
    uint64_t lastn;
    size_t nfiles;
} qr_prun;

static bool qr_flush_file(qr_prun *pr)
{
    if (!pr->last[0])
        return true;
    bool ok = (pr->nfiles == 0 || dy_buf_puts(&pr->files, ", ")) &&
              dy_buf_puts(&pr->files, pr->last) &&
              dy_buf_printf(&pr->files, " (%" PRIu64 " mentions)", pr->lastn);
    pr->nfiles++;
    pr->last[0] = 0;
    pr->lastn = 0;
    return ok;
}

/* Rows are (pattern, count) in pattern order; patterns are "file:line". */
static int qr_pattern_row(void *user, size_t n, const char *const *v)
{
    qr_prun *pr = user;
    (void)n;
    const char *pat = qr_s(v[0]);
    const char *colon = strrchr(pat, ':');
    size_t len = colon ? (size_t)(colon - pat) : strlen(pat);
    const char *slash = NULL;
    for (size_t i = 0; i < len; i++)
        if (pat[i] == '/')
            slash = pat + i;
    if (slash) {
        len -= (size_t)(slash + 1 - pat);
        pat = slash + 1;
    }
    char file[256];
    snprintf(file, sizeof file, "%.*s", (int)(len < 255 ? len : 255), len ? pat : "(none)");
    if (strcmp(file, pr->last) != 0) {
        if (!qr_flush_file(pr)) {
            pr->c->oom = true;
            return 1;
        }
        memcpy(pr->last, file, sizeof file);
    }
    pr->lastn += qr_u(v[1]);
    return 0;
}

static int qr_count(qr_ctx *c, const char *sql, uint64_t *out)
{
    *out = 0;
    return dy_store_select(c->s, sql, NULL, 0, NULL, qr_count_row, out, c->err);
}

typedef struct qr_scale {
    uint64_t total, match[4], qmatch[3], unknown;
} qr_scale;

/* (code, goldstein, quad, count): which named scale and scheme the stored values follow */
static int qr_scale_row(void *user, size_t n, const char *const *v)
{
    qr_scale *sc = user;
    (void)n;
    uint64_t k = qr_u(v[3]);
    sc->total += k;
    const dyad_code_info *ci = dyad_codebook_lookup(qr_s(v[0]));
    if (!ci || !v[1]) {
        sc->unknown += k;
        return 0;
    }
    double g = strtod(v[1], NULL);
    int quad = atoi(qr_s(v[2]));
    for (int s = 0; s < 4; s++)
        if (fabs(ci->goldstein[s] - g) < 0.05)
            sc->match[s] += k;
    for (int s = 0; s < 3; s++)
        if ((int)ci->quad[s] == quad)
            sc->qmatch[s] += k;
    return 0;
}

static int qr_provenance(qr_ctx *c)
{
    dy_report *r = c->r;
    static const struct { const char *label, *sql; } counts[] = {
        {"documents in the store", "SELECT COUNT(*) FROM documents"},
        {"coded sentences in the store", "SELECT COUNT(*) FROM sentences"},
        {"mentions (coded events, before merging)", "SELECT COUNT(*) FROM mentions"},
        {"events (mentions merged)", "SELECT COUNT(*) FROM events"},
        {"CAMEO codes in the store's codebook", "SELECT COUNT(*) FROM codes"},
    };
    char tmp[96];
    int rc = DYAD_OK;
    bool ok = dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, "store backend",
                           dyad_store_backend(c->s));
    for (size_t i = 0; i < sizeof counts / sizeof counts[0] && ok && !rc; i++) {
        uint64_t n = 0;
        if ((rc = qr_count(c, counts[i].sql, &n)))
            break;
        snprintf(tmp, sizeof tmp, "%" PRIu64, n);
        ok = dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, counts[i].label, tmp);
    }
    if (rc)
        return rc;
    qr_prun pr = {c, {0}, "", 0, 0};
    dy_buf sql = {0};
    dy_params p = {0};
    ok = ok && dy_buf_puts(&sql, "SELECT m.pattern, COUNT(*) FROM mentions m GROUP BY m.pattern"
                                 " ORDER BY m.pattern");
    rc = qr_run(c, &sql, &p, ok, qr_pattern_row, &pr);
    if (!rc && (!qr_flush_file(&pr) || !dy_buf_cstr(&pr.files) ||
                !dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov,
                              "dictionary files behind the matches", pr.nfiles ? pr.files.p : "none recorded")))
        rc = dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    dy_buf_free(&pr.files);
    if (rc)
        return rc;
    /* Which Goldstein scale and quad scheme the stored values agree with. */
    qr_scale sc = {0};
    ok = dy_buf_puts(&sql, "SELECT e.code, e.goldstein, e.quad, COUNT(*) FROM events e"
                           " GROUP BY e.code, e.goldstein, e.quad ORDER BY 1, 2, 3");
    if ((rc = qr_run(c, &sql, &p, ok, qr_scale_row, &sc)))
        return rc;
    dy_buf v = {0};
    ok = true;
    if (sc.total == 0 || sc.unknown == sc.total) {
        ok = dy_buf_puts(&v, "cannot tell (no events with codes in dyad's codebook)");
    } else {
        uint64_t known = sc.total - sc.unknown;
        for (int s = 1; s < 4 && ok; s++) /* DEFAULT mirrors one of the named scales */
            ok = dy_buf_printf(&v, "%s%s %.1f%%", v.n ? ", " : "", dyad_scale_name((dyad_scale)s),
                                   100.0 * (double)sc.match[s] / (double)known);
        ok = ok && dy_buf_puts(&v, " of events with a known code agree");
    }
    ok = ok && dy_buf_cstr(&v) &&
         dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, "Goldstein scale (inferred)", v.p);
    v.n = 0;
    if (ok && sc.total > sc.unknown) {
        uint64_t known = sc.total - sc.unknown;
        for (int s = 1; s < 3 && ok; s++)
            ok = dy_buf_printf(&v, "%s%s %.1f%%", s > 1 ? ", " : "",
                               dyad_quad_scheme_name((dyad_quad_scheme)s),
                               100.0 * (double)sc.qmatch[s] / (double)known);
        ok = ok && dy_buf_puts(&v, " of events with a known code agree") && dy_buf_cstr(&v) &&
             dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, "quad scheme (inferred)", v.p);
    }
    ok = ok && dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, "not recorded by the store",
                            "dictionary versions, the scale and scheme chosen at coding time, and "
                            "the records read, coded and rejected by each run (see docs/report.md)");
    dy_buf_free(&v);
    if (!ok)
        return dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    return DYAD_OK;
}

/* ---- the whole report ---- */

static bool qr_scope(dy_report *r, const dyad_query *f)
{
    dy_buf b = {0};
    bool ok;
    if (f->dyad_a && f->dyad_a[0])
        ok = dy_buf_printf(&b, "dyad %s %s %s", f->dyad_a, f->directed ? "\xE2\x86\x92" : "\xE2\x86\x94",
                           f->dyad_b ? f->dyad_b : "");
    else if (f->actor && f->actor[0])
        ok = dy_buf_printf(&b, "events involving %s", f->actor);
    else
        ok = dy_buf_puts(&b, "all events");
    if (ok && f->code && f->code[0])
        ok = dy_buf_printf(&b, ", code %s", f->code);
    if (ok && f->quad)
        ok = dy_buf_printf(&b, ", quad %d", f->quad);
    ok = ok && dy_buf_cstr(&b) && (r->scope = dy_rp_str(r, b.p)) != NULL;
    dy_buf_free(&b);
    return ok;
}

DYAD_EXPORT int dyad_report_write(dyad_store *s, const dyad_report_opts *o, FILE *out,
                                  dyad_error *err)
{
    if (!s || !o || !out)
        return dy_fail(err, DYAD_E_ARG, "report: no store, options or output", NULL, 0, 0, NULL, 0);
    dy_error_clear(err);
    dy_report r;
    dy_report_init(&r);
    dyad_query f = o->filter;
    f.by = f.by == DYAD_BY_NONE ? DYAD_BY_MONTH : f.by;
    r.by = f.by;
    qr_ctx c = {s, &r, &f, err, false};
    int rc = DYAD_OK;
    if (!qr_scope(&r, &f) ||
        !(r.title = dy_rp_str(&r, o->title && o->title[0] ? o->title : "Event report"))) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    size_t max_rows = o->max_rows ? o->max_rows : QR_ROWS_DEFAULT;
    size_t max_actors = o->max_actors ? o->max_actors : QR_ACTORS_DEFAULT;
    if ((rc = qr_totals(&c)) || (rc = qr_periods(&c)) || (rc = qr_network(&c, max_actors)) ||
        (rc = qr_codes(&c)) || (rc = qr_table(&c, max_rows)) ||
        (rc = qr_episodes(&c, o->max_episodes ? o->max_episodes : QR_EPISODES_DEFAULT)) ||
        (rc = qr_provenance(&c)))
        goto done;
    if (r.events == 0 &&
        !dy_rp_add_kv(&r, &r.notes, &r.nnotes, &r.cap_notes, "No events.",
                      "Nothing in the store matches this scope; every chart below is empty.")) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    rc = dy_report_render(&r, out, err);
done:
    dy_report_free(&r);
    return rc;
}
