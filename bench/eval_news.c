/* eval_news.c — coding quality on real news against a hand-annotated gold set.
 *
 *   eval_news select [CSV]                 the sentences the fixed rule picks,
 *                                          one per line: doc, sentence, hash, half, text
 *   eval_news score GOLD [CSV] [--dict PATH]... [--lenient] [--show]
 *
 * The gold file (tests/eval/guardian.gold) names sentences by document id,
 * sentence index and an FNV-1a hash of the sentence text, never the text
 * itself: the news stays in ../shared. `score` codes the whole CSV with the
 * given dictionaries (dyad's defaults without --dict) and prints precision,
 * recall and F1 for each half (dev, test) on five levels: an event present
 * in the sentence, the root code, the full code, the dyad (source and target
 * as country+sector, the first six letters of the code) and the whole event
 * (dyad and root together). Within a sentence each level compares sets, so
 * a repeated system event counts once. --show prints each disagreement.
 * Exit: 0 scored, 1 bad gold file or a sentence no longer matching its hash,
 * 2 usage, 77 the shared data is absent (one line on stdout). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dyad.h"

#define EN_DEFAULT_CSV "../shared/data/news/guardian_sample.csv"
#define EN_MAXEV 16 /* events kept per sentence and side; gold has at most 4 */
#define EN_LEVELS 5

static const char *const en_level_name[EN_LEVELS] = {"event present", "root code", "full code",
                                                     "dyad", "dyad+root"};

/* The selection rule. Every 100th sentence of the sample in reading order,
 * plus every 15th of the sentences that carry a common event verb (a fixed
 * list below, written independently of any dictionary), so that events are
 * not too rare. Half: by document, so no article feeds both halves. */
static const char *const en_verbs[] = {
    "accus",   "agree",   "airstrike", "announc", "appeal",  "arrest",  "attack",  "ban",
    "bomb",    "call",    "captur",    "clash",   "condemn", "criticis", "declin",  "demand",
    "deni",    "deploy",  "detain",    "expel",   "fight",   "fire",    "free",    "hostage",
    "impos",   "invad",   "kidnap",    "kill",    "meet",    "met ",    "negotiat", "offer",
    "pledge",  "praise",  "promis",    "protest", "raid",    "reject",  "releas",  "sanction",
    "seiz",    "shell",   "sign",      "strike",  "struck",  "support", "talks",   "threat",
    "urg",     "visit",   "warn",      "welcom",  "withdr",  "wound",
};

static int en_has_verb(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && isalpha((unsigned char)s[i - 1]))
            continue; /* word starts only */
        for (size_t k = 0; k < sizeof en_verbs / sizeof *en_verbs; k++) {
            size_t m = strlen(en_verbs[k]);
            if (i + m <= n && strncasecmp(s + i, en_verbs[k], m) == 0)
                return 1;
        }
    }
    return 0;
}

static uint32_t en_fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static const char *en_half(const char *doc)
{
    return (en_fnv(doc, strlen(doc)) & 1) ? "test" : "dev";
}

/* ---------------------------------------------------------------- gold */

typedef struct en_ev {
    char src[16], tgt[16], code[8];
} en_ev;

typedef struct en_sent {
    char doc[32];
    uint32_t idx, hash;
    int test;           /* 0 dev, 1 test */
    en_ev gold[EN_MAXEV];
    size_t ngold;       /* events; 0 = "no event" */
    en_ev sys[EN_MAXEV];
    size_t nsys;
    int seen;           /* the CSV had this sentence with this hash */
} en_sent;

typedef struct en_gold {
    en_sent *s;
    size_t n, cap;
} en_gold;

static en_sent *en_find(en_gold *g, const char *doc, uint32_t idx)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->s[i].idx == idx && strcmp(g->s[i].doc, doc) == 0)
            return &g->s[i];
    return NULL;
}

static int en_field_ok(const char *f, size_t cap)
{
    return strlen(f) < cap;
}

/* Fields were length-checked by en_field_ok; the clamp only keeps the copy
 * provably inside dst. */
