/* The coder: documents in, events out, in sentence and token order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "code/code.h"
#include "code/flat.h"
#include "text/text.h"

struct dyad_coder {
    const struct dyad_dict *dict;
    dyad_code_opts opts;
    dy_arena doc_arena;    /* per document: event strings, combined codes */
    dy_arena sent_arena;   /* per sentence: tokens, shallow trees */
    cd_scratch s;
    dyad_code_stats stats;
    char default_iso[11];  /* opts.default_date as YYYY-MM-DD, "" when none */
};

dyad_coder *dyad_coder_new(const dyad_dict *dict, const dyad_code_opts *opts, dyad_error *err)
{
    if (!dict) {
        dy_fail(err, DYAD_E_ARG, "no dictionary given to the coder", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
        return NULL;
    }
    c->dict = dict;
    if (opts)
        c->opts = *opts;
    uint32_t dd = c->opts.default_date;
    if (dd)
        snprintf(c->default_iso, sizeof c->default_iso, "%04u-%02u-%02u", dd / 10000 % 10000, dd / 100 % 100, dd % 100);
    dy_arena_init(&c->doc_arena, 64 * 1024);
    dy_arena_init(&c->sent_arena, 64 * 1024);
    return c;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c)
        return;
    dy_arena_free(&c->doc_arena);
    dy_arena_free(&c->sent_arena);
    free(c->s.m);
    free(c->s.ev);
    free(c->s.tok_mention);
    free(c->s.leaf);
    free(c->s.wbits);
    free(c->s.syn_here);
    free(c->s.sh_cls);
    free(c->s.sh_nodes);
    free(c->s.sh_last);
    free(c->s.sh_closed);
    free(c->s.an);
    free(c);
}

void dyad_coder_get_stats(const dyad_coder *c, dyad_code_stats *out)
{
    *out = c->stats;
}

/* ------------------------------------------------------------ helpers */

static const char *cr_slice(dy_arena *a, const dy_sentence *st, uint32_t t0, uint32_t t1)
{
    if (t1 <= t0 || t1 > st->ntok)
        return "";
    uint32_t b0 = st->toks[t0].start, b1 = st->toks[t1 - 1].end;
    if (b1 < b0 || b1 > st->len)
        return "";
    const char *s = dy_arena_strndup(a, st->text + b0, b1 - b0);
    return s ? s : "";
}

static dyad_span cr_span(const dy_sentence *st, uint32_t t0, uint32_t t1)
{
    dyad_span sp = {0, 0};
    if (t1 > t0 && t1 <= st->ntok) {
        sp.start = st->toks[t0].start;
        sp.end = st->toks[t1 - 1].end;
    }
    return sp;
}

/* Does any discard phrase occur in the sentence? Returns 0 none, 1 sentence, 2 story.
 * A sentence discard that is only a date ("1999", "April 1942") is PETRARCH's
 * way to keep past events off the article's date; unless `strict`, the
 * sentence is coded and that date dates its events (when.c). */
static int cr_discard(const struct dyad_dict *d, const dy_sentence *st, int strict)
{
    if (!d->discards.n)
        return 0;
    for (uint32_t i = 0; i < st->ntok; i++) {
        dy_match m;
        if (dy_phrases_match(&d->discards, &d->lex, st->toks, st->ntok, i, &m)) {
            if (!m.value && !strict && cd_date_span(st, m.t0, m.t1))
                continue;
            return m.value ? 2 : 1;
        }
    }
    return 0;
}

static const char *const cr_precision[] = {"", "year", "month", "day"};

/* "CODE n,CODE n" in first-seen order; "" when none or when an ignore phrase matched. */
static const char *cr_issues(dy_arena *a, const struct dyad_dict *d, const dy_sentence *st)
{
    if (!d->issue_phrases.n)
        return "";
    uint32_t seen[32], count[32], ns = 0;
    for (uint32_t i = 0; i < st->ntok; i++) {
        dy_match m;
        if (!dy_phrases_match(&d->issue_phrases, &d->lex, st->toks, st->ntok, i, &m))
            continue;
        const dy_issue *is = &d->issues[m.value];
        if (is->ignore)
            return "";
        uint32_t k = 0;
        for (; k < ns; k++)
            if (!strcmp(d->issues[seen[k]].code, is->code))
                break;
        if (k == ns && ns < 32) {
            seen[ns] = m.value;
            count[ns++] = 0;
        }
        if (k < ns)
            count[k]++;
        i = m.t1 - 1;
    }
    if (!ns)
        return "";
    dy_buf b = {0};
    for (uint32_t k = 0; k < ns; k++)
        dy_buf_printf(&b, "%s%s %u", k ? "," : "", d->issues[seen[k]].code, count[k]);
    const char *out = dy_buf_cstr(&b) ? dy_arena_strndup(a, b.p, b.n) : NULL;
    dy_buf_free(&b);
    return out ? out : "";
}

