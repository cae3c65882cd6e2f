/* The CAMEO verb-combination algebra: table round trips, hand-derived
 * combinations from the CAMEO 1.1b3 definitions, and algebraic properties
 * checked over every pair of codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "code/combine.h"

typedef struct tc_case {
    const char *a, *b, *want; /* want NULL: no code */
    const char *why;          /* the reading, in words */
} tc_case;

/* ------------------------------------------------------------ the table */

typedef struct tc_row {
    char code[8];
    int32_t comp;
    unsigned line;
} tc_row;

/* Part names, parsed here independently of cmake/gen-combine.cmake. */
static int tc_part(const char *col, const char *name)
{
    static const char *const stance[] = {"-", "SAY", "APPEAL", "INTEND", "DEMAND", "PROTEST", "THREATEN",
                                         "DISAPPROVE", "POSTURE", "COERCE", "INVESTIGATE", "", "REJECT"};
    static const char *const mode[] = {"-", "REDUCE", "YIELD"};
    static const char *const action[] = {"-", "MEET", "SETTLE", "MEDIATE", "AID", "EXPEL", "POLCHANGE",
                                         "MATCOOP", "DIPCOOP", "ASSAULT", "FIGHT", "MASSVIOL"};
    static const char *const spec[] = {"-", "LEADERSHIP", "POLICY", "RIGHTS", "REGIME", "ECONOMIC",
                                       "MILITARY", "HUMANITARIAN", "JUDICIAL", "PEACEKEEPING",
                                       "INTELLIGENCE", "ADMIN", "DISSENT", "RELEASE", "INTERNATIONAL",
                                       "DEESCALATE"};
    const char *const *names = !strcmp(col, "stance") ? stance : !strcmp(col, "mode") ? mode
                             : !strcmp(col, "action") ? action : spec;
    size_t n = !strcmp(col, "stance") ? 13 : !strcmp(col, "mode") ? 3 : !strcmp(col, "action") ? 12 : 16;
    for (size_t i = 0; i < n; i++)
        if (names[i][0] && !strcmp(names[i], name))
            return (int)i;
    return -1;
}

/* Every row of data/combine/cameo-comp.tsv. */
static tc_row *tc_load(size_t *count)
{
    char path[1024];
    FILE *f = fopen(tu_src("data/combine/cameo-comp.tsv", path, sizeof path), "r");
    assert_non_null(f);
    tc_row *rows = NULL;
    size_t n = 0, cap = 0;
    char line[512];
    unsigned ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *field[7];
        char *save = NULL, *p = line;
        int k = 0;
        for (; k < 7 && (field[k] = strtok_r(p, "\t\n", &save)) != NULL; k++)
            p = NULL;
        if (k != 7)
            fail_msg("cameo-comp.tsv:%u: %d fields", ln, k);
        int form = field[1][0] == '-' ? 0 : (int)strtol(field[1], NULL, 16);
        int s = tc_part("stance", field[2]), m = tc_part("mode", field[3]);
        int a = tc_part("action", field[4]), sp = tc_part("spec", field[5]);
        if (s < 0 || m < 0 || a < 0 || sp < 0)
            fail_msg("cameo-comp.tsv:%u: unknown part", ln);
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            rows = realloc(rows, cap * sizeof *rows);
            assert_non_null(rows);
        }
        snprintf(rows[n].code, sizeof rows[n].code, "%s", field[0]);
        rows[n].comp = DY_COMP(form, s, m, a, sp);
        rows[n].line = ln;
        n++;
    }
    fclose(f);
    *count = n;
    return rows;
}

