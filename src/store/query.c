/* query.c — the analyses behind `dyad query`: period series, top partners,
 * say/do, crisis episodes and event listings.
 *
 * Aggregation happens in SQL (the same text on both backends); C only
 * formats numbers identically for both and derives ratios from the sums.
 * Episodes are linked in C from one ordered SQL scan (docs/store.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

/* ---------------------------------------------------------------- params */

bool dy_params_add(dy_params *p, const char *s)
{
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (!c)
        return false;
    memcpy(c, s, n + 1);
    if (!DY_VEC_PUSH(p->v, p->n, p->cap, c)) {
        free(c);
        return false;
    }
    return true;
}

void dy_params_free(dy_params *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    memset(p, 0, sizeof *p);
}

/* ---------------------------------------------------------------- filters */

const char *dy_store_period_expr(dyad_period by)
{
    switch (by) {
    case DYAD_BY_DAY: return "e.date";
    case DYAD_BY_WEEK: return "e.week";
    case DYAD_BY_MONTH: return "substr(e.date, 1, 7)";
    case DYAD_BY_YEAR: return "substr(e.date, 1, 4)";
    case DYAD_BY_NONE: break;
    }
    return "'all'";
}

static bool qy_pattern_ok(const char *p)
{
    if (*p == '=')
        p++;
    size_t n = strlen(p);
    if (n && p[n - 1] == '*')
        n--;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] <= ' ' || p[i] >= '~' || p[i] == '*' || p[i] == '\'')
            return false;
    return true;
}

/* col matches pattern: "=X" exact; "X" or "X*" prefix, as a byte range so
 * the index serves it on both backends (PostgreSQL columns are COLLATE "C"). */
static bool qy_prefix_cond(dy_buf *sql, dy_params *p, const char *col, const char *pat)
{
    char lo[80], hi[80];
    if (*pat == '=')
        return dy_buf_printf(sql, "%s = ?", col) && dy_params_add(p, pat + 1);
    size_t n = strlen(pat);
    if (n && pat[n - 1] == '*')
        n--;
    snprintf(lo, sizeof lo, "%.*s", (int)n, pat);
    snprintf(hi, sizeof hi, "%.*s", (int)n, pat);
    hi[n - 1]++; /* qy_pattern_ok keeps the last byte below '~' */
    return dy_buf_printf(sql, "(%s >= ? AND %s < ?)", col, col) && dy_params_add(p, lo) &&
           dy_params_add(p, hi);
}

bool dy_store_actor_cond(dy_buf *sql, dy_params *p, const char *col, const char *pattern)
{
    return qy_prefix_cond(sql, p, col, pattern);
}

static bool qy_set(const char *s) { return s && *s; }

static bool qy_date_ok(const char *s)
{
    int64_t d;
    return dy_store_date_parse(s, &d);
}

