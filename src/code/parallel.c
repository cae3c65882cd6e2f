/* Parallel coding: one reader, N workers, output in input order.
 *
 * The main thread reads documents into batches (each document cloned into the
 * batch's arena, since the reader reuses its own), workers code whole batches
 * with their own coder and format events into the batch's buffer, and the main
 * thread writes finished batches strictly by sequence number. The bytes out
 * are therefore the same for any thread count. */
#include <pthread.h>
#include <stdlib.h>

#include "code/code.h"
#include "out/out.h"

#define PL_BATCH_DOCS 64

enum { PL_EMPTY = 0, PL_FILLED, PL_WORKING, PL_DONE };

typedef struct pl_batch {
    int state;
    uint64_t seq;
    dyad_doc docs[PL_BATCH_DOCS];
    uint32_t ndocs;
    dy_arena arena;
    dy_buf out;
    int failed;            /* DYAD_E_* from the worker */
} pl_batch;

typedef struct pl_shared {
    const struct dyad_dict *dict;
    const dyad_code_opts *opts;
    dyad_output fmt;
    pl_batch *slots;
    uint32_t nslots;
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    dyad_code_stats stats;
} pl_shared;

/* ------------------------------------------------------------ cloning */

static const char *pl_str(dy_arena *a, const char *s)
{
    return s ? dy_arena_strndup(a, s, strlen(s)) : "";
}

static int pl_clone(dy_arena *a, const dyad_doc *in, dyad_doc *out)
{
    memset(out, 0, sizeof *out);
    out->path = pl_str(a, in->path);
    out->line = in->line;
    out->id = pl_str(a, in->id);
    out->date = pl_str(a, in->date);
    out->date_num = in->date_num;
    out->source = pl_str(a, in->source);
    out->url = pl_str(a, in->url);
    out->nsent = in->nsent;
    out->sents = dy_arena_calloc(a, in->nsent ? in->nsent : 1, sizeof(dy_sentence));
    if (!out->path || !out->id || !out->date || !out->source || !out->url || !out->sents)
        return -1;
    for (uint32_t i = 0; i < in->nsent; i++) {
        const dy_sentence *s = &in->sents[i];
        dy_sentence *d = &out->sents[i];
        *d = *s;
        d->text = dy_arena_strndup(a, s->text, s->len);
        d->toks = s->ntok ? dy_arena_calloc(a, s->ntok, sizeof(dy_tok)) : NULL;
        d->nodes = s->nnode ? dy_arena_calloc(a, s->nnode, sizeof(dy_node)) : NULL;
        if (!d->text || (s->ntok && !d->toks) || (s->nnode && !d->nodes))
            return -1;
        if (s->ntok)
            memcpy(d->toks, s->toks, s->ntok * sizeof(dy_tok));
        for (uint32_t t = 0; t < s->ntok; t++)
            if (!(d->toks[t].up = dy_arena_strndup(a, s->toks[t].up, s->toks[t].nup)))
                return -1;
        if (s->nnode)
            memcpy(d->nodes, s->nodes, s->nnode * sizeof(dy_node));
    }
    return 0;
}

/* ------------------------------------------------------------ workers */

typedef struct pl_sink {
    dy_buf *out;
    dyad_output fmt;
    int oom;
} pl_sink;

static int pl_event(void *user, const dyad_event *ev)
{
    pl_sink *k = user;
    bool ok = k->fmt == DYAD_OUT_TSV ? dy_event_format_tsv(k->out, ev) : dy_event_format_jsonl(k->out, ev);
    if (!ok)
        k->oom = 1;
    return !ok;
}

static void *pl_worker(void *arg)
{
    pl_shared *sh = arg;
    dyad_error err = {0};
    dyad_coder *c = dyad_coder_new(sh->dict, sh->opts, &err);
    pthread_mutex_lock(&sh->mu);
    for (;;) {
        pl_batch *b = NULL;
        for (uint32_t i = 0; i < sh->nslots; i++) {
            pl_batch *x = &sh->slots[i];
            if (x->state == PL_FILLED && (!b || x->seq < b->seq))
                b = x;
        }
        if (!b) {
            if (sh->closing)
                break;
            pthread_cond_wait(&sh->cv, &sh->mu);
            continue;
        }
        b->state = PL_WORKING;
        pthread_mutex_unlock(&sh->mu);
        b->out.n = 0;
        b->failed = c ? 0 : DYAD_E_NOMEM;
        pl_sink sink = {&b->out, sh->fmt, 0};
        for (uint32_t i = 0; i < b->ndocs && !b->failed; i++)
            if (dyad_coder_code(c, &b->docs[i], pl_event, &sink, &err) < 0 || sink.oom)
                b->failed = DYAD_E_NOMEM;
        pthread_mutex_lock(&sh->mu);
        b->state = PL_DONE;
        pthread_cond_broadcast(&sh->cv);
    }
    if (c) {
        dyad_code_stats s;
        dyad_coder_get_stats(c, &s);
        sh->stats.documents += s.documents;
        sh->stats.sentences += s.sentences;
        sh->stats.sentences_coded += s.sentences_coded;
        sh->stats.sentences_discarded += s.sentences_discarded;
        sh->stats.sentences_complex += s.sentences_complex;
        sh->stats.events += s.events;
    }
    pthread_mutex_unlock(&sh->mu);
    dyad_coder_free(c);
    return NULL;
}