static void test_round_trip(void **state)
{
    (void)state;
    size_t n;
    tc_row *rows = tc_load(&n);
    assert_int_equal(n, 297); /* every CAMEO 1.1b3 event code below the 20 roots */
    for (size_t i = 0; i < n; i++) {
        int32_t comp = -1;
        if (!dy_code_to_comp(rows[i].code, &comp))
            fail_msg("line %u: %s has no composition", rows[i].line, rows[i].code);
        if (comp != rows[i].comp)
            fail_msg("line %u: %s is 0x%05X, the table says 0x%05X", rows[i].line, rows[i].code,
                     (unsigned)comp, (unsigned)rows[i].comp);
        const char *back = dy_code_from_comp(comp);
        assert_non_null(back);
        assert_string_equal(back, rows[i].code);
        assert_ptr_equal(dy_code_canon(rows[i].code), back); /* one static string per code */
    }
    free(rows);
}

/* Every code of the CAMEO codebook in ../shared has a composition. */
static void test_cameo_coverage(void **state)
{
    (void)state;
    char path[1024];
    if (!tu_shared("data/cameo/cameo-codes.csv", path, sizeof path))
        return;
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192];
    size_t codes = 0, roots = 0;
    while (fgets(line, sizeof line, f)) {
        /* fourth field: "","eventtype_ID","name","code",... (names may hold commas) */
        const char *p = line;
        int field = 0, quoted = 0;
        while (*p && field < 3) {
            if (*p == '"')
                quoted = !quoted;
            else if (*p == ',' && !quoted)
                field++;
            p++;
        }
        if (field < 3 || p[0] != '"')
            continue;
        char code[8];
        size_t k = 0;
        for (p++; *p && *p != '"' && k + 1 < sizeof code; p++)
            code[k++] = *p;
        code[k] = '\0';
        if (!strcmp(code, "code"))
            continue;
        int32_t comp;
        if (!dy_code_to_comp(code, &comp))
            fail_msg("CAMEO code %s has no composition", code);
        if (k == 2) {
            char x0[4] = {code[0], code[1], '0', '\0'};
            assert_string_equal(dy_code_canon(code), x0);
            roots++;
        } else {
            codes++;
        }
    }
    fclose(f);
    assert_int_equal(codes, 292);
    assert_int_equal(roots, 20);

    /* and every code the manual lists ("\\indent 0841: Return, release person(s)") */
    if (!tu_shared("data/cameo/CAMEO.Manual.1.1b3.tex", path, sizeof path))
        return;
    f = fopen(path, "r");
    assert_non_null(f);
    size_t listed = 0;
    while (fgets(line, sizeof line, f)) {
        const char *p = line;
        if (!strncmp(p, "\\indent ", 8))
            p += 8;
        size_t k = strspn(p, "0123456789");
        if ((k != 3 && k != 4) || p[k] != ':' || p[k + 1] != ' ')
            continue;
        char code[8];
        memcpy(code, p, k);
        code[k] = '\0';
        int32_t comp;
        if (!dy_code_to_comp(code, &comp))
            fail_msg("manual code %s has no composition", code);
        listed++;
    }
    fclose(f);
    assert_true(listed >= 290);
}

static void test_composition_digits(void **state)
{
    (void)state;
    int32_t c;
    /* the worked example of PETRARCH2: intend (3000) + provide aid (0040) */
    assert_true(dy_code_to_comp("033", &c));
    assert_int_equal(c, 0x3040);
    assert_true(dy_code_to_comp("070", &c));
    assert_int_equal(c, 0x0040);
    assert_true(dy_code_to_comp("030", &c));
    assert_int_equal(c, 0x3000);
    /* appeal + yield + release */
    assert_true(dy_code_to_comp("0253", &c));
    assert_int_equal(c, DY_COMP(0, DY_ST_APPEAL, DY_MO_YIELD, 0, DY_SP_RELEASE));
    /* reject + yield + de-escalate */
    assert_true(dy_code_to_comp("1246", &c));
    assert_int_equal(c, DY_COMP(0, DY_ST_REJECT, DY_MO_YIELD, 0, DY_SP_DEESCALATE));
    /* demand + political change + leadership */
    assert_true(dy_code_to_comp("1041", &c));
    assert_int_equal(c, DY_COMP(0, DY_ST_DEMAND, 0, DY_AC_POLCHANGE, DY_SP_LEADERSHIP));
    /* release persons: yield + release, first sibling of 084 */
    assert_true(dy_code_to_comp("0841", &c));
    assert_int_equal(c, DY_COMP(1, 0, DY_MO_YIELD, 0, DY_SP_RELEASE));
    /* a root reads as its x0 code */
    assert_true(dy_code_to_comp("03", &c));
    assert_int_equal(c, 0x3000);
    assert_string_equal(dy_code_from_comp(0x3040), "033");
    assert_null(dy_code_from_comp(0x3FFF));
    assert_null(dy_code_from_comp(0));
    assert_null(dy_code_from_comp(-0xFFBF)); /* PETRARCH2's negative refusals are not used */
}

