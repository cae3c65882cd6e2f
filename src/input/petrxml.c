/* petrxml.c — PETRARCH XML records.
 *
 *   <Environment> <Verbfile>...</Verbfile> ... </Environment>
 *   <Config option="require_dyad" value="false"></Config>   (applies to the next record)
 *   <Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
 *   <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
 *   <Text> ... </Text>
 *   <Parse> (ROOT (S ...)) | CoNLL-U lines </Parse>
 *   </Sentence>
 *
 * The files in circulation are not always well-formed XML: the universal
 * PETRARCH validation file writes <Sentence .../> and then the record's
 * elements as siblings, closed by a stray </Sentence>. libxml2 stops at the
 * first such error even in recovery mode, so this is a small streaming tag
 * scanner instead: it reads line by line, keeps at most one record plus one
 * incomplete tag in memory, and starts a record at every <Sentence> and ends
 * it at </Sentence>, the next <Sentence>, </Sentences> or end of input. */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "input/parse.h"
#include "input/reader.h"
#include "text/text.h"

enum { PX_END = 0, PX_TEXT = 1, PX_TAG = 2, PX_CDATA = 3, PX_ERR = -1, PX_BAD = -2 };

/* Append a line to the scan buffer; 1, 0 at end, -1 on error. */
static int px_more(dyad_reader *r)
{
    if (r->xpos > 0 && r->xpos * 2 >= r->xbuf.n) {
        memmove(r->xbuf.p, r->xbuf.p + r->xpos, r->xbuf.n - r->xpos);
        r->xbuf.n -= r->xpos;
        r->xpos = 0;
    }
    const char *p;
    size_t n;
    int tl;
    int rc = dy_rd_line(r, &p, &n, &tl);
    if (rc != 1)
        return rc;
    if (tl || r->xbuf.n - r->xpos + n > DY_INPUT_MAX_RECORD)
        return -2;
    return dy_buf_put(&r->xbuf, p, n) && dy_buf_putc(&r->xbuf, '\n') ? 1 : -1;
}

static void px_consume(dyad_reader *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        r->xline += r->xbuf.p[r->xpos + i] == '\n';
    r->xpos += n;
}

static const char *px_search(const char *p, size_t n, const char *pat)
{
    size_t k = strlen(pat);
    for (size_t i = 0; i + k <= n; i++)
        if (p[i] == pat[0] && !memcmp(p + i, pat, k))
            return p + i;
    return NULL;
}

/* The next token: text, a tag ("<...>") or CDATA content. Comments,
 * processing instructions and declarations are skipped. */
