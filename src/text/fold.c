#include "text/fold.h"

static size_t fd_encode(int32_t cp, char out[8])
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t dy_fold_cp(int32_t cp, char out[8])
{
    if (cp < 0x80) {
        out[0] = (char)((cp >= 'a' && cp <= 'z') ? cp - 32 : cp);
        return 1;
    }
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
        out[0] = '\'';
        return 1;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
        out[0] = '"';
        return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        out[0] = '-';
        return 1;
    case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x202F:
        out[0] = ' ';
        return 1;
    case 0x2026:
        memcpy(out, "...", 3);
        return 3;
    case 0x00DF:
        memcpy(out, "SS", 2);
        return 2;
    default:
        break;
    }
    utf8proc_int32_t dec[8];
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK, NULL);
    size_t n = 0;
    if (k <= 0 || k > 8)
        return fd_encode(utf8proc_toupper(cp), out);
    for (utf8proc_ssize_t i = 0; i < k && n < 4; i++) {
        int32_t c = utf8proc_toupper(dec[i]);
        char tmp[8];
        size_t m = c < 0x80 ? (tmp[0] = (char)c, 1) : fd_encode(c, tmp);
        if (n + m > 8)
            break;
        memcpy(out + n, tmp, m);
        n += m;
    }
    return n;
}

size_t dy_fold_utf8(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            unsigned char c = p[i++];
            out[o++] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
            continue;
        }
        int32_t cp;
        size_t k = dy_utf8_decode(p + i, n - i, &cp);
        i += k ? k : 1;
        char tmp[8];
        size_t m = dy_fold_cp(cp, tmp);
        memcpy(out + o, tmp, m);
        o += m;
    }
    return o;
}

bool dy_fold(const char *s, size_t n, dy_buf *out)
{
    size_t room;
    if (!dy_mul_ok(n, 4, &room) || !dy_buf_reserve(out, room))
        return false;
    out->n += dy_fold_into(s, n, out->p + out->n);
    return true;
}
