/* sqlite.c — the embedded backend: one file in WAL mode, loads as one
 * transaction of prepared statements. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/storeint.h"

#define SQ_CACHE "-1048576"      /* KiB: 1 GiB of page cache */
#define SQ_CACHE_DIRECT "-65536" /* KiB: 64 MiB while a new store's pages are written once */
#define SQ_BUSY_MS 10000      /* how long to wait for another connection's lock */

static int sq_fail(dyad_store *s, const char *msg, dyad_error *err)
{
    return dy_store_fail(s, msg, sqlite3_errmsg(s->db), err);
}

int dy_sqlite_open(dyad_store *s, const char *path, dyad_error *err)
{
    /* NOMUTEX: a store is used by one thread at a time (dyad.h), so the
     * connection's mutex, taken by every bind and step, is not needed */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK)
        return s->db ? sq_fail(s, "cannot open SQLite store", err)
                     : dy_store_fail(s, "cannot open SQLite store", NULL, err);
    sqlite3_busy_timeout(s->db, SQ_BUSY_MS);
    /* a new store's pages: 8 KiB, not 4, takes a tenth off a large load
     * (fewer pages to fill, split and sort into) and off the monthly
     * queries; no effect on an existing file */
    int r = sqlite3_exec(s->db, "PRAGMA page_size=8192", NULL, NULL, NULL);
    if (r != SQLITE_OK)
        return sq_fail(s, "cannot open SQLite store", err);
    /* WAL: readers never block the loader; NORMAL sync is crash-safe in WAL
     * (a crash may lose the last commit, never corrupt or half-apply it).
     * While a load into an empty store runs with a rollback journal (below)
     * the mode cannot change, and SQLite reports that at once rather than
     * through the busy handler: wait for it as the busy timeout would. */
    for (int waited = 0; (r = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL)) ==
                             SQLITE_BUSY && waited < SQ_BUSY_MS; waited += 50)
        sqlite3_sleep(50);
    if (r != SQLITE_OK)
        return sq_fail(s, "cannot open SQLite store", err);
    return dy_store_exec(s, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=" SQ_CACHE ";"
                            "PRAGMA temp_store=MEMORY", err);
}

/* A load writes rows straight into the schema through the shared loader
 * (load.c) with these prepared statements, reused for every row. */
enum {
    SQ_DOC_FIND, SQ_DOC_PUT, SQ_SENT_PUT, SQ_EVENT_FIND, SQ_MENTION_PUT, SQ_ACTOR_PUT,
    SQ_CODE_PUT, SQ_EVENT_PUT, SQ_EVENT_MORE, SQ_MONTH_PUT, SQ_NSTMT
};
static const char *const sq_sql[SQ_NSTMT] = {
    "SELECT doc_id FROM documents WHERE name = ?1",
    "INSERT INTO documents (doc_id, name, date) VALUES (?1, ?2, ?3)",
    "INSERT INTO sentences (doc_id, idx, text) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    "SELECT event_id, quad, goldstein FROM events"
    " WHERE source = ?1 AND target = ?2 AND code = ?3 AND date = ?4",
    "INSERT INTO mentions (mention_id, event_id, doc_id, sentence, source, target, code, pattern,"
    " source_text, target_text, verb_text, source_start, source_end, target_start, target_end,"
    " verb_start, verb_end, issues, flags, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) ON CONFLICT DO NOTHING",
    "INSERT INTO actors (code, entity, role, attribute)"
    " VALUES (?1, substr(?1, 1, 3), substr(?1, 4, 3), substr(?1, 7)) ON CONFLICT DO NOTHING",
    "INSERT INTO codes (code, root, quad, goldstein, plover, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT DO NOTHING",
    "INSERT INTO events (event_id, date, dayn, week, source, target, code, root, quad, goldstein,"
    " plover, mentions, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "UPDATE events SET mentions = mentions + ?2 WHERE event_id = ?1",
    "INSERT INTO event_months (source, target, month, quad, events, mentions, gold_sum, gold_n,"
    " gold_msum, gold_mn) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (source, target, month, quad) DO UPDATE SET events = events + excluded.events,"
    " mentions = mentions + excluded.mentions, gold_sum = gold_sum + excluded.gold_sum,"
    " gold_n = gold_n + excluded.gold_n, gold_msum = gold_msum + excluded.gold_msum,"
    " gold_mn = gold_mn + excluded.gold_mn",
};

