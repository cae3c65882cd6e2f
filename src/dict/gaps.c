/* dyad_gaps: count, over a corpus, the verbs and names a dictionary set does
 * not cover, so dictionary work goes where the text is (`dyad dict gaps`).
 *
 * Tokens are matched against the dictionary's lexicon on a private copy (the
 * document stays untouched). Names: maximal runs of capitalised words (with
 * connectors such as "of", "al", "bin" inside), minus what the actor and agent
 * phrases cover; each uncovered stretch is one gap. Verbs: the parse's verb
 * tags when there is a parse; in raw text a word counts as verb-like when it
 * follows a modal or "to" and precedes an object, follows an auxiliary in
 * -ed/-ing form, or follows a subject (pronoun, name, actor) and ends in -ed
 * or precedes an object. A verb-like word is covered when some dictionary verb
 * form has it as its head word. Output order is count, then text: never hash
 * order. */
#include <stdlib.h>

#include "dict/dict.h"
#include "input/doc.h"

#define GP_MAX_NAME_WORDS 12 /* a longer capitalised run is a headline, not a name */

typedef struct gp_entry {
    dyad_gap gap;
    uint8_t kind;
    uint64_t hash;
} gp_entry;

struct dyad_gaps {
    const dyad_dict *dict;
    dy_arena arena;          /* gap texts and document ids */
    gp_entry *e;
    size_t n, cap;
    uint32_t *slots;         /* open addressing: entry index + 1, 0 empty */
    size_t nslots;
    gp_entry **sorted[2];    /* per kind, built on demand */
    size_t nsorted[2];
    int dirty;
    dy_tok *toks;            /* the current sentence's tokens, bound to dict */
    size_t captoks;
    uint8_t *covered;        /* token covered by an actor or agent phrase */
    size_t capcov;
    dy_buf key;
    const char *doc_id;      /* arena copy of the current document's id */
    dyad_gaps_stats st;
};

/* ------------------------------------------------------------ word classes */

typedef enum gp_cls { GP_OTHER = 0, GP_OTHERW, GP_DET, GP_PRON, GP_AUX, GP_BE, GP_MODAL, GP_TO, GP_PREP, GP_CONJ,
                      GP_CONNECT, GP_NEG } gp_cls;

typedef struct gp_word {
    const char *w;
    uint8_t cls;
} gp_word;

/* Closed-class words, sorted by byte for bsearch. CONNECT words may sit inside
 * a name ("Islamic State of Iraq", "Mohammed bin Salman"); OTHERW are adverbs
 * and the like; the intent words the coder treats as modals (WANT, PLAN) are
 * MODAL here too, since no dictionary needs to list them. */
