/* pg.c — the PostgreSQL backend. A load streams validated mentions into a
 * temporary staging table with COPY, then moves them into the schema with a
 * few set-based INSERT ... SELECT statements, all in one transaction. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/storeint.h"

#define PG_FLUSH_BYTES (1u << 20)

/* A staged load's connections (s->pg_aux, section "empty store, swapped"):
 * the fillers, then builders only; a filler builds too once it is done. */
enum { PG_C_MAIN, PG_C_SENTENCES, PG_C_DOCUMENTS, PG_NAUX = DY_PG_NAUX };

static void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs (e.g. "table exists, skipping") are not errors */
}

/* A failure on connection c (the store's own or a staging one). */
static int pg_fail_on(dyad_store *s, PGconn *c, const char *msg, dyad_error *err)
{
    char detail[128];
    snprintf(detail, sizeof detail, "%s", PQerrorMessage(c));
    for (char *p = detail; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return dy_store_fail(s, msg, detail, err);
}

static int pg_fail(dyad_store *s, const char *msg, dyad_error *err)
{
    return pg_fail_on(s, s->pg, msg, err);
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

static int pg_exec_on(dyad_store *s, PGconn *c, const char *sql, dyad_error *err)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = DYAD_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pg_fail_on(s, c, "database statement failed", err);
    PQclear(r);
    return rc;
}

int dy_pg_exec(dyad_store *s, const char *sql, dyad_error *err)
{
    return pg_exec_on(s, s->pg, sql, err);
}

/* Run a statement and return its affected-row count (or the first cell of a
 * one-row result) in *n. */
static bool pg_subst(const dyad_store *s, const char *sql, dy_buf *out)
{
    out->n = 0;
    for (const char *p = sql; *p;) {
        if (!strncmp(p, "$RUN", 4)) {
            if (!dy_buf_printf(out, "%lld", (long long)s->run.id))
                return false;
            p += 4;
        } else if (!dy_buf_putc(out, *p++)) {
            return false;
        }
    }
    return dy_buf_cstr(out) != NULL;
}

/* Run a statement, with $RUN replaced by the run's id. */
static int pg_run_sql(dyad_store *s, const char *sql, dyad_error *err)
{
    dy_buf q = {0};
    int rc = pg_subst(s, sql, &q) ? dy_pg_exec(s, q.p, err)
                                  : (int)dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    dy_buf_free(&q);
    return rc;
}

static int pg_count(dyad_store *s, const char *sql, size_t *n, dyad_error *err)
{
    dy_buf q = {0};
    if (!pg_subst(s, sql, &q)) {
        dy_buf_free(&q);
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    }
    PGresult *r = PQexec(s->pg, q.p);
    dy_buf_free(&q);
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

static int pg_copy_open(dyad_store *s, PGconn *c, const char *sql, dyad_error *err)
{
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    return ok ? DYAD_OK : pg_fail_on(s, c, "cannot start COPY", err);
}

/* Start a COPY on connection c; s->copy goes there. */
static int pg_copy_start(dyad_store *s, PGconn *c, const char *sql, dyad_error *err)
{
    s->copy.n = 0;
    s->pg_to = c;
    return pg_copy_open(s, c, sql, err);
}

static int pg_stage_begin(dyad_store *s, dyad_error *err)
{
    int rc = dy_pg_exec(s,
        "CREATE TEMP TABLE dy_stage (line BIGINT, doc TEXT COLLATE \"C\", sentence INTEGER,"
        " date TEXT COLLATE \"C\", dayn INTEGER, week TEXT COLLATE \"C\","
        " source TEXT COLLATE \"C\", target TEXT COLLATE \"C\", code TEXT COLLATE \"C\","
        " root TEXT COLLATE \"C\", quad INTEGER, goldstein DOUBLE PRECISION, plover TEXT COLLATE \"C\","
        " source_text TEXT, target_text TEXT, verb_text TEXT,"
        " source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER,"
        " verb_start INTEGER, verb_end INTEGER, pattern TEXT COLLATE \"C\", issues TEXT, flags TEXT,"
        " sentence_text TEXT, code_name TEXT) ON COMMIT DROP", err);
    if (!rc)
        rc = pg_copy_start(s, s->pg, "COPY dy_stage FROM STDIN", err);
    s->copy_line = 0;
    return rc;
}

/* COPY text format: backslash escapes for \, tab, newline and CR. Runs
 * without them (nearly everything) are copied whole. */
static bool pg_field(dy_buf *b, const char *v)
{
    for (;;) {
        size_t n = strcspn(v, "\\\t\n\r");
        if (n && !dy_buf_put(b, v, n))
            return false;
        v += n;
        if (!*v)
            break;
        char esc[2] = {'\\', *v == '\t' ? 't' : *v == '\n' ? 'n' : *v == '\r' ? 'r' : '\\'};
        if (!dy_buf_put(b, esc, 2))
            return false;
        v++;
    }
    return dy_buf_putc(b, '\t');
}

/* An integer field (rows have many: ids, spans): no printf. */
static bool pg_int(dy_buf *b, int64_t v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    *--p = '\t';
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    return dy_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

static int pg_build_poll(dyad_store *s, bool wait, dyad_error *err);
static int pg_fill_close(dyad_store *s, int k, PGconn *c, dyad_error *err);

/* Send COPY data on c; a staged load's builders get their next jobs
 * meanwhile. */
static int pg_put_on(dyad_store *s, PGconn *c, const char *p, size_t n, dyad_error *err)
{
    int rc = DYAD_OK;
    /* in pieces: libpq copies a message whole into its output buffer */
    for (size_t k; n && !rc; p += k, n -= k) {
        k = n < PG_FLUSH_BYTES ? n : PG_FLUSH_BYTES;
        if (PQputCopyData(c, p, (int)k) != 1)
            return pg_fail_on(s, c, "COPY failed", err);
        rc = s->pg_jobs ? pg_build_poll(s, false, err) : DYAD_OK;
    }
    return rc;
}

/* Send buffer b on c and empty it. */
static int pg_send(dyad_store *s, PGconn *c, dy_buf *b, dyad_error *err)
{
    int rc = pg_put_on(s, c, b->p, b->n, err);
    b->n = 0;
    return rc;
}

static int pg_flush(dyad_store *s, dyad_error *err)
{
    return pg_send(s, s->pg_to, &s->copy, err);
}

int dy_pg_add(dyad_store *s, const dy_mention *m, dyad_error *err)
{
    const dyad_event *e = m->ev;
    dy_buf *b = &s->copy;
    char num[64], week[11] = "";
    if (m->has_day)
        dy_store_week_format(m->dayn, week);
    bool ok = dy_buf_printf(b, "%zu\t", ++s->copy_line) && pg_field(b, e->doc) &&
              dy_buf_printf(b, "%u\t", e->sentence) && pg_field(b, e->date);
    if (m->has_day)
        ok = ok && dy_buf_printf(b, "%lld\t", (long long)m->dayn);
    else
        ok = ok && dy_buf_puts(b, "\\N\t");
    ok = ok && pg_field(b, week) && pg_field(b, e->source) && pg_field(b, e->target) &&
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

/* End the COPY on c (its data sent). */
static int pg_copy_end_on(dyad_store *s, PGconn *c, dyad_error *err)
{
    int rc = DYAD_OK;
    if (PQputCopyEnd(c, NULL) != 1)
        return pg_fail_on(s, c, "COPY failed", err);
    PGresult *r;
    while ((r = PQgetResult(c))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !rc)
            rc = pg_fail_on(s, c, "COPY failed", err);
        PQclear(r);
    }
    return rc;
}

/* End the COPY in progress. */
static int pg_copy_end(dyad_store *s, dyad_error *err)
{
    int rc = pg_flush(s, err);
    return rc ? rc : pg_copy_end_on(s, s->pg_to, err);
}

/* What the staged mentions add to event_months: every mention this run
 * stored, and the events it created (run_id). */
static const char pg_stage_months[] =
    "INSERT INTO event_months (source, target, month, quad, events, mentions, gold_sum, gold_n,"
    " gold_msum, gold_mn)"
    " SELECT e.source, e.target, substr(e.date, 1, 7), e.quad,"
    "  count(*) FILTER (WHERE e.run_id = $RUN), sum(k.n),"
    "  coalesce(sum(e.goldstein) FILTER (WHERE e.run_id = $RUN), 0),"
    "  count(e.goldstein) FILTER (WHERE e.run_id = $RUN),"
    "  coalesce(sum(e.goldstein * k.n), 0),"
    "  coalesce(sum(k.n) FILTER (WHERE e.goldstein IS NOT NULL), 0)"
    " FROM (SELECT e.event_id, count(*) AS n FROM dy_fresh f JOIN events e ON e.source = f.source"
    "  AND e.target = f.target AND e.code = f.code AND e.date = f.date GROUP BY e.event_id) k"
    " JOIN events e ON e.event_id = k.event_id"
    " GROUP BY e.source, e.target, substr(e.date, 1, 7), e.quad"
    " ON CONFLICT (source, target, month, quad) DO UPDATE SET"
    " events = event_months.events + excluded.events,"
    " mentions = event_months.mentions + excluded.mentions,"
    " gold_sum = event_months.gold_sum + excluded.gold_sum,"
    " gold_n = event_months.gold_n + excluded.gold_n,"
    " gold_msum = event_months.gold_msum + excluded.gold_msum,"
    " gold_mn = event_months.gold_mn + excluded.gold_mn";

static int pg_stage_commit(dyad_store *s, dyad_error *err)
{
    int rc = pg_copy_end(s, err);
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
            "  goldstein, plover, mentions, run_id) SELECT date, dayn, week, source, target, code,"
            "  root, quad, goldstein, plover, n, $RUN FROM g"
            "  ON CONFLICT (source, target, code, date)"
            "  DO UPDATE SET mentions = events.mentions + EXCLUDED.mentions"
            "  RETURNING (xmax = 0) AS created)"
            " SELECT count(*) FILTER (WHERE created) FROM up", &created, err)))
        return rc;
    if ((rc = pg_count(s,
            "INSERT INTO mentions (event_id, doc_id, sentence, source, target, code, pattern,"
            " source_text, target_text, verb_text, source_start, source_end, target_start,"
            " target_end, verb_start, verb_end, issues, flags, run_id)"
            " SELECT e.event_id, f.doc_id, f.sentence, f.source, f.target, f.code, f.pattern,"
            " f.source_text, f.target_text, f.verb_text, f.source_start, f.source_end,"
            " f.target_start, f.target_end, f.verb_start, f.verb_end, f.issues, f.flags, $RUN"
            " FROM dy_fresh f JOIN events e ON e.source = f.source AND e.target = f.target"
            " AND e.code = f.code AND e.date = f.date ORDER BY f.line", &loaded, err)))
        return rc;
    if ((rc = pg_run_sql(s, pg_stage_months, err)))
        return rc;
    s->st.events = created;
    s->st.loaded = loaded;
    s->st.duplicate = s->copy_line - loaded;
    return DYAD_OK;
}

