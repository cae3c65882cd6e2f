/* Actors, agents, discards, issues and TABARI options, in PETRARCH2 and
 * TABARI forms. */
#include <stdlib.h>

#include "dict/dictint.h"

/* ------------------------------------------------------------ common */

typedef struct en_line {
    const char *s;
    size_t n;
    int indented;
} en_line;

/* The next meaningful line: comments and blank lines skipped, TABARI
 * ~FINISH honoured. *section tracks TABARI <NOUN>/<ADJECTIVE> sections
 * (checked, not used). Returns 0 at the end. */
static int en_next(dp *p, en_line *l, int *in_comment, int *section)
{
    while (dp_next_line(p)) {
        if (!p->tabari && dy_petr_skip(p, in_comment))
            continue;
        const char *s = p->raw;
        size_t n = p->rawn;
        size_t i = 0;
        while (i < n && dp_blank(s[i]))
            i++;
        if (i == n || s[i] == '#' || (p->tabari && s[i] == '/'))
            continue;
        n = dp_content(p, s, n);
        if (n <= i)
            continue;
        if (p->tabari && s[i] == '~')
            return 0; /* ~FINISH (also ~~FINISH, ~~~~~): the end of the dictionary */
        if (p->tabari && s[i] == '<') {
            const char *t = s + i;
            size_t tn = n - i;
            int close = tn > 1 && t[1] == '/';
            if (close) {
                if (!*section)
                    dp_error(p, t, "closing tag without an open section");
                *section = 0;
            } else if ((tn >= 6 && !memcmp(t, "<NOUN>", 6)) || (tn >= 11 && !memcmp(t, "<ADJECTIVE>", 11))) {
                if (*section)
                    dp_error(p, t, "section opened inside another section");
                *section = t[1] == 'N' ? DY_WC_NOUN : DY_WC_ADJ;
            } else {
                dp_error(p, t, "unknown section (NOUN, ADJECTIVE)");
            }
            continue;
        }
        if (p->tabari && *section) {
            /* nouns and adjectives: a phrase, optionally a code */
            const char *lb = memchr(s + i, '[', n - i);
            dp_phrase ph;
            if (!dp_split(p, s + i, (size_t)((lb ? lb : s + n) - (s + i)), &ph)) {
                const char *end;
                if (lb)
                    dp_bracket_code(p, lb, s + n, &end);
                /* used by TABARI coding to tell compound nouns from clauses */
                dp_add_phrase(p, &p->d->word_classes, &ph, (uint32_t)*section);
            }
            continue;
        }
        l->s = s + i;
        l->n = n - i;
        l->indented = i > 0;
        return 1;
    }
    return 0;
}

static dyad_status en_status(dp *p, int section)
{
    if (section && !p->stop)
        dp_error(p, p->raw, "section not closed at end of file");
    return p->stop == 2 ? DYAD_E_NOMEM : p->nerr ? DYAD_E_SYNTAX : DYAD_OK;
}

static const char *en_phrase_end(const char *s, size_t n)
{
    const char *lb = memchr(s, '[', n);
    const char *e = lb ? lb : s + n;
    while (e > s && dp_blank(e[-1]))
        e--;
    return e;
}

/* ------------------------------------------------------------ actors */

static int en_actor_phrase(dp *p, const char *s, size_t n, uint32_t actor)
{
    dp_phrase ph;
    if (dp_split(p, s, n, &ph))
        return -1;
    return dp_add_phrase(p, &p->d->actor_phrases, &ph, actor);
}

dyad_status dy_actors(dp *p)
{
    en_line l;
    int in_comment = 0, section = 0;
    int64_t cur = -1;
    while (en_next(p, &l, &in_comment, &section)) {
        const char *lim = l.s + l.n;
        if (l.s[0] == '[') {
            if (!l.indented)
                dp_error(p, l.s, "date-restriction lines must be indented with a tab or blanks");
            else if (cur < 0)
                dp_error(p, l.s, "code line before any actor");
            else
                dy_actor_codes(p, l.s, lim, (uint32_t)cur);
            continue;
        }
        if (l.indented) {
            dp_error(p, l.s, "indented line must be a [code] restriction");
            continue;
        }
        const char *pe = en_phrase_end(l.s, l.n);
        const char *codes = memchr(l.s, '[', l.n);
        if (l.s[0] == '+') {
            if (cur < 0) {
                dp_error(p, l.s, "synonym before any actor");
                continue;
            }
            if (en_actor_phrase(p, l.s + 1, (size_t)(pe - l.s - 1), (uint32_t)cur))
                continue;
        } else {
            dy_actor a = {0};
            a.first_code = p->d->nactor_codes;
            a.line = p->line;
            a.file = p->file;
            if (DP_PUSH(p, actors, nactors, cap_actors, a))
                break;
            cur = p->d->nactors - 1;
            if (en_actor_phrase(p, l.s, (size_t)(pe - l.s), (uint32_t)cur))
                continue;
        }
        if (codes)
            dy_actor_codes(p, codes, lim, (uint32_t)cur);
    }
    return en_status(p, section);
}

