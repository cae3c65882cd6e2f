/* dyad validate [--ignore-parse] [--dict PATH] FILE */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void cv_line(void *user, const char *line)
{
    (void)user;
    printf("FAIL %s\n", line);
}

int cmd_validate(int argc, char **argv)
{
    dyad_validate_opts o = {0};
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: dyad validate [--ignore-parse] [--dict PATH] FILE\n"
                   "Runs a PETRARCH unit-test XML file or a TABARI .project validation suite.\n"
                   "Prints one line per failing record, then 'N passed, N failed'.\n"
                   "Exit 0 when all pass, 6 when some fail.\n");
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--ignore-parse")) {
            o.ignore_parse = 1;
        } else if (!strcmp(argv[i], "--dict") && i + 1 < argc) {
            o.dict_path = argv[++i];
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "dyad validate: unknown option '%s'\n", argv[i]);
            return EXIT_USAGE;
        } else if (!file) {
            file = argv[i];
        } else {
            fprintf(stderr, "dyad validate: one suite at a time\n");
            return EXIT_USAGE;
        }
    }
    if (!file) {
        fprintf(stderr, "usage: dyad validate [--ignore-parse] [--dict PATH] FILE\n");
        return EXIT_USAGE;
    }
    dyad_validate_result res;
    dyad_error err = {0};
    size_t left_out = 0;
    o.diag = cli_diag_print; /* dictionary entries left out, on stderr */
    o.diag_user = &left_out;
    int st = dyad_validate_run(file, &o, cv_line, NULL, &res, &err);
    if (st != DYAD_OK) {
        cli_print_error(&err);
        return cli_exit_for(err.code ? err.code : (dyad_status)st);
    }
    if (left_out)
        fprintf(stderr, "dyad validate: %zu malformed dictionary entries left out (listed above)\n", left_out);
    printf("%zu passed, %zu failed\n", res.passed, res.failed);
    return res.failed ? EXIT_FAILED : EXIT_OK;
}
