/* STUB: replaced by its owner. */
#include <stdio.h>
#include "cli.h"
int cmd_validate(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "dyad: 'validate' is not implemented yet\n"); return EXIT_USAGE; }
