#include <stdlib.h>

#include "util/util.h"

struct dy_arena_block {
    dy_arena_block *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

void dy_arena_init(dy_arena *a, size_t block_size)
{
    a->head = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->total = 0;
}

static dy_arena_block *ar_block(dy_arena *a, size_t need)
{
    size_t cap = need > a->block_size ? need : a->block_size;
    size_t sz;
    if (!dy_add_ok(sizeof(dy_arena_block), cap, &sz))
        return NULL;
    dy_arena_block *b = malloc(sz);
    if (!b)
        return NULL;
    b->cap = cap;
    b->used = 0;
    a->total += sz;
    return b;
}

void *dy_arena_alloc(dy_arena *a, size_t n)
{
    size_t need;
    if (!dy_add_ok(n, 15, &need))
        return NULL;
    need &= ~(size_t)15;
    if (need == 0)
        need = 16;
    dy_arena_block *b = a->head;
    if (!b || b->cap - b->used < need) {
        dy_arena_block *nb = ar_block(a, need);
        if (!nb)
            return NULL;
        /* A big one-off block goes behind the head so the head keeps filling. */
        if (b && need > a->block_size) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    return p;
}

void *dy_arena_calloc(dy_arena *a, size_t count, size_t size)
{
    size_t n;
    if (!dy_mul_ok(count, size, &n))
        return NULL;
    void *p = dy_arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *dy_arena_strndup(dy_arena *a, const char *s, size_t n)
{
    size_t sz;
    if (!dy_add_ok(n, 1, &sz))
        return NULL;
    char *p = dy_arena_alloc(a, sz);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

void dy_arena_reset(dy_arena *a)
{
    dy_arena_block *b = a->head;
    if (!b)
        return;
    /* Keep the last-allocated standard-size block, free everything else. */
    dy_arena_block *keep = NULL;
    while (b) {
        dy_arena_block *next = b->next;
        if (!keep && b->cap == a->block_size) {
            keep = b;
        } else {
            a->total -= sizeof(*b) + b->cap;
            free(b);
        }
        b = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
}

void dy_arena_free(dy_arena *a)
{
    dy_arena_block *b = a->head;
    while (b) {
        dy_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
