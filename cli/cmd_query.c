/* dyad query --db PATH_OR_URL [filters] [--top-partners A | --say-do | --episodes | --events | --runs] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void cq_usage(FILE *f)
{
    fprintf(f,
        "usage: dyad query --db PATH_OR_URL [what] [filters] [--format table|csv|json]\n"
        "what (default: a series of counts and Goldstein sums per period):\n"
        "  --top-partners A   the actors A deals with most, both directions\n"
        "  --say-do           per actor and period: verbal vs material, and the say/do gap\n"
        "  --episodes         hostage-crisis episodes: a 181 and what follows (--gap N days)\n"
        "  --events           the events with their supporting mentions (--limit N)\n"
        "  --runs             provenance: one row per load or 'code --db' run\n"
        "filters:\n"
        "  --by day|week|month|year|all   period (default month)\n"
        "  --actor A          source or target (say-do: source). RUS = RUS, RUSGOV...;\n"
        "                     RUS* the same; =RUS exactly RUS\n"
        "  --dyad A,B         A with B either way; add --directed for A -> B only\n"
        "  --code C  --root R  --quad 1-4  --plover TYPE  --from DATE  --to DATE\n"
        "  --dedup events|mentions|one-a-day   what is counted (default events)\n"
        "  --window N         events: merge same source/target/code less than N days apart\n"
        "  --limit N          rows for --top-partners (10) and --events (100)\n");
}

static int cq_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

int cmd_query(int argc, char **argv)
{
    const char *db = NULL;
    dyad_query q = {0};
    dyad_table_format fmt = DYAD_TABLE_TEXT;
    char *dyad_copy = NULL;
    dyad_store *s = NULL;
    dyad_table *t = NULL;
    int ex = EXIT_OK;
    const char *bad = NULL;
    int f;
    q.by = DYAD_BY_MONTH;
    for (int i = 1; i < argc && !bad; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cq_usage(stdout);
            goto done;
        } else if (!strcmp(a, "--directed")) {
            q.directed = 1;
        } else if (!strcmp(a, "--say-do")) {
            q.kind = DYAD_Q_SAYDO;
        } else if (!strcmp(a, "--episodes")) {
            q.kind = DYAD_Q_EPISODES;
        } else if (!strcmp(a, "--events")) {
            q.kind = DYAD_Q_EVENTS;
        } else if (!strcmp(a, "--runs")) {
            q.kind = DYAD_Q_RUNS;
        } else if (!v) {
            bad = a;
        } else {
            i++;
            if (!strcmp(a, "--db")) {
                db = v;
            } else if ((f = cli_filter_option(&q, a, v, 1, &dyad_copy)) != 0) {
                if (f < 0)
                    bad = a;
            } else if (!strcmp(a, "--top-partners")) {
                q.kind = DYAD_Q_PARTNERS;
                q.actor = v;
            } else if (!strcmp(a, "--window")) {
                if (!cq_int(v, 1, 3650, &q.window))
                    bad = a;
            } else if (!strcmp(a, "--gap")) {
                if (!cq_int(v, 1, 3650, &q.gap))
                    bad = a;
            } else if (!strcmp(a, "--limit")) {
                if (!cq_int(v, 1, 1000000, &q.limit))
                    bad = a;
            } else if (!strcmp(a, "--dedup")) {
                if (!strcmp(v, "events"))
                    q.dedup = DYAD_DEDUP_EVENTS;
                else if (!strcmp(v, "mentions"))
                    q.dedup = DYAD_DEDUP_MENTIONS;
                else if (!strcmp(v, "one-a-day"))
                    q.dedup = DYAD_DEDUP_ONE_A_DAY;
                else
                    bad = a;
            } else if (!strcmp(a, "--format")) {
                if (!strcmp(v, "table"))
                    fmt = DYAD_TABLE_TEXT;
                else if (!strcmp(v, "csv"))
                    fmt = DYAD_TABLE_CSV;
                else if (!strcmp(v, "json"))
                    fmt = DYAD_TABLE_JSON;
                else
                    bad = a;
            } else {
                bad = a;
            }
        }
    }
    if (bad) {
        fprintf(stderr, "dyad query: bad or incomplete option '%s'\n", bad);
        cq_usage(stderr);
        ex = EXIT_USAGE;
        goto done;
    }
    if (!db) {
        fprintf(stderr, "dyad query: --db PATH_OR_URL is required\n");
        ex = EXIT_USAGE;
        goto done;
    }
    dyad_error err = {0};
    if (!(s = dyad_store_open(db, &err)) || !(t = dyad_store_query(s, &q, &err))) {
        cli_print_error(&err);
        ex = cli_exit_for(err.code);
        goto done;
    }
    if (dyad_table_write(stdout, t, fmt) != DYAD_OK || fflush(stdout) != 0) {
        fprintf(stderr, "dyad query: cannot write the result\n");
        ex = EXIT_IO;
    }
done:
    dyad_table_free(t);
    dyad_store_close(s);
    free(dyad_copy);
    return ex;
}
