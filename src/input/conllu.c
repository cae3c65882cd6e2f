/* conllu.c — CoNLL-U dependency parses to dy_sentence, with the dependency
 * tree converted into the phrases the matcher reads (docs/inputs.md, "From
 * dependencies to phrases"): a clause head becomes S -> [subject NP] VP, a
 * nominal head NP, a case-marked nominal PP -> [preposition] NP, a marked
 * clausal complement SBAR -> [mark] S. Recursion follows the dependency
 * depth, which is checked first against DY_CONLLU_MAX_DEPTH. */
#include <stdlib.h>

#include "input/parse.h"
#include "text/fold.h"
#include "text/text.h"

typedef struct cv_word {
    uint32_t start, end;      /* form in the text buffer */
    int32_t head;             /* 0-based head, -1 for the root */
    uint8_t pos, rel;
    char tag[8];
    char rawrel[12];
    uint32_t line;
} cv_word;

typedef struct cv_ctx {
    cv_word *w;
    size_t nw, capw;
    uint32_t *kids, *off;     /* dependents of word i: kids[off[i]..off[i+1]) in order */
    uint8_t *hoist;           /* CV_H_*: dependents placed beside their head's phrase, Penn style */
    dy_treebuild tb;
    dy_buf text;
    dy_buf fold; /* scratch for folding tokens */
} cv_ctx;

static bool cv_nominal(uint8_t pos)
{
    return pos == DY_POS_NOUN || pos == DY_POS_PROPN || pos == DY_POS_PRON || pos == DY_POS_NUM ||
           pos == DY_POS_X;
}

static int32_t cv_node(cv_ctx *c, uint8_t label, const char *raw, int32_t parent)
{
    int32_t id = dy_tb_node(&c->tb, label, raw, strlen(raw));
    if (id < 0)
        return -1;
    c->tb.nodes[id].t0 = UINT32_MAX; /* spans are computed once the tree is built */
    if (parent >= 0)
        dy_tb_link(&c->tb, parent, id);
    return id;
}

static int32_t cv_leaf(cv_ctx *c, uint32_t w, int32_t parent)
{
    int32_t id = cv_node(c, DY_L_TOKEN, c->w[w].rawrel, parent);
    if (id >= 0) {
        c->tb.nodes[id].tok = (int32_t)w;
        c->tb.nodes[id].head = (int32_t)w;
    }
    return id;
}

static const char *cv_label_name(uint8_t l)
{
    static const char *const names[] = {"ROOT", "S", "SBAR", "NP", "VP", "PP", "ADJP", "ADVP", "PRN", "X", "TOKEN"};
    return l < sizeof names / sizeof names[0] ? names[l] : "X";
}

static int32_t cv_phrase_node(cv_ctx *c, uint8_t label, int32_t parent, uint32_t head)
{
    int32_t id = cv_node(c, label, cv_label_name(label), parent);
    if (id >= 0)
        c->tb.nodes[id].head = (int32_t)head;
    return id;
}

static bool cv_has_rel(const cv_ctx *c, uint32_t w, uint8_t rel)
{
    for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++)
        if (c->w[c->kids[k]].rel == rel)
            return true;
    return false;
}

static bool cv_is_clause(const cv_ctx *c, uint32_t w)
{
    uint8_t pos = c->w[w].pos;
    if (pos == DY_POS_VERB)
        return true;
    return cv_has_rel(c, w, DY_DEP_NSUBJ) || cv_has_rel(c, w, DY_DEP_NSUBJ_PASS) ||
           cv_has_rel(c, w, DY_DEP_CSUBJ) || cv_has_rel(c, w, DY_DEP_COP) ||
           (pos == DY_POS_AUX && c->w[w].rel == DY_DEP_ROOT);
}

static bool cv_is_subj(uint8_t rel)
{
    return rel == DY_DEP_NSUBJ || rel == DY_DEP_NSUBJ_PASS || rel == DY_DEP_CSUBJ || rel == DY_DEP_EXPL;
}

/* Relations that stay inside a non-verbal predicate's own phrase. */
static bool cv_inner_rel(uint8_t rel)
{
    return rel == DY_DEP_DET || rel == DY_DEP_AMOD || rel == DY_DEP_NMOD || rel == DY_DEP_NMOD_POSS ||
           rel == DY_DEP_COMPOUND || rel == DY_DEP_NUMMOD || rel == DY_DEP_CASE || rel == DY_DEP_FLAT ||
           rel == DY_DEP_FIXED || rel == DY_DEP_APPOS || rel == DY_DEP_ACL || rel == DY_DEP_ACL_RELCL;
}

