/* reader.c — the reader core (sources, lines, detection, dates, documents)
 * and the line-oriented formats: plain text, JSON lines, CSV and CoNLL-U.
 * TABARI records are in tabari.c, PETRARCH XML in petrxml.c. */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <strings.h>

#include "input/parse.h"
#include "input/reader.h"
#include "text/text.h"

#define RD_BLOCK (64u * 1024u)

/* ---------------------------------------------------------------- names */

static const char *const rd_names[] = {"auto", "text", "jsonl", "tabari", "petrarch-xml", "conllu", "csv"};

int dyad_format_from_name(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof rd_names / sizeof rd_names[0]; i++)
        if (!strcmp(name, rd_names[i]))
            return (int)i;
    if (!strcmp(name, "txt"))
        return DYAD_FMT_TEXT;
    if (!strcmp(name, "ndjson") || !strcmp(name, "json"))
        return DYAD_FMT_JSONL;
    if (!strcmp(name, "xml") || !strcmp(name, "petrarch"))
        return DYAD_FMT_PETRARCH_XML;
    return -1;
}

const char *dyad_format_name(dyad_format f)
{
    return (unsigned)f < sizeof rd_names / sizeof rd_names[0] ? rd_names[f] : "unknown";
}

/* ---------------------------------------------------------------- lines */

static int rd_fill(dyad_reader *r)
{
    if (r->eof)
        return 0;
    r->blen = fread(r->blk, 1, RD_BLOCK, r->fp);
    r->bpos = 0;
    if (r->blen == 0) {
        r->eof = 1;
        if (ferror(r->fp)) {
            r->ioerr = 1;
            return -1;
        }
        return 0;
    }
    r->st.bytes += r->blen;
    return 1;
}

int dy_rd_line(dyad_reader *r, const char **p, size_t *n, int *too_long)
{
    *too_long = 0;
    if (r->mem) {
        if (r->mempos >= r->memlen)
            return 0;
        const char *s = r->mem + r->mempos;
        const char *nl = memchr(s, '\n', r->memlen - r->mempos);
        size_t len = nl ? (size_t)(nl - s) : r->memlen - r->mempos;
        r->mempos += len + (nl != NULL);
        r->lineno++;
        if (len && s[len - 1] == '\r')
            len--;
        if (len > DY_INPUT_MAX_RECORD) {
            *too_long = 1;
            len = 0;
        }
        if (r->lineno == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
            s += 3; /* a byte-order mark is not content */
            len -= 3;
        }
        *p = s;
        *n = len;
        return 1;
    }
    r->line.n = 0;
    int any = 0;
    for (;;) {
        if (r->bpos >= r->blen) {
            int f = rd_fill(r);
            if (f < 0)
                return -1;
            if (f == 0)
                break;
        }
        any = 1;
        const char *s = r->blk + r->bpos;
        size_t avail = r->blen - r->bpos;
        const char *nl = memchr(s, '\n', avail);
        size_t take = nl ? (size_t)(nl - s) : avail;
        if (!*too_long) {
            if (r->line.n + take > DY_INPUT_MAX_RECORD) {
                *too_long = 1;
                r->line.n = 0;
            } else if (!dy_buf_put(&r->line, s, take)) {
                return -1;
            }
        }
        r->bpos += take + (nl != NULL);
        if (nl)
            break;
    }
    if (!any)
        return 0;
    r->lineno++;
    if (r->line.n && r->line.p[r->line.n - 1] == '\r')
        r->line.n--;
    *p = r->line.p ? r->line.p : "";
    *n = r->line.n;
    if (r->lineno == 1 && *n >= 3 && !memcmp(*p, "\xEF\xBB\xBF", 3)) {
        *p += 3;
        *n -= 3;
    }
    return 1;
}

/* ---------------------------------------------------------------- diagnostics */

static void rd_report(dyad_reader *r, uint32_t line, const char *id, dyad_status code, const char *msg)
{
    if (!r->diag)
        return;
    dyad_error e;
    memset(&e, 0, sizeof e);
    e.code = code;
    e.msg = msg;
    e.path = r->path;
    e.line = line;
    if (id) {
        size_t k = strlen(id);
        if (k >= sizeof e.detail)
            k = sizeof e.detail - 1;
        memcpy(e.detail, id, k);
    }
    r->diag(r->diag_user, &e);
}