static int px_token(dyad_reader *r, const char **tp, size_t *tn, uint32_t *tline)
{
    for (;;) {
        if (r->xpos >= r->xbuf.n) {
            int rc = px_more(r);
            if (rc <= 0)
                return rc == 0 ? PX_END : rc == -2 ? PX_BAD : PX_ERR;
            continue;
        }
        const char *s = r->xbuf.p + r->xpos;
        size_t avail = r->xbuf.n - r->xpos;
        *tline = r->xline;
        if (s[0] != '<') {
            const char *lt = memchr(s, '<', avail);
            size_t k = lt ? (size_t)(lt - s) : avail;
            *tp = s;
            *tn = k;
            px_consume(r, k);
            return PX_TEXT;
        }
        const char *end = NULL;
        size_t skip_open = 0, skip_close = 0;
        /* Resume long searches where the last one stopped (linear, not quadratic). */
        size_t from = r->xresume > 8 ? r->xresume - 8 : 0;
        int kind = PX_TAG;
        if (avail >= 4 && !memcmp(s, "<!--", 4)) {
            end = px_search(s + (from > 4 ? from : 4), avail - (from > 4 ? from : 4), "-->");
            kind = -10;
            skip_close = 3;
        } else if (avail >= 9 && !memcmp(s, "<![CDATA[", 9)) {
            end = px_search(s + (from > 9 ? from : 9), avail - (from > 9 ? from : 9), "]]>");
            kind = PX_CDATA;
            skip_open = 9;
            skip_close = 3;
        } else if (avail >= 2 && s[1] == '?') {
            end = px_search(s + (from > 2 ? from : 2), avail - (from > 2 ? from : 2), "?>");
            kind = -10;
            skip_close = 2;
        } else if (avail < 9 && (avail < 4 || !memcmp(s, "<!", 2))) {
            end = NULL; /* too short to tell: read more */
        } else {
            char q = 0;
            for (size_t i = 1; i < avail; i++) {
                if (q) {
                    if (s[i] == q)
                        q = 0;
                } else if (s[i] == '"' || s[i] == '\'') {
                    q = s[i];
                } else if (s[i] == '>') {
                    end = s + i;
                    skip_close = 1;
                    break;
                } else if (s[i] == '<') {
                    /* A stray '<' in text: treat the first one as text. */
                    *tp = s;
                    *tn = i;
                    px_consume(r, i);
                    return PX_TEXT;
                }
            }
        }
        if (!end && kind == PX_TAG && avail > 1024 * 1024) {
            /* No '>' within 1 MiB: not a tag but a stray '<' in text. */
            *tp = s;
            *tn = 1;
            px_consume(r, 1);
            return PX_TEXT;
        }
        if (!end) {
            r->xresume = kind == PX_TAG ? 0 : avail;
            int rc = px_more(r);
            if (rc < 0)
                return rc == -2 ? PX_BAD : PX_ERR;
            if (rc == 0) {
                /* Unterminated markup at the end: hand it back as text. */
                *tp = r->xbuf.p + r->xpos;
                *tn = r->xbuf.n - r->xpos;
                px_consume(r, *tn);
                return PX_TEXT;
            }
            continue;
        }
        r->xresume = 0;
        size_t total = (size_t)(end - s) + skip_close;
        if (kind == -10) {
            px_consume(r, total);
            continue;
        }
        *tp = s + skip_open;
        *tn = (size_t)(end - s) - skip_open + (kind == PX_TAG ? 1 : 0);
        px_consume(r, total);
        return kind;
    }
}

/* Decode XML character references into b. */
static bool px_decode(dy_buf *b, const char *p, size_t n)
{
    static const struct {
        const char *name;
        char c;
    } ents[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(p + i, '&', n - i);
        size_t k = amp ? (size_t)(amp - p) : n;
        if (!dy_buf_put(b, p + i, k - i))
            return false;
        i = k;
        if (!amp)
            break;
        const char *semi = memchr(p + i, ';', n - i < 12 ? n - i : 12);
        bool done = false;
        if (semi) {
            const char *nm = p + i + 1;
            size_t nl = (size_t)(semi - nm);
            for (size_t e = 0; e < sizeof ents / sizeof ents[0] && !done; e++)
                if (strlen(ents[e].name) == nl && !memcmp(nm, ents[e].name, nl)) {
                    if (!dy_buf_putc(b, ents[e].c))
                        return false;
                    done = true;
                }
            if (!done && nl >= 2 && nm[0] == '#') {
                unsigned long cp = nm[1] == 'x' || nm[1] == 'X' ? strtoul(nm + 2, NULL, 16) : strtoul(nm + 1, NULL, 10);
                if (cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) {
                    char u[4];
                    size_t m;
                    if (cp < 0x80) {
                        u[0] = (char)cp;
                        m = 1;
                    } else if (cp < 0x800) {
                        u[0] = (char)(0xC0 | (cp >> 6));
                        u[1] = (char)(0x80 | (cp & 0x3F));
                        m = 2;
                    } else if (cp < 0x10000) {
                        u[0] = (char)(0xE0 | (cp >> 12));
                        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        u[2] = (char)(0x80 | (cp & 0x3F));
                        m = 3;
                    } else {
                        u[0] = (char)(0xF0 | (cp >> 18));
                        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        u[3] = (char)(0x80 | (cp & 0x3F));
                        m = 4;
                    }
                    if (!dy_buf_put(b, u, m))
                        return false;
                    done = true;
                }
            }
        }
        if (done) {
            i = (size_t)(semi - p) + 1;
        } else {
            if (!dy_buf_putc(b, '&'))
                return false;
            i++;
        }
    }
    return true;
}