static void sq_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void sq_real(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

/* Step a write statement once. */
static int sq_run(dyad_store *s, sqlite3_stmt *st, const char *what, dyad_error *err)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    return r == SQLITE_DONE ? DYAD_OK : sq_fail(s, what, err);
}

static int sq_doc_find(dyad_store *s, const char *name, int64_t *id, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_DOC_FIND];
    sq_text(st, 1, name);
    int r = sqlite3_step(st);
    *id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? DYAD_OK : sq_fail(s, "cannot look up a document", err);
}

static int sq_doc_put(dyad_store *s, int64_t id, const char *name, const char *date, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_DOC_PUT];
    sqlite3_bind_int64(st, 1, id);
    sq_text(st, 2, name);
    sq_text(st, 3, date);
    return sq_run(s, st, "cannot store a document", err);
}

static int sq_sentence_put(dyad_store *s, int64_t doc, uint32_t idx, const char *text,
                           dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_SENT_PUT];
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, idx);
    sq_text(st, 3, text);
    return sq_run(s, st, "cannot store a sentence", err);
}

static int sq_event_find(dyad_store *s, const char *source, const char *target, const char *code,
                         const char *date, int64_t *id, uint8_t *quad, double *goldstein,
                         dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_EVENT_FIND];
    sq_text(st, 1, source);
    sq_text(st, 2, target);
    sq_text(st, 3, code);
    sq_text(st, 4, date);
    int r = sqlite3_step(st);
    *id = 0;
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *quad = (uint8_t)sqlite3_column_int(st, 1);
        *goldstein = sqlite3_column_type(st, 2) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 2);
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? DYAD_OK : sq_fail(s, "cannot look up an event", err);
}

/* A mention spooled by a load into an empty store: the numbers, then the
 * strings' lengths and their bytes. */
enum { SQ_NSTR = 9 };
#define SQ_SPOOL_BYTES (1u << 20)
typedef struct sq_spooled {
    int64_t mention_id, event_id, doc_id;
    uint32_t sentence, span[6], len[SQ_NSTR];
} sq_spooled;

static int sq_spool_flush(dyad_store *s, dyad_error *err)
{
    bool ok = !s->sq_row.n || fwrite(s->sq_row.p, 1, s->sq_row.n, s->sq_spool) == s->sq_row.n;
    s->sq_row.n = 0;
    return ok ? DYAD_OK : dy_fail(err, DYAD_E_IO, "cannot spool mentions to a temporary file",
                                  NULL, 0, 0, NULL, 0);
}

static int sq_spool(dyad_store *s, const dy_mrow *row, dyad_error *err)
{
    const dyad_event *e = row->m->ev;
    const char *str[SQ_NSTR] = {e->source, e->target, e->code, e->pattern, e->source_text,
                                e->target_text, e->verb_text, e->issues, e->flags};
    sq_spooled h = {row->mention_id, row->event_id, row->doc_id, e->sentence,
                    {e->source_span.start, e->source_span.end, e->target_span.start,
                     e->target_span.end, e->verb_span.start, e->verb_span.end}, {0}};
    for (int i = 0; i < SQ_NSTR; i++) {
        size_t n = strlen(str[i]);
        if (n > UINT32_MAX)
            return dy_fail(err, DYAD_E_LIMIT, "a mention's text is longer than 4 GiB", NULL, 0,
                           0, NULL, 0);
        h.len[i] = (uint32_t)n;
    }
    /* gathered in memory and written a megabyte at a time */
    bool ok = dy_buf_put(&s->sq_row, &h, sizeof h);
    for (int i = 0; i < SQ_NSTR && ok; i++)
        ok = dy_buf_put(&s->sq_row, str[i], h.len[i]);
    if (!ok)
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    return s->sq_row.n >= SQ_SPOOL_BYTES ? sq_spool_flush(s, err) : DYAD_OK;
}

