/* dyad load [--db PATH_OR_URL] [FILE|-]... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void cl_usage(FILE *f)
{
    fprintf(f,
            "usage: dyad load --db PATH_OR_URL [FILE...]\n"
            "Loads event JSON lines (the output of 'dyad code') into a store: a SQLite file\n"
            "(created if absent) or a postgresql:// URL. Without FILE, or with '-', reads\n"
            "stdin. Each file is one transaction: a failed or killed load leaves the store\n"
            "as it was. Loading the same events again adds nothing (they count as\n"
            "duplicate). Bad lines are reported with file:line and counted as rejected.\n"
            "Exit: 0 all loaded or duplicate, 1 some lines rejected, 5 database error.\n");
}

int cmd_load(int argc, char **argv)
{
    const char *db = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int ex = EXIT_OK;
    dyad_store *s = NULL;
    dyad_load_stats tot = {0};
    if (!files)
        return EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cl_usage(stdout);
            goto done;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad load: unknown option '%s'\n", a);
            cl_usage(stderr);
            ex = EXIT_USAGE;
            goto done;
        } else {
            files[nfiles++] = a;
        }
    }
    if (!db) {
        fprintf(stderr, "dyad load: --db PATH_OR_URL is required\n");
        ex = EXIT_USAGE;
        goto done;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    dyad_error err = {0};
    if (!(s = dyad_store_open(db, &err))) {
        cli_print_error(&err);
        ex = cli_exit_for(err.code);
        goto done;
    }
    for (size_t f = 0; f < nfiles; f++) {
        dyad_load_stats st = {0};
        if (dyad_store_load_jsonl(s, files[f], cli_diag_print, NULL, &st, &err) != DYAD_OK) {
            cli_print_error(&err);
            ex = cli_exit_for(err.code);
            goto done;
        }
        tot.read += st.read;
        tot.loaded += st.loaded;
        tot.duplicate += st.duplicate;
        tot.rejected += st.rejected;
        tot.events += st.events;
    }
    fprintf(stderr, "dyad: mentions read %zu = loaded %zu + duplicate %zu + rejected %zu; "
                    "new events %zu\n",
            tot.read, tot.loaded, tot.duplicate, tot.rejected, tot.events);
    if (tot.rejected)
        ex = EXIT_REJECTS;
done:
    dyad_store_close(s);
    free(files);
    return ex;
}