/* The generator rejects malformed tables with file:line. It is run the way
 * the build runs it, in CMake script mode, on small tables written here. */
static void tc_gen(const char *dir, const char *table, int want_ok, const char *want_msg)
{
    char src[512], out[512], cmd[2048], msg[4096] = "";
    snprintf(src, sizeof src, "%s/t.tsv", dir);
    snprintf(out, sizeof out, "%s/t.h", dir);
    FILE *f = fopen(src, "w");
    assert_non_null(f);
    fputs(table, f);
    fclose(f);
    remove(out);
    snprintf(cmd, sizeof cmd, "cmake -DCB_SRC=%s -DCB_OUT=%s -P %s/cmake/gen-combine.cmake 2>&1", src, out,
             DYAD_SOURCE_DIR);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(msg, 1, sizeof msg - 1, p);
    msg[n] = '\0';
    int rc = pclose(p);
    /* CMake wraps long messages: compare with line breaks and indents removed */
    char flat[4096];
    size_t k = 0;
    for (size_t i = 0; msg[i] && k + 1 < sizeof flat; i++) {
        if (msg[i] == '\n') {
            while (msg[i + 1] == ' ')
                i++;
            flat[k++] = ' ';
        } else {
            flat[k++] = msg[i];
        }
    }
    flat[k] = '\0';
    if (want_ok != (rc == 0) || (want_msg && !strstr(flat, want_msg)))
        fail_msg("table:\n%sgenerator rc=%d, output: %s\nwanted %s", table, rc, msg, want_msg ? want_msg : "success");
    if (want_ok) {
        f = fopen(out, "r");
        assert_non_null(f);
        n = fread(msg, 1, sizeof msg - 1, f);
        msg[n] = '\0';
        fclose(f);
        assert_non_null(strstr(msg, "cb_by_code[] = {\n    {\"010\", 0x01000},\n    {\"0841\", 0x1020D},"));
        assert_non_null(strstr(msg, "cb_by_comp[] = {\n    {\"010\", 0x01000},\n    {\"0841\", 0x1020D},"));
    }
}

