/* store.h — the event store's internals, shared by the store and the report.
 *
 * A dyad_store is one connection to SQLite (a file, WAL) or PostgreSQL (a
 * postgresql:// URL) holding the schema in schema.c (readable copy:
 * src/store/schema.sql, documented in docs/store.md). Readers such as the
 * report run their own aggregates with dy_store_select(): plain SQL in the
 * dialect both backends share, with `?` placeholders (rewritten to $n for
 * PostgreSQL, so `?` must not appear inside SQL string literals).
 *
 * Dialect notes for SQL passed to dy_store_select (both backends accept it):
 *   - period labels: dy_store_period_expr() ("substr(date,1,7)" for months);
 *   - actor patterns: dy_store_where() builds the filter of a dyad_query;
 *   - no strftime/to_char, no `||` on numbers; CAST(x AS REAL) is fine in
 *     SQLite but write CAST(x AS DOUBLE PRECISION)-free SQL: use 1.0*x.
 *   - results arrive as text (NULL as a NULL pointer), in the ORDER BY you
 *     give: always add tie-breaks so output is deterministic.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "dyad.h"
#include "util/util.h"

typedef enum dy_db_kind { DY_DB_SQLITE = 0, DY_DB_PG = 1 } dy_db_kind;

dy_db_kind dy_store_kind(const dyad_store *s);

/* One result row: ncols values as text, NULL for SQL NULL. Return non-zero
 * to stop early (dy_store_select then returns DYAD_OK). */
typedef int (*dy_row_fn)(void *user, size_t ncols, const char *const *vals);

/* Run one read-only statement with text parameters bound to its `?`s
 * (NULL param = SQL NULL). Column names are passed to `names` once
 * (may be NULL) before the first row. */
typedef void (*dy_names_fn)(void *user, size_t ncols, const char *const *names);
int dy_store_select(dyad_store *s, const char *sql, const char *const *params, size_t nparams,
                    dy_names_fn names, dy_row_fn fn, void *user, dyad_error *err);

/* Run statements that return nothing (DDL, migrations, maintenance). */
int dy_store_exec(dyad_store *s, const char *sql, dyad_error *err);

/* ---- SQL building shared by queries and the report ---- */

/* Bound parameters collected while building a WHERE clause. The strings are
 * owned by the struct (copies). */
typedef struct dy_params {
    char **v;
    size_t n, cap;
} dy_params;
bool dy_params_add(dy_params *p, const char *s);
void dy_params_free(dy_params *p);

/* The SQL expression that labels an events row `e` with its period (text):
 * "e.date", "e.week" (ISO week's Monday), "substr(e.date,1,7)",
 * "substr(e.date,1,4)", or "'all'". */
const char *dy_store_period_expr(dyad_period by);

/* Append " AND ..." conditions for every filter of q (actor, dyad, code,
 * root, quad, plover, from, to) over an events row aliased `e`, adding the
 * parameters to p. Returns false on OOM, or DYAD_E_ARG through err for a
 * malformed filter (checked before anything is appended). */
bool dy_store_where(const dyad_query *q, dy_buf *sql, dy_params *p, dyad_error *err);

/* Append a condition that an actor column (e.g. "e.source") matches pattern
 * ("RUS", "RUS*", "=RUS"). */
bool dy_store_actor_cond(dy_buf *sql, dy_params *p, const char *col, const char *pattern);

/* ---- tables (query results) ---- */
dyad_table *dy_table_new(void);
/* kinds: one letter per column: 's' text, 'i' integer, 'f' number (JSON
 * writes 'i' and 'f' cells as numbers, text right-aligns them). */
bool dy_table_set_names(dyad_table *t, size_t ncols, const char *const *names, const char *kinds);
bool dy_table_add_row(dyad_table *t, const char *const *vals); /* NULL -> "" */

/* ---- schema ---- */
/* Migrations in order: migration i brings the schema from version i to i+1.
 * Each is a list of statements with the backend's types substituted. */
typedef struct dy_migration {
    int version;               /* the version after it runs */
    const char *const *stmts;  /* NULL-terminated; see schema.c for the tokens */
} dy_migration;
extern const dy_migration dy_store_migrations[];
extern const size_t dy_store_nmigrations;
/* The current version's secondary indexes (not the unique keys). */
typedef struct dy_index {
    const char *name, *create;
} dy_index;
extern const dy_index dy_store_indexes[];
extern const size_t dy_store_nindexes;
/* The unique keys kept as named indexes (documents_name, events_key,
 * mentions_key). */
extern const dy_index dy_store_keys[];
extern const size_t dy_store_nkeys;
/* Expand the backend tokens of one schema statement ({ID}, {TEXT}, {REAL},
 * {BIGINT}, {WITHOUT_ROWID}) into out; a statement for the other backend
 * only ({SQLITE}, {PG}) expands to "". */
bool dy_schema_expand(dy_db_kind kind, const char *stmt, dy_buf *out);

/* Days since 1970-01-01 for an ISO date, and the ISO week's Monday; false
 * when the date is not a valid YYYY-MM-DD. */
bool dy_store_date_parse(const char *s, int64_t *dayn);
void dy_store_date_format(int64_t dayn, char out[11]);
/* The Monday of dayn's ISO week, formatted. */
void dy_store_week_format(int64_t dayn, char out[11]);

#endif