/* Insert the spooled mentions with their events' final ids. */
static int sq_spool_replay(dyad_store *s, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_MENTION_PUT];
    sq_spooled h;
    int rc = sq_spool_flush(s, err);
    if (rc)
        return rc;
    if (fflush(s->sq_spool) != 0 || fseek(s->sq_spool, 0, SEEK_SET) != 0)
        return dy_fail(err, DYAD_E_IO, "cannot read the spooled mentions", NULL, 0, 0, NULL, 0);
    while (!rc && fread(&h, sizeof h, 1, s->sq_spool) == 1) {
        size_t total = 0;
        for (int i = 0; i < SQ_NSTR; i++)
            total += h.len[i]; /* no overflow: nine 32-bit lengths */
        if (!dy_grow((void **)&s->sq_row.p, &s->sq_row.cap, total + 1, 1))
            return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        if (total && fread(s->sq_row.p, 1, total, s->sq_spool) != total)
            return dy_fail(err, DYAD_E_IO, "cannot read the spooled mentions", NULL, 0, 0, NULL,
                           0);
        sqlite3_bind_int64(st, 1, h.mention_id);
        sqlite3_bind_int64(st, 2, dy_load_event_id(s->load, h.event_id));
        sqlite3_bind_int64(st, 3, h.doc_id);
        sqlite3_bind_int64(st, 4, h.sentence);
        const char *p = s->sq_row.p;
        static const int col[SQ_NSTR] = {5, 6, 7, 8, 9, 10, 11, 18, 19};
        for (int i = 0; i < SQ_NSTR; i++) {
            sqlite3_bind_text(st, col[i], p, (int)h.len[i], SQLITE_STATIC);
            p += h.len[i];
        }
        for (int i = 0; i < 6; i++)
            sqlite3_bind_int64(st, 12 + i, h.span[i]);
        sqlite3_bind_int64(st, 20, s->run.id);
        rc = sq_run(s, st, "cannot store a mention", err);
    }
    if (!rc && (ferror(s->sq_spool) || !feof(s->sq_spool)))
        rc = dy_fail(err, DYAD_E_IO, "cannot read the spooled mentions", NULL, 0, 0, NULL, 0);
    return rc;
}

static int sq_mention_put(dyad_store *s, const dy_mrow *row, bool *inserted, dyad_error *err)
{
    const dyad_event *e = row->m->ev;
    sqlite3_stmt *st = s->q[SQ_MENTION_PUT];
    if (s->sq_spool) {
        *inserted = true; /* an empty store: the loader has removed the duplicates */
        return sq_spool(s, row, err);
    }
    sqlite3_bind_int64(st, 1, row->mention_id);
    sqlite3_bind_int64(st, 2, row->event_id);
    sqlite3_bind_int64(st, 3, row->doc_id);
    sqlite3_bind_int64(st, 4, e->sentence);
    sq_text(st, 5, e->source);
    sq_text(st, 6, e->target);
    sq_text(st, 7, e->code);
    sq_text(st, 8, e->pattern);
    sq_text(st, 9, e->source_text);
    sq_text(st, 10, e->target_text);
    sq_text(st, 11, e->verb_text);
    sqlite3_bind_int64(st, 12, e->source_span.start);
    sqlite3_bind_int64(st, 13, e->source_span.end);
    sqlite3_bind_int64(st, 14, e->target_span.start);
    sqlite3_bind_int64(st, 15, e->target_span.end);
    sqlite3_bind_int64(st, 16, e->verb_span.start);
    sqlite3_bind_int64(st, 17, e->verb_span.end);
    sq_text(st, 18, e->issues);
    sq_text(st, 19, e->flags);
    sqlite3_bind_int64(st, 20, s->run.id);
    int rc = sq_run(s, st, "cannot store a mention", err);
    *inserted = rc == DYAD_OK && sqlite3_changes(s->db) > 0;
    return rc;
}

static int sq_actor_put(dyad_store *s, const char *code, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_ACTOR_PUT];
    sq_text(st, 1, code);
    return sq_run(s, st, "cannot store an actor", err);
}

static int sq_code_put(dyad_store *s, const dy_mention *m, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_CODE_PUT];
    sq_text(st, 1, m->ev->code);
    sq_text(st, 2, m->root);
    sqlite3_bind_int(st, 3, (int)m->ev->quad);
    sq_real(st, 4, m->ev->goldstein);
    sq_text(st, 5, m->ev->plover);
    sq_text(st, 6, m->code_name);
    return sq_run(s, st, "cannot store a code", err);
}

static int sq_event_put(dyad_store *s, const dy_erow *r, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_EVENT_PUT];
    sqlite3_bind_int64(st, 1, r->event_id);
    sq_text(st, 2, r->date);
    if (r->dayn == INT32_MIN)
        sqlite3_bind_null(st, 3);
    else
        sqlite3_bind_int64(st, 3, r->dayn);
    sq_text(st, 4, r->week);
    sq_text(st, 5, r->source);
    sq_text(st, 6, r->target);
    sq_text(st, 7, r->code);
    sq_text(st, 8, r->root);
    sqlite3_bind_int(st, 9, r->quad);
    sq_real(st, 10, r->goldstein);
    sq_text(st, 11, r->plover);
    sqlite3_bind_int64(st, 12, r->mentions);
    sqlite3_bind_int64(st, 13, s->run.id);
    return sq_run(s, st, "cannot store an event", err);
}