bool dy_store_where(const dyad_query *q, dy_buf *sql, dy_params *p, dyad_error *err)
{
    const char *bad = NULL;
    if (qy_set(q->actor) && !qy_pattern_ok(q->actor))
        bad = "bad actor pattern";
    else if ((qy_set(q->dyad_a) != qy_set(q->dyad_b)) ||
             (qy_set(q->dyad_a) && (!qy_pattern_ok(q->dyad_a) || !qy_pattern_ok(q->dyad_b))))
        bad = "a dyad needs two actor patterns, A,B";
    else if (qy_set(q->code) && !qy_pattern_ok(q->code))
        bad = "bad code pattern";
    else if (qy_set(q->root) && !qy_pattern_ok(q->root))
        bad = "bad root";
    else if (qy_set(q->plover) && !qy_pattern_ok(q->plover))
        bad = "bad PLOVER type";
    else if (q->quad < 0 || q->quad > 4)
        bad = "quad must be 1-4";
    else if ((qy_set(q->from) && !qy_date_ok(q->from)) || (qy_set(q->to) && !qy_date_ok(q->to)))
        bad = "dates must be YYYY-MM-DD";
    if (bad) {
        dy_fail(err, DYAD_E_ARG, bad, NULL, 0, 0, NULL, 0);
        return false;
    }
    bool ok = true;
    if (qy_set(q->actor)) {
        ok = ok && dy_buf_puts(sql, " AND (") && qy_prefix_cond(sql, p, "e.source", q->actor) &&
             dy_buf_puts(sql, " OR ") && qy_prefix_cond(sql, p, "e.target", q->actor) &&
             dy_buf_puts(sql, ")");
    }
    if (qy_set(q->dyad_a)) {
        ok = ok && dy_buf_puts(sql, " AND ((") && qy_prefix_cond(sql, p, "e.source", q->dyad_a) &&
             dy_buf_puts(sql, " AND ") && qy_prefix_cond(sql, p, "e.target", q->dyad_b) &&
             dy_buf_puts(sql, ")");
        if (!q->directed)
            ok = ok && dy_buf_puts(sql, " OR (") &&
                 qy_prefix_cond(sql, p, "e.source", q->dyad_b) && dy_buf_puts(sql, " AND ") &&
                 qy_prefix_cond(sql, p, "e.target", q->dyad_a) && dy_buf_puts(sql, ")");
        ok = ok && dy_buf_puts(sql, ")");
    }
    if (qy_set(q->code))
        ok = ok && dy_buf_puts(sql, " AND ") && qy_prefix_cond(sql, p, "e.code", q->code);
    if (qy_set(q->root))
        ok = ok && dy_buf_puts(sql, " AND e.root = ?") &&
             dy_params_add(p, q->root[0] == '=' ? q->root + 1 : q->root);
    if (qy_set(q->plover))
        ok = ok && dy_buf_puts(sql, " AND e.plover = ?") &&
             dy_params_add(p, q->plover[0] == '=' ? q->plover + 1 : q->plover);
    if (q->quad)
        ok = ok && dy_buf_printf(sql, " AND e.quad = %d", q->quad);
    if (qy_set(q->from))
        ok = ok && dy_buf_puts(sql, " AND e.date >= ?") && dy_params_add(p, q->from);
    if (qy_set(q->to))
        ok = ok && dy_buf_puts(sql, " AND e.date <= ? AND e.date <> ''") && dy_params_add(p, q->to);
    if (!ok)
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    return ok;
}

/* " FROM <events> e WHERE 1=1 <filters>", where <events> is the events
 * table, or for --window N > 1 only the first event of each chain of
 * same-triple events less than N days apart. `extra` is a query with other
 * filters to apply too (or NULL). */
static bool qy_from(const dyad_query *q, const dyad_query *fq, dy_buf *sql, dy_params *p,
                    dyad_error *err)
{
    if (q->dedup == DYAD_DEDUP_EVENTS && q->window > 1) {
        return dy_buf_printf(sql,
                   " FROM (SELECT x.* FROM (SELECT e.*, CASE WHEN e.dayn - LAG(e.dayn) OVER"
                   " (PARTITION BY e.source, e.target, e.code ORDER BY e.dayn) < %d"
                   " THEN 0 ELSE 1 END AS chain_start FROM events e WHERE 1=1", q->window) &&
               dy_store_where(fq, sql, p, err) &&
               dy_buf_puts(sql, ") x WHERE x.chain_start = 1) e WHERE 1=1");
    }
    return dy_buf_puts(sql, " FROM events e WHERE 1=1") && dy_store_where(fq, sql, p, err);
}

/* Where a series, say/do or partners query reads: the events table, or the
 * monthly summary event_months when the query needs nothing finer than
 * (source, target, month, quad): no code, root, PLOVER or date filter, a
 * period of month, year or all, and no window. The two give the same
 * numbers (tests/unit/test_store.c compares them). */
typedef struct qy_src {
    bool months;
    const char *w;     /* the weight of a row: events counted */
    const char *gs;    /* Goldstein sum of a row (NULL: none) */
    const char *gn;    /* how much of the weight has a Goldstein value */
    const char *period;
} qy_src;

