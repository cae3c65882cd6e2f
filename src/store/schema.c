/* schema.c — the store's schema as migrations, for SQLite and PostgreSQL.
 *
 * One schema for both backends. Statements use tokens that dy_schema_expand()
 * replaces per backend:
 *   {ID}      INTEGER PRIMARY KEY (SQLite rowid)   | BIGSERIAL PRIMARY KEY
 *   {TEXT}    TEXT                                 | TEXT COLLATE "C" (byte order,
 *             so actor-prefix ranges use the indexes on both backends)
 *   {REAL}    REAL                                 | DOUBLE PRECISION
 *   {BIGINT}  INTEGER                              | BIGINT
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

/* The secondary indexes of the current version. A large SQLite load drops
 * and rebuilds them inside its transaction: building an index by sorting is
 * much faster than millions of random inserts into it. */
const dy_index dy_store_indexes[] = {
    {"events_source", "CREATE INDEX events_source ON events (source, date, quad, goldstein, mentions)"},
    {"events_target", "CREATE INDEX events_target ON events (target, date, quad, goldstein, mentions)"},
    {"mentions_event", "CREATE INDEX mentions_event ON mentions (event_id)"},
};
const size_t dy_store_nindexes = sizeof dy_store_indexes / sizeof dy_store_indexes[0];

const dy_migration dy_store_migrations[] = {
    {1, v1},
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
    };
    out->n = 0;
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
