/* bench_text.c — tokeniser + sentence splitter throughput, and the whole CSV
 * reader path, over the Guardian sample's text replicated.
 *
 *   bench_text [CSV] [COPIES] [RUNS]
 *
 * Defaults: ../shared/data/news/guardian_sample.csv, 20 copies, 5 runs.
 * Prints median and min-max MB/s and sentences/s for each stage. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "input/reader.h"
#include "text/text.h"

static double bt_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bt_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void bt_report(const char *what, double *secs, int runs, double mb, size_t sentences)
{
    qsort(secs, (size_t)runs, sizeof *secs, bt_cmp);
    double med = secs[runs / 2], lo = secs[0], hi = secs[runs - 1];
    printf("%s (%d runs): median %.1f MB/s (min-max %.1f-%.1f), %.0f sentences/s (%.0f-%.0f)\n", what, runs,
           mb / med, mb / hi, mb / lo, (double)sentences / med, (double)sentences / hi, (double)sentences / lo);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/news/guardian_sample.csv";
    int copies = argc > 2 ? atoi(argv[2]) : 20;
    int runs = argc > 3 ? atoi(argv[3]) : 5;
    if (copies < 1 || runs < 1 || runs > 100) {
        fprintf(stderr, "usage: bench_text [CSV] [COPIES>=1] [RUNS 1-100]\n");
        return 2;
    }
    char *csv = NULL;
    size_t csvn = 0;
    dyad_error err;
    if (dy_read_file(path, &csv, &csvn, &err) != DYAD_OK) {
        fprintf(stderr, "bench_text: cannot read %s\n", path);
        return 1;
    }
    /* The articles' text, once, through the CSV reader. */
    dy_buf texts = {0};
    size_t *offs = NULL, noffs = 0, capoffs = 0;
    dyad_reader *r = dyad_reader_open_mem(csv, csvn, path, DYAD_FMT_CSV, NULL, NULL, &err);
    if (!r)
        return 1;
    const char *body = memchr(csv, '\n', csvn);
    size_t hdr = body ? (size_t)(body - csv) + 1 : 0;
    const dyad_doc *d;
    while ((d = dyad_reader_next(r, &err))) {
        for (uint32_t i = 0; i < d->nsent; i++) {
            dy_buf_put(&texts, d->sents[i].text, d->sents[i].len);
            dy_buf_putc(&texts, ' ');
        }
        if (!DY_VEC_PUSH(offs, noffs, capoffs, texts.n))
            return 1;
    }
    dyad_reader_free(r);

    /* Stage 1: dy_text_sentences over every article, COPIES times. */
    double secs[100];
    size_t sentences = 0;
    double mb1 = (double)texts.n * copies / 1e6;
    dy_arena a;
    dy_arena_init(&a, 1 << 20);
    for (int k = 0; k < runs; k++) {
        size_t ns_total = 0;
        double t0 = bt_now();
        for (int c = 0; c < copies; c++) {
            size_t start = 0;
            for (size_t i = 0; i < noffs; i++) {
                dy_sentence *ss;
                uint32_t ns, forced;
                if (dy_text_sentences(&a, texts.p + start, offs[i] - start, &ss, &ns, &forced) != 0)
                    return 1;
                ns_total += ns;
                start = offs[i];
                dy_arena_reset(&a);
            }
        }
        secs[k] = bt_now() - t0;
        sentences = ns_total;
    }
    printf("input: %s x%d: %.1f MB of article text, %zu sentences\n", path, copies, mb1, sentences);
    bt_report("tokenise+split (one core)", secs, runs, mb1, sentences);

    /* Stage 2: the CSV reader end to end (quoting, dates, repair, split, fold). */
    dy_buf big = {0};
    dy_buf_put(&big, csv, csvn);
    for (int c = 1; c < copies; c++)
        dy_buf_put(&big, csv + hdr, csvn - hdr);
    double mb2 = (double)big.n / 1e6;
    for (int k = 0; k < runs; k++) {
        size_t ns_total = 0;
        double t0 = bt_now();
        r = dyad_reader_open_mem(big.p, big.n, "bench.csv", DYAD_FMT_CSV, NULL, NULL, &err);
        while ((d = dyad_reader_next(r, &err)))
            ns_total += d->nsent;
        dyad_reader_free(r);
        secs[k] = bt_now() - t0;
        sentences = ns_total;
    }
    printf("input: CSV x%d: %.1f MB\n", copies, mb2);
    bt_report("CSV reader (one core)", secs, runs, mb2, sentences);

    dy_arena_free(&a);
    dy_buf_free(&big);
    dy_buf_free(&texts);
    free(offs);
    free(csv);
    return 0;
}
