/* The embedded default dictionaries: every file passes the strict loader
 * with no warning, the counts are what docs/default-dictionaries.md states,
 * lookups give the documented codes (dates included), every office is a
 * closed range inside the review horizon, every event code is a CAMEO code,
 * no phrase is listed twice, and the defaults code a few sentences of our
 * own end to end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/load.h"
#include "dict_defaults.h"
#include "text/text.h"
#include "testutil.h"

#define HORIZON 20250630u

typedef struct tdf_diag {
    size_t errors, warnings;
    char first[512];
} tdf_diag;

static void tdf_collect(void *user, const dyad_error *e)
{
    tdf_diag *t = user;
    if (!t->errors && !t->warnings)
        dyad_error_format(e, t->first, sizeof t->first);
    if (e->code == DYAD_E_UNSUPPORTED)
        t->warnings++;
    else
        t->errors++;
}

static dyad_dict *tdf_dict;

static int tdf_setup(void **state)
{
    (void)state;
    dyad_error err = {0};
    tdf_dict = dyad_dict_load_default(&err);
    if (!tdf_dict) {
        char buf[512];
        dyad_error_format(&err, buf, sizeof buf);
        printf("default dictionaries failed to load: %s\n", buf);
        return -1;
    }
    return 0;
}

static int tdf_teardown(void **state)
{
    (void)state;
    dyad_dict_free(tdf_dict);
    return 0;
}

/* Each embedded file on its own, keep-going, collecting warnings too. */
static void t_each_file_strict(void **state)
{
    (void)state;
    assert_true(dy_default_nfiles >= 10);
    for (size_t i = 0; i < dy_default_nfiles; i++) {
        const dy_default_file *f = &dy_default_files[i];
        tdf_diag t = {0, 0, ""};
        dyad_dict_opts o = {.keep_going = 1, .diag = tdf_collect, .diag_user = &t};
        dyad_error err = {0};
        struct dyad_dict *d = dy_dict_new();
        assert_non_null(d);
        dyad_status st = dy_dict_add_buffer(d, f->name, f->data, f->len, DY_DK_AUTO, &o, &err);
        if (st == DYAD_OK)
            st = dy_dict_finish(d, &err);
        if (st != DYAD_OK || t.errors || t.warnings)
            printf("%s: %zu errors, %zu warnings; first: %s\n", f->name, t.errors, t.warnings, t.first);
        assert_int_equal(st, DYAD_OK);
        assert_int_equal(t.errors, 0);
        assert_int_equal(t.warnings, 0);
        dyad_dict_free(d);
    }
}

static void t_counts(void **state)
{
    (void)state;
    dyad_dict_stats s;
    dyad_dict_get_stats(tdf_dict, &s);
    assert_int_equal(s.files, dy_default_nfiles);
    assert_int_equal(s.rejected, 0);
    /* floors, so growth never fails the test; docs give the exact numbers */
    assert_true(s.actors >= 1100);
    assert_true(s.actor_phrases >= 2400);
    assert_true(s.actor_codes >= 1600);
    assert_true(s.agents >= 250);
    assert_true(s.verb_blocks >= 85);
    assert_true(s.verbs >= 450);
    assert_true(s.patterns >= 580);
    assert_true(s.synsets >= 30);
    assert_true(s.discards >= 100);
    assert_true(s.issues >= 30);
    assert_non_null(strstr(dyad_dict_describe(tdf_dict), "dyad.verbs.txt"));
    assert_non_null(strstr(dyad_dict_describe(tdf_dict), "iso3166.actors.txt"));
}

/* ------------------------------------------------------------ lookups */

typedef struct tdf_sent {
    dy_arena a;
    dy_sentence s;
} tdf_sent;

static void tdf_tokens(tdf_sent *t, const char *text)
{
    dy_arena_init(&t->a, 0);
    memset(&t->s, 0, sizeof t->s);
    assert_int_equal(dy_text_tokenize(&t->a, text, strlen(text), &t->s), 0);
    dy_sentence_bind(tdf_dict, &t->s);
}

/* The code of the actor phrase covering all of `text` on `date`; NULL when
 * no actor phrase covers exactly that text. */
