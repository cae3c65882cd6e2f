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

/* Shared by both front ends (parse.c): a phrase tree under construction,
 * children appended in order, then moved into the arena. */
typedef struct dy_treebuild {
    dy_node *nodes;
    size_t nnode, capnode;
    int32_t *last; /* last child of each node, parallel to nodes */
    size_t caplast;
} dy_treebuild;

/* A new unlinked node (parent and children -1, raw label copied, truncated
 * for display); its index, or -1 on out-of-memory. */
int32_t dy_tb_node(dy_treebuild *b, uint8_t label, const char *raw, size_t nraw);
/* Append child as parent's last child. */
void dy_tb_link(dy_treebuild *b, int32_t parent, int32_t child);
void dy_tb_free(dy_treebuild *b);

/* Move text and tree into the arena and give out ntok zeroed tokens
 * (dep_head -1) for the caller to fill; then dy_tb_fold folds them. */
int dy_tb_emit(dy_arena *a, const dy_buf *text, const dy_treebuild *b, size_t ntok, uint8_t source, dy_sentence *out);
/* Fill each token's folded form from its span of out->text. */
int dy_tb_fold(dy_arena *a, dy_buf *scratch, dy_sentence *out);
/* A front end's last step: on failure out is emptied, and out-of-memory
 * (the one failure without a message of its own) is reported in err. */
void dy_tb_end(int rc, dyad_error *err, dy_sentence *out);

#endif
