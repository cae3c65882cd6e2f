/* test_text.c — tokeniser, UTF-8 repair and sentence splitter. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "text/text.h"

/* Tokens of s joined with '|', as their source slices. */
static char *toks_of(const char *s)
{
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence st;
    assert_int_equal(dy_text_tokenize(&a, s, strlen(s), &st), 0);
    dy_buf b = {0};
    for (uint32_t i = 0; i < st.ntok; i++) {
        if (i)
            dy_buf_putc(&b, '|');
        dy_buf_put(&b, st.text + st.toks[i].start, st.toks[i].end - st.toks[i].start);
        assert_int_equal(st.toks[i].up[st.toks[i].nup], 0);
    }
    char *r = strdup(dy_buf_cstr(&b) ? dy_buf_cstr(&b) : "");
    dy_buf_free(&b);
    dy_arena_free(&a);
    return r;
}

static void check_toks(const char *in, const char *want)
{
    char *got = toks_of(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_tokens_basic(void **state)
{
    (void)state;
    check_toks("Rebels seized the town, officials said.", "Rebels|seized|the|town|,|officials|said|.");
    check_toks("The U.S. envoy met Mr. Smith.", "The|U.S.|envoy|met|Mr.|Smith|.");
    check_toks("About 1,000 troops and 3.5 tanks", "About|1,000|troops|and|3.5|tanks");
    check_toks("a cease-fire deal", "a|cease-fire|deal");
    check_toks("Syria's army", "Syria|'s|army");
    check_toks("They don't agree", "They|do|n't|agree");
    check_toks("O'Brien left...", "O'Brien|left|...");
    check_toks("(hostages) \"freed\"", "(|hostages|)|\"|freed|\"");
    check_toks("", "");
    check_toks("   \n\t ", "");
}

static void test_folded_ascii(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence st;
    const char *s = "internationally-recognised Rebels `quoted` {braces} @user [x] zZ~";
    assert_int_equal(dy_text_tokenize(&a, s, strlen(s), &st), 0);
    const char *want[] = {"INTERNATIONALLY-RECOGNISED", "REBELS", "`", "QUOTED", "`", "{", "BRACES", "}",
                          "@", "USER", "[", "X", "]", "ZZ", "~"};
    assert_int_equal(st.ntok, sizeof want / sizeof want[0]);
    for (uint32_t i = 0; i < st.ntok; i++) {
        assert_string_equal(st.toks[i].up, want[i]);
        assert_int_equal(st.toks[i].nup, strlen(want[i]));
    }
    dy_arena_free(&a);
}

static void test_tokens_unicode(void **state)
{
    (void)state;
    check_toks("Syria\xE2\x80\x99s north-east", "Syria|\xE2\x80\x99s|north-east");
    check_toks("\xE2\x80\x9CVolcano\xE2\x80\x9D, he said", "\xE2\x80\x9C|Volcano|\xE2\x80\x9D|,|he|said");
    check_toks("\xC2\xA3" "7.6bn fee", "\xC2\xA3|7.6bn|fee");
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence st;
    const char *s = "Caf\xC3\xA9 \xE2\x80\x9CZ\xC3\xBCrich\xE2\x80\x9D \xE2\x80\x94 Stra\xC3\x9F" "e";
    assert_int_equal(dy_text_tokenize(&a, s, strlen(s), &st), 0);
    assert_int_equal(st.ntok, 6);
    assert_string_equal(st.toks[0].up, "CAFE");
    assert_string_equal(st.toks[1].up, "\"");
    assert_int_equal(st.toks[1].pos, DY_POS_PUNCT);
    assert_string_equal(st.toks[2].up, "ZURICH");
    assert_int_equal(st.toks[2].pos, DY_POS_X);
    assert_string_equal(st.toks[4].up, "-");
    assert_string_equal(st.toks[5].up, "STRASSE");
    assert_string_equal(st.toks[0].tag, "");
    dy_arena_free(&a);
    /* A typographic apostrophe inside a word folds like the ASCII one, so
     * "didn’t" negates as "didn't" does and "O’Brien" matches O'BRIEN. */
    dy_arena_init(&a, 4096);
    s = "didn\xE2\x80\x99t O\xE2\x80\x99" "Brien";
    assert_int_equal(dy_text_tokenize(&a, s, strlen(s), &st), 0);
    assert_int_equal(st.ntok, 3);
    assert_string_equal(st.toks[0].up, "DID");
    assert_string_equal(st.toks[1].up, "N'T");
    assert_string_equal(st.toks[2].up, "O'BRIEN");
    dy_arena_free(&a);
}

static void test_repair(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 4096);
    size_t n;
    const char bad[] = "ok \xFF\xFE x\xC3 \xE2\x82 end\0mid";
    char *r = dy_utf8_repair(&a, bad, sizeof bad - 1, &n);
    assert_non_null(r);
    assert_int_equal(strlen(r), n); /* the NUL became a space */
    assert_non_null(strstr(r, "ok \xEF\xBF\xBD\xEF\xBF\xBD x\xEF\xBF\xBD"));
    assert_non_null(strstr(r, "end mid"));
    /* Tokens of repaired text fold U+FFFD like any other character. */
    dy_sentence *ss;
    uint32_t ns, forced;
    assert_int_equal(dy_text_sentences(&a, bad, sizeof bad - 1, &ss, &ns, &forced), 0);
    assert_int_equal(ns, 1);
    assert_int_equal(forced, 0);
    assert_null(memchr(ss[0].text, 0, ss[0].len));
    dy_arena_free(&a);
}

/* TABARI records keep control characters inside words; news text does not. */
static void test_glued_controls(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 4096);
    const char in[] = "Medals:\x1A\x1AGondor\x1A" "3\x7F" "1 Arnor\tRohan\0Bree.";
    dy_sentence g, o;
    assert_int_equal(dy_text_sentence_glued(&a, in, sizeof in - 1, &g), 0);
    assert_int_equal(dy_text_sentence_one(&a, in, sizeof in - 1, &o), 0);
    /* Medals | : | \x1A\x1AGondor\x1A3\x7F1 | Arnor | Rohan | Bree | . */
    assert_int_equal(g.ntok, 7);
    assert_string_equal(g.toks[2].up, "\x1A\x1AGONDOR\x1A" "3\x7F" "1");
    assert_string_equal(g.toks[3].up, "ARNOR"); /* a tab still separates */
    assert_string_equal(g.toks[5].up, "BREE");  /* and NUL is a blank */
    assert_null(memchr(g.text, 0, g.len));
    /* Medals | : | Gondor | 3 | 1 | Arnor | Rohan | Bree | . */
    assert_int_equal(o.ntok, 9);
    assert_string_equal(o.toks[2].up, "GONDOR");
    assert_null(memchr(o.text, 0x1A, o.len));
    dy_arena_free(&a);
}