static const char *tdf_actor(const char *text, uint32_t date)
{
    tdf_sent t;
    tdf_tokens(&t, text);
    dy_match m;
    const char *code = NULL;
    if (dy_phrases_match(&tdf_dict->actor_phrases, &tdf_dict->lex, t.s.toks, t.s.ntok, 0, &m) &&
        m.t1 == t.s.ntok)
        code = dy_actor_code_on(tdf_dict, &tdf_dict->actors[m.value], date);
    dy_arena_free(&t.a);
    return code;
}

static const char *tdf_agent(const char *text)
{
    tdf_sent t;
    tdf_tokens(&t, text);
    dy_match m;
    const char *code = NULL;
    if (dy_phrases_match(&tdf_dict->agent_phrases, &tdf_dict->lex, t.s.toks, t.s.ntok, 0, &m) &&
        m.t1 == t.s.ntok)
        code = tdf_dict->agents[m.value].code;
    dy_arena_free(&t.a);
    return code;
}

#define ACTOR(text, date, want) assert_string_equal(tdf_actor(text, date) ? tdf_actor(text, date) : "(none)", want)

static void t_actor_lookups(void **state)
{
    (void)state;
    /* generated from iso-codes: name, common name, official name, reordered */
    ACTOR("Russian Federation", 0, "RUS");
    ACTOR("South Korea", 0, "KOR");
    ACTOR("Republic of Korea", 0, "KOR");
    ACTOR("Democratic Republic of the Congo", 0, "COD");
    ACTOR("People's Republic of China", 0, "CHN");
    ACTOR("Côte d'Ivoire", 0, "CIV");
    ACTOR("British Virgin Islands", 0, "VGB");
    ACTOR("Yugoslavia", 0, "YUG");
    /* hand-written names, demonyms, capitals and seats of power */
    ACTOR("Russia", 0, "RUS");
    ACTOR("Russian", 0, "RUS");
    ACTOR("Russians", 0, "RUS");
    ACTOR("Israeli", 0, "ISR");
    ACTOR("Palestinian", 0, "PSE");
    ACTOR("British", 0, "GBR");
    ACTOR("Britain", 0, "GBR");
    ACTOR("UK", 0, "GBR");
    ACTOR("Moscow", 0, "RUS");
    ACTOR("Kremlin", 0, "RUSGOV");
    ACTOR("Downing Street", 0, "GBRGOV");
    ACTOR("White House", 0, "USAGOV");
    ACTOR("Pentagon", 0, "USAMIL");
    ACTOR("Kyiv", 0, "UKR");
    ACTOR("Kiev", 0, "UKR");
    ACTOR("Tehran", 0, "IRN");
    ACTOR("Gaza", 0, "PSE");
    ACTOR("Beslan", 0, "RUS");
    ACTOR("Middle East", 0, "MEA");
    /* organisations and armed groups */
    ACTOR("United Nations", 0, "IGOUNO");
    ACTOR("UN Security Council", 0, "IGOUNOSCR");
    ACTOR("NATO", 0, "IGOWSTNAT");
    ACTOR("Red Cross", 0, "NGOHLHIRC");
    ACTOR("IAEA", 0, "IGOUNOIAE");
    ACTOR("Arab League", 0, "IGOARL");
    ACTOR("Hamas", 0, "PSEREBHMS");
    ACTOR("Hezbollah", 0, "LBNUAFHEZ");
    ACTOR("Islamic Jihad", 0, "PSEREBPIJ");
    ACTOR("al-Qaeda", 0, "IMGMOSALQ");
    ACTOR("al Qaeda", 0, "IMGMOSALQ");
    ACTOR("ISIS", 0, "IMGMOSISI");
    ACTOR("Houthis", 0, "YEMINSHTH");
    ACTOR("PKK", 0, "TURSEPPKK");
    ACTOR("FSB", 0, "RUSSPY");
    /* dated: groups that took power, leaders in and out of office */
    ACTOR("Taliban", 20000101, "AFGGOVTAL");
    ACTOR("Taliban", 20100101, "AFGINSTAL");
    ACTOR("Taliban", 20220101, "AFGGOVTAL");
    ACTOR("Vladimir Putin", 20040903, "RUSGOV");
    ACTOR("Vladimir Putin", 19980101, "RUSELI");
    ACTOR("Putin", 20100101, "RUSGOV");      /* prime minister */
    ACTOR("Dmitry Medvedev", 20100101, "RUSGOV");
    ACTOR("Donald Trump", 20190101, "USAGOV");
    ACTOR("Donald Trump", 20220101, "USAELI");
    ACTOR("Trump", 20250301, "USAGOV");
    ACTOR("Joe Biden", 20220101, "USAGOV");
    ACTOR("Benjamin Netanyahu", 20220101, "ISROPP");
    ACTOR("Netanyahu", 20231010, "ISRGOV");
    ACTOR("Keir Starmer", 20230101, "GBROPP");
    ACTOR("Keir Starmer", 20240801, "GBRGOV");
    ACTOR("Friedrich Merz", 20250601, "DEUGOV");
    ACTOR("Olaf Scholz", 20250601, "DEUELI");
    ACTOR("Assad", 19900101, "SYRGOV");
    ACTOR("Assad", 20250301, "SYRELI");
    ACTOR("Antonio Guterres", 20100101, "IGOUNOREFHCR");
    ACTOR("Sergei Lavrov", 20240101, "RUSGOV");
    ACTOR("Alexander Trufanov", 20231007, "RUSCVL");
    /* after the review horizon an incumbent falls back to the default */
    ACTOR("Vladimir Putin", 20260101, "RUSELI");
    /* and nothing claims a word it should not */
    assert_null(tdf_actor("who", 0));
    assert_null(tdf_actor("Korean", 0));
}

