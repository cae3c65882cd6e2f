/* bench_dictload: load a dictionary set N times; print the median and the
 * min-max load time (wall clock and CPU) and the peak RSS. Default: the Phoenix set through
 * ../shared/data/petrarch2/config/PETR_config.ini (lenient: it carries a few
 * malformed entries). Usage: bench_dictload [-n N] [PATH...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dyad.h"

static int bd_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int n = 20;
    const char *def[] = {"../shared/data/petrarch2/config/PETR_config.ini"};
    const char **paths = def;
    int npaths = 1;
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-n")) {
        n = atoi(argv[i + 1]);
        i += 2;
    }
    if (i < argc) {
        paths = (const char **)argv + i;
        npaths = argc - i;
    }
    if (n < 1 || n > 100000) {
        fprintf(stderr, "bench_dictload: -n must be 1..100000\n");
        return 2;
    }
    double *ms = malloc((size_t)n * sizeof *ms);
    double *cpu = malloc((size_t)n * sizeof *cpu);
    if (!ms || !cpu) {
        free(ms);
        free(cpu);
        return 1;
    }
    dyad_dict_opts opts = {.lenient = 1};
    dyad_dict_stats st = {0};
    for (int k = 0; k < n; k++) {
        struct timespec t0, t1, c0, c1;
        dyad_error err = {0};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        dyad_dict *d = dyad_dict_load_many(paths, (size_t)npaths, &opts, &err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
        if (!d) {
            char buf[1024];
            dyad_error_format(&err, buf, sizeof buf);
            fprintf(stderr, "bench_dictload: %s\n", buf);
            free(ms);
            free(cpu);
            return 1;
        }
        dyad_dict_get_stats(d, &st);
        dyad_dict_free(d);
        ms[k] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        cpu[k] = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
    }
    qsort(ms, (size_t)n, sizeof *ms, bd_cmp);
    qsort(cpu, (size_t)n, sizeof *cpu, bd_cmp);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("dictload: %d runs, median %.1f ms, min %.1f ms, max %.1f ms, peak RSS %.1f MB\n", n,
           n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2, ms[0], ms[n - 1], (double)ru.ru_maxrss / 1024.0);
    /* CPU time is what a busy machine does not inflate */
    printf("dictload: cpu per load median %.1f ms, min %.1f ms, max %.1f ms\n",
           n % 2 ? cpu[n / 2] : (cpu[n / 2 - 1] + cpu[n / 2]) / 2, cpu[0], cpu[n - 1]);
    printf("dictload: %zu files, %zu verbs, %zu patterns, %zu actors, %zu agents, %zu words, %.1f MB held, %zu rejected\n",
           st.files, st.verbs, st.patterns, st.actors, st.agents, st.words, (double)st.bytes / 1048576.0, st.rejected);
    free(ms);
    free(cpu);
    return 0;
}
