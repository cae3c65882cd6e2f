/* lines.c — event lines read and parsed on a second thread.
 *
 * A load's main thread deduplicates and writes rows; reading the file and
 * parsing its JSON (dy_jsonl_fast) is independent of that, so a reader
 * thread does it ahead, in batches, while the main thread stores the
 * previous ones. Lines come out in file order with their line numbers, so
 * diagnostics and results are the same as a single-threaded read. A line the
 * fast parser declines is handed over raw (the main thread asks jansson).
 * At most LN_NBATCH batches are in flight: memory stays bounded however
 * large the input. Only regular files get a thread (a reader blocked on a
 * pipe could not be stopped when the load fails); otherwise, or when
 * pthread_create fails, the main thread fills the batches itself.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/storeint.h"

#define LN_NBATCH 4
#define LN_BATCH_BYTES (1u << 20)
#define LN_BATCH_LINES 4096

typedef struct ln_batch {
    char *buf;           /* each line's text: parsed strings, or the raw line */
    size_t used, cap;
    dy_line *lines;      /* LN_BATCH_LINES of them */
    size_t n;
    int status;          /* 0, or DYAD_E_IO / DYAD_E_NOMEM after the last line */
    int read_errno;
    size_t lineno;       /* lines read when the batch ended */
    bool eof;
} ln_batch;

struct dy_lines {
    FILE *f;
    ln_batch b[LN_NBATCH];
    uint64_t filled, taken;  /* batches produced, batches released */
    size_t cur;              /* next line of batch `taken` */
    /* the reader's own state */
    char *line;
    size_t line_cap, lineno;
    bool carry;              /* `line` holds a line that did not fit the last batch */
    size_t carry_len, carry_no;
    bool done;               /* the reader has produced its last batch */
    bool stop;               /* the consumer has gone */
    bool threaded;
    bool ready;              /* batch `taken` is known to be filled */
    dy_line_prep_fn prep;
    void *prep_user;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

/* Add one non-blank line to b: false when it does not fit (b not empty). */
static bool ln_add(dy_lines *r, ln_batch *b, const char *line, size_t len, size_t lineno,
                   bool *oom)
{
    size_t need = len + 1;
    if (b->used + need > b->cap) {
        if (b->n)
            return false;
        /* a first line longer than a batch gets a buffer of its own size */
        char *p = realloc(b->buf, need);
        if (!p) {
            *oom = true;
            return false;
        }
        b->buf = p;
        b->cap = need;
    }
    dy_line *l = &b->lines[b->n++];
    char *dst = b->buf + b->used;
    b->used += need;
    l->lineno = lineno;
    l->fast = dy_jsonl_fast_into(line, len, dst, &l->ev);
    l->why = NULL;
    l->has_keys = false; /* until prepared: a jansson line never is */
    if (!l->fast)
        memcpy(dst, line, len), dst[len] = 0;
    else if (r->prep)
        r->prep(r->prep_user, l);
    l->raw = dst;
    l->len = len;
    return true;
}

static void ln_fill_lines(dy_lines *r, ln_batch *b);

/* Fill b with the next lines of the file. */
static void ln_fill(dy_lines *r, ln_batch *b)
{
    ln_fill_lines(r, b);
    b->lineno = r->lineno;
}

static void ln_fill_lines(dy_lines *r, ln_batch *b)
{
    b->used = b->n = 0;
    b->status = 0;
    b->eof = false;
    bool oom = false;
    if (!b->buf && (b->buf = malloc(LN_BATCH_BYTES)))
        b->cap = LN_BATCH_BYTES;
    /* the lines never move: a prepared line's mention points into it */
    if (!b->lines)
        b->lines = malloc(LN_BATCH_LINES * sizeof *b->lines);
    if (!b->buf || !b->lines) {
        b->status = DYAD_E_NOMEM;
        return;
    }
    if (r->carry) {
        r->carry = false;
        if (!ln_add(r, b, r->line, r->carry_len, r->carry_no, &oom)) {
            b->status = DYAD_E_NOMEM;
            return;
        }
    }
    while (b->n < LN_BATCH_LINES) {
        errno = 0;
        ssize_t n = getline(&r->line, &r->line_cap, r->f);
        if (n < 0) {
            if (ferror(r->f)) {
                b->status = DYAD_E_IO;
                b->read_errno = errno;
            } else if (errno == ENOMEM) {
                b->status = DYAD_E_NOMEM;
            }
            b->eof = true;
            return;
        }
        r->lineno++;
        size_t len = (size_t)n;
        while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (r->line[k] == ' ' || r->line[k] == '\t'))
            k++;
        if (k == len)
            continue; /* blank lines are not records */
        if (!ln_add(r, b, r->line, len, r->lineno, &oom)) {
            if (oom) {
                b->status = DYAD_E_NOMEM;
                return;
            }
            r->carry = true;
            r->carry_len = len;
            r->carry_no = r->lineno;
            return;
        }
    }
}