static void en_copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* Line: doc TAB sentence TAB hash TAB half TAB source TAB target TAB code.
 * "-" in source/target/code: no event. Several lines per sentence: several events. */
static int en_gold_load(const char *path, en_gold *g)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "eval_news: cannot open %s\n", path);
        return -1;
    }
    char line[512];
    unsigned lineno = 0;
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        char doc[64], half[8], src[32], tgt[32], code[16];
        unsigned idx, hash;
        if (sscanf(line, "%63s %u %x %7s %31s %31s %15s", doc, &idx, &hash, half, src, tgt, code) != 7 ||
            !en_field_ok(doc, sizeof g->s->doc) || !en_field_ok(src, sizeof g->s->gold->src) ||
            !en_field_ok(tgt, sizeof g->s->gold->tgt) || !en_field_ok(code, sizeof g->s->gold->code) ||
            (strcmp(half, "dev") != 0 && strcmp(half, "test") != 0)) {
            fprintf(stderr, "%s:%u: expected: doc sentence hash dev|test source target code\n", path, lineno);
            rc = -1;
            break;
        }
        en_sent *s = en_find(g, doc, idx);
        if (!s) {
            if (g->n == g->cap) {
                size_t nc = g->cap ? g->cap * 2 : 256;
                en_sent *ns = realloc(g->s, nc * sizeof *ns);
                if (!ns) {
                    rc = -1;
                    break;
                }
                g->s = ns;
                g->cap = nc;
            }
            s = &g->s[g->n++];
            memset(s, 0, sizeof *s);
            en_copy(s->doc, sizeof s->doc, doc);
            s->idx = idx;
            s->hash = hash;
            s->test = strcmp(half, "test") == 0;
        }
        if (strcmp(code, "-") == 0)
            continue;
        if (s->ngold == EN_MAXEV) {
            fprintf(stderr, "%s:%u: more than %d events for one sentence\n", path, lineno, EN_MAXEV);
            rc = -1;
            break;
        }
        en_ev *e = &s->gold[s->ngold++];
        en_copy(e->src, sizeof e->src, strcmp(src, "-") ? src : "");
        en_copy(e->tgt, sizeof e->tgt, strcmp(tgt, "-") ? tgt : "");
        en_copy(e->code, sizeof e->code, code);
    }
    fclose(f);
    return rc;
}

/* ---------------------------------------------------------------- scoring */

/* Country and sector: the first six letters, with the armed non-state
 * sectors (REB rebels, UAF unaligned armed forces, INS insurgents, SEP
 * separatists) taken as one, since dictionaries disagree on which of them a
 * group is and the dyad is the same. */
static void en_dyad_part(const char *code, char out[8])
{
    snprintf(out, 8, "%.6s", code);
    if (strlen(out) == 6 && (!strcmp(out + 3, "UAF") || !strcmp(out + 3, "INS") || !strcmp(out + 3, "SEP")))
        memcpy(out + 3, "REB", 3);
}

/* The key of an event at a level, into buf. */
static void en_key(const en_ev *e, int level, char *buf, size_t cap)
{
    switch (level) {
    case 1:
        snprintf(buf, cap, "%.2s", e->code);
        break;
    case 2:
        snprintf(buf, cap, "%s", e->code);
        break;
    default: {
        char s[8], t[8];
        en_dyad_part(e->src, s);
        en_dyad_part(e->tgt, t);
        if (level == 3)
            snprintf(buf, cap, "%s>%s", s, t);
        else
            snprintf(buf, cap, "%s>%s:%.2s", s, t, e->code);
        break;
    }
    }
}

/* Distinct keys of a side at a level. */
static size_t en_keys(const en_ev *ev, size_t n, int level, char keys[][40])
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char buf[40];
        en_key(&ev[i], level, buf, sizeof buf);
        size_t j = 0;
        while (j < k && strcmp(keys[j], buf) != 0)
            j++;
        if (j == k)
            memcpy(keys[k++], buf, sizeof buf);
    }
    return k;
}

typedef struct en_count {
    size_t tp, fp, fn;
} en_count;

