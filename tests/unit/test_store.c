/* test_store.c — the event store on both backends: loads (idempotent,
 * atomic, rejects with line numbers), the schema version, and every query.
 * The same tests run on SQLite and, when DYAD_TEST_PG names a server, on
 * PostgreSQL (a scratch database created and dropped here); then the two
 * backends must give identical tables for the same queries. */
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/storeint.h"
#include "testutil.h"

typedef struct tb {
    const char *name;
    char dir[256];     /* SQLite: a temporary directory */
    char url[512];     /* PostgreSQL: the scratch database */
    int n;             /* stores opened, for fresh SQLite file names */
} tb;

static tb tb_sqlite = {"sqlite", {0}, {0}, 0}, tb_pg = {"postgresql", {0}, {0}, 0};

static char hostage[512];

/* A fresh, empty store on the backend. */
static dyad_store *tb_open(tb *b)
{
    char path[600];
    dyad_error e = {0};
    if (b == &tb_pg) {
        /* with libpq directly: the last test may have left a store dyad refuses */
        PGconn *c = PQconnectdb(b->url);
        PGresult *r = PQexec(c, "SET client_min_messages = warning; DROP TABLE IF EXISTS "
                                "mentions, events, sentences, documents, actors, codes, event_months, runs, "
                                "schema_version");
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(c);
        snprintf(path, sizeof path, "%s", b->url);
    } else {
        snprintf(path, sizeof path, "%s/s%d.db", b->dir, ++b->n);
    }
    dyad_store *s = dyad_store_open(path, &e);
    if (!s)
        fail_msg("open %s: %s (%s)", path, e.msg, e.detail);
    return s;
}

static int tb_long_row(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(long *)user = v[0] ? atol(v[0]) : -1;
    return 0;
}

static long tb_count(dyad_store *s, const char *sql)
{
    long n = -1;
    dyad_error e = {0};
    assert_int_equal(dy_store_select(s, sql, NULL, 0, NULL, tb_long_row, &n, &e), DYAD_OK);
    return n;
}

/* A new temporary file for writing; `path` is a mkstemp template. */
static FILE *tb_tmpfile(char *path)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    return f;
}

typedef struct diags {
    size_t n;
    size_t lines[32];
    char msgs[32][96];
} diags;

static void tb_diag(void *user, const dyad_error *e)
{
    diags *d = user;
    if (d->n < 32) {
        d->lines[d->n] = e->line;
        snprintf(d->msgs[d->n], sizeof d->msgs[0], "%s", e->msg);
    }
    d->n++;
}

/* A new store with the file at path loaded into it, which must succeed. */
static dyad_store *tb_load_path(tb *b, const char *path, dyad_load_stats *st, diags *d)
{
    dyad_store *s = tb_open(b);
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, path, tb_diag, d, st, &e), DYAD_OK);
    return s;
}

static dyad_store *tb_hostage(tb *b)
{
    dyad_store *s = tb_open(b);
    dyad_load_stats st;
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    return s;
}

static dyad_table *tb_q(dyad_store *s, const dyad_query *q)
{
    dyad_error e = {0};
    dyad_table *t = dyad_store_query(s, q, &e);
    if (!t)
        fail_msg("query failed: %s (%s)", e.msg, e.detail);
    return t;
}

/* Find the row whose column `col` is `key`; -1 if none. */
static long tb_find(const dyad_table *t, size_t col, const char *key)
{
    for (size_t r = 0; r < dyad_table_rows(t); r++)
        if (!strcmp(dyad_table_cell(t, r, col), key))
            return (long)r;
    return -1;
}

static size_t tb_col(const dyad_table *t, const char *name)
{
    for (size_t c = 0; c < dyad_table_cols(t); c++)
        if (!strcmp(dyad_table_name(t, c), name))
            return c;
    fail_msg("no column %s", name);
    return 0;
}

static const char *tb_cell(const dyad_table *t, const char *rowkey, const char *col)
{
    long r = tb_find(t, 0, rowkey);
    if (r < 0)
        fail_msg("no row %s", rowkey);
    return dyad_table_cell(t, (size_t)r, tb_col(t, col));
}

/* Total of an integer column over all rows. */
static long tb_sum(const dyad_table *t, const char *col)
{
    long n = 0;
    size_t c = tb_col(t, col);
    for (size_t r = 0; r < dyad_table_rows(t); r++)
        n += atol(dyad_table_cell(t, r, c));
    return n;
}

/* ------------------------------------------------------------------ loads */

static void test_load_idempotent(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b);
    dyad_load_stats st;
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.read, 28);
    assert_int_equal(st.loaded, 28);
    assert_int_equal(st.duplicate, 0);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.events, 25); /* three events were reported twice */
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), 28);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events"), 25);
    assert_int_equal(tb_count(s, "SELECT sum(mentions) FROM events"), 28);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM documents"), 19);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM sentences"), 28);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM actors WHERE entity = 'RUS'"), 4);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM codes WHERE name = 'Abduct, hijack, or take hostage'"), 1);
    /* the same file again: nothing new */
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.read, 28);
    assert_int_equal(st.loaded, 0);
    assert_int_equal(st.duplicate, 28);
    assert_int_equal(st.events, 0);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), 28);
    assert_int_equal(tb_count(s, "SELECT sum(mentions) FROM events"), 28);
    /* spans survive the trip: the verb span of the Moscow taking is "seized" */
    assert_int_equal(tb_count(s, "SELECT m.verb_start FROM mentions m JOIN documents d ON "
                                 "d.doc_id = m.doc_id WHERE d.name = 'mos-1'"), 23);
    dyad_store_close(s);
}

static const char bad_lines[] =
    "{\"doc\":\"a\",\"sentence\":0,\"date\":\"2004-09-01\",\"source\":\"RUSREB\",\"target\":\"RUSCVL\",\"code\":\"181\",\"quad\":4,\"goldstein\":-9}\n"
    "{\"doc\":\"b\",\"sentence\":0,\n"
    "{\"doc\":\"c\",\"date\":\"2004-09-01\",\"source\":\"RUS\",\"target\":\"USA\",\"code\":\"111\"}\n"
    "{\"doc\":\"d\",\"sentence\":0,\"date\":\"2004-02-30\",\"source\":\"RUS\",\"target\":\"USA\",\"code\":\"111\"}\n"
    "{\"doc\":\"e\",\"sentence\":0,\"date\":\"2004-09-01\",\"source\":\"RUS\",\"target\":\"USA\",\"code\":\"111\",\"sentence_text\":\"short\",\"verb_span\":[2,9]}\n"
    "\n"
    "{\"doc\":\"f\",\"sentence\":0,\"date\":\"2004-09-01\",\"source\":\"RUS\",\"target\":\"USA\",\"code\":\"111\",\"quad\":9}\n"
    "{\"doc\":\"g\",\"sentence\":0,\"date\":\"2004-09-01\",\"source\":\"RUS\",\"target\":\"USA\",\"code\":\"\"}\n"
    "[1,2,3]\n"
    "{\"doc\":\"a\",\"sentence\":0,\"date\":\"2004-09-01\",\"source\":\"RUSREB\",\"target\":\"RUSCVL\",\"code\":\"181\",\"quad\":4,\"goldstein\":-9}\n";