/* ------------------------------------------------------------ agents */

static const dy_subst *en_subst_find(dp *p, const char *name, size_t n)
{
    for (size_t i = 0; i < p->b->nsubst; i++)
        if (strlen(p->b->subst[i].name) == n && !memcmp(p->b->subst[i].name, name, n))
            return &p->b->subst[i];
    return NULL;
}

/* "!PERSON! = MAN, MEN, WOMAN" */
static int en_subst_define(dp *p, const char *s, size_t n)
{
    const char *e = memchr(s + 1, '!', n - 1);
    if (!e)
        return dp_error(p, s, "substitution marker needs a closing '!'");
    const char *q = e + 1, *lim = s + n;
    while (q < lim && dp_blank(*q))
        q++;
    if (q == lim || *q != '=')
        return dp_error(p, q, "substitution set needs '=' and a comma-separated list");
    dy_subst sub = {0};
    if (!(sub.name = dy_arena_strndup(&p->d->arena, s + 1, (size_t)(e - s - 1))))
        return dp_oom(p);
    if (en_subst_find(p, sub.name, strlen(sub.name)))
        return dp_error(p, s, "substitution set defined twice");
    size_t cap = 0;
    q++;
    while (q < lim) {
        const char *c = memchr(q, ',', (size_t)(lim - q));
        const char *ie = c ? c : lim;
        const char *a = q, *b = ie;
        while (a < b && dp_blank(*a))
            a++;
        while (b > a && dp_blank(b[-1]))
            b--;
        if (a == b) {
            free(sub.items);
            return dp_error(p, a, "empty item in substitution set");
        }
        const char *item = dy_arena_strndup(&p->d->arena, a, (size_t)(b - a));
        if (!item || !DY_VEC_PUSH(sub.items, sub.nitems, cap, item)) {
            free(sub.items);
            return dp_oom(p);
        }
        q = c ? c + 1 : lim;
    }
    if (!sub.nitems)
        return dp_error(p, s, "empty substitution set");
    if (!DY_VEC_PUSH(p->b->subst, p->b->nsubst, p->b->cap_subst, sub)) {
        free(sub.items);
        return dp_oom(p);
    }
    return 0;
}

static int en_agent_phrase(dp *p, const char *s, size_t n, uint32_t agent, int plural, size_t *count)
{
    const char *bang = memchr(s, '!', n);
    if (bang) {
        const char *e = memchr(bang + 1, '!', (size_t)(s + n - bang - 1));
        if (!e)
            return dp_error(p, bang, "substitution marker needs a closing '!'");
        const dy_subst *sub = en_subst_find(p, bang + 1, (size_t)(e - bang - 1));
        if (!sub)
            return dp_error(p, bang, "substitution marker used before its set is defined");
        for (uint32_t i = 0; i < sub->nitems; i++) {
            dy_buf t = {0};
            dy_buf_put(&t, s, (size_t)(bang - s));
            dy_buf_puts(&t, sub->items[i]);
            dy_buf_put(&t, e + 1, (size_t)(s + n - e - 1));
            if (!dy_buf_cstr(&t)) {
                dy_buf_free(&t);
                return dp_oom(p);
            }
            /* substituted entries take no plural */
            int rc = en_agent_phrase(p, t.p, t.n, agent, 0, count);
            dy_buf_free(&t);
            if (rc)
                return -1;
        }
        return 0;
    }
    if (++*count > DY_MAX_EXPANSIONS)
        return dp_error(p, s, "agent expands into more than 4096 phrases (limit)");
    dp_phrase ph;
    if (dp_split(p, s, n, &ph) || dp_add_phrase(p, &p->d->agent_phrases, &ph, agent))
        return -1;
    if (plural && !ph.noend && !(p->tabari && !ph.exact)) {
        uint32_t last = ph.w[ph.n - 1];
        dy_en_plural(p->d->lex.words[last], p->d->lex.lens[last], &p->tmp);
        if (!(ph.w[ph.n - 1] = dy_lex_intern(&p->d->lex, &p->d->arena, p->tmp.p, p->tmp.n)))
            return dp_oom(p);
        if (dp_add_phrase(p, &p->d->agent_phrases, &ph, agent))
            return -1;
    }
    return 0;
}

