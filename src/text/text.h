/* text.h — dyad's raw-text layer: UTF-8 repair, tokeniser and sentence splitter.
 * (Owner: the input/text module. The coder calls dy_text_tokenize on
 * sentences that arrive without tokens.)
 *
 * Tokens are byte slices of the sentence text plus their folded form `up`
 * (dy_fold: upper case, accents stripped, typographic quotes and dashes made
 * ASCII), NUL-terminated in the arena. Punctuation is split off; abbreviations
 * ("U.S.", "Mr."), numbers ("1,000", "3.5") and hyphenated words stay whole;
 * the possessive "'s" and the clitic "n't" are separate tokens, as in Penn. */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include "tree/tree.h"
#include "util/util.h"

/* A sentence longer than this many tokens is split at the limit (never
 * truncated) and the split is reported by dy_text_sentences. */
#define DY_TEXT_MAX_SENT_TOKENS 1000u

/* Tokenise text[0..n) (valid UTF-8) into out->toks/out->ntok, allocating in a;
 * out->text/out->len are set to the text. Returns 0, or -1 on out-of-memory.
 * Raw-text tokens get tag "" and pos DY_POS_X (DY_POS_PUNCT for punctuation). */
int dy_text_tokenize(dy_arena *a, const char *text, size_t n, dy_sentence *out);

/* Copy s[0..n) into a as valid, NUL-terminated UTF-8: invalid sequences become
 * U+FFFD and control characters other than tab/newline become spaces (so no
 * NUL hides inside a string). Returns NULL on out-of-memory. */
char *dy_utf8_repair(dy_arena *a, const char *s, size_t n, size_t *outn);
/* True when s[0..n) needs no repair (valid UTF-8, no stray control characters). */
bool dy_utf8_clean(const char *s, size_t n);

/* Split text[0..n) (any bytes: it is repaired first) into tokenised sentences.
 * Blank lines always end a sentence. Each sentence gets its own text: its
 * tokens joined by single spaces where the source had any white space.
 * *nforced counts sentences cut at DY_TEXT_MAX_SENT_TOKENS.
 * Returns 0, or -1 on out-of-memory. Linear time, no recursion. */
int dy_text_sentences(dy_arena *a, const char *text, size_t n, dy_sentence **out, uint32_t *nout,
                      uint32_t *nforced);

/* The whole of text[0..n) as one tokenised sentence (records that are one
 * sentence by definition: TABARI records, PETRARCH <Text>). The text is
 * repaired and its white space runs become single spaces. */
int dy_text_sentence_one(dy_arena *a, const char *text, size_t n, dy_sentence *out);
/* The same, but a control character other than NUL and white space is part
 * of the word it touches ("\x1AGondor" is one word that is not GONDOR), as
 * TABARI reads its records; news text keeps dy_text_sentence_one. */
int dy_text_sentence_glued(dy_arena *a, const char *text, size_t n, dy_sentence *out);

#endif
