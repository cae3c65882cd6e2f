/* test_input.c — readers, dates, Penn and CoNLL-U trees. */
#include <stdio.h>
#include <stdlib.h>

#include "input/parse.h"
#include "input/reader.h"
#include "testutil.h"

typedef struct diags {
    int n;
    char last[256];
} diags;

static void on_diag(void *user, const dyad_error *e)
{
    diags *d = user;
    d->n++;
    snprintf(d->last, sizeof d->last, "%s:%zu: %s (%s)", e->path ? e->path : "", e->line, e->msg, e->detail);
}

static dyad_reader *open_str(const char *s, const char *name, dyad_format f, diags *d)
{
    dyad_error err;
    dyad_reader *r = dyad_reader_open_mem(s, strlen(s), name, f, on_diag, d, &err);
    assert_non_null(r);
    return r;
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(dyad_format_from_name("jsonl"), DYAD_FMT_JSONL);
    assert_int_equal(dyad_format_from_name("petrarch-xml"), DYAD_FMT_PETRARCH_XML);
    assert_int_equal(dyad_format_from_name("nope"), -1);
    for (int f = DYAD_FMT_AUTO; f <= DYAD_FMT_CSV; f++)
        assert_int_equal(dyad_format_from_name(dyad_format_name((dyad_format)f)), f);
}

static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *content;
        dyad_format want;
    } cases[] = {
        {"{\"id\":1,\"text\":\"x\"}\n", DYAD_FMT_JSONL},
        {"\n  <Sentences>\n", DYAD_FMT_PETRARCH_XML},
        {"950101  DEMO-01\nText.\n", DYAD_FMT_TABARI},
        {"# banner\n\n950101 X\nText.\n", DYAD_FMT_TABARI},
        {"# sent_id = 1\n1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n", DYAD_FMT_CONLLU},
        {"\"\",\"date\",\"text\"\n1,2019-01-01,x\n", DYAD_FMT_CSV},
        {"Plain words, with a comma.\n", DYAD_FMT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dyad_error err;
        dyad_reader *r = dyad_reader_open_mem(cases[i].content, strlen(cases[i].content), NULL, DYAD_FMT_AUTO,
                                              NULL, NULL, &err);
        assert_non_null(r);
        assert_int_equal(r->fmt, cases[i].want);
        dyad_reader_free(r);
    }
    /* The extension wins over content; --input wins over both. */
    dyad_error err;
    dyad_reader *r = dyad_reader_open_mem("{}", 2, "a.txt", DYAD_FMT_AUTO, NULL, NULL, &err);
    assert_int_equal(r->fmt, DYAD_FMT_TEXT);
    dyad_reader_free(r);
    r = dyad_reader_open_mem("{}", 2, "a.txt", DYAD_FMT_JSONL, NULL, NULL, &err);
    assert_int_equal(r->fmt, DYAD_FMT_JSONL);
    dyad_reader_free(r);
    assert_null(dyad_reader_open("/nonexistent/dir/x.jsonl", DYAD_FMT_AUTO, NULL, NULL, &err));
    assert_int_equal(err.code, DYAD_E_IO);
}

static void test_dates(void **state)
{
    (void)state;
    char iso[11];
    uint32_t num;
    assert_int_equal(dy_date_parse("19950101", 8, iso, &num), 0);
    assert_string_equal(iso, "1995-01-01");
    assert_int_equal(num, 19950101);
    assert_int_equal(dy_date_parse("950112", 6, iso, &num), 0);
    assert_string_equal(iso, "1995-01-12");
    assert_int_equal(dy_date_parse("080804", 6, iso, &num), 0);
    assert_string_equal(iso, "2008-08-04");
    assert_int_equal(dy_date_parse("2019-04-10", 10, iso, &num), 0);
    assert_int_equal(num, 20190410);
    assert_int_equal(dy_date_parse("2019-04-10T12:00:00Z", 20, iso, &num), 0);
    assert_int_equal(dy_date_parse("2020-02-29", 10, iso, &num), 0);
    assert_int_equal(dy_date_parse("2019-02-29", 10, iso, &num), -1);
    assert_int_equal(dy_date_parse("2019-13-01", 10, iso, &num), -1);
    assert_int_equal(dy_date_parse("yesterday", 9, iso, &num), -1);
    assert_int_equal(dy_date_parse("1995011", 7, iso, &num), -1);
}

