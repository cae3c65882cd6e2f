/* TABARI-style flat coding (see flat.h). Everything is linear in the
 * sentence length apart from the pattern loops, which are bounded by the
 * verb's pattern list; the work arrays are per call and freed on return. */
#include <ctype.h>
#include <stdlib.h>

#include "code/flat.h"

/* ------------------------------------------------------------ options */

typedef struct fl_opt {
    int code_by;                 /* 0 clause, 1 sentence, 2 all */
    int cx_verbs, cx_conj, cx_actors, cx_pron, cx_comma, cx_lateverb;
    int cx_noactprior, cx_noactafter, cx_noverb, cx_nosource, cx_notarget, cx_noevent;
    const char *def_src, *def_tgt; /* not NUL-terminated: lengths below */
    size_t def_src_n, def_tgt_n;
    int src_prior, tgt_after;
    int comma_off, cmin, cmax, emin, emax, bmin, bmax;
    int min_words;
    int convert_agents;
    /* FORWARD (manual 8.4): where the story (N...N) and sentence (S...S)
     * numbers stand in a record id, counted from its first character */
    int forward;
    uint32_t fw_story0, fw_storyn, fw_sent0, fw_sentn;
    int time_shift;              /* SET: TIME SHIFT (on by default) */
} fl_opt;

static void fl_opt_defaults(fl_opt *o)
{
    memset(o, 0, sizeof *o);
    o->cmin = 2;
    o->cmax = 10;
    o->emin = 2;
    o->emax = 10;
    o->bmin = 128;
    o->bmax = 0;
    o->min_words = 8;
    o->time_shift = 1;
}