static void test_table_validation(void **state)
{
    (void)state;
    if (system("cmake --version >/dev/null 2>&1") != 0) {
        printf("SKIP: cmake is not on PATH; table validation not exercised\n");
        return;
    }
    char dir[] = "/tmp/dyad-combine-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char where[600];
    snprintf(where, sizeof where, "%s/t.tsv", dir);
    char want[700];
    static const struct {
        const char *table, *msg; /* msg: what follows "<file>:" */
    } bad[] = {
        {"010\t-\tSAY\t-\t-\t-\tA\n011\t-\tSAY\t-\t-\t-\tB\n", "2: duplicate comp 01000 (also line 1)"},
        {"010\t-\tSAY\t-\t-\t-\tA\n010\t1\tSAY\t-\t-\t-\tB\n", "2: duplicate code 010 (also line 1)"},
        {"# c\n010\t-\tSAYS\t-\t-\t-\tA\n", "2: unknown stance 'SAYS'"},
        {"010\t-\tSAY\tYIELDS\t-\t-\tA\n", "1: unknown mode 'YIELDS'"},
        {"010 - SAY - - - A\n", "1: expected code<TAB>form"},
        {"010\tG\tSAY\t-\t-\t-\tA\n", "1: expected code<TAB>form"},
        {"01234\t-\tSAY\t-\t-\t-\tA\n", "1: expected code<TAB>form"},
        {"010\t-\tSAY\t-\t-\t-\n", "1: expected code<TAB>form"},
        {"\n010\t-\tSAY\t-\t-\t-\tA; B\n", "2: ';' is not allowed"},
        {"010\t-\t-\t-\t-\t-\tA\n", "1: code 010 has an empty composition"},
        {"# only a comment\n", ": no codes in the table"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(want, sizeof want, "%s%s%s", where, bad[i].msg[0] == ':' ? "" : ":", bad[i].msg);
        tc_gen(dir, bad[i].table, 0, want);
    }
    tc_gen(dir, "# ok\r\n0841\t1\t-\tYIELD\t-\tRELEASE\tRelease persons\r\n\n010\t-\tSAY\t-\t-\t-\tSay\n", 1, NULL);
    char path[700];
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/t.h", dir);
    remove(path);
    rmdir(dir);
}

/* ------------------------------------------------------------ combinations */

static const tc_case tc_combine[] = {
    /* appeal */
    {"020", "0841", "0253", "A urged B to free the captives"},
    {"025", "0841", "0253", "A asked B to give way and hand back the prisoners"},
    {"020", "070", "023", "A asked B to send help"},
    {"020", "073", "0233", "A appealed for food and medicine to be delivered"},
    {"020", "074", "0234", "A asked for peacekeepers to be deployed"},
    {"020", "0831", "0241", "A called on the president to step down"},
    {"020", "087", "0256", "A urged both sides to stand down"},
    {"020", "0871", "0256", "A called for a ceasefire to be declared"},
    {"020", "046", "026", "A urged B to negotiate"},
    {"020", "057", "027", "A urged the parties to sign the accord"},
    {"020", "045", "028", "A asked C to mediate"},
    {"020", "064", "0214", "A asked B to share intelligence"},
    {"023", "0841", "0253", "the lower verb names the act: an appeal for release"},
    {"025", "070", "023", "the lower verb names the act: an appeal for aid"},
    {"020", "190", "020", "A urged B to strike C: CAMEO has no appeal to attack"},
    {"020", "0353", "0253", "A urged B to agree to release: intent is transparent"},
    /* intend */
    {"030", "070", "033", "A pledged to help B"},
    {"03", "07", "033", "roots read as their x0 codes"},
    {"030", "0841", "0353", "A agreed to release the hostages"},
    {"030", "0831", "0341", "the leader agreed to step down"},
    {"030", "040", "036", "A agreed to meet B"},
    {"030", "046", "036", "A agreed to negotiate"},
    {"030", "057", "037", "A promised to sign the peace deal"},
    {"030", "045", "039", "A offered to mediate"},
    {"030", "0861", "0355", "A agreed to receive peacekeepers (0355 per the 0861 notes)"},
    {"030", "0871", "0356", "A agreed to a truce"},
    {"030", "062", "0312", "A agreed to cooperate militarily"},
    {"030", "190", "1384", "A vowed to attack B: an intent to use force is a threat"},
    {"030", "194", "1384", "promised to attack with tanks (the CAMEO manual's own 1384 example)"},
    {"030", "1711", "137", "A vowed to confiscate property: a threat of repression"},
    {"030", "1243", "1243", "A decided to refuse the release: the refusal"},
    /* demand */
    {"100", "0841", "1053", "A demanded that B release the prisoners"},
    {"100", "0831", "1041", "A demanded the ruler's resignation"},
    {"100", "041", "106", "A demanded talks by telephone: a meeting"},
    {"100", "074", "1034", "A demanded protection"},
    {"100", "085", "1054", "A demanded that sanctions be lifted"},
    {"100", "0863", "1055", "A demanded humanitarian access"},
    {"100", "082", "1052", "A demanded an end to the strikes"},
    {"100", "1823", "100", "A demanded B kill C: only the demand is an event"},
    /* reject / refuse */
    {"120", "040", "125", "A refused to meet B"},
    {"120", "046", "125", "A refused to negotiate"},
    {"120", "0841", "1243", "A refused to release the hostages"},
    {"120", "087", "1246", "A refused to stop fighting"},
    {"120", "0874", "1246", "A refused to withdraw its troops"},
    {"120", "070", "122", "A refused to help B"},
    {"120", "0831", "1231", "the ruler refused to step down"},
    {"120", "057", "127", "A refused to sign the agreement"},
    {"120", "045", "126", "A refused to mediate"},
    {"120", "061", "1211", "A refused to trade with B"},
    {"120", "064", "121", "A refused to share intelligence: CAMEO has no 1214"},
    {"120", "050", "120", "A refused diplomatic cooperation: no 12x code, the root"},
    {"120", "010", "011", "A refused to comment"},
    {"120", "0353", "1243", "A refused to agree to free the hostages"},
    /* threaten */
    {"130", "190", "1384", "A threatened to attack B"},
    {"130", "195", "1384", "A threatened air strikes"},
    {"130", "191", "1381", "A threatened to blockade the port"},
    {"130", "192", "1382", "A threatened to occupy the border town"},
    {"130", "181", "1383", "the gunmen threatened to seize more hostages"},
    {"130", "1823", "1383", "the gunmen threatened to kill the hostages"},
    {"130", "202", "1385", "A threatened mass killing"},
    {"130", "2042", "1385", "A threatened a nuclear strike"},
    {"130", "162", "1311", "A threatened to cut off aid"},
    {"130", "1622", "1311", "A threatened to stop military aid"},
    {"130", "163", "1312", "A threatened sanctions"},
    {"130", "161", "1313", "A threatened to break off relations"},
    {"130", "160", "131", "A threatened to downgrade ties"},
    {"130", "164", "134", "A threatened to walk out of the talks"},
    {"130", "165", "135", "A threatened to end its mediation"},
    {"130", "1661", "136", "A threatened to expel the peacekeepers"},
    {"130", "1723", "1323", "A threatened a curfew"},
    {"130", "172", "132", "A threatened administrative sanctions"},
    {"130", "173", "137", "A threatened to jail the dissidents"},
    {"130", "175", "137", "A threatened a crackdown"},
    {"130", "176", "130", "A threatened a cyber attack: no finer threat code"},
    {"130", "1834", "1383", "A threatened to bomb the market"},
    {"130", "1952", "1384", "A threatened drone strikes"},
    {"130", "155", "138", "A threatened to mobilize its cyber units"},
    {"130", "141", "133", "the unions threatened to rally"},
    {"130", "143", "133", "the unions threatened to strike"},
    {"130", "154", "138", "A threatened to mobilize its army"},
    {"130", "0841", "130", "A threatened to release the tapes: no hostile act"},
    {"138", "190", "1384", "a threat of force made specific by the attack"},
    {"138", "191", "1381", "a threat of force made specific by the blockade"},
    {"1384", "195", "1384", "a more specific lower act keeps 1384"},
    {"131", "190", "1384", "the lower act decides: an armed threat"},
    {"139", "190", "139", "an ultimatum stays an ultimatum"},
    /* protest and disapprove */
    {"141", "0831", "1411", "crowds rallied for the president's removal"},
    {"141", "1041", "1411", "crowds rallied, demanding his resignation"},
    {"143", "0832", "1432", "workers struck for a change of policy"},
    {"1411", "083", "1411", "the upper code is already more specific"},
    {"141", "190", "141", "a rally against an attack is a rally"},
    {"112", "190", "1123", "A accused B of attacking C"},
    {"112", "202", "1124", "A accused B of mass killings"},
    {"111", "190", "111", "A condemned the attack"},
    {"112", "0841", "112", "A accused B of freeing C: an accusation"},
    /* statements pass the stated event through */
    {"010", "190", "190", "A said B attacked C"},
    {"010", "0353", "0353", "A said it would free the hostages"},
    {"01", "040", "040", "a root statement"},
    /* no combination: keep the events separate */
    {"190", "0841", NULL, "an attack does not govern a release"},
    {"0841", "040", NULL, "a release does not govern a meeting"},
    {"016", "190", NULL, "a denial is not a plain statement"},
    {"173", "0841", NULL, "coercion does not govern events"},
    {"090", "190", NULL, "an inquiry does not govern events"},
};

static void tc_run(const tc_case *cases, size_t n, const char *(*fn)(const char *, const char *),
                   const char *name)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = fn(cases[i].a, cases[i].b);
        int ok = cases[i].want ? got && !strcmp(got, cases[i].want) : got == NULL;
        if (!ok)
            fail_msg("%s(%s, %s) = %s, want %s (%s)", name, cases[i].a, cases[i].b, got ? got : "NULL",
                     cases[i].want ? cases[i].want : "NULL", cases[i].why);
        if (got) /* answers are the table's own static strings: same pointer every time */
            assert_ptr_equal(fn(cases[i].a, cases[i].b), got);
    }
}