static const gp_word gp_closed[] = {
    {"'S", GP_CONNECT}, {"A", GP_DET}, {"ABLE", GP_OTHERW}, {"ABOUT", GP_PREP}, {"ACROSS", GP_PREP},
    {"AFTER", GP_PREP}, {"AGAINST", GP_PREP}, {"AL", GP_CONNECT}, {"ALL", GP_DET}, {"ALREADY", GP_OTHERW},
    {"ALSO", GP_OTHERW}, {"ALTHOUGH", GP_CONJ}, {"AM", GP_BE}, {"AMID", GP_PREP}, {"AMONG", GP_PREP},
    {"AN", GP_DET}, {"AND", GP_CONJ}, {"ANY", GP_DET}, {"ARE", GP_BE}, {"AS", GP_PREP}, {"AT", GP_PREP},
    {"BE", GP_BE}, {"BECAUSE", GP_CONJ}, {"BEEN", GP_BE}, {"BEFORE", GP_PREP}, {"BEING", GP_BE},
    {"BETWEEN", GP_PREP}, {"BIN", GP_CONNECT}, {"BUT", GP_CONJ}, {"BY", GP_PREP}, {"CAN", GP_MODAL},
    {"COULD", GP_MODAL}, {"DA", GP_CONNECT}, {"DE", GP_CONNECT}, {"DEL", GP_CONNECT},
    {"DESPITE", GP_PREP}, {"DI", GP_CONNECT}, {"DID", GP_AUX}, {"DO", GP_AUX}, {"DOES", GP_AUX},
    {"DOWN", GP_PREP}, {"DURING", GP_PREP}, {"EACH", GP_DET}, {"EL", GP_CONNECT}, {"EVEN", GP_OTHERW},
    {"EVERY", GP_DET}, {"FOR", GP_PREP}, {"FROM", GP_PREP}, {"GOING", GP_MODAL}, {"HAD", GP_AUX},
    {"HAS", GP_AUX}, {"HAVE", GP_AUX}, {"HAVING", GP_AUX}, {"HE", GP_PRON}, {"HER", GP_DET},
    {"HERE", GP_PRON}, {"HIM", GP_PRON}, {"HIS", GP_DET}, {"HOW", GP_CONJ}, {"I", GP_PRON},
    {"IF", GP_CONJ}, {"IN", GP_PREP}, {"INTEND", GP_MODAL}, {"INTENDED", GP_MODAL}, {"INTENDS", GP_MODAL},
    {"INTO", GP_PREP}, {"IS", GP_BE}, {"IT", GP_PRON}, {"IT'S", GP_PRON}, {"ITS", GP_DET},
    {"JUST", GP_OTHERW}, {"LA", GP_CONNECT}, {"LE", GP_CONNECT}, {"LIKELY", GP_OTHERW}, {"MANY", GP_DET},
    {"MAY", GP_MODAL}, {"MIGHT", GP_MODAL}, {"MORE", GP_DET}, {"MOST", GP_DET}, {"MUCH", GP_DET},
    {"MUST", GP_MODAL}, {"MY", GP_DET}, {"N'T", GP_NEG}, {"NEVER", GP_NEG}, {"NO", GP_DET},
    {"NOT", GP_NEG}, {"NOW", GP_OTHERW}, {"OF", GP_CONNECT}, {"OFF", GP_PREP}, {"ON", GP_PREP},
    {"ONLY", GP_OTHERW}, {"OR", GP_CONJ}, {"OTHER", GP_DET}, {"OUR", GP_DET}, {"OUT", GP_PREP},
    {"OVER", GP_PREP}, {"PLAN", GP_MODAL}, {"PLANNED", GP_MODAL}, {"PLANS", GP_MODAL},
    {"SHALL", GP_MODAL}, {"SHE", GP_PRON}, {"SHOULD", GP_MODAL}, {"SINCE", GP_PREP}, {"SO", GP_CONJ},
    {"SOME", GP_DET}, {"STILL", GP_OTHERW}, {"SUCH", GP_DET}, {"THAN", GP_CONJ}, {"THAT", GP_CONJ},
    {"THE", GP_DET}, {"THEIR", GP_DET}, {"THEM", GP_PRON}, {"THEN", GP_OTHERW}, {"THERE", GP_PRON},
    {"THESE", GP_DET}, {"THEY", GP_PRON}, {"THIS", GP_DET}, {"THOSE", GP_DET}, {"THROUGH", GP_PREP},
    {"TO", GP_TO}, {"TOWARDS", GP_PREP}, {"UNDER", GP_PREP}, {"UNTIL", GP_PREP}, {"UP", GP_PREP},
    {"UPON", GP_PREP}, {"US", GP_PRON}, {"VAN", GP_CONNECT}, {"VERY", GP_OTHERW}, {"VON", GP_CONNECT},
    {"WANT", GP_MODAL}, {"WANTED", GP_MODAL}, {"WANTS", GP_MODAL}, {"WAS", GP_BE}, {"WE", GP_PRON},
    {"WERE", GP_BE}, {"WHAT", GP_PRON}, {"WHEN", GP_CONJ}, {"WHERE", GP_CONJ}, {"WHICH", GP_CONJ},
    {"WHILE", GP_CONJ}, {"WHO", GP_PRON}, {"WHOM", GP_PRON}, {"WHOSE", GP_DET}, {"WHY", GP_CONJ},
    {"WILL", GP_MODAL}, {"WITH", GP_PREP}, {"WITHIN", GP_PREP}, {"WITHOUT", GP_PREP}, {"WO", GP_MODAL},
    {"WOULD", GP_MODAL}, {"YOU", GP_PRON}, {"YOUR", GP_DET}, {"’S", GP_CONNECT},
};

/* Capitalised words that are not names: titles, days, months, sentence openers. */
static const char *const gp_not_names[] = {
    "APR.", "APRIL", "AUG.", "AUGUST", "DEC.", "DECEMBER", "DR", "DR.", "FEB.", "FEBRUARY", "FRIDAY",
    "HOWEVER", "JAN.", "JANUARY", "JULY", "JUNE", "MARCH", "MAY", "MONDAY", "MR", "MR.", "MRS", "MRS.", "MS",
    "MS.", "NOV.", "NOVEMBER", "OCT.", "OCTOBER", "SATURDAY", "SEPT.", "SEPTEMBER", "SIR", "SUNDAY",
    "THURSDAY", "TUESDAY", "WEDNESDAY",
};

