/* The dictionary model: lexicon, phrase dictionaries and their index, the
 * lookups the matcher uses, and the set's lifetime (new, finish, free). */
#include <stdio.h>
#include <stdlib.h>

#include "dict/dictint.h"

/* ------------------------------------------------------------ lexicon */

/* Unaligned little loads: the compiler turns each into one move. */
static inline uint64_t lx_load64(const char *s)
{
    uint64_t k;
    memcpy(&k, s, 8);
    return k;
}

static inline uint32_t lx_load32(const char *s)
{
    uint32_t k;
    memcpy(&k, s, 4);
    return k;
}

/* The last 1..8 bytes of a word as one integer, without a variable-length
 * memcpy (a library call): overlapping fixed-size loads. n >= 1. */
static inline uint64_t lx_tail(const char *s, size_t n)
{
    if (n >= 4)
        return lx_load32(s) | (uint64_t)lx_load32(s + n - 4) << 32;
    return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
           (uint64_t)(unsigned char)s[n - 1] << 16;
}

/* Every token of every sentence is hashed once (dy_sentence_bind), and most
 * words are short: eight bytes a step, and one step for the tail. */
static uint32_t lx_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t len = n;
    while (n > 8) {
        h = (h ^ lx_load64(s)) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t k = n == 8 ? lx_load64(s) : n ? lx_tail(s, n) : 0;
    h = (h ^ k ^ len) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return (uint32_t)h;
}

/* Equality of two n-byte words; the same loads as the hash. */
static inline bool lx_eq(const char *a, const char *b, size_t n)
{
    while (n > 8) {
        if (lx_load64(a) != lx_load64(b))
            return false;
        a += 8;
        b += 8;
        n -= 8;
    }
    if (n == 8)
        return lx_load64(a) == lx_load64(b);
    return !n || lx_tail(a, n) == lx_tail(b, n);
}

uint32_t dy_lex_find(const dy_lex *lx, const char *s, size_t n)
{
    if (!lx->nslots)
        return 0;
    uint32_t mask = lx->nslots - 1;
    uint32_t h = lx_hash(s, n);
    /* a slot holds {id, hash}: a probe rejects a word without touching it */
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t e = lx->slots[i];
        uint32_t id = (uint32_t)e;
        if (!id)
            return 0;
        if ((uint32_t)(e >> 32) == h && lx->lens[id] == n && lx_eq(lx->words[id], s, n))
            return id;
    }
}

static bool lx_rehash(dy_lex *lx, uint32_t nslots)
{
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    uint32_t mask = nslots - 1;
    for (uint32_t id = 1; id < lx->n; id++) {
        uint32_t i = lx->hashes[id] & mask;
        while (slots[i])
            i = (i + 1) & mask;
        slots[i] = id | (uint64_t)lx->hashes[id] << 32;
    }
    free(lx->slots);
    lx->slots = slots;
    lx->nslots = nslots;
    return true;
}