static void test_combine_cases(void **state)
{
    (void)state;
    tc_run(tc_combine, sizeof tc_combine / sizeof tc_combine[0], dy_code_combine, "combine");
}

/* ------------------------------------------------------------ negation */

static const char *tc_negate_fn(const char *a, const char *b)
{
    (void)b;
    return dy_code_negate(a);
}

static const tc_case tc_negate[] = {
    {"040", NULL, "125", "A will not meet B"},
    {"046", NULL, "125", "A would not negotiate"},
    {"070", NULL, "122", "A did not help B"},
    {"073", NULL, "1223", "A will not send humanitarian aid"},
    {"0841", NULL, "1243", "the kidnappers did not free the hostages"},
    {"0353", NULL, "1243", "A did not agree to free them"},
    {"087", NULL, "1246", "A will not stand down"},
    {"0861", NULL, "1245", "A will not admit peacekeepers"},
    {"0833", NULL, "1233", "A will not grant the rights demanded"},
    {"085", NULL, "1244", "A will not lift the embargo"},
    {"057", NULL, "127", "A would not sign the accord"},
    {"045", NULL, "126", "A will not mediate"},
    {"075", NULL, "122", "A did not grant asylum: refused aid"},
    {"061", NULL, "1211", "A will not trade with B"},
    {"010", NULL, "011", "A would not comment"},
    {"030", NULL, "120", "A would not cooperate"},
    {"190", NULL, NULL, "not attacking is not an event"},
    {"181", NULL, NULL, "not taking hostages is not an event"},
    {"162", NULL, NULL, "not cutting aid is not an event"},
    {"100", NULL, NULL, "not demanding is not an event"},
    {"020", NULL, NULL, "not appealing is not an event"},
    {"130", NULL, NULL, "not threatening is not an event"},
    {"1243", NULL, NULL, "not refusing is not an event"},
    {"013", NULL, NULL, "not being optimistic is not an event"},
};

