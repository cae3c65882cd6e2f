/* codebook.c — lookups over the compiled CAMEO codebook (codebook.h). */
#include <string.h>

#include "codebook/codebook.h"

const dyad_code_info *dyad_codebook_lookup_n(const char *code, size_t len)
{
    int32_t key = code ? dy_codebook_key(code, len) : -1;
    if (key < 0)
        return NULL;
    size_t lo = 0, hi = dy_codebook_nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dy_codebook_keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < dy_codebook_nrows && dy_codebook_keys[lo] == key ? &dy_codebook_rows[lo] : NULL;
}

const dyad_code_info *dyad_codebook_lookup(const char *code)
{
    /* Anything longer than four characters is not a code: no need to measure it all. */
    return code ? dyad_codebook_lookup_n(code, strnlen(code, 5)) : NULL;
}

size_t dyad_codebook_count(void)
{
    return dy_codebook_nrows;
}

const dyad_code_info *dyad_codebook_at(size_t i)
{
    return i < dy_codebook_nrows ? &dy_codebook_rows[i] : NULL;
}

const dyad_code_info *dyad_codebook_parent(const dyad_code_info *ci)
{
    if (!ci)
        return NULL;
    size_t n = strlen(ci->code);
    return n > 2 ? dyad_codebook_lookup_n(ci->code, n - 1) : NULL;
}

const dyad_code_info *dyad_codebook_value_from(const dyad_code_info *ci, dyad_scale s)
{
    if (!ci || (unsigned)s >= DYAD_SCALE_COUNT)
        return NULL;
    unsigned bit = 1u << s;
    if (!(ci->inherited & bit))
        return ci;
    if (dy_codebook_root_fallback & bit)
        return dyad_codebook_lookup(ci->root);
    const dyad_code_info *a = dyad_codebook_parent(ci);
    while (a && (a->inherited & bit))
        a = dyad_codebook_parent(a);
    return a;
}

/* ---- name search ------------------------------------------------------- */

static int cb_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int cb_alnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does some word of `name` begin with query word w[0..n)? */
static int cb_word_in(const char *name, const char *w, size_t n)
{
    for (const char *p = name; *p; p++) {
        if (!cb_alnum((unsigned char)*p) || (p > name && cb_alnum((unsigned char)p[-1])))
            continue;
        size_t i = 0;
        while (i < n && p[i] && cb_lower((unsigned char)p[i]) == cb_lower((unsigned char)w[i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static int cb_matches(const char *name, const char *query)
{
    int words = 0;
    const char *q = query;
    for (;;) {
        while (*q && !cb_alnum((unsigned char)*q))
            q++;
        if (!*q)
            break;
        const char *w = q;
        while (cb_alnum((unsigned char)*q))
            q++;
        size_t n = (size_t)(q - w);
        words++;
        /* "hostages" should find "take hostage": a final s is optional. */
        if (!cb_word_in(name, w, n) && !(n > 3 && cb_lower((unsigned char)w[n - 1]) == 's' &&
                                         cb_word_in(name, w, n - 1)))
            return 0;
    }
    return words > 0;
}

size_t dyad_codebook_find(const char *query, size_t start)
{
    if (!query)
        return dy_codebook_nrows;
    for (size_t i = start; i < dy_codebook_nrows; i++)
        if (cb_matches(dy_codebook_rows[i].name, query))
            return i;
    return dy_codebook_nrows;
}

/* ---- names ------------------------------------------------------------- */

static const char *const cb_scale_names[DYAD_SCALE_COUNT] = {"default", "gdelt", "phoenix", "icews"};
static const char *const cb_scheme_names[DYAD_QUADS_COUNT] = {"default", "phoenix", "icews"};

static int cb_streq_nocase(const char *a, const char *b)
{
    while (*a && cb_lower((unsigned char)*a) == cb_lower((unsigned char)*b))
        a++, b++;
    return *a == 0 && *b == 0;
}

const char *dyad_scale_name(dyad_scale s)
{
    if (s == DYAD_SCALE_DEFAULT)
        s = dy_codebook_default_scale;
    return (unsigned)s < DYAD_SCALE_COUNT ? cb_scale_names[s] : "";
}

const char *dyad_quad_scheme_name(dyad_quad_scheme s)
{
    if (s == DYAD_QUADS_DEFAULT)
        s = dy_codebook_default_quads;
    return (unsigned)s < DYAD_QUADS_COUNT ? cb_scheme_names[s] : "";
}

const char *dyad_quad_name(dyad_quad q)
{
    switch (q) {
    case DYAD_QUAD_NONE: return "neutral";
    case DYAD_QUAD_VERBAL_COOP: return "verbal-cooperation";
    case DYAD_QUAD_MATERIAL_COOP: return "material-cooperation";
    case DYAD_QUAD_VERBAL_CONFLICT: return "verbal-conflict";
    case DYAD_QUAD_MATERIAL_CONFLICT: return "material-conflict";
    }
    return "";
}

int dyad_scale_parse(const char *name, dyad_scale *out)
{
    for (unsigned i = 0; name && i < DYAD_SCALE_COUNT; i++)
        if (cb_streq_nocase(name, cb_scale_names[i])) {
            if (out)
                *out = (dyad_scale)i;
            return 0;
        }
    return -1;
}

int dyad_quad_scheme_parse(const char *name, dyad_quad_scheme *out)
{
    for (unsigned i = 0; name && i < DYAD_QUADS_COUNT; i++)
        if (cb_streq_nocase(name, cb_scheme_names[i])) {
            if (out)
                *out = (dyad_quad_scheme)i;
            return 0;
        }
    return -1;
}
