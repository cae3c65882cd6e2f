/* Fuzz target: arbitrary bytes as a Penn Treebank parse, and as a PETRARCH
 * record holding it. */
#include "fuzz_input_common.h"
#include "input/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence s;
    dyad_error err;
    int rc = dy_penn_parse(&a, (const char *)data, size, &s, &err);
    if (rc == DYAD_OK)
        fz_check_sentence(&s);
    else if (rc != DYAD_E_SYNTAX && rc != DYAD_E_LIMIT)
        abort();
    dy_arena_reset(&a);
    rc = dy_conllu_parse(&a, (const char *)data, size, &s, &err);
    if (rc == DYAD_OK)
        fz_check_sentence(&s);
    else if (rc != DYAD_E_SYNTAX && rc != DYAD_E_LIMIT)
        abort();
    dy_arena_free(&a);
    /* The same bytes as the parse of a PETRARCH record. */
    static const char pre[] = "<Sentences><Sentence id=\"f\" date=\"20000101\"><Parse>";
    static const char post[] = "</Parse></Sentence></Sentences>";
    uint8_t *rec = malloc(sizeof pre + size + sizeof post);
    if (!rec)
        abort();
    memcpy(rec, pre, sizeof pre - 1);
    memcpy(rec + sizeof pre - 1, data, size);
    memcpy(rec + sizeof pre - 1 + size, post, sizeof post - 1);
    fz_read_all(rec, sizeof pre - 1 + size + sizeof post - 1, DYAD_FMT_PETRARCH_XML);
    free(rec);
    return 0;
}
