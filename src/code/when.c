/* When: dates written in the sentence ("In 2004, ...", "a 2002 Moscow
 * theatre crisis", "on 3 September 2004") that date its events, instead of
 * the document's date (docs/events.md, "Event dates").
 *
 * News dates most events by the day it reports them, but a sentence that
 * recalls a past episode says when it happened. An anchor is a date
 * expression (a year, a month and year, or a day, month and year) in one of
 * the positions where English uses it to locate an event in time:
 *   - after IN, ON, DURING or AT ("in 2004", "in late September 2004"), or
 *     after OF following a period noun ("the summer of 2004");
 *   - as a noun's premodifier after a determiner or possessive ("a 2002
 *     Moscow theater hostage crisis", "Russia's 2014 annexation");
 *   - a full date opening the sentence (a dateline).
 * Other prepositions do not locate the event itself: "held since October
 * 2023" is still held today, "until 2004" and "by 2004" bound it.
 *
 * Its scope is the part of the sentence it dates: a sentence-opening
 * adverbial ("In 2004, during ..., X did Y") the whole sentence; a
 * prepositional anchor its clause (with the clauses under it); a
 * premodifier its noun phrase, and that noun phrase's clause when it is the
 * clause's subject ("a 2002 ... crisis ended after forces deployed ...").
 * Only an anchor whose period ends before the document's date applies: a
 * date in the document's own period, or after it, says nothing the
 * document date does not (a plan for next year is announced today). */
#include "code/code.h"

static int wh_is(const dy_tok *t, const char *w) { return t->up[0] == w[0] && !strcmp(t->up, w); }

/* 4 digits, 1000-2999 */
static int wh_year(const dy_tok *t, uint32_t *y)
{
    if (t->nup != 4)
        return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        if (t->up[i] < '0' || t->up[i] > '9')
            return 0;
        v = v * 10 + (uint32_t)(t->up[i] - '0');
    }
    if (v < 1000 || v > 2999)
        return 0;
    *y = v;
    return 1;
}

/* "7", "07", "7TH", "1ST" */
static int wh_day(const dy_tok *t, uint32_t *d)
{
    uint32_t v = 0, n = 0;
    while (n < t->nup && n < 2 && t->up[n] >= '0' && t->up[n] <= '9')
        v = v * 10 + (uint32_t)(t->up[n++] - '0');
    if (!n || v < 1 || v > 31)
        return 0;
    const char *rest = t->up + n;
    if (*rest && strcmp(rest, "ST") && strcmp(rest, "ND") && strcmp(rest, "RD") && strcmp(rest, "TH"))
        return 0;
    *d = v;
    return 1;
}