static void test_jsonl(void **state)
{
    (void)state;
    const char *in = "{\"id\":\"a1\",\"date\":\"2023-10-07\",\"text\":\"Gunmen seized hostages. Talks began.\","
                     "\"source\":\"wire\",\"url\":\"http://x\"}\n"
                     "\n"
                     "{\"id\":\"bad\",\"text\":\"x\",\"date\":\"2023-31-31\"}\n"
                     "not json at all\n"
                     "{\"id\":7,\"text\":\"Numbered id.\"}\n"
                     "{\"id\":\"nt\"}\n";
    diags d = {0};
    dyad_reader *r = open_str(in, "in.jsonl", DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(dyad_doc_id(doc), "a1");
    assert_string_equal(dyad_doc_date(doc), "2023-10-07");
    assert_int_equal(doc->date_num, 20231007);
    assert_string_equal(doc->source, "wire");
    assert_int_equal(dyad_doc_sentence_count(doc), 2);
    size_t len;
    const char *t = dyad_doc_sentence_text(doc, 1, &len);
    assert_string_equal(t, "Talks began.");
    doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "7");
    assert_int_equal(d.n, 2); /* the bad date and the invalid JSON */
    assert_non_null(strstr(d.last, "in.jsonl:4: invalid JSON"));
    assert_null(dyad_reader_next(r, &err));
    assert_int_equal(err.code, DYAD_OK);
    assert_int_equal(d.n, 3);
    assert_non_null(strstr(d.last, ":6: missing or non-string \"text\" (nt)"));
    dyad_read_stats st;
    dyad_reader_get_stats(r, &st);
    assert_int_equal(st.records_read, 5);
    assert_int_equal(st.records_rejected, 3);
    assert_int_equal(st.sentences, 3);
    dyad_reader_free(r);
}

static void test_csv(void **state)
{
    (void)state;
    const char *in = "\"\",\"date\",\"text\",\"source\"\n"
                     "\"1\",2019-04-10,\"Line one, with comma.\n\nA \"\"quoted\"\" word.\",\"paper\"\n"
                     "\"2\",notadate,\"Bad row.\",\"paper\"\n"
                     "\"3\",2019-04-11,\"Third.\",\"paper\"\n";
    diags d = {0};
    dyad_reader *r = open_str(in, "news.csv", DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "1");
    assert_string_equal(doc->date, "2019-04-10");
    assert_int_equal(doc->nsent, 2);
    assert_string_equal(doc->sents[1].text, "A \"quoted\" word.");
    doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "3");
    assert_int_equal(doc->line, 6);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.last, "news.csv:5: bad date"));
    assert_null(dyad_reader_next(r, &err));
    dyad_reader_free(r);
    /* No text column: a clear error. */
    r = open_str("id,date\n1,2019-01-01\n", "x.csv", DYAD_FMT_AUTO, &d);
    assert_null(dyad_reader_next(r, &err));
    assert_int_equal(err.code, DYAD_E_SYNTAX);
    dyad_reader_free(r);
}

static void test_bom_crlf(void **state)
{
    (void)state;
    diags d = {0};
    dyad_reader *r = open_str("\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"With a BOM.\"}\r\n{\"id\":\"c\",\"text\":\"CRLF.\"}\r\n",
                              "b.jsonl", DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "b");
    doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->sents[0].text, "CRLF.");
    assert_int_equal(d.n, 0);
    dyad_reader_free(r);
    /* The same through a FILE. */
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs("\xEF\xBB\xBF" "950101  R-1\r\nSome text.\r\n\r\n", f);
    rewind(f);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fileno(f));
    r = dyad_reader_open(path, DYAD_FMT_TABARI, on_diag, &d, &err);
    assert_non_null(r);
    doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "R-1");
    assert_string_equal(doc->sents[0].text, "Some text.");
    dyad_reader_free(r);
    fclose(f);
}