void dy_rd_reject(dyad_reader *r, uint32_t line, const char *id, const char *msg)
{
    r->st.records_read++;
    r->st.records_rejected++;
    rd_report(r, line, id, DYAD_E_SYNTAX, msg);
}

void dy_rd_warn(dyad_reader *r, uint32_t line, const char *id, dyad_status code, const char *msg)
{
    rd_report(r, line, id, code, msg);
}

/* ---------------------------------------------------------------- documents */

typedef struct rd_sentvec {
    dy_sentence *p;
    size_t n, cap;
} rd_sentvec;

void dy_rd_doc_begin(dyad_reader *r, uint32_t line)
{
    dyad_doc *d = &r->doc;
    dy_arena ar = d->arena;
    dy_arena_reset(&ar);
    memset(d, 0, sizeof *d);
    d->arena = ar;
    d->path = r->path;
    d->line = line;
    d->id = "";
    d->date = "";
    d->source = "";
    d->url = "";
    d->category = "";
    d->is_sentence = 1;
}

int dy_rd_doc_add(dyad_reader *r, const dy_sentence *s)
{
    dyad_doc *d = &r->doc;
    /* Grow by doubling inside the arena; old arrays are simply abandoned. */
    if ((d->nsent & (d->nsent - 1)) == 0) {
        size_t cap = d->nsent ? (size_t)d->nsent * 2 : 1, bytes;
        if (!dy_mul_ok(cap, sizeof *s, &bytes))
            return -1;
        dy_sentence *p = dy_arena_alloc(&d->arena, bytes);
        if (!p)
            return -1;
        if (d->nsent)
            memcpy(p, d->sents, d->nsent * sizeof *s);
        d->sents = p;
    }
    d->sents[d->nsent++] = *s;
    return 0;
}

int dy_rd_doc_text(dyad_reader *r, const char *text, size_t n)
{
    dyad_doc *d = &r->doc;
    dy_sentence *s;
    uint32_t ns, forced;
    if (dy_text_sentences(&d->arena, text, n, &s, &ns, &forced) != 0)
        return -1;
    d->sents = s;
    d->nsent = ns;
    if (forced)
        dy_rd_warn(r, d->line, d->id, DYAD_E_LIMIT,
                   "warning: a sentence longer than the token limit was split (not truncated)");
    return 0;
}

const char *dy_rd_default_id(dyad_reader *r, uint32_t line)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, ":%u", (unsigned)line);
    size_t bl = strlen(r->base), tl = strlen(tmp);
    char *s = dy_arena_alloc(&r->doc.arena, bl + tl + 1);
    if (!s)
        return "";
    memcpy(s, r->base, bl);
    memcpy(s + bl, tmp, tl + 1);
    return s;
}

static const dyad_doc *rd_accept(dyad_reader *r)
{
    r->st.records_read++;
    r->st.sentences += r->doc.nsent;
    return &r->doc;
}

static const dyad_doc *rd_nomem(dyad_reader *r, dyad_error *err)
{
    dy_fail(err, DYAD_E_NOMEM, "out of memory", r->path, r->lineno, 0, NULL, 0);
    r->finished = 1;
    return NULL;
}

static const dyad_doc *rd_ioerr(dyad_reader *r, dyad_error *err)
{
    dy_fail(err, DYAD_E_IO, "read error", r->path, r->lineno, 0, strerror(errno), strlen(strerror(errno)));
    r->finished = 1;
    return NULL;
}

/* ---------------------------------------------------------------- dates */

static int rd_digits(const char *s, size_t n, uint32_t *v)
{
    uint32_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (uint32_t)(s[i] - '0');
    }
    *v = x;
    return 0;
}

