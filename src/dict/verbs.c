/* Verb dictionaries: PETRARCH2 (synsets, --- blocks ---, verbs, patterns,
 * transformations) and TABARI (.verbs: <SYNSETS>, roots with patterns,
 * {a | b} alternatives, stems). Both produce the same model (dict.h). */
#include <stdlib.h>

#include "dict/dictint.h"

typedef struct vb_state {
    int32_t block;        /* current block, -1 before the first */
    int32_t verb;         /* current verb (TABARI: patterns attach to it), -1 none */
    int32_t synset;       /* synset receiving '+' members, -1 none */
    uint8_t syn_noplural; /* synset label ended in '_' */
    uint8_t section;      /* TABARI: 0 none, 1 SYNSETS, 2 other (NOUN, ADJECTIVE...), 3 TIME */
    int32_t time;         /* TABARI <TIME>: the root receiving patterns, -1 none */
} vb_state;

/* ------------------------------------------------------------ synsets */

static size_t vb_trim_us(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == '_')
        n--;
    return n;
}

/* The longest defined synset whose name (without trailing '_') is a prefix of
 * s[0..n) ending at '_' or at n. s starts after '&'. */
static int32_t vb_synset_at(dp *p, const char *s, size_t n, size_t *used)
{
    int32_t best = -1;
    size_t blen = 0;
    for (uint32_t i = 0; i < p->d->nsynsets; i++) {
        const char *name = p->d->synsets[i].name + 1;
        size_t k = vb_trim_us(name, strlen(name));
        if (k <= blen || k > n)
            continue;
        int eq = 1;
        for (size_t j = 0; j < k && eq; j++) {
            char c = s[j];
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            eq = c == name[j];
        }
        if (eq && (k == n || s[k] == '_' || s[k] == '-' || s[k] == '~')) {
            best = (int32_t)i;
            blen = k;
        }
    }
    *used = blen;
    return best;
}

static int vb_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* One synset member: words and &SYNSET references, expanded into phrases. */
typedef struct vb_part {
    int32_t syn;         /* -1 for a word */
    uint32_t word;
    uint8_t gap;
} vb_part;

static int vb_member_expand(dp *p, dy_phrases *ph, const vb_part *parts, uint32_t n, uint32_t k,
                            dp_phrase *cur, int plural, uint8_t exact, uint32_t marker, size_t *count)
{
    if (k == n) {
        if (++*count > DY_MAX_EXPANSIONS)
            return dp_error(p, NULL, "synset member expands into more than 4096 phrases (limit)");
        cur->exact = exact;
        cur->noend = 0;
        if (dp_add_phrase(p, ph, cur, marker))
            return -1;
        if (plural) {
            uint32_t last = cur->w[cur->n - 1];
            dy_en_plural(p->d->lex.words[last], p->d->lex.lens[last], &p->tmp);
            uint32_t pl = dy_lex_intern(&p->d->lex, &p->d->arena, p->tmp.p, p->tmp.n);
            if (!pl)
                return dp_oom(p);
            cur->w[cur->n - 1] = pl;
            int rc = dp_add_phrase(p, ph, cur, 0);
            cur->w[cur->n - 1] = last;
            if (rc)
                return -1;
        }
        return 0;
    }
    uint16_t save = cur->n;
    if (parts[k].syn < 0) {
        if (cur->n == DY_MAX_PHRASE_WORDS)
            return dp_error(p, NULL, "phrase has more than 64 words (limit)");
        cur->gap[cur->n] = parts[k].gap;
        cur->w[cur->n++] = parts[k].word;
        int rc = vb_member_expand(p, ph, parts, n, k + 1, cur, plural, exact, marker, count);
        cur->n = save;
        return rc;
    }
    /* copy each phrase of the referenced synset in */
    const dy_phrases *src = &p->d->synsets[parts[k].syn].phrases;
    for (uint32_t i = 0; i < src->n; i++) {
        const dy_phrase *it = &src->items[i];
        if (cur->n + it->nwords > DY_MAX_PHRASE_WORDS)
            return dp_error(p, NULL, "phrase has more than 64 words (limit)");
        for (uint16_t j = 0; j < it->nwords; j++) {
            cur->gap[cur->n] = j == 0 ? parts[k].gap : src->gaps[it->first_word + j];
            cur->w[cur->n++] = src->words[it->first_word + j];
        }
        /* a referenced member keeps its own form: no second plural */
        int rc = vb_member_expand(p, ph, parts, n, k + 1, cur, plural && k + 1 < n, exact, marker, count);
        cur->n = save;
        if (rc)
            return -1;
    }
    return 0;
}