/* "[~GOV]" (after the actor code) or "[NGO~]" (before it). */
static int en_agent_code(dp *p, const char *s, const char *lim, dy_agent *ag)
{
    const char *q = s + 1;
    while (q < lim && dp_blank(*q))
        q++;
    const char *c0 = q;
    while (q < lim && dp_code_char_ok(*q))
        q++;
    const char *c1 = q;
    while (q < lim && dp_blank(*q))
        q++;
    if (q >= lim || *q != ']')
        return dp_error(p, q, q >= lim ? "missing ']' after agent code" : "an agent code is one word");
    for (const char *r = q + 1; r < lim; r++)
        if (!dp_blank(*r))
            return dp_error(p, r, "unexpected text after the agent code");
    int pre = c1 > c0 && c0[0] == '~', post = c1 > c0 && c1[-1] == '~';
    if (pre == post || c1 - c0 < 2)
        return dp_error(p, c0, "agent code needs one '~': [~GOV] follows the actor code, [NGO~] precedes it");
    ag->prefix = (uint8_t)post;
    ag->code = dp_code(p, c0 + pre, (size_t)(c1 - c0 - 1));
    return ag->code ? 0 : -1;
}

dyad_status dy_agents(dp *p)
{
    en_line l;
    int in_comment = 0, section = 0;
    /* substitution sets are per file: the previous agents file's go now */
    for (size_t i = 0; i < p->b->nsubst; i++)
        free(p->b->subst[i].items);
    p->b->nsubst = 0;
    while (en_next(p, &l, &in_comment, &section)) {
        const char *lim = l.s + l.n;
        if (l.s[0] == '!' && memchr(l.s, '=', l.n)) {
            en_subst_define(p, l.s, l.n);
            continue;
        }
        const char *lb = memchr(l.s, '[', l.n);
        if (!lb) {
            dp_error(p, lim, "agent needs a [~CODE]");
            continue;
        }
        dy_agent ag = {0};
        ag.line = p->line;
        ag.file = p->file;
        if (en_agent_code(p, lb, lim, &ag))
            continue;
        const char *pe = lb;
        const char *brace = memchr(l.s, '{', (size_t)(lb - l.s));
        const char *pl = NULL, *ple = NULL;
        if (brace) {
            ple = memchr(brace, '}', (size_t)(lb - brace));
            if (!ple) {
                dp_error(p, brace, "missing '}' after the plural");
                continue;
            }
            for (const char *r = ple + 1; r < lb; r++)
                if (!dp_blank(*r)) {
                    dp_error(p, r, "unexpected text between the plural and the code");
                    ple = NULL;
                    break;
                }
            if (!ple)
                continue;
            pl = brace + 1;
            pe = brace;
        }
        while (pe > l.s && dp_blank(pe[-1]))
            pe--;
        if (pe == l.s) {
            dp_error(p, l.s, "agent phrase missing");
            continue;
        }
        if (DP_PUSH(p, agents, nagents, cap_agents, ag))
            break;
        uint32_t ai = p->d->nagents - 1;
        size_t count = 0;
        if (en_agent_phrase(p, l.s, (size_t)(pe - l.s), ai, !brace, &count))
            continue;
        if (pl) {
            while (pl < ple && dp_blank(*pl))
                pl++;
            const char *e = ple;
            while (e > pl && dp_blank(e[-1]))
                e--;
            if (e > pl)
                en_agent_phrase(p, pl, (size_t)(e - pl), ai, 0, &count);
        }
    }
    return en_status(p, section);
}

/* ------------------------------------------------------------ discards */

dyad_status dy_petr_discards(dp *p)
{
    en_line l;
    int in_comment = 0, section = 0;
    while (en_next(p, &l, &in_comment, &section)) {
        int story = l.s[0] == '+';
        const char *s = l.s + story;
        size_t n = l.n - (size_t)story;
        if (memchr(s, '[', n)) {
            dp_error(p, memchr(s, '[', n), "discards are phrases without codes");
            continue;
        }
        dp_phrase ph;
        if (dp_split(p, s, n, &ph))
            continue;
        dp_add_phrase(p, &p->d->discards, &ph, (uint32_t)story);
    }
    return en_status(p, section);
}

