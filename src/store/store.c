/* store.c — opening a store, migrations, validation of mentions and loads.
 *
 * A load is one transaction. Every mention read is either loaded, a
 * duplicate of one already stored (same doc, sentence, source, target, code
 * and pattern: the content key), or rejected with its line and reason; the
 * three counts add up to the mentions read.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "store/storeint.h"

/* ---------------------------------------------------------------- dates */

static int64_t st_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

bool dy_store_date_parse(const char *s, int64_t *dayn)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    if (s[10])
        return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return false;
    *dayn = st_days_from_civil(y, (unsigned)m, (unsigned)d);
    return true;
}

void dy_store_date_format(int64_t z, char out[11])
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y0 = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = y0 + (m <= 2);
    /* by hand: called for every event of a load */
    unsigned yy = (unsigned)((y % 10000 + 10000) % 10000);
    out[0] = (char)('0' + yy / 1000);
    out[1] = (char)('0' + yy / 100 % 10);
    out[2] = (char)('0' + yy / 10 % 10);
    out[3] = (char)('0' + yy % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10 % 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10 % 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
}

void dy_store_week_format(int64_t dayn, char out[11])
{
    /* 1970-01-01 was a Thursday: Monday-based weekday = (dayn + 3) mod 7 */
    dy_store_date_format(dayn - ((dayn + 3) % 7 + 7) % 7, out);
}

/* ---------------------------------------------------------------- open/close */

int dy_store_fail(dyad_store *s, const char *msg, const char *detail, dyad_error *err)
{
    return dy_fail(err, DYAD_E_STORE, msg, s ? s->where : NULL, 0, 0, detail,
                   detail ? strlen(detail) : 0);
}

static bool st_is_url(const char *p)
{
    return !strncmp(p, "postgresql://", 13) || !strncmp(p, "postgres://", 11);
}