static int vb_member(dp *p, vb_state *st, const char *s, size_t n)
{
    vb_part parts[DY_MAX_PHRASE_WORDS];
    uint32_t np = 0, marker = 0;
    size_t i = 0;
    int gap = 0;
    while (i < n) {
        char c = s[i];
        if (dp_blank(c)) {
            gap = 1;
            i++;
            continue;
        }
        if (c == '_' || (p->tabari && c == '-')) {
            i++;
            continue;
        }
        if (np == DY_MAX_PHRASE_WORDS)
            return dp_error(p, s + i, "phrase has more than 64 words (limit)");
        if (c == '&') {
            size_t j = i + 1;
            while (j < n && vb_name_char(s[j]))
                j++;
            size_t used;
            int32_t syn = vb_synset_at(p, s + i + 1, j - i - 1, &used);
            if (syn < 0)
                return dp_error(p, s + i, "synset used before it is defined");
            if (syn == st->synset)
                return dp_error(p, s + i, "a synset cannot contain itself");
            parts[np] = (vb_part){syn, 0, (uint8_t)(np > 0 && gap)};
            np++;
            i += 1 + used;
        } else if (c == '$' || c == '+' || c == '%' || c == '^' || c == '*') {
            if (!p->tabari)
                return dp_error(p, s + i, "synset members hold words and synsets, not actor or verb markers");
            size_t rest = i + 1;
            while (rest < n && dp_blank(s[rest]))
                rest++;
            if ((c == '$' || c == '+') && np > 0 && rest == n) {
                /* "+PESO_$": the member's words, then the source (or target) */
                marker = (c == '$' ? DY_SYN_SOURCE : DY_SYN_TARGET) | (s[i - 1] == '_' ? DY_SYN_NEXT : 0);
                n = i; /* "PESO_" stays a whole word */
                while (n > 0 && dp_blank(s[n - 1]))
                    n--;
                break;
            }
            /* anywhere else TABARI allows it; dyad's synsets hold words there */
            dp_warn(p, s + i, "warning: an actor marker inside a synset member is not supported; the member is kept without it");
            i++;
            continue;
        } else {
            size_t j = i;
            while (j < n && !dp_blank(s[j]) && s[j] != '_' && !(p->tabari && s[j] == '-'))
                j++;
            uint32_t id = dp_word(p, s + i, j - i);
            if (!id)
                return -1;
            parts[np] = (vb_part){-1, id, (uint8_t)(np > 0 && gap)};
            np++;
            i = j;
        }
        gap = 0;
    }
    if (!np)
        return dp_error(p, s, "empty synset member");
    size_t e = n;
    uint8_t exact = e > 0 && s[e - 1] == '_';
    /* PETRARCH: plurals unless the label or the member ends in '_', and only
     * when the member ends in a plain word. TABARI: no endings in synsets. */
    int plural = !p->tabari && !st->syn_noplural && !exact && parts[np - 1].syn < 0;
    dp_phrase cur;
    cur.n = 0;
    size_t count = 0;
    return vb_member_expand(p, &p->d->synsets[st->synset].phrases, parts, np, 0, &cur, plural,
                            (uint8_t)(p->tabari ? exact : 1), marker, &count);
}

static int vb_synset_header(dp *p, vb_state *st, const char *s, size_t n)
{
    size_t j = 1;
    while (j < n && vb_name_char(s[j]))
        j++;
    if (j == 1)
        return dp_error(p, s, "synset name missing after '&'");
    for (size_t k = j; k < n; k++)
        if (!dp_blank(s[k]))
            return dp_error(p, s + k, "unexpected text after the synset name");
    char *name = dy_arena_strndup(&p->d->arena, s, j);
    if (!name)
        return dp_oom(p);
    for (char *c = name; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 32);
    size_t used;
    int32_t prev = vb_synset_at(p, name + 1, vb_trim_us(name + 1, j - 1), &used);
    if (prev >= 0 && used == vb_trim_us(name + 1, j - 1)) {
        /* defined again: the new members add to it, as in PETRARCH2 */
        st->synset = prev;
        st->syn_noplural = name[j - 1] == '_';
        return 0;
    }
    dy_synset sy = {0};
    sy.name = name;
    sy.line = p->line;
    sy.file = p->file;
    if (DP_PUSH(p, synsets, nsynsets, cap_synsets, sy))
        return -1;
    st->synset = (int32_t)(p->d->nsynsets - 1);
    st->syn_noplural = name[j - 1] == '_';
    return 0;
}

/* ------------------------------------------------------------ patterns */

typedef struct vb_pels {
    dy_pel e[DY_MAX_PHRASE_WORDS * 2];
    uint32_t n;
} vb_pels;

static int vb_pel_push(dp *p, vb_pels *v, const char *at, uint8_t kind, uint8_t joined, uint8_t end, uint32_t id)
{
    if (v->n == sizeof v->e / sizeof v->e[0])
        return dp_error(p, at, "pattern has more than 128 elements (limit)");
    v->e[v->n++] = (dy_pel){kind, joined, end, id};
    return 0;
}

