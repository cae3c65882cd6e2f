#include "testutil.h"
#include "text/fold.h"
#include "util/util.h"

static void test_arena_many(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 256);
    for (int i = 0; i < 1000; i++) {
        char *p = dy_arena_alloc(&a, (size_t)(i % 700) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 'x', (size_t)(i % 700) + 1);
    }
    assert_null(dy_arena_alloc(&a, SIZE_MAX));
    dy_arena_reset(&a);
    assert_non_null(dy_arena_alloc(&a, 10));
    dy_arena_free(&a);
}

static void test_buf_printf(void **state)
{
    (void)state;
    dy_buf b = {0};
    for (int i = 0; i < 100; i++)
        assert_true(dy_buf_printf(&b, "%d,", i));
    assert_true(dy_buf_printf(&b, "%300s|", "x"));
    assert_int_equal(strncmp(dy_buf_cstr(&b), "0,1,2,", 6), 0);
    assert_int_equal(b.p[b.n - 1], '|');
    dy_buf_free(&b);
}

static void check_fold(const char *in, const char *want)
{
    dy_buf b = {0};
    assert_true(dy_fold(in, strlen(in), &b));
    assert_string_equal(dy_buf_cstr(&b), want);
    dy_buf_free(&b);
}

static void test_fold(void **state)
{
    (void)state;
    check_fold("Moscow", "MOSCOW");
    check_fold("S\xc3\xa3" "o Tom\xc3\xa9", "SAO TOME");
    check_fold("\xe2\x80\x9c" "free\xe2\x80\x9d \xe2\x80\x94 now", "\"FREE\" - NOW");
    check_fold("bad\xff", "BAD" "\xef\xbf\xbd");
    check_fold("Stra\xc3\x9f" "e", "STRASSE");
}

static void test_error_locate(void **state)
{
    (void)state;
    const char *text = "line one\nline two\n  x";
    dyad_error e = {0};
    dy_fail(&e, DYAD_E_SYNTAX, "bad token", "f.txt", 0, 0, "x", 1);
    e.pos = (size_t)(strchr(text, 'x') - text);
    dyad_error_locate(&e, text, strlen(text));
    assert_int_equal(e.line, 3);
    assert_int_equal(e.col, 3);
    char out[128];
    dyad_error_format(&e, out, sizeof out);
    assert_string_equal(out, "f.txt:3:3: bad token (x)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_many),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_error_locate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
