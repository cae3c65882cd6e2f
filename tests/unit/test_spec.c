/* Spec-file runner: every case in the .spec files of tests/spec and tests/regress
 * is coded twice, through the library and through the `dyad` CLI, and both
 * must produce exactly the expected set of (source, target, code).
 *
 * Format (see tests/spec/README.md):
 *   dict: spec|default|PATH      (file header; PATH relative to the source tree)
 *   ## case title
 *   date: YYYY-MM-DD             (optional)
 *   text: one sentence           (or several text: lines, joined by spaces)
 *   parse:                       (optional Penn tree on the following lines, up to a blank or expect: line)
 *   expect: SRC TGT CODE         (one line per event; "expect: none" for no events)
 *   expect: SRC TGT CODE DATE/PREC  (the event's date and precision too, "2004-01-01/year";
 *                                 then every expect line of the case gives one)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "dyad.h"

typedef struct sp_case {
    char title[256];
    char date[32];
    char text[8192];
    char parse[16384];
    char expect[64][3][32];
    int nexpect;
    int dated;           /* expect lines carry DATE/PREC: compared with the code */
    int line;
} sp_case;

typedef struct sp_set {
    char ev[128][3][32];
    int n;
} sp_set;

static int sp_failures;
static int sp_cases;

static void sp_add(sp_set *s, const char *a, const char *b, const char *c)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->ev[i][0], a) && !strcmp(s->ev[i][1], b) && !strcmp(s->ev[i][2], c))
            return;
    if (s->n >= 128)
        return;
    snprintf(s->ev[s->n][0], 32, "%s", a);
    snprintf(s->ev[s->n][1], 32, "%s", b);
    snprintf(s->ev[s->n][2], 32, "%s", c);
    s->n++;
}

typedef struct sp_sink {
    sp_set *set;
    int dated;
} sp_sink;

static int sp_collect(void *user, const dyad_event *ev)
{
    sp_sink *k = user;
    char code[32];
    if (k->dated)
        snprintf(code, sizeof code, "%s %s/%s", ev->code, ev->date, ev->date_precision);
    else
        snprintf(code, sizeof code, "%s", ev->code);
    sp_add(k->set, ev->source, ev->target, code);
    return 0;
}

static void sp_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void sp_xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else
            fputc(*s, f);
    }
}

/* Write the case as the input the CLI and library read. Returns the format name. */
static const char *sp_write_input(const sp_case *c, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    const char *fmt;
    if (c->parse[0]) {
        char d8[16] = "";
        if (strlen(c->date) == 10)
            snprintf(d8, sizeof d8, "%.4s%.2s%.2s", c->date, c->date + 5, c->date + 8);
        fprintf(f, "<Sentences>\n<Sentence date=\"%s\" id=\"spec-%d\" sentence=\"true\">\n<Text>\n", d8, c->line);
        sp_xml_text(f, c->text);
        fprintf(f, "\n</Text>\n<Parse>\n");
        sp_xml_text(f, c->parse);
        fprintf(f, "\n</Parse>\n</Sentence>\n</Sentences>\n");
        fmt = "petrarch-xml";
    } else {
        fprintf(f, "{\"id\":\"spec-%d\",\"date\":", c->line);
        sp_json_str(f, c->date);
        fprintf(f, ",\"text\":");
        sp_json_str(f, c->text);
        fprintf(f, "}\n");
        fmt = "jsonl";
    }
    fclose(f);
    return fmt;
}

static void sp_report(const char *file, const sp_case *c, const char *via, const sp_set *got)
{
    printf("FAIL %s:%d (%s) via %s\n  expected:", file, c->line, c->title, via);
    for (int i = 0; i < c->nexpect; i++)
        printf(" [%s %s %s]", c->expect[i][0], c->expect[i][1], c->expect[i][2]);
    printf("\n  got:     ");
    for (int i = 0; i < got->n; i++)
        printf(" [%s %s %s]", got->ev[i][0], got->ev[i][1], got->ev[i][2]);
    printf("\n");
}