static const char *cr_flags(dy_arena *a, uint16_t f)
{
    static const struct {
        uint16_t bit;
        const char *name;
    } names[] = {{CD_F_PASSIVE, "passive"}, {CD_F_NEGATED, "negated"}, {CD_F_SAID, "said"},
                 {CD_F_INHERITED, "inherited"}, {CD_F_COREF, "coref"}, {CD_F_COMBINED, "combined"},
                 {CD_F_SHALLOW, "shallow"}, {CD_F_INSTRUMENT, "instrument"}, {CD_F_RESULT, "result"}};
    char buf[128];
    size_t n = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(f & names[i].bit))
            continue;
        int k = snprintf(buf + n, sizeof buf - n, "%s%s", n ? "," : "", names[i].name);
        if (k > 0 && (size_t)k < sizeof buf - n)
            n += (size_t)k;
    }
    buf[n] = 0;
    const char *s = dy_arena_strndup(a, buf, n);
    return s ? s : "";
}

/* A state actor's code starts with an ISO 3166 alpha-3 country: three letters. */
static int cr_is_country(const char *code)
{
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return 0;
    return strncmp(code, "IGO", 3) && strncmp(code, "NGO", 3) && strncmp(code, "IMG", 3);
}

static int cr_state_agent(const char *code)
{
    static const char *const sector[] = {"GOV", "MIL", "COP", "ELI", "LEG", "JUD", "SPY"};
    for (size_t i = 0; i < sizeof sector / sizeof sector[0]; i++)
        if (strlen(code) >= 6 && !strncmp(code + 3, sector[i], 3))
            return 1;
    return 0;
}