int dy_date_parse(const char *s, size_t n, char iso[11], uint32_t *num)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    uint32_t y, m, d;
    if (n == 8 && rd_digits(s, 8, &y) == 0) {
        d = y % 100;
        m = y / 100 % 100;
        y /= 10000;
    } else if (n == 6 && rd_digits(s, 6, &y) == 0) {
        d = y % 100;
        m = y / 100 % 100;
        y /= 10000;
        y += y < 50 ? 2000 : 1900;
    } else if (n >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] && rd_digits(s, 4, &y) == 0 &&
               rd_digits(s + 5, 2, &m) == 0 && rd_digits(s + 8, 2, &d) == 0 &&
               (n == 10 || s[10] == 'T' || s[10] == ' ')) {
    } else {
        return -1;
    }
    static const uint8_t mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    if (y > 9999)
        return -1;
    const uint32_t parts[3] = {y, m, d};
    const int widths[3] = {4, 2, 2};
    char *o = iso;
    for (int k = 0; k < 3; k++) {
        for (int w = widths[k]; w-- > 0;)
            *o++ = (char)('0' + parts[k] / (w == 3 ? 1000 : w == 2 ? 100 : w == 1 ? 10 : 1) % 10);
        *o++ = k < 2 ? '-' : 0;
    }
    *num = y * 10000 + m * 100 + d;
    return 0;
}

/* Set doc date from s; returns -1 (and leaves it unset) when invalid. */
static int rd_set_date(dyad_reader *r, const char *s, size_t n)
{
    char iso[11];
    uint32_t num;
    if (dy_date_parse(s, n, iso, &num) != 0)
        return -1;
    const char *p = dy_arena_strndup(&r->doc.arena, iso, 10);
    if (!p)
        return -1;
    r->doc.date = p;
    r->doc.date_num = num;
    return 0;
}

static bool rd_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return false;
    return true;
}

/* ---------------------------------------------------------------- plain text */

static const dyad_doc *rd_next_text(dyad_reader *r, dyad_error *err)
{
    const char *p;
    size_t n;
    int tl, rc;
    r->rec.n = 0;
    int big = 0, any = 0;
    while ((rc = dy_rd_line(r, &p, &n, &tl)) == 1) {
        any = 1;
        if (tl || r->rec.n + n + 1 > DY_INPUT_MAX_RECORD)
            big = 1;
        if (!big && (!dy_buf_put(&r->rec, p, n) || !dy_buf_putc(&r->rec, '\n')))
            return rd_nomem(r, err);
    }
    r->finished = 1;
    if (rc < 0)
        return rd_ioerr(r, err);
    if (!any || rd_blank(r->rec.p, r->rec.n))
        return NULL;
    dy_rd_doc_begin(r, 1);
    r->doc.id = r->base;
    if (big) {
        dy_rd_reject(r, 1, r->doc.id, "document larger than the 64 MiB record limit");
        return NULL;
    }
    if (dy_rd_doc_text(r, r->rec.p, r->rec.n) != 0)
        return rd_nomem(r, err);
    return rd_accept(r);
}

/* ---------------------------------------------------------------- JSON lines */

static const char *rd_json_str(dyad_reader *r, json_t *o, const char *key, int *bad)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return dy_arena_strndup(&r->doc.arena, json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
        return dy_arena_strndup(&r->doc.arena, tmp, strlen(tmp));
    }
    *bad = 1;
    return NULL;
}

