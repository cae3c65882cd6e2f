/* `dyad dict gaps CORPUS...`: the most frequent verbs and names in a corpus
 * that the dictionaries do not cover, so dictionary work goes where the text
 * is. Reading and counting are the library's (dyad_reader, dyad_gaps); this
 * file parses arguments and prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define GAPS_MAX_DICTS 64

static void gaps_usage(FILE *f)
{
    fprintf(f, "usage: dyad dict gaps [--dict PATH]... [--top N] [--input FORMAT] [--tsv] CORPUS...\n"
               "Lists the most frequent verbs and capitalised names in CORPUS that no verb, actor\n"
               "or agent entry covers (default: dyad's embedded dictionaries; --top 30).\n"
               "CORPUS files are text, JSON lines, CSV, TABARI, PETRARCH XML or CoNLL-U\n"
               "(by extension, or --input). --tsv prints kind, count, text, document, sentence.\n"
               "Exit status: 0 done, 1 some records rejected, 2 usage, 3 dictionary error, 4 I/O.\n");
}

static void gaps_print(dyad_gaps *g, dyad_gap_kind kind, size_t top, int tsv)
{
    size_t n = dyad_gaps_count(g, kind);
    const char *what = kind == DYAD_GAP_VERB ? "verbs" : "names";
    if (!tsv)
        printf("\nuncovered %s: top %zu of %zu\n%8s  %-40s %s\n", what, top < n ? top : n, n, "count",
               "text", "first seen (document, sentence)");
    for (size_t i = 0; i < n && i < top; i++) {
        const dyad_gap *x = dyad_gaps_at(g, kind, i);
        if (tsv)
            printf("%s\t%zu\t%s\t%s\t%u\n", kind == DYAD_GAP_VERB ? "verb" : "name", x->count, x->text, x->doc,
                   (unsigned)x->sentence);
        else
            printf("%8zu  %-40s %s, %u\n", x->count, x->text, x->doc, (unsigned)x->sentence);
    }
}

static double gaps_pct(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

int cmd_dict_gaps(int argc, char **argv)
{
    const char *dicts[GAPS_MAX_DICTS];
    size_t ndict = 0, top = 30, rejected = 0;
    int fmt = DYAD_FMT_AUTO, tsv = 0, rc = EXIT_OK, first = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            gaps_usage(stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--dict") && i + 1 < argc) {
            if (ndict == GAPS_MAX_DICTS) {
                fprintf(stderr, "dyad dict gaps: at most %d --dict paths\n", GAPS_MAX_DICTS);
                return EXIT_USAGE;
            }
            dicts[ndict++] = argv[++i];
        } else if (!strcmp(a, "--top") && i + 1 < argc) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (errno || *end || end == argv[i] || v == 0 || argv[i][0] == '-') {
                fprintf(stderr, "dyad dict gaps: --top needs a positive number, not '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
            top = (size_t)v;
        } else if (!strcmp(a, "--input") && i + 1 < argc) {
            fmt = dyad_format_from_name(argv[++i]);
            if (fmt < 0) {
                fprintf(stderr, "dyad dict gaps: unknown input format '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--tsv")) {
            tsv = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad dict gaps: unknown or incomplete option '%s'\n", a);
            gaps_usage(stderr);
            return EXIT_USAGE;
        } else {
            argv[first++] = argv[i]; /* corpus files, compacted to the front */
        }
    }
    if (!first) {
        gaps_usage(stderr);
        return EXIT_USAGE;
    }

    int exit_code = EXIT_OK;
    dyad_dict *d = cli_load_dicts(dicts, ndict, 0, &exit_code);
    if (!d)
        return exit_code;
    dyad_error err = {0};
    dyad_gaps *g = dyad_gaps_new(d, &err);
    if (!g) {
        cli_print_error(&err);
        dyad_dict_free(d);
        return cli_exit_for(err.code);
    }
    for (int f = 0; f < first && rc == EXIT_OK; f++) {
        dyad_reader *r = dyad_reader_open(argv[f], (dyad_format)fmt, cli_diag_print, &rejected, &err);
        if (!r) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
            break;
        }
        const dyad_doc *doc;
        while ((doc = dyad_reader_next(r, &err)) != NULL)
            if (dyad_gaps_add(g, doc, &err) != DYAD_OK)
                break;
        if (err.code != DYAD_OK) {
            cli_print_error(&err);
            rc = cli_exit_for(err.code);
        }
        dyad_reader_free(r);
    }
    if (rc == EXIT_OK) {
        dyad_gaps_stats st;
        dyad_gaps_get_stats(g, &st);
        if (!tsv) {
            printf("dyad dict gaps: %zu documents, %zu sentences; dictionaries: %s\n", st.documents, st.sentences,
                   dyad_dict_describe(d));
            printf("verb-like words %zu, covered by a verb entry %zu (%.1f%%)\n", st.verbs, st.verbs_covered,
                   gaps_pct(st.verbs_covered, st.verbs));
            printf("capitalised phrases %zu, wholly covered by actors/agents %zu (%.1f%%)\n", st.names,
                   st.names_covered, gaps_pct(st.names_covered, st.names));
        }
        gaps_print(g, DYAD_GAP_VERB, top, tsv);
        gaps_print(g, DYAD_GAP_NAME, top, tsv);
        if (fflush(stdout) || ferror(stdout)) {
            fprintf(stderr, "dyad dict gaps: could not write the report\n");
            rc = EXIT_IO;
        } else if (rejected) {
            fprintf(stderr, "dyad dict gaps: %zu record%s rejected (listed above)\n", rejected,
                    rejected == 1 ? "" : "s");
            rc = EXIT_REJECTS;
        }
    }
    dyad_gaps_free(g);
    dyad_dict_free(d);
    return rc;
}
