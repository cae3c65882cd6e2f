/* dyad report --db PATH_OR_URL [filters] [--by P] [--title T] -o report.html */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void cr_usage(FILE *f)
{
    fprintf(f,
        "usage: dyad report --db PATH_OR_URL -o FILE.html [filters] [--by day|week|month|year]\n"
        "                   [--title TEXT] [--max-rows N] [--max-actors N] [--max-episodes N]\n"
        "Writes one self-contained HTML page (charts, network, crisis episodes, a\n"
        "searchable event table, provenance). It loads nothing from the network.\n"
        "filters (as for dyad query):\n"
        "  --actor A          source or target: RUS = RUS, RUSGOV...; =RUS exactly RUS\n"
        "  --dyad A,B         A with B either way; add --directed for A -> B only\n"
        "  --from DATE --to DATE   inclusive ISO dates\n"
        "  --code C  --root R  --quad 1-4  --plover TYPE\n"
        "  --max-rows N       events embedded in the table, newest first (default 1000)\n"
        "  --no-summary       read the events table even where the store's monthly\n"
        "                     summary would do (the page is the same; for checking)\n"
        "-o - writes to stdout. The file appears only when the report is complete.\n");
}

static int cr_size(const char *s, size_t *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > 10000000)
        return 0;
    *out = (size_t)v;
    return 1;
}

int cmd_report(int argc, char **argv)
{
    const char *db = NULL, *path = NULL, *bad = NULL;
    dyad_report_opts o = {0};
    char *dyad_copy = NULL, *tmp = NULL;
    dyad_store *s = NULL;
    FILE *out = NULL;
    int ex = EXIT_OK, f;
    o.filter.by = DYAD_BY_MONTH;
    for (int i = 1; i < argc && !bad; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cr_usage(stdout);
            goto done;
        } else if (!strcmp(a, "--directed")) {
            o.filter.directed = 1;
        } else if (!strcmp(a, "--no-summary")) {
            o.filter.no_summary = 1;
        } else if (!v) {
            bad = a;
        } else {
            i++;
            if (!strcmp(a, "--db")) {
                db = v;
            } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
                path = v;
            } else if ((f = cli_filter_option(&o.filter, a, v, 0, &dyad_copy)) != 0) {
                if (f < 0)
                    bad = a;
            } else if (!strcmp(a, "--title")) {
                o.title = v;
            } else if (!strcmp(a, "--max-rows")) {
                if (!cr_size(v, &o.max_rows))
                    bad = a;
            } else if (!strcmp(a, "--max-actors")) {
                if (!cr_size(v, &o.max_actors) || o.max_actors > 200)
                    bad = a;
            } else if (!strcmp(a, "--max-episodes")) {
                if (!cr_size(v, &o.max_episodes) || o.max_episodes > 100)
                    bad = a;
            } else {
                bad = a;
            }
        }
    }
    if (bad || !db || !path) {
        if (bad)
            fprintf(stderr, "dyad report: bad or incomplete option '%s'\n", bad);
        else
            fprintf(stderr, "dyad report: --db and -o are required\n");
        cr_usage(stderr);
        ex = EXIT_USAGE;
        goto done;
    }
    /* opening creates a store: a mistyped path must not become an empty report */
    if (strncmp(db, "postgres", 8) != 0 && access(db, F_OK) != 0) {
        fprintf(stderr, "dyad report: no store at %s\n", db);
        ex = EXIT_STORE;
        goto done;
    }
    dyad_error err = {0};
    if (!(s = dyad_store_open(db, &err))) {
        cli_print_error(&err);
        ex = cli_exit_for(err.code);
        goto done;
    }
    /* write beside the target and rename, so a failed report leaves no half page */
    if (strcmp(path, "-") == 0) {
        out = stdout;
    } else {
        size_t n = strlen(path) + 5;
        tmp = malloc(n);
        if (!tmp) {
            ex = EXIT_INTERNAL;
            goto done;
        }
        snprintf(tmp, n, "%s.tmp", path);
        if (!(out = fopen(tmp, "wb"))) {
            fprintf(stderr, "dyad report: cannot write %s\n", tmp);
            ex = EXIT_IO;
            goto done;
        }
    }
    int rc = dyad_report_write(s, &o, out, &err);
    if (out != stdout) {
        if (fclose(out) != 0 && !rc)
            rc = DYAD_E_IO;
        out = NULL;
        if (!rc && rename(tmp, path) != 0) {
            fprintf(stderr, "dyad report: cannot write %s\n", path);
            ex = EXIT_IO;
        }
        if (rc || ex)
            remove(tmp);
    }
    if (rc) {
        if (err.code)
            cli_print_error(&err);
        else
            fprintf(stderr, "dyad report: could not write the report\n");
        ex = cli_exit_for((dyad_status)rc);
    }
done:
    if (out && out != stdout)
        fclose(out);
    dyad_store_close(s);
    free(dyad_copy);
    free(tmp);
    return ex;
}
