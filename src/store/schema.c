/* schema.c — the store's schema as migrations, for SQLite and PostgreSQL.
 *
 * One schema for both backends. Statements use tokens that dy_schema_expand()
 * replaces per backend:
 *   {ID}      INTEGER PRIMARY KEY (SQLite rowid)   | BIGSERIAL PRIMARY KEY
 *   {TEXT}    TEXT                                 | TEXT COLLATE "C" (byte order,
 *             so actor-prefix ranges use the indexes on both backends)
 *   {REAL}    REAL                                 | DOUBLE PRECISION
 *   {BIGINT}  INTEGER                              | BIGINT
 *   {WITHOUT_ROWID}  WITHOUT ROWID (clustered on the key) | nothing
 * A statement that starts with {SQLITE} or {PG} runs on that backend only.
 * A readable copy of version 1 (SQLite flavour) is src/store/schema.sql;
 * docs/store.md explains every table and index.
 */
#include "store/store.h"

static const char *const v1[] = {
    "CREATE TABLE documents ("
    " doc_id {ID},"
    " name {TEXT} NOT NULL UNIQUE,"
    " date {TEXT} NOT NULL)",

    "CREATE TABLE sentences ("
    " doc_id {BIGINT} NOT NULL REFERENCES documents(doc_id),"
    " idx INTEGER NOT NULL,"
    " text {TEXT} NOT NULL,"
    " PRIMARY KEY (doc_id, idx))",

    "CREATE TABLE actors ("
    " code {TEXT} PRIMARY KEY,"
    " entity {TEXT} NOT NULL,"
    " role {TEXT} NOT NULL,"
    " attribute {TEXT} NOT NULL)",

    "CREATE TABLE codes ("
    " code {TEXT} PRIMARY KEY,"
    " root {TEXT} NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein {REAL},"
    " plover {TEXT} NOT NULL,"
    " name {TEXT} NOT NULL)",

    "CREATE TABLE events ("
    " event_id {ID},"
    " date {TEXT} NOT NULL,"
    " dayn INTEGER,"
    " week {TEXT} NOT NULL,"
    " source {TEXT} NOT NULL,"
    " target {TEXT} NOT NULL,"
    " code {TEXT} NOT NULL,"
    " root {TEXT} NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein {REAL},"
    " plover {TEXT} NOT NULL,"
    " mentions INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (source, target, code, date))",

    "CREATE TABLE mentions ("
    " mention_id {ID},"
    " event_id {BIGINT} NOT NULL REFERENCES events(event_id),"
    " doc_id {BIGINT} NOT NULL REFERENCES documents(doc_id),"
    " sentence INTEGER NOT NULL,"
    " source {TEXT} NOT NULL,"
    " target {TEXT} NOT NULL,"
    " code {TEXT} NOT NULL,"
    " pattern {TEXT} NOT NULL,"
    " source_text {TEXT} NOT NULL,"
    " target_text {TEXT} NOT NULL,"
    " verb_text {TEXT} NOT NULL,"
    " source_start INTEGER NOT NULL, source_end INTEGER NOT NULL,"
    " target_start INTEGER NOT NULL, target_end INTEGER NOT NULL,"
    " verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL,"
    " issues {TEXT} NOT NULL,"
    " flags {TEXT} NOT NULL,"
    " UNIQUE (doc_id, sentence, source, target, code, pattern))",

    /* Covering indexes: an actor's series and say/do read only the index.
     * Keep in step with dy_store_indexes below. */
    "CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions)",
    "CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions)",
    "CREATE INDEX mentions_event ON mentions (event_id)",
    NULL,
};

/* Version 2: provenance (runs, and the run that added each mention and
 * event) and the monthly summary the common queries read (docs/store.md). */
#define V2_MONTHS_TARGET                                                                   \
    "CREATE INDEX event_months_target ON event_months (target, source, month, quad, events," \
    " mentions, gold_sum, gold_n, gold_msum, gold_mn)"
#define V2_EVENTS_KEY "CREATE UNIQUE INDEX events_key ON events (source, target, code, date)"
#define V2_MENTIONS_KEY                                                                     \
    "CREATE UNIQUE INDEX mentions_key ON mentions (doc_id, sentence, source, target, code," \
    " pattern)"
