/* testutil.h — helpers for cmocka tests. */
#ifndef DY_TESTUTIL_H
#define DY_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Path under ../shared, or NULL (and one clear line on stdout) when absent. */
const char *tu_shared(const char *rel, char *buf, size_t cap);
/* Path under the source tree. */
const char *tu_src(const char *rel, char *buf, size_t cap);
/* Skip the whole test program (exit 77, which ctest reports as skipped). */
#define TU_SKIP_PROGRAM(why) do { printf("SKIP: %s\n", why); return 77; } while (0)
#endif