uint32_t dy_lex_intern(dy_lex *lx, dy_arena *a, const char *s, size_t n)
{
    uint32_t id = dy_lex_find(lx, s, n);
    if (id)
        return id;
    if (n > UINT32_MAX / 2 || lx->n >= UINT32_MAX / 4)
        return 0;
    if (lx->n == 0) { /* id 0 is "not a word" */
        lx->words = malloc(64 * sizeof *lx->words);
        lx->lens = malloc(64 * sizeof *lx->lens);
        lx->hashes = malloc(64 * sizeof *lx->hashes);
        if (!lx->words || !lx->lens || !lx->hashes) {
            free(lx->words);
            free(lx->lens);
            free(lx->hashes);
            lx->words = NULL;
            lx->lens = lx->hashes = NULL;
            return 0;
        }
        lx->cap = 64;
        lx->n = 1;
        lx->words[0] = "";
        lx->lens[0] = 0;
        lx->hashes[0] = 0;
    }
    if ((size_t)(lx->n + 1) * 2 > lx->nslots && !lx_rehash(lx, lx->nslots ? lx->nslots * 2 : 256))
        return 0;
    if (lx->n == lx->cap) {
        size_t cap = lx->cap, cap2 = lx->cap, cap3 = lx->cap;
        if (!dy_grow((void **)&lx->words, &cap, (size_t)lx->n + 1, sizeof *lx->words) ||
            !dy_grow((void **)&lx->lens, &cap2, (size_t)lx->n + 1, sizeof *lx->lens) ||
            !dy_grow((void **)&lx->hashes, &cap3, (size_t)lx->n + 1, sizeof *lx->hashes))
            return 0;
        cap = cap < cap2 ? cap : cap2;
        lx->cap = (uint32_t)(cap < cap3 ? cap : cap3);
    }
    char *w = dy_arena_strndup(a, s, n);
    if (!w)
        return 0;
    id = lx->n++;
    uint32_t h = lx_hash(s, n);
    lx->words[id] = w;
    lx->lens[id] = (uint32_t)n;
    lx->hashes[id] = h;
    uint32_t mask = lx->nslots - 1;
    uint32_t i = h & mask;
    while (lx->slots[i])
        i = (i + 1) & mask;
    lx->slots[i] = id | (uint64_t)h << 32;
    return id;
}

static void lx_free(dy_lex *lx)
{
    free(lx->words);
    free(lx->lens);
    free(lx->hashes);
    free(lx->slots);
    memset(lx, 0, sizeof *lx);
}

/* ------------------------------------------------------------ phrases */

static bool ph_grow(void **p, uint32_t *cap, size_t need, size_t elem)
{
    size_t c = *cap;
    if (need > UINT32_MAX || !dy_grow(p, &c, need, elem))
        return false;
    *cap = c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
    return true;
}

int dy_phrases_add(dy_phrases *ph, const uint32_t *words, const uint8_t *gaps, uint16_t n,
                   uint16_t flags, uint32_t value, uint32_t line, uint16_t file)
{
    size_t need;
    if (!n || !dy_add_ok(ph->nwords, n, &need) || need > UINT32_MAX)
        return -1;
    if (need > ph->capwords) {
        uint32_t c1 = ph->capwords, c2 = ph->capwords;
        if (!ph_grow((void **)&ph->words, &c1, need, sizeof *ph->words) ||
            !ph_grow((void **)&ph->gaps, &c2, need, sizeof *ph->gaps))
            return -1;
        ph->capwords = c1 < c2 ? c1 : c2;
    }
    if (ph->n == ph->cap && !ph_grow((void **)&ph->items, &ph->cap, (size_t)ph->n + 1, sizeof *ph->items))
        return -1;
    dy_phrase *it = &ph->items[ph->n++];
    it->first_word = ph->nwords;
    it->nwords = n;
    it->flags = flags;
    it->value = value;
    it->line = line;
    it->file = file;
    memcpy(ph->words + ph->nwords, words, n * sizeof *words);
    for (uint16_t i = 0; i < n; i++)
        ph->gaps[ph->nwords + i] = gaps ? gaps[i] : 0;
    ph->nwords = (uint32_t)need;
    if (flags & DY_PH_GAP)
        ph->has_gaps = 1;
    return 0;
}

void dy_phrases_free(dy_phrases *ph)
{
    free(ph->items);
    free(ph->words);
    free(ph->gaps);
    free(ph->by_first);
    free(ph->order);
    free(ph->stems);
    free(ph->trie);
    free(ph->first_bits);
    memset(ph, 0, sizeof *ph);
}

/* qsort has no context argument: the items travel with each key. */
typedef struct ph_key {
    uint32_t word, nwords, idx;
} ph_key;

static int ph_key_cmp(const void *a, const void *b)
{
    const ph_key *x = a, *y = b;
    if (x->word != y->word)
        return x->word < y->word ? -1 : 1;
    if (x->nwords != y->nwords)
        return x->nwords > y->nwords ? -1 : 1; /* longest first */
    return x->idx < y->idx ? -1 : x->idx > y->idx; /* then file order */
}

