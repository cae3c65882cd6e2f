/* `dyad dict`: check dictionaries (listing every error), print their
 * statistics, or find gaps (cmd_dict_gaps.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct cd_counts {
    size_t errors, warnings;
} cd_counts;

static void cd_diag(void *user, const dyad_error *err)
{
    cd_counts *c = user;
    char buf[1024];
    dyad_error_format(err, buf, sizeof buf);
    if (err->code == DYAD_E_UNSUPPORTED) {
        c->warnings++;
        fprintf(stderr, "dyad: %s\n", buf);
    } else {
        c->errors++;
        fprintf(stderr, "dyad: %s\n", buf);
    }
}

static void cd_usage(FILE *f)
{
    fprintf(f, "usage: dyad dict check PATH...   check dictionaries, listing every error\n"
               "       dyad dict stats [--lenient] PATH...\n"
               "                                 count synsets, verbs, patterns, actors, agents...\n"
               "                                 (--lenient: leave malformed entries out, listing them)\n"
               "       dyad dict gaps ...        find gaps in dictionary coverage\n"
               "PATH is a dictionary directory, a PETRARCH .ini, a TABARI .project or a file.\n"
               "Exit status: 0 clean, 3 dictionary errors, 2 usage.\n");
}

static int cd_check(int argc, char **argv)
{
    cd_counts c = {0, 0};
    dyad_dict_opts opts = {.keep_going = 1, .diag = cd_diag, .diag_user = &c};
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load_many((const char *const *)argv, (size_t)argc, &opts, &err);
    if (!d) {
        if (c.errors == 0) /* not reported through diag (e.g. out of memory) */
            cli_print_error(&err);
        fprintf(stderr, "dyad: %zu error%s in dictionaries\n", c.errors ? c.errors : 1,
                c.errors == 1 ? "" : "s");
        return err.code == DYAD_E_NOMEM ? EXIT_INTERNAL : EXIT_DICT;
    }
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    printf("ok: %zu file%s, %zu verbs, %zu patterns, %zu actors, %zu agents, %zu warning%s\n", st.files,
           st.files == 1 ? "" : "s", st.verbs, st.patterns, st.actors, st.agents, c.warnings,
           c.warnings == 1 ? "" : "s");
    dyad_dict_free(d);
    return EXIT_OK;
}

static int cd_stats(int argc, char **argv)
{
    cd_counts c = {0, 0};
    dyad_dict_opts opts = {.diag = cd_diag, .diag_user = &c};
    if (argc > 0 && !strcmp(argv[0], "--lenient")) {
        opts.lenient = 1; /* count what loads; malformed entries are listed and left out */
        argc--;
        argv++;
    }
    if (argc < 1) {
        fprintf(stderr, "dyad: 'dict stats' needs at least one PATH\n");
        return EXIT_USAGE;
    }
    dyad_error err = {0};
    dyad_dict *d = dyad_dict_load_many((const char *const *)argv, (size_t)argc, &opts, &err);
    if (!d) {
        cli_print_error(&err);
        return err.code == DYAD_E_NOMEM ? EXIT_INTERNAL : EXIT_DICT;
    }
    dyad_dict_stats s;
    dyad_dict_get_stats(d, &s);
    printf("dictionaries     %s\n", dyad_dict_describe(d));
    printf("files            %zu\n", s.files);
    printf("synsets          %zu\n", s.synsets);
    printf("synset_phrases   %zu\n", s.synset_phrases);
    printf("verb_blocks      %zu\n", s.verb_blocks);
    printf("verbs            %zu\n", s.verbs);
    printf("verb_forms       %zu\n", s.verb_forms);
    printf("patterns         %zu\n", s.patterns);
    printf("transformations  %zu\n", s.transformations);
    printf("actors           %zu\n", s.actors);
    printf("actor_phrases    %zu\n", s.actor_phrases);
    printf("actor_codes      %zu\n", s.actor_codes);
    printf("agents           %zu\n", s.agents);
    printf("agent_phrases    %zu\n", s.agent_phrases);
    printf("discards         %zu\n", s.discards);
    printf("issues           %zu\n", s.issues);
    printf("words            %zu\n", s.words);
    printf("bytes            %zu\n", s.bytes);
    printf("rejected         %zu\n", s.rejected);
    dyad_dict_free(d);
    return EXIT_OK;
}

int cmd_dict(int argc, char **argv)
{
    /* argv[0] is "dict" */
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        cd_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "gaps"))
        return cmd_dict_gaps(argc - 1, argv + 1);
    if (strcmp(sub, "check") && strcmp(sub, "stats")) {
        fprintf(stderr, "dyad: unknown 'dict' subcommand '%s'\n", sub);
        cd_usage(stderr);
        return EXIT_USAGE;
    }
    if (argc < 3) {
        fprintf(stderr, "dyad: 'dict %s' needs at least one PATH\n", sub);
        return EXIT_USAGE;
    }
    return !strcmp(sub, "check") ? cd_check(argc - 2, argv + 2) : cd_stats(argc - 2, argv + 2);
}