static void test_load_rejects(void **state)
{
    tb *b = *state;
    char path[] = "/tmp/dyad-test-bad.XXXXXX";
    FILE *f = tb_tmpfile(path);
    fputs(bad_lines, f);
    fclose(f);
    dyad_load_stats st;
    diags d = {0};
    dyad_store *s = tb_load_path(b, path, &st, &d);
    assert_int_equal(st.read, 9); /* the blank line is not a record */
    assert_int_equal(st.loaded, 1);
    assert_int_equal(st.duplicate, 1);
    assert_int_equal(st.rejected, 7);
    assert_int_equal(st.read, st.loaded + st.duplicate + st.rejected);
    assert_int_equal(d.n, 7);
    static const size_t want[] = {2, 3, 4, 5, 7, 8, 9};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(d.lines[i], want[i]);
    assert_string_equal(d.msgs[0], "invalid JSON");
    assert_string_equal(d.msgs[1], "sentence is not a non-negative integer");
    assert_string_equal(d.msgs[2], "date is not a valid YYYY-MM-DD");
    assert_string_equal(d.msgs[3], "span outside sentence_text");
    assert_string_equal(d.msgs[4], "quad is not 0-4");
    assert_string_equal(d.msgs[5], "code is not a CAMEO code");
    assert_string_equal(d.msgs[6], "line is not a JSON object");
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), 1);
    /* a missing file is an I/O error and changes nothing */
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, "/nonexistent/x.jsonl", NULL, NULL, &st, &e),
                     DYAD_E_IO);
    dyad_store_close(s);
    unlink(path);
}

/* The reader thread checks and interns the lines the fast parser reads;
 * the main thread does both for the lines jansson reads (here: an unknown
 * key). Documents first seen in either kind, in any order, are numbered in
 * the order of the file, and every line is counted once. */
static void tb_mixed_line(FILE *f, int i, bool slow)
{
    fprintf(f, "{\"doc\":\"d%d\",\"sentence\":%d,\"date\":\"2021-%s-%02d\",\"source\":\"ISR\","
               "\"target\":\"PSE\",\"code\":\"190\",\"quad\":4,\"goldstein\":-9.0,"
               "\"pattern\":\"p\",\"sentence_text\":\"text\"%s}\n",
            i / 2, i % 2, i % 5 ? "03" : "02", i % 5 ? 1 + i % 28 : 30,
            slow ? ",\"extra\":1" : "");
}

static void test_load_mixed_parsers(void **state)
{
    tb *b = *state;
    char path[] = "/tmp/dyad-test-mixed.XXXXXX";
    FILE *f = tb_tmpfile(path);
    long n = 0;
    for (int i = 0; i < 3000; i++) {
        /* documents d0, d1, ...: first seen in a jansson line or a fast one */
        tb_mixed_line(f, i, i % 3 == 1);
        n++;
        if (i % 7 == 0) { /* the same mention again, read by the other parser */
            tb_mixed_line(f, i, i % 3 != 1);
            n++;
        }
    }
    fclose(f);
    dyad_load_stats st;
    diags d = {0};
    dyad_store *s = tb_load_path(b, path, &st, &d);
    assert_int_equal(st.read, n);
    assert_int_equal(st.rejected, 600 + 86); /* 30 February (every 35th line twice) */
    assert_int_equal(st.loaded, 2400);
    assert_int_equal(st.duplicate, n - 3000 - 86);
    assert_int_equal(d.n, 686);
    for (size_t k = 1; k < 32; k++) /* reported in the order of the file */
        assert_true(d.lines[k] > d.lines[k - 1]);
    /* d0, d1, d2 ... in the order of the file: each id one above the last */
    assert_int_equal(tb_count(s, "SELECT count(*) FROM documents"), 1500);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM documents a JOIN documents b"
                                 " ON CAST(substr(b.name, 2) AS INTEGER) ="
                                 " CAST(substr(a.name, 2) AS INTEGER) + 1"
                                 " WHERE b.doc_id <> a.doc_id + 1"), 0);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), 2400);
    dyad_store_close(s);
    unlink(path);
}

/* Lines are read ahead in batches of a few thousand lines or 1 MiB
 * (src/store/lines.c): many batches, a line longer than a batch, blank
 * lines and rejects far into the file keep their order and line numbers. */
static void test_load_batches(void **state)
{
    tb *b = *state;
    char path[] = "/tmp/dyad-test-batches.XXXXXX";
    FILE *f = tb_tmpfile(path);
    size_t big = 1536 * 1024; /* one sentence longer than a batch */
    for (int i = 1; i <= 12000; i++) {
        if (i % 1000 == 0) {
            fputs("\n", f); /* a blank line: not a record, but it counts as a line */
            continue;
        }
        if (i == 9001) {
            fputs("{\"doc\": \"b\", \"sentence\": -1}\n", f);
            continue;
        }
        fprintf(f, "{\"doc\":\"d%d\",\"sentence\":0,\"date\":\"2020-01-%02d\",\"source\":\"RUS\","
                   "\"target\":\"UKR\",\"code\":\"%03d\",\"quad\":1,\"goldstein\":1.0,"
                   "\"pattern\":\"p\",\"sentence_text\":\"", i / 2, 1 + i % 28, 10 + i % 7);
        if (i == 5002)
            for (size_t k = 0; k < big; k++)
                fputc('a' + (int)(k % 26), f);
        else
            fputs("text", f);
        fputs("\"}\n", f);
    }
    fclose(f);
    dyad_load_stats st;
    diags d = {0};
    dyad_store *s = tb_load_path(b, path, &st, &d);
    assert_int_equal(st.read, 12000 - 12);
    assert_int_equal(st.rejected, 1);
    assert_int_equal(st.read, st.loaded + st.duplicate + st.rejected);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.lines[0], 9001);
    assert_string_equal(d.msgs[0], "sentence is not a non-negative integer");
    /* d2501 holds lines 5002 and 5003: its sentence text is the first, long one */
    assert_int_equal(tb_count(s, "SELECT length(s.text) FROM sentences s JOIN documents d ON"
                                 " d.doc_id = s.doc_id WHERE d.name = 'd2501'"), (long)big);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), (long)st.loaded);
    dyad_store_close(s);
    unlink(path);
}

static dyad_event tb_ev(const char *doc, uint32_t sent, const char *date, const char *src,
                        const char *tgt, const char *code, dyad_quad quad, double g)
{
    dyad_event e = {0};
    e.doc = doc;
    e.sentence = sent;
    e.date = date;
    e.source = src;
    e.target = tgt;
    e.code = code;
    e.quad = quad;
    e.goldstein = g;
    e.pattern = "t:1";
    return e;
}

