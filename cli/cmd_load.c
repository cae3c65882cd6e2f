/* STUB: replaced by its owner. */
#include <stdio.h>
#include "cli.h"
int cmd_load(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "dyad: 'load' is not implemented yet\n"); return EXIT_USAGE; }