/* ------------------------------------------------------------ issues */

/* Issue phrase expansions, applied until none is left (as PETRARCH does):
 * '+' gives a blank and a hyphen version; "n:WORD" the noun and its plural;
 * "v:WORD" the verb and its regular forms. */
static char *is_dup(const char *a, size_t an, const char *mid, size_t mn, const char *b, size_t bn)
{
    size_t n = an + mn + bn;
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    memcpy(s, a, an);
    memcpy(s + an, mid, mn);
    memcpy(s + an + mn, b, bn);
    s[n] = 0;
    return s;
}

static const char *is_marker(const char *s)
{
    for (const char *q = s; *q; q++)
        if ((*q == 'N' || *q == 'V') && q[1] == ':' && (q == s || q[-1] == ' ' || q[-1] == '-'))
            return q;
    return NULL;
}

static int is_forms(dp *p, const char *s, size_t n, uint32_t issue)
{
    char **w = NULL;
    size_t nw = 0, cap = 0;
    int rc = -1;
    dy_buf f[6] = {{0}};
    char *first = is_dup(s, n, "", 0, "", 0);
    if (!first || !DY_VEC_PUSH(w, nw, cap, first)) {
        free(first);
        goto oom;
    }
    for (char *c = first; *c; c++)
        *c = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : (dp_blank(*c) ? ' ' : *c);
    for (size_t i = 0; i < nw; i++) {
        for (;;) {
            char *x = w[i];
            size_t xn = strlen(x);
            char *plus = strchr(x, '+');
            const char *mk = plus ? NULL : is_marker(x);
            if (!plus && !mk)
                break;
            if (nw + 6 > DY_MAX_EXPANSIONS) {
                dp_error(p, s, "issue expands into more than 4096 phrases (limit)");
                goto done;
            }
            size_t nf = 0;
            const char *pre = x, *post;
            size_t pren;
            if (plus) {
                pren = (size_t)(plus - x);
                post = plus + 1;
                dy_buf_putc(&f[0], ' ');
                dy_buf_putc(&f[1], '-');
                nf = 2;
            } else {
                pren = (size_t)(mk - x);
                const char *wd = mk + 2;
                const char *we = strchr(wd, ' ');
                if (!we)
                    we = x + xn;
                post = we;
                size_t wn = (size_t)(we - wd);
                if (!wn) {
                    dp_error(p, s, "n: or v: needs a word");
                    goto done;
                }
                dy_buf_put(&f[0], wd, wn);
                if (mk[0] == 'N') {
                    dy_en_plural(wd, wn, &f[1]);
                    nf = 2;
                } else {
                    dy_en_third(wd, wn, &f[1]);
                    dy_en_past(wd, wn, &f[2], &f[3]);
                    dy_en_ing(wd, wn, &f[4], &f[5]);
                    nf = 6;
                }
            }
            char *repl = NULL;
            for (size_t k = 0; k < nf; k++) {
                if (!f[k].n)
                    continue;
                char *y = is_dup(pre, pren, f[k].p, f[k].n, post, strlen(post));
                if (!y)
                    goto oom;
                if (!repl)
                    repl = y;
                else if (!DY_VEC_PUSH(w, nw, cap, y)) {
                    free(y);
                    free(repl);
                    goto oom;
                }
            }
            for (size_t k = 0; k < 6; k++)
                f[k].n = 0;
            free(w[i]);
            w[i] = repl;
        }
    }
    for (size_t i = 0; i < nw; i++) {
        dp_phrase ph;
        if (dp_split(p, w[i], strlen(w[i]), &ph) || dp_add_phrase(p, &p->d->issue_phrases, &ph, issue))
            goto done;
    }
    rc = 0;
    goto done;
oom:
    dp_oom(p);
done:
    for (size_t i = 0; i < nw; i++)
        free(w[i]);
    free(w);
    for (size_t k = 0; k < 6; k++)
        dy_buf_free(&f[k]);
    return rc;
}

static int is_attr(const char *s, size_t n, const char *name, const char **v, size_t *vn)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= n; i++)
        if (!memcmp(s + i, name, k) && s[i + k] == '=' && s[i + k + 1] == '"') {
            const char *a = s + i + k + 2;
            const char *e = memchr(a, '"', (size_t)(s + n - a));
            if (!e)
                return 0;
            *v = a;
            *vn = (size_t)(e - a);
            return 1;
        }
    return 0;
}

