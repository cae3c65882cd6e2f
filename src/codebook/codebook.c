/* STUB: replaced by the codebook module (owner: codebook). */
#include "util/util.h"
const dyad_code_info *dyad_codebook_lookup(const char *code) { (void)code; return NULL; }
size_t dyad_codebook_count(void) { return 0; }
const dyad_code_info *dyad_codebook_at(size_t i) { (void)i; return NULL; }
const char *dyad_scale_name(dyad_scale s) { (void)s; return ""; }
const char *dyad_quad_scheme_name(dyad_quad_scheme s) { (void)s; return ""; }
const char *dyad_quad_name(dyad_quad q) { (void)q; return ""; }
