/* TABARI <TIME> phrases (manual 10.5) move the date of a sentence's events,
 * with the spec dictionary in tests/spec/tabari. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "dyad.h"

typedef struct tm_got {
    char date[8][16];
    int n;
} tm_got;

static int tm_collect(void *user, const dyad_event *ev)
{
    tm_got *g = user;
    if (g->n < 8)
        snprintf(g->date[g->n++], 16, "%s", ev->date);
    return 0;
}

/* The date of the one event coded from one TABARI record. */
static void tm_check(const dyad_dict *d, const char *options, const char *rec, const char *want)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem(rec, strlen(rec), "time.txt", DYAD_FMT_TABARI, NULL, NULL, &err);
    assert_non_null(r);
    dyad_code_opts o = {0};
    o.tabari_options = options;
    dyad_coder *c = dyad_coder_new(d, &o, &err);
    assert_non_null(c);
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    tm_got g = {0};
    assert_true(dyad_coder_code(c, doc, tm_collect, &g, &err) >= 0);
    if (g.n != 1 || strcmp(g.date[0], want))
        printf("record: %s\nexpected one event dated %s, got %d (%s)\n", rec, want, g.n, g.n ? g.date[0] : "");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.date[0], want);
    dyad_coder_free(c);
    dyad_reader_free(r);
}

static void test_time_shift(void **state)
{
    (void)state;
    char path[1024];
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load(tu_src("tests/spec/tabari", path, sizeof path), NULL, &err);
    assert_non_null(d);
    /* a root's days; across a year's end */
    tm_check(d, NULL, "950101 T-1\nZentia condemned Korvald yesterday over the border raid.\n\n", "1994-12-31");
    /* a pattern beats its root: NEXT WEEK AND A DAY is +8, across February */
    tm_check(d, NULL, "960225 T-2\nZentia will condemn Korvald next week and a day at the border talks.\n\n",
             "1996-03-04");
    /* a null-coded phrase is passed over for the next one */
    tm_check(d, NULL, "950110 T-3\nLater on Zentia condemned Korvald yesterday over the raid.\n\n", "1995-01-09");
    /* no time phrase, or SET: TIME SHIFT = FALSE: the record's own date */
    tm_check(d, NULL, "950110 T-4\nZentia condemned Korvald on Monday over the border raid.\n\n", "1995-01-10");
    tm_check(d, "SET: TIME SHIFT = FALSE\n", "950110 T-5\nZentia condemned Korvald yesterday over the border raid.\n\n",
             "1995-01-10");
    dyad_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_shift),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
