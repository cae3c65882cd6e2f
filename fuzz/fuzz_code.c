/* Fuzz target: arbitrary bytes as plain text and as JSON lines through the
 * reader, the shallow parser and the matcher with dyad's default dictionaries. */
#include <stdint.h>
#include <stdlib.h>

#include "dyad.h"

static int fz_sink(void *user, const dyad_event *ev)
{
    (void)user;
    (void)ev;
    return 0;
}

static void fz_run(const dyad_dict *d, const uint8_t *data, size_t size, dyad_format fmt)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem((const char *)data, size, "fuzz", fmt, NULL, NULL, &err);
    dyad_coder *c = dyad_coder_new(d, NULL, &err);
    if (r && c) {
        const dyad_doc *doc;
        while ((doc = dyad_reader_next(r, &err)))
            if (dyad_coder_code(c, doc, fz_sink, NULL, &err) < 0)
                abort(); /* coding never fails on text */
    }
    dyad_coder_free(c);
    dyad_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The dictionary is loaded once per process; it is read-only afterwards. */
    static dyad_dict *dict;
    if (!dict) {
        dyad_error err = {0};
        dict = dyad_dict_load_default(&err);
        if (!dict)
            abort();
    }
    fz_run(dict, data, size, DYAD_FMT_TEXT);
    fz_run(dict, data, size, DYAD_FMT_JSONL);
    return 0;
}