static int sq_event_more(dyad_store *s, int64_t id, uint32_t mentions, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_EVENT_MORE];
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, mentions);
    return sq_run(s, st, "cannot update an event", err);
}

static int sq_month_put(dyad_store *s, const dy_monthrow *r, dyad_error *err)
{
    sqlite3_stmt *st = s->q[SQ_MONTH_PUT];
    sq_text(st, 1, r->source);
    sq_text(st, 2, r->target);
    sq_text(st, 3, r->month);
    sqlite3_bind_int(st, 4, r->quad);
    sqlite3_bind_int64(st, 5, r->events);
    sqlite3_bind_int64(st, 6, r->mentions);
    sqlite3_bind_double(st, 7, r->gold_sum);
    sqlite3_bind_int64(st, 8, r->gold_n);
    sqlite3_bind_double(st, 9, r->gold_msum);
    sqlite3_bind_int64(st, 10, r->gold_mn);
    return sq_run(s, st, "cannot update event_months", err);
}

static const dy_sink sq_sink = {
    sq_doc_find, sq_doc_put, sq_sentence_put, sq_event_find, sq_mention_put,
    sq_actor_put, sq_code_put, sq_event_put, sq_event_more, sq_month_put,
};

void dy_sqlite_end(dyad_store *s)
{
    for (size_t i = 0; i < SQ_NSTMT; i++) {
        sqlite3_finalize(s->q[i]);
        s->q[i] = NULL;
    }
    dy_load_free(s->load);
    s->load = NULL;
    s->sink = NULL;
    s->rebuilt = s->keys_rebuilt = false;
    if (s->sq_spool)
        fclose(s->sq_spool);
    s->sq_spool = NULL;
    dy_buf_free(&s->sq_row);
    if (s->db && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (s->sq_direct)
        sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    if (s->db)
        sqlite3_exec(s->db, "PRAGMA threads=0; PRAGMA cache_size=" SQ_CACHE "; PRAGMA temp_store=MEMORY",
                     NULL, NULL, NULL);
    s->sq_direct = false;
}

static int sq_int64(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(int64_t *)user = v[0] ? strtoll(v[0], NULL, 10) : 0;
    return 0;
}

static int sq_max(dyad_store *s, const char *sql, int64_t *out, dyad_error *err)
{
    return dy_sqlite_select(s, sql, NULL, 0, NULL, sq_int64, out, err);
}

/* Drop (or create) indexes, for a load that is large next to the store:
 * sorting once beats millions of random index inserts.
 *
 * The builds sort with a 2 MiB cache and temporary files (the load sets
 * temp_store=FILE): SQLite's sorter then sorts runs that fit the CPU's
 * caches, on worker threads, and merges them, where with the whole cache
 * and temp_store=MEMORY it sorts one list of every row (1M rows: 3.1 s for
 * the seven indexes instead of 4.3 s; docs/store.md). */
static int sq_indexes(dyad_store *s, const dy_index *ix, size_t n, bool create, dyad_error *err)
{
    char q[160];
    int rc = DYAD_OK;
    if (create) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        snprintf(q, sizeof q, "PRAGMA cache_size=-2048; PRAGMA threads=%ld",
                 cpus < 1 ? 1 : cpus > 4 ? 4 : cpus);
        rc = dy_store_exec(s, q, err);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        if (create) {
            rc = dy_store_exec(s, ix[i].create, err);
        } else {
            snprintf(q, sizeof q, "DROP INDEX %s", ix[i].name);
            rc = dy_store_exec(s, q, err);
        }
    }
    if (create && !rc)
        rc = dy_store_exec(s, s->sq_direct ? "PRAGMA threads=0; PRAGMA cache_size=" SQ_CACHE_DIRECT
                                           : "PRAGMA threads=0; PRAGMA cache_size=" SQ_CACHE,
                           err);
    return rc;
}

/* A load into an empty store writes its pages once, through a rollback
 * journal, instead of to the WAL and again at the checkpoint: the journal
 * keeps only the few pages the file had, and a killed load is rolled back
 * from it when the store is next opened. The mode can change only while no
 * other connection has the file open; otherwise the load stays in WAL. */