static void test_text_doc(void **state)
{
    (void)state;
    diags d = {0};
    dyad_reader *r = open_str("Title line\n\nFirst sentence here. Second one.\n", "dir/story.txt",
                              DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "story.txt");
    assert_int_equal(doc->nsent, 3);
    assert_null(dyad_reader_next(r, &err));
    dyad_reader_free(r);
}

static void test_tabari(void **state)
{
    (void)state;
    const char *in = "# banner\n"
                     "\n"
                     "950101  REC-01\n"
                     "Rohan troops raided Gondor villages\n"
                     "on Friday.\n"
                     "/*\\n-----\n"
                     "\\n[two events]\n"
                     "\\n{ ROH / GON / 190 } 950101\n"
                     "\\n{ GON / ROH / 111 } */\n"
                     "\\n{ ROH / ARN / 190 } */\n" /* after the comment: TABARI reads it too */
                     "\n"
                     "950102  REC-02\n"
                     "Nothing happened.\n"
                     "/* \\n{---} */\n"
                     "\n"
                     "951301  REC-BAD\n"
                     "Bad date.\n"
                     "\n"
                     "950103  REC-03\n"
                     "Option record.\n"
                     "/*\\n{ OPTION: SET: CODE ALL } -{ A / B / 010 } */\n"
                     "990101  FINAL-01\n"
                     "The end.\n";
    diags d = {0};
    dyad_reader *r = open_str(in, "v.text", DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "REC-01");
    assert_string_equal(doc->date, "1995-01-01");
    assert_int_equal(doc->line, 3);
    assert_string_equal(doc->sents[0].text, "Rohan troops raided Gondor villages on Friday.");
    assert_int_equal(doc->has_expect, 1);
    assert_int_equal(doc->nexpect, 3);
    assert_string_equal(doc->expect[1].source, "GON");
    assert_string_equal(doc->expect[1].target, "ROH");
    assert_string_equal(doc->expect[1].code, "111");
    assert_string_equal(doc->expect[2].target, "ARN");
    doc = dyad_reader_next(r, &err);
    assert_string_equal(doc->id, "REC-02");
    assert_int_equal(doc->has_expect, 1);
    assert_int_equal(doc->nexpect, 0);
    assert_int_equal(doc->expect_flags, DY_EXPECT_NONE);
    doc = dyad_reader_next(r, &err);
    assert_string_equal(doc->id, "REC-03");
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.last, "v.text:16: bad date"));
    assert_int_equal(doc->nopts, 1);
    assert_string_equal(doc->opts[0].name, "OPTION");
    assert_string_equal(doc->opts[0].value, "SET: CODE ALL");
    assert_true(doc->expect_flags & DY_EXPECT_PARTIAL);
    assert_int_equal(doc->stop, 0);
    doc = dyad_reader_next(r, &err);
    assert_string_equal(doc->id, "FINAL-01");
    assert_int_equal(doc->stop, 1);
    assert_null(dyad_reader_next(r, &err));
    dyad_read_stats st;
    dyad_reader_get_stats(r, &st);
    assert_int_equal(st.records_read, 5);
    assert_int_equal(st.records_rejected, 1);
    dyad_reader_free(r);
}