static int vb_word_char(const dp *p, char c)
{
    return !dp_blank(c) && c != '_' && c != '*' && c != '$' && c != '%' && c != '^' && c != '{' &&
           c != '}' && c != '(' && c != ')' && c != '|' && !(p->tabari && (c == '~' || c == '-'));
}

/* Tokenise the elements of a pattern (the text between '-' and '[code]'). */
static int vb_pattern_elems(dp *p, const char *s, size_t n, vb_pels *v)
{
    size_t i = 0;
    uint8_t joined = 0, tilde = 0; /* tilde: "WORD~ NEXT" glues NEXT across the blank */
    int depth_np = 0, depth_pp = 0;
    v->n = 0;
    while (i < n) {
        char c = s[i];
        const char *at = s + i;
        uint8_t kind = 0;
        if (dp_blank(c)) {
            joined = tilde;
            i++;
            continue;
        }
        tilde = 0;
        if (c == '_' || (p->tabari && c == '-')) {
            joined = 1;
            i++;
            continue;
        }
        switch (c) {
        case '*': kind = DY_PE_VERB; break;
        case '$': kind = DY_PE_SOURCE; break;
        case '+': kind = DY_PE_TARGET; break;
        case '%': kind = DY_PE_COMPOUND; break;
        case '^': kind = DY_PE_SKIP; break;
        case '{': kind = DY_PE_NP_OPEN; depth_np++; break;
        case '}': kind = DY_PE_NP_CLOSE; depth_np--; break;
        case '(': kind = DY_PE_PP_OPEN; depth_pp++; break;
        case ')': kind = DY_PE_PP_CLOSE; depth_pp--; break;
        case '|': kind = DY_PE_ALT; break;
        default: break;
        }
        if (depth_np < 0 || depth_pp < 0)
            return dp_error(p, at, c == '}' ? "'}' without '{'" : "')' without '('");
        if (kind == DY_PE_ALT && (!p->tabari || depth_np != 1))
            return dp_error(p, at, p->tabari ? "'|' outside { ... }" : "'|' alternatives are TABARI syntax; use a synset");
        if ((kind == DY_PE_NP_OPEN && depth_np > 1) || (kind == DY_PE_PP_OPEN && depth_pp > 1))
            return dp_error(p, at, "nested brackets in a pattern");
        if (kind == DY_PE_NP_OPEN && p->tabari && depth_pp)
            return dp_error(p, at, "alternatives inside ( ... )");
        if (kind) {
            if (vb_pel_push(p, v, at, kind, joined, 0, 0))
                return -1;
            joined = 0;
            i++;
            continue;
        }
        if (c == '&') {
            size_t j = i + 1;
            while (j < n && vb_name_char(s[j]))
                j++;
            size_t used;
            int32_t syn = vb_synset_at(p, s + i + 1, j - i - 1, &used);
            if (syn < 0)
                return dp_error(p, at, "synset used before it is defined");
            if (vb_pel_push(p, v, at, DY_PE_SYNSET, joined, 1, (uint32_t)syn))
                return -1;
            joined = 0;
            i += 1 + used;
            continue;
        }
        if (c == '~') {
            /* "*~_WORD": WORD follows the verb at once */
            if (!v->n || v->e[v->n - 1].kind != DY_PE_VERB || !p->tabari)
                return dp_error(p, at, "'~' must follow a word");
            joined = tilde = 1;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && vb_word_char(p, s[j]))
            j++;
        uint32_t id = dp_word(p, s + i, j - i);
        if (!id)
            return -1;
        uint8_t end = 1, next_joined = 0;
        if (p->tabari) {
            /* "WORD_" exact (and "WORD_NEXT": NEXT at once); "WORD~ NEXT" a stem
             * with NEXT at once; a bare word is a stem (TABARI manual 5.5.3) */
            end = j < n && s[j] == '_';
            if (j < n && s[j] == '~') {
                end = 0;
                next_joined = 1;
                j++;
            }
        }
        if (vb_pel_push(p, v, at, DY_PE_WORD, joined, end, id))
            return -1;
        joined = tilde = next_joined;
        i = j;
        if (next_joined && i < n && s[i] == '_')
            i++;
    }
    if (depth_np)
        return dp_error(p, s + n, "missing '}'");
    if (depth_pp)
        return dp_error(p, s + n, "missing ')'");
    return 0;
}

