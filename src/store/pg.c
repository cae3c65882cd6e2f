/* pg.c — the PostgreSQL backend. A load streams validated mentions into a
 * temporary staging table with COPY, then moves them into the schema with a
 * few set-based INSERT ... SELECT statements, all in one transaction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/storeint.h"

#define PG_FLUSH_BYTES (1u << 20)

static void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs (e.g. "table exists, skipping") are not errors */
}

static int pg_fail(dyad_store *s, const char *msg, dyad_error *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "%s", PQerrorMessage(s->pg));
    for (char *p = detail; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return dy_store_fail(s, msg, detail, err);
}

int dy_pg_open(dyad_store *s, const char *url, dyad_error *err)
{
    s->pg = PQconnectdb(url);
    if (!s->pg)
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (PQstatus(s->pg) != CONNECTION_OK)
        return pg_fail(s, "cannot connect to PostgreSQL", err);
    PQsetNoticeProcessor(s->pg, pg_quiet, NULL);
    return dy_pg_exec(s, "SET client_min_messages = warning; SET client_encoding = 'UTF8'", err);
}

int dy_pg_exec(dyad_store *s, const char *sql, dyad_error *err)
{
    PGresult *r = PQexec(s->pg, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = DYAD_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pg_fail(s, "database statement failed", err);
    PQclear(r);
    return rc;
}

/* Run a statement and return its affected-row count (or the first cell of a
 * one-row result) in *n. */
static int pg_count(dyad_store *s, const char *sql, size_t *n, dyad_error *err)
{
    PGresult *r = PQexec(s->pg, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = DYAD_OK;
    if (st == PGRES_COMMAND_OK)
        *n = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
    else if (st == PGRES_TUPLES_OK && PQntuples(r) == 1)
        *n = (size_t)strtoull(PQgetvalue(r, 0, 0), NULL, 10);
    else
        rc = pg_fail(s, "database load statement failed", err);
    PQclear(r);
    return rc;
}

int dy_pg_begin(dyad_store *s, dyad_error *err)
{
    /* One loader at a time: concurrent loads would race on the content keys. */
    int rc = dy_pg_exec(s,
        "BEGIN; SELECT pg_advisory_xact_lock(424243);"
        "CREATE TEMP TABLE dy_stage (line BIGINT, doc TEXT COLLATE \"C\", sentence INTEGER,"
        " date TEXT COLLATE \"C\", dayn INTEGER, week TEXT COLLATE \"C\","
        " source TEXT COLLATE \"C\", target TEXT COLLATE \"C\", code TEXT COLLATE \"C\","
        " root TEXT COLLATE \"C\", quad INTEGER, goldstein DOUBLE PRECISION, plover TEXT COLLATE \"C\","
        " source_text TEXT, target_text TEXT, verb_text TEXT,"
        " source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER,"
        " verb_start INTEGER, verb_end INTEGER, pattern TEXT COLLATE \"C\", issues TEXT, flags TEXT,"
        " sentence_text TEXT, code_name TEXT) ON COMMIT DROP", err);
    if (rc)
        goto fail;
    PGresult *r = PQexec(s->pg, "COPY dy_stage FROM STDIN");
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        PQclear(r);
        rc = pg_fail(s, "cannot start COPY", err);
        goto fail;
    }
    PQclear(r);
    s->copy.n = 0;
    s->copy_line = 0;
    return DYAD_OK;
fail:
    dy_pg_end(s);
    return rc;
}

/* COPY text format: backslash escapes for \, tab, newline and CR. */
static bool pg_field(dy_buf *b, const char *v)
{
    for (const char *p = v; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: break;
        }
        if (esc ? !dy_buf_puts(b, esc) : !dy_buf_putc(b, *p))
            return false;
    }
    return dy_buf_putc(b, '\t');
}

static int pg_flush(dyad_store *s, dyad_error *err)
{
    if (s->copy.n && PQputCopyData(s->pg, s->copy.p, (int)s->copy.n) != 1)
        return pg_fail(s, "COPY failed", err);
    s->copy.n = 0;
    return DYAD_OK;
}

