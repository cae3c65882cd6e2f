/* fuzz_input_common.h — shared checks for the input fuzz targets: every
 * document a reader returns must satisfy the tree and token invariants, and
 * the reader's counts must add up. */
#ifndef FUZZ_INPUT_COMMON_H
#define FUZZ_INPUT_COMMON_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/reader.h"

static void fz_check_sentence(const dy_sentence *s)
{
    if (s->text[s->len] != 0)
        abort();
    for (uint32_t i = 0; i < s->ntok; i++) {
        const dy_tok *t = &s->toks[i];
        if (t->start >= t->end || t->end > s->len || t->up[t->nup] != 0)
            abort();
    }
    for (uint32_t k = 0; k < s->nnode; k++) {
        const dy_node *n = &s->nodes[k];
        if (n->t0 > n->t1 || n->t1 > s->ntok)
            abort();
        if (n->label == DY_L_TOKEN && (n->tok < 0 || (uint32_t)n->tok >= s->ntok))
            abort();
        if ((k == 0) != (n->parent < 0) || n->parent >= (int32_t)s->nnode)
            abort();
        if (n->head >= (int32_t)s->ntok)
            abort();
    }
    /* A tree holds every token exactly once, as a leaf. */
    if (s->nnode) {
        uint8_t *seen = calloc(s->ntok + 1, 1);
        if (!seen)
            abort();
        for (uint32_t k = 0; k < s->nnode; k++)
            if (s->nodes[k].label == DY_L_TOKEN && seen[s->nodes[k].tok]++)
                abort();
        for (uint32_t i = 0; i < s->ntok; i++)
            if (!seen[i])
                abort();
        free(seen);
    }
}

static void fz_read_all(const uint8_t *data, size_t size, dyad_format fmt)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem((const char *)data, size, "fuzz", fmt, NULL, NULL, &err);
    if (!r)
        abort();
    size_t docs = 0;
    const dyad_doc *d;
    while ((d = dyad_reader_next(r, &err))) {
        docs++;
        for (uint32_t i = 0; i < d->nsent; i++)
            fz_check_sentence(&d->sents[i]);
    }
    dyad_read_stats st;
    dyad_reader_get_stats(r, &st);
    if (st.records_read != docs + st.records_rejected)
        abort();
    dyad_reader_free(r);
}
#endif