static int vb_store_pattern(dp *p, vb_state *st, const dy_pel *e, uint32_t n, const char *code, const char *at)
{
    uint32_t nverb = 0, star = 0;
    for (uint32_t k = 0; k < n; k++)
        if (e[k].kind == DY_PE_VERB) {
            nverb++;
            star = k;
        }
    if (nverb != 1)
        return dp_error(p, at, nverb ? "pattern has more than one '*'" : "pattern has no '*' (the verb's place)");
    dy_pattern pt = {0};
    pt.first = p->d->npels;
    pt.n = n;
    pt.star = star;
    pt.code = code;
    if (st->section == 3) {
        /* a <TIME> pattern: its root stands where '*' is */
        pt.block = (uint32_t)st->time;
        pt.verb = UINT32_MAX;
        pt.line = p->line;
        pt.file = p->file;
        for (uint32_t k = 0; k < n; k++)
            if (DP_PUSH(p, pels, npels, cap_pels, e[k]))
                return -1;
        if (DP_PUSH(p, time_patterns, ntime_patterns, cap_time_patterns, pt))
            return -1;
        p->d->times[st->time].npattern++;
        return 0;
    }
    pt.block = (uint32_t)st->block;
    pt.verb = p->tabari ? (uint32_t)st->verb : UINT32_MAX;
    pt.line = p->line;
    pt.file = p->file;
    for (uint32_t k = 0; k < n; k++)
        if (DP_PUSH(p, pels, npels, cap_pels, e[k]))
            return -1;
    if (DP_PUSH(p, patterns, npatterns, cap_patterns, pt))
        return -1;
    p->d->blocks[st->block].npattern++;
    return 0;
}

/* TABARI alternatives: expand "{ a | b }" groups into one pattern each. */
static int vb_expand(dp *p, vb_state *st, const dy_pel *e, uint32_t n, dy_pel *out, uint32_t nout,
                     const char *code, const char *at, size_t *count)
{
    uint32_t k = 0;
    while (k < n && e[k].kind != DY_PE_NP_OPEN) {
        if (nout == DY_MAX_PHRASE_WORDS * 2)
            return dp_error(p, at, "pattern has more than 128 elements (limit)");
        out[nout++] = e[k++];
    }
    if (k == n) {
        if (++*count > DY_MAX_EXPANSIONS)
            return dp_error(p, at, "pattern expands into more than 4096 alternatives (limit)");
        return vb_store_pattern(p, st, out, nout, code, at);
    }
    uint32_t close = k + 1;
    while (close < n && e[close].kind != DY_PE_NP_CLOSE)
        close++;
    uint8_t lead = e[k].joined;
    uint32_t a = k + 1;
    while (a <= close) {
        uint32_t b = a;
        while (b < close && e[b].kind != DY_PE_ALT)
            b++;
        if (b == a)
            return dp_error(p, at, "empty alternative in { ... | ... }");
        uint32_t m = nout;
        for (uint32_t j = a; j < b; j++) {
            if (m == DY_MAX_PHRASE_WORDS * 2)
                return dp_error(p, at, "pattern has more than 128 elements (limit)");
            out[m] = e[j];
            if (j == a)
                out[m].joined = lead;
            m++;
        }
        if (vb_expand(p, st, e + close + 1, n - close - 1, out, m, code, at, count))
            return -1;
        a = b + 1;
    }
    return 0;
}

/* "- elements [CODE]" */
static int vb_pattern(dp *p, vb_state *st, const char *s, size_t n)
{
    if (st->section == 3 ? st->time < 0 : (st->block < 0 || (p->tabari && st->verb < 0)))
        return dp_error(p, s, st->section == 3 ? "pattern before any time phrase" : "pattern before any verb");
    const char *lim = s + n;
    const char *lb = lim;
    while (lb > s && *(lb - 1) != '[')
        lb--;
    if (lb == s || lim[-1] != ']')
        return dp_error(p, lim, "pattern needs a [code] at the end");
    lb--;
    const char *end;
    const char *code = dp_bracket_code(p, lb, lim, &end);
    if (!code)
        return -1;
    vb_pels v;
    if (vb_pattern_elems(p, s + 1, (size_t)(lb - s - 1), &v))
        return -1;
    if (!p->tabari)
        return vb_store_pattern(p, st, v.e, v.n, code, s);
    dy_pel out[DY_MAX_PHRASE_WORDS * 2];
    size_t count = 0;
    return vb_expand(p, st, v.e, v.n, out, 0, code, s, &count);
}

/* ------------------------------------------------------------ verbs */

typedef struct vb_words {
    uint32_t w[DY_MAX_PHRASE_WORDS];
    uint32_t n, head;
    uint8_t plus, noend, exact;
} vb_words;

/* A verb or form: words joined by '_' or blanks; PETRARCH marks the verb word
 * of a multi-word verb with '+'. */