/* Month names and their abbreviations, with or without a full stop. */
static int wh_month(const dy_tok *t, uint32_t *m)
{
    static const char *const names[] = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
                                        "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
    static const char *const abbr[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    uint32_t n = t->nup;
    if (n && t->up[n - 1] == '.')
        n--;
    if (n < 3 || n > 9)
        return 0;
    for (uint32_t i = 0; i < 12; i++) {
        if ((strlen(names[i]) == n && !strncmp(t->up, names[i], n)) ||
            (n == 3 && !strncmp(t->up, abbr[i], 3)) || (i == 8 && n == 4 && !strncmp(t->up, "SEPT", 4))) {
            *m = i + 1;
            return 1;
        }
    }
    return 0;
}

static uint32_t wh_days_in(uint32_t y, uint32_t m)
{
    static const uint8_t dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* The date expression ending with the year at token i: sets *t0 to its first
 * token and fills date and precision. Forms: YEAR; MONTH [OF] YEAR; DAY MONTH
 * YEAR; MONTH DAY[,] YEAR. */
static int wh_expr(const dy_sentence *st, uint32_t i, uint32_t *t0, uint32_t *date, uint8_t *prec)
{
    uint32_t y, m, d;
    if (!wh_year(&st->toks[i], &y))
        return 0;
    *t0 = i;
    *date = y * 10000 + 101;
    *prec = CD_PREC_YEAR;
    if (i == 0)
        return 1;
    uint32_t j = i - 1;
    uint32_t k = wh_is(&st->toks[j], ",") && j > 0 ? j - 1 : j;
    if (k > 0 && wh_day(&st->toks[k], &d) && wh_month(&st->toks[k - 1], &m)) {
        *t0 = k - 1; /* October 7, 2023 */
    } else if (wh_month(&st->toks[j], &m)) {
        *t0 = j;     /* September 2004, 3 September 2004 */
        d = 0;
        if (j > 0 && wh_day(&st->toks[j - 1], &d))
            *t0 = j - 1;
    } else if (j > 0 && wh_is(&st->toks[j], "OF") && wh_month(&st->toks[j - 1], &m)) {
        *t0 = j - 1; /* September of 2004 */
        d = 0;
    } else {
        return 1;
    }
    if (d > wh_days_in(y, m))
        d = 0; /* "February 30": the month is still right */
    *date = y * 10000 + m * 100 + (d ? d : 1);
    *prec = d ? CD_PREC_DAY : CD_PREC_MONTH;
    return 1;
}

int cd_date_span(const dy_sentence *st, uint32_t t0, uint32_t t1)
{
    uint32_t b, date;
    uint8_t prec;
    return t1 > t0 && t1 <= st->ntok && wh_expr(st, t1 - 1, &b, &date, &prec) && b == t0;
}

/* Does the context before the expression at b make it an anchor? Returns
 * the anchor's kind (CD_ANCHOR_*) or 0. */
static int wh_context(const dy_sentence *st, uint32_t b, uint32_t e, uint32_t year, uint8_t prec)
{
    if (b == 0)
        return prec >= CD_PREC_MONTH ? CD_ANCHOR_PREP : 0; /* a dateline */
    uint32_t p = b - 1;
    const dy_tok *t = &st->toks[p];
    /* "in early 2004", "in late September 2004" */
    if ((wh_is(t, "EARLY") || wh_is(t, "LATE") || wh_is(t, "MID") || wh_is(t, "MID-")) && p > 0)
        t = &st->toks[--p];
    if (wh_is(t, "IN") || wh_is(t, "ON") || wh_is(t, "DURING") || wh_is(t, "AT"))
        return CD_ANCHOR_PREP;
    if (wh_is(t, "OF") && p > 0) {
        static const char *const period[] = {"SUMMER", "WINTER", "SPRING", "AUTUMN", "FALL",
                                             "END",    "START",  "BEGINNING", "MIDDLE"};
        for (size_t k = 0; k < sizeof period / sizeof period[0]; k++)
            if (wh_is(&st->toks[p - 1], period[k]))
                return CD_ANCHOR_PREP;
        return 0;
    }
    /* "a 2002 crisis", "Russia's 2014 annexation": a bare year before a word;
     * a count ("the 1500 hostages") is rarely a year of the last two centuries */
    static const char *const det[] = {"A", "AN", "THE", "ITS", "THEIR", "HIS", "HER", "OUR", "'S", "THIS", "THAT"};
    if (prec != CD_PREC_YEAR || year < 1900 || year > 2099 || e >= st->ntok)
        return 0;
    const char *next = st->toks[e].up;
    if (!((next[0] >= 'A' && next[0] <= 'Z') || (unsigned char)next[0] >= 0x80))
        return 0;
    for (size_t k = 0; k < sizeof det / sizeof det[0]; k++)
        if (wh_is(t, det[k]))
            return CD_ANCHOR_PREMOD;
    return 0;
}

/* "In 2004, ...", "During the 2004 siege, ...": a date in the adverbial
 * that opens the sentence, set off by a comma, dates all of it. */
static int wh_fronted(const dy_sentence *st, uint32_t b, uint32_t e)
{
    static const char *const open[] = {"IN", "ON", "DURING", "AT", "BACK", "EARLY", "LATE"};
    int opens = 0;
    for (size_t k = 0; k < sizeof open / sizeof open[0]; k++)
        opens |= wh_is(&st->toks[0], open[k]);
    if (!opens || b > 5)
        return 0;
    for (uint32_t t = 0; t < b; t++)
        if (wh_is(&st->toks[t], ","))
            return 0;
    for (uint32_t t = e; t < st->ntok && t < e + 6; t++)
        if (wh_is(&st->toks[t], ","))
            return 1;
    return 0;
}

int cd_find_anchors(cd_scratch *s, const dy_sentence *st, uint32_t docdate)
{
    s->nan = 0;
    for (uint32_t i = 0; i < st->ntok; i++) {
        const dy_tok *t = &st->toks[i];
        /* most tokens are not four digits: one test turns them away */
        if (t->nup != 4 || t->up[0] < '1' || t->up[0] > '2')
            continue;
        cd_anchor a = {0};
        if (!wh_expr(st, i, &a.t0, &a.date, &a.prec))
            continue;
        a.t1 = i + 1;
        a.kind = (uint8_t)wh_context(st, a.t0, a.t1, a.date / 10000, a.prec);
        if (!a.kind)
            continue;
        uint32_t y = a.date / 10000, m = a.date / 100 % 100;
        uint32_t end = a.prec == CD_PREC_DAY     ? a.date
                       : a.prec == CD_PREC_MONTH ? y * 10000 + m * 100 + wh_days_in(y, m)
                                                 : y * 10000 + 1231;
        if (docdate && end >= docdate)
            continue; /* the document's own period or later: its date says as much */
        a.fronted = (uint8_t)wh_fronted(st, a.t0, a.t1);
        a.s0 = 0;
        a.s1 = st->ntok;
        if (!DY_VEC_PUSH(s->an, s->nan, s->capan, a))
            return -1;
    }
    return 0;
}

static int wh_clause(const dy_node *n)
{
    return n->label == DY_L_S || n->label == DY_L_SBAR || n->label == DY_L_ROOT;
}

void cd_anchor_scopes(cd_scratch *s, const dy_sentence *st, int tree)
{
    for (uint32_t k = 0; k < s->nan; k++) {
        cd_anchor *a = &s->an[k];
        a->s0 = 0;
        a->s1 = st->ntok;
        if (a->fronted)
            continue;
        int32_t n = tree && a->t0 < st->ntok ? s->leaf[a->t0] : -1;
        if (n < 0) {
            /* no tree: a prepositional anchor dates the sentence; a
             * premodifier, without its noun phrase's role, nothing */
            if (a->kind == CD_ANCHOR_PREMOD)
                a->s1 = 0;
            continue;
        }
        int32_t up = st->nodes[n].parent;
        if (a->kind == CD_ANCHOR_PREMOD) {
            /* the largest noun phrase around it; its clause when it is the subject */
            int32_t np = -1;
            for (int g = 0; up >= 0 && st->nodes[up].label == DY_L_NP && g < 64; g++) {
                np = up;
                up = st->nodes[up].parent;
            }
            if (np < 0) {
                a->s1 = 0;
                continue;
            }
            int subject = 0;
            if (up >= 0 && st->nodes[up].label == DY_L_S)
                for (int32_t sib = st->nodes[np].next_sibling; sib >= 0 && !subject; sib = st->nodes[sib].next_sibling)
                    subject = st->nodes[sib].label == DY_L_VP;
            const dy_node *x = &st->nodes[subject ? up : np];
            a->s0 = x->t0;
            a->s1 = x->t1;
            continue;
        }
        for (int g = 0; up >= 0 && !wh_clause(&st->nodes[up]) && g < 64; g++)
            up = st->nodes[up].parent;
        if (up >= 0) {
            a->s0 = st->nodes[up].t0;
            a->s1 = st->nodes[up].t1;
        }
    }
}

const cd_anchor *cd_anchor_for(const cd_scratch *s, uint32_t tok)
{
    const cd_anchor *best = NULL;
    for (uint32_t k = 0; k < s->nan; k++) {
        const cd_anchor *a = &s->an[k];
        if (tok >= a->s0 && tok < a->s1 && (!best || a->s1 - a->s0 < best->s1 - best->s0))
            best = a;
    }
    return best;
}
