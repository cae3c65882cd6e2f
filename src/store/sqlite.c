/* sqlite.c — the embedded backend: one file in WAL mode, loads as one
 * transaction of prepared statements. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/storeint.h"

static int sq_fail(dyad_store *s, const char *msg, dyad_error *err)
{
    return dy_store_fail(s, msg, sqlite3_errmsg(s->db), err);
}

int dy_sqlite_open(dyad_store *s, const char *path, dyad_error *err)
{
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        return s->db ? sq_fail(s, "cannot open SQLite store", err)
                     : dy_store_fail(s, "cannot open SQLite store", NULL, err);
    sqlite3_busy_timeout(s->db, 10000);
    /* WAL: readers never block the loader; NORMAL sync is crash-safe in WAL
     * (a crash may lose the last commit, never corrupt or half-apply it). */
    return dy_store_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                            "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY", err);
}

static const char *const sq_sql[DY_SQ_N] = {
    [DY_SQ_DOC_INS] = "INSERT INTO documents(name, date) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
    [DY_SQ_DOC_SEL] = "SELECT doc_id FROM documents WHERE name = ?1",
    [DY_SQ_SENT] = "INSERT INTO sentences(doc_id, idx, text) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    [DY_SQ_ACTOR] = "INSERT INTO actors(code, entity, role, attribute) VALUES "
                    "(?1, substr(?1, 1, 3), substr(?1, 4, 3), substr(?1, 7)) ON CONFLICT DO NOTHING",
    [DY_SQ_CODE] = "INSERT INTO codes(code, root, quad, goldstein, plover, name) VALUES "
                   "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
    [DY_SQ_MEN_SEL] = "SELECT 1 FROM mentions WHERE doc_id = ?1 AND sentence = ?2 AND source = ?3 "
                      "AND target = ?4 AND code = ?5 AND pattern = ?6",
    [DY_SQ_EV_SEL] = "SELECT event_id FROM events WHERE source = ?1 AND target = ?2 AND code = ?3 "
                     "AND date = ?4",
    [DY_SQ_EV_INS] = "INSERT INTO events(date, dayn, week, source, target, code, root, quad, "
                     "goldstein, plover, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
    [DY_SQ_EV_INC] = "UPDATE events SET mentions = mentions + 1 WHERE event_id = ?1",
    [DY_SQ_MEN_INS] = "INSERT INTO mentions(event_id, doc_id, sentence, source, target, code, "
                      "pattern, source_text, target_text, verb_text, source_start, source_end, "
                      "target_start, target_end, verb_start, verb_end, issues, flags) VALUES "
                      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
};

void dy_sqlite_end(dyad_store *s)
{
    for (int i = 0; i < DY_SQ_N; i++) {
        sqlite3_finalize(s->sq[i]);
        s->sq[i] = NULL;
    }
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int dy_sqlite_begin(dyad_store *s, dyad_error *err)
{
    int rc = dy_store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc)
        return rc;
    for (int i = 0; i < DY_SQ_N; i++) {
        if (sqlite3_prepare_v2(s->db, sq_sql[i], -1, &s->sq[i], NULL) != SQLITE_OK) {
            rc = sq_fail(s, "cannot prepare a load statement", err);
            dy_sqlite_end(s);
            return rc;
        }
    }
    return DYAD_OK;
}

int dy_sqlite_commit(dyad_store *s, dyad_error *err)
{
    for (int i = 0; i < DY_SQ_N; i++) {
        sqlite3_finalize(s->sq[i]);
        s->sq[i] = NULL;
    }
    return dy_store_exec(s, "COMMIT", err);
}

static void sq_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Step a statement that returns no rows (or ignore them); reset it. */
static int sq_run(dyad_store *s, sqlite3_stmt *st, dyad_error *err)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        return sq_fail(s, "database write failed", err);
    return DYAD_OK;
}

