/* STUB: replaced by the store module (owner: store). */
#include "util/util.h"
dyad_store *dyad_store_open(const char *p, dyad_error *err)
{ dy_fail(err, DYAD_E_UNSUPPORTED, "store not implemented yet", p, 0, 0, NULL, 0); return NULL; }
void dyad_store_close(dyad_store *s) { (void)s; }
int dyad_store_load_jsonl(dyad_store *s, const char *path, dyad_diag_fn diag, void *u, dyad_load_stats *out, dyad_error *err)
{ (void)s; (void)diag; (void)u; (void)out; return dy_fail(err, DYAD_E_UNSUPPORTED, "store not implemented yet", path, 0, 0, NULL, 0); }
