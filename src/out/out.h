/* out.h — event formatting into buffers (for workers that format in parallel
 * and a writer that emits buffers in input order). */
#ifndef DY_OUT_H
#define DY_OUT_H

#include "util/util.h"

/* Append one event line; on failure (out of memory) the buffer is unchanged. */
bool dy_event_format_jsonl(dy_buf *out, const dyad_event *ev);
bool dy_event_format_tsv(dy_buf *out, const dyad_event *ev);

#endif