#define V2_DOCUMENTS_NAME "CREATE UNIQUE INDEX documents_name ON documents (name)"
static const char *const v2[] = {
    "CREATE TABLE runs ("
    " run_id {ID},"
    " started_at {TEXT} NOT NULL,"
    " dyad_version {TEXT} NOT NULL,"
    " command {TEXT} NOT NULL,"
    " input {TEXT},"
    " dictionaries {TEXT},"
    " goldstein_scale {TEXT},"
    " quad_scheme {TEXT},"
    " records_read {BIGINT}, records_coded {BIGINT}, records_rejected {BIGINT},"
    " sentences {BIGINT},"
    " mentions_read {BIGINT}, mentions_loaded {BIGINT}, mentions_duplicate {BIGINT},"
    " mentions_rejected {BIGINT})",

    "ALTER TABLE events ADD COLUMN run_id {BIGINT}",
    "ALTER TABLE mentions ADD COLUMN run_id {BIGINT}",

    /* The unique keys become named indexes, which a load into an empty store
     * can drop and build once at the end. SQLite cannot drop a table's
     * UNIQUE constraint, so it rebuilds the three tables. */
    "{PG}ALTER TABLE documents DROP CONSTRAINT documents_name_key",
    "{PG}ALTER TABLE events DROP CONSTRAINT events_source_target_code_date_key",
    "{PG}ALTER TABLE mentions DROP CONSTRAINT mentions_doc_id_sentence_source_target_code_pattern_key",
    "{SQLITE}CREATE TABLE documents_v2 (doc_id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " date TEXT NOT NULL)",
    "{SQLITE}INSERT INTO documents_v2 SELECT * FROM documents",
    "{SQLITE}DROP TABLE documents",
    "{SQLITE}ALTER TABLE documents_v2 RENAME TO documents",
    "{SQLITE}CREATE TABLE events_v2 (event_id INTEGER PRIMARY KEY, date TEXT NOT NULL,"
    " dayn INTEGER, week TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
    " code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL,"
    " plover TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 0, run_id INTEGER)",
    "{SQLITE}INSERT INTO events_v2 SELECT * FROM events",
    "{SQLITE}DROP TABLE events",
    "{SQLITE}ALTER TABLE events_v2 RENAME TO events",
    "{SQLITE}CREATE TABLE mentions_v2 (mention_id INTEGER PRIMARY KEY,"
    " event_id INTEGER NOT NULL REFERENCES events(event_id),"
    " doc_id INTEGER NOT NULL REFERENCES documents(doc_id), sentence INTEGER NOT NULL,"
    " source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL, pattern TEXT NOT NULL,"
    " source_text TEXT NOT NULL, target_text TEXT NOT NULL, verb_text TEXT NOT NULL,"
    " source_start INTEGER NOT NULL, source_end INTEGER NOT NULL,"
    " target_start INTEGER NOT NULL, target_end INTEGER NOT NULL,"
    " verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL,"
    " issues TEXT NOT NULL, flags TEXT NOT NULL, run_id INTEGER)",
    "{SQLITE}INSERT INTO mentions_v2 SELECT * FROM mentions",
    "{SQLITE}DROP TABLE mentions",
    "{SQLITE}ALTER TABLE mentions_v2 RENAME TO mentions",
    "{SQLITE}CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions)",
    "{SQLITE}CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions)",
    "{SQLITE}CREATE INDEX mentions_event ON mentions (event_id)",
    V2_DOCUMENTS_NAME,
    V2_EVENTS_KEY,
    V2_MENTIONS_KEY,

    /* One row per (source, target, month, quad): events and mentions, and
     * Goldstein sums and counts over the events (mentions) that have one. */
    "CREATE TABLE event_months ("
    " source {TEXT} NOT NULL,"
    " target {TEXT} NOT NULL,"
    " month {TEXT} NOT NULL,"
    " quad INTEGER NOT NULL,"
    " events {BIGINT} NOT NULL,"
    " mentions {BIGINT} NOT NULL,"
    " gold_sum {REAL} NOT NULL, gold_n {BIGINT} NOT NULL,"
    " gold_msum {REAL} NOT NULL, gold_mn {BIGINT} NOT NULL,"
    " PRIMARY KEY (source, target, month, quad)){WITHOUT_ROWID}",
    V2_MONTHS_TARGET,

    "INSERT INTO event_months SELECT source, target, substr(date, 1, 7), quad, count(*),"
    " sum(mentions), coalesce(sum(goldstein), 0), count(goldstein),"
    " coalesce(sum(goldstein * mentions), 0),"
    " coalesce(sum(CASE WHEN goldstein IS NOT NULL THEN mentions END), 0)"
    " FROM events GROUP BY source, target, substr(date, 1, 7), quad",
    NULL,
};

