/* tabari.c — TABARI text records.
 *
 *   950101  DEMO-01                  date (YYMMDD, or YYYYMMDD) and id
 *   Arnor is about to restore ...    the text, to a blank line or a comment
 *   (slash-star) ... (star-slash)    an optional comment block, whose
 *   \n{ ARN / GON / 064 }            {SRC / TGT / CODE} items are validation
 *                                    records (TABARI manual, section 10.1)
 *
 * The text of a record is one sentence, as TABARI codes it. Lines starting
 * with '#' between records are comments. Validation suites end their standard
 * records at the record whose id starts with "FINAL" (FINAL-01): it is
 * returned with doc->stop set. */
#include <ctype.h>
#include <stdlib.h>

#include "input/reader.h"
#include "text/text.h"

/* "YYMMDD ID" (6 or 8 digits; separated by blanks or '*'). */
static bool tb_header(const char *p, size_t n, size_t *date_n, size_t *id0, size_t *id1)
{
    size_t d = 0;
    while (d < n && isdigit((unsigned char)p[d]))
        d++;
    if (d != 6 && d != 8)
        return false;
    size_t i = d;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '*'))
        i++;
    if (i == d || i >= n)
        return false;
    size_t j = i;
    while (j < n && !isspace((unsigned char)p[j]))
        j++;
    *date_n = d;
    *id0 = i;
    *id1 = j;
    return true;
}

static const char *tb_find(const char *p, size_t n, const char *pat)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == pat[0] && p[i + 1] == pat[1])
            return p + i;
    return NULL;
}

static dy_str tb_trim(const char *p, size_t n)
{
    while (n && isspace((unsigned char)*p))
        p++, n--;
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    return (dy_str){p, n};
}

typedef struct tb_vecs {
    dy_expect *ex;
    size_t nex, capex;
    dy_record_opt *op;
    size_t nop, capop;
} tb_vecs;

/* Read the {...} validation items of a comment block. Returns -1 on OOM. */
static int tb_comment(dyad_reader *r, const char *c, size_t n, tb_vecs *v)
{
    dyad_doc *d = &r->doc;
    dy_arena *a = &d->arena;
    size_t i = 0;
    while (i < n) {
        const char *lb = memchr(c + i, '{', n - i);
        if (!lb)
            break;
        size_t o = (size_t)(lb - c);
        const char *rb = memchr(lb, '}', n - o);
        const char *eol = memchr(lb, '\n', n - o);
        dy_str head = tb_trim(lb + 1, (size_t)((eol ? eol : c + n) - lb - 1));
        if ((!rb || (eol && rb > eol)) && head.n >= 7 && !memcmp(head.p, "OPTION:", 7)) {
            /* an OPTION item missing its closing brace ends with its line */
            if (head.n >= 2 && !memcmp(head.p + head.n - 2, "*/", 2))
                head = tb_trim(head.p, head.n - 2);
            rb = head.p + head.n;
        }
        if (!rb)
            break;
        bool partial = o > 0 && c[o - 1] == '-';
        dy_str in = tb_trim(lb + 1, (size_t)(rb - lb - 1));
        i = (size_t)(rb - c) + 1;
        if (in.n >= 7 && !memcmp(in.p, "OPTION:", 7)) {
            dy_str val = tb_trim(in.p + 7, in.n - 7);
            dy_record_opt op = {"OPTION", dy_arena_strndup(a, val.p, val.n)};
            if (!op.value || !DY_VEC_PUSH(v->op, v->nop, v->capop, op))
                return -1;
            continue;
        }
        char squeezed[8];
        size_t sq = 0;
        for (size_t k = 0; k < in.n && sq < sizeof squeezed - 1; k++)
            if (!isspace((unsigned char)in.p[k]))
                squeezed[sq++] = in.p[k];
        squeezed[sq] = 0;
        const char *slash1 = memchr(in.p, '/', in.n);
        if (partial) {
            /* TABARI checks the items before the first "-{" and no further */
            d->expect_flags |= DY_EXPECT_PARTIAL;
            d->has_expect = 1;
            break;
        }
        if (in.n == 0 || !strcmp(squeezed, "---")) {
            d->expect_flags |= DY_EXPECT_NONE;
            d->has_expect = 1;
        } else if (!strcmp(squeezed, "###")) {
            d->expect_flags |= DY_EXPECT_DISCARD;
            d->has_expect = 1;
        } else if (!strcmp(squeezed, "+++")) {
            d->expect_flags |= DY_EXPECT_COMPLEX;
            d->has_expect = 1;
        } else if (slash1) {
            const char *slash2 = memchr(slash1 + 1, '/', (size_t)(in.p + in.n - slash1 - 1));
            if (!slash2)
                continue;
            dy_str s = tb_trim(in.p, (size_t)(slash1 - in.p));
            dy_str t = tb_trim(slash1 + 1, (size_t)(slash2 - slash1 - 1));
            dy_str e = tb_trim(slash2 + 1, (size_t)(in.p + in.n - slash2 - 1));
            dy_expect x = {dy_arena_strndup(a, s.p, s.n), dy_arena_strndup(a, t.p, t.n),
                           dy_arena_strndup(a, e.p, e.n)};
            if (!x.source || !x.target || !x.code || !DY_VEC_PUSH(v->ex, v->nex, v->capex, x))
                return -1;
            d->has_expect = 1;
        }
    }
    return 0;
}

