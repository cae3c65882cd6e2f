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
                            "PRAGMA cache_size=-262144", err);
}

/* A load appends validated mentions to a staging table (cheap, no indexes),
 * then moves them into the schema with set-based statements at commit: the
 * same plan as the PostgreSQL backend, and far faster than per-row upserts
 * because each index is filled in key order. Bare columns next to a single
 * min(line) take their values from that first line (SQLite guarantees it). */
static const char sq_stage_ins[] =
    "INSERT INTO temp.dy_stage VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";

static const char *const sq_move[] = {
    "INSERT INTO documents (name, date)"
    " SELECT doc, date FROM (SELECT doc, date, min(line) FROM temp.dy_stage GROUP BY doc)"
    " WHERE true ORDER BY doc ON CONFLICT (name) DO NOTHING",
    /* the first line of each mention key not already stored: narrow, joined
     * back to the staged row by its rowid */
    "CREATE TEMP TABLE dy_fresh AS"
    " SELECT k.line AS line, d.doc_id AS doc_id FROM (SELECT min(line) AS line, doc, sentence,"
    "  source, target, code, pattern FROM temp.dy_stage"
    "  GROUP BY doc, sentence, source, target, code, pattern) k"
    " JOIN documents d ON d.name = k.doc"
    " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.doc_id"
    "  AND m.sentence = k.sentence AND m.source = k.source AND m.target = k.target"
    "  AND m.code = k.code AND m.pattern = k.pattern)",
    /* sentence text is staged once per run of mentions of the same sentence */
    "INSERT INTO sentences (doc_id, idx, text)"
    " SELECT d.doc_id, s.sentence, s.sentence_text FROM temp.dy_stage s"
    " JOIN documents d ON d.name = s.doc WHERE s.sentence_text IS NOT NULL"
    " ORDER BY d.doc_id, s.sentence ON CONFLICT DO NOTHING",
    "INSERT INTO actors (code, entity, role, attribute)"
    " SELECT a, substr(a, 1, 3), substr(a, 4, 3), substr(a, 7) FROM"
    " (SELECT s.source AS a FROM temp.dy_fresh f JOIN temp.dy_stage s ON s.line = f.line"
    "  UNION SELECT s.target FROM temp.dy_fresh f JOIN temp.dy_stage s ON s.line = f.line"
    "  WHERE s.target <> '') WHERE true ORDER BY a ON CONFLICT DO NOTHING",
    "INSERT INTO codes (code, root, quad, goldstein, plover, name)"
    " SELECT code, root, quad, goldstein, plover, code_name FROM (SELECT s.code, s.root, s.quad,"
    " s.goldstein, s.plover, s.code_name, min(s.line) FROM temp.dy_fresh f"
    " JOIN temp.dy_stage s ON s.line = f.line GROUP BY s.code)"
    " WHERE true ORDER BY code ON CONFLICT DO NOTHING",
    "INSERT INTO events (date, dayn, week, source, target, code, root, quad, goldstein, plover,"
    " mentions) SELECT date, dayn, week, source, target, code, root, quad, goldstein, plover, n"
    " FROM (SELECT s.date, s.dayn, s.week, s.source, s.target, s.code, s.root, s.quad,"
    "  s.goldstein, s.plover, min(s.line), count(*) AS n FROM temp.dy_fresh f"
    "  JOIN temp.dy_stage s ON s.line = f.line GROUP BY s.source, s.target, s.code, s.date)"
    " WHERE true ORDER BY source, target, code, date"
    " ON CONFLICT (source, target, code, date) DO UPDATE SET mentions = mentions + excluded.mentions",
    NULL,
};

static const char sq_mentions[] =
    "INSERT INTO mentions (event_id, doc_id, sentence, source, target, code, pattern,"
    " source_text, target_text, verb_text, source_start, source_end, target_start, target_end,"
    " verb_start, verb_end, issues, flags)"
    " SELECT e.event_id, f.doc_id, s.sentence, s.source, s.target, s.code, s.pattern,"
    " s.source_text, s.target_text, s.verb_text, s.source_start, s.source_end, s.target_start,"
    " s.target_end, s.verb_start, s.verb_end, s.issues, s.flags"
    " FROM temp.dy_fresh f JOIN temp.dy_stage s ON s.line = f.line"
    " JOIN events e ON e.source = s.source AND e.target = s.target"
    " AND e.code = s.code AND e.date = s.date ORDER BY f.line";