static void test_negate_cases(void **state)
{
    (void)state;
    tc_run(tc_negate, sizeof tc_negate / sizeof tc_negate[0], tc_negate_fn, "negate");
}

/* ------------------------------------------------------------ modals */

static const tc_case tc_modal[] = {
    {"WILL", "190", "1384", "A will attack B"},
    {"WILL", "0841", "0353", "A will release the hostages"},
    {"WILL", "040", "036", "A will meet B"},
    {"WOULD", "070", "033", "A would help B"},
    {"'LL", "0871", "0356", "we'll hold our fire"},
    {"PLANS", "163", "1312", "A plans sanctions on B"},
    {"INTENDS", "0831", "0341", "the ruler intends to step down"},
    {"READY", "046", "036", "A is ready to negotiate"},
    {"WILL", "1723", "1323", "A will impose a curfew"},
    {"WILL", "173", "137", "A will arrest the protest leaders"},
    {"WILL", "143", "133", "the workers will strike"},
    {"WILL", "154", "138", "A will mobilize its reserves"},
    {"WILL", "181", "1383", "the gunmen will take more hostages"},
    {"WILL", "0353", "0353", "A will agree to free them: still an intent"},
    {"WILL", "1243", "1243", "A will refuse to free them: the refusal"},
    {"WILL", "020", NULL, "A will appeal: not yet an event"},
    {"WILL", "100", NULL, "A will demand: not yet an event"},
    {"WILL", "090", NULL, "A will investigate: no intent code"},
    {"MAY", "190", NULL, "speculation is not an intent"},
    {"COULD", "070", NULL, "speculation is not an intent"},
    {"will", "190", NULL, "the word must be folded to upper case"},
    {"WILL", "999", NULL, "unknown code"},
};