/* Step a one-column integer lookup: 1 found, 0 not found, -1 error. */
static int sq_lookup(dyad_store *s, sqlite3_stmt *st, int64_t *out, dyad_error *err)
{
    int r = sqlite3_step(st);
    int found = 0;
    if (r == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        found = 1;
    } else if (r != SQLITE_DONE) {
        sq_fail(s, "database read failed", err);
        found = -1;
    }
    sqlite3_reset(st);
    return found;
}

static int sq_once(dyad_store *s, int which, const char *v, const dy_mention *m, dyad_error *err)
{
    int fresh = dy_strset_add(&s->seen, v);
    if (fresh < 0)
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (!fresh)
        return DYAD_OK;
    sqlite3_stmt *st = s->sq[which];
    sq_text(st, 1, v + 1); /* v[0] tags the kind: 'a' actor, 'c' code */
    if (which == DY_SQ_CODE) {
        const dyad_event *e = m->ev;
        sq_text(st, 2, m->root);
        sqlite3_bind_int(st, 3, (int)e->quad);
        if (isnan(e->goldstein))
            sqlite3_bind_null(st, 4);
        else
            sqlite3_bind_double(st, 4, e->goldstein);
        sq_text(st, 5, e->plover);
        sq_text(st, 6, m->code_name);
    }
    return sq_run(s, st, err);
}