/* Sentences of s joined with " || ". */
static char *sents_of(const char *s, uint32_t *forced)
{
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence *ss;
    uint32_t ns, f;
    assert_int_equal(dy_text_sentences(&a, s, strlen(s), &ss, &ns, &f), 0);
    dy_buf b = {0};
    for (uint32_t i = 0; i < ns; i++) {
        if (i)
            dy_buf_puts(&b, " || ");
        dy_buf_put(&b, ss[i].text, ss[i].len);
        assert_int_equal(strlen(ss[i].text), ss[i].len);
        /* Token spans point into the sentence's own text. */
        for (uint32_t k = 0; k < ss[i].ntok; k++)
            assert_true(ss[i].toks[k].end <= ss[i].len && ss[i].toks[k].start < ss[i].toks[k].end);
    }
    if (forced)
        *forced = f;
    char *r = strdup(b.n ? dy_buf_cstr(&b) : "");
    dy_buf_free(&b);
    dy_arena_free(&a);
    return r;
}

static void check_sents(const char *in, const char *want)
{
    char *got = sents_of(in, NULL);
    assert_string_equal(got, want);
    free(got);
}

static void test_split(void **state)
{
    (void)state;
    check_sents("Troops left. Talks resumed!  Why? Nobody knows.",
                "Troops left. || Talks resumed! || Why? || Nobody knows.");
    check_sents("Mr. Lavrov met Dr. Rice on Jan. 5 in Geneva. Gen. Petraeus spoke.",
                "Mr. Lavrov met Dr. Rice on Jan. 5 in Geneva. || Gen. Petraeus spoke.");
    check_sents("The novel by J. R. R. Tolkien sold well. Critics agreed.",
                "The novel by J. R. R. Tolkien sold well. || Critics agreed.");
    check_sents("Inflation hit 3.5 percent. Prices rose.", "Inflation hit 3.5 percent. || Prices rose.");
    check_sents("He said \"we will fight.\" Then he left.", "He said \"we will fight.\" || Then he left.");
    check_sents("The talks (held in Oslo.) ended. Both sides left.",
                "The talks (held in Oslo.) ended. || Both sides left.");
    check_sents("They waited... and waited... Then the doors opened.",
                "They waited... and waited... || Then the doors opened.");
    check_sents("Sanctions on the U.S. The talks failed.", "Sanctions on the U.S. || The talks failed.");
    check_sents("The U.S. Army moved.", "The U.S. Army moved.");
    check_sents("It was a mass. Wash. Pa. Gen. Smith came.", "It was a mass. || Wash. Pa. Gen. Smith came.");
    check_sents("Guns, tanks, etc. The army left.", "Guns, tanks, etc. || The army left.");
    check_sents("Smith et al. reported it.", "Smith et al. reported it.");
    check_sents("A headline with no stop\n\nThe body starts here.",
                "A headline with no stop || The body starts here.");
    check_sents("Lines\nwrap inside\none sentence.", "Lines wrap inside one sentence.");
    check_sents("", "");
}

