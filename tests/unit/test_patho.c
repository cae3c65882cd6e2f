/* Pathological inputs through the whole pipeline (reader, tokeniser, shallow
 * parse, matcher) under an alarm: each must finish quickly, in bounded
 * memory, and never crash. Sizes are large enough that anything quadratic
 * would blow the alarm. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "dyad.h"

static dyad_dict *pt_dict;

static int pt_count(void *user, const dyad_event *ev)
{
    (void)ev;
    ++*(size_t *)user;
    return 0;
}

static size_t pt_code(const char *buf, size_t len, dyad_format fmt)
{
    dyad_error err = {0};
    alarm(30); /* a hang fails the test instead of stalling CI */
    dyad_reader *r = dyad_reader_open_mem(buf, len, "patho", fmt, NULL, NULL, &err);
    assert_non_null(r);
    dyad_coder *c = dyad_coder_new(pt_dict, NULL, &err);
    assert_non_null(c);
    size_t events = 0;
    const dyad_doc *doc;
    while ((doc = dyad_reader_next(r, &err)))
        assert_true(dyad_coder_code(c, doc, pt_count, &events, &err) >= 0);
    assert_int_equal(err.code, DYAD_OK);
    dyad_coder_free(c);
    dyad_reader_free(r);
    alarm(0);
    return events;
}

static char *pt_repeat(const char *unit, size_t times, size_t *len)
{
    size_t n = strlen(unit);
    char *b = malloc(n * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(b + i * n, unit, n);
    b[n * times] = 0;
    *len = n * times;
    return b;
}

static void test_long_sentence(void **state)
{
    (void)state;
    size_t len;
    char *b = pt_repeat("Arvenia condemned Belmont and ", 25000, &len); /* 100,000 words, no full stop */
    pt_code(b, len, DYAD_FMT_TEXT);
    free(b);
}

static void test_nested_parens(void **state)
{
    (void)state;
    size_t len;
    char *open = pt_repeat("(", 10000, &len);
    char *close = pt_repeat(")", 10000, &len);
    size_t n = 2 * len + 64;
    char *b = malloc(n);
    snprintf(b, n, "%sArvenia condemned Belmont.%s", open, close);
    pt_code(b, strlen(b), DYAD_FMT_TEXT);
    free(open);
    free(close);
    free(b);
}

static void test_megabyte_no_stop(void **state)
{
    (void)state;
    size_t len;
    char *b = pt_repeat("word ", 210000, &len); /* about 1 MB */
    pt_code(b, len, DYAD_FMT_TEXT);
    free(b);
}

static void test_binary_garbage(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    unsigned char *b = malloc(n);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b[i] = (unsigned char)x;
    }
    pt_code((const char *)b, n, DYAD_FMT_TEXT);
    pt_code((const char *)b, n, DYAD_FMT_JSONL);
    free(b);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char *s = "Arvenia \xff\xfe condemned \xc3\x28 Belmont \xe2\x82 today.\n"
                    "Belmont shelled Corsaria \xed\xa0\x80.";
    size_t ev = pt_code(s, strlen(s), DYAD_FMT_TEXT);
    /* the second sentence is intact: its event survives the bad bytes nearby */
    assert_true(ev >= 1);
}

int main(void)
{
    dyad_error err = {0};
    char path[1024];
    pt_dict = dyad_dict_load(tu_src("tests/spec/dict", path, sizeof path), NULL, &err);
    if (!pt_dict) {
        char msg[512];
        dyad_error_format(&err, msg, sizeof msg);
        printf("cannot load the spec dictionaries: %s\n", msg);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_sentence),  cmocka_unit_test(test_nested_parens),
        cmocka_unit_test(test_megabyte_no_stop), cmocka_unit_test(test_binary_garbage),
        cmocka_unit_test(test_invalid_utf8),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    dyad_dict_free(pt_dict);
    return rc;
}
