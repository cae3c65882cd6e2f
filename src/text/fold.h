/* fold.h — the one normalisation that dictionaries and tokens share, so a
 * dictionary word and a text word compare equal exactly when they should:
 * Unicode compatibility decomposition, accents stripped, letters upper-cased.
 * Typographic quotes and dashes fold to their ASCII forms. */
#ifndef DY_FOLD_H
#define DY_FOLD_H

#include "util/util.h"

/* Append the folded form of s[0..n) to out. Invalid UTF-8 becomes U+FFFD.
 * Returns false only on out-of-memory. */
bool dy_fold(const char *s, size_t n, dy_buf *out);

/* Fold one code point to ASCII-compatible upper case into out[0..4);
 * returns the number of bytes written (0 when the code point is dropped). */
size_t dy_fold_cp(int32_t cp, char out[8]);

#endif