static void t_agent_lookups(void **state)
{
    (void)state;
    assert_string_equal(tdf_agent("special forces"), "MIL");
    assert_string_equal(tdf_agent("officials"), "GOV");
    assert_string_equal(tdf_agent("official"), "GOV");
    assert_string_equal(tdf_agent("police"), "COP");
    assert_string_equal(tdf_agent("rebels"), "REB");
    assert_string_equal(tdf_agent("hostages"), "CVL");
    assert_string_equal(tdf_agent("kidnappers"), "REB");
    assert_string_equal(tdf_agent("foreign minister"), "GOV");
    assert_string_equal(tdf_agent("foreign ministry"), "GOV");
    assert_string_equal(tdf_agent("congresswoman"), "LEG");
    assert_string_equal(tdf_agent("children"), "CVL");
    assert_string_equal(tdf_agent("aid workers"), "NGO");
    assert_true(tdf_dict->agents[0].prefix == 0);
}

static void t_verb_forms(void **state)
{
    (void)state;
    static const char *const forms[] = {"STORMED", "KIDNAPPED", "ABDUCTED", "FREED", "RELEASED", "TOOK",
                                        "HELD", "SEIZED", "MEDIATED", "NEGOTIATING", "URGED", "PRESSED",
                                        "CONDEMNED", "ACCUSED", "THREATENED", "DEMANDED", "MET", "VISITED",
                                        "SANCTIONED", "ATTACKED", "KILLED", "BOMBED", "ARRESTED",
                                        "PROTESTED", "EXCHANGED", "DEPLOYED", "SHELLED", "FOUGHT"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        uint32_t w = dy_lex_find(&tdf_dict->lex, forms[i], strlen(forms[i]));
        const uint32_t *l;
        if (!w || !dy_dict_forms_for(tdf_dict, w, &l))
            printf("no verb form %s\n", forms[i]);
        assert_true(w && dy_dict_forms_for(tdf_dict, w, &l) > 0);
    }
    /* auxiliaries and modals are the coder's, not event verbs */
    static const char *const aux[] = {"WILL", "WOULD", "SHALL", "WANT"};
    for (size_t i = 0; i < sizeof aux / sizeof aux[0]; i++) {
        uint32_t w = dy_lex_find(&tdf_dict->lex, aux[i], strlen(aux[i]));
        const uint32_t *l;
        assert_int_equal(w ? dy_dict_forms_for(tdf_dict, w, &l) : 0, 0);
    }
    /* SAY is a null-coded verb */
    uint32_t w = dy_lex_find(&tdf_dict->lex, "SAID", 4);
    const uint32_t *l;
    uint32_t n = dy_dict_forms_for(tdf_dict, w, &l);
    assert_true(n > 0);
    for (uint32_t i = 0; i < n; i++) {
        const dy_verb *v = &tdf_dict->verbs[tdf_dict->forms[l[i]].verb];
        if (tdf_dict->forms[l[i]].nwords == 1)
            assert_string_equal(v->code, "---");
    }
}

