/* parse.c — what the Penn and CoNLL-U front ends share: building the phrase
 * tree node by node, and moving text, tokens and nodes into the arena. */
#include <stdlib.h>

#include "input/parse.h"
#include "text/fold.h"

const char *dy_fold_dup(dy_arena *a, dy_buf *scratch, const char *s, size_t n, uint32_t *nout)
{
    dy_buf local = {0};
    dy_buf *b = scratch ? scratch : &local;
    const char *r = NULL;
    b->n = 0;
    if (dy_fold(s, n, b)) {
        r = dy_arena_strndup(a, b->p ? b->p : "", b->n);
        if (nout)
            *nout = (uint32_t)b->n;
    }
    dy_buf_free(&local);
    return r;
}

int32_t dy_tb_node(dy_treebuild *b, uint8_t label, const char *raw, size_t nraw)
{
    dy_node nd;
    memset(&nd, 0, sizeof nd);
    nd.label = label;
    nd.parent = nd.first_child = nd.next_sibling = -1;
    nd.tok = nd.head = -1;
    size_t k = nraw < sizeof nd.raw - 1 ? nraw : sizeof nd.raw - 1;
    memcpy(nd.raw, raw, k);
    int32_t none = -1;
    if (b->nnode >= INT32_MAX || !DY_VEC_PUSH(b->nodes, b->nnode, b->capnode, nd))
        return -1;
    size_t nl = b->nnode - 1;
    if (!DY_VEC_PUSH(b->last, nl, b->caplast, none))
        return -1;
    return (int32_t)(b->nnode - 1);
}

void dy_tb_link(dy_treebuild *b, int32_t parent, int32_t child)
{
    b->nodes[child].parent = parent;
    if (b->last[parent] < 0)
        b->nodes[parent].first_child = child;
    else
        b->nodes[b->last[parent]].next_sibling = child;
    b->last[parent] = child;
}

void dy_tb_free(dy_treebuild *b)
{
    free(b->nodes);
    free(b->last);
    memset(b, 0, sizeof *b);
}

int dy_tb_emit(dy_arena *a, const dy_buf *text, const dy_treebuild *b, size_t ntok, uint8_t source, dy_sentence *out)
{
    char *t = dy_arena_strndup(a, text->p ? text->p : "", text->n);
    dy_tok *toks = dy_arena_calloc(a, ntok, sizeof *toks);
    dy_node *nodes = dy_arena_calloc(a, b->nnode, sizeof *nodes);
    if (!t || !toks || !nodes)
        return DYAD_E_NOMEM;
    memcpy(nodes, b->nodes, b->nnode * sizeof *nodes);
    for (size_t k = 0; k < ntok; k++)
        toks[k].dep_head = -1;
    out->text = t;
    out->len = (uint32_t)text->n;
    out->toks = toks;
    out->ntok = (uint32_t)ntok;
    out->nodes = nodes;
    out->nnode = (uint32_t)b->nnode;
    out->source = source;
    return DYAD_OK;
}

int dy_tb_fold(dy_arena *a, dy_buf *scratch, dy_sentence *out)
{
    for (uint32_t k = 0; k < out->ntok; k++) {
        dy_tok *t = &out->toks[k];
        if (!(t->up = dy_fold_dup(a, scratch, out->text + t->start, t->end - t->start, &t->nup)))
            return DYAD_E_NOMEM;
    }
    return DYAD_OK;
}

void dy_tb_end(int rc, dyad_error *err, dy_sentence *out)
{
    if (rc == DYAD_E_NOMEM)
        dy_fail(err, DYAD_E_NOMEM, "out of memory", NULL, 0, 0, NULL, 0);
    if (rc != DYAD_OK)
        memset(out, 0, sizeof *out);
}
