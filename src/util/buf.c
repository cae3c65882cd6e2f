#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/util.h"

bool dy_grow_slow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (!dy_mul_ok(ncap, 2, &ncap))
            return false;
    }
    size_t bytes;
    if (!dy_mul_ok(ncap, elem, &bytes))
        return false;
    void *np = realloc(*p, bytes);
    if (!np)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

bool dy_buf_reserve(dy_buf *b, size_t extra)
{
    size_t need;
    if (!dy_add_ok(b->n, extra, &need) || !dy_add_ok(need, 1, &need))
        return false;
    void *p = b->p;
    if (!dy_grow(&p, &b->cap, need, 1))
        return false;
    b->p = p;
    return true;
}

bool dy_buf_put(dy_buf *b, const void *p, size_t n)
{
    if (!dy_buf_reserve(b, n))
        return false;
    if (n)
        memcpy(b->p + b->n, p, n);
    b->n += n;
    return true;
}

bool dy_buf_putc(dy_buf *b, char c)
{
    if (!dy_buf_reserve(b, 1))
        return false;
    b->p[b->n++] = c;
    return true;
}

bool dy_buf_printf(dy_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return false;
    if ((size_t)k < sizeof tmp)
        return dy_buf_put(b, tmp, (size_t)k);
    if (!dy_buf_reserve(b, (size_t)k))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
    return true;
}

const char *dy_buf_cstr(dy_buf *b)
{
    if (!dy_buf_reserve(b, 0))
        return NULL;
    b->p[b->n] = 0;
    return b->p;
}

void dy_buf_free(dy_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}