/* The URL without its password, for messages. */
static char *st_redact(const char *p)
{
    size_t n = strlen(p);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    const char *scheme = strstr(p, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    if (colon) {
        size_t k = (size_t)(colon - p);
        memcpy(out, p, k);
        strcpy(out + k, at); /* fits: at..end is shorter than colon..end */
    } else {
        memcpy(out, p, n + 1);
    }
    return out;
}

dyad_store *dyad_store_open(const char *path_or_url, dyad_error *err)
{
    if (!path_or_url || !*path_or_url) {
        dy_fail(err, DYAD_E_ARG, "no store path or URL given", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    dyad_store *s = calloc(1, sizeof *s);
    if (!s || !(s->where = st_redact(path_or_url))) {
        free(s);
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    int rc;
    s->rebuild_min = 50000;
    if (st_is_url(path_or_url)) {
        s->kind = DY_DB_PG;
        rc = dy_pg_open(s, path_or_url, err);
    } else {
        s->kind = DY_DB_SQLITE;
        rc = dy_sqlite_open(s, path_or_url, err);
    }
    if (rc == DYAD_OK)
        rc = dy_store_migrate(s, err);
    if (rc != DYAD_OK) {
        /* err->path points into s: keep the message meaningful after free */
        if (err && err->path == s->where)
            err->path = NULL;
        dyad_store_close(s);
        return NULL;
    }
    return s;
}

void dyad_store_close(dyad_store *s)
{
    if (!s)
        return;
    dyad_store_rollback(s);
    if (s->db)
        sqlite3_close(s->db);
    if (s->pg)
        PQfinish(s->pg);
    dy_buf_free(&s->copy);
    dy_store_run_clear(s);
    free(s->where);
    free(s);
}

const char *dyad_store_backend(const dyad_store *s)
{
    return s && s->kind == DY_DB_PG ? "postgresql" : "sqlite";
}

dy_db_kind dy_store_kind(const dyad_store *s) { return s->kind; }

int dy_store_select(dyad_store *s, const char *sql, const char *const *params, size_t nparams,
                    dy_names_fn names, dy_row_fn fn, void *user, dyad_error *err)
{
    if (s->kind == DY_DB_PG)
        return dy_pg_select(s, sql, params, nparams, names, fn, user, err);
    return dy_sqlite_select(s, sql, params, nparams, names, fn, user, err);
}

int dy_store_exec(dyad_store *s, const char *sql, dyad_error *err)
{
    if (s->kind == DY_DB_PG)
        return dy_pg_exec(s, sql, err);
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = dy_store_fail(s, "database statement failed", msg ? msg : sqlite3_errmsg(s->db), err);
        sqlite3_free(msg);
        return rc;
    }
    return DYAD_OK;
}

/* ---------------------------------------------------------------- migrations */

static int st_version_row(void *user, size_t n, const char *const *v)
{
    if (n >= 1 && v[0])
        *(long *)user = strtol(v[0], NULL, 10);
    return 0;
}

int dy_store_migrate(dyad_store *s, dyad_error *err)
{
    dy_buf sql = {0};
    long version = 0;
    int rc;
    /* One migrating process at a time; the version is read inside the lock. */
    if (s->kind == DY_DB_PG)
        rc = dy_store_exec(s, "BEGIN; SELECT pg_advisory_xact_lock(424242);"
                              "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", err);
    else
        rc = dy_store_exec(s, "BEGIN IMMEDIATE;"
                              "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", err);
    if (rc)
        goto done;
    if ((rc = dy_store_select(s, "SELECT max(version) FROM schema_version", NULL, 0, NULL,
                              st_version_row, &version, err)))
        goto done;
    if (version > (long)dy_store_migrations[dy_store_nmigrations - 1].version) {
        rc = dy_store_fail(s, "the store was written by a newer dyad (schema version too new)",
                           NULL, err);
        goto done;
    }
    for (size_t i = 0; i < dy_store_nmigrations; i++) {
        const dy_migration *m = &dy_store_migrations[i];
        if (m->version <= version)
            continue;
        for (const char *const *st = m->stmts; *st; st++) {
            if (!dy_schema_expand(s->kind, *st, &sql)) {
                rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
                goto done;
            }
            if (sql.n && (rc = dy_store_exec(s, sql.p, err)))
                goto done;
        }
        char v[128];
        snprintf(v, sizeof v, "DELETE FROM schema_version; INSERT INTO schema_version VALUES (%d)",
                 m->version);
        if ((rc = dy_store_exec(s, v, err)))
            goto done;
        version = m->version;
    }
    rc = dy_store_exec(s, "COMMIT", err);
done:
    if (rc)
        dy_store_exec(s, "ROLLBACK", NULL);
    dy_buf_free(&sql);
    return rc;
}

/* ---------------------------------------------------------------- runs */

void dy_store_run_clear(dyad_store *s)
{
    free(s->run.command);
    free(s->run.input);
    free(s->run.dictionaries);
    free(s->run.scale);
    free(s->run.scheme);
    memset(&s->run, 0, sizeof s->run);
    s->run.records_read = s->run.records_coded = s->run.records_rejected = s->run.sentences = -1;
}

static bool st_dup(char **dst, const char *src)
{
    if (!src)
        return true;
    size_t n = strlen(src);
    char *c = malloc(n + 1);
    if (!c)
        return false;
    memcpy(c, src, n + 1);
    free(*dst);
    *dst = c;
    return true;
}

int dyad_store_set_run(dyad_store *s, const dyad_run_info *ri, dyad_error *err)
{
    if (!s || !s->loading || !ri)
        return dy_fail(err, DYAD_E_ARG, "dyad_store_set_run outside a load", NULL, 0, 0, NULL, 0);
    if (ri->command && strcmp(ri->command, "code") != 0 && strcmp(ri->command, "load") != 0)
        return dy_fail(err, DYAD_E_ARG, "a run's command is 'code' or 'load'", NULL, 0, 0, NULL, 0);
    if (ri->dict && !ri->dictionaries) {
        dy_buf b = {0};
        bool ok = dy_run_dict_json(ri->dict, ri->dict_embedded != 0, &b);
        if (ok) {
            free(s->run.dictionaries);
            s->run.dictionaries = b.p;
        } else {
            dy_buf_free(&b);
            return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        }
    }
    if (!st_dup(&s->run.command, ri->command) || !st_dup(&s->run.input, ri->input) ||
        !st_dup(&s->run.dictionaries, ri->dictionaries) ||
        !st_dup(&s->run.scale, ri->goldstein_scale) || !st_dup(&s->run.scheme, ri->quad_scheme))
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (ri->has_records) {
        s->run.records_read = (int64_t)ri->records_read;
        s->run.records_coded = (int64_t)ri->records_coded;
        s->run.records_rejected = (int64_t)ri->records_rejected;
        s->run.sentences = (int64_t)ri->sentences;
    }
    return DYAD_OK;
}

int dyad_run_write_jsonl(FILE *out, const dyad_run_info *ri)
{
    dy_buf b = {0}, d = {0};
    const char *dicts = ri->dictionaries;
    bool ok = true;
    if (!dicts && ri->dict && (ok = dy_run_dict_json(ri->dict, ri->dict_embedded != 0, &d)))
        dicts = d.p;
    ok = ok && dy_buf_printf(&b, "{\"dyad_run\":{\"dyad_version\":\"%s\",\"dictionaries\":%s",
                             dyad_version(), dicts ? dicts : "null");
    const char *names[] = {"goldstein_scale", "quad_scheme"};
    const char *vals[] = {ri->goldstein_scale, ri->quad_scheme};
    for (int i = 0; ok && i < 2; i++) {
        ok = dy_buf_printf(&b, ",\"%s\":", names[i]);
        if (ok && !vals[i]) {
            ok = dy_buf_puts(&b, "null");
        } else if (ok) {
            json_t *j = json_string(vals[i]);
            char *s = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
            ok = s && dy_buf_puts(&b, s);
            free(s);
            json_decref(j);
        }
    }
    if (ok && ri->has_records)
        ok = dy_buf_printf(&b, ",\"records_read\":%zu,\"records_coded\":%zu,"
                               "\"records_rejected\":%zu,\"sentences\":%zu",
                           ri->records_read, ri->records_coded, ri->records_rejected,
                           ri->sentences);
    ok = ok && dy_buf_puts(&b, "}}\n");
    int rc = ok && fwrite(b.p, 1, b.n, out) == b.n ? DYAD_OK : DYAD_E_IO;
    dy_buf_free(&b);
    dy_buf_free(&d);
    return rc;
}

/* A provenance line (dyad_run_write_jsonl) read by a load: its values go
 * into the run's row. NULL, or the reason it is unusable. */
static const char *st_run_line(dyad_store *s, json_t *run)
{
    if (!json_is_object(run))
        return "dyad_run is not an object";
    json_t *d = json_object_get(run, "dictionaries");
    json_t *g = json_object_get(run, "goldstein_scale"), *q = json_object_get(run, "quad_scheme");
    if ((d && !json_is_array(d) && !json_is_null(d)) || (g && !json_is_string(g) && !json_is_null(g)) ||
        (q && !json_is_string(q) && !json_is_null(q)))
        return "dyad_run has a field of the wrong type";
    static const char *const keys[] = {"records_read", "records_coded", "records_rejected",
                                       "sentences"};
    int64_t *dst[] = {&s->run.records_read, &s->run.records_coded, &s->run.records_rejected,
                      &s->run.sentences};
    for (int i = 0; i < 4; i++) {
        json_t *v = json_object_get(run, keys[i]);
        if (v && !(json_is_integer(v) && json_integer_value(v) >= 0) && !json_is_null(v))
            return "dyad_run has a count that is not a non-negative integer";
    }
    for (int i = 0; i < 4; i++) {
        json_t *v = json_object_get(run, keys[i]);
        *dst[i] = json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
    }
    char *ds = json_is_array(d) ? json_dumps(d, JSON_COMPACT) : NULL;
    if (json_is_array(d) && !ds)
        return "out of memory";
    free(s->run.dictionaries);
    s->run.dictionaries = ds;
    if ((json_is_string(g) && !st_dup(&s->run.scale, json_string_value(g))) ||
        (json_is_string(q) && !st_dup(&s->run.scheme, json_string_value(q))))
        return "out of memory";
    return NULL;
}

static int st_run_id(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(int64_t *)user = v[0] ? strtoll(v[0], NULL, 10) : 0;
    return 0;
}

/* The run's row, written when the load begins (so rows can carry its id)
 * and completed at the commit, in the same transaction. */
int dy_store_run_begin(dyad_store *s, dyad_error *err)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const char *params[] = {now, dyad_version()};
    s->run.id = 0;
    int rc = dy_store_select(s, "INSERT INTO runs (started_at, dyad_version, command)"
                                " VALUES (?, ?, 'load') RETURNING run_id",
                             params, 2, NULL, st_run_id, &s->run.id, err);
    if (rc == DYAD_OK && s->run.id <= 0)
        rc = dy_store_fail(s, "cannot record the run", NULL, err);
    return rc;
}

int dy_store_run_end(dyad_store *s, dyad_error *err)
{
    char num[9][24];
    const dy_run *r = &s->run;
    int64_t v[9] = {r->records_read, r->records_coded, r->records_rejected, r->sentences,
                    (int64_t)s->st.read, (int64_t)s->st.loaded, (int64_t)s->st.duplicate,
                    (int64_t)s->st.rejected, r->id};
    const char *params[15] = {r->command ? r->command : "load", r->input, r->dictionaries,
                              r->scale, r->scheme};
    for (int i = 0; i < 9; i++) {
        snprintf(num[i], sizeof num[i], "%lld", (long long)v[i]);
        params[5 + i] = v[i] < 0 ? NULL : num[i];
    }
    return dy_store_select(s, "UPDATE runs SET command = ?, input = ?, dictionaries = ?,"
                              " goldstein_scale = ?, quad_scheme = ?, records_read = ?,"
                              " records_coded = ?, records_rejected = ?, sentences = ?,"
                              " mentions_read = ?, mentions_loaded = ?, mentions_duplicate = ?,"
                              " mentions_rejected = ? WHERE run_id = ?",
                           params, 14, NULL, NULL, NULL, err);
}

/* ---------------------------------------------------------------- loads */

int dyad_store_begin(dyad_store *s, dyad_diag_fn diag, void *diag_user, dyad_error *err)
{
    if (!s)
        return dy_fail(err, DYAD_E_ARG, "no store", NULL, 0, 0, NULL, 0);
    if (s->loading)
        return dy_fail(err, DYAD_E_ARG, "a load is already in progress on this store", s->where,
                       0, 0, NULL, 0);
    memset(&s->st, 0, sizeof s->st);
    s->diag = diag;
    s->diag_user = diag_user;
    dy_store_run_clear(s);
    int rc = s->kind == DY_DB_PG ? dy_pg_begin(s, err) : dy_sqlite_begin(s, err);
    if (rc == DYAD_OK)
        s->loading = true;
    return rc;
}

void dyad_store_rollback(dyad_store *s)
{
    if (!s || !s->loading)
        return;
    if (s->kind == DY_DB_PG)
        dy_pg_end(s);
    else
        dy_sqlite_end(s);
    s->loading = false;
}

int dyad_store_commit(dyad_store *s, dyad_load_stats *out, dyad_error *err)
{
    if (!s || !s->loading)
        return dy_fail(err, DYAD_E_ARG, "no load in progress", NULL, 0, 0, NULL, 0);
    int rc = s->kind == DY_DB_PG ? dy_pg_commit(s, err) : dy_sqlite_commit(s, err);
    dyad_store_rollback(s); /* releases statements; the transaction is closed */
    if (rc == DYAD_OK && out)
        *out = s->st;
    return rc;
}

/* A field that is a code: printable ASCII without spaces or separators. */
static bool st_code_ok(const char *c, size_t max)
{
    size_t n = strlen(c);
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (c[i] <= ' ' || c[i] > '~' || c[i] == ',' || c[i] == '\'' || c[i] == '"')
            return false;
    return true;
}

static const char *st_s(const char *p) { return p ? p : ""; }

static void st_reject(dyad_store *s, const char *path, size_t line, const char *why,
                      const char *detail)
{
    s->st.read++;
    s->st.rejected++;
    if (!s->diag)
        return;
    dyad_error e = {0};
    dy_fail(&e, DYAD_E_SYNTAX, why, path ? path : "event", line, 0, detail,
            detail ? strlen(detail) : 0);
    s->diag(s->diag_user, &e);
}

/* Validate ev: NULL, with *e its copy (absent strings made "") and m the
 * mention ready for the loader (m->ev = e), or the reason to reject it.
 * Pure, so the JSON-lines reader thread runs it ahead (st_prep); e may be ev. */
static const char *st_check(const dyad_event *ev, dyad_event *e, dy_mention *m)
{
    *e = *ev;
    e->doc = st_s(e->doc);
    e->date = st_s(e->date);
    e->source = st_s(e->source);
    e->target = st_s(e->target);
    e->code = st_s(e->code);
    e->root = st_s(e->root);
    e->plover = st_s(e->plover);
    e->source_text = st_s(e->source_text);
    e->target_text = st_s(e->target_text);
    e->verb_text = st_s(e->verb_text);
    e->pattern = st_s(e->pattern);
    e->issues = st_s(e->issues);
    e->flags = st_s(e->flags);
    e->sentence_text = st_s(e->sentence_text);
    memset(m, 0, sizeof *m);
    size_t tlen = strlen(e->sentence_text);
    if (!*e->doc)
        return "event has no doc id";
    if (!st_code_ok(e->source, 64))
        return "source is not an actor code";
    if (*e->target && !st_code_ok(e->target, 64))
        return "target is not an actor code";
    if (!st_code_ok(e->code, 16))
        return "code is not a CAMEO code";
    if (*e->root && !st_code_ok(e->root, 16))
        return "root is not a CAMEO code";
    if (*e->date && !dy_store_date_parse(e->date, &m->dayn))
        return "date is not a valid YYYY-MM-DD";
    if ((unsigned)e->quad > 4)
        return "quad is not 0-4";
    if (e->source_span.start > e->source_span.end || e->source_span.end > tlen ||
        e->target_span.start > e->target_span.end || e->target_span.end > tlen ||
        e->verb_span.start > e->verb_span.end || e->verb_span.end > tlen)
        return "span outside sentence_text";
    if (isinf(e->goldstein))
        return "goldstein is not finite";
    m->ev = e;
    m->has_day = *e->date != 0;
    if (*e->root) {
        m->root = e->root;
    } else {
        size_t n = strlen(e->code) < 2 ? strlen(e->code) : 2;
        memcpy(m->root_buf, e->code, n);
        m->root_buf[n] = 0;
        m->root = m->root_buf;
    }
    const dyad_code_info *ci = dyad_codebook_lookup(e->code);
    m->code_name = ci && ci->name ? ci->name : "";
    return NULL;
}

/* Add a checked mention (keys: its loader ids, or NULL). */
static int st_add_checked(dyad_store *s, const dy_mention *m, const dy_lkeys *keys,
                          dyad_error *err)
{
    s->st.read++;
    return s->sink ? dy_load_add(s, m, keys, err) : dy_pg_add(s, m, err);
}

/* Validate and add one event; `path`/`line` locate it for diagnostics. */
static int st_add(dyad_store *s, const dyad_event *ev, const char *path, size_t line,
                  dyad_error *err)
{
    dyad_event e;
    dy_mention m;
    const char *why = st_check(ev, &e, &m);
    if (why) {
        st_reject(s, path, line, why, e.doc);
        return DYAD_OK;
    }
    return st_add_checked(s, &m, NULL, err);
}

/* The reader thread's share of a parsed line: the checks, and the
 * interning of its strings when a shared loader is running. */
static void st_prep(void *user, dy_line *ln)
{
    dyad_store *s = user;
    ln->why = st_check(&ln->ev, &ln->ev, &ln->m);
    ln->has_keys = !ln->why && s->load && dy_load_keys(s->load, &ln->m, &ln->k);
}

int dyad_store_add_event(dyad_store *s, const dyad_event *ev, dyad_error *err)
{
    if (!s || !s->loading || !ev)
        return dy_fail(err, DYAD_E_ARG, "dyad_store_add_event outside a load", NULL, 0, 0, NULL, 0);
    return st_add(s, ev, NULL, s->st.read + 1, err);
}

int dyad_store_event_fn(void *user, const dyad_event *ev)
{
    return dyad_store_add_event(user, ev, NULL) != DYAD_OK;
}

/* ---------------------------------------------------------------- JSON lines */

static const char *js_str(json_t *o, const char *key, const char **why, const char *msg)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return "";
    if (!json_is_string(v)) {
        *why = msg;
        return "";
    }
    return json_string_value(v);
}

static dyad_span js_span(json_t *o, const char *key, const char **why)
{
    dyad_span sp = {0, 0};
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return sp;
    json_t *a = json_array_get(v, 0), *b = json_array_get(v, 1);
    if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_integer(a) ||
        !json_is_integer(b) || json_integer_value(a) < 0 || json_integer_value(b) < 0 ||
        json_integer_value(a) > UINT32_MAX || json_integer_value(b) > UINT32_MAX) {
        *why = "span is not [start, end]";
        return sp;
    }
    sp.start = (uint32_t)json_integer_value(a);
    sp.end = (uint32_t)json_integer_value(b);
    return sp;
}