static bool qy_use_months(const dyad_query *q)
{
    if (q->no_summary || (q->by != DYAD_BY_MONTH && q->by != DYAD_BY_YEAR && q->by != DYAD_BY_NONE))
        return false;
    if (qy_set(q->code) || qy_set(q->root) || qy_set(q->plover) || qy_set(q->from) ||
        qy_set(q->to))
        return false;
    return !(q->dedup == DYAD_DEDUP_EVENTS && q->window > 1);
}

static qy_src qy_source(const dyad_query *q)
{
    bool m = q->dedup == DYAD_DEDUP_MENTIONS;
    if (qy_use_months(q)) {
        static const char *const per[] = {"'all'", "e.month", "substr(e.month, 1, 4)"};
        return (qy_src){true, m ? "e.mentions" : "e.events", m ? "e.gold_msum" : "e.gold_sum",
                        m ? "e.gold_mn" : "e.gold_n",
                        per[q->by == DYAD_BY_MONTH ? 1 : q->by == DYAD_BY_YEAR ? 2 : 0]};
    }
    return (qy_src){false, m ? "e.mentions" : "1", m ? "e.goldstein * e.mentions" : "e.goldstein",
                    m ? "CASE WHEN e.goldstein IS NULL THEN 0 ELSE e.mentions END"
                      : "CASE WHEN e.goldstein IS NULL THEN 0 ELSE 1 END",
                    dy_store_period_expr(q->by)};
}

/* " FROM <rows> e WHERE 1=1 <filters of fq>" for the source. */
static bool qy_from_src(const qy_src *src, const dyad_query *q, const dyad_query *fq, dy_buf *sql,
                        dy_params *p, dyad_error *err)
{
    if (src->months)
        return dy_buf_puts(sql, " FROM event_months e WHERE 1=1") && dy_store_where(fq, sql, p, err);
    return qy_from(q, fq, sql, p, err);
}

/* ---------------------------------------------------------------- running */

typedef struct qy_run {
    dyad_table *t;
    const char *kinds;
    bool oom;
} qy_run;

/* Format a number the same way whatever the backend printed. */
static void qy_num(char kind, const char *v, char *out, size_t cap)
{
    if (!v || !*v) {
        out[0] = 0;
        return;
    }
    double d = strtod(v, NULL);
    if (kind == 'i')
        snprintf(out, cap, "%.0f", d);
    else
        snprintf(out, cap, "%.3f", fabs(d) < 0.0005 ? 0.0 : d);
}

static int qy_row(void *user, size_t n, const char *const *v)
{
    qy_run *r = user;
    const char *vals[32];
    char nums[32][40];
    for (size_t i = 0; i < n && i < 32; i++) {
        if (r->kinds[i] == 'i' || r->kinds[i] == 'f') {
            qy_num(r->kinds[i], v[i], nums[i], sizeof nums[i]);
            vals[i] = nums[i];
        } else {
            vals[i] = v[i];
        }
    }
    if (!dy_table_add_row(r->t, vals)) {
        r->oom = true;
        return 1;
    }
    return 0;
}

static void qy_names(void *user, size_t n, const char *const *names)
{
    qy_run *r = user;
    if (!dy_table_set_names(r->t, n, names, r->kinds))
        r->oom = true;
}

static dyad_table *qy_table(dyad_store *s, const dy_buf *sql, const dy_params *p,
                            const char *kinds, dyad_error *err)
{
    qy_run r = {dy_table_new(), kinds, false};
    if (!r.t) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    int rc = dy_store_select(s, sql->p, (const char *const *)p->v, p->n, qy_names, qy_row, &r, err);
    if (!rc && r.oom)
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (rc) {
        dyad_table_free(r.t);
        return NULL;
    }
    return r.t;
}

/* ---------------------------------------------------------------- queries */