static int sq_journal_direct(dyad_store *s, dyad_error *err)
{
    int64_t used = 1;
    sqlite3_stmt *st = NULL;
    int rc = sq_max(s, "SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM events)"
                       " OR EXISTS (SELECT 1 FROM mentions)", &used, err);
    if (rc || used)
        return rc;
    /* SQLITE_BUSY (another connection) is not an error: the load uses the WAL */
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=DELETE", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        s->sq_direct = mode && !strcmp(mode, "delete");
    }
    sqlite3_finalize(st);
    /* every page is new and written in order: a small cache recycles its
     * pages (written to the file as it fills) instead of holding them all */
    return s->sq_direct ? dy_store_exec(s, "PRAGMA cache_size=" SQ_CACHE_DIRECT, err) : DYAD_OK;
}

int dy_sqlite_begin(dyad_store *s, dyad_error *err)
{
    int64_t max_doc = 0, max_event = 0, max_mention = 0;
    /* index builds sort through temporary files (sq_indexes); the setting
     * cannot change inside a transaction, so it is made here and undone
     * when the load ends (queries keep temp_store=MEMORY) */
    int rc = dy_store_exec(s, "PRAGMA temp_store=FILE", err);
    if (!rc)
        rc = sq_journal_direct(s, err);
    if (!rc)
        rc = dy_store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc || (rc = sq_max(s, "SELECT coalesce(max(doc_id), 0) FROM documents", &max_doc, err)) ||
        (rc = sq_max(s, "SELECT coalesce(max(event_id), 0) FROM events", &max_event, err)) ||
        (rc = sq_max(s, "SELECT coalesce(max(mention_id), 0) FROM mentions", &max_mention, err)))
        goto fail;
    if ((rc = dy_store_run_begin(s, err)))
        goto fail;
    for (size_t i = 0; i < SQ_NSTMT; i++) {
        if (sqlite3_prepare_v3(s->db, sq_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) !=
            SQLITE_OK) {
            rc = sq_fail(s, "cannot prepare the load statements", err);
            goto fail;
        }
    }
    if (!(s->load = dy_load_new(max_doc, max_event, max_mention, max_doc == 0))) {
        rc = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto fail;
    }
    s->load->sentences_kept = true;
    s->sink = &sq_sink;
    /* into an empty store: every index is built once, at the end (the
     * loader itself removes duplicates, as nothing is stored to look up) */
    s->rebuilt = s->keys_rebuilt = max_doc == 0 && max_event == 0 && max_mention == 0;
    if (s->rebuilt) {
        /* events are numbered in key order at the commit, so that the
         * table's rows are in the order of its indexes' sorts; the
         * mentions, which need those numbers, wait in a temporary file */
        if (!(s->sq_spool = tmpfile())) {
            rc = dy_fail(err, DYAD_E_IO, "cannot create a temporary file", NULL, 0, 0, NULL, 0);
            goto fail;
        }
        s->load->events_by_key = s->load->renumber = true;
    }
    if (s->rebuilt && ((rc = sq_indexes(s, dy_store_indexes, dy_store_nindexes, false, err)) ||
                       (rc = sq_indexes(s, dy_store_keys, dy_store_nkeys, false, err))))
        goto fail;
    return DYAD_OK;
fail:
    dy_sqlite_end(s);
    return rc;
}

int dy_sqlite_commit(dyad_store *s, dyad_error *err)
{
    dy_load *l = s->load;
    int rc;
    size_t fresh = (size_t)(l->next_event - l->first_event);
    if (!s->rebuilt && fresh >= s->rebuild_min && (int64_t)fresh * 2 >= l->first_event - 1) {
        /* the event key too: every lookup is done */
        if ((rc = sq_indexes(s, dy_store_indexes, dy_store_nindexes, false, err)) ||
            (rc = sq_indexes(s, dy_store_keys + 1, 1, false, err)))
            return rc;
        s->rebuilt = true;
    }
    if ((rc = dy_load_finish(s, err)) || (s->sq_spool && (rc = sq_spool_replay(s, err))))
        return rc;
    if (s->rebuilt && (rc = sq_indexes(s, dy_store_indexes, dy_store_nindexes, true, err)))
        return rc;
    if (s->keys_rebuilt ? (rc = sq_indexes(s, dy_store_keys, dy_store_nkeys, true, err))
                        : s->rebuilt && (rc = sq_indexes(s, dy_store_keys + 1, 1, true, err)))
        return rc;

    s->st.loaded = l->loaded;
    s->st.events = l->created;
    s->st.duplicate = s->st.read - s->st.rejected - l->loaded;
    if ((rc = dy_store_run_end(s, err)))
        return rc;
    return dy_store_exec(s, "COMMIT", err);
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