static int cv_phrase(cv_ctx *c, uint32_t w, int32_t parent, unsigned depth);

/* Hoisting marks: a conjunct's coordinator and commas go before it, beside
 * it (NP -> NP and NP); a preposition phrase's leading comma goes before the
 * PP; an object's infinitival clause ("urged Eriador to respond", which
 * parsers often attach to the object) goes after the object, inside the VP,
 * as Penn brackets it. */
enum { CV_H_BEFORE = 1, CV_H_AFTER = 2 };

/* A dependent's phrase, with its hoisted dependents beside it. */
static int cv_dep(cv_ctx *c, uint32_t d, int32_t parent, unsigned depth)
{
    if (c->hoist[d])
        return 0;
    for (uint32_t k = c->off[d]; k < c->off[d + 1]; k++)
        if (c->hoist[c->kids[k]] == CV_H_BEFORE && cv_leaf(c, c->kids[k], parent) < 0)
            return -1;
    if (cv_phrase(c, d, parent, depth) != 0)
        return -1;
    for (uint32_t k = c->off[d]; k < c->off[d + 1]; k++)
        if (c->hoist[c->kids[k]] == CV_H_AFTER) {
            uint32_t h = c->kids[k];
            c->hoist[h] = 0; /* build it now, as an ordinary dependent */
            int rc = cv_dep(c, h, parent, depth + 1);
            c->hoist[h] = CV_H_AFTER;
            if (rc != 0)
                return -1;
        }
    return 0;
}

/* Filters selecting which of w's dependents a phrase takes. */
enum { CV_ALL, CV_INNER, CV_OUTER };

static bool cv_take(const cv_ctx *c, uint32_t d, int filter)
{
    if (filter == CV_ALL)
        return true;
    bool inner = cv_inner_rel(c->w[d].rel);
    return filter == CV_INNER ? inner : !inner;
}

/* Append w's dependents in [lo, hi) positions passing `filter`, and w itself
 * when it falls in the range and with_w is set, in word order. */
static int cv_items(cv_ctx *c, uint32_t w, int32_t parent, uint32_t lo, uint32_t hi, int filter, bool with_w,
                    const bool *skip, unsigned depth)
{
    bool done_w = !with_w || w < lo || w >= hi;
    for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
        uint32_t d = c->kids[k];
        if (!done_w && d > w) {
            if (cv_leaf(c, w, parent) < 0)
                return -1;
            done_w = true;
        }
        if (d < lo || d >= hi || (skip && skip[k - c->off[w]]) || !cv_take(c, d, filter))
            continue;
        if (cv_dep(c, d, parent, depth + 1) != 0)
            return -1;
    }
    if (!done_w && cv_leaf(c, w, parent) < 0)
        return -1;
    return 0;
}

/* A nominal (or other non-clausal) head with the dependents `filter` picks:
 * PP -> [case] NP when case-marked, NP(NP conj...) for coordination. */
static int cv_nominal_phrase(cv_ctx *c, uint32_t w, int32_t parent, int filter, unsigned depth)
{
    const cv_word *x = &c->w[w];
    uint8_t label = cv_nominal(x->pos) ? DY_L_NP
                    : x->pos == DY_POS_ADJ ? DY_L_ADJP
                    : x->pos == DY_POS_ADV ? DY_L_ADVP
                    : x->pos == DY_POS_ADP ? DY_L_PP
                                           : DY_L_OTHER;
    uint32_t first_case = UINT32_MAX, last_case = 0;
    if (label == DY_L_NP && x->rel != DY_DEP_NMOD_POSS)
        for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
            uint32_t d = c->kids[k];
            if (c->w[d].rel == DY_DEP_CASE && d < w && cv_take(c, d, filter)) {
                if (first_case == UINT32_MAX)
                    first_case = d;
                last_case = d;
            }
        }
    int32_t outer = parent;
    uint32_t lo = 0;
    if (first_case != UINT32_MAX) {
        /* PP: what precedes the preposition, the preposition(s), then the NP. */
        outer = cv_phrase_node(c, DY_L_PP, parent, first_case);
        if (outer < 0 || cv_items(c, w, outer, 0, last_case + 1, filter, false, NULL, depth) != 0)
            return -1;
        lo = last_case + 1;
    }
    int32_t np = cv_phrase_node(c, label, outer, w);
    if (np < 0)
        return -1;
    uint32_t first_conj = UINT32_MAX;
    for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
        uint32_t d = c->kids[k];
        if ((c->w[d].rel == DY_DEP_CONJ || c->w[d].rel == DY_DEP_CC) && d > w && cv_take(c, d, filter)) {
            first_conj = d;
            break;
        }
    }
    if (label == DY_L_NP && first_conj != UINT32_MAX) {
        /* NP -> NP(w and its modifiers) CC NP ... */
        int32_t core = cv_phrase_node(c, DY_L_NP, np, w);
        if (core < 0 || cv_items(c, w, core, lo, first_conj, filter, true, NULL, depth) != 0)
            return -1;
        return cv_items(c, w, np, first_conj, UINT32_MAX, filter, false, NULL, depth);
    }
    return cv_items(c, w, np, lo, UINT32_MAX, filter, true, NULL, depth);
}