/* Tag name [*np, *nn); returns 1 for an end tag, 0 for a start tag. */
static int px_name(const char *t, size_t n, const char **np, size_t *nn, bool *selfclose)
{
    size_t i = 1;
    int end = 0;
    if (i < n && t[i] == '/') {
        end = 1;
        i++;
    }
    size_t a = i;
    while (i < n && !isspace((unsigned char)t[i]) && t[i] != '/' && t[i] != '>')
        i++;
    *np = t + a;
    *nn = i - a;
    *selfclose = n >= 2 && t[n - 2] == '/';
    return end;
}

static bool px_is(const char *p, size_t n, const char *lit)
{
    return strlen(lit) == n && !memcmp(p, lit, n);
}

/* The value of attribute `name` in tag t, decoded into the arena; NULL when absent. */
static const char *px_attr(dy_arena *ar, const char *t, size_t n, const char *name, dy_buf *tmp)
{
    size_t i = 1, k = strlen(name);
    while (i < n && !isspace((unsigned char)t[i]))
        i++; /* skip the tag name */
    while (i < n) {
        while (i < n && (isspace((unsigned char)t[i]) || t[i] == '/'))
            i++;
        size_t a = i;
        while (i < n && !isspace((unsigned char)t[i]) && t[i] != '=' && t[i] != '>' && t[i] != '/')
            i++;
        size_t an = i - a;
        while (i < n && isspace((unsigned char)t[i]))
            i++;
        if (an == 0) {
            i++;
            continue;
        }
        const char *v = "";
        size_t vn = 0;
        if (i < n && t[i] == '=') {
            i++;
            while (i < n && isspace((unsigned char)t[i]))
                i++;
            if (i < n && (t[i] == '"' || t[i] == '\'')) {
                char q = t[i++];
                v = t + i;
                while (i < n && t[i] != q)
                    i++;
                vn = (size_t)(t + i - v);
                i++;
            } else {
                v = t + i;
                while (i < n && !isspace((unsigned char)t[i]) && t[i] != '>')
                    i++;
                vn = (size_t)(t + i - v);
            }
        }
        if (an == k && !strncasecmp(t + a, name, k)) {
            tmp->n = 0;
            if (!px_decode(tmp, v, vn))
                return NULL;
            return dy_arena_strndup(ar, tmp->p ? tmp->p : "", tmp->n);
        }
    }
    return NULL;
}

static bool px_true(const char *v)
{
    return v && (!strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes"));
}

static char *px_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

typedef struct px_rec {
    int open;
    uint32_t line;
    dy_expect *ex;
    size_t nex, capex;
    dy_record_opt *op;
    size_t nop, capop;
    int have_text, have_parse;
    uint32_t parse_line;
} px_rec;

static void px_rec_clear(px_rec *x)
{
    free(x->ex);
    free(x->op);
    memset(x, 0, sizeof *x);
}

static bool px_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return false;
    return true;
}

/* Does the text open with a wire dateline ("CEBU CITY: --")? PETRARCH
 * rejects such records: the dateline is no part of the sentence and its
 * place name would be coded as an actor. */
static bool px_dateline(const char *s, size_t n)
{
    size_t i = 0, letters = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    for (; i < n && (isupper((unsigned char)s[i]) || strchr(" .,'&", s[i])); i++)
        letters += isupper((unsigned char)s[i]) != 0;
    if (letters < 2 || i >= n || s[i] != ':')
        return false;
    i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i + 1 < n && s[i] == '-' && s[i + 1] == '-';
}