/* Every root 01-20 has verbs, and every code is in the codebook. */
static void t_codes(void **state)
{
    (void)state;
    int roots[21] = {0};
    for (uint32_t i = 0; i < tdf_dict->npatterns; i++) {
        const char *c = tdf_dict->patterns[i].code;
        if (!strcmp(c, "---"))
            continue;
        if (!dyad_codebook_lookup(c))
            printf("pattern code %s (line %u) is not a CAMEO code\n", c, tdf_dict->patterns[i].line);
        assert_non_null(dyad_codebook_lookup(c));
        roots[(c[0] - '0') * 10 + (c[1] - '0')]++;
    }
    for (uint32_t i = 0; i < tdf_dict->nverbs; i++) {
        const char *c = tdf_dict->verbs[i].code;
        if (!strcmp(c, "---"))
            continue;
        if (!dyad_codebook_lookup(c))
            printf("verb code %s (line %u) is not a CAMEO code\n", c, tdf_dict->verbs[i].line);
        assert_non_null(dyad_codebook_lookup(c));
        roots[(c[0] - '0') * 10 + (c[1] - '0')]++;
    }
    for (int r = 1; r <= 20; r++) {
        if (!roots[r])
            printf("no verb or pattern for root %02d\n", r);
        assert_true(roots[r] > 0);
    }
}

/* Every dated code is a closed range ending at the horizon at the latest. */
static void t_closed_ranges(void **state)
{
    (void)state;
    size_t ranged = 0;
    for (uint32_t i = 0; i < tdf_dict->nactor_codes; i++) {
        const dy_actor_code *c = &tdf_dict->actor_codes[i];
        if (c->from == 0 && c->to == 99999999)
            continue; /* an undated (default) code */
        ranged++;
        if (c->from == 0 || c->to == 99999999 || c->to > HORIZON || c->from > c->to)
            printf("open or late range %s %u-%u\n", c->code, c->from, c->to);
        assert_true(c->from > 0 && c->to != 99999999 && c->to <= HORIZON && c->from <= c->to);
    }
    assert_true(ranged >= 550);
}

/* No actor or agent phrase is listed twice, in any file. */
static int tdf_cmp_phrase(const void *a, const void *b, void *ph)
{
    const dy_phrases *p = ph;
    const dy_phrase *x = &p->items[*(const uint32_t *)a], *y = &p->items[*(const uint32_t *)b];
    uint32_t n = x->nwords < y->nwords ? x->nwords : y->nwords;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t u = p->words[x->first_word + i], v = p->words[y->first_word + i];
        if (u != v)
            return u < v ? -1 : 1;
    }
    return x->nwords < y->nwords ? -1 : x->nwords > y->nwords;
}

static const dy_phrases *tdf_sort_ph;
static int tdf_cmp(const void *a, const void *b) { return tdf_cmp_phrase(a, b, (void *)tdf_sort_ph); }

static size_t tdf_duplicates(const dy_phrases *ph, const char *what)
{
    uint32_t *ix = malloc(ph->n * sizeof *ix);
    assert_non_null(ix);
    for (uint32_t i = 0; i < ph->n; i++)
        ix[i] = i;
    tdf_sort_ph = ph;
    qsort(ix, ph->n, sizeof *ix, tdf_cmp);
    size_t dups = 0;
    for (uint32_t i = 1; i < ph->n; i++)
        if (!tdf_cmp(&ix[i - 1], &ix[i])) {
            char a[64], b[64];
            dy_dict_where(tdf_dict, ph->items[ix[i - 1]].file, ph->items[ix[i - 1]].line, a, sizeof a);
            dy_dict_where(tdf_dict, ph->items[ix[i]].file, ph->items[ix[i]].line, b, sizeof b);
            printf("%s phrase listed twice: %s and %s\n", what, a, b);
            dups++;
        }
    free(ix);
    return dups;
}

