/* codebook.h — the compiled CAMEO codebook (internal).
 *
 * cmake/gen-codebook.cmake turns data/codebook/cameo.tsv into
 * ${CMAKE_BINARY_DIR}/gen/codebook_table.c, which defines these read-only
 * tables. Rows are in code order, and dy_codebook_keys[i] is the order-keeping
 * integer key of row i (dy_codebook_key), so a lookup is a binary search over
 * small integers instead of strings.
 */
#ifndef DY_CODEBOOK_H
#define DY_CODEBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

extern const dyad_code_info dy_codebook_rows[];
extern const uint16_t dy_codebook_keys[];
extern const size_t dy_codebook_nrows;
/* Bit (1u << scale) set: a code that scale does not list takes its root's
 * value; clear: its nearest listed ancestor's (cmake/gen-codebook.cmake). */
extern const unsigned dy_codebook_root_fallback;
/* The scale and scheme that DYAD_SCALE_DEFAULT and DYAD_QUADS_DEFAULT stand for. */
extern const dyad_scale dy_codebook_default_scale;
extern const dyad_quad_scheme dy_codebook_default_quads;

/* Key of a code of 2-4 digits, read as base-11 digits d+1 padded with 0 to four
 * places: it keeps string order ("02" < "020" < "0201" < "021"), and the
 * largest key ("9999") is 11^4 - 1 = 14640. Returns -1 unless 2-4 digits. */
static inline int32_t dy_codebook_key(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return -1;
    int32_t k = 0;
    for (size_t i = 0; i < 4; i++) {
        int32_t d = 0;
        if (i < n) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            d = s[i] - '0' + 1;
        }
        k = k * 11 + d;
    }
    return k;
}

#endif
