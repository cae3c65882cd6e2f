/* cli.h — shared bits of the command-line tool. The CLI sees only dyad.h. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "dyad.h"

/* Exit codes (documented in README.md, "Exit codes"). */
enum {
    EXIT_OK = 0,          /* everything read was coded/loaded */
    EXIT_REJECTS = 1,     /* finished, but some records were rejected (see stderr) */
    EXIT_USAGE = 2,       /* bad command line */
    EXIT_DICT = 3,        /* dictionary or configuration error */
    EXIT_IO = 4,          /* input or output could not be read or written */
    EXIT_STORE = 5,       /* database error */
    EXIT_FAILED = 6,      /* validation ran, and some records failed */
    EXIT_INTERNAL = 70    /* out of memory or an internal error */
};

typedef int (*cli_cmd_fn)(int argc, char **argv);

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_dict(int argc, char **argv);
/* `dyad dict gaps`: implemented in cmd_dict_gaps.c (argv[0] is "gaps"). */
int cmd_dict_gaps(int argc, char **argv);
int cmd_codes(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Print an error as "dyad: path:line:col: message (detail)" on stderr. */
void cli_print_error(const dyad_error *err);
/* A dyad_diag_fn that prints diagnostics and counts them in *(size_t *)user. */
void cli_diag_print(void *user, const dyad_error *err);
/* Map a library status to an exit code. */
int cli_exit_for(dyad_status st);
/* The filter options `dyad query` and `dyad report` share (--by, --actor,
 * --dyad, --code, --root, --plover, --quad, --from, --to). Returns 1 when
 * `opt` was one and is set, -1 when its value is invalid, 0 when `opt` is not
 * a filter option. --dyad's copy lives in *dyad_copy (the caller frees it). */
int cli_filter_option(dyad_query *q, const char *opt, const char *val, int allow_all, char **dyad_copy);

/* Load the --dict PATHs (one or more), or the embedded defaults when n is 0. */
dyad_dict *cli_load_dicts(const char *const *paths, size_t n, int lenient, int *exit_code);

#endif
