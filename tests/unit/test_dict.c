/* Dictionary loaders: each construct parses to the right model, each
 * malformed construct gives the right line:column error. Snippets are
 * written here, not taken from the shared files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict/dictint.h"
#include "testutil.h"

typedef struct td_diag {
    size_t errors, warnings;
    dyad_error first;
} td_diag;

static void td_collect(void *user, const dyad_error *e)
{
    td_diag *t = user;
    if (e->code == DYAD_E_UNSUPPORTED) {
        t->warnings++;
        return;
    }
    if (!t->errors++)
        t->first = *e;
}

/* Load one snippet as `kind`; finish; NULL with err filled on failure. */
static struct dyad_dict *td_load(const char *name, const char *text, dy_dict_kind kind, dyad_error *err)
{
    struct dyad_dict *d = dy_dict_new();
    assert_non_null(d);
    if (dy_dict_add_buffer(d, name, text, strlen(text), kind, NULL, err) != DYAD_OK ||
        dy_dict_finish(d, err) != DYAD_OK) {
        dyad_dict_free(d);
        return NULL;
    }
    return d;
}

static struct dyad_dict *td_ok(const char *name, const char *text, dy_dict_kind kind)
{
    dyad_error err = {0};
    struct dyad_dict *d = td_load(name, text, kind, &err);
    if (!d)
        fail_msg("load failed: %zu:%zu %s (%s)", err.line, err.col, err.msg, err.detail);
    return d;
}

static void td_err(const char *text, dy_dict_kind kind, size_t line, size_t col, const char *msg_part)
{
    dyad_error err = {0};
    struct dyad_dict *d = td_load("snippet.txt", text, kind, &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_E_SYNTAX);
    assert_string_equal(err.path, "snippet.txt");
    if (err.line != line || err.col != col || !strstr(err.msg, msg_part))
        fail_msg("expected %zu:%zu '%s', got %zu:%zu '%s'", line, col, msg_part, err.line, err.col, err.msg);
}

/* Tokens for matching: upper-case words, bound to the dictionary. */
typedef struct td_sent {
    dy_tok t[32];
    char buf[512];
    dy_sentence s;
} td_sent;

static void td_tokens(td_sent *ts, const struct dyad_dict *d, const char *text)
{
    memset(ts, 0, sizeof *ts);
    snprintf(ts->buf, sizeof ts->buf, "%s", text);
    uint32_t n = 0;
    for (char *w = strtok(ts->buf, " "); w && n < 32; w = strtok(NULL, " ")) {
        ts->t[n].up = w;
        ts->t[n].nup = (uint32_t)strlen(w);
        n++;
    }
    ts->s.toks = ts->t;
    ts->s.ntok = n;
    dy_sentence_bind(d, &ts->s);
}

static uint32_t td_word(const struct dyad_dict *d, const char *w) { return dy_lex_find(&d->lex, w, strlen(w)); }

/* ------------------------------------------------------------ PETRARCH verbs */

static const char *const VERBS =
    "<!-- a test verbs file\n"
    "     over two lines -->\n"
    "&MONEY\n"
    "+PESO\n"
    "+GOLD_BAR\n"
    "+PENNY\n"
    "+CASH_\n"
    "&WITHOUT_\n"
    "+LACKING\n"
    "&ALLMONEY\n"
    "+&MONEY\n"
    "+BIG_&MONEY\n"
    "\n"
    "--- FREE [066] ---\n"
    "FREE\n"
    "RELEASE # comment\n"
    "STOP\n"
    "CARRY\n"
    "ADMIT [013:012]\n"
    "+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\n"
    "WIRE_+TAP\n"
    "SEE {SAW SEEN SEES SEEING}\n"
    "- $ * + (FROM {ARMED GROUP}) [0661]  # who\n"
    "- * &MONEY_FUND [071]\n"
    "- % * ^ [---]\n"
    "--- NOTHING ---\n"
    "IDLE\n"
    "~ a (a b ATTACK) SAY = a b 015\n";