static const dyad_doc *rd_next_jsonl(dyad_reader *r, dyad_error *err)
{
    const char *p;
    size_t n;
    int tl, rc;
    while ((rc = dy_rd_line(r, &p, &n, &tl)) == 1) {
        uint32_t line = r->lineno;
        if (tl) {
            dy_rd_reject(r, line, NULL, "line longer than the 64 MiB record limit");
            continue;
        }
        if (rd_blank(p, n))
            continue;
        dy_rd_doc_begin(r, line);
        json_error_t je;
        json_t *o = json_loadb(p, n, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
        if (!o || !json_is_object(o)) {
            json_decref(o);
            dy_rd_reject(r, line, NULL, o ? "not a JSON object" : "invalid JSON");
            continue;
        }
        const char *why = NULL;
        int bad = 0;
        const char *id = rd_json_str(r, o, "id", &bad);
        r->doc.id = id && *id ? id : dy_rd_default_id(r, line);
        if (bad)
            why = "\"id\" is neither a string nor an integer";
        json_t *t = json_object_get(o, "text");
        json_t *dt = json_object_get(o, "date");
        if (!why && (!t || !json_is_string(t)))
            why = "missing or non-string \"text\"";
        if (!why && dt && !json_is_null(dt)) {
            if (!json_is_string(dt))
                why = "\"date\" is not a string";
            else if (json_string_length(dt) && rd_set_date(r, json_string_value(dt), json_string_length(dt)) != 0)
                why = "bad date (want YYYY-MM-DD, YYYYMMDD or YYMMDD)";
        }
        if (!why) {
            const char *src = rd_json_str(r, o, "source", &bad);
            const char *url = rd_json_str(r, o, "url", &bad);
            r->doc.source = src ? src : "";
            r->doc.url = url ? url : "";
            if (dy_rd_doc_text(r, json_string_value(t), json_string_length(t)) != 0) {
                json_decref(o);
                return rd_nomem(r, err);
            }
        }
        json_decref(o);
        if (why) {
            dy_rd_reject(r, line, r->doc.id, why);
            continue;
        }
        return rd_accept(r);
    }
    r->finished = 1;
    return rc < 0 ? rd_ioerr(r, err) : NULL;
}

/* ---------------------------------------------------------------- CSV */

/* Gather one RFC 4180 record (quoted fields may hold newlines) into r->rec.
 * Returns 1, 0 at end, -1 on I/O error, 2 when it exceeded the limit. */
static int rd_csv_record(dyad_reader *r, uint32_t *start)
{
    const char *p;
    size_t n;
    int tl, rc;
    r->rec.n = 0;
    int inq = 0, first = 1, big = 0;
    while ((rc = dy_rd_line(r, &p, &n, &tl)) == 1) {
        if (first) {
            *start = r->lineno;
            if (!tl && n == 0)
                continue; /* blank line between records */
        }
        first = 0;
        if (tl || r->rec.n + n + 1 > DY_INPUT_MAX_RECORD)
            big = 1;
        for (const char *q = p; (q = memchr(q, '"', n - (size_t)(q - p))) != NULL; q++)
            inq = !inq;
        if (!big) {
            if (r->rec.n && !dy_buf_putc(&r->rec, '\n'))
                return -1;
            if (!dy_buf_put(&r->rec, p, n))
                return -1;
        }
        if (!inq)
            return big ? 2 : 1;
    }
    if (rc < 0)
        return -1;
    return first ? 0 : big ? 2 : 1; /* an unterminated quote ends at end of file */
}

/* Append s[i..) up to the first byte c (or n) to r->aux; returns where it stopped.
 * Fields are long runs of text: memchr and memcpy, not a byte at a time. */
static size_t rd_csv_run(dyad_reader *r, const char *s, size_t i, size_t n, char c)
{
    const char *q = memchr(s + i, c, n - i);
    size_t stop = q ? (size_t)(q - s) : n;
    memcpy(r->aux.p + r->aux.n, s + i, stop - i);
    r->aux.n += stop - i;
    return stop;
}

/* Split r->rec into fields, unquoting into r->aux; offsets in f[2k], f[2k+1]. */
static size_t rd_csv_fields(dyad_reader *r, size_t **offs, size_t *cap)
{
    const char *s = r->rec.p ? r->rec.p : "";
    size_t n = r->rec.n, nf = 0;
    r->aux.n = 0;
    if (!dy_buf_reserve(&r->aux, n + 1))
        return SIZE_MAX;
    size_t i = 0;
    for (;;) {
        size_t a = r->aux.n;
        if (i < n && s[i] == '"') {
            i++;
            while ((i = rd_csv_run(r, s, i, n, '"')) < n) {
                if (i + 1 < n && s[i + 1] == '"') {
                    r->aux.p[r->aux.n++] = '"';
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
        }
        /* a plain field, or text after the closing quote (lenient): keep it */
        i = rd_csv_run(r, s, i, n, ',');
        size_t nf2 = nf * 2 + 2;
        if (nf2 > *cap && !dy_grow((void **)offs, cap, nf2, sizeof **offs))
            return SIZE_MAX;
        (*offs)[nf * 2] = a;
        (*offs)[nf * 2 + 1] = r->aux.n;
        nf++;
        if (i >= n)
            break;
        i++; /* the comma */
    }
    return nf;
}

static int rd_csv_col(const char *name, size_t n, const char *const *names)
{
    for (size_t k = 0; names[k]; k++)
        if (strlen(names[k]) == n && strncasecmp(name, names[k], n) == 0)
            return 1;
    return 0;
}

static const dyad_doc *rd_next_csv(dyad_reader *r, dyad_error *err)
{
    static const char *const id_names[] = {"id", "index", "doc_id", "docid", "aid", NULL};
    static const char *const date_names[] = {"date", "publish_date", "published", "pubdate", "datetime", NULL};
    static const char *const text_names[] = {"text", "body", "content", "article", "story", "sentence", NULL};
    static const char *const src_names[] = {"source", "publisher", "outlet", NULL};
    static const char *const url_names[] = {"url", "link", NULL};
    size_t *offs = NULL, cap = 0;
    const dyad_doc *out = NULL;
    int rc;
    uint32_t start = 0;
    while ((rc = rd_csv_record(r, &start)) != 0) {
        if (rc < 0) {
            out = r->ioerr ? rd_ioerr(r, err) : rd_nomem(r, err);
            goto done;
        }
        if (rc == 2) {
            if (!r->csv_ready) {
                dy_fail(err, DYAD_E_SYNTAX, "CSV header longer than the record limit", r->path, start, 0, NULL, 0);
                r->finished = 1;
                goto done;
            }
            dy_rd_reject(r, start, NULL, "CSV row longer than the 64 MiB record limit");
            continue;
        }
        size_t nf = rd_csv_fields(r, &offs, &cap);
        if (nf == SIZE_MAX) {
            out = rd_nomem(r, err);
            goto done;
        }
        const char *f = r->aux.p;
        if (!r->csv_ready) {
            r->col_id = r->col_date = r->col_text = r->col_source = r->col_url = -1;
            for (size_t k = 0; k < nf; k++) {
                const char *nm = f + offs[2 * k];
                size_t nl = offs[2 * k + 1] - offs[2 * k];
                while (nl && isspace((unsigned char)*nm))
                    nm++, nl--;
                while (nl && isspace((unsigned char)nm[nl - 1]))
                    nl--;
                int *slot = rd_csv_col(nm, nl, id_names) || (nl == 0 && k == 0) ? &r->col_id
                            : rd_csv_col(nm, nl, date_names)                     ? &r->col_date
                            : rd_csv_col(nm, nl, text_names)                     ? &r->col_text
                            : rd_csv_col(nm, nl, src_names)                      ? &r->col_source
                            : rd_csv_col(nm, nl, url_names)                      ? &r->col_url
                                                                                 : NULL;
                if (slot && *slot < 0)
                    *slot = (int)k;
            }
            r->ncols = (int)nf;
            r->csv_ready = 1;
            if (r->col_text < 0) {
                dy_fail(err, DYAD_E_SYNTAX, "CSV header has no text column (text, body or content)", r->path,
                        start, 0, NULL, 0);
                r->finished = 1;
                goto done;
            }
            continue;
        }
        if (nf == 1 && offs[1] == offs[0])
            continue; /* empty row */
        dy_rd_doc_begin(r, start);
#define RD_FIELD(c) ((c) >= 0 && (size_t)(c) < nf)
#define RD_FSTR(c) dy_arena_strndup(&r->doc.arena, f + offs[2 * (c)], offs[2 * (c) + 1] - offs[2 * (c)])
        const char *id = RD_FIELD(r->col_id) ? RD_FSTR(r->col_id) : NULL;
        r->doc.id = id && *id ? id : dy_rd_default_id(r, start);
        if (!RD_FIELD(r->col_text)) {
            dy_rd_reject(r, start, r->doc.id, "CSV row has fewer fields than the header");
            continue;
        }
        if (RD_FIELD(r->col_date) && offs[2 * r->col_date + 1] > offs[2 * r->col_date] &&
            rd_set_date(r, f + offs[2 * r->col_date], offs[2 * r->col_date + 1] - offs[2 * r->col_date]) != 0) {
            dy_rd_reject(r, start, r->doc.id, "bad date (want YYYY-MM-DD, YYYYMMDD or YYMMDD)");
            continue;
        }
        if (RD_FIELD(r->col_source))
            r->doc.source = RD_FSTR(r->col_source);
        if (RD_FIELD(r->col_url))
            r->doc.url = RD_FSTR(r->col_url);
        if (!r->doc.id || !r->doc.source || !r->doc.url) {
            out = rd_nomem(r, err);
            goto done;
        }
#undef RD_FIELD
#undef RD_FSTR
        if (dy_rd_doc_text(r, f + offs[2 * r->col_text], offs[2 * r->col_text + 1] - offs[2 * r->col_text]) != 0) {
            out = rd_nomem(r, err);
            goto done;
        }
        out = rd_accept(r);
        goto done;
    }
    r->finished = 1;
done:
    free(offs);
    return out;
}

/* ---------------------------------------------------------------- CoNLL-U */

static const dyad_doc *rd_next_conllu(dyad_reader *r, dyad_error *err)
{
    const char *p;
    size_t n;
    int tl, rc;
    for (;;) {
        r->rec.n = 0;
        uint32_t start = 0;
        int big = 0;
        while ((rc = dy_rd_line(r, &p, &n, &tl)) == 1) {
            if (!tl && rd_blank(p, n)) {
                if (r->rec.n || big)
                    break;
                continue;
            }
            if (!r->rec.n && !big)
                start = r->lineno;
            if (tl || r->rec.n + n + 1 > DY_INPUT_MAX_RECORD)
                big = 1;
            if (!big && (!dy_buf_put(&r->rec, p, n) || !dy_buf_putc(&r->rec, '\n')))
                return rd_nomem(r, err);
        }
        if (rc < 0)
            return rd_ioerr(r, err);
        if (!r->rec.n && !big) {
            r->finished = 1;
            return NULL;
        }
        dy_rd_doc_begin(r, start);
        if (big) {
            dy_rd_reject(r, start, dy_rd_default_id(r, start), "sentence longer than the 64 MiB record limit");
            continue;
        }
        /* Comments: # sent_id = ..., # date = ... */
        const char *s = r->rec.p, *end = s + r->rec.n;
        const char *id = NULL;
        int bad_date = 0;
        for (const char *l = s; l < end;) {
            const char *e = memchr(l, '\n', (size_t)(end - l));
            if (!e)
                e = end;
            if (*l == '#') {
                const char *k = l + 1;
                while (k < e && *k == ' ')
                    k++;
                const char *eq = memchr(k, '=', (size_t)(e - k));
                if (eq) {
                    const char *kv = eq + 1;
                    while (kv < e && *kv == ' ')
                        kv++;
                    size_t kl = (size_t)(eq - k);
                    while (kl && k[kl - 1] == ' ')
                        kl--;
                    if (kl == 7 && !memcmp(k, "sent_id", 7))
                        id = dy_arena_strndup(&r->doc.arena, kv, (size_t)(e - kv));
                    else if (kl == 4 && !memcmp(k, "date", 4))
                        bad_date = rd_set_date(r, kv, (size_t)(e - kv)) != 0;
                }
            }
            l = e + 1;
        }
        r->doc.id = id && *id ? id : dy_rd_default_id(r, start);
        if (bad_date) {
            dy_rd_reject(r, start, r->doc.id, "bad date in '# date =' comment");
            continue;
        }
        dy_sentence sent;
        dyad_error pe;
        memset(&pe, 0, sizeof pe);
        int prc = dy_conllu_parse(&r->doc.arena, s, r->rec.n, &sent, &pe);
        if (prc == DYAD_E_NOMEM)
            return rd_nomem(r, err);
        if (prc != DYAD_OK) {
            dy_rd_reject(r, start + (pe.line ? (uint32_t)pe.line - 1 : 0), r->doc.id, pe.msg);
            continue;
        }
        if (dy_rd_doc_add(r, &sent) != 0)
            return rd_nomem(r, err);
        return rd_accept(r);
    }
}

/* ---------------------------------------------------------------- detection */

static dyad_format rd_by_extension(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return DYAD_FMT_AUTO;
    static const struct {
        const char *ext;
        dyad_format f;
    } map[] = {{".txt", DYAD_FMT_TEXT},   {".jsonl", DYAD_FMT_JSONL},  {".ndjson", DYAD_FMT_JSONL},
               {".csv", DYAD_FMT_CSV},    {".text", DYAD_FMT_TABARI},  {".xml", DYAD_FMT_PETRARCH_XML},
               {".conllu", DYAD_FMT_CONLLU}, {".conll", DYAD_FMT_CONLLU}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcasecmp(dot, map[i].ext))
            return map[i].f;
    return DYAD_FMT_AUTO;
}

static dyad_format rd_by_content(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i >= n)
        return DYAD_FMT_TEXT;
    if (s[i] == '{')
        return DYAD_FMT_JSONL;
    if (s[i] == '<')
        return DYAD_FMT_PETRARCH_XML;
    /* The first line decides between TABARI, CoNLL-U and CSV. */
    const char *l = s + i, *e = memchr(l, '\n', n - i);
    size_t ll = e ? (size_t)(e - l) : n - i;
    size_t d = 0;
    while (d < ll && isdigit((unsigned char)l[d]))
        d++;
    if (d == 6 && d < ll && (l[d] == ' ' || l[d] == '\t' || l[d] == '*'))
        return DYAD_FMT_TABARI;
    size_t tabs = 0;
    for (size_t k = 0; k < ll; k++)
        tabs += l[k] == '\t';
    if ((d > 0 && tabs >= 7) || (ll > 9 && !memcmp(l, "# sent_id", 9)) || (ll > 10 && !memcmp(l, "# newdoc", 8)))
        return DYAD_FMT_CONLLU;
    /* A CSV header naming a text column. */
    if (memchr(l, ',', ll)) {
        static const char *const text_cols[] = {"text", "body", "content", "article", NULL};
        size_t a = 0;
        for (size_t k = 0; k <= ll; k++)
            if (k == ll || l[k] == ',') {
                size_t b = k;
                size_t x = a;
                while (x < b && (l[x] == '"' || l[x] == ' '))
                    x++;
                while (b > x && (l[b - 1] == '"' || l[b - 1] == ' ' || l[b - 1] == '\r'))
                    b--;
                if (rd_csv_col(l + x, b - x, text_cols))
                    return DYAD_FMT_CSV;
                a = k + 1;
            }
    }
    if (ll > 0 && l[0] == '#') {
        /* TABARI files open with '#' banners: look for a "YYMMDD ID" line. */
        for (size_t k = i; k + 7 < n; k++)
            if ((k == 0 || s[k - 1] == '\n')) {
                size_t q = 0;
                while (k + q < n && isdigit((unsigned char)s[k + q]))
                    q++;
                if (q == 6 && k + q < n && (s[k + q] == ' ' || s[k + q] == '\t'))
                    return DYAD_FMT_TABARI;
            }
    }
    return DYAD_FMT_TEXT;
}

/* ---------------------------------------------------------------- public API */

static dyad_reader *rd_new(const char *name, dyad_format fmt, dyad_diag_fn diag, void *user, dyad_error *err)
{
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", name, 0, 0, NULL, 0);
        return NULL;
    }
    r->fmt = fmt;
    r->diag = diag;
    r->diag_user = user;
    r->path = strdup(name ? name : "-");
    const char *slash = r->path ? strrchr(r->path, '/') : NULL;
    r->base = strdup(slash ? slash + 1 : (r->path ? r->path : "-"));
    if (!r->path || !r->base) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", name, 0, 0, NULL, 0);
        dyad_reader_free(r);
        return NULL;
    }
    /* Big enough that a typical news article lives in the first block, which
     * dy_arena_reset keeps: no malloc/free churn per document. */
    dy_arena_init(&r->doc.arena, 256 * 1024);
    return r;
}