dyad_status dy_petr_issues(dp *p)
{
    en_line l;
    int in_comment = 0, section = 0;
    const char *category = NULL;
    while (en_next(p, &l, &in_comment, &section)) {
        const char *lim = l.s + l.n;
        if (l.s[0] == '<') {
            if (l.n >= 8 && !memcmp(l.s, "</ISSUE>", 8)) {
                if (!category)
                    dp_error(p, l.s, "</ISSUE> without <ISSUE>");
                category = NULL;
            } else if (l.n >= 7 && !memcmp(l.s, "<ISSUE ", 7)) {
                const char *v;
                size_t vn;
                if (category)
                    dp_error(p, l.s, "<ISSUE> inside another <ISSUE>");
                else if (!is_attr(l.s, l.n, "CATEGORY", &v, &vn) || !vn)
                    dp_error(p, l.s, "<ISSUE> needs CATEGORY=\"...\"");
                else if (!(category = dp_code(p, v, vn)))
                    break;
            } else {
                dp_error(p, l.s, "unknown tag (expected <ISSUE CATEGORY=\"...\"> or </ISSUE>)");
            }
            continue;
        }
        dy_issue is = {0};
        const char *s = l.s, *pe;
        if (s[0] == '~') {
            is.ignore = 1;
            s += s[1] == '~' ? 2 : 1;
            is.code = dp_code(p, l.s, (size_t)(s - l.s));
            pe = lim;
            if (memchr(s, '[', (size_t)(lim - s))) {
                dp_error(p, memchr(s, '[', (size_t)(lim - s)), "ignore phrases take no code");
                continue;
            }
        } else {
            const char *lb = memchr(s, '[', l.n);
            if (lb) {
                const char *end;
                if (!(is.code = dp_bracket_code(p, lb, lim, &end)))
                    continue;
                while (end < lim && dp_blank(*end))
                    end++;
                if (end < lim) {
                    dp_error(p, end, "unexpected text after the issue code");
                    continue;
                }
                pe = lb;
            } else if (category) {
                is.code = category; /* dyad: a phrase without a code takes its section's category */
                pe = lim;
            } else {
                dp_error(p, lim, "issue phrase needs a [CODE] outside an <ISSUE> section");
                continue;
            }
        }
        if (!is.code)
            break;
        while (pe > s && dp_blank(pe[-1]))
            pe--;
        if (pe == s) {
            dp_error(p, s, "empty issue phrase");
            continue;
        }
        if (DP_PUSH(p, issues, nissues, cap_issues, is))
            break;
        is_forms(p, s, (size_t)(pe - s), p->d->nissues - 1);
    }
    if (category && !p->stop)
        dp_error(p, p->raw, "<ISSUE> section not closed at end of file");
    return en_status(p, section);
}

/* ------------------------------------------------------------ options */

/* TABARI .options: "NAME: value" lines; '#' and '//' comments. */
dyad_status dy_tabari_options(dp *p)
{
    while (dp_next_line(p)) {
        const char *s = p->raw;
        size_t n = p->rawn;
        while (n && dp_blank(*s)) {
            s++;
            n--;
        }
        while (n && dp_blank(s[n - 1]))
            n--;
        if (!n || s[0] == '#' || (n >= 2 && s[0] == '/' && s[1] == '/'))
            continue;
        if (s[0] == '~')
            break; /* ~FINISH / ~~~~~: end of the options */
        const char *c = memchr(s, ':', n);
        if (!c || c == s) {
            dp_error(p, s, "expected NAME: value");
            continue;
        }
        for (const char *q = s; q < c; q++)
            if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || *q == '_' || *q == ' ')) {
                dp_error(p, q, "option names are letters (SET, LABEL, COMPLEX, OUTPUT, ...)");
                c = NULL;
                break;
            }
        if (!c)
            continue;
        const char *v = c + 1;
        while (v < s + n && dp_blank(*v))
            v++;
        dy_option o = {0};
        o.name = dy_arena_strndup(&p->d->arena, s, (size_t)(c - s));
        o.value = dy_arena_strndup(&p->d->arena, v, (size_t)(s + n - v));
        o.line = p->line;
        o.file = p->file;
        if (!o.name || !o.value) {
            dp_oom(p);
            break;
        }
        if (DP_PUSH(p, options, noptions, cap_options, o))
            break;
    }
    return p->stop == 2 ? DYAD_E_NOMEM : p->nerr ? DYAD_E_SYNTAX : DYAD_OK;
}