static void t_petr_verbs(void **state)
{
    (void)state;
    struct dyad_dict *d = td_ok("CAMEO.test.txt", VERBS, DY_DK_PETR_VERBS);
    assert_int_equal(d->nsynsets, 3);
    assert_string_equal(d->synsets[0].name, "&MONEY");
    /* PESO PESOS GOLD BAR / GOLD BARS PENNY PENNIES CASH (no plural: trailing _) */
    assert_int_equal(d->synsets[0].phrases.n, 7);
    assert_int_equal(d->synsets[1].phrases.n, 1); /* label ends in _: no plurals */
    /* &MONEY (7) + BIG &MONEY (7) */
    assert_int_equal(d->synsets[2].phrases.n, 14);
    assert_int_equal(d->nblocks, 2);
    assert_string_equal(d->blocks[0].name, "FREE");
    assert_string_equal(d->blocks[0].code, "066");
    assert_string_equal(d->blocks[1].code, "---");
    assert_int_equal(d->nverbs, 9);
    assert_string_equal(d->verbs[4].code, "013:012");
    assert_string_equal(d->verbs[0].code, "066");
    assert_int_equal(d->npatterns, 3);
    assert_int_equal(d->blocks[0].npattern, 3);
    assert_string_equal(d->patterns[0].code, "0661");
    assert_int_equal(d->patterns[0].line, 23);
    assert_int_equal(d->ntransforms, 1);
    assert_string_equal(d->transforms[0].text, "a (a b ATTACK) SAY = a b 015");

    /* pattern stream: $ * + ( FROM { ARMED GROUP } ) */
    const dy_pel *e = &d->pels[d->patterns[0].first];
    const uint8_t kinds[] = {DY_PE_SOURCE, DY_PE_VERB, DY_PE_TARGET, DY_PE_PP_OPEN, DY_PE_WORD,
                             DY_PE_NP_OPEN, DY_PE_WORD, DY_PE_WORD, DY_PE_NP_CLOSE, DY_PE_PP_CLOSE};
    assert_int_equal(d->patterns[0].n, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(e[i].kind, kinds[i]);
    assert_int_equal(e[4].id, td_word(d, "FROM"));
    /* &MONEY_FUND: synset joined to FUND */
    e = &d->pels[d->patterns[1].first];
    assert_int_equal(e[1].kind, DY_PE_SYNSET);
    assert_int_equal(e[1].id, 0);
    assert_int_equal(e[2].kind, DY_PE_WORD);
    assert_int_equal(e[2].joined, 1);
    e = &d->pels[d->patterns[2].first];
    assert_int_equal(e[0].kind, DY_PE_COMPOUND);
    assert_int_equal(e[2].kind, DY_PE_SKIP);
    assert_string_equal(d->patterns[2].code, "---");

    /* regular forms with English spelling */
    const char *forms[] = {"FREES", "FREED", "FREEING", "RELEASED", "RELEASING", "STOPPED", "STOPPING",
                           "STOPS", "CARRIES", "CARRIED", "CARRYING", "ADMITTED", "ADMITED", "SAW", "SEEN"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const uint32_t *list;
        uint32_t w = td_word(d, forms[i]);
        if (!w || dy_dict_forms_for(d, w, &list) == 0)
            fail_msg("no verb form %s", forms[i]);
    }
    /* irregular verbs get only their listed forms */
    const uint32_t *list;
    assert_int_equal(td_word(d, "SEED"), 0);
    /* multi-word verbs: the '+' word is the head */
    uint32_t n = dy_dict_forms_for(d, td_word(d, "CORDONED"), &list);
    assert_int_equal(n, 1);
    const dy_verb_form *f = &d->forms[list[0]];
    assert_int_equal(f->nwords, 2);
    assert_int_equal(f->head, 0);
    assert_int_equal(d->form_words[f->first_word + 1], td_word(d, "OFF"));
    n = dy_dict_forms_for(d, td_word(d, "TAPPED"), &list);
    assert_int_equal(n, 1);
    f = &d->forms[list[0]];
    assert_int_equal(f->head, 1);
    assert_int_equal(d->form_words[f->first_word], td_word(d, "WIRE"));
    assert_int_equal(d->verbs[f->verb].lemma, td_word(d, "TAP"));

    /* synset matching: longest phrase */
    td_sent ts;
    td_tokens(&ts, d, "THE BIG GOLD BARS");
    dy_match m;
    assert_true(dy_synset_match(d, 2, ts.s.toks, ts.s.ntok, 1, &m));
    assert_int_equal(m.t1, 4);
    assert_false(dy_synset_match(d, 0, ts.s.toks, ts.s.ntok, 0, &m));

    char where[64];
    dy_dict_where(d, d->patterns[0].file, d->patterns[0].line, where, sizeof where);
    assert_string_equal(where, "CAMEO.test.txt:23");
    dyad_dict_free(d);
}

static void t_petr_verbs_errors(void **state)
{
    (void)state;
    td_err("--- A [010] ---\nGO\n- * (TO [011]\n", DY_DK_PETR_VERBS, 3, 9, "missing ')'");
    td_err("--- A [010] ---\nGO\n- * &NOPE [011]\n", DY_DK_PETR_VERBS, 3, 5, "synset used before");
    td_err("--- A [010] ---\nGO\n- TO BE [011]\n", DY_DK_PETR_VERBS, 3, 1, "no '*'");
    td_err("--- A [010] ---\nGO\n- * TO\n", DY_DK_PETR_VERBS, 3, 7, "[code]");
    td_err("GO [010]\n", DY_DK_PETR_VERBS, 1, 1, "before the first");
    td_err("--- A [010] ---\nGO {WENT GONE\n", DY_DK_PETR_VERBS, 2, 4, "missing '}'");
    td_err("--- A [01 0] ---\n", DY_DK_PETR_VERBS, 1, 11, "one word");
    td_err("--- A [] ---\n", DY_DK_PETR_VERBS, 1, 7, "empty code");
    td_err("--- A ---\n+GO_+ON\n", DY_DK_PETR_VERBS, 2, 5, "more than one '+'");
    td_err("&S\n+$ X\n", DY_DK_PETR_VERBS, 2, 2, "not actor or verb markers");
    td_err("<!-- open\nnever closed\n", DY_DK_PETR_VERBS, 2, 1, "unterminated");
    td_err("--- A [010] ---\nGO\n- * { X | Y } [011]\n", DY_DK_PETR_VERBS, 3, 9, "TABARI syntax");
}

/* ------------------------------------------------------------ actors */

static const char *const ACTORS =
    "# actors\n"
    "RIVERLAND_ [RVL]\n"
    "+RIVERLANDER_\n"
    "+CITY_OF_RIVERS\n"
    "\n"
    "JANE_ROE_ # leader\n"
    "+J._ROE\n"
    "\t[RVLGOV 950101-991231]\n"
    "\t[RVLOPP >20000101]\n"
    "\t[RVLELI <941231]\n"
    "\t[RVLELI]\n"
    "OLD_KINGDOM [---]\n"
    "BANK OF RIVERS [IGOBNK] [RVLBUS 300101-301231]\n";

static void t_actors(void **state)
{
    (void)state;
    struct dyad_dict *d = td_ok("test.actors.txt", ACTORS, DY_DK_PETR_ACTORS);
    assert_int_equal(d->nactors, 4);
    assert_int_equal(d->actor_phrases.n, 7);
    const dy_actor *a = &d->actors[1];
    assert_int_equal(a->ncode, 4);
    assert_string_equal(a->default_code, "RVLELI");
    assert_int_equal(d->actor_codes[a->first_code].from, 19950101);
    assert_int_equal(d->actor_codes[a->first_code].to, 19991231);
    assert_int_equal(d->actor_codes[a->first_code + 1].from, 20000101);
    assert_int_equal(d->actor_codes[a->first_code + 2].to, 19941231);
    assert_string_equal(dy_actor_code_on(d, a, 19970615), "RVLGOV");
    assert_string_equal(dy_actor_code_on(d, a, 20050101), "RVLOPP");
    assert_string_equal(dy_actor_code_on(d, a, 19900101), "RVLELI");
    assert_string_equal(dy_actor_code_on(d, a, 0), "RVLELI");
    assert_null(dy_actor_code_on(d, &d->actors[2], 20000101)); /* null actor */
    /* YYMMDD century rule: 30 -> 2030; range "300101-301231" */
    a = &d->actors[3];
    assert_int_equal(d->actor_codes[a->first_code + 1].from, 20300101);
    assert_string_equal(dy_actor_code_on(d, a, 20300505), "RVLBUS");
    assert_string_equal(dy_actor_code_on(d, a, 20290505), "IGOBNK");

    /* longest match; blanks and '_' both join words in PETRARCH files */
    td_sent ts;
    td_tokens(&ts, d, "THE CITY OF RIVERS BANK OF RIVERS SAID");
    dy_match m;
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 1, &m));
    assert_int_equal(m.t0, 1);
    assert_int_equal(m.t1, 4);
    assert_int_equal(m.value, 0);
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 4, &m));
    assert_int_equal(m.value, 3);
    assert_false(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    /* no stems in PETRARCH files */
    td_tokens(&ts, d, "RIVERLANDERS");
    assert_false(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    dyad_dict_free(d);
}

/* Longest match wins; equal spans go to the earlier entry in file order. */
static void t_longest_and_ties(void **state)
{
    (void)state;
    const char *text = "NORTH [N1]\n"
                       "NORTH_RIVER_DELTA [N3]\n"
                       "NORTH_RIVER [N2]\n"
                       "NORTH_RIVER [N2B]\n";
    struct dyad_dict *d = td_ok("tie.actors.txt", text, DY_DK_PETR_ACTORS);
    td_sent ts;
    dy_match m;
    td_tokens(&ts, d, "NORTH RIVER DELTA");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 1);
    assert_int_equal(m.t1, 3);
    td_tokens(&ts, d, "NORTH RIVER BANK");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 2); /* not N2B: file order */
    td_tokens(&ts, d, "NORTH POLE");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 0);
    assert_int_equal(m.t1, 1);
    dyad_dict_free(d);

    /* TABARI: a stem and an exact word; gaps compare spans */
    const char *tab = "PALEST [PAL]\nPALESTINIAN_ [PSE]\nPALESTINIAN AUTHORITY_ [PSEGOV]\n";
    d = td_ok("tie.actors", tab, DY_DK_TABARI_ACTORS);
    td_tokens(&ts, d, "PALESTINIANS");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 0); /* only the stem reaches PALESTINIANS */
    td_tokens(&ts, d, "PALESTINIAN");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 0); /* same span, the stem came first */
    td_tokens(&ts, d, "PALESTINIAN NATIONAL AUTHORITY");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 2);
    assert_int_equal(m.t1, 3);
    td_tokens(&ts, d, "PALESTINIAN A B C D E AUTHORITY");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 2); /* TABARI: a gap of any length ... */
    assert_int_equal(m.t1, 7);
    td_tokens(&ts, d, "PALESTINIAN A B , D E AUTHORITY");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.t1, 1); /* ... but never across a clause break */
    dyad_dict_free(d);
}

