/* text.h — dyad's raw-text layer: tokeniser and sentence splitter.
 * (Owner: the input/text module. The coder calls dy_text_tokenize on
 * sentences that arrive without tokens.) */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include "tree/tree.h"
#include "util/util.h"

/* Tokenise text[0..n) (valid UTF-8) into out->toks/out->ntok, allocating in a;
 * out->text/out->len are set to the text. Returns 0, or -1 on out-of-memory. */
int dy_text_tokenize(dy_arena *a, const char *text, size_t n, dy_sentence *out);

#endif
