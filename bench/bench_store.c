/* bench_store — synthetic events, and timings of the store.
 *
 *   bench_store gen N [SEED]          N synthetic event JSON lines on stdout
 *   bench_store load DB FILE REPEATS  time `dyad load` of FILE into a fresh DB
 *   bench_store query DB REPEATS      time a monthly dyad series (RUS,UKR) and
 *                                     a say/do query (RUS by month) on DB
 *
 * DB is a SQLite path or a postgresql:// URL of a scratch database: `load`
 * drops dyad's tables there before every repeat. Figures are wall-clock
 * medians with min-max over the repeats.
 *
 * The generator is deterministic (a fixed-seed xorshift): documents of one
 * to four sentences, one or two events a sentence, actor codes drawn from a
 * skewed list of states, their agents and armed groups, CAMEO codes drawn
 * with realistic weights (many statements and consultations, fewer attacks),
 * dates spread over 2000-2024, and sentence text with the spans the coder
 * would give. Half the documents open with another report of the event
 * the previous document ended with, so events are fewer than mentions.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dyad.h"
#include "store/store.h"

/* ---------------------------------------------------------------- generator */

static uint64_t bs_rng(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static size_t bs_pick(uint64_t *s, size_t n) { return (size_t)(bs_rng(s) % n); }

/* Skewed: low indices much more likely (a rough Zipf). */
static size_t bs_skew(uint64_t *s, size_t n)
{
    double u = (double)(bs_rng(s) >> 11) / 9007199254740992.0;
    size_t i = (size_t)(pow(u, 2.2) * (double)n);
    return i < n ? i : n - 1;
}

static const struct { const char *code, *name; } bs_actors[] = {
    {"USAGOV", "The US government"}, {"RUSGOV", "The Kremlin"}, {"ISRMIL", "Israeli troops"},
    {"PSE", "Palestinians"}, {"HMS", "Hamas"}, {"RUSMIL", "Russian forces"},
    {"UKRGOV", "Kyiv"}, {"UKRMIL", "Ukrainian troops"}, {"ISRGOV", "The Israeli cabinet"},
    {"USA", "Washington"}, {"RUS", "Moscow"}, {"CHNGOV", "Beijing"}, {"IRNGOV", "Tehran"},
    {"EGYGOV", "Cairo"}, {"QATGOV", "Qatari mediators"}, {"TURGOV", "Ankara"},
    {"GBRGOV", "London"}, {"FRAGOV", "Paris"}, {"DEUGOV", "Berlin"}, {"SYRGOV", "Damascus"},
    {"SYRREB", "Syrian rebels"}, {"LBNHZB", "Hezbollah"}, {"IRQGOV", "Baghdad"},
    {"AFGTAL", "The Taliban"}, {"PAKMIL", "Pakistani soldiers"}, {"INDGOV", "New Delhi"},
    {"IGOUNO", "The United Nations"}, {"IGOEUR", "The European Union"}, {"NGOHRI", "Rights groups"},
    {"RUSREB", "Chechen fighters"}, {"ISRCVL", "Israeli civilians"}, {"RUSCVL", "Russian civilians"},
    {"UKR", "Ukraine"}, {"PSEGOV", "The Palestinian Authority"}, {"SAUGOV", "Riyadh"},
};
#define BS_NACT (sizeof bs_actors / sizeof bs_actors[0])

static const struct { const char *code, *verb; int w; } bs_codes[] = {
    {"010", "said of", 12}, {"012", "was pessimistic about", 3}, {"013", "was hopeful about", 3},
    {"020", "appealed to", 6}, {"0253", "urged the release by", 2}, {"036", "offered talks to", 4},
    {"040", "consulted", 8}, {"042", "visited", 5}, {"043", "hosted", 4}, {"045", "mediated with", 2},
    {"046", "negotiated with", 5}, {"051", "praised", 4}, {"057", "signed a deal with", 2},
    {"061", "traded with", 2}, {"070", "sent aid to", 3}, {"0841", "freed captives of", 1},
    {"111", "criticized", 8}, {"112", "accused", 7}, {"1053", "demanded the release by", 2},
    {"1056", "demanded a ceasefire from", 2}, {"120", "rejected", 4}, {"130", "threatened", 4},
    {"138", "threatened war on", 1}, {"141", "protested against", 3}, {"163", "sanctioned", 2},
    {"173", "arrested members of", 3}, {"181", "took hostages from", 1}, {"190", "attacked", 5},
    {"193", "fired on", 3}, {"195", "bombed", 3}, {"200", "massacred", 1},
};
#define BS_NCODE (sizeof bs_codes / sizeof bs_codes[0])

static size_t bs_code(uint64_t *s)
{
    static int total = 0;
    if (!total)
        for (size_t i = 0; i < BS_NCODE; i++)
            total += bs_codes[i].w;
    int r = (int)bs_pick(s, (size_t)total);
    for (size_t i = 0; i < BS_NCODE; i++)
        if ((r -= bs_codes[i].w) < 0)
            return i;
    return 0;
}

static void bs_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void bs_event(FILE *f, const char *doc, unsigned sent, const char *date, size_t a,
                     size_t b, size_t c)
{
    const dyad_code_info *ci = dyad_codebook_lookup(bs_codes[c].code);
    char text[512];
    const char *sn = bs_actors[a].name, *tn = bs_actors[b].name, *vb = bs_codes[c].verb;
    int n = snprintf(text, sizeof text, "%s %s %s on %s, according to officials quoted by the "
                     "agency in its evening report.", sn, vb, tn, date);
    (void)n;
    size_t s0 = 0, s1 = strlen(sn), v0 = s1 + 1, v1 = v0 + strlen(vb), t0 = v1 + 1,
           t1 = t0 + strlen(tn);
    fprintf(f, "{\"doc\":\"%s\",\"sentence\":%u,\"date\":\"%s\",\"source\":\"%s\",\"target\":\"%s\","
               "\"code\":\"%s\",\"root\":\"%.2s\",\"quad\":%d,\"goldstein\":",
            doc, sent, date, bs_actors[a].code, bs_actors[b].code, bs_codes[c].code,
            bs_codes[c].code, ci ? (int)ci->quad[0] : 0);
    if (ci)
        fprintf(f, "%.1f", ci->goldstein[0]);
    else
        fputs("null", f);
    fprintf(f, ",\"plover\":\"%s\",\"source_text\":", ci ? ci->plover_type : "");
    bs_json_str(f, sn);
    fputs(",\"target_text\":", f);
    bs_json_str(f, tn);
    fputs(",\"verb_text\":", f);
    bs_json_str(f, vb);
    fprintf(f, ",\"source_span\":[%zu,%zu],\"target_span\":[%zu,%zu],\"verb_span\":[%zu,%zu],"
               "\"pattern\":\"dyad.verbs.txt:%zu\",\"issues\":\"\",\"flags\":\"\",\"sentence_text\":",
            s0, s1, t0, t1, v0, v1, 100 + c);
    bs_json_str(f, text);
    fputs("}\n", f);
}

static int bs_gen(size_t n, uint64_t seed)
{
    uint64_t s = seed ? seed : 88172645463325252ull;
    size_t done = 0, docno = 0;
    char doc[32], date[11];
    int64_t d0, d1;
    dy_store_date_parse("2000-01-01", &d0);
    dy_store_date_parse("2024-12-31", &d1);
    /* the last event written, for same-day repeats from another outlet */
    size_t la = 0, lb = 1, lc = 0;
    char ldate[11] = "2000-01-01";
    bool have_last = false;
    while (done < n) {
        snprintf(doc, sizeof doc, "syn-%zu", ++docno);
        int64_t day = d0 + (int64_t)bs_pick(&s, (size_t)(d1 - d0 + 1));
        dy_store_date_format(day, date);
        unsigned nsent = 1 + (unsigned)bs_pick(&s, 4);
        for (unsigned k = 0; k < nsent && done < n; k++) {
            unsigned nev = 1 + (bs_pick(&s, 3) == 0);
            for (unsigned e = 0; e < nev && done < n; e++, done++) {
                size_t a, b, c;
                const char *dt = date;
                if (have_last && k == 0 && e == 0 && bs_pick(&s, 2) == 0) {
                    a = la, b = lb, c = lc, dt = ldate; /* another report of that event */
                } else {
                    a = bs_skew(&s, BS_NACT);
                    do
                        b = bs_skew(&s, BS_NACT);
                    while (b == a);
                    c = bs_code(&s);
                }
                bs_event(stdout, doc, k, dt, a, b, c);
                la = a, lb = b, lc = c;
                memcpy(ldate, dt, 11);
                have_last = true;
            }
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

/* ---------------------------------------------------------------- timing */

static double bs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) used by this process so far: the shared
 * machines these run on make wall time noisy; the database server's own CPU
 * (PostgreSQL) is not included. */
static double bs_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static int bs_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void bs_report(const char *what, double *t, int n, const char *extra)
{
    qsort(t, (size_t)n, sizeof *t, bs_cmp);
    double med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    printf("%-44s median %8.3f s  min %8.3f  max %8.3f  (%d runs) %s\n", what, med, t[0],
           t[n - 1], n, extra);
}

static int bs_fail(const dyad_error *e)
{
    char b[512];
    dyad_error_format(e, b, sizeof b);
    fprintf(stderr, "bench_store: %s\n", b);
    return 1;
}

static int bs_reset(const char *db)
{
    if (strncmp(db, "postgres", 8) != 0) {
        char p[4096];
        unlink(db);
        snprintf(p, sizeof p, "%s-wal", db);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", db);
        unlink(p);
        return 0;
    }
    dyad_error e = {0};
    dyad_store *s = dyad_store_open(db, &e);
    if (!s)
        return bs_fail(&e);
    int rc = dy_store_exec(s, "DROP TABLE IF EXISTS mentions, events, sentences, documents, "
                              "actors, codes, event_months, runs, schema_version", &e);
    dyad_store_close(s);
    return rc ? bs_fail(&e) : 0;
}

static int bs_load(const char *db, const char *file, int reps)
{
    double *t = calloc((size_t)reps, sizeof *t), *cpu = calloc((size_t)reps, sizeof *cpu);
    dyad_load_stats st = {0};
    char extra[200];
    if (!t || !cpu)
        return 1;
    for (int i = 0; i < reps; i++) {
        if (bs_reset(db))
            return 1;
        dyad_error e = {0};
        double t0 = bs_now(), c0 = bs_cpu();
        dyad_store *s = dyad_store_open(db, &e);
        if (!s || dyad_store_load_jsonl(s, file, NULL, NULL, &st, &e))
            return bs_fail(&e);
        dyad_store_close(s);
        t[i] = bs_now() - t0;
        cpu[i] = bs_cpu() - c0;
    }
    qsort(cpu, (size_t)reps, sizeof *cpu, bs_cmp);
    snprintf(extra, sizeof extra, "%zu mentions -> %zu events; client CPU median %.1f s",
             st.loaded, st.events, cpu[reps / 2]);
    free(cpu);
    char what[160];
    snprintf(what, sizeof what, "load (%s)", strncmp(db, "postgres", 8) ? "sqlite" : "postgresql");
    bs_report(what, t, reps, extra);
    free(t);
    return 0;
}

static int bs_count(void *user, size_t n, const char *const *v)
{
    (void)n;
    *(long long *)user = v[0] ? atoll(v[0]) : 0;
    return 0;
}

static int bs_query(const char *db, int reps)
{
    dyad_error e = {0};
    dyad_store *s = dyad_store_open(db, &e);
    if (!s)
        return bs_fail(&e);
    long long nev = 0;
    if (dy_store_select(s, "SELECT count(*) FROM events", NULL, 0, NULL, bs_count, &nev, &e))
        return bs_fail(&e);
    printf("store: %lld events (%s)\n", nev, dyad_store_backend(s));
    static const struct { const char *what; dyad_query q; } qs[] = {
        {"monthly dyad series RUS,UKR", {.kind = DYAD_Q_SERIES, .by = DYAD_BY_MONTH,
                                         .dyad_a = "RUS", .dyad_b = "UKR"}},
        {"say/do RUS by month", {.kind = DYAD_Q_SAYDO, .by = DYAD_BY_MONTH, .actor = "RUS"}},
        {"top partners of ISR", {.kind = DYAD_Q_PARTNERS, .actor = "ISR"}},
    };
    double *t = calloc((size_t)reps, sizeof *t);
    for (size_t k = 0; k < sizeof qs / sizeof qs[0] && t; k++) {
        size_t rows = 0;
        for (int i = 0; i < reps; i++) {
            double t0 = bs_now();
            dyad_table *tb = dyad_store_query(s, &qs[k].q, &e);
            if (!tb)
                return bs_fail(&e);
            t[i] = bs_now() - t0;
            rows = dyad_table_rows(tb);
            dyad_table_free(tb);
        }
        char extra[64];
        snprintf(extra, sizeof extra, "%zu rows", rows);
        bs_report(qs[k].what, t, reps, extra);
    }
    free(t);
    dyad_store_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "gen"))
        return bs_gen(strtoull(argv[2], NULL, 10), argc > 3 ? strtoull(argv[3], NULL, 10) : 0);
    if (argc == 5 && !strcmp(argv[1], "load"))
        return bs_load(argv[2], argv[3], atoi(argv[4]) > 0 ? atoi(argv[4]) : 1);
    if (argc == 4 && !strcmp(argv[1], "query"))
        return bs_query(argv[2], atoi(argv[3]) > 0 ? atoi(argv[3]) : 1);
    fprintf(stderr, "usage: bench_store gen N [SEED] | load DB FILE REPEATS | query DB REPEATS\n");
    return 2;
}
