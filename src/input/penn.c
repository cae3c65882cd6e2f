/* penn.c — Penn Treebank bracketings to dy_sentence.
 *
 * An explicit stack replaces recursion, so depth costs heap, not C stack, and
 * is capped at DY_PENN_MAX_DEPTH. Pre-terminals become DY_L_TOKEN leaves; a
 * node is linked into its parent when it closes, which keeps children in
 * order and lets empty elements (-NONE-) be dropped without trace. */
#include <stdlib.h>

#include "input/parse.h"
#include "text/fold.h"
#include "text/text.h"

typedef struct pn_tok {
    uint32_t start, end; /* in the text buffer */
    char tag[8];
} pn_tok;

typedef struct pn_state {
    dy_treebuild tb;
    pn_tok *toks;
    size_t ntok, captok;
    int32_t *stack;
    size_t depth, capstack;
    dy_buf text;
    dy_buf fold; /* scratch for folding tokens */
} pn_state;

static const char *pn_unescape(const char *w, size_t n, size_t *outn)
{
    static const struct {
        const char *esc, *plain;
    } map[] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (n == 5 && memcmp(w, map[i].esc, 5) == 0) {
            *outn = 1;
            return map[i].plain;
        }
    *outn = n;
    return w;
}

static bool pn_is_verb_tag(const char *t) { return t[0] == 'V' && t[1] == 'B'; }
static bool pn_is_noun_tag(const char *t)
{
    return (t[0] == 'N' && t[1] == 'N') || !strcmp(t, "PRP") || !strcmp(t, "CD") || !strcmp(t, "NX") ||
           !strcmp(t, "WP");
}

/* Simple head rules: NP -> last noun, VP -> first verb, PP -> preposition,
 * S -> its VP's head, SBAR -> its clause's head. Children come after their
 * parent in the array, so one backwards pass sees every child first. */
static void pn_heads(dy_sentence *s)
{
    for (uint32_t k = s->nnode; k-- > 0;) {
        dy_node *nd = &s->nodes[k];
        if (nd->label == DY_L_TOKEN) {
            nd->head = nd->tok;
            continue;
        }
        int32_t head = -1, first = -1, last = -1, vp = -1;
        for (int32_t c = nd->first_child; c >= 0; c = s->nodes[c].next_sibling) {
            const dy_node *ch = &s->nodes[c];
            if (ch->head < 0)
                continue;
            if (first < 0)
                first = ch->head;
            last = ch->head;
            const char *tag = ch->label == DY_L_TOKEN ? s->toks[ch->tok].tag : "";
            switch (nd->label) {
            case DY_L_NP:
                if (ch->label == DY_L_TOKEN && pn_is_noun_tag(tag))
                    head = ch->head; /* rightmost noun */
                else if (ch->label == DY_L_NP && head < 0)
                    head = ch->head; /* first NP when no noun leaf follows */
                break;
            case DY_L_VP:
                if (head < 0 && ch->label == DY_L_TOKEN && (pn_is_verb_tag(tag) || !strcmp(tag, "MD")))
                    head = ch->head;
                if (vp < 0 && ch->label == DY_L_VP)
                    vp = ch->head; /* "(VP (TO to) (VP ...))": the inner verb */
                break;
            case DY_L_PP:
                if (head < 0 && ch->label == DY_L_TOKEN &&
                    (!strcmp(tag, "IN") || !strcmp(tag, "TO") || !strcmp(tag, "RP")))
                    head = ch->head;
                break;
            case DY_L_S:
            case DY_L_ROOT:
                if (head < 0 && (ch->label == DY_L_VP || ch->label == DY_L_S))
                    head = ch->head;
                break;
            case DY_L_SBAR:
                if (head < 0 && ch->label == DY_L_S)
                    head = ch->head;
                break;
            default:
                break;
            }
        }
        if (head < 0 && vp >= 0)
            head = vp;
        if (head < 0)
            head = nd->label == DY_L_NP ? last : first;
        nd->head = head;
    }
}

