/* fold.h — the one normalisation that dictionaries and tokens share, so a
 * dictionary word and a text word compare equal exactly when they should:
 * Unicode compatibility decomposition, accents stripped, letters upper-cased.
 * Typographic quotes and dashes fold to their ASCII forms.
 *
 * Also the one place text is decoded from UTF-8 (dy_utf8_decode), so the
 * tokeniser, the repair pass and the folding agree on what is invalid. */
#ifndef DY_FOLD_H
#define DY_FOLD_H

#include <utf8proc.h>

#include "util/util.h"

/* Decode the code point at s[0..n), n >= 1. Returns its length in bytes, or
 * 0 for an invalid sequence: *cp is then U+FFFD and the caller decides how to
 * go on (skip one byte, reject, or count it as a word character). */
static inline size_t dy_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 0;
    }
    *cp = c;
    return (size_t)k;
}

/* dy_fold_into from the first non-ASCII byte on. */
size_t dy_fold_utf8(const char *s, size_t n, char *out);

/* Fold s[0..n) into out, which must have room for 4n bytes (a code point
 * takes at least two bytes and folds to at most seven; an invalid byte
 * becomes U+FFFD, three). Returns the number of bytes written; no NUL.
 * Inline because every token goes through it and most are short ASCII. */
static inline size_t dy_fold_into(const char *s, size_t n, char *out)
{
    size_t i = 0;
    /* Eight ASCII bytes at a time: flip bit 5 of the bytes in 'a'..'z'. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        uint64_t ge_a = w + 0x1F1F1F1F1F1F1F1Full; /* bit 7 set when byte >= 'a' */
        uint64_t gt_z = w + 0x0505050505050505ull; /* bit 7 set when byte > 'z' */
        w ^= (ge_a & ~gt_z & 0x8080808080808080ull) >> 2;
        memcpy(out + i, &w, 8);
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return i + dy_fold_utf8(s + i, n - i, out + i);
        out[i] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
    }
    return n;
}

/* Append the folded form of s[0..n) to out. Invalid UTF-8 becomes U+FFFD.
 * Returns false only on out-of-memory. */
bool dy_fold(const char *s, size_t n, dy_buf *out);

/* Fold one code point to ASCII-compatible upper case into out[0..8);
 * returns the number of bytes written (0 when the code point is dropped). */
size_t dy_fold_cp(int32_t cp, char out[8]);

#endif
