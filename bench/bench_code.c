/* bench_code: coding throughput through the public API.
 *   bench_code DICT[,DICT...]|default FORMAT FILE [REPEATS]
 * Reads FILE into memory once, then codes it REPEATS times (default 5) on one
 * core and prints median and min-max sentences/s and MB/s, events, and peak RSS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dyad.h"

static double bc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bc_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int bc_count(void *user, const dyad_event *ev)
{
    (void)ev;
    ++*(size_t *)user;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_code DICT[,DICT...]|default FORMAT FILE [REPEATS]\n");
        return 2;
    }
    int reps = argc > 4 ? atoi(argv[4]) : 5;
    if (reps < 1 || reps > 100)
        reps = 5;
    FILE *f = fopen(argv[3], "rb");
    if (!f) {
        perror(argv[3]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)sz + 1);
    if (!buf || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
        fprintf(stderr, "cannot read %s\n", argv[3]);
        return 1;
    }
    fclose(f);
    dyad_error err = {0};
    double t0 = bc_now();
    /* a comma-separated list of dictionary files, loaded leniently: the
     * published Phoenix files carry a few malformed entries */
    const char *paths[32];
    size_t np = 0;
    char *list = strdup(argv[1]), *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t && np < 32; t = strtok_r(NULL, ",", &save))
        paths[np++] = t;
    dyad_dict_opts dopts = {0};
    dopts.lenient = 1;
    dyad_dict *d = strcmp(argv[1], "default") ? dyad_dict_load_many(paths, np, &dopts, &err)
                                              : dyad_dict_load_default(&err);
    double tload = bc_now() - t0;
    if (!d) {
        char msg[512];
        dyad_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "bench_code: %s\n", msg);
        return 1;
    }
    int fmt = dyad_format_from_name(argv[2]);
    double *secs = calloc((size_t)reps, sizeof *secs);
    size_t sentences = 0, events = 0;
    for (int r = 0; r < reps; r++) {
        dyad_coder *c = dyad_coder_new(d, NULL, &err);
        dyad_reader *rd = dyad_reader_open_mem(buf, (size_t)sz, argv[3], (dyad_format)fmt, NULL, NULL, &err);
        if (!c || !rd) {
            fprintf(stderr, "bench_code: cannot start\n");
            return 1;
        }
        events = 0;
        double s = bc_now();
        const dyad_doc *doc;
        while ((doc = dyad_reader_next(rd, &err)))
            dyad_coder_code(c, doc, bc_count, &events, &err);
        secs[r] = bc_now() - s;
        dyad_code_stats cs;
        dyad_coder_get_stats(c, &cs);
        sentences = cs.sentences;
        dyad_reader_free(rd);
        dyad_coder_free(c);
    }
    qsort(secs, (size_t)reps, sizeof *secs, bc_cmp);
    double med = secs[reps / 2];
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)sz / 1e6;
    printf("input: %s, %.1f MB, %zu sentences, %zu events\n", argv[3], mb, sentences, events);
    printf("dictionary load: %.1f ms\n", tload * 1e3);
    printf("coding (%d runs, one core): median %.0f sentences/s (min-max %.0f-%.0f), %.1f MB/s (%.1f-%.1f)\n",
           reps, sentences / med, sentences / secs[reps - 1], sentences / secs[0], mb / med,
           mb / secs[reps - 1], mb / secs[0]);
    printf("median time: %.3f s\n", med);
    printf("peak RSS: %.1f MB (includes the %.1f MB input held in memory)\n", ru.ru_maxrss / 1024.0, mb);
    free(secs);
    free(buf);
    free(list);
    dyad_dict_free(d);
    return 0;
}