static void test_add_rollback_commit(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b);
    dyad_error e = {0};
    dyad_load_stats st;
    diags d = {0};
    dyad_event ev[3] = {tb_ev("x", 0, "2020-01-01", "USAGOV", "CHNGOV", "040", 1, 1.0),
                        tb_ev("x", 1, "2020-01-01", "CHNGOV", "USAGOV", "111", 3, -2.0),
                        tb_ev("y", 0, "2020-01-02", "USAGOV", "CHNGOV", "040", 1, NAN)};
    assert_int_equal(dyad_store_begin(s, tb_diag, &d, &e), DYAD_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(dyad_store_add_event(s, &ev[i], &e), DYAD_OK);
    dyad_store_rollback(s);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), 0);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events"), 0);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM documents"), 0);

    assert_int_equal(dyad_store_begin(s, tb_diag, &d, &e), DYAD_OK);
    assert_int_not_equal(dyad_store_begin(s, tb_diag, &d, &e), DYAD_OK); /* one at a time */
    for (int i = 0; i < 3; i++)
        assert_int_equal(dyad_store_event_fn(s, &ev[i]), 0);
    dyad_event bad = tb_ev("z", 0, "2020-13-01", "USAGOV", "CHNGOV", "040", 1, 1.0);
    assert_int_equal(dyad_store_add_event(s, &bad, &e), DYAD_OK);
    assert_int_equal(dyad_store_commit(s, &st, &e), DYAD_OK);
    assert_int_equal(st.read, 4);
    assert_int_equal(st.loaded, 3);
    assert_int_equal(st.rejected, 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events"), 3);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events WHERE goldstein IS NULL"), 1);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events WHERE week = '2019-12-30'"), 3);
    assert_int_not_equal(dyad_store_add_event(s, &ev[0], &e), DYAD_OK); /* no load open */
    dyad_store_close(s);
}

static void test_schema_version(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b);
    dyad_error e = {0};
    assert_int_equal(tb_count(s, "SELECT version FROM schema_version"),
                     dy_store_migrations[dy_store_nmigrations - 1].version);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM schema_version"), 1);
    assert_int_equal(dy_store_exec(s, "UPDATE schema_version SET version = 99", &e), DYAD_OK);
    dyad_store_close(s);
    const char *where = b == &tb_pg ? b->url : NULL;
    char path[600];
    if (!where) {
        snprintf(path, sizeof path, "%s/s%d.db", b->dir, b->n);
        where = path;
    }
    assert_null(dyad_store_open(where, &e));
    assert_int_equal(e.code, DYAD_E_STORE);
    assert_non_null(strstr(e.msg, "newer"));
}

/* A version 2 store is migrated to version 3 when opened: on PostgreSQL the
 * actor indexes narrow to their actor column, SQLite keeps its covering
 * ones. The rows and the answers stay. */
static void test_migrate_v3(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b);
    dyad_load_stats st;
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    if (b == &tb_pg) /* back to version 2's indexes */
        assert_int_equal(dy_store_exec(s, "DROP INDEX events_target, event_months_target;"
            " CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions);"
            " CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions);"
            " CREATE INDEX event_months_target ON event_months (target, source, month, quad,"
            " events, mentions, gold_sum, gold_n, gold_msum, gold_mn)", &e), DYAD_OK);
    assert_int_equal(dy_store_exec(s, "UPDATE schema_version SET version = 2", &e), DYAD_OK);
    dyad_store_close(s);
    char path[600];
    snprintf(path, sizeof path, "%.500s/s%d.db", b->dir, b->n);
    s = dyad_store_open(b == &tb_pg ? b->url : path, &e);
    assert_non_null(s);
    assert_int_equal(tb_count(s, "SELECT version FROM schema_version"), 3);
    if (b == &tb_pg) {
        assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_indexes WHERE indexname = 'events_source'"), 0);
        assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_indexes WHERE"
                                     " (indexname = 'events_target' AND indexdef LIKE '%events USING btree (target)')"
                                     " OR (indexname = 'event_months_target'"
                                     " AND indexdef LIKE '%event_months USING btree (target)')"), 2);
    } else {
        assert_int_equal(tb_count(s, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN"
                                     " ('events_source', 'events_target', 'event_months_target')"), 3);
    }
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions"), 28);
    dyad_query q = {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_YEAR, .actor = "RUS"};
    dyad_table *t = tb_q(s, &q);
    assert_string_equal(dyad_table_cell(t, 1, tb_col(t, "gap")), "0.417");
    dyad_table_free(t);
    dyad_store_close(s);
}

/* A large load into SQLite drops and rebuilds the secondary indexes inside
 * its transaction; force that path on a small file and check the result. */
static void test_bulk_rebuild(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b);
    dyad_load_stats st;
    dyad_error e = {0};
    s->rebuild_min = 1;
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.loaded, 28);
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.duplicate, 28);
    if (b == &tb_sqlite)
        assert_int_equal(tb_count(s, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                     "AND name IN ('events_source', 'events_target', 'mentions_event')"), 3);
    dyad_query q = {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_YEAR, .actor = "RUS"};
    dyad_table *t = tb_q(s, &q);
    assert_string_equal(dyad_table_cell(t, 1, tb_col(t, "gap")), "0.417");
    dyad_table_free(t);
    dyad_store_close(s);
}

/* Every mention points to the event with its key, and every event counts
 * its mentions: the ids a load into an empty store gives are consistent. */
static void tb_links_ok(dyad_store *s, long mentions)
{
    assert_int_equal(tb_count(s, "SELECT count(*) FROM mentions m JOIN events e"
                                 " ON e.event_id = m.event_id AND e.source = m.source"
                                 " AND e.target = m.target AND e.code = m.code"), mentions);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events e WHERE e.mentions <>"
                                 " (SELECT count(*) FROM mentions m WHERE m.event_id = e.event_id)"), 0);
}

static void test_fresh_load(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b), *other = NULL;
    dyad_load_stats st;
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.loaded, 28);
    assert_int_equal(st.events, 25);
    tb_links_ok(s, 28);
    if (b == &tb_pg) /* COPY FREEZE: every page of events is all-visible (ANALYZE counts them) */
        assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_class WHERE relname = 'events'"
                                     " AND relpages > 0 AND relallvisible = relpages"), 1);
    if (b == &tb_sqlite) {
        /* numbered in key order, and the store is back in WAL mode */
        assert_int_equal(tb_count(s, "SELECT count(*) FROM (SELECT event_id, row_number() OVER"
                                     " (ORDER BY source, target, code, date) AS k FROM events)"
                                     " WHERE event_id <> k"), 0);
        assert_int_equal(tb_count(s, "SELECT count(*) FROM pragma_journal_mode"
                                     " WHERE journal_mode = 'wal'"), 1);
        /* with another connection open the journal cannot change: the
         * load stays in WAL and gives the same rows */
        char path[1024];
        dyad_store_close(s);
        s = tb_open(b);
        snprintf(path, sizeof path, "%s/s%d.db", b->dir, b->n);
        other = dyad_store_open(path, &e);
        assert_non_null(other);
        assert_int_equal(tb_count(other, "SELECT count(*) FROM events"), 0);
        assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
        assert_int_equal(st.loaded, 28);
        assert_int_equal(st.events, 25);
        tb_links_ok(s, 28);
        assert_int_equal(tb_count(other, "SELECT count(*) FROM events"), 25);
        assert_int_equal(tb_count(s, "SELECT count(*) FROM pragma_journal_mode"
                                     " WHERE journal_mode = 'wal'"), 1);
    }
    /* a second load adds to the stored rows through the other path */
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.duplicate, 28);
    tb_links_ok(s, 28);
    dyad_store_close(other);
    dyad_store_close(s);
}