static int gp_cmp_word(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const gp_word *)e)->w);
}

static int gp_cmp_str(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

static int gp_class(const dy_tok *t)
{
    const gp_word *w = bsearch(t->up, gp_closed, sizeof gp_closed / sizeof gp_closed[0], sizeof gp_closed[0],
                               gp_cmp_word);
    return w ? w->cls : -1;
}

/* A contraction ("I'm", "We're", "I'll"), with either apostrophe. */
static int gp_contraction(const dy_tok *t)
{
#define GP_RSQUO "\xE2\x80\x99" /* U+2019, which the tokeniser keeps in contractions */
    static const char *const tails[] = {"'M", "'VE", "'RE", "'LL", "'D", GP_RSQUO "M", GP_RSQUO "VE",
                                        GP_RSQUO "RE", GP_RSQUO "LL", GP_RSQUO "D"};
#undef GP_RSQUO
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t k = strlen(tails[i]);
        if (t->nup > k && !memcmp(t->up + t->nup - k, tails[i], k))
            return 1;
    }
    return 0;
}

static int gp_not_name(const dy_tok *t)
{
    return gp_contraction(t) || bsearch(t->up, gp_not_names, sizeof gp_not_names / sizeof gp_not_names[0],
                                        sizeof gp_not_names[0], gp_cmp_str) != NULL;
}

/* Starts with a letter: ASCII, or the lead byte of a two-byte (Latin,
 * Greek, Cyrillic...) character; not punctuation such as U+2019. */
static int gp_alpha(const dy_tok *t)
{
    unsigned char c = (unsigned char)t->up[0];
    return (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xDF);
}

/* Written with a capital: the first byte of the token in the text. */
static int gp_capital(const dy_sentence *s, uint32_t i)
{
    unsigned char c = (unsigned char)s->text[s->toks[i].start];
    return c >= 'A' && c <= 'Z';
}

static int gp_ends(const dy_tok *t, const char *suf)
{
    size_t k = strlen(suf);
    return t->nup > k + 1 && !memcmp(t->up + t->nup - k, suf, k);
}

/* ------------------------------------------------------------ counting */

static int gp_rehash(dyad_gaps *g)
{
    size_t ns = g->nslots ? 2 * g->nslots : 1024;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < g->n; i++) {
        size_t k = (size_t)g->e[i].hash & (ns - 1);
        while (s[k])
            k = (k + 1) & (ns - 1);
        s[k] = (uint32_t)(i + 1);
    }
    free(g->slots);
    g->slots = s;
    g->nslots = ns;
    return 0;
}

/* Count one occurrence of the text in g->key. */
static int gp_count(dyad_gaps *g, uint8_t kind, uint32_t sentence)
{
    const char *txt = dy_buf_cstr(&g->key);
    if (!txt)
        return -1;
    uint64_t h = dy_hash(txt, g->key.n) * 31 + kind;
    if ((g->n + 1) * 2 > g->nslots && gp_rehash(g))
        return -1;
    size_t k = (size_t)h & (g->nslots - 1);
    for (; g->slots[k]; k = (k + 1) & (g->nslots - 1)) {
        gp_entry *e = &g->e[g->slots[k] - 1];
        if (e->hash == h && e->kind == kind && !strcmp(e->gap.text, txt)) {
            e->gap.count++;
            g->dirty = 1; /* the order may change */
            return 0;
        }
    }
    if (g->n >= UINT32_MAX - 1)
        return -2;
    char *copy = dy_arena_strndup(&g->arena, txt, g->key.n);
    gp_entry ne = {{copy, 1, g->doc_id, sentence}, kind, h};
    if (!copy || !DY_VEC_PUSH(g->e, g->n, g->cap, ne))
        return -1;
    g->slots[k] = (uint32_t)g->n;
    g->dirty = 1;
    return 0;
}

static int gp_key_words(dyad_gaps *g, const dy_tok *toks, uint32_t t0, uint32_t t1)
{
    g->key.n = 0;
    for (uint32_t i = t0; i < t1; i++)
        if ((i > t0 && !dy_buf_putc(&g->key, ' ')) || !dy_buf_put(&g->key, toks[i].up, toks[i].nup))
            return -1;
    return 0;
}

/* ------------------------------------------------------------ one sentence */