static int rd_check_fmt(dyad_format fmt, const char *name, dyad_error *err)
{
    if ((unsigned)fmt > DYAD_FMT_CSV)
        return dy_fail(err, DYAD_E_ARG, "unknown input format", name, 0, 0, NULL, 0);
    return DYAD_OK;
}

dyad_reader *dyad_reader_open(const char *path, dyad_format fmt, dyad_diag_fn diag, void *diag_user,
                              dyad_error *err)
{
    int is_stdin = !path || !strcmp(path, "-");
    if (rd_check_fmt(fmt, path, err))
        return NULL;
    dyad_reader *r = rd_new(is_stdin ? "-" : path, fmt, diag, diag_user, err);
    if (!r)
        return NULL;
    if (is_stdin) {
        r->fp = stdin;
    } else {
        r->fp = fopen(path, "rb");
        r->own_fp = 1;
        if (!r->fp) {
            const char *why = strerror(errno);
            dy_fail(err, DYAD_E_IO, "cannot open input file", path, 0, 0, why, strlen(why));
            r->own_fp = 0;
            dyad_reader_free(r);
            return NULL;
        }
    }
    r->blk = malloc(RD_BLOCK);
    if (!r->blk) {
        dy_fail(err, DYAD_E_NOMEM, "out of memory", path, 0, 0, NULL, 0);
        dyad_reader_free(r);
        return NULL;
    }
    if (r->fmt == DYAD_FMT_AUTO && !is_stdin)
        r->fmt = rd_by_extension(path);
    if (r->fmt == DYAD_FMT_AUTO) {
        /* Peek at the first block without consuming it. */
        if (rd_fill(r) < 0) {
            dy_fail(err, DYAD_E_IO, "read error", r->path, 0, 0, NULL, 0);
            dyad_reader_free(r);
            return NULL;
        }
        r->fmt = rd_by_content(r->blk, r->blen);
    }
    return r;
}