#define TB_TABLES                                                                       \
    "'documents'::regclass, 'sentences'::regclass, 'events'::regclass, 'mentions'::regclass," \
    " 'event_months'::regclass"

/* A hash of the five tables' columns, keys, indexes, defaults and serial
 * sequences: equal when a swap has rebuilt them the same. */
static const char tb_shape[] =
    "SELECT ('x' || left(md5(string_agg(d, ',' ORDER BY d)), 8))::bit(32)::int FROM ("
    " SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid IN (" TB_TABLES ")"
    " UNION ALL SELECT conrelid::regclass::text || conname || pg_get_constraintdef(oid)"
    "  FROM pg_constraint WHERE conrelid IN (" TB_TABLES ")"
    " UNION ALL SELECT adrelid::regclass::text || pg_get_expr(adbin, adrelid)"
    "  FROM pg_attrdef WHERE adrelid IN (" TB_TABLES ")"
    " UNION ALL SELECT attrelid::regclass::text || attname || atttypid || attnotnull || attcollation"
    "  FROM pg_attribute WHERE attrelid IN (" TB_TABLES ") AND attnum > 0"
    " UNION ALL SELECT pg_get_serial_sequence(t, c) FROM (VALUES ('documents', 'doc_id'),"
    "  ('events', 'event_id'), ('mentions', 'mention_id')) v(t, c)) x";

/* PostgreSQL: a load into an empty store builds copies of the tables in a
 * staging schema and swaps them in, with the same keys and indexes; a
 * staging schema left by a killed load is dropped, one whose load still
 * holds its lock is not. A failed build leaves nothing behind. With a view
 * on events it loads in place. */
static void test_pg_swap(void **state)
{
    tb *b = *state;
    if (b != &tb_pg)
        return; /* SQLite loads in place */
    dyad_store *s = tb_open(b);
    dyad_load_stats st;
    dyad_error e = {0};
    PGconn *live = PQconnectdb(b->url);
    PQclear(PQexec(live, "SELECT pg_advisory_lock(424244, hashtext('dyad_load_live'))"));
    /* an index and a unique key of the user's own are built and put back too */
    assert_int_equal(dy_store_exec(s, "CREATE SCHEMA dyad_load_stale;"
                                      " CREATE TABLE dyad_load_stale.events (x int);"
                                      " CREATE SCHEMA dyad_load_live;"
                                      " CREATE INDEX events_by_code ON events (code, date);"
                                      " ALTER TABLE documents ADD CONSTRAINT documents_dated"
                                      "  UNIQUE (date, name)", &e), DYAD_OK);
    long shape = tb_count(s, tb_shape), oid = tb_count(s, "SELECT 'events'::regclass::oid");
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.loaded, 28);
    assert_int_equal(st.events, 25);
    tb_links_ok(s, 28);
    assert_int_equal(tb_count(s, tb_shape), shape);
    assert_true(tb_count(s, "SELECT 'events'::regclass::oid") != oid);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'dyad%'"), 1);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_namespace WHERE nspname = 'dyad_load_live'"), 1);
    /* the serial columns go on after the loaded ids */
    assert_int_equal(tb_count(s, "SELECT nextval(pg_get_serial_sequence('mentions', 'mention_id'))"), 29);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_constraint WHERE conname = 'documents_dated'"
                                 " AND contype = 'u' AND convalidated"), 1);
    assert_int_equal(dy_store_exec(s, "DROP INDEX events_by_code;"
                                      " ALTER TABLE documents DROP CONSTRAINT documents_dated", &e), DYAD_OK);
    PQfinish(live);
    dyad_store_close(s);

    /* a copy that cannot be built fails the load, and leaves nothing */
    s = tb_open(b);
    assert_int_equal(dy_store_exec(s, "DROP SCHEMA dyad_load_live;"
                                      " CREATE UNIQUE INDEX events_one ON events (source)", &e),
                     DYAD_OK);
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_E_STORE);
    assert_non_null(strstr(e.detail, "events_one"));
    assert_int_equal(tb_count(s, "SELECT count(*) FROM events"), 0);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'dyad%'"), 0);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM pg_indexes WHERE indexname = 'events_one'"), 1);
    dyad_store_close(s);

    s = tb_open(b);
    assert_int_equal(dy_store_exec(s, "CREATE VIEW ev AS SELECT * FROM events", &e), DYAD_OK);
    shape = tb_count(s, tb_shape);
    oid = tb_count(s, "SELECT 'events'::regclass::oid");
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    assert_int_equal(st.loaded, 28);
    tb_links_ok(s, 28);
    assert_int_equal(tb_count(s, tb_shape), shape);
    assert_int_equal(tb_count(s, "SELECT 'events'::regclass::oid"), oid);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM ev"), 25);
    assert_int_equal(dy_store_exec(s, "DROP VIEW ev", &e), DYAD_OK);
    dyad_store_close(s);
}

/* ------------------------------------------------------------------ queries */

