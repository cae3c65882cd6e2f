/* The report's provenance panel, from a real SQLite store: the runs the store
 * recorded (dictionaries, versions, scale, scheme, counts) are shown as
 * recorded, escaped; a store without the runs table says so in one line. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "report/report.h"
#include "store/store.h"
#include "testutil.h"

/* The documented shape of the store's runs table (docs/store.md). The store
 * creates it in a migration; IF NOT EXISTS keeps this test valid either way. */
static const char *RUNS =
    "CREATE TABLE IF NOT EXISTS runs (run_id INTEGER PRIMARY KEY, started_at TEXT,"
    " dyad_version TEXT, command TEXT, input TEXT, dictionaries TEXT, goldstein_scale TEXT,"
    " quad_scheme TEXT, records_read INTEGER, records_coded INTEGER, records_rejected INTEGER,"
    " sentences INTEGER, mentions_read INTEGER, mentions_loaded INTEGER,"
    " mentions_duplicate INTEGER, mentions_rejected INTEGER)";

static char *report_of(dyad_store *s)
{
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    assert_non_null(f);
    dyad_report_opts o = {0};
    dyad_error err = {0};
    assert_int_equal(dyad_report_write(s, &o, f, &err), DYAD_OK);
    fclose(f);
    return page;
}

static void test_runs(void **state)
{
    (void)state;
    char path[] = "/tmp/dyad-prov-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    dyad_error err = {0};
    dyad_store *s = dyad_store_open(path, &err);
    assert_non_null(s);

    /* an older store: no runs table at all */
    assert_int_equal(dy_store_exec(s, "DROP TABLE IF EXISTS runs", &err), DYAD_OK);
    char *page = report_of(s);
    assert_non_null(strstr(page, "id=\"no-provenance\"><b>No provenance recorded.</b>"));
    assert_non_null(strstr(page, "before dyad recorded its runs"));
    assert_null(strstr(page, "id=\"runs\""));
    free(page);

    /* the table, empty */
    assert_int_equal(dy_store_exec(s, RUNS, &err), DYAD_OK);
    assert_int_equal(dy_store_exec(s, "DELETE FROM runs", &err), DYAD_OK);
    page = report_of(s);
    assert_non_null(strstr(page, "<b>No provenance recorded.</b> This store keeps a record"));
    free(page);

    /* two runs: a coding run with dictionaries, and a load with unknown counts */
    assert_int_equal(
        dy_store_exec(s,
                      "INSERT INTO runs (run_id, started_at, dyad_version, command, input,"
                      " dictionaries, goldstein_scale, quad_scheme, records_read, records_coded,"
                      " records_rejected, sentences, mentions_read, mentions_loaded,"
                      " mentions_duplicate, mentions_rejected) VALUES"
                      " (1, '2026-11-25T07:00:00Z', '0.1.0', 'code', 'news/<b>guardian</b>.csv',"
                      " '[{\"path\":\"dict/verbs.txt\",\"kind\":\"verbs\",\"entries\":467,"
                      "\"version\":\"2025-06-30\"},{\"path\":\"phoenix/agents.txt\",\"kind\":"
                      "\"agents\",\"entries\":270,\"checksum\":\"sha256:ab12\"}]',"
                      " 'gdelt', 'icews', 249, 247, 2, 10696, 1288, 1275, 13, 0),"
                      " (2, '2026-11-25T08:00:00Z', '0.1.0', 'load', 'more.jsonl', 'not json',"
                      " NULL, NULL, NULL, NULL, NULL, NULL, 40, 38, 2, 0)",
                      &err),
        DYAD_OK);
    page = report_of(s);
    assert_null(strstr(page, "No provenance recorded"));
    assert_non_null(strstr(page, "id=\"runs\""));
    /* oldest first, counts by column, thousands separated */
    char *one = strstr(page, "<tr><td><b>1</b><br>2026-11-25T07:00:00Z<br>dyad 0.1.0");
    char *two = strstr(page, "<tr><td><b>2</b>");
    assert_non_null(one);
    assert_non_null(two);
    assert_true(one < two);
    assert_non_null(strstr(one, "<td class=\"num\" data-c=\"records_read\">249</td>"
                                "<td class=\"num\" data-c=\"records_coded\">247</td>"
                                "<td class=\"num\" data-c=\"records_rejected\">2</td>"
                                "<td class=\"num\" data-c=\"sentences\">10,696</td>"
                                "<td class=\"num\" data-c=\"mentions_read\">1,288</td>"
                                "<td class=\"num\" data-c=\"mentions_loaded\">1,275</td>"
                                "<td class=\"num\" data-c=\"mentions_duplicate\">13</td>"));
    assert_non_null(strstr(one, "news/&lt;b&gt;guardian&lt;/b&gt;.csv"));
    assert_non_null(strstr(one, "dict/verbs.txt</span> &middot; verbs &middot; 467 entries"
                                " &middot; version 2025-06-30"));
    assert_non_null(strstr(one, "phoenix/agents.txt</span> &middot; agents &middot; 270 entries"
                                " &middot; version sha256:ab12"));
    assert_non_null(strstr(one, "Goldstein: gdelt<br>quads: icews"));
    /* a NULL count is "not recorded", never 0; a malformed list is shown as text */
    assert_non_null(strstr(two, "data-c=\"records_read\" title=\"not recorded\">&ndash;</td>"));
    assert_non_null(strstr(two, "<td class=\"num\" data-c=\"mentions_loaded\">38</td>"));
    assert_non_null(strstr(two, "<span class=\"path\">not json</span>"));
    assert_non_null(strstr(two, "Goldstein: <i>not recorded</i>"));
    free(page);
    dyad_store_close(s);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