/* Parse one line into ev (strings borrowed from o); NULL or the reason. */
static const char *js_event(json_t *o, dyad_event *ev)
{
    const char *why = NULL;
    if (!json_is_object(o))
        return "line is not a JSON object";
    memset(ev, 0, sizeof *ev);
    ev->doc = js_str(o, "doc", &why, "doc is not a string");
    ev->date = js_str(o, "date", &why, "date is not a string");
    ev->source = js_str(o, "source", &why, "source is not a string");
    ev->target = js_str(o, "target", &why, "target is not a string");
    ev->code = js_str(o, "code", &why, "code is not a string");
    ev->root = js_str(o, "root", &why, "root is not a string");
    ev->plover = js_str(o, "plover", &why, "plover is not a string");
    ev->source_text = js_str(o, "source_text", &why, "source_text is not a string");
    ev->target_text = js_str(o, "target_text", &why, "target_text is not a string");
    ev->verb_text = js_str(o, "verb_text", &why, "verb_text is not a string");
    ev->pattern = js_str(o, "pattern", &why, "pattern is not a string");
    ev->issues = js_str(o, "issues", &why, "issues is not a string");
    ev->flags = js_str(o, "flags", &why, "flags is not a string");
    ev->sentence_text = js_str(o, "sentence_text", &why, "sentence_text is not a string");
    ev->date_precision = js_str(o, "date_precision", &why, "date_precision is not a string");
    ev->doc_date = js_str(o, "doc_date", &why, "doc_date is not a string");
    ev->source_span = js_span(o, "source_span", &why);
    ev->target_span = js_span(o, "target_span", &why);
    ev->verb_span = js_span(o, "verb_span", &why);
    json_t *v = json_object_get(o, "sentence");
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > UINT32_MAX)
        return why ? why : "sentence is not a non-negative integer";
    ev->sentence = (uint32_t)json_integer_value(v);
    v = json_object_get(o, "quad");
    if (v && !json_is_null(v)) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 4)
            return why ? why : "quad is not 0-4";
        ev->quad = (dyad_quad)json_integer_value(v);
    }
    v = json_object_get(o, "goldstein");
    if (!v || json_is_null(v))
        ev->goldstein = NAN;
    else if (json_is_number(v))
        ev->goldstein = json_number_value(v);
    else
        return why ? why : "goldstein is not a number or null";
    return why;
}