/* ---------------------------------------------------------------- empty store
 *
 * A load into an empty store goes through the shared loader (load.c), which
 * assigns the ids and removes duplicates, so every table is filled by one
 * COPY: mentions stream while the input is read; documents, sentences,
 * actors and codes are spooled and sent at the commit, then the events and
 * the monthly summary. The tables' keys, foreign keys and indexes are dropped
 * at the start and rebuilt at the end, inside the transaction: building an
 * index once is far cheaper than updating it row by row. */

static const char pg_tables[] =
    "'documents'::regclass, 'sentences'::regclass, 'events'::regclass, 'mentions'::regclass,"
    " 'event_months'::regclass";

typedef struct pg_ddl {
    dyad_store *s;
    dy_buf drop, keys, fkeys;
    bool oom;
} pg_ddl;

static int pg_ddl_constraint(void *user, size_t n, const char *const *v)
{
    pg_ddl *d = user;
    (void)n;
    /* v: table, name, definition, type */
    dy_buf *add = v[3][0] == 'f' ? &d->fkeys : &d->keys;
    if (!dy_buf_printf(add, "ALTER TABLE %s ADD CONSTRAINT %s %s;", v[0], v[1], v[2]) ||
        !dy_buf_printf(&d->drop, "ALTER TABLE %s DROP CONSTRAINT %s;", v[0], v[1]))
        d->oom = true;
    return d->oom;
}

static int pg_ddl_index(void *user, size_t n, const char *const *v)
{
    pg_ddl *d = user;
    (void)n;
    if (!dy_buf_printf(&d->keys, "%s;", v[1]) || !dy_buf_printf(&d->drop, "DROP INDEX %s;", v[0]))
        d->oom = true;
    return d->oom;
}

/* Drop the keys and indexes of the loaded tables, remembering how to put
 * them back (s->pg_ddl). Foreign keys go first and come back last. */
static int pg_drop_keys(dyad_store *s, dyad_error *err)
{
    pg_ddl d = {s, {0}, {0}, {0}, false};
    dy_buf q = {0};
    int rc;
    bool ok = dy_buf_printf(&q,
        "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid), contype"
        " FROM pg_constraint WHERE conrelid IN (%s) AND contype IN ('p', 'u', 'f')"
        " ORDER BY contype = 'f' DESC, conrelid::regclass::text, conname", pg_tables) &&
        dy_buf_cstr(&q);
    if (!ok) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if ((rc = dy_pg_select(s, q.p, NULL, 0, NULL, pg_ddl_constraint, &d, err)))
        goto done;
    q.n = 0;
    ok = dy_buf_printf(&q,
        "SELECT quote_ident(i.relname), pg_get_indexdef(i.oid) FROM pg_index x"
        " JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid IN (%s)"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        " ORDER BY i.relname", pg_tables) && dy_buf_cstr(&q);
    if (!ok || d.oom) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if ((rc = dy_pg_select(s, q.p, NULL, 0, NULL, pg_ddl_index, &d, err)))
        goto done;
    s->pg_ddl.n = 0;
    if (d.oom || !dy_buf_put(&s->pg_ddl, d.keys.p, d.keys.n) ||
        !dy_buf_put(&s->pg_ddl, d.fkeys.p, d.fkeys.n) || !dy_buf_cstr(&s->pg_ddl) ||
        !dy_buf_cstr(&d.drop)) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    rc = dy_pg_exec(s, d.drop.p, err);
done:
    dy_buf_free(&d.drop);
    dy_buf_free(&d.keys);
    dy_buf_free(&d.fkeys);
    dy_buf_free(&q);
    return rc;
}