/* Version 3: PostgreSQL's actor indexes become narrow. It answers an
 * either-side actor filter with a BitmapOr, which reads the table whatever
 * the indexes cover, so the covering columns bought no index-only scans and
 * cost the largest sorts of a load. A source range uses events_key (source
 * first; the table of a load into an empty store is in its order), a target
 * range these. SQLite plans a multi-index OR over covering indexes, which
 * read no table, and keeps them. */
static const char *const v3[] = {
    "{PG}DROP INDEX IF EXISTS events_source",
    "{PG}DROP INDEX IF EXISTS events_target",
    "{PG}CREATE INDEX events_target ON events (target)",
    "{PG}DROP INDEX IF EXISTS event_months_target",
    "{PG}CREATE INDEX event_months_target ON event_months (target)",
    NULL,
};

/* The unique keys that are plain indexes (version 2): a load into an empty
 * store builds them after the rows are in. */
const dy_index dy_store_keys[] = {
    {"documents_name", V2_DOCUMENTS_NAME},
    {"events_key", V2_EVENTS_KEY},
    {"mentions_key", V2_MENTIONS_KEY},
};
const size_t dy_store_nkeys = sizeof dy_store_keys / sizeof dy_store_keys[0];

/* SQLite's secondary indexes in the current version. A large load drops
 * and rebuilds them inside its transaction: building an index by sorting is
 * much faster than millions of random inserts into it. (PostgreSQL's loads
 * read theirs from the catalogue.) */
const dy_index dy_store_indexes[] = {
    {"events_source", "CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions)"},
    {"events_target", "CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions)"},
    {"mentions_event", "CREATE INDEX mentions_event ON mentions (event_id)"},
    {"event_months_target", V2_MONTHS_TARGET},
};
const size_t dy_store_nindexes = sizeof dy_store_indexes / sizeof dy_store_indexes[0];

const dy_migration dy_store_migrations[] = {
    {1, v1},
    {2, v2},
    {3, v3},
};
const size_t dy_store_nmigrations = sizeof dy_store_migrations / sizeof dy_store_migrations[0];

bool dy_schema_expand(dy_db_kind kind, const char *stmt, dy_buf *out)
{
    static const struct {
        const char *tok, *sqlite, *pg;
    } subst[] = {
        {"{ID}", "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"},
        {"{TEXT}", "TEXT", "TEXT COLLATE \"C\""},
        {"{REAL}", "REAL", "DOUBLE PRECISION"},
        {"{BIGINT}", "INTEGER", "BIGINT"},
        {"{WITHOUT_ROWID}", " WITHOUT ROWID", ""},
    };
    out->n = 0;
    if (!strncmp(stmt, "{SQLITE}", 8)) {
        if (kind != DY_DB_SQLITE)
            return dy_buf_cstr(out) != NULL;
        stmt += 8;
    } else if (!strncmp(stmt, "{PG}", 4)) {
        if (kind != DY_DB_PG)
            return dy_buf_cstr(out) != NULL;
        stmt += 4;
    }
    for (const char *p = stmt; *p;) {
        bool done = false;
        for (size_t i = 0; *p == '{' && i < sizeof subst / sizeof subst[0]; i++) {
            size_t k = strlen(subst[i].tok);
            if (!strncmp(p, subst[i].tok, k)) {
                if (!dy_buf_puts(out, kind == DY_DB_PG ? subst[i].pg : subst[i].sqlite))
                    return false;
                p += k;
                done = true;
                break;
            }
        }
        if (!done && !dy_buf_putc(out, *p++))
            return false;
    }
    return dy_buf_cstr(out) != NULL;
}