static int sp_equal(const sp_case *c, const sp_set *got)
{
    sp_set exp = {0};
    for (int i = 0; i < c->nexpect; i++)
        sp_add(&exp, c->expect[i][0], c->expect[i][1], c->expect[i][2]);
    if (exp.n != got->n)
        return 0;
    for (int i = 0; i < exp.n; i++) {
        int found = 0;
        for (int j = 0; j < got->n && !found; j++)
            found = !strcmp(exp.ev[i][0], got->ev[j][0]) && !strcmp(exp.ev[i][1], got->ev[j][1]) &&
                    !strcmp(exp.ev[i][2], got->ev[j][2]);
        if (!found)
            return 0;
    }
    return 1;
}

static void sp_diag(void *user, const dyad_error *e)
{
    (void)e;
    ++*(int *)user;
}

static void sp_run_case(const char *file, const sp_case *c, const dyad_dict *dict, const char *dict_arg)
{
    char in[256];
    snprintf(in, sizeof in, "/tmp/dyad-spec-%d-%d.in", (int)getpid(), c->line);
    const char *fmt = sp_write_input(c, in);
    assert_non_null(fmt);
    sp_cases++;

    /* library */
    sp_set lib = {0};
    dyad_error err = {0};
    int rejected = 0; /* a case the reader rejects (a bad parse) would pass vacuously */
    dyad_reader *r = dyad_reader_open(in, dyad_format_from_name(fmt), sp_diag, &rejected, &err);
    assert_non_null(r);
    dyad_coder *coder = dyad_coder_new(dict, NULL, &err);
    assert_non_null(coder);
    const dyad_doc *doc;
    sp_sink sink = {&lib, c->dated};
    while ((doc = dyad_reader_next(r, &err)))
        assert_true(dyad_coder_code(coder, doc, sp_collect, &sink, &err) >= 0);
    dyad_coder_free(coder);
    dyad_reader_free(r);
    if (rejected) {
        printf("FAIL %s:%d (%s): the reader rejected the case\n", file, c->line, c->title);
        sp_failures++;
    }
    if (!sp_equal(c, &lib)) {
        sp_report(file, c, "library", &lib);
        sp_failures++;
    }

    /* CLI */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s code %s%s --input %s --output tsv %s 2>/dev/null", DYAD_CLI,
             dict_arg ? "--dict " : "", dict_arg ? dict_arg : "", fmt, in);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    sp_set cli = {0};
    char line[65536];
    while (fgets(line, sizeof line, p)) {
        /* TSV columns: 5 = source, 9 = target, 13 = code (0-based) */
        char *col[16] = {0};
        int k = 0;
        char *s = line;
        while (k < 16) {
            col[k++] = s;
            char *tab = strchr(s, '\t');
            if (!tab)
                break;
            *tab = 0;
            s = tab + 1;
        }
        if (k > 13 && !c->dated) {
            sp_add(&cli, col[5], col[9], col[13]);
        } else if (k > 13 && !col[1][0]) {
            char code[32];
            snprintf(code, sizeof code, "%s /", col[13]); /* undated */
            sp_add(&cli, col[5], col[9], code);
        } else if (k > 13 && strlen(col[1]) == 8) {
            /* Date YYYYMMDD, then Year, Month, Day: Month and Day are empty
             * below the date's precision */
            char code[32];
            const char *prec = !col[3][0] ? "year" : !col[4][0] ? "month" : "day";
            snprintf(code, sizeof code, "%s %.4s-%.2s-%.2s/%s", col[13], col[1], col[1] + 4, col[1] + 6, prec);
            sp_add(&cli, col[5], col[9], code);
        } else if (k > 13) {
            sp_add(&cli, col[5], col[9], col[13]);
        }
    }
    pclose(p);
    if (!sp_equal(c, &cli)) {
        sp_report(file, c, "cli", &cli);
        sp_failures++;
    }
    unlink(in);
}

/* Spec lines longer than the case buffers are an error in the spec, not truncated. */
static void sp_copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    assert_true(n < cap);
    memcpy(dst, src, n + 1);
}

static void sp_append(char *dst, size_t cap, const char *src)
{
    size_t have = strlen(dst), n = strlen(src);
    assert_true(have + n < cap);
    memcpy(dst + have, src, n + 1);
}

