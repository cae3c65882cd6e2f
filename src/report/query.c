/* query.c — fill a dy_report from the store. Every figure is a GROUP BY in
 * SQL (SQLite or PostgreSQL, through dy_store_select), so the page carries
 * aggregates, not events, and stays small and exact for any store size.
 *
 * One grouped pass per chart, shaped so SQLite can answer it from an index:
 *   time cube     (period, quad)             -> headline figures, timeline, say/do
 *   actor ranking (source) + (target)        -> network nodes, actor count
 *                                               (the covering events_source/target indexes)
 *   network cube  (source, target, code)     -> edges, dyad count, event types
 *                                               overall and per node (the unique key's order)
 *   node cells    (node, period, quad) x 2   -> the time charts of a clicked node
 *   table         ORDER BY date DESC LIMIT n -> the newest rows and their mentions
 * The C code below only adds up these grouped rows, never events.
 * Every ORDER BY ends in a total tie-break: same store, same page. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "report/report.h"
#include "store/store.h"

#define QR_ROWS_DEFAULT 1000
#define QR_ACTORS_DEFAULT 30
#define QR_EDGES_MAX 80
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
    struct qr_name_idx *byname;  /* the nodes in code order, for lookups */
    bool self;                   /* some node acts on itself (found by the network cube) */
    dy_rp_tally *grid;           /* node x period tallies, filled by the time cube and qr_cells */
    bool summary;                /* read the store's monthly summary (event_months) */
} qr_ctx;

typedef struct qr_name_idx {
    const char *code;
    uint32_t i;
} qr_name_idx;

static uint64_t qr_u(const char *v) { return v ? strtoull(v, NULL, 10) : 0; }
static double qr_d(const char *v) { return v ? strtod(v, NULL) : 0; }
static const char *qr_s(const char *v) { return v ? v : ""; }