static int gp_names(dyad_gaps *g, const dy_sentence *s, uint32_t si)
{
    const dy_tok *t = g->toks;
    uint32_t i = 0;
    while (i < s->ntok) {
        /* a run starts at a capitalised word that is not a closed-class word
         * and not the sentence's first word on its own */
        if (!gp_capital(s, i) || gp_class(&t[i]) >= 0 || gp_not_name(&t[i])) {
            i++;
            continue;
        }
        uint32_t j = i + 1, last = i;
        while (j < s->ntok && j - i < 2 * GP_MAX_NAME_WORDS) {
            if (gp_capital(s, j) && gp_class(&t[j]) < 0 && !gp_not_name(&t[j]))
                last = j;
            else if (!(gp_class(&t[j]) == GP_CONNECT || !strcmp(t[j].up, "-")))
                break;
            j++;
        }
        uint32_t end = last + 1;
        if ((i == 0 && end == 1) || end - i > GP_MAX_NAME_WORDS) {
            i = end;
            continue;
        }
        g->st.names++;
        int all = 1;
        for (uint32_t k = i; k < end;) {
            if (g->covered[k] || gp_class(&t[k]) == GP_CONNECT) {
                k++;
                continue;
            }
            uint32_t k1 = k;
            while (k1 < end && !g->covered[k1])
                k1++;
            uint32_t a = k, b = k1; /* trim connectors from the stretch's ends */
            while (a < b && gp_class(&t[a]) == GP_CONNECT)
                a++;
            while (b > a && gp_class(&t[b - 1]) == GP_CONNECT)
                b--;
            if (a < b) {
                all = 0;
                if (gp_key_words(g, t, a, b) || gp_count(g, DYAD_GAP_NAME, si))
                    return -1;
            }
            k = k1;
        }
        g->st.names_covered += all;
        i = end;
    }
    return 0;
}

static int gp_object_like(const dyad_gaps *g, const dy_sentence *s, uint32_t i)
{
    if (i >= s->ntok)
        return 0;
    int c = gp_class(&g->toks[i]);
    return c == GP_DET || c == GP_PRON || c == GP_TO || (c == GP_CONJ && !strcmp(g->toks[i].up, "THAT")) ||
           gp_capital(s, i) || g->covered[i] || (g->toks[i].up[0] >= '0' && g->toks[i].up[0] <= '9');
}

static int gp_verb_like(const dyad_gaps *g, const dy_sentence *s, uint32_t i)
{
    const dy_tok *t = &g->toks[i];
    if (t->pos != DY_POS_X) /* a parse said what it is */
        return t->pos == DY_POS_VERB && gp_class(t) < 0;
    if (!gp_alpha(t) || gp_capital(s, i) || t->nup < 3 || gp_class(t) >= 0 || g->covered[i] ||
        gp_ends(t, "LY"))
        return 0;
    if (i == 0)
        return 0;
    const dy_tok *p = &g->toks[i - 1];
    int pc = gp_class(p);
    if (pc == GP_MODAL || pc == GP_NEG || (pc == GP_AUX && !gp_ends(t, "ED")))
        return gp_object_like(g, s, i + 1);
    if (pc == GP_TO)
        return gp_object_like(g, s, i + 1) && !gp_ends(t, "ING");
    if (pc == GP_BE || pc == GP_AUX)
        return gp_ends(t, "ED") || gp_ends(t, "ING") || gp_ends(t, "EN");
    int subject = pc == GP_PRON || g->covered[i - 1] || (gp_capital(s, i - 1) && pc < 0);
    if (!subject)
        return 0;
    return gp_ends(t, "ED") || gp_object_like(g, s, i + 1);
}

static int gp_verbs(dyad_gaps *g, const dy_sentence *s, uint32_t si)
{
    const dyad_dict *d = g->dict;
    for (uint32_t i = 0; i < s->ntok; i++) {
        if (!gp_verb_like(g, s, i))
            continue;
        g->st.verbs++;
        const uint32_t *l;
        if (g->toks[i].word && dy_dict_forms_for(d, g->toks[i].word, &l) > 0) {
            g->st.verbs_covered++;
            continue;
        }
        if (gp_key_words(g, g->toks, i, i + 1) || gp_count(g, DYAD_GAP_VERB, si))
            return -1;
    }
    return 0;
}