/* A clause: [SBAR -> mark] S -> [pre-subject material] [subject] VP [final punct]. */
static int cv_clause(cv_ctx *c, uint32_t w, int32_t parent, unsigned depth)
{
    const cv_word *x = &c->w[w];
    uint32_t nk = c->off[w + 1] - c->off[w];
    uint32_t subj = UINT32_MAX, marks_end = 0, tail = UINT32_MAX;
    bool any_mark = false;
    for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
        uint32_t d = c->kids[k];
        if (subj == UINT32_MAX && cv_is_subj(c->w[d].rel))
            subj = d;
        if (c->w[d].rel == DY_DEP_MARK && d < w && c->w[d].pos != DY_POS_PART) {
            any_mark = true;
            marks_end = d + 1;
        }
    }
    /* Trailing punctuation after the last other dependent and after w. */
    for (uint32_t k = c->off[w + 1]; k-- > c->off[w];) {
        uint32_t d = c->kids[k];
        if (c->w[d].rel != DY_DEP_PUNCT || d < w)
            break;
        tail = d;
    }
    bool *skip = calloc(nk ? nk : 1, sizeof *skip);
    if (!skip)
        return -1;
    int rc = -1;
    int32_t s_parent = parent;
    if (any_mark && x->rel != DY_DEP_ROOT) {
        s_parent = cv_phrase_node(c, DY_L_SBAR, parent, w);
        if (s_parent < 0)
            goto done;
        for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
            uint32_t d = c->kids[k];
            if (d < marks_end && (subj == UINT32_MAX || d < subj) && c->w[d].rel == DY_DEP_MARK) {
                if (cv_dep(c, d, s_parent, depth + 1) != 0)
                    goto done;
                skip[k - c->off[w]] = true;
            }
        }
    }
    bool vp_only = x->rel == DY_DEP_CONJ && subj == UINT32_MAX && s_parent == parent;
    int32_t sn = s_parent;
    if (!vp_only && (sn = cv_phrase_node(c, DY_L_S, s_parent, w)) < 0)
        goto done;
    if (subj != UINT32_MAX) {
        /* Material before the subject, then the subject, sit in S. */
        for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
            uint32_t d = c->kids[k];
            if (d > subj || skip[k - c->off[w]])
                continue;
            if (cv_dep(c, d, sn, depth + 1) != 0)
                goto done;
            skip[k - c->off[w]] = true;
        }
    }
    if (subj != UINT32_MAX && !vp_only)
        for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
            uint32_t d = c->kids[k];
            /* A comma between the subject and the verb belongs to S, not VP. */
            if (d > subj && d < w && !skip[k - c->off[w]] && c->w[d].rel == DY_DEP_PUNCT) {
                if (cv_dep(c, d, sn, depth + 1) != 0)
                    goto done;
                skip[k - c->off[w]] = true;
            }
        }
    for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++)
        if (c->kids[k] >= tail && !vp_only)
            skip[k - c->off[w]] = true;
    int32_t vp = cv_phrase_node(c, DY_L_VP, sn, w);
    if (vp < 0)
        goto done;
    if (x->pos == DY_POS_VERB || x->pos == DY_POS_AUX || !cv_has_rel(c, w, DY_DEP_COP)) {
        if (cv_items(c, w, vp, 0, UINT32_MAX, CV_ALL, true, skip, depth) != 0)
            goto done;
    } else {
        /* Non-verbal predicate: the copula heads the VP; the predicate keeps
         * its own modifiers in its phrase; other dependents join the VP. */
        bool placed = false;
        for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++) {
            uint32_t d = c->kids[k];
            if (skip[k - c->off[w]])
                continue;
            if (c->w[d].rel == DY_DEP_COP)
                c->tb.nodes[vp].head = (int32_t)d;
            if (cv_inner_rel(c->w[d].rel))
                continue;
            if (!placed && d > w) {
                if (cv_nominal_phrase(c, w, vp, CV_INNER, depth) != 0)
                    goto done;
                placed = true;
            }
            if (cv_dep(c, d, vp, depth + 1) != 0)
                goto done;
        }
        if (!placed && cv_nominal_phrase(c, w, vp, CV_INNER, depth) != 0)
            goto done;
    }
    if (!vp_only)
        c->tb.nodes[sn].head = c->tb.nodes[vp].head; /* (a VP-only conjunct's sn is the parent's VP) */
    if (s_parent != parent)
        c->tb.nodes[s_parent].head = c->tb.nodes[vp].head;
    if (!vp_only && tail != UINT32_MAX)
        for (uint32_t k = c->off[w]; k < c->off[w + 1]; k++)
            if (c->kids[k] >= tail && cv_dep(c, c->kids[k], sn, depth + 1) != 0)
                goto done;
    rc = 0;