static void test_petrxml(void **state)
{
    (void)state;
    const char *in = "<Validation>\n<Environment>\n  <Verbfile>my.verbs.txt</Verbfile>\n</Environment>\n"
                     "<Sentences>\n"
                     "<!-- <Sentence id=\"commented\"> -->\n"
                     "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
                     "<Sentence date=\"20080804\" id=\"X-1\" category=\"T\" sentence=\"True\">\n"
                     "<EventCoding sourcecode=\"ABC\" targetcode=\"DEF\" eventcode=\"042\"></EventCoding>\n"
                     "<EventCoding sourcecode='\"TWO WORDS\"' targetcode=\"DEF\" eventcode=\"043\"/>\n"
                     "<Text>\nAbc visited Def &amp; friends.\n</Text>\n"
                     "<Parse>\n(ROOT (S (NP (NNP Abc)) (VP (VBD visited) (NP (NNP Def) (CC &amp;) (NNS friends)))\n"
                     " (. .)))\n</Parse>\n"
                     "</Sentence>\n"
                     "<Sentence date=\"20080805\" id=\"X-2\" evaluate=\"true\"/>\n"
                     "<EventCoding noevents=\"True\" />\n"
                     "<Text>Only text here.</Text>\n"
                     "</Sentence>\n"
                     "<Sentence date=\"2008-99-01\" id=\"X-3\"><Text>bad date</Text></Sentence>\n"
                     "<Sentence date=\"20080806\" id=\"X-4\"><Parse>(ROOT (S (NP x)</Parse></Sentence>\n"
                     "<Sentence date=\"20080807\" id=\"X-5\" sentence=\"false\"><Parse>\n"
                     "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
                     "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                     "</Parse></Sentence>\n"
                     "<Sentence date=\"20080808\" id=\"X-6\"><Text>\nARNOR CITY: -- Abc visited Def.</Text></Sentence>\n"
                     "<Sentence date=\"20080808\" id=\"X-7\"><Text>ABC -- not a dateline: Abc visited Def.</Text></Sentence>\n"
                     "</Sentences>\n</Validation>\n";
    diags d = {0};
    dyad_reader *r = open_str(in, "t.xml", DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "X-1");
    assert_string_equal(doc->date, "2008-08-04");
    assert_string_equal(doc->category, "T");
    assert_int_equal(doc->is_sentence, 1);
    assert_int_equal(doc->line, 8);
    assert_int_equal(doc->nexpect, 2);
    assert_string_equal(doc->expect[1].source, "\"TWO WORDS\"");
    assert_int_equal(doc->nopts, 1);
    assert_string_equal(doc->opts[0].name, "require_dyad");
    assert_string_equal(doc->opts[0].value, "false");
    assert_int_equal(doc->nsent, 1);
    assert_string_equal(doc->sents[0].text, "Abc visited Def & friends .");
    assert_int_equal(doc->sents[0].source, DY_TREE_PENN);
    assert_string_equal(dy_petrxml_environment(r, "Verbfile"), "my.verbs.txt");
    doc = dyad_reader_next(r, &err);
    assert_string_equal(doc->id, "X-2");
    assert_int_equal(doc->has_expect, 1);
    assert_int_equal(doc->nexpect, 0);
    assert_int_equal(doc->expect_flags, DY_EXPECT_NONE);
    assert_int_equal(doc->nopts, 0);
    assert_string_equal(doc->sents[0].text, "Only text here.");
    doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "X-5");
    assert_int_equal(doc->is_sentence, 0);
    assert_int_equal(doc->sents[0].source, DY_TREE_CONLLU);
    assert_int_equal(d.n, 2);
    assert_non_null(strstr(d.last, "(X-4)"));
    doc = dyad_reader_next(r, &err); /* X-6 opens with a wire dateline: rejected, as PETRARCH does */
    assert_non_null(doc);
    assert_string_equal(doc->id, "X-7");
    assert_int_equal(d.n, 3);
    assert_non_null(strstr(d.last, "(X-6)"));
    assert_non_null(strstr(d.last, "dateline"));
    assert_null(dyad_reader_next(r, &err));
    dyad_read_stats st;
    dyad_reader_get_stats(r, &st);
    assert_int_equal(st.records_read, 7);
    assert_int_equal(st.records_rejected, 3);
    dyad_reader_free(r);
}

