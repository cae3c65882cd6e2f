/* storeint.h — the store's private state, shared by its backends only. */
#ifndef DY_STOREINT_H
#define DY_STOREINT_H

#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/store.h"

/* One validated mention, ready for a backend. Strings are never NULL. */
typedef struct dy_mention {
    const dyad_event *ev;  /* doc, sentence, source ... as given */
    const char *root;      /* ev->root or the code's first two characters */
    char root_buf[3];
    int64_t dayn;          /* valid when has_day */
    bool has_day;
    char week[11];         /* "" when undated */
    const char *code_name; /* from the codebook, "" when unknown */
} dy_mention;

struct dyad_store {
    dy_db_kind kind;
    char *where;            /* path or URL without password, for messages */
    sqlite3 *db;
    PGconn *pg;

    /* the load in progress */
    bool loading;
    dyad_diag_fn diag;
    void *diag_user;
    dyad_load_stats st;
    /* SQLite: the prepared staging insert and the rows it staged */
    sqlite3_stmt *stage;
    size_t staged;
    dy_buf last_doc;       /* the last staged (doc, sentence) */
    uint32_t last_sent;
    bool last_sent_ok;
    /* Loads of at least this many mentions, and at least half the stored
     * events, rebuild the secondary indexes instead of updating them. */
    size_t rebuild_min;
    /* PostgreSQL: COPY rows buffered then sent in large chunks */
    dy_buf copy;
    size_t copy_line;
};

int dy_sqlite_open(dyad_store *s, const char *path, dyad_error *err);
int dy_sqlite_begin(dyad_store *s, dyad_error *err);
int dy_sqlite_add(dyad_store *s, const dy_mention *m, dyad_error *err);
int dy_sqlite_commit(dyad_store *s, dyad_error *err);
void dy_sqlite_end(dyad_store *s); /* finalize statements, roll back if open */
int dy_sqlite_select(dyad_store *s, const char *sql, const char *const *params, size_t n,
                     dy_names_fn names, dy_row_fn fn, void *user, dyad_error *err);

int dy_pg_open(dyad_store *s, const char *url, dyad_error *err);
int dy_pg_begin(dyad_store *s, dyad_error *err);
int dy_pg_add(dyad_store *s, const dy_mention *m, dyad_error *err);
int dy_pg_commit(dyad_store *s, dyad_error *err);
void dy_pg_end(dyad_store *s);
int dy_pg_select(dyad_store *s, const char *sql, const char *const *params, size_t n,
                 dy_names_fn names, dy_row_fn fn, void *user, dyad_error *err);
int dy_pg_exec(dyad_store *s, const char *sql, dyad_error *err);

/* Apply pending migrations; `exec`/`select` already work on s. */
int dy_store_migrate(dyad_store *s, dyad_error *err);

/* Report a database failure: msg static, detail from the driver. */
int dy_store_fail(dyad_store *s, const char *msg, const char *detail, dyad_error *err);

#endif