static int vb_verb_words(dp *p, const char *s, size_t n, vb_words *out)
{
    dp_phrase ph;
    out->n = out->head = 0;
    out->plus = 0;
    const char *plus = NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '+')
            continue;
        if (p->tabari)
            return dp_error(p, s + i, "'+' in a TABARI verb");
        if (plus)
            return dp_error(p, s + i, "more than one '+' in a verb");
        if (i > 0 && s[i - 1] != '_' && !dp_blank(s[i - 1]))
            return dp_error(p, s + i, "'+' must start a word");
        plus = s + i;
    }
    /* split without the '+' so the words intern cleanly */
    char tmp[1024];
    if (n >= sizeof tmp)
        return dp_error(p, s, "verb longer than 1023 bytes (limit)");
    size_t k = 0, plus_at = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (s + i == plus) {
            plus_at = k;
            continue;
        }
        tmp[k++] = s[i];
    }
    if (dp_split(p, tmp, k, &ph))
        return -1;
    for (uint16_t i = 0; i < ph.n; i++)
        out->w[i] = ph.w[i];
    out->n = ph.n;
    out->noend = ph.noend;
    out->exact = ph.exact;
    if (plus) {
        if (plus_at >= k || tmp[plus_at] == '_' || dp_blank(tmp[plus_at]))
            return dp_error(p, plus, "'+' must be followed by the verb word");
        uint32_t idx = 0; /* words starting before the '+' */
        for (size_t i = 0; i < plus_at; i++) {
            int sep = tmp[i] == '_' || dp_blank(tmp[i]);
            int prev_sep = i == 0 || tmp[i - 1] == '_' || dp_blank(tmp[i - 1]);
            idx += !sep && prev_sep;
        }
        out->head = idx < out->n ? idx : 0;
        out->plus = 1;
    }
    return 0;
}

static int vb_add_form(dp *p, uint32_t verb, const uint32_t *w, uint32_t n, uint32_t head, int stem)
{
    if (n > 255)
        return dp_error(p, NULL, "verb form has more than 255 words (limit)");
    /* skip a form this verb already has (regular and irregular spellings meet) */
    for (uint32_t f = p->d->nforms; f-- > 0 && p->d->forms[f].verb == verb;) {
        const dy_verb_form *x = &p->d->forms[f];
        if (x->nwords == n && x->head == head && !memcmp(p->d->form_words + x->first_word, w, n * sizeof *w))
            return 0;
    }
    dy_verb_form f = {verb, p->d->nform_words, (uint8_t)n, (uint8_t)head, (uint8_t)(stem != 0)};
    for (uint32_t i = 0; i < n; i++)
        if (DP_PUSH(p, form_words, nform_words, cap_form_words, w[i]))
            return -1;
    return DP_PUSH(p, forms, nforms, cap_forms, f);
}

/* The form with word `at` spelt b. */
static int vb_add_spelling(dp *p, uint32_t verb, vb_words *vw, uint32_t at, const dy_buf *b)
{
    if (!b->n)
        return 0;
    uint32_t id = dy_lex_intern(&p->d->lex, &p->d->arena, b->p, b->n);
    if (!id)
        return dp_oom(p);
    uint32_t save = vw->w[at];
    vw->w[at] = id;
    int rc = vb_add_form(p, verb, vw->w, vw->n, vw->head, 0);
    vw->w[at] = save;
    return rc;
}

/* Regular forms of word `at`: S, ED, ING by English spelling; TABARI also
 * recognises the bare endings S, ED, ES, EN and ING. */
static int vb_inflect(dp *p, uint32_t verb, vb_words *vw, uint32_t at)
{
    uint32_t hw = vw->w[at];
    const char *w = p->d->lex.words[hw];
    size_t n = p->d->lex.lens[hw];
    dy_buf alt = {0};
    int rc = 0;
    dy_en_third(w, n, &p->tmp);
    rc = vb_add_spelling(p, verb, vw, at, &p->tmp);
    if (!rc) {
        dy_en_past(w, n, &p->tmp, &alt);
        rc = vb_add_spelling(p, verb, vw, at, &p->tmp) || vb_add_spelling(p, verb, vw, at, &alt);
    }
    if (!rc) {
        dy_en_ing(w, n, &p->tmp, &alt);
        rc = vb_add_spelling(p, verb, vw, at, &p->tmp) || vb_add_spelling(p, verb, vw, at, &alt);
    }
    if (!rc && p->tabari) {
        static const char *const endings[] = {"S", "ED", "ES", "EN", "ING"};
        for (size_t i = 0; i < 5 && !rc; i++) {
            p->tmp.n = 0;
            dy_buf_put(&p->tmp, w, n);
            dy_buf_puts(&p->tmp, endings[i]);
            rc = vb_add_spelling(p, verb, vw, at, &p->tmp);
        }
    }
    dy_buf_free(&alt);
    return rc;
}

/* Regular forms of the head word. TABARI also takes a verb ending on the
 * last word of a phrase (SHOT_AND_WOUND matches "shot and wounded"). */
