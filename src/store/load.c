/* load.c — the loader both backends share: deduplication in memory, rows
 * written straight into the schema.
 *
 * A load keeps, for the rows it has seen, integer ids for strings (actor
 * codes, CAMEO codes, dates, patterns: few distinct values), a map from
 * event key (source, target, code, date) to event id, and the content keys
 * of the mentions of documents it created (docs/store.md: a mention of a new
 * document can only repeat one of the same load). Documents, events and
 * mentions that were stored before the load are found through the backend
 * (SQLite only; PostgreSQL uses this path only for an empty store). Ids are
 * assigned here, above the stored maxima, so every row is written once: no
 * staging table, no second pass. New events are written at the commit with
 * their mention counts, and the monthly summary (event_months) is updated
 * from the same counts.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/storeint.h"

/* ---------------------------------------------------------------- hashing */

static uint64_t ld_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static uint64_t ld_hash_u32s(const uint32_t *k, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < n; i++)
        h = ld_mix(h ^ k[i]) + i;
    return h;
}

/* Open addressing over dense record indexes. A slot holds the record's
 * index + 1 (low half, 0: empty) and the top 32 bits of its hash (high
 * half). The home slot is taken from the top bits of the hash, so:
 * a probe that meets another key is rejected without reading that record
 * (one record read per lookup), and growing the table moves the slots in
 * order from the old array without reading or rehashing any record. */
#define LD_TAG(h) ((h) & 0xffffffff00000000ull)
#define LD_IDX(slot) ((uint32_t)(slot) - 1)
#define LD_MAX_RECS ((size_t)1 << 31) /* slots (2x) fit the 32-bit tag */

static size_t ld_home(uint64_t h, size_t nslots)
{
    return (size_t)(h >> (64 - __builtin_ctzll((unsigned long long)nslots)));
}

static void ld_slot_place(uint64_t *slots, size_t nslots, uint64_t slot)
{
    size_t mask = nslots - 1, i = ld_home(slot, nslots);
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = slot;
}

/* Keep the table at most half full for `need` entries. */
static bool ld_slots_grow(uint64_t **slots, size_t *nslots, size_t need)
{
    if (need * 2 <= *nslots)
        return true;
    if (need > LD_MAX_RECS)
        return false;
    size_t n = *nslots ? *nslots * 2 : 1024;
    while (n < need * 2)
        n *= 2;
    uint64_t *fresh = calloc(n, sizeof *fresh);
    if (!fresh)
        return false;
    for (size_t i = 0; i < *nslots; i++)
        if ((*slots)[i])
            ld_slot_place(fresh, n, (*slots)[i]);
    free(*slots);
    *slots = fresh;
    *nslots = n;
    return true;
}

/* ---------------------------------------------------------------- interning */

bool dy_intern_init(dy_intern *t)
{
    memset(t, 0, sizeof *t);
    dy_arena_init(&t->arena, 64 * 1024);
    return true;
}