static void test_modal_cases(void **state)
{
    (void)state;
    tc_run(tc_modal, sizeof tc_modal / sizeof tc_modal[0], dy_code_modal, "modal");
    /* every listed modal word is found (the list is sorted for bsearch) */
    static const char *const words[] = {"'D", "'LL", "AIM", "AIMS", "GOING", "INTEND", "INTENDED",
                                        "INTENDING", "INTENDS", "PLAN", "PLANNED", "PLANNING", "PLANS",
                                        "PREPARED", "READY", "SHALL", "WANT", "WANTED", "WANTS", "WILL",
                                        "WILLING", "WO", "WOULD"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!dy_code_modal(words[i], "040"))
            fail_msg("modal word %s not recognised", words[i]);
}

/* ------------------------------------------------------------ bad input */

static void test_unknown(void **state)
{
    (void)state;
    static const char *const bad[] = {"999", "21", "0", "", "abc", "01234", "04a", "0841 ", "---", "+++", "0x3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t c = 12345;
        assert_false(dy_code_to_comp(bad[i], &c));
        assert_int_equal(c, 12345);
        assert_null(dy_code_canon(bad[i]));
        assert_null(dy_code_combine(bad[i], "040"));
        assert_null(dy_code_combine("030", bad[i]));
        assert_null(dy_code_negate(bad[i]));
        assert_null(dy_code_modal("WILL", bad[i]));
    }
    assert_null(dy_code_combine(NULL, "040"));
    assert_null(dy_code_combine("030", NULL));
    assert_null(dy_code_negate(NULL));
    assert_null(dy_code_modal(NULL, "040"));
    assert_null(dy_code_modal("WILL", NULL));
}

/* ------------------------------------------------------------ properties over all pairs */

/* The CAMEO root a result must fall under for each governing stance. */
static int tc_root_ok(int upper_stance, const char *got)
{
    switch (upper_stance) {
    case DY_ST_APPEAL: return !strncmp(got, "02", 2);
    case DY_ST_DEMAND: return !strncmp(got, "10", 2);
    case DY_ST_REJECT: return !strncmp(got, "12", 2) || !strcmp(got, "011");
    case DY_ST_THREATEN: return !strncmp(got, "13", 2);
    case DY_ST_PROTEST: return !strncmp(got, "14", 2);
    case DY_ST_DISAPPROVE: return !strncmp(got, "11", 2);
    case DY_ST_INTEND: return !strncmp(got, "03", 2) || !strncmp(got, "13", 2) || !strncmp(got, "12", 2);
    default: return 0;
    }
}