static int qr_nomem(qr_ctx *c)
{
    return dy_fail(c->err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
}

/* " FROM events e WHERE 1=1 AND <filters>" */
static bool qr_from(qr_ctx *c, dy_buf *sql, dy_params *p)
{
    return dy_buf_puts(sql, " FROM events e WHERE 1=1") && dy_store_where(c->f, sql, p, c->err);
}

/* The same over the passes that need nothing finer than (source, target,
 * month, quad): the store's monthly summary when it has one and the report
 * allows it (docs/store.md), else the events table. */
static bool qr_from_months(qr_ctx *c, dy_buf *sql, dy_params *p)
{
    return c->summary ? dy_buf_puts(sql, " FROM event_months e WHERE 1=1") &&
                            dy_store_where(c->f, sql, p, c->err)
                      : qr_from(c, sql, p);
}

/* Column expressions for those passes: events, Goldstein sum and count,
 * mentions, the date column, and the period label. */
typedef struct qr_cols {
    const char *n, *gsum, *gn, *mentions, *date, *period;
} qr_cols;

static qr_cols qr_columns(const qr_ctx *c)
{
    if (c->summary)
        return (qr_cols){"SUM(e.events)", "SUM(e.gold_sum)", "SUM(e.gold_n)", "SUM(e.mentions)",
                         "e.month", c->r->by == DYAD_BY_YEAR ? "substr(e.month, 1, 4)" : "e.month"};
    return (qr_cols){"COUNT(*)", "SUM(e.goldstein)", "COUNT(e.goldstein)", "SUM(e.mentions)",
                     "e.date", dy_store_period_expr(c->r->by)};
}

static int qr_count_row(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(uint64_t *)user = v[0] ? strtoull(v[0], NULL, 10) : 0;
    return 0;
}

/* The summary serves month and year reports filtered by actor, dyad or quad
 * only (it has no codes and no days). */
static int qr_pick_source(qr_ctx *c)
{
    const dyad_query *f = c->f;
    if ((f->by != DYAD_BY_MONTH && f->by != DYAD_BY_YEAR) || (f->code && f->code[0]) ||
        (f->root && f->root[0]) || (f->plover && f->plover[0]) || (f->from && f->from[0]) ||
        (f->to && f->to[0]) || f->no_summary)
        return DYAD_OK;
    uint64_t have = 0;
    const char *probe = dy_store_kind(c->s) == DY_DB_PG
        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'event_months'"
          " AND table_schema = current_schema()"
        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'event_months'";
    int rc = dy_store_select(c->s, probe, NULL, 0, NULL, qr_count_row, &have, c->err);
    c->summary = !rc && have;
    return rc;
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
        rc = c->err && c->err->code ? (int)c->err->code : qr_nomem(c);
    else
        rc = dy_store_select(c->s, sql->p, (const char *const *)p->v, p->n, NULL, fn, user, c->err);
    if (!rc && c->oom)
        rc = qr_nomem(c);
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

/* ---- actor ranking: events per actor as source and as target ---- */

typedef struct qr_arun {
    qr_ctx *c;
    dy_rp_actor *all;    /* every actor in scope */
    size_t nall, cap;
} qr_arun;

/* rows: actor, as source, as target, dated as source, dated as target (code order) */
static int qr_actor_row(void *user, size_t n, const char *const *v)
{
    qr_arun *ar = user;
    (void)n;
    uint64_t ns = qr_u(v[1]), nt = qr_u(v[2]);
    dy_rp_actor a = {dy_rp_str(ar->c->r, qr_s(v[0])), ns, nt, ns + nt, qr_u(v[3]) + qr_u(v[4]), 0, 0};
    if (!a.code || !DY_VEC_PUSH(ar->all, ar->nall, ar->cap, a))
        ar->c->oom = true;
    return ar->c->oom;
}

static int qr_rank_cmp(const void *a, const void *b)
{
    const dy_rp_actor *x = a, *y = b;
    uint64_t nx = x->as_source + x->as_target, ny = y->as_source + y->as_target;
    if (nx != ny)
        return nx > ny ? -1 : 1;
    return strcmp(x->code, y->code);
}

static int qr_byname_cmp(const void *a, const void *b)
{
    return strcmp(((const qr_name_idx *)a)->code, ((const qr_name_idx *)b)->code);
}

/* The node for an actor code, or SIZE_MAX. */
static size_t qr_node(const qr_ctx *c, const char *code)
{
    size_t lo = 0, hi = c->r->nactors;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = strcmp(c->byname[mid].code, code);
        if (k == 0)
            return c->byname[mid].i;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* The nodes: the actors with most events as source plus as target. An event
 * of an actor on itself counts once in `involved` and `dated`; the network
 * cube corrects those for the nodes (such events are rare: the coder makes
 * none, only loaded files can hold them). */
static int qr_actors(qr_ctx *c, size_t max_actors)
{
    dy_report *r = c->r;
    qr_arun ar = {c, NULL, 0, 0};
    dy_buf sql = {0};
    dy_params p = {0};
    /* each half reads only its covering index (actor, date, ...) */
    qr_cols k = qr_columns(c);
    const char *one = c->summary ? "e.events" : "1";
    bool ok = dy_buf_printf(&sql, "SELECT a, SUM(ns), SUM(nt), SUM(ds), SUM(dt) FROM ("
                                  "SELECT e.source AS a, %s AS ns, 0 AS nt,"
                                  " SUM(CASE WHEN %s <> '' THEN %s ELSE 0 END) AS ds, 0 AS dt",
                            k.n, k.date, one) &&
              qr_from_months(c, &sql, &p) &&
              dy_buf_printf(&sql, " GROUP BY e.source UNION ALL SELECT e.target, 0, %s, 0,"
                                  " SUM(CASE WHEN %s <> '' THEN %s ELSE 0 END)", k.n, k.date, one) &&
              qr_from_months(c, &sql, &p) &&
              dy_buf_puts(&sql, " AND e.target <> '' GROUP BY e.target) x GROUP BY a ORDER BY a");
    int rc = qr_run(c, &sql, &p, ok, qr_actor_row, &ar);
    if (!rc) {
        r->actors_total = ar.nall;
        if (ar.nall)
            qsort(ar.all, ar.nall, sizeof *ar.all, qr_rank_cmp);
        r->actors = ar.all;
        r->nactors = ar.nall < max_actors ? ar.nall : max_actors;
        r->cap_actors = ar.cap;
        ar.all = NULL;
        if (r->nactors && !(c->byname = calloc(r->nactors, sizeof *c->byname)))
            rc = qr_nomem(c);
        for (size_t i = 0; i < r->nactors && !rc; i++)
            c->byname[i] = (qr_name_idx){r->actors[i].code, (uint32_t)i};
        if (!rc && r->nactors)
            qsort(c->byname, r->nactors, sizeof *c->byname, qr_byname_cmp);
    }
    free(ar.all);
    return rc;
}

/* ---- the network cube: (source, target, code) gives edges and event types ---- */

typedef struct qr_ccode {   /* one code's events in scope */
    const char *code;
    uint64_t n, q[DY_RP_NQUAD];
} qr_ccode;

typedef struct qr_nc {      /* one code's events for one node */
    uint32_t node;
    const char *code;       /* the string in codes[] (one per code) */
    uint64_t n;
} qr_nc;

typedef struct qr_cube {
    qr_ctx *c;
    qr_ccode *codes; size_t ncodes, cap_codes;   /* in code order */
    qr_nc *nc; size_t nnc, cap_nc;
    size_t nnc_merged;                           /* nc[0..nnc_merged) is merged */
    dy_buf last_src, last_tgt;                   /* the dyad of the previous row */
    bool have_last, last_edge;
    bool self;                                   /* a node acts on itself */
} qr_cube;

static size_t qr_code_slot(qr_cube *cb, const char *code)
{
    size_t lo = 0, hi = cb->ncodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = strcmp(cb->codes[mid].code, code);
        if (k == 0)
            return mid;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    qr_ccode nc = {dy_rp_str(cb->c->r, code), 0, {0}};
    if (!nc.code || !dy_grow((void **)&cb->codes, &cb->cap_codes, cb->ncodes + 1, sizeof *cb->codes))
        return SIZE_MAX;
    memmove(&cb->codes[lo + 1], &cb->codes[lo], (cb->ncodes - lo) * sizeof *cb->codes);
    cb->codes[lo] = nc;
    cb->ncodes++;
    return lo;
}

static int qr_nc_cmp(const void *a, const void *b)
{
    const qr_nc *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* Sum the (node, code) pairs: at most nodes x codes remain. */
static void qr_nc_merge(qr_cube *cb)
{
    if (cb->nnc)
        qsort(cb->nc, cb->nnc, sizeof *cb->nc, qr_nc_cmp);
    size_t w = 0;
    for (size_t i = 0; i < cb->nnc; i++) {
        if (w && cb->nc[w - 1].node == cb->nc[i].node && cb->nc[w - 1].code == cb->nc[i].code)
            cb->nc[w - 1].n += cb->nc[i].n;
        else
            cb->nc[w++] = cb->nc[i];
    }
    cb->nnc = cb->nnc_merged = w;
}

static bool qr_nc_add(qr_cube *cb, size_t node, const char *code, uint64_t n)
{
    /* merged whenever it has doubled, so memory stays near nodes x codes */
    if (cb->nnc >= 4096 && cb->nnc >= 2 * cb->nnc_merged)
        qr_nc_merge(cb);
    qr_nc e = {(uint32_t)node, code, n};
    return DY_VEC_PUSH(cb->nc, cb->nnc, cb->cap_nc, e);
}

/* rows: source, target, code, count, count per quad 1..4, gsum, gn, dated (in that order) */
static int qr_cube_row(void *user, size_t n, const char *const *v)
{
    qr_cube *cb = user;
    qr_ctx *c = cb->c;
    dy_report *r = c->r;
    (void)n;
    const char *src = qr_s(v[0]), *tgt = qr_s(v[1]);
    uint64_t k = qr_u(v[3]), q[DY_RP_NQUAD] = {0, qr_u(v[4]), qr_u(v[5]), qr_u(v[6]), qr_u(v[7])};
    q[0] = k - q[1] - q[2] - q[3] - q[4];
    double gsum = qr_d(v[8]);
    uint64_t gn = qr_u(v[9]);
    size_t code = qr_code_slot(cb, qr_s(v[2]));
    if (code == SIZE_MAX) {
        c->oom = true;
        return 1;
    }
    cb->codes[code].n += k;
    for (int i = 0; i < DY_RP_NQUAD; i++)
        cb->codes[code].q[i] += q[i];
    const char *cs = cb->codes[code].code;
    size_t s = qr_node(c, src), t = tgt[0] ? qr_node(c, tgt) : SIZE_MAX;
    if (s != SIZE_MAX && s == t) { /* counted as source and as target: once is right */
        r->actors[s].involved -= k;
        r->actors[s].dated -= qr_u(v[10]);
        cb->self = true;
    }
    if ((s != SIZE_MAX && !qr_nc_add(cb, s, cs, k)) ||
        (t != SIZE_MAX && t != s && !qr_nc_add(cb, t, cs, k))) {
        c->oom = true;
        return 1;
    }
    /* rows come in (source, target) order: a new dyad starts where either changes */
    bool fresh = !cb->have_last || strcmp(cb->last_src.p, src) != 0 || strcmp(cb->last_tgt.p, tgt) != 0;
    if (fresh) {
        cb->last_src.n = cb->last_tgt.n = 0;
        if (!dy_buf_puts(&cb->last_src, src) || !dy_buf_cstr(&cb->last_src) ||
            !dy_buf_puts(&cb->last_tgt, tgt) || !dy_buf_cstr(&cb->last_tgt)) {
            c->oom = true;
            return 1;
        }
        cb->have_last = true;
        if (tgt[0])
            r->edges_total++;
        cb->last_edge = false;
        if (s != SIZE_MAX && t != SIZE_MAX) {
            dy_rp_edge e = {(uint32_t)s, (uint32_t)t, {{0}, 0, 0}};
            if (!DY_VEC_PUSH(r->edges, r->nedges, r->cap_edges, e)) {
                c->oom = true;
                return 1;
            }
            cb->last_edge = true;
        }
    }
    if (cb->last_edge) {
        dy_rp_tally *et = &r->edges[r->nedges - 1].t;
        for (int i = 0; i < DY_RP_NQUAD; i++)
            et->n[i] += q[i];
        et->gsum += gsum;
        et->gn += gn;
    }
    return 0;
}

static int qr_edge_cmp(const void *a, const void *b)
{
    const dy_rp_edge *x = a, *y = b;
    uint64_t nx = dy_rp_tally_total(&x->t), ny = dy_rp_tally_total(&y->t);
    if (nx != ny)
        return nx > ny ? -1 : 1;
    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    return x->tgt < y->tgt ? -1 : x->tgt > y->tgt;
}

/* The quad a code is drawn in: the class most of its events have (lowest on a tie). */
static int qr_code_quad(const qr_ccode *k)
{
    int best = 0;
    for (int i = 1; i < DY_RP_NQUAD; i++)
        if (k->q[i] > k->q[best] || (best == 0 && k->q[i] && k->q[i] == k->q[0]))
            best = i;
    return best;
}

typedef struct qr_names {
    qr_ctx *c;
    dy_rp_kv *v;    /* the store's codebook: code -> name, in code order */
    size_t n, cap;
} qr_names;

static int qr_name_row(void *user, size_t n, const char *const *v)
{
    qr_names *nm = user;
    (void)n;
    if (!dy_rp_add_kv(nm->c->r, &nm->v, &nm->n, &nm->cap, qr_s(v[0]), qr_s(v[1])))
        nm->c->oom = true;
    return nm->c->oom;
}

static const char *qr_name(const qr_names *nm, const char *code)
{
    size_t lo = 0, hi = nm->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = strcmp(nm->v[mid].key, code);
        if (k == 0)
            return nm->v[mid].value;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const dyad_code_info *ci = dyad_codebook_lookup(code);
    return ci && ci->name ? ci->name : "";
}

static int qr_ccode_cmp(const void *a, const void *b)
{
    const qr_ccode *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
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

/* Event types: the top codes overall, then each node's own (node order). */
static int qr_code_list(qr_cube *cb, const qr_names *nm)
{
    dy_report *r = cb->c->r;
    dy_rp_code *tmp = NULL;
    size_t ntmp = 0, cap = 0;
    /* each node's codes: both halves of the cube summed per (node, code);
     * codes[] is still in code order here */
    qr_nc_merge(cb);
    for (size_t i = 0; i < cb->nnc; i++) {
        const qr_nc *e = &cb->nc[i];
        const qr_ccode *k = &cb->codes[qr_code_slot(cb, e->code)];
        dy_rp_code rc = {e->node, k->code, NULL, qr_code_quad(k), e->n};
        if (!DY_VEC_PUSH(tmp, ntmp, cap, rc)) {
            free(tmp);
            return qr_nomem(cb->c);
        }
    }
    if (ntmp)
        qsort(tmp, ntmp, sizeof *tmp, qr_code_by_count);
    if (cb->ncodes)
        qsort(cb->codes, cb->ncodes, sizeof *cb->codes, qr_ccode_cmp);
    bool ok = true;
    for (size_t i = 0; i < cb->ncodes && i < QR_CODES_TOP && ok; i++) {
        const qr_ccode *k = &cb->codes[i];
        dy_rp_code rc = {UINT32_MAX, k->code, dy_rp_str(r, qr_name(nm, k->code)), qr_code_quad(k), k->n};
        ok = rc.name && DY_VEC_PUSH(r->codes, r->ncodes, r->cap_codes, rc);
    }
    size_t have = 0;
    for (size_t i = 0; i < ntmp && ok; i++) {
        have = i && tmp[i].node == tmp[i - 1].node ? have + 1 : 0;
        if (have >= QR_CODES_NODE)
            continue;
        tmp[i].name = dy_rp_str(r, qr_name(nm, tmp[i].code));
        ok = tmp[i].name && DY_VEC_PUSH(r->codes, r->ncodes, r->cap_codes, tmp[i]);
    }
    free(tmp);
    return ok ? DYAD_OK : qr_nomem(cb->c);
}

static int qr_network(qr_ctx *c)
{
    dy_report *r = c->r;
    qr_cube cb = {0};
    cb.c = c;
    qr_names nm = {c, NULL, 0, 0};
    dy_buf sql = {0};
    dy_params p = {0};
    int rc = qr_run(c, &sql, &p, dy_buf_puts(&sql, "SELECT c.code, c.name FROM codes c ORDER BY c.code"),
                    qr_name_row, &nm);
    if (!rc) {
        /* grouped in the unique key's order (source, target, code, date): no sort */
        bool ok = dy_buf_puts(&sql, "SELECT e.source, e.target, e.code, COUNT(*)");
        for (int q = 1; q <= 4 && ok; q++)
            ok = dy_buf_printf(&sql, ", SUM(CASE WHEN e.quad = %d THEN 1 ELSE 0 END)", q);
        ok = ok && dy_buf_puts(&sql, ", SUM(e.goldstein), COUNT(e.goldstein),"
                                     " SUM(CASE WHEN e.date <> '' THEN 1 ELSE 0 END)") &&
             qr_from(c, &sql, &p) &&
             dy_buf_puts(&sql, " GROUP BY e.source, e.target, e.code ORDER BY 1, 2, 3");
        rc = qr_run(c, &sql, &p, ok, qr_cube_row, &cb);
    }
    if (!rc) {
        if (r->nedges)
            qsort(r->edges, r->nedges, sizeof *r->edges, qr_edge_cmp);
        if (r->nedges > QR_EDGES_MAX)
            r->nedges = QR_EDGES_MAX;
        for (size_t i = 0; i < cb.ncodes; i++)
            if (strncmp(cb.codes[i].code, "181", 3) == 0)
                r->takings += cb.codes[i].n;
        rc = qr_code_list(&cb, &nm);
        c->self = cb.self;
    }
    free(cb.codes);
    free(cb.nc);
    dy_buf_free(&cb.last_src);
    dy_buf_free(&cb.last_tgt);
    free(nm.v);
    return rc;
}

/* ---- the time cube: (node or other, period, quad) ----
 * One pass gives the headline figures, the series (summed over the groups)
 * and the nodes' cells as source; the events of actors outside the network
 * group together under ''. Undated events form the period '' (counted, not drawn). */

typedef struct qr_trow {
    const char *label;     /* arena string */
    uint32_t node;         /* UINT32_MAX: not a node */
    dy_rp_tally t;
} qr_trow;

typedef struct qr_trun {
    qr_ctx *c;
    qr_trow *rows;
    size_t n, cap;
} qr_trun;

/* rows: actor or '', period, quad, count, gsum, gn, mentions, min date, max date */
static int qr_time_row(void *user, size_t n, const char *const *v)
{
    qr_trun *tr = user;
    qr_ctx *c = tr->c;
    dy_report *r = c->r;
    (void)n;
    const char *actor = qr_s(v[0]), *label = qr_s(v[1]), *lo = qr_s(v[7]), *hi = qr_s(v[8]);
    int quad = atoi(qr_s(v[2]));
    uint64_t k = qr_u(v[3]), gn = qr_u(v[5]);
    double gsum = qr_d(v[4]);
    qr_tally_add(&r->total, quad, k, gsum, gn);
    r->events += k;
    r->mentions_total += qr_u(v[6]);
    if (!hi[0]) {
        r->undated += k;
        return 0;
    }
    if ((!r->from[0] || strcmp(lo, r->from) < 0) && !(r->from = dy_rp_str(r, lo)))
        c->oom = true;
    if (strcmp(hi, r->to) > 0 && !(r->to = dy_rp_str(r, hi)))
        c->oom = true;
    size_t node = actor[0] ? qr_node(c, actor) : SIZE_MAX;
    qr_trow row = {NULL, node == SIZE_MAX ? UINT32_MAX : (uint32_t)node, {{0}, 0, 0}};
    /* labels repeat for every group: share the previous row's copy when equal */
    if (tr->n && strcmp(tr->rows[tr->n - 1].label, label) == 0)
        row.label = tr->rows[tr->n - 1].label;
    else
        row.label = dy_rp_str(r, label);
    qr_tally_add(&row.t, quad, k, gsum, gn);
    if (c->oom || !row.label || !DY_VEC_PUSH(tr->rows, tr->n, tr->cap, row))
        c->oom = true;
    return c->oom;
}

/* rows: ..., first date, last date (the summary's months are not days) */
static int qr_span_row(void *user, size_t n, const char *const *v)
{
    qr_ctx *c = user;
    (void)n;
    dy_report *r = c->r;
    if (!(r->from = dy_rp_str(r, qr_s(v[7]))) || !(r->to = dy_rp_str(r, qr_s(v[8]))))
        c->oom = true;
    return c->oom;
}

static int qr_label_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void qr_tally_sum(dy_rp_tally *to, const dy_rp_tally *t)
{
    for (int q = 0; q < DY_RP_NQUAD; q++)
        to->n[q] += t->n[q];
    to->gsum += t->gsum;
    to->gn += t->gn;
}

static int qr_timeline(qr_ctx *c)
{
    dy_report *r = c->r;
    qr_trun tr = {c, NULL, 0, 0};
    const char **labels = NULL;
    dy_buf sql = {0};
    dy_params p = {0};
    qr_cols k = qr_columns(c);
    bool ok = dy_buf_puts(&sql, "SELECT ");
    if (r->nactors)
        ok = ok && dy_buf_puts(&sql, "CASE WHEN 1=1") && qr_in_nodes(c, &sql, &p, "e.source") &&
             dy_buf_puts(&sql, " THEN e.source ELSE '' END");
    else
        ok = ok && dy_buf_puts(&sql, "''");
    ok = ok && dy_buf_printf(&sql, " AS a, %s AS p, e.quad, %s, %s, %s, %s, MIN(%s), MAX(%s)",
                             k.period, k.n, k.gsum, k.gn, k.mentions, k.date, k.date) &&
         qr_from_months(c, &sql, &p) && dy_buf_puts(&sql, " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    int rc = qr_run(c, &sql, &p, ok, qr_time_row, &tr);
    if (!rc && c->summary) {
        /* the summary knows months: the first and last day come from the
         * events (an index-only scan of events_source) */
        r->from = r->to = "";
        ok = dy_buf_puts(&sql, "SELECT '', '', 0, 0, 0, 0, 0, MIN(CASE WHEN e.date <> '' THEN e.date END),"
                               " MAX(e.date)") && qr_from(c, &sql, &p);
        rc = qr_run(c, &sql, &p, ok, qr_span_row, c);
    }
    /* the periods: every label once, in order, then the gaps filled */
    if (!rc && tr.n && !(labels = calloc(tr.n, sizeof *labels)))
        rc = qr_nomem(c);
    size_t nl = 0;
    for (size_t i = 0; i < tr.n && !rc; i++)
        labels[nl++] = tr.rows[i].label;
    if (!rc && nl)
        qsort(labels, nl, sizeof *labels, qr_label_cmp);
    for (size_t i = 0; i < nl && !rc; i++) {
        if (i && strcmp(labels[i], labels[i - 1]) == 0)
            continue;
        dy_rp_period per = {labels[i], {{0}, 0, 0}};
        if (!DY_VEC_PUSH(r->periods, r->nperiods, r->cap_periods, per))
            rc = qr_nomem(c);
    }
    if (!rc)
        rc = qr_fill_gaps(c);
    size_t cells = 0;
    if (!rc && r->nperiods && r->nactors &&
        (!dy_mul_ok(r->nactors, r->nperiods, &cells) || !(c->grid = calloc(cells, sizeof *c->grid))))
        rc = qr_nomem(c);
    for (size_t i = 0; i < tr.n && !rc; i++) {
        const qr_trow *w = &tr.rows[i];
        size_t pi = qr_period_index(r, w->label);
        if (pi == SIZE_MAX)
            continue;
        qr_tally_sum(&r->periods[pi].t, &w->t);
        if (w->node != UINT32_MAX && c->grid)
            qr_tally_sum(&c->grid[w->node * r->nperiods + pi], &w->t);
    }
    free(labels);
    free(tr.rows);
    return rc;
}

/* ---- node cells: the nodes' events as target, so a click redraws the time charts ---- */

typedef struct qr_grid {
    qr_ctx *c;
    int sign;          /* +1 adds the rows, -1 takes them away */
} qr_grid;

static int qr_cell_row(void *user, size_t n, const char *const *v)
{
    qr_grid *g = user;
    (void)n;
    dy_report *r = g->c->r;
    size_t a = qr_node(g->c, qr_s(v[0])), p = qr_period_index(r, qr_s(v[1]));
    if (a == SIZE_MAX || p == SIZE_MAX)
        return 0;
    dy_rp_tally *t = &g->c->grid[a * r->nperiods + p];
    int quad = atoi(qr_s(v[2]));
    quad = quad >= 1 && quad <= 4 ? quad : 0;
    if (g->sign > 0) {
        qr_tally_add(t, quad, qr_u(v[3]), qr_d(v[4]), qr_u(v[5]));
    } else {
        t->n[quad] -= qr_u(v[3]);
        t->gsum -= qr_d(v[4]);
        t->gn -= qr_u(v[5]);
    }
    return 0;
}

static int qr_cells(qr_ctx *c)
{
    dy_report *r = c->r;
    if (!c->grid)
        return DYAD_OK;
    qr_grid g = {c, 1};
    qr_cols k = qr_columns(c);
    int rc = DYAD_OK;
    /* as target (from its covering index); when a node acts on itself, those
     * events once less, since the time cube counted them as source */
    for (int pass = 0; pass < (c->self ? 2 : 1) && !rc; pass++) {
        dy_buf sql = {0};
        dy_params p = {0};
        g.sign = pass ? -1 : 1;
        bool ok = dy_buf_printf(&sql, "SELECT e.target, %s AS p, e.quad, %s, %s, %s", k.period, k.n,
                                k.gsum, k.gn) &&
                  qr_from_months(c, &sql, &p) && qr_in_nodes(c, &sql, &p, "e.target") &&
                  dy_buf_printf(&sql, " AND %s <> ''%s GROUP BY e.target, %s, e.quad ORDER BY 1, 2, 3",
                                k.date, pass ? " AND e.target = e.source" : "", k.period);
        rc = qr_run(c, &sql, &p, ok, qr_cell_row, &g);
    }
    size_t cells = r->nactors * r->nperiods;
    for (size_t i = 0; i < cells && !rc; i++) {
        const dy_rp_tally *t = &c->grid[i];
        if (!dy_rp_tally_total(t))
            continue;
        dy_rp_cell cell = {(uint32_t)(i / r->nperiods), (uint32_t)(i % r->nperiods), *t};
        if (!DY_VEC_PUSH(r->cells, r->ncells, r->cap_cells, cell))
            rc = qr_nomem(c);
    }
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
              qr_from(c, &sql, &p) && dy_buf_printf(&sql, "%s LIMIT %zu", order, max_rows);
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
         qr_from(c, &sql, &p) &&
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
    qr_ctx c = {s, &r, &f, err, false, NULL, false, NULL, false};
    int rc = DYAD_OK;
    if (!qr_scope(&r, &f) ||
        !(r.title = dy_rp_str(&r, o->title && o->title[0] ? o->title : "Event report"))) {
        rc = qr_nomem(&c);
        goto done;
    }
    size_t max_rows = o->max_rows ? o->max_rows : QR_ROWS_DEFAULT;
    size_t max_actors = o->max_actors ? o->max_actors : QR_ACTORS_DEFAULT;
    if ((rc = qr_pick_source(&c)) || (rc = qr_actors(&c, max_actors)) || (rc = qr_timeline(&c)) || (rc = qr_network(&c)) ||
        (rc = qr_cells(&c)) || (rc = qr_table(&c, max_rows)) ||
        (r.takings && (rc = qr_episodes(&c, o->max_episodes ? o->max_episodes : QR_EPISODES_DEFAULT))) ||
        (rc = dy_rp_provenance(s, &r, err)))
        goto done;
    if (r.events == 0 &&
        !dy_rp_add_kv(&r, &r.notes, &r.nnotes, &r.cap_notes, "No events.",
                      "Nothing in the store matches this scope; every chart below is empty.")) {
        rc = qr_nomem(&c);
        goto done;
    }
    rc = dy_report_render(&r, out, err);
done:
    free(c.byname);
    free(c.grid);
    dy_report_free(&r);
    return rc;
}
