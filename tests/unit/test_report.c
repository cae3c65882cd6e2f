/* Report rendering: escaping, span marks, the SVG charts and the whole page,
 * from an in-memory report (the store queries are tested by tests/cli/report.sh). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report.h"
#include "testutil.h"

static const char *HOSTILE = "<script>alert(\"x\")</script>";

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0, at = 0;
    const char *hit;
    while ((hit = strstr(hay + at, needle)) != NULL) {
        n++;
        at = (size_t)(hit - hay) + 1;
    }
    return n;
}

/* No NaN or infinity printed as a number (the word "provenance" is fine). */
static void assert_no_nan(const char *s)
{
    static const char *const bad[] = {"\"nan", "nan\"", ">nan", "nan<", ",nan", "nan,", "\"-nan", " nan ", "inf\"", ">inf"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (strstr(s, bad[i]))
            fail_msg("found %s", bad[i]);
}

static char *esc(const char *s)
{
    dy_buf b = {0};
    assert_true(dy_html_escs(&b, s));
    assert_non_null(dy_buf_cstr(&b));
    return b.p;
}

static void test_html_escape(void **state)
{
    (void)state;
    char *s = esc(HOSTILE);
    assert_string_equal(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    free(s);
    s = esc("a & b's \"c\" \xC3\xA9\t\n");
    assert_string_equal(s, "a &amp; b&#39;s &quot;c&quot; \xC3\xA9\t\n");
    free(s);
    s = esc("bell\x07nul-free\x7f");
    assert_string_equal(s, "bell\xEF\xBF\xBDnul-free\xEF\xBF\xBD");
    free(s);
    s = esc(NULL);
    assert_string_equal(s, "");
    free(s);
}

static void test_json_string(void **state)
{
    (void)state;
    dy_buf b = {0};
    assert_true(dy_json_str(&b, "</script><!-- \"q\" \\ \n&\xE2\x80\xA8\xC3\xA9"));
    assert_string_equal(dy_buf_cstr(&b),
                        "\"\\u003c/script\\u003e\\u003c!-- \\\"q\\\" \\\\ \\u000a\\u0026\\u2028\xC3\xA9\"");
    dy_buf_free(&b);
}

static char *spans(const char *text, dyad_span s, dyad_span t, dyad_span v)
{
    dy_buf b = {0};
    assert_true(dy_html_spans(&b, text, s, t, v));
    assert_non_null(dy_buf_cstr(&b));
    return b.p;
}

static void test_spans(void **state)
{
    (void)state;
    /*                 0         1         2      */
    /*                 0123456789012345678901234  */
    const char *t = "Rebels seized the <school>.";
    char *s = spans(t, (dyad_span){0, 6}, (dyad_span){18, 26}, (dyad_span){7, 13});
    assert_string_equal(s, "<mark class=\"hs\">Rebels</mark> <mark class=\"hv\">seized</mark> the "
                           "<mark class=\"ht\">&lt;school&gt;</mark>.");
    free(s);
    /* overlapping source and verb; target out of range is clipped; empty verb ignored */
    s = spans("abcdef", (dyad_span){0, 4}, (dyad_span){5, 99}, (dyad_span){2, 2});
    assert_string_equal(s, "<mark class=\"hs\">abcd</mark>e<mark class=\"ht\">f</mark>");
    free(s);
    s = spans("abcdef", (dyad_span){0, 4}, (dyad_span){0, 0}, (dyad_span){2, 6});
    assert_string_equal(s, "<mark class=\"hs\">ab</mark><mark class=\"hs hv\">cd</mark>"
                           "<mark class=\"hv\">ef</mark>");
    free(s);
    /* a span ending inside a UTF-8 character moves back to its start */
    s = spans("\xC3\xA9t\xC3\xA9", (dyad_span){0, 4}, (dyad_span){0, 0}, (dyad_span){0, 0});
    assert_string_equal(s, "<mark class=\"hs\">\xC3\xA9t</mark>\xC3\xA9");
    free(s);
}

static void test_nice_and_colours(void **state)
{
    (void)state;
    assert_true(dy_svg_nice(0) == 1);
    assert_true(dy_svg_nice(3) == 5);
    assert_true(dy_svg_nice(10) == 10);
    assert_true(dy_svg_nice(11) == 20);
    assert_true(fabs(dy_svg_nice(0.3) - 0.5) < 1e-12);
    char a[8], b[8], c[8];
    dy_svg_gcolor(-10, a);
    dy_svg_gcolor(10, b);
    dy_svg_gcolor(NAN, c);
    assert_string_equal(a, "#67001f");
    assert_string_equal(b, "#053061");
    assert_string_equal(c, "#9a9a9a"); /* no score: the (deepened) middle grey */
    dy_svg_gcolor(-50, c);
    assert_string_equal(c, a);
}

static void test_date_human(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"2017-08", "Aug 2017", "2017"},   {"2017-08-06", "6 Aug 2017", "2017"},
        {"2004", "2004", "2004"},          {"2004-13", "2004-13", "2004-13"},
        {"<b>", "&lt;b&gt;", "&lt;b&gt;"}, {"", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int y = 0; y < 2; y++) {
            dy_buf b = {0};
            assert_true(dy_rp_date_human(&b, cases[i][0], y));
            assert_non_null(dy_buf_cstr(&b));
            assert_string_equal(b.p, cases[i][1 + y]);
            dy_buf_free(&b);
        }
}

static void test_stages(void **state)
{
    (void)state;
    assert_int_equal(dy_rp_stage("181"), DY_EP_TAKE);
    assert_int_equal(dy_rp_stage("1811"), DY_EP_TAKE);
    assert_int_equal(dy_rp_stage("0253"), DY_EP_APPEAL);
    assert_int_equal(dy_rp_stage("1053"), DY_EP_APPEAL);
    assert_int_equal(dy_rp_stage("046"), DY_EP_NEGOTIATE);
    assert_int_equal(dy_rp_stage("0841"), DY_EP_RELEASE);
    assert_int_equal(dy_rp_stage("190"), DY_EP_FORCE);
    assert_int_equal(dy_rp_stage("202"), DY_EP_FORCE);
    assert_int_equal(dy_rp_stage("183"), DY_EP_FORCE);
    assert_int_equal(dy_rp_stage("084"), -1);
    assert_int_equal(dy_rp_stage("112"), -1);
    assert_int_equal(dy_rp_stage(""), -1);
}

/* ---- a small report built by hand ---- */

static void tally(dy_rp_tally *t, uint64_t q1, uint64_t q2, uint64_t q3, uint64_t q4, double gsum)
{
    memset(t, 0, sizeof *t);
    t->n[1] = q1; t->n[2] = q2; t->n[3] = q3; t->n[4] = q4;
    t->gn = q1 + q2 + q3 + q4;
    t->gsum = gsum;
}

static void fixture(dy_report *r)
{
    dy_report_init(r);
    r->title = HOSTILE;
    r->scope = "all actors";
    r->from = "2004-08-01";
    r->to = "2004-10-30";
    static const char *const labels[3] = {"2004-08", "2004-09", "2004-10"};
    for (int i = 0; i < 3; i++) {
        dy_rp_period p = {labels[i], {{0}, 0, 0}};
        if (i == 0) tally(&p.t, 2, 1, 1, 0, 6);
        if (i == 1) tally(&p.t, 1, 0, 3, 6, -45);
        /* period 2 has no events: a gap in the Goldstein line */
        assert_true(DY_VEC_PUSH(r->periods, r->nperiods, r->cap_periods, p));
        for (int q = 0; q < DY_RP_NQUAD; q++)
            r->total.n[q] += p.t.n[q];
        r->total.gsum += p.t.gsum;
        r->total.gn += p.t.gn;
    }
    r->events = 14;
    r->mentions_total = 20;
    static const char *const codes[4] = {"ARV", "BEL", "BELMIL", "<b>X"};
    for (uint32_t i = 0; i < 4; i++) {
        dy_rp_actor a = {codes[i], 6 - i, 5 - i, 11 - 2 * i, 11 - 2 * i, 0, 0};
        assert_true(DY_VEC_PUSH(r->actors, r->nactors, r->cap_actors, a));
    }
    r->actors_total = 4;
    static const uint32_t ends[5][2] = {{0, 1}, {1, 0}, {2, 0}, {3, 2}, {1, 1}};
    for (int i = 0; i < 5; i++) {
        dy_rp_edge e = {ends[i][0], ends[i][1], {{0}, 0, 0}};
        tally(&e.t, (uint64_t)i, 0, 1, (uint64_t)(4 - i), -2.0 * (4 - i));
        assert_true(DY_VEC_PUSH(r->edges, r->nedges, r->cap_edges, e));
    }
    r->edges_total = 5;
    dy_rp_cell c = {1, 1, {{0}, 0, 0}};
    tally(&c.t, 0, 0, 2, 3, -30);
    assert_true(DY_VEC_PUSH(r->cells, r->ncells, r->cap_cells, c));
    dy_rp_code k1 = {UINT32_MAX, "181", "Abduct, hijack, or take hostage", 4, 5};
    dy_rp_code k2 = {UINT32_MAX, "0253", HOSTILE, 1, 3};
    dy_rp_code k3 = {1, "181", "Abduct, hijack, or take hostage", 4, 2};
    assert_true(DY_VEC_PUSH(r->codes, r->ncodes, r->cap_codes, k1));
    assert_true(DY_VEC_PUSH(r->codes, r->ncodes, r->cap_codes, k2));
    assert_true(DY_VEC_PUSH(r->codes, r->ncodes, r->cap_codes, k3));
    dy_rp_mention m = {"news-1", 0, "Gunmen <script>alert(1)</script> seized the school.",
                       {0, 6}, {44, 50}, {33, 39}};
    assert_true(DY_VEC_PUSH(r->mentions, r->nmentions, r->cap_mentions, m));
    dy_rp_row w = {7, "2004-09-01", "BELMIL", "ARV", "181", "seized", 4, -9, 0, 1, 3};
    assert_true(DY_VEC_PUSH(r->rows, r->nrows, r->cap_rows, w));
    dy_rp_row w2 = {8, "2004-09-02", "ARV", "BEL", "0253", "<i>urged</i>", 1, NAN, 1, 0, 0};
    assert_true(DY_VEC_PUSH(r->rows, r->nrows, r->cap_rows, w2));
    static const int stages[4] = {DY_EP_TAKE, DY_EP_APPEAL, DY_EP_NEGOTIATE, DY_EP_FORCE};
    for (int i = 0; i < 4; i++) {
        dy_rp_step s = {i * 2, stages[i], "2004-09-01", "BELMIL", "ARV", "181"};
        assert_true(DY_VEC_PUSH(r->steps, r->nsteps, r->cap_steps, s));
    }
    dy_rp_episode ep = {"BELMIL", "ARV", "2004-09-01", "2004-09-07", 0, 4, 0x1b, 4};
    assert_true(DY_VEC_PUSH(r->episodes, r->nepisodes, r->cap_episodes, ep));
    assert_true(dy_rp_add_kv(r, &r->prov, &r->nprov, &r->cap_prov, "dictionaries", HOSTILE));
    assert_true(dy_rp_add_kv(r, &r->notes, &r->nnotes, &r->cap_notes, "Note:", "a caveat"));
}

static char *render(dy_report *r, size_t *len)
{
    /* static: open_memstream keeps its address until fclose, which GCC 12
     * cannot see and reports as a dangling pointer */
    static char *p;
    p = NULL;
    FILE *f = open_memstream(&p, len);
    assert_non_null(f);
    dyad_error err = {0};
    assert_int_equal(dy_report_render(r, f, &err), DYAD_OK);
    fclose(f);
    return p;
}

static char *svg(bool (*fn)(dy_buf *, const dy_report *), const dy_report *r)
{
    dy_buf b = {0};
    assert_true(fn(&b, r));
    assert_non_null(dy_buf_cstr(&b));
    return b.p;
}

static void test_svg_timeline(void **state)
{
    (void)state;
    dy_report r;
    fixture(&r);
    char *s = svg(dy_svg_timeline, &r);
    /* one rect per period and quad, so the page can rescale every bar */
    assert_int_equal(count_of(s, "<rect "), 15);
    /* the tallest stack (10 events): step nice(10/4) = 2.5, rounded up to 3: axis 0..12 */
    assert_non_null(strstr(s, "data-k=\"4\" x=\"48.0\" y=\"30.0\" text-anchor=\"end\">12</text>"));
    /* material conflict of period 1: 6 of 12 over a 240-pixel plot = 120 high */
    assert_non_null(strstr(s, "class=\"q4\" data-p=\"1\" data-q=\"4\""));
    assert_non_null(strstr(s, "height=\"120.0\"><title>Sep 2004: 6 material conflict</title>"));
    /* Goldstein line: period 0 mean +1.5 (y 26+240*8.5/20), period 1 mean -4.5, period 2 none */
    const char *d = strstr(s, "id=\"tl-g\"");
    assert_non_null(d);
    assert_non_null(strstr(s, "M221.3 128.0L552.0 200.0\""));
    /* and a dot for each period with a mean, so a lone period still shows */
    assert_non_null(strstr(s, "<circle data-p=\"0\" cx=\"221.3\" cy=\"128.0\" r=\"3\">"
                              "<title>Aug 2004: mean Goldstein +1.5</title>"));
    assert_null(strstr(s, "<circle data-p=\"2\""));
    /* months are named, every one of the three */
    assert_non_null(strstr(s, ">Aug 2004</text>"));
    assert_non_null(strstr(s, ">Oct 2004</text>"));
    assert_non_null(strstr(s, ">events per month</text>"));
    assert_no_nan(s);
    free(s);
    s = svg(dy_svg_timeline, &r);
    char *s2 = svg(dy_svg_timeline, &r);
    assert_string_equal(s, s2);
    free(s);
    free(s2);
    dy_report_free(&r);
}

static bool saydo_conflict(dy_buf *b, const dy_report *r) { return dy_svg_saydo(b, r, 1); }

static void test_svg_saydo_codes_episode(void **state)
{
    (void)state;
    dy_report r;
    fixture(&r);
    char *s = svg(saydo_conflict, &r);
    assert_non_null(strstr(s, "id=\"sd-c-s\""));
    assert_non_null(strstr(s, "id=\"sd-c-d\""));
    assert_non_null(strstr(s, "id=\"sd-c-a\""));
    /* y axis to 8 (max 6 -> step 2): top tick reads 8 */
    assert_non_null(strstr(s, ">8</text>"));
    free(s);
    s = svg(dy_svg_codes, &r);
    assert_int_equal(count_of(s, "<rect "), 2); /* only the global codes */
    assert_non_null(strstr(s, "&lt;script&gt;"));
    assert_null(strstr(s, "<script"));
    free(s);
    dy_buf b = {0};
    assert_true(dy_svg_episode(&b, &r, &r.episodes[0]));
    assert_non_null(dy_buf_cstr(&b));
    /* one dot per (day, stage), day ticks every 2 days, the dates at both ends */
    assert_int_equal(count_of(b.p, "<circle "), 4);
    assert_non_null(strstr(b.p, ">day 0</text>"));
    assert_non_null(strstr(b.p, ">6</text>"));
    assert_non_null(strstr(b.p, ">1 Sep 2004</text>"));
    assert_non_null(strstr(b.p, ">7 Sep 2004</text>"));
    assert_non_null(strstr(b.p, "<title>1 Sep 2004 (day 0), taken: BELMIL \xE2\x86\x92 ARV 181</title>"));
    dy_buf_free(&b);
    dy_report_free(&r);
}

static void test_svg_network(void **state)
{
    (void)state;
    dy_report r;
    fixture(&r);
    dy_buf a = {0}, b = {0};
    assert_true(dy_svg_network(&a, &r));
    double x0 = r.actors[0].x, y0 = r.actors[0].y;
    assert_true(dy_svg_network(&b, &r)); /* lays out again from scratch */
    assert_true(x0 == r.actors[0].x && y0 == r.actors[0].y);
    assert_non_null(dy_buf_cstr(&a));
    assert_non_null(dy_buf_cstr(&b));
    assert_string_equal(a.p, b.p);
    assert_int_equal(count_of(a.p, "class=\"edge\""), 5);
    assert_int_equal(count_of(a.p, "class=\"node\""), 4);
    for (size_t i = 0; i < r.nactors; i++) {
        assert_true(r.actors[i].x >= 0 && r.actors[i].x <= 680);
        assert_true(r.actors[i].y >= 0 && r.actors[i].y <= 560);
        for (size_t j = 0; j < i; j++) /* the layout separates nodes */
            assert_true(hypot(r.actors[i].x - r.actors[j].x, r.actors[i].y - r.actors[j].y) > 30);
    }
    /* a ring in code order from the top: "<b>X" sorts first ('<' < 'A'), then ARV at 3 o'clock */
    assert_true(fabs(r.actors[3].x - 340) < 1e-9 && fabs(r.actors[3].y - 75) < 1e-9);
    assert_true(fabs(r.actors[0].x - 545) < 1e-9 && fabs(r.actors[0].y - 280) < 1e-9);
    /* the busiest edge (5 events: edges 0..4 each have 5) against a floor of 8:
     * 1.2 + 6.8 * sqrt(5/8) wide; arrowheads keep one size */
    assert_non_null(strstr(a.p, "stroke-width=\"6.6\" stroke-opacity=\"0.85\""));
    assert_non_null(strstr(a.p, "markerUnits=\"userSpaceOnUse\""));
    /* edge 0: -8/5 mean -> bucket 4; edge 4: 4 coop + 1 verbal conflict, 0 sum -> grey */
    assert_non_null(strstr(a.p, "&lt;b&gt;X"));
    assert_null(strstr(a.p, "<b>X"));
    dy_buf_free(&a);
    dy_buf_free(&b);
    dy_report_free(&r);
}

static void test_page(void **state)
{
    (void)state;
    dy_report r;
    fixture(&r);
    size_t n1, n2;
    char *p1 = render(&r, &n1);
    dy_report_free(&r);
    fixture(&r);
    char *p2 = render(&r, &n2);
    dy_report_free(&r);
    /* deterministic bytes */
    assert_int_equal(n1, n2);
    assert_memory_equal(p1, p2, n1);
    /* every hostile string is text: the only <script> elements are dyad's two */
    assert_int_equal(count_of(p1, "<script"), 2);
    assert_int_equal(count_of(p1, "</script>"), 2);
    assert_null(strstr(p1, "<script>alert"));
    assert_null(strstr(p1, "<i>urged"));
    assert_non_null(strstr(p1, "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>"));
    assert_non_null(strstr(p1, "<h1>&lt;script&gt;"));
    assert_non_null(strstr(p1, "\"0253\":\"\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e\""));
    /* the mention's sentence, with spans marked and its script escaped */
    assert_non_null(strstr(p1, "<mark class=\"hs\">Gunmen</mark> &lt;script&gt;alert(1)&lt;/script&gt;"
                               " <mark class=\"hv\">seized</mark> the <mark class=\"ht\">school</mark>."));
    assert_non_null(strstr(p1, "href=\"#m0\""));
    assert_non_null(strstr(p1, "id=\"m0\""));
    assert_non_null(strstr(p1, "and 2 more mentions, not embedded."));
    /* self-contained: no external resources at all */
    assert_null(strstr(p1, " src="));
    assert_null(strstr(p1, "<link"));
    assert_null(strstr(p1, "href=\"http"));
    assert_null(strstr(p1, "url(http"));
    assert_non_null(strstr(p1, "default-src 'none'"));
    /* the embedded assets arrived whole */
    assert_non_null(strstr(p1, "SELFTEST PASS"));
    assert_non_null(strstr(p1, "--q4: #b2182b"));
    /* the cap note appears only when rows are capped: 14 events, 2 rows */
    assert_non_null(strstr(p1, "The table holds the 2 most recent of 14 events"));
    /* numbers are formatted the same everywhere */
    assert_no_nan(p1);
    free(p1);
    free(p2);
}

static void test_empty_report(void **state)
{
    (void)state;
    dy_report r;
    dy_report_init(&r);
    r.title = "empty";
    size_t n;
    char *p = render(&r, &n);
    assert_non_null(strstr(p, "No hostage taking"));
    assert_no_nan(p);
    assert_null(strstr(p, "The table holds"));
    free(p);
    dy_report_free(&r);
}

/* The asset generator refuses an asset that would close its own element. */
static int run_gen(const char *dir, const char *css, const char *js)
{
    char path[512], cmd[1536];
    snprintf(path, sizeof path, "%s/report.css", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(css, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/report.js", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(js, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "cmake -DRA_DIR=%s -DRA_OUT=%s/out.c -P %s/cmake/gen-report.cmake >/dev/null 2>&1",
             dir, dir, DYAD_SOURCE_DIR);
    return system(cmd);
}

static void test_asset_generator(void **state)
{
    (void)state;
    if (system("cmake --version >/dev/null 2>&1") != 0) {
        printf("SKIP: cmake not found\n");
        return;
    }
    char dir[] = "/tmp/dyad-report-gen-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(run_gen(dir, "body { color: red; }\n", "var a = 1 < 2;\n"), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/out.c", dir);
    char *text = NULL;
    size_t len = 0;
    dyad_error err = {0};
    assert_int_equal(dy_read_file(path, &text, &len, &err), DYAD_OK);
    assert_non_null(strstr(text, "const size_t dy_report_css_len = 21;"));
    assert_non_null(strstr(text, "0x62,0x6f,0x64,0x79")); /* "body" */
    free(text);
    assert_int_not_equal(run_gen(dir, "x { }\n", "s = \"</SCRIPT>\";\n"), 0);
    assert_int_not_equal(run_gen(dir, "/* </style> */\n", "1;\n"), 0);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_asset_generator),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_nice_and_colours),
        cmocka_unit_test(test_stages),
        cmocka_unit_test(test_date_human),
        cmocka_unit_test(test_svg_timeline),
        cmocka_unit_test(test_svg_saydo_codes_episode),
        cmocka_unit_test(test_svg_network),
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_empty_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
