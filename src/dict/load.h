/* load.h — internal entry points of the dictionary loaders. dyad_dict_load()
 * (src/dict/load.c) detects what a path is and calls these; the embedded
 * defaults call dy_dict_add_buffer() on compiled-in text. */
#ifndef DY_DICT_LOAD_H
#define DY_DICT_LOAD_H

#include "dict/dict.h"

typedef enum dy_dict_kind {
    DY_DK_AUTO = 0,           /* from the file name */
    DY_DK_PETR_VERBS,         /* CAMEO.2.0.txt, *.verbs.txt */
    DY_DK_PETR_ACTORS,        /* *.actors.txt */
    DY_DK_PETR_AGENTS,        /* *.agents.txt */
    DY_DK_PETR_DISCARDS,      /* *.discards.txt */
    DY_DK_PETR_ISSUES,        /* *Issue*.txt */
    DY_DK_TABARI_VERBS,       /* .verbs */
    DY_DK_TABARI_ACTORS,      /* .actors */
    DY_DK_TABARI_AGENTS,      /* .agents */
    DY_DK_TABARI_OPTIONS,     /* .options */
    DY_DK_TABARI_DISCARDS     /* discards.txt in TABARI form */
} dy_dict_kind;

/* A new, empty dictionary set. */
struct dyad_dict *dy_dict_new(void);
/* Parse one file (or buffer) into d. On a malformed line: fills err with
 * path:line:column and reason; with opts->keep_going, reports each error to
 * opts->diag and continues, returning DYAD_E_SYNTAX at the end. */
dyad_status dy_dict_add_file(struct dyad_dict *d, const char *path, dy_dict_kind kind,
                             const dyad_dict_opts *opts, dyad_error *err);
dyad_status dy_dict_add_buffer(struct dyad_dict *d, const char *name, const char *buf,
                               size_t len, dy_dict_kind kind, const dyad_dict_opts *opts,
                               dyad_error *err);
/* Build the indexes once all files are in; after this d is read-only. */
dyad_status dy_dict_finish(struct dyad_dict *d, dyad_error *err);

#endif