done:
    free(skip);
    return rc;
}

static int cv_phrase(cv_ctx *c, uint32_t w, int32_t parent, unsigned depth)
{
    if (depth > 4 * DY_CONLLU_MAX_DEPTH)
        return -1; /* unreachable: depth was checked before building */
    const cv_word *x = &c->w[w];
    bool leafy = c->off[w] == c->off[w + 1];
    uint8_t rel = x->rel;
    if (cv_is_clause(c, w) &&
        (!leafy || rel == DY_DEP_ROOT || rel == DY_DEP_CCOMP || rel == DY_DEP_XCOMP || rel == DY_DEP_ADVCL ||
         rel == DY_DEP_CONJ || rel == DY_DEP_PARATAXIS || rel == DY_DEP_CSUBJ))
        return cv_clause(c, w, parent, depth);
    if (leafy) {
        bool arg = rel == DY_DEP_NSUBJ || rel == DY_DEP_NSUBJ_PASS || rel == DY_DEP_OBJ || rel == DY_DEP_IOBJ ||
                   rel == DY_DEP_OBL || rel == DY_DEP_OBL_AGENT || rel == DY_DEP_NMOD || rel == DY_DEP_APPOS ||
                   rel == DY_DEP_CONJ || rel == DY_DEP_ROOT || rel == DY_DEP_EXPL;
        if (cv_nominal(x->pos) && arg && x->pos != DY_POS_X) {
            int32_t np = cv_phrase_node(c, DY_L_NP, parent, w);
            return np < 0 || cv_leaf(c, w, np) < 0 ? -1 : 0;
        }
        return cv_leaf(c, w, parent) < 0 ? -1 : 0;
    }
    return cv_nominal_phrase(c, w, parent, CV_ALL, depth);
}

static int cv_fail(dyad_error *err, dyad_status code, const char *msg, uint32_t line)
{
    return dy_fail(err, code, msg, NULL, line, 0, NULL, 0);
}

