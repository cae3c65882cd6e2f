/* prov.c — the coding provenance: what the store records about how its
 * events were made. Each `dyad code --db` or `dyad load` run is a row of the
 * store's `runs` table (docs/store.md): when, which command and input, the
 * dictionaries and their versions, the Goldstein scale and quad scheme, and
 * the counts read, coded and rejected. Columns are found by name, so a store
 * with fewer columns shows what it has; a store written before the table
 * existed gets a plain "no provenance recorded" on the page. */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>

#include "report/report.h"
#include "store/store.h"

#define PV_RUNS_MAX 20 /* the newest runs shown; the page says how many there are */

const char *const dy_rp_run_count_col[DY_RUN_NCOUNT] = {
    "records_read",   "records_coded",   "records_rejected",   "sentences",
    "mentions_read",  "mentions_loaded", "mentions_duplicate", "mentions_rejected",
};

enum { PV_ID, PV_STARTED, PV_VERSION, PV_COMMAND, PV_INPUT, PV_DICTS, PV_SCALE, PV_SCHEME, PV_NTEXT };
static const char *const pv_text_col[PV_NTEXT] = {
    "run_id", "started_at", "dyad_version", "command", "input", "dictionaries",
    "goldstein_scale", "quad_scheme",
};

typedef struct pv_run {
    dy_report *r;
    dyad_error *err;
    int col_text[PV_NTEXT];          /* result column of each field, -1 when absent */
    int col_count[DY_RUN_NCOUNT];
    bool oom;
} pv_run;

static int pv_count_row(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(uint64_t *)user = v[0] ? strtoull(v[0], NULL, 10) : 0;
    return 0;
}

static void pv_names(void *user, size_t n, const char *const *names)
{
    pv_run *pr = user;
    for (int k = 0; k < PV_NTEXT; k++)
        pr->col_text[k] = -1;
    for (int k = 0; k < DY_RUN_NCOUNT; k++)
        pr->col_count[k] = -1;
    for (size_t i = 0; i < n && i < 1000; i++) {
        for (int k = 0; k < PV_NTEXT; k++)
            if (names[i] && !strcmp(names[i], pv_text_col[k]))
                pr->col_text[k] = (int)i;
        for (int k = 0; k < DY_RUN_NCOUNT; k++)
            if (names[i] && !strcmp(names[i], dy_rp_run_count_col[k]))
                pr->col_count[k] = (int)i;
    }
}

static const char *pv_jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The dictionaries column: a JSON array of {"path", "kind", "entries",
 * "version" or "checksum"}. Anything else is shown as recorded. */
static bool pv_dicts(dy_report *r, dy_rp_run *run, const char *text)
{
    run->dict0 = r->ndicts;
    run->dicts_raw = "";
    if (!text || !text[0])
        return true;
    json_error_t jerr;
    json_t *a = json_loads(text, 0, &jerr);
    bool ok = true;
    if (!json_is_array(a)) {
        ok = (run->dicts_raw = dy_rp_str(r, text)) != NULL;
        json_decref(a);
        return ok;
    }
    size_t i;
    json_t *o;
    json_array_foreach(a, i, o) {
        if (!json_is_object(o))
            continue;
        const char *ver = pv_jstr(o, "version");
        if (!ver || !ver[0])
            ver = pv_jstr(o, "checksum");
        json_t *ne = json_object_get(o, "entries");
        dy_rp_dict d = {dy_rp_str(r, pv_jstr(o, "path")), dy_rp_str(r, pv_jstr(o, "kind")),
                        dy_rp_str(r, ver), json_is_integer(ne) ? (int64_t)json_integer_value(ne) : -1};
        if (!d.path || !d.kind || !d.version || !DY_VEC_PUSH(r->dicts, r->ndicts, r->cap_dicts, d)) {
            ok = false;
            break;
        }
        run->ndict++;
    }
    json_decref(a);
    return ok;
}