static void test_conllu_file(void **state)
{
    (void)state;
    const char *in = "# sent_id = s1\n# text = Police arrested him.\n"
                     "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
                     "2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                     "3\thim\the\tPRON\tPRP\t_\t2\tobj\t_\t_\n"
                     "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
                     "\n"
                     "# sent_id = s2\n"
                     "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
                     "2\tloop\tloop\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
                     "3\there\there\tADV\tRB\t_\t2\tadvmod\t_\t_\n"
                     "\n"
                     "# sent_id = s3\n"
                     "1-2\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n"
                     "1\tde\tde\tADP\tIN\t_\t3\tcase\t_\t_\n"
                     "2\tle\tle\tDET\tDT\t_\t3\tdet\t_\t_\n"
                     "2.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n"
                     "3\tport\tport\tNOUN\tNN\t_\t0\troot\t_\t_\n";
    diags d = {0};
    dyad_reader *r = open_str(in, "p.conllu", DYAD_FMT_AUTO, &d);
    dyad_error err;
    const dyad_doc *doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "s1");
    const dy_sentence *s = &doc->sents[0];
    assert_string_equal(s->text, "Police arrested him .");
    assert_int_equal(s->ntok, 4);
    assert_int_equal(s->toks[1].pos, DY_POS_VERB);
    assert_string_equal(s->toks[1].tag, "VBD");
    assert_int_equal(s->toks[0].dep_head, 1);
    assert_int_equal(s->toks[0].deprel, DY_DEP_NSUBJ);
    assert_int_equal(s->toks[1].dep_head, -1);
    doc = dyad_reader_next(r, &err);
    assert_non_null(doc);
    assert_string_equal(doc->id, "s3");
    assert_string_equal(doc->sents[0].text, "de le port");
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.last, "cycle"));
    assert_null(dyad_reader_next(r, &err));
    dyad_reader_free(r);
}

/* Render a tree as "(S (NP Police) (VP arrested (NP him)) .)" for shape checks. */
static void render(const dy_sentence *s, int32_t k, dy_buf *b)
{
    static const char *const names[] = {"ROOT", "S", "SBAR", "NP", "VP", "PP", "ADJP", "ADVP", "PRN", "X"};
    const dy_node *n = &s->nodes[k];
    if (n->label == DY_L_TOKEN) {
        dy_buf_put(b, s->text + s->toks[n->tok].start, s->toks[n->tok].end - s->toks[n->tok].start);
        return;
    }
    dy_buf_printf(b, "(%s", names[n->label]);
    for (int32_t c = n->first_child; c >= 0; c = s->nodes[c].next_sibling) {
        dy_buf_putc(b, ' ');
        assert_int_equal(s->nodes[c].parent, k);
        assert_true(s->nodes[c].t0 >= n->t0 && s->nodes[c].t1 <= n->t1);
        render(s, c, b);
    }
    dy_buf_putc(b, ')');
}

static char *shape(const dy_sentence *s)
{
    /* Every token appears exactly once as a leaf. */
    uint32_t leaves = 0;
    for (uint32_t k = 0; k < s->nnode; k++)
        leaves += s->nodes[k].label == DY_L_TOKEN;
    assert_int_equal(leaves, s->ntok);
    dy_buf b = {0};
    render(s, 0, &b);
    char *r = strdup(dy_buf_cstr(&b));
    dy_buf_free(&b);
    return r;
}

static void check_conllu_shape(const char *conllu, const char *want)
{
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence s;
    dyad_error err;
    assert_int_equal(dy_conllu_parse(&a, conllu, strlen(conllu), &s, &err), DYAD_OK);
    char *got = shape(&s);
    assert_string_equal(got, want);
    free(got);
    dy_arena_free(&a);
}