int dy_sqlite_add(dyad_store *s, const dy_mention *m, dyad_error *err)
{
    const dyad_event *e = m->ev;
    sqlite3_stmt **q = s->sq;
    int rc;
    int64_t doc_id = 0, event_id = 0, one;
    int found;

    /* Documents: loads come grouped by document, so remember the last one. */
    if (s->have_doc && !strcmp(s->last_doc.p, e->doc)) {
        doc_id = s->last_doc_id;
    } else {
        sq_text(q[DY_SQ_DOC_INS], 1, e->doc);
        sq_text(q[DY_SQ_DOC_INS], 2, e->date);
        if ((rc = sq_run(s, q[DY_SQ_DOC_INS], err)))
            return rc;
        sq_text(q[DY_SQ_DOC_SEL], 1, e->doc);
        if (sq_lookup(s, q[DY_SQ_DOC_SEL], &doc_id, err) != 1)
            return err && err->code ? (int)err->code : sq_fail(s, "document row missing", err);
        s->last_doc.n = 0;
        if (!dy_buf_puts(&s->last_doc, e->doc) || !dy_buf_cstr(&s->last_doc))
            return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        s->last_doc_id = doc_id;
        s->have_doc = true;
        s->have_sent = false;
    }
    if (!s->have_sent || s->last_sent != e->sentence) {
        sqlite3_bind_int64(q[DY_SQ_SENT], 1, doc_id);
        sqlite3_bind_int64(q[DY_SQ_SENT], 2, e->sentence);
        sq_text(q[DY_SQ_SENT], 3, e->sentence_text);
        if ((rc = sq_run(s, q[DY_SQ_SENT], err)))
            return rc;
        s->have_sent = true;
        s->last_sent = e->sentence;
    }

    /* The content key decides: a mention already stored is a duplicate. */
    sqlite3_stmt *ms = q[DY_SQ_MEN_SEL];
    sqlite3_bind_int64(ms, 1, doc_id);
    sqlite3_bind_int64(ms, 2, e->sentence);
    sq_text(ms, 3, e->source);
    sq_text(ms, 4, e->target);
    sq_text(ms, 5, e->code);
    sq_text(ms, 6, e->pattern);
    if ((found = sq_lookup(s, ms, &one, err)) < 0)
        return err ? (int)err->code : DYAD_E_STORE;
    if (found) {
        s->st.duplicate++;
        return DYAD_OK;
    }

    char tag[80];
    snprintf(tag, sizeof tag, "a%s", e->source);
    if ((rc = sq_once(s, DY_SQ_ACTOR, tag, m, err)))
        return rc;
    if (*e->target) {
        snprintf(tag, sizeof tag, "a%s", e->target);
        if ((rc = sq_once(s, DY_SQ_ACTOR, tag, m, err)))
            return rc;
    }
    snprintf(tag, sizeof tag, "c%s", e->code);
    if ((rc = sq_once(s, DY_SQ_CODE, tag, m, err)))
        return rc;

    sqlite3_stmt *es = q[DY_SQ_EV_SEL];
    sq_text(es, 1, e->source);
    sq_text(es, 2, e->target);
    sq_text(es, 3, e->code);
    sq_text(es, 4, e->date);
    if ((found = sq_lookup(s, es, &event_id, err)) < 0)
        return err ? (int)err->code : DYAD_E_STORE;
    if (found) {
        sqlite3_bind_int64(q[DY_SQ_EV_INC], 1, event_id);
        if ((rc = sq_run(s, q[DY_SQ_EV_INC], err)))
            return rc;
    } else {
        sqlite3_stmt *ei = q[DY_SQ_EV_INS];
        sq_text(ei, 1, e->date);
        if (m->has_day)
            sqlite3_bind_int64(ei, 2, m->dayn);
        else
            sqlite3_bind_null(ei, 2);
        sq_text(ei, 3, m->week);
        sq_text(ei, 4, e->source);
        sq_text(ei, 5, e->target);
        sq_text(ei, 6, e->code);
        sq_text(ei, 7, m->root);
        sqlite3_bind_int(ei, 8, (int)e->quad);
        if (isnan(e->goldstein))
            sqlite3_bind_null(ei, 9);
        else
            sqlite3_bind_double(ei, 9, e->goldstein);
        sq_text(ei, 10, e->plover);
        if ((rc = sq_run(s, ei, err)))
            return rc;
        event_id = sqlite3_last_insert_rowid(s->db);
        s->st.events++;
    }

    sqlite3_stmt *mi = q[DY_SQ_MEN_INS];
    sqlite3_bind_int64(mi, 1, event_id);
    sqlite3_bind_int64(mi, 2, doc_id);
    sqlite3_bind_int64(mi, 3, e->sentence);
    sq_text(mi, 4, e->source);
    sq_text(mi, 5, e->target);
    sq_text(mi, 6, e->code);
    sq_text(mi, 7, e->pattern);
    sq_text(mi, 8, e->source_text);
    sq_text(mi, 9, e->target_text);
    sq_text(mi, 10, e->verb_text);
    sqlite3_bind_int64(mi, 11, e->source_span.start);
    sqlite3_bind_int64(mi, 12, e->source_span.end);
    sqlite3_bind_int64(mi, 13, e->target_span.start);
    sqlite3_bind_int64(mi, 14, e->target_span.end);
    sqlite3_bind_int64(mi, 15, e->verb_span.start);
    sqlite3_bind_int64(mi, 16, e->verb_span.end);
    sq_text(mi, 17, e->issues);
    sq_text(mi, 18, e->flags);
    if ((rc = sq_run(s, mi, err)))
        return rc;
    s->st.loaded++;
    return DYAD_OK;
}

int dy_sqlite_select(dyad_store *s, const char *sql, const char *const *params, size_t n,
                     dy_names_fn names, dy_row_fn fn, void *user, dyad_error *err)
{
    sqlite3_stmt *st = NULL;
    const char **vals = NULL;
    int rc = DYAD_OK;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_fail(s, "cannot prepare query", err);
    for (size_t i = 0; i < n; i++) {
        if (params[i])
            sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, (int)i + 1);
    }
    size_t nc = (size_t)sqlite3_column_count(st);
    vals = calloc(nc ? nc : 1, sizeof *vals);
    if (!vals) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    if (names) {
        for (size_t i = 0; i < nc; i++)
            vals[i] = sqlite3_column_name(st, (int)i);
        names(user, nc, vals);
    }
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < nc; i++)
            vals[i] = (const char *)sqlite3_column_text(st, (int)i);
        if (fn && fn(user, nc, vals))
            goto done;
    }
    if (r != SQLITE_DONE)
        rc = sq_fail(s, "query failed", err);
done:
    free(vals);
    sqlite3_finalize(st);
    return rc;
}