void dy_sqlite_end(dyad_store *s)
{
    sqlite3_finalize(s->stage);
    s->stage = NULL;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int dy_sqlite_begin(dyad_store *s, dyad_error *err)
{
    int rc = dy_store_exec(s,
        "BEGIN IMMEDIATE; DROP TABLE IF EXISTS temp.dy_stage; DROP TABLE IF EXISTS temp.dy_fresh;"
        "CREATE TEMP TABLE dy_stage (line INTEGER PRIMARY KEY, doc TEXT, sentence INTEGER,"
        " date TEXT, dayn INTEGER, week TEXT, source TEXT, target TEXT, code TEXT, root TEXT,"
        " quad INTEGER, goldstein REAL, plover TEXT, source_text TEXT, target_text TEXT,"
        " verb_text TEXT, source_start INTEGER, source_end INTEGER, target_start INTEGER,"
        " target_end INTEGER, verb_start INTEGER, verb_end INTEGER, pattern TEXT, issues TEXT,"
        " flags TEXT, sentence_text TEXT, code_name TEXT)", err);
    if (rc)
        goto fail;
    if (sqlite3_prepare_v2(s->db, sq_stage_ins, -1, &s->stage, NULL) != SQLITE_OK) {
        rc = sq_fail(s, "cannot prepare the load statement", err);
        goto fail;
    }
    s->staged = 0;
    s->last_sent_ok = false;
    return DYAD_OK;
fail:
    dy_sqlite_end(s);
    return rc;
}

static int sq_int64(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(int64_t *)user = v[0] ? strtoll(v[0], NULL, 10) : 0;
    return 0;
}

int dy_sqlite_commit(dyad_store *s, dyad_error *err)
{
    int64_t before = 0, created = 0, stored = 0;
    char q[160];
    int rc;
    sqlite3_finalize(s->stage);
    s->stage = NULL;
    if ((rc = dy_sqlite_select(s, "SELECT coalesce(max(event_id), 0) FROM events", NULL, 0, NULL,
                               sq_int64, &before, err)))
        return rc;
    /* max(event_id) bounds the stored events from above: cheap, and enough here */
    stored = before;
    bool rebuild = s->staged >= s->rebuild_min && (int64_t)s->staged * 2 >= stored;
    for (size_t i = 0; rebuild && i < dy_store_nindexes; i++) {
        snprintf(q, sizeof q, "DROP INDEX %s", dy_store_indexes[i].name);
        if ((rc = dy_store_exec(s, q, err)))
            return rc;
    }
    for (const char *const *m = sq_move; *m; m++)
        if ((rc = dy_store_exec(s, *m, err)))
            return rc;
    if ((rc = dy_store_exec(s, sq_mentions, err)))
        return rc;
    size_t loaded = (size_t)sqlite3_changes64(s->db);
    for (size_t i = 0; rebuild && i < dy_store_nindexes; i++)
        if ((rc = dy_store_exec(s, dy_store_indexes[i].create, err)))
            return rc;
    /* rowids only grow, so new events are those above the old maximum */
    snprintf(q, sizeof q, "SELECT count(*) FROM events WHERE event_id > %lld", (long long)before);
    if ((rc = dy_sqlite_select(s, q, NULL, 0, NULL, sq_int64, &created, err)))
        return rc;
    if ((rc = dy_store_exec(s, "DROP TABLE temp.dy_stage; DROP TABLE temp.dy_fresh; COMMIT", err)))
        return rc;
    s->st.loaded = loaded;
    s->st.events = (size_t)created;
    s->st.duplicate = s->staged - loaded;
    return DYAD_OK;
}

static void sq_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

int dy_sqlite_add(dyad_store *s, const dy_mention *m, dyad_error *err)
{
    const dyad_event *e = m->ev;
    sqlite3_stmt *st = s->stage;
    sq_text(st, 1, e->doc);
    sqlite3_bind_int64(st, 2, e->sentence);
    sq_text(st, 3, e->date);
    if (m->has_day)
        sqlite3_bind_int64(st, 4, m->dayn);
    else
        sqlite3_bind_null(st, 4);
    sq_text(st, 5, m->week);
    sq_text(st, 6, e->source);
    sq_text(st, 7, e->target);
    sq_text(st, 8, e->code);
    sq_text(st, 9, m->root);
    sqlite3_bind_int(st, 10, (int)e->quad);
    if (isnan(e->goldstein))
        sqlite3_bind_null(st, 11);
    else
        sqlite3_bind_double(st, 11, e->goldstein);
    sq_text(st, 12, e->plover);
    sq_text(st, 13, e->source_text);
    sq_text(st, 14, e->target_text);
    sq_text(st, 15, e->verb_text);
    sqlite3_bind_int64(st, 16, e->source_span.start);
    sqlite3_bind_int64(st, 17, e->source_span.end);
    sqlite3_bind_int64(st, 18, e->target_span.start);
    sqlite3_bind_int64(st, 19, e->target_span.end);
    sqlite3_bind_int64(st, 20, e->verb_span.start);
    sqlite3_bind_int64(st, 21, e->verb_span.end);
    sq_text(st, 22, e->pattern);
    sq_text(st, 23, e->issues);
    sq_text(st, 24, e->flags);
    /* the sentence's text once per run of its mentions (they come together) */
    bool same = s->last_sent_ok && s->last_sent == e->sentence && !strcmp(s->last_doc.p, e->doc);
    if (same) {
        sqlite3_bind_null(st, 25);
    } else {
        sq_text(st, 25, e->sentence_text);
        s->last_doc.n = 0;
        if (!dy_buf_puts(&s->last_doc, e->doc) || !dy_buf_cstr(&s->last_doc))
            return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        s->last_sent = e->sentence;
        s->last_sent_ok = true;
    }
    sq_text(st, 26, m->code_name);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return sq_fail(s, "cannot stage a mention", err);
    s->staged++;
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
