/* storeint.h — the store's private state, shared by its backends only. */
#ifndef DY_STOREINT_H
#define DY_STOREINT_H

#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>

#include "store/store.h"

/* One validated mention, ready for a backend. Strings are never NULL. */
typedef struct dy_mention {
    const dyad_event *ev;  /* doc, sentence, source ... as given */
    const char *root;      /* ev->root or the code's first two characters */
    char root_buf[3];
    int64_t dayn;          /* valid when has_day */
    bool has_day;
    const char *code_name; /* from the codebook, "" when unknown */
} dy_mention;

/* ---- the shared loader (load.c) ---- */

/* Strings to dense ids. */
typedef struct dy_intern {
    dy_arena arena;
    char **str;
    uint32_t *len;
    uint64_t *slots;         /* see load.c */
    size_t n, cap, nslots;
} dy_intern;
bool dy_intern_init(dy_intern *t);
void dy_intern_free(dy_intern *t);
uint32_t dy_intern_id(dy_intern *t, const char *s, size_t n);

/* Fixed-size records found by their first key_size bytes. */
typedef struct dy_rset {
    char *recs;
    uint64_t *slots;
    size_t rec_size, key_size, n, cap, nslots;
} dy_rset;
void dy_rset_free(dy_rset *r);

/* An event the load has touched: its key (interned strings) first. */
typedef struct dy_lev {
    uint32_t source, target, code, date;  /* the key */
    int64_t id;
    double goldstein;                      /* NaN: none */
    uint32_t root, plover, count;          /* count: mentions this load added */
    int32_t dayn;                          /* INT32_MIN: undated */
    uint8_t quad, old;                     /* old: stored before the load */
} dy_lev;

/* A mention's strings as loader ids (dy_load_keys). */
typedef struct dy_lkeys {
    uint32_t doc, source, target, code, date, pattern, root, plover;
    uint64_t hm, he;         /* hashes of its mention and event keys */
} dy_lkeys;

typedef struct ld_doc ld_doc;
typedef struct dy_load {
    dy_intern strs;          /* actor and CAMEO codes, dates, patterns, months */
    dy_intern docnames;
    pthread_mutex_t keys_mu; /* strs and docnames, while a reader thread interns */
    uint32_t keys_doc;       /* the docnames id dy_load_keys found last */
    ld_doc *docs;            /* per docnames id; id 0: not yet resolved */
    size_t ndocs, docs_cap;
    uint32_t last_doc;
    bool last_sent_ok;
    int64_t last_sent_doc;
    uint32_t last_sent;
    dy_rset events, mentions, sentences;
    unsigned char *emitted;  /* per strs id: actor/code row written */
    size_t nemitted;
    int64_t next_doc, first_event, next_event, next_mention;
    bool empty;              /* the store had no documents: nothing to look up */
    /* New events are written in key order (source, target, code, date)
     * rather than id order; with renumber they also take their final ids in
     * that order, and dy_load_event_id() maps the ids mentions were given. */
    bool events_by_key, renumber;
    /* the backend keeps the first copy of a sentence itself (SQLite's
     * INSERT ... ON CONFLICT DO NOTHING): no set of the sentences written */
    bool sentences_kept;
    int64_t *event_ids;      /* renumber: final id per provisional id - first_event */
    size_t loaded, created;
} dy_load;

/* One mention row, ids assigned. */
typedef struct dy_mrow {
    int64_t mention_id, event_id, doc_id;
    const dy_mention *m;
} dy_mrow;

/* One new event row. */
typedef struct dy_erow {
    int64_t event_id;
    const char *date;
    int32_t dayn;            /* INT32_MIN: NULL */
    const char *week, *source, *target, *code, *root;
    int quad;
    double goldstein;        /* NaN: NULL */
    const char *plover;
    uint32_t mentions;
} dy_erow;

/* Amounts to add to one event_months row. */
typedef struct dy_monthrow {
    const char *source, *target, *month;
    int quad;
    int64_t events, mentions;
    double gold_sum;
    int64_t gold_n;
    double gold_msum;
    int64_t gold_mn;
} dy_monthrow;

/* What a backend does for the loader. doc_find and event_find may be NULL
 * when the backend only loads into empty stores. sentence_put keeps a
 * stored sentence; mention_put reports whether the mention was new. */
typedef struct dy_sink {
    int (*doc_find)(dyad_store *s, const char *name, int64_t *id, dyad_error *err);
    int (*doc_put)(dyad_store *s, int64_t id, const char *name, const char *date, dyad_error *err);
    int (*sentence_put)(dyad_store *s, int64_t doc, uint32_t idx, const char *text,
                        dyad_error *err);
    int (*event_find)(dyad_store *s, const char *source, const char *target, const char *code,
                      const char *date, int64_t *id, uint8_t *quad, double *goldstein,
                      dyad_error *err);
    int (*mention_put)(dyad_store *s, const dy_mrow *r, bool *inserted, dyad_error *err);
    int (*actor_put)(dyad_store *s, const char *code, dyad_error *err);
    int (*code_put)(dyad_store *s, const dy_mention *m, dyad_error *err);
    int (*event_put)(dyad_store *s, const dy_erow *r, dyad_error *err);
    int (*event_more)(dyad_store *s, int64_t id, uint32_t mentions, dyad_error *err);
    int (*month_put)(dyad_store *s, const dy_monthrow *r, dyad_error *err);
} dy_sink;