static void test_series_filters(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_hostage(b);
    dyad_query q = {.kind = DYAD_Q_SERIES, .by = DYAD_BY_YEAR};
    dyad_table *t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 3);
    assert_string_equal(tb_cell(t, "2002", "events"), "6");
    assert_string_equal(tb_cell(t, "2002", "goldstein_sum"), "-10.300");
    assert_string_equal(tb_cell(t, "2002", "goldstein_mean"), "-1.717");
    assert_string_equal(tb_cell(t, "2004", "verbal_coop"), "3");
    assert_string_equal(tb_cell(t, "2023", "material_conflict"), "4");
    dyad_table_free(t);

    struct { dyad_query q; long events; } cases[] = {
        {{.actor = "RUS"}, 13},        /* RUS, RUSGOV, RUSMIL, RUSREB, RUSCVL */
        {{.actor = "RUS*"}, 13},
        {{.actor = "=RUS"}, 0},        /* nobody is coded plain RUS */
        {{.actor = "RUSMIL"}, 2},     /* Moscow's storming was reported twice */
        {{.actor = "ISR"}, 8},
        {{.dyad_a = "RUSGOV", .dyad_b = "RUSREB"}, 5},
        {{.dyad_a = "RUSREB", .dyad_b = "RUSGOV", .directed = 1}, 1},
        {{.dyad_a = "RUSGOV", .dyad_b = "RUSREB", .directed = 1}, 4},
        {{.code = "18"}, 3},           /* the takings; Gaza's two reports are one event */
        {{.code = "=18"}, 0},
        {{.root = "04"}, 5},
        {{.quad = 4}, 8},
        {{.plover = "ASSAULT"}, 8},
        {{.from = "2004-01-01", .to = "2004-12-31"}, 7},
        {{.actor = "HMS", .quad = 2}, 2},
        {{.dedup = DYAD_DEDUP_MENTIONS}, 28},
        {{.dedup = DYAD_DEDUP_ONE_A_DAY}, 25},
        {{.dedup = DYAD_DEDUP_MENTIONS, .code = "190"}, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cases[i].q.kind = DYAD_Q_SERIES;
        cases[i].q.by = DYAD_BY_DAY;
        t = tb_q(s, &cases[i].q);
        if (tb_sum(t, "events") != cases[i].events)
            fail_msg("case %zu: %ld events, want %ld", i, tb_sum(t, "events"), cases[i].events);
        dyad_table_free(t);
    }
    /* malformed filters are caller errors */
    dyad_error e = {0};
    dyad_query badq = {.actor = "RU S"};
    assert_null(dyad_store_query(s, &badq, &e));
    assert_int_equal(e.code, DYAD_E_ARG);
    badq = (dyad_query){.from = "2004-9-1"};
    assert_null(dyad_store_query(s, &badq, &e));
    badq = (dyad_query){.dyad_a = "RUS"};
    assert_null(dyad_store_query(s, &badq, &e));
    dyad_store_close(s);
}

static void test_periods_and_window(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_open(b);
    dyad_error e = {0};
    /* one triple on days 1, 2, 4 and 10 of March 2021, plus another triple */
    static const char *const days[] = {"2021-03-01", "2021-03-02", "2021-03-04", "2021-03-10"};
    char doc[8];
    assert_int_equal(dyad_store_begin(s, NULL, NULL, &e), DYAD_OK);
    for (int i = 0; i < 4; i++) {
        snprintf(doc, sizeof doc, "w%d", i);
        dyad_event ev = tb_ev(doc, 0, days[i], "UKRMIL", "RUSMIL", "190", 4, -10);
        assert_int_equal(dyad_store_add_event(s, &ev, &e), DYAD_OK);
    }
    dyad_event other = tb_ev("w9", 0, "2021-04-05", "RUSGOV", "UKRGOV", "046", 1, 7);
    assert_int_equal(dyad_store_add_event(s, &other, &e), DYAD_OK);
    assert_int_equal(dyad_store_commit(s, NULL, &e), DYAD_OK);
    static const struct { int window; long events; } w[] = {{0, 5}, {1, 5}, {2, 4}, {3, 3}, {7, 2}, {30, 2}};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        dyad_query q = {.kind = DYAD_Q_SERIES, .by = DYAD_BY_NONE, .window = w[i].window};
        dyad_table *t = tb_q(s, &q);
        assert_int_equal(dyad_table_rows(t), 1);
        if (tb_sum(t, "events") != w[i].events)
            fail_msg("window %d: %ld events, want %ld", w[i].window, tb_sum(t, "events"), w[i].events);
        dyad_table_free(t);
    }
    dyad_query q = {.kind = DYAD_Q_SERIES, .by = DYAD_BY_WEEK};
    dyad_table *t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 3);
    assert_string_equal(tb_cell(t, "2021-03-01", "events"), "3"); /* Mon 1 - Sun 7 March */
    assert_string_equal(tb_cell(t, "2021-03-08", "events"), "1");
    assert_string_equal(tb_cell(t, "2021-04-05", "events"), "1");
    dyad_table_free(t);
    q.by = DYAD_BY_MONTH;
    t = tb_q(s, &q);
    assert_string_equal(tb_cell(t, "2021-03", "goldstein_sum"), "-40.000");
    assert_string_equal(tb_cell(t, "2021-04", "goldstein_mean"), "7.000");
    dyad_table_free(t);
    dyad_store_close(s);
}

static void test_partners(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_hostage(b);
    dyad_query q = {.kind = DYAD_Q_PARTNERS, .actor = "HMS"};
    dyad_table *t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 8);
    /* ties on events are broken by code, so the order is fixed */
    assert_string_equal(dyad_table_cell(t, 0, 0), "ISRCVL");
    assert_string_equal(dyad_table_cell(t, 1, 0), "ISRMIL");
    assert_string_equal(tb_cell(t, "ISRMIL", "as_source"), "2");
    assert_string_equal(tb_cell(t, "ISRMIL", "goldstein_mean"), "-10.000");
    assert_string_equal(tb_cell(t, "QATGOV", "events"), "1");
    dyad_table_free(t);
    q.limit = 2;
    t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 2);
    dyad_table_free(t);
    /* RUS partners exclude RUS's own agents: only USAGOV is outside */
    q = (dyad_query){.kind = DYAD_Q_PARTNERS, .actor = "RUS"};
    t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 1);
    assert_string_equal(dyad_table_cell(t, 0, 0), "USAGOV");
    dyad_table_free(t);
    dyad_store_close(s);
}

static void test_saydo(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_hostage(b);
    dyad_query q = {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_YEAR, .actor = "RUS"};
    dyad_table *t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 2);
    size_t r = 1; /* 2004 */
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "actor")), "RUS");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "period")), "2004");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "verbal_coop")), "3");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "material_coop")), "1");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "verbal_conflict")), "1");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "material_conflict")), "2");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "say_coop")), "0.750");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "do_coop")), "0.333");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "gap")), "0.417");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "coop_verbal_share")), "0.750");
    /* say: (0.4 - 0.3 + 7.0 - 2.0) / 4; do: (7 - 9 - 10) / 3 */
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "say_goldstein")), "1.275");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "do_goldstein")), "-4.000");
    assert_string_equal(dyad_table_cell(t, r, tb_col(t, "goldstein_gap")), "5.275");
    dyad_table_free(t);
    /* without an actor: one row per source code and period */
    q = (dyad_query){.kind = DYAD_Q_SAYDO, .by = DYAD_BY_NONE};
    t = tb_q(s, &q);
    assert_string_equal(tb_cell(t, "HMS", "material_conflict"), "2");
    assert_string_equal(tb_cell(t, "HMS", "say_coop"), "1.000");
    assert_string_equal(tb_cell(t, "HMS", "do_coop"), "0.500"); /* 2 releases of 4 deeds */
    assert_string_equal(tb_cell(t, "HMS", "gap"), "0.500");
    dyad_table_free(t);
    dyad_store_close(s);
}