static bool ln_last(const ln_batch *b) { return b->eof || b->status; }

static void *ln_main(void *arg)
{
    dy_lines *r = arg;
    pthread_mutex_lock(&r->mu);
    while (!r->done) {
        while (!r->stop && r->filled - r->taken == LN_NBATCH)
            pthread_cond_wait(&r->cv, &r->mu);
        if (r->stop)
            break;
        ln_batch *b = &r->b[r->filled % LN_NBATCH];
        pthread_mutex_unlock(&r->mu);
        ln_fill(r, b); /* the batch is the reader's until `filled` moves */
        pthread_mutex_lock(&r->mu);
        r->filled++;
        r->done = ln_last(b);
        pthread_cond_broadcast(&r->cv);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

dy_lines *dy_lines_start(FILE *f, bool thread, dy_line_prep_fn prep, void *user)
{
    dy_lines *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->f = f;
    r->prep = prep;
    r->prep_user = user;
    if (pthread_mutex_init(&r->mu, NULL)) {
        free(r);
        return NULL;
    }
    if (pthread_cond_init(&r->cv, NULL)) {
        pthread_mutex_destroy(&r->mu);
        free(r);
        return NULL;
    }
    r->threaded = thread && pthread_create(&r->th, NULL, ln_main, r) == 0;
    return r;
}

int dy_lines_next(dy_lines *r, const dy_line **out, size_t *lineno, int *read_errno)
{
    for (;;) {
        ln_batch *b = &r->b[r->taken % LN_NBATCH];
        if (r->threaded && !r->ready) {
            /* once per batch, not per line */
            pthread_mutex_lock(&r->mu);
            while (r->filled == r->taken)
                pthread_cond_wait(&r->cv, &r->mu);
            pthread_mutex_unlock(&r->mu);
            r->ready = true;
        } else if (!r->threaded && r->filled == r->taken) {
            if (r->done)
                return 0;
            ln_fill(r, b);
            r->filled++;
            r->done = ln_last(b);
        }
        if (r->cur < b->n) {
            *out = &b->lines[r->cur++];
            return 1;
        }
        if (ln_last(b)) {
            *lineno = b->lineno;
            *read_errno = b->read_errno;
            return b->status ? -b->status : 0;
        }
        /* this batch is used up: give it back to the reader */
        r->cur = 0;
        r->ready = false;
        if (r->threaded)
            pthread_mutex_lock(&r->mu);
        r->taken++;
        if (r->threaded) {
            pthread_cond_broadcast(&r->cv);
            pthread_mutex_unlock(&r->mu);
        }
    }
}

const dy_line *dy_lines_peek(const dy_lines *r, size_t ahead)
{
    const ln_batch *b = &r->b[r->taken % LN_NBATCH];
    size_t i = r->cur - 1 + ahead;
    return r->cur && i < b->n ? &b->lines[i] : NULL;
}

void dy_lines_stop(dy_lines *r)
{
    if (!r)
        return;
    if (r->threaded) {
        pthread_mutex_lock(&r->mu);
        r->stop = true;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        pthread_join(r->th, NULL);
    }
    for (size_t i = 0; i < LN_NBATCH; i++) {
        free(r->b[i].buf);
        free(r->b[i].lines);
    }
    free(r->line);
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    free(r);
}
