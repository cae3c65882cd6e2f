/* util.h — internal building blocks shared by every module: overflow-checked
 * sizes, arenas, growable buffers, error helpers and slices. */
#ifndef DY_UTIL_H
#define DY_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad.h"

/* ---- slices: (pointer, length) views into input that is never copied ---- */
typedef struct dy_str {
    const char *p;
    size_t n;
} dy_str;

#define DY_STR(lit) ((dy_str){(lit), sizeof(lit) - 1})
static inline dy_str dy_str_of(const char *s) { return (dy_str){s, s ? strlen(s) : 0}; }
static inline bool dy_str_eq(dy_str a, dy_str b) { return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0); }
static inline bool dy_str_eqc(dy_str a, const char *c) { return dy_str_eq(a, dy_str_of(c)); }

/* ---- overflow-checked arithmetic ---- */
static inline bool dy_add_ok(size_t a, size_t b, size_t *out) { return !__builtin_add_overflow(a, b, out); }
static inline bool dy_mul_ok(size_t a, size_t b, size_t *out) { return !__builtin_mul_overflow(a, b, out); }

/* ---- errors ---- */
/* Set err (if non-NULL) and return the code, so callers can `return dy_fail(...)`. */
dyad_status dy_fail(dyad_error *err, dyad_status code, const char *msg, const char *path,
                    size_t line, size_t col, const char *detail, size_t detail_len);
void dy_error_clear(dyad_error *err);

/* ---- arena: bump allocation, freed all at once (one per document/sentence/dict) ---- */
typedef struct dy_arena_block dy_arena_block;
typedef struct dy_arena {
    dy_arena_block *head;
    size_t block_size;   /* default block size; large requests get their own block */
    size_t total;        /* bytes obtained from malloc, for stats */
} dy_arena;

void dy_arena_init(dy_arena *a, size_t block_size);
/* Returns NULL only when memory is exhausted or n overflows. Memory is 16-aligned. */
void *dy_arena_alloc(dy_arena *a, size_t n);
void *dy_arena_calloc(dy_arena *a, size_t count, size_t size);
char *dy_arena_strndup(dy_arena *a, const char *s, size_t n);
/* Keep the first block, drop the rest: cheap reuse between sentences. */
void dy_arena_reset(dy_arena *a);
void dy_arena_free(dy_arena *a);

/* ---- growable byte buffer ---- */
typedef struct dy_buf {
    char *p;
    size_t n, cap;
} dy_buf;

bool dy_buf_reserve(dy_buf *b, size_t extra);
bool dy_buf_put(dy_buf *b, const void *p, size_t n);
static inline bool dy_buf_puts(dy_buf *b, const char *s) { return dy_buf_put(b, s, strlen(s)); }
bool dy_buf_putc(dy_buf *b, char c);
bool dy_buf_printf(dy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminate without counting the NUL; returns the string or NULL on OOM. */
const char *dy_buf_cstr(dy_buf *b);
void dy_buf_free(dy_buf *b);

/* ---- growable typed vectors: DY_VEC_PUSH(vec, n, cap, value) with overflow checks ---- */
/* Per-node and per-token pushes call this millions of times a second: the
 * common case (room left) is answered inline, growth goes out of line. */
bool dy_grow_slow(void **p, size_t *cap, size_t need, size_t elem);
static inline bool dy_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap || dy_grow_slow(p, cap, need, elem);
}
#define DY_VEC_PUSH(ptr, n, cap, val) \
    (((n) < (cap) || dy_grow((void **)&(ptr), &(cap), (n) + 1, sizeof(*(ptr)))) \
         ? ((ptr)[(n)++] = (val), true) : false)

/* ---- hashing ---- */
static inline uint64_t dy_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

/* ---- files ---- */
/* Read a whole file; *out is NUL-terminated. Returns DYAD_OK or an error. */
dyad_status dy_read_file(const char *path, char **out, size_t *len, dyad_error *err);

#endif