static int pg_row_end(dyad_store *s, dy_buf *b, bool ok, dyad_error *err)
{
    if (!ok)
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    b->p[b->n - 1] = '\n'; /* the last field's tab ends the row */
    return b == &s->copy && b->n >= PG_FLUSH_BYTES ? pg_flush(s, err) : DYAD_OK;
}

static bool pg_real(dy_buf *b, double v)
{
    return isnan(v) ? dy_buf_puts(b, "\\N\t") : dy_buf_printf(b, "%.17g\t", v);
}

/* An event's Goldstein value: the events come in key order, so runs of
 * them share their code's value; printf is kept for a new one. */
static bool pg_gold(dyad_store *s, dy_buf *b, double v)
{
    if (isnan(v))
        return dy_buf_puts(b, "\\N\t");
    if (!s->pg_gold_s[0] || memcmp(&v, &s->pg_gold, sizeof v) != 0) {
        s->pg_gold = v;
        snprintf(s->pg_gold_s, sizeof s->pg_gold_s, "%.17g\t", v);
    }
    return dy_buf_puts(b, s->pg_gold_s);
}

/* Staged, documents and sentences stream to their copies' COPYs while the
 * input is read (pg_fresh_begin); otherwise they wait for the mentions'. */
static int pg_doc_put(dyad_store *s, int64_t id, const char *name, const char *date, dyad_error *err)
{
    dy_buf *b = &s->pg_docs;
    int rc = pg_row_end(s, b, pg_int(b, id) && pg_field(b, name) && pg_field(b, date), err);
    if (!rc && s->pg_schema[0] && b->n >= PG_FLUSH_BYTES)
        rc = pg_send(s, s->pg_aux[PG_C_DOCUMENTS], b, err);
    return rc;
}

/* The sentence rows gathered so far, to their copy's COPY (staged) or to
 * the spool file (in place). */
static int pg_sent_flush(dyad_store *s, dyad_error *err)
{
    dy_buf *b = &s->pg_sent;
    if (!s->pg_sentences)
        return pg_send(s, s->pg_aux[PG_C_SENTENCES], b, err);
    bool ok = !b->n || fwrite(b->p, 1, b->n, s->pg_sentences) == b->n;
    b->n = 0;
    return ok ? DYAD_OK : dy_fail(err, DYAD_E_IO, "cannot spool sentences to a temporary file",
                                  NULL, 0, 0, NULL, 0);
}

static int pg_sentence_put(dyad_store *s, int64_t doc, uint32_t idx, const char *text,
                           dyad_error *err)
{
    dy_buf *b = &s->pg_sent;
    int rc = pg_row_end(s, b, pg_int(b, doc) && pg_int(b, idx) && pg_field(b, text), err);
    return !rc && b->n >= PG_FLUSH_BYTES ? pg_sent_flush(s, err) : rc;
}

static int pg_mention_put(dyad_store *s, const dy_mrow *row, bool *inserted, dyad_error *err)
{
    const dyad_event *e = row->m->ev;
    dy_buf *b = &s->copy;
    *inserted = true; /* the loader has removed the duplicates */
    return pg_row_end(s, b,
        pg_int(b, row->mention_id) && pg_int(b, row->event_id) && pg_int(b, row->doc_id) &&
        pg_int(b, e->sentence) && pg_field(b, e->source) && pg_field(b, e->target) &&
        pg_field(b, e->code) && pg_field(b, e->pattern) && pg_field(b, e->source_text) &&
        pg_field(b, e->target_text) && pg_field(b, e->verb_text) &&
        pg_int(b, e->source_span.start) && pg_int(b, e->source_span.end) &&
        pg_int(b, e->target_span.start) && pg_int(b, e->target_span.end) &&
        pg_int(b, e->verb_span.start) && pg_int(b, e->verb_span.end) &&
        pg_field(b, e->issues) && pg_field(b, e->flags) && pg_int(b, s->run.id), err);
}

static int pg_actor_put(dyad_store *s, const char *code, dyad_error *err)
{
    dy_buf *b = &s->pg_actors;
    char ent[4], role[4];
    size_t n = strlen(code);
    snprintf(ent, sizeof ent, "%.3s", code);
    snprintf(role, sizeof role, "%.3s", n > 3 ? code + 3 : "");
    return pg_row_end(s, b, pg_field(b, code) && pg_field(b, ent) && pg_field(b, role) &&
                               pg_field(b, n > 6 ? code + 6 : ""), err);
}

static int pg_code_put(dyad_store *s, const dy_mention *m, dyad_error *err)
{
    dy_buf *b = &s->pg_codes;
    return pg_row_end(s, b, pg_field(b, m->ev->code) && pg_field(b, m->root) &&
                               dy_buf_printf(b, "%d\t", (int)m->ev->quad) &&
                               pg_real(b, m->ev->goldstein) && pg_field(b, m->ev->plover) &&
                               pg_field(b, m->code_name), err);
}

static int pg_event_put(dyad_store *s, const dy_erow *r, dyad_error *err)
{
    dy_buf *b = &s->copy;
    bool ok = pg_int(b, r->event_id) && pg_field(b, r->date) &&
              (r->dayn == INT32_MIN ? dy_buf_puts(b, "\\N\t") : pg_int(b, r->dayn)) &&
              pg_field(b, r->week) && pg_field(b, r->source) && pg_field(b, r->target) &&
              pg_field(b, r->code) && pg_field(b, r->root) && pg_int(b, r->quad) &&
              pg_gold(s, b, r->goldstein) && pg_field(b, r->plover) && pg_int(b, r->mentions) &&
              pg_int(b, s->run.id);
    return pg_row_end(s, b, ok, err);
}

static int pg_event_more(dyad_store *s, int64_t id, uint32_t mentions, dyad_error *err)
{
    (void)id;
    (void)mentions; /* an empty store has no stored events */
    return dy_store_fail(s, "internal error: an event of an empty store", NULL, err);
}