static void t_no_duplicates(void **state)
{
    (void)state;
    assert_int_equal(tdf_duplicates(&tdf_dict->actor_phrases, "actor"), 0);
    assert_int_equal(tdf_duplicates(&tdf_dict->agent_phrases, "agent"), 0);
}

/* Demonyms: every G20 state and every state of the essay. */
static void t_demonyms(void **state)
{
    (void)state;
    static const struct {
        const char *w, *code;
    } dm[] = {{"Argentine", "ARG"}, {"Australian", "AUS"}, {"Brazilian", "BRA"}, {"Canadian", "CAN"},
              {"Chinese", "CHN"}, {"French", "FRA"}, {"German", "DEU"}, {"Indian", "IND"},
              {"Indonesian", "IDN"}, {"Italian", "ITA"}, {"Japanese", "JPN"}, {"South Korean", "KOR"},
              {"Mexican", "MEX"}, {"Russian", "RUS"}, {"Saudi", "SAU"}, {"South African", "ZAF"},
              {"Turkish", "TUR"}, {"British", "GBR"}, {"American", "USA"}, {"Israeli", "ISR"},
              {"Palestinian", "PSE"}, {"Syrian", "SYR"}, {"Ukrainian", "UKR"}, {"Iranian", "IRN"},
              {"Iraqi", "IRQ"}, {"Lebanese", "LBN"}, {"Qatari", "QAT"}, {"Egyptian", "EGY"}};
    for (size_t i = 0; i < sizeof dm / sizeof dm[0]; i++)
        ACTOR(dm[i].w, 0, dm[i].code);
}

/* ------------------------------------------------------------ end to end */

typedef struct tdf_events {
    char got[16][64];
    size_t n;
} tdf_events;

static int tdf_event(void *user, const dyad_event *ev)
{
    tdf_events *e = user;
    if (e->n < 16)
        snprintf(e->got[e->n++], sizeof e->got[0], "%s %s %s", ev->source, ev->target, ev->code);
    return 0;
}

static void tdf_code(const char *jsonl, const char *want)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem(jsonl, strlen(jsonl), "t.jsonl", DYAD_FMT_JSONL, NULL, NULL, &err);
    assert_non_null(r);
    dyad_code_opts o = {0};
    o.require_dyad = -1;
    dyad_coder *c = dyad_coder_new(tdf_dict, &o, &err);
    assert_non_null(c);
    tdf_events e = {.n = 0};
    const dyad_doc *d;
    while ((d = dyad_reader_next(r, &err)) != NULL)
        assert_true(dyad_coder_code(c, d, tdf_event, &e, &err) >= 0);
    int found = 0;
    for (size_t i = 0; i < e.n; i++)
        found |= !strcmp(e.got[i], want);
    if (!found) {
        printf("wanted \"%s\" from %s; got:\n", want, jsonl);
        for (size_t i = 0; i < e.n; i++)
            printf("  %s\n", e.got[i]);
    }
    assert_true(found);
    dyad_coder_free(c);
    dyad_reader_free(r);
}

static void t_end_to_end(void **state)
{
    (void)state;
    tdf_code("{\"id\":\"1\",\"date\":\"2002-10-26\",\"text\":\"Russian special forces stormed the theatre.\"}",
             "RUSMIL --- 190");
    tdf_code("{\"id\":\"2\",\"date\":\"2023-11-25\",\"text\":\"Hamas released two Russian hostages.\"}",
             "PSEREBHMS RUSCVL 0841");
    tdf_code("{\"id\":\"3\",\"date\":\"2019-04-10\",\"text\":\"Iraqi officials accused Washington of aggression.\"}",
             "IRQGOV USA 1123");
    tdf_code("{\"id\":\"4\",\"date\":\"2004-09-03\",\"text\":\"Vladimir Putin condemned Hamas.\"}",
             "RUSGOV PSEREBHMS 111");
    tdf_code("{\"id\":\"5\",\"date\":\"1998-03-01\",\"text\":\"Vladimir Putin condemned Hamas.\"}",
             "RUSELI PSEREBHMS 111");
    tdf_code("{\"id\":\"6\",\"date\":\"2024-01-15\",\"text\":\"Qatar mediated between Israel and Hamas.\"}",
             "QAT ISR 045");
}