/* Build the document from the record; returns 1 accepted, 0 rejected, -1 OOM. */
static int px_finish(dyad_reader *r, px_rec *x)
{
    dyad_doc *d = &r->doc;
    if (x->have_text && r->rec.p && px_dateline(r->rec.p, r->rec.n)) {
        dy_rd_reject(r, x->line, d->id, "dateline: the text starts with a wire dateline (\"CITY: --\")");
        return 0;
    }
    if (x->nex) {
        if (!(d->expect = dy_arena_alloc(&d->arena, x->nex * sizeof *x->ex)))
            return -1;
        memcpy(d->expect, x->ex, x->nex * sizeof *x->ex);
        d->nexpect = (uint32_t)x->nex;
    }
    if (x->nop) {
        if (!(d->opts = dy_arena_alloc(&d->arena, x->nop * sizeof *x->op)))
            return -1;
        memcpy(d->opts, x->op, x->nop * sizeof *x->op);
        d->nopts = (uint32_t)x->nop;
    }
    const char *ps = r->aux.p ? r->aux.p : "";
    size_t pn = r->aux.n;
    uint32_t base = x->parse_line; /* file line of the parse's first line */
    while (pn && isspace((unsigned char)*ps)) {
        base += *ps == '\n';
        ps++, pn--;
    }
    if (x->have_parse && pn) {
        if (*ps == '(') {
            dy_sentence s;
            dyad_error pe;
            memset(&pe, 0, sizeof pe);
            int rc = dy_penn_parse(&d->arena, ps, pn, &s, &pe);
            if (rc == DYAD_E_NOMEM)
                return -1;
            if (rc != DYAD_OK) {
                dy_rd_reject(r, base + (pe.line ? (uint32_t)pe.line - 1 : 0), d->id, pe.msg);
                return 0;
            }
            return dy_rd_doc_add(r, &s) == 0 ? 1 : -1;
        }
        /* CoNLL-U: one or more sentences separated by blank lines. */
        size_t i = 0;
        uint32_t line_at = base;
        while (i < pn) {
            size_t j = i;
            uint32_t lines = 0;
            while (j < pn) {
                const char *nl = memchr(ps + j, '\n', pn - j);
                size_t e = nl ? (size_t)(nl - ps) : pn;
                lines++;
                if (px_blank(ps + j, e - j) && j > i) {
                    j = e + 1;
                    break;
                }
                j = e + (nl != NULL);
            }
            if (!px_blank(ps + i, (j < pn ? j : pn) - i)) {
                dy_sentence s;
                dyad_error pe;
                memset(&pe, 0, sizeof pe);
                int rc = dy_conllu_parse(&d->arena, ps + i, (j < pn ? j : pn) - i, &s, &pe);
                if (rc == DYAD_E_NOMEM)
                    return -1;
                if (rc != DYAD_OK) {
                    dy_rd_reject(r, line_at + (pe.line ? (uint32_t)pe.line - 1 : 0), d->id, pe.msg);
                    return 0;
                }
                if (dy_rd_doc_add(r, &s) != 0)
                    return -1;
            }
            line_at += lines;
            i = j;
        }
        if (d->nsent)
            return 1;
    }
    if (x->have_text && !px_blank(r->rec.p ? r->rec.p : "", r->rec.n)) {
        dy_sentence s;
        if (dy_text_sentence_one(&d->arena, r->rec.p, r->rec.n, &s) != 0 || dy_rd_doc_add(r, &s) != 0)
            return -1;
        return 1;
    }
    dy_rd_reject(r, x->line, d->id, "record has neither a parse nor text");
    return 0;
}

static int px_push_kv(rd_kv **v, size_t *n, size_t *cap, const char *name, size_t nl, const char *val, size_t vl)
{
    rd_kv kv = {px_strndup(name, nl), px_strndup(val, vl)};
    if (!kv.name || !kv.value || !DY_VEC_PUSH(*v, *n, *cap, kv)) {
        free(kv.name);
        free(kv.value);
        return -1;
    }
    return 0;
}