/* Case-insensitive: does s (length n) start with word w? */
static int fl_starts(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (toupper((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

/* Find word w in s (case-insensitive); returns offset or SIZE_MAX. */
static size_t fl_find(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (fl_starts(s + i, n - i, w))
            return i;
    return SIZE_MAX;
}

static int fl_num_after(const char *s, size_t n, size_t at, int dflt)
{
    while (at < n && !isdigit((unsigned char)s[at]))
        at++;
    if (at >= n)
        return dflt;
    int v = 0;
    while (at < n && isdigit((unsigned char)s[at]) && v < 100000)
        v = v * 10 + (s[at++] - '0');
    return v;
}

static int fl_truth(const char *s, size_t n)
{
    size_t eq = fl_find(s, n, "=");
    if (eq == SIZE_MAX)
        return 1;
    for (size_t i = eq + 1; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return toupper((unsigned char)s[i]) == 'T';
    return 1;
}

/* The "[CODE]" after offset at: sets code and len. */
static void fl_bracket(const char *s, size_t n, size_t at, const char **code, size_t *len)
{
    size_t lb = at;
    while (lb < n && s[lb] != '[')
        lb++;
    size_t rb = lb;
    while (rb < n && s[rb] != ']')
        rb++;
    if (lb >= n || rb >= n) {
        *code = NULL;
        *len = 0;
        return;
    }
    size_t a = lb + 1, b = rb;
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    *code = b > a ? s + a : NULL;
    *len = b - a;
}

/* "FORWARD: ^^*****NNN*SSS [DOC] [OFF]": '^' stands for a blank between the
 * date and the record id, '*' for any character; the story number is the
 * run of N, the sentence number the run of S (a second run is ignored). */
static void fl_forward_format(fl_opt *o, const char *v, size_t vn)
{
    size_t e = 0;
    while (e < vn && !isspace((unsigned char)v[e]))
        e++;
    o->forward = e > 0 && fl_find(v + e, vn - e, "OFF") == SIZE_MAX;
    o->fw_storyn = o->fw_sentn = 0;
    size_t b = 0;
    while (b < e && v[b] == '^')
        b++;
    for (size_t i = b; i < e; i++) {
        char ch = (char)toupper((unsigned char)v[i]);
        uint32_t *at = ch == 'N' ? &o->fw_story0 : ch == 'S' ? &o->fw_sent0 : NULL;
        uint32_t *len = ch == 'N' ? &o->fw_storyn : ch == 'S' ? &o->fw_sentn : NULL;
        if (!at || *len)
            continue;
        *at = (uint32_t)(i - b);
        while (i < e && toupper((unsigned char)v[i]) == ch) {
            ++*len;
            i++;
        }
        i--;
    }
    if (!o->fw_storyn || !o->fw_sentn)
        o->forward = 0;
}

/* One option: name ("SET", "COMPLEX", ...) and value. Unknown ones are
 * ignored: they concern TABARI's interface (LABEL, OUTPUT, FORWARD ...). */
static void fl_opt_apply(fl_opt *o, const char *name, size_t nn, const char *v, size_t vn)
{
    while (nn && isspace((unsigned char)name[nn - 1]))
        nn--;
    while (nn && isspace((unsigned char)*name)) {
        name++;
        nn--;
    }
    while (vn && isspace((unsigned char)*v)) {
        v++;
        vn--;
    }
    if (nn == 3 && fl_starts(name, nn, "SET")) {
        if (fl_starts(v, vn, "CODE BY CLAUSE"))
            o->code_by = 0;
        else if (fl_starts(v, vn, "CODE BY SENTENCE"))
            o->code_by = 1;
        else if (fl_starts(v, vn, "CODE ALL"))
            o->code_by = 2;
        else if (fl_starts(v, vn, "MINIMUM WORDS"))
            o->min_words = fl_num_after(v, vn, 13, o->min_words);
        else if (fl_starts(v, vn, "CONVERT AGENT"))
            o->convert_agents = fl_truth(v, vn);
        else if (fl_starts(v, vn, "TIME SHIFT"))
            o->time_shift = fl_truth(v, vn);
    } else if (nn == 7 && fl_starts(name, nn, "COMPLEX")) {
        o->cx_verbs = o->cx_conj = o->cx_actors = o->cx_pron = o->cx_comma = o->cx_lateverb = 0;
        o->cx_noactprior = o->cx_noactafter = o->cx_noverb = 0;
        o->cx_nosource = o->cx_notarget = o->cx_noevent = 0;
        static const char *const num[] = {"VERBS[", "CONJ[", "ACTORS[", "PRONOUNS[", "COMMA[", "LATEVERB["};
        int *dst[] = {&o->cx_verbs, &o->cx_conj, &o->cx_actors, &o->cx_pron, &o->cx_comma, &o->cx_lateverb};
        for (size_t i = 0; i < 6; i++) {
            size_t at = fl_find(v, vn, num[i]);
            if (at != SIZE_MAX)
                *dst[i] = fl_num_after(v, vn, at, 0);
        }
        o->cx_noactprior = fl_find(v, vn, "NOACTPRIOR") != SIZE_MAX;
        o->cx_noactafter = fl_find(v, vn, "NOACTAFTER") != SIZE_MAX;
        o->cx_noverb = fl_find(v, vn, "NOVERB") != SIZE_MAX;
        o->cx_nosource = fl_find(v, vn, "NOSOURCE") != SIZE_MAX;
        o->cx_notarget = fl_find(v, vn, "NOTARGET") != SIZE_MAX;
        o->cx_noevent = fl_find(v, vn, "NOEVENT") != SIZE_MAX;
    } else if (nn == 7 && fl_starts(name, nn, "DEFAULT")) {
        o->def_src = o->def_tgt = NULL;
        o->def_src_n = o->def_tgt_n = 0;
        o->src_prior = o->tgt_after = 0;
        if (fl_starts(v, vn, "OFF"))
            return;
        size_t s = fl_find(v, vn, "SOURCE"), t = fl_find(v, vn, "TARGET");
        if (s != SIZE_MAX)
            fl_bracket(v, t != SIZE_MAX && t > s ? t : vn, s, &o->def_src, &o->def_src_n);
        if (t != SIZE_MAX)
            fl_bracket(v, vn, t, &o->def_tgt, &o->def_tgt_n);
        size_t pr = fl_find(v, vn, "PRIOR"), af = fl_find(v, vn, "AFTER");
        o->src_prior = pr != SIZE_MAX;
        o->tgt_after = af != SIZE_MAX;
    } else if (nn == 7 && fl_starts(name, nn, "FORWARD")) {
        fl_forward_format(o, v, vn);
    } else if (nn == 5 && fl_starts(name, nn, "COMMA")) {
        int off = fl_starts(v, vn, "OFF");
        fl_opt d;
        fl_opt_defaults(&d);
        o->comma_off = off;
        o->cmin = d.cmin;
        o->cmax = d.cmax;
        o->emin = d.emin;
        o->emax = d.emax;
        o->bmin = d.bmin;
        o->bmax = d.bmax;
        if (off)
            return;
        /* keys may be EMIN, BMIN, MIN: read each occurrence of "MIN"/"MAX" with its prefix */
        for (size_t i = 0; i + 3 <= vn; i++) {
            int ismin = fl_starts(v + i, vn - i, "MIN"), ismax = fl_starts(v + i, vn - i, "MAX");
            if (!ismin && !ismax)
                continue;
            char pre = i > 0 ? (char)toupper((unsigned char)v[i - 1]) : ' ';
            int val = fl_num_after(v, vn, i + 3, 0);
            int *dst = pre == 'E' ? (ismin ? &o->emin : &o->emax)
                     : pre == 'B' ? (ismin ? &o->bmin : &o->bmax)
                                  : (ismin ? &o->cmin : &o->cmax);
            *dst = val;
        }
    }
}

/* The dictionary's .options, then the caller's extra lines ("NAME: value"
 * each), in order: later settings override earlier ones. */
static void fl_opt_load(fl_opt *o, const struct dyad_dict *d, const char *extra)
{
    fl_opt_defaults(o);
    for (uint32_t i = 0; i < d->noptions; i++) {
        const char *n = d->options[i].name, *v = d->options[i].value;
        if (n && v && n[0] != 'L' && n[0] != 'l') /* LABEL lines are the bulk: skip them fast */
            fl_opt_apply(o, n, strlen(n), v, strlen(v));
    }
    while (extra && *extra) {
        const char *e = strchr(extra, '\n');
        size_t len = e ? (size_t)(e - extra) : strlen(extra);
        const char *c = memchr(extra, ':', len);
        if (c)
            fl_opt_apply(o, extra, (size_t)(c - extra), c + 1, len - (size_t)(c - extra) - 1);
        extra = e ? e + 1 : NULL;
    }
}

/* ------------------------------------------------------------ sentence state */

enum { FK_NONE = 0, FK_ACTOR, FK_AGENT, FK_VERB, FK_PRON, FK_CONJ, FK_COMMA, FK_NULL, FK_NOUN, FK_ADJ };

typedef struct fl_act {
    uint32_t t0, t1;      /* token span (original indices, then compacted) */
    const char *code;     /* may be a coded compound "ELR/GAL" */
    const char *root;     /* the actor's own code, before any agent joins it */
    uint32_t tail;        /* a phrase with a gap: its last word, else UINT32_MAX */
    int32_t lead;         /* first member of its parsed compound (itself when alone) */
    int32_t ref;          /* pronoun: the actor it stands for, else -1 */
    uint32_t agent;       /* FK_AGENT items: agent index */
    uint8_t kind;         /* FK_ACTOR, FK_AGENT, FK_PRON */
    uint8_t dead;         /* merged into another item or eliminated */
    uint32_t line;
    uint16_t file;
} fl_act;

typedef struct fl_verb {
    uint32_t t0, t1;      /* compacted span */
    uint32_t verb;        /* dy_verb index */
} fl_verb;

typedef struct fl {
    cd_ctx *c;
    const struct dyad_dict *d;
    const dy_sentence *st;
    fl_opt o;
    fl_act *a;   uint32_t na;   size_t capa;
    uint8_t *kind;            /* per original token */
    uint8_t *keep;            /* per original token: survives comma elimination */
    dy_tok *kt;  uint32_t nk; /* kept tokens, contiguous */
    uint32_t *korig;          /* kept token -> original index */
    int32_t *kact;            /* kept token -> actor index or -1 */
    fl_verb *v;  uint32_t nv; size_t capv;
    uint32_t *forig;          /* filtered token -> the caller's token */
    uint32_t ntok0;           /* the caller's token count */
    int complex;
    const struct dyad_story *fw; /* FORWARD: the previous sentence continues into this one; else NULL */
} fl;

static int fl_is(const dy_tok *t, const char *w) { return !strcmp(t->up, w); }

static int fl_conj(const dy_tok *t)
{
    return fl_is(t, "AND") || fl_is(t, "BUT") || fl_is(t, "OR") || fl_is(t, "NOR");
}

static int fl_det(const dy_tok *t) { return fl_is(t, "THE") || fl_is(t, "A") || fl_is(t, "AN"); }

static int fl_pronoun(const dy_tok *t)
{
    static const char *const p[] = {"HE", "HIM", "SHE", "IT", "ITS", "HIS", "HER", "THEY", "THEM", "THEIR"};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        if (fl_is(t, p[i]))
            return 1;
    return 0;
}

static int fl_comma(const dy_tok *t) { return fl_is(t, ","); }

static int fl_punct(const dy_tok *t) { return t->pos == DY_POS_PUNCT || (t->nup == 1 && ispunct((unsigned char)t->up[0])); }

static int fl_push(fl *f, fl_act x)
{
    return DY_VEC_PUSH(f->a, f->na, f->capa, x) ? 0 : -1;
}

/* ------------------------------------------------------------ actors and agents */

/* Actor code + agent code: the agent goes where its '~' says, and is not
 * added when the actor code already holds it on a 3-character boundary. */
static const char *fl_join(fl *f, const char *actor, const dy_agent *g, int former)
{
    const char *ag = former ? "ELI" : g->code;
    size_t na = strlen(actor), ng = strlen(ag);
    for (size_t k = 0; ng && k + ng <= na; k += 3)
        if (!memcmp(actor + k, ag, ng))
            return actor;
    size_t n;
    if (!dy_add_ok(na, ng, &n))
        return NULL;
    char *s = dy_arena_alloc(f->c->arena, n + 1);
    if (!s)
        return NULL;
    if (g->prefix) {
        memcpy(s, ag, ng);
        memcpy(s + ng, actor, na + 1);
    } else {
        memcpy(s, actor, na);
        memcpy(s + na, ag, ng + 1);
    }
    return s;
}

/* Regular noun endings (manual 5.2.3): the last word of an actor or agent
 * phrase also matches with a plural S ("Libyas", "government radios"). Tries
 * the phrases ending at a word in S with that S removed; keeps *m when it is
 * longer. */
static int fl_match_plural(fl *f, const dy_phrases *ph, uint32_t i, dy_match *m, int have)
{
    const dy_sentence *st = f->st;
    dy_tok buf[DY_PH_MAX_GAP + 8];
    uint32_t lim = i + (uint32_t)(sizeof buf / sizeof buf[0]);
    if (lim > st->ntok)
        lim = st->ntok;
    for (uint32_t e = lim; e-- > i;) {
        const dy_tok *t = &st->toks[e];
        if (have && e < m->t1)
            break;
        if (t->nup < 3 || t->up[t->nup - 1] != 'S' || t->up[t->nup - 2] == '\'')
            continue;
        uint32_t id = dy_lex_find(&f->d->lex, t->up, t->nup - 1);
        if (!id)
            continue;
        memcpy(buf, st->toks + i, (e - i + 1) * sizeof *buf);
        buf[e - i].word = id;
        buf[e - i].up = f->d->lex.words[id];
        buf[e - i].nup = t->nup - 1;
        dy_match x;
        if (dy_phrases_match(ph, &f->d->lex, buf, e - i + 1, 0, &x) && x.t1 == e - i + 1 &&
            !(ph->items[x.phrase].flags & DY_PH_NOEND)) {
            x.t0 += i;
            x.t1 += i;
            *m = x;
            return 1;
        }
    }
    return have;
}

/* Does word k of phrase `it` match token t? (as the phrase matcher does) */
static int fl_ph_word(const fl *f, const dy_phrases *ph, const dy_phrase *it, uint32_t k, const dy_tok *t)
{
    uint32_t id = ph->words[it->first_word + k];
    if (id && t->word == id)
        return 1;
    const dy_lex *lx = &f->d->lex;
    return (it->flags & DY_PH_STEM) && k + 1 == it->nwords && id < lx->n && t->nup >= lx->lens[id] &&
           !memcmp(t->up, lx->words[id], lx->lens[id]);
}

/* End of the first run of consecutive words of a phrase match: the whole
 * match unless the phrase has a gap that other words filled. */
static uint32_t fl_gap_head(const fl *f, const dy_phrases *ph, const dy_match *m)
{
    const dy_phrase *it = &ph->items[m->phrase];
    if (!(it->flags & DY_PH_GAP) || m->t1 - m->t0 == it->nwords)
        return m->t1;
    uint32_t pos = m->t0 + 1, k = 1;
    while (k < it->nwords && pos < m->t1 && fl_ph_word(f, ph, it, k, &f->st->toks[pos])) {
        pos++;
        k++;
    }
    return pos;
}

/* Mark the phrase's words after the gap (matched the matcher's way, from
 * `from`) as spent: no actor, verb or other word of their own. */
static void fl_gap_spend(fl *f, const dy_phrases *ph, const dy_match *m, uint32_t from)
{
    const dy_phrase *it = &ph->items[m->phrase];
    uint32_t k = from - m->t0, pos = from;
    for (; k < it->nwords && pos < m->t1; k++) {
        while (pos < m->t1 && !fl_ph_word(f, ph, it, k, &f->st->toks[pos]))
            pos++;
        if (pos < m->t1)
            f->kind[pos++] = FK_NULL;
    }
}

/* Pass 1: dictionary actors and agents (longest match, actors win ties),
 * conjunctions, commas and pronouns. */
static int fl_scan(fl *f)
{
    const struct dyad_dict *d = f->d;
    const dy_sentence *st = f->st;
    for (uint32_t i = 0; i < st->ntok;) {
        if (f->kind[i] != FK_NONE) { /* spent by an actor phrase with a gap */
            i++;
            continue;
        }
        dy_match ma, mg;
        int ha = d->actor_phrases.n && dy_phrases_match(&d->actor_phrases, &d->lex, st->toks, st->ntok, i, &ma);
        int hg = d->agent_phrases.n && dy_phrases_match(&d->agent_phrases, &d->lex, st->toks, st->ntok, i, &mg);
        if (d->actor_phrases.n)
            ha = fl_match_plural(f, &d->actor_phrases, i, &ma, ha);
        if (d->agent_phrases.n)
            hg = fl_match_plural(f, &d->agent_phrases, i, &mg, hg);
        if (ha && (!hg || ma.t1 >= mg.t1)) {
            const dy_actor *a = &d->actors[ma.value];
            const char *code = dy_actor_code_on(d, a, f->c->date);
            uint8_t k = FK_ACTOR;
            if (!code)
                k = FK_NULL;
            else if (!strcmp(code, "###"))
                return CD_FLAT_DISCARD;
            else if (!strcmp(code, "+++")) {
                f->complex = 1;
                k = FK_NULL;
            }
            /* "DURTHANG ORC" written with a blank matches across other words:
             * the actor stands where its first words are; the words between
             * stay free (a verb there is still a verb), the later ones are
             * spent (TABARI tags the root's head and tail words only) */
            uint32_t head = fl_gap_head(f, &d->actor_phrases, &ma);
            if (k == FK_ACTOR) {
                fl_act x = {ma.t0, head, code, code, head < ma.t1 ? ma.t1 - 1 : UINT32_MAX, (int32_t)f->na, -1, 0,
                            FK_ACTOR, 0, a->line, a->file};
                if (fl_push(f, x))
                    return -1;
            }
            for (uint32_t t = ma.t0; t < head; t++)
                f->kind[t] = k;
            if (head < ma.t1)
                fl_gap_spend(f, &d->actor_phrases, &ma, head);
            i = head;
        } else if (hg) {
            const dy_agent *g = &d->agents[mg.value];
            fl_act x = {mg.t0, mg.t1, NULL, NULL, UINT32_MAX, (int32_t)f->na, -1, mg.value, FK_AGENT, 0, g->line, g->file};
            if (fl_push(f, x))
                return -1;
            for (uint32_t t = mg.t0; t < mg.t1; t++)
                f->kind[t] = FK_AGENT;
            i = mg.t1;
        } else {
            const dy_tok *t = &st->toks[i];
            if (fl_comma(t))
                f->kind[i] = FK_COMMA;
            else if (fl_conj(t))
                f->kind[i] = FK_CONJ;
            else if (fl_pronoun(t)) {
                fl_act x = {i, i + 1, NULL, NULL, UINT32_MAX, (int32_t)f->na, -1, 0, FK_PRON, 0, 0, 0};
                if (fl_push(f, x))
                    return -1;
                f->kind[i] = FK_PRON;
            } else {
                dy_match mw;
                if (d->word_classes.n && dy_phrases_match(&d->word_classes, &d->lex, st->toks, st->ntok, i, &mw)) {
                    for (uint32_t k = mw.t0; k < mw.t1; k++)
                        f->kind[k] = mw.value == DY_WC_NOUN ? FK_NOUN : FK_ADJ;
                    i = mw.t1;
                    continue;
                }
            }
            i++;
        }
    }
    return CD_FLAT_CODED;
}

/* Is token t a possessive ending ("'S", "'") that belongs to the word before? */
static int fl_poss(const dy_sentence *st, uint32_t t)
{
    return t < st->ntok && (fl_is(&st->toks[t], "'S") || fl_is(&st->toks[t], "'"));
}

/* Pass 2: agents join the actor immediately before them ("Ithilen's
 * president"), else immediately after ("President Telemar"), else after OF
 * or IN ("the ambassadors of Arnor"); FORMER in front makes the agent an
 * elite (ELI). Unattached agents become actors of their own with SET:
 * CONVERT AGENTS, else they are dropped. */
static int fl_agents(fl *f)
{
    const dy_sentence *st = f->st;
    for (uint32_t k = 0; k < f->na; k++) {
        fl_act *g = &f->a[k];
        if (g->kind != FK_AGENT || g->dead)
            continue;
        const dy_agent *ag = &f->d->agents[g->agent];
        int former = g->t0 > 0 && fl_is(&st->toks[g->t0 - 1], "FORMER");
        fl_act *host = NULL;
        if (k > 0) {
            fl_act *p = &f->a[k - 1];
            uint32_t end = p->t1;
            if (fl_poss(st, end))
                end++;
            if (former && end + 1 == g->t0)
                end++; /* "Arnor former officials" */
            if (p->kind == FK_ACTOR && !p->dead && end == g->t0) {
                host = p;
                former = former || (p->t0 > 0 && fl_is(&st->toks[p->t0 - 1], "FORMER"));
            }
        }
        if (!host && k + 1 < f->na) {
            fl_act *n = &f->a[k + 1];
            if (n->kind == FK_ACTOR && n->t0 == g->t1)
                host = n;
            else if (n->kind == FK_ACTOR && g->t1 < st->ntok &&
                     (fl_is(&st->toks[g->t1], "OF") || fl_is(&st->toks[g->t1], "IN"))) {
                uint32_t at = g->t1 + 1;
                if (at < st->ntok && fl_det(&st->toks[at]))
                    at++;
                if (n->t0 == at)
                    host = n;
            }
        }
        if (host) {
            const char *code = fl_join(f, host->code, ag, former);
            if (!code)
                return -1;
            host->code = code;
            if (g->t0 < host->t0)
                host->t0 = g->t0;
            if (g->t1 > host->t1)
                host->t1 = g->t1;
            g->dead = 1;
        } else if (f->o.convert_agents) {
            const char *code = former ? "ELI" : ag->code;
            size_t n = strlen(code);
            char *s = dy_arena_alloc(f->c->arena, n + 2);
            if (!s)
                return -1;
            /* TABARI writes a lone agent with its '~' */
            if (ag->prefix) {
                memcpy(s, code, n);
                s[n] = '~';
            } else {
                s[0] = '~';
                memcpy(s + 1, code, n);
            }
            s[n + 1] = 0;
            g->code = g->root = s;
            g->kind = FK_ACTOR;
        } else {
            g->dead = 1;
        }
    }
    /* compact the live items */
    uint32_t out = 0;
    for (uint32_t k = 0; k < f->na; k++)
        if (!f->a[k].dead)
            f->a[out++] = f->a[k];
    f->na = out;
    for (uint32_t k = 0; k < f->na; k++) {
        f->a[k].lead = (int32_t)k;
        for (uint32_t t = f->a[k].t0; t < f->a[k].t1; t++)
            f->kind[t] = f->a[k].kind;
    }
    return 0;
}

/* Pass 3: parsed compounds "A and B", "A, B and C" (determiners may stand
 * before each member). A comma-only run without a final AND is a list of
 * separate actors, not a compound. */
static void fl_compounds(fl *f)
{
    const dy_sentence *st = f->st;
    uint32_t run = 0; /* first actor of the current run */
    int32_t last_and = -1;
    for (uint32_t k = 0; k < f->na; k++) {
        int link = 0; /* 1 comma, 2 conjunction, 3 same noun phrase ("Arnor awful Gondor") */
        if (k > 0) {
            const fl_act *p = &f->a[k - 1], *n = &f->a[k];
            if (p->kind == FK_ACTOR && n->kind == FK_ACTOR) {
                /* np1 ends with its actor; np2 may open with determiners and adjectives */
                int sep = 0, conj = 0, ok = 1, mods = 0;
                for (uint32_t t = p->t1; t < n->t0 && ok; t++) {
                    const dy_tok *x = &st->toks[t];
                    if (fl_comma(x) && !conj && !mods)
                        sep++;
                    else if ((fl_is(x, "AND") || fl_is(x, "OR") || fl_is(x, "NOR")) && !conj && !mods)
                        conj++;
                    else if (fl_det(x) || f->kind[t] == FK_ADJ || (t == p->t1 && fl_poss(st, t)))
                        mods++;
                    else
                        ok = 0;
                }
                if (ok && conj == 1 && sep <= 1)
                    link = 2;
                else if (ok && conj == 0 && sep == 1)
                    link = 1;
                else if (ok && conj == 0 && sep == 0 && mods > 0)
                    link = 3;
            }
        }
        if (!link) {
            /* close the previous run at its last AND */
            if (last_and >= 0)
                for (uint32_t j = run; j <= (uint32_t)last_and; j++)
                    f->a[j].lead = (int32_t)run;
            run = k;
            last_and = -1;
            continue;
        }
        if (link == 2 || (link == 3 && last_and >= 0 && (uint32_t)last_and + 1 == k))
            last_and = (int32_t)k;
    }
    if (last_and >= 0)
        for (uint32_t j = run; j <= (uint32_t)last_and; j++)
            f->a[j].lead = (int32_t)run;
    /* "bombs and lazy goats", "black and white": compound noun and adjective
     * phrases, whose conjunction does not split clauses (manual 7.5.1) */
    for (uint32_t t = 1; t + 1 < st->ntok; t++) {
        if (f->kind[t] != FK_CONJ)
            continue;
        uint8_t p = f->kind[t - 1];
        uint32_t q = t + 1;
        if (p == FK_ADJ && f->kind[q] == FK_ADJ) {
            f->kind[t] = FK_NONE;
            continue;
        }
        while (q < st->ntok && f->kind[q] == FK_ADJ)
            q++;
        if ((p == FK_NOUN || p == FK_NULL) && q < st->ntok && (f->kind[q] == FK_NOUN || f->kind[q] == FK_NULL))
            f->kind[t] = FK_NONE;
    }
    /* commas and conjunctions inside a compound are neither clause nor comma breaks */
    for (uint32_t k = 1; k < f->na; k++)
        if (f->a[k].lead != (int32_t)k && f->a[k].lead == f->a[k - 1].lead)
            for (uint32_t t = f->a[k - 1].t1; t < f->a[k].t0; t++)
                f->kind[t] = FK_ACTOR;
}

/* ------------------------------------------------------------ commas */

/* Pass 4: drop comma-delimited nonrestrictive clauses whose length (in
 * words) lies within the COMMA limits: BMIN..BMAX for the opening phrase,
 * MIN..MAX between commas, EMIN..EMAX for the closing one. */
static void fl_commas(fl *f)
{
    const dy_sentence *st = f->st;
    for (uint32_t t = 0; t < st->ntok; t++)
        f->keep[t] = 1;
    if (f->o.comma_off)
        return;
    uint32_t end = st->ntok;
    while (end > 0 && fl_punct(&st->toks[end - 1]) && !fl_comma(&st->toks[end - 1]))
        end--;
    /* A dropped phrase takes both its commas with it, so the phrase after it
     * has no opening comma and stays. */
    uint32_t prev = UINT32_MAX; /* previous comma */
    int consumed = 0;           /* ... already dropped with the phrase before it */
    for (uint32_t t = 0; t <= end; t++) {
        int is_comma = t < end && f->kind[t] == FK_COMMA;
        if (!is_comma && t < end)
            continue;
        int n = (int)(t - (prev == UINT32_MAX ? 0 : prev + 1));
        int lo, hi;
        if (prev == UINT32_MAX) {
            if (t == end)
                break; /* no comma at all */
            lo = f->o.bmin;
            hi = f->o.bmax;
        } else if (t == end) {
            lo = f->o.emin;
            hi = f->o.emax;
        } else {
            lo = f->o.cmin;
            hi = f->o.cmax;
        }
        int drop = !consumed && n > lo && n <= hi;
        if (drop) {
            uint32_t from = prev == UINT32_MAX ? 0 : prev;
            for (uint32_t x = from; x <= t && x < end; x++)
                f->keep[x] = 0;
        }
        consumed = drop;
        prev = t;
    }
}

/* Pass 5: the kept tokens as one contiguous array; actors remapped. */
static int fl_compact(fl *f)
{
    const dy_sentence *st = f->st;
    uint32_t n = st->ntok;
    f->kt = malloc((n + 1) * sizeof *f->kt);
    f->korig = malloc((n + 1) * sizeof *f->korig);
    f->kact = malloc((n + 1) * sizeof *f->kact);
    uint32_t *newix = malloc((n + 1) * sizeof *newix);
    if (!f->kt || !f->korig || !f->kact || !newix) {
        free(newix);
        return -1;
    }
    f->nk = 0;
    for (uint32_t t = 0; t < n; t++) {
        newix[t] = f->nk;
        if (!f->keep[t])
            continue;
        f->kt[f->nk] = st->toks[t];
        f->korig[f->nk] = t;
        f->kact[f->nk] = -1;
        f->nk++;
    }
    newix[n] = f->nk;
    /* actors wholly kept survive; leads are re-pointed */
    int32_t *remap = malloc((f->na + 1) * sizeof *remap);
    if (!remap) {
        free(newix);
        return -1;
    }
    uint32_t out = 0;
    for (uint32_t k = 0; k < f->na; k++) {
        fl_act x = f->a[k];
        int kept = 1;
        for (uint32_t t = x.t0; t < x.t1 && kept; t++)
            kept = f->keep[t];
        remap[k] = -1;
        if (!kept)
            continue;
        remap[k] = (int32_t)out;
        x.t0 = newix[x.t0];
        x.t1 = newix[x.t1];
        if (x.tail != UINT32_MAX)
            x.tail = f->keep[x.tail] ? newix[x.tail] : UINT32_MAX;
        x.lead = x.lead >= 0 && (uint32_t)x.lead < k ? remap[x.lead] : (int32_t)out;
        if (x.lead < 0)
            x.lead = (int32_t)out;
        f->a[out++] = x;
    }
    f->na = out;
    for (uint32_t k = 0; k < f->na; k++)
        for (uint32_t t = f->a[k].t0; t < f->a[k].t1; t++)
            f->kact[t] = (int32_t)k;
    free(remap);
    free(newix);
    return 0;
}

/* ------------------------------------------------------------ verbs */

/* A dictionary verb at kept token i: an exact form (possibly several
 * words), else the longest verb stem the word starts with. */
static int fl_find_verb(fl *f, uint32_t i, fl_verb *out)
{
    const struct dyad_dict *d = f->d;
    const dy_tok *toks = f->kt;
    const uint32_t *list;
    uint32_t n = toks[i].word ? dy_dict_forms_for(d, toks[i].word, &list) : 0;
    int best = -1;
    uint32_t best_len = 0;
    uint32_t best_end = 0;
    for (uint32_t k = 0; k < n; k++) {
        const dy_verb_form *fm = &d->forms[list[k]];
        /* longer forms first; at equal length a root written as the word
         * itself (ATTACKED) beats another root's regular form (ATTACK+ED) */
        uint32_t score = 2u * fm->nwords + (d->verbs[fm->verb].lemma == toks[i].word);
        if (fm->head != 0 || score <= best_len)
            continue; /* TABARI roots start with their verb word */
        /* the words after the first may stand a few words apart ("death toll
         * has risen"), never across a comma, conjunction or actor */
        uint32_t pos = i + 1, j = 1;
        for (; j < fm->nwords; j++) {
            uint32_t w = d->form_words[fm->first_word + j], q = pos;
            while (q < f->nk && q < pos + 4 && toks[q].word != w && f->kact[q] < 0 && !fl_comma(&toks[q]) &&
                   !fl_conj(&toks[q]))
                q++;
            if (q >= f->nk || toks[q].word != w || f->kact[q] >= 0)
                break;
            pos = q + 1;
        }
        if (j == fm->nwords) {
            best = (int)list[k];
            best_len = score;
            best_end = pos;
        }
    }
    if (best >= 0) {
        out->verb = d->forms[best].verb;
        out->t0 = i;
        out->t1 = best_end;
        return 1;
    }
    /* stems: RESTOR matches RESTORE, RESTORES, RESTORING */
    const dy_tok *t = &toks[i];
    for (uint32_t len = t->nup; len-- > 2;) {
        uint32_t id = dy_lex_find(&d->lex, t->up, len);
        if (!id)
            continue;
        n = dy_dict_forms_for(d, id, &list);
        for (uint32_t k = 0; k < n; k++) {
            const dy_verb_form *fm = &d->forms[list[k]];
            if (fm->nwords == 1 && fm->stem) {
                out->verb = fm->verb;
                out->t0 = i;
                out->t1 = i + 1;
                return 1;
            }
        }
    }
    return 0;
}

/* Does the verb code anything: a non-null code or any pattern? */
static int fl_verb_live(const struct dyad_dict *d, uint32_t verb)
{
    const dy_verb *vb = &d->verbs[verb];
    return !cd_null_code(vb->code) || d->blocks[vb->block].npattern > 0;
}

/* Pass 6: verbs. A verb-looking word after THE, A or AN, or capitalised
 * inside a mixed-case sentence, is a noun (manual 7.4). */
static int fl_verbs(fl *f, int allcaps)
{
    const dy_sentence *st = f->st;
    for (uint32_t i = 0; i < f->nk; i++) {
        if (f->kact[i] >= 0 || f->kind[f->korig[i]] != FK_NONE || !f->kt[i].nup)
            continue;
        if (i > 0 && fl_det(&f->kt[i - 1]))
            continue;
        uint32_t o = f->korig[i];
        if (!allcaps && o > 0 && isupper((unsigned char)st->text[st->toks[o].start]))
            continue;
        /* "donate's": a possessive ending makes the word a noun */
        if (i + 1 < f->nk && fl_is(&f->kt[i + 1], "'S") && f->kt[i].end == f->kt[i + 1].start)
            continue;
        fl_verb v;
        if (!fl_find_verb(f, i, &v) || !fl_verb_live(f->d, v.verb))
            continue;
        if (!DY_VEC_PUSH(f->v, f->nv, f->capv, v))
            return -1;
        /* the AND of SHOT_AND_WOUND is the verb's, no clause break (manual 7.6) */
        for (uint32_t t = v.t0 + 1; t < v.t1; t++)
            if (f->kind[f->korig[t]] == FK_CONJ)
                f->kind[f->korig[t]] = FK_VERB;
        i = v.t1 - 1;
    }
    return 0;
}

/* ------------------------------------------------------------ pronouns */

/* The first item before item k with a code (an actor, or a pronoun resolved
 * to one), or -1. */
static int32_t fl_coded_before(const fl *f, uint32_t k)
{
    for (uint32_t j = 0; j < k; j++)
        if (f->a[j].code && (f->a[j].kind == FK_ACTOR || f->a[j].kind == FK_PRON))
            return (int32_t)j;
    return -1;
}

/* Pass 7: HE, SHE, IT are the sentence's first actor; ITS, HIS, HER the
 * first actor before them; THEY, THEM, THEIR the first compound, else the
 * first actor. */
static void fl_pronouns(fl *f)
{
    int32_t first = -1, compound = -1;
    for (uint32_t k = 0; k < f->na; k++) {
        if (f->a[k].kind != FK_ACTOR)
            continue;
        if (first < 0)
            first = (int32_t)k;
        if (compound < 0 && k + 1 < f->na && f->a[k + 1].lead == f->a[k].lead && f->a[k].lead == (int32_t)k)
            compound = (int32_t)k;
    }
    for (uint32_t k = 0; k < f->na; k++) {
        fl_act *p = &f->a[k];
        if (p->kind != FK_PRON)
            continue;
        const dy_tok *t = &f->kt[p->t0];
        int32_t ref = -1;
        if (fl_is(t, "ITS") || fl_is(t, "HIS") || fl_is(t, "HER")) {
            for (uint32_t j = 0; j < k && ref < 0; j++)
                if (f->a[j].kind == FK_ACTOR)
                    ref = f->a[j].lead;
        } else if (fl_is(t, "THEY") || fl_is(t, "THEM") || fl_is(t, "THEIR")) {
            ref = compound >= 0 ? compound : first;
        } else {
            ref = first;
        }
        if (ref >= 0 && (uint32_t)ref < k) {
            p->ref = ref;
            p->code = f->a[ref].code;
        } else if ((ref = fl_coded_before(f, k)) >= 0) {
            p->code = f->a[ref].code; /* a pronoun resolved from the previous sentence */
        } else if (f->fw) {
            /* FORWARD (manual 8.4): a pronoun before any actor is the previous
             * sentence's first actor; THEY, THEM and THEIR also take a compound
             * there, as its first member (TABARI codes no more of it) */
            int plural = fl_is(t, "THEY") || fl_is(t, "THEM") || fl_is(t, "THEIR");
            const char *fw = plural ? f->fw->fw_group : f->fw->fw_single;
            p->code = fw ? dy_arena_strndup(f->c->arena, fw, strlen(fw)) : NULL;
        } else {
            p->code = NULL;
        }
    }
}

/* ------------------------------------------------------------ patterns */

typedef struct fl_hit {
    uint32_t pattern;     /* UINT32_MAX: the verb's own code */
    const char *code;
    int32_t src, tgt;     /* actor indices set by $ and +; -1 default */
    int compound;         /* % matched: source and target are the compound */
    uint32_t sk0, sk1;    /* tokens of the actors '^' passed over: no default role */
} fl_hit;

static void fl_skipped(fl_hit *h, uint32_t t0, uint32_t t1)
{
    if (h->sk0 >= h->sk1) {
        h->sk0 = t0;
        h->sk1 = t1;
        return;
    }
    h->sk0 = t0 < h->sk0 ? t0 : h->sk0;
    h->sk1 = t1 > h->sk1 ? t1 : h->sk1;
}

/* The actor (index) starting in [t, lim), skipping null-coded pronouns. */
static int32_t fl_actor_from(const fl *f, uint32_t t, uint32_t lim)
{
    for (; t < lim; t++) {
        int32_t k = f->kact[t];
        if (k >= 0 && f->a[k].t0 == t && f->a[k].code)
            return k;
    }
    return -1;
}

/* Token index after the whole compound that actor k belongs to. */
static uint32_t fl_group_end(const fl *f, int32_t k)
{
    uint32_t end = f->a[k].t1;
    int32_t lead = f->a[k].lead;
    for (uint32_t j = (uint32_t)k + 1; j < f->na && f->a[j].lead == lead; j++)
        end = f->a[j].t1;
    return end;
}

static int fl_is_compound(const fl *f, int32_t k)
{
    if (k < 0)
        return 0;
    if (f->a[k].ref >= 0)
        k = f->a[k].ref;
    int32_t lead = f->a[k].lead;
    return (uint32_t)lead + 1 < f->na && f->a[lead + 1].lead == lead;
}

/* Actor k fills the role of pattern element x ('$', '+' or '%'); 0 when '%'
 * finds no compound there. */
static int fl_take_actor(const fl *f, const dy_pel *x, int32_t k, fl_hit *h)
{
    if (x->kind == DY_PE_COMPOUND) {
        if (!fl_is_compound(f, k))
            return 0;
        h->src = h->tgt = k;
        h->compound = 1;
    } else if (x->kind == DY_PE_SOURCE) {
        h->src = k;
    } else {
        h->tgt = k;
    }
    return 1;
}

/* Element e (word or synset) at token t: tokens consumed, 0 when no match.
 * *marker gets the matched synset member's DY_SYN_* actor marker (may be NULL). */
static uint32_t fl_elem_at(const fl *f, const dy_pel *e, uint32_t t, uint32_t lim, uint32_t *marker)
{
    if (marker)
        *marker = 0;
    if (t >= lim)
        return 0;
    const dy_tok *k = &f->kt[t];
    if (e->kind == DY_PE_WORD) {
        if (e->id && k->word == e->id)
            return 1;
        if (e->id >= f->d->lex.n)
            return 0;
        uint32_t n = f->d->lex.lens[e->id];
        /* a bare word is a stem; WORD_ matches only itself */
        return !e->word_end && k->nup > n && !memcmp(k->up, f->d->lex.words[e->id], n);
    }
    if (e->kind == DY_PE_SYNSET) {
        dy_match m;
        if (dy_synset_match(f->d, e->id, f->kt, lim, t, &m)) {
            if (marker)
                *marker = m.value;
            return m.t1 - m.t0;
        }
    }
    return 0;
}

/* Match elements e[0..n) linearly inside [r0, r1), starting at r0. `anchor`
 * (UINT32_MAX for none) is where a first element glued with '_' must start.
 * On success *end is where the match stopped. */
static int fl_seq(const fl *f, const dy_pel *e, uint32_t n, uint32_t r0, uint32_t r1, uint32_t anchor,
                  uint32_t *end, fl_hit *h)
{
    uint32_t pos = r0, last = anchor;
    for (uint32_t k = 0; k < n; k++) {
        const dy_pel *x = &e[k];
        switch (x->kind) {
        case DY_PE_WORD:
        case DY_PE_SYNSET: {
            uint32_t got = 0, at = pos, marker = 0;
            if (x->joined && last != UINT32_MAX) {
                at = last;
                got = fl_elem_at(f, x, at, r1, &marker);
            } else {
                for (at = pos; at < r1; at++)
                    if ((got = fl_elem_at(f, x, at, r1, &marker)) > 0)
                        break;
            }
            if (!got)
                return 0;
            pos = last = at + got;
            if (marker & DY_SYN_KIND) {
                /* "+PESO_$": the member's source (or target) follows it,
                 * at once when glued by '_' */
                dy_pel role = {(marker & DY_SYN_KIND) == DY_SYN_SOURCE ? DY_PE_SOURCE : DY_PE_TARGET, 0, 0, 0};
                int32_t m = fl_actor_from(f, pos, (marker & DY_SYN_NEXT) ? pos + 1 : r1);
                if (m < 0 || !fl_take_actor(f, &role, m, h))
                    return 0;
                pos = last = fl_group_end(f, m);
            }
            break;
        }
        case DY_PE_SOURCE:
        case DY_PE_TARGET:
        case DY_PE_COMPOUND: {
            int32_t m = fl_actor_from(f, pos, r1);
            if (m < 0 || !fl_take_actor(f, x, m, h))
                return 0;
            pos = last = fl_group_end(f, m);
            break;
        }
        case DY_PE_SKIP: { /* '^' passes over the next actor phrase, compounds whole */
            int32_t m = fl_actor_from(f, pos, r1);
            if (m < 0)
                return 0;
            fl_skipped(h, f->a[m].t0, fl_group_end(f, m));
            pos = fl_group_end(f, m);
            last = UINT32_MAX;
            break;
        }
        default:
            break;
        }
    }
    *end = pos;
    return 1;
}

/* The actor ending at or before `pos` nearest to it, not before r0. */
static int32_t fl_actor_before(const fl *f, uint32_t r0, uint32_t pos)
{
    for (uint32_t t = pos; t-- > r0;) {
        int32_t k = f->kact[t];
        if (k >= 0 && f->a[k].code && f->a[k].t0 >= r0)
            return f->a[k].lead >= 0 && f->a[f->a[k].lead].t0 >= r0 ? f->a[k].lead : k;
    }
    return -1;
}

/* Does a member of synset `syn` start with the word at kept token t? Before
 * the verb TABARI compares a member's first word only. */
static int fl_synset_first(const fl *f, uint32_t syn, uint32_t t)
{
    if (syn >= f->d->nsynsets)
        return 0;
    const dy_phrases *ph = &f->d->synsets[syn].phrases;
    const dy_tok *k = &f->kt[t];
    for (uint32_t i = 0; i < ph->n; i++) {
        const dy_phrase *it = &ph->items[i];
        uint32_t w = ph->words[it->first_word];
        if (k->word == w)
            return 1;
        /* a one-word member without '_' is a stem */
        if ((it->flags & DY_PH_STEM) && it->nwords == 1 && w < f->d->lex.n && k->nup > f->d->lex.lens[w] &&
            !memcmp(k->up, f->d->lex.words[w], f->d->lex.lens[w]))
            return 1;
    }
    return 0;
}

/* The part of a pattern before '*' is matched from the verb leftwards:
 * "$ *" takes the actor nearest the verb, "+ s1 *" the first actor before
 * s1. `glue` says the last element must end at the verb ("WORD_*"). */
static int fl_seq_back(const fl *f, const dy_pel *e, uint32_t n, uint32_t r0, uint32_t pos, int glue, fl_hit *h)
{
    for (uint32_t k = n; k-- > 0;) {
        const dy_pel *x = &e[k];
        switch (x->kind) {
        case DY_PE_SYNSET: {
            /* TABARI looks for a synset leftwards whatever its connector
             * says, and stops at the first word that opens a member */
            uint32_t at = pos, found = 0;
            while (at-- > r0 && !(found = fl_synset_first(f, x->id, at)))
                ;
            if (!found)
                return 0;
            pos = at;
            glue = x->joined;
            break;
        }
        case DY_PE_WORD: {
            uint32_t at = pos, found = 0;
            while (at-- > r0) {
                if (fl_elem_at(f, x, at, pos, NULL)) {
                    found = 1;
                    break;
                }
                if (glue)
                    break; /* WORD_*: the word must stand right before */
            }
            if (!found)
                return 0;
            pos = at;
            glue = x->joined;
            break;
        }
        case DY_PE_SKIP: { /* '^': the nearest actor phrase is passed over */
            int32_t m = fl_actor_before(f, r0, pos);
            if (m < 0)
                return 0;
            fl_skipped(h, f->a[m].t0, fl_group_end(f, m));
            pos = f->a[m].t0;
            glue = 0;
            break;
        }
        case DY_PE_SOURCE:
        case DY_PE_TARGET:
        case DY_PE_COMPOUND: {
            int32_t m = fl_actor_before(f, r0, pos);
            if (m < 0 || !fl_take_actor(f, x, m, h))
                return 0;
            pos = f->a[m].t0;
            glue = x->joined;
            break;
        }
        default:
            break;
        }
    }
    return 1;
}

/* TABARI's pattern length: the letters of its words (manual 5.7.1). Like
 * the actor and verb tokens, a synset designator is no text of the pattern
 * and counts nothing, so "* DOLLAR" is tried before "* &CURRENCY". */
static uint32_t fl_plen(const struct dyad_dict *d, const dy_pattern *pt)
{
    uint32_t len = 0;
    const dy_pel *e = &d->pels[pt->first];
    for (uint32_t k = 0; k < pt->n; k++)
        if (e[k].kind == DY_PE_WORD && e[k].id < d->lex.n)
            len += d->lex.lens[e[k].id];
    return len;
}

/* The verb's patterns, longest first (file order on ties); the first that
 * matches inside [c0, c1) wins, else the verb's own code. */
static void fl_patterns(const fl *f, const fl_verb *v, uint32_t c0, uint32_t c1, fl_hit *h)
{
    const struct dyad_dict *d = f->d;
    const dy_verb *vb = &d->verbs[v->verb];
    const dy_verb_block *b = &d->blocks[vb->block];
    h->pattern = UINT32_MAX;
    h->code = vb->code;
    h->src = h->tgt = -1;
    h->compound = 0;
    h->sk0 = h->sk1 = 0;
    /* pattern matching stops at commas and conjunctions */
    uint32_t p0 = v->t0, p1 = v->t1;
    while (p0 > c0 && !fl_comma(&f->kt[p0 - 1]))
        p0--;
    while (p1 < c1 && !fl_comma(&f->kt[p1]))
        p1++;
    uint32_t best_len = 0;
    int have = 0;
    for (uint32_t p = b->first_pattern; p < b->first_pattern + b->npattern; p++) {
        const dy_pattern *pt = &d->patterns[p];
        uint32_t len = fl_plen(d, pt);
        if (have && len <= best_len)
            continue;
        const dy_pel *e = &d->pels[pt->first];
        uint32_t star = pt->star;
        fl_hit t = {p, pt->code, -1, -1, 0, 0, 0};
        uint32_t end;
        if (!fl_seq_back(f, e, star, p0, v->t0, e[star].joined, &t))
            continue;
        if (!fl_seq(f, e + star + 1, pt->n - star - 1, v->t1, p1, v->t1, &end, &t))
            continue;
        *h = t;
        best_len = len;
        have = 1;
    }
}

/* ------------------------------------------------------------ time shifts */

enum { FL_TIME_NONE = 0, FL_TIME_DISCARD, FL_TIME_COMPLEX };

/* Kept-token index of original token t, or UINT32_MAX when a comma phrase
 * took it. */
static uint32_t fl_kept_at(const fl *f, uint32_t t)
{
    uint32_t lo = 0, hi = f->nk;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (f->korig[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->nk && f->korig[lo] == t ? lo : UINT32_MAX;
}

/* <TIME> phrases (manual 10.5): the first one in the sentence whose code is
 * not null decides. TABARI finds them before it drops comma-delimited
 * phrases, so a root counts there too; its patterns, tried longest first
 * before the root's own code, are matched on the words that remain. A number
 * of days moves the events' date; ### discards the sentence and +++ marks
 * it complex, as in verbs. */
static int fl_time(fl *f)
{
    const struct dyad_dict *d = f->d;
    const dy_sentence *st = f->st;
    for (uint32_t i = 0; i < st->ntok; i++) {
        dy_match m;
        if (!dy_phrases_match(&d->time_phrases, &d->lex, st->toks, st->ntok, i, &m))
            continue;
        const dy_time *tm = &d->times[m.value];
        uint32_t k0 = fl_kept_at(f, m.t0), k1 = fl_kept_at(f, m.t1 - 1);
        int kept = k0 != UINT32_MAX && k1 != UINT32_MAX && k1 - k0 == m.t1 - 1 - m.t0;
        fl_verb at = {k0, kept ? k1 + 1 : k0, 0};
        const char *code = tm->code;
        uint32_t best_len = 0;
        int have = 0;
        for (uint32_t p = tm->first_pattern; kept && p < tm->first_pattern + tm->npattern; p++) {
            const dy_pattern *pt = &d->time_patterns[p];
            uint32_t len = fl_plen(d, pt), end;
            if (have && len <= best_len)
                continue;
            const dy_pel *e = &d->pels[pt->first];
            fl_hit h = {p, pt->code, -1, -1, 0, 0, 0};
            if (!fl_seq_back(f, e, pt->star, 0, at.t0, e[pt->star].joined, &h) ||
                !fl_seq(f, e + pt->star + 1, pt->n - pt->star - 1, at.t1, f->nk, at.t1, &end, &h))
                continue;
            code = pt->code;
            best_len = len;
            have = 1;
        }
        i = m.t1 - 1;
        if (!strcmp(code, "###"))
            return FL_TIME_DISCARD;
        if (!strcmp(code, "+++"))
            return FL_TIME_COMPLEX;
        /* "-7" is a number of days, not the null code */
        char *tail;
        long days = strtol(code, &tail, 10);
        if (tail == code || *tail)
            continue; /* null, or not a number of days */
        /* TABARI reads more than 8192 days as 0 */
        f->c->s->date_shift = days < -8192 || days > 8192 ? 0 : (int32_t)days;
        return FL_TIME_NONE;
    }
    return FL_TIME_NONE;
}

/* ------------------------------------------------------------ events */

static const char *fl_strip(fl *f, const char *code, char *flag)
{
    size_t n = strlen(code);
    *flag = 0;
    if (n > 1 && (code[n - 1] == '?' || code[n - 1] == '!')) {
        *flag = code[n - 1];
        return dy_arena_strndup(f->c->arena, code, n - 1);
    }
    return code;
}

typedef struct fl_found {
    const fl_verb *v;
    fl_hit h;
    int32_t src, tgt;       /* actors; -1 = none (then the default codes) */
    const char *dsrc, *dtgt; /* default codes when used */
    int compound;           /* the source compound acts on itself */
    char flag;              /* '?' subordinate, '!' dominant, 0 */
    const char *code;       /* without the flag */
} fl_found;

/* The codes an actor stands for: its compound's members, each coded
 * compound ("ELR/GAL") split. Appends (code, span) pairs. */
typedef struct fl_who {
    const char *code;
    uint32_t t0, t1;
} fl_who;

static int fl_expand(fl *f, int32_t k, fl_who *out, uint32_t cap, uint32_t *n)
{
    if (k < 0)
        return 0;
    if (f->a[k].ref >= 0)
        k = f->a[k].ref;
    /* a compound stands for all its members, a member found on its own for itself */
    int32_t lead = f->a[k].lead;
    for (uint32_t j = (uint32_t)k; j < f->na && f->a[j].lead == lead && (j == (uint32_t)k || lead == k); j++) {
        const char *c = f->a[j].code;
        if (!c)
            continue;
        while (*c && *n < cap) {
            const char *sl = strchr(c, '/');
            size_t len = sl ? (size_t)(sl - c) : strlen(c);
            const char *s = sl ? dy_arena_strndup(f->c->arena, c, len) : c;
            if (!s)
                return -1;
            out[(*n)++] = (fl_who){s, f->a[j].t0, f->a[j].t1};
            c = sl ? sl + 1 : c + len;
        }
    }
    return 0;
}

/* Kept token k as an index into the caller's sentence. */
static uint32_t fl_orig(const fl *f, uint32_t k) { return f->forig[f->korig[k]]; }

static int fl_emit1(fl *f, const fl_found *x, const char *code, const fl_who *s, const fl_who *t)
{
    cd_event e;
    memset(&e, 0, sizeof e);
    e.source = s->code;
    e.target = t->code;
    e.code = code;
    uint32_t n = f->ntok0;
    e.src_t0 = s->t0 < f->nk ? fl_orig(f, s->t0) : n;
    e.src_t1 = s->t1 > 0 && s->t1 <= f->nk ? fl_orig(f, s->t1 - 1) + 1 : e.src_t0;
    e.tgt_t0 = t->t0 < f->nk ? fl_orig(f, t->t0) : n;
    e.tgt_t1 = t->t1 > 0 && t->t1 <= f->nk ? fl_orig(f, t->t1 - 1) + 1 : e.tgt_t0;
    e.verb_t0 = fl_orig(f, x->v->t0);
    e.verb_t1 = fl_orig(f, x->v->t1 - 1) + 1;
    e.pattern = x->h.pattern;
    e.verb = x->v->verb;
    e.flags = CD_F_SHALLOW;
    cd_scratch *sc = f->c->s;
    return DY_VEC_PUSH(sc->ev, sc->nev, sc->capev, e) ? 0 : -1;
}

static int fl_emit(fl *f, const fl_found *x)
{
    fl_who src[16], tgt[16];
    uint32_t ns = 0, nt = 0;
    if (x->src >= 0) {
        if (fl_expand(f, x->src, src, 16, &ns))
            return -1;
    } else if (x->dsrc) {
        src[ns++] = (fl_who){x->dsrc, f->nk, f->nk};
    }
    if (x->compound) {
        memcpy(tgt, src, ns * sizeof src[0]);
        nt = ns;
    } else if (x->tgt >= 0) {
        if (fl_expand(f, x->tgt, tgt, 16, &nt))
            return -1;
    } else if (x->dtgt) {
        tgt[nt++] = (fl_who){x->dtgt, f->nk, f->nk};
    }
    const char *colon = strchr(x->code, ':');
    const char *c1 = x->code, *c2 = NULL;
    if (colon) {
        if (!(c1 = dy_arena_strndup(f->c->arena, x->code, (size_t)(colon - x->code))))
            return -1;
        c2 = colon + 1;
    }
    for (uint32_t a = 0; a < ns; a++)
        for (uint32_t b = 0; b < nt; b++) {
            /* a compound acting on itself: each pair once when the default
             * rules found it; '%' takes every ordered pair, a paired code
             * answering each (COMPOUND-06: "% * [044:045]") */
            if (x->compound && !x->h.compound && b <= a)
                continue;
            if (!strcmp(src[a].code, tgt[b].code))
                continue; /* no actor acts on itself */
            if (fl_emit1(f, x, c1, &src[a], &tgt[b]))
                return -1;
            if (c2 && fl_emit1(f, x, c2, &tgt[b], &src[a]))
                return -1;
        }
    return 0;
}

static const char *fl_code_of(const fl *f, int32_t k)
{
    if (k < 0)
        return NULL;
    return f->a[k].code;
}

static int fl_same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

/* Passive voice (manual 7.9): WAS, WERE or BEEN one or two words before
 * the verb, and BY right after it. */
static int fl_passive(const fl *f, const fl_verb *v, uint32_t c0)
{
    /* BY may follow one modifier: "was opposed earlier by" */
    int by = (v->t1 < f->nk && fl_is(&f->kt[v->t1], "BY")) ||
             (v->t1 + 1 < f->nk && f->kact[v->t1] < 0 && fl_is(&f->kt[v->t1 + 1], "BY"));
    if (!by)
        return 0;
    for (uint32_t k = 1; k <= 2 && v->t0 >= c0 + k; k++) {
        const dy_tok *t = &f->kt[v->t0 - k];
        if (fl_is(t, "WAS") || fl_is(t, "WERE") || fl_is(t, "BEEN"))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ the sentence */

static int fl_allcaps(const dy_sentence *st)
{
    int lower = 0;
    for (uint32_t i = 0; i < st->len && !lower; i++)
        lower = islower((unsigned char)st->text[i]);
    return !lower;
}

/* Does the last word of a phrase with a gap stand in [c0, c1)? TABARI finds
 * an actor before the verb from there ("Durthang and an Orc leader said":
 * the clause after AND holds ORC of DURTHANG ORC). */
static int fl_tail_in(const fl_act *a, uint32_t c0, uint32_t c1)
{
    return a->tail != UINT32_MAX && a->tail >= c0 && a->tail < c1;
}

/* An actor a pattern's '^' passed over takes no role by default either
 * ("$ ^ FOR *": the target is not the actor skipped). */
static int fl_passed(const fl_hit *h, const fl_act *a) { return a->t0 >= h->sk0 && a->t0 < h->sk1; }

/* The code a target candidate after the verb is told apart from the source
 * by. TABARI compares a pronoun by its actor's own code, before any agent
 * joined it: THEIR for "the ambassadors of Arnor, ... and Gondor" (ARNGOV)
 * is ARN, so the compound becomes its own target and acts on itself. */
static const char *fl_cmp_code(const fl *f, uint32_t k)
{
    const fl_act *a = &f->a[k];
    if (a->kind == FK_PRON && a->ref >= 0 && f->a[a->ref].root)
        return f->a[a->ref].root;
    return a->code;
}

/* Source and target of a coded verb (manual 5.8 and 7.6). */
static void fl_actors_for(fl *f, fl_found *x, uint32_t c0, uint32_t c1, int32_t carried)
{
    const fl_verb *v = x->v;
    int32_t s = x->h.src, t = x->h.tgt;
    int prior = 0, after = 0; /* actors (not pronouns) before and after the verb */
    for (uint32_t k = 0; k < f->na; k++) {
        /* a pronoun resolved to an actor counts as one, as in TABARI */
        prior |= f->a[k].t1 <= v->t0 && f->a[k].code != NULL;
        after |= f->a[k].t0 >= v->t1 && f->a[k].code != NULL && f->a[k].kind == FK_ACTOR;
    }
    /* DEFAULT: SOURCE [X] PRIOR: the default whenever no actor precedes the verb */
    int dsrc = s < 0 && f->o.def_src && f->o.src_prior && !prior;
    x->compound = x->h.compound;
    if (!x->compound) {
        const char *tc = fl_code_of(f, t);
        if (s < 0 && !dsrc) {
            /* a later clause keeps the source of the one before it */
            if (carried >= 0 && !fl_same(fl_code_of(f, carried), tc))
                s = carried;
            for (uint32_t k = 0; s < 0 && k < f->na; k++)
                if (f->a[k].t1 <= v->t0 && f->a[k].t0 >= (carried == -2 ? 0 : c0) && f->a[k].code &&
                    !fl_same(f->a[k].code, tc) && !fl_passed(&x->h, &f->a[k]))
                    s = (int32_t)k;
            /* TABARI is greedy: with no actor before the verb, the source
             * may come after it */
            for (uint32_t k = 0; s < 0 && k < f->na; k++)
                if (f->a[k].t0 >= v->t1 && f->a[k].t0 < c1 && f->a[k].code && !fl_same(f->a[k].code, tc) &&
                    !fl_passed(&x->h, &f->a[k]))
                    s = (int32_t)k;
        }
        const char *sc = fl_code_of(f, s);
        if (t < 0) {
            /* the first actor after the verb with another code, else the
             * such actor nearest before it, outside the source's compound:
             * TABARI searches back from the verb, so a compound's later
             * member found there stands for itself alone */
            for (uint32_t k = 0; t < 0 && k < f->na; k++)
                if (f->a[k].t0 >= v->t1 && f->a[k].t0 < c1 && f->a[k].code && !fl_same(fl_cmp_code(f, k), sc) &&
                    !fl_passed(&x->h, &f->a[k]))
                    t = (int32_t)k;
            for (uint32_t k = f->na; t < 0 && k-- > 0;)
                if (f->a[k].t1 <= v->t0 && (f->a[k].t0 >= c0 || fl_tail_in(&f->a[k], c0, v->t0)) && f->a[k].code &&
                    !fl_passed(&x->h, &f->a[k]) &&
                    (int32_t)k != s &&
                    !fl_same(f->a[k].code, sc) && (s < 0 || f->a[k].lead != f->a[s].lead))
                    t = (int32_t)k;
            /* none: a compound source acts on itself */
            if (t < 0 && fl_is_compound(f, s))
                x->compound = 1;
        }
        if (x->h.src < 0 && x->h.tgt < 0 && !x->compound && fl_passive(f, v, c0)) {
            int32_t y = s;
            s = t;
            t = y;
        }
    }
    x->src = s;
    x->tgt = x->compound ? s : t;
    x->dsrc = x->dtgt = NULL;
    if (f->o.def_src && (dsrc || x->src < 0)) {
        x->dsrc = dy_arena_strndup(f->c->arena, f->o.def_src, f->o.def_src_n);
        x->src = -1;
        x->compound = 0;
    }
    /* DEFAULT: TARGET [X] AFTER: the default whenever no actor follows the verb */
    if (f->o.def_tgt && (x->tgt < 0 || (f->o.tgt_after && !after))) {
        x->dtgt = dy_arena_strndup(f->c->arena, f->o.def_tgt, f->o.def_tgt_n);
        x->tgt = -1;
        x->compound = 0;
    }
}

/* Words of the clause of kept tokens [c0, c1) as TABARI counts them: from
 * the conjunction before it to the one after it, a dropped comma phrase
 * included; its filter keeps commas and double quotes (';', ':' and
 * brackets become commas) and drops other punctuation. */
static uint32_t fl_clause_words(const fl *f, uint32_t c0, uint32_t c1)
{
    uint32_t t0 = c0 ? f->korig[c0 - 1] + 1 : 0;
    uint32_t t1 = c1 < f->nk ? f->korig[c1] : f->st->ntok;
    uint32_t n = 0;
    for (uint32_t t = t0; t < t1; t++) {
        const dy_tok *x = &f->st->toks[t];
        n += !fl_punct(x) || (x->nup == 1 && strchr(",;:()\"", x->up[0]));
    }
    return n;
}

static int fl_is_verb_at(const fl *f, uint32_t t)
{
    for (uint32_t k = 0; k < f->nv; k++)
        if (t >= f->v[k].t0 && t < f->v[k].t1)
            return 1;
    return 0;
}

static int fl_code(fl *f)
{
    /* complexity conditions */
    uint32_t nconj = 0;
    for (uint32_t i = 0; i < f->nk; i++)
        nconj += f->kind[f->korig[i]] == FK_CONJ;
    if (f->complex || (f->o.cx_verbs && f->nv >= (uint32_t)f->o.cx_verbs) ||
        (f->o.cx_conj && nconj >= (uint32_t)f->o.cx_conj) || (f->o.cx_noverb && !f->nv))
        return CD_FLAT_COMPLEX;
    if (f->o.cx_noactprior) {
        /* the first verb with a code of its own: a null-coded root that only
         * carries patterns ("on accord") is passed over. With no verb at all,
         * TABARI looks for an actor in the whole sentence. */
        uint32_t first = 0;
        while (first + 1 < f->nv && cd_null_code(f->d->verbs[f->v[first].verb].code))
            first++;
        uint32_t lim = f->nv ? f->v[first].t0 : f->nk;
        int prior = 0;
        for (uint32_t k = 0; k < f->na && !prior; k++)
            prior = f->a[k].t1 <= lim && f->a[k].code != NULL;
        if (!prior)
            return CD_FLAT_COMPLEX;
    }

    fl_found *found = NULL;
    size_t nfound = 0, capfound = 0;
    int rc = -1;
    int32_t carried = -2; /* -2: first clause */
    uint32_t c0 = 0, vi = 0;
    int done_sentence = 0;
    while (c0 < f->nk && !done_sentence) {
        uint32_t c1 = c0;
        while (c1 < f->nk && f->kind[f->korig[c1]] != FK_CONJ)
            c1++;
        /* A "clause" of fewer than three words ("Arnor alleged and ...",
         * "sheep and goats") is none: TABARI codes none of its verbs and
         * takes no source from it */
        if (fl_clause_words(f, c0, c1) < 3) {
            if (carried == -2)
                carried = -1;
            while (vi < f->nv && f->v[vi].t0 < c1)
                vi++;
            c0 = c1 + 1;
            continue;
        }
        /* a clause's own source: an actor right after the conjunction */
        /* ... unless an actor opens the clause: "but Dagolath promised",
         * "and cool minister Calimehtar warned" (a word or two may come first) */
        int32_t src_here = carried;
        if (carried != -2) {
            uint32_t t = c0;
            while (t < c1 && t < c0 + 3 && f->kact[t] < 0 && !fl_comma(&f->kt[t]) && !fl_is_verb_at(f, t))
                t++;
            if (t < c1 && t < c0 + 3 && f->kact[t] >= 0 && f->a[f->kact[t]].code)
                src_here = f->kact[t];
        }
        int got_main = 0;
        for (; vi < f->nv && f->v[vi].t0 < c1; vi++) {
            const fl_verb *v = &f->v[vi];
            if (v->t0 < c0)
                continue;
            fl_found x;
            memset(&x, 0, sizeof x);
            x.v = v;
            fl_patterns(f, v, c0, c1, &x.h);
            if (x.h.code && !strcmp(x.h.code, "+++")) {
                rc = CD_FLAT_COMPLEX;
                goto done;
            }
            if (cd_null_code(x.h.code))
                continue;
            if (!strcmp(x.h.code, "###")) {
                rc = CD_FLAT_DISCARD;
                goto done;
            }
            if (!(x.code = fl_strip(f, x.h.code, &x.flag)))
                goto done;
            fl_actors_for(f, &x, c0, c1, src_here == -2 ? -2 : src_here);
            if ((x.src < 0 && !x.dsrc) || (x.tgt < 0 && !x.dtgt && !x.compound))
                continue;
            if (!DY_VEC_PUSH(found, nfound, capfound, x))
                goto done;
            if (x.flag != '?') {
                got_main = 1;
                if (f->o.code_by == 0)
                    break;
                if (f->o.code_by == 1) {
                    done_sentence = 1;
                    break;
                }
            }
        }
        /* the next clause keeps this clause's source */
        int32_t last_src = -1;
        for (size_t k = nfound; k-- > 0;)
            if (found[k].v->t0 >= c0 && found[k].v->t0 < c1) {
                last_src = found[k].src;
                break;
            }
        if (last_src < 0) {
            if (src_here >= 0)
                last_src = src_here;
            else
                for (uint32_t k = 0; k < f->na && last_src < 0; k++)
                    if (f->a[k].t0 >= c0 && f->a[k].t1 <= c1 && f->a[k].code)
                        last_src = (int32_t)k;
        }
        carried = last_src;
        (void)got_main;
        while (vi < f->nv && f->v[vi].t0 < c1)
            vi++;
        c0 = c1 + 1;
    }
    /* subordinate codes only without other events; dominant ones alone */
    int any_main = 0, any_dom = 0;
    for (size_t k = 0; k < nfound; k++) {
        any_main |= found[k].flag != '?';
        any_dom |= found[k].flag == '!';
    }
    for (size_t k = 0; k < nfound; k++) {
        if (any_main && found[k].flag == '?')
            continue;
        if (any_dom && found[k].flag != '!')
            continue;
        if (fl_emit(f, &found[k]))
            goto done;
    }
    rc = 0;
done:
    free(found);
    return rc;
}

/* TABARI reads "al-Assad" as "al Assad" and "Dol_Amroth" as "Dol Amroth":
 * hyphenated words are split and lone underscores dropped, so that the
 * dictionaries' AL_ASSAD matches. The new tokens point into *toks. */
static int fl_filter(fl *f, const dy_sentence *st, dy_tok **toks, uint32_t *n)
{
    size_t cap = (size_t)st->ntok + 1;
    for (uint32_t i = 0; i < st->ntok; i++)
        for (uint32_t k = 1; k + 1 < st->toks[i].nup; k++)
            cap += st->toks[i].up[k] == '-';
    dy_tok *out = malloc(cap * sizeof *out);
    f->forig = malloc(cap * sizeof *f->forig);
    if (!out || !f->forig) {
        free(out);
        return -1;
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < st->ntok; i++) {
        const dy_tok *t = &st->toks[i];
        if (t->nup == 1 && t->up[0] == '_')
            continue;
        if (i + 1 < st->ntok && t->end == st->toks[i + 1].start && !strcmp(st->toks[i + 1].up, "N'T")) {
            /* "don't" is one word to TABARI, as in its dictionaries */
            size_t len = (size_t)t->nup + 3;
            char *w = dy_arena_alloc(f->c->arena, len + 1);
            if (!w) {
                free(out);
                return -1;
            }
            memcpy(w, t->up, t->nup);
            memcpy(w + t->nup, "N'T", 4);
            out[m] = *t;
            out[m].up = w;
            out[m].nup = (uint32_t)len;
            out[m].end = st->toks[i + 1].end;
            out[m].word = dy_lex_find(&f->d->lex, w, len);
            f->forig[m++] = i++;
            continue;
        }
        const char *dash = t->nup > 2 ? memchr(t->up + 1, '-', t->nup - 2) : NULL;
        if (!dash) {
            out[m] = *t;
            f->forig[m++] = i;
            continue;
        }
        int exact = t->end - t->start == t->nup; /* byte offsets line up with up */
        uint32_t a = 0;
        while (a < t->nup) {
            uint32_t b = a;
            while (b < t->nup && t->up[b] != '-')
                b++;
            if (b > a) {
                char *w = dy_arena_strndup(f->c->arena, t->up + a, b - a);
                if (!w) {
                    free(out);
                    return -1;
                }
                dy_tok x = *t;
                x.up = w;
                x.nup = b - a;
                x.word = dy_lex_find(&f->d->lex, w, b - a);
                if (exact) {
                    x.start = t->start + a;
                    x.end = t->start + b;
                }
                out[m] = x;
                f->forig[m++] = i;
            }
            a = b + 1;
        }
    }
    *toks = out;
    *n = m;
    return 0;
}

/* The story (N...N) and sentence (S...S) fields of a record id; 0 when the
 * id is too short to hold them. A sentence number that is not a number is 0. */
static int fl_id_fields(const fl_opt *o, const char *id, const char **story, long *seq)
{
    while (*id == ' ' || *id == '\t')
        id++;
    size_t n = strlen(id);
    if (o->fw_story0 + o->fw_storyn > n || o->fw_sent0 + o->fw_sentn > n)
        return 0;
    *story = id + o->fw_story0;
    long v = 0;
    for (uint32_t i = 0; i < o->fw_sentn; i++) {
        char ch = id[o->fw_sent0 + i];
        if (!isdigit((unsigned char)ch))
            return *seq = 0, 1;
        if (v < 100000000)
            v = v * 10 + (ch - '0');
    }
    *seq = v;
    return 1;
}

/* FORWARD: does this sentence continue the one the story saw last? The first
 * sentence of a document does when its record id names the same story and
 * the next sentence number; the story takes the id's numbers either way.
 * Returns -1 on out-of-memory. */
static int fl_continues(const fl_opt *o, cd_docstate *ds)
{
    dyad_story *sy = ds->story;
    if (ds->sentence > 0)
        return 1;
    const char *story = NULL;
    long seq = 0;
    int next = 0;
    if (ds->doc_id && fl_id_fields(o, ds->doc_id, &story, &seq)) {
        next = sy->fw_story && sy->fw_seq >= 0 && seq == sy->fw_seq + 1 &&
               !strncmp(sy->fw_story, story, o->fw_storyn);
        char *k = strndup(story, o->fw_storyn);
        if (!k)
            return -1;
        free(sy->fw_story);
        sy->fw_story = k;
        sy->fw_seq = seq;
    } else {
        free(sy->fw_story);
        sy->fw_story = NULL;
        sy->fw_seq = -1;
    }
    return next;
}

/* FORWARD: what this sentence leaves for the next one, its first actor
 * (pronouns aside, as TABARI cannot forward a forwarded reference). */
static int fl_forward_keep(fl *f)
{
    dyad_story *sy = f->c->doc->story;
    const char *single = NULL, *group = NULL;
    for (uint32_t k = 0; k < f->na; k++) {
        const fl_act *a = &f->a[k];
        if (a->kind != FK_ACTOR || !a->root)
            continue;
        group = a->root;
        int opens = a->lead == (int32_t)k && k + 1 < f->na && f->a[k + 1].lead == (int32_t)k;
        single = opens ? NULL : a->root;
        break;
    }
    char *s1 = single ? strdup(single) : NULL, *s2 = group ? strdup(group) : NULL;
    if ((single && !s1) || (group && !s2)) {
        free(s1);
        free(s2);
        return -1;
    }
    free(sy->fw_single);
    free(sy->fw_group);
    sy->fw_single = s1;
    sy->fw_group = s2;
    return 0;
}

int cd_flat_sentence(cd_ctx *c, const dy_sentence *st)
{
    fl f;
    memset(&f, 0, sizeof f);
    f.c = c;
    f.d = c->dict;
    fl_opt_load(&f.o, c->dict, c->opts->tabari_options);
    c->s->nm = 0;
    int rc = -1;
    f.ntok0 = st->ntok;
    if (f.o.forward) {
        int next = fl_continues(&f.o, c->doc);
        if (next < 0)
            return -1;
        if (next)
            f.fw = c->doc->story;
    }
    dy_sentence fs = *st;
    dy_tok *ftoks = NULL;
    if (fl_filter(&f, st, &ftoks, &fs.ntok))
        goto done;
    fs.toks = ftoks;
    st = &fs;
    f.st = st;
    /* MINIMUM WORDS: too short a text is not coded (a comma is a word) */
    uint32_t words = 0;
    for (uint32_t i = 0; i < st->ntok; i++)
        words += (!fl_punct(&st->toks[i]) || fl_comma(&st->toks[i])) && !fl_poss(st, i);
    if ((int)words < f.o.min_words) {
        rc = CD_FLAT_CODED;
        goto done;
    }
    f.kind = calloc(st->ntok + 1, 1);
    f.keep = calloc(st->ntok + 1, 1);
    if (!f.kind || !f.keep)
        goto done;
    int r = fl_scan(&f);
    if (r != CD_FLAT_CODED) {
        rc = r;
        goto done;
    }
    if (fl_agents(&f))
        goto done;
    fl_compounds(&f);
    fl_commas(&f);
    if (fl_compact(&f) || fl_verbs(&f, fl_allcaps(st)))
        goto done;
    fl_pronouns(&f);
    if (f.o.forward && fl_forward_keep(&f))
        goto done;
    if (f.o.time_shift && f.d->ntimes) {
        int t = fl_time(&f);
        if (t == FL_TIME_DISCARD) {
            rc = CD_FLAT_DISCARD;
            goto done;
        }
        if (t == FL_TIME_COMPLEX) {
            rc = CD_FLAT_COMPLEX;
            goto done;
        }
    }
    rc = fl_code(&f);
done:
    free(ftoks);
    free(f.forig);
    free(f.a);
    free(f.kind);
    free(f.keep);
    free(f.kt);
    free(f.korig);
    free(f.kact);
    free(f.v);
    return rc;
}
