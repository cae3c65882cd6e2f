/* jsonl.c — a single-pass reader for the event lines `dyad code` writes.
 *
 * The store's loader spends most of its time here, so the common case (a
 * flat object of the known keys, docs/events.md) is parsed in one pass with
 * no allocation: the line is copied once into a scratch buffer and strings
 * are unescaped in place. Anything else (unknown or repeated keys, wrong
 * types, \u0000, numbers jansson would refuse, invalid UTF-8, syntax errors)
 * makes dy_jsonl_fast() return false and the caller parses the line with
 * jansson, which gives the reason for rejecting it. So the fast path never
 * accepts a line that jansson would reject, and reads the same values.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "store/storeint.h"

typedef struct jl {
    char *p, *end;
} jl;

static void jl_ws(jl *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int jl_hex(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static size_t jl_utf8(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    unsigned min, cp;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static char *jl_put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* A string at j->p (the opening quote), unescaped in place and
 * NUL-terminated: the output is never longer than the input. */
static const char *jl_str(jl *j)
{
    if (j->p >= j->end || *j->p != '"')
        return NULL;
    char *start = ++j->p, *o = start;
    char *p = start;
    while (p < j->end) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            *o = 0;
            j->p = p + 1;
            return start;
        }
        if (c < 0x20)
            return NULL;
        if (c < 0x80 && c != '\\') {
            *o++ = (char)c;
            p++;
            continue;
        }
        if (c >= 0x80) {
            size_t n = jl_utf8((const unsigned char *)p, (const unsigned char *)j->end);
            if (!n)
                return NULL;
            memmove(o, p, n);
            o += n;
            p += n;
            continue;
        }
        if (j->end - p < 2)
            return NULL;
        switch (p[1]) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            if (j->end - p < 6)
                return NULL;
            int cp = jl_hex(p + 2);
            if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                return NULL; /* \u0000 and lone low surrogates: jansson decides */
            p += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (j->end - p < 6 || p[0] != '\\' || p[1] != 'u')
                    return NULL;
                int lo = jl_hex(p + 2);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return NULL;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            o = jl_put_utf8(o, (unsigned)cp);
            continue;
        }
        default: return NULL;
        }
        p += 2;
    }
    return NULL;
}

/* A JSON number: an integer (no fraction or exponent, at most 18 digits, so
 * it fits jansson's json_int_t) or a finite real. */
