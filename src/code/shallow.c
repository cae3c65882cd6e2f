/* dyad's shallow parse of raw text: tags from closed-class words, the
 * dictionaries and capitalisation; chunks (noun groups, verb groups,
 * prepositions); then clauses (subjects, objects, prepositional phrases,
 * infinitival and reported-speech complements, relative clauses and
 * coordination), built as the same phrase tree a Penn parse gives, so the one
 * matcher codes it.
 *
 * Deterministic and linear: every token is visited a bounded number of times,
 * and recursion depth is bounded by MAX_DEPTH (deeper material stays flat). */
#include <stdlib.h>

#include "code/code.h"

#define SH_MAX_DEPTH 32

typedef enum sh_cls {
    SH_X = 0, SH_NOUN, SH_PROPN, SH_PRON, SH_POSS, SH_DET, SH_ADJ, SH_NUM, SH_PREP, SH_TO,
    SH_CONJ, SH_MODAL, SH_AUX, SH_NEG, SH_ADV, SH_WH, SH_THAT, SH_VERB, SH_PUNCT, SH_COMMA, SH_POS_S
} sh_cls;

typedef struct sh_word {
    char w[10];      /* in place and zero-padded: compared eight bytes at a time */
    uint8_t cls;
} sh_word;

/* Sorted for bsearch. */
static const sh_word sh_closed[] = {
    {"'RE", SH_AUX}, {"'S", SH_POS_S}, {"'VE", SH_AUX}, {"A", SH_DET}, {"ABOUT", SH_PREP},
    {"ACROSS", SH_PREP}, {"AFTER", SH_PREP}, {"AGAINST", SH_PREP}, {"ALL", SH_DET}, {"ALONG", SH_PREP},
    {"ALREADY", SH_ADV}, {"ALSO", SH_ADV}, {"AM", SH_AUX}, {"AMID", SH_PREP}, {"AMONG", SH_PREP},
    {"AN", SH_DET}, {"AND", SH_CONJ}, {"ANY", SH_DET}, {"ARE", SH_AUX}, {"AS", SH_PREP}, {"AT", SH_PREP},
    {"BE", SH_AUX}, {"BECAUSE", SH_PREP}, {"BEEN", SH_AUX}, {"BEFORE", SH_PREP}, {"BEING", SH_AUX},
    {"BETWEEN", SH_PREP}, {"BOTH", SH_DET}, {"BUT", SH_CONJ}, {"BY", SH_PREP}, {"CAN", SH_MODAL},
    {"COULD", SH_MODAL}, {"DESPITE", SH_PREP}, {"DID", SH_AUX}, {"DO", SH_AUX}, {"DOES", SH_AUX},
    {"DURING", SH_PREP}, {"EACH", SH_DET}, {"EARLIER", SH_ADV}, {"EVERY", SH_DET}, {"FOR", SH_PREP},
    {"FROM", SH_PREP}, {"HAD", SH_AUX}, {"HAS", SH_AUX}, {"HAVE", SH_AUX}, {"HE", SH_PRON},
    {"HER", SH_POSS}, {"HIM", SH_PRON}, {"HIS", SH_POSS}, {"I", SH_PRON}, {"IF", SH_PREP}, {"IN", SH_PREP},
    {"INTO", SH_PREP}, {"IS", SH_AUX}, {"IT", SH_PRON}, {"ITS", SH_POSS}, {"JUST", SH_ADV},
    {"LATER", SH_ADV}, {"MAY", SH_MODAL}, {"MIGHT", SH_MODAL}, {"MUST", SH_MODAL}, {"MY", SH_POSS},
    {"N'T", SH_NEG}, {"NEAR", SH_PREP}, {"NEVER", SH_NEG}, {"NO", SH_DET}, {"NOR", SH_CONJ},
    {"NOT", SH_NEG}, {"NOW", SH_ADV}, {"OF", SH_PREP}, {"ON", SH_PREP}, {"ONTO", SH_PREP}, {"OR", SH_CONJ},
    {"OUR", SH_POSS}, {"OVER", SH_PREP}, {"SHALL", SH_MODAL}, {"SHE", SH_PRON}, {"SHOULD", SH_MODAL},
    {"SINCE", SH_PREP}, {"SOME", SH_DET}, {"STILL", SH_ADV}, {"THAT", SH_THAT}, {"THE", SH_DET},
    {"THEIR", SH_POSS}, {"THEM", SH_PRON}, {"THESE", SH_DET}, {"THEY", SH_PRON}, {"THIS", SH_DET},
    {"THOSE", SH_DET}, {"THROUGH", SH_PREP}, {"TO", SH_TO}, {"TOWARD", SH_PREP}, {"TOWARDS", SH_PREP},
    {"UNDER", SH_PREP}, {"UNTIL", SH_PREP}, {"UPON", SH_PREP}, {"US", SH_PRON}, {"WAS", SH_AUX},
    {"WE", SH_PRON}, {"WERE", SH_AUX}, {"WHEN", SH_WH}, {"WHERE", SH_WH}, {"WHICH", SH_WH},
    {"WHILE", SH_PREP}, {"WHO", SH_WH}, {"WHOM", SH_WH}, {"WHOSE", SH_WH}, {"WILL", SH_MODAL},
    {"WITH", SH_PREP}, {"WITHIN", SH_PREP}, {"WITHOUT", SH_PREP}, {"WOULD", SH_MODAL}, {"YESTERDAY", SH_ADV},
    {"YOU", SH_PRON}, {"YOUR", SH_POSS},
};

/* The first eight bytes of w as one big-endian integer, so that integer order
 * is strcmp order (w zero-padded to eight bytes). */
