/* fuzz_dict: feed one buffer to every dictionary parser; each must either
 * load it or report an error with a position, never crash or leak. */
#include <stddef.h>
#include <stdint.h>

#include "dict/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const dy_dict_kind kinds[] = {DY_DK_PETR_VERBS,   DY_DK_PETR_ACTORS,    DY_DK_PETR_AGENTS,
                                         DY_DK_PETR_DISCARDS, DY_DK_PETR_ISSUES,    DY_DK_TABARI_VERBS,
                                         DY_DK_TABARI_ACTORS, DY_DK_TABARI_AGENTS,  DY_DK_TABARI_OPTIONS};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        for (int mode = 0; mode < 2; mode++) {
            struct dyad_dict *d = dy_dict_new();
            if (!d)
                return 0;
            dyad_dict_opts opts = {.keep_going = mode, .lenient = mode};
            dyad_error err = {0};
            if (dy_dict_add_buffer(d, "fuzz", (const char *)data, size, kinds[i], &opts, &err) == DYAD_OK &&
                dy_dict_finish(d, &err) == DYAD_OK) {
                dy_tok t[3] = {{.up = "A", .nup = 1}, {.up = "THE", .nup = 3}, {.up = "ABC", .nup = 3}};
                dy_sentence s = {.toks = t, .ntok = 3};
                dy_sentence_bind(d, &s);
                dy_match m;
                for (uint32_t k = 0; k < 3; k++) {
                    dy_phrases_match(&d->actor_phrases, &d->lex, t, 3, k, &m);
                    dy_phrases_match(&d->agent_phrases, &d->lex, t, 3, k, &m);
                    for (uint32_t y = 0; y < d->nsynsets; y++)
                        dy_synset_match(d, y, t, 3, k, &m);
                }
            }
            dyad_dict_free(d);
        }
    }
    return 0;
}