static void t_actors_errors(void **state)
{
    (void)state;
    td_err("X [A]\n\t[B 991301-000101]\n", DY_DK_PETR_ACTORS, 2, 5, "valid YYMMDD");
    td_err("X [A]\n\t[B 20000101-19990101]\n", DY_DK_PETR_ACTORS, 2, 3, "ends before");
    td_err("X [A]\n\t[B 2000]\n", DY_DK_PETR_ACTORS, 2, 5, "valid YYMMDD");
    td_err("X [A]\n\t[B 20000101]\n", DY_DK_PETR_ACTORS, 2, 13, "date-date");
    td_err("+Y\nX [A]\n", DY_DK_PETR_ACTORS, 1, 1, "synonym before");
    td_err("X [A\n", DY_DK_PETR_ACTORS, 1, 5, "missing ']'");
    td_err("X [A] more\n", DY_DK_PETR_ACTORS, 1, 7, "[code] block");
    td_err("X\n[A]\n", DY_DK_PETR_ACTORS, 2, 1, "indented");
    td_err("X\n\t[A <20010230]\n", DY_DK_PETR_ACTORS, 2, 6, "valid YYMMDD");
}

/* ------------------------------------------------------------ agents, discards, issues */

static void t_agents(void **state)
{
    (void)state;
    const char *text = "!PERSON! = MAN, WOMAN\n"
                       "POLICE {} [~COP]\n"
                       "ARMY [~MIL]\n"
                       "MILITIA {MILITIAS_GROUPS} [~REB]\n"
                       "SECURITY [~SEC]\n"
                       "RELIEF_BODY [NGO~]\n"
                       "CONGRESS!PERSON! [~LEG]\n";
    struct dyad_dict *d = td_ok("x.agents.txt", text, DY_DK_PETR_AGENTS);
    assert_int_equal(d->nagents, 6);
    /* POLICE; ARMY ARMIES; MILITIA MILITIAS GROUPS; SECURITY SECURITIES;
     * RELIEF BODY / BODIES; CONGRESSMAN CONGRESSWOMAN */
    assert_int_equal(d->agent_phrases.n, 11);
    assert_string_equal(d->agents[0].code, "COP");
    assert_int_equal(d->agents[0].prefix, 0);
    assert_string_equal(d->agents[4].code, "NGO");
    assert_int_equal(d->agents[4].prefix, 1);
    td_sent ts;
    dy_match m;
    td_tokens(&ts, d, "ARMIES CONGRESSWOMAN RELIEF BODIES");
    assert_true(dy_phrases_match(&d->agent_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 1);
    assert_true(dy_phrases_match(&d->agent_phrases, &d->lex, ts.s.toks, ts.s.ntok, 1, &m));
    assert_int_equal(m.value, 5);
    assert_true(dy_phrases_match(&d->agent_phrases, &d->lex, ts.s.toks, ts.s.ntok, 2, &m));
    assert_int_equal(m.t1, 4);
    assert_int_equal(td_word(d, "POLICES"), 0);
    dyad_dict_free(d);

    td_err("ARMY [MIL]\n", DY_DK_PETR_AGENTS, 1, 7, "one '~'");
    td_err("ARMY\n", DY_DK_PETR_AGENTS, 1, 5, "[~CODE]");
    td_err("!A!_X [~B]\n", DY_DK_PETR_AGENTS, 1, 1, "before its set");
    td_err("ARMY {ARMIES [~MIL]\n", DY_DK_PETR_AGENTS, 1, 6, "missing '}'");
}

static void t_discards_issues(void **state)
{
    (void)state;
    struct dyad_dict *d = td_ok("x.discards.txt", "+WORLD CUP # sport\nMONTHS_LATER\n", DY_DK_PETR_DISCARDS);
    assert_int_equal(d->discards.n, 2);
    td_sent ts;
    dy_match m;
    td_tokens(&ts, d, "AT THE WORLD CUP");
    assert_true(dy_phrases_match(&d->discards, &d->lex, ts.s.toks, ts.s.ntok, 2, &m));
    assert_int_equal(m.value, 1);
    dyad_dict_free(d);

    const char *issues = "<ISSUE CATEGORY=\"CRIME\" TYPE=\"ALL\">\n"
                         "n:theft [THEFT]\n"
                         "v:rob bank [THEFT]\n"
                         "car+jacking [THEFT]\n"
                         "pick pocket\n"
                         "~~old theft\n"
                         "</ISSUE>\n";
    d = td_ok("x.Issues.txt", issues, DY_DK_PETR_ISSUES);
    assert_int_equal(d->nissues, 5);
    /* THEFT THEFTS; ROB ROBS ROBBED ROBBING + BANK; CAR JACKING, CAR-JACKING; PICK POCKET; OLD THEFT */
    assert_int_equal(d->issue_phrases.n, 10);
    assert_string_equal(d->issues[3].code, "CRIME");
    assert_int_equal(d->issues[4].ignore, 1);
    assert_string_equal(d->issues[4].code, "~~");
    td_tokens(&ts, d, "THEY ROBBED BANK");
    assert_true(dy_phrases_match(&d->issue_phrases, &d->lex, ts.s.toks, ts.s.ntok, 1, &m));
    assert_string_equal(d->issues[m.value].code, "THEFT");
    assert_int_not_equal(td_word(d, "CAR-JACKING"), 0);
    dyad_dict_free(d);

    td_err("loose phrase\n", DY_DK_PETR_ISSUES, 1, 13, "outside an <ISSUE>");
    td_err("</ISSUE>\n", DY_DK_PETR_ISSUES, 1, 1, "without <ISSUE>");
    td_err("x [A] [B]\n", DY_DK_PETR_ISSUES, 1, 7, "unexpected text");
    td_err("X [A]\n", DY_DK_PETR_DISCARDS, 1, 3, "without codes");
}

/* ------------------------------------------------------------ TABARI */

static const char *const TVERBS =
    "<SYNSETS>\n"
    "&TIE\n"
    "+MILITARY\n"
    "+TRADE_\n"
    "</SYNSETS>\n"
    "<NOUN>\n"
    "GOATS\n"
    "</NOUN>\n"
    "ACCEPT  [081] ;comment\n"
    "- PROPOSAL WAS *  [082]\n"
    "- * { ECONOMIC_ | &TIE } TIES [083]\n"
    "- * BACK~ POLICY [084]\n"
    "BREAK_ [1717]\n"
    "{BROKE_ BROKEN_}\n"
    "BAN= [191]\n"
    "~FINISH\n"
    "NOT READ [000]\n";

static void t_tabari_verbs(void **state)
{
    (void)state;
    dyad_error err = {0};
    td_diag td = {0};
    dyad_dict_opts opts = {.diag = td_collect, .diag_user = &td};
    struct dyad_dict *d = dy_dict_new();
    assert_int_equal(dy_dict_add_buffer(d, "t.verbs", TVERBS, strlen(TVERBS), DY_DK_AUTO, &opts, &err), DYAD_OK);
    assert_int_equal(dy_dict_finish(d, &err), DYAD_OK);
    assert_int_equal(td.warnings, 1); /* the NOUN section is checked, not used */
    assert_int_equal(d->verb_style, DY_STYLE_TABARI);
    assert_int_equal(d->nblocks, 3);
    assert_int_equal(d->nverbs, 3);
    /* the alternatives expand into two patterns */
    assert_int_equal(d->npatterns, 4);
    assert_int_equal(d->patterns[0].verb, 0);
    const dy_pel *e = &d->pels[d->patterns[1].first];
    assert_int_equal(e[1].kind, DY_PE_WORD);
    assert_int_equal(e[1].word_end, 1); /* ECONOMIC_ */
    e = &d->pels[d->patterns[2].first];
    assert_int_equal(e[1].kind, DY_PE_SYNSET);
    e = &d->pels[d->patterns[3].first];
    assert_int_equal(e[1].word_end, 0); /* BACK~ stems */
    assert_int_equal(e[2].joined, 1);   /* and POLICY follows at once */
    assert_int_equal(e[0].word_end, 0);
    /* TABARI endings, English spelling, irregular forms, '=' */
    const char *forms[] = {"ACCEPTS", "ACCEPTED", "ACCEPTING", "ACCEPTEN", "BROKE", "BROKEN", "BREAKS", "BAN"};
    const uint32_t *list;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (!dy_dict_forms_for(d, td_word(d, forms[i]), &list))
            fail_msg("no verb form %s", forms[i]);
    assert_int_equal(dy_dict_forms_for(d, td_word(d, "BANNED"), &list), 0);
    assert_int_equal(td_word(d, "READ"), 0); /* after ~FINISH */
    /* synsets: TRADE_ exact, MILITARY a stem */
    td_sent ts;
    dy_match m;
    td_tokens(&ts, d, "MILITARYS TRADES TRADE");
    assert_true(dy_synset_match(d, 0, ts.s.toks, ts.s.ntok, 0, &m));
    assert_false(dy_synset_match(d, 0, ts.s.toks, ts.s.ntok, 1, &m));
    assert_true(dy_synset_match(d, 0, ts.s.toks, ts.s.ntok, 2, &m));
    dyad_dict_free(d);

    td_err("ACCEPT [081]\n- * { A | B TIES [083]\n", DY_DK_TABARI_VERBS, 2, 18, "missing '}'");
    td_err("- * X [083]\nACCEPT [081]\n", DY_DK_TABARI_VERBS, 1, 1, "before any verb");
    td_err("ACCEPT\n", DY_DK_TABARI_VERBS, 1, 7, "needs a [code]");
    td_err("<SYNSETS>\nACCEPT [1]\n</SYNSETS>\n", DY_DK_TABARI_VERBS, 2, 1, "<SYNSETS> section");
    td_err("<NOUN>\nX\n", DY_DK_TABARI_VERBS, 2, 1, "not closed");
}

static void t_tabari_actors_agents(void **state)
{
    (void)state;
    const char *actors = "<ADJECTIVE>\nGOOD\n</ADJECTIVE>\n"
                         "ARGENTIN  [ARG]\n"
                         "AL GORE_ [USAELI]\n"
                         "REAGAN [USAGOV 810120-890120] [USA] ;president\n"
                         "EL-DORADO_ [ELD]\n"
                         "~FINISH\n";
    dyad_dict_opts quiet = {0};
    struct dyad_dict *d = dy_dict_new();
    dyad_error err = {0};
    assert_int_equal(dy_dict_add_buffer(d, "t.actors", actors, strlen(actors), DY_DK_AUTO, &quiet, &err), DYAD_OK);
    const char *agents = "PRESIDENT [~GOVPRS]\nRIGHTS_BODY_ [ NGO~]\n";
    assert_int_equal(dy_dict_add_buffer(d, "t.agents", agents, strlen(agents), DY_DK_AUTO, &quiet, &err), DYAD_OK);
    assert_int_equal(dy_dict_finish(d, &err), DYAD_OK);
    assert_int_equal(d->nactors, 4);
    assert_int_equal(d->nfiles, 2);
    td_sent ts;
    dy_match m;
    /* stem: ARGENTIN matches ARGENTINA and ARGENTINE */
    td_tokens(&ts, d, "ARGENTINA AND ARGENTIN");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.value, 0);
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 2, &m));
    /* a blank allows a gap: AL A. GORE; GORE_ is exact */
    td_tokens(&ts, d, "AL A. GORE SAID");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_int_equal(m.t1, 3);
    td_tokens(&ts, d, "AL GOREY");
    assert_false(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    /* hyphens are underscores in TABARI files */
    td_tokens(&ts, d, "EL DORADO");
    assert_true(dy_phrases_match(&d->actor_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    assert_string_equal(dy_actor_code_on(d, &d->actors[2], 19850101), "USAGOV");
    assert_string_equal(dy_actor_code_on(d, &d->actors[2], 19950101), "USA");
    assert_int_equal(d->nagents, 2);
    assert_int_equal(d->agents[1].prefix, 1);
    /* RIGHTS_BODY_ is exact: its plural is generated */
    td_tokens(&ts, d, "RIGHTS BODIES");
    assert_true(dy_phrases_match(&d->agent_phrases, &d->lex, ts.s.toks, ts.s.ntok, 0, &m));
    dyad_dict_free(d);
}

/* ------------------------------------------------------------ modes */

static void t_keep_going_and_lenient(void **state)
{
    (void)state;
    const char *text = "X [A]\n\t[B 990231-000101]\nY [\nZ [C]\n+W [D] junk\n";
    td_diag td = {0};
    dyad_dict_opts opts = {.keep_going = 1, .diag = td_collect, .diag_user = &td};
    dyad_error err = {0};
    struct dyad_dict *d = dy_dict_new();
    assert_int_equal(dy_dict_add_buffer(d, "k.actors.txt", text, strlen(text), DY_DK_AUTO, &opts, &err), DYAD_E_SYNTAX);
    assert_int_equal(td.errors, 3);
    assert_int_equal(err.line, 2); /* the first error */
    assert_int_equal(td.first.line, 2);
    dyad_dict_free(d);

    memset(&td, 0, sizeof td);
    dyad_dict_opts len = {.lenient = 1, .diag = td_collect, .diag_user = &td};
    d = dy_dict_new();
    assert_int_equal(dy_dict_add_buffer(d, "k.actors.txt", text, strlen(text), DY_DK_AUTO, &len, &err), DYAD_OK);
    assert_int_equal(dy_dict_finish(d, &err), DYAD_OK);
    assert_int_equal(td.errors, 3);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.rejected, 3);
    assert_non_null(strstr(dyad_dict_describe(d), "3 malformed entries left out"));
    dyad_dict_free(d);
}

static void t_crlf_and_kinds(void **state)
{
    (void)state;
    struct dyad_dict *d = td_ok("c.actors.txt", "AT&T_CORP [USABUS]\r\n+AT&T\r\n\r\nB [B]\r", DY_DK_AUTO);
    assert_int_equal(d->nactors, 2);
    assert_int_not_equal(td_word(d, "AT&T"), 0);
    dyad_dict_free(d);
    dyad_error err = {0};
    d = td_load("unknown.dat", "X [Y]\n", DY_DK_AUTO, &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_E_ARG);
    /* the public loader: a missing path */
    d = dyad_dict_load("/nonexistent/dyad/dict", NULL, &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_E_IO);
}

static void td_write(const char *dir, const char *name, const char *text)
{
    char path[1024];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_true(n > 0 && (size_t)n < sizeof path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Directories, PETRARCH .ini and TABARI .project, with files written here. */
static void t_containers(void **state)
{
    (void)state;
    char dir[] = "/tmp/dyad_dict_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[600], cfg[600], path[700];
    snprintf(sub, sizeof sub, "%s/dictionaries", dir);
    snprintf(cfg, sizeof cfg, "%s/config", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkdir(cfg, 0700), 0);
    td_write(sub, "a.verbs.txt", "--- GO [010] ---\nGO {WENT GONE}\n- * HOME [011]\n");
    td_write(sub, "b.actors.txt", "LAND [LND]\n");
    td_write(sub, "c.actors.txt", "ISLE [ISL]\n");
    td_write(sub, "d.agents.txt", "ARMY [~MIL]\n");
    td_write(sub, "notes.txt", "not a dictionary\n");
    td_write(cfg, "x.ini", "[Dictionaries]\nverbfile_name = a.verbs.txt\nactorfile_list = b.actors.txt,\n   c.actors.txt\n"
                          "agentfile_name = d.agents.txt\n[Options]\nrequire_dyad = True\n");
    td_diag td = {0};
    dyad_dict_opts opts = {.diag = td_collect, .diag_user = &td};
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load(sub, &opts, &err);
    assert_non_null(d);
    assert_int_equal(td.warnings, 1); /* notes.txt named, not read */
    assert_int_equal(d->nfiles, 4);
    assert_int_equal(d->nblocks, 1);
    assert_int_equal(d->nactors, 2);
    assert_string_equal(dyad_dict_describe(d), "4 files: a.verbs.txt, b.actors.txt, c.actors.txt, d.agents.txt");
    dyad_dict_free(d);

    snprintf(path, sizeof path, "%s/x.ini", cfg);
    d = dyad_dict_load(path, NULL, &err); /* names resolve in ../dictionaries */
    assert_non_null(d);
    assert_int_equal(d->nfiles, 5);
    assert_int_equal(d->nactors, 2);
    assert_int_equal(d->nagents, 1);
    assert_int_equal(d->noptions, 1);
    assert_string_equal(d->options[0].name, "Options.require_dyad");
    assert_string_equal(d->options[0].value, "True");
    dyad_dict_free(d);

    td_write(sub, "t.verbs", "GO [010]\n- * HOME [011]\n");
    td_write(sub, "t.actors", "LAND [LND]\n");
    td_write(sub, "t.options", "SET: CODE BY SENTENCE\n// comment\nLABEL: 010=GO\n");
    td_write(sub, "t.project", "# comment\n<actorsfile> t.actors\n<verbsfile> t.verbs\n<optionsfile> t.options\n"
                               "<textfile> t.text\n<session 1> <coder x>\n");
    snprintf(path, sizeof path, "%s/t.project", sub);
    d = dyad_dict_load(path, NULL, &err);
    assert_non_null(d);
    assert_int_equal(d->nfiles, 3);
    assert_int_equal(d->verb_style, DY_STYLE_TABARI);
    assert_int_equal(d->noptions, 2);
    assert_string_equal(d->options[1].name, "LABEL");
    assert_string_equal(d->options[1].value, "010=GO");
    dyad_dict_free(d);

    /* an error in a file found through a container: the caller's path, the file named in the detail */
    const char *tnames[] = {"t.verbs", "t.actors", "t.options", "t.project"};
    for (size_t i = 0; i < 4; i++) { /* back to a PETRARCH directory */
        snprintf(path, sizeof path, "%s/%s", sub, tnames[i]);
        unlink(path);
    }
    td_write(sub, "b.actors.txt", "LAND [LND\n");
    d = dyad_dict_load(sub, NULL, &err);
    assert_null(d);
    assert_string_equal(err.path, sub);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 10);
    assert_non_null(strstr(err.detail, "b.actors.txt: LAND [LND"));

    const char *names[] = {"a.verbs.txt", "b.actors.txt", "c.actors.txt", "d.agents.txt", "notes.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", sub, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/x.ini", cfg);
    unlink(path);
    rmdir(sub);
    rmdir(cfg);
    rmdir(dir);
}

static void t_dates(void **state)
{
    (void)state;
    assert_int_equal(dy_parse_date("300101", 6), 20300101);
    assert_int_equal(dy_parse_date("310101", 6), 19310101);
    assert_int_equal(dy_parse_date("000229", 6), 20000229);
    assert_int_equal(dy_parse_date("19000229", 8), 0);
    assert_int_equal(dy_parse_date("20240229", 8), 20240229);
    assert_int_equal(dy_parse_date("2024022", 7), 0);
    assert_int_equal(dy_parse_date("991131", 6), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_petr_verbs),
        cmocka_unit_test(t_petr_verbs_errors),
        cmocka_unit_test(t_actors),
        cmocka_unit_test(t_longest_and_ties),
        cmocka_unit_test(t_actors_errors),
        cmocka_unit_test(t_agents),
        cmocka_unit_test(t_discards_issues),
        cmocka_unit_test(t_tabari_verbs),
        cmocka_unit_test(t_tabari_actors_agents),
        cmocka_unit_test(t_keep_going_and_lenient),
        cmocka_unit_test(t_crlf_and_kinds),
        cmocka_unit_test(t_containers),
        cmocka_unit_test(t_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