static bool qy_series(const dyad_query *q, dy_buf *sql, dy_params *p, const char **kinds,
                      dyad_error *err)
{
    qy_src c = qy_source(q);
    const char *w = c.w;
    *kinds = "siffiiiii";
    return dy_buf_printf(sql,
               "SELECT %s AS period, SUM(%s) AS events,"
               " CASE WHEN SUM(%s) > 0 THEN SUM(%s) END AS goldstein_sum,"
               " CASE WHEN SUM(%s) > 0 THEN SUM(%s) / SUM(%s) END AS goldstein_mean,"
               " SUM(CASE WHEN e.quad = 1 THEN %s ELSE 0 END) AS verbal_coop,"
               " SUM(CASE WHEN e.quad = 2 THEN %s ELSE 0 END) AS material_coop,"
               " SUM(CASE WHEN e.quad = 3 THEN %s ELSE 0 END) AS verbal_conflict,"
               " SUM(CASE WHEN e.quad = 4 THEN %s ELSE 0 END) AS material_conflict,"
               " SUM(CASE WHEN e.quad = 0 THEN %s ELSE 0 END) AS no_quad",
               c.period, w, c.gn, c.gs, c.gn, c.gs, c.gn, w, w, w, w, w) &&
           qy_from_src(&c, q, q, sql, p, err) && dy_buf_puts(sql, " GROUP BY 1 ORDER BY 1");
}

static bool qy_partners(const dyad_query *q, dy_buf *sql, dy_params *p, const char **kinds,
                        dyad_error *err)
{
    if (!qy_set(q->actor) || !qy_pattern_ok(q->actor)) {
        dy_fail(err, DYAD_E_ARG, "top partners need an actor pattern", NULL, 0, 0, NULL, 0);
        return false;
    }
    dyad_query fq = *q;
    fq.actor = NULL; /* the actor is one side, handled per branch below */
    qy_src c = qy_source(q);
    const char *w = c.w;
    int limit = q->limit > 0 ? q->limit : 10;
    *kinds = "siiiff";
    bool ok = dy_buf_printf(sql,
                  "SELECT partner, SUM(n) AS events, SUM(n_out) AS as_target, SUM(n_in) AS"
                  " as_source, CASE WHEN SUM(gn) > 0 THEN SUM(gs) END AS goldstein_sum,"
                  " CASE WHEN SUM(gn) > 0 THEN SUM(gs) / SUM(gn) END AS goldstein_mean"
                  " FROM (SELECT e.target AS partner, %s AS n, %s AS n_out, 0 AS n_in,"
                  " %s AS gs, %s AS gn", w, w, c.gs, c.gn) &&
              qy_from_src(&c, q, &fq, sql, p, err) && dy_buf_puts(sql, " AND ") &&
              qy_prefix_cond(sql, p, "e.source", q->actor) &&
              dy_buf_puts(sql, " AND e.target <> '' AND NOT ") &&
              qy_prefix_cond(sql, p, "e.target", q->actor) &&
              dy_buf_printf(sql, " UNION ALL SELECT e.source, %s, 0, %s, %s, %s", w, w, c.gs, c.gn) &&
              qy_from_src(&c, q, &fq, sql, p, err) && dy_buf_puts(sql, " AND ") &&
              qy_prefix_cond(sql, p, "e.target", q->actor) && dy_buf_puts(sql, " AND NOT ") &&
              qy_prefix_cond(sql, p, "e.source", q->actor) &&
              dy_buf_printf(sql, ") y GROUP BY partner ORDER BY 2 DESC, partner LIMIT %d", limit);
    return ok;
}