static void en_score_sentence(const en_sent *s, en_count c[EN_LEVELS])
{
    int g = s->ngold > 0, y = s->nsys > 0;
    c[0].tp += g && y;
    c[0].fp += !g && y;
    c[0].fn += g && !y;
    for (int l = 1; l < EN_LEVELS; l++) {
        char gk[EN_MAXEV][40], sk[EN_MAXEV][40];
        size_t ng = en_keys(s->gold, s->ngold, l, gk), ns = en_keys(s->sys, s->nsys, l, sk);
        size_t hit = 0;
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ng; j++)
                if (strcmp(sk[i], gk[j]) == 0) {
                    hit++;
                    break;
                }
        c[l].tp += hit;
        c[l].fp += ns - hit;
        c[l].fn += ng - hit;
    }
}

static void en_print(const char *name, const en_count c[EN_LEVELS], size_t nsent, size_t nev)
{
    printf("%s: %zu sentences, %zu gold events\n", name, nsent, nev);
    for (int l = 0; l < EN_LEVELS; l++) {
        double p = c[l].tp + c[l].fp ? (double)c[l].tp / (double)(c[l].tp + c[l].fp) : 0;
        double r = c[l].tp + c[l].fn ? (double)c[l].tp / (double)(c[l].tp + c[l].fn) : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        printf("  %-14s P %.3f  R %.3f  F1 %.3f   (tp %zu fp %zu fn %zu)\n", en_level_name[l], p, r, f,
               c[l].tp, c[l].fp, c[l].fn);
    }
}

typedef struct en_ctx {
    en_gold *g;
} en_ctx;

static int en_on_event(void *user, const dyad_event *ev)
{
    en_ctx *x = user;
    en_sent *s = en_find(x->g, ev->doc, ev->sentence);
    if (!s || s->nsys == EN_MAXEV)
        return 0;
    en_ev *e = &s->sys[s->nsys++];
    snprintf(e->src, sizeof e->src, "%s", ev->source);
    snprintf(e->tgt, sizeof e->tgt, "%s", ev->target);
    snprintf(e->code, sizeof e->code, "%s", ev->code);
    return 0;
}

static void en_diag(void *user, const dyad_error *err)
{
    (void)user;
    (void)err; /* --lenient: the published files' malformed entries, known and listed by `dyad dict check` */
}

static void en_show(const en_sent *s)
{
    printf("%s/%u [%s] gold:", s->doc, s->idx, s->test ? "test" : "dev");
    for (size_t i = 0; i < s->ngold; i++)
        printf(" %s %s %s;", s->gold[i].src, s->gold[i].tgt, s->gold[i].code);
    printf("  dyad:");
    for (size_t i = 0; i < s->nsys; i++)
        printf(" %s %s %s;", s->sys[i].src, s->sys[i].tgt, s->sys[i].code);
    printf("\n");
}

