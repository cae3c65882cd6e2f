/* TABARI complexity (manual 8.7): sentences too complex to code are counted
 * apart (dyad_code_stats.sentences_complex), with the spec dictionary in
 * tests/spec/tabari (COMPLEX: VERBS[6] NOACTPRIOR). */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "dyad.h"

static int cx_count(void *user, const dyad_event *ev)
{
    (void)ev;
    ++*(int *)user;
    return 0;
}

/* Code one sentence; returns the events, sets *complex. */
static int cx_code(const dyad_dict *d, const char *text, size_t *complex)
{
    char rec[1024];
    snprintf(rec, sizeof rec, "950110 CX-1\n%s\n\n", text);
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem(rec, strlen(rec), "cx.txt", DYAD_FMT_TABARI, NULL, NULL, &err);
    assert_non_null(r);
    dyad_coder *c = dyad_coder_new(d, NULL, &err);
    assert_non_null(c);
    int n = 0;
    assert_true(dyad_coder_code(c, dyad_reader_next(r, &err), cx_count, &n, &err) >= 0);
    dyad_code_stats st;
    dyad_coder_get_stats(c, &st);
    *complex = st.sentences_complex;
    dyad_coder_free(c);
    dyad_reader_free(r);
    return n;
}

static void test_complex(void **state)
{
    (void)state;
    char path[1024];
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load(tu_src("tests/spec/tabari", path, sizeof path), NULL, &err);
    assert_non_null(d);
    size_t cx;
    assert_int_equal(cx_code(d, "Zentia condemned Korvald on Monday over the border raid.", &cx), 1);
    assert_int_equal(cx, 0);
    /* NOACTPRIOR: no actor before the first verb */
    assert_int_equal(cx_code(d, "Condemning the raid, officials in Zentia rejected the claims of Korvald.", &cx), 0);
    assert_int_equal(cx, 1);
    /* ... and with no verb at all, no actor anywhere */
    assert_int_equal(cx_code(d, "Here is the table of the results of the contest on Monday.", &cx), 0);
    assert_int_equal(cx, 1);
    /* an actor but no verb: merely no event */
    assert_int_equal(cx_code(d, "Here is the table of the results of Zentia on Monday.", &cx), 0);
    assert_int_equal(cx, 0);
    /* TABARI keeps control characters inside words: names in a table laid
     * out with Ctrl-Z bytes are no actors, so the sentence is complex */
    assert_int_equal(cx_code(d, "Here is the table: \x1A\x1AZentia\x1A\x1A" "3\x1A" "1 \x1A\x1AKorvald\x1A" "2\x1A" "0 for Monday.", &cx), 0);
    assert_int_equal(cx, 1);
    /* ... while the same table laid out with blanks names them */
    assert_int_equal(cx_code(d, "Here is the table: Zentia 3 1 Korvald 2 0 for Monday.", &cx), 0);
    assert_int_equal(cx, 0);
    /* a +++ code in a time phrase */
    assert_int_equal(cx_code(d, "Someday Zentia condemned Korvald over the border raid.", &cx), 0);
    assert_int_equal(cx, 1);
    dyad_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