static int pg_month_put(dyad_store *s, const dy_monthrow *r, dyad_error *err)
{
    dy_buf *b = &s->pg_months;
    return pg_row_end(s, b, pg_field(b, r->source) && pg_field(b, r->target) &&
                               pg_field(b, r->month) && pg_int(b, r->quad) &&
                               pg_int(b, r->events) && pg_int(b, r->mentions) &&
                               pg_real(b, r->gold_sum) && pg_int(b, r->gold_n) &&
                               pg_real(b, r->gold_msum) && pg_int(b, r->gold_mn), err);
}

static const dy_sink pg_sink = {
    NULL, pg_doc_put, pg_sentence_put, NULL, pg_mention_put,
    pg_actor_put, pg_code_put, pg_event_put, pg_event_more, pg_month_put,
};

static const char pg_copy_mentions[] =
    "COPY mentions (mention_id, event_id, doc_id, sentence, source, target, code, pattern,"
    " source_text, target_text, verb_text, source_start, source_end, target_start, target_end,"
    " verb_start, verb_end, issues, flags, run_id) FROM STDIN WITH (FREEZE)";

/* Run ';'-separated statements one by one (each is its own log line). */
static int pg_exec_each(dyad_store *s, char *sql, dyad_error *err)
{
    int rc = DYAD_OK;
    for (char *p = sql, *e; !rc && *p; p = e + 1) {
        if (!(e = strchr(p, ';')))
            return dy_pg_exec(s, p, err);
        *e = 0;
        rc = dy_pg_exec(s, p, err);
        *e = ';';
    }
    return rc;
}

/* ------------------------------------------------------- empty store, swapped
 *
 * When nothing outside them depends on the five tables, the load builds
 * copies of them in a schema of its own (dyad_load_<hex>) and swaps them in.
 * Three more connections fill the copies as the client has their rows: the
 * mentions, documents and sentences while the input is read, then the first
 * takes the events and event_months. Each copy is created in the
 * transaction of its COPY (FREEZE) and committed when its rows are in. Every
 * connection that is not filling (two more, and the second and third once
 * done) builds what the copies need as soon as it can be built: indexes,
 * then the keys put on them, statistics and foreign keys (pg_build_poll).
 * The store's own transaction, which has held the tables since the start,
 * then swaps the copies in for the empty tables and commits. A load killed
 * at any moment leaves the tables as they were; a staging schema it leaves
 * behind is dropped by the next load. */

/* The copies, in the order they are filled (their bit in s->pg_copied). */
enum { PG_T_MENTIONS, PG_T_EVENTS, PG_T_DOCUMENTS, PG_T_SENTENCES, PG_T_MONTHS };

/* One statement for a builder: it runs on its own, in its own transaction. */
typedef struct pg_job {
    char tag;              /* i: an index; c: a key put on its index; y: ANALYZE; f: a foreign key */
    signed char t, ref;    /* the copies it locks (ref: the referenced one, or -1) */
    signed char on;        /* the builder running it, or -1 */
    bool done;
    size_t sql, len;       /* the statement, in s->pg_ddl */
} pg_job;

/* A staging schema's name, or NULL when the tables cannot be swapped:
 * something else depends on them (views, foreign keys, triggers, rules,
 * policies, publications, inheritance), or they reference other tables, or
 * have grants, options, identity columns or another owner. */
static const char pg_swap_ok[] =
    "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_depend d"
    "  WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid IN (%1$s) AND d.deptype = 'n'"
    "  AND NOT (d.classid = 'pg_constraint'::regclass AND EXISTS (SELECT 1 FROM pg_constraint k"
    "  WHERE k.oid = d.objid AND k.conrelid IN (%1$s))))"
    " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid IN (%1$s) AND contype = 'f'"
    "  AND confrelid NOT IN (%1$s))"
    " AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid IN (%1$s) AND NOT tgisinternal)"
    " AND NOT EXISTS (SELECT 1 FROM pg_rewrite WHERE ev_class IN (%1$s))"
    " AND NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid IN (%1$s))"
    " AND NOT EXISTS (SELECT 1 FROM pg_publication_rel WHERE prrelid IN (%1$s))"
    " AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid IN (%1$s) OR inhparent IN (%1$s))"
    " AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid IN (%1$s)"
    "  AND (attidentity <> '' OR attgenerated <> ''))"
    " AND NOT EXISTS (SELECT 1 FROM pg_class WHERE oid IN (%1$s) AND (relacl IS NOT NULL"
    "  OR relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    "  OR relkind <> 'r' OR relpersistence <> 'p' OR reloptions IS NOT NULL OR relrowsecurity))"
    " THEN 'dyad_load_' || left(md5(random()::text || clock_timestamp()::text), 16) END";

/* The statements that build and swap the copies: a tag (t: create; i, c, y,
 * f: the jobs; o, d, m, z: the swap's steps), the copy they are for and the
 * one a foreign key references (digits, pg_copied's numbering), and the
 * statement. Keys are built as plain unique indexes that the key is then put
 * on, so that a copy's indexes can be built at once on several connections
 * (ADD CONSTRAINT would lock the table for each). Jobs come in the order
 * they are preferred: by copy, the widest indexes (the slowest sorts) first.
 * On the staging connections the schema is the search path, so the
 * statements name the tables unqualified; a definition that cannot be
 * rewritten so, an exclusion or deferrable key, gives NULL (no swap). */
static const char pg_swap_ddl[] =
    "WITH t AS (SELECT c.oid, quote_ident(c.relname) AS rel, quote_ident(n.nspname) AS nsp,"
    "  array_position(ARRAY['mentions', 'events', 'documents', 'sentences', 'event_months']::name[],"
    "  c.relname) - 1 AS k"
    "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid IN (%1$s)),"
    " q AS (SELECT quote_ident(qn.nspname) || '.' || quote_ident(q.relname) AS seq,"
    "  nsp || '.' || rel || '.' || quote_ident(a.attname) AS col FROM pg_depend d"
    "  JOIN pg_class q ON q.oid = d.objid AND q.relkind = 'S'"
    "  JOIN pg_namespace qn ON qn.oid = q.relnamespace JOIN t ON t.oid = d.refobjid"
    "  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
    "  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
    "  AND d.deptype = 'a')"
    " SELECT 't', k, -1, 0, 'CREATE TABLE ' || rel || ' (LIKE ' || nsp || '.' || rel"
    "  || ' INCLUDING ALL EXCLUDING INDEXES)' FROM t"
    " UNION ALL SELECT 'i', k, -1, 100 - x.indnkeyatts, CASE WHEN strpos(pg_get_indexdef(x.indexrelid),"
    "  ' ON ' || nsp || '.' || rel || ' USING ') > 0 THEN replace(pg_get_indexdef(x.indexrelid),"
    "  ' ON ' || nsp || '.' || rel || ' USING ', ' ON ' || rel || ' USING ') END"
    "  FROM pg_index x JOIN t ON t.oid = x.indrelid"
    " UNION ALL SELECT 'c', k, -1, 200, CASE WHEN k.contype IN ('p', 'u') AND NOT k.condeferrable"
    "  THEN 'ALTER TABLE ' || rel || ' ADD CONSTRAINT ' || quote_ident(k.conname)"
    "  || CASE k.contype WHEN 'p' THEN ' PRIMARY KEY' ELSE ' UNIQUE' END"
    "  || ' USING INDEX ' || quote_ident(i.relname) END"
    "  FROM pg_constraint k JOIN t ON t.oid = k.conrelid JOIN pg_class i ON i.oid = k.conindid"
    "  WHERE k.contype IN ('p', 'u', 'x')"
    " UNION ALL SELECT 'y', k, -1, 300, 'ANALYZE ' || rel FROM t"
    "  WHERE rel IN ('events', 'event_months')"
    " UNION ALL SELECT 'f', t.k, r.k, 300, 'ALTER TABLE ' || t.rel || ' ADD CONSTRAINT '"
    "  || quote_ident(k.conname) || ' '"
    "  || replace(pg_get_constraintdef(k.oid), ' REFERENCES ' || t.nsp || '.', ' REFERENCES ')"
    "  FROM pg_constraint k JOIN t ON t.oid = k.conrelid JOIN t r ON r.oid = k.confrelid"
    "  WHERE k.contype = 'f'"
    " UNION ALL SELECT 'o', 0, -1, 0, 'ALTER SEQUENCE ' || seq || ' OWNED BY NONE' FROM q"
    " UNION ALL SELECT 'd', 0, -1, 0, 'DROP TABLE ' || string_agg(nsp || '.' || rel, ', ') FROM t"
    " UNION ALL SELECT 'm', 0, -1, 0, 'ALTER TABLE %2$s.' || rel || ' SET SCHEMA ' || nsp FROM t"
    " UNION ALL SELECT 'z', 0, -1, 0, 'ALTER SEQUENCE ' || seq || ' OWNED BY ' || col FROM q"
    " ORDER BY 2, 4, 5";

