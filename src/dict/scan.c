/* The pieces every dictionary parser shares: lines, comments, errors, words,
 * codes, dates and English endings. */
#include <stdio.h>
#include <stdlib.h>

#include "dict/dictint.h"
#include "text/fold.h"

/* ------------------------------------------------------------ lines */

/* Lines end in LF, CRLF or a lone CR (old Mac files). */
int dp_next_line(dp *p)
{
    if (p->pos >= p->len || p->stop)
        return 0;
    const char *s = p->buf + p->pos;
    size_t n = p->len - p->pos;
    const char *nl = p->no_lf ? NULL : memchr(s, '\n', n);
    if (!nl)
        p->no_lf = 1; /* old Mac files: do not look for LF again */
    size_t i = nl ? (size_t)(nl - s) : n;
    const char *cr = memchr(s, '\r', i); /* CRLF, or a lone CR, ends the line first */
    if (cr)
        i = (size_t)(cr - s);
    p->raw = s;
    p->rawn = i;
    if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
        i++;
    p->pos += i < n ? i + 1 : i;
    p->line++;
    return 1;
}

size_t dp_content(const dp *p, const char *s, size_t n)
{
    char c = p->tabari ? ';' : '#';
    /* most lines have no comment character, or one with no '[' before it:
     * only the rest need the bracket-aware scan */
    const char *h = memchr(s, c, n);
    const char *sc = p->tabari ? NULL : memchr(s, ';', n);
    const char *first = h && (!sc || h < sc) ? h : sc;
    if (first && first == h && !memchr(s, '[', (size_t)(first - s))) {
        n = (size_t)(first - s);
    } else if (first) {
        int depth = 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '[')
                depth++;
            else if (s[i] == ']' && depth > 0)
                depth--;
            else if (depth == 0 && (s[i] == c || (!p->tabari && s[i] == ';' && i > 0 &&
                                                  (dp_blank(s[i - 1]) || s[i - 1] == '}' || s[i - 1] == ']')))) {
                /* PETRARCH files also carry TABARI's ';' comments after an entry */
                n = i;
                break;
            }
        }
    }
    while (n > 0 && (dp_blank(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* ------------------------------------------------------------ errors */

static void dp_fill(dp *p, dyad_error *e, dyad_status code, const char *at, const char *msg)
{
    size_t col = 1;
    if (at && at >= p->raw && at <= p->raw + p->rawn)
        for (const char *q = p->raw; q < at; q++)
            col += ((unsigned char)*q & 0xC0) != 0x80;
    dy_fail(e, code, msg, p->path, p->line, col, p->raw, p->rawn);
    e->pos = p->raw ? (size_t)(p->raw - p->buf) + (at && at >= p->raw ? (size_t)(at - p->raw) : 0) : 0;
}

/* The path in the returned error must outlive the dictionary (freed on
 * failure): files found through a directory, .ini or .project are named in
 * the detail and the error carries the caller's path. */
static void dp_stable(dp *p, dyad_error *e)
{
    if (!strcmp(p->report_path, p->path)) {
        e->path = p->report_path;
        return;
    }
    char detail[sizeof e->detail];
    const char *base = strrchr(p->path, '/');
    base = base ? base + 1 : p->path;
    dy_buf t = {0};
    dy_buf_printf(&t, "%s: %s", base, e->detail);
    size_t n = t.n < sizeof detail - 1 ? t.n : sizeof detail - 1;
    if (t.p)
        memcpy(detail, t.p, n);
    detail[t.p ? n : 0] = 0;
    dy_buf_free(&t);
    memcpy(e->detail, detail, sizeof detail);
    e->path = p->report_path;
}

int dp_error(dp *p, const char *at, const char *msg)
{
    dyad_error e = {0};
    dp_fill(p, &e, DYAD_E_SYNTAX, at, msg);
    if (p->opts && p->opts->lenient) {
        p->d->rejected++;
        if (p->opts->diag)
            p->opts->diag(p->opts->diag_user, &e);
        return -1;
    }
    p->nerr++;
    if (p->opts && p->opts->keep_going) {
        if (p->opts->diag)
            p->opts->diag(p->opts->diag_user, &e);
    } else {
        p->stop = 1;
    }
    if (p->nerr == 1 && p->err) {
        dp_stable(p, &e);
        *p->err = e;
    }
    return -1;
}

void dp_warn(dp *p, const char *at, const char *msg)
{
    if (!p->opts || !p->opts->diag)
        return;
    dyad_error e = {0};
    dp_fill(p, &e, DYAD_E_UNSUPPORTED, at, msg);
    p->opts->diag(p->opts->diag_user, &e);
}

int dp_oom(dp *p)
{
    if (!p->stop && p->err) {
        dy_fail(p->err, DYAD_E_NOMEM, "out of memory loading dictionaries", p->report_path, p->line, 0, NULL, 0);
    }
    p->stop = 2;
    p->nerr++;
    return -1;
}

/* ------------------------------------------------------------ words */

uint32_t dp_word(dp *p, const char *s, size_t n)
{
    p->fold.n = 0;
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            ascii = 0;
    if (ascii) {
        if (!dy_buf_reserve(&p->fold, n + 1)) {
            dp_oom(p);
            return 0;
        }
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            p->fold.p[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
        }
        p->fold.n = n;
    } else if (!dy_fold(s, n, &p->fold)) {
        dp_oom(p);
        return 0;
    }
    uint32_t id = dy_lex_intern(&p->d->lex, &p->d->arena, p->fold.p, p->fold.n);
    if (!id)
        dp_oom(p);
    return id;
}

const char *dp_code(dp *p, const char *s, size_t n)
{
    dy_lex *cx = &p->b->codes;
    uint32_t id = dy_lex_intern(cx, &p->d->arena, s, n);
    if (!id) {
        dp_oom(p);
        return NULL;
    }
    return cx->words[id];
}

int dp_code_char_ok(char c)
{
    return (unsigned char)c > ' ' && (unsigned char)c < 0x7f && c != '[' && c != ']';
}

const char *dp_bracket_code(dp *p, const char *s, const char *lim, const char **end)
{
    const char *q = s + 1;
    while (q < lim && dp_blank(*q))
        q++;
    const char *c0 = q;
    if (lim - q >= 5 && !memcmp(q, "- - -", 5)) {
        /* TABARI's manual prints the null code as "- - -"; some files copy it */
        q += 5;
        while (q < lim && dp_blank(*q))
            q++;
        if (q < lim && *q == ']') {
            *end = q + 1;
            return dp_code(p, "---", 3);
        }
        q = c0;
    }
    while (q < lim && dp_code_char_ok(*q))
        q++;
    const char *c1 = q;
    while (q < lim && dp_blank(*q))
        q++;
    if (q >= lim || *q != ']') {
        dp_error(p, q, q >= lim ? "missing ']' after code" : "a code is one word of letters, digits or punctuation");
        return NULL;
    }
    if (c1 == c0) {
        dp_error(p, s, "empty code []");
        return NULL;
    }
    *end = q + 1;
    return dp_code(p, c0, (size_t)(c1 - c0));
}

/* Words split on blanks and '_' (TABARI: '-' is an underscore, as in TABARI
 * 0.7.3+). The separator before a word decides its gap flag. */
int dp_split(dp *p, const char *s, size_t n, dp_phrase *out)
{
    out->n = 0;
    out->exact = out->noend = 0;
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
        size_t j = i;
        while (j < n && !dp_blank(s[j]) && s[j] != '_' && !(p->tabari && s[j] == '-'))
            j++;
        size_t wn = j - i;
        if (p->tabari && s[j - 1] == '=' && (j == n || dp_blank(s[j]))) {
            wn--; /* TABARI "BAN=": no regular endings */
            out->noend = 1;
            if (!wn) {
                i = j;
                continue;
            }
        }
        if (out->n == DY_MAX_PHRASE_WORDS)
            return dp_error(p, s + i, "phrase has more than 64 words (limit)");
        uint32_t id = dp_word(p, s + i, wn);
        if (!id)
            return -1;
        out->gap[out->n] = (uint8_t)(out->n > 0 && gap);
        out->w[out->n++] = id;
        gap = 0;
        i = j;
    }
    /* a trailing '_' (TABARI: or '=') marks the phrase exact */
    size_t e = n;
    while (e > 0 && dp_blank(s[e - 1]))
        e--;
    if (e > 0 && (s[e - 1] == '_' || s[e - 1] == '='))
        out->exact = 1;
    if (!out->n)
        return dp_error(p, s, "empty phrase");
    return 0;
}

int dp_add_phrase(dp *p, dy_phrases *ph, const dp_phrase *w, uint32_t value)
{
    uint16_t flags = 0;
    if (p->tabari) {
        if (!w->exact && !w->noend)
            flags |= DY_PH_STEM;
        if (w->noend)
            flags |= DY_PH_NOEND;
        for (uint16_t i = 1; i < w->n; i++)
            if (w->gap[i])
                flags |= DY_PH_GAP;
    }
    if (dy_phrases_add(ph, w->w, w->gap, w->n, flags, value, p->line, p->file))
        return dp_oom(p);
    return 0;
}

/* ------------------------------------------------------------ English */

static int en_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
static int en_alpha(char c) { return c >= 'A' && c <= 'Z'; }

static int en_ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && !memcmp(w + n - k, suf, k);
}

void dy_en_plural(const char *w, size_t n, dy_buf *out)
{
    out->n = 0;
    if (n >= 2 && w[n - 1] == 'Y' && !en_vowel(w[n - 2]) && en_alpha(w[n - 2])) {
        dy_buf_put(out, w, n - 1);
        dy_buf_puts(out, "IES");
    } else if (en_ends(w, n, "S") || en_ends(w, n, "X") || en_ends(w, n, "Z") || en_ends(w, n, "CH") ||
               en_ends(w, n, "SH")) {
        dy_buf_put(out, w, n);
        dy_buf_puts(out, "ES");
    } else {
        dy_buf_put(out, w, n);
        dy_buf_putc(out, 'S');
    }
}

void dy_en_third(const char *w, size_t n, dy_buf *out) { dy_en_plural(w, n, out); }

/* Consonant-vowel-consonant ending (not W, X, Y): "STOP", "ADMIT", "VISIT".
 * Returns 1 for one syllable (always double), 2 for more (stress unknown). */
static int en_cvc(const char *w, size_t n)
{
    if (n < 3 || !en_alpha(w[n - 1]) || en_vowel(w[n - 1]) || w[n - 1] == 'W' || w[n - 1] == 'X' ||
        w[n - 1] == 'Y' || !en_vowel(w[n - 2]) || en_vowel(w[n - 3]) || !en_alpha(w[n - 3]))
        return 0;
    if (n >= 4 && w[n - 3] == 'U' && w[n - 4] == 'Q')
        return 0;
    int groups = 0;
    for (size_t i = 0; i < n; i++)
        if (en_vowel(w[i]) && (i == 0 || !en_vowel(w[i - 1])))
            groups++;
    if (groups <= 1)
        return 1;
    /* unstressed endings never double: HASTENED, ABANDONED, MOTORED, RANSOMED */
    if (en_ends(w, n, "EN") || en_ends(w, n, "ON") || en_ends(w, n, "OR") || en_ends(w, n, "OM"))
        return 0;
    return 2;
}

static int en_suffix(const char *w, size_t n, const char *suf, dy_buf *out, dy_buf *alt)
{
    out->n = alt->n = 0;
    int cvc = en_cvc(w, n);
    dy_buf_put(out, w, n);
    if (cvc)
        dy_buf_putc(out, w[n - 1]);
    dy_buf_puts(out, suf);
    if (cvc == 2) {
        dy_buf_put(alt, w, n);
        dy_buf_puts(alt, suf);
    }
    return alt->n > 0;
}

int dy_en_past(const char *w, size_t n, dy_buf *out, dy_buf *alt)
{
    out->n = alt->n = 0;
    if (n >= 1 && w[n - 1] == 'E') {
        dy_buf_put(out, w, n);
        dy_buf_putc(out, 'D');
        return 0;
    }
    if (n >= 2 && w[n - 1] == 'Y' && !en_vowel(w[n - 2])) {
        dy_buf_put(out, w, n - 1);
        dy_buf_puts(out, "IED");
        return 0;
    }
    return en_suffix(w, n, "ED", out, alt);
}

int dy_en_ing(const char *w, size_t n, dy_buf *out, dy_buf *alt)
{
    out->n = alt->n = 0;
    if (en_ends(w, n, "IE")) {
        dy_buf_put(out, w, n - 2);
        dy_buf_puts(out, "YING");
        return 0;
    }
    if (n >= 3 && w[n - 1] == 'E' && !en_ends(w, n, "EE") && !en_ends(w, n, "OE") && !en_ends(w, n, "YE")) {
        dy_buf_put(out, w, n - 1);
        dy_buf_puts(out, "ING");
        return 0;
    }
    return en_suffix(w, n, "ING", out, alt);
}

/* ------------------------------------------------------------ dates */

uint32_t dy_parse_date(const char *s, size_t n)
{
    if (n != 6 && n != 8)
        return 0;
    uint32_t v[8];
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v[i] = (uint32_t)(s[i] - '0');
    }
    uint32_t y, m, dd;
    if (n == 6) {
        y = v[0] * 10 + v[1];
        y += y <= 30 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        dd = v[4] * 10 + v[5];
    } else {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        dd = v[6] * 10 + v[7];
    }
    static const uint8_t mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
        return 0;
    if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return y * 10000 + m * 100 + dd;
}

