/* parse.h — building dy_sentence trees from parser output (internal API).
 *
 * Both front ends allocate everything (text, tokens, nodes) in the caller's
 * arena and never recurse without a bound:
 *   - dy_penn_parse reads one Penn Treebank bracketing ("(ROOT (S ...))" or
 *     "( (S ...))"); the sentence text is the leaves joined by single spaces.
 *   - dy_conllu_parse reads one CoNLL-U sentence block (comment lines are
 *     skipped) and converts the dependency tree to phrases (docs/inputs.md).
 * On failure they return a DYAD_E_* code with err->msg saying why and
 * err->line the 1-based line within s where it happened. */
#ifndef DY_PARSE_H
#define DY_PARSE_H

#include "tree/tree.h"
#include "util/util.h"

/* Deeper bracketing is rejected (DYAD_E_LIMIT), never truncated. */
#define DY_PENN_MAX_DEPTH 1000u
/* Deeper dependency chains are rejected (DYAD_E_LIMIT). */
#define DY_CONLLU_MAX_DEPTH 400u
/* Longest sentence (tokens) a parse may hold. */
#define DY_PARSE_MAX_TOKENS 200000u

int dy_penn_parse(dy_arena *a, const char *s, size_t n, dy_sentence *out, dyad_error *err);
int dy_conllu_parse(dy_arena *a, const char *s, size_t n, dy_sentence *out, dyad_error *err);

/* Fold a token into the arena (dy_fold), using scratch (may be NULL) as the
 * working buffer; NULL on out-of-memory. */
const char *dy_fold_dup(dy_arena *a, dy_buf *scratch, const char *s, size_t n, uint32_t *nout);

#endif
