/* Fuzz target: arbitrary bytes through the sentence splitter, the tokeniser
 * and the plain-text and CSV readers. */
#include "fuzz_input_common.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence *ss;
    uint32_t ns, forced;
    if (dy_text_sentences(&a, (const char *)data, size, &ss, &ns, &forced) != 0)
        abort();
    for (uint32_t i = 0; i < ns; i++) {
        fz_check_sentence(&ss[i]);
        if (ss[i].ntok == 0 || ss[i].ntok > DY_TEXT_MAX_SENT_TOKENS)
            abort();
        /* Re-tokenising a sentence's text gives the same tokens. */
        dy_sentence again;
        if (dy_text_tokenize(&a, ss[i].text, ss[i].len, &again) != 0)
            abort();
        fz_check_sentence(&again);
    }
    dy_arena_free(&a);
    fz_read_all(data, size, DYAD_FMT_TEXT);
    fz_read_all(data, size, DYAD_FMT_CSV);
    return 0;
}