static void test_all_pairs(void **state)
{
    (void)state;
    size_t n;
    tc_row *rows = tc_load(&n);
    size_t combined = 0;
    for (size_t i = 0; i < n; i++) {
        int us = DY_COMP_STANCE(rows[i].comp);
        for (size_t j = 0; j < n; j++) {
            const char *got = dy_code_combine(rows[i].code, rows[j].code);
            int32_t c;
            if (got)
                assert_true(dy_code_to_comp(got, &c)); /* only real codes come back */
            if (us == DY_ST_SAY) {
                /* 010 passes everything through; other statements combine nothing */
                if (!strcmp(rows[i].code, "010"))
                    assert_string_equal(got, rows[j].code);
                else
                    assert_null(got);
                continue;
            }
            if (us == 0 || us == DY_ST_POSTURE || us == DY_ST_COERCE || us == DY_ST_INVESTIGATE) {
                assert_null(got);
                continue;
            }
            if (!got || !tc_root_ok(us, got))
                fail_msg("combine(%s, %s) = %s: outside the upper verb's family", rows[i].code, rows[j].code,
                         got ? got : "NULL");
            combined++;
        }
        /* negation yields a refusal or nothing */
        const char *neg = dy_code_negate(rows[i].code);
        if (neg && strncmp(neg, "12", 2) && strcmp(neg, "011"))
            fail_msg("negate(%s) = %s", rows[i].code, neg);
        /* modals yield an intent, a threat, a refusal, or nothing */
        const char *mod = dy_code_modal("WILL", rows[i].code);
        if (mod && strncmp(mod, "03", 2) && strncmp(mod, "13", 2) && strncmp(mod, "12", 2))
            fail_msg("modal(WILL, %s) = %s", rows[i].code, mod);
        /* a code governing its own stance root changes nothing: "urged to appeal" */
        if (us == DY_ST_APPEAL || us == DY_ST_DEMAND || us == DY_ST_REJECT || us == DY_ST_THREATEN) {
            char root[4] = {rows[i].code[0], rows[i].code[1], '0', '\0'};
            const char *self = dy_code_combine(root, rows[i].code);
            if (!self || strcmp(self, root))
                fail_msg("combine(%s, %s) = %s", root, rows[i].code, self ? self : "NULL");
        }
    }
    assert_true(combined > 0);
    free(rows);
}

/* Every stance root governing a stance-less cooperative act, and its negation,
 * lands on a code whose composition keeps the act's action digit whenever
 * CAMEO has such a code (e.g. there is no "appeal for diplomatic recognition"
 * finer than 022, but 022 keeps DIPCOOP). */
static void test_action_kept(void **state)
{
    (void)state;
    size_t n;
    tc_row *rows = tc_load(&n);
    static const char *const uppers[] = {"020", "030", "100", "120"};
    for (size_t i = 0; i < n; i++) {
        int32_t l = rows[i].comp;
        int a = DY_COMP_ACTION(l);
        if (DY_COMP_STANCE(l) || DY_COMP_MODE(l) == DY_MO_REDUCE || !a || a == DY_AC_EXPEL || a >= DY_AC_ASSAULT)
            continue;
        for (size_t u = 0; u < sizeof uppers / sizeof uppers[0]; u++) {
            const char *got = dy_code_combine(uppers[u], rows[i].code);
            int32_t c;
            assert_non_null(got);
            assert_true(dy_code_to_comp(got, &c));
            /* reject has no diplomatic-cooperation code: 120 is its answer */
            if (!strcmp(uppers[u], "120") && a == DY_AC_DIPCOOP) {
                assert_string_equal(got, "120");
                continue;
            }
            if (DY_COMP_ACTION(c) != a)
                fail_msg("combine(%s, %s) = %s loses the action", uppers[u], rows[i].code, got);
        }
    }
    free(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_cameo_coverage),
        cmocka_unit_test(test_composition_digits),
        cmocka_unit_test(test_table_validation),
        cmocka_unit_test(test_combine_cases),
        cmocka_unit_test(test_negate_cases),
        cmocka_unit_test(test_modal_cases),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_all_pairs),
        cmocka_unit_test(test_action_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
