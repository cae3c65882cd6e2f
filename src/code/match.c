/* The matcher: verbs, their clauses, patterns, and source/target resolution.
 *
 * Patterns are matched linearly, in order, inside the regions the tree gives
 * a verb: the pre-verb region runs from the start of the clause's subject to
 * the verb, the post-verb region from the verb to the end of its verb phrase.
 * Without a tree the regions fall back to the sentence, bounded by
 * neighbouring verbs. TABARI-style dictionaries are not matched here but by
 * TABARI's own flat rules (flat.c). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "code/code.h"
#include "code/combine.h"

#define MT_MAX_CLIMB 64 /* bound on tree walks: trees are finite, but inputs are hostile */
#define MT_COMPOUND (-2) /* tgt_m: the source's compound members act on each other */

typedef struct mt_verb {
    uint32_t tok, t0, t1;  /* head token and the span of the (multi-word) verb */
    uint32_t verb;         /* dy_verb index */
    uint32_t alt[3];       /* the same form defined again in other blocks */
    uint8_t nalt;
    int32_t vp;            /* lowest VP node holding the verb, -1 without a tree */
    int32_t top;           /* highest VP of the auxiliary chain */
    int32_t subj;          /* subject NP node, -1 when none */
    uint32_t pre0;         /* pre-verb region start */
    uint32_t pre_ext;      /* start of the governing verb of its clause ("indicated it would"), else pre0 */
    uint32_t post1;        /* post-verb region end (exclusive) */
    uint8_t passive, negated, inherited, said, combined;
    uint8_t neg_spelled;   /* the chosen pattern itself matched the negation */
    uint8_t content;       /* the content of an upper act, not coded on its own */
    uint8_t tgt_group;     /* tgt_m starts a compound target, every member a target */
    uint8_t instrument;    /* source: who set the subject (an instrument) to work */
    uint8_t result;        /* an act named by a noun, caused by the source's act */
    uint8_t reduced;       /* raw text: a participle right after the noun it describes */
    int32_t parent_verb;   /* index of the verb whose complement holds this one */
    int32_t upper;         /* verb this one was combined with, -1 when none */
    const char *code;      /* chosen code */
    uint32_t pattern;      /* chosen pattern or UINT32_MAX */
    int32_t src_m, tgt_m;  /* mention indices chosen by markers, -1 = default */
} mt_verb;

typedef struct mt_state {
    cd_ctx *c;
    const dy_sentence *st;
    const struct dyad_dict *d;
    uint8_t words_set;     /* c->s->wbits holds this sentence's words */
    mt_verb *v;
    uint32_t nv;
    size_t capv;
    uint8_t negword;       /* the pattern being tried matched a negation word */
    uint8_t in_post;       /* matching the part after the verb */
    uint8_t tgt_group;     /* the pattern's target is a compound ('%' after the verb) */
} mt_state;

/* ------------------------------------------------------------ tree helpers */

static const dy_node *mt_node(const dy_sentence *st, int32_t i) { return &st->nodes[i]; }

static int32_t mt_parent(const dy_sentence *st, int32_t i)
{
    return i >= 0 ? st->nodes[i].parent : -1;
}

static int mt_is(const dy_sentence *st, int32_t i, dy_label l)
{
    return i >= 0 && st->nodes[i].label == l;
}

static int mt_clause(const dy_sentence *st, int32_t i)
{
    return mt_is(st, i, DY_L_S) || mt_is(st, i, DY_L_SBAR) || mt_is(st, i, DY_L_ROOT);
}

/* Is token t inside node n? */
static int mt_in(const dy_sentence *st, int32_t n, uint32_t t)
{
    return n >= 0 && t >= st->nodes[n].t0 && t < st->nodes[n].t1;
}

/* The subject NP of the clause headed by VP `top`, climbing through
 * infinitival and participial complements to their controller. */
static int32_t mt_subject(const dy_sentence *st, int32_t top, uint8_t *inherited)
{
    int32_t vp = top;
    for (int guard = 0; vp >= 0 && guard < MT_MAX_CLIMB; guard++) {
        int32_t p = mt_parent(st, vp);
        while (mt_is(st, p, DY_L_VP) && guard++ < MT_MAX_CLIMB) {
            vp = p;
            p = mt_parent(st, p);
        }
        if (p < 0)
            return -1;
        if (mt_is(st, p, DY_L_S) || mt_is(st, p, DY_L_ROOT)) {
            int32_t subj = -1;
            for (int32_t ch = mt_node(st, p)->first_child; ch >= 0; ch = mt_node(st, ch)->next_sibling) {
                if (ch == vp)
                    break;
                if (mt_is(st, ch, DY_L_NP))
                    subj = ch;
            }
            if (subj >= 0)
                return subj;
            /* "By pressing for ..., Putin seeks": a fronted clause's subject
             * is the main clause's, after it (dyad's own parse builds such
             * clauses; a Penn parse names their subject itself) */
            int fronted = mt_is(st, vp, DY_L_SBAR) && st->source == DY_TREE_SHALLOW;
            for (int32_t ch = mt_node(st, p)->first_child; fronted && ch >= 0 && ch != vp;
                 ch = mt_node(st, ch)->next_sibling)
                fronted = !mt_is(st, ch, DY_L_VP);
            for (int32_t ch = fronted ? mt_node(st, vp)->next_sibling : -1; ch >= 0;
                 ch = mt_node(st, ch)->next_sibling) {
                if (mt_is(st, ch, DY_L_NP)) {
                    *inherited = 1;
                    return ch;
                }
                if (mt_is(st, ch, DY_L_VP))
                    break;
            }
            /* No subject: an embedded clause takes its controller's. */
            int32_t up = mt_parent(st, p);
            if (mt_is(st, up, DY_L_S) && mt_node(st, p)->t1 <= mt_node(st, up)->t1) {
                /* coordinated S: look at the enclosing S */
                vp = p;
                *inherited = 1;
                continue;
            }
            if (mt_is(st, up, DY_L_VP) || mt_is(st, up, DY_L_SBAR)) {
                vp = up;
                *inherited = 1;
                continue;
            }
            if (mt_is(st, up, DY_L_NP)) { /* "Russia's efforts to secure ...": the NP's owner */
                *inherited = 1;
                return up;
            }
            return -1;
        }
        if (mt_is(st, p, DY_L_SBAR)) {
            /* relative clause: the NP it modifies */
            int32_t np = mt_parent(st, p);
            if (mt_is(st, np, DY_L_NP))
                return np;
            vp = p;
            continue;
        }
        if (mt_is(st, p, DY_L_NP)) /* reduced relative: "hostages held by ..." */
            return p;
        vp = p;
    }
    return -1;
}

/* Word and tag tests run for every token: the first byte settles most of them
 * without a call. */
static inline int mt_word(const dy_tok *t, const char *w) { return t->up[0] == w[0] && !strcmp(t->up, w); }
static inline int mt_tag(const dy_tok *t, const char *tag) { return t->tag[0] == tag[0] && !strcmp(t->tag, tag); }

static int mt_word_in(const dy_tok *t, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t->up[0] == list[i][0] && !strcmp(t->up, list[i]))
            return 1;
    return 0;
}