static int pv_run_row(void *user, size_t n, const char *const *v)
{
    pv_run *pr = user;
    dy_report *r = pr->r;
    dy_rp_run run;
    memset(&run, 0, sizeof run);
    const char *t[PV_NTEXT];
    for (int k = 0; k < PV_NTEXT; k++)
        t[k] = pr->col_text[k] >= 0 && (size_t)pr->col_text[k] < n ? v[pr->col_text[k]] : NULL;
    run.id = dy_rp_str(r, t[PV_ID]);
    run.started = dy_rp_str(r, t[PV_STARTED]);
    run.version = dy_rp_str(r, t[PV_VERSION]);
    run.command = dy_rp_str(r, t[PV_COMMAND]);
    run.input = dy_rp_str(r, t[PV_INPUT]);
    run.scale = dy_rp_str(r, t[PV_SCALE]);
    run.scheme = dy_rp_str(r, t[PV_SCHEME]);
    for (int k = 0; k < DY_RUN_NCOUNT; k++) {
        const char *c = pr->col_count[k] >= 0 && (size_t)pr->col_count[k] < n ? v[pr->col_count[k]] : NULL;
        run.n[k] = c && c[0] ? strtoll(c, NULL, 10) : -1;
    }
    if (!run.id || !run.started || !run.version || !run.command || !run.input || !run.scale ||
        !run.scheme || !pv_dicts(r, &run, t[PV_DICTS]) ||
        !DY_VEC_PUSH(r->runs, r->nruns, r->cap_runs, run)) {
        pr->oom = true;
        return 1;
    }
    return 0;
}

static int pv_runs(dyad_store *s, dy_report *r, dyad_error *err)
{
    uint64_t have = 0;
    const char *probe = dy_store_kind(s) == DY_DB_PG
        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'runs'"
          " AND table_schema = current_schema()"
        : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'";
    int rc = dy_store_select(s, probe, NULL, 0, NULL, pv_count_row, &have, err);
    if (rc || !have) {
        r->runs_state = DY_RUNS_NONE;
        return rc;
    }
    if ((rc = dy_store_select(s, "SELECT COUNT(*) FROM runs", NULL, 0, NULL, pv_count_row,
                              &r->runs_total, err)))
        return rc;
    r->runs_state = r->runs_total ? DY_RUNS_SOME : DY_RUNS_EMPTY;
    if (!r->runs_total)
        return DYAD_OK;
    pv_run pr = {r, err, {0}, {0}, false};
    pv_names(&pr, 0, NULL);
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT * FROM runs ORDER BY run_id DESC LIMIT %d", PV_RUNS_MAX);
    rc = dy_store_select(s, sql, NULL, 0, pv_names, pv_run_row, &pr, err);
    if (!rc && pr.oom)
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    /* newest were read first; the page lists them oldest first */
    for (size_t i = 0; !rc && i < r->nruns / 2; i++) {
        dy_rp_run tmp = r->runs[i];
        r->runs[i] = r->runs[r->nruns - 1 - i];
        r->runs[r->nruns - 1 - i] = tmp;
    }
    return rc;
}

/* 1234567 -> "1,234,567" */
static void pv_commas(uint64_t v, char out[32])
{
    char d[24];
    int n = snprintf(d, sizeof d, "%" PRIu64, v), w = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[w++] = ',';
        out[w++] = d[i];
    }
    out[w] = 0;
}

int dy_rp_provenance(dyad_store *s, dy_report *r, dyad_error *err)
{
    static const struct { const char *label, *sql; } counts[] = {
        {"documents", "SELECT COUNT(*) FROM documents"},
        {"coded sentences", "SELECT COUNT(*) FROM sentences"},
        {"mentions (coded events before merging)", "SELECT COUNT(*) FROM mentions"},
        {"events (mentions merged)", "SELECT COUNT(*) FROM events"},
    };
    char tmp[32];
    bool ok = dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, "store backend",
                           dyad_store_backend(s));
    int rc = DYAD_OK;
    for (size_t i = 0; i < sizeof counts / sizeof counts[0] && ok && !rc; i++) {
        uint64_t n = 0;
        if (!(rc = dy_store_select(s, counts[i].sql, NULL, 0, NULL, pv_count_row, &n, err))) {
            pv_commas(n, tmp);
            ok = dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, counts[i].label, tmp);
        }
    }
    if (!rc && !ok)
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    return rc ? rc : pv_runs(s, r, err);
}