static void test_conllu_shapes(void **state)
{
    (void)state;
    check_conllu_shape("1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
                       "2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                       "3\thim\the\tPRON\tPRP\t_\t2\tobj\t_\t_\n"
                       "4\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
                       "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                       "6\tcapital\tcapital\tNOUN\tNN\t_\t2\tobl\t_\t_\n"
                       "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n",
                       "(ROOT (S (NP Police) (VP arrested (NP him) (PP in (NP the capital))) .))");
    /* Coordination, a passive subject and a marked adverbial clause. */
    check_conllu_shape("1\tRebels\trebel\tNOUN\tNNS\t_\t3\tnsubj:pass\t_\t_\n"
                       "2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
                       "3\tbombed\tbomb\tVERB\tVBN\t_\t0\troot\t_\t_\n"
                       "4\tafter\tafter\tSCONJ\tIN\t_\t6\tmark\t_\t_\n"
                       "5\tthey\tthey\tPRON\tPRP\t_\t6\tnsubj\t_\t_\n"
                       "6\tattacked\tattack\tVERB\tVBD\t_\t3\tadvcl\t_\t_\n"
                       "7\tArnor\tArnor\tPROPN\tNNP\t_\t6\tobj\t_\t_\n"
                       "8\tand\tand\tCCONJ\tCC\t_\t9\tcc\t_\t_\n"
                       "9\tGondor\tGondor\tPROPN\tNNP\t_\t7\tconj\t_\t_\n",
                       "(ROOT (S (NP Rebels) (VP were bombed (SBAR after (S (NP they) (VP attacked "
                       "(NP (NP Arnor) and (NP Gondor))))))))");
    /* A verb conjunct without a subject is a VP inside the first verb's VP,
     * and the heads stay with the first verb. */
    {
        const char *c = "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
                        "2\tcondemned\tcondemn\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                        "3\tit\tit\tPRON\tPRP\t_\t2\tobj\t_\t_\n"
                        "4\tand\tand\tCCONJ\tCC\t_\t5\tcc\t_\t_\n"
                        "5\tleft\tleave\tVERB\tVBD\t_\t2\tconj\t_\t_\n";
        check_conllu_shape(c, "(ROOT (S (NP They) (VP condemned (NP it) and (VP left))))");
        dy_arena a;
        dy_arena_init(&a, 4096);
        dy_sentence s;
        dyad_error err;
        assert_int_equal(dy_conllu_parse(&a, c, strlen(c), &s, &err), DYAD_OK);
        assert_int_equal(s.nodes[1].label, DY_L_S);
        assert_int_equal(s.nodes[1].head, 1);
        for (uint32_t k = 0; k < s.nnode; k++)
            if (s.nodes[k].label == DY_L_VP)
                assert_int_equal(s.nodes[k].head, s.nodes[k].t0 == 1 ? 1 : 4);
        dy_arena_free(&a);
    }
    /* Commas: one before a PP goes outside it, one between subject and verb
     * sits in S; an object's infinitival clause follows the object in the VP. */
    check_conllu_shape("1\tEnvoys\tenvoy\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n"
                       "2\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_\n"
                       "3\tin\tin\tADP\tIN\t_\t4\tcase\t_\t_\n"
                       "4\tremarks\tremark\tNOUN\tNNS\t_\t1\tnmod\t_\t_\n"
                       "5\t,\t,\tPUNCT\t,\t_\t6\tpunct\t_\t_\n"
                       "6\turged\turge\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                       "7\tRohan\tRohan\tPROPN\tNNP\t_\t6\tobj\t_\t_\n"
                       "8\tto\tto\tPART\tTO\t_\t9\tmark\t_\t_\n"
                       "9\tyield\tyield\tVERB\tVB\t_\t7\tacl\t_\t_\n",
                       "(ROOT (S (NP Envoys , (PP in (NP remarks))) , (VP urged (NP Rohan) (S (VP to yield)))))");
    /* An xcomp with "to" stays a subjectless S inside the VP. */
    check_conllu_shape("1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
                       "2\tvowed\tvow\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                       "3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_\n"
                       "4\tfight\tfight\tVERB\tVB\t_\t2\txcomp\t_\t_\n",
                       "(ROOT (S (NP They) (VP vowed (S (VP to fight)))))");
}