/* Lexer: the next item at *i: '(' , ')' or an atom [*a, *i). Returns 0 at end. */
static int pn_next(const char *s, size_t n, size_t *i, size_t *a)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' || s[*i] == '\r' || s[*i] == '\f' ||
                      s[*i] == '\v'))
        (*i)++;
    if (*i >= n)
        return 0;
    char c = s[*i];
    if (c == '(' || c == ')') {
        (*i)++;
        return c;
    }
    *a = *i;
    while (*i < n && s[*i] != '(' && s[*i] != ')' && s[*i] != ' ' && s[*i] != '\t' && s[*i] != '\n' &&
           s[*i] != '\r' && s[*i] != '\f' && s[*i] != '\v')
        (*i)++;
    return 'a';
}

static int pn_err(dyad_error *err, dyad_status code, const char *msg, const char *s, size_t pos)
{
    size_t line = 1;
    for (size_t k = 0; k < pos; k++)
        line += s[k] == '\n';
    return dy_fail(err, code, msg, NULL, line, 0, NULL, 0);
}

int dy_penn_parse(dy_arena *a, const char *src, size_t srcn, dy_sentence *out, dyad_error *err)
{
    pn_state st;
    memset(&st, 0, sizeof st);
    int rc = DYAD_E_NOMEM;
    size_t n = 0;
    const char *s = dy_utf8_clean(src, srcn) ? (n = srcn, src) : dy_utf8_repair(a, src, srcn, &n);
    memset(out, 0, sizeof *out);
    if (!s)
        goto done;
    int32_t root = dy_tb_node(&st.tb, DY_L_ROOT, "ROOT", 4);
    if (root < 0)
        goto done;
    size_t i = 0, at = 0, pos = 0;
    int tk, top_seen = 0;
    while ((tk = pn_next(s, n, &i, &at))) {
        pos = tk == 'a' ? at : i - 1;
        if (tk == 'a') {
            if (st.depth == 0) {
                rc = pn_err(err, DYAD_E_SYNTAX, "text outside the parse brackets", s, pos);
                goto done;
            }
            /* A word: the open node is a pre-terminal. */
            int32_t cur = st.stack[st.depth - 1];
            dy_node *nd = &st.tb.nodes[cur];
            if (cur == 0 || nd->first_child >= 0) {
                rc = pn_err(err, DYAD_E_SYNTAX, "word beside phrases in one bracket", s, pos);
                goto done;
            }
            if (nd->label == DY_L_TOKEN) {
                rc = pn_err(err, DYAD_E_SYNTAX, "two words in one leaf bracket", s, pos);
                goto done;
            }
            if (st.ntok >= DY_PARSE_MAX_TOKENS) {
                rc = pn_err(err, DYAD_E_LIMIT, "parse has too many words", s, pos);
                goto done;
            }
            if (!strcmp(nd->raw, "-NONE-")) {
                nd->label = DY_L_TOKEN; /* an empty element: dropped when it closes */
                nd->tok = -2;
                continue;
            }
            size_t wl;
            const char *w = pn_unescape(s + at, i - at, &wl);
            if (st.text.n && !dy_buf_putc(&st.text, ' '))
                goto done;
            pn_tok t;
            memset(&t, 0, sizeof t);
            t.start = (uint32_t)st.text.n;
            if (!dy_buf_put(&st.text, w, wl))
                goto done;
            t.end = (uint32_t)st.text.n;
            memcpy(t.tag, nd->raw, sizeof t.tag - 1);
            nd->label = DY_L_TOKEN;
            nd->tok = (int32_t)st.ntok;
            if (!DY_VEC_PUSH(st.toks, st.ntok, st.captok, t))
                goto done;
        } else if (tk == '(') {
            if (st.depth > 0 && st.tb.nodes[st.stack[st.depth - 1]].label == DY_L_TOKEN) {
                rc = pn_err(err, DYAD_E_SYNTAX, "bracket inside a leaf", s, pos);
                goto done;
            }
            if (st.depth == 0 && top_seen) {
                rc = pn_err(err, DYAD_E_SYNTAX, "more than one tree in the parse", s, pos);
                goto done;
            }
            if (st.depth >= DY_PENN_MAX_DEPTH) {
                rc = pn_err(err, DYAD_E_LIMIT, "parse nested too deeply", s, pos);
                goto done;
            }
            /* The label, if any. */
            size_t save = i, la = 0;
            int nx = pn_next(s, n, &i, &la);
            const char *lab = "";
            size_t ll = 0;
            if (nx == 'a') {
                lab = s + la;
                ll = i - la;
            } else {
                i = save;
            }
            int32_t id;
            if (st.depth == 0) {
                top_seen = 1;
                dy_label l = dy_label_from_penn(lab, ll);
                if (l == DY_L_ROOT) {
                    id = 0; /* "(ROOT ...)" or "( ...)": the root itself */
                } else {
                    if ((id = dy_tb_node(&st.tb, (uint8_t)l, lab, ll)) < 0)
                        goto done;
                }
            } else {
                if ((id = dy_tb_node(&st.tb, (uint8_t)dy_label_from_penn(lab, ll), lab, ll)) < 0)
                    goto done;
            }
            st.tb.nodes[id].t0 = (uint32_t)st.ntok;
            int32_t *sp = st.stack;
            size_t d = st.depth;
            if (!DY_VEC_PUSH(sp, d, st.capstack, id))
                goto done;
            st.stack = sp;
            st.depth = d;
        } else { /* ')' */
            if (st.depth == 0) {
                rc = pn_err(err, DYAD_E_SYNTAX, "unbalanced ')'", s, pos);
                goto done;
            }
            int32_t id = st.stack[--st.depth];
            dy_node *nd = &st.tb.nodes[id];
            nd->t1 = (uint32_t)st.ntok;
            if (nd->label == DY_L_TOKEN && nd->tok == -2) {
                st.tb.nnode--; /* drop the empty element; it was the last node made */
                continue;
            }
            if (nd->label != DY_L_TOKEN && nd->first_child < 0 && id != 0) {
                /* "(NN)" with no word: keep it as an empty phrase, harmless to the matcher. */
                nd->label = DY_L_OTHER;
            }
            if (id != 0) {
                int32_t parent = st.depth ? st.stack[st.depth - 1] : 0;
                dy_tb_link(&st.tb, parent, id);
            }
        }
    }
    if (st.depth) {
        rc = pn_err(err, DYAD_E_SYNTAX, "unbalanced '(': parse ends inside a bracket", s, n);
        goto done;
    }
    if (st.ntok == 0) {
        rc = pn_err(err, DYAD_E_SYNTAX, "parse has no words", s, n);
        goto done;
    }
    /* Copy into the arena. */
    st.tb.nodes[0].t0 = 0;
    st.tb.nodes[0].t1 = (uint32_t)st.ntok;
    if ((rc = dy_tb_emit(a, &st.text, &st.tb, st.ntok, DY_TREE_PENN, out)) != DYAD_OK)
        goto done;
    dy_tok *toks = out->toks;
    for (size_t k = 0; k < st.ntok; k++) {
        dy_tok *t = &toks[k];
        t->start = st.toks[k].start;
        t->end = st.toks[k].end;
        memcpy(t->tag, st.toks[k].tag, sizeof t->tag);
        t->pos = (uint8_t)dy_pos_from_penn(t->tag, strlen(t->tag));
    }
    if ((rc = dy_tb_fold(a, &st.fold, out)) != DYAD_OK)
        goto done;
    /* TO is a particle before a verb, a preposition elsewhere. */
    for (size_t k = 0; k < st.ntok; k++)
        if (!strcmp(toks[k].tag, "TO"))
            toks[k].pos = (k + 1 < st.ntok && toks[k + 1].pos == DY_POS_VERB) ? DY_POS_PART : DY_POS_ADP;
    pn_heads(out);
    rc = DYAD_OK;
done:
    dy_tb_end(rc, err, out);
    dy_tb_free(&st.tb);
    free(st.toks);
    free(st.stack);
    dy_buf_free(&st.text);
    dy_buf_free(&st.fold);
    return rc;
}