static int tb_copy_out(dyad_reader *r, tb_vecs *v)
{
    dyad_doc *d = &r->doc;
    if (v->nex) {
        d->expect = dy_arena_alloc(&d->arena, v->nex * sizeof *v->ex);
        if (!d->expect)
            return -1;
        memcpy(d->expect, v->ex, v->nex * sizeof *v->ex);
        d->nexpect = (uint32_t)v->nex;
    }
    if (v->nop) {
        d->opts = dy_arena_alloc(&d->arena, v->nop * sizeof *v->op);
        if (!d->opts)
            return -1;
        memcpy(d->opts, v->op, v->nop * sizeof *v->op);
        d->nopts = (uint32_t)v->nop;
    }
    return 0;
}

static int tb_put_line(dy_buf *b, const char *p, size_t n, size_t *big)
{
    if (*big || b->n + n + 1 > DY_INPUT_MAX_RECORD) {
        *big = 1;
        return 0;
    }
    return dy_buf_put(b, p, n) && dy_buf_putc(b, '\n') ? 0 : -1;
}

const dyad_doc *dy_rd_next_tabari(dyad_reader *r, dyad_error *err)
{
    const char *p;
    size_t n;
    int tl, rc = 1;
    uint32_t start;
    size_t dn, i0, i1;
    for (;;) {
        /* Find the next header line. */
        if (r->tb_have_pend) {
            r->tb_have_pend = 0;
            start = r->tb_pend_line;
            r->rec.n = 0;
            if (!dy_buf_put(&r->rec, r->tb_pend.p, r->tb_pend.n))
                goto oom;
        } else {
            for (;;) {
                if ((rc = dy_rd_line(r, &p, &n, &tl)) != 1)
                    goto eof;
                if (!tl && tb_header(p, n, &dn, &i0, &i1))
                    break;
            }
            start = r->lineno;
            r->rec.n = 0;
            if (!dy_buf_put(&r->rec, p, n))
                goto oom;
        }
        tb_header(r->rec.p, r->rec.n, &dn, &i0, &i1);
        dy_rd_doc_begin(r, start);
        dyad_doc *d = &r->doc;
        d->id = dy_arena_strndup(&d->arena, r->rec.p + i0, i1 - i0);
        char iso[11];
        uint32_t num;
        int bad_date = dy_date_parse(r->rec.p, dn, iso, &num) != 0;
        if (!d->id)
            goto oom;
        if (!bad_date) {
            d->date = dy_arena_strndup(&d->arena, iso, 10);
            d->date_num = num;
            if (!d->date)
                goto oom;
        }
        d->stop = !strncmp(d->id, "FINAL", 5);
        /* Text, then an optional comment. */
        dy_buf *text = &r->rec, *com = &r->aux;
        text->n = 0;
        com->n = 0;
        size_t big = 0;
        int in_com = 0, closed = 0, broken = 0;
        while ((rc = dy_rd_line(r, &p, &n, &tl)) == 1) {
            if (tl) {
                big = 1;
                continue;
            }
            if (tb_header(p, n, &dn, &i0, &i1) && !(in_com && tb_find(p, n, "*/"))) {
                r->tb_pend.n = 0;
                if (!dy_buf_put(&r->tb_pend, p, n))
                    goto oom;
                r->tb_have_pend = 1;
                r->tb_pend_line = r->lineno;
                broken = in_com && !closed;
                break;
            }
            if (closed) {
                /* TABARI reads validation items up to the record's blank
                 * line, also on lines after the comment has closed */
                if (tb_trim(p, n).n == 0)
                    break;
                if (tb_put_line(com, p, n, &big) != 0)
                    goto oom;
                continue;
            }
            if (!in_com) {
                if (tb_trim(p, n).n == 0) {
                    if (text->n)
                        break;
                    continue;
                }
                const char *cs = tb_find(p, n, "/*");
                const char *tp = p;
                size_t tn = cs ? (size_t)(cs - p) : n;
                if (tn >= 2 && tp[0] == '\\' && tp[1] == 'n')
                    tp += 2, tn -= 2; /* the "\n" screen-break marker */
                if (tb_put_line(text, tp, tn, &big) != 0)
                    goto oom;
                if (!cs)
                    continue;
                in_com = 1;
                n -= (size_t)(cs + 2 - p);
                p = cs + 2;
            }
            const char *ce = tb_find(p, n, "*/");
            if (tb_put_line(com, p, ce ? (size_t)(ce - p) : n, &big) != 0)
                goto oom;
            if (ce)
                closed = 1;
        }
        if (rc < 0)
            goto ioerr;
        if (in_com && !closed)
            broken = 1;
        if (big) {
            dy_rd_reject(r, start, d->id, "record longer than the 64 MiB record limit");
            continue;
        }
        if (broken) /* the next header is unambiguous: keep what was read */
            dy_rd_warn(r, start, d->id, DYAD_E_SYNTAX, "warning: comment block not closed before the next record; the record is kept");
        if (bad_date) {
            dy_rd_reject(r, start, d->id, "bad date (want YYMMDD or YYYYMMDD)");
            continue;
        }
        if (tb_trim(text->p ? text->p : "", text->n).n == 0) {
            dy_rd_reject(r, start, d->id, "record has no text");
            continue;
        }
        tb_vecs v = {0};
        int ok = tb_comment(r, com->p ? com->p : "", com->n, &v) == 0 && tb_copy_out(r, &v) == 0;
        free(v.ex);
        free(v.op);
        if (!ok)
            goto oom;
        dy_sentence s;
        /* TABARI keeps control characters inside words: a table laid out
         * with Ctrl-Z bytes names no actor */
        if (dy_text_sentence_glued(&d->arena, text->p, text->n, &s) != 0 || dy_rd_doc_add(r, &s) != 0)
            goto oom;
        return dy_rd_accept(r);
    }
eof:
    r->finished = 1;
    if (rc < 0)
        goto ioerr;
    return NULL;
oom:
    dy_fail(err, DYAD_E_NOMEM, "out of memory", r->path, r->lineno, 0, NULL, 0);
    r->finished = 1;
    return NULL;
ioerr:
    dy_fail(err, DYAD_E_IO, "read error", r->path, r->lineno, 0, NULL, 0);
    r->finished = 1;
    return NULL;
}
