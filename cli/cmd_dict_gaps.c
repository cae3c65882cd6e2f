/* STUB: `dyad dict gaps` is implemented by its owner; this placeholder keeps
 * the subcommand slot in cmd_dict.c linked until then. */
#include <stdio.h>

#include "cli.h"

int cmd_dict_gaps(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dyad: 'dict gaps' is not implemented yet\n");
    return EXIT_USAGE;
}