/* ------------------------------------------------------------ gaps */

static dyad_gaps *tdf_gaps(const char *text, const char *name, dyad_format fmt)
{
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open_mem(text, strlen(text), name, fmt, NULL, NULL, &err);
    assert_non_null(r);
    dyad_gaps *g = dyad_gaps_new(tdf_dict, &err);
    assert_non_null(g);
    const dyad_doc *d;
    while ((d = dyad_reader_next(r, &err)) != NULL)
        assert_int_equal(dyad_gaps_add(g, d, &err), DYAD_OK);
    assert_int_equal(err.code, DYAD_OK);
    dyad_reader_free(r);
    return g;
}

static void t_gaps(void **state)
{
    (void)state;
    static const char text[] = "Moldovan troops waylaid a convoy near Tiraspol.\n\n"
                               "Officials in Tiraspol waylaid the monitors, and they bribed the guards.\n\n"
                               "The Kremlin condemned Hamas in Bender.\n";
    dyad_gaps *g = tdf_gaps(text, "g.txt", DYAD_FMT_TEXT);
    dyad_gaps_stats st;
    dyad_gaps_get_stats(g, &st);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.sentences, 3);
    assert_int_equal(st.verbs, 4);          /* waylaid x2, bribed, condemned */
    assert_int_equal(st.verbs_covered, 1);  /* condemned */
    assert_int_equal(dyad_gaps_count(g, DYAD_GAP_VERB), 2);
    const dyad_gap *v = dyad_gaps_at(g, DYAD_GAP_VERB, 0);
    assert_string_equal(v->text, "WAYLAID");
    assert_int_equal(v->count, 2);
    assert_string_equal(v->doc, "g.txt");
    assert_int_equal(v->sentence, 0);
    assert_string_equal(dyad_gaps_at(g, DYAD_GAP_VERB, 1)->text, "BRIBED");
    assert_null(dyad_gaps_at(g, DYAD_GAP_VERB, 2));
    /* names: most frequent first, ties in byte order; covered names absent */
    assert_int_equal(dyad_gaps_count(g, DYAD_GAP_NAME), 2);
    assert_string_equal(dyad_gaps_at(g, DYAD_GAP_NAME, 0)->text, "TIRASPOL");
    assert_int_equal(dyad_gaps_at(g, DYAD_GAP_NAME, 0)->count, 2);
    assert_string_equal(dyad_gaps_at(g, DYAD_GAP_NAME, 1)->text, "BENDER");
    assert_int_equal(dyad_gaps_count(g, (dyad_gap_kind)7), 0);
    dyad_gaps_free(g);
    dyad_gaps_free(NULL);

    /* with a parse, the parse's verb tags decide */
    static const char conllu[] = "# sent_id = 1\n"
                                 "1\tMoldova\tMoldova\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                 "2\tscolded\tscold\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                                 "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                                 "4\tconvoy\tconvoy\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                                 "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    g = tdf_gaps(conllu, "p.conllu", DYAD_FMT_CONLLU);
    dyad_gaps_get_stats(g, &st);
    assert_int_equal(st.verbs, 1);
    assert_int_equal(dyad_gaps_count(g, DYAD_GAP_VERB), 1);
    assert_string_equal(dyad_gaps_at(g, DYAD_GAP_VERB, 0)->text, "SCOLDED");
    assert_int_equal(dyad_gaps_count(g, DYAD_GAP_NAME), 0); /* Moldova is a country */
    dyad_gaps_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_each_file_strict), cmocka_unit_test(t_counts),
        cmocka_unit_test(t_actor_lookups),    cmocka_unit_test(t_agent_lookups),
        cmocka_unit_test(t_verb_forms),       cmocka_unit_test(t_codes),
        cmocka_unit_test(t_closed_ranges),    cmocka_unit_test(t_no_duplicates),
        cmocka_unit_test(t_demonyms),         cmocka_unit_test(t_end_to_end),
        cmocka_unit_test(t_gaps),
    };
    return cmocka_run_group_tests(tests, tdf_setup, tdf_teardown);
}