static void test_penn(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 4096);
    dy_sentence s;
    dyad_error err;
    const char *p = "( (S (NP-SBJ (DT The) (NN envoy)) (VP (VBD met) (NP (NNP Smith)) "
                    "(PP (IN in) (NP (-LRB- -LRB-) (NNP Oslo) (-RRB- -RRB-)))) (. .)))";
    assert_int_equal(dy_penn_parse(&a, p, strlen(p), &s, &err), DYAD_OK);
    assert_string_equal(s.text, "The envoy met Smith in ( Oslo ) .");
    char *got = shape(&s);
    assert_string_equal(got, "(ROOT (S (NP The envoy) (VP met (NP Smith) (PP in (NP ( Oslo )))) .))");
    free(got);
    assert_int_equal(s.ntok, 9);
    assert_string_equal(s.toks[1].up, "ENVOY");
    assert_int_equal(s.toks[1].pos, DY_POS_NOUN);
    assert_int_equal(s.toks[3].pos, DY_POS_PROPN);
    assert_string_equal(s.nodes[2].raw, "NP-SBJ");
    /* Heads: NP -> envoy, VP -> met, PP -> in, S -> met. */
    assert_int_equal(s.nodes[1].head, 2);
    assert_int_equal(s.nodes[2].head, 1);
    for (uint32_t k = 0; k < s.nnode; k++)
        if (s.nodes[k].label == DY_L_PP)
            assert_int_equal(s.nodes[k].head, 4);
    /* Empty elements vanish; TO before a verb is a particle. */
    const char *q = "(ROOT (S (NP (-NONE- *)) (VP (TO to) (VP (VB go)))))";
    assert_int_equal(dy_penn_parse(&a, q, strlen(q), &s, &err), DYAD_OK);
    assert_string_equal(s.text, "to go");
    assert_int_equal(s.toks[0].pos, DY_POS_PART);
    /* Errors. */
    const char *bad[] = {"(ROOT (S (NP x)", "(ROOT (S (NP x))))", "(ROOT (NP (DT the) dog))", "", "()",
                         "word (S (NP x))", "(A (B x)) (C (D y))"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_not_equal(dy_penn_parse(&a, bad[i], strlen(bad[i]), &s, &err), DYAD_OK);
    dy_arena_free(&a);
}

static void test_pathological_trees(void **state)
{
    (void)state;
    dy_arena a;
    dy_arena_init(&a, 1 << 16);
    dy_sentence s;
    dyad_error err;
    /* 10,000 nested brackets: rejected at the documented depth, no stack overflow. */
    dy_buf b = {0};
    for (int i = 0; i < 10000; i++)
        dy_buf_puts(&b, "(X ");
    dy_buf_puts(&b, "(NN deep)");
    for (int i = 0; i < 10000; i++)
        dy_buf_putc(&b, ')');
    assert_int_equal(dy_penn_parse(&a, b.p, b.n, &s, &err), DYAD_E_LIMIT);
    /* A 100,000-word flat sentence parses. */
    b.n = 0;
    dy_buf_puts(&b, "(ROOT (S");
    for (int i = 0; i < 100000; i++)
        dy_buf_puts(&b, " (NN w)");
    dy_buf_puts(&b, "))");
    assert_int_equal(dy_penn_parse(&a, b.p, b.n, &s, &err), DYAD_OK);
    assert_int_equal(s.ntok, 100000);
    dy_arena_reset(&a);
    /* A 10,000-deep dependency chain is rejected, not recursed into. */
    b.n = 0;
    for (int i = 1; i <= 10000; i++)
        dy_buf_printf(&b, "%d\tw\tw\tNOUN\tNN\t_\t%d\tnmod\t_\t_\n", i, i - 1);
    assert_int_equal(dy_conllu_parse(&a, b.p, b.n, &s, &err), DYAD_E_LIMIT);
    /* A flat 100,000-word dependency sentence converts. */
    b.n = 0;
    dy_buf_puts(&b, "1\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n");
    for (int i = 2; i <= 100000; i++)
        dy_buf_printf(&b, "%d\tw\tw\tNOUN\tNN\t_\t1\tobj\t_\t_\n", i);
    assert_int_equal(dy_conllu_parse(&a, b.p, b.n, &s, &err), DYAD_OK);
    assert_int_equal(s.ntok, 100000);
    /* Binary garbage through every reader: never crashes, counts add up. */
    size_t n = 1 << 18;
    char *g = malloc(n);
    uint32_t x = 7;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        g[i] = (char)(x >> 16);
    }
    for (int f = DYAD_FMT_TEXT; f <= DYAD_FMT_CSV; f++) {
        diags d = {0};
        dyad_reader *r = dyad_reader_open_mem(g, n, "junk", (dyad_format)f, on_diag, &d, &err);
        assert_non_null(r);
        size_t docs = 0;
        while (dyad_reader_next(r, &err))
            docs++;
        dyad_read_stats st;
        dyad_reader_get_stats(r, &st);
        assert_int_equal(st.records_read, docs + st.records_rejected);
        dyad_reader_free(r);
    }
    free(g);
    dy_buf_free(&b);
    dy_arena_free(&a);
}