dy_load *dy_load_new(int64_t max_doc, int64_t max_event, int64_t max_mention, bool empty);
void dy_load_free(dy_load *l);
void dy_load_reserve(dy_load *l, size_t mentions);
bool dy_load_keys(dy_load *l, const dy_mention *m, dy_lkeys *k);
/* Start fetching what dy_load_add will look up for these keys. */
void dy_load_prefetch(const dy_load *l, const dy_lkeys *k);
/* keys: from dy_load_keys, or NULL to intern here */
int dy_load_add(dyad_store *s, const dy_mention *m, const dy_lkeys *keys, dyad_error *err);
int dy_load_finish(dyad_store *s, dyad_error *err);
int64_t dy_load_event_id(const dy_load *l, int64_t provisional);

/* The fast path of the JSON-lines reader (jsonl.c): false means "parse
 * this line with jansson". Strings in ev point into scratch, or into dst
 * (len + 1 bytes) for dy_jsonl_fast_into. */
bool dy_jsonl_fast(const char *line, size_t len, dy_buf *scratch, dyad_event *ev);
bool dy_jsonl_fast_into(const char *line, size_t len, char *dst, dyad_event *ev);

/* Event lines read ahead on a reader thread (lines.c). */
typedef struct dy_line {
    size_t lineno;
    bool fast;        /* ev is parsed; otherwise raw (len bytes, NUL-terminated) */
    dyad_event ev;
    const char *raw;
    size_t len;
    /* set by the prepare function, for a fast line */
    const char *why;  /* the line is rejected for this reason */
    dy_mention m;     /* otherwise validated (m.ev is &ev) */
    bool has_keys;    /* and k holds its loader ids */
    dy_lkeys k;
} dy_line;
typedef struct dy_lines dy_lines;
/* Called for each parsed (fast) line, on the thread that reads. */
typedef void (*dy_line_prep_fn)(void *user, dy_line *line);
/* Start reading f (a thread when `thread`); NULL when memory runs out. */
dy_lines *dy_lines_start(FILE *f, bool thread, dy_line_prep_fn prep, void *user);
/* The next non-blank line in *out (valid until the next call): 1; at the
 * end 0, or -DYAD_E_IO (with errno in *read_errno) / -DYAD_E_NOMEM, and
 * *lineno the lines read. */
int dy_lines_next(dy_lines *r, const dy_line **out, size_t *lineno, int *read_errno);
/* The line `ahead` lines after the one dy_lines_next gave, if it is in the
 * same batch (NULL otherwise). */
const dy_line *dy_lines_peek(const dy_lines *r, size_t ahead);
void dy_lines_stop(dy_lines *r);

/* The run being recorded (runs table). */
typedef struct dy_run {
    int64_t id;
    char *command, *input, *dictionaries, *scale, *scheme;
    int64_t records_read, records_coded, records_rejected, sentences; /* -1: unknown */
} dy_run;

/* The connections a PostgreSQL load into an empty store adds (pg.c). */
enum { DY_PG_NAUX = 5 };

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
    dy_run run;
    const dy_sink *sink;    /* the shared loader's backend, or NULL (PostgreSQL staging) */
    dy_load *load;
    /* SQLite: the loader's prepared statements */
    sqlite3_stmt *q[16];
    /* Loads of at least this many new events, and at least half the stored
     * events, rebuild the secondary indexes instead of updating them. */
    size_t rebuild_min;
    bool rebuilt, keys_rebuilt;
    bool sq_direct;         /* SQLite: this load runs with a rollback journal */
    FILE *sq_spool;         /* SQLite, empty store: mentions until the events are numbered */
    dy_buf sq_row;          /* spooled mentions on their way to the file; one read back */
    /* PostgreSQL: COPY rows buffered then sent in large chunks */
    dy_buf copy;
    size_t copy_line;
    /* PostgreSQL, empty store: rows spooled until their table's COPY */
    dy_buf pg_docs, pg_actors, pg_codes, pg_events, pg_months;
    dy_buf pg_sent;         /* sentence rows on their way to their COPY or the spool file */
    FILE *pg_sentences;
    dy_buf pg_ddl;          /* constraints and indexes to put back */
    /* PostgreSQL, empty store: the staging schema (dyad_load_<hex>, "" when
     * unused), the connections that fill ([0]) and build its tables, the
     * build jobs (pg.c), the tables whose rows are in (a bit each), and where
     * s->copy goes */
    char pg_schema[32];
    PGconn *pg_aux[DY_PG_NAUX];
    struct pg_job *pg_jobs;
    size_t pg_njobs;
    unsigned pg_copied, pg_filling; /* connections filling a copy, a bit each */
    double pg_gold;                 /* the last Goldstein value sent, as text */
    char pg_gold_s[32];
    PGconn *pg_to;
};

int dy_sqlite_open(dyad_store *s, const char *path, dyad_error *err);
int dy_sqlite_begin(dyad_store *s, dyad_error *err);
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

/* The dictionaries column of a run (provenance.c). */
bool dy_run_dict_json(const dyad_dict *d, bool embedded, dy_buf *out);

/* The runs row: inserted at begin (s->run.id), completed at commit. */
void dy_store_run_clear(dyad_store *s);
int dy_store_run_begin(dyad_store *s, dyad_error *err);
int dy_store_run_end(dyad_store *s, dyad_error *err);

/* Apply pending migrations; `exec`/`select` already work on s. */
int dy_store_migrate(dyad_store *s, dyad_error *err);

/* Report a database failure: msg static, detail from the driver. */
int dy_store_fail(dyad_store *s, const char *msg, const char *detail, dyad_error *err);

#endif