static int vb_regular(dp *p, uint32_t verb, vb_words *vw)
{
    if (vb_inflect(p, verb, vw, vw->head))
        return -1;
    if (p->tabari && vw->n > 1 && vw->head != vw->n - 1)
        return vb_inflect(p, verb, vw, vw->n - 1);
    return 0;
}

/* Irregular forms "{F1 F2 ...}" of verb `verb` (base words vw). */
static int vb_irregular(dp *p, uint32_t verb, const vb_words *vw, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && dp_blank(s[i]))
            i++;
        size_t j = i;
        while (j < n && !dp_blank(s[j]))
            j++;
        if (j == i)
            break;
        vb_words f;
        if (vb_verb_words(p, s + i, j - i, &f))
            return -1;
        if (!f.plus) {
            if (f.n == 1 || p->tabari)
                f.head = 0;
            else if (f.n == vw->n)
                f.head = vw->head;
            else
                return dp_error(p, s + i, "a multi-word form needs '+' on its verb word");
        }
        /* TABARI: a one-word form without '_' or '=' is a stem, as roots are */
        if (vb_add_form(p, verb, f.w, f.n, f.head, p->tabari && f.n == 1 && !f.exact && !f.noend))
            return -1;
        i = j;
    }
    return 0;
}

static int vb_new_block(dp *p, vb_state *st, const char *name, size_t nn, const char *code)
{
    dy_verb_block b = {0};
    if (!(b.name = dy_arena_strndup(&p->d->arena, name, nn)))
        return dp_oom(p);
    b.code = code;
    b.first_pattern = p->d->npatterns;
    b.line = p->line;
    b.file = p->file;
    if (DP_PUSH(p, blocks, nblocks, cap_blocks, b))
        return -1;
    st->block = (int32_t)(p->d->nblocks - 1);
    st->verb = -1;
    return 0;
}

/* "VERB {forms} [code]" (PETRARCH, inside a block) or "VERB [code]" (TABARI root). */
static int vb_verb(dp *p, vb_state *st, const char *s, size_t n)
{
    const char *lim = s + n;
    const char *brace = memchr(s, '{', n);
    const char *lb = memchr(s, '[', n);
    const char *pe = brace && (!lb || brace < lb) ? brace : (lb ? lb : lim);
    size_t vn = (size_t)(pe - s);
    while (vn > 0 && dp_blank(s[vn - 1]))
        vn--;
    if (!vn)
        return dp_error(p, s, "verb missing");
    const char *forms = NULL, *forms_end = NULL;
    if (brace && brace == pe) {
        forms = brace + 1;
        forms_end = memchr(forms, '}', (size_t)(lim - forms));
        if (!forms_end)
            return dp_error(p, brace, "missing '}' after verb forms");
        if (lb && lb < forms_end)
            return dp_error(p, lb, "'[' inside verb forms");
    }
    const char *code = NULL;
    const char *q = forms_end ? forms_end + 1 : pe;
    while (q < lim && dp_blank(*q))
        q++;
    if (q < lim && *q == '[') {
        if (!(code = dp_bracket_code(p, q, lim, &q)))
            return -1;
        while (q < lim && dp_blank(*q))
            q++;
    }
    if (q < lim)
        return dp_error(p, q, "unexpected text after the verb");
    vb_words vw;
    if (vb_verb_words(p, s, vn, &vw))
        return -1;
    if (p->tabari) {
        if (!code)
            return dp_error(p, lim, "TABARI verb needs a [code]");
        if (vb_new_block(p, st, s, vn, code))
            return -1;
    } else if (st->block < 0) {
        return dp_error(p, s, "verb before the first --- block ---");
    }
    dy_verb v = {0};
    v.block = (uint32_t)st->block;
    v.lemma = vw.w[vw.head];
    v.code = code ? code : p->d->blocks[st->block].code;
    v.line = p->line;
    v.file = p->file;
    if (DP_PUSH(p, verbs, nverbs, cap_verbs, v))
        return -1;
    uint32_t vi = p->d->nverbs - 1;
    st->verb = (int32_t)vi;
    if (vb_add_form(p, vi, vw.w, vw.n, vw.head, p->tabari && vw.n == 1 && !vw.exact && !vw.noend))
        return -1;
    if (forms)
        return vb_irregular(p, vi, &vw, forms, (size_t)(forms_end - forms));
    if (vw.noend)
        return 0;
    return vb_regular(p, vi, &vw);
}