static size_t count_docs(const char *rel, dyad_format f, size_t *rejected, size_t *expects)
{
    char path[1024];
    if (!tu_shared(rel, path, sizeof path))
        return SIZE_MAX;
    dyad_error err;
    dyad_reader *r = dyad_reader_open(path, f, NULL, NULL, &err);
    assert_non_null(r);
    size_t n = 0, ex = 0;
    const dyad_doc *d;
    while ((d = dyad_reader_next(r, &err))) {
        n++;
        ex += d->nexpect;
        for (uint32_t i = 0; i < d->nsent; i++) {
            const dy_sentence *s = &d->sents[i];
            assert_true(s->ntok > 0);
            if (s->nnode) { /* every token is one leaf of the tree */
                uint32_t leaves = 0;
                for (uint32_t k = 0; k < s->nnode; k++)
                    leaves += s->nodes[k].label == DY_L_TOKEN;
                assert_int_equal(leaves, s->ntok);
            }
        }
    }
    assert_int_equal(err.code, DYAD_OK);
    dyad_read_stats st;
    dyad_reader_get_stats(r, &st);
    assert_int_equal(st.records_read, n + st.records_rejected);
    *rejected = st.records_rejected;
    if (expects)
        *expects = ex;
    dyad_reader_free(r);
    return n;
}

static void test_shared_files(void **state)
{
    (void)state;
    size_t rej, ex, n;
    /* 284 <Sentence> records; ERROR-02 and ERROR-03 carry broken parses on
     * purpose, ERROR-01 a wire dateline. */
    if ((n = count_docs("data/petrarch2/text/PETR.UnitTest.records.xml", DYAD_FMT_AUTO, &rej, &ex)) != SIZE_MAX) {
        assert_int_equal(n + rej, 284);
        assert_int_equal(rej, 3);
        assert_int_equal(ex, 359);
    }
    if ((n = count_docs("data/universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
                        DYAD_FMT_AUTO, &rej, NULL)) != SIZE_MAX)
        assert_int_equal(n + rej, 284);
    /* Not well-formed XML (self-closed <Sentence/> then a stray </Sentence>): all 78 records. */
    if ((n = count_docs("data/universal-petrarch/PETR2_GSR_validation.xml", DYAD_FMT_AUTO, &rej, &ex)) != SIZE_MAX) {
        assert_int_equal(n, 78);
        assert_int_equal(ex, 80); /* 93 <EventCoding>, 13 of them noevents */
    }
    if ((n = count_docs("data/petrarch2/text/GigaWord.sample.PETR.xml", DYAD_FMT_AUTO, &rej, NULL)) != SIZE_MAX)
        assert_int_equal(n, 76);
    if ((n = count_docs("data/tabari/Validate.text", DYAD_FMT_AUTO, &rej, NULL)) != SIZE_MAX) {
        assert_int_equal(n, 479);
        assert_int_equal(rej, 0);
    }
    if ((n = count_docs("data/tabari/TABARI.Demo.text", DYAD_FMT_AUTO, &rej, NULL)) != SIZE_MAX) {
        assert_int_equal(n, 46);
        assert_int_equal(rej, 0);
    }
    if ((n = count_docs("data/universal-petrarch/GigaWord.sample.PETR_parsed.xml", DYAD_FMT_AUTO, &rej, NULL)) !=
        SIZE_MAX)
        assert_int_equal(n, 76);
    if ((n = count_docs("data/news/guardian_sample.csv", DYAD_FMT_AUTO, &rej, NULL)) != SIZE_MAX)
        assert_int_equal(n, 249);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names), cmocka_unit_test(test_detect), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_jsonl),        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_text_doc),     cmocka_unit_test(test_bom_crlf), cmocka_unit_test(test_tabari),
        cmocka_unit_test(test_petrxml),      cmocka_unit_test(test_conllu_file),
        cmocka_unit_test(test_conllu_shapes), cmocka_unit_test(test_penn),
        cmocka_unit_test(test_pathological_trees), cmocka_unit_test(test_shared_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
