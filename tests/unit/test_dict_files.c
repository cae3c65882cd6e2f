/* The loaders over the real PETRARCH2 and TABARI files in ../shared: loading
 * succeeds and the counts are what the files hold. Skips when absent. */
#include <stdio.h>
#include <string.h>

#include "dict/dictint.h"
#include "testutil.h"

static size_t tf_count;
static void tf_diag(void *user, const dyad_error *e)
{
    (void)user;
    if (e->code != DYAD_E_UNSUPPORTED)
        tf_count++;
}

static dyad_dict *tf_load(const char *rel, int lenient, dyad_dict_stats *st)
{
    char path[4096];
    if (!tu_shared(rel, path, sizeof path))
        return NULL;
    dyad_dict_opts o = {.diag = tf_diag, .lenient = lenient};
    dyad_error err = {0};
    tf_count = 0;
    dyad_dict *d = dyad_dict_load(path, &o, &err);
    if (!d)
        fail_msg("%s: %s:%zu:%zu %s (%s)", rel, err.path, err.line, err.col, err.msg, err.detail);
    dyad_dict_get_stats(d, st);
    return d;
}

static void t_petr_validate(void **state)
{
    (void)state;
    dyad_dict_stats st;
    dyad_dict *d = tf_load("data/petrarch2/dictionaries/PETR.Validate.verbs.txt", 0, &st);
    if (!d)
        return;
    assert_int_equal(st.synsets, 17);
    assert_int_equal(st.verb_blocks, 261);
    assert_int_equal(st.verbs, 269);
    assert_int_equal(st.patterns, 474);
    dyad_dict_free(d);
    d = tf_load("data/petrarch2/dictionaries/PETR.Validate.actors.txt", 0, &st);
    assert_int_equal(st.actors, 128);
    assert_int_equal(st.actor_phrases, 161);
    dyad_dict_free(d);
    d = tf_load("data/petrarch2/dictionaries/PETR.Validate.agents.txt", 0, &st);
    assert_int_equal(st.agents, 88);
    dyad_dict_free(d);
    d = tf_load("data/universal-petrarch/PETR.Validate.actors.txt", 0, &st);
    assert_int_equal(st.actors, 130);
    dyad_dict_free(d);
}

/* The Phoenix set carries a few dozen malformed entries (bad dates, a stray
 * ')', text after codes): a strict load names the first; a lenient load
 * reports each and leaves it out. */
static void t_phoenix(void **state)
{
    (void)state;
    char path[4096];
    if (!tu_shared("data/petrarch2/config/PETR_config.ini", path, sizeof path))
        return;
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load(path, NULL, &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_E_SYNTAX);
    assert_true(err.line > 0 && err.col > 0);
    dyad_dict_stats st;
    d = tf_load("data/petrarch2/config/PETR_config.ini", 1, &st);
    assert_int_equal(st.files, 8); /* the ini and seven dictionaries */
    assert_int_equal(st.rejected, tf_count);
    assert_int_equal(st.rejected, 24);
    assert_int_equal(st.synsets, 40);
    assert_int_equal(st.verb_blocks, 397);
    assert_int_equal(st.verbs, 1817);
    assert_int_equal(st.patterns, 4664);
    assert_int_equal(st.transformations, 8);
    assert_int_equal(st.actors, 27251);
    assert_int_equal(st.agents, 2243);
    assert_int_equal(st.discards, 506);
    assert_int_equal(st.issues, 3166);
    assert_true(st.bytes < 100u * 1024 * 1024);
    /* a date-restricted actor from the shared file picks the code by date */
    dy_tok t[2] = {{.up = "VLADIMIR", .nup = 8}, {.up = "PUTIN", .nup = 5}};
    dy_sentence s = {.toks = t, .ntok = 2};
    dy_sentence_bind(d, &s);
    dy_match m;
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, t, 2, 0, &m));
    const char *c2005 = dy_actor_code_on(d, &d->actors[m.value], 20050101);
    assert_non_null(c2005);
    assert_int_equal(strncmp(c2005, "RUS", 3), 0);
    dyad_dict_free(d);
}

static void t_tabari(void **state)
{
    (void)state;
    dyad_dict_stats st;
    dyad_dict *d = tf_load("data/tabari/Validate.project", 0, &st);
    if (!d)
        return;
    assert_int_equal(st.files, 4);
    assert_int_equal(st.verbs, 283);
    assert_int_equal(st.patterns, 431);
    assert_int_equal(st.actors, 120);
    assert_int_equal(st.agents, 86);
    assert_int_equal(d->verb_style, DY_STYLE_TABARI);
    dyad_dict_free(d);
    d = tf_load("data/tabari/dictionaries/PSU.120522.agents", 0, &st);
    assert_int_equal(st.agents, 2131);
    dyad_dict_free(d);
    d = tf_load("data/tabari/CAMEO.091003.master.verbs", 1, &st);
    assert_true(st.verbs > 1000);
    assert_true(st.patterns > 15000);
    assert_int_equal(st.rejected, tf_count);
    dyad_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_petr_validate),
        cmocka_unit_test(t_phoenix),
        cmocka_unit_test(t_tabari),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