static bool cv_uint(const char *s, size_t n, uint32_t *out)
{
    if (n == 0 || n > 9)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

/* Split a line into up to 10 tab-separated fields. */
static size_t cv_fields(const char *s, size_t n, dy_str *f)
{
    size_t k = 0, a = 0;
    for (size_t i = 0; i <= n && k < 10; i++)
        if (i == n || s[i] == '\t') {
            f[k++] = (dy_str){s + a, i - a};
            a = i + 1;
        }
    return k;
}

int dy_conllu_parse(dy_arena *a, const char *src, size_t srcn, dy_sentence *out, dyad_error *err)
{
    cv_ctx c;
    memset(&c, 0, sizeof c);
    memset(out, 0, sizeof *out);
    int rc = DYAD_E_NOMEM;
    uint8_t *state = NULL;
    uint32_t *depthv = NULL, *path = NULL;
    size_t n = 0;
    const char *s = dy_utf8_clean(src, srcn) ? (n = srcn, src) : dy_utf8_repair(a, src, srcn, &n);
    if (!s)
        goto done;
    uint32_t line = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n, le = e;
        line++;
        if (le > i && s[le - 1] == '\r')
            le--;
        const char *l = s + i;
        size_t ll = le - i;
        i = e + 1;
        size_t lead = 0;
        while (lead < ll && (l[lead] == ' ' || l[lead] == '\t'))
            lead++;
        if (lead == ll || l[lead] == '#')
            continue;
        l += lead;
        ll -= lead;
        dy_str f[10];
        size_t nf = cv_fields(l, ll, f);
        if (nf < 8) {
            rc = cv_fail(err, DYAD_E_SYNTAX, "CoNLL-U word line needs 10 tab-separated fields", line);
            goto done;
        }
        if (memchr(f[0].p, '-', f[0].n) || memchr(f[0].p, '.', f[0].n))
            continue; /* multiword token range or empty node: the words carry the tree */
        uint32_t id, head;
        if (!cv_uint(f[0].p, f[0].n, &id) || id != c.nw + 1) {
            rc = cv_fail(err, DYAD_E_SYNTAX, "CoNLL-U word ids must run 1, 2, 3, ...", line);
            goto done;
        }
        if (c.nw >= DY_PARSE_MAX_TOKENS) {
            rc = cv_fail(err, DYAD_E_LIMIT, "CoNLL-U sentence has too many words", line);
            goto done;
        }
        if (!cv_uint(f[6].p, f[6].n, &head)) {
            rc = cv_fail(err, DYAD_E_SYNTAX, "CoNLL-U HEAD is not a number", line);
            goto done;
        }
        cv_word w;
        memset(&w, 0, sizeof w);
        w.line = line;
        w.head = (int32_t)head - 1;
        if (c.text.n && !dy_buf_putc(&c.text, ' '))
            goto done;
        w.start = (uint32_t)c.text.n;
        dy_str form = f[1];
        if (form.n == 0 || (form.n == 1 && form.p[0] == '_' && f[2].n && !(f[2].n == 1 && f[2].p[0] == '_')))
            form = f[2]; /* no form: fall back on the lemma */
        if (!dy_buf_put(&c.text, form.p, form.n))
            goto done;
        w.end = (uint32_t)c.text.n;
        w.pos = (uint8_t)dy_pos_from_upos(f[3].p, f[3].n);
        if (!(f[4].n == 1 && f[4].p[0] == '_'))
            memcpy(w.tag, f[4].p, f[4].n < sizeof w.tag - 1 ? f[4].n : sizeof w.tag - 1);
        w.rel = (uint8_t)dy_deprel_from_ud(f[7].p, f[7].n);
        memcpy(w.rawrel, f[7].p, f[7].n < sizeof w.rawrel - 1 ? f[7].n : sizeof w.rawrel - 1);
        if (!DY_VEC_PUSH(c.w, c.nw, c.capw, w))
            goto done;
    }
    if (c.nw == 0) {
        rc = cv_fail(err, DYAD_E_SYNTAX, "CoNLL-U sentence has no words", line);
        goto done;
    }
    for (size_t i = 0; i < c.nw; i++)
        if (c.w[i].head >= (int32_t)c.nw || c.w[i].head == (int32_t)i) {
            rc = cv_fail(err, DYAD_E_SYNTAX, "CoNLL-U HEAD points outside the sentence or at itself", c.w[i].line);
            goto done;
        }
    /* Depths, iteratively, catching cycles: state 0 new, 1 on the current path, 2 done. */
    state = calloc(c.nw, 1);
    depthv = calloc(c.nw, sizeof *depthv);
    path = malloc(c.nw * sizeof *path);
    if (!state || !depthv || !path)
        goto done;
    for (size_t i = 0; i < c.nw; i++) {
        size_t np = 0;
        int32_t k = (int32_t)i;
        while (k >= 0 && state[k] == 0) {
            state[k] = 1;
            path[np++] = (uint32_t)k;
            k = c.w[k].head;
        }
        if (k >= 0 && state[k] == 1) {
            rc = cv_fail(err, DYAD_E_SYNTAX, "CoNLL-U heads form a cycle", c.w[k].line);
            goto done;
        }
        uint32_t d = k >= 0 ? depthv[k] : 0;
        while (np) {
            uint32_t j = path[--np];
            depthv[j] = ++d;
            state[j] = 2;
            if (d > DY_CONLLU_MAX_DEPTH) {
                rc = cv_fail(err, DYAD_E_LIMIT, "CoNLL-U dependency tree nested too deeply", c.w[j].line);
                goto done;
            }
        }
    }
    /* Dependents of each word, in word order (counting sort). */
    c.off = calloc(c.nw + 2, sizeof *c.off);
    c.kids = malloc(c.nw * sizeof *c.kids);
    if (!c.off || !c.kids)
        goto done;
    for (size_t i = 0; i < c.nw; i++)
        if (c.w[i].head >= 0)
            c.off[c.w[i].head + 2]++;
    for (size_t i = 2; i < c.nw + 2; i++)
        c.off[i] += c.off[i - 1];
    for (size_t i = 0; i < c.nw; i++)
        if (c.w[i].head >= 0)
            c.kids[c.off[c.w[i].head + 1]++] = (uint32_t)i;
    if (!(c.hoist = calloc(c.nw, 1)))
        goto done;
    for (size_t i = 0; i < c.nw; i++) {
        uint8_t rel = c.w[i].rel;
        bool cased = false;
        for (uint32_t k = c.off[i]; k < c.off[i + 1]; k++)
            cased |= c.w[c.kids[k]].rel == DY_DEP_CASE && c.kids[k] < i;
        for (uint32_t k = c.off[i]; k < c.off[i + 1]; k++) {
            uint32_t d = c.kids[k];
            uint8_t dr = c.w[d].rel;
            if (d < i && (dr == DY_DEP_CC || dr == DY_DEP_PUNCT) && (rel == DY_DEP_CONJ || (cased && dr == DY_DEP_PUNCT)) &&
                (k == c.off[i] || c.w[c.kids[k - 1]].rel == DY_DEP_CC || c.w[c.kids[k - 1]].rel == DY_DEP_PUNCT))
                c.hoist[d] = CV_H_BEFORE; /* only a leading run: ", in remarks", ", and Gondor" */
            if (d > i && (rel == DY_DEP_OBJ || rel == DY_DEP_IOBJ) && dr == DY_DEP_ACL && c.w[d].pos == DY_POS_VERB)
                for (uint32_t m = c.off[d]; m < c.off[d + 1]; m++)
                    if (c.w[c.kids[m]].rel == DY_DEP_MARK && c.w[c.kids[m]].pos == DY_POS_PART)
                        c.hoist[d] = CV_H_AFTER;
        }
    }
    int32_t root = cv_node(&c, DY_L_ROOT, "ROOT", -1);
    if (root < 0)
        goto done;
    for (size_t i = 0; i < c.nw; i++)
        if (c.w[i].head < 0) {
            if (cv_dep(&c, (uint32_t)i, root, 0) != 0)
                goto done;
            if (c.tb.nodes[root].head < 0)
                c.tb.nodes[root].head = (int32_t)i;
        }
    /* Spans: children follow their parents, so one backward pass suffices. */
    for (size_t k = c.tb.nnode; k-- > 0;) {
        dy_node *nd = &c.tb.nodes[k];
        if (nd->label == DY_L_TOKEN) {
            nd->t0 = (uint32_t)nd->tok;
            nd->t1 = (uint32_t)nd->tok + 1;
        }
        if (nd->t0 == UINT32_MAX)
            nd->t0 = nd->t1 = 0;
        if (nd->parent >= 0) {
            dy_node *p = &c.tb.nodes[nd->parent];
            if (nd->t0 < p->t0)
                p->t0 = nd->t0;
            if (nd->t1 > p->t1)
                p->t1 = nd->t1;
        }
    }
    if ((rc = dy_tb_emit(a, &c.text, &c.tb, c.nw, DY_TREE_CONLLU, out)) != DYAD_OK)
        goto done;
    for (size_t k = 0; k < c.nw; k++) {
        dy_tok *t = &out->toks[k];
        t->start = c.w[k].start;
        t->end = c.w[k].end;
        memcpy(t->tag, c.w[k].tag, sizeof t->tag);
        t->pos = c.w[k].pos;
        t->dep_head = c.w[k].head;
        t->deprel = c.w[k].rel;
    }
    if ((rc = dy_tb_fold(a, &c.fold, out)) != DYAD_OK)
        goto done;
    rc = DYAD_OK;
done:
    dy_tb_end(rc, err, out);
    free(state);
    free(depthv);
    free(path);
    free(c.w);
    free(c.kids);
    free(c.off);
    free(c.hoist);
    dy_tb_free(&c.tb);
    dy_buf_free(&c.text);
    dy_buf_free(&c.fold);
    return rc;
}
