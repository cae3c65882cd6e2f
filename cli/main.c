/* main.c — argument dispatch for the dyad command-line tool. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *help;
} cmds[] = {
    {"code", cmd_code, "code news into events"},
    {"validate", cmd_validate, "run a PETRARCH or TABARI validation suite"},
    {"dict", cmd_dict, "check, describe or find gaps in dictionaries"},
    {"codes", cmd_codes, "look up CAMEO codes"},
    {"load", cmd_load, "load events into a store"},
    {"query", cmd_query, "ask a store questions"},
    {"report", cmd_report, "write an HTML report from a store"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].help);
    fprintf(f, "\n'dyad COMMAND --help' for a command's options. dyad %s\n", dyad_version());
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("dyad %s\n", dyad_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