/* ------------------------------------------------------------ driver */

/* Write finished batches in order. Called with the mutex held. */
static dyad_status pl_drain(pl_shared *sh, uint64_t *next, FILE *out, int block, dyad_error *err)
{
    for (;;) {
        pl_batch *b = &sh->slots[*next % sh->nslots];
        if (b->state == PL_EMPTY || b->seq != *next)
            return DYAD_OK;
        if (b->state != PL_DONE) {
            if (!block)
                return DYAD_OK;
            pthread_cond_wait(&sh->cv, &sh->mu);
            continue;
        }
        if (b->failed)
            return dy_fail(err, (dyad_status)b->failed, "out of memory while coding", NULL, 0, 0, NULL, 0);
        if (b->out.n && fwrite(b->out.p, 1, b->out.n, out) != b->out.n)
            return dy_fail(err, DYAD_E_IO, "cannot write events", NULL, 0, 0, NULL, 0);
        b->state = PL_EMPTY;
        dy_arena_reset(&b->arena);
        (*next)++;
        pthread_cond_broadcast(&sh->cv);
    }
}

int dyad_code_stream(const dyad_dict *dict, const dyad_code_opts *opts, dyad_reader *r, int nthreads,
                     dyad_output fmt, FILE *out, dyad_code_stats *stats, dyad_error *err)
{
    if (nthreads < 1 || nthreads > 256)
        return dy_fail(err, DYAD_E_ARG, "thread count must be between 1 and 256", NULL, 0, 0, NULL, 0);
    dyad_code_opts o = {0};
    if (opts)
        o = *opts;
    pl_shared sh = {dict, &o, fmt, NULL, (uint32_t)nthreads * 2 + 2, 0, PTHREAD_MUTEX_INITIALIZER,
                    PTHREAD_COND_INITIALIZER, {0}};
    pthread_t *th = calloc((size_t)nthreads, sizeof *th);
    sh.slots = calloc(sh.nslots, sizeof *sh.slots);
    int started = 0;
    dyad_status st = DYAD_OK;
    if (!th || !sh.slots) {
        st = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        goto done;
    }
    for (uint32_t i = 0; i < sh.nslots; i++)
        dy_arena_init(&sh.slots[i].arena, 256 * 1024);
    for (; started < nthreads; started++)
        if (pthread_create(&th[started], NULL, pl_worker, &sh) != 0) {
            st = dy_fail(err, DYAD_E_NOMEM, "cannot start a worker thread", NULL, 0, 0, NULL, 0);
            goto done;
        }

    uint64_t seq = 0, next = 0;
    int eof = 0;
    dyad_error rerr = {0};
    while (!eof) {
        pl_batch *b = &sh.slots[seq % sh.nslots];
        pthread_mutex_lock(&sh.mu);
        while (b->state != PL_EMPTY && st == DYAD_OK) {
            st = pl_drain(&sh, &next, out, 0, err);
            if (b->state != PL_EMPTY && st == DYAD_OK)
                pthread_cond_wait(&sh.cv, &sh.mu);
        }
        pthread_mutex_unlock(&sh.mu);
        if (st)
            break;
        b->ndocs = 0;
        const dyad_doc *doc;
        while (b->ndocs < PL_BATCH_DOCS && (doc = dyad_reader_next(r, &rerr))) {
            if (pl_clone(&b->arena, doc, &b->docs[b->ndocs]) != 0) {
                st = dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
                break;
            }
            b->ndocs++;
        }
        if (b->ndocs < PL_BATCH_DOCS)
            eof = 1;
        if (rerr.code && !st) {
            *err = rerr;
            st = rerr.code;
        }
        if (st)
            break;
        pthread_mutex_lock(&sh.mu);
        b->seq = seq++;
        b->state = PL_FILLED;
        pthread_cond_broadcast(&sh.cv);
        pthread_mutex_unlock(&sh.mu);
    }
    pthread_mutex_lock(&sh.mu);
    while (st == DYAD_OK && next < seq)
        st = pl_drain(&sh, &next, out, 1, err);
    pthread_mutex_unlock(&sh.mu);
done:
    pthread_mutex_lock(&sh.mu);
    sh.closing = 1;
    if (st) /* drop queued work so workers finish promptly */
        for (uint32_t i = 0; sh.slots && i < sh.nslots; i++)
            if (sh.slots[i].state == PL_FILLED)
                sh.slots[i].state = PL_EMPTY;
    pthread_cond_broadcast(&sh.cv);
    pthread_mutex_unlock(&sh.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    if (stats)
        *stats = sh.stats;
    for (uint32_t i = 0; sh.slots && i < sh.nslots; i++) {
        dy_arena_free(&sh.slots[i].arena);
        dy_buf_free(&sh.slots[i].out);
    }
    free(sh.slots);
    free(th);
    pthread_mutex_destroy(&sh.mu);
    pthread_cond_destroy(&sh.cv);
    return st;
}