static void test_episodes(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_hostage(b);
    dyad_query q = {.kind = DYAD_Q_EPISODES};
    dyad_table *t = tb_q(s, &q);
    size_t ep = tb_col(t, "episode"), stage = tb_col(t, "stage"), day = tb_col(t, "day");
    long per[4] = {0};
    for (size_t r = 0; r < dyad_table_rows(t); r++)
        per[atoi(dyad_table_cell(t, r, ep)) & 3]++;
    assert_int_equal(per[1], 5);  /* Moscow: taking, appeal, talks, release, storming */
    assert_int_equal(per[2], 5);  /* Beslan */
    assert_int_equal(per[3], 6);  /* Gaza, until the 33 quiet days after 20 October */
    assert_string_equal(dyad_table_cell(t, 0, stage), "taking");
    assert_string_equal(dyad_table_cell(t, 4, stage), "force");
    assert_string_equal(dyad_table_cell(t, 4, day), "3");
    dyad_table_free(t);
    q.gap = 40; /* a longer memory follows Gaza to the truce and after */
    t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 20);
    assert_string_equal(dyad_table_cell(t, 19, tb_col(t, "date")), "2023-12-01");
    assert_string_equal(dyad_table_cell(t, 19, day), "55");
    dyad_table_free(t);
    dyad_store_close(s);
}

static void test_events_mentions(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_hostage(b);
    dyad_query q = {.kind = DYAD_Q_EVENTS, .code = "190", .actor = "RUSMIL", .from = "2002-10-26",
                    .to = "2002-10-26"};
    dyad_table *t = tb_q(s, &q);
    assert_int_equal(dyad_table_rows(t), 2); /* one event, its two mentions */
    assert_string_equal(dyad_table_cell(t, 0, tb_col(t, "doc")), "mos-4");
    assert_string_equal(dyad_table_cell(t, 1, tb_col(t, "doc")), "mos-5");
    assert_string_equal(dyad_table_cell(t, 1, tb_col(t, "mentions")), "2");
    assert_string_equal(dyad_table_cell(t, 1, tb_col(t, "verb_text")), "stormed");
    dyad_table_free(t);
    dyad_store_close(s);
}


/* ------------------------------------------------------------------ summary and runs */

/* A file of the first n lines of the walk-through's events. */
static void tb_head(const char *path, int n)
{
    FILE *in = fopen(hostage, "rb"), *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char line[4096];
    for (int i = 0; i < n && fgets(line, sizeof line, in); i++)
        fputs(line, out);
    fclose(in);
    fclose(out);
}

static void tb_tables_equal(dyad_table *x, dyad_table *y, const char *what)
{
    assert_int_equal(dyad_table_rows(x), dyad_table_rows(y));
    assert_int_equal(dyad_table_cols(x), dyad_table_cols(y));
    for (size_t r = 0; r < dyad_table_rows(x); r++)
        for (size_t c = 0; c < dyad_table_cols(x); c++)
            if (strcmp(dyad_table_cell(x, r, c), dyad_table_cell(y, r, c)))
                fail_msg("%s row %zu col %s: '%s' vs '%s'", what, r, dyad_table_name(x, c),
                         dyad_table_cell(x, r, c), dyad_table_cell(y, r, c));
}

/* The monthly summary gives the numbers the events table gives, after a
 * load into an empty store and after a second load that adds mentions to
 * stored events (the incremental path), on both backends. */
static void test_summary_agrees(void **state)
{
    tb *b = *state;
    char part[] = "/tmp/dyad-test-part.XXXXXX";
    int fd = mkstemp(part);
    assert_true(fd >= 0);
    close(fd);
    tb_head(part, 15);
    dyad_store *s = tb_open(b);
    dyad_load_stats st;
    dyad_error e = {0};
    const dyad_query qs[] = {
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_MONTH},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_YEAR, .dedup = DYAD_DEDUP_MENTIONS},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_NONE, .actor = "RUS"},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_MONTH, .dyad_a = "HMS", .dyad_b = "ISR"},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_MONTH, .dyad_a = "RUSGOV", .dyad_b = "RUSREB",
         .directed = 1, .dedup = DYAD_DEDUP_ONE_A_DAY},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_YEAR, .quad = 4},
        {.kind = DYAD_Q_PARTNERS, .actor = "ISR"},
        {.kind = DYAD_Q_PARTNERS, .actor = "=HMS", .dedup = DYAD_DEDUP_MENTIONS},
        {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_MONTH},
        {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_YEAR, .actor = "RUS", .dedup = DYAD_DEDUP_MENTIONS},
    };
    for (int round = 0; round < 2; round++) {
        assert_int_equal(dyad_store_load_jsonl(s, round ? hostage : part, NULL, NULL, &st, &e),
                         DYAD_OK);
        for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
            dyad_query raw = qs[i];
            raw.no_summary = 1;
            dyad_table *x = tb_q(s, &qs[i]), *y = tb_q(s, &raw);
            assert_true(round == 0 || dyad_table_rows(x) > 0);
            char what[64];
            snprintf(what, sizeof what, "round %d query %zu", round, i);
            tb_tables_equal(x, y, what);
            dyad_table_free(x);
            dyad_table_free(y);
        }
    }
    /* and the summary's totals are the stored events' */
    assert_int_equal(tb_count(s, "SELECT sum(events) FROM event_months"), 25);
    assert_int_equal(tb_count(s, "SELECT sum(mentions) FROM event_months"), 28);
    assert_int_equal(tb_count(s, "SELECT count(*) FROM (SELECT source, target, substr(date, 1, 7),"
                                 " quad FROM events GROUP BY 1, 2, 3, 4) x"),
                     tb_count(s, "SELECT count(*) FROM event_months"));
    dyad_store_close(s);
    unlink(part);
}

/* Every load is a row of runs, in its transaction; mentions and events
 * carry the run that added them; `code --db` style provenance is kept. */