static bool jl_num(jl *j, bool *is_int, long long *iv, double *dv)
{
    char *s = j->p, *p = s;
    if (p < j->end && *p == '-')
        p++;
    if (p >= j->end || *p < '0' || *p > '9')
        return false;
    if (*p == '0')
        p++;
    else
        while (p < j->end && *p >= '0' && *p <= '9')
            p++;
    bool real = false;
    if (p < j->end && *p == '.') {
        real = true;
        p++;
        if (p >= j->end || *p < '0' || *p > '9')
            return false;
        while (p < j->end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < j->end && (*p == 'e' || *p == 'E')) {
        real = true;
        p++;
        if (p < j->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= j->end || *p < '0' || *p > '9')
            return false;
        while (p < j->end && *p >= '0' && *p <= '9')
            p++;
    }
    char tmp[64];
    size_t n = (size_t)(p - s);
    if (n >= sizeof tmp)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    *is_int = !real;
    if (!real) {
        if (n - (tmp[0] == '-') > 18)
            return false;
        *iv = strtoll(tmp, NULL, 10);
        *dv = (double)*iv;
    } else {
        errno = 0;
        *dv = strtod(tmp, NULL);
        if (errno == ERANGE || isinf(*dv))
            return false;
    }
    j->p = p;
    return true;
}

static bool jl_null(jl *j)
{
    if (j->end - j->p >= 4 && !memcmp(j->p, "null", 4)) {
        j->p += 4;
        return true;
    }
    return false;
}

static bool jl_span(jl *j, dyad_span *sp)
{
    if (jl_null(j)) {
        sp->start = sp->end = 0;
        return true;
    }
    long long v[2];
    if (*j->p != '[')
        return false;
    j->p++;
    for (int i = 0; i < 2; i++) {
        bool is_int;
        double d;
        jl_ws(j);
        if (!jl_num(j, &is_int, &v[i], &d) || !is_int || v[i] < 0 || v[i] > UINT32_MAX)
            return false;
        jl_ws(j);
        if (j->p >= j->end || *j->p != (i == 0 ? ',' : ']'))
            return false;
        j->p++;
    }
    sp->start = (uint32_t)v[0];
    sp->end = (uint32_t)v[1];
    return true;
}

enum { JL_STR, JL_SENT, JL_QUAD, JL_GOLD, JL_SPAN };

bool dy_jsonl_fast(const char *line, size_t len, dy_buf *scratch, dyad_event *ev)
{
    scratch->n = 0;
    return dy_buf_reserve(scratch, len + 1) && dy_jsonl_fast_into(line, len, scratch->p, ev);
}

bool dy_jsonl_fast_into(const char *line, size_t len, char *dst, dyad_event *ev)
{
    memcpy(dst, line, len);
    jl j = {dst, dst + len};
    static const char empty[] = "";
    memset(ev, 0, sizeof *ev);
    ev->goldstein = NAN;
    const char **strs[] = {&ev->doc, &ev->date, &ev->source, &ev->target, &ev->code, &ev->root,
                           &ev->plover, &ev->source_text, &ev->target_text, &ev->verb_text,
                           &ev->pattern, &ev->issues, &ev->flags, &ev->sentence_text,
                           &ev->date_precision, &ev->doc_date};
#define JL_KEY(name, kind, slot) {name, sizeof name - 1, kind, slot}
    static const struct {
        const char *name;
        size_t len;
        unsigned char kind, slot;
    } keys[] = {
        JL_KEY("doc", JL_STR, 0), JL_KEY("date", JL_STR, 1), JL_KEY("source", JL_STR, 2),
        JL_KEY("target", JL_STR, 3), JL_KEY("code", JL_STR, 4), JL_KEY("root", JL_STR, 5),
        JL_KEY("plover", JL_STR, 6), JL_KEY("source_text", JL_STR, 7),
        JL_KEY("target_text", JL_STR, 8), JL_KEY("verb_text", JL_STR, 9),
        JL_KEY("pattern", JL_STR, 10), JL_KEY("issues", JL_STR, 11), JL_KEY("flags", JL_STR, 12),
        JL_KEY("sentence_text", JL_STR, 13), JL_KEY("sentence", JL_SENT, 0),
        JL_KEY("quad", JL_QUAD, 0), JL_KEY("goldstein", JL_GOLD, 0),
        JL_KEY("source_span", JL_SPAN, 0), JL_KEY("target_span", JL_SPAN, 1),
        JL_KEY("verb_span", JL_SPAN, 2), JL_KEY("date_precision", JL_STR, 14),
        JL_KEY("doc_date", JL_STR, 15),
    };
#undef JL_KEY
    dyad_span *spans[] = {&ev->source_span, &ev->target_span, &ev->verb_span};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        *strs[i] = empty;
    uint32_t seen = 0;
    jl_ws(&j);
    if (j.p >= j.end || *j.p != '{')
        return false;
    j.p++;
    jl_ws(&j);
    if (j.p < j.end && *j.p == '}')
        return false; /* no sentence: let jansson's path say so */
    for (;;) {
        jl_ws(&j);
        const char *key = jl_str(&j);
        if (!key)
            return false;
        /* length and first byte first: most keys differ in one of them */
        size_t k = 0, klen = strlen(key);
        while (k < sizeof keys / sizeof keys[0] &&
               (keys[k].len != klen || keys[k].name[0] != key[0] || memcmp(keys[k].name, key, klen)))
            k++;
        if (k == sizeof keys / sizeof keys[0] || (seen & (1u << k)))
            return false;
        seen |= 1u << k;
        jl_ws(&j);
        if (j.p >= j.end || *j.p != ':')
            return false;
        j.p++;
        jl_ws(&j);
        if (j.p >= j.end)
            return false;
        bool is_int;
        long long iv;
        double dv;
        switch (keys[k].kind) {
        case JL_STR:
            if (!jl_null(&j) && !(*strs[keys[k].slot] = jl_str(&j)))
                return false;
            break;
        case JL_SENT:
            if (!jl_num(&j, &is_int, &iv, &dv) || !is_int || iv < 0 || iv > UINT32_MAX)
                return false;
            ev->sentence = (uint32_t)iv;
            break;
        case JL_QUAD:
            if (jl_null(&j))
                break;
            if (!jl_num(&j, &is_int, &iv, &dv) || !is_int || iv < 0 || iv > 4)
                return false;
            ev->quad = (dyad_quad)iv;
            break;
        case JL_GOLD:
            if (jl_null(&j))
                break;
            if (!jl_num(&j, &is_int, &iv, &dv))
                return false;
            ev->goldstein = dv;
            break;
        case JL_SPAN:
            if (!jl_span(&j, spans[keys[k].slot]))
                return false;
            break;
        }
        jl_ws(&j);
        if (j.p >= j.end)
            return false;
        if (*j.p == '}') {
            j.p++;
            break;
        }
        if (*j.p != ',')
            return false;
        j.p++;
    }
    jl_ws(&j);
    /* "sentence" is required */
    return j.p == j.end && (seen & (1u << 14));
}