static int en_score(int argc, char **argv)
{
    const char *gold_path = NULL, *csv = EN_DEFAULT_CSV;
    const char *dicts[16];
    size_t ndicts = 0;
    int lenient = 0, show = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc && ndicts < 16)
            dicts[ndicts++] = argv[++i];
        else if (strcmp(argv[i], "--lenient") == 0)
            lenient = 1;
        else if (strcmp(argv[i], "--show") == 0)
            show = 1;
        else if (argv[i][0] == '-')
            return fprintf(stderr, "eval_news: unknown option %s\n", argv[i]), 2;
        else if (!gold_path)
            gold_path = argv[i];
        else
            csv = argv[i];
    }
    if (!gold_path)
        return fprintf(stderr, "usage: eval_news score GOLD [CSV] [--dict PATH]... [--lenient] [--show]\n"), 2;
    FILE *probe = fopen(csv, "r");
    if (!probe) {
        printf("SKIP: %s is absent (the shared news sample)\n", csv);
        return 77;
    }
    fclose(probe);

    en_gold g = {0};
    int rc = 1;
    dyad_dict *dict = NULL;
    dyad_coder *coder = NULL;
    dyad_reader *r = NULL;
    dyad_error err = {0};
    if (en_gold_load(gold_path, &g) != 0)
        goto done;
    dyad_dict_opts dopts = {.lenient = lenient, .diag = en_diag};
    dict = ndicts ? dyad_dict_load_many(dicts, ndicts, &dopts, &err) : dyad_dict_load_default(&err);
    dyad_code_opts copts = {0};
    coder = dict ? dyad_coder_new(dict, &copts, &err) : NULL;
    r = coder ? dyad_reader_open(csv, DYAD_FMT_CSV, NULL, NULL, &err) : NULL;
    if (!r) {
        char msg[512];
        dyad_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "eval_news: %s\n", msg);
        goto done;
    }
    en_ctx x = {&g};
    const dyad_doc *d;
    while ((d = dyad_reader_next(r, &err)) != NULL) {
        const char *id = dyad_doc_id(d);
        for (size_t i = 0; i < g.n; i++) {
            if (strcmp(g.s[i].doc, id) != 0)
                continue;
            size_t len;
            const char *t = g.s[i].idx < dyad_doc_sentence_count(d)
                                ? dyad_doc_sentence_text(d, g.s[i].idx, &len) : NULL;
            g.s[i].seen = t && en_fnv(t, len) == g.s[i].hash;
        }
        if (dyad_coder_code(coder, d, en_on_event, &x, &err) < 0)
            goto done;
    }
    for (size_t i = 0; i < g.n; i++)
        if (!g.s[i].seen) {
            fprintf(stderr, "eval_news: %s sentence %s/%u is not in %s as annotated (text changed?)\n",
                    gold_path, g.s[i].doc, g.s[i].idx, csv);
            goto done;
        }
    for (int half = 0; half < 2; half++) {
        en_count c[EN_LEVELS] = {{0}};
        size_t ns = 0, nev = 0;
        for (size_t i = 0; i < g.n; i++) {
            if (g.s[i].test != half)
                continue;
            en_score_sentence(&g.s[i], c);
            ns++;
            nev += g.s[i].ngold;
        }
        en_print(half ? "test" : "dev", c, ns, nev);
    }
    if (show)
        for (size_t i = 0; i < g.n; i++) {
            en_count c[EN_LEVELS] = {{0}};
            en_score_sentence(&g.s[i], c);
            if (c[4].fp || c[4].fn)
                en_show(&g.s[i]);
        }
    rc = 0;
done:
    dyad_reader_free(r);
    dyad_coder_free(coder);
    dyad_dict_free(dict);
    free(g.s);
    return rc;
}

static int en_select(int argc, char **argv)
{
    const char *csv = argc > 2 ? argv[2] : EN_DEFAULT_CSV;
    FILE *probe = fopen(csv, "r");
    if (!probe) {
        printf("SKIP: %s is absent (the shared news sample)\n", csv);
        return 77;
    }
    fclose(probe);
    dyad_error err = {0};
    dyad_reader *r = dyad_reader_open(csv, DYAD_FMT_CSV, NULL, NULL, &err);
    if (!r)
        return 1;
    const dyad_doc *d;
    size_t gidx = 0, vidx = 0;
    while ((d = dyad_reader_next(r, &err)) != NULL) {
        size_t n = dyad_doc_sentence_count(d);
        for (size_t i = 0; i < n; i++, gidx++) {
            size_t len;
            const char *t = dyad_doc_sentence_text(d, i, &len);
            int every = gidx % 100 == 0, verb = en_has_verb(t, len) && vidx++ % 15 == 0;
            if (every || verb)
                printf("%s\t%zu\t%08x\t%s\t%.*s\n", dyad_doc_id(d), i, en_fnv(t, len), en_half(dyad_doc_id(d)),
                       (int)len, t);
        }
    }
    dyad_reader_free(r);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "select") == 0)
        return en_select(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "score") == 0)
        return en_score(argc, argv);
    fprintf(stderr, "usage: eval_news select [CSV] | eval_news score GOLD [CSV] [--dict PATH]... [--lenient] [--show]\n");
    return 2;
}