/* Staging schemas of killed loads: nobody holds their locks any more. One
 * that another role owns is left to that role's next load. */
static const char pg_swap_stale[] =
    "DO $$DECLARE n name; BEGIN"
    " FOR n IN SELECT nspname FROM pg_namespace WHERE nspname LIKE 'dyad\\_load\\_%'"
    "  AND pg_has_role(nspowner, 'USAGE') LOOP"
    "  IF pg_try_advisory_lock(424244, hashtext(n)) THEN"
    "   EXECUTE format('DROP SCHEMA %I CASCADE', n);"
    "   PERFORM pg_advisory_unlock(424244, hashtext(n));"
    "  END IF;"
    " END LOOP; END$$";

typedef struct pg_swap_rows {
    dy_buf *out;
    bool bad, oom;
} pg_swap_rows;

static int pg_swap_name_row(void *user, size_t n, const char *const *v)
{
    dyad_store *s = user;
    (void)n;
    snprintf(s->pg_schema, sizeof s->pg_schema, "%s", v[0] ? v[0] : "");
    return 0;
}

/* Kept in s->pg_ddl as "<tag><copy><referenced copy or -><statement>;". */
static int pg_swap_ddl_row(void *user, size_t n, const char *const *v)
{
    pg_swap_rows *d = user;
    (void)n;
    int k = v[1] ? atoi(v[1]) : -1, ref = atoi(v[2]);
    if (!v[4] || strchr(v[4], ';') || k < 0 || k > PG_T_MONTHS)
        d->bad = true;
    else if (!dy_buf_printf(d->out, "%s%c%c%s;", v[0], '0' + k, ref < 0 ? '-' : '0' + ref, v[4]))
        d->oom = true;
    return d->bad || d->oom;
}

/* The statements of s->pg_ddl with this tag and copy (-1: any), each ended
 * by ';'. */
static bool pg_swap_script(const dyad_store *s, char tag, int k, dy_buf *out)
{
    out->n = 0;
    for (const char *p = s->pg_ddl.p, *e; p && *p; p = e + 1) {
        e = strchr(p, ';');
        if (p[0] == tag && (k < 0 || p[1] == '0' + k) && !dy_buf_put(out, p + 3, (size_t)(e - p - 2)))
            return false;
    }
    return dy_buf_cstr(out) != NULL;
}

/* The jobs of s->pg_ddl, in its order. */
static bool pg_swap_jobs(dyad_store *s)
{
    size_t n = 0;
    for (const char *p = s->pg_ddl.p; p && *p; p = strchr(p, ';') + 1)
        n += strchr("icyf", p[0]) != NULL;
    if (!(s->pg_jobs = calloc(n ? n : 1, sizeof *s->pg_jobs)))
        return false;
    for (const char *p = s->pg_ddl.p, *e; p && *p; p = e + 1) {
        e = strchr(p, ';');
        if (!strchr("icyf", p[0]))
            continue;
        s->pg_jobs[s->pg_njobs++] = (pg_job){p[0], (signed char)(p[1] - '0'),
                                             (signed char)(p[2] == '-' ? -1 : p[2] - '0'), -1,
                                             false, (size_t)(p + 3 - s->pg_ddl.p),
                                             (size_t)(e - p - 3)};
    }
    return true;
}

/* The copies job j locks, a bit each. */
static unsigned pg_job_tables(const pg_job *j)
{
    return 1u << j->t | (j->ref >= 0 ? 1u << j->ref : 0u);
}

/* Whether job j can start now: its copies are filled, what it needs is
 * built (indexes before the keys put on them, both before statistics and
 * foreign keys), and no running job locks what it does, except that
 * indexes of one table are built side by side. So no job waits for a
 * lock: each runs when it can run through. */
static bool pg_job_ready(const dyad_store *s, const pg_job *j)
{
    static const char order[] = "icyf"; /* y and f: no order between them */
    unsigned mine = pg_job_tables(j);
    if ((s->pg_copied & mine) != mine)
        return false;
    for (size_t i = 0; i < s->pg_njobs; i++) {
        const pg_job *o = &s->pg_jobs[i];
        if (o == j || o->done || !(pg_job_tables(o) & mine))
            continue;
        if (o->on >= 0 ? !(o->tag == 'i' && j->tag == 'i')
                       : (o->t == j->t || o->t == j->ref) && o->tag != j->tag &&
                             strchr(order, o->tag) < strchr(order, j->tag) &&
                             !(o->tag == 'y' && j->tag == 'f'))
            return false;
    }
    return true;
}

/* Collect what the builders finished, start what can start. With wait,
 * until every job is done. The first failure is returned (the caller's
 * clean-up stops the others). */