static bool qy_saydo_sql(const dyad_query *q, dy_buf *sql, dy_params *p, dyad_error *err)
{
    dyad_query fq = *q;
    fq.actor = NULL; /* say/do is about what the actor does: source only */
    qy_src c = qy_source(q);
    const char *w = c.w;
    const char *who = qy_set(q->actor) ? "'*'" : "e.source";
    bool ok = dy_buf_printf(sql,
                  "SELECT %s AS actor, %s AS period,"
                  " SUM(CASE WHEN e.quad = 1 THEN %s ELSE 0 END),"
                  " SUM(CASE WHEN e.quad = 2 THEN %s ELSE 0 END),"
                  " SUM(CASE WHEN e.quad = 3 THEN %s ELSE 0 END),"
                  " SUM(CASE WHEN e.quad = 4 THEN %s ELSE 0 END),"
                  " CASE WHEN SUM(CASE WHEN e.quad IN (1, 3) THEN %s ELSE 0 END) > 0 THEN"
                  "  SUM(CASE WHEN e.quad IN (1, 3) THEN %s END) /"
                  "  SUM(CASE WHEN e.quad IN (1, 3) THEN %s END) END,"
                  " CASE WHEN SUM(CASE WHEN e.quad IN (2, 4) THEN %s ELSE 0 END) > 0 THEN"
                  "  SUM(CASE WHEN e.quad IN (2, 4) THEN %s END) /"
                  "  SUM(CASE WHEN e.quad IN (2, 4) THEN %s END) END",
                  who, c.period, w, w, w, w, c.gn, c.gs, c.gn, c.gn, c.gs, c.gn) &&
              qy_from_src(&c, q, &fq, sql, p, err);
    if (ok && qy_set(q->actor))
        ok = dy_buf_puts(sql, " AND ") && qy_prefix_cond(sql, p, "e.source", q->actor);
    return ok && dy_buf_puts(sql, " AND e.quad > 0 GROUP BY 1, 2 ORDER BY 1, 2");
}

typedef struct qy_saydo {
    dyad_table *t;
    const char *actor;
    bool oom;
} qy_saydo;

static void qy_ratio(char *out, size_t cap, double a, double b)
{
    if (b > 0)
        snprintf(out, cap, "%.3f", a / b);
    else
        out[0] = 0;
}

/* Derive the shares and the gap from one row of sums. */
static int qy_saydo_row(void *user, size_t n, const char *const *v)
{
    qy_saydo *r = user;
    (void)n;
    double q1 = strtod(v[2] ? v[2] : "0", NULL), q2 = strtod(v[3] ? v[3] : "0", NULL);
    double q3 = strtod(v[4] ? v[4] : "0", NULL), q4 = strtod(v[5] ? v[5] : "0", NULL);
    char c[14][40];
    snprintf(c[0], 40, "%.0f", q1);
    snprintf(c[1], 40, "%.0f", q2);
    snprintf(c[2], 40, "%.0f", q3);
    snprintf(c[3], 40, "%.0f", q4);
    qy_ratio(c[4], 40, q1, q1 + q2);  /* verbal share of cooperation */
    qy_ratio(c[5], 40, q3, q3 + q4);  /* verbal share of conflict */
    qy_ratio(c[6], 40, q1, q1 + q3);  /* say: cooperative share of words */
    qy_ratio(c[7], 40, q2, q2 + q4);  /* do: cooperative share of deeds */
    if (q1 + q3 > 0 && q2 + q4 > 0)
        snprintf(c[8], 40, "%.3f", q1 / (q1 + q3) - q2 / (q2 + q4));
    else
        c[8][0] = 0;
    qy_num('f', v[6], c[9], 40);
    qy_num('f', v[7], c[10], 40);
    if (v[6] && v[7])
        snprintf(c[11], 40, "%.3f", strtod(v[6], NULL) - strtod(v[7], NULL));
    else
        c[11][0] = 0;
    const char *row[] = {r->actor ? r->actor : v[0], v[1], c[0], c[1], c[2], c[3], c[4], c[5],
                         c[6], c[7], c[8], c[9], c[10], c[11]};
    if (!dy_table_add_row(r->t, row)) {
        r->oom = true;
        return 1;
    }
    return 0;
}

static dyad_table *qy_saydo_run(dyad_store *s, const dyad_query *q, dyad_error *err)
{
    static const char *const names[] = {
        "actor", "period", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
        "coop_verbal_share", "conflict_verbal_share", "say_coop", "do_coop", "gap",
        "say_goldstein", "do_goldstein", "goldstein_gap"};
    dy_buf sql = {0};
    dy_params p = {0};
    qy_saydo r = {dy_table_new(), qy_set(q->actor) ? q->actor : NULL, false};
    int rc = DYAD_OK;
    if (!r.t || !dy_table_set_names(r.t, 14, names, "ssiiiiffffffff")) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if (!qy_saydo_sql(q, &sql, &p, err) || !dy_buf_cstr(&sql)) {
        rc = err && err->code ? err->code : DYAD_E_NOMEM;
        goto done;
    }
    rc = dy_store_select(s, sql.p, (const char *const *)p.v, p.n, NULL, qy_saydo_row, &r, err);
    if (!rc && r.oom)
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
done:
    dy_buf_free(&sql);
    dy_params_free(&p);
    if (rc) {
        dyad_table_free(r.t);
        return NULL;
    }
    return r.t;
}

