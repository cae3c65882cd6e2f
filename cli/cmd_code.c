/* STUB: replaced by its owner. */
#include <stdio.h>
#include "cli.h"
int cmd_code(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "dyad: 'code' is not implemented yet\n"); return EXIT_USAGE; }