dyad_reader *dyad_reader_open_mem(const char *buf, size_t len, const char *name, dyad_format fmt,
                                  dyad_diag_fn diag, void *diag_user, dyad_error *err)
{
    if (rd_check_fmt(fmt, name, err))
        return NULL;
    if (!buf && len) {
        dy_fail(err, DYAD_E_ARG, "NULL buffer", name, 0, 0, NULL, 0);
        return NULL;
    }
    dyad_reader *r = rd_new(name ? name : "<memory>", fmt, diag, diag_user, err);
    if (!r)
        return NULL;
    r->mem = buf ? buf : "";
    r->memlen = len;
    r->st.bytes = len;
    if (r->fmt == DYAD_FMT_AUTO && name)
        r->fmt = rd_by_extension(name);
    if (r->fmt == DYAD_FMT_AUTO)
        r->fmt = rd_by_content(r->mem, len < RD_BLOCK ? len : RD_BLOCK);
    return r;
}

const dyad_doc *dyad_reader_next(dyad_reader *r, dyad_error *err)
{
    if (err)
        dy_error_clear(err);
    if (!r || r->finished)
        return NULL;
    switch (r->fmt) {
    case DYAD_FMT_TEXT:
        return rd_next_text(r, err);
    case DYAD_FMT_JSONL:
        return rd_next_jsonl(r, err);
    case DYAD_FMT_CSV:
        return rd_next_csv(r, err);
    case DYAD_FMT_CONLLU:
        return rd_next_conllu(r, err);
    case DYAD_FMT_TABARI:
        return dy_rd_next_tabari(r, err);
    case DYAD_FMT_PETRARCH_XML:
        return dy_rd_next_petrxml(r, err);
    default:
        return NULL;
    }
}

