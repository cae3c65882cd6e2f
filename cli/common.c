#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_print_error(const dyad_error *err)
{
    char buf[1024];
    dyad_error_format(err, buf, sizeof buf);
    fprintf(stderr, "dyad: %s\n", buf);
}

void cli_diag_print(void *user, const dyad_error *err)
{
    cli_print_error(err);
    if (user)
        ++*(size_t *)user;
}

int cli_exit_for(dyad_status st)
{
    switch (st) {
    case DYAD_OK: return EXIT_OK;
    case DYAD_E_NOMEM: return EXIT_INTERNAL;
    case DYAD_E_IO: return EXIT_IO;
    case DYAD_E_SYNTAX: return EXIT_DICT;
    case DYAD_E_LIMIT: return EXIT_DICT;
    case DYAD_E_ARG: return EXIT_USAGE;
    case DYAD_E_STORE: return EXIT_STORE;
    case DYAD_E_UNSUPPORTED: return EXIT_USAGE;
    }
    return EXIT_INTERNAL;
}

dyad_dict *cli_load_dicts(const char *const *paths, size_t n, int lenient, int *exit_code)
{
    dyad_error err = {0};
    dyad_dict_opts o = {0};
    size_t left_out = 0;
    o.lenient = lenient;
    o.diag = cli_diag_print;
    o.diag_user = &left_out;
    dyad_dict *d = n ? dyad_dict_load_many(paths, n, &o, &err) : dyad_dict_load_default(&err);
    if (!d) {
        cli_print_error(&err);
        if (err.code == DYAD_E_SYNTAX && !lenient)
            fprintf(stderr, "dyad: (--lenient loads past malformed entries, listing each one)\n");
        *exit_code = cli_exit_for(err.code);
    } else if (left_out) {
        fprintf(stderr, "dyad: %zu malformed dictionary entries left out (listed above)\n", left_out);
    }
    return d;
}

int cli_filter_option(dyad_query *q, const char *opt, const char *val, int allow_all, char **dyad_copy)
{
    if (!strcmp(opt, "--by")) {
        static const char *const by[] = {"all", "day", "week", "month", "year"};
        for (int j = allow_all ? 0 : 1; j < 5; j++)
            if (!strcmp(val, by[j])) {
                q->by = (dyad_period)j;
                return 1;
            }
        return -1;
    }
    if (!strcmp(opt, "--dyad")) {
        free(*dyad_copy);
        *dyad_copy = strdup(val);
        char *comma = *dyad_copy ? strchr(*dyad_copy, ',') : NULL;
        if (!comma || comma == *dyad_copy || !comma[1])
            return -1;
        *comma = 0;
        q->dyad_a = *dyad_copy;
        q->dyad_b = comma + 1;
        return 1;
    }
    if (!strcmp(opt, "--quad")) {
        if (strlen(val) != 1 || val[0] < '1' || val[0] > '4')
            return -1;
        q->quad = val[0] - '0';
        return 1;
    }
    const char **field = !strcmp(opt, "--actor") ? &q->actor : !strcmp(opt, "--code") ? &q->code
                       : !strcmp(opt, "--root") ? &q->root : !strcmp(opt, "--plover") ? &q->plover
                       : !strcmp(opt, "--from") ? &q->from : !strcmp(opt, "--to") ? &q->to : NULL;
    if (!field)
        return 0;
    *field = val;
    return 1;
}