int dyad_store_load_jsonl(dyad_store *s, const char *path, dyad_diag_fn diag, void *diag_user,
                          dyad_load_stats *out, dyad_error *err)
{
    if (!s)
        return dy_fail(err, DYAD_E_ARG, "no store", NULL, 0, 0, NULL, 0);
    bool is_stdin = !path || !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return dy_fail(err, DYAD_E_IO, "cannot open file", path, 0, 0, strerror(errno),
                       strlen(strerror(errno)));
    /* a reader thread parses ahead (lines.c) when the input is a file */
    struct stat sb;
    bool regular = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
    dy_lines *lines = NULL;
    const dy_line *ln;
    size_t lineno = 0;
    int got, read_errno = 0;
    int rc = dyad_store_begin(s, diag, diag_user, err);
    if (rc)
        goto done;
    /* event lines as dyad code writes them are 400-700 bytes */
    if (regular && s->load)
        dy_load_reserve(s->load, (size_t)sb.st_size / 512);
    dyad_run_info ri = {.command = "load", .input = name};
    if ((rc = dyad_store_set_run(s, &ri, err)))
        goto done;
    /* started once the loader exists: the reader thread checks lines and
     * interns their strings (st_prep) */
    if (!(lines = dy_lines_start(f, regular, st_prep, s))) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    while ((got = dy_lines_next(lines, &ln, &lineno, &read_errno)) > 0) {
        dyad_event ev;
        if (ln->fast) {
            /* the hash-table slots a later line will probe, fetched now */
            const dy_line *ahead = dy_lines_peek(lines, 8);
            if (ahead && ahead->has_keys && s->load)
                dy_load_prefetch(s->load, &ahead->k);
            if (ln->why)
                st_reject(s, name, ln->lineno, ln->why, ln->ev.doc);
            else if ((rc = st_add_checked(s, &ln->m, ln->has_keys ? &ln->k : NULL, err)))
                goto done;
            continue;
        }
        json_error_t je;
        json_t *o = json_loadb(ln->raw, ln->len, JSON_REJECT_DUPLICATES, &je);
        if (!o) {
            st_reject(s, name, ln->lineno, "invalid JSON", je.text);
            continue;
        }
        json_t *run = json_is_object(o) && json_object_size(o) == 1 ? json_object_get(o, "dyad_run")
                                                                   : NULL;
        if (run) {
            /* provenance, not an event: not counted as a mention */
            const char *bad = st_run_line(s, run);
            if (bad && s->diag) {
                dyad_error de = {0};
                dy_fail(&de, DYAD_E_SYNTAX, bad, name, ln->lineno, 0, NULL, 0);
                s->diag(s->diag_user, &de);
            }
            json_decref(o);
            continue;
        }
        const char *why = js_event(o, &ev);
        if (why) {
            json_t *d = json_object_get(o, "doc");
            st_reject(s, name, ln->lineno, why, json_is_string(d) ? json_string_value(d) : NULL);
        } else {
            rc = st_add(s, &ev, name, ln->lineno, err);
        }
        json_decref(o);
        if (rc)
            goto done;
    }
    if (got == -DYAD_E_IO) {
        const char *why = strerror(read_errno);
        rc = dy_fail(err, DYAD_E_IO, "read error", path, lineno, 0, why, strlen(why));
        goto done;
    }
    if (got < 0) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    rc = dyad_store_commit(s, out, err);
done:
    dy_lines_stop(lines); /* first: its thread may be using the loader */
    if (rc)
        dyad_store_rollback(s);
    if (!is_stdin)
        fclose(f);
    return rc;
}