const dyad_doc *dy_rd_accept(dyad_reader *r) { return rd_accept(r); }

void dyad_reader_free(dyad_reader *r)
{
    if (!r)
        return;
    if (r->own_fp && r->fp)
        fclose(r->fp);
    dy_rd_petrxml_free(r);
    free(r->blk);
    free(r->path);
    free(r->base);
    dy_buf_free(&r->line);
    dy_buf_free(&r->rec);
    dy_buf_free(&r->aux);
    dy_buf_free(&r->tb_pend);
    dy_arena_free(&r->doc.arena);
    free(r);
}

void dyad_reader_get_stats(const dyad_reader *r, dyad_read_stats *out)
{
    if (!out)
        return;
    if (!r) {
        memset(out, 0, sizeof *out);
        return;
    }
    *out = r->st;
    if (r->mem)
        out->bytes = r->mempos < r->memlen ? r->mempos : r->memlen;
}

const char *dyad_doc_id(const dyad_doc *d) { return d && d->id ? d->id : ""; }
const char *dyad_doc_date(const dyad_doc *d) { return d && d->date ? d->date : ""; }
size_t dyad_doc_sentence_count(const dyad_doc *d) { return d ? d->nsent : 0; }

const char *dyad_doc_sentence_text(const dyad_doc *d, size_t i, size_t *len)
{
    if (!d || i >= d->nsent)
        return NULL;
    if (len)
        *len = d->sents[i].len;
    return d->sents[i].text;
}