static void sp_trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = 0;
}

static void sp_run_file(const char *path, const char *name)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[16384];
    int ln = 0, in_parse = 0, have = 0;
    sp_case *c = calloc(1, sizeof *c);
    dyad_dict *dict = NULL;
    char dict_arg[1024] = "";
    int loaded = 0;
    while (1) {
        char *got = fgets(line, sizeof line, f);
        if (got) {
            ln++;
            sp_trim(line);
        }
        /* the tree runs to a blank line or to the first expect: line */
        if (in_parse && got && line[0] && strncmp(line, "expect:", 7)) {
            sp_append(c->parse, sizeof c->parse, line);
            sp_append(c->parse, sizeof c->parse, "\n");
            continue;
        }
        in_parse = 0;
        if (!got || !strncmp(line, "## ", 3)) {
            if (have) {
                if (!loaded) {
                    dyad_error err = {0};
                    dict = dict_arg[0] ? dyad_dict_load(dict_arg, NULL, &err) : dyad_dict_load_default(&err);
                    if (!dict) {
                        char msg[512];
                        dyad_error_format(&err, msg, sizeof msg);
                        printf("FAIL %s: cannot load dictionaries: %s\n", name, msg);
                    }
                    assert_non_null(dict);
                    loaded = 1;
                }
                sp_run_case(name, c, dict, dict_arg[0] ? dict_arg : NULL);
            }
            if (!got)
                break;
            memset(c, 0, sizeof *c);
            sp_copy(c->title, sizeof c->title, line + 3);
            c->line = ln;
            have = 1;
        } else if (!strncmp(line, "dict: ", 6)) {
            const char *d = line + 6;
            if (!strcmp(d, "default"))
                dict_arg[0] = 0;
            else {
                sp_copy(dict_arg, sizeof dict_arg, DYAD_SOURCE_DIR "/");
                sp_append(dict_arg, sizeof dict_arg, d);
            }
        } else if (!strncmp(line, "date: ", 6)) {
            sp_copy(c->date, sizeof c->date, line + 6);
        } else if (!strncmp(line, "text: ", 6)) {
            if (c->text[0])
                sp_append(c->text, sizeof c->text, " ");
            sp_append(c->text, sizeof c->text, line + 6);
        } else if (!strcmp(line, "parse:")) {
            in_parse = 1;
        } else if (!strncmp(line, "expect: ", 8)) {
            if (strcmp(line + 8, "none") && c->nexpect < 64) {
                char when[32] = "";
                int k = sscanf(line + 8, "%31s %31s %31s %31s", c->expect[c->nexpect][0], c->expect[c->nexpect][1],
                               c->expect[c->nexpect][2], when);
                assert_true(k == 3 || k == 4);
                if (k == 4) {
                    /* "CODE DATE/PREC", as sp_collect writes it */
                    char *code = c->expect[c->nexpect][2];
                    assert_true(strlen(code) + 1 + strlen(when) < 32);
                    strcat(code, " ");
                    strcat(code, when);
                }
                if (c->nexpect > 0)
                    assert_int_equal(c->dated, k == 4); /* all or none of a case's lines */
                c->dated = k == 4;
                c->nexpect++;
            }
        } else if (line[0] && line[0] != '#') {
            printf("FAIL %s:%d: unknown spec line '%s'\n", name, ln, line);
            sp_failures++;
        }
    }
    fclose(f);
    free(c);
    dyad_dict_free(dict);
}

static void sp_run_dir(const char *rel)
{
    char dir[1024];
    tu_src(rel, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".spec"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (strcmp(names[i], names[j]) > 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    for (int i = 0; i < n; i++) {
        char path[2048], shown[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(shown, sizeof shown, "%s/%s", rel, names[i]);
        sp_run_file(path, shown);
        free(names[i]);
    }
}

static void test_specs(void **state)
{
    (void)state;
    sp_run_dir("tests/spec");
    sp_run_dir("tests/regress");
    printf("spec cases: %d, failures: %d\n", sp_cases, sp_failures);
    assert_true(sp_cases > 0);
    assert_int_equal(sp_failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_specs)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