static int mt_be_form(const dy_tok *t)
{
    static const char *const be[] = {"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "'S", "'RE", "GET", "GOT", "GETS"};
    for (size_t i = 0; i < sizeof be / sizeof be[0]; i++)
        if (mt_word(t, be[i]))
            return 1;
    return 0;
}

static int mt_neg(const dy_tok *t)
{
    return mt_word(t, "NOT") || mt_word(t, "N'T") || mt_word(t, "NEVER");
}

/* An act named only as the aim of a to-infinitive whose governor codes
 * nothing ("Trump's decision to withdraw the troops", "tasked with training
 * forces to fight Isis", "is due to stage a conference") is not reported as
 * having happened. Attempts and continuations are: "efforts to secure the
 * release", "tried to free", "continued to shell", "is about to restore". */
static int mt_irrealis_infinitive(const dy_sentence *st, uint32_t t)
{
    static const char *const real[] = {
        "ABOUT", "ATTEMPT", "ATTEMPTED", "ATTEMPTING", "ATTEMPTS", "BEGAN", "BEGIN", "BEGINS", "BEGUN", "BID",
        "CAMPAIGN", "CONTINUE", "CONTINUED", "CONTINUES", "CONTINUING", "EFFORT", "EFFORTS", "MOVE",
        "MOVED", "PUSH", "STARTED", "TRIED", "TRIES", "TRY", "TRYING"};
    while (t > 0 && mt_tag(&st->toks[t - 1], "RB"))
        t--;
    if (t < 2 || !mt_word(&st->toks[t - 1], "TO"))
        return 0;
    /* "nearer to accord with": a preposition, and a noun after it */
    if (mt_word(&st->toks[t - 2], "NEARER") || mt_word(&st->toks[t - 2], "CLOSER") ||
        mt_word(&st->toks[t - 2], "CLOSE") || mt_word(&st->toks[t - 2], "NEAR"))
        return 0;
    for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
        if (mt_word(&st->toks[t - 2], real[i]))
            return 0;
    return 1;
}

/* Raw news: an act in a condition or an open question ("if Russia
 * attacks", "unless Iran withdraws", "asked whether Turkey had shelled") is
 * not reported as done; "even if" concedes a fact. The conjunction is found
 * before the verb within its stretch of the sentence (up to a comma,
 * semicolon or colon). */
static int mt_conditional(const dy_sentence *st, uint32_t t)
{
    while (t-- > 0) {
        const dy_tok *w = &st->toks[t];
        if (mt_word(w, ",") || mt_word(w, ";") || mt_word(w, ":"))
            return 0;
        if (mt_word(w, "IF") && t > 0 && mt_word(&st->toks[t - 1], "EVEN"))
            return 0; /* "even if it criticises Iran": conceded, so told as true */
        if (mt_word(w, "IF") || mt_word(w, "UNLESS") || mt_word(w, "WHETHER"))
            return 1;
    }
    return 0;
}

/* Raw news: a condition on the clause of a verb at [t0, t1) after it ("would
 * strike back if", "will retaliate unless") or opening the sentence ("If
 * the US attacks, Russia will respond"). */
static int mt_conditioned(const dy_sentence *st, uint32_t t0, uint32_t t1)
{
    for (uint32_t t = t1; t < st->ntok && !mt_word(&st->toks[t], ";"); t++)
        if ((mt_word(&st->toks[t], "IF") && !mt_word(&st->toks[t - 1], "EVEN")) || mt_word(&st->toks[t], "UNLESS"))
            return 1;
    uint32_t first = 0;
    while (first < t0 && st->toks[first].pos == DY_POS_PUNCT)
        first++;
    if (first >= t0 || !(mt_word(&st->toks[first], "IF") || mt_word(&st->toks[first], "UNLESS")))
        return 0;
    for (uint32_t t = first; t < t0; t++)
        if (mt_word(&st->toks[t], ","))
            return 1;
    return 0;
}

/* Raw news: the content of a demand, plan or hope written as a noun ("Trump's
 * demand that Britain repatriate its citizens", "the plan that Turkey would
 * take over") has not happened. The noun, after a determiner or possessive,
 * is found up to 16 words before the verb (its content may list actors
 * with commas). */
static int mt_asked_for(const dy_sentence *st, uint32_t t)
{
    static const char *const noun[] = {"CALL", "CALLS", "DEMAND", "DEMANDS", "HOPE", "HOPES", "INSISTENCE",
                                       "PLAN", "PLANS", "PROPOSAL", "PROPOSALS", "REQUEST", "REQUESTS",
                                       "SUGGESTION", "SUGGESTIONS"};
    static const char *const det[] = {"'S", "A", "AN", "HER", "HIS", "ITS", "OUR", "THE", "THEIR", "THIS"};
    for (uint32_t from = t; t-- > 2 && t + 16 > from;) {
        const dy_tok *w = &st->toks[t];
        if (mt_word(w, ";") || mt_word(w, ":"))
            return 0;
        if (mt_word(w, "THAT") && mt_word_in(&st->toks[t - 1], noun, sizeof noun / sizeof noun[0]) &&
            mt_word_in(&st->toks[t - 2], det, sizeof det / sizeof det[0]))
            return 1;
    }
    return 0;
}

/* Modals of possibility and obligation: what they govern has not happened. */
static int mt_hypothetical(const dy_tok *t)
{
    static const char *const w[] = {"CAN", "COULD", "MAY", "MIGHT", "MUST", "SHOULD", "CANNOT", "CA"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (mt_word(t, w[i]))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ verbs */

/* The dictionary verb whose (possibly multi-word) form covers token i. */
static int mt_find_verb(const struct dyad_dict *d, const dy_sentence *st, uint32_t i, mt_verb *v)
{
    const uint32_t *list;
    uint32_t n = dy_dict_forms_for(d, st->toks[i].word, &list);
    int best = -1;
    uint32_t best_len = 0;
    for (uint32_t k = 0; k < n; k++) {
        const dy_verb_form *f = &d->forms[list[k]];
        if (i < f->head || i - f->head + f->nwords > st->ntok)
            continue;
        uint32_t s = i - f->head;
        uint32_t j = 0;
        for (; j < f->nwords; j++)
            if (st->toks[s + j].word != d->form_words[f->first_word + j])
                break;
        if (j == f->nwords && f->nwords > best_len) {
            best = (int)list[k];
            best_len = f->nwords;
        }
    }
    if (best < 0)
        return 0;
    const dy_verb_form *f = &d->forms[best];
    v->verb = f->verb;
    v->t0 = i - f->head;
    v->t1 = v->t0 + f->nwords;
    /* the same form listed in other blocks: their patterns count too */
    v->nalt = 0;
    for (uint32_t k = 0; k < n && v->nalt < sizeof v->alt / sizeof v->alt[0]; k++) {
        const dy_verb_form *g = &d->forms[list[k]];
        if (g->nwords != f->nwords || g->head != f->head || d->verbs[g->verb].block == d->verbs[f->verb].block)
            continue;
        uint32_t j = 0;
        for (; j < g->nwords; j++)
            if (st->toks[v->t0 + j].word != d->form_words[g->first_word + j])
                break;
        int dup = 0;
        for (uint32_t a = 0; a < v->nalt; a++)
            dup |= d->verbs[v->alt[a]].block == d->verbs[g->verb].block;
        if (j == g->nwords && !dup)
            v->alt[v->nalt++] = g->verb;
    }
    return 1;
}

/* Could token i be a verb here? With a parse, its tag says so; without, any
 * dictionary verb form not preceded by a determiner is a candidate. */
static int mt_verb_candidate(const dy_sentence *st, uint32_t i)
{
    const dy_tok *t = &st->toks[i];
    if (st->source != DY_TREE_NONE && t->tag[0]) {
        /* "the reopening of": a gerund after a determiner names, it does not act */
        if (mt_tag(t, "VBG") && i > 0 && (mt_tag(&st->toks[i - 1], "DT") || mt_tag(&st->toks[i - 1], "PRP$")))
            return 0;
        return t->tag[0] == 'V' && t->tag[1] == 'B';
    }
    if (t->pos == DY_POS_PUNCT)
        return 0;
    if (i > 0) {
        const dy_tok *p = &st->toks[i - 1];
        if (mt_word(p, "THE") || mt_word(p, "A") || mt_word(p, "AN") || mt_word(p, "ITS") ||
            mt_word(p, "THEIR") || mt_word(p, "HIS") || mt_word(p, "HER") || mt_word(p, "OUR"))
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ patterns */

typedef struct mt_region {
    uint32_t t0, t1;
} mt_region;

/* Match element e (a word or synset) at token position t; returns tokens consumed. */
static uint32_t mt_elem_at(mt_state *ms, const dy_pel *e, uint32_t t, uint32_t lim)
{
    const dy_sentence *st = ms->st;
    if (t >= lim)
        return 0;
    if (e->kind == DY_PE_WORD) {
        return st->toks[t].word == e->id && e->id;
    }
    if (e->kind == DY_PE_SYNSET) {
        dy_match m;
        if (dy_synset_match(ms->d, e->id, st->toks, lim, t, &m))
            return m.t1 - m.t0;
    }
    return 0;
}

/* Is there an actor mention starting in [t, lim)? Returns its index or -1. */
static int32_t mt_mention_from(mt_state *ms, uint32_t t, uint32_t lim)
{
    cd_scratch *s = ms->c->s;
    for (uint32_t k = 0; k < s->nm; k++)
        if (s->m[k].t0 >= t && s->m[k].t0 < lim && s->m[k].code)
            return (int32_t)k;
    return -1;
}

static uint32_t mt_phrase_mentions(mt_state *ms, uint32_t t0, uint32_t t1, int32_t *out, uint32_t cap);

/* Linear match of elements [e0, e1) from position *pos within region r.
 * Words may have gaps between them unless joined with '_'. Sets markers. */
static int mt_match_seq(mt_state *ms, const dy_pel *e, uint32_t n, mt_region r, uint32_t *score,
                        int32_t *src, int32_t *tgt)
{
    uint32_t pos = r.t0;
    uint32_t last_end = r.t0;
    int first = 1;
    for (uint32_t k = 0; k < n; k++) {
        const dy_pel *x = &e[k];
        switch (x->kind) {
        case DY_PE_WORD:
        case DY_PE_SYNSET: {
            uint32_t got = 0, at = pos;
            if (x->joined && !first) {
                got = mt_elem_at(ms, x, last_end, r.t1);
                at = last_end;
            } else {
                for (at = pos; at < r.t1; at++)
                    if ((got = mt_elem_at(ms, x, at, r.t1)) > 0)
                        break;
            }
            if (!got)
                return 0;
            for (uint32_t t = at; t < at + got; t++)
                ms->negword |= (uint8_t)mt_neg(&ms->st->toks[t]);
            pos = last_end = at + got;
            *score += 2 * got;
            break;
        }
        case DY_PE_SOURCE:
        case DY_PE_TARGET: {
            int32_t m = mt_mention_from(ms, pos, r.t1);
            if (m < 0)
                return 0;
            if (x->kind == DY_PE_SOURCE)
                *src = m;
            else
                *tgt = m;
            pos = last_end = ms->c->s->m[m].t1;
            *score += 1;
            break;
        }
        case DY_PE_COMPOUND: {
            /* '%': a compound actor, each member acting on the others; the
             * pattern fails without one */
            int32_t m = mt_mention_from(ms, pos, r.t1), members[8];
            uint32_t nmem = m >= 0 ? mt_phrase_mentions(ms, ms->c->s->m[m].t0, r.t1, members, 8) : 0;
            if (nmem < 2)
                return 0;
            if (ms->in_post) { /* "agrees with % ": the compound is the target */
                *tgt = m;
                ms->tgt_group = 1;
            } else {
                *src = m;
                *tgt = MT_COMPOUND;
            }
            pos = last_end = ms->c->s->m[members[nmem - 1]].t1;
            *score += 1;
            break;
        }
        case DY_PE_SKIP: {
            /* skip one phrase: the next mention, or one word */
            int32_t m = mt_mention_from(ms, pos, r.t1);
            pos = last_end = (m >= 0 && ms->c->s->m[m].t0 == pos) ? ms->c->s->m[m].t1 : pos + 1;
            if (pos > r.t1)
                return 0;
            break;
        }
        case DY_PE_ALT: {
            return 0; /* alternatives are expanded by the loader; a stray '|' never matches */
        }
        default:
            /* Brackets of phrases and prepositional phrases: order is what matters here. */
            break;
        }
        first = 0;
    }
    return 1;
}

/* The sentence's word ids as a bit per lexicon id, so a pattern whose words
 * are absent is rejected with a bit test. The bits are cleared again after the
 * sentence (mt_words_clear), which costs a token each instead of the whole map. */
static int mt_words_set(mt_state *ms)
{
    cd_scratch *s = ms->c->s;
    size_t words = (size_t)ms->d->lex.n / 64 + 1, syn = ms->d->nsynsets;
    if (s->capwb < words) {
        if (!dy_grow((void **)&s->wbits, &s->capwb, words, sizeof(uint64_t)))
            return -1;
        memset(s->wbits, 0, s->capwb * sizeof(uint64_t));
        s->wbits[0] = 1; /* id 0: "no word", which every sentence has */
    }
    if (!dy_grow((void **)&s->syn_here, &s->capsh, syn ? syn : 1, 1))
        return -1;
    memset(s->syn_here, 0, syn);
    for (uint32_t i = 0; i < ms->st->ntok; i++) {
        uint32_t w = ms->st->toks[i].word;
        if (w && w < ms->d->lex.n)
            s->wbits[w >> 6] |= (uint64_t)1 << (w & 63);
    }
    ms->words_set = 1;
    return 0;
}

static void mt_words_clear(mt_state *ms)
{
    cd_scratch *s = ms->c->s;
    if (!ms->words_set)
        return;
    for (uint32_t i = 0; i < ms->st->ntok; i++) {
        uint32_t w = ms->st->toks[i].word;
        if (w && w < ms->d->lex.n)
            s->wbits[w >> 6] &= ~((uint64_t)1 << (w & 63));
    }
    ms->words_set = 0;
}

/* Can synset sy match anywhere in the sentence? The same first-word test
 * dy_phrases_match starts with, once per sentence: "absent" is exact, "may
 * occur" leaves the answer to the matcher. */
static int mt_synset_here(const mt_state *ms, uint32_t sy)
{
    if (sy >= ms->d->nsynsets)
        return 0;
    uint8_t *here = &ms->c->s->syn_here[sy];
    if (!*here) {
        const dy_phrases *ph = &ms->d->synsets[sy].phrases;
        int may = ph->first_bits && ph->nstems;
        for (uint32_t i = 0; ph->first_bits && !may && i < ms->st->ntok; i++) {
            uint32_t b = ms->st->toks[i].word & ph->first_mask;
            may = ph->first_bits[b >> 6] >> (b & 63) & 1;
        }
        *here = may ? 2 : 1;
    }
    return *here == 2;
}

/* The first pattern in [p, end) whose required words and synsets
 * (dyad_dict.req: words first) the sentence holds, else end. Most patterns of
 * a block need a word the sentence lacks: one bit test for its key word
 * rejects each (bit 0, "no key", is always set). */
static uint32_t mt_next_possible(const mt_state *ms, uint32_t p, uint32_t end)
{
    const uint32_t *key = ms->d->req_key, *req_first = ms->d->req_first, *req = ms->d->req;
    const uint64_t *bits = ms->c->s->wbits;
    for (; p < end; p++) {
        if (!(bits[key[p] >> 6] >> (key[p] & 63) & 1))
            continue;
        uint32_t k = req_first[p], kend = req_first[p + 1];
        while (k < kend && !(req[k] & DY_REQ_SYNSET) && (bits[req[k] >> 6] >> (req[k] & 63) & 1))
            k++;
        if (k < kend && !(req[k] & DY_REQ_SYNSET))
            continue; /* a word is missing */
        while (k < kend && mt_synset_here(ms, req[k] & ~DY_REQ_SYNSET))
            k++;
        if (k == kend)
            return p;
    }
    return end;
}

/* Try the patterns of one block for verb v; a better score than *best wins
 * (file order on ties). Returns 1 when one of them won. */
static int mt_block_patterns(mt_state *ms, mt_verb *v, uint32_t block, uint32_t *best)
{
    const struct dyad_dict *d = ms->d;
    const dy_verb_block *b = &d->blocks[block];
    int won = 0;
    uint32_t end = b->first_pattern + b->npattern;
    for (uint32_t p = mt_next_possible(ms, b->first_pattern, end); p < end; p = mt_next_possible(ms, p + 1, end)) {
        const dy_pattern *pt = &d->patterns[p];
        const dy_pel *e = &d->pels[pt->first];
        uint32_t star = pt->star;
        uint32_t score = 1;
        int32_t src = -1, tgt = -1;
        mt_region pre = {v->pre0, v->t0}, post = {v->t1, v->post1};
        ms->negword = ms->in_post = ms->tgt_group = 0;
        /* words before the verb may reach back to the verb whose complement
         * holds it: "- INDICATED WOULD * NOW" in "indicated it would act now" */
        mt_region ext = {v->pre_ext, v->t0};
        if (!mt_match_seq(ms, e, star, pre, &score, &src, &tgt) &&
            (ext.t0 >= pre.t0 || (score = 1, src = tgt = -1, !mt_match_seq(ms, e, star, ext, &score, &src, &tgt))))
            continue;
        /* "WORD_*": the word must stand right before the verb ("recently
         * did allow" is not "RECENTLY_*") */
        if (star > 0 && e[star].joined && e[star - 1].kind == DY_PE_WORD &&
            (v->t0 == 0 || ms->st->toks[v->t0 - 1].word != e[star - 1].id))
            continue;
        /* "* _WORD": the word must follow the verb at once */
        if (star + 1 < pt->n && e[star + 1].joined && mt_elem_at(ms, &e[star + 1], v->t1, v->post1) == 0)
            continue;
        ms->in_post = 1;
        if (!mt_match_seq(ms, e + star + 1, pt->n - star - 1, post, &score, &src, &tgt))
            continue;
        if (score > *best) {
            *best = score;
            v->code = pt->code;
            v->pattern = p;
            v->src_m = src;
            v->tgt_m = tgt;
            v->neg_spelled = ms->negword;
            v->tgt_group = ms->tgt_group;
            won = 1;
        }
    }
    return won;
}

/* Choose the verb's code: its own, or the best pattern of its block. A verb
 * listed again in later blocks ("SHOT" twice) keeps the first block's code
 * but has every block's patterns tried. */
static void mt_patterns(mt_state *ms, mt_verb *v)
{
    const struct dyad_dict *d = ms->d;
    uint32_t best = 0, chosen = v->verb;
    v->code = d->verbs[v->verb].code;
    v->pattern = UINT32_MAX;
    v->src_m = v->tgt_m = -1;
    mt_block_patterns(ms, v, d->verbs[v->verb].block, &best);
    for (uint32_t a = 0; a < v->nalt; a++)
        if (mt_block_patterns(ms, v, d->verbs[v->alt[a]].block, &best))
            chosen = v->alt[a];
    v->verb = chosen;
}

/* ------------------------------------------------------------ actors of a phrase */

/* Mentions inside node n (or token span) that belong to it and not to a
 * nested clause. Writes up to cap indices; compound "A and B" yields both. */
static uint32_t mt_phrase_mentions(mt_state *ms, uint32_t t0, uint32_t t1, int32_t *out, uint32_t cap)
{
    const dy_sentence *st = ms->st;
    cd_scratch *s = ms->c->s;
    uint32_t n = 0;
    uint8_t conj[64];
    if (cap > sizeof conj)
        cap = sizeof conj;
    for (uint32_t k = 0; k < s->nm && n < cap; k++) {
        const cd_mention *m = &s->m[k];
        if (m->t0 < t0 || m->t0 >= t1 || !m->code)
            continue;
        if (n > 0) {
            /* a second mention counts only when coordinated with the previous */
            const cd_mention *prev = &s->m[out[n - 1]];
            int coord = 0;
            /* "Fornost and the evil awful Gondor": a coordinator, then only
             * determiners and modifiers */
            int conj_seen = 0;
            for (uint32_t t = prev->t1; t < m->t0; t++) {
                const dy_tok *w = &st->toks[t];
                if (mt_word(w, "AND") || mt_word(w, ",") || mt_word(w, "&") || mt_word(w, "OR") || mt_word(w, "NOR")) {
                    coord = 1;
                    conj_seen |= !mt_word(w, ",");
                }
                else if (!coord || w->pos == DY_POS_PUNCT || w->pos == DY_POS_VERB || w->pos == DY_POS_ADP ||
                         (w->tag[0] == 'V' && w->tag[1] == 'B') || mt_tag(w, "IN")) {
                    coord = 0;
                    break;
                }
            }
            if (!coord)
                break;
            conj[n] = conj_seen;
        }
        out[n++] = (int32_t)k;
    }
    /* "A, B and C" is a list; "A, B" without a conjunction is an apposition
     * or a new clause ("Dagolath, its partner, officials said"): members
     * joined only by commas after the last conjunction are dropped. */
    while (n > 1 && !conj[n - 1])
        n--;
    return n;
}

/* ------------------------------------------------------------ main */

/* Push one event, expanding actor codes written as alternatives
 * ("FRO/BIL/SAM": one event for each). */
static bool mt_push(mt_state *ms, const cd_event *e)
{
    cd_scratch *s = ms->c->s;
    const char *sp = e->source && strchr(e->source, '/') ? e->source : NULL;
    const char *tp = e->target && strchr(e->target, '/') ? e->target : NULL;
    if (!sp && !tp)
        return DY_VEC_PUSH(s->ev, s->nev, s->capev, *e);
    const char *sa = e->source ? e->source : "", *ta = e->target ? e->target : "";
    for (const char *a = sa;;) {
        size_t na = strcspn(a, "/");
        for (const char *b = ta;;) {
            size_t nb = strcspn(b, "/");
            cd_event x = *e;
            x.source = e->source ? dy_arena_strndup(ms->c->arena, a, na) : NULL;
            x.target = e->target ? dy_arena_strndup(ms->c->arena, b, nb) : NULL;
            if ((e->source && !x.source) || (e->target && !x.target) || !DY_VEC_PUSH(s->ev, s->nev, s->capev, x))
                return false;
            if (!b[nb])
                break;
            b += nb + 1;
        }
        if (!a[na])
            break;
        a += na + 1;
    }
    return true;
}

static bool mt_emit_m(mt_state *ms, const mt_verb *v, const cd_mention *src, const cd_mention *tgt);

/* An act written as a noun (tokens t0..t1, head tok) coded with verb vb's
 * own code: no pattern chose it. */
static mt_verb mt_nominal_verb(const struct dyad_dict *d, uint32_t tok, uint32_t t0, uint32_t t1, int32_t vb)
{
    mt_verb v = {0};
    v.tok = tok;
    v.t0 = t0;
    v.t1 = t1;
    v.verb = (uint32_t)vb;
    v.code = d->verbs[vb].code;
    v.pattern = UINT32_MAX;
    return v;
}

static bool mt_emit(mt_state *ms, const mt_verb *v, int32_t sm, int32_t tm)
{
    cd_scratch *s = ms->c->s;
    const cd_mention *src = sm >= 0 ? &s->m[sm] : NULL;
    const cd_mention *tgt = tm >= 0 ? &s->m[tm] : NULL;
    if (src && tgt && !strcmp(src->code, tgt->code) && sm == tm)
        tgt = NULL;
    return mt_emit_m(ms, v, src, tgt);
}

/* Does actor code c carry one of the three-letter codes in list, at a
 * position from `from` on (0: the country too, 3: roles only)? */
static int mt_code_has(const char *c, size_t from, const char *const *list, size_t n)
{
    size_t len = strlen(c);
    for (size_t k = from; k + 3 <= len; k += 3)
        for (size_t q = 0; q < n; q++)
            if (!strncmp(c + k, list[q], 3))
                return 1;
    return 0;
}

/* Raw news: a visit (042) is made, and a host (043) receives, someone
 * holding a public role; private people travelling ("Britons who travelled
 * to Syria", "the family flew to London", "fighters travelled to
 * Afghanistan") or refugees hosted make no visit. A plural makes one only
 * as officials, envoys or an organisation's people. */
static int mt_private(const cd_mention *m)
{
    static const char *const people[] = {"CVL", "REF"};
    static const char *const official[] = {"GOV", "ELI", "LEG", "JUD", "IGO", "NGO"};
    if (mt_code_has(m->code, 0, people, sizeof people / sizeof people[0]))
        return 1;
    return m->gram == CD_G_PLURAL && !mt_code_has(m->code, 0, official, sizeof official / sizeof official[0]);
}

/* Does actor code c bear arms or stand in the street: forces, police,
 * armed groups, civilians? */
static int mt_armed(const char *c)
{
    static const char *const armed[] = {"MIL", "COP", "REB", "UAF", "INS", "SEP", "RAD", "SPY", "CVL", "PPL"};
    return !strncmp(c, "IMG", 3) || mt_code_has(c, 3, armed, sizeof armed / sizeof armed[0]);
}

/* Raw news: states, governments and their leaders who "clashed" with each
 * other ("Qatar has clashed with other Arab states", "the ministers
 * clashed over the budget") disagreed (110); a clash with or between
 * forces, armed groups, police or crowds is physical (190). */
static int mt_verbal_clash(const mt_state *ms, const mt_verb *v, const cd_mention *src, const cd_mention *tgt)
{
    static const char *const clash[] = {"CLASH", "CLASHED", "CLASHES", "CLASHING"};
    return ms->st->source == DY_TREE_SHALLOW && src && tgt && src->code && tgt->code && !strcmp(v->code, "190") &&
           mt_word_in(&ms->st->toks[v->tok], clash, sizeof clash / sizeof clash[0]) && !mt_armed(src->code) &&
           !mt_armed(tgt->code);
}

static bool mt_emit_m(mt_state *ms, const mt_verb *v, const cd_mention *src, const cd_mention *tgt)
{
    cd_event e = {0};
    if (ms->st->source == DY_TREE_SHALLOW &&
        ((src && src->code && !strcmp(v->code, "042") && mt_private(src)) ||
         (tgt && tgt->code && !strcmp(v->code, "043") && mt_private(tgt))))
        return true;
    e.source = src ? src->code : NULL;
    e.target = tgt ? tgt->code : NULL;
    e.code = mt_verbal_clash(ms, v, src, tgt) ? "110" : v->code;
    if (src) {
        e.src_t0 = src->t0;
        e.src_t1 = src->t1;
    }
    if (tgt) {
        e.tgt_t0 = tgt->t0;
        e.tgt_t1 = tgt->t1;
    }
    e.verb_t0 = v->t0;
    e.verb_t1 = v->t1;
    e.pattern = v->pattern;
    e.verb = v->verb;
    e.flags = (uint16_t)((v->passive ? CD_F_PASSIVE : 0) | (v->negated ? CD_F_NEGATED : 0) |
                         (v->inherited ? CD_F_INHERITED : 0) | (v->said ? CD_F_SAID : 0) | (v->combined ? CD_F_COMBINED : 0) |
                         (v->instrument ? CD_F_INSTRUMENT : 0) | (v->result ? CD_F_RESULT : 0) |
                         (ms->st->source == DY_TREE_SHALLOW || ms->st->source == DY_TREE_NONE ? CD_F_SHALLOW : 0));
    if ((src && src->coref) || (tgt && tgt->coref))
        e.flags |= CD_F_COREF;
    /* "032:033": the first code from source to target, the second back again */
    const char *colon = strchr(v->code, ':');
    if (!colon)
        return mt_push(ms, &e);
    cd_event back = e;
    e.code = dy_arena_strndup(ms->c->arena, v->code, (size_t)(colon - v->code));
    back.code = colon + 1;
    back.source = e.target;
    back.target = e.source;
    back.src_t0 = e.tgt_t0;
    back.src_t1 = e.tgt_t1;
    back.tgt_t0 = e.src_t0;
    back.tgt_t1 = e.src_t1;
    if (colon == v->code) /* "[:100]": only the event back from target to source */
        return mt_push(ms, &back);
    if (!colon[1]) /* "[100:]": only the event forward */
        return e.code && mt_push(ms, &e);
    return e.code && mt_push(ms, &e) && mt_push(ms, &back);
}

static void mt_regions_tree(mt_state *ms, mt_verb *v)
{
    const dy_sentence *st = ms->st;
    int32_t leaf = ms->c->s->leaf[v->tok];
    int32_t vp = mt_parent(st, leaf);
    int guard = 0;
    while (vp >= 0 && !mt_is(st, vp, DY_L_VP) && !mt_clause(st, vp) && guard++ < MT_MAX_CLIMB)
        vp = mt_parent(st, vp);
    if (!mt_is(st, vp, DY_L_VP)) {
        v->vp = v->top = -1;
        v->pre0 = v->pre_ext = 0;
        v->post1 = st->ntok;
        return;
    }
    v->vp = vp;
    int32_t top = vp;
    guard = 0;
    while (mt_is(st, mt_parent(st, top), DY_L_VP) && guard++ < MT_MAX_CLIMB)
        top = mt_parent(st, top);
    v->top = top;
    v->subj = mt_subject(st, vp, &v->inherited);
    v->pre0 = v->subj >= 0 && mt_node(st, v->subj)->t0 < v->t0 ? mt_node(st, v->subj)->t0 : mt_node(st, top)->t0;
    v->post1 = mt_node(st, vp)->t1;
    /* the governing verb: up through subjectless clauses ("would acting")
     * to the verb over the first clause that has a subject */
    v->pre_ext = v->pre0;
    int crossed = 0;
    int32_t up = mt_parent(st, top);
    for (guard = 0; up >= 0 && guard < MT_MAX_CLIMB; guard++, up = mt_parent(st, up)) {
        if (mt_is(st, up, DY_L_S)) {
            for (int32_t ch = mt_node(st, up)->first_child; ch >= 0; ch = mt_node(st, ch)->next_sibling)
                crossed |= mt_is(st, ch, DY_L_NP);
        } else if (mt_is(st, up, DY_L_VP)) {
            if (mt_node(st, up)->t0 < v->pre_ext)
                v->pre_ext = mt_node(st, up)->t0;
            if (crossed)
                break;
        } else if (!mt_is(st, up, DY_L_SBAR)) {
            break;
        }
    }
    /* passive: a form of BE (or GET) in the auxiliary chain, and a participle */
    if (mt_tag(&st->toks[v->tok], "VBN")) {
        for (uint32_t t = mt_node(st, top)->t0; t < v->t0; t++)
            if (mt_be_form(&st->toks[t]))
                v->passive = 1;
        if (mt_is(st, mt_parent(st, vp), DY_L_NP)) /* "hostages held by gunmen" */
            v->passive = 1;
    }
    /* raw news: "civilians killed by Russian jets were buried": a past form
     * (not the base form) right before "by" is a participle with its agent,
     * unless "by" belongs to the verb ("stood by") */
    const dy_tok *h = &st->toks[v->tok];
    if (!v->passive && st->source == DY_TREE_SHALLOW && v->t1 == v->tok + 1 && v->t1 < st->ntok &&
        mt_word(&st->toks[v->t1], "BY") && (mt_tag(h, "VBD") || mt_tag(h, "VBN") ||
                                             (mt_tag(h, "VB") && h->word != ms->d->verbs[v->verb].lemma))) {
        v->passive = 1;
        /* "a truce brokered by Moscow": it describes the noun before it */
        v->reduced = v->t0 > 0 && st->toks[v->t0 - 1].tag[0] == 'N';
    }
    /* ... and so with a place, manner or reason between, when a past form
     * right after a noun takes no object ("fighters captured in Syria by
     * US-backed forces", "an activist imprisoned for her views by the
     * regime"); "by" must come before any other verb or punctuation */
    if (!v->passive && st->source == DY_TREE_SHALLOW && v->t0 > 0 && st->toks[v->t0 - 1].tag[0] == 'N' &&
        v->t1 + 1 < st->ntok && (mt_tag(h, "VBD") || mt_tag(h, "VBN")) &&
        (mt_tag(&st->toks[v->t1], "IN") || mt_tag(&st->toks[v->t1], "RB")) && !mt_word(&st->toks[v->t1], "BY")) {
        for (uint32_t t = v->t1 + 1; t < st->ntok && t < v->t1 + 6; t++) {
            const dy_tok *k = &st->toks[t];
            if (k->tag[0] == 'V' || k->tag[0] == 'M' || k->tag[0] == 'W' || k->pos == DY_POS_PUNCT)
                break;
            if (mt_word(k, "BY")) {
                v->passive = v->reduced = 1;
                break;
            }
        }
    }
    for (uint32_t t = mt_node(st, top)->t0; t < v->t0; t++)
        if (mt_neg(&st->toks[t]))
            v->negated = 1;
}

/* Flat clause boundaries: commas, semicolons and conjunctions, except a
 * conjunction joining two actors ("Syria and Jordan"). */
static int mt_boundary(const mt_state *ms, uint32_t t)
{
    const dy_sentence *st = ms->st;
    const dy_tok *k = &st->toks[t];
    if (mt_word(k, ",") || mt_word(k, ";") || mt_word(k, ":"))
        return 1;
    if (mt_word(k, "AND") || mt_word(k, "BUT") || mt_word(k, "OR") || mt_word(k, "NOR")) {
        const int32_t *tm = ms->c->s->tok_mention;
        int compound = t > 0 && t + 1 < st->ntok && tm[t - 1] >= 0 && tm[t + 1] >= 0;
        return !compound;
    }
    return 0;
}

static void mt_regions_flat(mt_state *ms, mt_verb *v)
{
    const dy_sentence *st = ms->st;
    v->vp = v->top = v->subj = -1;
    uint32_t a = v->t0, b = v->t1;
    while (a > 0 && !mt_boundary(ms, a - 1))
        a--;
    while (b < st->ntok && !mt_boundary(ms, b))
        b++;
    v->pre0 = v->pre_ext = a;
    v->post1 = b;
    const dy_tok *h = &st->toks[v->tok];
    if (h->nup > 2 && !strcmp(h->up + h->nup - 2, "ED"))
        for (uint32_t t = v->t0; t-- > a && t + 3 > v->t0;)
            if (mt_be_form(&st->toks[t]))
                v->passive = 1;
    for (uint32_t t = v->t0; t-- > a && t + 3 > v->t0;)
        if (mt_neg(&st->toks[t]))
            v->negated = 1;
}

/* Raw news: "two soldiers were killed in a Kurdish militant attack", "died
 * during Russian shelling": a passive with no agent phrase whose act came
 * in an attack an actor owns; that actor is the agent. */
static int32_t mt_attack_owner(mt_state *ms, const mt_verb *v)
{
    static const char *const attacks[] = {"AIRSTRIKE", "AIRSTRIKES", "ATTACK",  "ATTACKS", "BOMBARDMENT",
                                          "BOMBING",   "OFFENSIVE",  "RAID",    "SHELLING", "STRIKE", "STRIKES"};
    const dy_sentence *st = ms->st;
    const cd_scratch *s = ms->c->s;
    for (uint32_t t = v->t1; t + 2 < st->ntok && t < v->t1 + 4; t++) {
        if (!mt_word(&st->toks[t], "IN") && !mt_word(&st->toks[t], "DURING"))
            continue;
        int32_t owner = -1;
        for (uint32_t k = t + 1; k < st->ntok && k < t + 7; k++) {
            int32_t m = s->tok_mention[k];
            if (m >= 0 && s->m[m].code && strncmp(s->m[m].code, "---", 3) && owner < 0)
                owner = m;
            else if (mt_word_in(&st->toks[k], attacks, sizeof attacks / sizeof attacks[0]))
                return owner;
            else if (m < 0 && !(mt_tag(&st->toks[k], "DT") || mt_tag(&st->toks[k], "JJ") ||
                                mt_tag(&st->toks[k], "NN") || mt_tag(&st->toks[k], "CD")))
                return -1;
        }
        return -1;
    }
    return -1;
}

/* Raw text: an -ing form right after a noun, with no auxiliary, modifies
 * that noun ("Kurdish forces fighting Isis", "rebels fighting the regime").
 * A word in -ed before it is a verb the dictionary lacks ("resumed
 * shelling"). */
static int mt_participle_after_noun(const dy_sentence *st, const mt_verb *v)
{
    if (st->source != DY_TREE_SHALLOW || v->t0 == 0 || v->t0 != v->tok || !mt_tag(&st->toks[v->tok], "VBG"))
        return 0;
    const dy_tok *p = &st->toks[v->t0 - 1];
    return p->tag[0] == 'N' && !(p->nup > 3 && !strcmp(p->up + p->nup - 2, "ED"));
}

/* An SBAR opened by a subordinating conjunction of time, cause or
 * condition ("after", "because", "if"): an adverbial clause. */
static int mt_adverbial(const dy_sentence *st, int32_t sbar)
{
    static const char *const conj[] = {"AFTER", "AS", "BECAUSE", "BEFORE", "IF", "SINCE", "UNTIL", "WHILE"};
    int32_t ch = mt_node(st, sbar)->first_child;
    if (ch < 0 || !mt_is(st, ch, DY_L_TOKEN) || mt_node(st, ch)->tok < 0)
        return 0;
    const dy_tok *t = &st->toks[mt_node(st, ch)->tok];
    for (size_t i = 0; i < sizeof conj / sizeof conj[0]; i++)
        if (mt_word(t, conj[i]))
            return 1;
    return 0;
}

/* Which verb's complement holds verb i? The nearest earlier verb whose VP contains it. */
static void mt_nesting(mt_state *ms)
{
    const dy_sentence *st = ms->st;
    for (uint32_t i = 0; i < ms->nv; i++) {
        ms->v[i].parent_verb = -1;
        for (uint32_t j = i; j-- > 0;) {
            if (ms->v[j].vp >= 0 && ms->v[j].vp != ms->v[i].vp && mt_in(st, ms->v[j].vp, ms->v[i].tok)) {
                /* a relative clause on the object ("secured the release of
                 * Trufanov, who was held by ...", "deployed a gas that killed
                 * ...") describes the object, and an adverbial clause ("...
                 * after Turkey launched an offensive") tells when or why; neither
                 * is a complement of the verb. (dyad's own parse; Penn parses
                 * keep PETRARCH's reading.) */
                int relative = 0;
                for (int32_t n = st->source == DY_TREE_SHALLOW ? ms->v[i].vp : -1, g = 0;
                     n >= 0 && n != ms->v[j].vp && g < MT_MAX_CLIMB; g++) {
                    if (mt_is(st, n, DY_L_SBAR) && (mt_is(st, mt_parent(st, n), DY_L_NP) || mt_adverbial(st, n)))
                        relative = 1;
                    n = mt_parent(st, n);
                }
                /* a participle describing the noun before it ("a
                 * resolution condemning the invasion") is no complement */
                if (st->source == DY_TREE_SHALLOW && (ms->v[i].reduced || mt_participle_after_noun(st, &ms->v[i])))
                    relative = 1;
                if (!relative)
                    ms->v[i].parent_verb = (int32_t)j;
                break;
            }
        }
    }
}

/* Where the clause holding inner verb w starts, seen from outer verb v: the
 * highest S or SBAR above w that is still inside v's phrase. */
static uint32_t mt_clause_start(const mt_state *ms, const mt_verb *v, const mt_verb *w)
{
    const dy_sentence *st = ms->st;
    if (w->top < 0)
        return w->t0;
    uint32_t start = UINT32_MAX; /* a participle inside a noun phrase sets no limit */
    int32_t n = w->top;
    for (int guard = 0; n >= 0 && guard < MT_MAX_CLIMB; guard++) {
        int32_t p = mt_parent(st, n);
        if (p < 0 || p == v->vp || !mt_in(st, v->vp, mt_node(st, p)->t0))
            break;
        if (mt_is(st, p, DY_L_NP) && start == UINT32_MAX)
            break;
        /* a clause under another verb's phrase ("wage war on Rohan until
         * ... seized"): that verb, coded or not, owns what lies before it */
        if (mt_is(st, p, DY_L_VP) && start != UINT32_MAX)
            break;
        if (mt_clause(st, p) && mt_node(st, p)->t0 < start)
            start = mt_node(st, p)->t0;
        n = p;
    }
    return start;
}

/* Raw text: a pronoun opening a clause after the verb ("insisted it was
 * staged", "announced he is convening") is that clause's subject, often the
 * speaker or no one, never what the verb acts on. */
static int mt_clause_pronoun(const dy_sentence *st, const cd_mention *m)
{
    if (m->kind != CD_M_PRONOUN || st->source != DY_TREE_SHALLOW || m->t1 >= st->ntok)
        return 0;
    const dy_tok *n = &st->toks[m->t1];
    return (n->tag[0] == 'V' && n->tag[1] == 'B') || mt_tag(n, "MD");
}

/* Raw text: is mention m on the side of v's source rather than its target?
 * "fighting alongside Kurdish forces", "on the side of the regime", "under
 * the banner of HTS", and for a use of force, "fighting for Isis". "Fought
 * with Isis" names an ally about as often as a foe, so it names neither;
 * "fought against", "battled" or "clashed with" still name the foe. What
 * the source sends ("threatened to send its forces") is its own, too. */
static int mt_ally(const mt_state *ms, const mt_verb *v, const cd_mention *m)
{
    static const char *const with[] = {"ALONGSIDE", "BESIDE", "AMONG", "DESPITE"};
    static const char *const side[] = {"SIDE", "BEHALF", "BANNER", "SUPPORT", "HELP"};
    static const char *const fight[] = {"FIGHT", "FIGHTS", "FIGHTING", "FOUGHT"};
    static const char *const send[] = {"SEND", "SENDS", "SENDING", "SENT", "DEPLOY", "DEPLOYS", "DEPLOYING",
                                       "DISPATCH", "DISPATCHES", "DISPATCHING", "DISPATCHED"};
    const dy_sentence *st = ms->st;
    if (st->source != DY_TREE_SHALLOW)
        return 0;
    uint32_t p = m->t0;
    while (p > v->t1 && p + 4 > m->t0 && (mt_tag(&st->toks[p - 1], "DT") || mt_tag(&st->toks[p - 1], "JJ") ||
                                          mt_tag(&st->toks[p - 1], "CD") || mt_tag(&st->toks[p - 1], "PRP$")))
        p--;
    if (p <= v->t1)
        return 0;
    const dy_tok *w = &st->toks[p - 1];
    if (mt_word_in(w, with, sizeof with / sizeof with[0]))
        return 1;
    if (mt_word(w, "WITH") && p - 1 == v->t1 && mt_word_in(&st->toks[v->tok], fight, sizeof fight / sizeof fight[0]))
        return 1;
    /* a possessive pronoun may carry its referent's tag ("send his forces") */
    static const char *const poss[] = {"HIS", "HER", "ITS", "THEIR", "OUR"};
    if (p - 1 > v->t1 && mt_word_in(w, poss, sizeof poss / sizeof poss[0]))
        w = &st->toks[--p - 1];
    if (p - 1 > v->t1 && mt_word_in(w, send, sizeof send / sizeof send[0]))
        return 1;
    if (mt_word(w, "OF") && p >= 2 && mt_word_in(&st->toks[p - 2], side, sizeof side / sizeof side[0]))
        return 1;
    int force = v->code && (!strncmp(v->code, "18", 2) || !strncmp(v->code, "19", 2) || !strncmp(v->code, "20", 2));
    return force && mt_word(w, "FOR");
}

/* Raw text: is mention m where or what v's meeting, deal or cooperation
 * was about ("signed a peace agreement in Jeddah", "held talks in Ankara
 * about Syria")? A place or topic after "in", "at", "about", "over" or "on"
 * is no partner; a visit's place is its target. */
static int mt_venue(const mt_state *ms, const mt_verb *v, const cd_mention *m)
{
    const dy_sentence *st = ms->st;
    if (st->source != DY_TREE_SHALLOW || !v->code || !(v->code[0] == '0' && strchr("456", v->code[1])) ||
        !strncmp(v->code, "042", 3) || !strncmp(v->code, "043", 3))
        return 0;
    uint32_t p = m->t0;
    while (p > v->t1 && p + 3 > m->t0 && (mt_tag(&st->toks[p - 1], "DT") || mt_tag(&st->toks[p - 1], "JJ")))
        p--;
    static const char *const preps[] = {"IN", "AT", "ABOUT", "OVER", "ON"};
    return p > v->t1 && mt_word_in(&st->toks[p - 1], preps, sizeof preps / sizeof preps[0]);
}

/* Raw news: a plain statement (010) is about, or made to, its object or
 * the actor after "to"; an actor deeper in what was announced ("announced
 * the downfall of Islamic State", "declared that years of US policy were
 * over", "announced a plan to draw the Taliban in") or the subject of a
 * clause it reports ("declared Syria could become") is its topic, not its
 * target; and so is the subject of a clause agreed on (030). */
static int mt_said_about(const mt_state *ms, const mt_verb *v, const cd_mention *m)
{
    const dy_sentence *st = ms->st;
    /* an agreement on what is so ("ministers agreed the Syrian government
     * was responsible") is made with no one in that clause */
    int agreed = v->code && !strcmp(v->code, "030");
    if (st->source != DY_TREE_SHALLOW || !v->code || (strcmp(v->code, "010") && !agreed))
        return 1;
    for (uint32_t t = v->t1; t < m->t0 && !agreed; t++) {
        const dy_tok *k = &st->toks[t];
        if (k->tag[0] == 'V' || k->tag[0] == 'M' || (k->tag[0] == 'I' && k->tag[1] == 'N') ||
            (k->tag[0] == 'T' && k->tag[1] == 'O' && t + 1 < m->t0))
            return 0;
    }
    const dy_tok *after = m->t1 < st->ntok ? &st->toks[m->t1] : NULL;
    return !after || (after->tag[0] != 'V' && after->tag[0] != 'M');
}

static const char *const mt_rel_words[] = {"WHO", "WHOSE", "WHICH", "WHERE", "WHOM"};

/* Default target: the first mention after the verb inside its phrase that is
 * not inside the complement clause of a nested coded verb. */
static int32_t mt_default_target(mt_state *ms, const mt_verb *v, uint32_t self, const char *src)
{
    cd_scratch *s = ms->c->s;
    uint32_t lim = v->post1;
    /* raw news: an infinitive after the object says what it is for ("sought
     * a fee to receive remnants of the group"); its object is no target,
     * but for aid and material conflict (roots 15-20), whose purpose names
     * whom they serve or strike ("launched an offensive to oust Kurdish
     * forces", "used force to end the siege, which killed hostages") */
    int purpose = v->code && (!strncmp(v->code, "07", 2) || (v->code[0] == '1' && v->code[1] >= '5') ||
                              !strncmp(v->code, "20", 2));
    for (uint32_t t = v->t1 + 1; ms->st->source == DY_TREE_SHALLOW && !purpose && t + 1 < lim; t++)
        if (mt_word(&ms->st->toks[t], "TO") && mt_tag(&ms->st->toks[t + 1], "VB") && s->tok_mention[t - 1] < 0)
            lim = t;
    /* raw news: a relative clause on a thing the verb names ("retreated to
     * the area in which US forces are present") describes it; force is done
     * to those in it ("stormed the theatre where rebels held hostages") */
    static const char *const rel[] = {"WHICH", "WHERE", "WHOM", "WHOSE"};
    for (uint32_t t = v->t1 + 1; ms->st->source == DY_TREE_SHALLOW && !purpose && t < lim; t++)
        if (mt_word_in(&ms->st->toks[t], rel, sizeof rel / sizeof rel[0]) && s->tok_mention[t - 1] < 0 &&
            (t < 2 || s->tok_mention[t - 2] < 0))
            lim = t;
    for (uint32_t j = self + 1; j < ms->nv; j++)
        if (ms->v[j].parent_verb == (int32_t)self && !cd_null_code(ms->v[j].code)) {
            uint32_t start = mt_clause_start(ms, v, &ms->v[j]);
            if (start > v->t1 && start < lim)
                lim = start;
        } else if (ms->v[j].parent_verb == (int32_t)self && ms->v[j].content && ms->st->source == DY_TREE_SHALLOW) {
            /* raw text: what was denied is no target of the denial */
            uint32_t start = mt_clause_start(ms, v, &ms->v[j]);
            if (start >= v->t1 && start < lim)
                lim = start;
        }
    uint32_t ally_end = UINT32_MAX; /* token after an ally's phrase */
    for (uint32_t k = 0; k < s->nm; k++) {
        const cd_mention *m = &s->m[k];
        int ally = m->t0 >= v->t1 && m->t0 < lim && m->code && mt_ally(ms, v, m);
        /* the ally's place is no target either ("fighting alongside
         * Kurdish forces in Afrin") */
        int place = ally_end < ms->st->ntok && m->t0 == ally_end + 1 && mt_word(&ms->st->toks[ally_end], "IN");
        if (ally || place || (m->t0 >= v->t1 && m->t0 < lim && m->code && mt_venue(ms, v, m))) {
            int32_t members[8];
            k += mt_phrase_mentions(ms, m->t0, lim, members, 8) - 1; /* and whoever is coordinated with it */
            ally_end = ally ? s->m[k].t1 : UINT32_MAX;
            continue;
        }
        /* "Sam began to question whether he ...": a pronoun standing for
         * the source is the source again, not the target */
        if (m->t0 >= v->t1 && m->t0 < lim && m->code &&
            !(m->kind == CD_M_PRONOUN && src && !strcmp(src, m->code)) && !mt_clause_pronoun(ms->st, m))
            return mt_said_about(ms, v, m) ? (int32_t)k : -1;
    }
    return -1;
}

/* Does lower verb j hang off upper verb k as its complement? With a tree,
 * the nesting says so; flat, the next verb counts when "to" introduces it
 * ("agreed to release") or, for statements, when an actor comes between
 * ("said Belmont shelled"). */
static int mt_governs(mt_state *ms, uint32_t k, uint32_t j, int statement)
{
    const mt_verb *u = &ms->v[k], *l = &ms->v[j];
    if (u->vp >= 0) {
        if (l->parent_verb != (int32_t)k)
            return 0;
        /* a clause inside a noun phrase modifies the noun ("Corsaria, which
         * attacked Belmont"); it is no complement of the upper verb */
        int32_t n = l->top;
        for (int guard = 0; n >= 0 && n != u->vp && guard < MT_MAX_CLIMB; guard++) {
            n = mt_parent(ms->st, n);
            if (mt_is(ms->st, n, DY_L_NP))
                return 0;
        }
        return 1;
    }
    if (j != k + 1 || l->t0 > u->post1)
        return 0;
    if (l->t0 > 0 && mt_word(&ms->st->toks[l->t0 - 1], "TO"))
        return 1;
    return statement && mt_mention_from(ms, u->t1, l->t0) >= 0;
}

/* The auxiliary words in front of a verb: modals ("will"), negation. */
static void mt_aux(mt_state *ms, mt_verb *v)
{
    const dy_sentence *st = ms->st;
    uint32_t from = v->top >= 0 ? st->nodes[v->top].t0 : (v->t0 > 3 ? v->t0 - 3 : 0);
    if (from < v->pre0)
        from = v->pre0;
    const char *modal = NULL;
    int maybe = 0;
    for (uint32_t t = from; t < v->t0; t++) {
        const char *code = dy_code_modal(st->toks[t].up, v->code);
        if (code && !modal) {
            modal = code;
            break;
        }
        maybe |= mt_hypothetical(&st->toks[t]);
    }
    /* dyad's parse of raw news: "could attack", "should release" report no
     * act ("will", "would" follow modal_intent below) */
    if (st->source == DY_TREE_SHALLOW && !v->negated && maybe && !modal) {
        v->code = NULL;
        return;
    }
    /* raw news: "will"/"would" under a condition ("said it would strike
     * back if", "if they attack, we will respond") is a threat when the act
     * is hostile, and no event otherwise ("would welcome a takeover if") */
    if (st->source == DY_TREE_SHALLOW && !v->negated && modal && mt_conditioned(st, v->t0, v->t1)) {
        v->code = strncmp(modal, "13", 2) ? NULL : modal;
        v->combined = v->code != NULL;
        return;
    }
    if (v->negated) {
        /* A pattern that spells out the negation ("DIDN'T * ...") already
         * chose the code; otherwise "did not attack" is no event (NULL). */
        if (v->pattern == UINT32_MAX || !v->neg_spelled)
            v->code = dy_code_negate(v->code);
    } else if (modal && ms->c->opts->modal_intent) {
        v->code = modal;
        v->combined = 1;
    }
}

/* Verb-verb interaction: reported speech passes the clause through;
 * stance verbs (appeal, intend, demand, refuse, threaten) combine with the
 * verb they govern into one code (src/code/combine.h). */
static void mt_compose(mt_state *ms)
{
    for (uint32_t k = 0; k < ms->nv; k++)
        if (!cd_null_code(ms->v[k].code))
            mt_aux(ms, &ms->v[k]);
    for (uint32_t k = 0; k < ms->nv; k++) {
        mt_verb *u = &ms->v[k];
        if (u->content) {
            /* what the content's own complements say is content too:
             * "to be allowed to leave Lorien" */
            for (uint32_t j = k + 1; j < ms->nv; j++)
                if (ms->v[j].inherited && !cd_null_code(ms->v[j].code) && mt_governs(ms, k, j, 0)) {
                    ms->v[j].code = NULL;
                    ms->v[j].content = 1;
                }
            continue;
        }
        if (cd_null_code(u->code))
            continue;
        int statement = !strncmp(u->code, "01", 2);
        for (uint32_t j = k + 1; j < ms->nv; j++) {
            mt_verb *l = &ms->v[j];
            if (cd_null_code(l->code) || !mt_governs(ms, k, j, statement))
                continue;
            if (statement && !strncmp(u->code, "016", 3) && ms->st->source == DY_TREE_SHALLOW) {
                /* raw news: "the Kremlin denied that Russian jets had
                 * bombed civilians" reports a denial, not the bombing */
                l->code = NULL;
                l->content = 1;
                break;
            }
            if (statement) {
                l->said = 1;
                u->code = NULL; /* the statement itself is not an event */
                break;
            }
            const char *c = dy_code_combine(u->code, l->code);
            if (!c) {
                /* "called on Gondor to be allowed to leave": the complement
                 * is the content of the upper act, not an act of its own */
                if (l->inherited) {
                    l->code = NULL;
                    l->content = 1;
                }
                continue;
            }
            l->code = c;
            l->combined = 1;
            l->upper = (int32_t)k;
            if (l->src_m < 0 && u->src_m >= 0)
                l->src_m = u->src_m;
            if (l->subj < 0)
                l->subj = u->subj;
            u->code = NULL;
            break;
        }
    }
}

/* ------------------------------------------------------------ who is responsible */

/* People held hostage are civilians (CVL), as CAMEO's agents class them.
 * When a verb or a result finds no target and the agents dictionary has no
 * entry for them (Phoenix has none), "hostages" or "captives" in the object
 * is the target: "took 30 hostages", "a gas that killed 132 hostages".
 * Their country is the acting state's when the source is one (a state
 * storming, freeing or killing hostages acts where it rules, or for its
 * own), else unknown ("---CVL": "Hamas released 24 hostages" says nothing
 * of theirs, nor does the state that reports it). The singular counts
 * after a determiner and not before a noun ("the hostage crisis"). */
static int mt_held_noun(const dy_sentence *st, uint32_t i)
{
    const dy_tok *t = &st->toks[i];
    if (t->up[0] != 'H' && t->up[0] != 'C')
        return 0;
    if (mt_word(t, "HOSTAGES") || mt_word(t, "CAPTIVES"))
        return 1;
    if (!(mt_word(t, "HOSTAGE") || mt_word(t, "CAPTIVE")) || i == 0)
        return 0;
    static const char *const det[] = {"A", "THE", "ONE", "EACH", "ANOTHER", "ITS", "THEIR", "HIS", "HER"};
    if (!mt_word_in(&st->toks[i - 1], det, sizeof det / sizeof det[0]))
        return 0;
    const dy_tok *n = i + 1 < st->ntok ? &st->toks[i + 1] : NULL;
    return !n || n->pos == DY_POS_PUNCT || n->pos == DY_POS_AUX || n->pos == DY_POS_ADP || n->pos == DY_POS_CONJ ||
           (n->tag[0] && n->tag[0] != 'N');
}

/* The held people among tokens [t0, t1) that no dictionary entry covers, as
 * a mention in *m (its code in the document arena), for an act by `src`.
 * Returns 0 when none. */
static int mt_held_target(mt_state *ms, uint32_t t0, uint32_t t1, const char *src, cd_mention *m)
{
    const dy_sentence *st = ms->st;
    cd_scratch *s = ms->c->s;
    for (uint32_t i = t0; i < t1 && i < st->ntok; i++) {
        if (s->tok_mention[i] >= 0 || !mt_held_noun(st, i))
            continue;
        const char *who = src && cd_state_actor(src) ? src : "---";
        char code[8];
        snprintf(code, sizeof code, "%.3sCVL", who);
        memset(m, 0, sizeof *m);
        m->t0 = i;
        m->t1 = i + 1;
        m->code = dy_arena_strndup(ms->c->arena, code, strlen(code));
        m->kind = CD_M_AGENT;
        return m->code != NULL;
    }
    return 0;
}

/* Verbs whose object is an instrument the subject sets to work (Levin's
 * "use" and "throw" classes, and weapons' verbs): "deployed a gas that
 * killed", "fired a missile that struck". Not "send" or "release", whose
 * object may be a person acting on their own. */
static int mt_use_verb(const dy_tok *t)
{
    static const char *const forms[] = {
        "USE", "USED", "USES", "USING", "EMPLOY", "EMPLOYED", "EMPLOYS", "EMPLOYING",
        "UTILIZE", "UTILIZED", "UTILIZES", "UTILIZING", "UTILISE", "UTILISED", "UTILISES", "UTILISING",
        "DEPLOY", "DEPLOYED", "DEPLOYS", "DEPLOYING", "FIRE", "FIRED", "FIRES", "FIRING",
        "LAUNCH", "LAUNCHED", "LAUNCHES", "LAUNCHING", "DETONATE", "DETONATED", "DETONATES", "DETONATING",
        "DROP", "DROPPED", "DROPS", "DROPPING", "PLANT", "PLANTED", "PLANTS", "PLANTING",
        "UNLEASH", "UNLEASHED", "UNLEASHES", "UNLEASHING", "THROW", "THREW", "THROWN", "THROWS", "THROWING",
        "HURL", "HURLED", "HURLS", "HURLING", "SPRAY", "SPRAYED", "SPRAYS", "SPRAYING",
        "PUMP", "PUMPED", "PUMPS", "PUMPING", "WIELD", "WIELDED", "WIELDS", "WIELDING"};
    return mt_word_in(t, forms, sizeof forms / sizeof forms[0]);
}

/* "Russian special forces deployed a chemical gas that killed 132
 * hostages": the clause's subject is a thing, the object of a use verb, so
 * it is an instrument (the instrument-subject alternation, "the key opened
 * the door"): the one who used it is the agent of what it did. v's subject
 * holds no actor; fills srcs with the user's mentions. */
static uint32_t mt_instrument(mt_state *ms, const mt_verb *v, int32_t *srcs, uint32_t cap)
{
    const dy_sentence *st = ms->st;
    int32_t np = v->subj, vp = mt_parent(st, np);
    /* v's clause modifies the noun phrase (a relative clause or participle) */
    if (np < 0 || !mt_in(st, np, v->tok) || !mt_is(st, vp, DY_L_VP))
        return 0;
    int32_t ch = mt_node(st, vp)->first_child;
    if (ch < 0 || !mt_is(st, ch, DY_L_TOKEN))
        return 0;
    uint32_t head = (uint32_t)mt_node(st, ch)->tok;
    if (!mt_use_verb(&st->toks[head]))
        return 0;
    uint8_t inherited = 0;
    int32_t subj = mt_subject(st, vp, &inherited);
    if (subj < 0)
        return 0;
    uint32_t s0 = mt_node(st, subj)->t0, s1 = mt_node(st, subj)->t1;
    return mt_phrase_mentions(ms, s0, s1 < head ? s1 : head, srcs, cap);
}

/* Nouns that name an act, with the verb that names it; "death" is what
 * killing causes. */
static const char *mt_act_noun(const dy_tok *t)
{
    static const char *const map[][2] = {
        {"DEATH", "KILL"},       {"DEATHS", "KILL"},       {"KILLING", "KILL"},     {"KILLINGS", "KILL"},
        {"MURDER", "MURDER"},    {"MURDERS", "MURDER"},    {"EXECUTION", "EXECUTE"}, {"EXECUTIONS", "EXECUTE"},
        {"WOUNDING", "WOUND"},   {"ARREST", "ARREST"},     {"ARRESTS", "ARREST"},   {"DETENTION", "DETAIN"},
        {"EXPULSION", "EXPEL"},  {"DESTRUCTION", "DESTROY"}, {"ABDUCTION", "ABDUCT"}, {"KIDNAPPING", "KIDNAP"},
        {"CAPTURE", "CAPTURE"},  {"RELEASE", "RELEASE"},   {"DISPLACEMENT", "DISPLACE"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (t->up[0] == map[i][0][0] && !strcmp(t->up, map[i][0]))
            return map[i][1];
    return NULL;
}

/* The dictionary verb whose base form is `lemma` (a one-word form), or -1. */
static int64_t mt_verb_named(const struct dyad_dict *d, const char *lemma)
{
    uint32_t w = dy_lex_find(&d->lex, lemma, strlen(lemma));
    const uint32_t *list;
    uint32_t n = w ? dy_dict_forms_for(d, w, &list) : 0;
    for (uint32_t k = 0; k < n; k++) {
        const dy_verb_form *f = &d->forms[list[k]];
        if (f->nwords == 1 && d->verbs[f->verb].lemma == w)
            return f->verb;
    }
    return -1;
}

/* "X employed force ..., which resulted in the deaths of Y", "X stormed the
 * school, causing the deaths of Y", "X's raid led to the deaths of Y": a
 * causative predicate (result in, lead to, cause) whose object is an act
 * noun with its patient ("the deaths of Y") reports that act, done by
 * whoever caused it: X KILL Y, with the dictionary's code for the verb. The
 * causer of a sentential relative (", which resulted") or a result
 * participle (", causing") is the agent of the clause before it; of a
 * finite predicate, its subject's actor ("X's raid", "the raid by X"). */
static int mt_results(mt_state *ms)
{
    const dy_sentence *st = ms->st;
    const struct dyad_dict *d = ms->d;
    cd_scratch *s = ms->c->s;
    static const char *const cause[] = {"CAUSED", "CAUSE", "CAUSES", "CAUSING"};
    static const char *const result[] = {"RESULTED", "RESULT", "RESULTS", "RESULTING"};
    static const char *const lead[] = {"LED", "LEAD", "LEADS", "LEADING"};
    for (uint32_t p = 1; p + 3 < st->ntok; p++) {
        const dy_tok *t = &st->toks[p];
        if (t->up[0] != 'C' && t->up[0] != 'R' && t->up[0] != 'L')
            continue;
        uint32_t obj;
        if (mt_word_in(t, cause, 4))
            obj = p + 1;
        else if ((mt_word_in(t, result, 4) && mt_word(&st->toks[p + 1], "IN")) ||
                 (mt_word_in(t, lead, 4) && mt_word(&st->toks[p + 1], "TO")))
            obj = p + 2;
        else
            continue;
        /* the act noun: after at most three words (determiners, modifiers) */
        uint32_t n = obj;
        const char *lemma = NULL;
        for (; n < obj + 4 && n + 2 < st->ntok && !lemma; n++) {
            if (st->toks[n].pos == DY_POS_PUNCT || mt_word(&st->toks[n], "OF"))
                break;
            lemma = mt_act_noun(&st->toks[n]);
        }
        if (!lemma || !mt_word(&st->toks[n], "OF"))
            continue;
        uint32_t noun = n - 1;
        int64_t vb = mt_verb_named(d, lemma);
        if (vb < 0 || cd_null_code(d->verbs[vb].code))
            continue;
        /* the patient: the first actor in the "of" phrase, up to a clause break */
        int32_t tgt = -1;
        for (uint32_t k = n + 1; k < st->ntok && k < n + 10 && tgt < 0; k++) {
            if (mt_boundary(ms, k) || st->toks[k].pos == DY_POS_PUNCT)
                break;
            if (s->tok_mention[k] >= 0 && s->m[s->tok_mention[k]].code)
                tgt = s->tok_mention[k];
        }
        cd_mention held;
        uint32_t stop = n + 1;
        while (stop < st->ntok && stop < n + 10 && !mt_boundary(ms, stop) && st->toks[stop].pos != DY_POS_PUNCT)
            stop++;
        /* the causer */
        int32_t srcs[8];
        uint32_t ns = 0;
        const dy_tok *before = &st->toks[p - 1];
        int relative = (mt_word(before, "WHICH") || mt_word(before, "THAT")) && p >= 2 && mt_word(&st->toks[p - 2], ",");
        int participle = mt_word(before, ",") && t->nup > 3 && !strcmp(t->up + t->nup - 3, "ING");
        if (relative || participle) {
            uint32_t comma = relative ? p - 2 : p - 1;
            int32_t ante = comma > 0 ? s->tok_mention[comma - 1] : -1;
            /* an antecedent acts only as a subject, not as an object ("stormed
             * the school, which resulted in ...": the storming did) */
            for (uint32_t k = 0; k < ms->nv && ante >= 0; k++) {
                const mt_verb *w = &ms->v[k];
                if (w->t1 <= s->m[ante].t0 && (w->vp < 0 || mt_in(st, w->vp, s->m[ante].t0)))
                    ante = -1;
            }
            if (relative && ante >= 0 && s->m[ante].code) {
                srcs[ns++] = ante; /* "Corsaria, which caused the deaths of ...": the antecedent acts */
            } else {
                /* the agent of the nearest clause before it */
                for (uint32_t k = ms->nv; k-- > 0 && !ns;) {
                    const mt_verb *w = &ms->v[k];
                    if (w->t0 >= comma || w->subj < 0)
                        continue;
                    uint32_t s0 = mt_node(st, w->subj)->t0, s1 = mt_node(st, w->subj)->t1;
                    if (s0 < w->t0)
                        ns = mt_phrase_mentions(ms, s0, s1 < w->t0 ? s1 : w->t0, srcs, 8);
                }
            }
        } else {
            /* the predicate's own subject: an actor opening the clause, or
             * one owning it ("X's raid") or named as its agent ("by X") */
            uint32_t c0 = p;
            while (c0 > 0 && !mt_boundary(ms, c0 - 1))
                c0--;
            for (uint32_t k = c0; k < p && !ns; k++) {
                int32_t m = s->tok_mention[k];
                if (m < 0 || !s->m[m].code || s->m[m].t0 != k)
                    continue;
                uint32_t e = s->m[m].t1;
                int opens = k == c0 || (k == c0 + 1 && mt_word(&st->toks[c0], "THE"));
                int owns = e < p && mt_word(&st->toks[e], "'S");
                int by = k > c0 && mt_word(&st->toks[k - 1], "BY");
                if (opens || owns || by)
                    srcs[ns++] = m;
            }
        }
        if (tgt < 0 && (!ns || !mt_held_target(ms, n + 1, stop, s->m[srcs[0]].code, &held)))
            continue;
        mt_verb v = mt_nominal_verb(d, noun, noun, noun + 1, vb);
        v.result = 1;
        for (uint32_t a = 0; a < ns; a++)
            if (!(tgt >= 0 ? mt_emit(ms, &v, srcs[a], tgt) : mt_emit_m(ms, &v, &s->m[srcs[a]], &held)))
                return -1;
        p = n;
    }
    return 0;
}

/* ------------------------------------------------------------ acts named by nouns */

/* Nouns that name an act, the dictionary verbs that name it (the first one
 * the dictionary has), and how the noun takes its actors: NM_OWN "Russia's
 * attack on Ukraine" (agent before, patient after a preposition), NM_OF
 * "the arrest of X by Y", NM_FACE "X faced criticism from Y". */
enum { NM_OWN = 1, NM_OF = 2, NM_FACE = 4 };
typedef struct mt_noun {
    const char *noun, *verb, *alt;
    uint8_t how;
} mt_noun;

static const mt_noun *mt_noun_act(const dy_tok *t)
{
    static const mt_noun nouns[] = {
        {"ABDUCTION", "ABDUCT", NULL, NM_OF},
        {"ACCUSATIONS", "ACCUSE", NULL, NM_FACE},
        {"ARREST", "ARREST", NULL, NM_OF},
        {"ARRESTS", "ARREST", NULL, NM_OF},
        {"ASSAULT", "ASSAULT", "ATTACK", NM_OWN},
        {"ATTACK", "ATTACK", NULL, NM_OWN | NM_FACE},
        {"ATTACKS", "ATTACK", NULL, NM_OWN | NM_FACE},
        {"BOMBARDMENT", "BOMBARD", NULL, NM_OWN},
        {"BOMBING", "BOMB", NULL, NM_OWN | NM_OF},
        {"CAPTURE", "CAPTURE", NULL, NM_OF},
        {"CONDEMNATION", "CONDEMN", NULL, NM_FACE},
        {"CRITICISM", "CRITICIZE", "CRITICISE", NM_FACE},
        {"DETENTION", "DETAIN", NULL, NM_OF},
        {"EXECUTION", "EXECUTE", NULL, NM_OF},
        {"EXPULSION", "EXPEL", NULL, NM_OF},
        {"INVASION", "INVADE", NULL, NM_OWN | NM_OF},
        {"KIDNAPPING", "KIDNAP", "ABDUCT", NM_OF},
        {"KILLING", "KILL", NULL, NM_OF},
        {"KILLINGS", "KILL", NULL, NM_OF},
        {"MURDER", "MURDER", "KILL", NM_OF},
        {"OFFENSIVE", "ATTACK", NULL, NM_OWN},
        {"RAID", "RAID", "ATTACK", NM_OWN},
        {"SANCTIONS", "SANCTION", NULL, NM_FACE},
        {"SHELLING", "SHELL", NULL, NM_OWN | NM_OF},
        {"SIEGE", "BESIEGE", NULL, NM_OWN | NM_OF},
        {"THREATS", "THREATEN", NULL, NM_FACE},
    };
    const char c = t->up[0];
    if (c != 'A' && c != 'B' && c != 'C' && c != 'D' && c != 'E' && c != 'I' && c != 'K' && c != 'M' &&
        c != 'O' && c != 'R' && c != 'S' && c != 'T')
        return NULL;
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
        if (mt_word(t, nouns[i].noun))
            return &nouns[i];
    return NULL;
}

/* Words before an act noun that say it has not happened ("the threat of a
 * Russian attack", "a possible offensive", "any attack"). */
static int mt_noun_irrealis(const dy_sentence *st, uint32_t n)
{
    static const char *const w[] = {"ANY", "NO", "POSSIBLE", "POTENTIAL", "PLANNED", "FUTURE", "IMMINENT",
                                    "THREAT", "THREATENED", "FEAR", "FEARS", "PROSPECT", "RISK", "NEW"};
    for (uint32_t t = n > 4 ? n - 4 : 0; t < n; t++)
        if (mt_word_in(&st->toks[t], w, sizeof w / sizeof w[0]))
            return 1;
    return 0;
}

/* The first actor mention in [t, t + span) before punctuation or a verb. */
static int32_t mt_noun_actor(const mt_state *ms, uint32_t t, uint32_t span)
{
    const dy_sentence *st = ms->st;
    const cd_scratch *s = ms->c->s;
    for (uint32_t k = t; k < st->ntok && k < t + span; k++) {
        int32_t m = s->tok_mention[k];
        if (m >= 0)
            return s->m[m].code && !cd_null_actor(s->m[m].code) && s->m[m].t0 == k ? m : -1;
        const dy_tok *w = &st->toks[k];
        if (w->pos == DY_POS_PUNCT || w->tag[0] == 'V' || mt_tag(w, "MD") || mt_word(w, "AND") ||
            mt_word(w, "WHO") || mt_word(w, "WHICH") || mt_word(w, "THAT"))
            return -1;
    }
    return -1;
}

/* An actor mention ending right before token t, with at most `gap`
 * modifiers or a possessive between ("Russia's brutal attack", "the Turkish
 * offensive"). */
static int32_t mt_noun_owner(const mt_state *ms, uint32_t t, uint32_t gap)
{
    const dy_sentence *st = ms->st;
    const cd_scratch *s = ms->c->s;
    for (uint32_t k = t; k-- > 0 && k + gap + 2 > t;) {
        int32_t m = s->tok_mention[k];
        if (m >= 0) {
            if (!s->m[m].code || cd_null_actor(s->m[m].code) || s->m[m].kind == CD_M_PRONOUN)
                return -1;
            return m;
        }
        const dy_tok *w = &st->toks[k];
        if (mt_word(w, "'S") || mt_word(w, "'"))
            continue;
        if (!(mt_tag(w, "JJ") || mt_tag(w, "NN") || mt_tag(w, "RB")) || w->pos == DY_POS_PUNCT)
            return -1;
    }
    return -1;
}

/* Has an event already been coded from token n (the noun read as a verb)? */
static int mt_coded_at(const cd_scratch *s, uint32_t n)
{
    for (uint32_t k = 0; k < s->nev; k++)
        if (s->ev[k].verb_t0 == n)
            return 1;
    return 0;
}

/* "Baghdad and Washington are in talks", "Iran is in talks with Iraq": the
 * clause's subject negotiates (the dictionary's NEGOTIATE) with the actor
 * after "with", else its members with each other. n is "talks". */
static int mt_in_talks(mt_state *ms, uint32_t n)
{
    const dy_sentence *st = ms->st;
    cd_scratch *s = ms->c->s;
    int64_t vb = mt_verb_named(ms->d, "NEGOTIATE");
    /* a dictionary that files NEGOTIATE under another root (Phoenix: 080)
     * says nothing of talks */
    if (vb < 0 || cd_null_code(ms->d->verbs[vb].code) || strncmp(ms->d->verbs[vb].code, "04", 2))
        return 0;
    uint32_t be = n - 2, c0 = be;
    while (c0 > 0 && !mt_boundary(ms, c0 - 1))
        c0--;
    int32_t srcs[8], tgt = n + 2 < st->ntok && mt_word(&st->toks[n + 1], "WITH") ? mt_noun_actor(ms, n + 2, 4) : -1;
    uint32_t ns = mt_phrase_mentions(ms, c0, be, srcs, 8);
    /* the subject ends at the verb group: only auxiliaries and adverbs between */
    uint32_t e = ns ? s->m[srcs[ns - 1]].t1 : be;
    for (uint32_t k = e; k < be && ns; k++)
        if (!(mt_be_form(&st->toks[k]) || mt_tag(&st->toks[k], "RB") || mt_tag(&st->toks[k], "MD") ||
              st->toks[k].tag[0] == 'V'))
            ns = 0;
    mt_verb v = mt_nominal_verb(ms->d, n, n, n + 1, vb);
    for (uint32_t a = 0; a < ns; a++) {
        if (cd_null_actor(s->m[srcs[a]].code))
            continue;
        if (tgt >= 0 && strcmp(s->m[srcs[a]].code, s->m[tgt].code) && !mt_emit(ms, &v, srcs[a], tgt))
            return -1;
        for (uint32_t b = 0; tgt < 0 && b < ns; b++)
            if (b != a && !cd_null_actor(s->m[srcs[b]].code) && !mt_emit(ms, &v, srcs[a], srcs[b]))
                return -1;
    }
    return 0;
}

/* "Bolton and Dunford are in Turkey", "the Iranian president was in Moscow":
 * office holders in another state are visiting it (the dictionary's VISIT,
 * when it files it under root 04). n is "in". Troops and other plurals are
 * stationed, not visiting, so every member of the subject names a person. */
static int mt_visit_stay(mt_state *ms, uint32_t n)
{
    cd_scratch *s = ms->c->s;
    int32_t tgt = s->tok_mention[n + 1];
    const cd_mention *place = &s->m[tgt];
    int64_t vb = mt_verb_named(ms->d, "VISIT");
    if (place->t0 != n + 1 || place->kind != CD_M_ACTOR || !place->code || strlen(place->code) != 3 || vb < 0 ||
        cd_null_code(ms->d->verbs[vb].code) || strncmp(ms->d->verbs[vb].code, "04", 2))
        return 0;
    uint32_t be = n - 1, c0 = be;
    while (c0 > 0 && !mt_boundary(ms, c0 - 1))
        c0--;
    int32_t srcs[8];
    uint32_t ns = mt_phrase_mentions(ms, c0, be, srcs, 8);
    if (!ns || s->m[srcs[ns - 1]].t1 != be)
        return 0; /* the subject ends at "is" */
    for (uint32_t a = 0; a < ns; a++)
        if (s->m[srcs[a]].gram != CD_G_PERSON || !strncmp(s->m[srcs[a]].code, "---", 3))
            return 0;
    mt_verb v = mt_nominal_verb(ms->d, n - 1, n - 1, n + 1, vb);
    for (uint32_t a = 0; a < ns; a++)
        if (strncmp(s->m[srcs[a]].code, place->code, 3) && !mt_emit(ms, &v, srcs[a], tgt))
            return -1;
    return 0;
}

/* Raw news: an act written as a noun with both its actors named codes as
 * the act ("Russia's attack on Ukraine", "the arrest of the journalist by
 * Turkish police", "Putin has faced sharp western criticism"), with the
 * code of the dictionary verb that names it. Only when it is told as done:
 * not after "the threat of", "a possible", "any". */
static int mt_nominals(mt_state *ms)
{
    const dy_sentence *st = ms->st;
    const struct dyad_dict *d = ms->d;
    cd_scratch *s = ms->c->s;
    static const char *const face[] = {"FACE",     "FACED",    "FACES",    "FACING",    "DREW",    "DRAWN",
                                       "DRAWS",    "DRAWING",  "RECEIVED", "RECEIVES",  "ATTRACTED", "UNDER",
                                       "PROMPTED", "PROMPTING", "SPARKED", "SPARKING"};
    static const char *const preps[] = {"ON", "AGAINST", "OF", "INTO"};
    static const char *const after[] = {"ON", "AGAINST", "OF", "INTO", "FROM"};
    uint32_t last_face = 0; /* 1 + the last "faced", "drew", "under" seen */
    for (uint32_t n = 1; n + 1 < st->ntok; n++) {
        const dy_tok *t = &st->toks[n];
        const mt_noun *nm;
        if (n >= 3 && (mt_word(t, "TALKS") || mt_word(t, "NEGOTIATIONS")) && mt_word(&st->toks[n - 1], "IN") &&
            mt_be_form(&st->toks[n - 2])) {
            if (mt_in_talks(ms, n) != 0)
                return -1;
            continue;
        }
        if (n >= 2 && mt_word(t, "IN") && mt_be_form(&st->toks[n - 1]) && s->tok_mention[n + 1] >= 0) {
            if (mt_visit_stay(ms, n) != 0)
                return -1;
            continue;
        }
        /* cheap tests first: an act noun is followed by a preposition or
         * comes shortly after a verb of facing */
        if (mt_word_in(t, face, sizeof face / sizeof face[0]))
            last_face = n + 1;
        if (!mt_word_in(&st->toks[n + 1], after, sizeof after / sizeof after[0]) && !(last_face && n < last_face + 4))
            continue;
        if (s->tok_mention[n] >= 0 || !(nm = mt_noun_act(t)) || mt_coded_at(s, n) || mt_noun_irrealis(st, n))
            continue;
        int64_t vb = mt_verb_named(d, nm->verb);
        if ((vb < 0 || cd_null_code(d->verbs[vb].code)) && nm->alt)
            vb = mt_verb_named(d, nm->alt);
        if (vb < 0 || cd_null_code(d->verbs[vb].code))
            continue;
        int32_t src = -1, tgt = -1;
        const dy_tok *next = &st->toks[n + 1];
        if ((nm->how & NM_OF) && mt_word(next, "OF") && (tgt = mt_noun_actor(ms, n + 2, 5)) >= 0) {
            /* "the arrest of X by Y" */
            uint32_t k = s->m[tgt].t1;
            if (k + 1 < st->ntok && mt_word(&st->toks[k], "BY"))
                src = mt_noun_actor(ms, k + 1, 3);
        }
        if (src < 0 && (nm->how & NM_OWN) && mt_word_in(next, preps, sizeof preps / sizeof preps[0])) {
            /* "Russia's attack on Ukraine", "the Turkish offensive against Kurdish militias" */
            src = mt_noun_owner(ms, n, 2);
            tgt = src >= 0 ? mt_noun_actor(ms, n + 2, 5) : -1;
        }
        if (src < 0 && (nm->how & NM_FACE)) {
            /* "X faced sharp western criticism", "X came under attack from Y" */
            uint32_t k = n;
            while (k > 0 && n - k < 4 && !mt_word_in(&st->toks[k - 1], face, sizeof face / sizeof face[0]) &&
                   (mt_tag(&st->toks[k - 1], "JJ") || mt_tag(&st->toks[k - 1], "NN") ||
                    mt_tag(&st->toks[k - 1], "NNP") || mt_tag(&st->toks[k - 1], "DT")))
                k--;
            if (k > 1 && mt_word_in(&st->toks[k - 1], face, sizeof face / sizeof face[0])) {
                for (uint32_t j = k; j < n && src < 0; j++) /* "sharp western criticism" */
                    if (s->tok_mention[j] >= 0 && s->m[s->tok_mention[j]].code &&
                        !cd_null_actor(s->m[s->tok_mention[j]].code))
                        src = s->tok_mention[j];
                if (src < 0 && mt_word(next, "FROM"))
                    src = mt_noun_actor(ms, n + 2, 4);
                /* the one who faced it: the subject right before the verb */
                uint32_t v = k - 1;
                if (mt_word(&st->toks[v], "UNDER") && v > 0)
                    v--; /* "came under" */
                while (v > 0 && (st->toks[v - 1].tag[0] == 'V' || mt_tag(&st->toks[v - 1], "MD") ||
                                 mt_tag(&st->toks[v - 1], "RB")))
                    v--;
                tgt = v > 0 ? s->tok_mention[v - 1] : -1;
                /* "North Korea fired missiles, prompting condemnation from
                 * Japan": the subject of the clause before the comma */
                for (uint32_t w = ms->nv; tgt < 0 && v > 1 && mt_word(&st->toks[v - 1], ",") && w-- > 0;) {
                    int32_t subj = ms->v[w].subj;
                    if (ms->v[w].t0 >= v - 1 || subj < 0)
                        continue;
                    int32_t first[8];
                    uint32_t s0 = mt_node(st, subj)->t0, s1 = mt_node(st, subj)->t1;
                    if (mt_phrase_mentions(ms, s0, s1 < ms->v[w].t0 ? s1 : ms->v[w].t0, first, 8))
                        tgt = first[0];
                    break;
                }
                if (tgt >= 0 && (!s->m[tgt].code || cd_null_actor(s->m[tgt].code)))
                    tgt = -1;
            }
        }
        /* an agent with no country ("the military offensive", "the
         * regime's attacks") names no one as the noun's own actor */
        if (src < 0 || tgt < 0 || !strcmp(s->m[src].code, s->m[tgt].code) || !strncmp(s->m[src].code, "---", 3))
            continue;
        mt_verb v = mt_nominal_verb(d, n, n, n + 1, vb);
        if (!mt_emit(ms, &v, src, tgt))
            return -1;
    }
    return 0;
}

/* Raw text: does the act of a compound subject with no target fall between
 * its members (unless a pattern says so with '%')? Meeting, agreeing,
 * cooperating, breaking ties and clashing do ("Iran and Iraq signed a
 * deal", "Kurds and Arabs clashed"); appeals, threats and attacks are made
 * together on someone unnamed ("Russian jets and Iranian forces launched an
 * attack"). */
static int mt_mutual(const dy_sentence *st, const mt_verb *v)
{
    static const char *const roots[] = {"03", "04", "05", "06", "16"};
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
        if (v->code && !strncmp(v->code, roots[i], 2))
            return 1;
    const dy_tok *h = &st->toks[v->tok];
    return !strncmp(h->up, "CLASH", 5) || !strncmp(h->up, "SKIRMISH", 8);
}

int cd_match_sentence(cd_ctx *c, const dy_sentence *st)
{
    mt_state ms = {c, st, c->dict, 0, NULL, 0, 0, 0, 0, 0};
    cd_scratch *s = c->s;
    int rc = -1;
    int tree = st->nnode > 0 && st->source != DY_TREE_NONE;
    if (tree) {
        if (!dy_grow((void **)&s->leaf, &s->capleaf, st->ntok + 1, sizeof(int32_t)))
            goto done;
        for (uint32_t i = 0; i < st->ntok; i++)
            s->leaf[i] = -1;
        for (uint32_t n = 0; n < st->nnode; n++)
            if (st->nodes[n].label == DY_L_TOKEN && st->nodes[n].tok >= 0 && (uint32_t)st->nodes[n].tok < st->ntok)
                s->leaf[st->nodes[n].tok] = (int32_t)n;
    }

    /* 1. verbs */
    for (uint32_t i = 0; i < st->ntok; i++) {
        if (!st->toks[i].word || !mt_verb_candidate(st, i))
            continue;
        if (s->tok_mention[i] >= 0)
            continue; /* part of an actor name */
        mt_verb v = {0};
        if (!mt_find_verb(c->dict, st, i, &v))
            continue;
        v.tok = i;
        v.subj = -1;
        v.upper = -1;
        if (!DY_VEC_PUSH(ms.v, ms.nv, ms.capv, v))
            goto done;
    }

    /* 2. clauses */
    for (uint32_t k = 0; k < ms.nv; k++) {
        mt_verb *v = &ms.v[k];
        if (tree && s->leaf[v->tok] >= 0)
            mt_regions_tree(&ms, v);
        else
            mt_regions_flat(&ms, v);
    }
    mt_nesting(&ms);

    /* 3. patterns, then events */
    if (ms.nv && mt_words_set(&ms) != 0)
        goto done;
    for (uint32_t k = 0; k < ms.nv; k++)
        mt_patterns(&ms, &ms.v[k]);

    mt_compose(&ms);

    for (uint32_t k = 0; k < ms.nv; k++) {
        mt_verb *v = &ms.v[k];
        if (cd_null_code(v->code))
            continue;
        if (st->source == DY_TREE_SHALLOW && v->inherited && !v->combined && mt_irrealis_infinitive(st, v->t0))
            continue;
        if (st->source == DY_TREE_SHALLOW && (mt_conditional(st, v->t0) || mt_asked_for(st, v->t0)))
            continue;
        int32_t srcs[8], tgts[8];
        uint32_t ns = 0, nt = 0;
        int reduced = mt_participle_after_noun(st, v);
        if (v->src_m >= 0)
            srcs[ns++] = v->src_m;
        else if (reduced) {
            /* "rebels fighting the regime": the noun it follows acts; a
             * thing ("the coalition fighting Isis") names no actor */
            int32_t m = s->tok_mention[v->t0 - 1];
            for (uint32_t j = 0; m >= 0 && j < s->nm && !ns; j++)
                if (s->m[j].t1 <= v->t0 && s->m[j].t0 + 12 > v->t0 && s->m[j].code) {
                    ns = mt_phrase_mentions(&ms, s->m[j].t0, v->t0, srcs, 8);
                    if (!ns || srcs[ns - 1] != m)
                        ns = 0;
                }
        } else if (v->subj >= 0) {
            /* a subject around the verb ends at it; one after it (a fronted
             * clause's) is whole */
            uint32_t s0 = st->nodes[v->subj].t0, s1 = st->nodes[v->subj].t1;
            int whole = s0 >= v->t0 && st->source == DY_TREE_SHALLOW;
            /* raw news: a clause set off by commas describes the subject
             * ("Letts, whose father is Canadian, travelled"); its actors
             * are not the subject's */
            for (uint32_t t = s0 + 1; st->source == DY_TREE_SHALLOW && t + 1 < s1 && t + 1 < v->t0; t++)
                if (st->toks[t].up[0] == ',' && s->tok_mention[t + 1] < 0 &&
                    mt_word_in(&st->toks[t + 1], mt_rel_words, sizeof mt_rel_words / sizeof mt_rel_words[0])) {
                    s1 = t;
                    break;
                }
            ns = mt_phrase_mentions(&ms, s0, whole ? s1 : s1 < v->t0 ? s1 : v->t0, srcs, 8);
            if (!ns && tree && (ns = mt_instrument(&ms, v, srcs, 8)) > 0)
                v->instrument = 1;
        }
        else if (!tree || v->vp < 0) {
            /* nearest mention before the verb within its region */
            for (uint32_t m = s->nm; m-- > 0;)
                if (s->m[m].t1 <= v->t0 && s->m[m].t0 >= v->pre0 && s->m[m].code) {
                    srcs[ns++] = (int32_t)m;
                    break;
                }
        }
        if (v->upper >= 0) {
            /* "urged Corsaria to free the hostages": the appeal's addressee
             * is the combined event's target; the lower object only without one */
            const mt_verb *u = &ms.v[v->upper];
            int32_t t = u->tgt_m >= 0 ? u->tgt_m
                                      : mt_default_target(&ms, u, (uint32_t)v->upper, ns ? s->m[srcs[0]].code : NULL);
            if (t >= 0)
                nt = mt_phrase_mentions(&ms, s->m[t].t0, u->post1, tgts, 8);
        }
        if (nt > 0) {
        } else if (v->tgt_m == MT_COMPOUND) {
            ns = mt_phrase_mentions(&ms, s->m[v->src_m].t0, v->post1, srcs, 8);
        } else if (v->tgt_m >= 0 && v->tgt_group)
            nt = mt_phrase_mentions(&ms, s->m[v->tgt_m].t0, v->post1, tgts, 8);
        else if (v->tgt_m >= 0)
            tgts[nt++] = v->tgt_m;
        else {
            int32_t t = mt_default_target(&ms, v, k, ns ? s->m[srcs[0]].code : NULL);
            if (t >= 0)
                nt = mt_phrase_mentions(&ms, s->m[t].t0, v->post1, tgts, 8);
        }
        if (v->passive && v->src_m < 0 && v->tgt_m < 0) {
            /* "X was attacked by Y": the agent phrase (by, else from or in)
             * is the source and the subject the target. Without one, the
             * clause is coded as written, as PETRARCH does. */
            static const char *const agent_preps[] = {"BY", "FROM", "IN"};
            /* in raw news "in" names a place ("defeated in Syria"), not an agent */
            size_t npreps = st->source == DY_TREE_SHALLOW ? 2 : sizeof agent_preps / sizeof agent_preps[0];
            int32_t by = -1;
            for (size_t p = 0; p < npreps && by < 0; p++)
                for (uint32_t t = v->t1; t + 1 < v->post1; t++)
                    if (mt_word(&st->toks[t], agent_preps[p])) {
                        by = mt_mention_from(&ms, t + 1, t + 4 < v->post1 ? t + 4 : v->post1);
                        break;
                    }
            if (by < 0 && st->source == DY_TREE_SHALLOW)
                by = mt_attack_owner(&ms, v);
            if (by >= 0) {
                memcpy(tgts, srcs, sizeof srcs);
                nt = ns;
                if (v->reduced) {
                    /* the participle's patient is the noun it follows, an
                     * actor or a thing ("a deal brokered by Russia") */
                    int32_t m = s->tok_mention[v->t0 - 1];
                    nt = 0;
                    if (m >= 0 && s->m[m].code)
                        tgts[nt++] = m;
                }
                ns = mt_phrase_mentions(&ms, s->m[by].t0, v->post1, srcs, 8);
            } else if (st->source == DY_TREE_SHALLOW) {
                /* raw news: "Isis had been defeated in Syria" names who
                 * suffered, not who acted; with no agent there is no source */
                memcpy(tgts, srcs, sizeof srcs);
                nt = ns;
                ns = 0;
            }
        }
        /* "Gondor and Osgiliath postponed their meeting": with no target, a
         * compound source acts on itself, each member on the others. */
        int reflexive = nt == 0 && ns > 1 && !v->reduced &&
                        (st->source != DY_TREE_SHALLOW || v->tgt_m == MT_COMPOUND || mt_mutual(st, v));
        if (reflexive) {
            memcpy(tgts, srcs, ns * sizeof srcs[0]);
            nt = ns;
        }
        cd_mention held;
        if (ns > 0 && nt == 0 && !reflexive && srcs[0] >= 0 &&
            mt_held_target(&ms, v->passive && v->subj >= 0 ? st->nodes[v->subj].t0 : v->t1, v->post1,
                           s->m[srcs[0]].code, &held)) {
            for (uint32_t a = 0; a < ns; a++)
                if (!mt_emit_m(&ms, v, &s->m[srcs[a]], &held))
                    goto done;
            continue;
        }
        if (ns == 0)
            srcs[ns++] = -1;
        if (nt == 0)
            tgts[nt++] = -1;
        for (uint32_t a = 0; a < ns; a++)
            for (uint32_t b = 0; b < nt; b++)
                if (!(reflexive && a == b) && !mt_emit(&ms, v, srcs[a], tgts[b]))
                    goto done;
    }
    if (mt_results(&ms) != 0)
        goto done;
    if (st->source == DY_TREE_SHALLOW && s->nm >= 2 && mt_nominals(&ms) != 0)
        goto done;
    rc = 0;
done:
    mt_words_clear(&ms);
    free(ms.v);
    return rc;
}