static int pg_build_poll(dyad_store *s, bool wait, dyad_error *err)
{
    dy_buf q = {0};
    int rc = DYAD_OK;
    for (;;) {
        size_t left = 0;
        int running = 0;
        struct pollfd fds[PG_NAUX];
        for (size_t i = 0; i < s->pg_njobs && !rc; i++) {
            pg_job *j = &s->pg_jobs[i];
            if (j->on < 0)
                continue;
            PGconn *c = s->pg_aux[j->on];
            if (!PQconsumeInput(c)) {
                rc = pg_fail_on(s, c, "cannot build the staged tables", err);
                break;
            }
            PGresult *r;
            while (!PQisBusy(c) && (r = PQgetResult(c))) {
                ExecStatusType st = PQresultStatus(r);
                if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && !rc)
                    rc = pg_fail_on(s, c, "cannot build the staged tables", err);
                PQclear(r);
            }
            if (!PQisBusy(c) && !rc)
                j->on = -1, j->done = true;
        }
        if (rc)
            goto done;
        for (int b = 0; b < PG_NAUX; b++) {
            bool busy = s->pg_filling & 1u << b;
            for (size_t i = 0; i < s->pg_njobs; i++)
                busy |= s->pg_jobs[i].on == b;
            for (size_t i = 0; i < s->pg_njobs && !busy; i++) {
                pg_job *j = &s->pg_jobs[i];
                if (j->done || j->on >= 0 || !pg_job_ready(s, j))
                    continue;
                q.n = 0;
                if (!dy_buf_put(&q, s->pg_ddl.p + j->sql, j->len) || !dy_buf_cstr(&q)) {
                    rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
                    goto done;
                }
                if (!PQsendQuery(s->pg_aux[b], q.p)) {
                    rc = pg_fail_on(s, s->pg_aux[b], "cannot build the staged tables", err);
                    goto done;
                }
                j->on = (signed char)b;
                busy = true;
            }
        }
        for (size_t i = 0; i < s->pg_njobs; i++) {
            left += !s->pg_jobs[i].done;
            if (s->pg_jobs[i].on >= 0)
                fds[running++] = (struct pollfd){PQsocket(s->pg_aux[s->pg_jobs[i].on]), POLLIN, 0};
        }
        if (!wait || !left)
            break;
        if (!running) { /* a job whose copy was never filled */
            rc = dy_store_fail(s, "internal error: staged build jobs cannot run", NULL, err);
            break;
        }
        if (poll(fds, (nfds_t)running, -1) < 0 && errno != EINTR) {
            rc = dy_fail(err, DYAD_E_IO, "cannot wait for the database", NULL, 0, 0, NULL, 0);
            break;
        }
    }
done:
    dy_buf_free(&q);
    return rc;
}

/* A connection like the store's, its search path the staging schema. */
static PGconn *pg_swap_connect(dyad_store *s)
{
    PQconninfoOption *o = PQconninfo(s->pg);
    size_t n = 0;
    for (const PQconninfoOption *p = o; p && p->keyword; p++)
        n++;
    const char **k = calloc(n + 1, sizeof *k), **v = calloc(n + 1, sizeof *v);
    PGconn *c = NULL;
    PGresult *r = NULL;
    char set[384];
    if (!o || !k || !v)
        goto done;
    n = 0;
    for (const PQconninfoOption *p = o; p->keyword; p++)
        if (p->val && *p->val)
            k[n] = p->keyword, v[n++] = p->val;
    c = PQconnectdbParams(k, v, 0);
    if (c && PQstatus(c) == CONNECTION_OK) {
        PQsetNoticeProcessor(c, pg_quiet, NULL);
        /* The builds already run side by side, a connection each: parallel
         * workers on top merge their runs from temporary files (a 1M load
         * took 3 s more CPU with them). Sorts in 16 MB
         * runs, merged, took a fifth less time than whole in memory: a
         * large sort's memory is new to the process every time, and each
         * first touch of a page costs a fault. A foreign key's
         * check joins the two tables' keys: merged from their indexes
         * (index-only, the copies are all-visible) it takes a third of the
         * time of a hash join over the referenced heap. Their commits need
         * not wait for the disk: the copies only count once the swap's
         * own commit, which does wait, has made them the store's. */
        snprintf(set, sizeof set, "SET client_min_messages = warning; SET client_encoding = 'UTF8';"
                 " SET maintenance_work_mem = '16MB'; SET max_parallel_maintenance_workers = 0;"
                 " SET max_parallel_workers_per_gather = 0; SET enable_hashjoin = off;"
                 " SET synchronous_commit = off; SET search_path = %s", s->pg_schema);
        r = PQexec(c, set);
    }
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        PQfinish(c);
        c = NULL;
    }
done:
    PQclear(r);
    free(k);
    free(v);
    PQconninfoFree(o);
    return c;
}

/* Close the staging connections. After a failure: stop what they were
 * doing, roll it back and drop the schema (best effort: the next load
 * drops it anyway). */
static void pg_swap_close(dyad_store *s)
{
    char buf[256];
    for (int i = 0; i < PG_NAUX; i++) {
        PGconn *c = s->pg_aux[i];
        if (!c)
            continue;
        if (PQtransactionStatus(c) == PQTRANS_ACTIVE) {
            /* inside COPY, or running statements: abort, then drain */
            PGcancel *k = PQputCopyEnd(c, "load abandoned") == 1 ? NULL : PQgetCancel(c);
            if (k) {
                PQcancel(k, buf, sizeof buf);
                PQfreeCancel(k);
            }
            PGresult *r;
            while ((r = PQgetResult(c)))
                PQclear(r);
        }
        if (PQtransactionStatus(c) != PQTRANS_IDLE)
            PQclear(PQexec(c, "ROLLBACK"));
    }
    if (s->pg_aux[PG_C_MAIN] && s->pg_schema[0]) {
        snprintf(buf, sizeof buf, "DROP SCHEMA IF EXISTS %s CASCADE", s->pg_schema);
        PQclear(PQexec(s->pg_aux[PG_C_MAIN], buf));
    }
    for (int i = 0; i < PG_NAUX; i++) {
        PQfinish(s->pg_aux[i]);
        s->pg_aux[i] = NULL;
    }
    free(s->pg_jobs);
    s->pg_jobs = NULL;
    s->pg_njobs = 0;
    s->pg_copied = s->pg_filling = 0;
    s->pg_schema[0] = 0;
    s->pg_to = NULL;
}

/* Set up the staging schema, its jobs and connections. s->pg_schema stays
 * "" when the tables cannot be swapped or a connection cannot be opened:
 * the load then goes the single-connection way. */