/* ---------------------------------------------------------------- episodes */

/* The part a code plays in a hostage crisis, or NULL (docs/store.md). */
static const char *qy_stage(const char *code)
{
    if (!strncmp(code, "181", 3))
        return "taking";
    if (!strcmp(code, "0253") || !strcmp(code, "1053"))
        return "appeal";
    if (!strncmp(code, "04", 2))
        return "negotiation";
    if (!strcmp(code, "0841"))
        return "release";
    if (!strncmp(code, "18", 2) || !strncmp(code, "19", 2) || !strncmp(code, "20", 2))
        return "force";
    return NULL;
}

typedef struct qy_ep {
    char actors[2][4]; /* entities (first three characters) of taker and held */
    int64_t first, last; /* first and last active day */
    size_t id;
    bool open;
} qy_ep;

typedef struct qy_eprun {
    dyad_table *t;
    qy_ep *eps;
    size_t neps, cap;
    int gap;
    bool oom;
} qy_eprun;

static bool qy_ep_has(const qy_ep *e, const char *actor)
{
    if (!*actor)
        return false;
    for (int i = 0; i < 2; i++)
        if (e->actors[i][0] && !strncmp(e->actors[i], actor, 3))
            return true;
    return false;
}

/* Rows arrive in day order: close quiet episodes, extend one that shares an
 * actor, or open a new one at a hostage taking. */
static int qy_ep_row(void *user, size_t n, const char *const *v)
{
    qy_eprun *r = user;
    (void)n;
    int64_t day = strtoll(v[1], NULL, 10);
    const char *src = v[2] ? v[2] : "", *tgt = v[3] ? v[3] : "", *code = v[4] ? v[4] : "";
    const char *stage = qy_stage(code);
    if (!stage)
        return 0;
    qy_ep *hit = NULL;
    for (size_t i = 0; i < r->neps; i++) {
        qy_ep *e = &r->eps[i];
        if (e->open && day - e->last > r->gap)
            e->open = false;
        if (e->open && !hit && (qy_ep_has(e, src) || qy_ep_has(e, tgt)))
            hit = e;
    }
    if (!hit) {
        if (strncmp(code, "181", 3) != 0)
            return 0;
        qy_ep e = {{{0}}, day, day, r->neps + 1, true};
        snprintf(e.actors[0], 4, "%.3s", src);
        snprintf(e.actors[1], 4, "%.3s", tgt);
        if (!DY_VEC_PUSH(r->eps, r->neps, r->cap, e)) {
            r->oom = true;
            return 1;
        }
        hit = &r->eps[r->neps - 1];
    }
    hit->last = day;
    char id[32], off[32];
    snprintf(id, sizeof id, "%zu", hit->id);
    snprintf(off, sizeof off, "%lld", (long long)(day - hit->first));
    const dyad_code_info *ci = dyad_codebook_lookup(code);
    const char *row[] = {id, off, v[0], stage, src, tgt, code, ci && ci->name ? ci->name : "",
                         v[5] ? v[5] : "0"};
    if (!dy_table_add_row(r->t, row)) {
        r->oom = true;
        return 1;
    }
    return 0;
}