static inline uint64_t sh_key8(const char *w)
{
    uint64_t k;
    memcpy(&k, w, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    k = __builtin_bswap64(k);
#endif
    return k;
}

/* Called for every token: a binary search on the first eight bytes as one
 * integer, without calls; words longer than the longest closed-class word
 * never search at all. */
static int sh_closed_class(const char *up)
{
    enum { SH_CLOSED_MAXLEN = 9 }; /* YESTERDAY */
    uint64_t key = 0;
    size_t n = 0;
    for (; up[n]; n++) {
        if (n == SH_CLOSED_MAXLEN)
            return -1;
        if (n < 8)
            key |= (uint64_t)(unsigned char)up[n] << (56 - 8 * n);
    }
    unsigned char ninth = n > 8 ? (unsigned char)up[8] : 0;
    size_t lo = 0, hi = sizeof sh_closed / sizeof sh_closed[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sh_word *e = &sh_closed[mid];
        uint64_t k = sh_key8(e->w);
        int r = key != k ? (key < k ? -1 : 1) : ninth - (unsigned char)e->w[8];
        if (r == 0)
            return e->cls;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

typedef struct sh_parser {
    cd_ctx *c;
    dy_sentence *st;
    uint8_t *cls;
    uint8_t *closed;  /* c->s->sh_closed, one entry per lexicon id */
    dy_node *nodes;
    uint32_t nnode;
    size_t cap;
    int32_t *last;   /* last child of each node, for appending */
    size_t caplast;
    int oom;
} sh_parser;

/* ------------------------------------------------------------ tagging */

/* The closed class of a token: a dictionary word's is looked up once per
 * coder and remembered by its id (ids are the coder's dictionary's, fixed). */
static int sh_closed_of(const sh_parser *p, const dy_tok *t)
{
    if (!t->word || t->word >= p->c->dict->lex.n)
        return sh_closed_class(t->up);
    uint8_t *m = &p->closed[t->word];
    if (!*m)
        *m = (uint8_t)(sh_closed_class(t->up) + 2);
    return *m - 2;
}

static int sh_capitalised(const dy_sentence *st, uint32_t i)
{
    unsigned char ch = (unsigned char)st->text[st->toks[i].start];
    return ch >= 'A' && ch <= 'Z';
}

static int sh_nounish(uint8_t c)
{
    return c == SH_DET || c == SH_POSS || c == SH_ADJ || c == SH_NUM || c == SH_POS_S;
}

/* Prepositions that can open a clause ("after X deployed", "while Y negotiated"). */
static int sh_subord_word(const char *up)
{
    static const char *const conj[] = {"AFTER", "BEFORE", "WHILE", "SINCE", "UNTIL", "BECAUSE", "AS", "IF"};
    for (size_t i = 0; i < sizeof conj / sizeof conj[0]; i++)
        if (!strcmp(up, conj[i]))
            return 1;
    return 0;
}

static int sh_ends(const dy_tok *t, const char *suf)
{
    size_t n = strlen(suf);
    return t->nup > n + 2 && !memcmp(t->up + t->nup - n, suf, n);
}

/* An unknown lower-case word with an adjective's ending ("excessive force",
 * "dangerous", "lethal"): so the noun after it is not read as a verb. The
 * nouns that share these endings in the news are left nouns. */
static int sh_adjective(const dy_tok *t)
{
    static const char *const suf[] = {"IVE", "OUS", "ABLE", "IBLE", "LESS", "ICAL", "FUL"};
    static const char *const noun[] = {"REPRESENTATIVE", "REPRESENTATIVES", "EXECUTIVE", "EXECUTIVES", "RELATIVE",
                                       "RELATIVES", "DETECTIVE", "DETECTIVES", "OPERATIVE", "OPERATIVES", "CAPTIVE",
                                       "CAPTIVES", "OBJECTIVE", "INITIATIVE", "NATIVE", "NATIVES", "ALTERNATIVE",
                                       "EXPLOSIVE", "EXPLOSIVES", "OFFENSIVE", "DIRECTIVE", "NARRATIVE", "INCENTIVE",
                                       "MOTIVE", "PERSPECTIVE", "DETECTIVE", "HANDFUL", "TABLE", "CABLE", "BIBLE"};
    size_t k = 0;
    while (k < sizeof suf / sizeof suf[0] && !sh_ends(t, suf[k]))
        k++;
    if (k == sizeof suf / sizeof suf[0])
        return 0;
    for (k = 0; k < sizeof noun / sizeof noun[0]; k++)
        if (!strcmp(t->up, noun[k]))
            return 0;
    return 1;
}

/* Does a form of this word carry a code from one of these roots ("---" for
 * a verb with no code of its own)? */
static int sh_verb_root(const sh_parser *p, uint32_t i, const char *const *roots, size_t nroots)
{
    const dy_tok *t = &p->st->toks[i];
    const uint32_t *l;
    uint32_t n = t->word ? dy_dict_forms_for(p->c->dict, t->word, &l) : 0;
    for (uint32_t k = 0; k < n; k++) {
        const char *code = p->c->dict->verbs[p->c->dict->forms[l[k]].verb].code;
        for (size_t r = 0; code && r < nroots; r++) {
            const char *c = code, *root = roots[r]; /* does code start with root? */
            while (*root && *c == *root)
                c++, root++;
            if (!*root)
                return 1;
        }
    }
    return 0;
}

/* A stance verb (appeal 02, intend 03, demand 10, reject 12, threaten 13)
 * governs an act, also when the act is named by a noun: "pressed for the
 * release of", "demanded the withdrawal of". */
static int sh_stance_verb(const sh_parser *p, uint32_t i)
{
    static const char *const roots[] = {"02", "03", "10", "12", "13"};
    return sh_verb_root(p, i, roots, sizeof roots / sizeof roots[0]);
}

/* Verbs of saying, appealing, demanding and warning take a "that" clause
 * after their object ("told the UN that ...", "warned Russia that ..."); after
 * any other verb's object, "that" completes the noun ("contradicted Trump's
 * assessment that ..."). */
static int sh_say_verb(const sh_parser *p, uint32_t i)
{
    static const char *const roots[] = {"01", "---", "02", "10", "13"};
    return sh_verb_root(p, i, roots, sizeof roots / sizeof roots[0]);
}

/* "the release of": a dictionary verb used as a noun, after "the" and before "of". */
static int sh_event_noun(const sh_parser *p, uint32_t i)
{
    const dy_sentence *st = p->st;
    const uint32_t *l;
    const dy_tok *n = &st->toks[i + 1];
    /* not a gerund: "the reopening of" names the act differently, and the
     * dictionaries' patterns read it as a noun */
    return i + 2 < st->ntok && !strcmp(st->toks[i].up, "THE") && p->c->s->tok_mention[i + 1] < 0 &&
           n->word && !(n->nup > 4 && !strcmp(n->up + n->nup - 3, "ING")) &&
           dy_dict_forms_for(p->c->dict, n->word, &l) > 0 &&
           !strcmp(st->toks[i + 2].up, "OF");
}

/* Is token i a dictionary verb's base form ("clash", not "clashed" or "said")? */
static int sh_base_form(const sh_parser *p, uint32_t i)
{
    const dy_tok *t = &p->st->toks[i];
    const uint32_t *l;
    uint32_t n = t->word ? dy_dict_forms_for(p->c->dict, t->word, &l) : 0;
    for (uint32_t k = 0; k < n; k++)
        if (p->c->dict->verbs[p->c->dict->forms[l[k]].verb].lemma == t->word)
            return 1;
    return 0;
}

static void sh_tag(sh_parser *p)
{
    dy_sentence *st = p->st;
    const int32_t *tm = p->c->s->tok_mention;
    for (uint32_t i = 0; i < st->ntok; i++) {
        dy_tok *t = &st->toks[i];
        int k; /* closed class: looked up only for words outside actor phrases */
        uint8_t c;
        if (t->pos == DY_POS_PUNCT || (!((t->up[0] >= 'A' && t->up[0] <= 'Z') || (t->up[0] >= '0' && t->up[0] <= '9') ||
                                         (unsigned char)t->up[0] >= 0x80 || t->up[0] == '\''))) {
            c = t->up[0] == ',' ? SH_COMMA : SH_PUNCT;
        } else if (tm[i] >= 0) {
            c = SH_PROPN; /* inside an actor or agent phrase */
        } else if ((k = sh_closed_of(p, t)) >= 0) {
            c = (uint8_t)k;
        } else if (t->up[0] >= '0' && t->up[0] <= '9') {
            c = SH_NUM;
        } else {
            const uint32_t *l;
            int verb = t->word && dy_dict_forms_for(p->c->dict, t->word, &l) > 0;
            uint8_t prev = i ? p->cls[i - 1] : SH_PUNCT;
            if (verb && (sh_nounish(prev) || prev == SH_PREP || prev == SH_VERB))
                verb = 0; /* "the attack", "of talks", "mediated talks" */
            /* "during that clash": "that" after a preposition is a determiner */
            if (verb && prev == SH_THAT && i > 1 && p->cls[i - 2] == SH_PREP && !sh_subord_word(st->toks[i - 2].up))
                verb = 0;
            if (verb && i > 0 && sh_capitalised(st, i) && prev != SH_PUNCT)
                verb = 0; /* a capitalised word mid-sentence is a name */
            /* "power brokers in Iraq", "steep cuts to aid": an -s form after a
             * common noun is that noun's plural partner, not its verb */
            if (verb && prev == SH_NOUN && t->nup > 3 && t->up[t->nup - 1] == 'S' && t->up[t->nup - 2] != 'S')
                verb = 0;
            if (verb && prev == SH_PROPN && i + 1 < st->ntok && sh_closed_of(p, &st->toks[i + 1]) == SH_AUX)
                verb = 0;
            if (verb && (prev == SH_NOUN || prev == SH_PROPN || prev == SH_ADV) && !sh_ends(t, "ING") &&
                !sh_ends(t, "ED")) {
                /* "would be the most lethal clash", "was a major setback":
                 * a noun group after a form of "be" is its complement (a
                 * participle still describes it: "the only Briton fighting
                 * Isis") */
                uint32_t b = i - 1;
                while (b > 0 && (p->cls[b] == SH_NOUN || p->cls[b] == SH_PROPN || p->cls[b] == SH_ADJ ||
                                 p->cls[b] == SH_ADV))
                    b--;
                const dy_tok *be = &st->toks[b ? b - 1 : 0];
                if (p->cls[b] == SH_DET && b > 0 && p->cls[b - 1] == SH_AUX && be->up[0] != 'D' && be->up[0] != 'H')
                    verb = 0;
            }
            if (verb && (prev == SH_NOUN || prev == SH_PROPN)) {
                /* "during the Beslan school siege": the head of a noun group
                 * inside a prepositional phrase, not a verb */
                uint32_t b = i - 1;
                while (b > 0 && (p->cls[b] == SH_NOUN || p->cls[b] == SH_PROPN || p->cls[b] == SH_ADJ))
                    b--;
                if (p->cls[b] == SH_DET && b > 0 && p->cls[b - 1] == SH_PREP && !sh_subord_word(st->toks[b - 1].up))
                    verb = 0;
                /* "condemned the suspected use of", "are sponsoring the
                 * Sochi talks": the head of a verb's object (a word the
                 * dictionary lacks is a verb after "are"); only a verb of
                 * saying takes a clause there ("said the army attacks ..."),
                 * and a participle describes the object ("funded the
                 * opposition fighting Assad") */
                int after_verb = b > 0 && (p->cls[b - 1] == SH_VERB ||
                                           (b > 1 && p->cls[b - 2] == SH_AUX &&
                                            (sh_ends(&st->toks[b - 1], "ING") || sh_ends(&st->toks[b - 1], "ED"))));
                if (verb && p->cls[b] == SH_DET && after_verb && !sh_ends(t, "ED") && !sh_ends(t, "ING") &&
                    !sh_say_verb(p, b - 1))
                    verb = 0;
                /* "a military clash between", "a drone strike killed": a base
                 * form cannot agree with the one thing "a" introduces, so with
                 * no object after it ("a drone hit the convoy") it is the
                 * noun group's head. After a person ("a senior official
                 * said") the word is the person's verb: a dictionary may
                 * file a past form as a verb of its own. */
                const dy_tok *d = &st->toks[b];
                int one = d->up[0] == 'A' && (!d->up[1] || (d->up[1] == 'N' && !d->up[2]));
                /* ... and so after "the" and a singular noun or name ("after
                 * the Ghouta massacre, Assad ...", "the drone strike on"),
                 * where the plural keeps its verb ("the rebels attack"); as
                 * "the" may open a subject ("the CIA cut support"), only
                 * before a word that can follow no verb-less noun group's
                 * object: a preposition, conjunction, verb or punctuation */
                if (!one && d->up[0] == 'T' && !strcmp(d->up, "THE") && b + 2 == i && i + 1 < st->ntok) {
                    int k2 = sh_closed_of(p, &st->toks[i + 1]);
                    one = (tm[i - 1] >= 0 ? p->c->s->m[tm[i - 1]].gram == 0
                                          : st->toks[i - 1].up[st->toks[i - 1].nup - 1] != 'S') &&
                          (st->toks[i + 1].pos == DY_POS_PUNCT || k2 == SH_PREP || k2 == SH_CONJ || k2 == SH_TO ||
                           k2 == SH_AUX || k2 == SH_MODAL || k2 == SH_WH || k2 == SH_THAT);
                }
                if (verb && p->cls[b] == SH_DET && one &&
                    (tm[i - 1] < 0 || p->c->s->m[tm[i - 1]].gram != CD_G_PERSON) && sh_base_form(p, i) &&
                    i + 1 < st->ntok && tm[i + 1] < 0) {
                    int k1 = sh_closed_of(p, &st->toks[i + 1]);
                    if (k1 != SH_DET && k1 != SH_POSS && k1 != SH_NUM)
                        verb = 0;
                }
            }
            if (!verb && (prev == SH_TO || prev == SH_MODAL) && t->word &&
                dy_dict_forms_for(p->c->dict, t->word, &l) > 0)
                verb = 1;
            /* "By pressing for ...,", "..., after meeting X,": a gerund opening
             * a clause (not mid-clause, where PETRARCH codes no event) */
            if (!verb && prev == SH_PREP && (i == 1 || p->cls[i - 2] == SH_COMMA || p->cls[i - 2] == SH_PUNCT) &&
                t->nup > 4 && !strcmp(t->up + t->nup - 3, "ING") && t->word &&
                dy_dict_forms_for(p->c->dict, t->word, &l) > 0)
                verb = 1;
            if (verb) {
                c = SH_VERB;
            } else {
                size_t n = t->nup;
                int ly = n > 3 && !strcmp(t->up + n - 2, "LY");
                c = ly ? SH_ADV : (sh_capitalised(st, i) && i > 0 ? SH_PROPN : sh_adjective(t) ? SH_ADJ : SH_NOUN);
            }
        }
        p->cls[i] = c;
        /* Penn-style tags so the matcher's tests read the same either way */
        const char *tag = "NN";
        switch (c) {
        case SH_VERB: {
            size_t n = t->nup;
            int aux_before = 0;
            for (uint32_t j = i; j-- > 0 && j + 4 > i;)
                if (p->cls[j] == SH_AUX && st->toks[j].up[0] != 'D') /* be/have, not do */
                    aux_before = 1;
            if (n > 3 && !strcmp(t->up + n - 3, "ING"))
                tag = "VBG";
            else if (n > 2 && (!strcmp(t->up + n - 2, "ED") || !strcmp(t->up + n - 2, "EN")) )
                tag = aux_before ? "VBN" : "VBD";
            else if (n > 1 && t->up[n - 1] == 'S')
                tag = "VBZ";
            else
                tag = "VB";
            /* after "has", "was", "been": a participle, whatever its ending ("held") */
            if (aux_before && strcmp(tag, "VBG"))
                tag = "VBN";
            break;
        }
        case SH_AUX: tag = "VBZ"; break;
        case SH_MODAL: tag = "MD"; break;
        case SH_PROPN: tag = "NNP"; break;
        case SH_PRON: tag = "PRP"; break;
        case SH_POSS: tag = "PRP$"; break;
        case SH_DET: tag = "DT"; break;
        case SH_PREP: case SH_THAT: tag = "IN"; break;
        case SH_TO: tag = "TO"; break;
        case SH_CONJ: tag = "CC"; break;
        case SH_NEG: case SH_ADV: tag = "RB"; break;
        case SH_WH: tag = "WDT"; break;
        case SH_NUM: tag = "CD"; break;
        case SH_POS_S: tag = "POS"; break;
        case SH_PUNCT: case SH_COMMA: tag = "."; break;
        default: break;
        }
        for (size_t q = 0; (t->tag[q] = tag[q]) != 0; q++) /* a few bytes: no strlen and memcpy calls */
            ;
    }
    /* An auxiliary with no verb after it in its group is itself the main verb
     * (it carries no dictionary code, but it ends the subject). */
}

/* ------------------------------------------------------------ tree building */

static int32_t sh_node(sh_parser *p, dy_label l, int32_t parent, uint32_t t0)
{
    if (p->oom)
        return -1;
    if (!dy_grow((void **)&p->nodes, &p->cap, p->nnode + 1, sizeof(dy_node)) ||
        !dy_grow((void **)&p->last, &p->caplast, p->nnode + 1, sizeof(int32_t))) {
        p->oom = 1;
        return -1;
    }
    int32_t id = (int32_t)p->nnode++;
    dy_node *n = &p->nodes[id];
    memset(n, 0, sizeof *n);
    n->label = (uint8_t)l;
    n->parent = parent;
    n->first_child = n->next_sibling = -1;
    n->t0 = n->t1 = t0;
    n->tok = n->head = -1;
    p->last[id] = -1;
    if (parent >= 0) {
        if (p->last[parent] < 0)
            p->nodes[parent].first_child = id;
        else
            p->nodes[p->last[parent]].next_sibling = id;
        p->last[parent] = id;
    }
    return id;
}

/* Extend a node's span (and its ancestors') to cover [.., t1). */
static void sh_cover(sh_parser *p, int32_t n, uint32_t t1)
{
    for (int guard = 0; n >= 0 && guard < 4 * SH_MAX_DEPTH + 8; guard++, n = p->nodes[n].parent)
        if (p->nodes[n].t1 < t1)
            p->nodes[n].t1 = t1;
}

static void sh_leaf(sh_parser *p, int32_t parent, uint32_t t)
{
    int32_t n = sh_node(p, DY_L_TOKEN, parent, t);
    if (n < 0)
        return;
    p->nodes[n].tok = (int32_t)t;
    p->nodes[n].head = (int32_t)t;
    p->nodes[n].t1 = t + 1;
    sh_cover(p, parent, t + 1);
}

static int sh_np_word(uint8_t c)
{
    return c == SH_NOUN || c == SH_PROPN || c == SH_DET || c == SH_POSS || c == SH_ADJ || c == SH_NUM ||
           c == SH_POS_S || c == SH_PRON;
}

static uint32_t sh_clause(sh_parser *p, int32_t parent, uint32_t i, uint32_t end, int depth);
static uint32_t sh_vp(sh_parser *p, int32_t parent, uint32_t i, uint32_t end, int depth);

static int sh_verbal(uint8_t c)
{
    return c == SH_VERB || c == SH_AUX || c == SH_MODAL;
}

/* A relative clause at j (the wh-word) on noun phrase `host`. "who took"
 * lacks a subject and takes the host's; "when terrorists took", "whom police
 * arrested" have their own. */
static uint32_t sh_relative(sh_parser *p, int32_t host, uint32_t j, uint32_t end, int depth)
{
    int32_t sbar = sh_node(p, DY_L_SBAR, host, j);
    int32_t wh = sh_node(p, DY_L_NP, sbar, j);
    sh_leaf(p, wh, j);
    uint32_t k = j + 1;
    while (k < end && sh_np_word(p->cls[k]))
        k++;
    if (k > j + 1 && k < end && sh_verbal(p->cls[k]))
        return sh_clause(p, sbar, j + 1, end, depth + 1);
    int32_t s = sh_node(p, DY_L_S, sbar, j + 1);
    return sh_vp(p, s, j + 1, end, depth + 1);
}

static int sh_bracket(const dy_tok *t)
{
    unsigned char ch = (unsigned char)t->up[0];
    return ch == '(' || ch == ')' || ch == '"' || ch == '\'' || ch >= 0x80;
}

/* An appositive after the comma at j: a name or a determiner-led noun group
 * ("its citizen, Alexander (Sasha) Trufanov, who ...", "Trufanov, a Russian
 * citizen, was held ..."), closed by a comma before a relative clause or a
 * verb. Returns where it ends (the closing comma), or 0. */
static uint32_t sh_appositive(const sh_parser *p, uint32_t j, uint32_t end)
{
    uint32_t a = j + 1, k = a;
    if (a >= end || !(p->cls[a] == SH_PROPN || (p->cls[a] == SH_DET && p->st->toks[a].up[0] == 'A')))
        return 0;
    while (k < end && k < a + 12 &&
           (sh_np_word(p->cls[k]) || (p->cls[k] == SH_PUNCT && sh_bracket(&p->st->toks[k])) ||
            (p->cls[k] == SH_PREP && !strcmp(p->st->toks[k].up, "OF") && k + 1 < end && sh_np_word(p->cls[k + 1]))))
        k++;
    if (k == a || p->cls[k - 1] == SH_PREP)
        return 0;
    if (k < end && p->cls[k] == SH_COMMA && k + 1 < end && (p->cls[k + 1] == SH_WH || sh_verbal(p->cls[k + 1])))
        return k;
    return 0;
}

/* A noun group, with "of"-phrases and coordination attached: "officials of
 * Iraq", "Russia and China". Returns the position after it. */
static uint32_t sh_np(sh_parser *p, int32_t parent, uint32_t i, uint32_t end, int depth, int subject)
{
    int32_t np = sh_node(p, DY_L_NP, parent, i);
    if (np < 0)
        return end;
    int32_t inner = sh_node(p, DY_L_NP, np, i);
    uint32_t j = i;
    while (j < end && sh_np_word(p->cls[j])) {
        sh_leaf(p, inner, j);
        if (p->cls[j] == SH_PRON) {
            j++;
            break;
        }
        j++;
    }
    if (j == i) { /* not a noun group: keep the token, move on */
        sh_leaf(p, inner, j);
        return j + 1;
    }
    while (j + 1 < end && depth < SH_MAX_DEPTH) {
        const dy_tok *t = &p->st->toks[j];
        if (p->cls[j] == SH_PREP && !strcmp(t->up, "OF") && sh_np_word(p->cls[j + 1])) {
            int32_t pp = sh_node(p, DY_L_PP, np, j);
            sh_leaf(p, pp, j);
            j = sh_np(p, pp, j + 1, end, depth + 1, 0);
        } else if (p->cls[j] == SH_CONJ && (!strcmp(t->up, "AND") || !strcmp(t->up, "OR")) &&
                   sh_np_word(p->cls[j + 1])) {
            /* "A and B" is one compound noun phrase; after a verb, unless B
             * starts a new clause ("attacked A and B condemned C") */
            uint32_t k = j + 1;
            while (k < end && sh_np_word(p->cls[k]))
                k++;
            if (!subject && k < end && (p->cls[k] == SH_VERB || p->cls[k] == SH_AUX || p->cls[k] == SH_MODAL))
                break;
            sh_leaf(p, np, j);
            j = sh_np(p, np, j + 1, end, depth + 1, subject);
        } else if (p->cls[j] == SH_COMMA && sh_appositive(p, j, end)) {
            /* the appositive names the same actor: it joins the noun phrase,
             * and a relative clause after it describes them both */
            uint32_t close = sh_appositive(p, j, end);
            sh_leaf(p, np, j);
            int32_t ap = sh_node(p, DY_L_NP, np, j + 1);
            for (uint32_t k = j + 1; k < close; k++)
                sh_leaf(p, ap, k);
            j = close;
            if (j + 1 < end && p->cls[j] == SH_COMMA && p->cls[j + 1] == SH_WH) {
                sh_leaf(p, np, j);
                j = sh_relative(p, np, j + 1, end, depth + 1);
                while (j < end && p->cls[j] == SH_COMMA)
                    sh_leaf(p, np, j++);
            } else if (j < end && p->cls[j] == SH_COMMA) {
                sh_leaf(p, np, j++);
            }
            break;
        } else if (p->cls[j] == SH_COMMA && j + 1 < end && p->cls[j + 1] == SH_WH) {
            break; /* a relative clause: the caller attaches it */
        } else {
            break;
        }
    }
    return j;
}

/* Does the preposition at j open a clause ("after X deployed", "while Y
 * negotiated")? Only conjunction-like prepositions, with a noun group and a
 * verb group right after. */
static int sh_subordinate(const sh_parser *p, uint32_t j, uint32_t end)
{
    if (!sh_subord_word(p->st->toks[j].up))
        return 0;
    uint32_t k = j + 1;
    while (k < end && sh_np_word(p->cls[k]))
        k++;
    return k > j + 1 && k < end && (p->cls[k] == SH_VERB || p->cls[k] == SH_AUX || p->cls[k] == SH_MODAL);
}

/* "the release of X" after a stance verb: the noun names the act the stance
 * is about, so it is parsed as that act's verb phrase, which the matcher
 * combines with the stance ("pressed for the release of" = demand release). */
static uint32_t sh_nominal(sh_parser *p, int32_t parent, uint32_t j, uint32_t end, int depth)
{
    int32_t s = sh_node(p, DY_L_S, parent, j);
    int32_t vp = sh_node(p, DY_L_VP, s, j);
    sh_leaf(p, vp, j);
    p->cls[j + 1] = SH_VERB;
    memcpy(p->st->toks[j + 1].tag, "VB", 3);
    return sh_vp(p, vp, j + 1, end, depth + 1);
}

/* A verb phrase from a verb group at i: auxiliaries, negation, the verb, and
 * its complements. */
static uint32_t sh_vp(sh_parser *p, int32_t parent, uint32_t i, uint32_t end, int depth)
{
    int32_t vp = sh_node(p, DY_L_VP, parent, i);
    if (vp < 0)
        return end;
    uint32_t j = i;
    /* verb group: auxiliaries/modals/negation/adverbs then at most one main verb */
    int main_seen = 0;
    int stance = 0, say = 1;
    uint32_t vp_end = UINT32_MAX; /* where the phrase ends when a clause follows it */
    while (j < end && !main_seen) {
        uint8_t c = p->cls[j];
        if (c == SH_AUX || c == SH_MODAL || c == SH_NEG || c == SH_ADV) {
            sh_leaf(p, vp, j++);
        } else if (c == SH_VERB) {
            stance = sh_stance_verb(p, j);
            say = sh_say_verb(p, j);
            sh_leaf(p, vp, j++);
            main_seen = 1;
        } else {
            break;
        }
    }
    while (j < end && depth < SH_MAX_DEPTH) {
        uint8_t c = p->cls[j];
        if (stance && c == SH_PREP && !strcmp(p->st->toks[j].up, "FOR") && sh_event_noun(p, j + 1)) {
            int32_t pp = sh_node(p, DY_L_PP, vp, j);
            sh_leaf(p, pp, j);
            j = sh_nominal(p, pp, j + 1, end, depth + 1);
        } else if (stance && c == SH_DET && sh_event_noun(p, j)) {
            j = sh_nominal(p, vp, j, end, depth + 1);
        } else if (sh_np_word(c)) {
            uint32_t k = sh_np(p, vp, j, end, depth + 1, 0);
            /* "said Russia attacked": an NP followed by a verb group is a clause */
            if (k < end && (p->cls[k] == SH_VERB || p->cls[k] == SH_AUX || p->cls[k] == SH_MODAL) && main_seen) {
                /* re-parse as a complement clause: drop the NP just added */
                int32_t np = p->last[vp];
                p->nnode = (uint32_t)np; /* nodes are appended: truncate back */
                int32_t prev = p->nodes[vp].first_child;
                if (prev == np) {
                    p->nodes[vp].first_child = -1;
                    p->last[vp] = -1;
                } else {
                    while (p->nodes[prev].next_sibling != np)
                        prev = p->nodes[prev].next_sibling;
                    p->nodes[prev].next_sibling = -1;
                    p->last[vp] = prev;
                }
                int32_t sbar = sh_node(p, DY_L_SBAR, vp, j);
                j = sh_clause(p, sbar, j, end, depth + 1);
                break;
            }
            j = k;
        } else if (c == SH_PREP && j + 1 < end && p->cls[j + 1] == SH_VERB && sh_subord_word(p->st->toks[j].up)) {
            /* "praised Iran after meeting its president": an adverbial clause
             * of the main clause, whose subject it shares; it ends the verb
             * phrase and is no complement of the verb */
            vp_end = j;
            int32_t sbar = sh_node(p, DY_L_SBAR, parent, j);
            sh_leaf(p, sbar, j);
            int32_t inner = sh_node(p, DY_L_S, sbar, j + 1);
            j = sh_vp(p, inner, j + 1, end, depth + 1);
            break;
        } else if (c == SH_PREP && j + 1 < end && sh_subordinate(p, j, end)) {
            /* "after Russian special forces deployed gas": a clause, not a
             * PP; an adverbial clause of the main clause, which ends the
             * verb phrase and is no complement of the verb ("accused the US
             * after Washington imposed sanctions") */
            vp_end = j;
            int32_t sbar = sh_node(p, DY_L_SBAR, parent, j);
            sh_leaf(p, sbar, j);
            j = sh_clause(p, sbar, j + 1, end, depth + 1);
            break;
        } else if (c == SH_PREP && j + 1 < end) {
            int32_t pp = sh_node(p, DY_L_PP, vp, j);
            sh_leaf(p, pp, j);
            j = sh_np_word(p->cls[j + 1]) ? sh_np(p, pp, j + 1, end, depth + 1, 0) : j + 1;
        } else if (c == SH_TO && j + 1 < end && (p->cls[j + 1] == SH_VERB || p->cls[j + 1] == SH_AUX)) {
            int32_t s = sh_node(p, DY_L_S, vp, j);
            int32_t inner = sh_node(p, DY_L_VP, s, j);
            sh_leaf(p, inner, j);
            j = sh_vp(p, inner, j + 1, end, depth + 1);
        } else if (c == SH_TO && j + 1 < end) {
            int32_t pp = sh_node(p, DY_L_PP, vp, j);
            sh_leaf(p, pp, j);
            j = sh_np(p, pp, j + 1, end, depth + 1, 0);
        } else if (c == SH_THAT && j + 1 < end && p->last[vp] >= 0 && p->nodes[p->last[vp]].label == DY_L_NP &&
                   (sh_verbal(p->cls[j + 1]) || (p->cls[j + 1] == SH_ADV && j + 2 < end && sh_verbal(p->cls[j + 2])))) {
            /* "deployed a gas that killed 132 hostages": a relative clause on
             * the object, not a complement of the verb */
            j = sh_relative(p, p->last[vp], j, end, depth);
        } else if (c == SH_THAT && j + 1 < end && !say && p->last[vp] >= 0 &&
                   p->nodes[p->last[vp]].label == DY_L_NP) {
            /* "contradicted Trump's assessment that Isis had been defeated" */
            int32_t np = p->last[vp];
            int32_t sbar = sh_node(p, DY_L_SBAR, np, j);
            sh_leaf(p, sbar, j);
            j = sh_clause(p, sbar, j + 1, end, depth + 1);
        } else if (c == SH_THAT && j + 1 < end) {
            int32_t sbar = sh_node(p, DY_L_SBAR, vp, j);
            sh_leaf(p, sbar, j);
            j = sh_clause(p, sbar, j + 1, end, depth + 1);
        } else if ((c == SH_WH) || (c == SH_COMMA && j + 1 < end && p->cls[j + 1] == SH_WH)) {
            /* relative clause on the last noun phrase */
            int32_t np = p->last[vp];
            int32_t host = (np >= 0 && p->nodes[np].label == DY_L_NP) ? np : vp;
            if (c == SH_COMMA)
                sh_leaf(p, host, j++);
            j = sh_relative(p, host, j, end, depth);
        } else if (c == SH_CONJ && j + 1 < end && (p->cls[j + 1] == SH_VERB || p->cls[j + 1] == SH_AUX ||
                                                   p->cls[j + 1] == SH_ADV)) {
            /* "seized the school and held hostages": a second VP, same subject */
            sh_leaf(p, parent, j);
            j = sh_vp(p, parent, j + 1, end, depth + 1);
            break;
        } else if (c == SH_ADV || c == SH_NEG) {
            sh_leaf(p, vp, j++);
        } else if (c == SH_VERB && !main_seen) {
            sh_leaf(p, vp, j++);
            main_seen = 1;
        } else {
            break;
        }
    }
    uint32_t cover = vp_end < j ? vp_end : j;
    if (p->nodes[vp].t1 < cover && cover <= end)
        sh_cover(p, vp, cover);
    return j;
}

/* A clause: optional subject noun phrase (with a relative clause), then a
 * verb phrase. Tokens that fit neither become leaves of the clause. */
static uint32_t sh_clause(sh_parser *p, int32_t parent, uint32_t i, uint32_t end, int depth)
{
    int32_t s = sh_node(p, DY_L_S, parent, i);
    uint32_t j = i;
    while (j < end && (p->cls[j] == SH_ADV || p->cls[j] == SH_PUNCT || p->cls[j] == SH_COMMA))
        sh_leaf(p, s, j++);
    /* fronted prepositional phrase: "In Beslan, rebels seized ..." */
    while (j < end && p->cls[j] == SH_PREP && depth < SH_MAX_DEPTH) {
        if (j + 1 < end && p->cls[j + 1] == SH_VERB) {
            /* "By pressing for the release, Putin seeks ...": a clause whose
             * subject is the main clause's */
            int32_t sbar = sh_node(p, DY_L_SBAR, s, j);
            sh_leaf(p, sbar, j);
            int32_t inner = sh_node(p, DY_L_S, sbar, j + 1);
            j = sh_vp(p, inner, j + 1, end, depth + 1);
            while (j < end && p->cls[j] == SH_COMMA)
                sh_leaf(p, s, j++);
            continue;
        }
        int32_t pp = sh_node(p, DY_L_PP, s, j);
        sh_leaf(p, pp, j);
        j = j + 1 < end ? sh_np(p, pp, j + 1, end, depth + 1, 0) : j + 1;
        while (j < end && p->cls[j] == SH_COMMA)
            sh_leaf(p, s, j++);
    }
    if (j < end && sh_np_word(p->cls[j])) {
        j = sh_np(p, s, j, end, depth + 1, 1);
        while (j < end && p->cls[j] == SH_COMMA && j + 1 < end && p->cls[j + 1] == SH_WH && depth < SH_MAX_DEPTH) {
            int32_t np = p->last[s];
            sh_leaf(p, np, j++);
            j = sh_relative(p, np, j, end, depth);
            while (j < end && p->cls[j] == SH_COMMA)
                sh_leaf(p, np, j++);
        }
    }
    /* "Ministers from the UK and France, countries with forces in Syria, have
     * contradicted ...": a parenthetical between the subject and its verb */
    if (j + 1 < end && p->cls[j] == SH_COMMA && p->last[s] >= 0 && p->nodes[p->last[s]].label == DY_L_NP) {
        uint32_t k = j + 1;
        while (k < end && k < j + 24 && p->cls[k] != SH_COMMA && p->cls[k] != SH_PUNCT && !sh_verbal(p->cls[k]) &&
               p->cls[k] != SH_WH && p->cls[k] != SH_THAT && p->cls[k] != SH_CONJ)
            k++;
        if (k > j + 1 && k + 1 < end && p->cls[k] == SH_COMMA && sh_verbal(p->cls[k + 1])) {
            int32_t np = p->last[s];
            sh_leaf(p, np, j);
            int32_t par = sh_node(p, DY_L_NP, np, j + 1);
            for (uint32_t t = j + 1; t < k; t++)
                sh_leaf(p, par, t);
            sh_leaf(p, np, k);
            j = k + 1;
        } else if (k == j + 1 && p->cls[k] == SH_VERB && k + 1 < end && !strcmp(p->st->toks[k + 1].up, "BY") &&
                   depth < SH_MAX_DEPTH) {
            /* "The Syrian army, backed by Russian air power, recaptured
             * ...": a participle with its agent describes the subject */
            uint32_t c = k + 2;
            while (c < end && c < k + 16 && p->cls[c] != SH_COMMA && p->cls[c] != SH_PUNCT && !sh_verbal(p->cls[c]))
                c++;
            if (c + 1 < end && p->cls[c] == SH_COMMA && sh_verbal(p->cls[c + 1])) {
                /* a phrase of the clause, beside the subject: its agent
                 * is no part of the subject */
                sh_leaf(p, s, j);
                memcpy(p->st->toks[k].tag, "VBN", 4);
                sh_vp(p, s, k, c, depth + 1);
                sh_leaf(p, s, c);
                j = c + 1;
            }
        }
    }
    /* "Russia on Thursday condemned ...": a short prepositional phrase of
     * time or place between the subject and its verb belongs to the clause
     * (the subject stays what it was), and so does what the subject is
     * against ("the coalition against Isis has killed": not Isis); "a
     * missile from Syria struck" keeps its origin in the subject */
    if (j + 2 < end && p->cls[j] == SH_PREP && p->last[s] >= 0 && p->nodes[p->last[s]].label == DY_L_NP &&
        (!strcmp(p->st->toks[j].up, "ON") || !strcmp(p->st->toks[j].up, "IN") ||
         !strcmp(p->st->toks[j].up, "AT") || !strcmp(p->st->toks[j].up, "DURING") ||
         !strcmp(p->st->toks[j].up, "AGAINST"))) {
        uint32_t k = j + 1;
        while (k < end && k < j + 6 && sh_np_word(p->cls[k]) && p->cls[k] != SH_PRON)
            k++;
        if (k > j + 1 && k < end && (p->cls[k] == SH_VERB || p->cls[k] == SH_AUX || p->cls[k] == SH_MODAL)) {
            int32_t pp = sh_node(p, DY_L_PP, s, j);
            for (uint32_t t = j; t < k; t++)
                sh_leaf(p, pp, t);
            j = k;
        }
    }
    /* "efforts to secure the release": an infinitive modifying the subject */
    if (j + 1 < end && p->cls[j] == SH_TO && p->cls[j + 1] == SH_VERB && p->last[s] >= 0 &&
        p->nodes[p->last[s]].label == DY_L_NP && depth < SH_MAX_DEPTH) {
        int32_t np = p->last[s];
        int32_t inf = sh_node(p, DY_L_S, np, j);
        int32_t vp = sh_node(p, DY_L_VP, inf, j);
        sh_leaf(p, vp, j);
        j = sh_vp(p, vp, j + 1, end, depth + 1);
        while (j < end && p->cls[j] == SH_COMMA)
            sh_leaf(p, s, j++);
    }
    while (j < end && p->cls[j] == SH_ADV)
        sh_leaf(p, s, j++);
    if (j < end && (p->cls[j] == SH_VERB || p->cls[j] == SH_AUX || p->cls[j] == SH_MODAL || p->cls[j] == SH_NEG))
        j = sh_vp(p, s, j, end, depth + 1);
    return j;
}

int cd_shallow_parse(cd_ctx *c, dy_arena *a, dy_sentence *st)
{
    cd_scratch *sc = c->s;
    sh_parser p = {c, st, NULL, NULL, sc->sh_nodes, 0, sc->capshn, sc->sh_last, sc->capshl, 0};
    int rc = -1;
    if (st->ntok == 0) {
        st->nnode = 0;
        st->source = DY_TREE_SHALLOW;
        return 0;
    }
    if (!dy_grow((void **)&sc->sh_cls, &sc->capshc, st->ntok, 1))
        goto done;
    p.cls = sc->sh_cls;
    memset(p.cls, 0, st->ntok);
    size_t had = sc->capshw;
    if (!dy_grow((void **)&sc->sh_closed, &sc->capshw, c->dict->lex.n + (size_t)1, 1))
        goto done;
    memset(sc->sh_closed + had, 0, sc->capshw - had);
    p.closed = sc->sh_closed;
    sh_tag(&p);
    int32_t root = sh_node(&p, DY_L_ROOT, -1, 0);
    uint32_t i = 0;
    while (i < st->ntok && !p.oom) {
        uint32_t j = sh_clause(&p, root, i, st->ntok, 0);
        /* whatever a clause could not take is kept as leaves; clauses resume after
         * punctuation and conjunctions */
        if (j == i)
            sh_leaf(&p, root, j++);
        while (j < st->ntok && (p.cls[j] == SH_PUNCT || p.cls[j] == SH_COMMA || p.cls[j] == SH_CONJ ||
                                p.cls[j] == SH_THAT || p.cls[j] == SH_PREP || p.cls[j] == SH_WH))
            sh_leaf(&p, root, j++);
        i = j;
    }
    if (p.oom)
        goto done;
    st->nodes = dy_arena_alloc(a, p.nnode * sizeof(dy_node));
    if (!st->nodes)
        goto done;
    memcpy(st->nodes, p.nodes, p.nnode * sizeof(dy_node));
    st->nnode = p.nnode;
    st->source = DY_TREE_SHALLOW;
    rc = 0;
done:
    /* the arrays may have grown: hand them back to the scratch space */
    sc->sh_nodes = p.nodes;
    sc->capshn = p.cap;
    sc->sh_last = p.last;
    sc->capshl = p.caplast;
    return rc;
}