static void test_runs(void **state)
{
    tb *b = *state;
    dyad_store *s = tb_hostage(b);
    dyad_load_stats st;
    dyad_error e = {0};
    assert_int_equal(dyad_store_load_jsonl(s, hostage, NULL, NULL, &st, &e), DYAD_OK);
    /* a program's own load, with coding provenance, rolled back: no row */
    assert_int_equal(dyad_store_begin(s, NULL, NULL, &e), DYAD_OK);
    dyad_run_info ri = {.command = "code", .input = "x.txt"};
    assert_int_equal(dyad_store_set_run(s, &ri, &e), DYAD_OK);
    dyad_store_rollback(s);
    /* and committed */
    dyad_dict *d = dyad_dict_load_default(&e);
    assert_non_null(d);
    assert_int_equal(dyad_store_begin(s, NULL, NULL, &e), DYAD_OK);
    dyad_event ev = tb_ev("p-1", 0, "2024-01-02", "FRA", "DEU", "042", DYAD_QUAD_VERBAL_COOP, 1.9);
    assert_int_equal(dyad_store_add_event(s, &ev, &e), DYAD_OK);
    ri = (dyad_run_info){.command = "code", .input = "news.jsonl", .dict = d, .dict_embedded = 1,
                         .goldstein_scale = "gdelt", .quad_scheme = "icews", .has_records = 1,
                         .records_read = 3, .records_coded = 2, .records_rejected = 1,
                         .sentences = 7};
    assert_int_equal(dyad_store_set_run(s, &ri, &e), DYAD_OK);
    ri.command = "report";
    assert_int_equal(dyad_store_set_run(s, &ri, &e), DYAD_E_ARG);
    assert_int_equal(dyad_store_commit(s, &st, &e), DYAD_OK);
    dyad_dict_free(d);

    dyad_query q = {.kind = DYAD_Q_RUNS};
    dyad_table *t = tb_q(s, &q);
    static const char *const cols[] = {
        "run_id", "started_at", "dyad_version", "command", "input", "dictionaries",
        "goldstein_scale", "quad_scheme", "records_read", "records_coded", "records_rejected",
        "sentences", "mentions_read", "mentions_loaded", "mentions_duplicate", "mentions_rejected"};
    assert_int_equal(dyad_table_cols(t), 16);
    for (size_t c = 0; c < 16; c++)
        assert_string_equal(dyad_table_name(t, c), cols[c]);
    assert_int_equal(dyad_table_rows(t), 3);
    assert_string_equal(dyad_table_cell(t, 0, 3), "load");
    assert_non_null(strstr(dyad_table_cell(t, 0, 4), "hostage-events.jsonl"));
    assert_string_equal(dyad_table_cell(t, 0, 13), "28");
    assert_string_equal(dyad_table_cell(t, 1, 13), "0");
    assert_string_equal(dyad_table_cell(t, 1, 14), "28");
    assert_string_equal(dyad_table_cell(t, 0, 8), ""); /* a load of events: unknown */
    assert_string_equal(dyad_table_cell(t, 2, 3), "code");
    assert_string_equal(dyad_table_cell(t, 2, 2), dyad_version());
    assert_string_equal(dyad_table_cell(t, 2, 8), "3");
    assert_string_equal(dyad_table_cell(t, 2, 11), "7");
    assert_string_equal(dyad_table_cell(t, 2, 13), "1");
    assert_non_null(strstr(dyad_table_cell(t, 2, 5), "\"path\":\"dict/dyad.verbs.txt\",\"kind\":\"verbs\""));
    assert_non_null(strstr(dyad_table_cell(t, 2, 5), "\"version\":"));
    assert_int_equal(dyad_table_cell(t, 2, 1)[10], 'T');
    long first = atol(dyad_table_cell(t, 0, 0)), last = atol(dyad_table_cell(t, 2, 0));
    dyad_table_free(t);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM mentions WHERE run_id = %ld", first);
    assert_int_equal(tb_count(s, sql), 28);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE run_id = %ld", last);
    assert_int_equal(tb_count(s, sql), 1);
    dyad_store_close(s);
}

/* ------------------------------------------------------------------ both */

static void tb_same(dyad_store *a, dyad_store *b, const dyad_query *q)
{
    dyad_table *x = tb_q(a, q), *y = tb_q(b, q);
    assert_int_equal(dyad_table_rows(x), dyad_table_rows(y));
    assert_int_equal(dyad_table_cols(x), dyad_table_cols(y));
    for (size_t r = 0; r < dyad_table_rows(x); r++)
        for (size_t c = 0; c < dyad_table_cols(x); c++)
            if (strcmp(dyad_table_cell(x, r, c), dyad_table_cell(y, r, c)))
                fail_msg("kind %d row %zu col %s: sqlite '%s' postgresql '%s'", q->kind, r,
                         dyad_table_name(x, c), dyad_table_cell(x, r, c), dyad_table_cell(y, r, c));
    dyad_table_free(x);
    dyad_table_free(y);
}

static void test_backends_agree(void **state)
{
    (void)state;
    dyad_store *a = tb_hostage(&tb_sqlite), *b = tb_hostage(&tb_pg);
    const dyad_query qs[] = {
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_DAY},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_WEEK, .dedup = DYAD_DEDUP_MENTIONS},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_MONTH, .actor = "RUS", .window = 3},
        {.kind = DYAD_Q_SERIES, .by = DYAD_BY_YEAR, .dyad_a = "HMS", .dyad_b = "ISR"},
        {.kind = DYAD_Q_PARTNERS, .actor = "ISR"},
        {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_MONTH},
        {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_YEAR, .actor = "RUSGOV"},
        {.kind = DYAD_Q_EPISODES, .gap = 10},
        {.kind = DYAD_Q_EVENTS, .limit = 50},
    };
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++)
        tb_same(a, b, &qs[i]);
    dyad_store_close(a);
    dyad_store_close(b);
}

/* ------------------------------------------------------------------ units */

/* The single-pass line reader: what it accepts it reads as jansson would,
 * and it leaves everything unusual to jansson. */
static void test_jsonl_fast(void **state)
{
    (void)state;
    dy_buf b = {0};
    dyad_event ev;
    const char ok[] = " {\"doc\":\"d\\u00e9\\/1\", \"sentence\" : 3,\"date\":null,\"source\":\"RUS\","
                      "\"target\":\"UKR\",\"code\":\"190\",\"quad\":4,\"goldstein\":-1e1,"
                      "\"verb_span\":[ 2 , 9 ],\"sentence_text\":\"a\\tb\\n\\\"\\ud83d\\ude00\xc3\xa9\"} ";
    assert_true(dy_jsonl_fast(ok, strlen(ok), &b, &ev));
    assert_string_equal(ev.doc, "d\xc3\xa9/1");
    assert_int_equal(ev.sentence, 3);
    assert_string_equal(ev.date, "");
    assert_string_equal(ev.target, "UKR");
    assert_int_equal(ev.quad, 4);
    assert_true(ev.goldstein == -10.0);
    assert_int_equal(ev.verb_span.start, 2);
    assert_int_equal(ev.verb_span.end, 9);
    assert_int_equal(ev.source_span.end, 0);
    assert_string_equal(ev.sentence_text, "a\tb\n\"\xf0\x9f\x98\x80\xc3\xa9");
    assert_string_equal(ev.pattern, "");
    const char no_gold[] = "{\"doc\":\"x\",\"sentence\":0}";
    assert_true(dy_jsonl_fast(no_gold, strlen(no_gold), &b, &ev));
    assert_true(isnan(ev.goldstein));
    static const char *const fallback[] = {
        "{\"doc\":\"x\",\"doc\":\"y\",\"sentence\":0}",          /* repeated key */
        "{\"doc\":\"x\",\"sentence\":0,\"extra\":1}",            /* unknown key */
        "{\"doc\":\"x\\u0000\",\"sentence\":0}",                 /* NUL */
        "{\"doc\":\"x\xff\",\"sentence\":0}",                    /* invalid UTF-8 */
        "{\"doc\":\"\xed\xa0\x80\",\"sentence\":0}",             /* encoded surrogate */
        "{\"doc\":\"\\ud800\",\"sentence\":0}",                  /* lone surrogate */
        "{\"doc\":\"x\",\"sentence\":1.5}",                      /* not an integer */
        "{\"doc\":\"x\",\"sentence\":1234567890123456789}",      /* too many digits */
        "{\"doc\":\"x\",\"sentence\":0,\"goldstein\":1e999}",    /* overflow */
        "{\"doc\":\"x\",\"sentence\":0} x",                      /* trailing text */
        "{\"doc\":\"x\",\"sentence\":0,}",                       /* trailing comma */
        "{\"doc\":\"x\",\"quad\":1}",                            /* no sentence */
        "{\"doc\":\"x\",\"sentence\":0,\"quad\":5}",             /* out of range */
        "{\"doc\":\"a\tb\",\"sentence\":0}",                     /* raw control character */
        "[1]",
        "",
    };
    for (size_t i = 0; i < sizeof fallback / sizeof fallback[0]; i++)
        if (dy_jsonl_fast(fallback[i], strlen(fallback[i]), &b, &ev))
            fail_msg("accepted: %s", fallback[i]);
    dy_buf_free(&b);
}