void dy_intern_free(dy_intern *t)
{
    dy_arena_free(&t->arena);
    free(t->str);
    free(t->len);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* The id of s (added if new), or UINT32_MAX when memory runs out. */
uint32_t dy_intern_id(dy_intern *t, const char *s, size_t n)
{
    uint64_t h = dy_hash(s, n);
    if (t->nslots) {
        size_t mask = t->nslots - 1;
        for (size_t i = ld_home(h, t->nslots); t->slots[i]; i = (i + 1) & mask) {
            uint64_t sl = t->slots[i];
            uint32_t id = LD_IDX(sl);
            if (LD_TAG(sl) == LD_TAG(h) && t->len[id] == n && !memcmp(t->str[id], s, n))
                return id;
        }
    }
    if (t->n >= LD_MAX_RECS || n > UINT32_MAX || !ld_slots_grow(&t->slots, &t->nslots, t->n + 1))
        return UINT32_MAX;
    if (t->n == t->cap) {
        size_t c1 = t->cap, c2 = t->cap;
        if (!dy_grow((void **)&t->str, &c1, t->n + 1, sizeof *t->str) ||
            !dy_grow((void **)&t->len, &c2, t->n + 1, sizeof *t->len))
            return UINT32_MAX;
        t->cap = c1 < c2 ? c1 : c2;
    }
    char *copy = dy_arena_strndup(&t->arena, s, n);
    if (!copy)
        return UINT32_MAX;
    uint32_t id = (uint32_t)t->n++;
    t->str[id] = copy;
    t->len[id] = (uint32_t)n;
    ld_slot_place(t->slots, t->nslots, LD_TAG(h) | ((uint64_t)id + 1));
    return id;
}

/* ---------------------------------------------------------------- record sets */

/* Records of rec_size bytes whose first key_size bytes are the key. */
static void ld_rset_init(dy_rset *r, size_t rec_size, size_t key_size)
{
    memset(r, 0, sizeof *r);
    r->rec_size = rec_size;
    r->key_size = key_size;
}

void dy_rset_free(dy_rset *r)
{
    free(r->recs);
    free(r->slots);
    r->recs = NULL;
    r->slots = NULL;
    r->n = r->cap = r->nslots = 0;
}

static uint64_t ld_rhash(const dy_rset *r, const void *key)
{
    return ld_hash_u32s(key, r->key_size / 4);
}

/* The record with rec's key, whose hash is h: found (*added = false) or a
 * copy of rec added (*added = true). NULL when memory runs out. */
static void *ld_rset_get_h(dy_rset *r, const void *rec, uint64_t h, bool *added)
{
    if (r->nslots) {
        size_t mask = r->nslots - 1;
        for (size_t i = ld_home(h, r->nslots); r->slots[i]; i = (i + 1) & mask) {
            uint64_t sl = r->slots[i];
            if (LD_TAG(sl) != LD_TAG(h))
                continue;
            char *p = r->recs + (size_t)LD_IDX(sl) * r->rec_size;
            if (!memcmp(p, rec, r->key_size)) {
                *added = false;
                return p;
            }
        }
    }
    if (r->n >= LD_MAX_RECS || !ld_slots_grow(&r->slots, &r->nslots, r->n + 1))
        return NULL;
    if (r->n == r->cap && !dy_grow((void **)&r->recs, &r->cap, r->n + 1, r->rec_size))
        return NULL;
    size_t idx = r->n++;
    char *p = r->recs + idx * r->rec_size;
    memcpy(p, rec, r->rec_size);
    ld_slot_place(r->slots, r->nslots, LD_TAG(h) | ((uint64_t)idx + 1));
    *added = true;
    return p;
}

static void *ld_rset_get(dy_rset *r, const void *rec, bool *added)
{
    return ld_rset_get_h(r, rec, ld_rhash(r, rec), added);
}

/* Start fetching the slot a lookup of hash h will read first. */
static void ld_rset_prefetch(const dy_rset *r, uint64_t h)
{
    if (r->nslots)
        __builtin_prefetch(&r->slots[ld_home(h, r->nslots)]);
}

/* ---------------------------------------------------------------- records */

typedef struct ld_doc {      /* per interned document name */
    int64_t id;
    bool fresh;              /* created by this load */
} ld_doc;

/* The documents in these two keys are docnames ids: the sets hold only
 * documents this load creates, one id each. */
typedef struct ld_mkey {     /* a mention's content key */
    uint32_t doc, sentence, source, target, code, pattern;
} ld_mkey;

typedef struct ld_skey {     /* a sentence of a new document */
    uint32_t doc, idx;
} ld_skey;

typedef struct ld_month {    /* a row of event_months being summed */
    uint32_t source, target, month, quad;
    int64_t events, mentions, gold_n, gold_mn;
    double gold_sum, gold_msum;
} ld_month;

/* ---------------------------------------------------------------- begin/end */

void dy_load_free(dy_load *l)
{
    if (!l)
        return;
    dy_intern_free(&l->strs);
    dy_intern_free(&l->docnames);
    free(l->docs);
    dy_rset_free(&l->events);
    dy_rset_free(&l->mentions);
    dy_rset_free(&l->sentences);
    free(l->event_ids);
    free(l->emitted);
    pthread_mutex_destroy(&l->keys_mu);
    free(l);
}

dy_load *dy_load_new(int64_t max_doc, int64_t max_event, int64_t max_mention, bool empty)
{
    dy_load *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    dy_intern_init(&l->strs);
    dy_intern_init(&l->docnames);
    ld_rset_init(&l->events, sizeof(dy_lev), 16);
    ld_rset_init(&l->mentions, sizeof(ld_mkey), sizeof(ld_mkey));
    ld_rset_init(&l->sentences, sizeof(ld_skey), sizeof(ld_skey));
    l->next_doc = max_doc + 1;
    l->first_event = l->next_event = max_event + 1;
    l->next_mention = max_mention + 1;
    l->empty = empty;
    l->last_doc = l->keys_doc = UINT32_MAX;
    if (pthread_mutex_init(&l->keys_mu, NULL)) {
        dy_intern_free(&l->strs);
        dy_intern_free(&l->docnames);
        free(l);
        return NULL;
    }
    return l;
}

/* Size the record sets for about n mentions at once: growing them by
 * doubling re-places every slot each time. Only a hint: on failure the
 * sets grow as they fill. */
static void ld_rset_reserve(dy_rset *r, size_t n)
{
    if (n <= r->cap || n > LD_MAX_RECS / 2 || !ld_slots_grow(&r->slots, &r->nslots, n))
        return;
    (void)dy_grow((void **)&r->recs, &r->cap, n, r->rec_size);
}

void dy_load_reserve(dy_load *l, size_t mentions)
{
    ld_rset_reserve(&l->mentions, mentions);
    ld_rset_reserve(&l->events, mentions);
    if (!l->sentences_kept)
        ld_rset_reserve(&l->sentences, mentions);
}

static int ld_oom(dyad_error *err)
{
    return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
}

/* Mark string id as written (actors, codes): true the first time. */
static bool ld_first(dy_load *l, uint32_t id, bool *oom)
{
    if (id >= l->nemitted) {
        size_t n = l->nemitted;
        if (!dy_grow((void **)&l->emitted, &n, (size_t)id + 1, 1)) {
            *oom = true;
            return false;
        }
        memset(l->emitted + l->nemitted, 0, n - l->nemitted);
        l->nemitted = n;
    }
    if (l->emitted[id])
        return false;
    l->emitted[id] = 1;
    return true;
}

/* ---------------------------------------------------------------- one mention */

#define LD_CALL(s, fn, ...) ((s)->sink->fn(s, __VA_ARGS__))

/* Intern a mention's strings. The JSON-lines load calls this on its
 * reader thread, ahead of dy_load_add on the main thread; the lock covers
 * the lines the main thread parses itself (jansson) and the API path. */
bool dy_load_keys(dy_load *l, const dy_mention *m, dy_lkeys *k)
{
    const dyad_event *e = m->ev;
    const char *str[7] = {e->source, e->target, e->code, e->date, e->pattern, m->root, e->plover};
    uint32_t *id[7] = {&k->source, &k->target, &k->code, &k->date, &k->pattern, &k->root,
                       &k->plover};
    pthread_mutex_lock(&l->keys_mu);
    /* the last document again (the usual case), or look it up */
    uint32_t dn = l->keys_doc;
    if (dn == UINT32_MAX || strcmp(l->docnames.str[dn], e->doc) != 0)
        dn = l->keys_doc = dy_intern_id(&l->docnames, e->doc, strlen(e->doc));
    k->doc = dn;
    bool ok = dn != UINT32_MAX;
    for (int i = 0; i < 7 && ok; i++)
        ok = (*id[i] = dy_intern_id(&l->strs, str[i], strlen(str[i]))) != UINT32_MAX;
    pthread_mutex_unlock(&l->keys_mu);
    if (!ok)
        return false;
    /* the sets' hashes too, as dy_load_add will look the keys up: this
     * runs ahead on the reader thread */
    ld_mkey mk = {k->doc, e->sentence, k->source, k->target, k->code, k->pattern};
    dy_lev ek = {.source = k->source, .target = k->target, .code = k->code, .date = k->date};
    k->hm = ld_rhash(&l->mentions, &mk);
    k->he = ld_rhash(&l->events, &ek);
    return true;
}

void dy_load_prefetch(const dy_load *l, const dy_lkeys *k)
{
    ld_rset_prefetch(&l->mentions, k->hm);
    ld_rset_prefetch(&l->events, k->he);
}

int dy_load_add(dyad_store *s, const dy_mention *m, const dy_lkeys *keys, dyad_error *err)
{
    dy_load *l = s->load;
    const dyad_event *e = m->ev;
    int rc;
    dy_lkeys own;
    if (!keys) {
        if (!dy_load_keys(l, m, &own))
            return ld_oom(err);
        keys = &own;
    }
    /* the document: resolved the first time its id comes by (ids can come
     * out of order when lines were interned on two threads) */
    uint32_t dn = keys->doc;
    if (dn != l->last_doc) {
        if (dn >= l->ndocs) {
            size_t cap = l->docs_cap;
            if (!dy_grow((void **)&l->docs, &cap, (size_t)dn + 1, sizeof *l->docs))
                return ld_oom(err);
            l->docs_cap = cap;
            memset(l->docs + l->ndocs, 0, ((size_t)dn + 1 - l->ndocs) * sizeof *l->docs);
            l->ndocs = (size_t)dn + 1;
        }
        if (!l->docs[dn].id) {
            int64_t id = 0;
            if (!l->empty && (rc = LD_CALL(s, doc_find, e->doc, &id, err)))
                return rc;
            if (id) {
                l->docs[dn].id = id;
            } else {
                l->docs[dn] = (ld_doc){l->next_doc++, true};
                /* the document's own date, not an event's date from its text */
                const char *dd = e->doc_date && e->doc_date[0] ? e->doc_date : e->date;
                if ((rc = LD_CALL(s, doc_put, l->docs[dn].id, e->doc, dd, err)))
                    return rc;
            }
        }
        l->last_doc = dn;
    }
    const ld_doc *doc = &l->docs[dn];
    uint32_t src = keys->source, tgt = keys->target, code = keys->code, date = keys->date,
             pat = keys->pattern;
    bool added;

    /* the sentence's text: first seen wins, as for a stored sentence */
    if (!(l->last_sent_ok && l->last_sent_doc == doc->id && l->last_sent == e->sentence)) {
        bool put = true;
        if (doc->fresh && !l->sentences_kept) {
            ld_skey k = {dn, e->sentence};
            if (!ld_rset_get(&l->sentences, &k, &added))
                return ld_oom(err);
            put = added;
        }
        if (put && (rc = LD_CALL(s, sentence_put, doc->id, e->sentence, e->sentence_text, err)))
            return rc;
        l->last_sent_ok = true;
        l->last_sent_doc = doc->id;
        l->last_sent = e->sentence;
    }

    /* a mention of a new document can only repeat one of this load */
    if (doc->fresh) {
        ld_mkey k = {dn, e->sentence, src, tgt, code, pat};
        if (!ld_rset_get_h(&l->mentions, &k, keys->hm, &added))
            return ld_oom(err);
        if (!added)
            return DYAD_OK; /* duplicate */
    }

    /* the event */
    dy_lev key = {.source = src, .target = tgt, .code = code, .date = date};
    dy_lev *ev = ld_rset_get_h(&l->events, &key, keys->he, &added);
    if (!ev)
        return ld_oom(err);
    if (added) {
        int64_t id = 0;
        if (!l->empty && (rc = LD_CALL(s, event_find, e->source, e->target, e->code, e->date,
                                       &id, &ev->quad, &ev->goldstein, err)))
            return rc;
        if (id) {
            ev->id = id;
            ev->old = 1;
        } else {
            ev->id = l->next_event++;
        }
    }
    dy_mrow row = {l->next_mention, ev->id, doc->id, m};
    bool inserted = true;
    if ((rc = LD_CALL(s, mention_put, &row, &inserted, err)))
        return rc;
    if (!inserted)
        return DYAD_OK; /* a duplicate of a stored mention */
    l->next_mention++;
    l->loaded++;
    if (!ev->old && !ev->count) {
        /* a new event takes its attributes from its first stored mention */
        ev->quad = (uint8_t)e->quad;
        ev->goldstein = e->goldstein;
        ev->root = keys->root;
        ev->plover = keys->plover;
        ev->dayn = m->has_day ? (int32_t)m->dayn : INT32_MIN;
    }
    ev->count++;

    /* actors and codes: the first line that brings one describes it */
    bool oom = false;
    if (ld_first(l, src, &oom) && (rc = LD_CALL(s, actor_put, e->source, err)))
        return rc;
    if (*e->target && ld_first(l, tgt, &oom) && (rc = LD_CALL(s, actor_put, e->target, err)))
        return rc;
    if (ld_first(l, code, &oom) && (rc = LD_CALL(s, code_put, m, err)))
        return rc;
    return oom ? ld_oom(err) : DYAD_OK;
}

/* ---------------------------------------------------------------- commit */

/* Byte order of interned strings, as ranks: rows sorted by their keys'
 * ranks go into a b-tree in key order (appends, not random inserts). */
typedef struct ld_sstr {
    const char *s;
    uint32_t id;
} ld_sstr;

static int ld_cmp_str(const void *a, const void *b)
{
    return strcmp(((const ld_sstr *)a)->s, ((const ld_sstr *)b)->s);
}

static uint32_t *ld_ranks(const dy_intern *t)
{
    ld_sstr *v = malloc((t->n ? t->n : 1) * sizeof *v);
    uint32_t *rank = malloc((t->n ? t->n : 1) * sizeof *rank);
    if (!v || !rank) {
        free(v);
        free(rank);
        return NULL;
    }
    for (uint32_t i = 0; i < t->n; i++)
        v[i] = (ld_sstr){t->str[i], i};
    qsort(v, t->n, sizeof *v, ld_cmp_str);
    for (uint32_t i = 0; i < t->n; i++)
        rank[v[i].id] = i;
    free(v);
    return rank;
}

/* A month row's key as ranks, and the row's index. */
typedef struct ld_order {
    uint32_t k[4], idx;
} ld_order;

static int ld_cmp_order(const void *a, const void *b)
{
    const ld_order *x = a, *y = b;
    for (int i = 0; i < 4; i++)
        if (x->k[i] != y->k[i])
            return x->k[i] < y->k[i] ? -1 : 1;
    return 0;
}

/* The final id of the new event that was given `provisional`. */
int64_t dy_load_event_id(const dy_load *l, int64_t provisional)
{
    return l->event_ids ? l->event_ids[provisional - l->first_event] : provisional;
}

/* The monthly summary of the events this load touched, summed and put in
 * key order on a second thread while the main thread writes the events:
 * it reads only the events' keys and counts, which the writing does not
 * change, and interns nothing (the months are interned before). */
typedef struct ld_months_job {
    const dy_load *l;
    const uint32_t *month_of;  /* per strs id of a date: its month's id */
    const uint32_t *rank;
    dy_rset months;
    ld_order *ord;
    bool oom;
} ld_months_job;

static void *ld_months_sum(void *arg)
{
    ld_months_job *j = arg;
    const dy_load *l = j->l;
    for (size_t i = 0; i < l->events.n; i++) {
        const dy_lev *ev = (const dy_lev *)(l->events.recs + i * l->events.rec_size);
        if (!ev->count)
            continue;
        ld_month k = {ev->source, ev->target, j->month_of[ev->date], ev->quad, 0, 0, 0, 0, 0, 0};
        bool added;
        ld_month *mo = ld_rset_get(&j->months, &k, &added);
        if (!mo) {
            j->oom = true;
            return NULL;
        }
        bool g = !isnan(ev->goldstein);
        if (!ev->old) {
            mo->events++;
            if (g)
                mo->gold_sum += ev->goldstein, mo->gold_n++;
        }
        mo->mentions += ev->count;
        if (g)
            mo->gold_msum += ev->goldstein * ev->count, mo->gold_mn += ev->count;
    }
    size_t n = j->months.n;
    if (!(j->ord = malloc((n ? n : 1) * sizeof *j->ord))) {
        j->oom = true;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const ld_month *mo = (const ld_month *)(j->months.recs + i * j->months.rec_size);
        j->ord[i] = (ld_order){{j->rank[mo->source], j->rank[mo->target], j->rank[mo->month],
                                mo->quad}, (uint32_t)i};
    }
    qsort(j->ord, n, sizeof *j->ord, ld_cmp_order);
    return NULL;
}

/* Write the new events and the mention counts of stored ones, then add
 * everything to event_months. */
int dy_load_finish(dyad_store *s, dyad_error *err)
{
    dy_load *l = s->load;
    int rc = DYAD_OK;
    ld_months_job job = {l, NULL, NULL, {0}, NULL, false};
    ld_rset_init(&job.months, sizeof(ld_month), 16);
    pthread_t th;
    bool threaded = false;
    size_t nev = l->events.n;
    size_t ids = (size_t)(l->next_event - l->first_event);
    dy_lev **order = calloc(ids ? ids : 1, sizeof *order);
    uint32_t *rank = NULL, *month_of = NULL;
    ld_order *ord = NULL;
    if (!order) {
        rc = ld_oom(err);
        goto done;
    }
    /* the months, interned now (from the dates the events use) so that
     * one ranking orders events and months, and the summing thread only
     * reads the strings */
    size_t nstr = l->strs.n ? l->strs.n : 1;
    if (!(month_of = malloc(nstr * sizeof *month_of))) {
        rc = ld_oom(err);
        goto done;
    }
    memset(month_of, 0xff, nstr * sizeof *month_of);
    for (size_t i = 0; i < nev; i++) {
        const dy_lev *ev = (const dy_lev *)(l->events.recs + i * l->events.rec_size);
        if (!ev->count || month_of[ev->date] != UINT32_MAX)
            continue;
        const char *d = l->strs.str[ev->date];
        if ((month_of[ev->date] = dy_intern_id(&l->strs, d, strlen(d) >= 7 ? 7 : 0)) ==
            UINT32_MAX) {
            rc = ld_oom(err);
            goto done;
        }
    }
    if (!(rank = ld_ranks(&l->strs))) {
        rc = ld_oom(err);
        goto done;
    }
    job.month_of = month_of;
    job.rank = rank;
    threaded = pthread_create(&th, NULL, ld_months_sum, &job) == 0;
    /* new events in id order (appends to a rowid table), or in key order
     * when the backend asks (PostgreSQL: the heap is then in the order of
     * events_key, whose build finds its input sorted) */
    for (size_t i = 0; i < nev; i++) {
        dy_lev *ev = (dy_lev *)(l->events.recs + i * l->events.rec_size);
        if (!ev->old)
            order[ev->id - l->first_event] = ev;
    }
    if (l->events_by_key) {
        if (!(ord = malloc((ids ? ids : 1) * sizeof *ord))) {
            rc = ld_oom(err);
            goto done;
        }
        for (size_t i = 0; i < ids; i++) {
            const dy_lev *ev = order[i];
            ord[i] = ev ? (ld_order){{rank[ev->source], rank[ev->target], rank[ev->code],
                                      rank[ev->date]}, (uint32_t)i}
                        : (ld_order){{0, 0, 0, 0}, (uint32_t)i};
        }
        qsort(ord, ids, sizeof *ord, ld_cmp_order);
    }
    if (l->renumber && !(l->event_ids = calloc(ids ? ids : 1, sizeof *l->event_ids))) {
        rc = ld_oom(err);
        goto done;
    }
    int64_t next = l->first_event;
    for (size_t j = 0; j < ids && !rc; j++) {
        size_t i = ord ? ord[j].idx : j;
        /* key order visits the events at random: fetch ahead, the pointer
         * then the record (two cache misses an event otherwise) */
        if (ord && j + 16 < ids)
            __builtin_prefetch(&order[ord[j + 16].idx]);
        if (ord && j + 8 < ids && order[ord[j + 8].idx])
            __builtin_prefetch(order[ord[j + 8].idx]);
        dy_lev *ev = order[i];
        if (!ev || !ev->count)
            continue; /* its only mentions were duplicates */
        if (l->renumber) {
            l->event_ids[i] = next;
            ev->id = next++;
        }
        char week[11] = "";
        if (ev->dayn != INT32_MIN)
            dy_store_week_format(ev->dayn, week);
        dy_erow r = {ev->id, l->strs.str[ev->date], ev->dayn, week, l->strs.str[ev->source],
                     l->strs.str[ev->target], l->strs.str[ev->code], l->strs.str[ev->root],
                     ev->quad, ev->goldstein, l->strs.str[ev->plover], ev->count};
        rc = LD_CALL(s, event_put, &r, err);
        l->created++;
    }
    for (size_t i = 0; i < nev && !rc; i++) {
        dy_lev *ev = (dy_lev *)(l->events.recs + i * l->events.rec_size);
        if (ev->old && ev->count)
            rc = LD_CALL(s, event_more, ev->id, ev->count, err);
    }
    /* the monthly summary */
    if (threaded)
        pthread_join(th, NULL);
    else
        ld_months_sum(&job);
    threaded = false;
    if (!rc && job.oom)
        rc = ld_oom(err);
    for (size_t i = 0; i < job.months.n && !rc; i++) {
        if (i + 8 < job.months.n)
            __builtin_prefetch(job.months.recs + job.ord[i + 8].idx * job.months.rec_size);
        const ld_month *mo =
            (const ld_month *)(job.months.recs + job.ord[i].idx * job.months.rec_size);
        dy_monthrow r = {l->strs.str[mo->source], l->strs.str[mo->target], l->strs.str[mo->month],
                         (int)mo->quad, mo->events, mo->mentions, mo->gold_sum, mo->gold_n,
                         mo->gold_msum, mo->gold_mn};
        rc = LD_CALL(s, month_put, &r, err);
    }
done:
    if (threaded)
        pthread_join(th, NULL);
    free(rank);
    free(month_of);
    free(ord);
    free(job.ord);
    dy_rset_free(&job.months);
    free(order);
    return rc;
}
