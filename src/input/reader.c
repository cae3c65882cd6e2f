/* STUB: replaced by the input readers (owner: input). */
#include "input/doc.h"
int dyad_format_from_name(const char *name) { (void)name; return -1; }
const char *dyad_format_name(dyad_format f) { (void)f; return ""; }
dyad_reader *dyad_reader_open(const char *path, dyad_format fmt, dyad_diag_fn diag, void *u, dyad_error *err)
{ (void)fmt; (void)diag; (void)u; dy_fail(err, DYAD_E_UNSUPPORTED, "readers not implemented yet", path, 0, 0, NULL, 0); return NULL; }
dyad_reader *dyad_reader_open_mem(const char *buf, size_t len, const char *name, dyad_format fmt, dyad_diag_fn diag, void *u, dyad_error *err)
{ (void)buf; (void)len; return dyad_reader_open(name, fmt, diag, u, err); }
const dyad_doc *dyad_reader_next(dyad_reader *r, dyad_error *err) { (void)r; (void)err; return NULL; }
void dyad_reader_free(dyad_reader *r) { (void)r; }
void dyad_reader_get_stats(const dyad_reader *r, dyad_read_stats *out) { (void)r; memset(out, 0, sizeof *out); }
const char *dyad_doc_id(const dyad_doc *d) { return d->id; }
const char *dyad_doc_date(const dyad_doc *d) { return d->date; }
size_t dyad_doc_sentence_count(const dyad_doc *d) { return d->nsent; }
const char *dyad_doc_sentence_text(const dyad_doc *d, size_t i, size_t *len)
{ if (i >= d->nsent) return NULL; if (len) *len = d->sents[i].len; return d->sents[i].text; }