int dy_pg_add(dyad_store *s, const dy_mention *m, dyad_error *err)
{
    const dyad_event *e = m->ev;
    dy_buf *b = &s->copy;
    char num[64];
    bool ok = dy_buf_printf(b, "%zu\t", ++s->copy_line) && pg_field(b, e->doc) &&
              dy_buf_printf(b, "%u\t", e->sentence) && pg_field(b, e->date);
    if (m->has_day)
        ok = ok && dy_buf_printf(b, "%lld\t", (long long)m->dayn);
    else
        ok = ok && dy_buf_puts(b, "\\N\t");
    ok = ok && pg_field(b, m->week) && pg_field(b, e->source) && pg_field(b, e->target) &&
         pg_field(b, e->code) && pg_field(b, m->root) && dy_buf_printf(b, "%d\t", (int)e->quad);
    if (isnan(e->goldstein)) {
        ok = ok && dy_buf_puts(b, "\\N\t");
    } else {
        snprintf(num, sizeof num, "%.17g\t", e->goldstein);
        ok = ok && dy_buf_puts(b, num);
    }
    ok = ok && pg_field(b, e->plover) && pg_field(b, e->source_text) &&
         pg_field(b, e->target_text) && pg_field(b, e->verb_text) &&
         dy_buf_printf(b, "%u\t%u\t%u\t%u\t%u\t%u\t", e->source_span.start, e->source_span.end,
                       e->target_span.start, e->target_span.end, e->verb_span.start,
                       e->verb_span.end) &&
         pg_field(b, e->pattern) && pg_field(b, e->issues) && pg_field(b, e->flags) &&
         pg_field(b, e->sentence_text) && pg_field(b, m->code_name);
    if (!ok)
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    b->p[b->n - 1] = '\n'; /* the last field's tab ends the row */
    return b->n >= PG_FLUSH_BYTES ? pg_flush(s, err) : DYAD_OK;
}

static const char *const pg_move[] = {
    "ANALYZE dy_stage",
    "INSERT INTO documents (name, date)"
    " SELECT DISTINCT ON (doc) doc, date FROM dy_stage ORDER BY doc, line"
    " ON CONFLICT (name) DO NOTHING",
    "CREATE TEMP TABLE dy_fresh ON COMMIT DROP AS"
    " SELECT DISTINCT ON (d.doc_id, s.sentence, s.source, s.target, s.code, s.pattern)"
    "  s.*, d.doc_id FROM dy_stage s JOIN documents d ON d.name = s.doc"
    " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.doc_id"
    "  AND m.sentence = s.sentence AND m.source = s.source AND m.target = s.target"
    "  AND m.code = s.code AND m.pattern = s.pattern)"
    " ORDER BY d.doc_id, s.sentence, s.source, s.target, s.code, s.pattern, s.line",
    "INSERT INTO sentences (doc_id, idx, text)"
    " SELECT DISTINCT ON (doc_id, sentence) doc_id, sentence, sentence_text FROM dy_fresh"
    " ORDER BY doc_id, sentence, line ON CONFLICT DO NOTHING",
    "INSERT INTO actors (code, entity, role, attribute)"
    " SELECT a, substr(a, 1, 3), substr(a, 4, 3), substr(a, 7) FROM"
    " (SELECT source AS a FROM dy_fresh UNION SELECT target FROM dy_fresh WHERE target <> '') x"
    " ORDER BY a ON CONFLICT DO NOTHING",
    "INSERT INTO codes (code, root, quad, goldstein, plover, name)"
    " SELECT DISTINCT ON (code) code, root, quad, goldstein, plover, code_name FROM dy_fresh"
    " ORDER BY code, line ON CONFLICT DO NOTHING",
    NULL,
};

