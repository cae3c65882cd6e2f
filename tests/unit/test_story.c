/* Stories (dyad_story): pronouns carried from one record to the next, as
 * TABARI's FORWARD option defines it (manual 8.4), with the spec dictionary
 * in tests/spec/tabari. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "dyad.h"

#define ST_FORWARD "FORWARD: ^^*****NNN*SSS\n"

typedef struct st_got {
    char ev[32][64];
    int n;
} st_got;

static int st_collect(void *user, const dyad_event *ev)
{
    st_got *g = user;
    if (g->n < 32)
        snprintf(g->ev[g->n++], 64, "%s %s %s", ev->source, ev->target, ev->code);
    return 0;
}

static int st_has(const st_got *g, const char *want)
{
    for (int i = 0; i < g->n; i++)
        if (!strcmp(g->ev[i], want))
            return 1;
    return 0;
}

static dyad_dict *st_dict(void)
{
    char path[1024];
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load(tu_src("tests/spec/tabari", path, sizeof path), NULL, &err);
    assert_non_null(d);
    return d;
}

/* Code each TABARI record of `recs` with one story (or none); got[i] gets
 * record i's events. */
static void st_run(const dyad_dict *d, const char *options, int use_story, const char *recs, st_got *got,
                   int nrec)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem(recs, strlen(recs), "story.txt", DYAD_FMT_TABARI, NULL, NULL, &err);
    assert_non_null(r);
    dyad_code_opts o = {0};
    o.tabari_options = options;
    dyad_coder *c = dyad_coder_new(d, &o, &err);
    assert_non_null(c);
    dyad_story *s = use_story ? dyad_story_new() : NULL;
    assert_true(!use_story || s);
    const dyad_doc *doc;
    int i = 0;
    while ((doc = dyad_reader_next(r, &err)) && i < nrec) {
        memset(&got[i], 0, sizeof got[i]);
        assert_true(dyad_coder_code_story(c, s, doc, st_collect, &got[i], &err) >= 0);
        i++;
    }
    assert_int_equal(i, nrec);
    dyad_story_free(s);
    dyad_coder_free(c);
    dyad_reader_free(r);
}

static const char st_recs[] = "950116  STRY-001-001\n"
                              "Zentia condemned Korvald on Monday over the border raid.\n\n"
                              "950116  STRY-001-002\n"
                              "It also rejected the demands of Mireland on Tuesday.\n\n"
                              "950116  STRY-001-004\n"
                              "It also rejected the demands of Ostvik on Friday.\n\n"
                              "950116  STRY-002-001\n"
                              "Zentia and Korvald condemned Mireland over the border raid.\n\n"
                              "950116  STRY-002-002\n"
                              "They also rejected the demands of Ostvik on Friday.\n\n"
                              "950116  STRY-002-003\n"
                              "Later it praised the restraint of Bandari on Friday.\n\n";

static void test_forward(void **state)
{
    (void)state;
    dyad_dict *d = st_dict();
    st_got got[6];
    st_run(d, ST_FORWARD, 1, st_recs, got, 6);
    assert_true(st_has(&got[0], "ZEN KOR 122"));
    /* the next sentence of the story: IT is the previous record's first actor */
    assert_int_equal(got[1].n, 1);
    assert_true(st_has(&got[1], "ZEN MIR 111"));
    /* sentence 4 after 2 is not the next one: nothing is carried (and with
     * COMPLEX NOACTPRIOR the record is not coded) */
    assert_int_equal(got[2].n, 0);
    /* THEY takes a compound, as its first member only, as TABARI does */
    assert_int_equal(got[4].n, 1);
    assert_true(st_has(&got[4], "ZEN OST 111"));
    /* IT does not take a compound's member; the first actor of 002-002 was a
     * pronoun, which is not carried a second time: Ostvik is */
    assert_int_equal(got[5].n, 1);
    assert_true(st_has(&got[5], "OST BAN 041"));
    dyad_dict_free(d);
}

static void test_no_forward(void **state)
{
    (void)state;
    dyad_dict *d = st_dict();
    st_got got[2];
    /* with FORWARD off (the spec dictionary's .options turn it on), or
     * without a story, each record stands alone */
    st_run(d, "FORWARD: ^^*****NNN*SSS OFF\n", 1, st_recs, got, 2);
    assert_int_equal(got[1].n, 0);
    st_run(d, ST_FORWARD, 0, st_recs, got, 2);
    assert_int_equal(got[1].n, 0);
    dyad_dict_free(d);
}

static void test_reset(void **state)
{
    (void)state;
    dyad_dict *d = st_dict();
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem(st_recs, strlen(st_recs), "story.txt", DYAD_FMT_TABARI, NULL, NULL, &err);
    assert_non_null(r);
    dyad_code_opts o = {0};
    o.tabari_options = ST_FORWARD;
    dyad_coder *c = dyad_coder_new(d, &o, &err);
    dyad_story *s = dyad_story_new();
    assert_non_null(s);
    st_got g = {0};
    assert_true(dyad_coder_code_story(c, s, dyad_reader_next(r, &err), st_collect, &g, &err) >= 0);
    dyad_story_reset(s); /* a new story: 001-002 no longer continues 001-001 */
    memset(&g, 0, sizeof g);
    assert_true(dyad_coder_code_story(c, s, dyad_reader_next(r, &err), st_collect, &g, &err) >= 0);
    assert_int_equal(g.n, 0);
    dyad_story_reset(NULL);
    dyad_story_free(s);
    dyad_coder_free(c);
    dyad_reader_free(r);
    dyad_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forward),
        cmocka_unit_test(test_no_forward),
        cmocka_unit_test(test_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