static void test_long_sentence_split(void **state)
{
    (void)state;
    /* 2,500 words with no full stop: cut at the documented limit, nothing lost. */
    dy_buf b = {0};
    for (int i = 0; i < 2500; i++)
        dy_buf_puts(&b, "word ");
    uint32_t forced = 0;
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence *ss;
    uint32_t ns;
    assert_int_equal(dy_text_sentences(&a, b.p, b.n, &ss, &ns, &forced), 0);
    assert_int_equal(ns, 3);
    assert_int_equal(forced, 2);
    assert_int_equal(ss[0].ntok, DY_TEXT_MAX_SENT_TOKENS);
    assert_int_equal(ss[0].ntok + ss[1].ntok + ss[2].ntok, 2500);
    dy_arena_free(&a);
    dy_buf_free(&b);
}

/* Pathological inputs: must finish quickly (ctest timeout) with bounded output. */
static void test_pathological(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 1 << 16);
    dy_sentence *ss;
    uint32_t ns, forced;
    /* 1 MB without a full stop. */
    size_t n = 1 << 20;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = "abcdefg "[i % 8];
    assert_int_equal(dy_text_sentences(&a, s, n, &ss, &ns, &forced), 0);
    assert_int_equal(ns, (n / 8 + DY_TEXT_MAX_SENT_TOKENS - 1) / DY_TEXT_MAX_SENT_TOKENS);
    dy_arena_reset(&a);
    /* Binary garbage. */
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        s[i] = (char)(x >> 16);
    }
    assert_int_equal(dy_text_sentences(&a, s, n, &ss, &ns, &forced), 0);
    for (uint32_t i = 0; i < ns; i++)
        assert_true(ss[i].ntok <= DY_TEXT_MAX_SENT_TOKENS);
    dy_arena_reset(&a);
    /* A 100,000-word sentence tokenised whole (the coder's entry point). */
    free(s);
    n = 100000 * 4;
    s = malloc(n);
    for (size_t i = 0; i < n; i += 4)
        memcpy(s + i, "ab, ", 4);
    dy_sentence st;
    assert_int_equal(dy_text_tokenize(&a, s, n, &st), 0);
    assert_int_equal(st.ntok, 200000);
    /* Dots only. */
    memset(s, '.', n);
    assert_int_equal(dy_text_tokenize(&a, s, n, &st), 0);
    assert_int_equal(st.ntok, 1);
    free(s);
    dy_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_basic),   cmocka_unit_test(test_folded_ascii),
        cmocka_unit_test(test_tokens_unicode),
        cmocka_unit_test(test_repair), cmocka_unit_test(test_glued_controls), cmocka_unit_test(test_split),
        cmocka_unit_test(test_long_sentence_split), cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