static int ph_is_stem_only(const dy_phrase *it)
{
    return (it->flags & DY_PH_STEM) && it->nwords == 1;
}

/* The trie slot of the edge {node, word}: its own slot when present, else the
 * empty slot where it would go. The table is never more than half full. */
static inline uint32_t ph_trie_slot(const dy_phrases *ph, uint32_t node, uint32_t word)
{
    uint32_t mask = ph->ntrie - 1;
    uint64_t key = ((uint64_t)node << 32) | word;
    uint32_t s = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> ph->trie_shift);
    for (;; s = (s + 1) & mask) {
        const uint32_t *e = ph->trie + 3 * (size_t)s;
        if (!e[1] || (e[1] == word && e[0] == node))
            return s;
    }
}

/* Build the trie of the plain phrases. Sized once from their word count (an
 * upper bound on the edges), so node ids (slot + 1) never move. */
static int ph_build_trie(dy_phrases *ph)
{
    size_t edges = 0;
    for (uint32_t i = 0; i < ph->n; i++)
        if (!ph->items[i].flags)
            edges += ph->items[i].nwords;
    if (!edges)
        return 0;
    uint32_t bits = 4;
    while (bits < 31 && ((size_t)1 << bits) < edges * 2)
        bits++;
    if (((size_t)1 << bits) < edges * 2)
        return -1;
    ph->ntrie = (uint32_t)1 << bits;
    ph->trie_shift = 64 - bits;
    ph->trie = calloc((size_t)ph->ntrie * 3, sizeof *ph->trie);
    if (!ph->trie) {
        ph->ntrie = 0;
        return -1;
    }
    for (uint32_t i = 0; i < ph->n; i++) { /* file order: the first phrase to end at a node is its best */
        const dy_phrase *it = &ph->items[i];
        if (it->flags)
            continue;
        uint32_t node = 0, k = 0;
        for (; k < it->nwords; k++) {
            uint32_t w = ph->words[it->first_word + k];
            if (!w)
                break; /* word 0 matches no token: the phrase can never match */
            uint32_t s = ph_trie_slot(ph, node, w);
            uint32_t *e = ph->trie + 3 * (size_t)s;
            if (!e[1]) {
                e[0] = node;
                e[1] = w;
            }
            node = s + 1;
        }
        if (k == it->nwords && !ph->trie[3 * (size_t)(node - 1) + 2])
            ph->trie[3 * (size_t)(node - 1) + 2] = i + 1;
    }
    return 0;
}

/* The first-word filter: about 8 bits per phrase (a set's first words are
 * fewer than its phrases), at most 2^20 bits. */