/* "--- NAME [CODE] ---" */
static int vb_block(dp *p, vb_state *st, const char *s, size_t n)
{
    const char *lim = s + n, *q = s;
    while (q < lim && *q == '-')
        q++;
    while (q < lim && dp_blank(*q))
        q++;
    const char *name = q;
    while (q < lim && *q != '[')
        q++;
    const char *ne = q;
    while (ne > name && (dp_blank(ne[-1]) || ne[-1] == '-'))
        ne--;
    if (ne == name)
        return dp_error(p, name, "verb block needs a name");
    const char *code = NULL;
    if (q < lim) {
        if (!(code = dp_bracket_code(p, q, lim, &q)))
            return -1;
        while (q < lim && dp_blank(*q))
            q++;
        if (q < lim && *q == '[') {
            dp_warn(p, q, "warning: further codes in a block header are ignored (the first is the block's code)");
            while (q < lim && *q == '[') {
                const char *c2 = q;
                while (q < lim && *q != ']')
                    q++;
                if (q == lim)
                    return dp_error(p, c2, "missing ']'");
                q++;
                while (q < lim && dp_blank(*q))
                    q++;
            }
        }
        while (q < lim && (*q == '-' || dp_blank(*q)))
            q++;
        if (q < lim)
            return dp_error(p, q, "unexpected text after the block code");
    } else {
        code = dp_code(p, "---", 3);
        if (!code)
            return -1;
    }
    st->synset = -1;
    return vb_new_block(p, st, name, (size_t)(ne - name), code);
}

static int vb_transform(dp *p, const char *s, size_t n)
{
    while (n && dp_blank(*s)) {
        s++;
        n--;
    }
    if (!memchr(s, '=', n))
        return dp_error(p, s, "transformation needs '=' between the pattern and its result");
    dy_transform t = {0};
    if (!(t.text = dy_arena_strndup(&p->d->arena, s, n)))
        return dp_oom(p);
    t.line = p->line;
    t.file = p->file;
    return DP_PUSH(p, transforms, ntransforms, cap_transforms, t);
}

/* ------------------------------------------------------------ files */

static int vb_has_close(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return 1;
    return 0;
}

/* PETRARCH files carry <!-- ... --> comments, possibly over several lines.
 * Returns 1 when the current line is (part of) a comment. */
int dy_petr_skip(dp *p, int *in_comment)
{
    const char *s = p->raw;
    size_t n = p->rawn;
    if (*in_comment) {
        if (vb_has_close(s, n))
            *in_comment = 0;
        return 1;
    }
    size_t i = 0;
    while (i < n && dp_blank(s[i]))
        i++;
    if (i + 1 < n && s[i] == '<' && s[i + 1] == '!') {
        if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-')
            *in_comment = !vb_has_close(s + i + 4, n - i - 4);
        return 1;
    }
    return 0;
}

dyad_status dy_petr_verbs(dp *p)
{
    vb_state st = {-1, -1, -1, 0, 0, -1};
    int in_comment = 0;
    while (dp_next_line(p)) {
        if (dy_petr_skip(p, &in_comment))
            continue;
        size_t n = dp_content(p, p->raw, p->rawn);
        const char *s = p->raw;
        if (!n || s[0] == '#')
            continue;
        if (dp_blank(s[0])) {
            size_t i = 0;
            while (i < n && dp_blank(s[i]))
                i++;
            s += i;
            n -= i;
        }
        if (s[0] == '+' && st.synset >= 0)
            vb_member(p, &st, s + 1, n - 1);
        else if (s[0] == '&')
            vb_synset_header(p, &st, s, n);
        else if (n >= 3 && !memcmp(s, "---", 3))
            vb_block(p, &st, s, n);
        else if (s[0] == '-') {
            st.synset = -1;
            vb_pattern(p, &st, s, n);
        } else if (s[0] == '~') {
            st.synset = -1;
            vb_transform(p, s + 1, n - 1);
        } else {
            st.synset = -1;
            vb_verb(p, &st, s, n);
        }
    }
    if (in_comment && !p->stop)
        dp_error(p, p->raw, "unterminated <!-- comment");
    return p->stop == 2 ? DYAD_E_NOMEM : p->nerr ? DYAD_E_SYNTAX : DYAD_OK;
}

/* TABARI sections other than <SYNSETS> hold nouns, adjectives and time
 * phrases: dyad checks their syntax but does not use them. */