static int gp_sentence(dyad_gaps *g, const dy_sentence *s, uint32_t si)
{
    const dyad_dict *d = g->dict;
    if (s->ntok > g->captoks) {
        free(g->toks);
        g->toks = malloc((size_t)s->ntok * sizeof *g->toks);
        g->captoks = g->toks ? s->ntok : 0;
        if (!g->toks)
            return -1;
    }
    if (s->ntok > g->capcov) {
        free(g->covered);
        g->covered = malloc(s->ntok);
        g->capcov = g->covered ? s->ntok : 0;
        if (!g->covered)
            return -1;
    }
    memcpy(g->toks, s->toks, (size_t)s->ntok * sizeof *g->toks);
    for (uint32_t i = 0; i < s->ntok; i++)
        g->toks[i].word = dy_lex_find(&d->lex, g->toks[i].up, g->toks[i].nup);
    memset(g->covered, 0, s->ntok);
    for (uint32_t i = 0; i < s->ntok;) {
        dy_match m;
        uint32_t end = i;
        if (dy_phrases_match(&d->actor_phrases, &d->lex, g->toks, s->ntok, i, &m) && m.t1 > end)
            end = m.t1;
        if (dy_phrases_match(&d->agent_phrases, &d->lex, g->toks, s->ntok, i, &m) && m.t1 > end)
            end = m.t1;
        if (end == i) {
            i++;
            continue;
        }
        memset(g->covered + i, 1, end - i);
        i = end;
    }
    g->st.sentences++;
    if (gp_names(g, s, si) || gp_verbs(g, s, si))
        return -1;
    return 0;
}

/* ------------------------------------------------------------ public */

dyad_gaps *dyad_gaps_new(const dyad_dict *dict, dyad_error *err)
{
    if (!dict) {
        dy_fail(err, DYAD_E_ARG, "no dictionary given", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    dyad_gaps *g = calloc(1, sizeof *g);
    if (!g) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    g->dict = dict;
    dy_arena_init(&g->arena, 0);
    return g;
}

int dyad_gaps_add(dyad_gaps *g, const dyad_doc *doc, dyad_error *err)
{
    if (!g || !doc)
        return dy_fail(err, DYAD_E_ARG, "invalid argument", NULL, 0, 0, NULL, 0);
    g->doc_id = dy_arena_strndup(&g->arena, doc->id, strlen(doc->id));
    if (!g->doc_id)
        return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    g->st.documents++;
    for (uint32_t i = 0; i < doc->nsent; i++) {
        int rc = gp_sentence(g, &doc->sents[i], i);
        if (rc == -2)
            return dy_fail(err, DYAD_E_LIMIT, "too many distinct gaps (limit 4294967294)", doc->path,
                           doc->line, 0, doc->id, strlen(doc->id));
        if (rc)
            return dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    }
    return DYAD_OK;
}

static int gp_cmp_entry(const void *a, const void *b)
{
    const gp_entry *x = *(const gp_entry *const *)a, *y = *(const gp_entry *const *)b;
    if (x->gap.count != y->gap.count)
        return x->gap.count > y->gap.count ? -1 : 1;
    return strcmp(x->gap.text, y->gap.text);
}

static int gp_sort(dyad_gaps *g)
{
    if (!g->dirty)
        return 0;
    for (int k = 0; k < 2; k++) {
        free(g->sorted[k]);
        g->sorted[k] = NULL;
        g->nsorted[k] = 0;
        size_t n = 0;
        for (size_t i = 0; i < g->n; i++)
            n += g->e[i].kind == k;
        if (!n)
            continue;
        g->sorted[k] = malloc(n * sizeof *g->sorted[k]);
        if (!g->sorted[k])
            return -1;
        for (size_t i = 0; i < g->n; i++)
            if (g->e[i].kind == k)
                g->sorted[k][g->nsorted[k]++] = &g->e[i];
        qsort(g->sorted[k], n, sizeof *g->sorted[k], gp_cmp_entry);
    }
    g->dirty = 0;
    return 0;
}

size_t dyad_gaps_count(dyad_gaps *g, dyad_gap_kind kind)
{
    if (!g || (kind != DYAD_GAP_VERB && kind != DYAD_GAP_NAME) || gp_sort(g))
        return 0;
    return g->nsorted[kind];
}

const dyad_gap *dyad_gaps_at(dyad_gaps *g, dyad_gap_kind kind, size_t i)
{
    if (i >= dyad_gaps_count(g, kind))
        return NULL;
    return &g->sorted[kind][i]->gap;
}

void dyad_gaps_get_stats(const dyad_gaps *g, dyad_gaps_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (g)
        *out = g->st;
}

void dyad_gaps_free(dyad_gaps *g)
{
    if (!g)
        return;
    free(g->e);
    free(g->slots);
    free(g->sorted[0]);
    free(g->sorted[1]);
    free(g->toks);
    free(g->covered);
    dy_buf_free(&g->key);
    dy_arena_free(&g->arena);
    free(g);
}