static int ph_build_first_bits(dy_phrases *ph)
{
    uint32_t nbits = 64;
    while (nbits < (1u << 20) && nbits < (size_t)ph->n * 8)
        nbits *= 2;
    ph->first_bits = calloc(nbits / 64, sizeof *ph->first_bits);
    if (!ph->first_bits)
        return -1;
    ph->first_mask = nbits - 1;
    for (uint32_t i = 0; i < ph->n; i++) {
        uint32_t b = ph->words[ph->items[i].first_word] & ph->first_mask;
        ph->first_bits[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    return 0;
}

int dy_phrases_index(dy_phrases *ph)
{
    free(ph->by_first);
    free(ph->order);
    free(ph->stems);
    free(ph->trie);
    free(ph->first_bits);
    ph->by_first = ph->order = ph->stems = ph->trie = NULL;
    ph->first_bits = NULL;
    ph->nby_first = ph->nstems = ph->nflagged = ph->ntrie = ph->first_mask = 0;
    if (!ph->n)
        return 0;
    if (ph_build_trie(ph) || ph_build_first_bits(ph))
        return -1;
    uint32_t nflag = 0, nst = 0;
    for (uint32_t i = 0; i < ph->n; i++) {
        nflag += ph->items[i].flags != 0;
        nst += ph_is_stem_only(&ph->items[i]);
    }
    if (!nflag)
        return 0;
    ph_key *keys = malloc((size_t)nflag * sizeof *keys);
    ph->order = malloc((size_t)nflag * sizeof *ph->order);
    if (!keys || !ph->order) {
        free(keys);
        return -1;
    }
    for (uint32_t i = 0, j = 0; i < ph->n; i++)
        if (ph->items[i].flags)
            keys[j++] = (ph_key){ph->words[ph->items[i].first_word], ph->items[i].nwords, i};
    qsort(keys, nflag, sizeof *keys, ph_key_cmp);
    uint32_t groups = 0;
    for (uint32_t i = 0; i < nflag; i++) {
        ph->order[i] = keys[i].idx;
        groups += i == 0 || keys[i].word != keys[i - 1].word;
    }
    ph->nflagged = nflag;
    uint32_t nslots = 16;
    while (nslots < groups * 2u)
        nslots *= 2;
    ph->by_first = calloc((size_t)nslots * 3, sizeof *ph->by_first);
    if (!ph->by_first) {
        free(keys);
        return -1;
    }
    ph->nby_first = nslots;
    for (uint32_t i = 0; i < nflag;) {
        uint32_t j = i;
        while (j < nflag && keys[j].word == keys[i].word)
            j++;
        uint32_t s = (uint32_t)dy_hash(&keys[i].word, sizeof keys[i].word) & (nslots - 1);
        while (ph->by_first[3 * s])
            s = (s + 1) & (nslots - 1);
        ph->by_first[3 * s] = keys[i].word;
        ph->by_first[3 * s + 1] = i;
        ph->by_first[3 * s + 2] = j - i;
        i = j;
    }
    if (nst) {
        ph->stems = malloc((size_t)nst * sizeof *ph->stems);
        if (!ph->stems) {
            free(keys);
            return -1;
        }
        /* keys are sorted by first word, so the stems come out sorted by word id */
        for (uint32_t i = 0; i < nflag; i++)
            if (ph_is_stem_only(&ph->items[keys[i].idx]))
                ph->stems[ph->nstems++] = keys[i].idx;
    }
    free(keys);
    return 0;
}

static int ph_word_at(const dy_phrases *ph, const dy_lex *lx, const dy_phrase *it, uint32_t k,
                      const dy_tok *t)
{
    uint32_t id = ph->words[it->first_word + k];
    if (t->word == id && id)
        return 1;
    if ((it->flags & DY_PH_STEM) && k + 1 == it->nwords && t->up && id < lx->n) {
        uint32_t n = lx->lens[id];
        return t->nup >= n && !memcmp(t->up, lx->words[id], n);
    }
    return 0;
}

/* Match phrase `it` at token `at`; returns the end token (exclusive) or 0. */
static uint32_t ph_try(const dy_phrases *ph, const dy_lex *lx, const dy_phrase *it,
                       const dy_tok *toks, uint32_t ntok, uint32_t at)
{
    uint32_t pos = at;
    for (uint32_t k = 0; k < it->nwords; k++) {
        if (k > 0 && (it->flags & DY_PH_GAP) && ph->gaps[it->first_word + k]) {
            uint32_t lim = pos + DY_PH_MAX_GAP + 1;
            uint32_t q = pos;
            while (q < ntok && q < lim && !ph_word_at(ph, lx, it, k, &toks[q])) {
                if (toks[q].nup == 1 && strchr(",;:.", toks[q].up[0]))
                    return 0; /* a gap never spans a clause break */
                q++;
            }
            if (q >= ntok || q >= lim)
                return 0;
            pos = q + 1;
            continue;
        }
        if (pos >= ntok || !ph_word_at(ph, lx, it, k, &toks[pos]))
            return 0;
        pos++;
    }
    return pos;
}

static const uint32_t *ph_group(const dy_phrases *ph, uint32_t word, uint32_t *count)
{
    *count = 0;
    if (!ph->nby_first || !word)
        return NULL;
    uint32_t mask = ph->nby_first - 1;
    for (uint32_t s = (uint32_t)dy_hash(&word, sizeof word) & mask;; s = (s + 1) & mask) {
        uint32_t w = ph->by_first[3 * s];
        if (!w)
            return NULL;
        if (w == word) {
            *count = ph->by_first[3 * s + 2];
            return ph->order + ph->by_first[3 * s + 1];
        }
    }
}

int dy_phrases_match_at(const dy_phrases *ph, const dy_lex *lx, const dy_tok *toks, uint32_t ntok,
                        uint32_t at, dy_match *m)
{
    if (!ph || at >= ntok || !ph->n)
        return 0;
    uint32_t best = UINT32_MAX, best_end = 0;
    /* plain phrases: walk the trie as far as the tokens go; the deepest node
     * that ends a phrase is the longest match, its best the first in file order */
    if (ph->ntrie) {
        uint32_t node = 0;
        for (uint32_t pos = at; pos < ntok && toks[pos].word; pos++) {
            uint32_t s = ph_trie_slot(ph, node, toks[pos].word);
            const uint32_t *e = ph->trie + 3 * (size_t)s;
            if (!e[1])
                break;
            node = s + 1;
            if (e[2]) {
                best = e[2] - 1;
                best_end = pos + 1;
            }
        }
    }
    uint32_t cnt;
    const uint32_t *g = ph_group(ph, toks[at].word, &cnt);
    for (uint32_t k = 0; k < cnt; k++) {
        const dy_phrase *it = &ph->items[g[k]];
        uint32_t end = ph_try(ph, lx, it, toks, ntok, at);
        if (!end)
            continue;
        if (end > best_end || (end == best_end && g[k] < best)) {
            best = g[k];
            best_end = end;
        }
        if (!ph->has_gaps)
            break; /* longest first, file order on ties: the first hit is the best flagged one */
    }
    /* TABARI stems: a one-word phrase whose word is a proper prefix of the token */
    const dy_tok *t = &toks[at];
    if (ph->nstems && t->up && best_end <= at + 1) {
        for (uint32_t len = 1; len < t->nup; len++) {
            uint32_t id = dy_lex_find(lx, t->up, len);
            if (!id)
                continue;
            uint32_t lo = 0, hi = ph->nstems;
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (ph->words[ph->items[ph->stems[mid]].first_word] < id)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < ph->nstems && ph->words[ph->items[ph->stems[lo]].first_word] == id; lo++) {
                uint32_t i = ph->stems[lo];
                if (at + 1 > best_end || (at + 1 == best_end && i < best)) {
                    best = i;
                    best_end = at + 1;
                }
            }
        }
    }
    if (best == UINT32_MAX)
        return 0;
    m->phrase = best;
    m->value = ph->items[best].value;
    m->t0 = at;
    m->t1 = best_end;
    return 1;
}

int dy_synset_match(const struct dyad_dict *d, uint32_t s, const dy_tok *toks, uint32_t ntok,
                    uint32_t at, dy_match *m)
{
    if (s >= d->nsynsets)
        return 0;
    return dy_phrases_match(&d->synsets[s].phrases, &d->lex, toks, ntok, at, m);
}

/* ------------------------------------------------------------ lookups */

uint32_t dy_dict_forms_for(const struct dyad_dict *d, uint32_t word, const uint32_t **list)
{
    *list = NULL;
    if (!d->nfidx_slots || !word)
        return 0;
    uint32_t mask = d->nfidx_slots - 1;
    for (uint32_t s = (uint32_t)dy_hash(&word, sizeof word) & mask;; s = (s + 1) & mask) {
        uint32_t w = d->fidx_slots[3 * s];
        if (!w)
            return 0;
        if (w == word) {
            *list = d->fidx_list + d->fidx_slots[3 * s + 1];
            return d->fidx_slots[3 * s + 2];
        }
    }
}

const char *dy_actor_code_on(const struct dyad_dict *d, const dy_actor *a, uint32_t date)
{
    const char *code = a->default_code;
    if (date == 0) {
        if (!code) /* no default: the last-listed restriction */
            for (uint32_t i = a->ncode; i-- > 0;) {
                const dy_actor_code *c = &d->actor_codes[a->first_code + i];
                if (c->from != 0 || c->to != 99999999u) {
                    code = c->code;
                    break;
                }
            }
    } else {
        for (uint32_t i = 0; i < a->ncode; i++) {
            const dy_actor_code *c = &d->actor_codes[a->first_code + i];
            if ((c->from != 0 || c->to != 99999999u) && date >= c->from && date <= c->to) {
                code = c->code;
                break;
            }
        }
    }
    if (!code || !strcmp(code, "---"))
        return NULL;
    return code;
}

void dy_sentence_bind(const struct dyad_dict *d, dy_sentence *s)
{
    for (uint32_t i = 0; i < s->ntok; i++) {
        dy_tok *t = &s->toks[i];
        t->word = t->up ? dy_lex_find(&d->lex, t->up, t->nup) : 0;
    }
}

static const char *md_base(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

void dy_dict_where(const struct dyad_dict *d, uint16_t file, uint32_t line, char *out, size_t cap)
{
    if (!out || !cap)
        return;
    const char *name = file < d->nfiles ? md_base(d->files[file]) : "?";
    snprintf(out, cap, "%s:%u", name, (unsigned)line);
}

/* ------------------------------------------------------------ lifetime */

struct dyad_dict *dy_dict_new(void)
{
    struct dyad_dict *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->build = calloc(1, sizeof *d->build);
    if (!d->build) {
        free(d);
        return NULL;
    }
    dy_arena_init(&d->arena, 256 * 1024);
    return d;
}

static void md_free_build(struct dyad_dict *d)
{
    if (!d->build)
        return;
    lx_free(&d->build->codes);
    for (size_t i = 0; i < d->build->nsubst; i++)
        free(d->build->subst[i].items);
    free(d->build->subst);
    free(d->build);
    d->build = NULL;
}

void dyad_dict_free(dyad_dict *d)
{
    if (!d)
        return;
    md_free_build(d);
    lx_free(&d->lex);
    for (uint32_t i = 0; i < d->nsynsets; i++)
        dy_phrases_free(&d->synsets[i].phrases);
    dy_phrases_free(&d->actor_phrases);
    dy_phrases_free(&d->agent_phrases);
    dy_phrases_free(&d->discards);
    dy_phrases_free(&d->issue_phrases);
    dy_phrases_free(&d->word_classes);
    dy_phrases_free(&d->time_phrases);
    free(d->times);
    free(d->time_patterns);
    free(d->files);
    free(d->synsets);
    free(d->blocks);
    free(d->verbs);
    free(d->forms);
    free(d->form_words);
    free(d->fidx_slots);
    free(d->fidx_list);
    free(d->patterns);
    free(d->pels);
    free(d->req_first);
    free(d->req);
    free(d->req_key);
    free(d->transforms);
    free(d->actors);
    free(d->actor_codes);
    free(d->agents);
    free(d->issues);
    free(d->options);
    dy_arena_free(&d->arena);
    free(d);
}

/* Index the verb forms by the word id of their head word. */
static int md_index_forms(struct dyad_dict *d)
{
    if (!d->nforms)
        return 0;
    ph_key *keys = malloc((size_t)d->nforms * sizeof *keys);
    d->fidx_list = malloc((size_t)d->nforms * sizeof *d->fidx_list);
    if (!keys || !d->fidx_list) {
        free(keys);
        return -1;
    }
    for (uint32_t i = 0; i < d->nforms; i++) {
        const dy_verb_form *f = &d->forms[i];
        keys[i] = (ph_key){d->form_words[f->first_word + f->head], 0, i};
    }
    qsort(keys, d->nforms, sizeof *keys, ph_key_cmp);
    uint32_t groups = 0;
    for (uint32_t i = 0; i < d->nforms; i++) {
        d->fidx_list[i] = keys[i].idx;
        groups += i == 0 || keys[i].word != keys[i - 1].word;
    }
    uint32_t nslots = 16;
    while (nslots < groups * 2u)
        nslots *= 2;
    d->fidx_slots = calloc((size_t)nslots * 3, sizeof *d->fidx_slots);
    if (!d->fidx_slots) {
        free(keys);
        return -1;
    }
    d->nfidx_slots = nslots;
    for (uint32_t i = 0; i < d->nforms;) {
        uint32_t j = i;
        while (j < d->nforms && keys[j].word == keys[i].word)
            j++;
        uint32_t s = (uint32_t)dy_hash(&keys[i].word, sizeof keys[i].word) & (nslots - 1);
        while (d->fidx_slots[3 * s])
            s = (s + 1) & (nslots - 1);
        d->fidx_slots[3 * s] = keys[i].word;
        d->fidx_slots[3 * s + 1] = i;
        d->fidx_slots[3 * s + 2] = j - i;
        i = j;
    }
    free(keys);
    return 0;
}

/* The words and synsets each pattern requires (dyad_dict.req): every word and
 * synset element of a pattern must match for it to match, whatever region it
 * falls in, so a sentence lacking one rules the pattern out. */
static int md_index_patterns(struct dyad_dict *d)
{
    size_t n = 0, cap = 0;
    d->req_first = malloc(((size_t)d->npatterns + 1) * sizeof *d->req_first);
    d->req_key = calloc((size_t)d->npatterns + 1, sizeof *d->req_key);
    if (!d->req_first || !d->req_key)
        return -1;
    for (uint32_t p = 0; p < d->npatterns; p++) {
        const dy_pattern *pt = &d->patterns[p];
        d->req_first[p] = (uint32_t)n;
        /* words first: the cheaper test */
        for (int pass = 0; pass < 2; pass++)
            for (uint32_t k = 0; k < pt->n; k++) {
                const dy_pel *e = &d->pels[pt->first + k];
                uint32_t key = e->kind == DY_PE_WORD && pass == 0     ? e->id
                               : e->kind == DY_PE_SYNSET && pass == 1 ? e->id | DY_REQ_SYNSET
                                                                      : 0;
                if (!key || (e->kind == DY_PE_WORD && e->id >= d->lex.n) ||
                    (e->kind == DY_PE_SYNSET && e->id >= DY_REQ_SYNSET))
                    continue;
                size_t j = d->req_first[p];
                while (j < n && d->req[j] != key)
                    j++;
                if (j == n && (n >= UINT32_MAX || !DY_VEC_PUSH(d->req, n, cap, key)))
                    return -1;
                if (pass == 0 && (!d->req_key[p] || d->lex.lens[key] > d->lex.lens[d->req_key[p]]))
                    d->req_key[p] = key;
            }
    }
    d->req_first[d->npatterns] = (uint32_t)n;
    return 0;
}

static size_t md_ph_bytes(const dy_phrases *ph)
{
    return (size_t)ph->cap * sizeof(dy_phrase) + (size_t)ph->capwords * (sizeof(uint32_t) + 1) +
           (size_t)ph->nby_first * 3 * sizeof(uint32_t) + (size_t)ph->nflagged * sizeof(uint32_t) +
           (size_t)ph->ntrie * 3 * sizeof(uint32_t) + (ph->first_bits ? ((size_t)ph->first_mask + 1) / 8 : 0) +
           (size_t)ph->nstems * sizeof(uint32_t);
}

dyad_status dy_dict_finish(struct dyad_dict *d, dyad_error *err)
{
    if (!d || !d->build)
        return dy_fail(err, DYAD_E_ARG, "dictionary already finished", NULL, 0, 0, NULL, 0);
    dy_dict_build *b = d->build;
    if (dy_phrases_index(&d->actor_phrases) || dy_phrases_index(&d->agent_phrases) ||
        dy_phrases_index(&d->discards) || dy_phrases_index(&d->issue_phrases) ||
        dy_phrases_index(&d->word_classes) || dy_phrases_index(&d->time_phrases) || md_index_forms(d) ||
        md_index_patterns(d))
        return dy_fail(err, DYAD_E_NOMEM, "out of memory indexing dictionaries", NULL, 0, 0, NULL, 0);
    for (uint32_t i = 0; i < d->nsynsets; i++)
        if (dy_phrases_index(&d->synsets[i].phrases))
            return dy_fail(err, DYAD_E_NOMEM, "out of memory indexing dictionaries", NULL, 0, 0, NULL, 0);

    dy_buf s = {0};
    dy_buf_printf(&s, "%u file%s", (unsigned)d->nfiles, d->nfiles == 1 ? "" : "s");
    for (uint32_t i = 0; i < d->nfiles; i++)
        dy_buf_printf(&s, "%s%s", i ? ", " : ": ", md_base(d->files[i]));
    if (d->rejected)
        dy_buf_printf(&s, " (%zu malformed entr%s left out)", d->rejected, d->rejected == 1 ? "y" : "ies");
    if (!dy_buf_cstr(&s) || !(d->description = dy_arena_strndup(&d->arena, s.p, s.n))) {
        dy_buf_free(&s);
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    }
    dy_buf_free(&s);

    size_t bytes = sizeof *d + d->arena.total;
    bytes += (size_t)d->lex.cap * (sizeof(char *) + 2 * sizeof(uint32_t)) + (size_t)d->lex.nslots * sizeof(uint64_t);
    bytes += b->cap_files * sizeof(char *) + b->cap_synsets * sizeof(dy_synset) +
             b->cap_blocks * sizeof(dy_verb_block) + b->cap_verbs * sizeof(dy_verb) +
             b->cap_forms * sizeof(dy_verb_form) + b->cap_form_words * sizeof(uint32_t) +
             b->cap_patterns * sizeof(dy_pattern) + b->cap_pels * sizeof(dy_pel) +
             b->cap_transforms * sizeof(dy_transform) + b->cap_actors * sizeof(dy_actor) +
             b->cap_actor_codes * sizeof(dy_actor_code) + b->cap_agents * sizeof(dy_agent) +
             b->cap_issues * sizeof(dy_issue) + b->cap_options * sizeof(dy_option) +
             b->cap_times * sizeof(dy_time) + b->cap_time_patterns * sizeof(dy_pattern);
    bytes += (size_t)d->nfidx_slots * 3 * sizeof(uint32_t) + (size_t)d->nforms * sizeof(uint32_t);
    bytes += (2 * ((size_t)d->npatterns + 1) + d->req_first[d->npatterns]) * sizeof(uint32_t);
    bytes += md_ph_bytes(&d->actor_phrases) + md_ph_bytes(&d->agent_phrases) +
             md_ph_bytes(&d->discards) + md_ph_bytes(&d->issue_phrases) + md_ph_bytes(&d->word_classes) +
             md_ph_bytes(&d->time_phrases);
    for (uint32_t i = 0; i < d->nsynsets; i++)
        bytes += md_ph_bytes(&d->synsets[i].phrases);
    d->bytes = bytes;
    md_free_build(d);
    return DYAD_OK;
}

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!d)
        return;
    out->files = d->nfiles;
    out->synsets = d->nsynsets;
    for (uint32_t i = 0; i < d->nsynsets; i++)
        out->synset_phrases += d->synsets[i].phrases.n;
    out->verb_blocks = d->nblocks;
    out->verbs = d->nverbs;
    out->verb_forms = d->nforms;
    out->patterns = d->npatterns;
    out->transformations = d->ntransforms;
    out->actors = d->nactors;
    out->actor_phrases = d->actor_phrases.n;
    out->actor_codes = d->nactor_codes;
    out->agents = d->nagents;
    out->agent_phrases = d->agent_phrases.n;
    out->discards = d->discards.n;
    out->issues = d->nissues;
    out->words = d->lex.n ? d->lex.n - 1 : 0;
    out->bytes = d->bytes;
    out->rejected = d->rejected;
}

const char *dyad_dict_describe(const dyad_dict *d)
{
    return d && d->description ? d->description : "";
}