static int pg_swap_open(dyad_store *s, dyad_error *err)
{
    dy_buf q = {0};
    pg_swap_rows d = {&s->pg_ddl, false, false};
    int rc = DYAD_OK;
    s->pg_ddl.n = 0;
    if (!dy_buf_printf(&q, pg_swap_ok, pg_tables) || !dy_buf_cstr(&q)) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if ((rc = dy_pg_select(s, q.p, NULL, 0, NULL, pg_swap_name_row, s, err)) || !s->pg_schema[0])
        goto done;
    q.n = 0;
    if (!dy_buf_printf(&q, pg_swap_ddl, pg_tables, s->pg_schema) || !dy_buf_cstr(&q)) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if ((rc = dy_pg_select(s, q.p, NULL, 0, NULL, pg_swap_ddl_row, &d, err)))
        goto done;
    if (d.oom || !dy_buf_cstr(&s->pg_ddl) || (!d.bad && !pg_swap_jobs(s))) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    for (int i = 0; i < PG_NAUX && !d.bad; i++)
        d.bad = !(s->pg_aux[i] = pg_swap_connect(s));
    if (d.bad) {
        pg_swap_close(s);
        goto done;
    }
    /* the schema's lock tells later loads that this one is alive */
    q.n = 0;
    if (!dy_buf_printf(&q, "SELECT pg_advisory_lock(424244, hashtext('%s')); CREATE SCHEMA %s",
                       s->pg_schema, s->pg_schema) || !dy_buf_cstr(&q)) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    rc = pg_exec_on(s, s->pg_aux[PG_C_MAIN], q.p, err);
    s->pg_filling = 1u << PG_C_MAIN | 1u << PG_C_SENTENCES | 1u << PG_C_DOCUMENTS;
done:
    if (!s->pg_schema[0])
        s->pg_ddl.n = 0;
    dy_buf_free(&q);
    return rc;
}

/* Fill copy k on connection c: create it in the transaction of its COPY,
 * for FREEZE. */
static int pg_fill_open(dyad_store *s, int k, PGconn *c, const char *sql, dyad_error *err)
{
    dy_buf q = {0};
    int rc = pg_exec_on(s, c, "BEGIN", err);
    if (!rc && !pg_swap_script(s, 't', k, &q))
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (!rc && q.n)
        rc = pg_exec_on(s, c, q.p, err);
    if (!rc)
        rc = pg_copy_open(s, c, sql, err);
    dy_buf_free(&q);
    return rc;
}

/* Copy k is filled (its data sent): commit it, and its builds can start.
 * Connection c can build too, except the main filler, which is kept for the
 * next copy. */
static int pg_fill_close(dyad_store *s, int k, PGconn *c, dyad_error *err)
{
    int rc = pg_copy_end_on(s, c, err);
    if (rc || (rc = pg_exec_on(s, c, "COMMIT", err)))
        return rc;
    s->pg_copied |= 1u << k;
    for (int i = PG_C_MAIN + 1; i < PG_NAUX; i++)
        if (s->pg_aux[i] == c)
            s->pg_filling &= ~(1u << i);
    return pg_build_poll(s, false, err);
}

/* Start the COPY into table k's copy (staged), or into table k itself (not
 * staged, or k < 0: a table that is never staged); s->copy goes there. */
static int pg_copy_to(dyad_store *s, int k, const char *sql, dyad_error *err)
{
    if (k < 0 || !s->pg_schema[0])
        return pg_copy_start(s, s->pg, sql, err);
    s->copy.n = 0;
    s->pg_to = s->pg_aux[PG_C_MAIN];
    return pg_fill_open(s, k, s->pg_to, sql, err);
}

/* End the COPY pg_copy_to started. */
static int pg_copy_done(dyad_store *s, int k, dyad_error *err)
{
    if (k < 0 || !s->pg_schema[0])
        return pg_copy_end(s, err);
    int rc = pg_flush(s, err);
    return rc ? rc : pg_fill_close(s, k, s->pg_to, err);
}

/* The rows are in: wait for the builds, then swap the copies in (the
 * store's transaction). */
static int pg_swap_finish(dyad_store *s, dyad_error *err)
{
    dy_buf q = {0};
    s->pg_filling = 0;
    int rc = pg_build_poll(s, true, err);
    if (rc || (rc = dy_pg_exec(s, "LOCK TABLE documents, sentences, events, mentions, event_months"
                                  " IN ACCESS EXCLUSIVE MODE", err)))
        goto done;
    /* the serial sequences belong to no table while the tables change */
    static const char steps[] = "odmz";
    for (const char *t = steps; *t && !rc; t++) {
        if (!pg_swap_script(s, *t, -1, &q))
            rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        else if (q.n)
            rc = pg_exec_each(s, q.p, err);
    }
    q.n = 0;
    if (!rc && (!dy_buf_printf(&q, "DROP SCHEMA %s", s->pg_schema) || !dy_buf_cstr(&q)))
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (!rc)
        rc = dy_pg_exec(s, q.p, err);
done:
    dy_buf_free(&q);
    return rc;
}

static int pg_fresh_begin(dyad_store *s, dyad_error *err)
{
    /* memory to sort in when the indexes are built here at the commit (in
     * place; the staging connections set their own) */
    int rc = dy_pg_exec(s, "SET LOCAL maintenance_work_mem = '512MB'", err);
    if (rc || (rc = pg_swap_open(s, err)))
        return rc;
    /* Without the swap: truncated in this transaction (they are empty), the
     * tables can be filled by COPY FREEZE (as the staged copies, created in
     * their transactions): rows are written frozen and their pages marked
     * all-visible, so nothing rewrites them later to set hint bits, and
     * index-only scans need no heap visits. A killed load rolls the
     * truncation back with everything else. */
    if (!s->pg_schema[0] &&
        ((rc = pg_drop_keys(s, err)) ||
         (rc = dy_pg_exec(s, "TRUNCATE documents, sentences, events, mentions, event_months", err))))
        return rc;
    s->pg_docs.n = s->pg_sent.n = s->pg_actors.n = s->pg_codes.n = s->pg_months.n = 0;
    if (s->pg_schema[0]) {
        if ((rc = pg_fill_open(s, PG_T_DOCUMENTS, s->pg_aux[PG_C_DOCUMENTS],
                               "COPY documents (doc_id, name, date) FROM STDIN WITH (FREEZE)", err)) ||
            (rc = pg_fill_open(s, PG_T_SENTENCES, s->pg_aux[PG_C_SENTENCES],
                               "COPY sentences (doc_id, idx, text) FROM STDIN WITH (FREEZE)", err)))
            return rc;
    } else if (!(s->pg_sentences = tmpfile())) {
        return dy_fail(err, DYAD_E_IO, "cannot create a temporary file", NULL, 0, 0, NULL, 0);
    }
    if (!(s->load = dy_load_new(0, 0, 0, true)))
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    /* the events heap in the order of events_key: that index's sort finds
     * its input sorted (mentions have their event ids already: no renumbering) */
    s->load->events_by_key = true;
    s->sink = &pg_sink;
    return pg_copy_to(s, PG_T_MENTIONS, pg_copy_mentions, err);
}

/* Send one spooled buffer as a whole COPY (k as for pg_copy_to). */
static int pg_copy_buf(dyad_store *s, int k, const char *sql, const dy_buf *b, dyad_error *err)
{
    int rc = pg_copy_to(s, k, sql, err);
    if (rc)
        return rc;
    if ((rc = pg_put_on(s, s->pg_to, b->p, b->n, err)))
        return rc;
    return pg_copy_done(s, k, err);
}