int dy_pg_commit(dyad_store *s, dyad_error *err)
{
    int rc = pg_flush(s, err);
    if (rc)
        return rc;
    if (PQputCopyEnd(s->pg, NULL) != 1)
        return pg_fail(s, "COPY failed", err);
    PGresult *r;
    while ((r = PQgetResult(s->pg))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !rc)
            rc = pg_fail(s, "COPY failed", err);
        PQclear(r);
    }
    if (rc)
        return rc;
    for (const char *const *q = pg_move; *q; q++)
        if ((rc = dy_pg_exec(s, *q, err)))
            return rc;
    size_t created = 0, loaded = 0;
    /* xmax = 0 marks rows the upsert inserted rather than updated */
    if ((rc = pg_count(s,
            "WITH g AS (SELECT DISTINCT ON (source, target, code, date) date, dayn, week, source,"
            "  target, code, root, quad, goldstein, plover,"
            "  count(*) OVER (PARTITION BY source, target, code, date) AS n"
            "  FROM dy_fresh ORDER BY source, target, code, date, line),"
            " up AS (INSERT INTO events (date, dayn, week, source, target, code, root, quad,"
            "  goldstein, plover, mentions) SELECT date, dayn, week, source, target, code, root,"
            "  quad, goldstein, plover, n FROM g"
            "  ON CONFLICT (source, target, code, date)"
            "  DO UPDATE SET mentions = events.mentions + EXCLUDED.mentions"
            "  RETURNING (xmax = 0) AS created)"
            " SELECT count(*) FILTER (WHERE created) FROM up", &created, err)))
        return rc;
    if ((rc = pg_count(s,
            "INSERT INTO mentions (event_id, doc_id, sentence, source, target, code, pattern,"
            " source_text, target_text, verb_text, source_start, source_end, target_start,"
            " target_end, verb_start, verb_end, issues, flags)"
            " SELECT e.event_id, f.doc_id, f.sentence, f.source, f.target, f.code, f.pattern,"
            " f.source_text, f.target_text, f.verb_text, f.source_start, f.source_end,"
            " f.target_start, f.target_end, f.verb_start, f.verb_end, f.issues, f.flags"
            " FROM dy_fresh f JOIN events e ON e.source = f.source AND e.target = f.target"
            " AND e.code = f.code AND e.date = f.date ORDER BY f.line", &loaded, err)))
        return rc;
    if ((rc = dy_pg_exec(s, "COMMIT", err)))
        return rc;
    s->st.events = created;
    s->st.loaded = loaded;
    s->st.duplicate = s->copy_line - loaded;
    return DYAD_OK;
}

void dy_pg_end(dyad_store *s)
{
    if (!s->pg)
        return;
    if (PQtransactionStatus(s->pg) == PQTRANS_ACTIVE) {
        /* still inside COPY: abort it, then drain its results */
        PQputCopyEnd(s->pg, "load abandoned");
        PGresult *r;
        while ((r = PQgetResult(s->pg)))
            PQclear(r);
    }
    if (PQtransactionStatus(s->pg) != PQTRANS_IDLE)
        PQclear(PQexec(s->pg, "ROLLBACK"));
    s->copy.n = 0;
}

int dy_pg_select(dyad_store *s, const char *sql, const char *const *params, size_t n,
                 dy_names_fn names, dy_row_fn fn, void *user, dyad_error *err)
{
    dy_buf q = {0};
    const char **vals = NULL;
    PGresult *r = NULL;
    int rc = DYAD_OK;
    size_t k = 0;
    for (const char *p = sql; *p; p++) {
        bool ok = *p == '?' ? dy_buf_printf(&q, "$%zu", ++k) : dy_buf_putc(&q, *p);
        if (!ok) {
            rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
            goto done;
        }
    }
    if (!dy_buf_cstr(&q)) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    r = PQexecParams(s->pg, q.p, (int)n, NULL, (const char *const *)params, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        rc = pg_fail(s, "query failed", err);
        goto done;
    }
    size_t nc = (size_t)PQnfields(r), nr = (size_t)PQntuples(r);
    vals = calloc(nc ? nc : 1, sizeof *vals);
    if (!vals) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if (names) {
        for (size_t i = 0; i < nc; i++)
            vals[i] = PQfname(r, (int)i);
        names(user, nc, vals);
    }
    for (size_t row = 0; row < nr; row++) {
        for (size_t i = 0; i < nc; i++)
            vals[i] = PQgetisnull(r, (int)row, (int)i) ? NULL : PQgetvalue(r, (int)row, (int)i);
        if (fn && fn(user, nc, vals))
            break;
    }
done:
    free(vals);
    PQclear(r);
    dy_buf_free(&q);
    return rc;
}
