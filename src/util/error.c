#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/util.h"

const char *dyad_version(void) { return DYAD_VERSION_STRING; }

dyad_status dy_fail(dyad_error *err, dyad_status code, const char *msg, const char *path,
                    size_t line, size_t col, const char *detail, size_t detail_len)
{
    if (!err)
        return code;
    err->code = code;
    err->msg = msg;
    err->path = path;
    err->pos = 0;
    err->line = line;
    err->col = col;
    err->detail[0] = 0;
    if (detail) {
        size_t n = detail_len < sizeof err->detail - 1 ? detail_len : sizeof err->detail - 1;
        memcpy(err->detail, detail, n);
        err->detail[n] = 0;
        for (size_t i = 0; i < n; i++)
            if (err->detail[i] == '\n' || err->detail[i] == '\r' || err->detail[i] == '\t')
                err->detail[i] = ' ';
    }
    return code;
}

void dy_error_clear(dyad_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

void dyad_error_locate(dyad_error *err, const char *buf, size_t len)
{
    if (!err || !buf)
        return;
    size_t line = 1, col = 1;
    size_t end = err->pos < len ? err->pos : len;
    for (size_t i = 0; i < end; i++) {
        if (buf[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
            col++; /* count code points, not bytes */
        }
    }
    err->line = line;
    err->col = col;
}

size_t dyad_error_format(const dyad_error *err, char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    int k;
    const char *msg = err && err->msg ? err->msg : "unknown error";
    const char *path = err && err->path ? err->path : NULL;
    if (path && err->line && err->col)
        k = snprintf(out, cap, "%s:%zu:%zu: %s", path, err->line, err->col, msg);
    else if (path && err->line)
        k = snprintf(out, cap, "%s:%zu: %s", path, err->line, msg);
    else if (path)
        k = snprintf(out, cap, "%s: %s", path, msg);
    else
        k = snprintf(out, cap, "%s", msg);
    if (k < 0)
        k = 0;
    size_t n = (size_t)k < cap ? (size_t)k : cap - 1;
    if (err && err->detail[0] && n < cap - 1) {
        int j = snprintf(out + n, cap - n, " (%s)", err->detail);
        if (j > 0)
            n += (size_t)j < cap - n ? (size_t)j : cap - n - 1;
    }
    return n;
}

dyad_status dy_read_file(const char *path, char **out, size_t *len, dyad_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return dy_fail(err, DYAD_E_IO, "cannot open file", path, 0, 0, strerror(errno),
                       strlen(strerror(errno)));
    dy_buf b = {0};
    char chunk[65536];
    size_t k;
    dyad_status st = DYAD_OK;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (!dy_buf_put(&b, chunk, k)) {
            st = dy_fail(err, DYAD_E_NOMEM, "out of memory reading file", path, 0, 0, NULL, 0);
            goto done;
        }
    }
    if (ferror(f)) {
        st = dy_fail(err, DYAD_E_IO, "read error", path, 0, 0, NULL, 0);
        goto done;
    }
    if (!dy_buf_cstr(&b)) {
        st = dy_fail(err, DYAD_E_NOMEM, "out of memory reading file", path, 0, 0, NULL, 0);
        goto done;
    }
    *out = b.p;
    *len = b.n;
    b.p = NULL;
done:
    dy_buf_free(&b);
    fclose(f);
    return st;
}