/* Send the spooled sentences file (in place). */
static int pg_copy_file(dyad_store *s, dyad_error *err)
{
    FILE *f = s->pg_sentences;
    int rc = pg_sent_flush(s, err);
    if (!rc)
        rc = pg_copy_to(s, PG_T_SENTENCES,
                        "COPY sentences (doc_id, idx, text) FROM STDIN WITH (FREEZE)", err);
    if (rc)
        return rc;
    if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
        return dy_fail(err, DYAD_E_IO, "cannot read the spooled sentences", NULL, 0, 0, NULL, 0);
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if ((rc = pg_put_on(s, s->pg_to, buf, n, err)))
            return rc;
    if (ferror(f))
        return dy_fail(err, DYAD_E_IO, "cannot read the spooled sentences", NULL, 0, 0, NULL, 0);
    return pg_copy_done(s, PG_T_SENTENCES, err);
}

static int pg_fresh_commit(dyad_store *s, dyad_error *err)
{
    dy_load *l = s->load;
    bool swap = s->pg_schema[0];
    char q[512];
    int rc;
    PGconn *docs = s->pg_aux[PG_C_DOCUMENTS], *sent = s->pg_aux[PG_C_SENTENCES];
    /* Swapped, the copies' builds start as each is filled: the mentions'
     * while the events are sent, the events' while the smaller tables are.
     * The documents and sentences, sent while the input was read, are
     * committed with the mentions: their builds start then too. */
    if ((rc = pg_copy_done(s, PG_T_MENTIONS, err)))
        goto done;
    if (swap ? (rc = pg_send(s, docs, &s->pg_docs, err)) ||
                   (rc = pg_fill_close(s, PG_T_DOCUMENTS, docs, err)) ||
                   (rc = pg_sent_flush(s, err)) ||
                   (rc = pg_fill_close(s, PG_T_SENTENCES, sent, err))
             : (rc = pg_copy_buf(s, PG_T_DOCUMENTS, "COPY documents (doc_id, name, date) FROM STDIN"
                                 " WITH (FREEZE)", &s->pg_docs, err)) ||
                   (rc = pg_copy_file(s, err)))
        goto done;
    if ((rc = pg_copy_to(s, PG_T_EVENTS, "COPY events (event_id, date, dayn, week, source, target,"
                         " code, root, quad, goldstein, plover, mentions, run_id) FROM STDIN WITH (FREEZE)", err)) ||
        (rc = dy_load_finish(s, err)) || (rc = pg_copy_done(s, PG_T_EVENTS, err)))
        goto done;
    if ((rc = pg_copy_buf(s, -1, "COPY actors (code, entity, role, attribute) FROM STDIN",
                          &s->pg_actors, err)) ||
        (rc = pg_copy_buf(s, -1, "COPY codes (code, root, quad, goldstein, plover, name) FROM STDIN",
                          &s->pg_codes, err)) ||
        (rc = pg_copy_buf(s, PG_T_MONTHS, "COPY event_months (source, target, month, quad, events, mentions,"
                          " gold_sum, gold_n, gold_msum, gold_mn) FROM STDIN WITH (FREEZE)", &s->pg_months, err)) ||
        (rc = swap ? pg_swap_finish(s, err) : pg_exec_each(s, s->pg_ddl.p, err)))
        goto done;
    /* the serial columns continue after the ids the loader gave */
    snprintf(q, sizeof q,
             "SELECT setval(pg_get_serial_sequence('documents', 'doc_id'), %lld, %s),"
             " setval(pg_get_serial_sequence('events', 'event_id'), %lld, %s),"
             " setval(pg_get_serial_sequence('mentions', 'mention_id'), %lld, %s)",
             (long long)(l->next_doc > 1 ? l->next_doc - 1 : 1), l->next_doc > 1 ? "true" : "false",
             (long long)(l->next_event > 1 ? l->next_event - 1 : 1), l->next_event > 1 ? "true" : "false",
             (long long)(l->next_mention > 1 ? l->next_mention - 1 : 1),
             l->next_mention > 1 ? "true" : "false");
    /* (the staged copies were analyzed before they were committed) */
    if ((rc = dy_pg_exec(s, q, err)) ||
        (!swap && (rc = dy_pg_exec(s, "ANALYZE events, event_months", err))))
        goto done;
    s->st.loaded = l->loaded;
    s->st.events = l->created;
    s->st.duplicate = s->st.read - s->st.rejected - l->loaded;
done:
    return rc;
}

/* ---------------------------------------------------------------- loads */

static int pg_empty_row(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(bool *)user = v[0] && v[0][0] == 't';
    return 0;
}

static int pg_is_empty(dyad_store *s, bool *empty, dyad_error *err)
{
    return dy_pg_select(s, "SELECT NOT EXISTS (SELECT 1 FROM documents)"
                           " AND NOT EXISTS (SELECT 1 FROM sentences)"
                           " AND NOT EXISTS (SELECT 1 FROM events)"
                           " AND NOT EXISTS (SELECT 1 FROM mentions)"
                           " AND NOT EXISTS (SELECT 1 FROM event_months)",
                        NULL, 0, NULL, pg_empty_row, empty, err);
}

int dy_pg_begin(dyad_store *s, dyad_error *err)
{
    bool empty = false;
    /* One loader at a time: concurrent loads would race on the content keys. */
    int rc = dy_pg_exec(s, "BEGIN; SELECT pg_advisory_xact_lock(424243)", err);
    if (!rc)
        rc = dy_pg_exec(s, pg_swap_stale, err);
    if (!rc)
        rc = pg_is_empty(s, &empty, err);
    /* an empty store's tables are held from now on: readers read them
     * empty, writers wait (and one that came first is seen here) */
    if (!rc && empty &&
        !(rc = dy_pg_exec(s, "LOCK TABLE documents, sentences, events, mentions, event_months"
                             " IN EXCLUSIVE MODE", err)))
        rc = pg_is_empty(s, &empty, err);
    if (!rc)
        rc = dy_store_run_begin(s, err);
    if (!rc)
        rc = empty ? pg_fresh_begin(s, err) : pg_stage_begin(s, err);
    if (rc)
        dy_pg_end(s);
    return rc;
}

int dy_pg_commit(dyad_store *s, dyad_error *err)
{
    int rc = s->sink ? pg_fresh_commit(s, err) : pg_stage_commit(s, err);
    if (!rc)
        rc = dy_store_run_end(s, err);
    if (!rc)
        rc = dy_pg_exec(s, "COMMIT", err);
    return rc;
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
    pg_swap_close(s);
    s->copy.n = 0;
    s->sink = NULL;
    dy_load_free(s->load);
    s->load = NULL;
    if (s->pg_sentences)
        fclose(s->pg_sentences);
    s->pg_sentences = NULL;
    dy_buf_free(&s->pg_docs);
    dy_buf_free(&s->pg_sent);
    dy_buf_free(&s->pg_actors);
    dy_buf_free(&s->pg_codes);
    dy_buf_free(&s->pg_months);
    dy_buf_free(&s->pg_ddl);
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
    /* a statement without rows (an UPDATE with parameters) is fine too */
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
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