/* ------------------------------------------------------------ actor codes */

static const char *ac_date(dp *p, const char *s, const char *lim, uint32_t *out)
{
    while (s < lim && dp_blank(*s))
        s++;
    const char *e = s;
    while (e < lim && *e >= '0' && *e <= '9')
        e++;
    *out = dy_parse_date(s, (size_t)(e - s));
    if (!*out) {
        dp_error(p, s, "date must be a valid YYMMDD or YYYYMMDD");
        return NULL;
    }
    while (e < lim && dp_blank(*e))
        e++;
    return e;
}

/* Codes in [ ... ] blocks from s to lim: "[CODE]", "[CODE <date]",
 * "[CODE >date]", "[CODE date-date]", several per line. */
int dy_actor_codes(dp *p, const char *s, const char *lim, uint32_t actor)
{
    dy_actor *a = &p->d->actors[actor];
    while (s < lim) {
        if (dp_blank(*s)) {
            s++;
            continue;
        }
        if (*s != '[')
            return dp_error(p, s, "expected a [code] block");
        const char *q = s + 1;
        while (q < lim && dp_blank(*q))
            q++;
        const char *c0 = q;
        while (q < lim && dp_code_char_ok(*q) && *q != '<' && *q != '>')
            q++;
        const char *c1 = q;
        if (c1 == c0)
            return dp_error(p, c0, "empty actor code");
        while (q < lim && dp_blank(*q))
            q++;
        dy_actor_code ac = {NULL, 0, 99999999u};
        if (q < lim && (*q == '<' || *q == '>')) {
            char op = *q;
            uint32_t dt;
            if (!(q = ac_date(p, q + 1, lim, &dt)))
                return -1;
            if (op == '<')
                ac.to = dt;
            else
                ac.from = dt;
        } else if (q < lim && *q >= '0' && *q <= '9') {
            uint32_t d0, d1;
            size_t k = 0;
            while (q + k < lim && q[k] >= '0' && q[k] <= '9')
                k++;
            int d0short = k == 6;
            if (!(q = ac_date(p, q, lim, &d0)))
                return -1;
            if (q >= lim || *q != '-')
                return dp_error(p, q, "date range must be date-date");
            if (!(q = ac_date(p, q + 1, lim, &d1)))
                return -1;
            /* a two-digit start year read as 20YY but after the end is 19YY */
            if (d1 < d0 && d0short && d0 < 20310000u)
                d0 -= 1000000u;
            if (d1 < d0)
                return dp_error(p, c0, "date range ends before it starts");
            ac.from = d0;
            ac.to = d1;
        }
        if (q >= lim || *q != ']')
            return dp_error(p, q, q >= lim ? "missing ']' after actor code" : "unexpected text in actor code");
        if (!(ac.code = dp_code(p, c0, (size_t)(c1 - c0))))
            return -1;
        if (ac.from == 0 && ac.to == 99999999u)
            a->default_code = ac.code; /* later unrestricted codes replace earlier ones */
        if (DP_PUSH(p, actor_codes, nactor_codes, cap_actor_codes, ac))
            return -1;
        a = &p->d->actors[actor];
        a->ncode++;
        s = q + 1;
    }
    return 0;
}
