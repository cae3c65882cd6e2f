#include <stdio.h>
#include <unistd.h>
#include "testutil.h"

const char *tu_shared(const char *rel, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", DYAD_SHARED_DIR, rel);
    if (access(buf, R_OK) != 0) {
        printf("SKIP: ../shared/%s is absent (a fresh clone without the shared data)\n", rel);
        return NULL;
    }
    return buf;
}

const char *tu_src(const char *rel, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", DYAD_SOURCE_DIR, rel);
    return buf;
}