static int tb_section(dp *p, vb_state *st, const char *s, size_t n)
{
    size_t k = 1;
    int close = n > 1 && s[1] == '/';
    k += (size_t)close;
    size_t e = k;
    while (e < n && s[e] != '>')
        e++;
    if (e == n)
        return dp_error(p, s, "missing '>' in section tag");
    const char *tag = s + k;
    size_t tn = e - k;
    int syn = (tn == 6 || tn == 7) && !memcmp(tag, "SYNSETS", tn);
    if (close) {
        if (!st->section)
            return dp_error(p, s, "closing tag without an open section");
        st->section = 0;
        st->synset = -1;
        return 0;
    }
    if (st->section)
        return dp_error(p, s, "section opened inside another section");
    static const char *const known[] = {"NOUN", "ADJECTIVE", "ADJ", "TIME", "ATTRIB"};
    if (tn == 4 && !memcmp(tag, "TIME", 4)) {
        st->section = 3;
        st->time = -1;
        return 0;
    }
    if (!syn) {
        int ok = 0;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (tn == strlen(known[i]) && !memcmp(tag, known[i], tn))
                ok = 1;
        if (!ok)
            return dp_error(p, s, "unknown section (SYNSETS, NOUN, ADJECTIVE, TIME, ATTRIB)");
        dp_warn(p, s, "warning: this TABARI section is checked but not used by dyad");
    }
    st->section = syn ? 1 : 2;
    return 0;
}

/* <TIME>: "ROOT [code]" or "- pattern [code]" under the root before it */
static int tb_time_entry(dp *p, vb_state *st, const char *s, size_t n)
{
    if (s[0] == '-')
        return vb_pattern(p, st, s, n);
    const char *lb = memchr(s, '[', n);
    if (!lb)
        return dp_error(p, s + n, "a time phrase needs a [code]");
    const char *end;
    const char *code = dp_bracket_code(p, lb, s + n, &end);
    if (!code)
        return -1;
    dp_phrase ph;
    if (dp_split(p, s, (size_t)(lb - s), &ph))
        return -1;
    dy_time t = {code, p->d->ntime_patterns, 0, p->line, p->file};
    if (dp_add_phrase(p, &p->d->time_phrases, &ph, p->d->ntimes) || DP_PUSH(p, times, ntimes, cap_times, t))
        return -1;
    st->time = (int32_t)(p->d->ntimes - 1);
    return 0;
}

static int tb_other_entry(dp *p, const char *s, size_t n)
{
    /* "PHRASE [code]", "PHRASE" (nouns) or "- pattern [code]" (time) */
    const char *lb = memchr(s, '[', n);
    size_t pn = lb ? (size_t)(lb - s) : n;
    if (s[0] == '-') {
        if (!lb)
            return dp_error(p, s + n, "pattern needs a [code] at the end");
        return 0;
    }
    dp_phrase ph;
    if (dp_split(p, s, pn, &ph))
        return -1;
    if (lb) {
        const char *end;
        if (!dp_bracket_code(p, lb, s + n, &end))
            return -1;
    }
    return 0;
}

dyad_status dy_tabari_verbs(dp *p)
{
    vb_state st = {-1, -1, -1, 1, 0, -1};
    while (dp_next_line(p)) {
        const char *s = p->raw;
        size_t n = p->rawn;
        while (n && dp_blank(*s)) {
            s++;
            n--;
        }
        if (!n || s[0] == '#' || s[0] == '/')
            continue;
        n = dp_content(p, s, n);
        if (!n)
            continue;
        if (s[0] == '~')
            break; /* ~FINISH (also written ~~FINISH, ~~~~~): the end of the dictionary */
        if (s[0] == '<') {
            tb_section(p, &st, s, n);
            continue;
        }
        if (st.section == 2) {
            tb_other_entry(p, s, n);
            continue;
        }
        if (st.section == 3) {
            tb_time_entry(p, &st, s, n);
            continue;
        }
        if (st.section == 1) {
            if (s[0] == '&')
                vb_synset_header(p, &st, s, n);
            else if (s[0] == '+' && st.synset >= 0)
                vb_member(p, &st, s + 1, n - 1);
            else
                dp_error(p, s, "a <SYNSETS> section holds &NAME lines and +members");
            continue;
        }
        if (s[0] == '{') {
            if (st.verb < 0)
                dp_error(p, s, "verb forms before any verb");
            else {
                const char *e = memchr(s, '}', n);
                if (!e)
                    dp_error(p, s + n, "missing '}' after verb forms");
                else if ((size_t)(e - s) + 1 != n)
                    dp_error(p, e + 1, "unexpected text after verb forms");
                else {
                    vb_words vw = {0};
                    const dy_verb *v = &p->d->verbs[st.verb];
                    vw.n = 1;
                    vw.w[0] = v->lemma;
                    vb_irregular(p, (uint32_t)st.verb, &vw, s + 1, (size_t)(e - s - 1));
                }
            }
            continue;
        }
        if (s[0] == '-')
            vb_pattern(p, &st, s, n);
        else if (s[0] == '&' || s[0] == '+')
            dp_error(p, s, "synsets belong in the <SYNSETS> section");
        else
            vb_verb(p, &st, s, n);
    }
    if (st.section && !p->stop)
        dp_error(p, p->raw, "section not closed at end of file");
    return p->stop == 2 ? DYAD_E_NOMEM : p->nerr ? DYAD_E_SYNTAX : DYAD_OK;
}