static dyad_table *qy_episodes(dyad_store *s, const dyad_query *q, dyad_error *err)
{
    static const char *const names[] = {"episode", "day", "date", "stage", "source", "target",
                                        "code", "name", "mentions"};
    dy_buf sql = {0};
    dy_params p = {0};
    qy_eprun r = {dy_table_new(), NULL, 0, 0, q->gap > 0 ? q->gap : 7, false};
    int rc = DYAD_OK;
    if (!r.t || !dy_table_set_names(r.t, 9, names, "iissssssi")) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    /* Only the codes that play a part, in time order with a total tie-break. */
    bool ok = dy_buf_puts(&sql, "SELECT e.date, e.dayn, e.source, e.target, e.code, e.mentions") &&
              qy_from(q, q, &sql, &p, err) &&
              dy_buf_puts(&sql, " AND e.dayn IS NOT NULL AND (e.code LIKE '04%' OR e.code IN"
                                " ('0253', '1053', '0841') OR e.root IN ('18', '19', '20'))"
                                " ORDER BY e.dayn, e.source, e.target, e.code") &&
              dy_buf_cstr(&sql);
    if (!ok) {
        rc = err && err->code ? err->code : DYAD_E_NOMEM;
        goto done;
    }
    rc = dy_store_select(s, sql.p, (const char *const *)p.v, p.n, NULL, qy_ep_row, &r, err);
    if (!rc && r.oom)
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
done:
    dy_buf_free(&sql);
    dy_params_free(&p);
    free(r.eps);
    if (rc) {
        dyad_table_free(r.t);
        return NULL;
    }
    return r.t;
}

static bool qy_events(const dyad_query *q, dy_buf *sql, dy_params *p, const char **kinds,
                      dyad_error *err)
{
    int limit = q->limit > 0 ? q->limit : 100;
    *kinds = "sssssfisisssss";
    return dy_buf_puts(sql,
               "SELECT e.date, e.source, e.target, e.code, e.plover,"
               " e.goldstein, e.mentions, d.name AS doc, m.sentence, m.pattern,"
               " m.source_text, m.verb_text, m.target_text, m.flags"
               " FROM (SELECT e.*") &&
           qy_from(q, q, sql, p, err) &&
           dy_buf_printf(sql, " ORDER BY e.date, e.source, e.target, e.code LIMIT %d) e"
                              " JOIN mentions m ON m.event_id = e.event_id"
                              " JOIN documents d ON d.doc_id = m.doc_id"
                              " ORDER BY e.date, e.source, e.target, e.code, d.name, m.sentence,"
                              " m.pattern", limit);
}

dyad_table *dyad_store_query(dyad_store *s, const dyad_query *q, dyad_error *err)
{
    if (!s || !q) {
        dy_fail(err, DYAD_E_ARG, "no store or query", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    dy_error_clear(err);
    if (q->kind == DYAD_Q_SAYDO)
        return qy_saydo_run(s, q, err);
    if (q->kind == DYAD_Q_EPISODES)
        return qy_episodes(s, q, err);
    dy_buf sql = {0};
    dy_params p = {0};
    const char *kinds = "";
    dyad_table *t = NULL;
    bool ok;
    switch (q->kind) {
    case DYAD_Q_RUNS:
        kinds = "isssssssiiiiiiii";
        ok = dy_buf_puts(&sql, "SELECT run_id, started_at, dyad_version, command, input,"
                               " dictionaries, goldstein_scale, quad_scheme, records_read,"
                               " records_coded, records_rejected, sentences, mentions_read,"
                               " mentions_loaded, mentions_duplicate, mentions_rejected"
                               " FROM runs ORDER BY run_id");
        if (!ok)
            dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        break;
    case DYAD_Q_PARTNERS: ok = qy_partners(q, &sql, &p, &kinds, err); break;
    case DYAD_Q_EVENTS: ok = qy_events(q, &sql, &p, &kinds, err); break;
    case DYAD_Q_SERIES: ok = qy_series(q, &sql, &p, &kinds, err); break;
    default:
        dy_fail(err, DYAD_E_ARG, "unknown query kind", NULL, 0, 0, NULL, 0);
        ok = false;
        break;
    }
    if (ok && !dy_buf_cstr(&sql)) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        ok = false;
    }
    if (ok)
        t = qy_table(s, &sql, &p, kinds, err);
    dy_buf_free(&sql);
    dy_params_free(&p);
    return t;
}
