/* Fuzz target: arbitrary bytes through the jsonl reader; documents must satisfy
 * the sentence invariants and the counts must add up. */
#include "fuzz_input_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_read_all(data, size, DYAD_FMT_JSONL);
    return 0;
}