static int cr_same(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

/* Prepare the sentence the matcher reads: own copy of the tokens (bound to
 * this dictionary), tokenised from text when the reader gave none. */
static int cr_prepare(dyad_coder *c, const dy_sentence *in, dy_sentence *st)
{
    *st = *in;
    if (c->opts.ignore_parse || in->ntok == 0) {
        if (dy_text_tokenize(&c->sent_arena, in->text, in->len, st) != 0)
            return -1;
        st->nodes = NULL;
        st->nnode = 0;
        st->source = DY_TREE_NONE;
    } else {
        size_t bytes;
        if (!dy_mul_ok(in->ntok, sizeof(dy_tok), &bytes))
            return -1;
        st->toks = dy_arena_alloc(&c->sent_arena, bytes ? bytes : 1);
        if (!st->toks)
            return -1;
        memcpy(st->toks, in->toks, bytes);
    }
    dy_sentence_bind(c->dict, st);
    return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (the
 * civil-calendar algorithms of H. Hinnant). */
static long cr_days(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void cr_civil(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* An ISO date moved by `days` (TABARI time shifts); the date itself when it
 * is not a full YYYY-MM-DD. */
static const char *cr_shift_date(dy_arena *a, const char *iso, int32_t days)
{
    long y, m, d;
    if (!days || strlen(iso) != 10 || sscanf(iso, "%4ld-%2ld-%2ld", &y, &m, &d) != 3)
        return iso;
    cr_civil(cr_days(y, m, d) + days, &y, &m, &d);
    if (y < 0 || y > 9999)
        return iso;
    char out[32];
    int n = snprintf(out, sizeof out, "%04ld-%02ld-%02ld", y, m, d);
    const char *s = n == 10 ? dy_arena_strndup(a, out, 10) : NULL;
    return s ? s : iso;
}

static int cr_event_out(dyad_coder *c, const dyad_doc *doc, uint32_t si, const dy_sentence *st,
                        const cd_event *e, const char *issues, dyad_event_fn fn, void *user)
{
    dy_arena *a = &c->doc_arena;
    dyad_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = doc->id;
    ev.sentence = si;
    ev.doc_date = doc->date && doc->date[0] ? doc->date : c->default_iso;
    ev.date = cr_shift_date(a, ev.doc_date, c->s.date_shift);
    ev.date_precision = ev.date[0] ? "day" : "";
    const cd_anchor *an = cd_anchor_for(&c->s, e->verb_t0);
    if (an) {
        char iso[11];
        snprintf(iso, sizeof iso, "%04u-%02u-%02u", an->date / 10000 % 10000, an->date / 100 % 100, an->date % 100);
        ev.date = dy_arena_strndup(a, iso, 10);
        ev.date_precision = cr_precision[an->prec];
        if (!ev.date)
            return -1;
    }
    /* "---" is the field's null actor, seen only when dyads are not required */
    ev.source = e->source ? e->source : "---";
    ev.target = e->target ? e->target : "---";
    ev.code = e->code;
    const dyad_code_info *ci = dyad_codebook_lookup(e->code);
    char root[3] = {e->code[0], e->code[0] ? e->code[1] : 0, 0};
    ev.root = ci ? ci->root : dy_arena_strndup(a, root, strlen(root));
    ev.quad = ci ? ci->quad[c->opts.quads] : DYAD_QUAD_NONE;
    ev.goldstein = ci ? ci->goldstein[c->opts.scale] : NAN;
    ev.plover = ci && ci->plover_type ? ci->plover_type : "";
    ev.source_span = cr_span(st, e->src_t0, e->src_t1);
    ev.target_span = cr_span(st, e->tgt_t0, e->tgt_t1);
    ev.verb_span = cr_span(st, e->verb_t0, e->verb_t1);
    ev.source_text = cr_slice(a, st, e->src_t0, e->src_t1);
    ev.target_text = cr_slice(a, st, e->tgt_t0, e->tgt_t1);
    ev.verb_text = cr_slice(a, st, e->verb_t0, e->verb_t1);
    char where[256];
    const struct dyad_dict *d = c->dict;
    if (e->pattern != UINT32_MAX)
        dy_dict_where(d, d->patterns[e->pattern].file, d->patterns[e->pattern].line, where, sizeof where);
    else
        dy_dict_where(d, d->verbs[e->verb].file, d->verbs[e->verb].line, where, sizeof where);
    ev.pattern = dy_arena_strndup(a, where, strlen(where));
    ev.issues = issues;
    ev.flags = cr_flags(a, e->flags);
    ev.sentence_text = st->text;
    if (!ev.root || !ev.pattern)
        return -1;
    return fn ? fn(user, &ev) : 0;
}

/* ------------------------------------------------------------ stories */

dyad_story *dyad_story_new(void)
{
    dyad_story *s = calloc(1, sizeof *s);
    if (s)
        s->fw_seq = -1;
    return s;
}

void dyad_story_reset(dyad_story *s)
{
    if (!s)
        return;
    free(s->fw_single);
    free(s->fw_group);
    free(s->fw_story);
    free(s->last_actor);
    free(s->last_country);
    memset(s, 0, sizeof *s);
    s->fw_seq = -1;
}

void dyad_story_free(dyad_story *s)
{
    dyad_story_reset(s);
    free(s);
}

/* Keep a copy of the document's last actors for the story's next document. */
static int cr_story_keep(char **slot, const char *code)
{
    if (!code)
        return 0;
    char *k = strdup(code);
    if (!k)
        return -1;
    free(*slot);
    *slot = k;
    return 0;
}

static long cr_code(dyad_coder *c, dyad_story *story, int keep_story, const dyad_doc *doc, dyad_event_fn fn,
                    void *user, dyad_error *err);

long dyad_coder_code(dyad_coder *c, const dyad_doc *doc, dyad_event_fn fn, void *user, dyad_error *err)
{
    return dyad_coder_code_story(c, NULL, doc, fn, user, err);
}

long dyad_coder_code_story(dyad_coder *c, dyad_story *story, const dyad_doc *doc, dyad_event_fn fn, void *user,
                           dyad_error *err)
{
    if (story)
        return cr_code(c, story, 1, doc, fn, user, err);
    dyad_story own; /* the document is a story of its own */
    memset(&own, 0, sizeof own);
    own.fw_seq = -1;
    long n = cr_code(c, &own, 0, doc, fn, user, err);
    dyad_story_reset(&own);
    return n;
}

/* `keep_story`: the story outlives the call, so the document's last actors are copied into it. */
static long cr_code(dyad_coder *c, dyad_story *story, int keep_story, const dyad_doc *doc, dyad_event_fn fn,
                    void *user, dyad_error *err)
{
    long total = 0;
    cd_docstate ds = {0};
    ds.story = story;
    ds.doc_id = doc->id;
    ds.last_actor = story->last_actor;
    ds.last_country = story->last_country;
    dy_arena_reset(&c->doc_arena);
    c->stats.documents++;
    int story_discarded = 0;
    for (uint32_t si = 0; si < doc->nsent; si++) {
        dy_arena_reset(&c->sent_arena);
        c->stats.sentences++;
        if (story_discarded) {
            c->stats.sentences_discarded++;
            continue;
        }
        dy_sentence st;
        if (cr_prepare(c, &doc->sents[si], &st) != 0)
            goto oom;
        int disc = cr_discard(c->dict, &st, c->opts.strict_discards);
        if (disc) {
            c->stats.sentences_discarded++;
            story_discarded = disc == 2;
            continue;
        }
        ds.sentence = si;
        uint32_t docdate = doc->date_num ? doc->date_num : c->opts.default_date;
        if (cd_find_anchors(&c->s, &st, docdate) != 0)
            goto oom;
        cd_ctx cx = {c->dict, &c->opts, docdate, &c->doc_arena, &ds, &c->s};
        /* "In 2002, Putin ...": actors named for a period are resolved on the
         * date the sentence opens with */
        for (uint32_t k = 0; k < c->s.nan; k++)
            if (c->s.an[k].fronted)
                cx.date = c->s.an[k].date;
        c->s.nev = 0;
        c->s.date_shift = 0;
        if (c->dict->verb_style == DY_STYLE_TABARI) {
            /* TABARI dictionaries: TABARI's own flat rules (flat.c), which read
             * the words, never a parse */
            int fr = cd_flat_sentence(&cx, &st);
            if (fr < 0)
                goto oom;
            if (fr == CD_FLAT_DISCARD) {
                c->stats.sentences_discarded++;
                continue;
            }
            if (fr == CD_FLAT_COMPLEX) {
                c->stats.sentences_complex++;
                continue;
            }
        } else {
            if (cd_find_mentions(&cx, &st) != 0)
                goto oom;
            /* Raw text gets dyad's own parse. */
            if (st.source == DY_TREE_NONE && cd_shallow_parse(&cx, &c->sent_arena, &st) != 0)
                goto oom;
            if (cd_match_sentence(&cx, &st) != 0)
                goto oom;
        }
        if (c->s.nan)
            cd_anchor_scopes(&c->s, &st, st.nnode > 0 && st.source != DY_TREE_NONE &&
                                             c->dict->verb_style != DY_STYLE_TABARI);

        const char *issues = NULL;
        dy_sentence keep = st; /* events outlive the sentence arena: text copied once */
        keep.text = NULL;
        uint32_t emitted = 0;
        for (uint32_t k = 0; k < c->s.nev; k++) {
            const cd_event *e = &c->s.ev[k];
            int require = c->opts.require_dyad >= 0;
            /* PETRARCH counts an anonymous agent ("---GOV") as a dyad member;
             * TABARI does not */
            int (*missing)(const char *) = c->dict->verb_style == DY_STYLE_TABARI ? cd_null_code : cd_null_actor;
            if (require && (missing(e->source) || missing(e->target)))
                continue;
            if (e->source && e->target && !strcmp(e->source, e->target))
                continue; /* an actor acting on itself is no dyad ("Gondor and Gondor") */
            int dup = 0;
            for (uint32_t j = 0; j < k && !dup; j++) {
                const cd_event *f = &c->s.ev[j];
                dup = cr_same(e->source, f->source) && cr_same(e->target, f->target) && !strcmp(e->code, f->code) &&
                      (!require || (f->source && f->target));
            }
            if (dup)
                continue;
            if (!issues)
                issues = cr_issues(&c->doc_arena, c->dict, &st);
            if (!keep.text && !(keep.text = dy_arena_strndup(&c->doc_arena, st.text, st.len)))
                goto oom;
            int stop = cr_event_out(c, doc, si, &keep, e, issues, fn, user);
            if (stop < 0)
                goto oom;
            emitted++;
            total++;
            if (stop > 0)
                return total;
        }
        if (emitted)
            c->stats.sentences_coded++;
        c->stats.events += emitted;

        /* Remember actors for pronouns and "the government" in later
         * sentences: the sentence's first source is the likeliest referent. */
        for (uint32_t k = c->s.nm; k-- > 0;) {
            const cd_mention *m = &c->s.m[k];
            if (!m->code || m->kind == CD_M_PRONOUN || cd_null_code(m->code))
                continue;
            ds.last_actor = m->code; /* dictionary or document arena: lives long enough */
            /* a country named alone, or a state's own agent of it ("President
             * Putin", "Russian security officials"); not its rebels */
            if ((m->kind == CD_M_ACTOR || (m->kind == CD_M_COMBINED && cr_state_agent(m->code))) &&
                cr_is_country(m->code) &&
                !(ds.last_country = dy_arena_strndup(&c->doc_arena, m->code, 3)))
                goto oom;
        }
        for (uint32_t k = 0; k < c->s.nev; k++)
            if (c->s.ev[k].source && c->s.ev[k].target) {
                ds.last_actor = c->s.ev[k].source;
                break;
            }
    }
    /* the strings in ds live in the document arena or the dictionary: the
     * story keeps copies */
    if (keep_story && ((ds.last_actor != story->last_actor && cr_story_keep(&story->last_actor, ds.last_actor)) ||
                 (ds.last_country != story->last_country &&
                  cr_story_keep(&story->last_country, ds.last_country))))
        goto oom;
    return total;
oom:
    dy_fail(err, DYAD_E_NOMEM, "out of memory while coding", doc->path, doc->line, 0, doc->id, strlen(doc->id));
    return -1;
}