static void test_dates_tables(void **state)
{
    (void)state;
    int64_t d;
    char out[11];
    assert_true(dy_store_date_parse("1970-01-01", &d));
    assert_int_equal(d, 0);
    assert_true(dy_store_date_parse("2004-09-01", &d));
    dy_store_date_format(d, out);
    assert_string_equal(out, "2004-09-01");
    dy_store_date_format(-719528, out); /* the first day of year 0 */
    assert_string_equal(out, "0000-01-01");
    /* formatting and parsing agree on every day of years 1-9999 */
    for (int64_t day = -719162; day <= 2932896; day++) {
        int64_t back = INT64_MIN;
        dy_store_date_format(day, out);
        if (!dy_store_date_parse(out, &back) || back != day)
            fail_msg("day %lld formats as %s", (long long)day, out);
    }
    assert_true(dy_store_date_parse("2000-02-29", &d));
    assert_false(dy_store_date_parse("1900-02-29", &d));
    assert_false(dy_store_date_parse("2004-9-01", &d));
    assert_false(dy_store_date_parse("2004-09-01x", &d));
    assert_false(dy_store_date_parse("", &d));

    dyad_table *t = dy_table_new();
    const char *names[] = {"a", "n"};
    assert_true(dy_table_set_names(t, 2, names, "si"));
    const char *r1[] = {"x,\"y\"", "3"}, *r2[] = {"plain", ""};
    assert_true(dy_table_add_row(t, r1));
    assert_true(dy_table_add_row(t, r2));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(dyad_table_write(f, t, DYAD_TABLE_CSV), DYAD_OK);
    assert_int_equal(dyad_table_write(f, t, DYAD_TABLE_JSON), DYAD_OK);
    fclose(f);
    assert_string_equal(buf, "a,n\n\"x,\"\"y\"\"\",3\nplain,\n"
                             "[\n {\"a\": \"x,\\\"y\\\"\", \"n\": 3},\n {\"a\": \"plain\", \"n\": null}\n]\n");
    free(buf);
    dyad_table_free(t);
}

/* ------------------------------------------------------------------ main */

static int tb_setup_sqlite(void **state)
{
    snprintf(tb_sqlite.dir, sizeof tb_sqlite.dir, "/tmp/dyad-test-store.XXXXXX");
    if (!mkdtemp(tb_sqlite.dir))
        return -1;
    *state = &tb_sqlite;
    return 0;
}

static int tb_teardown_sqlite(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tb_sqlite.dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char pg_admin[512], pg_db[64];

static int tb_pg_admin(const char *sql)
{
    PGconn *c = PQconnectdb(pg_admin);
    int ok = PQstatus(c) == CONNECTION_OK;
    if (ok) {
        PQclear(PQexec(c, "SET client_min_messages = warning"));
        PGresult *r = PQexec(c, sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
        PQclear(r);
    }
    PQfinish(c);
    return ok ? 0 : -1;
}

static int tb_setup_pg(void **state)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", pg_db);
    tb_pg_admin(sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", pg_db);
    if (tb_pg_admin(sql))
        return -1;
    /* the same server, the scratch database: replace the URL's path */
    const char *slash = strchr(strstr(pg_admin, "://") + 3, '/');
    size_t k = slash ? (size_t)(slash - pg_admin) : strlen(pg_admin);
    snprintf(tb_pg.url, sizeof tb_pg.url, "%.*s/%s", (int)k, pg_admin, pg_db);
    *state = &tb_pg;
    return 0;
}

static int tb_teardown_pg(void **state)
{
    (void)state;
    char sql[128];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", pg_db);
    return tb_pg_admin(sql);
}

int main(void)
{
    tu_src("tests/data/hostage-events.jsonl", hostage, sizeof hostage);
    const struct CMUnitTest per_backend[] = {
        cmocka_unit_test(test_load_idempotent),
        cmocka_unit_test(test_load_rejects),
        cmocka_unit_test(test_load_batches),
        cmocka_unit_test(test_load_mixed_parsers),
        cmocka_unit_test(test_add_rollback_commit),
        cmocka_unit_test(test_schema_version),
        cmocka_unit_test(test_migrate_v3),
        cmocka_unit_test(test_bulk_rebuild),
        cmocka_unit_test(test_fresh_load),
        cmocka_unit_test(test_pg_swap),
        cmocka_unit_test(test_series_filters),
        cmocka_unit_test(test_periods_and_window),
        cmocka_unit_test(test_partners),
        cmocka_unit_test(test_saydo),
        cmocka_unit_test(test_episodes),
        cmocka_unit_test(test_events_mentions),
        cmocka_unit_test(test_summary_agrees),
        cmocka_unit_test(test_runs),
    };
    const struct CMUnitTest units[] = {cmocka_unit_test(test_dates_tables),
                                       cmocka_unit_test(test_jsonl_fast)};
    const struct CMUnitTest both[] = {cmocka_unit_test(test_backends_agree)};
    int fails = cmocka_run_group_tests_name("units", units, NULL, NULL);
    fails += cmocka_run_group_tests_name("sqlite", per_backend, tb_setup_sqlite, tb_teardown_sqlite);
    const char *pg = getenv("DYAD_TEST_PG");
    if (!pg || strncmp(pg, "postgres", 8) != 0) {
        printf("SKIP: DYAD_TEST_PG is unset: the PostgreSQL half of the store tests did not run\n");
        return fails;
    }
    snprintf(pg_admin, sizeof pg_admin, "%s", pg);
    snprintf(pg_db, sizeof pg_db, "dyad_test_store_%ld", (long)getpid());
    fails += cmocka_run_group_tests_name("postgresql", per_backend, tb_setup_pg, tb_teardown_pg);
    /* both at once: sqlite's directory and the scratch database */
    void *st;
    if (tb_setup_sqlite(&st) == 0 && tb_setup_pg(&st) == 0) {
        fails += cmocka_run_group_tests_name("sqlite-vs-postgresql", both, NULL, NULL);
        tb_teardown_pg(&st);
        tb_teardown_sqlite(&st);
    } else {
        fails++;
    }
    return fails;
}