const dyad_doc *dy_rd_next_petrxml(dyad_reader *r, dyad_error *err)
{
    px_rec x;
    memset(&x, 0, sizeof x);
    dy_buf tmp = {0};
    const dyad_doc *out = NULL;
    int capture = 0; /* 1 <Text>, 2 <Parse>, 3 an <Environment> entry */
    int in_env = 0;
    char envname[64] = "";
    dy_buf envval = {0};
    if (r->xline == 0)
        r->xline = 1;
    for (;;) {
        const char *t;
        size_t n;
        uint32_t tline = r->xline;
        int k = px_token(r, &t, &n, &tline);
        if (k == PX_ERR || k == PX_BAD) {
            if (k == PX_BAD)
                dy_fail(err, DYAD_E_LIMIT, "XML markup or line longer than the record limit", r->path, r->xline, 0,
                        NULL, 0);
            else if (r->ioerr)
                dy_fail(err, DYAD_E_IO, "read error", r->path, r->xline, 0, NULL, 0);
            else
                dy_fail(err, DYAD_E_NOMEM, "out of memory", r->path, r->xline, 0, NULL, 0);
            r->finished = 1;
            goto done;
        }
        if (k == PX_END) {
            r->finished = 1;
            if (x.open)
                goto finish;
            goto done;
        }
        if (k == PX_TEXT || k == PX_CDATA) {
            dy_buf *dst = capture == 1 ? &r->rec : capture == 2 ? &r->aux : capture == 3 ? &envval : NULL;
            if (dst && !(k == PX_CDATA ? dy_buf_put(dst, t, n) : px_decode(dst, t, n)))
                goto oom;
            continue;
        }
        const char *nm;
        size_t nn;
        bool selfclose;
        int endtag = px_name(t, n, &nm, &nn, &selfclose);
        if (!endtag && px_is(nm, nn, "Sentence")) {
            if (x.open) {
                /* Leave the tag for the next call: this record ends here. */
                r->xpos -= n;
                r->xline = tline;
                goto finish;
            }
            x.open = 1;
            x.line = tline;
            dy_rd_doc_begin(r, tline);
            r->rec.n = r->aux.n = 0;
            dyad_doc *d = &r->doc;
            const char *id = px_attr(&d->arena, t, n, "id", &tmp);
            const char *date = px_attr(&d->arena, t, n, "date", &tmp);
            const char *cat = px_attr(&d->arena, t, n, "category", &tmp);
            const char *src = px_attr(&d->arena, t, n, "source", &tmp);
            const char *sent = px_attr(&d->arena, t, n, "sentence", &tmp);
            const char *eval = px_attr(&d->arena, t, n, "evaluate", &tmp);
            d->id = id && *id ? id : dy_rd_default_id(r, tline);
            d->category = cat ? cat : "";
            d->source = src ? src : "";
            d->is_sentence = (sent || eval) ? (px_true(sent) || px_true(eval)) : 1;
            if (date && *date) {
                char iso[11];
                uint32_t num;
                if (dy_date_parse(date, strlen(date), iso, &num) == 0) {
                    d->date = dy_arena_strndup(&d->arena, iso, 10);
                    d->date_num = num;
                } else {
                    d->date = NULL; /* marks a bad date: rejected at the end */
                }
            }
            /* <Config> elements met before the record apply to it. */
            for (size_t i = 0; i < r->npendopt; i++) {
                dy_record_opt op = {dy_arena_strndup(&d->arena, r->pendopt[i].name, strlen(r->pendopt[i].name)),
                                    dy_arena_strndup(&d->arena, r->pendopt[i].value, strlen(r->pendopt[i].value))};
                if (!op.name || !op.value || !DY_VEC_PUSH(x.op, x.nop, x.capop, op))
                    goto oom;
                free(r->pendopt[i].name);
                free(r->pendopt[i].value);
            }
            r->npendopt = 0;
            continue;
        }
        if (endtag && (px_is(nm, nn, "Sentence") || px_is(nm, nn, "Sentences") || px_is(nm, nn, "Validation"))) {
            if (x.open)
                goto finish;
            continue;
        }
        if (px_is(nm, nn, "Environment")) {
            in_env = !endtag && !selfclose;
            continue;
        }
        if (px_is(nm, nn, "Config")) {
            if (endtag || in_env)
                continue;
            dy_arena *a = x.open ? &r->doc.arena : NULL;
            dy_arena scratch;
            dy_arena_init(&scratch, 1024);
            const char *opt = px_attr(a ? a : &scratch, t, n, "option", &tmp);
            const char *val = px_attr(a ? a : &scratch, t, n, "value", &tmp);
            int bad = 0;
            if (opt) {
                if (x.open) {
                    dy_record_opt op = {opt, val ? val : ""};
                    bad = !DY_VEC_PUSH(x.op, x.nop, x.capop, op);
                } else {
                    bad = px_push_kv(&r->pendopt, &r->npendopt, &r->cappendopt, opt, strlen(opt), val ? val : "",
                                     val ? strlen(val) : 0) != 0;
                }
            }
            dy_arena_free(&scratch);
            if (bad)
                goto oom;
            continue;
        }
        if (px_is(nm, nn, "Stop") && !endtag && !x.open) {
            dy_rd_doc_begin(r, tline);
            r->doc.id = "Stop";
            r->doc.stop = 1;
            r->finished = 1;
            out = dy_rd_accept(r); /* a record with no sentences: every document returned is counted */
            goto done;
        }
        if (in_env && !x.open) {
            if (!endtag && !selfclose && nn < sizeof envname) {
                memcpy(envname, nm, nn);
                envname[nn] = 0;
                envval.n = 0;
                capture = 3;
            } else if (endtag && capture == 3) {
                const char *v = envval.p ? envval.p : "";
                size_t vl = envval.n;
                while (vl && isspace((unsigned char)*v))
                    v++, vl--;
                while (vl && isspace((unsigned char)v[vl - 1]))
                    vl--;
                if (px_push_kv(&r->env, &r->nenv, &r->capenv, envname, strlen(envname), v, vl) != 0)
                    goto oom;
                capture = 0;
            }
            continue;
        }
        if (!x.open)
            continue;
        dyad_doc *d = &r->doc;
        if (px_is(nm, nn, "EventCoding") && !endtag) {
            d->has_expect = 1;
            const char *src = px_attr(&d->arena, t, n, "sourcecode", &tmp);
            const char *tgt = px_attr(&d->arena, t, n, "targetcode", &tmp);
            const char *code = px_attr(&d->arena, t, n, "eventcode", &tmp);
            const char *none = px_attr(&d->arena, t, n, "noevents", &tmp);
            const char *error = px_attr(&d->arena, t, n, "error", &tmp);
            if (px_true(none))
                d->expect_flags |= DY_EXPECT_NONE;
            if (error)
                d->expect_error = error;
            if (code) {
                dy_expect e = {src ? src : "", tgt ? tgt : "", code};
                if (!DY_VEC_PUSH(x.ex, x.nex, x.capex, e))
                    goto oom;
            }
            continue;
        }
        if (px_is(nm, nn, "Text")) {
            if (!endtag) {
                x.have_text = 1;
                r->rec.n = 0;
                capture = selfclose ? 0 : 1;
            } else if (capture == 1) {
                capture = 0;
            }
            continue;
        }
        if (px_is(nm, nn, "Parse")) {
            if (!endtag) {
                x.have_parse = 1;
                x.parse_line = r->xline;
                r->aux.n = 0;
                capture = selfclose ? 0 : 2;
            } else if (capture == 2) {
                capture = 0;
            }
            continue;
        }
        /* Other elements inside a record are ignored. */
        continue;
    finish:
        if (!r->doc.date) {
            r->doc.date = "";
            dy_rd_reject(r, x.line, r->doc.id, "bad date (want YYYYMMDD, YYMMDD or YYYY-MM-DD)");
        } else {
            int rc = px_finish(r, &x);
            if (rc < 0)
                goto oom;
            if (rc == 1) {
                out = dy_rd_accept(r);
                goto done;
            }
        }
        px_rec_clear(&x);
        capture = 0;
        if (r->finished)
            goto done;
    }
oom:
    dy_fail(err, DYAD_E_NOMEM, "out of memory", r->path, r->xline, 0, NULL, 0);
    r->finished = 1;
    out = NULL;
done:
    px_rec_clear(&x);
    dy_buf_free(&tmp);
    dy_buf_free(&envval);
    return out;
}

void dy_rd_petrxml_free(dyad_reader *r)
{
    for (size_t i = 0; i < r->nenv; i++) {
        free(r->env[i].name);
        free(r->env[i].value);
    }
    for (size_t i = 0; i < r->npendopt; i++) {
        free(r->pendopt[i].name);
        free(r->pendopt[i].value);
    }
    free(r->env);
    free(r->pendopt);
    dy_buf_free(&r->xbuf);
}

const char *dy_petrxml_environment(const dyad_reader *r, const char *name)
{
    for (size_t i = r ? r->nenv : 0; i-- > 0;)
        if (!strcmp(r->env[i].name, name))
            return r->env[i].value;
    return NULL;
}
