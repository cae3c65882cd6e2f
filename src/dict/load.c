/* STUB: replaced by the dictionary loaders (owner: dict). */
#include <stdlib.h>
#include "dict/load.h"

dyad_dict *dyad_dict_load(const char *path, const dyad_dict_opts *opts, dyad_error *err)
{ (void)opts; dy_fail(err, DYAD_E_UNSUPPORTED, "dictionary loading not implemented yet", path, 0, 0, NULL, 0); return NULL; }
dyad_dict *dyad_dict_load_many(const char *const *paths, size_t npaths, const dyad_dict_opts *opts, dyad_error *err)
{ return npaths ? dyad_dict_load(paths[0], opts, err) : NULL; }
dyad_dict *dyad_dict_load_default(dyad_error *err)
{ dy_fail(err, DYAD_E_UNSUPPORTED, "default dictionaries not implemented yet", NULL, 0, 0, NULL, 0); return NULL; }
void dyad_dict_free(dyad_dict *d) { (void)d; }
void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *out) { (void)d; memset(out, 0, sizeof *out); }
const char *dyad_dict_describe(const dyad_dict *d) { (void)d; return ""; }
